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
use crate::record::Unreadable;
use crate::register::setup::{version_key, Library};
use crate::settings::Stored;
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
    /// Each case as read (its revision guards the next save).
    pub cases: Vec<Stored<Case>>,
    /// What was read but could not be used: case records that are not cases, saved policy
    /// versions that are not policies, a preferences or bank-holiday setting that cannot be read
    /// (its default is used instead). Each is left as it is; a page names them
    /// ([`crate::ui::components::UnreadableNotice`]).
    pub unreadable: Vec<Unreadable>,
    /// The saved policy versions as stored (a case handed over takes its own with it).
    pub policy_records: Vec<Stored<Policy>>,
}

impl Casebook {
    /// The case with this id, if it was read.
    pub fn case(&self, id: &str) -> Option<&Stored<Case>> {
        self.cases.iter().find(|c| c.id == id)
    }

    /// The cases that could not be read: their ids.
    pub fn unreadable_cases(&self) -> Vec<&str> {
        self.unreadable
            .iter()
            .filter(|u| u.kind == crate::record::RecordKind::Case)
            .map(|u| u.id.as_str())
            .collect()
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

    /// The stored policy version `case` is under, if it is not built in.
    pub fn policy_record_for(&self, case: &Case) -> Option<&Stored<Policy>> {
        let id = version_key(&case.policy_id, &case.policy_version);
        self.policy_records.iter().find(|r| r.id == id)
    }

    /// A file handing over one case, with the saved policy version it is under (so its dates are
    /// the same wherever it is opened).
    pub fn hand_over(&self, case: &Stored<Case>) -> Bundle {
        let mut records = vec![case.to_record()];
        records.extend(self.policy_record_for(&case.value).map(Stored::to_record));
        bundle::export(records, Scope::OneCase { case_id: case.id.clone() }, &browser::now_rfc3339())
    }
}

/// Reads the saved policy versions, the bank holidays and the cases `which` names. New cases are
/// opened in `division`, or (`None`) in the part of the UK the user chose on "Your data".
pub async fn load(which: Cases, division: Option<Division>) -> Result<Casebook, StoreError> {
    let db = db().await?;
    let policies = db.read_all::<Policy>().await?;
    let mut unreadable = policies.unreadable;
    let saved = policies.kept.iter().map(|p| p.value.clone()).collect();
    let (holidays, holidays_unreadable) = bank_holidays().await?;
    unreadable.extend(holidays_unreadable);
    let division = match division {
        Some(d) => d,
        None => {
            let (division, preferences_unreadable) = preferred_division().await?;
            unreadable.extend(preferences_unreadable);
            division
        }
    };
    let cases = match which {
        Cases::All => {
            let listing = db.read_all::<Case>().await?;
            unreadable.extend(listing.unreadable);
            listing.kept
        }
        Cases::One(id) => match db.read::<Case>(&id).await {
            Ok(case) => case.into_iter().collect(),
            Err(StoreError::Unreadable(u)) => {
                unreadable.push(u);
                Vec::new()
            }
            Err(e) => return Err(e),
        },
        Cases::None => Vec::new(),
    };
    Ok(Casebook {
        rules: CaseRules::new(Library { saved }, holidays, division),
        cases,
        unreadable,
        policy_records: policies.kept,
    })
}

/// Saves `case` over the revision it was read at (refused if another tab saved it meanwhile).
/// Returns it as saved.
pub async fn save(case: Stored<Case>) -> Result<Stored<Case>, String> {
    db().await.map_err(|e| e.user_message())?.write(case).await.map_err(|e| e.user_message())
}

/// Saves a new case under its own id (refused if a case with that id is already saved).
pub async fn create(case: Case) -> Result<Stored<Case>, String> {
    save(Stored::new(case.id.clone(), case)).await
}
