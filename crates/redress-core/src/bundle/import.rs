//! import: what an import would change ([`preview`]) and exactly what to write ([`plan`]).
//!
//! Both are pure: the UI shows the preview, the user chooses what to do with records that differ,
//! and the store writes the plan in one transaction. Identical records are never rewritten and
//! differing records are never silently overwritten.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::record::{RawRecord, RecordKind};

/// What a file would change on this device.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportPreview {
    /// Records in the file.
    pub total: usize,
    /// Records not on this device.
    pub new: usize,
    /// Records already here with the same data.
    pub identical: usize,
    /// Records already here with different data: (kind, id). Includes the damaged ones.
    pub differing: Vec<(RecordKind, String)>,
    /// Records the file has that are here but cannot be read ([`Damaged`]): the file's version
    /// can replace them.
    pub damaged: Vec<(RecordKind, String)>,
}

/// A record on this device that cannot be read (the store names them): an incoming record of
/// the same kind and id differs from it, whatever it holds, and the user chooses as for any
/// record that differs. Taking the file's version replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    pub kind: RecordKind,
    pub id: String,
    /// Its stored revision, which a write must name to replace it.
    pub revision: u64,
}

/// What to do with records that are on this device and in the file with different data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictChoice {
    /// Keep what is on this device; ignore the file's version.
    KeepMine,
    /// Replace what is on this device with the file's version.
    TakeTheirs,
    /// Keep this device's version and save the file's version as a copy with a new id.
    KeepBoth,
}

/// A record saved under a new id because the user chose [`ConflictChoice::KeepBoth`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    pub kind: RecordKind,
    pub from: String,
    pub to: String,
}

/// The exact records to write, each with the revision the store must find (0 for a new record).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportPlan {
    /// What to write. `revision` is the stored revision this write expects to replace
    /// (0: the record must not exist yet), as [`crate::record::Record`] saves expect.
    pub records: Vec<RawRecord>,
    /// Copies made under new ids.
    pub renamed: Vec<Renamed>,
}

fn index(existing: &[RawRecord]) -> HashMap<(RecordKind, &str), &RawRecord> {
    existing.iter().map(|r| (r.key(), r)).collect()
}

/// Whether a stored record holds the same data as an incoming one: both are canonical text, so
/// equal text is equal data.
fn same_data(mine: &RawRecord, incoming: &RawRecord) -> bool {
    mine.data_json() == incoming.data_json()
}

fn damaged_index(damaged: &[Damaged]) -> HashMap<(RecordKind, &str), &Damaged> {
    damaged.iter().map(|d| ((d.kind, d.id.as_str()), d)).collect()
}

/// Counts what importing `incoming` would do to `existing` (the stored records, as text:
/// [`RawRecord::from_record`]) and the stored records that cannot be read.
pub fn preview(incoming: &[RawRecord], existing: &[RawRecord], damaged: &[Damaged]) -> ImportPreview {
    let stored = index(existing);
    let unreadable = damaged_index(damaged);
    let mut preview = ImportPreview { total: incoming.len(), ..ImportPreview::default() };
    for record in incoming {
        if unreadable.contains_key(&record.key()) {
            preview.differing.push((record.kind, record.id.clone()));
            preview.damaged.push((record.kind, record.id.clone()));
            continue;
        }
        match stored.get(&record.key()) {
            None => preview.new += 1,
            Some(mine) if same_data(mine, record) => preview.identical += 1,
            Some(_) => preview.differing.push((record.kind, record.id.clone())),
        }
    }
    preview
}

/// The records to write for importing `incoming` over `existing` (and the stored records that
/// cannot be read), given the user's choice for records that differ. New records are written as
/// they are; identical ones are skipped.
pub fn plan(
    incoming: Vec<RawRecord>,
    existing: &[RawRecord],
    damaged: &[Damaged],
    choice: ConflictChoice,
) -> ImportPlan {
    let stored = index(existing);
    let unreadable = damaged_index(damaged);
    let taken: std::collections::HashSet<(RecordKind, String)> = existing
        .iter()
        .chain(incoming.iter())
        .map(|r| (r.kind, r.id.clone()))
        .chain(damaged.iter().map(|d| (d.kind, d.id.clone())))
        .collect();
    let mut result = ImportPlan::default();
    for mut record in incoming {
        // The revision already on this device under the same key, when the two differ: an
        // unreadable record there counts as differing from anything.
        let conflict = if let Some(bad) = unreadable.get(&record.key()) {
            bad.revision
        } else {
            match stored.get(&record.key()) {
                None => {
                    record.revision = 0;
                    result.records.push(record);
                    continue;
                }
                Some(mine) if same_data(mine, &record) => continue,
                Some(mine) => mine.revision,
            }
        };
        resolve(&mut result, record, conflict, choice, &taken);
    }
    result
}

/// Settles one incoming record whose key holds different data (revision `mine`) on this device,
/// the way the user chose.
fn resolve(
    plan: &mut ImportPlan,
    mut record: RawRecord,
    mine: u64,
    choice: ConflictChoice,
    taken: &std::collections::HashSet<(RecordKind, String)>,
) {
    match choice {
        ConflictChoice::KeepMine => {}
        ConflictChoice::TakeTheirs => {
            record.revision = mine;
            plan.records.push(record);
        }
        ConflictChoice::KeepBoth => {
            let to = copy_id(&record, taken);
            plan.renamed.push(Renamed { kind: record.kind, from: record.id.clone(), to: to.clone() });
            record.id = to;
            record.revision = 0;
            plan.records.push(record);
        }
    }
}

/// `<id>-imported-<8 hex of the data's hash>`, with a counter if even that is taken.
fn copy_id(record: &RawRecord, taken: &std::collections::HashSet<(RecordKind, String)>) -> String {
    let hash = Sha256::digest(record.data_json().as_bytes());
    let short: String = hash.iter().take(4).map(|b| format!("{b:02x}")).collect();
    let base = format!("{}-imported-{short}", record.id);
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&(record.kind, candidate.clone())) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}
