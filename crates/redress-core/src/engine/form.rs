//! form: the forms that record an action on a case, as data — what was typed, checked field by
//! field with messages that say what to do, and turned into the event the action records. The
//! association's [`ActionForm`] records one of the [`Action`]s the engine offers now (an
//! extension within what the policy allows, a response with its reasons, a refusal for one of the
//! policy's reasons…); the resident's [`ResidentForm`] records what the landlord did, or what they
//! did themselves, as one of the same actions ([`RESIDENT_ACTIONS`]). Either event still goes
//! through [`super::assess`], which checks the whole sequence, before it is saved.

use chrono::NaiveDate;

use super::Action;
use crate::calendar::long_date;
use crate::case::{check_date, Event, EventKind, Outcome, PointDecision, RemedyAgreement};
use crate::choice::Choice;
use crate::policy::edit::parse_pounds;

/// Which action, without what the engine worked out for it (its stage, dates and reasons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionKind {
    Acknowledge,
    FormReceived,
    Extend,
    Respond,
    RecordRemedyDelivered,
    QuickFix,
    ArrangeHearing,
    RecordHearing,
    Escalate,
    RefuseEscalation,
    Refuse,
    Close,
    RecordOmbudsmanReferral,
    OfferCompensation,
    RecordAcceptance,
    RecordPayment,
    Assign,
}

impl ActionKind {
    /// A stable short name (used for test ids and element ids).
    pub fn name(self) -> &'static str {
        match self {
            ActionKind::Acknowledge => "acknowledge",
            ActionKind::FormReceived => "form-received",
            ActionKind::Extend => "extend",
            ActionKind::Respond => "respond",
            ActionKind::RecordRemedyDelivered => "remedy-delivered",
            ActionKind::QuickFix => "quick-fix",
            ActionKind::ArrangeHearing => "arrange-hearing",
            ActionKind::RecordHearing => "hearing-held",
            ActionKind::Escalate => "escalate",
            ActionKind::RefuseEscalation => "refuse-escalation",
            ActionKind::Refuse => "refuse",
            ActionKind::Close => "close",
            ActionKind::RecordOmbudsmanReferral => "ombudsman",
            ActionKind::OfferCompensation => "offer-compensation",
            ActionKind::RecordAcceptance => "compensation-accepted",
            ActionKind::RecordPayment => "compensation-paid",
            ActionKind::Assign => "assign",
        }
    }

    /// The words a resident reads for it on "Record what happened", for the actions a resident
    /// records (see [`RESIDENT_ACTIONS`]).
    pub fn resident_label(self) -> Option<&'static str> {
        Some(match self {
            ActionKind::Acknowledge => "The landlord acknowledged my complaint",
            ActionKind::Respond => "The landlord sent its response",
            ActionKind::RecordRemedyDelivered => "The landlord did what it agreed, to put things right",
            ActionKind::Extend => "The landlord gave a new date for its response",
            ActionKind::Escalate => "I asked for the next stage",
            ActionKind::RecordOmbudsmanReferral => "I went to the Housing Ombudsman",
            ActionKind::Close => "It is sorted: close the complaint",
            _ => return None,
        })
    }
}

impl Action {
    /// Which action this is.
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::Acknowledge { .. } => ActionKind::Acknowledge,
            Action::FormReceived { .. } => ActionKind::FormReceived,
            Action::Extend { .. } => ActionKind::Extend,
            Action::Respond { .. } => ActionKind::Respond,
            Action::RecordRemedyDelivered { .. } => ActionKind::RecordRemedyDelivered,
            Action::QuickFix { .. } => ActionKind::QuickFix,
            Action::ArrangeHearing { .. } => ActionKind::ArrangeHearing,
            Action::RecordHearing { .. } => ActionKind::RecordHearing,
            Action::Escalate { .. } => ActionKind::Escalate,
            Action::RefuseEscalation { .. } => ActionKind::RefuseEscalation,
            Action::Refuse { .. } => ActionKind::Refuse,
            Action::Close => ActionKind::Close,
            Action::RecordOmbudsmanReferral => ActionKind::RecordOmbudsmanReferral,
            Action::OfferCompensation => ActionKind::OfferCompensation,
            Action::RecordAcceptance => ActionKind::RecordAcceptance,
            Action::RecordPayment => ActionKind::RecordPayment,
            Action::Assign => ActionKind::Assign,
        }
    }
}

/// The actions a resident records on their own complaint, in the order "Record what happened"
/// offers them: what the landlord did, and what they did themselves. All are offered whatever the
/// complaint's state: the resident records what happened, and the engine checks the sequence.
pub const RESIDENT_ACTIONS: [ActionKind; 7] = [
    ActionKind::Acknowledge,
    ActionKind::Respond,
    ActionKind::RecordRemedyDelivered,
    ActionKind::Extend,
    ActionKind::Escalate,
    ActionKind::RecordOmbudsmanReferral,
    ActionKind::Close,
];

/// What a resident can say the landlord decided: the outcome, its value on the page, its words.
pub const RESIDENT_DECISIONS: [(Outcome, &str, &str); 3] = [
    (Outcome::Upheld, "upheld", "They agreed with my complaint"),
    (Outcome::PartlyUpheld, "partly_upheld", "They agreed with part of it"),
    (Outcome::NotUpheld, "not_upheld", "They did not agree"),
];

/// A form's answer to "was the remedy agreed with the resident?" (for an agreed one, the date to
/// deliver it by is a field of its own). [`Choice::label`] is the association's words;
/// [`RemedyAnswer::resident_label`] the resident's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemedyAnswer {
    Agreed,
    NotAgreed,
    NoneNeeded,
}

impl RemedyAnswer {
    /// The answer in a resident's words, about their landlord.
    pub fn resident_label(self) -> &'static str {
        match self {
            RemedyAnswer::Agreed => "Yes, and they said by when",
            RemedyAnswer::NotAgreed => "No, we could not agree",
            RemedyAnswer::NoneNeeded => "No, they said nothing needed putting right",
        }
    }
}

impl Choice for RemedyAnswer {
    fn all() -> &'static [Self] {
        &[RemedyAnswer::Agreed, RemedyAnswer::NotAgreed, RemedyAnswer::NoneNeeded]
    }
    fn value(self) -> &'static str {
        match self {
            RemedyAnswer::Agreed => "agreed",
            RemedyAnswer::NotAgreed => "not_agreed",
            RemedyAnswer::NoneNeeded => "none_needed",
        }
    }
    fn label(self) -> &'static str {
        match self {
            RemedyAnswer::Agreed => "Yes, to be delivered by a date agreed",
            RemedyAnswer::NotAgreed => "No, we could not agree a remedy",
            RemedyAnswer::NoneNeeded => "No remedy was needed (not upheld)",
        }
    }
}

/// A field of an action form, so a problem can name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionField {
    /// What happened (the resident's choice of action).
    What,
    Date,
    NewDue,
    Note,
    Remedy,
    /// Whether a remedy was agreed, and the date it is to be delivered by.
    DeliverBy,
    Outcome,
    /// One point of the response, from 0.
    Point(usize),
    Compensation,
    Reason,
    Amount,
    Handler,
    /// The action as a whole (the policy does not allow it now).
    Action,
}

impl ActionField {
    /// The id of the element it is on the association's case page (`action-…`) or the resident's
    /// complaint page (`event-…`).
    pub fn id(self) -> String {
        match self {
            ActionField::What => "event-what".into(),
            ActionField::Date => "action-date".into(),
            ActionField::NewDue => "action-new-due".into(),
            ActionField::Note => "action-note".into(),
            ActionField::Remedy => "action-remedy".into(),
            ActionField::DeliverBy => "action-deliver-by".into(),
            ActionField::Outcome => "action-outcome".into(),
            ActionField::Point(i) => format!("point-{i}-text"),
            ActionField::Compensation => "action-compensation".into(),
            ActionField::Reason => "refusal-reasons".into(),
            ActionField::Amount => "action-amount".into(),
            ActionField::Handler => "action-handler".into(),
            ActionField::Action => "action-form-heading".into(),
        }
    }
}

/// A problem with one field of an action form, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionProblem {
    pub field: ActionField,
    pub message: String,
}

fn problem(field: ActionField, message: impl Into<String>) -> ActionProblem {
    ActionProblem { field, message: message.into() }
}

/// One point of a response, as typed: what it is, the decision (an outcome's label) and the
/// reasons.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PointForm {
    pub point: String,
    pub decision: String,
    pub reasons: String,
}

/// What was typed into the association's form for one action.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionForm {
    /// As typed: YYYY-MM-DD (the date input's value).
    pub date: String,
    pub who: String,
    pub note: String,
    pub new_due: String,
    pub agreed: bool,
    /// An outcome's label, as the select gives it.
    pub outcome: String,
    pub points: Vec<PointForm>,
    pub remedy: String,
    /// Whether the remedy was agreed with the resident (`None`: not recorded); and, if agreed,
    /// the date to deliver it by, as typed.
    pub remedy_agreement: Option<RemedyAnswer>,
    pub deliver_by: String,
    pub compensation: String,
    pub outstanding: String,
    pub lessons: String,
    pub reason_code: String,
    pub amount: String,
    pub authorised_by: String,
    pub handler: String,
}

/// The outcome whose label the select gave.
fn outcome_from(label: &str) -> Option<Outcome> {
    Outcome::ALL.into_iter().find(|o| o.label() == label)
}

impl ActionForm {
    /// A new form on `today`, recorded by `who` (the case's handler), with one empty point.
    pub fn new(today: NaiveDate, who: &str) -> ActionForm {
        ActionForm {
            date: today.to_string(),
            who: who.to_string(),
            points: vec![PointForm::default()],
            ..ActionForm::default()
        }
    }

    /// What is wrong with the form for `action`, as of `today`; every problem names its field.
    pub fn check(&self, action: &Action, today: NaiveDate) -> Vec<ActionProblem> {
        self.to_event(action, today).err().unwrap_or_default()
    }

    /// The event `action` records, or every problem to fix first.
    pub fn to_event(&self, action: &Action, today: NaiveDate) -> Result<Event, Vec<ActionProblem>> {
        let mut problems = Vec::new();
        let date = match self.date.parse::<NaiveDate>() {
            Err(_) => {
                problems
                    .push(problem(ActionField::Date, "Enter the date it happened, for example 2026-11-23."));
                None
            }
            Ok(d) if d > today => {
                problems.push(problem(ActionField::Date, "The date cannot be in the future."));
                None
            }
            Ok(d) => match check_date(d) {
                Err(reason) => {
                    problems.push(problem(ActionField::Date, format!("The date: {reason}.")));
                    None
                }
                Ok(()) => Some(d),
            },
        };
        let what = self.event_kind(action, date, &mut problems);
        let (Some(date), Some(what), true) = (date, what, problems.is_empty()) else {
            return Err(problems);
        };
        if !action.permits(&what) {
            return Err(vec![problem(
                ActionField::Action,
                "That is not something the policy allows at this point.",
            )]);
        }
        let note = match action {
            Action::Refuse { .. } | Action::RefuseEscalation { .. } => None,
            _ => Some(self.note.trim().to_string()).filter(|n| !n.is_empty()),
        };
        let who = Some(self.who.trim().to_string()).filter(|w| !w.is_empty());
        Ok(Event { date, what, who, note })
    }

    /// What the action records, adding to `problems` what stops it (`date` is the form's date,
    /// if it is a good one).
    fn event_kind(
        &self,
        action: &Action,
        date: Option<NaiveDate>,
        problems: &mut Vec<ActionProblem>,
    ) -> Option<EventKind> {
        let before = problems.len();
        let what = match action {
            Action::Acknowledge { .. } => EventKind::Acknowledged,
            Action::FormReceived { .. } => EventKind::FormReceived,
            Action::Extend { .. } => {
                let new_due = match self.new_due.parse::<NaiveDate>() {
                    Err(_) => {
                        problems.push(problem(ActionField::NewDue, "Enter the new response date."));
                        None
                    }
                    Ok(d) => match check_date(d) {
                        Err(reason) => {
                            problems.push(problem(
                                ActionField::NewDue,
                                format!("The new response date: {reason}."),
                            ));
                            None
                        }
                        Ok(()) => Some(d),
                    },
                };
                if let Some(message) = new_due.and_then(|d| action.extension_problem(d, self.agreed)) {
                    problems.push(problem(ActionField::NewDue, message));
                }
                if self.note.trim().is_empty() {
                    problems.push(problem(
                        ActionField::Note,
                        "Say why more time is needed: the resident must be told.",
                    ));
                }
                EventKind::Extended { new_due: new_due?, resident_agreed: self.agreed }
            }
            Action::QuickFix { by, .. } => {
                if date.is_some_and(|d| d > *by) {
                    problems.push(problem(
                        ActionField::Date,
                        format!(
                            "A quick fix is one made by {}. Record the formal response instead.",
                            long_date(*by)
                        ),
                    ));
                }
                if self.remedy.trim().is_empty() {
                    problems.push(problem(
                        ActionField::Remedy,
                        "Say what was put right and agreed with the resident: they get a letter confirming it.",
                    ));
                }
                EventKind::Responded {
                    outcome: Outcome::Resolved,
                    remedy: self.remedy.trim().into(),
                    compensation_pence: None,
                    points: Vec::new(),
                    outstanding_actions: String::new(),
                    lessons: self.lessons.trim().into(),
                    remedy_agreed: None,
                }
            }
            Action::ArrangeHearing { .. } => EventKind::HearingArranged,
            Action::RecordHearing { .. } => EventKind::HearingHeld,
            Action::Respond { .. } => {
                let outcome = outcome_from(&self.outcome);
                if outcome.is_none() {
                    problems.push(problem(ActionField::Outcome, "Choose the overall outcome."));
                }
                let mut points = Vec::new();
                let mut point_problems = false;
                for (i, p) in self.points.iter().enumerate() {
                    let (point, reasons) = (p.point.trim(), p.reasons.trim());
                    if point.is_empty() && reasons.is_empty() {
                        continue;
                    }
                    let Some(decision) = outcome_from(&p.decision) else {
                        problems.push(problem(
                            ActionField::Point(i),
                            format!("Choose the decision on point {}.", i + 1),
                        ));
                        point_problems = true;
                        continue;
                    };
                    if point.is_empty() || reasons.is_empty() {
                        problems.push(problem(
                            ActionField::Point(i),
                            format!(
                                "Point {} needs both what it is and the reasons for the decision.",
                                i + 1
                            ),
                        ));
                        point_problems = true;
                        continue;
                    }
                    points.push(PointDecision { point: point.into(), decision, reasons: reasons.into() });
                }
                if points.is_empty() && !point_problems && self.note.trim().is_empty() {
                    problems.push(problem(ActionField::Note, "Give the decision on each point with its reasons, or the reasons for the overall decision: the Code requires them."));
                }
                let compensation_pence = if self.compensation.trim().is_empty() {
                    None
                } else {
                    match parse_pounds(&self.compensation) {
                        Ok(p) => Some(p),
                        Err(message) => {
                            problems.push(problem(ActionField::Compensation, message));
                            None
                        }
                    }
                };
                EventKind::Responded {
                    outcome: outcome?,
                    remedy: self.remedy.trim().into(),
                    compensation_pence,
                    points,
                    outstanding_actions: self.outstanding.trim().into(),
                    lessons: self.lessons.trim().into(),
                    remedy_agreed: remedy_agreement(self.remedy_agreement, &self.deliver_by, date, problems),
                }
            }
            Action::Escalate { .. } => EventKind::EscalationRequested,
            Action::RefuseEscalation { reasons, .. } => {
                let Some(reason) = reasons.iter().find(|r| r.code == self.reason_code) else {
                    problems.push(problem(ActionField::Reason, "Choose one of the policy's reasons."));
                    return None;
                };
                let extra = self.note.trim();
                EventKind::EscalationRefused {
                    reason: if extra.is_empty() {
                        reason.plain.clone()
                    } else {
                        format!("{} {extra}", reason.plain)
                    },
                }
            }
            Action::Refuse { reasons } => {
                let Some(reason) = reasons.iter().find(|r| r.code == self.reason_code) else {
                    problems.push(problem(ActionField::Reason, "Choose one of the policy's reasons."));
                    return None;
                };
                EventKind::Refused { exclusion: reason.code.clone(), reason: self.note.trim().into() }
            }
            Action::Close => EventKind::Closed,
            Action::RecordOmbudsmanReferral => EventKind::ReferredToOmbudsman,
            Action::OfferCompensation => {
                let amount_pence = match parse_pounds(&self.amount) {
                    Ok(0) => {
                        problems
                            .push(problem(ActionField::Amount, "Enter the amount offered, more than £0."));
                        return None;
                    }
                    Ok(p) => p,
                    Err(message) => {
                        problems.push(problem(ActionField::Amount, message));
                        return None;
                    }
                };
                let by = self.authorised_by.trim();
                EventKind::CompensationOffered {
                    amount_pence,
                    authorised_by: (!by.is_empty()).then(|| by.to_string()),
                }
            }
            Action::RecordRemedyDelivered { .. } => EventKind::RemedyDelivered,
            Action::RecordAcceptance => EventKind::CompensationAccepted,
            Action::RecordPayment => EventKind::CompensationPaid,
            Action::Assign => {
                if self.handler.trim().is_empty() {
                    problems.push(problem(ActionField::Handler, "Choose who will handle it."));
                    return None;
                }
                EventKind::Assigned { handler: self.handler.trim().into() }
            }
        };
        (problems.len() == before).then_some(what)
    }
}

/// Whether a response agreed a remedy, from a form's answer (`None`: not recorded) and the
/// delivery date typed for an agreed one, which must be a date on or after the response
/// (`responded`).
fn remedy_agreement(
    answer: Option<RemedyAnswer>,
    deliver_by: &str,
    responded: Option<NaiveDate>,
    problems: &mut Vec<ActionProblem>,
) -> Option<RemedyAgreement> {
    match answer? {
        RemedyAnswer::Agreed => {
            let by = match deliver_by.parse::<NaiveDate>() {
                Err(_) => {
                    problems.push(problem(
                        ActionField::DeliverBy,
                        "Enter the date the remedy will be delivered by, as agreed with the resident.",
                    ));
                    return None;
                }
                Ok(by) => by,
            };
            if let Err(reason) = check_date(by) {
                problems.push(problem(ActionField::DeliverBy, format!("The delivery date: {reason}.")));
                return None;
            }
            if responded.is_some_and(|r| by < r) {
                problems.push(problem(
                    ActionField::DeliverBy,
                    "The date the remedy will be delivered by cannot be before the response.",
                ));
                return None;
            }
            Some(RemedyAgreement::Agreed { deliver_by: by })
        }
        RemedyAnswer::NotAgreed => Some(RemedyAgreement::NotAgreed),
        RemedyAnswer::NoneNeeded => Some(RemedyAgreement::NoneNeeded),
    }
}

/// What a resident typed into "Record what happened" on their complaint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResidentForm {
    /// One of [`RESIDENT_ACTIONS`].
    pub what: Option<ActionKind>,
    /// As typed: YYYY-MM-DD.
    pub date: String,
    /// For an extension: the new date the landlord gave, as typed.
    pub new_due: String,
    /// For a response: what the landlord decided.
    pub decision: Outcome,
    /// For a response: whether a remedy was agreed (`None`: not sure, or not said), and by when
    /// (as [`ActionForm`]'s).
    pub remedy_agreement: Option<RemedyAnswer>,
    pub deliver_by: String,
    pub note: String,
}

impl ResidentForm {
    /// A new form on `today`.
    pub fn new(today: NaiveDate) -> ResidentForm {
        ResidentForm {
            what: None,
            date: today.to_string(),
            new_due: String::new(),
            decision: Outcome::NotUpheld,
            remedy_agreement: None,
            deliver_by: String::new(),
            note: String::new(),
        }
    }

    /// What is wrong with the form as of `today`; every problem names its field.
    pub fn check(&self, today: NaiveDate) -> Vec<ActionProblem> {
        self.to_event(today).err().unwrap_or_default()
    }

    /// The event the resident records, or every problem to fix first. The resident records what
    /// happened: a new date the landlord gave is recorded as given (the engine says whether the
    /// policy allowed it), and a response needs no reasons from them.
    pub fn to_event(&self, today: NaiveDate) -> Result<Event, Vec<ActionProblem>> {
        let mut problems = Vec::new();
        let parse = |s: &str, what: &str, field: ActionField, problems: &mut Vec<ActionProblem>| {
            let Ok(date) = s.parse::<NaiveDate>() else {
                problems.push(problem(field, format!("Enter {what} as a date, for example 2026-11-23.")));
                return None;
            };
            if let Err(reason) = check_date(date) {
                problems.push(problem(field, format!("The date: {reason}.")));
                return None;
            }
            Some(date)
        };
        let on = parse(&self.date, "when it happened", ActionField::Date, &mut problems);
        if on.is_some_and(|d| d > today) {
            problems.push(problem(ActionField::Date, "The date it happened cannot be in the future."));
        }
        let what = match self.what.filter(|k| RESIDENT_ACTIONS.contains(k)) {
            Some(ActionKind::Acknowledge) => Some(EventKind::Acknowledged),
            Some(ActionKind::Respond) => Some(EventKind::Responded {
                outcome: self.decision,
                remedy: String::new(),
                compensation_pence: None,
                points: Vec::new(),
                outstanding_actions: String::new(),
                lessons: String::new(),
                remedy_agreed: remedy_agreement(self.remedy_agreement, &self.deliver_by, on, &mut problems),
            }),
            Some(ActionKind::RecordRemedyDelivered) => Some(EventKind::RemedyDelivered),
            Some(ActionKind::Extend) => {
                parse(&self.new_due, "the new date", ActionField::NewDue, &mut problems)
                    .map(|new_due| EventKind::Extended { new_due, resident_agreed: false })
            }
            Some(ActionKind::Escalate) => Some(EventKind::EscalationRequested),
            Some(ActionKind::RecordOmbudsmanReferral) => Some(EventKind::ReferredToOmbudsman),
            Some(ActionKind::Close) => Some(EventKind::Closed),
            _ => {
                problems.push(problem(ActionField::What, "Choose what happened."));
                None
            }
        };
        let (Some(on), Some(what), true) = (on, what, problems.is_empty()) else {
            return Err(problems);
        };
        let note = self.note.trim();
        Ok(Event { note: (!note.is_empty()).then(|| note.to_string()), ..Event::new(on, what) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::RefusalReason;
    use crate::policy::{Agreement, ExtensionCondition};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn today() -> NaiveDate {
        d("2026-11-23")
    }
    fn form() -> ActionForm {
        ActionForm::new(today(), " Alex ")
    }
    fn messages(problems: Vec<ActionProblem>) -> Vec<(ActionField, String)> {
        problems.into_iter().map(|p| (p.field, p.message)).collect()
    }
    fn err(field: ActionField, message: &str) -> Vec<(ActionField, String)> {
        vec![(field, message.to_string())]
    }
    /// An extension at a stage whose response is due on 1 December 2026, up to 15 December
    /// without the resident's agreement (`NeededBeyondLimit`) and no later at all when `beyond`
    /// is `None`.
    fn extend(agreement: Agreement, beyond: Option<ExtensionCondition>) -> Action {
        Action::Extend {
            stage: "Stage 1".into(),
            current_due: d("2026-12-01"),
            latest: Some(d("2026-12-15")),
            condition: ExtensionCondition::Notice,
            beyond,
            agreement,
            rule: "Up to 10 more working days.".into(),
            clause: "4.3".into(),
        }
    }
    fn reasons() -> Vec<RefusalReason> {
        vec![RefusalReason {
            code: "legal_proceedings".into(),
            plain: "Court proceedings have started.".into(),
            clause: "3.2".into(),
        }]
    }

    #[test]
    fn every_action_a_resident_records_has_its_words_and_the_others_none() {
        let labels: Vec<&str> = RESIDENT_ACTIONS.iter().map(|k| k.resident_label().unwrap()).collect();
        assert_eq!(
            labels,
            [
                "The landlord acknowledged my complaint",
                "The landlord sent its response",
                "The landlord did what it agreed, to put things right",
                "The landlord gave a new date for its response",
                "I asked for the next stage",
                "I went to the Housing Ombudsman",
                "It is sorted: close the complaint",
            ]
        );
        assert_eq!(ActionKind::Assign.resident_label(), None);
        assert_eq!(ActionKind::OfferCompensation.resident_label(), None);
        // An action's name is its kind's.
        assert_eq!(Action::Close.name(), ActionKind::Close.name());
        assert_eq!(extend(Agreement::NotNeeded, None).kind(), ActionKind::Extend);
    }

    #[test]
    fn the_date_is_checked_for_every_action() {
        let action = Action::Close;
        let with = |date: &str| ActionForm { date: date.into(), ..form() };
        assert_eq!(
            messages(with("23/11/2026").check(&action, today())),
            err(ActionField::Date, "Enter the date it happened, for example 2026-11-23.")
        );
        assert_eq!(
            messages(with("2026-11-24").check(&action, today())),
            err(ActionField::Date, "The date cannot be in the future.")
        );
        assert_eq!(
            messages(with("1899-12-31").check(&action, today())),
            err(ActionField::Date, "The date: 1899-12-31 is not a date Redress can count with: check the year (dates must be from 1900 to 2199).")
        );
        // Today is fine; the note and who recorded it are kept, trimmed.
        let event =
            ActionForm { note: " Resident phoned. ".into(), ..form() }.to_event(&action, today()).unwrap();
        assert_eq!(
            event,
            Event {
                date: today(),
                what: EventKind::Closed,
                who: Some("Alex".into()),
                note: Some("Resident phoned.".into())
            }
        );
        let bare = ActionForm { who: " ".into(), ..form() }.to_event(&action, today()).unwrap();
        assert_eq!((bare.who, bare.note), (None, None));
    }

    #[test]
    fn the_simple_actions_record_their_events() {
        for (action, what) in [
            (Action::Acknowledge { stage: "Stage 1".into(), due: None }, EventKind::Acknowledged),
            (Action::FormReceived { stage: "Stage 2".into() }, EventKind::FormReceived),
            (
                Action::ArrangeHearing { stage: "Stage 2".into(), hearing: "Panel".into(), due: None },
                EventKind::HearingArranged,
            ),
            (
                Action::RecordHearing { stage: "Stage 2".into(), hearing: "Panel".into(), due: None },
                EventKind::HearingHeld,
            ),
            (Action::Escalate { to_stage: "Stage 2".into() }, EventKind::EscalationRequested),
            (Action::Close, EventKind::Closed),
            (Action::RecordOmbudsmanReferral, EventKind::ReferredToOmbudsman),
            (Action::RecordAcceptance, EventKind::CompensationAccepted),
            (Action::RecordPayment, EventKind::CompensationPaid),
        ] {
            assert_eq!(form().to_event(&action, today()).unwrap().what, what, "{action:?}");
        }
    }

    #[test]
    fn an_extension_keeps_to_the_policy_and_says_why() {
        let action = extend(Agreement::NeededBeyondLimit, Some(ExtensionCondition::ResidentAgrees));
        let with = |new_due: &str, agreed: bool, note: &str| ActionForm {
            new_due: new_due.into(),
            agreed,
            note: note.into(),
            ..form()
        };
        assert_eq!(
            messages(with("", false, "").check(&action, today())),
            vec![
                (ActionField::NewDue, "Enter the new response date.".to_string()),
                (ActionField::Note, "Say why more time is needed: the resident must be told.".to_string()),
            ]
        );
        assert_eq!(
            messages(with("2026-12-01", false, "Waiting for a surveyor.").check(&action, today())),
            err(ActionField::NewDue, "The new date must be after the current one, 1 December 2026.")
        );
        assert_eq!(
            messages(with("2026-12-16", false, "Waiting for a surveyor.").check(&action, today())),
            err(ActionField::NewDue, "The policy lets you extend to 15 December 2026 at most without the resident's agreement (clause 4.3). Record that the resident agreed, or choose an earlier date.")
        );
        assert_eq!(
            messages(with("2200-01-01", false, "Waiting.").check(&action, today())),
            err(ActionField::NewDue, "The new response date: 2200-01-01 is not a date Redress can count with: check the year (dates must be from 1900 to 2199).")
        );
        // Within the limit, or beyond it with the resident's agreement.
        let event = with("2026-12-15", false, "Waiting for a surveyor.").to_event(&action, today()).unwrap();
        assert_eq!(event.what, EventKind::Extended { new_due: d("2026-12-15"), resident_agreed: false });
        assert_eq!(event.note.as_deref(), Some("Waiting for a surveyor."));
        let agreed = with("2026-12-22", true, "Waiting for a surveyor.").to_event(&action, today()).unwrap();
        assert_eq!(agreed.what, EventKind::Extended { new_due: d("2026-12-22"), resident_agreed: true });
        // A policy that allows nothing later.
        let capped = extend(Agreement::NotNeeded, None);
        assert_eq!(
            messages(with("2026-12-16", true, "Waiting.").check(&capped, today())),
            err(ActionField::NewDue, "The policy allows no later date than 15 December 2026 (clause 4.3). Choose that date or an earlier one.")
        );
        // One that always needs agreement.
        let always = extend(Agreement::Needed, None);
        assert_eq!(
            messages(with("2026-12-08", false, "Waiting.").check(&always, today())),
            err(ActionField::NewDue, "The policy needs the resident to agree to the new date (clause 4.3). Record that they agreed.")
        );
    }

    #[test]
    fn a_quick_fix_is_made_in_time_and_says_what_was_put_right() {
        let action = Action::QuickFix { stage: "Stage 0".into(), by: d("2026-11-20") };
        assert_eq!(
            messages(form().check(&action, today())),
            vec![
                (
                    ActionField::Date,
                    "A quick fix is one made by 20 November 2026. Record the formal response instead."
                        .to_string()
                ),
                (
                    ActionField::Remedy,
                    "Say what was put right and agreed with the resident: they get a letter confirming it."
                        .to_string()
                ),
            ]
        );
        let fixed = ActionForm { date: "2026-11-20".into(), remedy: " Boiler fixed. ".into(), ..form() };
        match fixed.to_event(&action, today()).unwrap().what {
            EventKind::Responded { outcome, remedy, .. } => {
                assert_eq!((outcome, remedy.as_str()), (Outcome::Resolved, "Boiler fixed."))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_response_gives_an_outcome_and_its_reasons() {
        let action = Action::Respond {
            stage: "Stage 1".into(),
            what: "Respond".into(),
            final_stage: false,
            due: None,
            remedy_rule: None,
        };
        assert_eq!(
            messages(form().check(&action, today())),
            vec![
                (ActionField::Outcome, "Choose the overall outcome.".to_string()),
                (ActionField::Note, "Give the decision on each point with its reasons, or the reasons for the overall decision: the Code requires them.".to_string()),
            ]
        );
        let point = |point: &str, decision: &str, reasons: &str| PointForm {
            point: point.into(),
            decision: decision.into(),
            reasons: reasons.into(),
        };
        let answered =
            |points: Vec<PointForm>| ActionForm { outcome: "Partly upheld".into(), points, ..form() };
        assert_eq!(
            messages(answered(vec![point("Repairs late", "", "")]).check(&action, today())),
            err(ActionField::Point(0), "Choose the decision on point 1.")
        );
        assert_eq!(
            messages(
                answered(vec![point("", "", ""), point("Repairs late", "Upheld", " ")])
                    .check(&action, today())
            ),
            err(ActionField::Point(1), "Point 2 needs both what it is and the reasons for the decision.")
        );
        let bad_money = ActionForm {
            compensation: "fifty".into(),
            ..answered(vec![point("Late", "Upheld", "Six weeks.")])
        };
        assert_eq!(
            messages(bad_money.check(&action, today())),
            err(
                ActionField::Compensation,
                "\"fifty\" is not an amount of money. Enter pounds and pence, such as 50.00."
            )
        );
        let good = ActionForm {
            compensation: "£50".into(),
            remedy: " Fix it. ".into(),
            ..answered(vec![point(" Late ", "Upheld", " Six weeks. "), point("", "", "")])
        };
        match good.to_event(&action, today()).unwrap().what {
            EventKind::Responded { outcome, remedy, compensation_pence, points, .. } => {
                assert_eq!(
                    (outcome, remedy.as_str(), compensation_pence),
                    (Outcome::PartlyUpheld, "Fix it.", Some(5000))
                );
                assert_eq!(
                    points,
                    vec![PointDecision {
                        point: "Late".into(),
                        decision: Outcome::Upheld,
                        reasons: "Six weeks.".into()
                    }]
                );
            }
            other => panic!("{other:?}"),
        }
        // The reasons for the overall decision are enough on their own.
        let reasons_only =
            ActionForm { outcome: "Not upheld".into(), note: "We found no fault.".into(), ..form() };
        assert!(reasons_only.to_event(&action, today()).is_ok());
    }

    #[test]
    fn a_refusal_gives_one_of_the_policys_reasons() {
        let refuse = Action::Refuse { reasons: reasons() };
        assert_eq!(
            messages(form().check(&refuse, today())),
            err(ActionField::Reason, "Choose one of the policy's reasons.")
        );
        let chosen = ActionForm {
            reason_code: "legal_proceedings".into(),
            note: " A claim was filed. ".into(),
            ..form()
        };
        let event = chosen.to_event(&refuse, today()).unwrap();
        assert_eq!(
            event.what,
            EventKind::Refused { exclusion: "legal_proceedings".into(), reason: "A claim was filed.".into() }
        );
        // The explanation goes into the refusal, not a note.
        assert_eq!(event.note, None);
        let escalation =
            Action::RefuseEscalation { reasons: reasons(), rule: "May refuse.".into(), clause: "5.1".into() };
        assert_eq!(
            messages(form().check(&escalation, today())),
            err(ActionField::Reason, "Choose one of the policy's reasons.")
        );
        let event = chosen.to_event(&escalation, today()).unwrap();
        assert_eq!(
            event.what,
            EventKind::EscalationRefused {
                reason: "Court proceedings have started. A claim was filed.".into()
            }
        );
        let plain = ActionForm { note: String::new(), ..chosen };
        assert_eq!(
            plain.to_event(&escalation, today()).unwrap().what,
            EventKind::EscalationRefused { reason: "Court proceedings have started.".into() }
        );
    }

    #[test]
    fn compensation_is_more_than_nothing_and_a_handler_is_chosen() {
        let offer = Action::OfferCompensation;
        let amount = |a: &str| ActionForm { amount: a.into(), authorised_by: " Pat ".into(), ..form() };
        assert_eq!(
            messages(amount("0").check(&offer, today())),
            err(ActionField::Amount, "Enter the amount offered, more than £0.")
        );
        assert_eq!(
            messages(amount("").check(&offer, today())),
            err(ActionField::Amount, "Enter an amount in pounds, such as 50 or 50.00.")
        );
        assert_eq!(
            amount("120.50").to_event(&offer, today()).unwrap().what,
            EventKind::CompensationOffered { amount_pence: 12050, authorised_by: Some("Pat".into()) }
        );
        let assign = Action::Assign;
        assert_eq!(
            messages(form().check(&assign, today())),
            err(ActionField::Handler, "Choose who will handle it.")
        );
        let to = ActionForm { handler: " Sam ".into(), ..form() };
        assert_eq!(
            to.to_event(&assign, today()).unwrap().what,
            EventKind::Assigned { handler: "Sam".into() }
        );
    }

    /// Whether the remedy was agreed, from each answer, on both forms: an agreed one needs a real
    /// date on or after the response; the others need none; no answer records nothing.
    #[test]
    fn a_response_says_whether_the_remedy_was_agreed() {
        let action = Action::Respond {
            stage: "Stage 1".into(),
            what: "Respond".into(),
            final_stage: false,
            due: None,
            remedy_rule: None,
        };
        let point =
            PointForm { point: "Late".into(), decision: "Upheld".into(), reasons: "Six weeks.".into() };
        // Responded on 20 November 2026.
        let responding = |answer: Option<RemedyAnswer>, by: &str| ActionForm {
            date: "2026-11-20".into(),
            outcome: "Upheld".into(),
            points: vec![point.clone()],
            remedy_agreement: answer,
            deliver_by: by.into(),
            ..form()
        };
        let recorded = |form: ActionForm| match form.to_event(&action, today()).map(|e| e.what) {
            Ok(EventKind::Responded { remedy_agreed, .. }) => Ok(remedy_agreed),
            Ok(other) => panic!("{other:?}"),
            Err(problems) => Err(messages(problems)),
        };
        assert_eq!(
            recorded(responding(Some(RemedyAnswer::Agreed), "2026-12-18")),
            Ok(Some(RemedyAgreement::Agreed { deliver_by: d("2026-12-18") }))
        );
        // The day of the response itself is allowed; the day before is not.
        assert_eq!(
            recorded(responding(Some(RemedyAnswer::Agreed), "2026-11-20")),
            Ok(Some(RemedyAgreement::Agreed { deliver_by: d("2026-11-20") }))
        );
        assert_eq!(
            recorded(responding(Some(RemedyAnswer::Agreed), "2026-11-19")),
            Err(err(
                ActionField::DeliverBy,
                "The date the remedy will be delivered by cannot be before the response."
            ))
        );
        assert_eq!(
            recorded(responding(Some(RemedyAnswer::Agreed), "")),
            Err(err(
                ActionField::DeliverBy,
                "Enter the date the remedy will be delivered by, as agreed with the resident."
            ))
        );
        // A date typed and then left behind by another answer does not count.
        assert_eq!(
            recorded(responding(Some(RemedyAnswer::NotAgreed), "nonsense")),
            Ok(Some(RemedyAgreement::NotAgreed))
        );
        assert_eq!(
            recorded(responding(Some(RemedyAnswer::NoneNeeded), "")),
            Ok(Some(RemedyAgreement::NoneNeeded))
        );
        assert_eq!(recorded(responding(None, "2026-12-18")), Ok(None));

        // The resident's form records the same answers about the landlord's response.
        let resident = |answer: Option<RemedyAnswer>, by: &str| ResidentForm {
            what: Some(ActionKind::Respond),
            date: "2026-11-20".into(),
            remedy_agreement: answer,
            deliver_by: by.into(),
            ..ResidentForm::new(today())
        };
        let said = |form: ResidentForm| match form.to_event(today()).map(|e| e.what) {
            Ok(EventKind::Responded { remedy_agreed, .. }) => Ok(remedy_agreed),
            Ok(other) => panic!("{other:?}"),
            Err(problems) => Err(messages(problems)),
        };
        assert_eq!(
            said(resident(Some(RemedyAnswer::Agreed), "2027-01-08")),
            Ok(Some(RemedyAgreement::Agreed { deliver_by: d("2027-01-08") }))
        );
        assert_eq!(
            said(resident(Some(RemedyAnswer::Agreed), "")),
            Err(err(
                ActionField::DeliverBy,
                "Enter the date the remedy will be delivered by, as agreed with the resident."
            ))
        );
        assert_eq!(said(resident(Some(RemedyAnswer::NotAgreed), "")), Ok(Some(RemedyAgreement::NotAgreed)));
        assert_eq!(said(resident(None, "")), Ok(None));

        // Each answer has its value (read back, with the other choices: `choice`'s tests) and
        // both audiences' words, all different.
        let values: Vec<_> = RemedyAnswer::all().iter().map(|a| a.value()).collect();
        assert_eq!(values, ["agreed", "not_agreed", "none_needed"]);
        for answer in RemedyAnswer::all() {
            assert_ne!(answer.label(), answer.resident_label());
        }
    }

    #[test]
    fn the_resident_records_what_happened() {
        let form = |what: Option<ActionKind>| ResidentForm { what, ..ResidentForm::new(today()) };
        assert_eq!(messages(form(None).check(today())), err(ActionField::What, "Choose what happened."));
        // An action the resident does not record is not one they can choose.
        assert_eq!(
            messages(form(Some(ActionKind::Assign)).check(today())),
            err(ActionField::What, "Choose what happened.")
        );
        let dated = |date: &str| ResidentForm { date: date.into(), ..form(Some(ActionKind::Acknowledge)) };
        assert_eq!(
            messages(dated("yesterday").check(today())),
            err(ActionField::Date, "Enter when it happened as a date, for example 2026-11-23.")
        );
        assert_eq!(
            messages(dated("2026-11-24").check(today())),
            err(ActionField::Date, "The date it happened cannot be in the future.")
        );
        assert_eq!(
            messages(dated("0026-11-23").check(today())),
            err(ActionField::Date, "The date: 0026-11-23 is not a date Redress can count with: check the year (dates must be from 1900 to 2199).")
        );
        let extended = form(Some(ActionKind::Extend));
        assert_eq!(
            messages(extended.check(today())),
            err(ActionField::NewDue, "Enter the new date as a date, for example 2026-11-23.")
        );
        // The new date is recorded as the landlord gave it; the engine says whether it was allowed.
        let given = ResidentForm { new_due: "2027-01-29".into(), ..extended };
        assert_eq!(
            given.to_event(today()).unwrap().what,
            EventKind::Extended { new_due: d("2027-01-29"), resident_agreed: false }
        );
        let responded = ResidentForm {
            decision: Outcome::PartlyUpheld,
            note: " They will repaint. ".into(),
            ..form(Some(ActionKind::Respond))
        };
        let event = responded.to_event(today()).unwrap();
        assert!(matches!(event.what, EventKind::Responded { outcome: Outcome::PartlyUpheld, .. }));
        assert_eq!(
            (event.date, event.note.as_deref(), event.who),
            (today(), Some("They will repaint."), None)
        );
        for (kind, what) in [
            (ActionKind::Acknowledge, EventKind::Acknowledged),
            (ActionKind::Escalate, EventKind::EscalationRequested),
            (ActionKind::RecordOmbudsmanReferral, EventKind::ReferredToOmbudsman),
            (ActionKind::Close, EventKind::Closed),
        ] {
            assert_eq!(form(Some(kind)).to_event(today()).unwrap().what, what);
        }
        // The page's values for the decisions are the names the outcomes are saved under.
        for (outcome, value, _) in RESIDENT_DECISIONS {
            assert_eq!(serde_json::to_value(outcome).unwrap(), serde_json::json!(value));
        }
    }
}
