//! triage: from a resident's answers, is this a complaint, a service request, not covered, or
//! outside the time limit? And compensation: which band, who authorises, and by when.
//!
//! Each exclusion a policy encodes is reached only by the answer that matches its own words: a
//! *report* of anti-social behaviour, not a complaint about how reports were handled (unless the
//! policy says so, as Progress 2.3.1 does); an HR matter, not how a member of staff behaved; the
//! *correct* application of a policy, not a mistake; an appeal against an allocation, not how it
//! was handled; an unsuccessful Choice Based Lettings application only when the resident says it
//! was made through the scheme (Progress 2.3.3), not another application or one they are not sure
//! about. Anything else is a complaint. Where the Code does not accept the policy's reason
//! (`NOT_ACCEPTED_BY_CODE`, or a legal test wider than a claim filed at court), the outcome says
//! the Code treats it as a complaint, and the resident still gets a letter.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::{long_date, Calendar};
use crate::policy::{self, Exclusion, HomeDecision, LegalTest, LimitEnd, Policy, NOT_ACCEPTED_BY_CODE};

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

/// What is wrong with a decision made under a policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionConcern {
    /// The decision is wrong or was made badly: the policy was applied wrongly, or a mistake made.
    Wrong,
    /// The policy was applied correctly, but the resident disagrees with the policy itself.
    DisagreeWithPolicy,
    /// The resident only wants the decision or the policy explained.
    WantsExplanation,
}

/// What the resident wants about being offered or refused a home.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AllocationConcern {
    /// To challenge a decision turning down their application for a home.
    ChallengeRefusal,
    /// To object to a home they have been offered.
    ObjectToOffer,
    /// To complain about how the application or offer was handled (delays, mistakes, manner).
    Handling,
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
    /// When they first raised the problem with the landlord in any way (a report, a request, saying
    /// they were unhappy), if they said: a time limit counted to the first raising (Progress
    /// 2.3.6) counts to this date.
    pub first_raised: Option<NaiveDate>,
    /// Court proceedings have started (a claim filed at court).
    pub legal_proceedings: bool,
    /// Legal action is planned, but no claim has been filed at court.
    pub legal_action_planned: bool,
    /// Another body, such as the police or a regulator, is investigating it.
    pub other_investigation: bool,
    /// It is (or will be) an insurance claim.
    pub insurance_claim: bool,
    /// It is a *report* of a neighbour's nuisance or anti-social behaviour.
    pub neighbour_nuisance_asb: bool,
    /// It is about how the landlord dealt with reports of anti-social behaviour.
    pub asb_handling: bool,
    /// It has already been through the landlord's whole complaints process.
    pub already_complained: bool,
    /// It involves safeguarding, or a risk to health and safety.
    pub safeguarding_or_health_and_safety: bool,
    /// About a member of staff: a matter for HR policies (a staff grievance, the outcome of a
    /// disciplinary process), not how they behaved.
    pub staff_hr_matter: bool,
    /// About a decision under a policy: what is wrong with it.
    pub decision: Option<DecisionConcern>,
    /// About being offered or refused a home: what the resident wants.
    pub allocation: Option<AllocationConcern>,
    /// About a turned-down application for a home: the resident says it was made through a Choice
    /// Based Lettings scheme (`false` when it was not, or they are not sure).
    pub through_choice_based_lettings: bool,
    /// The landlord was providing the service for another organisation.
    pub for_another_organisation: bool,
    /// The service is not one the landlord provides, contracts or commissions.
    pub not_landlords_service: bool,
    /// It is about how the landlord used or shared personal information (data protection).
    pub data_protection: bool,
    /// It is about one of the landlord's directors (executive or non-executive).
    pub about_a_director: bool,
    /// The resident is a customer the policy names as outside it (Progress 2.2: Concert Living).
    pub excluded_customer: bool,
    /// The landlord has a separate appeal process for this decision.
    pub other_appeal_process: bool,
    /// A councillor or MP is raising it for the resident.
    pub raised_by_councillor_or_mp: bool,
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
    NotCovered {
        exclusion: String,
        discretion: bool,
        instead: Option<String>,
        /// The statutory Code does not accept the policy's reason: under the Code it is a
        /// complaint, so the resident can still send one.
        complaint_under_code: bool,
    },
    /// It is older than the policy's time limit.
    OutsideTimeLimit {
        limit: String,
        limit_date: NaiveDate,
        /// The date the time was counted to: today, or when the resident first raised it.
        counted_to: NaiveDate,
        /// What the policy counts the time to.
        counts_to: LimitEnd,
        /// Whether the policy lets the landlord consider older complaints.
        discretion: bool,
        why_discretion_may_apply: Vec<String>,
        /// One of those reasons is an exception the policy itself names (Together 2.4:
        /// safeguarding, health and safety).
        named_exception: bool,
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

/// One screening fact, the exclusion it reaches, and what the Code says about it.
struct Screen {
    applies: bool,
    exclusion: &'static str,
    /// Only an exclusion whose legal test is this wide is reached (legal action only planned,
    /// another body's investigation).
    needs_test: Option<LegalTest>,
    code_says: Option<&'static str>,
    /// The Code treats it as a complaint even though the policy excludes it.
    complaint_under_code: bool,
}

const BEFORE_A_CLAIM: &str = "Under the Code a landlord can refuse a complaint for legal reasons only once legal proceedings have started: a claim form and particulars filed at court. Until then this is a complaint.";

fn screens(a: &Answers) -> Vec<Screen> {
    let screen = |applies: bool, exclusion: &'static str, code_says: Option<&'static str>| Screen {
        applies,
        exclusion,
        needs_test: None,
        code_says,
        complaint_under_code: false,
    };
    let asb_report = a.neighbour_nuisance_asb && !a.asb_handling;
    let mut list = vec![
        screen(a.legal_proceedings, "legal_proceedings", None),
        Screen {
            needs_test: Some(LegalTest::TakenOrPlanned),
            complaint_under_code: true,
            ..screen(a.legal_action_planned, "legal_proceedings", Some(BEFORE_A_CLAIM))
        },
        Screen {
            needs_test: Some(LegalTest::ProceedingsOrInvestigation),
            complaint_under_code: true,
            ..screen(a.other_investigation, "legal_proceedings", Some(BEFORE_A_CLAIM))
        },
        screen(a.insurance_claim, "insurance_claim", Some("The Code does not list insurance claims as a reason to refuse a complaint; if your complaint is about how the landlord handled something, not the claim itself, it can still be a complaint.")),
        screen(asb_report, "neighbour_nuisance_asb", Some("Under the Code, reporting anti-social behaviour is a service request, but if you are unhappy with how the landlord dealt with your report, that is a complaint.")),
        screen(a.asb_handling, "asb_handling", None),
        screen(a.already_complained, "already_through_process", None),
        screen(a.staff_hr_matter, "staff_conduct_hr", Some("An HR matter, such as a staff grievance or the outcome of a disciplinary process, goes through the landlord's HR procedures. How a member of staff behaved towards you is a complaint under the Code and under this policy.")),
        screen(a.for_another_organisation, "services_for_other_organisation", None),
        screen(a.not_landlords_service, "services_not_provided", None),
        screen(a.data_protection, "data_protection", None),
        screen(a.about_a_director, "director_complaint", None),
        screen(a.excluded_customer, "not_covered_customer", None),
        screen(a.other_appeal_process, "other_appeal_process", None),
        screen(a.raised_by_councillor_or_mp, "mp_councillor_route", None),
    ];
    match a.decision {
        Some(DecisionConcern::DisagreeWithPolicy) => {
            list.push(screen(true, "correct_application_of_policy", None))
        }
        Some(DecisionConcern::WantsExplanation) => list.push(screen(true, "information_request", None)),
        Some(DecisionConcern::Wrong) | None => {}
    }
    // What the Code says about the reasons it does not accept.
    for s in &mut list {
        if let Some((_, _, why)) = NOT_ACCEPTED_BY_CODE.iter().find(|(c, _, _)| *c == s.exclusion) {
            s.code_says = Some(why);
            s.complaint_under_code = true;
        }
    }
    list
}

/// The policy's exclusion a screen reaches, if it has one.
fn reached<'p>(policy: &'p Policy, s: &Screen) -> Option<&'p Exclusion> {
    let exclusion = policy.exclusion(s.exclusion)?;
    match s.needs_test {
        Some(test) => (exclusion.legal_test == Some(test)).then_some(exclusion),
        None => Some(exclusion),
    }
}

/// The appeal-route exclusion that names this decision about a home, if the policy has one. A
/// turned-down application reaches an exclusion of Choice Based Lettings applications only when
/// it was made through the scheme (`through_cbl`); one of any refused application always.
pub fn home_decision_exclusion(
    policy: &Policy,
    concern: Option<AllocationConcern>,
    through_cbl: bool,
) -> Option<&Exclusion> {
    let decisions: &[HomeDecision] = match concern? {
        AllocationConcern::ChallengeRefusal if through_cbl => {
            &[HomeDecision::RefusedApplication, HomeDecision::RefusedCblApplication]
        }
        AllocationConcern::ChallengeRefusal => &[HomeDecision::RefusedApplication],
        AllocationConcern::ObjectToOffer => &[HomeDecision::Offer],
        AllocationConcern::Handling => return None,
    };
    policy.exclusions.iter().find(|e| e.home_decisions.iter().any(|d| decisions.contains(d)))
}

/// Decides what the resident's issue is under `policy`, as of `today`.
pub fn triage(policy: &Policy, answers: &Answers, calendar: &Calendar, today: NaiveDate) -> Triage {
    let code = policy::code();
    for s in screens(answers).iter().filter(|s| s.applies) {
        if let Some(exclusion) = reached(policy, s) {
            return not_covered(
                exclusion,
                s.complaint_under_code,
                s.code_says.map(str::to_string).or_else(|| code_view(code, s.exclusion)),
            );
        }
    }
    if let Some(exclusion) =
        home_decision_exclusion(policy, answers.allocation, answers.through_choice_based_lettings)
    {
        return not_covered(exclusion, false, None);
    }
    // A report of anti-social behaviour under a policy that does not exclude it is a request for
    // a service, like a first report of a repair.
    let asb_report = answers.neighbour_nuisance_asb && !answers.asb_handling;
    if answers.first_report || asb_report {
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
    if let Some(out_of_time) = time_limit(policy, answers, calendar, today) {
        return out_of_time;
    }
    Triage {
        outcome: TriageOutcome::Complaint,
        clause: policy.definition.clause.clone(),
        plain: policy.definition.plain.clone(),
        ombudsman_right: "If your landlord does not deal with your complaint properly, you can ask the Housing Ombudsman for help at any time, and refer it once the landlord's process is complete.".into(),
        code_says: None,
    }
}

/// The date the policy's time limit is counted to: today (the complaint is made now), or the day
/// the resident first raised the problem, if the policy counts to that and they said when.
pub fn limit_counted_to(policy: &Policy, answers: &Answers, today: NaiveDate) -> NaiveDate {
    match policy.time_limit.as_ref().map(|l| l.counts_to) {
        Some(LimitEnd::FirstRaised) => answers.first_raised.filter(|d| *d <= today).unwrap_or(today),
        _ => today,
    }
}

/// The outcome when the problem is older than the policy's time limit, if it is.
fn time_limit(policy: &Policy, answers: &Answers, calendar: &Calendar, today: NaiveDate) -> Option<Triage> {
    let code = policy::code();
    let (limit, started) = (policy.time_limit.as_ref()?, answers.started?);
    let limit_date = calendar.add(started, limit.period).date;
    let counted_to = limit_counted_to(policy, answers, today);
    if answers.still_happening || counted_to <= limit_date {
        return None;
    }
    let names =
        |words: &[&str]| limit.exceptions.iter().any(|e| words.iter().any(|w| e.to_lowercase().contains(w)));
    let mut why = Vec::new();
    let mut named_exception = false;
    if answers.safeguarding_or_health_and_safety {
        why.push("it involves safeguarding or health and safety".to_string());
        named_exception |= names(&["safeguarding", "health and safety"]);
    }
    if answers.became_aware_later {
        why.push("you only found out about it later".to_string());
        named_exception |= names(&["aware", "found out"]);
    }
    let code_limit = code.time_limit.as_ref().expect("the Code has a time limit");
    let within_code = today <= calendar.add(started, code_limit.period).date;
    let code_says = if within_code {
        format!(
            "The statutory Code allows complaints within {} of the issue, so under the Code this is in time.",
            code_limit.period.describe()
        )
    } else {
        format!("The statutory Code allows {}, but expects landlords to consider older complaints where there is good reason, such as safeguarding, health and safety, or finding out later.", code_limit.period.describe())
    };
    Some(Triage {
        outcome: TriageOutcome::OutsideTimeLimit {
            limit: limit.period.describe(),
            limit_date,
            counted_to,
            counts_to: limit.counts_to,
            discretion: limit.discretion,
            why_discretion_may_apply: why,
            named_exception,
        },
        clause: limit.clause.clone(),
        plain: limit.plain.clone(),
        ombudsman_right: OMBUDSMAN_RIGHT.into(),
        code_says: Some(code_says),
    })
}

fn not_covered(exclusion: &Exclusion, complaint_under_code: bool, code_says: Option<String>) -> Triage {
    Triage {
        outcome: TriageOutcome::NotCovered {
            exclusion: exclusion.code.clone(),
            discretion: exclusion.discretion,
            instead: exclusion.instead.clone(),
            complaint_under_code,
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

impl TriageOutcome {
    /// A stable short name for the outcome (the result's test id is `triage-<name>`).
    pub fn name(&self) -> &'static str {
        match self {
            TriageOutcome::Complaint => "complaint",
            TriageOutcome::ServiceRequest { .. } => "service-request",
            TriageOutcome::NotCovered { .. } => "not-covered",
            TriageOutcome::OutsideTimeLimit { .. } => "time-limit",
        }
    }
}

impl Triage {
    /// Where the outcome comes from: the policy's title and the clause, by its name.
    pub fn source(&self, policy: &Policy) -> String {
        format!("{}, {}", policy.title, policy.clause_name(&self.clause))
    }

    /// The result's heading, in plain words.
    pub fn heading(&self) -> &'static str {
        match &self.outcome {
            TriageOutcome::Complaint => "This is a complaint",
            TriageOutcome::ServiceRequest { .. } => "Report it to your landlord first",
            TriageOutcome::NotCovered { complaint_under_code: true, .. } => {
                "Your landlord's policy says it does not cover this, but the law says it is a complaint"
            }
            TriageOutcome::NotCovered { .. } => "Your landlord's complaints policy does not cover this",
            TriageOutcome::OutsideTimeLimit { .. } => "This may be outside your landlord's time limit",
        }
    }

    /// Whether to write the resident a complaint letter: for a complaint, one that may be out of
    /// time (the landlord may still look at it, and the Code may allow it), and one the policy
    /// excludes for a reason the Code does not accept.
    pub fn write_letter(&self) -> bool {
        matches!(
            self.outcome,
            TriageOutcome::Complaint
                | TriageOutcome::OutsideTimeLimit { .. }
                | TriageOutcome::NotCovered { complaint_under_code: true, .. }
                // The policy lets the landlord look at it anyway: the letter asks it to.
                | TriageOutcome::NotCovered { discretion: true, .. }
        )
    }

    /// What the outcome means for the resident beyond the policy's own sentence: where to go
    /// instead, whether the landlord can still choose to look at it, and what to say.
    pub fn explanation(&self) -> Option<String> {
        match &self.outcome {
            TriageOutcome::Complaint => None,
            TriageOutcome::ServiceRequest { becomes_complaint } => Some(becomes_complaint.clone()),
            TriageOutcome::NotCovered { instead, discretion, complaint_under_code, .. } => {
                let mut text =
                    instead.as_ref().map(|i| format!("What to do instead: {i}")).unwrap_or_default();
                let then = if *complaint_under_code {
                    "The Code that every social landlord in England must follow treats this as a complaint, so you can still send the complaint letter below."
                } else if *discretion {
                    "The landlord can still choose to look at it as a complaint: the letter below asks it to."
                } else {
                    ""
                };
                if !then.is_empty() {
                    if !text.is_empty() {
                        text.push(' ');
                    }
                    text.push_str(then);
                }
                (!text.is_empty()).then_some(text)
            }
            TriageOutcome::OutsideTimeLimit {
                limit,
                limit_date,
                counted_to,
                counts_to,
                discretion,
                why_discretion_may_apply,
                named_exception,
            } => {
                let mut text = match counts_to {
                    LimitEnd::FirstRaised => format!(
                        "The policy's limit is {limit}, counted to when you first raised the problem with the landlord ({}). The limit ended on {}. ",
                        long_date(*counted_to),
                        long_date(*limit_date)
                    ),
                    LimitEnd::Complaint => format!("The policy's limit is {limit}, which ended on {}. ", long_date(*limit_date)),
                };
                let why = why_discretion_may_apply.join(" and ");
                text.push_str(&match (*named_exception, *discretion, why.is_empty()) {
                    (true, _, _) => format!("Your landlord's policy names this as a reason to look at an older complaint, so say in your letter that {why}."),
                    (false, true, true) => "Your landlord can still choose to look at it: its policy lets it consider older complaints.".to_string(),
                    (false, true, false) => format!("Your landlord can still choose to look at it: its policy lets it consider older complaints. Say in your letter that {why}."),
                    (false, false, true) => "Your landlord's policy does not let it look at older complaints: it has no discretion to.".to_string(),
                    (false, false, false) => format!("Your landlord's policy does not let it look at older complaints: it has no discretion to. The Code expects landlords to consider older complaints where there is good reason, so say in your letter that {why}."),
                });
                Some(text)
            }
        }
    }
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

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn each_outcome_has_its_own_name_and_the_source_names_the_clause() {
        let names =
            [TriageOutcome::Complaint, TriageOutcome::ServiceRequest { becomes_complaint: String::new() }]
                .map(|o| o.name());
        assert_eq!(names, ["complaint", "service-request"]);
        let code = policy::code();
        let calendar = Calendar::builtin(crate::calendar::Division::EnglandAndWales);
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let t = triage(code, &Answers::default(), &calendar, today);
        assert_eq!(t.outcome.name(), "complaint");
        assert_eq!(t.source(code), format!("{}, {}", code.title, code.clause_name(&t.clause)));
    }
}
