//! association: the letters a housing association sends to a resident about their complaint —
//! the acknowledgement, the response at each stage (the final one with the route to the Housing
//! Ombudsman), an extension notice, a refusal to take a complaint forward and a refusal to move it
//! to the next stage.
//!
//! Each letter carries what the Housing Ombudsman's Complaint Handling Code requires of it. Like
//! the resident's letters, they are pure: every deadline comes from the engine's [`Assessment`]
//! (for the case as it stands after the event written about) and every other date from the case's
//! events, never counted here. The resident's words are quoted exactly. A representative is
//! copied in and dealt with in the same way as the resident.
//!
//! Each letter is written about one event: the last one of its kind, or (with [`for_event`]) the
//! event at an index. Without that event there is no letter (`None`), never a panic.

use chrono::NaiveDate;

use super::{adjustment_text, authority_needed, join_and, lower_first, role_name, Letter};
use crate::calendar::long_date;
use crate::case::{Adjustment, Case, Event, EventKind, Outcome, RemedyAgreement};
use crate::engine::{Assessment, Deadline, DeadlineKind, Party, StageBegan, StageVisit};
use crate::policy::{Agreement, Policy, PolicyKind, Stage};

/// Who a letter comes from: the organisation and the member of staff who signs it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sender {
    pub organisation: String,
    pub handler: String,
}

/// The Housing Ombudsman's contact details, one item a line.
pub const OMBUDSMAN_CONTACT: &str = "Housing Ombudsman Service\nPO Box 1484\nPreston\nPR2 0ET\nPhone: 0300 111 3000\nEmail: info@housing-ombudsman.org.uk\nWebsite: www.housing-ombudsman.org.uk";

/// The acknowledgement for the last [`EventKind::Acknowledged`] event.
pub fn acknowledgement(
    policy: &Policy,
    case: &Case,
    assessment: &Assessment,
    sender: &Sender,
) -> Option<Letter> {
    acknowledgement_at(
        policy,
        case,
        assessment,
        sender,
        last(case, |k| matches!(k, EventKind::Acknowledged))?,
    )
}

/// The response for the last [`EventKind::Responded`] event.
pub fn stage_response(
    policy: &Policy,
    case: &Case,
    assessment: &Assessment,
    sender: &Sender,
) -> Option<Letter> {
    stage_response_at(
        policy,
        case,
        assessment,
        sender,
        last(case, |k| matches!(k, EventKind::Responded { .. }))?,
    )
}

/// The extension notice for the last [`EventKind::Extended`] event.
pub fn extension_notice(
    policy: &Policy,
    case: &Case,
    assessment: &Assessment,
    sender: &Sender,
) -> Option<Letter> {
    extension_at(policy, case, assessment, sender, last(case, |k| matches!(k, EventKind::Extended { .. }))?)
}

/// The refusal for the last [`EventKind::Refused`] event.
pub fn refusal(policy: &Policy, case: &Case, sender: &Sender) -> Option<Letter> {
    refusal_at(policy, case, sender, last(case, |k| matches!(k, EventKind::Refused { .. }))?)
}

/// The refusal to escalate, for the last [`EventKind::EscalationRefused`] event.
pub fn escalation_refusal(
    policy: &Policy,
    case: &Case,
    assessment: &Assessment,
    sender: &Sender,
) -> Option<Letter> {
    escalation_refusal_at(
        policy,
        case,
        assessment,
        sender,
        last(case, |k| matches!(k, EventKind::EscalationRefused { .. }))?,
    )
}

/// The letter for the event at `event_index`, if its kind has one (acknowledged, responded,
/// extended, refused, escalation refused). `assessment` should be for the case as it stood after
/// that event: the deadlines in the letter are read from it.
pub fn for_event(
    policy: &Policy,
    case: &Case,
    assessment: &Assessment,
    sender: &Sender,
    event_index: usize,
) -> Option<Letter> {
    match case.events.get(event_index)?.what {
        EventKind::Acknowledged => acknowledgement_at(policy, case, assessment, sender, event_index),
        EventKind::Responded { .. } => stage_response_at(policy, case, assessment, sender, event_index),
        EventKind::Extended { .. } => extension_at(policy, case, assessment, sender, event_index),
        EventKind::Refused { .. } => refusal_at(policy, case, sender, event_index),
        EventKind::CompensationOffered { .. } => {
            compensation_offer_at(policy, case, assessment, sender, event_index)
        }
        EventKind::EscalationRefused { .. } => {
            escalation_refusal_at(policy, case, assessment, sender, event_index)
        }
        _ => None,
    }
}

fn last(case: &Case, wanted: impl Fn(&EventKind) -> bool) -> Option<usize> {
    case.events.iter().rposition(|e| wanted(&e.what))
}

/// How the stage of an event began, for a letter's opening words.
#[derive(Clone, Copy)]
enum Began {
    /// With the complaint, received on this date (including a formal stage the policy begins at
    /// once, from the receipt).
    Received(NaiveDate),
    /// At the resident's request of this date.
    Requested(NaiveDate),
    /// By itself under the policy, on this date, because an earlier stage was not answered.
    MovedOn(NaiveDate),
}

/// The stage the case was at when the event at `index` happened (as the engine walked it), and
/// how that stage began.
fn stage_at(policy: &Policy, case: &Case, assessment: &Assessment, index: usize) -> (usize, Option<Began>) {
    let Some(visit) = StageVisit::of_event(&assessment.stages, index) else { return (0, None) };
    let began = match visit.began {
        StageBegan::Requested => Began::Requested(visit.started),
        _ if Some(visit.started) == case.received() => Began::Received(visit.started),
        StageBegan::Automatically { .. } => Began::MovedOn(visit.started),
        StageBegan::Received => Began::Received(visit.started),
    };
    (visit.index.min(policy.stages.len().saturating_sub(1)), Some(began))
}

/// The events (by index) at the same stage as the event at `index`.
fn stage_events(case: &Case, assessment: &Assessment, index: usize) -> std::ops::Range<usize> {
    let visits = &assessment.stages;
    let Some(at) = visits.iter().rposition(|v| v.first_event <= index) else { return 0..case.events.len() };
    let end = visits.get(at + 1).map_or(case.events.len(), |v| v.first_event.min(case.events.len()));
    visits[at].first_event..end.max(index + 1)
}

/// A deadline of the landlord's or the resident's at `stage`.
fn deadline<'a>(assessment: &'a Assessment, stage: &Stage, kind: DeadlineKind) -> Option<&'a Deadline> {
    assessment.deadlines.iter().find(|d| d.stage == stage.id && d.kind == kind)
}

fn resident_name(case: &Case) -> &str {
    let name = case.resident.name.trim();
    if name.is_empty() {
        "Resident"
    } else {
        name
    }
}

/// How the letter names the rules the complaint is handled under.
fn our_rules(policy: &Policy) -> String {
    match policy.kind {
        PolicyKind::StatutoryCode => "the Housing Ombudsman's Complaint Handling Code".into(),
        PolicyKind::Landlord => format!("our {} (version {})", policy.title, policy.version),
    }
}

/// Where a rule is: "clause 4.3.9 of our complaints policy", "Appendix 1 of our complaints
/// policy", or "paragraph 6.3 of the Complaint Handling Code" (a section's name where the
/// paragraph's number is not confirmed).
fn citation(policy: &Policy, clause: &str) -> String {
    match policy.kind {
        PolicyKind::StatutoryCode => format!("{} of the Complaint Handling Code", policy.clause_name(clause)),
        PolicyKind::Landlord if clause.starts_with(|c: char| c.is_ascii_digit()) => {
            let clauses: Vec<String> = clause.split(';').map(|c| c.trim().to_string()).collect();
            let word = if clauses.len() > 1 { "clauses" } else { "clause" };
            format!("{word} {} of our complaints policy", join_and(&clauses))
        }
        PolicyKind::Landlord => format!("{clause} of our complaints policy"),
    }
}

/// "clause 2.3.1 of our complaints policy says", "clauses 2.4 and 2.3.6 of our complaints policy say".
fn citation_says(policy: &Policy, clause: &str) -> String {
    let cited = citation(policy, clause);
    let verb = if cited.starts_with("clauses ") || cited.starts_with("paragraphs ") { "say" } else { "says" };
    format!("{cited} {verb}")
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The date, who it is to (with a copy to any representative the resident has authorised) and our
/// reference.
fn heading(policy: &Policy, case: &Case, date: NaiveDate) -> Vec<String> {
    let mut lines = vec![long_date(date), resident_name(case).to_string()];
    if !case.resident.address.trim().is_empty() {
        lines.push(case.resident.address.trim().to_string());
    }
    if let Some(rep) = case.representative.as_ref().filter(|_| authority_pending(policy, case).is_none()) {
        let detail = rep.contact.detail.trim();
        let at = if detail.is_empty() { String::new() } else { format!(", {detail}") };
        lines.push(format!("Copy to: {} ({}){at}", rep.name.trim(), your(role_name(rep.role))));
    }
    if !case.id.trim().is_empty() {
        lines.push(format!("Our reference: {}", case.id.trim()));
    }
    lines
}

fn your(role: &str) -> String {
    role.replace("their", "your")
}

fn dear(case: &Case) -> String {
    format!("Dear {},", resident_name(case))
}

fn closing(sender: &Sender) -> Vec<String> {
    vec!["Yours sincerely,".into(), sender.handler.trim().to_string(), sender.organisation.trim().to_string()]
}

fn quoted(case: &Case) -> String {
    format!("We understood your complaint to be:\n\u{201c}{}\u{201d}", case.description.trim())
}

/// Where a representative stands: copied in, and what authority the policy still needs.
fn representative_paragraph(policy: &Policy, case: &Case) -> Option<String> {
    let rep = case.representative.as_ref()?;
    let name = rep.name.trim();
    let role = your(role_name(rep.role));
    Some(match authority_pending(policy, case) {
        None => format!(
            "{name}, {role}, is helping you with your complaint. We will deal with them in the same way as we deal with you, and we are sending them a copy of this letter."
        ),
        Some((what, clause)) => format!(
            "{name}, {role}, is helping you with your complaint. Before we can share details of it with them, we need your {what}, as {} asks. Once we have it, we will deal with them in the same way as we deal with you and send them copies of our letters.",
            citation(policy, clause)
        ),
    })
}

/// The authority the policy asks of the case's representative that has not yet been given, with
/// its clause; `None` when there is no representative or nothing is outstanding.
fn authority_pending<'a>(policy: &'a Policy, case: &Case) -> Option<(&'static str, &'a str)> {
    let rep = case.representative.as_ref().filter(|r| !r.authority_given)?;
    let (authority, clause) = authority_needed(policy, rep.role)?;
    Some((super::authority_words(authority)?, clause))
}

fn adjustment_for_you(a: &Adjustment) -> String {
    match a {
        Adjustment::SomeoneToSpeakForMe => "someone to speak for you".into(),
        other => adjustment_text(other),
    }
}

fn ombudsman_paragraph(lead: &str) -> String {
    format!("{lead} The Housing Ombudsman is free, independent and impartial. You can contact them at:\n{OMBUDSMAN_CONTACT}")
}

/// "£1,234.50".
pub fn pounds(pence: u64) -> String {
    let whole = (pence / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("£{grouped}.{:02}", pence % 100)
}

fn acknowledgement_at(
    policy: &Policy,
    case: &Case,
    assessment: &Assessment,
    sender: &Sender,
    index: usize,
) -> Option<Letter> {
    let event = &case.events[index];
    let (at, began) = stage_at(policy, case, assessment, index);
    let stage = policy.stages.get(at)?;
    let mut paragraphs = vec![dear(case)];
    paragraphs.push(match began {
        Some(Began::Requested(asked)) => format!(
            "Thank you for your request of {} for your complaint to go to {}. We are dealing with it under {}. {}",
            long_date(asked),
            stage.name,
            our_rules(policy),
            handled_by_sentence(stage)
        ),
        Some(Began::MovedOn(on)) => format!(
            "Your complaint moved to {} on {}, because we did not respond at the earlier stage in time. We are dealing with it under {}. {}",
            stage.name,
            long_date(on),
            our_rules(policy),
            handled_by_sentence(stage)
        ),
        Some(Began::Received(received)) => format!(
            "Thank you for your complaint, which we received on {}. We have logged it as a formal complaint about {}, and we are dealing with it at {}, under {}.",
            long_date(received),
            lower_first(case.category.trim().trim_end_matches('.')),
            stage.name,
            our_rules(policy)
        ),
        None => format!(
            "Thank you for your complaint, which we received on {}. We are dealing with it at {}, under {}.",
            long_date(event.date),
            stage.name,
            our_rules(policy)
        ),
    });
    paragraphs.push(quoted(case));
    if !case.outcome_wanted.trim().is_empty() {
        paragraphs.push(format!(
            "You told us what you would like to happen:\n\u{201c}{}\u{201d}",
            case.outcome_wanted.trim()
        ));
    }
    paragraphs.push("If we have misunderstood your complaint, or there is more you want us to look at, please tell us as soon as possible.".into());
    if let Some(respond) = respond_due_at(case, assessment, stage, index) {
        let will = if respond.aim_only { "aim to" } else { "will" };
        paragraphs.push(format!(
            "We {will} send you our full response by {}. This is the time set by {}. If we find we need longer, we will write to you before then to explain why and give you a new date.",
            long_date(respond.due),
            citation(policy, &respond.clause)
        ));
    }
    if !case.adjustments.is_empty() {
        let list: Vec<String> = case.adjustments.iter().map(adjustment_for_you).collect();
        paragraphs.push(format!(
            "You asked us for these reasonable adjustments, and we have recorded them on your complaint: {}. Please tell us if anything else would help, or if your needs change.",
            join_and(&list)
        ));
    }
    if let Some(rep) = representative_paragraph(policy, case) {
        paragraphs.push(rep);
    }
    let handler =
        case.handler.as_deref().map(str::trim).filter(|h| !h.is_empty()).unwrap_or(sender.handler.trim());
    paragraphs.push(format!(
        "{handler} is handling your complaint. If you have any questions, or more information to give us, please contact them, quoting the reference at the top of this letter."
    ));
    Some(Letter {
        title: format!("Acknowledgement of your complaint – {}", stage.name),
        heading: heading(policy, case, event.date),
        paragraphs,
        closing: closing(sender),
    })
}

fn handled_by_sentence(stage: &Stage) -> String {
    format!("At this stage your complaint is looked at by {}.", lower_first(stage.handled_by.trim()))
}

/// The stage's response deadline as it stood just after the event at `index`: if the stage was
/// extended after it, the date before the first later extension.
fn respond_due_at(case: &Case, assessment: &Assessment, stage: &Stage, index: usize) -> Option<Deadline> {
    let mut respond = deadline(assessment, stage, DeadlineKind::Respond)?.clone();
    let here = stage_events(case, assessment, index);
    let later_extension =
        case.events[index + 1..here.end].iter().any(|e| matches!(e.what, EventKind::Extended { .. }));
    let earlier_extension = case.events[here.start..index].iter().rev().find_map(|e| match e.what {
        EventKind::Extended { new_due, .. } => Some(new_due),
        _ => None,
    });
    if later_extension {
        respond.due = earlier_extension.or(respond.extended_from).unwrap_or(respond.due);
    }
    Some(respond)
}

fn outcome_sentence(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Upheld => "Overall, we have upheld your complaint: we agree that we got things wrong.",
        Outcome::PartlyUpheld => {
            "Overall, we have partly upheld your complaint: we agree that we got some things wrong, but not everything you raised."
        }
        Outcome::NotUpheld => {
            "Overall, we have not upheld your complaint: we have not found that we got things wrong."
        }
        Outcome::Resolved => "Overall, we have resolved your complaint.",
    }
}

fn stage_response_at(
    policy: &Policy,
    case: &Case,
    assessment: &Assessment,
    sender: &Sender,
    index: usize,
) -> Option<Letter> {
    let event: &Event = &case.events[index];
    let EventKind::Responded {
        outcome,
        remedy,
        compensation_pence,
        points,
        outstanding_actions,
        lessons,
        remedy_agreed,
    } = &event.what
    else {
        return None;
    };
    let (at, began) = stage_at(policy, case, assessment, index);
    let stage = policy.stages.get(at)?;
    let next = policy.stages.get(at + 1);
    let mut paragraphs = vec![dear(case)];
    let about = match began {
        Some(Began::Received(received)) => {
            format!("your complaint, which we received on {}", long_date(received))
        }
        Some(Began::Requested(asked)) => {
            format!("your request of {} for your complaint to go to {}", long_date(asked), stage.name)
        }
        Some(Began::MovedOn(on)) => {
            format!("your complaint, which moved to {} on {}", stage.name, long_date(on))
        }
        None => "your complaint".to_string(),
    };
    paragraphs.push(match next {
        Some(_) => format!("This is our {} response to {about}.", stage.name),
        None => format!("This is our {} response to {about}. It is our final response.", stage.name),
    });
    paragraphs.push(quoted(case));
    if points.is_empty() {
        paragraphs.push("We looked into your complaint as a whole.".into());
        if let Some(note) = event.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            paragraphs.push(format!("What we found: {note}"));
        }
    } else {
        paragraphs.push("Our decision on each part of your complaint, and our reasons:".into());
        for (n, p) in points.iter().enumerate() {
            paragraphs.push(format!(
                "{}. {}\nOur decision: {}.\nOur reasons: {}",
                n + 1,
                p.point.trim(),
                p.decision.label(),
                p.reasons.trim()
            ));
        }
    }
    paragraphs.push(outcome_sentence(*outcome).into());

    let remedy = remedy.trim();
    let compensation = compensation_pence.filter(|p| *p > 0);
    if !remedy.is_empty() {
        paragraphs.push(format!("To put things right: {remedy}"));
    }
    // Under a policy that moves the complaint on when no remedy is agreed, or one is not delivered
    // by the date agreed (ForHousing 2), the letter says so: the resident need not ask.
    let moves_on = next.and(
        stage
            .auto_escalation
            .iter()
            .find(|r| r.when == Some(crate::policy::AutoEscalationWhen::RemedyNotAgreedOrDelivered)),
    );
    let moved_by_itself = matches!((remedy_agreed, moves_on), (Some(RemedyAgreement::NotAgreed), Some(_)));
    match (remedy_agreed, moves_on, next) {
        (Some(RemedyAgreement::Agreed { deliver_by }), Some(rule), Some(next)) => paragraphs.push(format!(
            "We have agreed this remedy with you, and we will deliver it by {}. If we do not, your complaint will move to {} by itself ({}): you will not need to ask.",
            long_date(*deliver_by),
            next.name,
            citation(policy, &rule.clause)
        )),
        (Some(RemedyAgreement::Agreed { deliver_by }), _, _) => paragraphs
            .push(format!("We have agreed this remedy with you, and we will deliver it by {}.", long_date(*deliver_by))),
        (Some(RemedyAgreement::NotAgreed), Some(rule), Some(next)) => paragraphs.push(format!(
            "We could not agree a remedy with you, so your complaint has moved to {} by itself ({}). You do not need to ask for it.",
            next.name,
            citation(policy, &rule.clause)
        )),
        _ => {}
    }
    if let Some(pence) = compensation {
        let mut text = format!("We are offering you compensation of {}.", pounds(pence));
        if let Some(accept) = accept_by(policy, assessment, event.date) {
            text.push_str(&accept);
        }
        // How it is paid (Progress Appendix 1: credited to any rent or service charge arrears first).
        for rule in policy.compensation.iter().flat_map(|c| &c.payment) {
            text.push_str(&format!(
                " {} ({}).",
                rule.plain.trim_end_matches('.'),
                citation(policy, &rule.clause)
            ));
        }
        paragraphs.push(text);
    }
    if remedy.is_empty() && compensation.is_none() {
        paragraphs.push("We are not offering a remedy with this response.".into());
    }
    if !outstanding_actions.trim().is_empty() {
        paragraphs.push(format!(
            "Work still to be done: {}\nWe will keep track of these actions until they are finished and keep you updated.",
            outstanding_actions.trim()
        ));
    }
    if !lessons.trim().is_empty() {
        paragraphs.push(format!("What we have learned: {}", lessons.trim()));
    }
    if let Some(rep) = representative_paragraph(policy, case) {
        paragraphs.push(rep);
    }

    match next {
        Some(_) if moved_by_itself => {
            paragraphs.push("You can also ask the Housing Ombudsman for advice at any time (phone 0300 111 3000, www.housing-ombudsman.org.uk).".into());
        }
        Some(next) => {
            let mut text = format!(
                "If you are not happy with this response, you can ask for your complaint to go to {}. You do not have to give reasons for asking. At that stage, your complaint will be looked at by {}.",
                next.name,
                lower_first(next.handled_by.trim())
            );
            match deadline(assessment, stage, DeadlineKind::AskForNextStage) {
                Some(ask) => text.push_str(&format!(
                    " Please ask by {} (the time set by {}). To ask, reply to this letter or contact {}.",
                    long_date(ask.due),
                    citation(policy, &ask.clause),
                    sender.handler.trim()
                )),
                None => text.push_str(&format!(
                    " To ask, reply to this letter or contact {}.",
                    sender.handler.trim()
                )),
            }
            paragraphs.push(text);
            paragraphs.push("You can also ask the Housing Ombudsman for advice at any time (phone 0300 111 3000, www.housing-ombudsman.org.uk).".into());
        }
        None => {
            let by = assessment
                .ombudsman
                .refer_by
                .map(|d| format!(", that is by {}", long_date(d)))
                .unwrap_or_default();
            paragraphs.push(ombudsman_paragraph(&format!(
                "Our complaints process is now complete. If you are still not happy, you can refer your complaint to the Housing Ombudsman. You should normally do this within 12 months of this response{by}."
            )));
            for other in &policy.after_final.other_bodies {
                paragraphs.push(other.plain.trim().to_string());
            }
        }
    }
    let title = match next {
        Some(_) => format!("Our {} response to your complaint", stage.name),
        None => format!("Our final response to your complaint – {}", stage.name),
    };
    Some(Letter { title, heading: heading(policy, case, event.date), paragraphs, closing: closing(sender) })
}

fn extension_at(
    policy: &Policy,
    case: &Case,
    assessment: &Assessment,
    sender: &Sender,
    index: usize,
) -> Option<Letter> {
    let event = &case.events[index];
    let EventKind::Extended { new_due, resident_agreed } = event.what else {
        return None;
    };
    let (at, began) = stage_at(policy, case, assessment, index);
    let stage = policy.stages.get(at)?;
    let respond = deadline(assessment, stage, DeadlineKind::Respond);
    // The date before this extension: an earlier extension at this stage, else the engine's.
    let here = stage_events(case, assessment, index);
    let earlier = case.events[here.start..index].iter().rev().find_map(|e| match e.what {
        EventKind::Extended { new_due, .. } => Some(new_due),
        _ => None,
    });
    let old = earlier.or_else(|| respond.and_then(|d| d.extended_from));
    let mut paragraphs = vec![dear(case)];
    paragraphs.push(match began {
        Some(Began::Received(received)) => format!(
            "We are writing about your complaint, which we received on {} and are dealing with at {}.",
            long_date(received),
            stage.name
        ),
        Some(Began::Requested(asked)) => format!(
            "We are writing about your complaint, which we are dealing with at {} after your request of {}.",
            stage.name,
            long_date(asked)
        ),
        Some(Began::MovedOn(on)) => format!(
            "We are writing about your complaint, which moved to {} on {} and which we are dealing with there.",
            stage.name,
            long_date(on)
        ),
        None => {
            format!("We are writing about your complaint, which we are dealing with at {}.", stage.name)
        }
    });
    paragraphs.push(quoted(case));
    let mut text = String::from("We are sorry, but we need more time to give you a full response.");
    if let Some(old) = old {
        text.push_str(&format!(" We told you we would respond by {}.", long_date(old)));
    }
    let will = if respond.is_some_and(|d| d.aim_only) { "now aim to" } else { "will now" };
    text.push_str(&format!(" We {will} send you our full response by {}.", long_date(new_due)));
    paragraphs.push(text);
    if let Some(why) = event.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        paragraphs.push(format!("Why we need more time: {why}"));
    }
    if let Some(rule) = &stage.extension {
        let needs_agreement = match rule.agreement {
            Agreement::Needed => true,
            Agreement::NeededBeyondLimit | Agreement::NotNeeded => respond.is_some_and(|d| d.note.is_some()),
        };
        if resident_agreed {
            paragraphs.push("Thank you for agreeing to this new date.".into());
        } else if needs_agreement {
            paragraphs.push(format!(
                "Under {}, we need to agree the new date with you. Please let us know whether you agree to it.",
                citation(policy, &rule.clause)
            ));
        }
    } else if resident_agreed {
        paragraphs.push("Thank you for agreeing to this new date.".into());
    }
    if let Some(rep) = representative_paragraph(policy, case) {
        paragraphs.push(rep);
    }
    paragraphs.push(ombudsman_paragraph(
        "If you are unhappy with this extension, you can contact the Housing Ombudsman for advice or help.",
    ));
    Some(Letter {
        title: format!("We need more time to respond to your complaint – {}", stage.name),
        heading: heading(policy, case, event.date),
        paragraphs,
        closing: closing(sender),
    })
}

/// The sentence asking the resident to say by when they accept an offer made on `offered`, from
/// the engine's deadline for it; `None` when the policy sets no time.
fn accept_by(policy: &Policy, assessment: &Assessment, offered: NaiveDate) -> Option<String> {
    let accept = assessment.deadlines.iter().find(|d| {
        d.kind == DeadlineKind::AcceptCompensation && d.party == Party::Resident && d.counted_from == offered
    })?;
    Some(format!(
        " Please let us know by {} whether you accept it (the time set by {}).",
        long_date(accept.due),
        citation(policy, &accept.clause)
    ))
}

/// The letter offering compensation outside a stage response: the amount, the time to accept it
/// where the policy sets one, and how it is paid (Progress Appendix 1: credited to any arrears).
fn compensation_offer_at(
    policy: &Policy,
    case: &Case,
    assessment: &Assessment,
    sender: &Sender,
    index: usize,
) -> Option<Letter> {
    let event = &case.events[index];
    let EventKind::CompensationOffered { amount_pence, .. } = &event.what else {
        return None;
    };
    let mut paragraphs = vec![dear(case)];
    paragraphs.push(match case.received() {
        Some(received) => {
            format!("We are writing about your complaint, which we received on {}.", long_date(received))
        }
        None => "We are writing about your complaint.".into(),
    });
    let mut offer = format!("We are offering you compensation of {}.", pounds(*amount_pence));
    offer.push_str(
        &accept_by(policy, assessment, event.date)
            .unwrap_or_else(|| " Please let us know whether you accept it.".into()),
    );
    paragraphs.push(offer);
    if let Some(why) = event.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        paragraphs.push(format!("Why we are offering it: {why}"));
    }
    for rule in policy.compensation.iter().flat_map(|c| &c.payment) {
        paragraphs.push(format!(
            "How it is paid: {} ({}).",
            rule.plain.trim_end_matches('.'),
            citation(policy, &rule.clause)
        ));
    }
    if let Some(rep) = representative_paragraph(policy, case) {
        paragraphs.push(rep);
    }
    Some(Letter {
        title: "Our offer of compensation".into(),
        heading: heading(policy, case, event.date),
        paragraphs,
        closing: closing(sender),
    })
}

fn refusal_at(policy: &Policy, case: &Case, sender: &Sender, index: usize) -> Option<Letter> {
    let event = &case.events[index];
    let EventKind::Refused { exclusion, reason } = &event.what else {
        return None;
    };
    let mut paragraphs = vec![dear(case)];
    paragraphs.push(match case.received() {
        Some(received) => format!("Thank you for contacting us on {}.", long_date(received)),
        None => "Thank you for contacting us.".into(),
    });
    paragraphs.push(quoted(case));
    paragraphs.push(format!(
        "We have looked carefully at what you told us. We are sorry, but we cannot take this forward as a complaint under {}.",
        our_rules(policy)
    ));
    let rule = policy.exclusion(exclusion);
    if let Some(rule) = rule {
        paragraphs.push(format!(
            "This is because {}: {}",
            citation_says(policy, &rule.clause),
            rule.plain.trim()
        ));
    }
    if !reason.trim().is_empty() {
        paragraphs.push(format!("In your case: {}", reason.trim()));
    }
    if let Some(instead) = rule.and_then(|r| r.instead.as_deref()).map(str::trim).filter(|s| !s.is_empty()) {
        paragraphs.push(format!("What you can do instead: {instead}"));
    }
    if let Some(rep) = representative_paragraph(policy, case) {
        paragraphs.push(rep);
    }
    paragraphs.push(ombudsman_paragraph(
        "If you disagree with our decision not to take your complaint forward, you can ask the Housing Ombudsman to look at it.",
    ));
    Some(Letter {
        title: "Your complaint: why we cannot take it forward".into(),
        heading: heading(policy, case, event.date),
        paragraphs,
        closing: closing(sender),
    })
}

fn escalation_refusal_at(
    policy: &Policy,
    case: &Case,
    assessment: &Assessment,
    sender: &Sender,
    index: usize,
) -> Option<Letter> {
    let event = &case.events[index];
    let EventKind::EscalationRefused { reason } = &event.what else {
        return None;
    };
    // The stage asked for: the one a request since the last response opened, else the next one.
    let since_response = case.events[..index]
        .iter()
        .rev()
        .take_while(|e| !matches!(e.what, EventKind::Responded { .. }))
        .find(|e| e.what == EventKind::EscalationRequested);
    let (at, _) = stage_at(policy, case, assessment, index);
    let asked = if since_response.is_some() { at } else { at + 1 };
    let stage_name =
        policy.stages.get(asked).map(|s| s.name.clone()).unwrap_or_else(|| "the next stage".into());
    let mut paragraphs = vec![dear(case)];
    paragraphs.push(match since_response {
        Some(request) => format!(
            "Thank you for your request of {} for your complaint to go to {stage_name}.",
            long_date(request.date)
        ),
        None => format!("Thank you for asking for your complaint to go to {stage_name}."),
    });
    paragraphs.push(quoted(case));
    paragraphs.push(format!("We are sorry, but we cannot take your complaint to {stage_name}."));
    if !reason.trim().is_empty() {
        paragraphs.push(format!("Our reasons: {}", reason.trim()));
    }
    if let Some(rule) = &policy.escalation_refusal {
        paragraphs.push(format!(
            "{}: {}",
            upper_first(&citation_says(policy, &rule.clause)),
            rule.plain.trim()
        ));
    }
    if let Some(rep) = representative_paragraph(policy, case) {
        paragraphs.push(rep);
    }
    paragraphs.push(ombudsman_paragraph(
        "If you disagree with our decision, you can take it to the Housing Ombudsman.",
    ));
    Some(Letter {
        title: format!("Your request for {stage_name}"),
        heading: heading(policy, case, event.date),
        paragraphs,
        closing: closing(sender),
    })
}
