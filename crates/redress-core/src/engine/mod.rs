//! engine: everything about time, derived from (policy, case, calendar, today).
//!
//! [`assess`] walks a case's events through its policy's stages and gives the current stage,
//! every deadline (with its due date, the rule and clause behind it, and whether it was met,
//! missed or is pending), what is overdue, what the landlord must do next and what the resident
//! may do next and by when. Nothing it derives is stored: change the calendar or the policy and
//! every date moves with it. [`triage`] decides from a resident's answers whether something is
//! a complaint, a service request, not covered, or outside the time limit. [`compensation`]
//! suggests a band for a level, and [`compensation_band`] finds the band (and who authorises it)
//! for an amount, with no gaps between bands. [`actions`] lists what the landlord may record next, and nothing else; [`ActionForm`] turns the form for one of them into its event (and [`ResidentForm`] what a resident records). [`assess_json`] is the stable JSON entry point (docs/engine.md).
//!
//! Architecture invariant: the UI never counts days; every date a user sees comes from here.

mod actions;
mod assess;
mod compensation;
mod form;
mod json;
mod triage;

use std::sync::Arc;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use actions::{actions, Action, RefusalReason};
pub use assess::assess;
pub use compensation::{band_range, compensation_band, BandFound, CompensationLookup};
pub use form::{
    ActionField, ActionForm, ActionKind, ActionProblem, PointForm, RemedyAnswer, ResidentForm,
    RESIDENT_ACTIONS, RESIDENT_DECISIONS,
};
pub use json::{assess_json, EngineInput, PolicyInput};
pub use triage::{
    compensation, home_decision_exclusion, limit_counted_to, triage, AllocationConcern, Answers,
    CompensationSuggestion, DecisionConcern, Topic, Triage, TriageOutcome,
};

use crate::calendar::CoverageWarning;
use crate::policy::{AutoEscalationWhen, Departure, ExtensionCondition, Severity};

/// Everything the engine derives about a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Assessment {
    pub case_id: String,
    pub policy_id: String,
    pub policy_version: String,
    pub landlord: String,
    /// The day the assessment is for.
    pub today: NaiveDate,
    pub status: Status,
    /// The stage the case is at (the last one it reached).
    pub current_stage: Option<StageRef>,
    /// Every stage the case reached, in order, and how each began (received, asked for, or by
    /// itself under the policy).
    pub stages: Vec<StageVisit>,
    /// Every deadline so far, in the order they arose.
    pub deadlines: Vec<Deadline>,
    /// The ids of deadlines that have passed with nothing done.
    pub overdue: Vec<String>,
    /// What the landlord must do next.
    pub landlord_next: Vec<NextStep>,
    /// What the resident may do next.
    pub resident_next: Vec<NextStep>,
    /// When the resident can take the complaint to the Housing Ombudsman.
    pub ombudsman: OmbudsmanAccess,
    /// Where this landlord's policy departs from the statutory Code (shared between assessments).
    pub departures: Arc<[Departure]>,
    /// Dates the calendar could not fully check, and other cautions.
    pub warnings: Vec<Warning>,
}

/// The kinds of departure from the Code that change what a resident may do (a quick-fix stage
/// before the formal one, a time limit, a wait before escalating, refusing to escalate, the number
/// of stages): the guided complaint's result names each major one as out of step with the law.
pub const RESIDENT_DEPARTURES: [&str; 5] =
    ["stage_zero", "time_limit", "waiting_rule", "escalation_refusal", "number_of_stages"];

impl Assessment {
    /// Where the case's policy is out of step with the law in a way that changes what the
    /// resident may do: each major departure of a kind in [`RESIDENT_DEPARTURES`], in the
    /// resident's words with the policy's clause and the Code's.
    pub fn out_of_step(&self) -> Vec<String> {
        self.departures
            .iter()
            .filter(|x| x.severity == Severity::Major && RESIDENT_DEPARTURES.contains(&x.topic.as_str()))
            .map(|x| {
                format!(
                    "{} (the policy's clause {}; the Code: {})",
                    x.for_resident, x.policy_clause, x.code_clause
                )
            })
            .collect()
    }
}

/// Where the case stands overall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Nothing has happened yet (no events).
    NotStarted,
    /// At a stage, waiting for the landlord.
    WithLandlord,
    /// The landlord has responded at a stage before the last; the resident may ask for the next.
    ResponseGiven,
    /// The landlord has given its final response: the internal process is complete.
    ProcessComplete,
    /// The landlord would not accept it as a complaint.
    Refused,
    /// The landlord refused to move it to the next stage.
    EscalationRefused,
    /// The resident has referred it to the Housing Ombudsman.
    WithOmbudsman,
    /// Closed (the remedy delivered, or withdrawn).
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct StageRef {
    pub id: String,
    pub name: String,
    /// Its position in the policy, from 0.
    pub index: usize,
    /// When the case reached it.
    pub started: NaiveDate,
}

/// One stage the case reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct StageVisit {
    pub id: String,
    pub name: String,
    /// Its position in the policy, from 0.
    pub index: usize,
    /// The date its dates count from.
    pub started: NaiveDate,
    pub began: StageBegan,
    /// The index in the case's log of the first event that belongs to this stage (the number of
    /// events when none does yet). Events from here up to the next stage's are this stage's.
    pub first_event: usize,
}

/// How a stage began.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "how")]
pub enum StageBegan {
    /// The complaint was received (the first stage).
    Received,
    /// The resident asked for it.
    Requested,
    /// The policy moved the complaint on by itself.
    Automatically { when: AutoEscalationWhen, clause: String, plain: String },
}

impl StageVisit {
    /// The stage that the event at `index` in the case's log belongs to, among `visits`.
    pub fn of_event(visits: &[StageVisit], index: usize) -> Option<&StageVisit> {
        visits.iter().rev().find(|v| v.first_event <= index).or(visits.first())
    }
}

/// Who a deadline binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Landlord,
    Resident,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    Acknowledge,
    Respond,
    ReturnForm,
    AskForNextStage,
    ReferToOmbudsman,
    AcceptCompensation,
    /// Hold the stage's hearing (Housing Plus's Panel).
    HoldHearing,
    /// Send the decision after the hearing.
    HearingDecision,
    /// Deliver the remedy agreed in a response, by the date agreed.
    DeliverRemedy,
}

/// Whether a deadline was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum DeadlineState {
    /// Done on or before the due date.
    Met { on: NaiveDate },
    /// Done, but after the due date.
    Missed { on: NaiveDate },
    /// Not done, and the due date has passed.
    Overdue,
    /// Not done, and there is still time.
    Pending,
    /// A resident's window that passed without being used.
    Lapsed,
    /// No longer applies: the case closed, was refused or moved on before it was due.
    Stopped { on: NaiveDate },
    /// The due date passed with nothing done, and then the case moved on (it was missed).
    Passed { moved_on: NaiveDate },
}

/// One deadline and the rule behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Deadline {
    /// Stable id, e.g. `stage1.respond`.
    pub id: String,
    pub stage: String,
    pub kind: DeadlineKind,
    pub party: Party,
    /// Plain English: "Acknowledge your complaint".
    pub what: String,
    pub due: NaiveDate,
    /// The date it counts from.
    pub counted_from: NaiveDate,
    /// The policy's sentence for the rule, and its clause.
    pub rule: String,
    pub clause: String,
    pub state: DeadlineState,
    /// The policy only "aims" to meet it.
    pub aim_only: bool,
    /// Set when an extension moved it: the date it was due before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extended_from: Option<NaiveDate>,
    /// A caution about this deadline (an extension beyond what the policy allows, a late request).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// For a response the policy lets the landlord extend: how far, and on what condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<ExtensionLimit>,
}

/// How far a response date may be moved under the policy, and what that needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ExtensionLimit {
    /// The latest date with the most extension the policy allows, counted from the original due
    /// date. `None`: the policy names no limit.
    pub latest_with_extension: Option<NaiveDate>,
    /// What the landlord needs to extend up to that date.
    pub condition: ExtensionCondition,
    /// What it needs to go later still. `None`: the policy allows no later date (or, with no
    /// limit, the question does not arise).
    pub beyond: Option<ExtensionCondition>,
    /// The policy's sentence for the rule, and its clause.
    pub rule: String,
    pub clause: String,
}

impl Deadline {
    pub fn is_overdue(&self) -> bool {
        self.state == DeadlineState::Overdue
    }
}

/// Something someone can or must do, and by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NextStep {
    pub what: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<NaiveDate>,
    pub clause: String,
}

/// The resident's route to the Housing Ombudsman.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OmbudsmanAccess {
    /// The resident may refer the complaint now.
    pub can_refer_now: bool,
    /// When the landlord's own policy says they may (if it has a waiting rule the Code abolished).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_says_from: Option<NaiveDate>,
    /// Refer by this date (normally within 12 months of the final response).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refer_by: Option<NaiveDate>,
    pub plain: String,
    pub clause: String,
}

/// A caution on the assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Warning {
    /// A date lies beyond the bank-holiday calendar.
    Coverage(CoverageWarning),
    /// The case was opened under another version of the policy.
    PolicyVersion { case_version: String, policy_version: String, message: String },
    /// A stage's automatic escalation is only text (a policy saved before it was data), so the
    /// dates do not follow it.
    AutoEscalationNotApplied { stage: String, clause: String, message: String },
}

/// What the user can do about a [`Warning`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningFix {
    /// Load a newer bank-holiday file (on Your data).
    LoadBankHolidays,
    /// Check which version of the policy applies.
    CheckPolicyVersion,
    /// Say in the policy when the complaint moves on by itself.
    EditPolicy,
}

impl Warning {
    /// A stable short name (for test ids).
    pub fn name(&self) -> &'static str {
        match self {
            Warning::Coverage(_) => "coverage",
            Warning::PolicyVersion { .. } => "policy-version",
            Warning::AutoEscalationNotApplied { .. } => "auto-escalation",
        }
    }

    /// What is wrong, in plain words, for anyone reading the dates.
    pub fn plain(&self) -> String {
        match self {
            Warning::Coverage(c) => format!(
                "Some of these dates run past the end of Redress's bank-holiday list, which covers {} to {}. From {} they are counted without bank holidays, so a date may be a day or more too early.",
                c.covered_from,
                c.covered_to,
                crate::calendar::long_date(c.date)
            ),
            // The fix is said separately ([`Warning::fix`]), in words for whoever reads it.
            Warning::PolicyVersion { message, .. } => {
                message.trim_end_matches(" Check which version applies.").to_string()
            }
            Warning::AutoEscalationNotApplied { message, .. } => {
                message.trim_end_matches(" Edit the policy to say when the complaint moves on.").to_string()
            }
        }
    }

    /// What to do about it.
    pub fn fix(&self) -> WarningFix {
        match self {
            Warning::Coverage(_) => WarningFix::LoadBankHolidays,
            Warning::PolicyVersion { .. } => WarningFix::CheckPolicyVersion,
            Warning::AutoEscalationNotApplied { .. } => WarningFix::EditPolicy,
        }
    }
}

/// Why a case cannot be assessed: an impossible sequence of events, named by the event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum EngineError {
    #[error("Event {} ({kind}) is dated {date}, before the event before it ({previous}). Events must be in date order; add a correction instead of going back in time.", index + 1)]
    OutOfOrder { index: usize, kind: String, date: NaiveDate, previous: NaiveDate },
    #[error("Event {} ({kind}) comes before the complaint was received. Record when the landlord received the complaint first.", index + 1)]
    BeforeReceived { index: usize, kind: String },
    #[error("Event {} records the complaint as received a second time. A case has one \"received\" event; start a new case for a new complaint.", index + 1)]
    ReceivedTwice { index: usize, kind: String },
    #[error("Event {} ({kind}) asks for a stage after \"{last_stage}\", the last stage of this policy. After the last stage the next step is the Housing Ombudsman.", index + 1)]
    PastLastStage { index: usize, kind: String, last_stage: String },
    #[error("Event {} ({kind}) comes after the case was {ended}. Nothing can happen to it after that; start a new case if needed.", index + 1)]
    AfterEnd { index: usize, kind: String, ended: String },
    #[error("Event {} ({kind}) moves the response date to {new_due}, before the stage began on {stage_start}. Check the date.", index + 1)]
    ExtensionBeforeStart { index: usize, kind: String, new_due: NaiveDate, stage_start: NaiveDate },
    #[error("Event {} ({kind}) records a hearing at \"{stage}\", but that stage of this policy holds no hearing. Record the stage's response instead.", index + 1)]
    NoHearing { index: usize, kind: String, stage: String },
    #[error("This case is under policy \"{case_policy}\", but it was assessed against \"{policy}\". Choose the case's own policy.")]
    WrongPolicy { case_policy: String, policy: String },
}

impl EngineError {
    /// The index of the event at fault, if one is.
    pub fn event_index(&self) -> Option<usize> {
        match self {
            EngineError::OutOfOrder { index, .. }
            | EngineError::BeforeReceived { index, .. }
            | EngineError::ReceivedTwice { index, .. }
            | EngineError::PastLastStage { index, .. }
            | EngineError::AfterEnd { index, .. }
            | EngineError::ExtensionBeforeStart { index, .. }
            | EngineError::NoHearing { index, .. } => Some(*index),
            EngineError::WrongPolicy { .. } => None,
        }
    }
}

#[cfg(test)]
mod out_of_step_tests {
    use super::*;
    use crate::calendar::{Calendar, Division};
    use crate::guided::Draft;
    use crate::policy;

    fn assessment(policy_id: &str) -> Assessment {
        let policy = policy::by_id(policy_id).unwrap();
        let sent = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let case = Draft { policy_id: Some(policy_id.into()), ..Draft::default() }.to_case(
            "c1",
            &policy.version,
            &policy.landlord,
            sent,
        );
        assess(policy, &case, &Calendar::builtin(Division::EnglandAndWales), sent).unwrap()
    }

    #[test]
    fn the_resident_is_told_each_major_departure_that_changes_what_they_may_do() {
        // The Code is in step with itself.
        assert_eq!(assessment(policy::CODE_ID).out_of_step(), Vec::<String>::new());
        for id in ["forhousing", "housing-plus", "progress", "together", "tuntum"] {
            let a = assessment(id);
            let told = a.out_of_step();
            let expected: Vec<&Departure> = a
                .departures
                .iter()
                .filter(|d| d.severity == Severity::Major && RESIDENT_DEPARTURES.contains(&d.topic.as_str()))
                .collect();
            assert_eq!(told.len(), expected.len(), "{id}");
            for (line, d) in told.iter().zip(expected) {
                assert!(line.starts_with(&d.for_resident), "{line}");
                assert!(line.ends_with(&format!(
                    "(the policy's clause {}; the Code: {})",
                    d.policy_clause, d.code_clause
                )));
            }
            // A minor departure, or one about how the landlord works, is the association's to fix.
            for d in a
                .departures
                .iter()
                .filter(|d| d.severity != Severity::Major || !RESIDENT_DEPARTURES.contains(&d.topic.as_str()))
            {
                assert!(!told.iter().any(|t| t.starts_with(&d.for_resident)), "{id}: {}", d.topic);
            }
        }
        // Housing Plus has three formal stages (its Panel), where the Code has exactly two.
        assert!(assessment("housing-plus")
            .out_of_step()
            .iter()
            .any(|t| t.contains("The Code allows exactly two")));
    }
}
