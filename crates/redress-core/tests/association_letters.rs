//! The letters an association sends: each carries what the Complaint Handling Code requires, with
//! every date from the engine (hand-checked here), the resident's words quoted exactly, and HTML
//! that never carries user markup.
//!
//! Each letter is also compared with `tests/golden/letters/<name>.txt`. `BLESS=1 cargo test -p redress-core --test
//! association_letters` rewrites those files; read the diff as a letter before committing it.

use std::path::PathBuf;

use chrono::NaiveDate;
use redress_core::calendar::{long_date, Calendar, Division};
use redress_core::case::{
    Adjustment, Case, Contact, ContactMethod, Event, EventKind, Outcome, PointDecision, Representative,
    RepresentativeRole, Resident,
};
use redress_core::engine::{assess, Assessment, DeadlineKind};
use redress_core::letters::association::{
    acknowledgement, escalation_refusal, extension_notice, for_event, pounds, refusal, stage_response,
    Sender, OMBUDSMAN_CONTACT,
};
use redress_core::letters::Letter;
use redress_core::policy::{by_id, Policy};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const WORDS: &str = "Water has been coming through the kitchen ceiling since August. I reported it three times and nobody came.\nThe ceiling is now stained and the light fitting does not work.";

fn policy(id: &str) -> &'static Policy {
    by_id(id).unwrap()
}

fn sender() -> Sender {
    Sender { organisation: "Riverside Homes".into(), handler: "Amira Khan".into() }
}

/// A case received on Monday 2 November 2026 under `policy_id`, with `events` after that.
fn case(policy_id: &str, events: Vec<Event>) -> Case {
    let mut all = vec![Event::new(d("2026-11-02"), EventKind::Received)];
    all.extend(events);
    Case {
        id: "RH-2026-0142".into(),
        policy_id: policy_id.into(),
        policy_version: policy(policy_id).version.clone(),
        landlord: "Riverside Homes".into(),
        feedback: Default::default(),
        category: "Repairs".into(),
        description: WORDS.into(),
        outcome_wanted: "Fix the leak and repair the ceiling.".into(),
        problem_started: Some(d("2026-08-10")),
        resident: Resident {
            name: "Sam Taylor".into(),
            address: "Flat 4, 12 Mill Lane, Preston PR1 2AB".into(),
            contact: Contact { method: ContactMethod::Letter, detail: String::new() },
            relationship: Default::default(),
        },
        representative: None,
        adjustments: Vec::new(),
        division: Division::EnglandAndWales,
        channel: None,
        handler: Some("Amira Khan".into()),
        events: all,
    }
}

fn assessed(case: &Case) -> Assessment {
    let today = case.events.last().unwrap().date;
    assess(policy(&case.policy_id), case, &Calendar::builtin(Division::EnglandAndWales), today).unwrap()
}

fn responded(outcome: Outcome, points: Vec<PointDecision>) -> EventKind {
    EventKind::Responded {
        remedy_agreed: None,
        outcome,
        remedy: "We apologise. We will repair the roof, replace the ceiling plaster and the light fitting."
            .into(),
        compensation_pence: Some(123_450),
        points,
        outstanding_actions: "The roofer will finish the repair by 27 November 2026.".into(),
        lessons: "Repeat reports of a leak now go straight to a supervisor.".into(),
    }
}

fn points() -> Vec<PointDecision> {
    vec![
        PointDecision {
            point: "We did not come out to the leak after three reports.".into(),
            decision: Outcome::Upheld,
            reasons: "Our records show reports on 12 August, 2 September and 30 September, and no visit was booked."
                .into(),
        },
        PointDecision {
            point: "The damage to your carpet.".into(),
            decision: Outcome::NotUpheld,
            reasons: "Contents are not covered by our repairs service; your home contents insurance covers them."
                .into(),
        },
    ]
}

/// Compares the letter with its golden file, or writes the file under `BLESS=1`.
fn check(name: &str, letter: &Letter) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/golden/letters/{name}.txt"));
    let text = letter.to_text();
    if std::env::var_os("BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!("{name}: no golden file; run BLESS=1 cargo test -p redress-core --test association_letters")
    });
    assert!(
        text == expected,
        "{name}: differs from {}; run BLESS=1 and review the diff\n{text}",
        path.display()
    );
}

fn has(text: &str, want: &str) {
    assert!(text.contains(want), "missing {want:?} in:\n{text}");
}

#[test]
fn the_acknowledgement_gives_the_stage_the_complaint_and_the_engines_due_date() {
    let mut case = case("code-2024", vec![Event::new(d("2026-11-04"), EventKind::Acknowledged)]);
    case.adjustments = vec![Adjustment::LargePrint, Adjustment::SomeoneToSpeakForMe];
    case.representative = Some(Representative {
        name: "Priya Shah".into(),
        role: RepresentativeRole::Advocate,
        authority_given: true,
        contact: Contact { method: ContactMethod::Email, detail: "priya@advice.example".into() },
    });
    let assessment = assessed(&case);
    // Received Monday 2 November, acknowledged Wednesday 4 November: 10 working days from the
    // acknowledgement (day 1 is Thursday 5th; no bank holidays) is Wednesday 18 November.
    let respond = assessment.deadlines.iter().find(|x| x.kind == DeadlineKind::Respond).unwrap();
    assert_eq!(respond.due, d("2026-11-18"));
    let letter = acknowledgement(policy("code-2024"), &case, &assessment, &sender()).unwrap();
    let text = letter.to_text();
    has(&text, "we are dealing with it at Stage 1, under the Housing Ombudsman's Complaint Handling Code.");
    has(&text, "which we received on 2 November 2026");
    has(&text, &format!("We understood your complaint to be:\n\u{201c}{WORDS}\u{201d}"));
    has(&text, "We will send you our full response by 18 November 2026.");
    has(&text, "letters in large print and someone to speak for you");
    has(&text, "Copy to: Priya Shah (your advocate), priya@advice.example");
    has(&text, "Amira Khan is handling your complaint.");
    assert!(text.starts_with("4 November 2026\nSam Taylor\n"), "{text}");
    assert!(text.ends_with("Yours sincerely,\nAmira Khan\nRiverside Homes\n"), "{text}");
    check("code-stage1-acknowledgement", &letter);

    // Progress only aims to respond in time, and says so.
    let case = self::case("progress", vec![Event::new(d("2026-11-04"), EventKind::Acknowledged)]);
    let letter = acknowledgement(policy("progress"), &case, &assessed(&case), &sender()).unwrap();
    has(&letter.to_text(), "We aim to send you our full response by 18 November 2026.");
    has(&letter.to_text(), "This is the time set by clause 4.3.9 of our complaints policy.");
    check("progress-stage1-acknowledgement", &letter);
}

#[test]
fn the_stage_one_response_has_every_element_the_code_requires() {
    let case = case(
        "progress",
        vec![
            Event::new(d("2026-11-04"), EventKind::Acknowledged),
            Event::new(d("2026-11-16"), responded(Outcome::PartlyUpheld, points())),
        ],
    );
    let assessment = assessed(&case);
    // Progress 4.3.13: ask for Stage Two within 6 months of the Stage One response (16 November).
    let ask = assessment.deadlines.iter().find(|x| x.kind == DeadlineKind::AskForNextStage).unwrap();
    assert_eq!(ask.due, d("2027-05-16"));
    let letter = stage_response(policy("progress"), &case, &assessment, &sender()).unwrap();
    let text = letter.to_text();
    has(&text, "This is our Stage One response to your complaint, which we received on 2 November 2026.");
    has(&text, &format!("\u{201c}{WORDS}\u{201d}"));
    for p in points() {
        has(&text, &p.point);
        has(&text, &format!("Our decision: {}.", p.decision.label()));
        has(&text, &p.reasons);
    }
    has(&text, "Overall, we have partly upheld your complaint");
    has(&text, "To put things right: We apologise. We will repair the roof");
    has(&text, "We are offering you compensation of £1,234.50.");
    // Progress Appendix 1, types of payment: credited to any arrears first.
    has(&text, "If you owe rent or service charges, compensation is credited to your rent or service charge account to help clear the arrears");
    has(&text, "Work still to be done: The roofer will finish the repair by 27 November 2026.");
    has(&text, "We will keep track of these actions until they are finished");
    has(&text, "What we have learned: Repeat reports of a leak now go straight to a supervisor.");
    has(&text, "you can ask for your complaint to go to Stage Two – Senior Manager Review");
    has(&text, "You do not have to give reasons for asking.");
    has(
        &text,
        &format!("Please ask by {} (the time set by clauses 4.3.13 and 2.3.6 of our", long_date(ask.due)),
    );
    has(&text, "Please ask by 16 May 2027");
    assert!(!text.contains("final response"), "{text}");
    check("progress-stage1-response", &letter);
}

#[test]
fn the_final_response_explains_how_to_go_to_the_ombudsman() {
    let case = case(
        "code-2024",
        vec![
            Event::new(d("2026-11-04"), EventKind::Acknowledged),
            Event::new(d("2026-11-16"), responded(Outcome::PartlyUpheld, points())),
            Event::new(d("2026-11-20"), EventKind::EscalationRequested),
            Event::new(d("2026-11-24"), EventKind::Acknowledged),
            Event::new(
                d("2026-12-15"),
                EventKind::Responded {
                    remedy_agreed: None,
                    outcome: Outcome::NotUpheld,
                    remedy: String::new(),
                    compensation_pence: None,
                    points: Vec::new(),
                    outstanding_actions: String::new(),
                    lessons: String::new(),
                },
            ),
        ],
    );
    let mut case = case;
    case.events.last_mut().unwrap().note =
        Some("A senior manager reviewed the Stage 1 response and agrees with it.".into());
    let assessment = assessed(&case);
    // Stage 2: 20 working days from the acknowledgement on Tuesday 24 November is 22 December.
    let respond = assessment.deadlines.iter().find(|x| x.id == "stage2.respond").unwrap();
    assert_eq!(respond.due, d("2026-12-22"));
    assert_eq!(assessment.ombudsman.refer_by, Some(d("2027-12-15")));
    let letter = stage_response(policy("code-2024"), &case, &assessment, &sender()).unwrap();
    let text = letter.to_text();
    has(&text, "This is our Stage 2 response to your request of 20 November 2026 for your complaint to go to Stage 2. It is our final response.");
    has(&text, "We looked into your complaint as a whole.");
    has(&text, "What we found: A senior manager reviewed the Stage 1 response and agrees with it.");
    has(&text, "Overall, we have not upheld your complaint");
    has(&text, "We are not offering a remedy with this response.");
    has(&text, "Our complaints process is now complete.");
    has(&text, "within 12 months of this response, that is by 15 December 2027.");
    has(&text, OMBUDSMAN_CONTACT);
    for detail in [
        "Housing Ombudsman Service",
        "PO Box 1484",
        "PR2 0ET",
        "0300 111 3000",
        "info@housing-ombudsman.org.uk",
        "www.housing-ombudsman.org.uk",
    ] {
        has(&text, detail);
    }
    check("code-stage2-final-response", &letter);

    // The Stage 1 response in the same case: the route is Stage 2, with no window in the Code.
    let stage1 = for_event(policy("code-2024"), &case, &assessment, &sender(), 2).unwrap();
    has(
        &stage1.to_text(),
        "you can ask for your complaint to go to Stage 2. You do not have to give reasons",
    );
    has(
        &stage1.to_text(),
        "At that stage, your complaint will be looked at by someone not involved at Stage 1.",
    );
    check("code-stage1-response", &stage1);
}

#[test]
fn the_extension_notice_gives_both_dates_the_reason_and_the_ombudsman() {
    let mut extended =
        Event::new(d("2026-11-13"), EventKind::Extended { new_due: d("2026-12-02"), resident_agreed: false });
    extended.note =
        Some("We need a roofer's report before we can decide, and the earliest visit is 24 November.".into());
    let case =
        case("code-2024", vec![Event::new(d("2026-11-04"), EventKind::Acknowledged), extended.clone()]);
    let assessment = assessed(&case);
    let respond = assessment.deadlines.iter().find(|x| x.kind == DeadlineKind::Respond).unwrap();
    assert_eq!((respond.extended_from, respond.due), (Some(d("2026-11-18")), d("2026-12-02")));
    let letter = extension_notice(policy("code-2024"), &case, &assessment, &sender()).unwrap();
    let text = letter.to_text();
    has(&text, "We told you we would respond by 18 November 2026.");
    has(&text, "We will now send you our full response by 2 December 2026.");
    has(&text, "Why we need more time: We need a roofer's report");
    has(&text, "0300 111 3000");
    has(&text, "If you are unhappy with this extension, you can contact the Housing Ombudsman");
    // The Code allows up to 10 more working days without agreement (to 2 December).
    assert!(!text.contains("agree"), "{text}");
    check("code-stage1-extension", &letter);

    // Progress 4.3.10: the new date must be agreed.
    let case = self::case("progress", vec![Event::new(d("2026-11-04"), EventKind::Acknowledged), extended]);
    let letter = extension_notice(policy("progress"), &case, &assessed(&case), &sender()).unwrap();
    let text = letter.to_text();
    has(&text, "Under clause 4.3.10 of our complaints policy, we need to agree the new date with you. Please let us know whether you agree to it.");
    has(&text, "We now aim to send you our full response by 2 December 2026.");
    check("progress-stage1-extension-unagreed", &letter);
}

#[test]
fn a_refusal_cites_the_exclusion_and_the_right_to_go_to_the_ombudsman() {
    let case = case(
        "progress",
        vec![Event::new(
            d("2026-11-05"),
            EventKind::Refused {
                exclusion: "neighbour_nuisance_asb".into(),
                reason: "Your complaint is about noise from the flat above.".into(),
            },
        )],
    );
    let letter = refusal(policy("progress"), &case, &sender()).unwrap();
    let text = letter.to_text();
    let exclusion = policy("progress").exclusion("neighbour_nuisance_asb").unwrap();
    has(&text, "we cannot take this forward as a complaint");
    has(
        &text,
        &format!(
            "This is because clause {} of our complaints policy says: {}",
            exclusion.clause, exclusion.plain
        ),
    );
    has(&text, "clause 2.3.1");
    has(&text, "In your case: Your complaint is about noise from the flat above.");
    has(&text, &format!("What you can do instead: {}", exclusion.instead.as_deref().unwrap()));
    has(&text, "you can ask the Housing Ombudsman to look at it");
    has(&text, OMBUDSMAN_CONTACT);
    check("progress-refusal", &letter);

    let case = self::case(
        "code-2024",
        vec![Event::new(
            d("2026-11-05"),
            EventKind::Refused { exclusion: "legal_proceedings".into(), reason: String::new() },
        )],
    );
    let letter = refusal(policy("code-2024"), &case, &sender()).unwrap();
    has(&letter.to_text(), "This is because paragraph 2.2 of the Complaint Handling Code says:");
    check("code-refusal", &letter);
}

#[test]
fn an_escalation_refusal_cites_the_policy_and_the_ombudsman() {
    let case = case(
        "progress",
        vec![
            Event::new(d("2026-11-04"), EventKind::Acknowledged),
            Event::new(d("2026-11-16"), responded(Outcome::NotUpheld, Vec::new())),
            Event::new(d("2027-06-01"), EventKind::EscalationRequested),
            Event::new(
                d("2027-06-03"),
                EventKind::EscalationRefused {
                    reason: "You asked on 1 June 2027, more than six months after our Stage One response of 16 November 2026.".into(),
                },
            ),
        ],
    );
    let letter = escalation_refusal(policy("progress"), &case, &assessed(&case), &sender()).unwrap();
    let text = letter.to_text();
    has(&text, "Thank you for your request of 1 June 2027 for your complaint to go to Stage Two – Senior Manager Review");
    has(&text, "we cannot take your complaint to Stage Two – Senior Manager Review.");
    has(&text, "Our reasons: You asked on 1 June 2027");
    has(&text, "Clauses 2.4 and 2.3.6 of our complaints policy say:");
    has(&text, OMBUDSMAN_CONTACT);
    check("progress-escalation-refusal", &letter);
    let assessment = assessed(&case);
    assert_eq!(for_event(policy("progress"), &case, &assessment, &sender(), 4), Some(letter));
}

#[test]
fn each_event_kind_gets_its_letter_and_a_missing_event_gets_none() {
    let policy = policy("code-2024");
    let case = case("code-2024", Vec::new());
    let assessment = assessed(&case);
    assert_eq!(acknowledgement(policy, &case, &assessment, &sender()), None);
    assert_eq!(stage_response(policy, &case, &assessment, &sender()), None);
    assert_eq!(extension_notice(policy, &case, &assessment, &sender()), None);
    assert_eq!(refusal(policy, &case, &sender()), None);
    assert_eq!(escalation_refusal(policy, &case, &assessment, &sender()), None);
    assert_eq!(for_event(policy, &case, &assessment, &sender(), 0), None, "received has no letter");
    assert_eq!(for_event(policy, &case, &assessment, &sender(), 7), None, "no such event");

    let case = self::case(
        "code-2024",
        vec![
            Event::new(d("2026-11-04"), EventKind::Acknowledged),
            Event::new(
                d("2026-11-10"),
                EventKind::Extended { new_due: d("2026-11-25"), resident_agreed: true },
            ),
            Event::new(d("2026-11-20"), responded(Outcome::Upheld, points())),
        ],
    );
    let assessment = assessed(&case);
    let titles: Vec<Option<String>> =
        (0..4).map(|i| for_event(policy, &case, &assessment, &sender(), i).map(|l| l.title)).collect();
    assert_eq!(
        titles,
        [
            None,
            Some("Acknowledgement of your complaint – Stage 1".into()),
            Some("We need more time to respond to your complaint – Stage 1".into()),
            Some("Our Stage 1 response to your complaint".into()),
        ]
    );
    // The acknowledgement gives the date due then, before the later extension moved it.
    let ack = for_event(policy, &case, &assessment, &sender(), 1).unwrap().to_text();
    has(&ack, "by 18 November 2026.");
    let ext = for_event(policy, &case, &assessment, &sender(), 2).unwrap().to_text();
    has(&ext, "Thank you for agreeing to this new date.");
}

#[test]
fn a_stage_two_acknowledgement_and_a_helper_who_still_needs_authority() {
    let mut case = case(
        "housing-plus",
        vec![
            Event::new(d("2026-11-04"), EventKind::Acknowledged),
            Event::new(d("2026-11-16"), responded(Outcome::NotUpheld, Vec::new())),
            Event::new(d("2026-11-20"), EventKind::EscalationRequested),
            Event::new(d("2026-11-24"), EventKind::Acknowledged),
        ],
    );
    case.representative = Some(Representative {
        name: "Priya Shah".into(),
        role: RepresentativeRole::Advocate,
        authority_given: false,
        contact: Contact::default(),
    });
    let policy = policy("housing-plus");
    let assessment = assessed(&case);
    let stage = &policy.stages[1];
    let respond =
        assessment.deadlines.iter().find(|x| x.stage == stage.id && x.kind == DeadlineKind::Respond).unwrap();
    let letter = acknowledgement(policy, &case, &assessment, &sender()).unwrap();
    let text = letter.to_text();
    has(
        &text,
        &format!(
            "Thank you for your request of 20 November 2026 for your complaint to go to {}.",
            stage.name
        ),
    );
    has(&text, &format!("by {}.", long_date(respond.due)));
    assert!(!text.contains("Copy to:"), "not until the resident's authority arrives: {text}");
    has(&text, "we need your signed authority, as clause 3.3 of our complaints policy asks. Once we have it");
    assert_eq!(letter.title, format!("Acknowledgement of your complaint – {}", stage.name));
    check("housing-plus-stage2-acknowledgement", &letter);
}

#[test]
fn html_escapes_the_residents_words() {
    let mut case = case("code-2024", vec![Event::new(d("2026-11-04"), EventKind::Acknowledged)]);
    case.description = "<script>alert('x')</script> & \"quotes\"".into();
    let letter = acknowledgement(policy("code-2024"), &case, &assessed(&case), &sender()).unwrap();
    let html = letter.to_html();
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"),
        "{html}"
    );
    assert!(letter.to_text().contains("\u{201c}<script>alert('x')</script> & \"quotes\"\u{201d}"));
}

#[test]
fn money_is_in_pounds_with_thousands() {
    assert_eq!(pounds(0), "£0.00");
    assert_eq!(pounds(5), "£0.05");
    assert_eq!(pounds(5_000), "£50.00");
    assert_eq!(pounds(123_450), "£1,234.50");
    assert_eq!(pounds(100_000_000), "£1,000,000.00");
}

#[test]
fn letters_name_the_stage_the_policy_moved_the_complaint_into() {
    // Tuntum, no quick fix: Stage 1 runs from receipt (Monday 2 November 2026).
    let tuntum = case("tuntum", vec![Event::new(d("2026-11-03"), EventKind::Acknowledged)]);
    let text = acknowledgement(policy("tuntum"), &tuntum, &assessed(&tuntum), &sender()).unwrap().to_text();
    has(&text, "Thank you for your complaint, which we received on 2 November 2026.");
    has(&text, "we are dealing with it at Stage 1 (Officer stage)");
    // ForHousing: no First Response by Wednesday 4 November, so Stage 1 from that day.
    let forhousing =
        case("forhousing", vec![Event::new(d("2026-11-10"), responded(Outcome::PartlyUpheld, Vec::new()))]);
    let text = stage_response(policy("forhousing"), &forhousing, &assessed(&forhousing), &sender())
        .unwrap()
        .to_text();
    has(
        &text,
        "This is our Stage 1 Investigation response to your complaint, which moved to Stage 1 Investigation on 4 November 2026.",
    );
}
