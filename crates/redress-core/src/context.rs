//! context: the one place a case meets its rules — the exact policy version it was opened under,
//! the bank holidays of its part of the UK, and the engine's assessment of it as of a given day.
//!
//! [`CaseRules`] is built from what a device holds (the built-in policies and the saved policy
//! versions, a [`Library`]; the bank holidays, built in or from a loaded gov.uk file,
//! [`BankHolidays`]; the part of the UK the device counts new cases with) and is used by both
//! the resident's pages and the association's, so the two can never find a case's policy or
//! calendar differently. It is pure: "today" is always passed in.
//!
//! The rules it keeps:
//! - a case's policy is the saved version it names (`policy_id` and `policy_version`), or the
//!   built-in policy with that id (if the built-in one has since changed version, the engine's
//!   assessment carries a [`crate::engine::Warning::PolicyVersion`]); anything else is a
//!   [`PolicyMissing`] error that names the policy and version, never another policy's dates;
//! - a case counts working days with the bank holidays of its own `division` (chosen when it was
//!   opened, from the device's choice: the resident's preferences or the association's setup);
//! - an event is added only if the engine accepts the whole sequence with it ([`CaseRules::append`]).

use chrono::NaiveDate;

use crate::calendar::{Calendar, Division};
use crate::case::{Case, Event, EventKind};
use crate::engine::{self, Assessment, EngineError};
use crate::letters::association::{self as association_letters, Sender};
use crate::letters::Letter;
use crate::policy::{self, Policy};
use crate::register::setup::Library;
use crate::report::{self, Report, ReportPeriod};

/// A case's policy version is not on this device (and no built-in policy has its id).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct PolicyMissing {
    /// The policy id the case names.
    pub policy_id: String,
    /// The version the case names.
    pub policy_version: String,
    /// The versions of that policy this device does hold (none if it holds no version at all).
    pub versions_here: Vec<String>,
}

impl PolicyMissing {
    fn message(&self) -> String {
        let here = match self.versions_here.as_slice() {
            [] => String::from("This device has no version of that policy."),
            [one] => {
                format!("This device has only version {one}, and another version's dates could be wrong.")
            }
            many => format!(
                "This device has only versions {}, and another version's dates could be wrong.",
                many.join(", ")
            ),
        };
        format!(
            "This complaint is handled under version {} of the policy \"{}\", which is not saved on this device, so Redress cannot work out its dates. {here} Ask whoever gave you the complaint for a Redress file that includes its policy, and open it on Your data.",
            self.policy_version, self.policy_id
        )
    }
}

/// Why a case's dates cannot be worked out: its policy is not here, or its events cannot happen
/// in that order under the policy.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    #[error(transparent)]
    PolicyMissing(#[from] PolicyMissing),
    #[error(transparent)]
    Engine(#[from] EngineError),
}

/// The bank holidays a device counts working days with, for every division: a newer gov.uk file
/// loaded on "Your data" if there is one, otherwise the snapshot built into Redress.
#[derive(Debug, Clone)]
pub struct BankHolidays {
    /// One calendar per division, with a plain-English note of where its dates come from.
    calendars: Vec<(Division, Calendar, String)>,
}

impl Default for BankHolidays {
    fn default() -> Self {
        BankHolidays::builtin()
    }
}

impl BankHolidays {
    /// The snapshot built into Redress, for every division.
    pub fn builtin() -> BankHolidays {
        BankHolidays::from_feed(None)
    }

    /// From a loaded file's JSON text, if any. A division the file cannot give (it was damaged
    /// after it was checked, or lacks that division) uses the built-in dates, and its note says so.
    pub fn from_feed(feed: Option<&str>) -> BankHolidays {
        let calendars = [Division::EnglandAndWales, Division::Scotland, Division::NorthernIreland]
            .into_iter()
            .map(|division| {
                let builtin = "the bank holidays built into Redress";
                let (calendar, origin, why) = match feed.map(|feed| Calendar::from_feed_json(feed, division))
                {
                    Some(Ok(calendar)) => {
                        (calendar, "the bank-holiday file you loaded on Your data", String::new())
                    }
                    Some(Err(e)) => (
                        Calendar::builtin(division),
                        builtin,
                        format!(
                            ", because the file you loaded on Your data cannot be used ({e}); load it again"
                        ),
                    ),
                    None => (Calendar::builtin(division), builtin, String::new()),
                };
                let (from, to) = calendar.coverage();
                (division, calendar, format!("{origin} ({from} to {to}){why}"))
            })
            .collect();
        BankHolidays { calendars }
    }

    /// The calendar for `division`.
    pub fn calendar(&self, division: Division) -> &Calendar {
        &self.entry(division).1
    }

    /// Where `division`'s dates come from, to finish a sentence such as "Working days leave out
    /// weekends and bank holidays, from …".
    pub fn source(&self, division: Division) -> &str {
        &self.entry(division).2
    }

    /// The sentence the resident's pages show under their dates.
    pub fn counted_with(&self, division: Division) -> String {
        format!(
            "Working days leave out weekends and the bank holidays in {}, from {}.",
            division.label(),
            self.source(division)
        )
    }

    fn entry(&self, division: Division) -> &(Division, Calendar, String) {
        self.calendars.iter().find(|(d, ..)| *d == division).expect("every division is built")
    }
}

/// Everything a device counts a case's dates with: the policies (built in and saved versions),
/// the bank holidays, and the part of the UK new cases are opened in.
#[derive(Debug, Clone, Default)]
pub struct CaseRules {
    library: Library,
    holidays: BankHolidays,
    division: Division,
}

impl CaseRules {
    /// The rules of a device holding `library`'s saved versions and `holidays`, opening new cases
    /// in `division` (the resident's preference, or the association's setup).
    pub fn new(library: Library, holidays: BankHolidays, division: Division) -> CaseRules {
        CaseRules { library, holidays, division }
    }

    /// The built-in policies and bank holidays only, opening cases in England and Wales.
    pub fn builtin() -> CaseRules {
        CaseRules::default()
    }

    /// The policies this device holds.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The bank holidays this device counts with.
    pub fn holidays(&self) -> &BankHolidays {
        &self.holidays
    }

    /// The part of the UK new cases are opened in on this device.
    pub fn division(&self) -> Division {
        self.division
    }

    /// The exact policy version `case` was opened under: the saved version with its id and
    /// version, else the built-in policy with its id (the assessment warns if the built-in
    /// policy's version is not the case's). Never another policy: a version that is not here is
    /// a [`PolicyMissing`] naming it.
    pub fn policy_for(&self, case: &Case) -> Result<&Policy, PolicyMissing> {
        let (id, version) = (case.policy_id.as_str(), case.policy_version.as_str());
        if let Some(saved) = self.library.saved.iter().rfind(|p| p.id == id && p.version == version) {
            return Ok(saved);
        }
        if let Some(builtin) = policy::by_id(id) {
            return Ok(builtin);
        }
        let mut versions_here: Vec<String> =
            self.library.saved.iter().filter(|p| p.id == id).map(|p| p.version.clone()).collect();
        versions_here.sort();
        versions_here.dedup();
        Err(PolicyMissing { policy_id: id.to_string(), policy_version: version.to_string(), versions_here })
    }

    /// The part of the UK whose bank holidays `case` counts with: its own.
    pub fn division_for(&self, case: &Case) -> Division {
        case.division
    }

    /// The calendar `case`'s working days are counted with.
    pub fn calendar_for(&self, case: &Case) -> &Calendar {
        self.holidays.calendar(self.division_for(case))
    }

    /// Where `case`'s bank holidays come from, in words.
    pub fn calendar_source_for(&self, case: &Case) -> &str {
        self.holidays.source(self.division_for(case))
    }

    /// The sentence a resident's page shows under `case`'s dates.
    pub fn counted_with(&self, case: &Case) -> String {
        self.holidays.counted_with(self.division_for(case))
    }

    /// Everything the engine derives about `case` as of `today`, under its own policy version and
    /// calendar.
    pub fn assess(&self, case: &Case, today: NaiveDate) -> Result<Assessment, CaseError> {
        let policy = self.policy_for(case)?;
        Ok(engine::assess(policy, case, self.calendar_for(case), today)?)
    }

    /// `case` with `event` added at the end of its log, if the engine accepts the whole sequence
    /// with it; `case` itself is never changed, so a refused event leaves nothing to undo. An
    /// [`EventKind::Assigned`] event also makes its handler the case's.
    pub fn append(&self, case: &Case, event: Event, today: NaiveDate) -> Result<Case, CaseError> {
        let mut updated = case.clone();
        if let EventKind::Assigned { handler } = &event.what {
            updated.handler = Some(handler.clone());
        }
        updated.record(event);
        self.assess(&updated, today)?;
        Ok(updated)
    }

    /// The association's letter about the event at `index`, if its kind has one, written from the
    /// case as it stood at that event (its first `index + 1` events, assessed), so a later event
    /// (an extension, a next stage) never changes what an earlier letter said.
    pub fn letter_for_event(
        &self,
        case: &Case,
        sender: &Sender,
        index: usize,
        today: NaiveDate,
    ) -> Result<Option<Letter>, CaseError> {
        if index >= case.events.len() {
            return Ok(None);
        }
        let policy = self.policy_for(case)?;
        let mut then = case.clone();
        then.events.truncate(index + 1);
        let assessment = engine::assess(policy, &then, self.calendar_for(&then), today)?;
        Ok(association_letters::for_event(policy, &then, &assessment, sender, index))
    }

    /// Every letter the association has sent on `case`, each with its event's index and written
    /// as the case stood at that event ([`CaseRules::letter_for_event`]).
    pub fn letters(
        &self,
        case: &Case,
        sender: &Sender,
        today: NaiveDate,
    ) -> Result<Vec<(usize, Letter)>, CaseError> {
        let mut letters = Vec::new();
        for index in 0..case.events.len() {
            if let Some(letter) = self.letter_for_event(case, sender, index, today)? {
                letters.push((index, letter));
            }
        }
        Ok(letters)
    }

    /// The annual report of `cases` received in `period`, each counted under its own policy
    /// version and calendar as of `today`; a case whose policy is not here is listed as one that
    /// cannot be assessed, with the reason.
    pub fn report<'a>(
        &'a self,
        cases: impl IntoIterator<Item = &'a Case>,
        period: ReportPeriod,
        today: NaiveDate,
    ) -> Report {
        report::report_of(
            cases.into_iter().map(|case| {
                let found =
                    self.policy_for(case).map(|p| (p, self.calendar_for(case))).map_err(|e| e.to_string());
                (case, found)
            }),
            period,
            today,
        )
    }
}
