//! store: the only module that touches IndexedDB.
//!
//! Every [`Record`] lives in the object store its kind names (cases, drafts, policies, settings),
//! keyed by its id, stored as its JSON text so it round-trips exactly. Each logical change is one
//! transaction, which `indexed_db_futures` rolls back unless it is committed: a failure leaves the
//! database as it was. A save names the revision it started from; if another tab saved meanwhile
//! it is refused with [`StoreError::Conflict`] instead of overwriting. Errors are typed and every
//! one has a plain-English [`StoreError::user_message`].
//!
//! Schema versions and migrations are described in `docs/storage.md` and in [`migrations`].

pub mod changes;
mod error;
pub mod in_flight;
mod migrations;
mod typed;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub use crate::record::Unreadable;
use crate::record::{RawRecord, Record, RecordKind};

pub use error::StoreError;
#[doc(hidden)]
pub use migrations::create_v1_fixture;
pub use migrations::SCHEMA_VERSION;
pub use typed::{Listing, SettingRead};

/// The app's database name.
pub const DB_NAME: &str = "redress";
/// The store that holds schema bookkeeping (pending data migrations).
const META: &str = "meta";

/// An open connection to the database.
pub struct Db {
    db: Database,
    /// Its name, which names the channel its changes are announced on ([`changes`]).
    name: String,
    /// Set when another tab upgraded the database: this connection was closed and the page
    /// must be reloaded.
    version_changed: Rc<Cell<bool>>,
}

impl Db {
    /// Opens (and if needed creates or migrates) the app's database.
    pub async fn open() -> Result<Db, StoreError> {
        Db::open_named(DB_NAME).await
    }

    /// Opens a database by name (tests use unique names).
    pub async fn open_named(name: &str) -> Result<Db, StoreError> {
        let blocked = Rc::new(BlockedState::default());
        let on_blocked = blocked.clone();
        let request = Database::open(name)
            .with_version(SCHEMA_VERSION)
            .with_on_blocked(move |_| {
                on_blocked.block();
                Ok(())
            })
            .with_on_upgrade_needed(|event, db| migrations::upgrade(event.old_version() as u32, &db))
            .build()?;
        let db = UnlessBlocked { open: Box::pin(request), blocked }.await?;
        migrations::finish_pending(&db).await?;
        let version_changed = Rc::new(Cell::new(false));
        if let Ok(mut listener) = db.version_changes() {
            let flag = version_changed.clone();
            let to_close = db.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if listener.recv().await.is_some() {
                    flag.set(true);
                    to_close.close();
                }
            });
        }
        Ok(Db { db, name: name.to_string(), version_changed })
    }

    /// Begins a transaction on `stores`, counted as in flight ([`in_flight`]) while the second
    /// value lives: keep it to the end of the function.
    fn begin<S: indexed_db_futures::database::ObjectStoreName>(
        &self,
        stores: S,
        mode: TransactionMode,
    ) -> Result<(indexed_db_futures::transaction::Transaction<'_>, in_flight::Begun), StoreError> {
        let tx = self.live()?.transaction(stores).with_mode(mode).build()?;
        let begun = in_flight::begin(&tx);
        Ok((tx, begun))
    }

    fn live(&self) -> Result<&Database, StoreError> {
        if self.version_changed.get() {
            Err(StoreError::VersionChanged)
        } else {
            Ok(&self.db)
        }
    }

    /// One record, if it exists.
    pub async fn get(&self, kind: RecordKind, id: &str) -> Result<Option<Record>, StoreError> {
        self.text(kind, id).await?.map(|t| decode(kind, &t)).transpose()
    }

    /// One record's stored text, if it exists.
    async fn text(&self, kind: RecordKind, id: &str) -> Result<Option<String>, StoreError> {
        let (tx, _in_flight) = self.begin(kind.store_name(), TransactionMode::Readonly)?;
        let store = tx.object_store(kind.store_name())?;
        Ok(store.get(id).primitive()?.await?)
    }

    /// Every record of one kind as its id and stored text, whether or not the text can be read.
    async fn texts(&self, kind: RecordKind) -> Result<Vec<(String, String)>, StoreError> {
        let (tx, _in_flight) = self.begin(kind.store_name(), TransactionMode::Readonly)?;
        let store = tx.object_store(kind.store_name())?;
        keyed_texts(&store).await
    }

    /// Every record of one kind.
    pub async fn list(&self, kind: RecordKind) -> Result<Vec<Record>, StoreError> {
        let (tx, _in_flight) = self.begin(kind.store_name(), TransactionMode::Readonly)?;
        let store = tx.object_store(kind.store_name())?;
        read_all(&store, kind).await
    }

    /// Every record of every kind, for export and import, with any that cannot be read set
    /// aside and named (a damaged record, or one saved before the import refused data nested too
    /// deeply to read back), so one bad record never stops the others being backed up.
    pub async fn all(&self) -> Result<Everything, StoreError> {
        let names: Vec<&str> = RecordKind::ALL.iter().map(|k| k.store_name()).collect();
        let (tx, _in_flight) = self.begin(names, TransactionMode::Readonly)?;
        let mut everything = Everything::default();
        for kind in RecordKind::ALL {
            let store = tx.object_store(kind.store_name())?;
            for (id, text) in keyed_texts(&store).await? {
                match decode(kind, &text) {
                    Ok(record) => everything.records.push(record),
                    Err(e) => everything.unreadable.push(Unreadable {
                        kind,
                        id,
                        revision: stored_revision(&text),
                        detail: e.to_string(),
                    }),
                }
            }
        }
        Ok(everything)
    }

    /// How many records each store holds.
    pub async fn counts(&self) -> Result<Vec<(RecordKind, u32)>, StoreError> {
        let names: Vec<&str> = RecordKind::ALL.iter().map(|k| k.store_name()).collect();
        let (tx, _in_flight) = self.begin(names, TransactionMode::Readonly)?;
        let mut counts = Vec::new();
        for kind in RecordKind::ALL {
            let store = tx.object_store(kind.store_name())?;
            let n: u32 = store.count().primitive()?.await?;
            counts.push((kind, n));
        }
        Ok(counts)
    }

    /// Saves one record. `record.revision` is the revision the caller last read (0 for a new
    /// record). Refused with [`StoreError::Conflict`] if the stored revision differs (another tab
    /// saved meanwhile) or a new record's id is taken. Returns the saved record (revision + 1,
    /// `updated_at` now). One transaction.
    pub async fn save(&self, record: Record) -> Result<Record, StoreError> {
        let mut saved = self.write_all(vec![record]).await?;
        Ok(saved.remove(0))
    }

    /// Deletes one record if its stored revision is still `expected_revision`.
    pub async fn delete(&self, kind: RecordKind, id: &str, expected_revision: u64) -> Result<(), StoreError> {
        let (tx, _in_flight) = self.begin(kind.store_name(), TransactionMode::Readwrite)?;
        let store = tx.object_store(kind.store_name())?;
        let text: Option<String> = store.get(id).primitive()?.await?;
        let Some(text) = text else {
            return Err(StoreError::NotFound { kind, id: id.to_string() });
        };
        let stored = stored_revision(&text).ok_or_else(|| corrupt(kind, &text))?;
        if stored != expected_revision {
            return Err(StoreError::Conflict { kind, id: id.to_string(), stored_revision: stored });
        }
        store.delete(id).primitive()?.await?;
        commit(tx).await?;
        changes::announce(
            &self.name,
            changes::Changed::of(vec![changes::Change { kind, id: id.to_string(), revision: None }]),
        );
        Ok(())
    }

    /// Writes records in ONE read-write transaction across the stores, all or nothing. Each
    /// record's `revision` is the stored revision it expects to replace (0: must not exist yet);
    /// any mismatch refuses the whole write. Returns the records as saved. Records come as JSON
    /// values ([`Record`]) or, from an import, as text ([`RawRecord`]), which is written as it is.
    pub async fn write_all<R: Storable>(&self, records: Vec<R>) -> Result<Vec<R>, StoreError> {
        if records.is_empty() {
            return Ok(Vec::new());
        }
        let now = now_rfc3339();
        let mut kinds: Vec<RecordKind> = records.iter().map(|r| r.key().0).collect();
        kinds.sort();
        kinds.dedup();
        let names: Vec<&str> = kinds.iter().map(|k| k.store_name()).collect();
        let (tx, _in_flight) = self.begin(names, TransactionMode::Readwrite)?;

        // Current revisions, read inside the same transaction so nothing can change under us.
        let mut stored: HashMap<(RecordKind, String), u64> = HashMap::new();
        // Only the revisions are read, so a stored record that cannot be read whole can still be
        // replaced by a good one.
        if records.len() > 16 {
            for &kind in &kinds {
                let store = tx.object_store(kind.store_name())?;
                for text in store.get_all::<String>().primitive()?.await? {
                    let text = text?;
                    let head = stored_head(&text).ok_or_else(|| corrupt(kind, &text))?;
                    stored.insert((kind, head.id), head.revision);
                }
            }
        } else {
            for record in &records {
                let (kind, id) = record.key();
                let store = tx.object_store(kind.store_name())?;
                let text: Option<String> = store.get(id).primitive()?.await?;
                if let Some(text) = text {
                    let revision = stored_revision(&text).ok_or_else(|| corrupt(kind, &text))?;
                    stored.insert((kind, id.to_string()), revision);
                }
            }
        }

        let mut saved = Vec::with_capacity(records.len());
        for mut record in records {
            let (kind, id) = record.key();
            let current = stored.get(&(kind, id.to_string())).copied().unwrap_or(0);
            if current != record.revision() {
                // Dropping the transaction without committing rolls it back: nothing is written.
                return Err(StoreError::Conflict { kind, id: id.to_string(), stored_revision: current });
            }
            record.mark_saved(current + 1, &now);
            saved.push(record);
        }
        let mut stores = HashMap::new();
        for &kind in &kinds {
            stores.insert(kind, tx.object_store(kind.store_name())?);
        }
        let texts = JsTexts::new(
            saved.iter().flat_map(|record| [record.key().1.to_string(), record.to_stored_json()]),
        );
        for (n, record) in saved.iter().enumerate() {
            let (kind, _) = record.key();
            let (id, text) = (texts.get(2 * n), texts.get(2 * n + 1));
            // Requests go out without awaiting each one; the commit waits for them all and fails
            // (rolling everything back) if any of them failed.
            let _request = stores[&kind].put(JsValue::from(text)).with_key(JsValue::from(id)).primitive()?;
        }
        drop(stores);
        commit(tx).await?;
        let changed = saved
            .iter()
            .map(|record| {
                let (kind, id) = record.key();
                changes::Change { kind, id: id.to_string(), revision: Some(record.revision()) }
            })
            .collect();
        changes::announce(&self.name, changes::Changed::of(changed));
        Ok(saved)
    }

    /// Deletes every record of every kind, in one transaction.
    pub async fn clear_everything(&self) -> Result<(), StoreError> {
        let names: Vec<&str> = RecordKind::ALL.iter().map(|k| k.store_name()).collect();
        let (tx, _in_flight) = self.begin(names, TransactionMode::Readwrite)?;
        for kind in RecordKind::ALL {
            tx.object_store(kind.store_name())?.clear()?.await?;
        }
        commit(tx).await?;
        changes::announce(&self.name, changes::Changed::Everything);
        Ok(())
    }

    /// Writes `text` under `id` as it is, unchecked: what damage, or an import from before a
    /// check was added, could have left behind. For tests only.
    #[doc(hidden)]
    pub async fn put_text_unchecked(&self, kind: RecordKind, id: &str, text: &str) -> Result<(), StoreError> {
        let (tx, _in_flight) = self.begin(kind.store_name(), TransactionMode::Readwrite)?;
        let store = tx.object_store(kind.store_name())?;
        store.put(JsValue::from(text)).with_key(JsValue::from(id)).primitive()?.await?;
        commit(tx).await
    }

    /// Closes the connection (tests use this to let another connection upgrade).
    pub fn close(self) {
        self.db.close();
    }
}

/// Every record in `store` as its key and stored text.
async fn keyed_texts(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
) -> Result<Vec<(String, String)>, StoreError> {
    // Keys and values in the same transaction come in the same (key) order.
    let keys: Vec<String> = store
        .get_all_keys::<JsValue>()
        .primitive()?
        .await?
        .map(|key| key.map(|k| k.as_string().unwrap_or_else(|| format!("{k:?}"))))
        .collect::<Result<_, _>>()?;
    let texts = store.get_all::<String>().primitive()?.await?;
    keys.into_iter().zip(texts).map(|(id, text)| Ok((id, text?))).collect()
}

async fn read_all(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    kind: RecordKind,
) -> Result<Vec<Record>, StoreError> {
    let texts = store.get_all::<String>().primitive()?.await?;
    let mut records = Vec::new();
    for text in texts {
        records.push(decode(kind, &text?)?);
    }
    Ok(records)
}

/// Many strings handed to JavaScript at once: one string holding them all, decoded from UTF-8
/// once, and each taken from it as a slice. Handing over ten thousand records one string at a
/// time costs a decode call each, which is most of the time the page spends on a large import's
/// write before IndexedDB takes over.
struct JsTexts {
    all: js_sys::JsString,
    /// Where each string ends in `all`, in UTF-16 code units (JavaScript's string indices).
    ends: Vec<u32>,
}

impl JsTexts {
    fn new(texts: impl Iterator<Item = String>) -> JsTexts {
        let mut all = String::new();
        let mut ends = Vec::new();
        let mut units = 0u32;
        for text in texts {
            let length = if text.is_ascii() { text.len() } else { text.encode_utf16().count() };
            units += length as u32;
            ends.push(units);
            all.push_str(&text);
        }
        JsTexts { all: js_sys::JsString::from(all.as_str()), ends }
    }

    fn get(&self, n: usize) -> js_sys::JsString {
        let start = if n == 0 { 0 } else { self.ends[n - 1] };
        self.all.substring(start, self.ends[n])
    }
}

/// A record as the store writes it: its text is the JSON of a [`Record`], which reads it back.
pub trait Storable {
    /// Its kind and id.
    fn key(&self) -> (RecordKind, &str);
    /// The revision it was read at (0 for a record not yet saved).
    fn revision(&self) -> u64;
    /// Sets the revision and time it is being saved with.
    fn mark_saved(&mut self, revision: u64, updated_at: &str);
    /// The text stored.
    fn to_stored_json(&self) -> String;
}

/// Both kinds of record keep their kind, id, revision and save time in fields of the same names;
/// they differ only in how their text is made.
macro_rules! storable {
    ($record:ty, $to_json:expr) => {
        impl Storable for $record {
            fn key(&self) -> (RecordKind, &str) {
                (self.kind, self.id.as_str())
            }
            fn revision(&self) -> u64 {
                self.revision
            }
            fn mark_saved(&mut self, revision: u64, updated_at: &str) {
                self.revision = revision;
                self.updated_at = updated_at.to_string();
            }
            fn to_stored_json(&self) -> String {
                $to_json(self)
            }
        }
    };
}

storable!(Record, |record: &Record| serde_json::to_string(record).expect("a record always serialises"));
storable!(RawRecord, RawRecord::to_json);

fn decode(kind: RecordKind, text: &str) -> Result<Record, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt { kind, detail: e.to_string() })
}

/// A stored record's id and revision, read without reading its data (which may be what cannot
/// be read: serde_json skips a value it is not asked for without counting its depth).
#[derive(serde::Deserialize)]
struct Head {
    id: String,
    revision: u64,
}

fn stored_head(text: &str) -> Option<Head> {
    serde_json::from_str::<Head>(text).ok()
}

fn stored_revision(text: &str) -> Option<u64> {
    stored_head(text).map(|head| head.revision)
}

fn corrupt(kind: RecordKind, text: &str) -> StoreError {
    match decode(kind, text) {
        Err(e) => e,
        Ok(_) => StoreError::Corrupt { kind, detail: "its revision could not be read".into() },
    }
}

/// Commits a read-write transaction. When the browser aborts it instead (the device out of
/// space, a request refused), indexed_db_futures says only that it was aborted; the
/// transaction's own error says why, and that is what the user is told.
async fn commit(tx: indexed_db_futures::transaction::Transaction<'_>) -> Result<(), StoreError> {
    use indexed_db_futures::internals::SystemRepr;
    let sys: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
    match tx.commit().await {
        Ok(()) => Ok(()),
        Err(e) => match sys.error() {
            Some(dom) => Err(StoreError::from_dom(&dom.name(), dom.message())),
            None => Err(e.into()),
        },
    }
}

/// Everything stored, as [`Db::all`] reads it.
#[derive(Debug, Default, PartialEq)]
pub struct Everything {
    /// The records that could be read.
    pub records: Vec<Record>,
    /// The ones that could not.
    pub unreadable: Vec<Unreadable>,
}

/// The current time as RFC 3339, from the browser's clock.
pub fn now_rfc3339() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// How much this site stores and may store, in bytes: `(usage, quota)`, if the browser says.
pub async fn storage_estimate() -> Result<Option<(f64, f64)>, StoreError> {
    let Some(storage) = storage_manager() else { return Ok(None) };
    let promise = storage.estimate().map_err(StoreError::from_js)?;
    let estimate: web_sys::StorageEstimate =
        JsFuture::from(promise).await.map_err(StoreError::from_js)?.unchecked_into();
    Ok(Some((estimate.get_usage().unwrap_or(0.0), estimate.get_quota().unwrap_or(0.0))))
}

/// Whether the browser has already agreed to keep this site's data (`navigator.storage.persisted()`),
/// without asking; `None` where it cannot say.
pub async fn persisted() -> Result<Option<bool>, StoreError> {
    let Some(storage) = storage_manager() else { return Ok(None) };
    let answer = JsFuture::from(storage.persisted().map_err(StoreError::from_js)?)
        .await
        .map_err(StoreError::from_js)?;
    Ok(answer.as_bool())
}

/// Asks the browser to keep this site's data even when space runs low. Returns whether the data
/// is now persistent (the browser may say no).
pub async fn request_persistence() -> Result<bool, StoreError> {
    let Some(storage) = storage_manager() else { return Ok(false) };
    let already = JsFuture::from(storage.persisted().map_err(StoreError::from_js)?)
        .await
        .map_err(StoreError::from_js)?;
    if already.as_bool() == Some(true) {
        return Ok(true);
    }
    let granted =
        JsFuture::from(storage.persist().map_err(StoreError::from_js)?).await.map_err(StoreError::from_js)?;
    Ok(granted.as_bool() == Some(true))
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    let storage = navigator.storage();
    if storage.is_undefined() {
        None
    } else {
        Some(storage)
    }
}

/// Shared between the `blocked` handler and the open future.
#[derive(Default)]
struct BlockedState {
    blocked: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

impl BlockedState {
    fn block(&self) {
        self.blocked.set(true);
        if let Some(waker) = self.waker.borrow_mut().take() {
            waker.wake();
        }
    }
}

/// Opens the database, but gives up with [`StoreError::Blocked`] as soon as the browser says
/// another tab holds an older version open, instead of waiting for ever.
struct UnlessBlocked<F> {
    open: Pin<Box<F>>,
    blocked: Rc<BlockedState>,
}

impl<F, E> Future for UnlessBlocked<F>
where
    F: Future<Output = Result<Database, E>>,
    StoreError: From<E>,
{
    type Output = Result<Database, StoreError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Poll::Ready(result) = self.open.as_mut().poll(cx) {
            return Poll::Ready(result.map_err(StoreError::from));
        }
        if self.blocked.blocked.get() {
            return Poll::Ready(Err(StoreError::Blocked));
        }
        *self.blocked.waker.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}
