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
