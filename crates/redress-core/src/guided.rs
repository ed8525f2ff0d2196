//! guided: the answers of a guided complaint in progress (saved as a draft record as each one
//! is given), the step table of pages it goes through ([`Step`], in `steps`: which apply, each
//! one's checks, next, back and resume), the questions asked only when they matter for the chosen
//! policy ([`Question`]), and how the answers become a case and the engine's screening answers.
//! Pure.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::{long_date, Calendar, Division};
use crate::case::{
    Adjustment, Case, Contact, ContactMethod, Event, EventKind, FeedbackKind, Relationship, Representative,
    RepresentativeRole, Resident,
};
use crate::engine::{
    home_decision_exclusion, triage, AllocationConcern, Answers, DecisionConcern, Topic, TriageOutcome,
};
use crate::policy::{self, LegalTest, LimitEnd, Policy};

mod steps;
pub use steps::{landlords, FieldError, Step, SummaryRow, ADJUSTMENTS, CONTACT_METHODS, HELPER_ROLES};

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
    /// When the resident first raised the problem with the landlord (asked only when the
    /// policy's time limit counts to then).
    pub first_raised: Option<NaiveDate>,
    /// For anti-social behaviour: a report, or how the landlord dealt with reports.
    pub asb: Option<AsbMatter>,
    /// For a member of staff: their behaviour, or an HR matter.
    pub staff: Option<StaffMatter>,
    /// For a decision or a charge: what is wrong with it.
    pub decision: Option<DecisionConcern>,
    /// For being offered or refused a home: what the resident wants.
    pub allocation: Option<AllocationConcern>,
    /// For a turned-down application: whether it was made through Choice Based Lettings (asked
    /// only where the policy's appeal route turns on it; a draft saved before the question
    /// existed has none, and is asked it).
    pub cbl: Option<CblApplication>,
    pub legal_proceedings: bool,
    pub legal_action_planned: bool,
    pub other_investigation: bool,
    pub insurance_claim: bool,
    /// Ticked on "Do any of these apply?": a report of anti-social behaviour (for another topic).
    pub neighbour_nuisance_asb: bool,
    pub already_complained: bool,
    pub for_another_organisation: bool,
    pub not_landlords_service: bool,
    pub data_protection: bool,
    pub about_a_director: bool,
    pub excluded_customer: bool,
    pub other_appeal_process: bool,
    pub safeguarding_or_health_and_safety: bool,
    pub became_aware_later: bool,
    pub outcome_wanted: String,
    pub contact_method: Option<ContactMethod>,
    pub contact_detail: String,
    pub adjustments: Vec<Adjustment>,
    /// The id the case will be saved under, chosen when the result is first shown, so a calendar
    /// file downloaded before the complaint is saved has the same event UIDs as one downloaded
    /// after (a calendar app then replaces the events instead of adding copies).
    pub case_id: String,
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

/// Is the resident reporting anti-social behaviour, or unhappy with how it was dealt with?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AsbMatter {
    /// A report (the landlord does not know yet, or it is happening again).
    Report,
    /// How the landlord dealt with what was reported.
    Handling,
}

/// Is a complaint about a member of staff about their behaviour, or an HR matter?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StaffMatter {
    /// How they behaved, or how they dealt with the resident or their home.
    Behaviour,
    /// A matter for HR policies: a grievance, the outcome of a disciplinary process.
    HrMatter,
}

/// Was the turned-down application made through a Choice Based Lettings scheme? "Not sure" is
/// treated as not: a complaint, which is the resident's safe side (if the application was in fact
/// made through the scheme, the landlord can say so and point them to the scheme's appeal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CblApplication {
    Yes,
    No,
    NotSure,
}

impl CblApplication {
    /// The radio button's element id: [`Question::Cbl`]'s id and the answer's value, as
    /// `ChoiceRadios` names it.
    fn page_id(self) -> &'static str {
        match self {
            CblApplication::Yes => "cbl-yes",
            CblApplication::No => "cbl-no",
            CblApplication::NotSure => "cbl-not_sure",
        }
    }
}

impl crate::choice::Choice for CblApplication {
    fn all() -> &'static [Self] {
        &[CblApplication::Yes, CblApplication::No, CblApplication::NotSure]
    }
    fn value(self) -> &'static str {
        match self {
            CblApplication::Yes => "yes",
            CblApplication::No => "no",
            CblApplication::NotSure => "not_sure",
        }
    }
    fn label(self) -> &'static str {
        match self {
            CblApplication::Yes => "Yes, it was made through Choice Based Lettings",
            CblApplication::No => "No, it was not made through Choice Based Lettings",
            CblApplication::NotSure => "I'm not sure",
        }
    }
    fn hint(self) -> Option<&'static str> {
        match self {
            CblApplication::NotSure => Some(
                "It will be treated as a complaint. If the landlord says the application was made through Choice Based Lettings, it should tell you how to ask the scheme for a review or appeal.",
            ),
            _ => None,
        }
    }
}

/// One answer a resident can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// Stable, for the page's element ids ("asb-report").
    pub id: &'static str,
    pub label: &'static str,
}

/// A yes-or-no fact the resident can tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    Legal,
    LegalPlanned,
    Investigation,
    Insurance,
    AsbReport,
    Already,
    OtherOrganisation,
    NotLandlordsService,
    DataProtection,
    Director,
    ExcludedCustomer,
    OtherAppeal,
    Safeguarding,
    AwareLater,
}

/// One box to tick: its element id, what it says, and the fact it records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub id: &'static str,
    pub label: String,
    pub flag: Flag,
}

/// The questions the guided complaint asks only when the answer can change the outcome under the
/// chosen policy (the rows of the step table, [`Step`], that come and go). What each asks, when it applies, how it is checked and what the answer means all live
/// here, so they are tested without a browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// After the topic, for anti-social behaviour: a report, or how it was dealt with?
    AsbMatter,
    /// After the topic, for a member of staff: behaviour, or an HR matter?
    StaffMatter,
    /// After the topic, for a decision or a charge: wrong, disagreeing with the policy, or asking
    /// for an explanation?
    Decision,
    /// After the topic, for being offered or refused a home: an appeal, or how it was handled?
    Allocation,
    /// After a turned-down application: was it made through Choice Based Lettings? Asked only
    /// where the policy's appeal route covers those applications and no others (Progress 2.3.3).
    Cbl,
    /// After "reported before": when the resident first raised it (a time limit counted to then).
    FirstRaised,
    /// "Do any of these apply?": the facts the policy's exclusions turn on.
    Screening,
    /// When the complaint looks older than the time limit: reasons to look at it anyway.
    TimeExceptions,
}

/// How a question is answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Choose one (radios).
    Choose(Vec<Choice>),
    /// A date (day, month, year), which may be left blank.
    Date,
    /// Tick any, or none.
    Tick(Vec<Check>),
}

const ASB_CHOICES: [Choice; 2] = [
    Choice {
        id: "asb-report",
        label: "I am reporting it: the landlord does not know about it yet, or it is happening again",
    },
    Choice { id: "asb-handling", label: "I am unhappy with how the landlord dealt with what I reported" },
];
const STAFF_CHOICES: [Choice; 2] = [
    Choice { id: "staff-behaviour", label: "How they behaved, or how they dealt with me or my home" },
    Choice {
        id: "staff-hr",
        label: "An HR matter, such as a grievance, or the outcome of a disciplinary process about them",
    },
];
const DECISION_WRONG: Choice = Choice {
    id: "decision-wrong",
    label: "I think it is wrong or was made badly: for example, the policy was applied wrongly or there was a mistake",
};
const DECISION_DISAGREE: Choice = Choice {
    id: "decision-disagree",
    label: "The policy was applied correctly, but I disagree with the policy itself (for example, a rent increase)",
};
const DECISION_EXPLAIN: Choice = Choice {
    id: "decision-explain",
    label: "I only want the landlord to explain the decision or the policy to me",
};
const ALLOCATION_CHOICES: [Choice; 3] = [
    Choice { id: "allocation-refused", label: "I want to challenge a decision to turn down my application for a home" },
    Choice { id: "allocation-offer", label: "I want to object to a home I have been offered" },
    Choice {
        id: "allocation-handling",
        label: "I am unhappy with how my application or offer was handled, for example delays, mistakes or how I was treated",
    },
];

impl Question {
    /// In the order they are asked.
    pub const ALL: [Question; 8] = [
        Question::AsbMatter,
        Question::StaffMatter,
        Question::Decision,
        Question::Allocation,
        Question::Cbl,
        Question::FirstRaised,
        Question::Screening,
        Question::TimeExceptions,
    ];

    /// Its step id in the address (`/complaint/<id>`).
    pub fn id(self) -> &'static str {
        match self {
            Question::AsbMatter => "asb",
            Question::StaffMatter => "staff",
            Question::Decision => "decision",
            Question::Allocation => "allocation",
            Question::Cbl => "cbl",
            Question::FirstRaised => "first-raised",
            Question::Screening => "screening",
            Question::TimeExceptions => "older",
        }
    }

    pub fn from_id(id: &str) -> Option<Question> {
        Question::ALL.into_iter().find(|q| q.id() == id)
    }

    /// The page heading (and the fieldset's legend), for the resident or their helper.
    pub fn heading(self, helping: bool) -> &'static str {
        match self {
            Question::Cbl if helping => "Did they apply through Choice Based Lettings?",
            Question::Cbl => "Did you apply through Choice Based Lettings?",
            Question::AsbMatter => {
                "Are you reporting anti-social behaviour, or unhappy with how it was dealt with?"
            }
            Question::StaffMatter => "What is your complaint about the member of staff?",
            Question::Decision => "What is wrong with the landlord's decision?",
            Question::Allocation => "What do you want to do about it?",
            Question::FirstRaised => "When did you first tell the landlord about the problem?",
            Question::Screening => "Do any of these apply?",
            Question::TimeExceptions => "Is there a reason the landlord should still look at it?",
        }
    }

    /// The hint under the heading, for this draft's landlord.
    pub fn hint(self, draft: &Draft) -> String {
        let landlord = draft.policy().landlord.clone();
        match self {
            Question::AsbMatter => format!("{landlord}'s policy treats a report of anti-social behaviour differently from a complaint about how reports were handled."),
            Question::StaffMatter => format!("{landlord}'s policy covers how its staff behave. Matters dealt with under its HR policies are handled separately."),
            Question::Decision => format!("{landlord}'s policy treats these differently. If you are not sure, choose the first."),
            Question::Allocation => format!("{landlord}'s policy has a separate appeal route for some decisions about homes."),
            Question::Cbl => format!("Choice Based Lettings is when the council and local housing associations advertise homes together, and people on the housing register bid for the ones they want, often online each week. {landlord}'s policy sends appeals about these applications to the scheme's own review or appeal process. Other applications come under its complaints policy."),
            Question::FirstRaised => format!("For example, when you first reported it or first said you were unhappy. {landlord}'s time limit counts to this date. For example, 27 3 2026. Leave it blank if you are not sure."),
            Question::Screening => "Your landlord's policy treats these differently. Tick any that apply, or none.".into(),
            Question::TimeExceptions => format!("It looks like this is older than {landlord}'s time limit. Tick any that apply, or none."),
        }
    }

    /// How it is answered, for this draft's landlord and topic.
    pub fn answer(self, draft: &Draft) -> Answer {
        let policy = draft.policy();
        match self {
            Question::AsbMatter => Answer::Choose(ASB_CHOICES.to_vec()),
            Question::StaffMatter => Answer::Choose(STAFF_CHOICES.to_vec()),
            Question::Decision => {
                let mut choices = vec![DECISION_WRONG];
                if policy.exclusion("correct_application_of_policy").is_some() {
                    choices.push(DECISION_DISAGREE);
                }
                if policy.exclusion("information_request").is_some() {
                    choices.push(DECISION_EXPLAIN);
                }
                Answer::Choose(choices)
            }
            Question::Allocation => Answer::Choose(ALLOCATION_CHOICES.to_vec()),
            Question::Cbl => Answer::Choose(
                <CblApplication as crate::choice::Choice>::all()
                    .iter()
                    .map(|&c| Choice { id: c.page_id(), label: crate::choice::Choice::label(c) })
                    .collect(),
            ),
            Question::FirstRaised => Answer::Date,
            Question::Screening => Answer::Tick(screening(draft, policy)),
            Question::TimeExceptions => Answer::Tick(vec![
                Check { id: "older-safeguarding", label: "It involves safeguarding (someone at risk of harm or neglect), or a risk to health or safety".into(), flag: Flag::Safeguarding },
                Check { id: "older-aware", label: "I only found out about the problem recently".into(), flag: Flag::AwareLater },
            ]),
        }
    }

    /// Whether the question is asked: only when its answer can change the outcome under this
    /// draft's policy and topic, as of `today`.
    pub fn applies(self, draft: &Draft, today: NaiveDate) -> bool {
        let policy = draft.policy();
        match self {
            Question::AsbMatter
            | Question::StaffMatter
            | Question::Decision
            | Question::Allocation
            | Question::Cbl => self.asked_for_topic(draft),
            Question::FirstRaised => {
                let counts_to_first =
                    policy.time_limit.as_ref().is_some_and(|l| l.counts_to == LimitEnd::FirstRaised);
                let unsaid = Draft { first_raised: None, ..draft.clone() };
                counts_to_first && draft.reported_before == Some(true) && unsaid.out_of_time(today)
            }
            Question::Screening => !screening(draft, policy).is_empty(),
            Question::TimeExceptions => draft.out_of_time(today),
        }
    }

    /// For the questions about the topic: whether this policy has an exclusion the answer can
    /// reach for this topic (no date comes into it).
    fn asked_for_topic(self, draft: &Draft) -> bool {
        let policy = draft.policy();
        let has = |code: &str| policy.exclusion(code).is_some();
        match self {
            Question::AsbMatter => {
                draft.topic == Some(Topic::NeighbourNuisanceAsb)
                    && (has("neighbour_nuisance_asb") || has("asb_handling"))
            }
            Question::StaffMatter => draft.topic == Some(Topic::StaffConduct) && has("staff_conduct_hr"),
            Question::Decision => match draft.topic {
                Some(Topic::PolicyDecision) => {
                    has("correct_application_of_policy") || has("information_request")
                }
                Some(Topic::ServiceCharges) => has("correct_application_of_policy"),
                _ => false,
            },
            Question::Allocation => {
                draft.topic == Some(Topic::HousingAllocation)
                    && policy.exclusions.iter().any(|e| !e.home_decisions.is_empty())
            }
            // Only when the answer changes which exclusion, if any, a turned-down application
            // reaches: under Progress (only CBL applications), not under ForHousing (any
            // application) or a policy with no appeal route for refusals.
            Question::Cbl => {
                let refused = Some(AllocationConcern::ChallengeRefusal);
                let code = |cbl: bool| home_decision_exclusion(policy, refused, cbl).map(|e| &e.code);
                Question::Allocation.asked_for_topic(draft)
                    && draft.allocation == refused
                    && code(true) != code(false)
            }
            Question::FirstRaised | Question::Screening | Question::TimeExceptions => false,
        }
    }

    /// What is wrong with the answer, if anything: the field to link to and what to do.
    pub fn error(self, draft: &Draft, today: NaiveDate) -> Option<(&'static str, String)> {
        let first = |a: Answer| match a {
            Answer::Choose(choices) => choices.first().map_or("", |c| c.id),
            _ => "",
        };
        match self {
            Question::AsbMatter if draft.asb.is_none() => Some((first(self.answer(draft)), "Select whether you are reporting it or unhappy with how it was dealt with".into())),
            Question::StaffMatter if draft.staff.is_none() => Some((first(self.answer(draft)), "Select what your complaint about the member of staff is".into())),
            Question::Decision if draft.choice(self).is_none() => Some((first(self.answer(draft)), "Select what is wrong with the decision".into())),
            Question::Allocation if draft.allocation.is_none() => Some((first(self.answer(draft)), "Select what you want to do".into())),
            Question::Cbl if draft.cbl.is_none() => Some((first(self.answer(draft)), "Select whether the application was made through Choice Based Lettings".into())),
            Question::FirstRaised => match (draft.first_raised, draft.started) {
                (Some(d), _) if d > today => Some(("first-raised-day", "The date you first told the landlord must be today or in the past".into())),
                (Some(d), Some(started)) if d < started => Some(("first-raised-day", "The date you first told the landlord cannot be before the problem started: check both dates".into())),
                _ => None,
            },
            _ => None,
        }
    }

    /// The row's label on "Check your answers".
    pub fn summary_label(self) -> &'static str {
        match self {
            Question::AsbMatter => "Reporting it, or how it was dealt with",
            Question::StaffMatter => "About the member of staff",
            Question::Decision => "What is wrong with the decision",
            Question::Allocation => "What you want to do",
            Question::Cbl => "Applied through Choice Based Lettings",
            Question::FirstRaised => "First told the landlord",
            Question::Screening => "Also",
            Question::TimeExceptions => "Reasons to look at an older problem",
        }
    }
}

/// The boxes "Do any of these apply?" shows for this policy: only the facts one of its
/// exclusions turns on (a court case only if it has a legal exclusion, planned action only where
/// its legal test reaches that far, and so on).
fn screening(draft: &Draft, policy: &Policy) -> Vec<Check> {
    let legal_test = policy.exclusion("legal_proceedings").and_then(|e| e.legal_test);
    let ask = |code: &str, default: &str| {
        policy.exclusion(code).and_then(|e| e.ask.clone()).unwrap_or_else(|| default.to_string())
    };
    let items: [(bool, &'static str, Flag, String); 12] = [
        (
            policy.exclusion("legal_proceedings").is_some(),
            "screen-legal",
            Flag::Legal,
            "A court case about this has started (a claim has been filed at court)".into(),
        ),
        (
            legal_test == Some(LegalTest::TakenOrPlanned),
            "screen-legal-planned",
            Flag::LegalPlanned,
            "Legal action about this is planned, but no claim has been filed at court yet".into(),
        ),
        (
            legal_test == Some(LegalTest::ProceedingsOrInvestigation),
            "screen-investigation",
            Flag::Investigation,
            "Another body, such as the police or a regulator, is investigating it".into(),
        ),
        (
            policy.exclusion("insurance_claim").is_some(),
            "screen-insurance",
            Flag::Insurance,
            "It is an insurance claim (for example, damage to belongings or an injury)".into(),
        ),
        (
            policy.exclusion("neighbour_nuisance_asb").is_some()
                && draft.topic != Some(Topic::NeighbourNuisanceAsb),
            "screen-asb",
            Flag::AsbReport,
            "It is a report of a neighbour's nuisance or anti-social behaviour".into(),
        ),
        (
            policy.exclusion("already_through_process").is_some(),
            "screen-already",
            Flag::Already,
            "It has already been through the landlord's whole complaints process".into(),
        ),
        (
            policy.exclusion("services_for_other_organisation").is_some(),
            "screen-other-organisation",
            Flag::OtherOrganisation,
            ask(
                "services_for_other_organisation",
                "The landlord was providing the service for another organisation, such as a council",
            ),
        ),
        (
            policy.exclusion("services_not_provided").is_some(),
            "screen-not-landlords",
            Flag::NotLandlordsService,
            ask(
                "services_not_provided",
                "It is about a service your landlord does not provide, pay for or arrange",
            ),
        ),
        (
            policy.exclusion("data_protection").is_some(),
            "screen-data",
            Flag::DataProtection,
            ask(
                "data_protection",
                "It is about how the landlord used or shared your personal information (data protection)",
            ),
        ),
        (
            policy.exclusion("director_complaint").is_some(),
            "screen-director",
            Flag::Director,
            ask("director_complaint", "It is about one of the landlord's directors or board members"),
        ),
        (
            policy.exclusion("not_covered_customer").is_some(),
            "screen-customer",
            Flag::ExcludedCustomer,
            ask("not_covered_customer", "The policy says it does not cover people like you"),
        ),
        (
            policy.exclusion("other_appeal_process").is_some(),
            "screen-appeal",
            Flag::OtherAppeal,
            ask("other_appeal_process", "There is a separate appeal process for this decision"),
        ),
    ];
    items
        .into_iter()
        .filter(|(applies, ..)| *applies)
        .map(|(_, id, flag, label)| Check { id, label, flag })
        .collect()
}

impl Draft {
    /// Whether nothing has been answered yet: every field as in a new draft, whatever step it is
    /// on. Such a draft is not worth saving (the resident's area would offer to continue a
    /// complaint with nothing in it).
    pub fn is_unanswered(&self) -> bool {
        *self == Draft { step: self.step.clone(), ..Draft::default() }
    }

    /// The draft's policy: the built-in one chosen, or the Code when the landlord is not listed.
    pub fn policy(&self) -> &'static Policy {
        self.policy_id.as_deref().and_then(policy::by_id).unwrap_or_else(policy::code)
    }

    /// The questions this draft is asked, in order, as of `today`.
    pub fn questions(&self, today: NaiveDate) -> Vec<Question> {
        Question::ALL.into_iter().filter(|q| q.applies(self, today)).collect()
    }

    /// Whether the problem looks older than the policy's time limit (so the reasons to look at it
    /// anyway matter). Counted with England and Wales' calendar: the built-in limits are in
    /// months, which no bank holiday moves.
    fn out_of_time(&self, today: NaiveDate) -> bool {
        let calendar = Calendar::builtin(Division::EnglandAndWales);
        let mut answers = self.answers();
        answers.safeguarding_or_health_and_safety = false;
        answers.became_aware_later = false;
        matches!(
            triage(self.policy(), &answers, &calendar, today).outcome,
            TriageOutcome::OutsideTimeLimit { .. }
        )
    }

    /// The id of the choice made on a choose-one question.
    pub fn choice(&self, q: Question) -> Option<&'static str> {
        let pick = |choices: &[Choice], i: usize| choices.get(i).map(|c| c.id);
        match q {
            Question::AsbMatter => self.asb.and_then(|a| pick(&ASB_CHOICES, a as usize)),
            Question::StaffMatter => self.staff.and_then(|a| pick(&STAFF_CHOICES, a as usize)),
            Question::Decision => self.decision.map(|d| match d {
                DecisionConcern::Wrong => DECISION_WRONG.id,
                DecisionConcern::DisagreeWithPolicy => DECISION_DISAGREE.id,
                DecisionConcern::WantsExplanation => DECISION_EXPLAIN.id,
            }),
            Question::Allocation => self.allocation.and_then(|a| pick(&ALLOCATION_CHOICES, a as usize)),
            Question::Cbl => self.cbl.map(CblApplication::page_id),
            _ => None,
        }
    }

    /// Records the choice `id` on a choose-one question; an id the question does not have is ignored.
    pub fn choose(&mut self, q: Question, id: &str) {
        match (q, id) {
            (Question::AsbMatter, "asb-report") => self.asb = Some(AsbMatter::Report),
            (Question::AsbMatter, "asb-handling") => self.asb = Some(AsbMatter::Handling),
            (Question::StaffMatter, "staff-behaviour") => self.staff = Some(StaffMatter::Behaviour),
            (Question::StaffMatter, "staff-hr") => self.staff = Some(StaffMatter::HrMatter),
            (Question::Decision, "decision-wrong") => self.decision = Some(DecisionConcern::Wrong),
            (Question::Decision, "decision-disagree") => {
                self.decision = Some(DecisionConcern::DisagreeWithPolicy)
            }
            (Question::Decision, "decision-explain") => {
                self.decision = Some(DecisionConcern::WantsExplanation)
            }
            (Question::Allocation, "allocation-refused") => {
                self.allocation = Some(AllocationConcern::ChallengeRefusal)
            }
            (Question::Allocation, "allocation-offer") => {
                self.allocation = Some(AllocationConcern::ObjectToOffer)
            }
            (Question::Allocation, "allocation-handling") => {
                self.allocation = Some(AllocationConcern::Handling)
            }
            (Question::Cbl, id) => {
                if let Some(&c) =
                    <CblApplication as crate::choice::Choice>::all().iter().find(|c| c.page_id() == id)
                {
                    self.cbl = Some(c);
                }
            }
            _ => {}
        }
    }

    /// Whether a box is ticked.
    pub fn flag(&self, flag: Flag) -> bool {
        match flag {
            Flag::Legal => self.legal_proceedings,
            Flag::LegalPlanned => self.legal_action_planned,
            Flag::Investigation => self.other_investigation,
            Flag::Insurance => self.insurance_claim,
            Flag::AsbReport => self.neighbour_nuisance_asb,
            Flag::Already => self.already_complained,
            Flag::OtherOrganisation => self.for_another_organisation,
            Flag::NotLandlordsService => self.not_landlords_service,
            Flag::DataProtection => self.data_protection,
            Flag::Director => self.about_a_director,
            Flag::ExcludedCustomer => self.excluded_customer,
            Flag::OtherAppeal => self.other_appeal_process,
            Flag::Safeguarding => self.safeguarding_or_health_and_safety,
            Flag::AwareLater => self.became_aware_later,
        }
    }

    /// Ticks or clears a box.
    pub fn set_flag(&mut self, flag: Flag, on: bool) {
        let field = match flag {
            Flag::Legal => &mut self.legal_proceedings,
            Flag::LegalPlanned => &mut self.legal_action_planned,
            Flag::Investigation => &mut self.other_investigation,
            Flag::Insurance => &mut self.insurance_claim,
            Flag::AsbReport => &mut self.neighbour_nuisance_asb,
            Flag::Already => &mut self.already_complained,
            Flag::OtherOrganisation => &mut self.for_another_organisation,
            Flag::NotLandlordsService => &mut self.not_landlords_service,
            Flag::DataProtection => &mut self.data_protection,
            Flag::Director => &mut self.about_a_director,
            Flag::ExcludedCustomer => &mut self.excluded_customer,
            Flag::OtherAppeal => &mut self.other_appeal_process,
            Flag::Safeguarding => &mut self.safeguarding_or_health_and_safety,
            Flag::AwareLater => &mut self.became_aware_later,
        };
        *field = on;
    }

    /// The answer to a question as "Check your answers" shows it.
    pub fn answer_text(&self, q: Question) -> String {
        match q.answer(self) {
            Answer::Choose(choices) => {
                let id = self.choice(q);
                choices
                    .iter()
                    .find(|c| Some(c.id) == id)
                    .map_or_else(|| "Not answered".into(), |c| c.label.to_string())
            }
            Answer::Date => self.first_raised.map(long_date).unwrap_or_else(|| "Not sure".into()),
            Answer::Tick(checks) => {
                let ticked: Vec<String> =
                    checks.into_iter().filter(|c| self.flag(c.flag)).map(|c| c.label).collect();
                if ticked.is_empty() {
                    "None of these".into()
                } else {
                    ticked.join("; ")
                }
            }
        }
    }

    /// The engine's screening answers. An answer counts only while its question applies (a
    /// changed topic or landlord leaves an old answer unused, and the page no longer asks it).
    pub fn answers(&self) -> Answers {
        let policy = self.policy();
        let shown: Vec<Flag> = screening(self, policy).into_iter().map(|c| c.flag).collect();
        let ticked = |flag: Flag| shown.contains(&flag) && self.flag(flag);
        let topic = self.topic.unwrap_or_default();
        let asked = |q: Question| q.asked_for_topic(self);
        let asb = self.asb.filter(|_| asked(Question::AsbMatter));
        let helper_role = self.helper_role.filter(|_| self.helping == Some(true));
        Answers {
            topic,
            started: self.started,
            still_happening: self.still_happening.unwrap_or(false),
            became_aware_later: self.became_aware_later,
            first_report: self.reported_before == Some(false),
            first_raised: self.first_raised.filter(|_| self.reported_before == Some(true)),
            legal_proceedings: ticked(Flag::Legal),
            legal_action_planned: ticked(Flag::LegalPlanned),
            other_investigation: ticked(Flag::Investigation),
            insurance_claim: ticked(Flag::Insurance),
            neighbour_nuisance_asb: ticked(Flag::AsbReport) || asb == Some(AsbMatter::Report),
            asb_handling: asb == Some(AsbMatter::Handling),
            already_complained: ticked(Flag::Already),
            safeguarding_or_health_and_safety: self.safeguarding_or_health_and_safety,
            staff_hr_matter: asked(Question::StaffMatter) && self.staff == Some(StaffMatter::HrMatter),
            decision: self.decision.filter(|_| asked(Question::Decision)),
            allocation: self.allocation.filter(|_| asked(Question::Allocation)),
            through_choice_based_lettings: asked(Question::Cbl) && self.cbl == Some(CblApplication::Yes),
            for_another_organisation: ticked(Flag::OtherOrganisation),
            not_landlords_service: ticked(Flag::NotLandlordsService),
            data_protection: ticked(Flag::DataProtection),
            about_a_director: ticked(Flag::Director),
            excluded_customer: ticked(Flag::ExcludedCustomer),
            other_appeal_process: ticked(Flag::OtherAppeal),
            raised_by_councillor_or_mp: matches!(
                helper_role,
                Some(RepresentativeRole::Councillor | RepresentativeRole::Mp)
            ),
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
    fn a_draft_is_unanswered_until_any_answer_is_given() {
        assert!(Draft::default().is_unanswered());
        // Being on a step is not an answer.
        assert!(Draft { step: "who".into(), ..Draft::default() }.is_unanswered());
        // Any answer is: a choice, words, a date or a box ticked.
        assert!(!Draft { helping: Some(false), ..Draft::default() }.is_unanswered());
        assert!(!Draft { description: "Damp in the bedroom.".into(), ..Draft::default() }.is_unanswered());
        assert!(!Draft { started: NaiveDate::from_ymd_opt(2026, 11, 2), ..Draft::default() }.is_unanswered());
        assert!(!Draft { legal_proceedings: true, ..Draft::default() }.is_unanswered());
    }

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

    #[test]
    fn the_choice_based_lettings_answers_are_the_radios_the_page_draws() {
        use crate::choice::Choice as _;
        // The page draws them with `ChoiceRadios`, named after the question: each radio's id is
        // `cbl-<value>`, which is the id the step table checks and links its error to.
        let d = Draft {
            policy_id: Some("progress".into()),
            topic: Some(Topic::HousingAllocation),
            allocation: Some(AllocationConcern::ChallengeRefusal),
            ..Draft::default()
        };
        let Answer::Choose(choices) = Question::Cbl.answer(&d) else { panic!() };
        let all = CblApplication::all();
        assert_eq!(choices.len(), all.len());
        for (choice, answer) in choices.iter().zip(all) {
            assert_eq!(choice.id, format!("{}-{}", Question::Cbl.id(), answer.value()));
            assert_eq!(choice.label, answer.label());
            let mut picked = d.clone();
            picked.choose(Question::Cbl, choice.id);
            assert_eq!(picked.cbl, Some(*answer));
        }
        // "Not sure" says what it means.
        assert!(CblApplication::NotSure.hint().unwrap().contains("treated as a complaint"));
    }

    #[test]
    fn a_draft_saved_before_the_new_questions_still_loads() {
        let old = serde_json::json!({
            "step": "screening", "helping": false, "policy_id": "forhousing", "topic": "staff_conduct",
            "legal_proceedings": false, "insurance_claim": false, "neighbour_nuisance_asb": false,
            "already_complained": false
        });
        let draft: Draft = serde_json::from_value(old).unwrap();
        assert_eq!((draft.staff, draft.first_raised), (None, None));
        // The new question is asked when the resident goes back to it; until then, the default
        // is a complaint.
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert!(draft.questions(today).contains(&Question::StaffMatter));
        assert!(!draft.answers().staff_hr_matter);
    }

    #[test]
    fn the_questions_asked_depend_on_the_policy_and_topic() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let resident = |policy: &str, topic: Topic| Draft {
            policy_id: Some(policy.into()),
            topic: Some(topic),
            reported_before: Some(true),
            still_happening: Some(true),
            ..Draft::default()
        };
        // The end-to-end resident (Progress, damp and mould, reported, still happening) is asked
        // nothing new.
        assert_eq!(resident("progress", Topic::DampAndMould).questions(today), [Question::Screening]);
        assert_eq!(
            resident("forhousing", Topic::NeighbourNuisanceAsb).questions(today),
            [Question::AsbMatter, Question::Screening]
        );
        assert_eq!(resident("tuntum", Topic::NeighbourNuisanceAsb).questions(today), [Question::Screening]);
        assert_eq!(
            resident("forhousing", Topic::ServiceCharges).questions(today),
            [Question::Decision, Question::Screening]
        );
        assert_eq!(resident("together", Topic::ServiceCharges).questions(today), [Question::Screening]);
        // A councillor helping counts as one only while helping.
        let councillor = Draft {
            helping: Some(true),
            helper_role: Some(RepresentativeRole::Councillor),
            ..resident("housing-plus", Topic::Repairs)
        };
        assert!(councillor.answers().raised_by_councillor_or_mp);
        assert!(!Draft { helping: Some(false), ..councillor }.answers().raised_by_councillor_or_mp);
        // Each question has its own address.
        for q in Question::ALL {
            assert_eq!(Question::from_id(q.id()), Some(q));
        }
    }
}
