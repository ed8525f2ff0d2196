//! letters: what Redress writes from a case and its assessment — the complaint letter (as plain
//! text and as a standalone HTML file) and the resident's dated plan (as a list and as an
//! iCalendar file).
//!
//! Pure: every date comes from the engine's [`Assessment`], never counted here, so the letter, the
//! plan and the screen cannot disagree. The resident's words are quoted exactly. HTML output
//! escapes every piece of text: user text is never markup.

pub mod association;

use chrono::NaiveDate;
use icalendar::{Alarm, Calendar as ICalendar, Component, Event as IEvent, EventLike, Property};

use crate::calendar::long_date;
use crate::case::{Adjustment, Case, ContactMethod, RepresentativeRole};
use crate::engine::{Assessment, DeadlineKind, DeadlineState, Party};
use crate::policy::{Authority, Policy, PolicyKind};

/// A letter: a title and paragraphs of plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub title: String,
    /// Lines at the top: the date and who it is to.
    pub heading: Vec<String>,
    pub paragraphs: Vec<String>,
    /// The sign-off lines.
    pub closing: Vec<String>,
}

impl Letter {
    /// The letter as plain text, ready to copy or download.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for line in &self.heading {
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
        for paragraph in &self.paragraphs {
            out.push_str(paragraph);
            out.push_str("\n\n");
        }
        out.push_str(&self.closing.join("\n"));
        out.push('\n');
        out
    }

    /// The letter as a standalone HTML document. Every piece of text is escaped, and the page's
    /// Content-Security-Policy ([`LETTER_CSP`]) forbids scripts and anything fetched, so even a
    /// slip in the escaping could not run or load anything when the file is opened.
    pub fn to_html(&self) -> String {
        let mut out =
            String::from("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str(&format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{LETTER_CSP}\">\n"));
        out.push_str(&format!("<title>{}</title>\n", escape(&self.title)));
        out.push_str("<style>body{font-family:Arial,sans-serif;font-size:12pt;line-height:1.5;max-width:40em;margin:2em auto;padding:0 1em}</style>\n</head>\n<body>\n");
        out.push_str("<p>");
        out.push_str(&self.heading.iter().map(|l| escape(l)).collect::<Vec<_>>().join("<br>\n"));
        out.push_str("</p>\n");
        for paragraph in &self.paragraphs {
            out.push_str(&format!("<p>{}</p>\n", escape(paragraph).replace('\n', "<br>\n")));
        }
        out.push_str(&format!(
            "<p>{}</p>\n</body>\n</html>\n",
            self.closing.iter().map(|l| escape(l)).collect::<Vec<_>>().join("<br>\n")
        ));
        out
    }
}

/// The Content-Security-Policy of a downloaded letter: nothing may load or run (no scripts,
/// images, frames, fonts, forms or connections); only the letter's own inline style applies.
pub const LETTER_CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// How a representative's role is written in a letter ("a member of their family", …).
pub fn role_name(role: RepresentativeRole) -> &'static str {
    match role {
        RepresentativeRole::FamilyMember => "a member of their family",
        RepresentativeRole::Friend => "their friend",
        RepresentativeRole::Advocate => "their advocate",
        RepresentativeRole::AdviceAgency => "their adviser",
        RepresentativeRole::Councillor => "their local councillor",
        RepresentativeRole::Mp => "their Member of Parliament",
        RepresentativeRole::Solicitor => "their solicitor",
        RepresentativeRole::Other => "their representative",
    }
}

/// What the resident has to give for an authority, in words ("signed authority"); `None` where
/// nothing has to be given (consent assumed, or the landlord only has to be satisfied).
pub(crate) fn authority_words(authority: Authority) -> Option<&'static str> {
    match authority {
        Authority::WrittenPermission => Some("written permission"),
        Authority::SignedAuthority => Some("signed authority"),
        Authority::Consent => Some("consent"),
        Authority::Assumed | Authority::Satisfied | Authority::Accepted => None,
    }
}

/// The authority the policy asks of a representative in this role, if it names one.
pub fn authority_needed(policy: &Policy, role: RepresentativeRole) -> Option<(Authority, &str)> {
    policy
        .eligibility
        .representatives
        .iter()
        .find(|r| r.roles.contains(&role))
        .map(|r| (r.authority, r.clause.as_str()))
}

/// The clause under which the stage at `index` moves on by itself when its response does not
/// come in time, if it does (ForHousing 2).
fn moves_on_unanswered(policy: &Policy, index: usize) -> Option<&str> {
    policy.stages.get(index + 1)?;
    policy.stages[index]
        .auto_escalation
        .iter()
        .find(|r| r.when == Some(crate::policy::AutoEscalationWhen::NoResponseByDue))
        .map(|r| r.clause.as_str())
}

/// How the letter names the rules it relies on.
fn the_rules(policy: &Policy) -> String {
    match policy.kind {
        PolicyKind::StatutoryCode => {
            "the Housing Ombudsman's Complaint Handling Code, which every social landlord in England must follow".into()
        }
        PolicyKind::Landlord => format!("your {} (version {})", policy.title, policy.version),
    }
}

/// A citation: "clause 4.3.9" of a landlord's policy, or "the Code, paragraph 6.2".
fn cite(policy: &Policy, clause: &str) -> String {
    policy.citation(clause)
}

/// The complaint letter for `case`, with the dates from `assessment`.
pub fn complaint_letter(policy: &Policy, case: &Case, assessment: &Assessment) -> Letter {
    let resident =
        if case.resident.name.trim().is_empty() { "the resident" } else { case.resident.name.trim() };
    let helper = case.representative.as_ref();
    let (i, my) = if helper.is_some() { ("they", "their") } else { ("I", "my") };
    let mut paragraphs = Vec::new();

    let opening = match helper {
        None => format!(
            "I am making a formal complaint under {}. Please treat this letter as a complaint and log it as one.",
            the_rules(policy)
        ),
        Some(rep) => {
            let authority = match authority_needed(policy, rep.role) {
                Some((Authority::Assumed, clause)) => format!(" Under clause {clause} of your policy you can assume their consent."),
                Some((Authority::Accepted, clause)) => format!(" Clause {clause} of your policy accepts complaints raised this way."),
                Some((Authority::Satisfied, clause)) => format!(" Clause {clause} of your policy asks you to be sure I represent their views: they have asked me to write for them."),
                Some((_, clause)) if rep.authority_given => format!(" I enclose their authority for me to act for them, as clause {clause} of your policy asks."),
                Some((_, clause)) => format!(" Clause {clause} of your policy asks for their authority; they will sign and send it separately."),
                None => String::new(),
            };
            format!(
                "I am writing as {} on behalf of {resident}, to make a formal complaint under {}. Please treat this letter as a complaint and log it as one.{authority}",
                role_name(rep.role),
                the_rules(policy)
            )
        }
    };
    paragraphs.push(opening);
    paragraphs.push(format!("What the complaint is about: {}.", case.category.trim().trim_end_matches('.')));
    let words_intro = match helper {
        None => "In my own words:".to_string(),
        Some(_) => format!("In {resident}'s own words:"),
    };
    paragraphs.push(format!("{words_intro}\n\u{201c}{}\u{201d}", case.description.trim()));
    if let Some(started) = case.problem_started {
        paragraphs.push(format!("The problem started on {}.", long_date(started)));
    }
    if !case.outcome_wanted.trim().is_empty() {
        let who =
            if helper.is_some() { format!("{resident} would like") } else { "I would like".to_string() };
        paragraphs.push(format!("What {who} to happen: {}", case.outcome_wanted.trim()));
    }

    let stage_id = assessment.current_stage.as_ref().map(|s| s.id.as_str()).unwrap_or("");
    let due = |kind: DeadlineKind| {
        assessment
            .deadlines
            .iter()
            .find(|d| d.stage == stage_id && d.kind == kind && d.party == Party::Landlord)
    };
    let mut asks = Vec::new();
    if let Some(ack) = due(DeadlineKind::Acknowledge) {
        asks.push(format!(
            "acknowledge this complaint by {} ({})",
            long_date(ack.due),
            cite(policy, &ack.clause)
        ));
    }
    if let Some(respond) = due(DeadlineKind::Respond) {
        asks.push(format!(
            "send a full response by {} ({})",
            long_date(respond.due),
            cite(policy, &respond.clause)
        ));
    }
    if !asks.is_empty() {
        let under = match policy.kind {
            PolicyKind::StatutoryCode => "Under the Code",
            PolicyKind::Landlord => "Under your policy",
        };
        paragraphs.push(format!("{under}, please {}.", join_and(&asks)));
    }
    if assessment.departures.iter().any(|d| d.topic == "stage_zero") {
        paragraphs.push(
            "The Housing Ombudsman's Complaint Handling Code, which all social landlords must follow, says a complaint is handled at Stage 1 from the start, with no informal stage first. Please log this as a Stage 1 complaint.".into(),
        );
    }

    if !case.adjustments.is_empty() {
        let list: Vec<String> = case.adjustments.iter().map(adjustment_text).collect();
        paragraphs.push(format!(
            "Please make these reasonable adjustments for {}: {}.",
            if helper.is_some() { resident } else { "me" },
            join_and(&list)
        ));
    }
    let contact = helper.map(|r| &r.contact).unwrap_or(&case.resident.contact);
    let how = match contact.method {
        ContactMethod::Email => "by email",
        ContactMethod::Phone => "by phone",
        ContactMethod::Text => "by text message",
        ContactMethod::Letter => "by letter",
    };
    let reach = if contact.detail.trim().is_empty() {
        how.to_string()
    } else {
        format!("{how} at {}", contact.detail.trim())
    };
    paragraphs.push(format!("Please contact me {reach}."));
    let deadline =
        due(DeadlineKind::Respond).map(|d| format!(" by {}", long_date(d.due))).unwrap_or_default();
    let moves_by_itself = assessment
        .current_stage
        .as_ref()
        .and_then(|s| moves_on_unanswered(policy, s.index))
        .filter(|_| policy.stages.len() > 1);
    paragraphs.push(match moves_by_itself {
        // Never ask for a step the policy takes by itself.
        Some(clause) => format!(
            "If {i} do not receive a full response{deadline}, {my} complaint moves to the next stage by itself under {}, and {i} may ask the Housing Ombudsman for help.",
            cite(policy, clause)
        ),
        None => format!(
            "If {i} do not receive a full response{deadline}, {i} will ask for {my} complaint to go to the next stage, and may ask the Housing Ombudsman for help."
        ),
    });

    let mut heading = vec![long_date(assessment.today)];
    heading.push(format!("To: {} – Complaints", assessment.landlord));
    if !case.resident.address.trim().is_empty() {
        heading.push(format!("Re: {resident}, {}", case.resident.address.trim()));
    }
    let signer = helper.map(|r| r.name.trim()).filter(|n| !n.is_empty()).unwrap_or(resident);
    let mut closing = vec!["Yours faithfully,".to_string(), signer.to_string()];
    if let Some(rep) = helper {
        closing.push(format!(
            "on behalf of {resident} ({})",
            role_name(rep.role).trim_start_matches("their ").trim_start_matches("a ")
        ));
    }
    Letter { title: format!("Formal complaint to {}", assessment.landlord), heading, paragraphs, closing }
}

/// The complaint letter, saying what the triage found where the landlord might otherwise turn it
/// away: a reason the policy gives that the Code does not accept, or a time limit the problem may
/// be outside (and why the landlord should look at it anyway), after the opening; and, where the
/// policy's time limit counts to the first time the problem was raised (Progress 2.3.6), when
/// that was, after the date it started.
pub fn complaint_letter_after_triage(
    policy: &Policy,
    case: &Case,
    assessment: &Assessment,
    triage: &crate::engine::Triage,
    answers: &crate::engine::Answers,
) -> Letter {
    use crate::engine::TriageOutcome;
    let mut letter = complaint_letter(policy, case, assessment);
    let (i, my) = if case.representative.is_some() { ("they", "their") } else { ("I", "my") };
    let counts_to_first =
        policy.time_limit.as_ref().is_some_and(|l| l.counts_to == crate::policy::LimitEnd::FirstRaised);
    if let Some(first) = answers.first_raised.filter(|_| counts_to_first) {
        // After the date it started, or else after the resident's own words.
        let after = |start: &str| letter.paragraphs.iter().position(|p| p.starts_with(start));
        let at = after("The problem started on ")
            .or_else(|| letter.paragraphs.iter().position(|p| p.contains(" own words:")))
            .map_or(1, |n| n + 1);
        let who = if case.representative.is_some() { "They" } else { "I" };
        letter.paragraphs.insert(
            at.min(letter.paragraphs.len()),
            format!(
                "{who} first raised the problem with you on {} ({}).",
                long_date(first),
                cite(policy, &policy.time_limit.as_ref().map(|l| l.clause.clone()).unwrap_or_default())
            ),
        );
    }
    let said = match &triage.outcome {
        TriageOutcome::NotCovered { complaint_under_code: true, .. } => Some(format!(
            "Your policy says a matter like this is not covered ({}: \u{201c}{}\u{201d}). The Housing Ombudsman's Complaint Handling Code, which every social landlord in England must follow, treats it as a complaint. Please deal with it as one, or explain in writing why you will not, so that {i} can ask the Housing Ombudsman to look at that decision.",
            cite(policy, &triage.clause),
            triage.plain.trim_end_matches('.')
        )),
        TriageOutcome::NotCovered { discretion: true, .. } => Some(format!(
            "Your policy says you may not deal with a matter like this as a complaint ({}: \u{201c}{}\u{201d}), so it is for you to decide. Please use that discretion and deal with {my} complaint, or explain in writing why you will not, so that {i} can ask the Housing Ombudsman to look at that decision.",
            cite(policy, &triage.clause),
            triage.plain.trim_end_matches('.')
        )),
        TriageOutcome::OutsideTimeLimit { why_discretion_may_apply, named_exception, discretion, .. } => {
            let mut text = format!(
                "{} know this may be outside the time limit in {}.",
                if case.representative.is_some() { "We" } else { "I" },
                cite(policy, &triage.clause)
            );
            if !why_discretion_may_apply.is_empty() {
                let why = why_discretion_may_apply.join(" and ").replace("you only found out", &format!("{i} only found out"));
                text.push_str(&format!(" Please consider it anyway: {why}."));
                if *named_exception {
                    text.push_str(" Your policy names this as a reason to consider an older complaint.");
                }
            } else if *discretion {
                text.push_str(&format!(" Your policy lets you consider older complaints; please consider {my} complaint."));
            }
            if !*discretion && policy.kind == crate::policy::PolicyKind::Landlord {
                text.push_str(" The Housing Ombudsman's Complaint Handling Code expects landlords to consider older complaints where there is good reason.");
            }
            Some(text)
        }
        _ => None,
    };
    if let Some(text) = said {
        letter.paragraphs.insert(1.min(letter.paragraphs.len()), text);
    }
    letter
}

/// The form a resident signs so that their helper may act for them, when the policy asks for
/// one (written permission, signed authority or consent). `None` when the policy assumes consent
/// for this helper or names no form, or there is no helper.
pub fn authority_form(policy: &Policy, case: &Case, today: NaiveDate) -> Option<Letter> {
    let rep = case.representative.as_ref()?;
    let (authority, clause) = authority_needed(policy, rep.role)?;
    let what = authority_words(authority)?;
    let resident =
        if case.resident.name.trim().is_empty() { "the resident" } else { case.resident.name.trim() };
    let landlord =
        if case.landlord.trim().is_empty() { policy.landlord.as_str() } else { case.landlord.trim() };
    let mut paragraphs = vec![
        format!(
            "I, {resident}, give my {what} for {} to act for me in my complaint to {landlord}, as {} of its complaints policy asks.",
            rep.name.trim(),
            cite(policy, clause)
        ),
        format!(
            "{landlord} may discuss my complaint with {}, share information about it with them, and send them copies of its letters to me.",
            rep.name.trim()
        ),
        "I can take back this permission at any time by telling the landlord.".to_string(),
    ];
    if !case.resident.address.trim().is_empty() {
        paragraphs.insert(0, format!("Address: {}", case.resident.address.trim()));
    }
    Some(Letter {
        title: format!("Permission for {} to act for {resident}", rep.name.trim()),
        heading: vec![
            format!("To: {landlord} – Complaints"),
            format!("Permission for someone to act for me ({what})"),
        ],
        paragraphs,
        closing: vec![
            format!("Name: {resident}"),
            "Signed: ______________________________".into(),
            format!("Date: ______________ (prepared on {})", long_date(today)),
        ],
    })
}

/// The letters a resident may need next, given where the case stands: a reminder when the
/// landlord has missed a date, the request for the next stage, and a summary for the Ombudsman.
pub fn next_letters(policy: &Policy, case: &Case, assessment: &Assessment) -> Vec<Letter> {
    let resident =
        if case.resident.name.trim().is_empty() { "the resident" } else { case.resident.name.trim() };
    let signer =
        case.representative.as_ref().map(|r| r.name.trim()).filter(|n| !n.is_empty()).unwrap_or(resident);
    let received = case.received().map(long_date).unwrap_or_default();
    let heading = vec![long_date(assessment.today), format!("To: {} – Complaints", assessment.landlord)];
    let closing = vec!["Yours faithfully,".to_string(), signer.to_string()];
    let mut out = Vec::new();
    for d in assessment.deadlines.iter().filter(|d| d.is_overdue() && d.party == Party::Landlord) {
        out.push(Letter {
            title: format!("Reminder: you were due to {} by {}", lower_first(&d.what), long_date(d.due)),
            heading: heading.clone(),
            paragraphs: vec![
                format!("I made a complaint on {received}. Under {} you should {} by {}, and I have not heard from you.", cite(policy, &d.clause), lower_first(&d.what), long_date(d.due)),
                "Please reply straight away and tell me when I will receive a full response. If I do not hear from you, I will ask for my complaint to go to the next stage and contact the Housing Ombudsman.".into(),
            ],
            closing: closing.clone(),
        });
    }
    let stage = assessment.current_stage.as_ref();
    let next_stage = stage.and_then(|s| policy.stages.get(s.index + 1));
    let responded = assessment.status == crate::engine::Status::ResponseGiven;
    let overdue_response =
        assessment.deadlines.iter().any(|d| d.kind == DeadlineKind::Respond && d.is_overdue());
    if let (Some(stage), Some(next)) = (stage, next_stage) {
        if responded || overdue_response {
            let why = if responded {
                "I am not satisfied with your response"
            } else {
                "I have not received your response in time"
            };
            let mut paragraphs = vec![format!(
                "I made a complaint on {received}. {why}, and I ask for my complaint to go to {} of your complaints process now.",
                next.name
            )];
            if let Some(w) = assessment
                .deadlines
                .iter()
                .find(|d| d.kind == DeadlineKind::AskForNextStage && d.stage == stage.id)
            {
                paragraphs.push(format!(
                    "I am asking within the time your policy allows ({}, by {}).",
                    cite(policy, &w.clause),
                    long_date(w.due)
                ));
            }
            paragraphs.push("Under the Housing Ombudsman's Complaint Handling Code I do not have to give reasons for asking, and you may refuse only for a reason the Code allows. Please acknowledge this request and tell me when I will receive your response.".into());
            out.push(Letter {
                title: format!("Request for {}", next.name),
                heading: heading.clone(),
                paragraphs,
                closing: closing.clone(),
            });
        }
    }
    if assessment.ombudsman.can_refer_now {
        let mut events = Vec::new();
        for e in &case.events {
            let note = e.note.as_deref().map(|n| format!(" — {}", n.trim())).unwrap_or_default();
            events.push(format!("{}: {}{note}", long_date(e.date), e.what.name().replace('_', " ")));
        }
        out.push(Letter {
            title: "Summary for the Housing Ombudsman".into(),
            heading: vec![long_date(assessment.today), "For: the Housing Ombudsman's complaint form".into()],
            paragraphs: vec![
                format!("Landlord: {}. Resident: {resident}.", assessment.landlord),
                format!(
                    "The complaint ({}): \u{201c}{}\u{201d}",
                    case.category.trim(),
                    case.description.trim()
                ),
                format!("What happened, with dates:\n{}", events.join("\n")),
                format!("What is still wrong, and the outcome wanted: {}", case.outcome_wanted.trim()),
                assessment.ombudsman.plain.clone(),
            ],
            closing: vec![signer.to_string()],
        });
    }
    out
}

/// A reasonable adjustment in plain words.
pub fn adjustment_text(a: &Adjustment) -> String {
    match a {
        Adjustment::LargePrint => "letters in large print".into(),
        Adjustment::PhoneCallsInsteadOfLetters => "phone calls instead of letters".into(),
        Adjustment::EmailInsteadOfLetters => "email instead of letters".into(),
        Adjustment::SomeoneToSpeakForMe => "someone to speak for me".into(),
        Adjustment::MoreTimeToReply => "more time to reply".into(),
        Adjustment::Other { detail } => detail.trim().to_string(),
    }
}

pub(crate) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// One dated step of the resident's plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanItem {
    /// The deadline's id, e.g. `stage1.respond`.
    pub id: String,
    pub date: NaiveDate,
    /// "Your landlord should acknowledge your complaint", "Ask for Stage 2".
    pub what: String,
    pub rule: String,
    pub clause: String,
    pub party: Party,
}

/// The dates still ahead (or overdue) for this case, in date order: what the landlord must do by
/// when, the resident's own deadlines, and what the resident can do if a response does not come.
pub fn plan(policy: &Policy, assessment: &Assessment) -> Vec<PlanItem> {
    let open =
        |d: &&crate::engine::Deadline| matches!(d.state, DeadlineState::Pending | DeadlineState::Overdue);
    let mut items: Vec<PlanItem> = assessment
        .deadlines
        .iter()
        .filter(open)
        .map(|d| PlanItem {
            id: d.id.clone(),
            date: d.due,
            what: match d.party {
                Party::Landlord => {
                    format!("{} should {} by this date", assessment.landlord, lower_first(&d.what))
                }
                Party::Resident => format!("Last day to {}", lower_first(&d.what)),
            },
            rule: d.rule.clone(),
            clause: d.clause.clone(),
            party: d.party,
        })
        .collect();
    // If the response does not come: the next stage, or the Ombudsman after the last one.
    if let Some(stage) = &assessment.current_stage {
        let respond = assessment
            .deadlines
            .iter()
            .filter(open)
            .find(|d| d.kind == DeadlineKind::Respond && d.stage == stage.id);
        if let Some(d) = respond {
            let what = match policy.stages.get(stage.index + 1) {
                Some(next) if moves_on_unanswered(policy, stage.index).is_some() => format!(
                    "If there is no response by this date, your complaint moves to {} by itself: you do not need to ask",
                    next.name
                ),
                Some(next) => format!("If there is no response by this date, you can ask for {}", next.name),
                None => {
                    "If there is no final response by this date, you can ask the Housing Ombudsman to step in"
                        .to_string()
                }
            };
            items.push(PlanItem {
                id: format!("{}.if-no-response", stage.id),
                date: d.due,
                what,
                rule: policy.after_final.ombudsman.plain.clone(),
                clause: d.clause.clone(),
                party: Party::Resident,
            });
        }
    }
    items.sort_by_key(|i| i.date);
    items
}

pub(crate) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The plan as an iCalendar file: one all-day event per date, with the rule in its description
/// and two reminders, at 9 in the morning the day before and on the day.
///
/// Each event's UID is the case's id and the deadline's (`<case id>-<deadline id>@redress`), so
/// it is unique to the case and the deadline, and the same when the same case's file is
/// downloaded again: a calendar app that imports the newer file replaces the old events instead
/// of adding copies. An all-day event's end is the next day (RFC 5545: a `DATE` end is exclusive).
///
/// Every piece of text reaching the file (names from a policy, an imported case's id, the
/// landlord's name) has its control characters taken out first: the icalendar crate escapes
/// line feeds, commas, semicolons and backslashes in text, but not a carriage return, which some
/// calendar apps read as the end of a line, so a name could otherwise add lines to the file.
pub fn plan_ics(policy: &Policy, case: &Case, assessment: &Assessment) -> String {
    let mut calendar = ICalendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new("PRODID", "-//Redress//Complaint plan//EN"));
    calendar.append_property(Property::new("CALSCALE", "GREGORIAN"));
    let name = ics_line(&format!("Complaint to {}", assessment.landlord));
    // `NAME` (RFC 7986) is written as it is given, so it is escaped here; X-WR-CALNAME is
    // escaped by the crate.
    calendar.append_property(Property::new("NAME", ics_escape(&name)));
    calendar.append_property(Property::new("X-WR-CALNAME", &name));
    for item in plan(policy, assessment) {
        let what = ics_line(&item.what);
        let when = long_date(item.date);
        let base = ics_line(&format!("{}-{}", case.id, item.id));
        let uid = format!("{base}@redress");
        // Reminders at 9 in the morning: 15 hours before the day starts, and 9 hours into it.
        // Each has a UID of its own (the crate would otherwise make up a new one every time).
        let reminder = |text: String, trigger: &str, n: u8| {
            let mut alarm = Alarm::display(&text, chrono::Duration::zero());
            alarm.append_property(Property::new("TRIGGER", trigger));
            alarm.uid(&format!("{base}-reminder-{n}@redress"));
            alarm
        };
        let event = IEvent::new()
            .uid(&uid)
            .summary(&what)
            .description(&ics_text(&format!("{} ({})", item.rule, policy.citation(&item.clause))))
            .starts(item.date)
            .ends(item.date.succ_opt().unwrap_or(item.date))
            .alarm(reminder(format!("Tomorrow, {when}: {what}."), "-PT15H", 1))
            .alarm(reminder(format!("Today, {when}: {what}."), "PT9H", 2))
            .done();
        calendar.push(event);
    }
    calendar.done().to_string()
}

/// Text for a one-line iCalendar value: every control character (a line break, a carriage
/// return, a tab, and the Unicode line and paragraph separators) becomes a space.
fn ics_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') { ' ' } else { c })
        .collect()
}

/// Text for a value that may run over several lines: line breaks of every kind become `\n`
/// (which the crate writes as the escape `\\n`), other control characters spaces.
fn ics_text(text: &str) -> String {
    let unified = text.replace("\r\n", "\n").replace(['\r', '\u{2028}', '\u{2029}'], "\n");
    unified.chars().map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect()
}

/// RFC 5545 text escaping (backslash, comma, semicolon, line feed), for a property the crate
/// writes without it.
fn ics_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace(',', "\\,").replace(';', "\\;").replace('\n', "\\n")
}
