//! case: a complaint as facts plus an append-only list of dated events.
//!
//! Nothing about time is stored here beyond what happened and when: deadlines, overdue marks and
//! next steps are derived by the engine from (policy, case, calendar, today). Corrections are new
//! events, never edits. Cases are stored and exported as JSON, so every type is serde + JsonSchema
//! and unknown fields are refused (a typo in an imported file is caught, not silently dropped).

mod sample;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::Division;

pub use sample::sample_cases;

/// One complaint (or other feedback) and everything that has happened to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Unique on this device, e.g. `case-2026-11-23-4f1c`.
    pub id: String,
    /// The policy it is handled under (a built-in id such as `progress`, or a user policy's id).
    pub policy_id: String,
    /// The version of that policy when the case was opened.
    pub policy_version: String,
    /// The landlord's name, as the resident knows it.
    pub landlord: String,
    /// What kind of feedback this is.
    #[serde(default)]
    pub feedback: FeedbackKind,
    /// What it is about, e.g. "Repairs", "Damp and mould".
    pub category: String,
    /// The resident's own words. Never rewritten by the app.
    pub description: String,
    /// What the resident wants to happen.
    #[serde(default)]
    pub outcome_wanted: String,
    /// When the problem started, if known (for the policy's time limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem_started: Option<NaiveDate>,
    /// The resident.
    pub resident: Resident,
    /// Someone complaining for the resident, if anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative: Option<Representative>,
    /// Reasonable adjustments the resident asked for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<Adjustment>,
    /// Whose bank holidays count.
    #[serde(default)]
    pub division: Division,
    /// How the complaint reached the landlord (recorded by an association).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// The member of staff handling it (recorded by an association). Each change of handler is
    /// also logged as an [`EventKind::Assigned`] event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handler: Option<String>,
    /// What happened, in date order. Append only.
    pub events: Vec<Event>,
}

/// The kinds of feedback policies ask landlords to record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackKind {
    #[default]
    Complaint,
    ServiceRequest,
    Compliment,
    Comment,
    /// An enquiry from an MP or councillor that does not itself express dissatisfaction.
    MpOrCouncillorEnquiry,
}

/// How feedback reached the landlord.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Phone,
    Email,
    Letter,
    InPerson,
    Website,
    SocialMedia,
    /// Passed on by someone else: an MP, a councillor, an advocate, another organisation.
    ThirdParty,
}

impl Channel {
    pub const ALL: [Channel; 7] = [
        Channel::Phone,
        Channel::Email,
        Channel::Letter,
        Channel::InPerson,
        Channel::Website,
        Channel::SocialMedia,
        Channel::ThirdParty,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Channel::Phone => "Phone",
            Channel::Email => "Email",
            Channel::Letter => "Letter",
            Channel::InPerson => "In person",
            Channel::Website => "Website or online form",
            Channel::SocialMedia => "Social media",
            Channel::ThirdParty => "Through someone else (MP, councillor, advocate)",
        }
    }
}

impl FeedbackKind {
    pub const ALL: [FeedbackKind; 5] = [
        FeedbackKind::Complaint,
        FeedbackKind::ServiceRequest,
        FeedbackKind::Compliment,
        FeedbackKind::Comment,
        FeedbackKind::MpOrCouncillorEnquiry,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FeedbackKind::Complaint => "Complaint",
            FeedbackKind::ServiceRequest => "Service request",
            FeedbackKind::Compliment => "Compliment",
            FeedbackKind::Comment => "Comment",
            FeedbackKind::MpOrCouncillorEnquiry => "MP or councillor enquiry",
        }
    }

    /// The stable name used in exports and addresses.
    pub fn name(self) -> &'static str {
        match self {
            FeedbackKind::Complaint => "complaint",
            FeedbackKind::ServiceRequest => "service_request",
            FeedbackKind::Compliment => "compliment",
            FeedbackKind::Comment => "comment",
            FeedbackKind::MpOrCouncillorEnquiry => "mp_or_councillor_enquiry",
        }
    }

    /// The kind with this [`name`](Self::name), if any.
    pub fn from_name(name: &str) -> Option<FeedbackKind> {
        FeedbackKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// The person the complaint is about and for.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resident {
    pub name: String,
    #[serde(default)]
    pub address: String,
    /// How the landlord should contact them.
    #[serde(default)]
    pub contact: Contact,
    /// Tenant, leaseholder, applicant...
    #[serde(default)]
    pub relationship: Relationship,
}

/// The resident's relationship to the landlord.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    #[default]
    Tenant,
    Leaseholder,
    SharedOwner,
    Applicant,
    /// Someone else affected by the landlord's services (a neighbour, a service user).
    Other,
}

/// How and where to reach someone.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub method: ContactMethod,
    /// The email address, phone number or postal address for that method.
    #[serde(default)]
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContactMethod {
    #[default]
    Letter,
    Email,
    Phone,
    Text,
}

/// Someone complaining on the resident's behalf.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Representative {
    pub name: String,
    pub role: RepresentativeRole,
    /// Whether the authority the policy requires has been given (a signed form, written
    /// permission, consent). Assumed for roles the policy assumes it for.
    #[serde(default)]
    pub authority_given: bool,
    #[serde(default)]
    pub contact: Contact,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RepresentativeRole {
    FamilyMember,
    Friend,
    Advocate,
    AdviceAgency,
    Councillor,
    Mp,
    Solicitor,
    Other,
}

/// A reasonable adjustment (Equality Act 2010).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind", deny_unknown_fields)]
pub enum Adjustment {
    LargePrint,
    PhoneCallsInsteadOfLetters,
    EmailInsteadOfLetters,
    SomeoneToSpeakForMe,
    MoreTimeToReply,
    Other { detail: String },
}

/// Something that happened, on a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub date: NaiveDate,
    pub what: EventKind,
    /// Who did it or recorded it, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Event {
    pub fn new(date: NaiveDate, what: EventKind) -> Event {
        Event { date, what, who: None, note: None }
    }
}

/// What happened. Stage-related events apply to the stage the case is at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "type", deny_unknown_fields)]
pub enum EventKind {
    /// The landlord received the complaint (the first stage starts).
    Received,
    /// The landlord acknowledged it at the current stage.
    Acknowledged,
    /// The landlord extended the current stage's response deadline.
    Extended {
        /// The new date for the response.
        new_due: NaiveDate,
        /// Whether the resident agreed to it.
        #[serde(default)]
        resident_agreed: bool,
    },
    /// The landlord responded at the current stage.
    Responded {
        outcome: Outcome,
        #[serde(default)]
        remedy: String,
        /// Compensation offered in the response, in pence.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        compensation_pence: Option<u64>,
        /// The decision on each part of the complaint, with its reasons (the Code asks for both).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        points: Vec<PointDecision>,
        /// Follow-up work still to be done, tracked until it is.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        outstanding_actions: String,
        /// What the landlord learned and will change.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        lessons: String,
        /// Whether a remedy was agreed with the resident, and by when it is to be delivered.
        /// Under a policy that moves a complaint on when none is agreed or it is not delivered
        /// (ForHousing 2), this is what moves it. `None`: not recorded.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        remedy_agreed: Option<RemedyAgreement>,
    },
    /// The remedy agreed in the current stage's response was delivered.
    RemedyDelivered,
    /// The resident asked to take it to the next stage.
    EscalationRequested,
    /// The landlord refused to take it to the next stage.
    EscalationRefused { reason: String },
    /// The resident returned a form the stage needs (e.g. Housing Plus's Stage 3 form).
    FormReceived,
    /// The landlord decided to hold the stage's hearing (Housing Plus: a Director decides to
    /// arrange a Panel hearing).
    HearingArranged,
    /// The stage's hearing took place (the decision after it is due from this date).
    HearingHeld,
    /// The landlord would not accept it as a complaint, citing an exclusion.
    Refused {
        /// The policy's exclusion code, e.g. `legal_proceedings`.
        exclusion: String,
        #[serde(default)]
        reason: String,
    },
    /// The resident referred it to a designated person (MP, councillor, tenant panel).
    ReferredToDesignatedPerson,
    /// The resident referred it to the Housing Ombudsman.
    ReferredToOmbudsman,
    /// Compensation offered (outside a response), in pence.
    CompensationOffered {
        amount_pence: u64,
        /// Who authorised the offer (the policy's bands say who must).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        authorised_by: Option<String>,
    },
    /// The resident accepted the compensation offered.
    CompensationAccepted,
    /// The compensation was paid.
    CompensationPaid,
    /// The complaint was closed (the remedy delivered, or withdrawn).
    Closed,
    /// The case was given to a member of staff to handle.
    Assigned { handler: String },
}

impl EventKind {
    /// A stable short name, used in errors and exports.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Received => "received",
            EventKind::Acknowledged => "acknowledged",
            EventKind::Extended { .. } => "extended",
            EventKind::Responded { .. } => "responded",
            EventKind::EscalationRequested => "escalation_requested",
            EventKind::EscalationRefused { .. } => "escalation_refused",
            EventKind::FormReceived => "form_received",
            EventKind::HearingArranged => "hearing_arranged",
            EventKind::HearingHeld => "hearing_held",
            EventKind::Refused { .. } => "refused",
            EventKind::ReferredToDesignatedPerson => "referred_to_designated_person",
            EventKind::ReferredToOmbudsman => "referred_to_ombudsman",
            EventKind::CompensationOffered { .. } => "compensation_offered",
            EventKind::CompensationAccepted => "compensation_accepted",
            EventKind::CompensationPaid => "compensation_paid",
            EventKind::RemedyDelivered => "remedy_delivered",
            EventKind::Closed => "closed",
            EventKind::Assigned { .. } => "assigned",
        }
    }
}

/// Whether a response agreed a remedy with the resident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "status", deny_unknown_fields)]
pub enum RemedyAgreement {
    /// A remedy was agreed, to be delivered by this date.
    Agreed { deliver_by: NaiveDate },
    /// The landlord and the resident could not agree a remedy.
    NotAgreed,
    /// No remedy was called for (the complaint was not upheld). The resident can still ask for
    /// the next stage if unhappy with the outcome.
    NoneNeeded,
}

impl RemedyAgreement {
    /// The delivery date, if a remedy was agreed.
    pub fn deliver_by(self) -> Option<NaiveDate> {
        match self {
            RemedyAgreement::Agreed { deliver_by } => Some(deliver_by),
            _ => None,
        }
    }
}

/// The decision on one part of a complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PointDecision {
    /// The part of the complaint, as the landlord understood it.
    pub point: String,
    pub decision: Outcome,
    pub reasons: String,
}

/// The outcome of a stage response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Upheld,
    PartlyUpheld,
    NotUpheld,
    /// Resolved to the resident's satisfaction (e.g. at a first-response or "quick fix" stage).
    Resolved,
}

impl Outcome {
    pub const ALL: [Outcome; 4] =
        [Outcome::Upheld, Outcome::PartlyUpheld, Outcome::NotUpheld, Outcome::Resolved];

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Upheld => "Upheld",
            Outcome::PartlyUpheld => "Partly upheld",
            Outcome::NotUpheld => "Not upheld",
            Outcome::Resolved => "Resolved",
        }
    }
}

impl Case {
    /// The id a new case is saved under: `case-`, the day it was received and 32 random bits
    /// (from the caller) as eight hex digits, so two received the same day do not collide. The
    /// guided complaint and the association's "log new feedback" both make ids this way.
    pub fn new_id(received: NaiveDate, random: u32) -> String {
        format!("case-{}-{random:08x}", crate::calendar::iso_date(received))
    }

    /// Appends an event. The log is append-only: there is no way to edit or remove one.
    pub fn record(&mut self, event: Event) {
        self.events.push(event);
    }

    /// The date the complaint was received, if it has been.
    pub fn received(&self) -> Option<NaiveDate> {
        self.events.iter().find(|e| e.what == EventKind::Received).map(|e| e.date)
    }

    /// The first date that cannot be right, as (the field's path, why): a date outside
    /// [`EARLIEST_DATE`]..=[`LATEST_DATE`], or an event dated before the event before it (the
    /// log is in date order). What the engine makes of the sequence is the engine's to say.
    pub fn date_problem(&self) -> Option<(String, String)> {
        if let Some(reason) = self.problem_started.and_then(|d| check_date(d).err()) {
            return Some(("problem_started".into(), reason));
        }
        let mut previous: Option<NaiveDate> = None;
        for (n, event) in self.events.iter().enumerate() {
            if let Err(reason) = check_date(event.date) {
                return Some((format!("events[{n}].date"), reason));
            }
            if let EventKind::Extended { new_due, .. } = event.what {
                if let Err(reason) = check_date(new_due) {
                    return Some((format!("events[{n}].what.new_due"), reason));
                }
            }
            if let EventKind::Responded {
                remedy_agreed: Some(RemedyAgreement::Agreed { deliver_by }), ..
            } = event.what
            {
                if let Err(reason) = check_date(deliver_by) {
                    return Some((format!("events[{n}].what.remedy_agreed.deliver_by"), reason));
                }
            }
            if let Some(previous) = previous.filter(|p| event.date < *p) {
                return Some((
                    format!("events[{n}].date"),
                    format!(
                        "it is {}, before the event before it ({previous}); events must be in date order",
                        event.date
                    ),
                ));
            }
            previous = Some(event.date);
        }
        None
    }
}

/// The earliest date a case may hold: 1 January 1900.
pub const EARLIEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(date) => date,
    None => panic!("1 January 1900 is a date"),
};

/// The latest date a case may hold: 31 December 2199.
pub const LATEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2199, 12, 31) {
    Some(date) => date,
    None => panic!("31 December 2199 is a date"),
};

/// Whether a date is one a case may hold. A year before 1900 or after 2199 is a slip of the keys
/// (0026 for 2026, 20026), and counting working days there would mean nothing; the forms refuse
/// such dates and so does an import, so everything Redress saves it can also open again.
pub fn check_date(date: NaiveDate) -> Result<(), String> {
    if (EARLIEST_DATE..=LATEST_DATE).contains(&date) {
        Ok(())
    } else {
        Err(format!(
            "{date} is not a date Redress can count with: check the year (dates must be from 1900 to 2199)"
        ))
    }
}
