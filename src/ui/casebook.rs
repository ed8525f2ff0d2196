//! casebook: the one way a page reads cases with the rules to count them by, and the one way it
//! saves a case.
//!
//! [`load`] reads what [`CaseRules`] needs from the store (the saved policy versions, the bank
//! holidays and the part of the UK new cases are opened in) with the cases a page asks for, and
//! [`Casebook`] answers every question about a case through those rules, as of today. Both the
//! resident's pages and the association's (`association/data.rs`) read through it, so a case
//! finds the same policy version and calendar wherever it is opened. [`save`] writes a case over
//! the record it was read from (refused if another tab saved it meanwhile), [`create`] a new one.

use crate::bundle::{self, Bundle, Scope};
use crate::calendar::{Calendar, Division};
use crate::case::{Case, Event};
use crate::context::{CaseError, CaseRules, PolicyMissing};
use crate::engine::Assessment;
use crate::policy::Policy;
use crate::record::{Record, RecordKind};
use crate::register::setup::{version_key, Library};
use crate::store::StoreError;
use crate::ui::browser;
use crate::ui::db::{bank_holidays, db, preferred_division};

/// Which cases a page needs read along with the rules.
pub enum Cases {
    /// Every case (My complaints, the dashboard, the register, the report).
    All,
    /// Just this one (a complaint's or a case's page).
    One(String),
    /// None (the guided result, setup, the policy editor, a new entry).
    None,
}

/// The cases a page shows and the rules they are counted by, read from this device.
#[derive(Clone)]
pub struct Casebook {
    /// The policies, bank holidays and division this device counts with.
    pub rules: CaseRules,
    /// Each case with the record it was read from (its revision guards the next save).
    pub cases: Vec<(Record, Case)>,
    /// Case records that could not be read as cases: their ids.
    pub unreadable: Vec<String>,
    /// The saved policy versions as stored (a case handed over takes its own with it).
    pub policy_records: Vec<Record>,
}

impl Casebook {
    /// The case with this id and its record, if it was read.
    pub fn case(&self, id: &str) -> Option<&(Record, Case)> {
        self.cases.iter().find(|(r, _)| r.id == id)
    }

    /// The policy version `case` was opened under, or why it is not here.
    pub fn policy_for(&self, case: &Case) -> Result<&Policy, PolicyMissing> {
        self.rules.policy_for(case)
    }

    /// The calendar `case`'s working days are counted with.
    pub fn calendar_for(&self, case: &Case) -> &Calendar {
        self.rules.calendar_for(case)
    }

    /// `case` assessed as of today.
    pub fn assess(&self, case: &Case) -> Result<Assessment, CaseError> {
        self.rules.assess(case, browser::today())
    }

    /// `case` with `event` added, if the engine accepts the whole sequence as of today.
    pub fn append(&self, case: &Case, event: Event) -> Result<Case, CaseError> {
        self.rules.append(case, event, browser::today())
    }

    /// The stored record of the policy version `case` is under, if it is not built in.
    pub fn policy_record_for(&self, case: &Case) -> Option<Record> {
        let id = version_key(&case.policy_id, &case.policy_version);
        self.policy_records.iter().find(|r| r.id == id).cloned()
    }

    /// A file handing over one case, with the saved policy version it is under (so its dates are
    /// the same wherever it is opened).
    pub fn hand_over(&self, record: &Record, case: &Case) -> Bundle {
        let mut records = vec![record.clone()];
        records.extend(self.policy_record_for(case));
        bundle::export(records, Scope::OneCase { case_id: record.id.clone() }, &browser::now_rfc3339())
    }
}

/// Reads the saved policy versions, the bank holidays and the cases `which` names. New cases are
/// opened in `division`, or (`None`) in the part of the UK the user chose on "Your data".
pub async fn load(which: Cases, division: Option<Division>) -> Result<Casebook, StoreError> {
    let db = db().await?;
    let policy_records = db.list(RecordKind::Policy).await?;
    let saved =
        policy_records.iter().filter_map(|r| serde_json::from_value::<Policy>(r.data.clone()).ok()).collect();
    let holidays = bank_holidays().await?;
    let division = match division {
        Some(d) => d,
        None => preferred_division().await?,
    };
    let records = match which {
        Cases::All => db.list(RecordKind::Case).await?,
        Cases::One(id) => db.get(RecordKind::Case, &id).await?.into_iter().collect(),
        Cases::None => Vec::new(),
    };
    let mut cases = Vec::new();
    let mut unreadable = Vec::new();
    for record in records {
        match serde_json::from_value::<Case>(record.data.clone()) {
            Ok(case) => cases.push((record, case)),
            Err(_) => unreadable.push(record.id),
        }
    }
    Ok(Casebook {
        rules: CaseRules::new(Library { saved }, holidays, division),
        cases,
        unreadable,
        policy_records,
    })
}

/// Saves `case` over `record`, the record it was read from (refused if another tab saved it
/// meanwhile). Returns the record as saved.
pub async fn save(mut record: Record, case: &Case) -> Result<Record, String> {
    record.data = serde_json::to_value(case).map_err(|e| e.to_string())?;
    db().await.map_err(|e| e.user_message())?.save(record).await.map_err(|e| e.user_message())
}

/// Saves a new case under its own id (refused if a case with that id is already saved).
pub async fn create(case: &Case) -> Result<Record, String> {
    save(Record::new(RecordKind::Case, case.id.clone(), serde_json::Value::Null), case).await
}
