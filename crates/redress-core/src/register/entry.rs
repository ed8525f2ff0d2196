//! entry: the association's "log new feedback" form as data — what was typed, checked field by
//! field with messages that say what to do, and turned into a new case under the association's
//! policy with its first events (received, and assigned to a handler).

use chrono::NaiveDate;

use crate::calendar::Division;
use crate::case::{
    Adjustment, Case, Channel, Contact, ContactMethod, Event, EventKind, FeedbackKind, Relationship,
    Representative, RepresentativeRole, Resident,
};
use crate::policy::Policy;

/// Categories offered as suggestions; any other text is accepted.
pub const CATEGORIES: [&str; 10] = [
    "Repairs",
    "Damp and mould",
    "Communication",
    "Staff conduct",
    "Rent and service charges",
    "Anti-social behaviour",
    "Estate and communal areas",
    "Allocations and lettings",
    "Missed appointments",
    "Other",
];

/// What was typed into the form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    pub kind: FeedbackKind,
    pub channel: Option<Channel>,
    /// As typed: YYYY-MM-DD (the date input's value).
    pub received: String,
    pub resident_name: String,
    pub address: String,
    pub contact_method: ContactMethod,
    pub contact_detail: String,
    pub category: String,
    pub description: String,
    pub outcome_wanted: String,
    pub problem_started: String,
    pub has_representative: bool,
    pub representative_name: String,
    pub representative_role: Option<RepresentativeRole>,
    pub authority_given: bool,
    pub adjustments: Vec<Adjustment>,
    pub handler: String,
}

/// A problem with one field: the field's id and what to do.
pub type FieldProblem = (&'static str, String);

impl Entry {
    /// Checks the entry as of `today`; every problem names its field.
    pub fn check(&self, today: NaiveDate) -> Vec<FieldProblem> {
        let mut out = Vec::new();
        match self.received.parse::<NaiveDate>() {
            Err(_) => out.push((
                "entry-received",
                "Enter the date it was received, for example 2026-11-23.".to_string(),
            )),
            Ok(d) if d > today => {
                out.push(("entry-received", "The date received cannot be in the future.".to_string()))
            }
            Ok(d) => {
                if let Err(reason) = crate::case::check_date(d) {
                    out.push(("entry-received", format!("{}.", capitalise(&reason))));
                }
            }
        }
        if self.channel.is_none() {
            out.push(("entry-channel", "Choose how it reached you.".to_string()));
        }
        if self.resident_name.trim().is_empty() {
            out.push(("entry-resident", "Enter the resident's name.".to_string()));
        }
        if self.category.trim().is_empty() {
            out.push(("entry-category", "Enter what it is about, such as Repairs.".to_string()));
        }
        if self.description.trim().is_empty() {
            out.push((
                "entry-description",
                "Enter what the resident said, in their words if you can.".to_string(),
            ));
        }
        if !self.problem_started.trim().is_empty() {
            match self.problem_started.parse::<NaiveDate>() {
                Err(_) => out.push((
                    "entry-started",
                    "Enter when the problem started as a date, or leave it empty.".to_string(),
                )),
                Ok(d) if self.received.parse::<NaiveDate>().is_ok_and(|r| d > r) => out.push((
                    "entry-started",
                    "The problem cannot have started after the date received.".to_string(),
                )),
                Ok(d) => {
                    if let Err(reason) = crate::case::check_date(d) {
                        out.push(("entry-started", format!("{}.", capitalise(&reason))));
                    }
                }
            }
        }
        if self.has_representative {
            if self.representative_name.trim().is_empty() {
                out.push((
                    "entry-rep-name",
                    "Enter the representative's name, or untick \"someone is acting for the resident\"."
                        .to_string(),
                ));
            }
            if self.representative_role.is_none() {
                out.push(("entry-rep-role", "Choose who the representative is.".to_string()));
            }
        }
        if self.handler.trim().is_empty() {
            out.push(("entry-handler", "Choose who will handle it.".to_string()));
        }
        out
    }

    /// The new case, if the entry has no problems.
    pub fn to_case(
        &self,
        id: &str,
        policy: &Policy,
        division: Division,
        today: NaiveDate,
    ) -> Result<Case, Vec<FieldProblem>> {
        let problems = self.check(today);
        if !problems.is_empty() {
            return Err(problems);
        }
        let received: NaiveDate = self.received.parse().expect("checked");
        let handler = self.handler.trim().to_string();
        Ok(Case {
            id: id.to_string(),
            policy_id: policy.id.clone(),
            policy_version: policy.version.clone(),
            landlord: policy.landlord.clone(),
            feedback: self.kind,
            category: self.category.trim().to_string(),
            description: self.description.trim().to_string(),
            outcome_wanted: self.outcome_wanted.trim().to_string(),
            problem_started: self.problem_started.trim().parse().ok(),
            resident: Resident {
                name: self.resident_name.trim().to_string(),
                address: self.address.trim().to_string(),
                contact: Contact {
                    method: self.contact_method,
                    detail: self.contact_detail.trim().to_string(),
                },
                relationship: Relationship::Tenant,
            },
            representative: self.has_representative.then(|| Representative {
                name: self.representative_name.trim().to_string(),
                role: self.representative_role.unwrap_or(RepresentativeRole::Other),
                authority_given: self.authority_given,
                contact: Contact::default(),
            }),
            adjustments: self.adjustments.clone(),
            division,
            channel: self.channel,
            handler: Some(handler.clone()),
            events: vec![
                Event::new(received, EventKind::Received),
                Event { who: Some(handler.clone()), ..Event::new(received, EventKind::Assigned { handler }) },
            ],
        })
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
