//! guided: the answers of a guided complaint in progress (saved as a draft record as each one
//! is given), and how they become a case and the engine's screening answers. Pure.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::Division;
use crate::case::{
    Adjustment, Case, Contact, ContactMethod, Event, EventKind, FeedbackKind, Relationship, Representative,
    RepresentativeRole, Resident,
};
use crate::engine::{Answers, Topic};

/// A guided complaint in progress. Every field is optional until answered.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Draft {
    /// The step the user is on, so coming back resumes there.
    pub step: String,
    /// `true` when someone is helping the resident.
    pub helping: Option<bool>,
    pub helper_name: String,
    pub helper_role: Option<RepresentativeRole>,
    pub helper_contact: String,
    pub resident_name: String,
    pub resident_address: String,
    /// A built-in policy id; `code-2024` when the landlord is not listed.
    pub policy_id: Option<String>,
    pub landlord_name: String,
    pub topic: Option<Topic>,
    pub description: String,
    pub started: Option<NaiveDate>,
    pub still_happening: Option<bool>,
    pub reported_before: Option<bool>,
    pub how_it_went: String,
    pub legal_proceedings: bool,
    pub insurance_claim: bool,
    pub neighbour_nuisance_asb: bool,
    pub already_complained: bool,
    pub outcome_wanted: String,
    pub contact_method: Option<ContactMethod>,
    pub contact_detail: String,
    pub adjustments: Vec<Adjustment>,
}

impl Topic {
    /// How the topic reads to a resident.
    pub fn label(self) -> &'static str {
        match self {
            Topic::Repairs => "Repairs not done, or done badly",
            Topic::DampAndMould => "Damp and mould",
            Topic::StaffConduct => "How a member of staff behaved",
            Topic::NeighbourNuisanceAsb => "A neighbour's nuisance or anti-social behaviour",
            Topic::ServiceCharges => "Rent or service charges",
            Topic::PolicyDecision => "A decision under one of the landlord's policies",
            Topic::HousingAllocation => "Being offered or refused a home",
            Topic::Communication => "Not being listened to or kept informed",
            Topic::Other => "Something else",
        }
    }

    pub const ALL: [Topic; 9] = [
        Topic::Repairs,
        Topic::DampAndMould,
        Topic::Communication,
        Topic::StaffConduct,
        Topic::ServiceCharges,
        Topic::NeighbourNuisanceAsb,
        Topic::HousingAllocation,
        Topic::PolicyDecision,
        Topic::Other,
    ];
}

impl Draft {
    /// The engine's screening answers.
    pub fn answers(&self) -> Answers {
        Answers {
            topic: self.topic.unwrap_or_default(),
            started: self.started,
            still_happening: self.still_happening.unwrap_or(false),
            became_aware_later: false,
            first_report: self.reported_before == Some(false),
            legal_proceedings: self.legal_proceedings,
            insurance_claim: self.insurance_claim,
            neighbour_nuisance_asb: self.neighbour_nuisance_asb
                || self.topic == Some(Topic::NeighbourNuisanceAsb),
            already_complained: self.already_complained,
            safeguarding_or_health_and_safety: false,
        }
    }

    /// The case this draft describes, received on `sent` (the day the letter goes).
    pub fn to_case(&self, id: &str, policy_version: &str, landlord: &str, sent: NaiveDate) -> Case {
        let helping = self.helping == Some(true);
        let mut description = self.description.trim().to_string();
        if self.reported_before == Some(true) && !self.how_it_went.trim().is_empty() {
            description.push_str("\n\nWhat happened when it was reported before: ");
            description.push_str(self.how_it_went.trim());
        }
        let contact = Contact {
            method: self.contact_method.unwrap_or_default(),
            detail: self.contact_detail.trim().to_string(),
        };
        Case {
            id: id.to_string(),
            policy_id: self.policy_id.clone().unwrap_or_else(|| crate::policy::CODE_ID.to_string()),
            policy_version: policy_version.to_string(),
            landlord: landlord.to_string(),
            feedback: FeedbackKind::Complaint,
            category: self.topic.unwrap_or_default().label().to_string(),
            description,
            outcome_wanted: self.outcome_wanted.trim().to_string(),
            problem_started: self.started,
            resident: Resident {
                name: self.resident_name.trim().to_string(),
                address: self.resident_address.trim().to_string(),
                contact: if helping { Contact::default() } else { contact.clone() },
                relationship: Relationship::Tenant,
            },
            representative: helping.then(|| Representative {
                name: self.helper_name.trim().to_string(),
                role: self.helper_role.unwrap_or(RepresentativeRole::Other),
                authority_given: false,
                contact,
            }),
            adjustments: self.adjustments.clone(),
            division: Division::EnglandAndWales,
            channel: None,
            handler: None,
            events: vec![Event::new(sent, EventKind::Received)],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_becomes_a_case_and_screening_answers() {
        let draft = Draft {
            helping: Some(true),
            helper_name: "Priya".into(),
            helper_role: Some(RepresentativeRole::Advocate),
            helper_contact: String::new(),
            resident_name: " Sam ".into(),
            policy_id: Some("progress".into()),
            topic: Some(Topic::DampAndMould),
            description: "Mould.".into(),
            reported_before: Some(true),
            how_it_went: "Nobody came.".into(),
            contact_method: Some(ContactMethod::Email),
            contact_detail: "p@example.org".into(),
            ..Draft::default()
        };
        let sent = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let case = draft.to_case("c1", "1", "Progress Housing Group", sent);
        assert_eq!(case.resident.name, "Sam");
        assert_eq!(case.category, "Damp and mould");
        assert_eq!(case.description, "Mould.\n\nWhat happened when it was reported before: Nobody came.");
        let rep = case.representative.unwrap();
        assert_eq!((rep.role, rep.contact.detail.as_str()), (RepresentativeRole::Advocate, "p@example.org"));
        assert_eq!(case.events, vec![Event::new(sent, EventKind::Received)]);
        assert!(!draft.answers().first_report);
        assert!(Draft { reported_before: Some(false), ..Draft::default() }.answers().first_report);
    }
}
