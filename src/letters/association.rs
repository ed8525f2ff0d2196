//! association: the letters a housing association sends — acknowledgement, stage response (with
//! every element the Code requires), extension notice and refusals — each written from the case
//! and the engine's assessment, so every date in a letter is the date on screen.

use super::{adjustment_text, Letter};
use crate::calendar::long_date;
use crate::case::{Case, EventKind, Outcome};
use crate::engine::{Assessment, DeadlineKind};
use crate::policy::edit::pounds;
use crate::policy::Policy;

/// Who signs the letters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sender {
    pub organisation: String,
    pub handler: String,
}

/// The Housing Ombudsman's contact details, as the Code requires them in extension notices,
/// refusals and final responses.
pub const OMBUDSMAN_CONTACT: &str = "Housing Ombudsman Service, PO Box 1484, Preston PR2 0ET. Telephone 0300 111 3000. Email info@housing-ombudsman.org.uk. Website www.housing-ombudsman.org.uk.";

fn heading(case: &Case, assessment: &Assessment, reference: &str) -> Vec<String> {
    let mut lines = vec![long_date(assessment.today), format!("To: {}", case.resident.name)];
    if !case.resident.address.trim().is_empty() {
        lines.push(case.resident.address.trim().to_string());
    }
    if let Some(rep) = &case.representative {
        lines.push(format!("Copy to: {} (acting for {})", rep.name, case.resident.name));
    }
    lines.push(format!("Our reference: {reference}"));
    lines
}

fn closing(sender: &Sender) -> Vec<String> {
    vec!["Yours sincerely,".into(), sender.handler.clone(), sender.organisation.clone()]
}

fn understood(case: &Case) -> String {
    format!("We understood your complaint to be:\n\"{}\"", case.description.trim())
}

/// The stage (its index in the policy) the event at `index` happened at.
fn stage_at(case: &Case, index: usize) -> usize {
    case.events[..index].iter().filter(|e| e.what == EventKind::EscalationRequested).count()
}

fn last_event<'a>(case: &'a Case, name: &str) -> Option<(usize, &'a crate::case::Event)> {
    case.events.iter().enumerate().rev().find(|(_, e)| e.what.name() == name)
}

/// The acknowledgement of a complaint (or of a request for the next stage).
pub fn acknowledgement(
    policy: &Policy,
    case: &Case,
    assessment: &Assessment,
    sender: &Sender,
) -> Option<Letter> {
    let (at, _) = last_event(case, "acknowledged")?;
    let stage = policy.stages.get(stage_at(case, at))?;
    let started = case.events[..at]
        .iter()
        .rev()
        .find(|e| matches!(e.what, EventKind::Received | EventKind::EscalationRequested))?
        .date;
    let mut paragraphs = vec![
        format!("Thank you for your complaint. We received it on {} and are dealing with it at {} of our complaints policy ({}).", long_date(started), stage.name, policy.title),
        understood(case),
        "If we have misunderstood anything, please tell us as soon as you can.".into(),
    ];
    if let Some(d) =
        assessment.deadlines.iter().rev().find(|d| d.kind == DeadlineKind::Respond && d.stage == stage.id)
    {
        let verb = if d.aim_only { "We aim to" } else { "We will" };
        paragraphs.push(format!("{verb} send you our full response by {}.", long_date(d.due)));
    }
    if !case.adjustments.is_empty() {
        let list: Vec<String> = case.adjustments.iter().map(adjustment_text).collect();
        paragraphs.push(format!(
            "You asked us for these adjustments, and we have recorded them: {}.",
            list.join("; ")
        ));
    }
    paragraphs.push(format!("{} is handling your complaint and will keep you informed.", sender.handler));
    Some(Letter {
        title: format!("Acknowledgement of your complaint ({})", stage.name),
        heading: heading(case, assessment, &case.id),
        paragraphs,
        closing: closing(sender),
    })
}

/// The response at a stage: the decision on each point with reasons, the remedy, outstanding
/// actions, and how to go on (the next stage, or the Housing Ombudsman after the final stage).
pub fn stage_response(
    policy: &Policy,
    case: &Case,
    assessment: &Assessment,
    sender: &Sender,
) -> Option<Letter> {
    let (at, event) = last_event(case, "responded")?;
    let EventKind::Responded { outcome, remedy, compensation_pence, points, outstanding_actions, lessons } =
        &event.what
    else {
        return None;
    };
    let stage = policy.stages.get(stage_at(case, at))?;
    let index = stage_at(case, at);
    let final_stage = index + 1 == policy.stages.len();
    let mut paragraphs = vec![
        format!(
            "This is our {} response to your complaint{}.",
            stage.name,
            if final_stage { ", and it is our final response" } else { "" }
        ),
        understood(case),
    ];
    if points.is_empty() {
        paragraphs.push(format!("Our decision: {}.", outcome.label().to_lowercase()));
    } else {
        paragraphs.push("Our decision on each part of your complaint:".into());
        for (i, p) in points.iter().enumerate() {
            paragraphs.push(format!(
                "{}. {}\nDecision: {}.\nWhy: {}",
                i + 1,
                p.point.trim(),
                p.decision.label().to_lowercase(),
                p.reasons.trim()
            ));
        }
        paragraphs.push(format!("Overall, your complaint is {}.", outcome.label().to_lowercase()));
    }
    if let Some(reasons) = event.note.as_ref().filter(|n| !n.trim().is_empty()) {
        paragraphs.push(format!("Our reasons: {}", reasons.trim()));
    }
    match (remedy.trim().is_empty(), compensation_pence.filter(|p| *p > 0)) {
        (true, None) if matches!(outcome, Outcome::NotUpheld) => {}
        (true, None) => paragraphs.push("To put things right: we have set out above what we will do.".into()),
        (_, compensation) => {
            let mut text = String::from("To put things right:");
            if !remedy.trim().is_empty() {
                text.push_str(&format!(" {}", remedy.trim()));
            }
            if let Some(p) = compensation {
                text.push_str(&format!(" We offer you compensation of {}.", pounds(p)));
            }
            paragraphs.push(text);
        }
    }
    if outstanding_actions.trim().is_empty() {
        paragraphs.push("There are no actions still to do.".into());
    } else {
        paragraphs.push(format!("Still to be done: {} We will keep track of these until they are done and tell you when they are.", outstanding_actions.trim()));
    }
    if !lessons.trim().is_empty() {
        paragraphs.push(format!("What we have learned: {}", lessons.trim()));
    }
    if final_stage {
        let by = assessment
            .ombudsman
            .refer_by
            .map(|d| format!(", normally by {}", long_date(d)))
            .unwrap_or_default();
        paragraphs.push(format!("If you are unhappy with this final response, you can ask the Housing Ombudsman to look at your complaint{by}. {OMBUDSMAN_CONTACT}"));
    } else {
        let next = &policy.stages[index + 1];
        let window = assessment
            .deadlines
            .iter()
            .rev()
            .find(|d| d.kind == DeadlineKind::AskForNextStage && d.stage == stage.id)
            .map(|d| format!(" by {}", long_date(d.due)))
            .unwrap_or_default();
        paragraphs.push(format!("If you are unhappy with this response, you can ask us to take your complaint to {}{window}. You do not have to give reasons: just tell us, in any way you like.", next.name));
        paragraphs.push(format!(
            "You can also contact the Housing Ombudsman for advice at any time. {OMBUDSMAN_CONTACT}"
        ));
    }
    Some(Letter {
        title: format!("Our {} response to your complaint", stage.name),
        heading: heading(case, assessment, &case.id),
        paragraphs,
        closing: closing(sender),
    })
}

/// The notice that a stage's response will come later than the policy's date.
pub fn extension_notice(
    policy: &Policy,
    case: &Case,
    assessment: &Assessment,
    sender: &Sender,
) -> Option<Letter> {
    let (at, event) = last_event(case, "extended")?;
    let EventKind::Extended { new_due, resident_agreed } = &event.what else { return None };
    let stage = policy.stages.get(stage_at(case, at))?;
    let rule = stage.extension.as_ref();
    let was = assessment
        .deadlines
        .iter()
        .rev()
        .find(|d| d.kind == DeadlineKind::Respond && d.stage == stage.id)
        .and_then(|d| d.extended_from);
    let mut paragraphs = vec![match was {
        Some(was) => format!("We are sorry, but we need more time to respond to your complaint at {}. Our response was due by {}; we will now send it by {}.", stage.name, long_date(was), long_date(*new_due)),
        None => format!("We need more time to respond to your complaint at {}. We will now send our response by {}.", stage.name, long_date(*new_due)),
    }];
    paragraphs.push(match event.note.as_ref().filter(|n| !n.trim().is_empty()) {
        Some(why) => format!("Why we need more time: {}", why.trim()),
        None => "We will explain why when we speak to you.".into(),
    });
    if *resident_agreed {
        paragraphs.push("Thank you for agreeing to this new date.".into());
    }
    if let Some(rule) = rule {
        paragraphs.push(format!("Our policy says: {} ({}).", rule.plain, rule.clause));
    }
    paragraphs.push(format!(
        "If you are unhappy about this extension, you can contact the Housing Ombudsman. {OMBUDSMAN_CONTACT}"
    ));
    Some(Letter {
        title: format!("A new date for our {} response", stage.name),
        heading: heading(case, assessment, &case.id),
        paragraphs,
        closing: closing(sender),
    })
}

/// Why the complaint will not be taken forward, citing the policy's exclusion.
pub fn refusal(policy: &Policy, case: &Case, assessment: &Assessment, sender: &Sender) -> Option<Letter> {
    let (_, event) = last_event(case, "refused")?;
    let EventKind::Refused { exclusion, reason } = &event.what else { return None };
    let rule = policy.exclusion(exclusion);
    let mut paragraphs = vec![
        "Thank you for contacting us. We have decided that we cannot take this forward as a complaint under our complaints policy.".into(),
        understood(case),
    ];
    if let Some(rule) = rule {
        paragraphs.push(format!("This is because: {} (our policy, {}).", rule.plain, rule.clause));
    }
    if !reason.trim().is_empty() {
        paragraphs.push(format!("In your case: {}", reason.trim()));
    }
    if let Some(instead) = rule.and_then(|r| r.instead.as_ref()) {
        paragraphs.push(format!("What you can do instead: {instead}"));
    }
    paragraphs.push(format!("If you disagree with our decision not to accept your complaint, you can ask the Housing Ombudsman to look at it. {OMBUDSMAN_CONTACT}"));
    Some(Letter {
        title: "Our decision about your complaint".into(),
        heading: heading(case, assessment, &case.id),
        paragraphs,
        closing: closing(sender),
    })
}

/// Why the complaint will not go to the next stage.
pub fn escalation_refusal(
    policy: &Policy,
    case: &Case,
    assessment: &Assessment,
    sender: &Sender,
) -> Option<Letter> {
    let (_, event) = last_event(case, "escalation_refused")?;
    let EventKind::EscalationRefused { reason } = &event.what else { return None };
    let mut paragraphs = vec![
        "You asked us to take your complaint to the next stage. We have decided not to.".into(),
        format!("Our reason: {}", reason.trim()),
    ];
    if let Some(rule) = &policy.escalation_refusal {
        paragraphs.push(format!("Our policy says: {} ({}).", rule.plain, rule.clause));
    }
    paragraphs.push(format!("You can take this decision to the Housing Ombudsman. {OMBUDSMAN_CONTACT}"));
    Some(Letter {
        title: "Your request for the next stage".into(),
        heading: heading(case, assessment, &case.id),
        paragraphs,
        closing: closing(sender),
    })
}

/// The letter for the event at `index`, if the association sends one for it. The assessment is
/// the case's as it stands (letters for older events use the latest dates).
pub fn for_event(
    policy: &Policy,
    case: &Case,
    assessment: &Assessment,
    sender: &Sender,
    index: usize,
) -> Option<Letter> {
    let event = case.events.get(index)?;
    // A letter describes the latest event of its kind.
    let latest = last_event(case, event.what.name()).map(|(i, _)| i) == Some(index);
    if !latest {
        return None;
    }
    match event.what {
        EventKind::Acknowledged => acknowledgement(policy, case, assessment, sender),
        EventKind::Responded { .. } => stage_response(policy, case, assessment, sender),
        EventKind::Extended { .. } => extension_notice(policy, case, assessment, sender),
        EventKind::Refused { .. } => refusal(policy, case, assessment, sender),
        EventKind::EscalationRefused { .. } => escalation_refusal(policy, case, assessment, sender),
        _ => None,
    }
}
