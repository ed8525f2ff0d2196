//! self_assessment: the Code self-assessment — one row per provision, with what the data or the
//! policy shows filled in where it can be measured, and the association's own answer, evidence,
//! commentary and action for every row. Saved as a settings record, so it is exported with the
//! rest of the data.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{percent, Report};
use crate::policy::{self, Policy, Severity};

/// The settings record's id.
pub const SETTING_ID: &str = "self-assessment";

/// What can be measured for a provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// The share acknowledged on time at a stage (by stage id).
    AcknowledgedOnTime(&'static str),
    /// The share answered on time at a stage (by stage id).
    RespondedOnTime(&'static str),
    /// The policy, compared with the Code on these conformance topics.
    Policy(&'static [&'static str]),
}

/// One provision of the Code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Provision {
    pub id: &'static str,
    pub section: &'static str,
    pub text: &'static str,
    pub measure: Option<Measure>,
}

const PROVISIONS: [Provision; 20] = [
    Provision { id: "definition", section: "What is a complaint", text: "A complaint is any expression of dissatisfaction, however made, about the landlord's service, actions or lack of action; the word \"complaint\" need not be used.", measure: None },
    Provision { id: "service-requests", section: "What is a complaint", text: "Service requests are recorded and monitored, and become complaints if the resident is unhappy with how they are handled or asks.", measure: None },
    Provision { id: "no-blanket-exclusions", section: "What is a complaint", text: "A complaint is accepted unless there is a valid reason the Code allows; there are no blanket exclusions.", measure: Some(Measure::Policy(&["exclusion"])) },
    Provision { id: "time-limit", section: "What is a complaint", text: "Complaints about issues up to 12 months old are accepted, with discretion for older ones.", measure: Some(Measure::Policy(&["time_limit"])) },
    Provision { id: "refusal-in-writing", section: "What is a complaint", text: "A refusal is explained in writing and tells the resident they can take it to the Ombudsman.", measure: None },
    Provision { id: "two-stages", section: "The process", text: "Exactly two stages, with no \"stage 0\", informal third stage or panel stage.", measure: Some(Measure::Policy(&["stage_zero", "number_of_stages"])) },
    Provision { id: "stage1-acknowledge", section: "Timescales", text: "Stage 1 complaints are acknowledged and logged within 5 working days.", measure: Some(Measure::AcknowledgedOnTime("stage1")) },
    Provision { id: "stage1-respond", section: "Timescales", text: "Stage 1 responses are sent within 10 working days of the acknowledgement.", measure: Some(Measure::RespondedOnTime("stage1")) },
    Provision { id: "stage2-acknowledge", section: "Timescales", text: "Stage 2 requests are acknowledged within 5 working days.", measure: Some(Measure::AcknowledgedOnTime("stage2")) },
    Provision { id: "stage2-respond", section: "Timescales", text: "Stage 2 responses are sent within 20 working days of the acknowledgement.", measure: Some(Measure::RespondedOnTime("stage2")) },
    Provision { id: "extensions", section: "Timescales", text: "Extensions are no longer than the Code allows (10 working days at Stage 1, 20 at Stage 2), are explained, and give the Ombudsman's contact details.", measure: Some(Measure::Policy(&["extension"])) },
    Provision { id: "stage2-independent", section: "The process", text: "Stage 2 is handled by someone not involved at Stage 1.", measure: None },
    Provision { id: "escalation", section: "The process", text: "Residents need not give reasons for escalating, and escalation is refused only for a reason the Code allows.", measure: Some(Measure::Policy(&["escalation"])) },
    Provision { id: "response-contents", section: "Responses", text: "Each response covers the stage, the complaint as understood, the decision on each part with reasons, any remedy, outstanding actions, and how to escalate.", measure: None },
    Provision { id: "final-response", section: "Responses", text: "The Stage 2 response is the final response and explains how to refer to the Ombudsman.", measure: None },
    Provision { id: "outstanding-actions", section: "Responses", text: "A response is sent when the answer is known; outstanding actions are tracked until done.", measure: None },
    Provision { id: "remedies", section: "Remedies", text: "Remedies put the resident back where they would have been: apology, explanation, action and compensation where appropriate.", measure: None },
    Provision { id: "access", section: "Access and fairness", text: "Complaints can be made through many channels; reasonable adjustments are offered, recorded and kept under review; any member of staff can receive a complaint.", measure: None },
    Provision { id: "no-democratic-filter", section: "Access and fairness", text: "Residents can go straight to the Ombudsman after the final response, with no waiting period or designated person.", measure: Some(Measure::Policy(&["waiting_rule"])) },
    Provision { id: "self-assessment-published", section: "Self-assessment and reporting", text: "A self-assessment is completed at least once a year, approved by the governing body and published with the annual complaints report and the governing body's response.", measure: None },
];

/// Every provision, in order.
pub fn provisions() -> &'static [Provision] {
    &PROVISIONS
}

/// What the data or the policy shows about a provision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// `None` when there is nothing to measure yet.
    pub complies: Option<bool>,
    pub evidence: String,
}

/// What can be measured for `provision` from the report and the policy.
pub fn measured(provision: &Provision, report: &Report, policy: &Policy) -> Option<Finding> {
    let stage_figures = |id: &str| report.stages.iter().find(|s| s.stage_id == id);
    match provision.measure? {
        Measure::AcknowledgedOnTime(id) => Some(match stage_figures(id) {
            Some(s) if s.acknowledged + s.acknowledge_overdue > 0 => {
                let due = s.acknowledged + s.acknowledge_overdue;
                Finding {
                    complies: Some(s.acknowledged_on_time == due),
                    evidence: format!(
                        "{} of {} {} complaints ({}) were acknowledged on time in the period.",
                        s.acknowledged_on_time,
                        due,
                        s.stage_name,
                        percent(s.acknowledged_on_time_share())
                    ),
                }
            }
            _ => Finding {
                complies: None,
                evidence: "No acknowledgements were due at this stage in the period.".into(),
            },
        }),
        Measure::RespondedOnTime(id) => Some(match stage_figures(id) {
            Some(s) if s.responded + s.respond_overdue > 0 => {
                let due = s.responded + s.respond_overdue;
                Finding {
                    complies: Some(s.responded_on_time == due),
                    evidence: format!(
                        "{} of {} {} responses ({}) were sent on time in the period.",
                        s.responded_on_time,
                        due,
                        s.stage_name,
                        percent(s.responded_on_time_share())
                    ),
                }
            }
            _ => Finding {
                complies: None,
                evidence: "No responses were due at this stage in the period.".into(),
            },
        }),
        Measure::Policy(topics) => {
            let departures = policy::departures(policy);
            let relevant: Vec<_> =
                departures.iter().filter(|d| topics.iter().any(|t| d.topic.contains(t))).collect();
            Some(if relevant.is_empty() {
                Finding {
                    complies: Some(true),
                    evidence: format!(
                        "{} (version {}) matches the Code on this point.",
                        policy.title, policy.version
                    ),
                }
            } else {
                Finding {
                    complies: Some(!relevant.iter().any(|d| d.severity == Severity::Major)),
                    evidence: relevant
                        .iter()
                        .map(|d| {
                            format!(
                                "{} (policy {}; Code: {})",
                                d.for_association, d.policy_clause, d.code_clause
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(" "),
                }
            })
        }
    }
}

/// The association's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Complies {
    Yes,
    Partly,
    No,
}

/// The association's row for one provision.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub provision_id: String,
    #[serde(default)]
    pub complies: Option<Complies>,
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub commentary: String,
    /// What will be done about a gap.
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub action_due: Option<NaiveDate>,
}

/// The whole self-assessment.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfAssessment {
    #[serde(default)]
    pub completed_on: Option<NaiveDate>,
    #[serde(default)]
    pub answers: Vec<Answer>,
}

impl SelfAssessment {
    pub fn answer(&self, id: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.provision_id == id)
    }

    /// Replaces the answer for its provision.
    pub fn set(&mut self, answer: Answer) {
        match self.answers.iter_mut().find(|a| a.provision_id == answer.provision_id) {
            Some(a) => *a = answer,
            None => self.answers.push(answer),
        }
    }

    /// Problems, each with its provision id: a gap needs an action and a date.
    pub fn validate(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for a in &self.answers {
            if !provisions().iter().any(|p| p.id == a.provision_id) {
                out.push((
                    a.provision_id.clone(),
                    format!("\"{}\" is not a provision of the Code this app knows.", a.provision_id),
                ));
                continue;
            }
            if matches!(a.complies, Some(Complies::No | Complies::Partly)) {
                if a.action.trim().is_empty() {
                    out.push((
                        a.provision_id.clone(),
                        "Where you do not fully comply, say what you will do about it.".into(),
                    ));
                }
                if a.action_due.is_none() {
                    out.push((
                        a.provision_id.clone(),
                        "Where you do not fully comply, give a date for the action.".into(),
                    ));
                }
            }
        }
        out
    }
}
