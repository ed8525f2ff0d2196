//! settings: each setting a device keeps, as a Rust type with a fixed id and its own check, and
//! typed records ([`Stored`]) for everything a page reads or writes.
//!
//! A setting is one record in the settings store, under its type's [`Setting::ID`]: the
//! resident's [`Preferences`], a loaded [`BankHolidayFile`], the association's
//! [`Setup`](crate::register::setup::Setup) and its
//! [`SelfAssessment`](crate::report::self_assessment::SelfAssessment). [`check_setting`] is how an
//! imported file's settings are checked, like its cases: an id that names no setting, or data
//! that is not that setting or fails its check, is refused with a message naming it.
//!
//! [`Stored<T>`] is a record read as its Rust type (a case, a policy version, a draft, a
//! setting), with the id, revision and save time the store needs to refuse a stale write. Pages
//! read and write these, never JSON values or record envelopes.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, Division};
use crate::case::Case;
use crate::guided::Draft;
use crate::policy::Policy;
use crate::record::{Record, RecordKind, Unreadable};
use crate::register::setup::{Setup, SETUP_ID};
use crate::report::self_assessment::{SelfAssessment, SETTING_ID as SELF_ASSESSMENT_ID};

/// A type kept as records of one kind.
pub trait Kept: Serialize + DeserializeOwned {
    /// The store its records live in.
    const KIND: RecordKind;
}

impl Kept for Case {
    const KIND: RecordKind = RecordKind::Case;
}

impl Kept for Policy {
    const KIND: RecordKind = RecordKind::Policy;
}

impl Kept for Draft {
    const KIND: RecordKind = RecordKind::Draft;
}

/// A setting: one record in the settings store under a fixed id.
pub trait Setting: Kept {
    /// Its record's id.
    const ID: &'static str;

    /// What is wrong with it, in words, if anything (an import refuses it with this).
    fn check(&self) -> Result<(), String> {
        Ok(())
    }
}

/// A record read as its type `T`, with what the store needs to refuse a stale write.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored<T> {
    pub id: String,
    /// The revision it was read at (0: not saved yet). A save naming an older one is refused.
    pub revision: u64,
    /// When it was last saved (RFC 3339; empty until saved).
    pub updated_at: String,
    pub value: T,
}

impl<T: Kept> Stored<T> {
    /// A record not saved yet.
    pub fn new(id: impl Into<String>, value: T) -> Stored<T> {
        Stored { id: id.into(), revision: 0, updated_at: String::new(), value }
    }

    /// A record as its type, or why it is not one (the wrong kind, or data that does not fit).
    pub fn from_record(record: Record) -> Result<Stored<T>, String> {
        if record.kind != T::KIND {
            return Err(format!("{} is a {:?} record, not a {:?} record", record.id, record.kind, T::KIND));
        }
        let value = serde_json::from_value(record.data).map_err(|e| format!("{}: {e}", record.id))?;
        Ok(Stored { id: record.id, revision: record.revision, updated_at: record.updated_at, value })
    }

    /// The record to hand to the store (or to a bundle).
    pub fn to_record(&self) -> Record {
        Record {
            kind: T::KIND,
            id: self.id.clone(),
            revision: self.revision,
            updated_at: self.updated_at.clone(),
            data: serde_json::to_value(&self.value).expect("a kept type always serialises"),
        }
    }

    /// The same record holding `value` (to save over it).
    pub fn with(&self, value: T) -> Stored<T> {
        Stored { id: self.id.clone(), revision: self.revision, updated_at: self.updated_at.clone(), value }
    }
}

impl<T: Setting> Stored<T> {
    /// The setting as stored, or a new one (`T`'s default) if none is.
    pub fn setting_or_default(stored: Option<Stored<T>>) -> Stored<T>
    where
        T: Default,
    {
        stored.unwrap_or_else(|| Stored::new(T::ID, T::default()))
    }
}

/// The resident's preferences from "Your data".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preferences {
    /// Where they live: whose bank holidays their deadlines skip.
    #[serde(default)]
    pub division: Division,
}

impl Kept for Preferences {
    const KIND: RecordKind = RecordKind::Setting;
}

impl Setting for Preferences {
    const ID: &'static str = "preferences";
}

/// A newer bank-holiday file (gov.uk's feed) loaded on "Your data", with the years it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankHolidayFile {
    /// The first and last years it covers.
    pub covers: (i32, i32),
    /// The file as loaded.
    pub feed: serde_json::Value,
}

impl BankHolidayFile {
    /// The file from its text, if it is a gov.uk bank-holiday file Redress can count with
    /// (otherwise the calendar's own message, saying what is wrong).
    pub fn from_text(text: &str) -> Result<BankHolidayFile, String> {
        let covers = Calendar::check_feed(text).map_err(|e| e.to_string())?;
        let feed = serde_json::from_str(text).map_err(|e| e.to_string())?;
        Ok(BankHolidayFile { covers, feed })
    }

    /// The feed as JSON text, as [`crate::context::BankHolidays::from_feed`] reads it.
    pub fn feed_text(&self) -> String {
        self.feed.to_string()
    }
}

impl Kept for BankHolidayFile {
    const KIND: RecordKind = RecordKind::Setting;
}

impl Setting for BankHolidayFile {
    const ID: &'static str = "bank-holidays";

    fn check(&self) -> Result<(), String> {
        let covers = Calendar::check_feed(&self.feed_text()).map_err(|e| e.to_string())?;
        if covers != self.covers {
            return Err(format!(
                "it says it covers {} to {}, but its dates cover {} to {}",
                self.covers.0, self.covers.1, covers.0, covers.1
            ));
        }
        Ok(())
    }
}

impl Kept for Setup {
    const KIND: RecordKind = RecordKind::Setting;
}

impl Setting for Setup {
    const ID: &'static str = SETUP_ID;

    fn check(&self) -> Result<(), String> {
        if self.policy_id.trim().is_empty() != self.policy_version.trim().is_empty() {
            return Err("it names a policy without its version, or a version without its policy".into());
        }
        if self.handlers.iter().any(|h| h.trim().is_empty()) {
            return Err("one of the people who handle cases has no name".into());
        }
        Ok(())
    }
}

impl Kept for SelfAssessment {
    const KIND: RecordKind = RecordKind::Setting;
}

impl Setting for SelfAssessment {
    const ID: &'static str = SELF_ASSESSMENT_ID;

    fn check(&self) -> Result<(), String> {
        match self.structure_problems().into_iter().next() {
            Some((provision, message)) => Err(format!("the answer on \"{provision}\": {message}")),
            None => Ok(()),
        }
    }
}

/// The id of every setting Redress keeps.
pub const SETTING_IDS: [&str; 4] = [Preferences::ID, BankHolidayFile::ID, SETUP_ID, SELF_ASSESSMENT_ID];

/// Why a setting's data cannot be kept: (the field at fault, or empty for the whole, and why).
pub fn check_setting(id: &str, data: &serde_json::Value) -> Result<(), (String, String)> {
    match id {
        Preferences::ID => check_as::<Preferences>(data),
        BankHolidayFile::ID => check_as::<BankHolidayFile>(data),
        SETUP_ID => check_as::<Setup>(data),
        SELF_ASSESSMENT_ID => check_as::<SelfAssessment>(data),
        other => Err((
            String::new(),
            format!(
                "Redress keeps no setting called \"{other}\" (its settings are {})",
                SETTING_IDS.map(|id| format!("\"{id}\"")).join(", ")
            ),
        )),
    }
}

fn check_as<T: Setting>(data: &serde_json::Value) -> Result<(), (String, String)> {
    let value: T =
        serde_path_to_error::deserialize(data).map_err(|e| (e.path().to_string(), e.inner().to_string()))?;
    value.check().map_err(|reason| (String::new(), reason))
}

/// Where the user is sent for a copy of a record that cannot be read.
const KEEP_A_COPY: &str =
    "\"Download all my data\" on the Your data page saves a copy of it with everything \
     else; keep that copy, and report the problem.";

/// What to tell the user about stored records that cannot be read: for each thing, in plain
/// words, what could not be read, what Redress does instead, that it is kept as it is (reading
/// never changes it), and what to do. Cases and policy versions are counted, each setting and
/// the unfinished complaint named.
pub fn unreadable_notices(list: &[Unreadable]) -> Vec<String> {
    let count = |kind: RecordKind| list.iter().filter(|u| u.kind == kind).count();
    let mut notices = Vec::new();
    match count(RecordKind::Case) {
        0 => {}
        1 => notices.push(format!(
            "One saved complaint could not be read, so it is left out here. It is kept as it is: nothing was \
             changed. {KEEP_A_COPY}"
        )),
        n => notices.push(format!(
            "{n} saved complaints could not be read, so they are left out here. They are kept as they are: \
             nothing was changed. \"Download all my data\" on the Your data page saves a copy of them with \
             everything else; keep that copy, and report the problem."
        )),
    }
    if count(RecordKind::Draft) > 0 {
        notices.push(
            "Your saved answers could not be read. You can start again. Until you do, they are kept as they \
             are; \"Download all my data\" on the Your data page saves a copy of them."
                .into(),
        );
    }
    match count(RecordKind::Policy) {
        0 => {}
        1 => notices.push(format!(
            "One saved policy version could not be read, so a case opened under it cannot be worked out \
             here. It is kept as it is: nothing was changed. {KEEP_A_COPY}"
        )),
        n => notices.push(format!(
            "{n} saved policy versions could not be read, so cases opened under them cannot be worked out \
             here. They are kept as they are: nothing was changed. \"Download all my data\" on the Your data \
             page saves a copy of them with everything else; keep that copy, and report the problem."
        )),
    }
    for setting in list.iter().filter(|u| u.kind == RecordKind::Setting) {
        notices.push(match setting.id.as_str() {
            Preferences::ID => "Your choice of where you live could not be read, so Redress is counting working \
                 days with the bank holidays of England and Wales for now. The saved choice is kept as it is. \
                 Choose where you live again on the Your data page to replace it."
                .into(),
            BankHolidayFile::ID => "The bank-holiday file you loaded could not be read, so Redress is counting \
                 working days with the bank holidays built into it for now. The saved file is kept as it is. \
                 Load the file again on the Your data page to replace it."
                .into(),
            SETUP_ID => format!(
                "Your association's setup could not be read, so Redress treats the register as not set up \
                 yet. The saved setup is kept as it is: nothing was changed. {KEEP_A_COPY} Saving the setup \
                 again on the \"Set up the register\" page replaces it."
            ),
            SELF_ASSESSMENT_ID => format!(
                "Your saved self-assessment could not be read, so the form starts empty. The saved one is kept \
                 as it is: nothing was changed. {KEEP_A_COPY} Saving the form replaces it."
            ),
            other => format!(
                "A saved setting, \"{other}\", could not be read. It is kept as it is: nothing was changed. \
                 {KEEP_A_COPY}"
            ),
        });
    }
    notices
}
