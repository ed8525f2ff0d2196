//! self_assessment: the Complaint Handling Code self-assessment.
//!
//! At least once a year a landlord completes a self-assessment against the Code: one row per
//! provision, whether it complies, the evidence, commentary, and for any gap an action with a
//! date. [`provisions`] lists the rows (paraphrasing `complaint-handling-code.md`), each citing
//! the Code's paragraphs through the same provisions data the Code profile and conformance use
//! (`policy::provisions`: a confirmed number as the number, an unconfirmed one by its section);
//! [`measured`]
//! says what the annual [`Report`] or the landlord's [`Policy`] can show about a row, as a
//! [`Finding`] with plain-English evidence; [`SelfAssessment`] is the landlord's own answers, kept
//! as one settings record ([`SETTING_ID`]).

use std::sync::OnceLock;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{whole_percent, Report};
use crate::case::FeedbackKind;
use crate::policy::{departures, provisions, Departure, Policy};

/// The id of the settings record the self-assessment is stored under.
pub const SETTING_ID: &str = "self-assessment";

/// One provision of the Code, a row of the self-assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Provision {
    /// Stable id answers refer to, e.g. `stage1-acknowledge`.
    pub id: &'static str,
    /// The Code's paragraphs the row covers, as numbers ("6.4; 6.5; 6.15"), cited through the
    /// provisions data (see [`Provision::citation`]).
    pub code: &'static str,
    /// The title of the Code's section they are in, from the provisions data.
    pub section: &'static str,
    /// What the Code requires, in plain English.
    pub text: &'static str,
    /// What the app can show about it, if anything.
    pub measure: Option<Measure>,
}

/// Something the report's figures or the policy can show about a provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Stage 1 acknowledgements on time (from the report).
    Stage1AcknowledgedOnTime,
    /// Stage 1 responses on time (from the report).
    Stage1RespondedOnTime,
    /// Stage 2 acknowledgements on time (from the report).
    Stage2AcknowledgedOnTime,
    /// Stage 2 responses on time (from the report).
    Stage2RespondedOnTime,
    /// The policy has exactly two formal stages.
    TwoStages,
    /// The policy has no informal "stage 0".
    NoInformalStage,
    /// The policy has no wait or designated-person step before the Ombudsman.
    NoWaitingRule,
    /// The policy limits extensions as the Code does.
    ExtensionLimits,
    /// The policy lets residents escalate without reasons.
    EscalationWithoutReasons,
    /// The policy has no exclusions the Code does not accept.
    NoBlanketExclusions,
    /// The policy accepts complaints made within 12 months, with discretion beyond.
    TimeLimit,
    /// The policy asks for service requests to be recorded.
    ServiceRequestsRecorded,
    /// The policy provides for reasonable adjustments.
    ReasonableAdjustments,
    /// The policy says Stage 2 is decided by someone not involved at Stage 1.
    Stage2Independent,
    /// The policy's behaviour rules restrict contact only, never access to the process.
    BehaviourRestrictsContactOnly,
}

impl Provision {
    /// How the row cites the Code: "Paragraph 6.2", "Paragraphs 6.4, 6.5; section 6 (Complaints
    /// stages, Stage 2)", "Section 3 (Accessibility and awareness)".
    pub fn citation(&self) -> String {
        let named = crate::policy::code().clause_name(&provisions::cite(self.code));
        let mut chars = named.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    }
    /// The row's heading: its citation and the section's title, "Paragraph 6.2 (Complaints
    /// stages)", or just the citation where it names the section already.
    pub fn heading(&self) -> String {
        let citation = self.citation();
        if citation.to_lowercase().contains("section ") || self.section.is_empty() {
            citation
        } else {
            format!("{citation} ({})", self.section)
        }
    }
}

/// What the data or the policy shows about one provision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// `Some(true)`: the evidence shows compliance; `Some(false)`: it shows a gap; `None`: there
    /// is nothing to judge by (no complaint has reached that deadline).
    pub complies: Option<bool>,
    /// Plain English, fit to paste into the self-assessment.
    pub evidence: String,
}

/// The Code's provisions, one self-assessment row each, in the Code's order.
pub fn provisions() -> &'static [Provision] {
    use Measure::*;
    /// (id, the Code's paragraphs, what it requires, what can measure it)
    type Row = (&'static str, &'static str, &'static str, Option<Measure>);
    const ROWS: &[Row] = &[
        ("definition", "1.2; 1.3", "A complaint is any expression of dissatisfaction, however made, about the standard of service, actions or lack of action by the landlord, its staff or anyone acting for it, affecting a resident or a group of residents. The resident need not use the word \"complaint\", and a complaint made through a representative or third party is handled the same way.", None),
        ("service-requests", "1.4; 1.5", "Service requests (such as the first report of a repair) are not complaints but are recorded and monitored, and become complaints if the resident is dissatisfied with how one is handled or asks for it to be treated as one.", Some(ServiceRequestsRecorded)),
        ("no-blanket-exclusions", "2.1; 2.2; 2.5", "A complaint is accepted unless there is a valid reason not to: there are no blanket exclusions. The reasons the Code accepts include legal proceedings having started (a claim filed at court) and the matter having already been through the process.", Some(NoBlanketExclusions)),
        ("time-limit", "2.3", "Complaints are accepted about issues that arose within the last 12 months, with discretion beyond that (for example for safeguarding, health and safety, or when the resident only became aware of the issue later).", Some(TimeLimit)),
        ("refusal-in-writing", "2.4", "When a complaint is not accepted, the landlord explains why in writing and tells the resident they can take the refusal to the Housing Ombudsman.", None),
        ("channels", "3.1; 3.2", "Complaints can be made through many channels, and any member of staff can receive one.", None),
        ("reasonable-adjustments", "3.1; 5.10", "Reasonable adjustments under the Equality Act 2010 are offered, recorded and kept under review.", Some(ReasonableAdjustments)),
        ("no-democratic-filter", "3.7", "Residents can go straight to the Housing Ombudsman after the final response, normally within 12 months; there is no waiting period or designated-person step (abolished on 1 October 2022).", Some(NoWaitingRule)),
        ("no-stage-zero", "5.2", "There is no informal \"stage 0\": a complaint is a Stage 1 complaint from the start.", Some(NoInformalStage)),
        ("two-stages", "5.3", "The complaints process has exactly two stages, with no extra panel or third internal stage.", Some(TwoStages)),
        ("records", "5.12", "Full records are kept of each complaint: the complaint, the dates, correspondence, reports, the outcome and remedies.", None),
        ("unacceptable-behaviour", "5.14; 5.15", "An unacceptable-behaviour policy may restrict how a resident makes contact, never their access to the complaints process.", Some(BehaviourRestrictsContactOnly)),
        ("stage1-acknowledge", "6.2", "Stage 1 complaints are logged and acknowledged within 5 working days of being received.", Some(Stage1AcknowledgedOnTime)),
        ("stage1-respond", "6.3", "Stage 1 responses are sent within 10 working days of the acknowledgement.", Some(Stage1RespondedOnTime)),
        ("extensions", "6.4; 6.5; 6.15; 6.16", "An extension adds no more than 10 working days at Stage 1 or 20 at Stage 2 without good reason, and each is explained to the resident with the Housing Ombudsman's contact details.", Some(ExtensionLimits)),
        ("respond-when-known", "6.6; 6.17", "A response is sent as soon as the answer is known, even if follow-up work is still outstanding, and outstanding actions are tracked until they are done.", None),
        ("stage1-response-contents", "6.9", "The Stage 1 response sets out the stage reached, the complaint as understood, the decision on each part with the reasons, any remedy, any outstanding actions, and how to escalate.", None),
        ("final-response", "6.10; 6.19", "The Stage 2 response is the landlord's final response and explains how to refer the complaint to the Housing Ombudsman.", None),
        ("stage2-acknowledge", "6.11", "Stage 2 requests are logged and acknowledged within 5 working days of the request.", Some(Stage2AcknowledgedOnTime)),
        ("escalation-without-reasons", "6.12; 5.11", "Residents do not have to give reasons for asking for Stage 2, and escalation is refused only for a reason the Code allows.", Some(EscalationWithoutReasons)),
        ("stage2-independent", "6.13", "Stage 2 is handled by someone who was not involved at Stage 1.", Some(Stage2Independent)),
        ("stage2-respond", "6.14", "Stage 2 responses are sent within 20 working days of the acknowledgement.", Some(Stage2RespondedOnTime)),
        ("remedies", "7.1; 7.2", "Remedies put the resident back where they would have been: an apology, acknowledgement, action, explanation, and compensation where appropriate.", None),
        ("self-assessment", "8.1; 8.2; 8.3", "At least once a year the landlord completes this self-assessment, approved by its governing body and published with the annual complaints performance and service improvement report and the governing body's response; it is repeated after a merger or major restructure.", None),
    ];
    static PROVISIONS: OnceLock<Vec<Provision>> = OnceLock::new();
    PROVISIONS.get_or_init(|| {
        let data = provisions::provisions();
        ROWS.iter()
            .map(|&(id, code, text, measure)| {
                let first = code.split(';').next().unwrap_or_default().trim();
                let section = data
                    .get(first)
                    .and_then(|p| data.section(p.section_number()))
                    .map_or("", |s| s.title.as_str());
                Provision { id, code, section, text, measure }
            })
            .collect()
    })
}

/// A provision by id.
pub fn provision(id: &str) -> Option<&'static Provision> {
    provisions().iter().find(|p| p.id == id)
}

/// What `report` and `policy` show about `provision`; `None` if the provision has no measure.
pub fn measured(provision: &Provision, report: &Report, policy: &Policy) -> Option<Finding> {
    use Measure::*;
    let finding = match provision.measure? {
        Stage1AcknowledgedOnTime => against_code(policy, "stage1", Step::Acknowledge, timeliness(report, "stage1", "Stage 1", Step::Acknowledge, "5 working days")),
        Stage1RespondedOnTime => against_code(policy, "stage1", Step::Respond, timeliness(report, "stage1", "Stage 1", Step::Respond, "10 working days of acknowledgement")),
        Stage2AcknowledgedOnTime => against_code(policy, "stage2", Step::Acknowledge, timeliness(report, "stage2", "Stage 2", Step::Acknowledge, "5 working days")),
        Stage2RespondedOnTime => against_code(policy, "stage2", Step::Respond, timeliness(report, "stage2", "Stage 2", Step::Respond, "20 working days of acknowledgement")),
        TwoStages => from_departures(policy, &["number_of_stages"], "The policy has exactly two formal stages."),
        NoInformalStage => from_departures(policy, &["stage_zero"], "The policy has no informal stage before Stage 1."),
        NoWaitingRule => from_departures(policy, &["waiting_rule"], "The policy sends residents straight to the Housing Ombudsman after the final response, with no waiting period."),
        ExtensionLimits => from_departures(policy, &["extension"], "The policy limits extensions as the Code does."),
        EscalationWithoutReasons => from_departures(policy, &["escalation_refusal", "reasons_required"], "The policy lets residents ask for Stage 2 without giving reasons."),
        NoBlanketExclusions => from_departures(policy, &["exclusion_", "legal_test"], "The policy excludes nothing the Code does not accept."),
        Stage2Independent => from_departures(policy, &["stage2_not_independent"], "The policy says Stage 2 is decided by someone who was not involved at Stage 1."),
        BehaviourRestrictsContactOnly => from_departures(policy, &["behaviour_blocks_complaints"], "The policy's rules on unacceptable behaviour restrict contact only, not access to the complaints process."),
        TimeLimit => from_departures(policy, &["time_limit", "time_limit_discretion"], "The policy accepts complaints within the Code's time limit, with discretion beyond it."),
        ServiceRequestsRecorded => service_requests(report, policy),
        ReasonableAdjustments => match &policy.reasonable_adjustments {
            Some(rule) => Finding {
                complies: Some(true),
                evidence: format!("The policy provides for reasonable adjustments (clause {}).", rule.clause),
            },
            None => Finding {
                complies: Some(false),
                evidence: "The policy says nothing about reasonable adjustments.".into(),
            },
        },
    };
    Some(finding)
}

#[derive(Clone, Copy)]
enum Step {
    Acknowledge,
    Respond,
}

fn timeliness(report: &Report, stage_id: &str, stage: &str, step: Step, within: &str) -> Finding {
    let figures = report.stage(stage_id);
    let (on_time, due) = match (figures, step) {
        (Some(f), Step::Acknowledge) => (f.acknowledged_on_time, f.acknowledgements_due()),
        (Some(f), Step::Respond) => (f.responded_on_time, f.responses_due()),
        (None, _) => (0, 0),
    };
    let verb = match step {
        Step::Acknowledge => "acknowledged",
        Step::Respond => "answered",
    };
    let Some(share) = whole_percent(on_time, due) else {
        return Finding {
            complies: None,
            evidence: format!("No {stage} complaint was due to be {verb} in the period."),
        };
    };
    let (noun, was) = if due == 1 { ("complaint", "was") } else { ("complaints", "were") };
    Finding {
        complies: Some(on_time == due),
        evidence: format!("{on_time} of {due} {stage} {noun} ({share}%) {was} {verb} within {within}."),
    }
}

/// "On time" is judged by the engine against the policy's own timescale. Where that timescale is
/// longer than the Code's, being on time under the policy does not show compliance with the Code:
/// say so, and count it as a gap.
fn against_code(policy: &Policy, stage_id: &str, step: Step, mut finding: Finding) -> Finding {
    let topics: &[&str] = match step {
        Step::Acknowledge => &["no_acknowledgement", "acknowledgement_timescale"],
        Step::Respond => &["response_timescale", "response_unit", "aim_only"],
    };
    let all = departures(policy);
    let found: Vec<&Departure> = all
        .iter()
        .filter(|d| d.stage.as_deref() == Some(stage_id) && topics.contains(&d.topic.as_str()))
        .collect();
    if !found.is_empty() {
        finding.complies = Some(false);
        finding.evidence.push_str(
            " These figures are measured against the policy's own timescale, which departs from the Code: ",
        );
        finding
            .evidence
            .push_str(&found.iter().map(|d| d.for_association.as_str()).collect::<Vec<_>>().join(" "));
    }
    finding
}

/// Compliant unless the policy departs from the Code on one of `topics` (a topic ending in `_`
/// matches every topic it starts).
fn from_departures(policy: &Policy, topics: &[&str], complies: &str) -> Finding {
    let matches = |d: &&Departure| {
        topics.iter().any(|t| if t.ends_with('_') { d.topic.starts_with(t) } else { d.topic == *t })
    };
    let all = departures(policy);
    let found: Vec<&Departure> = all.iter().filter(matches).collect();
    if found.is_empty() {
        return Finding { complies: Some(true), evidence: complies.into() };
    }
    let evidence = found
        .iter()
        .map(|d| {
            format!(
                "Clause {} departs from the Code ({}): {}",
                d.policy_clause, d.code_clause, d.for_association
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    Finding { complies: Some(false), evidence }
}

fn service_requests(report: &Report, policy: &Policy) -> Finding {
    let recorded = report
        .by_kind
        .iter()
        .find(|c| c.label == FeedbackKind::ServiceRequest.label())
        .map_or(0, |c| c.count);
    let in_period = format!(
        "{recorded} service request{} recorded in the period.",
        if recorded == 1 { " was" } else { "s were" }
    );
    match policy.feedback_kinds.iter().find(|k| k.kind == FeedbackKind::ServiceRequest) {
        Some(rule) => Finding {
            complies: Some(true),
            evidence: format!(
                "The policy asks for service requests to be recorded (clause {}). {in_period}",
                rule.clause
            ),
        },
        None => Finding {
            complies: Some(false),
            evidence: format!("The policy does not ask for service requests to be recorded. {in_period}"),
        },
    }
}

/// The landlord's answer on one provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Complies {
    Yes,
    Partly,
    No,
}

impl Complies {
    pub fn label(self) -> &'static str {
        match self {
            Complies::Yes => "Yes",
            Complies::Partly => "Partly",
            Complies::No => "No",
        }
    }
}

/// One row of the self-assessment, as the landlord answered it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The [`Provision::id`] it answers.
    pub provision_id: String,
    /// `None` until answered.
    #[serde(default)]
    pub complies: Option<Complies>,
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub commentary: String,
    /// What will be done about a gap.
    #[serde(default)]
    pub action: String,
    /// When that will be done by.
    #[serde(default)]
    pub action_due: Option<NaiveDate>,
}

/// The landlord's self-assessment against the Code.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfAssessment {
    /// When it was completed, once it is.
    #[serde(default)]
    pub completed_on: Option<NaiveDate>,
    /// One per provision answered, in any order.
    #[serde(default)]
    pub answers: Vec<Answer>,
}

impl SelfAssessment {
    /// The answer on a provision, if there is one.
    pub fn answer(&self, provision_id: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.provision_id == provision_id)
    }

    /// Records an answer, replacing any earlier answer on the same provision.
    pub fn set(&mut self, answer: Answer) {
        match self.answers.iter_mut().find(|a| a.provision_id == answer.provision_id) {
            Some(existing) => *existing = answer,
            None => self.answers.push(answer),
        }
    }

    /// Every problem, as (provision id, plain-English message): an answer to a provision the Code
    /// does not have, a provision answered twice, and a gap ("no" or "partly") without an action
    /// or a date for it.
    pub fn validate(&self) -> Vec<(String, String)> {
        self.problems(true)
    }

    /// The problems that make it no self-assessment of the Code at all, which an import refuses:
    /// an answer to a provision the Code does not have, or a provision answered twice. (A gap
    /// without its action is only unfinished.)
    pub fn structure_problems(&self) -> Vec<(String, String)> {
        self.problems(false)
    }

    fn problems(&self, gaps: bool) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        for (i, answer) in self.answers.iter().enumerate() {
            let id = &answer.provision_id;
            let mut problem = |message: &str| problems.push((id.clone(), message.to_string()));
            if provision(id).is_none() {
                problem("There is no such provision in the Code; remove this answer.");
                continue;
            }
            if self.answers[..i].iter().any(|a| a.provision_id == *id) {
                problem("This provision is answered more than once; keep one answer.");
            }
            if gaps && matches!(answer.complies, Some(Complies::No | Complies::Partly)) {
                if answer.action.trim().is_empty() {
                    problem("Where it does not fully comply, say what action will be taken.");
                }
                if answer.action_due.is_none() {
                    problem("Where it does not fully comply, give a date for the action.");
                }
            }
        }
        problems
    }
}

/// A first draft: one answer per measurable provision, with the finding's evidence and, where
/// the finding is clear, its yes or no. Everything else is left for the landlord.
pub fn draft(report: &Report, policy: &Policy) -> SelfAssessment {
    let answers = provisions()
        .iter()
        .filter_map(|p| {
            let finding = measured(p, report, policy)?;
            Some(Answer {
                provision_id: p.id.to_string(),
                complies: finding.complies.map(|c| if c { Complies::Yes } else { Complies::No }),
                evidence: finding.evidence,
                ..Answer::default()
            })
        })
        .collect();
    SelfAssessment { completed_on: None, answers }
}
