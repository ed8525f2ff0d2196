//! actions: what a landlord may record on a case at this point, and nothing else.
//!
//! The association's case page offers exactly these. Each comes from the policy and the case's
//! events: an extension only where the stage has an extension rule (with the latest date allowed
//! without the resident's agreement), a refusal only with the reasons the policy allows, an
//! escalation only where there is a next stage, and so on. Recording the event still goes through
//! [`super::assess`], which checks the whole sequence.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Assessment, DeadlineKind, DeadlineState, Status};
use crate::calendar::Calendar;
use crate::case::{Case, EventKind, FeedbackKind};
use crate::policy::{Agreement, Policy};

/// A reason the policy allows for refusing a complaint or its escalation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RefusalReason {
    /// The policy's exclusion code, e.g. `legal_proceedings`.
    pub code: String,
    pub plain: String,
    pub clause: String,
}

/// One thing the landlord may record now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum Action {
    /// Acknowledge the complaint (or the escalation) at the current stage.
    Acknowledge { stage: String, due: Option<NaiveDate> },
    /// Record that the resident returned the stage's form.
    FormReceived { stage: String },
    /// Extend the current stage's response date.
    Extend {
        stage: String,
        /// The response date as it stands.
        current_due: NaiveDate,
        /// The latest date the landlord may set on its own (`None`: the policy names no limit).
        latest_without_agreement: Option<NaiveDate>,
        agreement: Agreement,
        rule: String,
        clause: String,
    },
    /// Give the stage's response (with the outcome, remedy and lessons learned).
    Respond { stage: String, final_stage: bool, due: Option<NaiveDate> },
    /// The resident asked for the next stage.
    Escalate { to_stage: String },
    /// Refuse to move the complaint to the next stage, for one of the policy's reasons.
    RefuseEscalation { reasons: Vec<RefusalReason>, rule: String, clause: String },
    /// Refuse to take it on as a complaint, for one of the policy's reasons.
    Refuse { reasons: Vec<RefusalReason> },
    /// Close the case (remedy delivered, or withdrawn).
    Close,
    /// The resident referred it to the Housing Ombudsman.
    RecordOmbudsmanReferral,
    /// Offer compensation.
    OfferCompensation,
    /// The resident accepted the compensation offered.
    RecordAcceptance,
    /// The compensation was paid.
    RecordPayment,
    /// Give the case to another member of staff.
    Assign,
}

impl Action {
    /// A stable short name (used for test ids and addresses).
    pub fn name(&self) -> &'static str {
        match self {
            Action::Acknowledge { .. } => "acknowledge",
            Action::FormReceived { .. } => "form-received",
            Action::Extend { .. } => "extend",
            Action::Respond { .. } => "respond",
            Action::Escalate { .. } => "escalate",
            Action::RefuseEscalation { .. } => "refuse-escalation",
            Action::Refuse { .. } => "refuse",
            Action::Close => "close",
            Action::RecordOmbudsmanReferral => "ombudsman",
            Action::OfferCompensation => "offer-compensation",
            Action::RecordAcceptance => "compensation-accepted",
            Action::RecordPayment => "compensation-paid",
            Action::Assign => "assign",
        }
    }

    /// The button's words.
    pub fn label(&self) -> String {
        match self {
            Action::Acknowledge { stage, .. } => format!("Acknowledge ({stage})"),
            Action::FormReceived { .. } => "Record the form returned".into(),
            Action::Extend { .. } => "Extend the response date".into(),
            Action::Respond { stage, final_stage: true, .. } => format!("Give the final response ({stage})"),
            Action::Respond { stage, .. } => format!("Give the {stage} response"),
            Action::Escalate { to_stage } => format!("Escalate to {to_stage}"),
            Action::RefuseEscalation { .. } => "Refuse to escalate".into(),
            Action::Refuse { .. } => "Refuse as not a complaint".into(),
            Action::Close => "Close the case".into(),
            Action::RecordOmbudsmanReferral => "Record a referral to the Ombudsman".into(),
            Action::OfferCompensation => "Offer compensation".into(),
            Action::RecordAcceptance => "Record the offer accepted".into(),
            Action::RecordPayment => "Record the payment made".into(),
            Action::Assign => "Change the handler".into(),
        }
    }

    /// For an extension: whether moving the response to `new_due` needs the resident's agreement
    /// under the policy (always where the policy says so; otherwise only beyond the most the
    /// landlord may add on its own). `false` for every other action.
    pub fn needs_agreement(&self, new_due: NaiveDate) -> bool {
        let Action::Extend { latest_without_agreement, agreement, .. } = self else { return false };
        match agreement {
            Agreement::Needed => true,
            Agreement::NeededBeyondLimit => latest_without_agreement.is_none_or(|l| new_due > l),
            Agreement::NotNeeded => latest_without_agreement.is_some_and(|l| new_due > l),
        }
    }

    /// Whether `event` is something this action records.
    pub fn permits(&self, event: &EventKind) -> bool {
        match (self, event) {
            (Action::Acknowledge { .. }, EventKind::Acknowledged)
            | (Action::FormReceived { .. }, EventKind::FormReceived)
            | (Action::Extend { .. }, EventKind::Extended { .. })
            | (Action::Respond { .. }, EventKind::Responded { .. })
            | (Action::Escalate { .. }, EventKind::EscalationRequested)
            | (Action::Close, EventKind::Closed)
            | (Action::RecordOmbudsmanReferral, EventKind::ReferredToOmbudsman)
            | (Action::OfferCompensation, EventKind::CompensationOffered { .. })
            | (Action::RecordAcceptance, EventKind::CompensationAccepted)
            | (Action::RecordPayment, EventKind::CompensationPaid)
            | (Action::Assign, EventKind::Assigned { .. }) => true,
            (Action::Refuse { reasons }, EventKind::Refused { exclusion, .. }) => {
                reasons.iter().any(|r| &r.code == exclusion)
            }
            (Action::RefuseEscalation { reasons, .. }, EventKind::EscalationRefused { reason }) => {
                reasons.iter().any(|r| reason.starts_with(&r.plain) || reason == &r.code)
            }
            _ => false,
        }
    }
}

/// What happened at the current stage, read from the events since it began.
#[derive(Default)]
struct Current {
    acknowledged: bool,
    form: bool,
    responded: bool,
    offered: bool,
    accepted: bool,
    paid: bool,
}

fn current(case: &Case) -> Current {
    let mut c = Current::default();
    for event in &case.events {
        match event.what {
            EventKind::Received | EventKind::EscalationRequested => {
                c.acknowledged = false;
                c.form = false;
                c.responded = false;
            }
            EventKind::Acknowledged => c.acknowledged = true,
            EventKind::FormReceived => c.form = true,
            EventKind::Responded { compensation_pence, .. } => {
                c.responded = true;
                if compensation_pence.is_some_and(|p| p > 0) {
                    c.offered = true;
                    c.accepted = false;
                    c.paid = false;
                }
            }
            EventKind::CompensationOffered { .. } => {
                c.offered = true;
                c.accepted = false;
                c.paid = false;
            }
            EventKind::CompensationAccepted => c.accepted = true,
            EventKind::CompensationPaid => c.paid = true,
            _ => {}
        }
    }
    c
}

fn reasons(policy: &Policy) -> Vec<RefusalReason> {
    policy
        .exclusions
        .iter()
        .map(|e| RefusalReason { code: e.code.clone(), plain: e.plain.clone(), clause: e.clause.clone() })
        .collect()
}

/// The actions the policy allows on `case` now, given its `assessment` (made with `calendar`).
pub fn actions(policy: &Policy, case: &Case, assessment: &Assessment, calendar: &Calendar) -> Vec<Action> {
    let mut out = Vec::new();
    let now = current(case);
    let open_deadline =
        |kind: DeadlineKind| {
            assessment.deadlines.iter().rev().find(|d| {
                d.kind == kind && matches!(d.state, DeadlineState::Pending | DeadlineState::Overdue)
            })
        };
    let stage = assessment.current_stage.as_ref().map(|s| (s, &policy.stages[s.index]));
    let next_stage = stage.and_then(|(s, _)| policy.stages.get(s.index + 1));
    let is_complaint = case.feedback == FeedbackKind::Complaint;

    match assessment.status {
        Status::WithLandlord if is_complaint => {
            let (at, rules) = stage.expect("a case with the landlord is at a stage");
            if !now.acknowledged {
                out.push(Action::Acknowledge {
                    stage: at.name.clone(),
                    due: open_deadline(DeadlineKind::Acknowledge).map(|d| d.due),
                });
            }
            if rules.resident_form.is_some() && !now.form {
                out.push(Action::FormReceived { stage: at.name.clone() });
            }
            let respond = open_deadline(DeadlineKind::Respond);
            if let (Some(extension), Some(due)) = (&rules.extension, respond) {
                let original = due.extended_from.unwrap_or(due.due);
                out.push(Action::Extend {
                    stage: at.name.clone(),
                    current_due: due.due,
                    latest_without_agreement: match extension.agreement {
                        Agreement::Needed => None,
                        _ => extension.up_to.map(|p| calendar.add(original, p).date),
                    },
                    agreement: extension.agreement,
                    rule: extension.plain.clone(),
                    clause: extension.clause.clone(),
                });
            }
            out.push(Action::Respond {
                stage: at.name.clone(),
                final_stage: next_stage.is_none(),
                due: respond.map(|d| d.due),
            });
            // The resident may go on to the next stage when the response is overdue.
            if let (Some(next), Some(true)) = (next_stage, respond.map(|d| d.is_overdue())) {
                out.push(Action::Escalate { to_stage: next.name.clone() });
            }
            if at.index == 0 && !policy.exclusions.is_empty() {
                out.push(Action::Refuse { reasons: reasons(policy) });
            }
            out.push(Action::Close);
        }
        Status::ResponseGiven if is_complaint => {
            if let Some(next) = next_stage {
                out.push(Action::Escalate { to_stage: next.name.clone() });
                if let Some(rule) = &policy.escalation_refusal {
                    if !policy.exclusions.is_empty() {
                        out.push(Action::RefuseEscalation {
                            reasons: reasons(policy),
                            rule: rule.plain.clone(),
                            clause: rule.clause.clone(),
                        });
                    }
                }
            }
            out.push(Action::Close);
        }
        Status::ProcessComplete if is_complaint => {
            out.push(Action::RecordOmbudsmanReferral);
            out.push(Action::Close);
        }
        Status::Refused | Status::EscalationRefused | Status::Closed if is_complaint => {
            out.push(Action::RecordOmbudsmanReferral);
        }
        Status::WithOmbudsman | Status::Closed => {}
        // Service requests, compliments, comments and enquiries are recorded, answered and closed.
        _ if !is_complaint => {
            if !now.acknowledged {
                out.push(Action::Acknowledge { stage: case.feedback.label().to_string(), due: None });
            }
            out.push(Action::Close);
        }
        _ => {}
    }
    if is_complaint && assessment.status != Status::NotStarted {
        if !now.offered || now.paid {
            out.push(Action::OfferCompensation);
        }
        if now.offered && !now.accepted && !now.paid {
            out.push(Action::RecordAcceptance);
        }
        if now.offered && now.accepted && !now.paid {
            out.push(Action::RecordPayment);
        }
    }
    out.push(Action::Assign);
    out
}
