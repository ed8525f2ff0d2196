//! conformance: where a landlord's policy departs from the statutory Complaint Handling Code.
//!
//! Each [`Departure`] cites the policy's clause and the Code's provision, and says it twice in
//! plain English: for a resident (what the Code gives you) and for an association (what to fix).
//! The Code is itself a [`Policy`], so its timescales are compared as data, not restated here.

use serde::{Deserialize, Serialize};

use super::schema::{Agreement, Policy, Stage, Trigger};
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

/// Exclusions the Code does not accept as reasons to refuse a complaint.
const NOT_ACCEPTED_BY_CODE: [(&str, &str); 2] = [
    ("staff_conduct_hr", "A complaint about how a member of staff behaved is still a complaint; an HR process can run alongside it, but cannot replace it."),
    ("mp_councillor_route", "A complaint made through a representative, including an MP or councillor, must be handled in the same way as any other."),
];

/// Exclusions the Code accepts (with discretion for old complaints).
const ACCEPTED_BY_CODE: [&str; 4] =
    ["service_request", "legal_proceedings", "already_through_process", "older_than_time_limit"];

/// Where `policy` departs from `code`. Empty for the Code itself.
pub fn conformance(policy: &Policy, code: &Policy) -> Vec<Departure> {
    let mut out = Vec::new();
    if policy.id == code.id {
        return out;
    }
    let formal: Vec<&Stage> = policy.stages.iter().filter(|s| s.is_formal()).collect();
    let code_formal: Vec<&Stage> = code.stages.iter().filter(|s| s.is_formal()).collect();
    let code_stages_clause = code_formal.first().map(|s| s.clause.clone()).unwrap_or_default();

    if let Some(zero) = policy.stages.iter().find(|s| s.informal) {
        out.push(Departure {
            topic: "stage_zero".into(),
            stage: Some(zero.id.clone()),
            severity: Severity::Major,
            policy_clause: zero.clause.clone(),
            code_clause: format!("{code_stages_clause} (exactly two stages; no stage 0)"),
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
            code_clause: format!("{code_stages_clause} (exactly two stages)"),
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
                code_clause: code_limit.clause.clone(),
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
                code_clause: code_limit.clause.clone(),
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
            code_clause: format!("{} (the democratic filter, abolished on 1 October 2022)", code.after_final.ombudsman.clause),
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
                code_clause: code_refusal.clause.clone(),
                for_resident: "You do not have to give reasons for taking your complaint to the next stage, and the Code lets a landlord refuse only for a reason the Code itself allows. If you are refused, you can take that to the Housing Ombudsman.".into(),
                for_association: "Allow escalation on request, without reasons; refuse only for a reason the Code allows, in writing, with the Ombudsman's details.".into(),
            });
        }
    }

    for exclusion in &policy.exclusions {
        if let Some((_, why)) = NOT_ACCEPTED_BY_CODE.iter().find(|(code, _)| *code == exclusion.code) {
            out.push(Departure {
                topic: format!("exclusion_{}", exclusion.code),
                stage: None,
                severity: Severity::Major,
                policy_clause: exclusion.clause.clone(),
                code_clause: code.definition.clause.clone(),
                for_resident: (*why).to_string(),
                for_association: format!("Stop excluding this: \"{}\"", exclusion.plain),
            });
        } else if !exclusion.discretion && !ACCEPTED_BY_CODE.contains(&exclusion.code.as_str()) {
            out.push(Departure {
                topic: format!("exclusion_{}", exclusion.code),
                stage: None,
                severity: Severity::Minor,
                policy_clause: exclusion.clause.clone(),
                code_clause: format!("{} (no blanket exclusions)", code.definition.clause),
                for_resident: "The Code says a complaint is accepted unless there is a valid reason in your case; there should be no blanket exclusions. If yours is refused, you can ask the Ombudsman.".into(),
                for_association: format!("Decide case by case rather than excluding outright: \"{}\"", exclusion.plain),
            });
        }
    }

    for (n, stage) in formal.iter().enumerate() {
        let Some(code_stage) = code_formal.get(n.min(code_formal.len().saturating_sub(1))) else { continue };
        stage_departures(stage, code_stage, &mut out);
    }
    out
}

fn stage_departures(stage: &Stage, code_stage: &Stage, out: &mut Vec<Departure>) {
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
            code_clause: code_clause.into(),
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
        match (policy_total, code_total) {
            (Some(p), Some(c)) if p > c => push(
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
            ),
            (None, _) => push(
                "response_unit",
                Severity::Minor,
                &respond.clause,
                &code_respond.clause,
                format!("The policy counts the response time in {}; the Code counts working days.", respond.period.describe()),
                "State response timescales in working days, as the Code does.".into(),
            ),
            _ => {}
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
        let unlimited = extension.up_to.is_none() && extension.agreement == Agreement::NotNeeded;
        let too_long = match (extension.up_to, code_extension.up_to) {
            (Some(p), Some(c)) => longer(p, c) && extension.agreement != Agreement::Needed,
            _ => false,
        };
        if unlimited || too_long {
            push(
                "extension",
                Severity::Major,
                &extension.clause,
                &code_extension.clause,
                format!(
                    "The policy lets the landlord set a later date without a limit or your agreement. The Code allows at most {} more, explained to you with the Ombudsman's contact details.",
                    code_extension.up_to.map(|p| p.describe()).unwrap_or_default()
                ),
                format!("Limit extensions to {} and explain each one, with the Ombudsman's details.", code_extension.up_to.map(|p| p.describe()).unwrap_or_default()),
            );
        }
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
