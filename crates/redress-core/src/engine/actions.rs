//! actions: what a landlord may record on a case at this point, and nothing else.
//!
//! The association's case page offers exactly these. Each comes from the policy and the case's
//! events: an extension only where the stage has an extension rule (with the latest date the
//! policy allows and what that needs), a refusal only with the reasons the policy allows, an
//! escalation only where there is a next stage and the policy does not take that step by itself,
//! a quick fix only while one can still be made, a hearing's steps only at a stage that holds one,
//! a referral to the Ombudsman once the Code's two stages are through, and so on. Recording the
//! event still goes through [`super::assess`], which checks the whole sequence.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Assessment, DeadlineKind, DeadlineState, StageBegan, Status};
use crate::calendar::{long_date, Calendar};
use crate::case::{Case, EventKind, FeedbackKind, Outcome};
use crate::policy::{Agreement, AutoEscalationWhen, ExtensionCondition, Policy};

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
        /// The latest date with the most extension the policy allows (`None`: it names no limit).
        latest: Option<NaiveDate>,
        /// What the landlord needs to extend up to `latest`.
        condition: ExtensionCondition,
        /// What it needs to go later (`None`: the policy allows no later date).
        beyond: Option<ExtensionCondition>,
        agreement: Agreement,
        rule: String,
        clause: String,
    },
    /// Give the stage's response (with the outcome, remedy and lessons learned). `what` says
    /// which response it is ("Give the final response", "Send the decision after the Panel
    /// hearing").
    Respond {
        stage: String,
        what: String,
        final_stage: bool,
        due: Option<NaiveDate>,
        /// Where the policy moves the complaint on when no remedy is agreed or it is not delivered
        /// by the date agreed (ForHousing 2): that rule, in words for the association. The
        /// response form then asks whether a remedy was agreed, and by when it will be delivered.
        remedy_rule: Option<String>,
    },
    /// Record that the remedy agreed in the response was delivered.
    RecordRemedyDelivered { stage: String, by: NaiveDate },
    /// Record a quick fix: the problem put right at once, so the formal stage does not go on
    /// (Tuntum's Stage Zero). Only while the quick-fix time lasts.
    QuickFix { stage: String, by: NaiveDate },
    /// Record the decision to hold the stage's hearing.
    ArrangeHearing { stage: String, hearing: String, due: Option<NaiveDate> },
    /// Record that the hearing took place.
    RecordHearing { stage: String, hearing: String, due: Option<NaiveDate> },
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
    /// A stable short name (used for test ids and addresses): its kind's.
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// The button's words.
    pub fn label(&self) -> String {
        match self {
            Action::Acknowledge { stage, .. } => format!("Acknowledge ({stage})"),
            Action::FormReceived { .. } => "Record the form returned".into(),
            Action::Extend { .. } => "Extend the response date".into(),
            Action::Respond { stage, what, .. } => format!("{what} ({stage})"),
            Action::RecordRemedyDelivered { .. } => "Record the agreed remedy delivered".into(),
            Action::QuickFix { .. } => "Record a quick fix".into(),
            Action::ArrangeHearing { hearing, .. } => format!("Record the decision to hold a {hearing}"),
            Action::RecordHearing { hearing, .. } => format!("Record the {hearing} held"),
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
    /// under the policy (always where the policy says so, or beyond its limit where it says
    /// longer needs agreement). `false` for every other action. (The Code's test beyond its limit
    /// is a good reason, not agreement: see [`Action::extension_caution`].)
    pub fn needs_agreement(&self, new_due: NaiveDate) -> bool {
        let Action::Extend { latest, agreement, .. } = self else { return false };
        match agreement {
            Agreement::Needed => true,
            Agreement::NeededBeyondLimit => latest.is_none_or(|l| new_due > l),
            Agreement::NotNeeded => false,
        }
    }

    /// For an extension: why moving the response to `new_due` cannot be recorded, in words for
    /// the association, or `None` if it can. `false`-like `None` for every other action.
    pub fn extension_problem(&self, new_due: NaiveDate, agreed: bool) -> Option<String> {
        let Action::Extend { current_due, latest, beyond, clause, .. } = self else { return None };
        if new_due <= *current_due {
            return Some(format!("The new date must be after the current one, {}.", long_date(*current_due)));
        }
        if self.needs_agreement(new_due) && !agreed {
            return Some(match latest {
                Some(l) if new_due > *l => format!("The policy lets you extend to {} at most without the resident's agreement (clause {clause}). Record that the resident agreed, or choose an earlier date.", long_date(*l)),
                _ => format!("The policy needs the resident to agree to the new date (clause {clause}). Record that they agreed."),
            });
        }
        match (latest, beyond) {
            (Some(l), None) if new_due > *l => Some(format!(
                "The policy allows no later date than {} (clause {clause}). Choose that date or an earlier one.",
                long_date(*l)
            )),
            _ => None,
        }
    }

    /// For an extension that can be recorded: what the landlord must be able to show, when
    /// `new_due` goes beyond the policy's limit on a condition other than agreement (the Code's
    /// good reason). `None` otherwise.
    pub fn extension_caution(&self, new_due: NaiveDate) -> Option<String> {
        let Action::Extend { latest: Some(l), beyond: Some(ExtensionCondition::GoodReason), clause, .. } =
            self
        else {
            return None;
        };
        (new_due > *l).then(|| {
            format!(
                "This goes beyond {}, the latest date without a good reason (clause {clause}). Give the good reason below: the resident must be told it.",
                long_date(*l)
            )
        })
    }

    /// Whether `event` is something this action records.
    pub fn permits(&self, event: &EventKind) -> bool {
        match (self, event) {
            (Action::Acknowledge { .. }, EventKind::Acknowledged)
            | (Action::FormReceived { .. }, EventKind::FormReceived)
            | (Action::Extend { .. }, EventKind::Extended { .. })
            | (Action::Respond { .. }, EventKind::Responded { .. })
            | (Action::RecordRemedyDelivered { .. }, EventKind::RemedyDelivered)
            | (Action::QuickFix { .. }, EventKind::Responded { outcome: Outcome::Resolved, .. })
            | (Action::ArrangeHearing { .. }, EventKind::HearingArranged)
            | (Action::RecordHearing { .. }, EventKind::HearingHeld)
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

/// What happened at the current stage, read from the events since it began, and the
/// compensation so far (read from the whole log).
#[derive(Default)]
struct Current {
    /// Any step at all at this stage since it began.
    steps: bool,
    acknowledged: bool,
    form: bool,
    hearing_arranged: bool,
    hearing_held: bool,
    offered: bool,
    accepted: bool,
    paid: bool,
}

fn current(case: &Case, since: usize) -> Current {
    let mut c = Current::default();
    for (index, event) in case.events.iter().enumerate() {
        let here = index >= since;
        match event.what {
            EventKind::Acknowledged if here => c.acknowledged = true,
            EventKind::FormReceived if here => c.form = true,
            EventKind::HearingArranged if here => c.hearing_arranged = true,
            EventKind::HearingHeld if here => {
                c.hearing_arranged = true;
                c.hearing_held = true;
            }
            _ => {}
        }
        if here && super::assess::is_stage_step(&event.what) && event.what != EventKind::EscalationRequested {
            c.steps = true;
        }
        match event.what {
            EventKind::Responded { compensation_pence: Some(p), .. } if p > 0 => {
                c.offered = true;
                c.accepted = false;
                c.paid = false;
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
    let visit = assessment.stages.last();
    let now = current(case, visit.map_or(0, |v| v.first_event));
    let open_deadline =
        |kind: DeadlineKind| {
            assessment.deadlines.iter().rev().find(|d| {
                d.kind == kind && matches!(d.state, DeadlineState::Pending | DeadlineState::Overdue)
            })
        };
    let stage = assessment.current_stage.as_ref().map(|s| (s, &policy.stages[s.index]));
    let next_stage = stage.and_then(|(s, _)| policy.stages.get(s.index + 1));
    let is_complaint = case.feedback == FeedbackKind::Complaint;
    // The stage the complaint began at (possibly the formal stage the policy moved it into at
    // once): a refusal as "not a complaint" is decided there.
    let first_stage = visit.is_some_and(|v| v.started == case.received().unwrap_or(v.started))
        && assessment.stages.iter().all(|v| !matches!(v.began, StageBegan::Requested));

    match assessment.status {
        Status::WithLandlord if is_complaint => {
            let (at, rules) = stage.expect("a case with the landlord is at a stage");
            // Still time for a quick fix, where the policy's first stage is one.
            if let (Some(v), Some(quick)) = (visit, policy.stages.first()) {
                let quick_stage = matches!(
                    v.began,
                    StageBegan::Automatically { when: AutoEscalationWhen::NotResolvedAtOnce, .. }
                );
                if let (true, false, Some(respond)) = (quick_stage, now.steps, &quick.respond) {
                    let by = calendar.add(v.started, respond.period).date;
                    if assessment.today <= by {
                        out.push(Action::QuickFix { stage: quick.name.clone(), by });
                    }
                }
            }
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
                let limit = due.extension.as_ref();
                out.push(Action::Extend {
                    stage: at.name.clone(),
                    current_due: due.due,
                    latest: limit.and_then(|l| l.latest_with_extension),
                    condition: extension.condition(),
                    beyond: limit.and_then(|l| l.beyond),
                    agreement: extension.agreement,
                    rule: extension.plain.clone(),
                    clause: extension.clause.clone(),
                });
            }
            let final_stage = next_stage.is_none();
            let remedy_rule = next_stage.and_then(|next| {
                rules
                    .auto_escalation
                    .iter()
                    .find(|r| r.when == Some(AutoEscalationWhen::RemedyNotAgreedOrDelivered))
                    .map(|r| {
                        format!(
                            "Under clause {} of the policy, if no remedy is agreed with the resident, or the remedy agreed is not delivered by the date agreed, the complaint moves to {} by itself.",
                            r.clause, next.name
                        )
                    })
            });
            let default_what =
                if final_stage { "Give the final response" } else { "Respond to the complaint" };
            match &rules.hearing {
                Some(hearing) if now.form && !now.hearing_arranged => {
                    out.push(Action::ArrangeHearing {
                        stage: at.name.clone(),
                        hearing: hearing.name.clone(),
                        due: respond.map(|d| d.due),
                    });
                    out.push(Action::Respond {
                        stage: at.name.clone(),
                        what: format!("Explain that there will be no {}: the final response", hearing.name),
                        final_stage,
                        due: respond.map(|d| d.due),
                        remedy_rule: remedy_rule.clone(),
                    });
                }
                Some(hearing) if now.hearing_arranged && !now.hearing_held => {
                    out.push(Action::RecordHearing {
                        stage: at.name.clone(),
                        hearing: hearing.name.clone(),
                        due: open_deadline(DeadlineKind::HoldHearing).map(|d| d.due),
                    });
                }
                Some(hearing) if now.hearing_held => out.push(Action::Respond {
                    stage: at.name.clone(),
                    what: format!("Send the decision after the {}", hearing.name),
                    final_stage,
                    due: open_deadline(DeadlineKind::HearingDecision).map(|d| d.due),
                    remedy_rule: remedy_rule.clone(),
                }),
                _ => out.push(Action::Respond {
                    stage: at.name.clone(),
                    what: default_what.into(),
                    final_stage,
                    due: respond.map(|d| d.due),
                    remedy_rule,
                }),
            }
            // The resident may go on to the next stage when the response is overdue.
            if let (Some(next), Some(true)) = (next_stage, respond.map(|d| d.is_overdue())) {
                out.push(Action::Escalate { to_stage: next.name.clone() });
            }
            if first_stage && !policy.exclusions.is_empty() {
                out.push(Action::Refuse { reasons: reasons(policy) });
            }
            // After the Code's second stage the resident may go to the Ombudsman at any time.
            if assessment.ombudsman.can_refer_now {
                out.push(Action::RecordOmbudsmanReferral);
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
            if assessment.ombudsman.can_refer_now {
                out.push(Action::RecordOmbudsmanReferral);
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
    if let (true, Some(d)) = (is_complaint, open_deadline(DeadlineKind::DeliverRemedy)) {
        let stage =
            policy.stages.iter().find(|s| s.id == d.stage).map_or(d.stage.clone(), |s| s.name.clone());
        if !matches!(assessment.status, Status::WithOmbudsman) {
            out.push(Action::RecordRemedyDelivered { stage, by: d.due });
        }
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
