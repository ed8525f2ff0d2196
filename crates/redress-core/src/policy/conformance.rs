//! conformance: where a landlord's policy departs from the statutory Complaint Handling Code.
//!
//! Each [`Departure`] cites the policy's clause and the Code's provision, and says it twice in
//! plain English: for a resident (what the Code gives you) and for an association (what to fix).
//! The Code is itself a [`Policy`], so its timescales are compared as data, not restated here.

use serde::{Deserialize, Serialize};

use super::provisions;
use super::schema::{Agreement, LegalTest, Policy, Stage, Trigger};
use crate::calendar::{Period, PeriodUnit};

/// How much a departure matters.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; the resident's rights are not reduced.
    Minor,
    /// The policy gives residents less than the Code requires.
    Major,
}

/// One way a policy departs from the Code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Departure {
    /// A stable name for the kind of departure, e.g. `stage_zero`, `waiting_rule`.
    pub topic: String,
    /// The stage it concerns, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    pub severity: Severity,
    /// Where the policy says it.
    pub policy_clause: String,
    /// Where the Code says otherwise.
    pub code_clause: String,
    /// What the Code gives the resident.
    pub for_resident: String,
    /// What the landlord should change.
    pub for_association: String,
}

/// Exclusions the Code does not accept as reasons to refuse a complaint, with what the Code says
/// instead (shared with the triage, which tells the resident the same).
pub const NOT_ACCEPTED_BY_CODE: [(&str, &str, &str); 2] = [
    ("mp_councillor_route", "1.3", "A complaint made through a representative, including an MP or councillor, must be handled in the same way as any other."),
    ("asb_handling", "1.2; 1.5", "Being unhappy with how your landlord dealt with reports of anti-social behaviour is a complaint: a report is a service request, and dissatisfaction with how a service request was handled must be treated as a complaint."),
];

/// Exclusions the Code accepts: a service request (a first report, including a report of
/// anti-social behaviour) is not a complaint; legal proceedings, a matter already through the
/// process and an old issue are the Code's own examples; matters covered by HR policies (a staff
/// grievance, a disciplinary outcome) are not complaints about the service. (How staff behaved is
/// a complaint: the triage asks which it is.)
const ACCEPTED_BY_CODE: [&str; 6] = [
    "service_request",
    "neighbour_nuisance_asb",
    "legal_proceedings",
    "already_through_process",
    "older_than_time_limit",
    "staff_conduct_hr",
];

/// Exclusions that say whose residents the policy covers, not what it will not hear: another
/// landlord's customers (Progress 2.2, Concert Living) are not a blanket exclusion.
const SCOPE: [&str; 1] = ["not_covered_customer"];

/// The Code's provisions cited as a departure's `code_clause`, with a note of what they require.
fn code_says(code: &Policy, numbers: &str, note: &str) -> String {
    format!("{} ({note})", code.clause_name(&provisions::cite(numbers)))
}

/// Where `policy` departs from `code`. Empty for the Code itself.
pub fn conformance(policy: &Policy, code: &Policy) -> Vec<Departure> {
    let mut out = Vec::new();
    if policy.id == code.id {
        return out;
    }
    let formal: Vec<&Stage> = policy.stages.iter().filter(|s| s.is_formal()).collect();
    let code_formal: Vec<&Stage> = code.stages.iter().filter(|s| s.is_formal()).collect();

    if let Some(zero) = policy.stages.iter().find(|s| s.informal) {
        out.push(Departure {
            topic: "stage_zero".into(),
            stage: Some(zero.id.clone()),
            severity: Severity::Major,
            policy_clause: zero.clause.clone(),
            code_clause: code_says(code, "5.2", "no \"stage 0\" or informal stage"),
            for_resident: format!(
                "{} has an informal first step (\"{}\") before the formal process. Under the Code your complaint is a formal Stage 1 complaint from the start, and the Stage 1 timescales run from when the landlord receives it.",
                policy.landlord, zero.name
            ),
            for_association: format!("Remove \"{}\" as a separate stage: log and acknowledge every complaint at Stage 1 within 5 working days.", zero.name),
        });
    }
    if formal.len() != code_formal.len() {
        let last = formal.last().map(|s| s.clause.clone()).unwrap_or_default();
        out.push(Departure {
            topic: "number_of_stages".into(),
            stage: None,
            severity: Severity::Major,
            policy_clause: last,
            code_clause: code_says(code, "5.3", "exactly two stages"),
            for_resident: format!(
                "{} has {} formal stages. The Code allows exactly two: after the Stage 2 answer you can go straight to the Housing Ombudsman.",
                policy.landlord,
                formal.len()
            ),
            for_association: "Use exactly two formal stages; remove any extra panel or review stage.".into(),
        });
    }

    if let (Some(limit), Some(code_limit)) = (&policy.time_limit, &code.time_limit) {
        if months(limit.period) < months(code_limit.period) {
            out.push(Departure {
                topic: "time_limit".into(),
                stage: None,
                severity: Severity::Major,
                policy_clause: limit.clause.clone(),
                code_clause: code.clause_name(&code_limit.clause),
                for_resident: format!(
                    "{} says complain within {}. The Code allows {}, and more in some cases (such as safeguarding, health and safety, or if you only found out later).",
                    policy.landlord,
                    limit.period.describe(),
                    code_limit.period.describe()
                ),
                for_association: format!("Accept complaints made within {} of the issue, with discretion beyond that.", code_limit.period.describe()),
            });
        } else if !limit.discretion && code_limit.discretion {
            out.push(Departure {
                topic: "time_limit_discretion".into(),
                stage: None,
                severity: Severity::Minor,
                policy_clause: limit.clause.clone(),
                code_clause: code.clause_name(&code_limit.clause),
                for_resident: "The Code expects a landlord to consider older complaints in some cases (safeguarding, health and safety, or if you only found out later).".into(),
                for_association: "Add discretion to consider complaints outside the time limit where there is good reason.".into(),
            });
        }
    }

    if let Some(waiting) = &policy.after_final.waiting {
        out.push(Departure {
            topic: "waiting_rule".into(),
            stage: None,
            severity: Severity::Major,
            policy_clause: waiting.clause.clone(),
            code_clause: format!("{} (the democratic filter, abolished on 1 October 2022)", code.clause_name(&code.after_final.ombudsman.clause)),
            for_resident: format!(
                "The policy says you must wait {} or go through a designated person before the Ombudsman. That rule was abolished on 1 October 2022: you can go straight to the Housing Ombudsman after the final response.",
                waiting.period.describe()
            ),
            for_association: "Remove the waiting period and the designated-person step; tell residents they can go straight to the Ombudsman after the final response.".into(),
        });
    }

    if let Some(refusal) = &policy.escalation_refusal {
        // A policy that adopts the Code's own wording (an edited copy of the Code) is in step.
        if let Some(code_refusal) = code.escalation_refusal.as_ref().filter(|c| c.plain != refusal.plain) {
            out.push(Departure {
                topic: "escalation_refusal".into(),
                stage: None,
                severity: Severity::Major,
                policy_clause: refusal.clause.clone(),
                code_clause: code.clause_name(&code_refusal.clause),
                for_resident: "You do not have to give reasons for taking your complaint to the next stage, and the Code lets a landlord refuse only for a reason the Code itself allows. If you are refused, you can take that to the Housing Ombudsman.".into(),
                for_association: "Allow escalation on request, without reasons; refuse only for a reason the Code allows, in writing, with the Ombudsman's details.".into(),
            });
        }
    }
    for stage in &formal {
        if let Some(reasons) = &stage.reasons_required {
            out.push(Departure {
                topic: "reasons_required".into(),
                stage: Some(stage.id.clone()),
                severity: Severity::Major,
                policy_clause: reasons.clause.clone(),
                code_clause: code_says(code, "6.12", "no reasons needed to escalate"),
                for_resident: format!(
                    "{} The Code says you do not have to give reasons for asking for the next stage, though the landlord may ask to understand why you are still unhappy.",
                    reasons.plain
                ),
                for_association: format!("Do not require reasons to move a complaint to {}: \"{}\"", stage.name, reasons.plain),
            });
        }
    }

    for exclusion in &policy.exclusions {
        let accepted = ACCEPTED_BY_CODE.contains(&exclusion.code.as_str());
        if let Some((_, numbers, why)) = NOT_ACCEPTED_BY_CODE.iter().find(|(c, _, _)| *c == exclusion.code) {
            out.push(Departure {
                topic: format!("exclusion_{}", exclusion.code),
                stage: None,
                severity: Severity::Major,
                policy_clause: exclusion.clause.clone(),
                code_clause: code.clause_name(&provisions::cite(numbers)),
                for_resident: (*why).to_string(),
                for_association: format!("Stop excluding this: \"{}\"", exclusion.plain),
            });
        } else if !accepted
            && !SCOPE.contains(&exclusion.code.as_str())
            && (!exclusion.discretion || exclusion.blanket)
        {
            let may_not = if exclusion.discretion {
                " The policy says the landlord \"may not\" deal with it as a complaint, but names no test for deciding a case, so it works as a category excluded outright."
            } else {
                ""
            };
            out.push(Departure {
                topic: format!("exclusion_{}", exclusion.code),
                stage: None,
                severity: Severity::Minor,
                policy_clause: exclusion.clause.clone(),
                code_clause: code_says(code, "2.1; 2.5", "no blanket exclusions"),
                for_resident: "The Code says a complaint is accepted unless there is a valid reason in your case; there should be no blanket exclusions. If yours is refused, you can ask the Ombudsman.".into(),
                for_association: format!("Decide case by case rather than excluding outright: \"{}\"{may_not}", exclusion.plain),
            });
        }
        if let Some(test) = exclusion.legal_test.filter(|t| t.wider_than_code()) {
            let reach = match test {
                LegalTest::TakenOrPlanned => {
                    "a matter in which legal action has been taken or is only planned"
                }
                LegalTest::ProceedingsOrInvestigation => {
                    "a matter subject to ongoing legal proceedings or any investigation"
                }
                LegalTest::ProceedingsRelated => "a matter with any legal proceedings relating to it",
                LegalTest::ClaimFiled => "",
            };
            out.push(Departure {
                topic: "legal_test".into(),
                stage: None,
                severity: Severity::Major,
                policy_clause: exclusion.clause.clone(),
                code_clause: code_says(code, "2.2", "legal proceedings started: a claim filed at court"),
                for_resident: format!(
                    "The policy will not deal with a complaint about {reach}. Under the Code a landlord can refuse for legal reasons only once legal proceedings have started: a claim form and particulars filed at court. Before then it is a complaint."
                ),
                for_association: format!("Refuse for legal reasons only once a claim has been filed at court, as the Code says: \"{}\"", exclusion.plain),
            });
        }
    }

    if let Some(rule) = &policy.behaviour_blocks_complaints {
        out.push(Departure {
            topic: "behaviour_blocks_complaints".into(),
            stage: None,
            severity: Severity::Major,
            policy_clause: rule.clause.clone(),
            code_clause: code_says(code, "5.14; 5.15", "restrict contact, not access to the process"),
            for_resident: format!(
                "{} Under the Code a landlord may limit how you contact it if behaviour is unacceptable, but it cannot stop you using the complaints process.",
                rule.plain
            ),
            for_association: "Limit only how a resident makes contact, proportionately and with reasons; never suspend, refuse or reject complaints because of behaviour.".into(),
        });
    }
    if policy.reasonable_adjustments.is_none() {
        out.push(Departure {
            topic: "no_reasonable_adjustments".into(),
            stage: None,
            severity: Severity::Major,
            policy_clause: "none (the policy says nothing)".into(),
            code_clause: code_says(code, "3.1; 5.10", "reasonable adjustments under the Equality Act 2010"),
            for_resident: format!(
                "{}'s policy says nothing about reasonable adjustments. Under the Code the landlord must consider them (such as large print, phone calls instead of letters, or more time), record them and keep them under review. You can still ask for them.",
                policy.landlord
            ),
            for_association: "Add a reasonable-adjustments provision: offer adjustments under the Equality Act 2010, record them and keep them under review.".into(),
        });
    }
    if let (Some(second), Some(_)) = (formal.get(1), code_formal.get(1)) {
        if !second.independent {
            out.push(Departure {
                topic: "stage2_not_independent".into(),
                stage: Some(second.id.clone()),
                severity: Severity::Major,
                policy_clause: second.clause.clone(),
                code_clause: code_says(code, "6.13", "Stage 2 decided by someone not involved at Stage 1"),
                for_resident: format!(
                    "The policy does not say that {} ({}) is decided by someone who was not involved at the stage before. Under the Code the person deciding Stage 2 must not be the person who considered Stage 1.",
                    second.name,
                    lower_first(&second.handled_by)
                ),
                for_association: format!("State that {} is decided by someone who was not involved at Stage 1.", second.name),
            });
        }
    }

    // Only the stages the Code has are compared with the Code's: a third stage is already a
    // departure (`number_of_stages`), and has no Code stage to be measured against.
    for (stage, code_stage) in formal.iter().zip(code_formal.iter()) {
        stage_departures(stage, code, code_stage, &mut out);
    }
    out
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn stage_departures(stage: &Stage, code: &Policy, code_stage: &Stage, out: &mut Vec<Departure>) {
    let mut push = |topic: &str,
                    severity: Severity,
                    policy_clause: &str,
                    code_clause: &str,
                    resident: String,
                    association: String| {
        out.push(Departure {
            topic: topic.into(),
            stage: Some(stage.id.clone()),
            severity,
            policy_clause: policy_clause.into(),
            code_clause: code.clause_name(code_clause),
            for_resident: resident,
            for_association: association,
        })
    };
    let (Some(code_ack), Some(code_respond)) = (&code_stage.acknowledge, &code_stage.respond) else { return };

    match &stage.acknowledge {
        None => push(
            "no_acknowledgement",
            Severity::Major,
            &stage.clause,
            &code_ack.clause,
            format!("The policy sets no time to acknowledge {}. Under the Code the landlord must acknowledge within {}.", stage.name, code_ack.period.describe()),
            format!("Add an acknowledgement within {} at {}.", code_ack.period.describe(), stage.name),
        ),
        Some(ack) if longer(ack.period, code_ack.period) => push(
            "acknowledgement_timescale",
            Severity::Major,
            &ack.clause,
            &code_ack.clause,
            format!("The policy allows {} to acknowledge; the Code requires {}.", ack.period.describe(), code_ack.period.describe()),
            format!("Acknowledge within {}.", code_ack.period.describe()),
        ),
        Some(_) => {}
    }

    if let Some(respond) = &stage.respond {
        let policy_total = from_stage_start(stage);
        let code_total = from_stage_start(code_stage);
        if let (Some(p), Some(c)) = (policy_total, code_total) {
            if p > c {
                push(
                    "response_timescale",
                    Severity::Major,
                    &respond.clause,
                    &code_respond.clause,
                    format!(
                        "At {} the policy allows up to {} working days to respond. The Code requires a response within {} of acknowledgement (at most {} working days in all).",
                        stage.name,
                        p,
                        code_respond.period.describe(),
                        c
                    ),
                    format!("Respond within {} of acknowledging.", code_respond.period.describe()),
                );
            }
        }
        // Only a response counted in another unit (days, weeks, months) is out of step with
        // the Code's working days; a working-day response counted from another event is not.
        if respond.period.unit != PeriodUnit::WorkingDays {
            push(
                "response_unit",
                Severity::Minor,
                &respond.clause,
                &code_respond.clause,
                format!(
                    "The policy counts the response time in {}; the Code counts working days.",
                    unit_words(respond.period.unit)
                ),
                "State response timescales in working days, as the Code does.".into(),
            );
        }
        if respond.aim_only {
            push(
                "aim_only",
                Severity::Minor,
                &respond.clause,
                &code_respond.clause,
                "The policy only says the landlord \"aims\" to respond in time. Under the Code these timescales are requirements.".into(),
                "State the timescales as commitments, not aims.".into(),
            );
        }
    }

    if let (Some(extension), Some(code_extension)) = (&stage.extension, &code_stage.extension) {
        let code_most = code_extension.up_to.map(|p| p.describe()).unwrap_or_default();
        let finding = match (extension.up_to, extension.agreement) {
            (None, Agreement::NotNeeded | Agreement::NeededBeyondLimit) => Some(format!(
                "The policy lets the landlord set a later date without any limit or your agreement. The Code allows at most {code_most} more without good reason, explained to you with the Ombudsman's contact details."
            )),
            (None, Agreement::Needed) => Some(format!(
                "The policy lets the landlord agree a later date with you, with no limit on how much later. Under the Code an extension is at most {code_most} without good reason, whether or not you agree, and it must be explained to you with the Ombudsman's contact details. You do not have to agree to a longer one."
            )),
            (Some(p), agreement) if agreement != Agreement::Needed && code_extension.up_to.is_some_and(|c| longer(p, c)) => Some(format!(
                "The policy lets the landlord extend by up to {} without your agreement. The Code allows at most {code_most} more without good reason, explained to you with the Ombudsman's contact details.",
                p.describe()
            )),
            _ => None,
        };
        if let Some(resident) = finding {
            push(
                "extension",
                Severity::Major,
                &extension.clause,
                &code_extension.clause,
                resident,
                format!(
                    "Limit extensions to {code_most} and explain each one, with the Ombudsman's details."
                ),
            );
        }
    }
}

fn unit_words(unit: PeriodUnit) -> &'static str {
    match unit {
        PeriodUnit::WorkingDays => "working days",
        PeriodUnit::CalendarDays => "calendar days",
        PeriodUnit::Weeks => "weeks",
        PeriodUnit::Months => "months",
    }
}

/// Working days from the start of a stage to its response deadline at the latest, if both
/// timescales are in working days.
fn from_stage_start(stage: &Stage) -> Option<u32> {
    let respond = stage.respond.as_ref()?;
    if respond.period.unit != PeriodUnit::WorkingDays {
        return None;
    }
    match respond.from {
        Trigger::StageStart => Some(respond.period.amount),
        Trigger::Acknowledged => {
            let ack = stage.acknowledge.as_ref()?;
            (ack.period.unit == PeriodUnit::WorkingDays).then_some(ack.period.amount + respond.period.amount)
        }
        Trigger::FormReceived | Trigger::StageResponse | Trigger::HearingHeld => None,
    }
}

/// Whether `a` is longer than `b`, comparing like with like (working days with working days).
fn longer(a: Period, b: Period) -> bool {
    if a.unit == b.unit {
        a.amount > b.amount
    } else {
        approx_days(a) > approx_days(b)
    }
}

fn approx_days(p: Period) -> f64 {
    let n = f64::from(p.amount);
    match p.unit {
        PeriodUnit::WorkingDays => n * 7.0 / 5.0,
        PeriodUnit::CalendarDays => n,
        PeriodUnit::Weeks => n * 7.0,
        PeriodUnit::Months => n * 30.44,
    }
}

fn months(p: Period) -> f64 {
    approx_days(p) / 30.44
}
