//! migrations: the database's schema versions, and the steps that take a database from any older
//! version to the current one.
//!
//! - Version 1 (the first layout): stores `cases`, `drafts`, `settings`; each value the JSON text
//!   `{"id", "data"}`, with no revision or save time.
//! - Version 2 (current): adds `policies` and `meta`; each value is a whole [`Record`] as JSON
//!   text, with `revision` and `updated_at`.
//!
//! Schema steps (creating stores) run in the browser's upgrade transaction, one per version, in
//! order: adding version 3 is one more entry in [`SCHEMA_STEPS`]. A step that must rewrite records
//! leaves a note in `meta`; [`finish_pending`] then rewrites them in one read-write transaction
//! straight after opening, and removes the note in the same transaction. If the tab closes in
//! between, the note is still there and the next open finishes the job, so nothing is lost or
//! half-migrated.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::Deserialize;

use super::{now_rfc3339, Storable, StoreError, META};
use crate::record::{Record, RecordKind};

/// The version this code writes.
pub const SCHEMA_VERSION: u32 = 2;

/// The `meta` key of the note left by a step whose records still need rewriting.
const PENDING: &str = "pending-data-migration";

type Step = fn(&Database, bool) -> indexed_db_futures::Result<()>;

/// `SCHEMA_STEPS[n]` takes the database from version `n` to `n + 1`. The flag says whether the
/// database existed before this upgrade (so its records may need rewriting).
const SCHEMA_STEPS: [Step; SCHEMA_VERSION as usize] = [to_v1, to_v2];

fn to_v1(db: &Database, _existed: bool) -> indexed_db_futures::Result<()> {
    for name in ["cases", "drafts", "settings"] {
        db.create_object_store(name).build()?;
    }
    Ok(())
}

fn to_v2(db: &Database, existed: bool) -> indexed_db_futures::Result<()> {
    db.create_object_store("policies").build()?;
    let meta = db.create_object_store(META).build()?;
    if existed {
        let _request = meta.put("1").with_key(PENDING).primitive()?;
    }
    Ok(())
}

/// Runs in the upgrade transaction: every step from `old_version` to the current one.
pub(super) fn upgrade(old_version: u32, db: &Database) -> indexed_db_futures::Result<()> {
    for (from, step) in SCHEMA_STEPS.iter().enumerate().skip(old_version as usize) {
        step(db, old_version > 0 && from >= 1)?;
    }
    Ok(())
}

/// A version-1 value.
#[derive(Deserialize)]
struct V1Value {
    id: String,
    data: serde_json::Value,
}

/// Rewrites records left in an older layout, if an upgrade left a note saying so.
pub(super) async fn finish_pending(db: &Database) -> Result<(), StoreError> {
    let names = ["cases", "drafts", "settings", META];
    let tx = db.transaction(names).with_mode(TransactionMode::Readwrite).build()?;
    let _in_flight = super::in_flight::begin(&tx);
    let meta = tx.object_store(META)?;
    let pending: Option<String> = meta.get(PENDING).primitive()?.await?;
    if pending.is_none() {
        return Ok(());
    }
    let now = now_rfc3339();
    for kind in [RecordKind::Case, RecordKind::Draft, RecordKind::Setting] {
        let store = tx.object_store(kind.store_name())?;
        let texts = store.get_all::<String>().primitive()?.await?;
        for text in texts {
            let text = text?;
            let old: V1Value = serde_json::from_str(&text)
                .map_err(|e| StoreError::Corrupt { kind, detail: format!("version 1 record: {e}") })?;
            let record = Record { kind, id: old.id, revision: 1, updated_at: now.clone(), data: old.data };
            let _request = store.put(record.to_stored_json()).with_key(record.id.as_str()).primitive()?;
        }
    }
    meta.delete(PENDING).primitive()?.await?;
    tx.commit().await?;
    Ok(())
}

/// Writes a genuine version-1 database called `name` holding `records` (kind, id, data), for the
/// migration test. Not for use by the app.
#[doc(hidden)]
pub async fn create_v1_fixture(
    name: &str,
    records: &[(RecordKind, &str, serde_json::Value)],
) -> Result<(), StoreError> {
    let db =
        Database::open(name).with_version(1u32).with_on_upgrade_needed(|_, db| to_v1(&db, false)).await?;
    let tx = db.transaction(["cases", "drafts", "settings"]).with_mode(TransactionMode::Readwrite).build()?;
    for (kind, id, data) in records {
        let store = tx.object_store(kind.store_name())?;
        let text = serde_json::json!({ "id": id, "data": data }).to_string();
        store.put(text).with_key(*id).primitive()?.await?;
    }
    tx.commit().await?;
    db.close();
    Ok(())
}
