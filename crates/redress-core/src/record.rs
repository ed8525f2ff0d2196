//! Records: the unit of storage and of handover.
//!
//! Everything Redress keeps lives in one of four object stores (cases, drafts, policies,
//! settings) as a [`Record`]: an id, a revision number that increases by one on every save, the
//! time of the last save, and the record's own data as JSON. The store module persists records;
//! the bundle module exports and imports them. This module is pure: no browser code.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Which object store a record belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// A complaint case (facts plus its event log).
    Case,
    /// An unfinished guided complaint, saved answer by answer.
    Draft,
    /// A landlord policy the user made or edited (the built-in ones are not stored).
    Policy,
    /// A setting, such as the bank-holiday division or a newer bank-holiday file.
    Setting,
}

impl RecordKind {
    /// Every kind, in the order stores are listed to users.
    pub const ALL: [RecordKind; 4] =
        [RecordKind::Case, RecordKind::Draft, RecordKind::Policy, RecordKind::Setting];

    /// The IndexedDB object store that holds records of this kind.
    pub fn store_name(self) -> &'static str {
        match self {
            RecordKind::Case => "cases",
            RecordKind::Draft => "drafts",
            RecordKind::Policy => "policies",
            RecordKind::Setting => "settings",
        }
    }

    /// A plain-English singular for messages ("the case \"…\"").
    pub fn singular(self) -> &'static str {
        match self {
            RecordKind::Case => "case",
            RecordKind::Draft => "unfinished complaint",
            RecordKind::Policy => "policy",
            RecordKind::Setting => "setting",
        }
    }

    /// A plain-English plural for messages ("3 cases").
    pub fn plural(self) -> &'static str {
        match self {
            RecordKind::Case => "cases",
            RecordKind::Draft => "unfinished complaints",
            RecordKind::Policy => "policies",
            RecordKind::Setting => "settings",
        }
    }
}

/// One stored record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Which store it lives in.
    pub kind: RecordKind,
    /// Unique within its kind. Non-empty, at most 200 characters.
    pub id: String,
    /// Starts at 1 and goes up by one on every save. A save that names an older revision than
    /// the stored one is refused (another tab changed it meanwhile).
    pub revision: u64,
    /// When it was last saved, as an RFC 3339 timestamp.
    pub updated_at: String,
    /// The record itself. Its shape depends on `kind`.
    pub data: serde_json::Value,
}

impl Record {
    /// A record not yet saved: revision 0, which the store turns into 1 on first save.
    pub fn new(kind: RecordKind, id: impl Into<String>, data: serde_json::Value) -> Record {
        Record { kind, id: id.into(), revision: 0, updated_at: String::new(), data }
    }

    /// The key that identifies a record across all stores.
    pub fn key(&self) -> (RecordKind, &str) {
        (self.kind, self.id.as_str())
    }
}

/// A stored record that cannot be read (damaged, or saved before a check it fails was added),
/// named so a page can say so and "Download all my data" can leave it out and say which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub kind: RecordKind,
    pub id: String,
    /// Its revision, if that much of it can be read (a save naming it can replace the record).
    pub revision: Option<u64>,
    /// Why (for support, not for the page).
    pub detail: String,
}

/// A record whose data is held as canonical JSON text rather than a JSON value: how an imported
/// file's records travel from the file to the store. Reading ten thousand records into JSON
/// values only to write them out again as text is most of an import's work; this skips it.
///
/// The data is always in the canonical form the bundle checksum covers (compact, keys sorted:
/// what `serde_json::to_string` writes for a JSON value), so two records hold the same data
/// exactly when their texts are equal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRecord {
    /// Which store it lives in.
    pub kind: RecordKind,
    /// Unique within its kind.
    pub id: String,
    /// As [`Record::revision`].
    pub revision: u64,
    /// As [`Record::updated_at`].
    pub updated_at: String,
    // A String, not a Box<str>: shrinking each record's text to fit would copy it again.
    data: String,
}

impl RawRecord {
    /// A record with `data` already in canonical form. Only the bundle module makes these from
    /// text, once it has checked the text is canonical.
    pub(crate) fn from_canonical(
        kind: RecordKind,
        id: String,
        revision: u64,
        updated_at: String,
        data: String,
    ) -> RawRecord {
        RawRecord { kind, id, revision, updated_at, data }
    }

    /// The same record with its data as canonical text.
    pub fn from_record(record: &Record) -> RawRecord {
        let data = serde_json::to_string(&record.data).expect("a JSON value always serialises");
        RawRecord::from_canonical(
            record.kind,
            record.id.clone(),
            record.revision,
            record.updated_at.clone(),
            data,
        )
    }

    /// The same record with its data read into a JSON value.
    pub fn to_record(&self) -> Record {
        Record {
            kind: self.kind,
            id: self.id.clone(),
            revision: self.revision,
            updated_at: self.updated_at.clone(),
            data: serde_json::from_str(&self.data).expect("canonical data is always valid JSON"),
        }
    }

    /// The data, as canonical JSON text.
    pub fn data_json(&self) -> &str {
        &self.data
    }

    /// The key that identifies a record across all stores.
    pub fn key(&self) -> (RecordKind, &str) {
        (self.kind, self.id.as_str())
    }

    /// Writes the record as a JSON object with its fields in `order`, the data copied as it is.
    fn write_json(&self, out: &mut Vec<u8>, order: [Field; 5]) {
        out.push(b'{');
        for (n, field) in order.into_iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            serde_json::to_writer(&mut *out, field.name()).expect("writing to memory cannot fail");
            out.push(b':');
            let written = match field {
                Field::Data => {
                    out.extend_from_slice(self.data.as_bytes());
                    Ok(())
                }
                Field::Id => serde_json::to_writer(&mut *out, &self.id),
                Field::Kind => serde_json::to_writer(&mut *out, &self.kind),
                Field::Revision => serde_json::to_writer(&mut *out, &self.revision),
                Field::UpdatedAt => serde_json::to_writer(&mut *out, &self.updated_at),
            };
            written.expect("writing to memory cannot fail");
        }
        out.push(b'}');
    }

    /// Appends the record in canonical form (keys sorted), as the bundle checksum covers it.
    pub fn write_canonical(&self, out: &mut Vec<u8>) {
        use Field::*;
        self.write_json(out, [Data, Id, Kind, Revision, UpdatedAt]);
    }

    /// The record as JSON text in the same shape as a serialised [`Record`], which reads it back.
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(self.data.len() + self.id.len() + 96);
        use Field::*;
        self.write_json(&mut out, [Kind, Id, Revision, UpdatedAt, Data]);
        String::from_utf8(out).expect("JSON written from strings is UTF-8")
    }
}

/// The fields of a record, for writing them in a chosen order.
#[derive(Clone, Copy)]
enum Field {
    Data,
    Id,
    Kind,
    Revision,
    UpdatedAt,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::Data => "data",
            Field::Id => "id",
            Field::Kind => "kind",
            Field::Revision => "revision",
            Field::UpdatedAt => "updated_at",
        }
    }
}
