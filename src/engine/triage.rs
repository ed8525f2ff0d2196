//! triage: from a resident's answers, is this a complaint, a service request, not covered, or
//! outside the time limit? And compensation: which band, who authorises, and by when.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::policy::{self, Exclusion, Policy};

/// What the problem is mainly about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    #[default]
    Repairs,
    DampAndMould,
    StaffConduct,
    NeighbourNuisanceAsb,
    ServiceCharges,
    /// A decision made under a policy, such as a rent increase.
    PolicyDecision,
    HousingAllocation,
    Communication,
    Other,
}

/// A resident's answers to the screening questions.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Answers {
    pub topic: Topic,
    /// When the problem started, if they know.
    pub started: Option<NaiveDate>,
    /// Whether it is still happening.
    pub still_happening: bool,
    /// Whether the resident only found out about it recently.
    pub became_aware_later: bool,
    /// Whether this is the first time they have told the landlord.
    pub first_report: bool,
    /// Court proceedings have started (a claim filed at court).
    pub legal_proceedings: bool,
    /// It is (or will be) an insurance claim.
    pub insurance_claim: bool,
    /// It is a report of a neighbour's nuisance or anti-social behaviour.
    pub neighbour_nuisance_asb: bool,
    /// It has already been through the landlord's whole complaints process.
    pub already_complained: bool,
    /// It involves safeguarding, or a risk to health and safety.
    pub safeguarding_or_health_and_safety: bool,
}

/// The triage decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum TriageOutcome {
    /// It is a complaint under the policy.
    Complaint,
    /// It is a request for a service first; how it becomes a complaint.
    ServiceRequest { becomes_complaint: String },
    /// The policy does not cover it.
    NotCovered { exclusion: String, discretion: bool, instead: Option<String> },
    /// It is older than the policy's time limit.
    OutsideTimeLimit {
        limit: String,
        limit_date: NaiveDate,
        discretion: bool,
        why_discretion_may_apply: Vec<String>,
    },
}

/// The decision, its rule, and what the Code says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Triage {
    #[serde(flatten)]
    pub outcome: TriageOutcome,
    /// The policy's clause and sentence behind the decision.
    pub clause: String,
    pub plain: String,
    /// Your right to ask the Housing Ombudsman, in plain words.
    pub ombudsman_right: String,
    /// Where the statutory Code says something different that matters here.
    pub code_says: Option<String>,
}

const OMBUDSMAN_RIGHT: &str = "If your landlord will not treat this as a complaint, it must explain why in writing, and you can ask the Housing Ombudsman to look at that decision.";

/// Decides what the resident's issue is under `policy`, as of `today`.
pub fn triage(policy: &Policy, answers: &Answers, calendar: &Calendar, today: NaiveDate) -> Triage {
    let code = policy::code();
    let screens: [(bool, &str, Option<&str>); 5] = [
        (answers.legal_proceedings, "legal_proceedings", None),
        (answers.insurance_claim, "insurance_claim", Some("The Code does not list insurance claims as a reason to refuse a complaint; if your complaint is about how the landlord handled something, not the claim itself, it can still be a complaint.")),
        (answers.neighbour_nuisance_asb || answers.topic == Topic::NeighbourNuisanceAsb, "neighbour_nuisance_asb", Some("Under the Code, reporting anti-social behaviour is a service request, but if you are unhappy with how the landlord dealt with your report, that is a complaint.")),
        (answers.already_complained, "already_through_process", None),
        (answers.topic == Topic::StaffConduct, "staff_conduct_hr", Some("Under the Code, a complaint about how a member of staff behaved is still a complaint, even if HR deals with the staff member too.")),
    ];
    for (applies, code_name, code_says) in screens {
        if !applies {
            continue;
        }
        if let Some(exclusion) = policy.exclusion(code_name) {
            return not_covered(
                exclusion,
                code_says.map(str::to_string).or_else(|| code_view(code, code_name)),
            );
        }
    }
    let other = match answers.topic {
        Topic::HousingAllocation => ["housing_allocation_appeal", "other_appeal_process"].as_slice(),
        Topic::PolicyDecision => ["correct_application_of_policy", "information_request"].as_slice(),
        _ => [].as_slice(),
    };
    if let Some(exclusion) = other.iter().find_map(|c| policy.exclusion(c)) {
        return not_covered(exclusion, None);
    }
    if answers.first_report {
        let (clause, plain) = match policy.exclusion("service_request") {
            Some(e) => (e.clause.clone(), e.plain.clone()),
            None => (code.definition.clause.clone(), "A first report is a request for a service.".into()),
        };
        return Triage {
            outcome: TriageOutcome::ServiceRequest {
                becomes_complaint: "Report it to your landlord first and give them a chance to put it right. If they do not, or you are unhappy with how they handle it, it becomes a complaint: you can then complain, and Redress will work out the deadlines.".into(),
            },
            clause,
            plain,
            ombudsman_right: OMBUDSMAN_RIGHT.into(),
            code_says: Some("Under the Code a service request becomes a complaint if you are unhappy with how it is handled, or if you ask for it to be treated as a complaint.".into()),
        };
    }
    if let (Some(limit), Some(started)) = (&policy.time_limit, answers.started) {
        let limit_date = calendar.add(started, limit.period).date;
        if !answers.still_happening && today > limit_date {
            let mut why = Vec::new();
            if answers.safeguarding_or_health_and_safety {
                why.push("it involves safeguarding or health and safety".to_string());
            }
            if answers.became_aware_later {
                why.push("you only found out about it later".to_string());
            }
            let code_limit = code.time_limit.as_ref().expect("the Code has a time limit");
            let within_code = today <= calendar.add(started, code_limit.period).date;
            let code_says = if within_code {
                format!("The statutory Code allows complaints within {} of the issue, so under the Code this is in time.", code_limit.period.describe())
            } else {
                format!("The statutory Code allows {}, but expects landlords to consider older complaints where there is good reason, such as safeguarding, health and safety, or finding out later.", code_limit.period.describe())
            };
            return Triage {
                outcome: TriageOutcome::OutsideTimeLimit {
                    limit: limit.period.describe(),
                    limit_date,
                    discretion: limit.discretion,
                    why_discretion_may_apply: why,
                },
                clause: limit.clause.clone(),
                plain: limit.plain.clone(),
                ombudsman_right: OMBUDSMAN_RIGHT.into(),
                code_says: Some(code_says),
            };
        }
    }
    Triage {
        outcome: TriageOutcome::Complaint,
        clause: policy.definition.clause.clone(),
        plain: policy.definition.plain.clone(),
        ombudsman_right: "If your landlord does not deal with your complaint properly, you can ask the Housing Ombudsman for help at any time, and refer it once the landlord's process is complete.".into(),
        code_says: None,
    }
}

fn not_covered(exclusion: &Exclusion, code_says: Option<String>) -> Triage {
    Triage {
        outcome: TriageOutcome::NotCovered {
            exclusion: exclusion.code.clone(),
            discretion: exclusion.discretion,
            instead: exclusion.instead.clone(),
        },
        clause: exclusion.clause.clone(),
        plain: exclusion.plain.clone(),
        ombudsman_right: OMBUDSMAN_RIGHT.into(),
        code_says,
    }
}

fn code_view(code: &Policy, exclusion: &str) -> Option<String> {
    code.exclusion(exclusion).map(|e| format!("The statutory Code agrees: {}", e.plain))
}

/// A suggested compensation band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CompensationSuggestion {
    pub level: String,
    /// Plain English: "£101 to £500".
    pub range: String,
    pub authoriser: String,
    pub clause: String,
    /// Claim by this date (from the incident), if the policy has a claim window.
    pub claim_by: Option<NaiveDate>,
    /// Not normally considered after this date.
    pub claim_outer_limit: Option<NaiveDate>,
    /// Accept an offer by this date (from the offer), if an offer date is given.
    pub accept_by: Option<NaiveDate>,
}

/// The band for `level` ("low", "medium", "high") under `policy`, with the claim and acceptance
/// dates. `None` if the policy has no table.
pub fn compensation(
    policy: &Policy,
    level: &str,
    incident: Option<NaiveDate>,
    offered: Option<NaiveDate>,
    calendar: &Calendar,
) -> Option<CompensationSuggestion> {
    let comp = policy.compensation.as_ref()?;
    let band = comp.bands.iter().find(|b| b.level == level)?;
    let pounds = crate::policy::edit::pounds;
    let range = match (band.min_pence, band.max_pence) {
        (0, Some(max)) => format!("up to {}", pounds(max)),
        (min, Some(max)) => format!("{} to {}", pounds(min), pounds(max)),
        (min, None) => format!("above {}", pounds(min.saturating_sub(1))),
    };
    let claim = comp.claim_window.as_ref();
    Some(CompensationSuggestion {
        level: band.level.clone(),
        range,
        authoriser: band.authoriser.clone(),
        clause: band.clause.clone(),
        claim_by: claim.zip(incident).map(|(w, d)| calendar.add(d, w.period).date),
        claim_outer_limit: claim
            .and_then(|w| w.outer_limit)
            .zip(incident)
            .map(|(p, d)| calendar.add(d, p).date),
        accept_by: comp.acceptance_window.as_ref().zip(offered).map(|(w, d)| calendar.add(d, w.period).date),
    })
}
