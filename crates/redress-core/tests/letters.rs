//! The complaint letter and the plan: every date comes from the engine, the resident's words are
//! quoted exactly, a helper writes on the resident's behalf, and HTML never carries user markup.

use chrono::NaiveDate;
use redress_core::calendar::{long_date, Calendar, Division};
use redress_core::case::{
    sample_cases, Adjustment, Case, Contact, ContactMethod, Event, EventKind, Representative,
    RepresentativeRole,
};
use redress_core::engine::{assess, Assessment, DeadlineKind};
use redress_core::letters::{authority_form, complaint_letter, next_letters, plan, plan_ics};
use redress_core::policy::by_id;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn case_for(policy_id: &str, words: &str) -> Case {
    let mut case = sample_cases(1, 9).remove(0);
    case.id = "case-letter".into();
    case.policy_id = policy_id.into();
    case.policy_version = by_id(policy_id).unwrap().version.clone();
    case.resident.name = "Sam Taylor".into();
    case.landlord = String::new();
    case.description = words.into();
    case.events = vec![Event::new(d("2026-12-18"), EventKind::Received)];
    case
}

fn assessed(case: &Case) -> Assessment {
    let policy = by_id(&case.policy_id).unwrap();
    assess(policy, case, &Calendar::builtin(Division::EnglandAndWales), d("2026-12-18")).unwrap()
}

#[test]
fn the_letter_asks_for_the_engines_dates_with_their_clauses() {
    let words = "Black mould in the back bedroom since March.\nMy son's asthma is worse.";
    let case = case_for("progress", words);
    let assessment = assessed(&case);
    let letter = complaint_letter(by_id("progress").unwrap(), &case, &assessment);
    let text = letter.to_text();
    let due = |kind| assessment.deadlines.iter().find(|d| d.kind == kind).unwrap();
    let ack = due(DeadlineKind::Acknowledge);
    let respond = due(DeadlineKind::Respond);
    assert_eq!((ack.due, respond.due), (d("2026-12-29"), d("2027-01-13")));
    assert!(
        text.contains(&format!("acknowledge this complaint by {} (clause 4.3.9)", long_date(ack.due))),
        "{text}"
    );
    assert!(
        text.contains(&format!("send a full response by {} (clause 4.3.9)", long_date(respond.due))),
        "{text}"
    );
    assert!(text.contains(&format!("\u{201c}{words}\u{201d}")), "the resident's words, exactly");
    assert!(text.contains("In my own words:") && text.contains("I am making a formal complaint under your Complaints, Feedback and Redress Policy (version 1)"));
    assert!(text.starts_with("18 December 2026\nTo: Progress Housing Group – Complaints\n"), "{text}");
    assert!(text.trim_end().ends_with("Yours faithfully,\nSam Taylor"), "{text}");
}

#[test]
fn a_helper_writes_on_behalf_and_cites_the_authority_the_policy_needs() {
    let mut case = case_for("housing-plus", "The lift has been broken for a month.");
    case.representative = Some(Representative {
        name: "Priya Shah".into(),
        role: RepresentativeRole::Advocate,
        authority_given: false,
        contact: Contact { method: ContactMethod::Email, detail: "priya@advice.example".into() },
    });
    case.adjustments = vec![Adjustment::LargePrint, Adjustment::PhoneCallsInsteadOfLetters];
    let letter = complaint_letter(by_id("housing-plus").unwrap(), &case, &assessed(&case));
    let text = letter.to_text();
    assert!(text.contains("I am writing as their advocate on behalf of Sam Taylor"), "{text}");
    assert!(text.contains("Clause 3.3 of your policy asks for their authority"), "{text}");
    assert!(text.contains("In Sam Taylor's own words:"));
    assert!(text.contains("letters in large print and phone calls instead of letters"));
    assert!(text.contains("Please contact me by email at priya@advice.example."));
    assert!(text.contains("Priya Shah\non behalf of Sam Taylor (advocate)"), "{text}");

    // An MP's consent is assumed under ForHousing's clause 7.
    let mut mp_case = case_for("forhousing", "Repairs ignored.");
    mp_case.representative = Some(Representative {
        name: "Jo Bloggs MP".into(),
        role: RepresentativeRole::Mp,
        authority_given: false,
        contact: Contact::default(),
    });
    let text = complaint_letter(by_id("forhousing").unwrap(), &mp_case, &assessed(&mp_case)).to_text();
    assert!(text.contains("Under clause 7 of your policy you can assume their consent."), "{text}");
    assert!(text.contains("log this as a Stage 1 complaint"), "ForHousing has a stage 0: {text}");
}

#[test]
fn html_escapes_everything_the_user_typed() {
    let case = case_for("code-2024", "<script>alert('x')</script> & \"quotes\"");
    let html = complaint_letter(by_id("code-2024").unwrap(), &case, &assessed(&case)).to_html();
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"));
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"en-GB\">"));
}

#[test]
fn the_plan_lists_the_open_dates_in_order_and_as_icalendar() {
    let mut case = case_for("code-2024", "Heating broken.");
    case.landlord = "Riverside Homes".into();
    case.events.push(Event::new(d("2026-12-21"), EventKind::Acknowledged));
    let assessment = assessed(&case);
    let policy = by_id("code-2024").unwrap();
    let items = plan(policy, &assessment);
    // Acknowledged, so only the response is open: 10 working days from 21 December; and what
    // the resident can do if it does not come.
    assert_eq!(items.len(), 2);
    assert_eq!((items[0].id.as_str(), items[0].date), ("stage1.respond", d("2027-01-07")));
    assert_eq!(items[0].what, "Riverside Homes should respond to the complaint by this date");
    assert_eq!((items[1].id.as_str(), items[1].date), ("stage1.if-no-response", d("2027-01-07")));
    assert_eq!(items[1].what, "If there is no response by this date, you can ask for Stage 2");

    let ics = plan_ics(policy, &case, &assessment);
    assert!(ics.starts_with("BEGIN:VCALENDAR"), "{ics}");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
    assert!(ics.contains("DTSTART;VALUE=DATE:20270107"), "{ics}");
    assert!(ics.contains("UID:case-letter-stage1.respond@redress"), "{ics}");
    assert!(ics.contains("(the Code\\, paragraph 6.3)"), "{ics}");
    let letter = complaint_letter(by_id("code-2024").unwrap(), &case, &assessment).to_text();
    assert!(letter.contains("To: Riverside Homes – Complaints"), "{letter}");
    assert!(letter.contains("under the Housing Ombudsman's Complaint Handling Code"), "{letter}");
    assert!(letter.contains("(the Code, paragraph 6.2)"), "{letter}");
}

#[test]
fn the_authority_form_follows_what_the_policy_asks() {
    let helper = |role| Representative {
        name: "Priya Shah".into(),
        role,
        authority_given: false,
        contact: Contact::default(),
    };
    let today = d("2026-11-23");
    // Housing Plus 3.3: signed authority for an advocate.
    let mut case = case_for("housing-plus", "x");
    case.representative = Some(helper(RepresentativeRole::Advocate));
    let form = authority_form(by_id("housing-plus").unwrap(), &case, today).unwrap().to_text();
    assert!(form.contains("I, Sam Taylor, give my signed authority for Priya Shah to act for me in my complaint to Housing Plus Group, as clause 3.3"), "{form}");
    assert!(form.contains("Signed: ____"));
    // Together 4.2: written permission.
    case.policy_id = "together".into();
    let form = authority_form(by_id("together").unwrap(), &case, today).unwrap().to_text();
    assert!(form.contains("written permission") && form.contains("clause 4.2"), "{form}");
    // ForHousing 7: an MP's consent is assumed, so no form.
    case.policy_id = "forhousing".into();
    case.representative = Some(helper(RepresentativeRole::Mp));
    assert!(authority_form(by_id("forhousing").unwrap(), &case, today).is_none());
    // No helper, no form.
    case.representative = None;
    assert!(authority_form(by_id("forhousing").unwrap(), &case, today).is_none());
}

#[test]
fn the_next_letters_follow_the_case() {
    let policy = by_id("progress").unwrap();
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    let mut case = case_for("progress", "Mould.");
    case.outcome_wanted = "Treat the mould.".into();
    // Nothing heard for weeks: a reminder (acknowledgement and response) and the request for Stage Two.
    let late = assess(policy, &case, &calendar, d("2027-02-01")).unwrap();
    let titles: Vec<String> = next_letters(policy, &case, &late).into_iter().map(|l| l.title).collect();
    assert_eq!(
        titles,
        [
            "Reminder: you were due to acknowledge the complaint by 29 December 2026",
            "Reminder: you were due to respond to the complaint by 13 January 2027",
            "Request for Stage Two – Senior Manager Review",
        ]
    );
    // After the final response: the summary for the Ombudsman, with the dates.
    case.events.extend([
        Event::new(d("2026-12-21"), EventKind::Acknowledged),
        Event {
            note: Some("They said the mould is condensation.".into()),
            ..Event::new(
                d("2027-01-05"),
                EventKind::Responded {
                    remedy_agreed: None,
                    outcome: redress_core::case::Outcome::NotUpheld,
                    remedy: String::new(),
                    compensation_pence: None,
                    points: Vec::new(),
                    outstanding_actions: String::new(),
                    lessons: String::new(),
                },
            )
        },
        Event::new(d("2027-01-08"), EventKind::EscalationRequested),
        Event::new(d("2027-01-11"), EventKind::Acknowledged),
        Event::new(
            d("2027-02-01"),
            EventKind::Responded {
                remedy_agreed: None,
                outcome: redress_core::case::Outcome::NotUpheld,
                remedy: String::new(),
                compensation_pence: None,
                points: Vec::new(),
                outstanding_actions: String::new(),
                lessons: String::new(),
            },
        ),
    ]);
    let done = assess(policy, &case, &calendar, d("2027-02-03")).unwrap();
    let letters = next_letters(policy, &case, &done);
    assert_eq!(letters.len(), 1);
    let summary = letters[0].to_text();
    assert!(
        summary.contains("1 February 2027: responded") && summary.contains("18 December 2026: received"),
        "{summary}"
    );
    assert!(summary.contains("Treat the mould."));
    assert!(
        summary.contains("5 January 2027: responded — They said the mould is condensation."),
        "{summary}"
    );
}

fn not_upheld() -> EventKind {
    EventKind::Responded {
        remedy_agreed: None,
        outcome: redress_core::case::Outcome::NotUpheld,
        remedy: String::new(),
        compensation_pence: None,
        points: Vec::new(),
        outstanding_actions: String::new(),
        lessons: String::new(),
    }
}

#[test]
fn a_step_the_policy_takes_by_itself_is_never_asked_for() {
    // ForHousing 2: the complaint moves on by itself when no remedy is agreed in time. Received
    // Friday 18 December 2026: the First Response is due Tuesday 22 December.
    let policy = by_id("forhousing").unwrap();
    let case = case_for("forhousing", "The boiler is broken.");
    let assessment = assessed(&case);
    let text = complaint_letter(policy, &case, &assessment).to_text();
    assert!(
        text.contains("If I do not receive a full response by 22 December 2026, my complaint moves to the next stage by itself under clause 2, and I may ask the Housing Ombudsman for help."),
        "{text}"
    );
    assert!(!text.contains("I will ask for my complaint to go to the next stage"), "{text}");
    let items = plan(policy, &assessment);
    let if_none = items.iter().find(|i| i.id == "stage0.if-no-response").unwrap();
    assert_eq!(
        if_none.what,
        "If there is no response by this date, your complaint moves to Stage 1 Investigation by itself: you do not need to ask"
    );
    // Under a policy with no such rule the resident still asks.
    let progress = case_for("progress", "The boiler is broken.");
    let text = complaint_letter(by_id("progress").unwrap(), &progress, &assessed(&progress)).to_text();
    assert!(text.contains("I will ask for my complaint to go to the next stage"), "{text}");
}

#[test]
fn after_the_second_stage_the_ombudsman_summary_is_offered_whatever_stage_follows() {
    // Housing Plus has a third stage (the Panel); the Code has two. After the Stage Two response
    // the resident may go to the Ombudsman, and is offered the summary for it.
    let policy = by_id("housing-plus").unwrap();
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    let mut case = case_for("housing-plus", "Damp in the bathroom.");
    case.events.extend([
        Event::new(d("2026-12-21"), EventKind::Acknowledged),
        Event::new(d("2027-01-05"), not_upheld()),
        Event::new(d("2027-01-08"), EventKind::EscalationRequested),
        Event::new(d("2027-01-11"), EventKind::Acknowledged),
        Event::new(d("2027-01-15"), not_upheld()),
    ]);
    let a = assess(policy, &case, &calendar, d("2027-01-18")).unwrap();
    assert!(a.ombudsman.can_refer_now);
    assert_eq!(a.ombudsman.refer_by, Some(d("2028-01-15")));
    let titles: Vec<String> = next_letters(policy, &case, &a).into_iter().map(|l| l.title).collect();
    assert_eq!(titles, ["Request for Stage Three – Panel", "Summary for the Housing Ombudsman"]);
    assert!(
        a.resident_next
            .iter()
            .any(|s| s.what.contains("you do not have to ask for Stage Three – Panel first")),
        "{:?}",
        a.resident_next
    );
    // Still so once Stage Three has begun: it cannot block the way to the Ombudsman.
    case.events.push(Event::new(d("2027-01-19"), EventKind::EscalationRequested));
    let a = assess(policy, &case, &calendar, d("2027-01-20")).unwrap();
    assert!(a.ombudsman.can_refer_now);
    assert!(next_letters(policy, &case, &a).iter().any(|l| l.title == "Summary for the Housing Ombudsman"));
}

/// What each policy asks of a helper, as the seed says it (fidelity audit §2, §3, §5): Together's
/// written permission is for advocates (4.2), not councillors or MPs (7.1 designated persons);
/// Progress and Tuntum accept an MP's or councillor's complaint without saying consent is
/// assumed; ForHousing does assume it (7).
#[test]
fn a_helper_is_asked_only_for_the_permission_the_policy_names() {
    let helped = |policy: &str, role: RepresentativeRole| {
        let mut case = case_for(policy, "The roof leaks.");
        case.representative = Some(Representative {
            name: "Jo Bloggs".into(),
            role,
            authority_given: false,
            contact: Contact { method: ContactMethod::Email, detail: "jo@example.org".into() },
        });
        let policy = by_id(policy).unwrap();
        let text = complaint_letter(policy, &case, &assessed(&case)).to_text();
        (text, authority_form(policy, &case, d("2026-12-18")).is_some())
    };
    let (text, form) = helped("together", RepresentativeRole::Councillor);
    assert!(!form && !text.contains("written permission") && !text.contains("authority"), "{text}");
    assert!(text.contains("Clause 7.1; 7.2 of your policy accepts complaints raised this way."), "{text}");
    let (text, form) = helped("together", RepresentativeRole::Advocate);
    assert!(form && text.contains("Clause 4.2 of your policy asks for their authority"), "{text}");
    for policy in ["progress", "tuntum"] {
        let (text, form) = helped(policy, RepresentativeRole::Mp);
        assert!(!form && !text.contains("assume"), "{policy}: {text}");
        assert!(text.contains("of your policy accepts complaints raised this way."), "{policy}: {text}");
    }
    let (text, form) = helped("forhousing", RepresentativeRole::Mp);
    assert!(!form && text.contains("Under clause 7 of your policy you can assume their consent."), "{text}");
    let (text, form) = helped("tuntum", RepresentativeRole::Friend);
    assert!(!form, "Tuntum names no form");
    assert!(
        text.contains("asks you to be sure I represent their views: they have asked me to write for them."),
        "{text}"
    );
}

/// The letter says what the triage found where the landlord might turn the complaint away: the
/// Code's view of a reason it does not accept, the reasons to look at an older problem, and (for
/// Progress 2.3.6) when the problem was first raised.
#[test]
fn the_letter_answers_what_the_landlord_might_turn_it_away_for() {
    use redress_core::engine::{triage, Answers, Topic};
    use redress_core::letters::complaint_letter_after_triage;
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    let letter = |policy: &str, case: &Case, answers: &Answers| {
        let p = by_id(policy).unwrap();
        let t = triage(p, answers, &calendar, d("2026-12-18"));
        complaint_letter_after_triage(p, case, &assessed(case), &t, answers).to_text()
    };
    // Housing Plus 4.4: an MP's complaint goes to "a separate process"; the Code says otherwise.
    let mut case = case_for("housing-plus", "The lift is broken.");
    case.representative = Some(Representative {
        name: "Jo Bloggs MP".into(),
        role: RepresentativeRole::Mp,
        authority_given: false,
        contact: Contact { method: ContactMethod::Email, detail: "jo@example.org".into() },
    });
    let answers = Answers { raised_by_councillor_or_mp: true, ..Answers::default() };
    let text = letter("housing-plus", &case, &answers);
    assert!(text.contains("Your policy says a matter like this is not covered (clause 4.4:"), "{text}");
    assert!(text.contains("treats it as a complaint. Please deal with it as one, or explain in writing why you will not, so that they can ask the Housing Ombudsman"), "{text}");
    // Together 2.4: older than six months, with a named exception.
    let case = case_for("together", "The stairs have been unsafe since March.");
    let older = Answers {
        started: Some(d("2026-03-01")),
        safeguarding_or_health_and_safety: true,
        ..Answers::default()
    };
    let text = letter("together", &case, &older);
    assert!(text.contains("I know this may be outside the time limit in clause 2.4. Please consider it anyway: it involves safeguarding or health and safety. Your policy names this as a reason to consider an older complaint."), "{text}");
    // Progress 2.3.6: no discretion, so the Code is named; and the first raising is stated.
    let case = case_for("progress", "The back door does not lock.");
    let text = letter("progress", &case, &Answers { started: Some(d("2026-03-01")), ..Answers::default() });
    assert!(
        text.contains("Complaint Handling Code expects landlords to consider older complaints"),
        "{text}"
    );
    let raised = Answers {
        started: Some(d("2026-03-01")),
        first_raised: Some(d("2026-05-01")),
        topic: Topic::Repairs,
        ..Answers::default()
    };
    let text = letter("progress", &case, &raised);
    assert!(text.contains("I first raised the problem with you on 1 May 2026 (clause 2.3.6)."), "{text}");
    assert!(!text.contains("outside the time limit"), "in time: {text}");
    // A plain complaint's letter is the ordinary one.
    let plain = case_for("progress", "Mould.");
    assert_eq!(
        letter("progress", &plain, &Answers::default()),
        complaint_letter(by_id("progress").unwrap(), &plain, &assessed(&plain)).to_text()
    );
}
