//! The actions the engine allows on a case, as a table: (policy, events, today) → the actions
//! offered, by name, and the details that matter (extension limits, refusal reasons).

use chrono::NaiveDate;
use redress_core::calendar::{Calendar, Division};
use redress_core::case::{sample_cases, Event, EventKind, FeedbackKind, Outcome};
use redress_core::engine::{actions, assess, Action};
use redress_core::policy::{by_id, ExtensionCondition};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Events written as "2026-11-02 received, 2026-11-04 acknowledged, ...".
fn events(script: &str) -> Vec<Event> {
    script
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|item| {
            let (date, what) = item.split_once(' ').unwrap();
            let what = match what {
                "received" => EventKind::Received,
                "acknowledged" => EventKind::Acknowledged,
                "responded" => EventKind::Responded {
                    remedy_agreed: None,
                    outcome: Outcome::NotUpheld,
                    remedy: String::new(),
                    compensation_pence: None,
                    points: Vec::new(),
                    outstanding_actions: String::new(),
                    lessons: String::new(),
                },
                "resolved" => EventKind::Responded {
                    remedy_agreed: None,
                    outcome: Outcome::Resolved,
                    remedy: "A new appointment, agreed.".into(),
                    compensation_pence: None,
                    points: Vec::new(),
                    outstanding_actions: String::new(),
                    lessons: String::new(),
                },
                "arranged" => EventKind::HearingArranged,
                "held" => EventKind::HearingHeld,
                "escalated" => EventKind::EscalationRequested,
                "closed" => EventKind::Closed,
                "form" => EventKind::FormReceived,
                "offered" => EventKind::CompensationOffered { amount_pence: 5000, authorised_by: None },
                "accepted" => EventKind::CompensationAccepted,
                "paid" => EventKind::CompensationPaid,
                "refused" => {
                    EventKind::Refused { exclusion: "legal_proceedings".into(), reason: String::new() }
                }
                other => panic!("unknown event {other}"),
            };
            Event::new(d(date), what)
        })
        .collect()
}

fn offered(policy_id: &str, feedback: FeedbackKind, script: &str, today: &str) -> (Vec<Action>, Vec<String>) {
    let policy = by_id(policy_id).unwrap();
    let mut case = sample_cases(1, 3).remove(0);
    case.policy_id = policy_id.into();
    case.policy_version = policy.version.clone();
    case.feedback = feedback;
    case.events = events(script);
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    let assessment = assess(policy, &case, &calendar, d(today)).unwrap();
    let list = actions(policy, &case, &assessment, &calendar);
    let names = list.iter().map(|a| a.name().to_string()).collect();
    (list, names)
}

fn check(policy_id: &str, script: &str, today: &str, expected: &[&str]) {
    let (_, names) = offered(policy_id, FeedbackKind::Complaint, script, today);
    assert_eq!(names, expected, "{policy_id}: {script} on {today}");
}

#[test]
fn actions_follow_the_case() {
    let code = "code-2024";
    check(
        code,
        "2026-11-02 received",
        "2026-11-03",
        &["acknowledge", "extend", "respond", "refuse", "close", "offer-compensation", "assign"],
    );
    check(
        code,
        "2026-11-02 received, 2026-11-04 acknowledged",
        "2026-11-05",
        &["extend", "respond", "refuse", "close", "offer-compensation", "assign"],
    );
    // Stage 1 response overdue (due 18 November): the resident may go on to Stage 2.
    check(
        code,
        "2026-11-02 received, 2026-11-04 acknowledged",
        "2026-11-19",
        &["extend", "respond", "escalate", "refuse", "close", "offer-compensation", "assign"],
    );
    check(
        code,
        "2026-11-02 received, 2026-11-04 acknowledged, 2026-11-10 responded",
        "2026-11-11",
        &["escalate", "refuse-escalation", "close", "offer-compensation", "assign"],
    );
    // At Stage 2 there is no refusal as "not a complaint": that is decided at the start.
    check(
        code,
        "2026-11-02 received, 2026-11-04 acknowledged, 2026-11-10 responded, 2026-11-12 escalated",
        "2026-11-13",
        &["acknowledge", "extend", "respond", "close", "offer-compensation", "assign"],
    );
    check(
        code,
        "2026-11-02 received, 2026-11-04 acknowledged, 2026-11-10 responded, 2026-11-12 escalated, 2026-11-13 acknowledged, 2026-11-30 responded",
        "2026-12-01",
        &["ombudsman", "close", "offer-compensation", "assign"],
    );
    check(
        code,
        "2026-11-02 received, 2026-11-03 refused",
        "2026-11-04",
        &["ombudsman", "offer-compensation", "assign"],
    );
    check(
        code,
        "2026-11-02 received, 2026-11-04 acknowledged, 2026-11-10 responded, 2026-11-20 closed",
        "2026-11-23",
        &["ombudsman", "offer-compensation", "assign"],
    );
    // Compensation: offer, then acceptance, then payment, each once.
    check(
        code,
        "2026-11-02 received, 2026-11-04 acknowledged, 2026-11-05 offered",
        "2026-11-06",
        &["extend", "respond", "refuse", "close", "compensation-accepted", "assign"],
    );
    check(
        code,
        "2026-11-02 received, 2026-11-04 acknowledged, 2026-11-05 offered, 2026-11-06 accepted",
        "2026-11-09",
        &["extend", "respond", "refuse", "close", "compensation-paid", "assign"],
    );
    // Housing Plus's Stage 3 needs the resident's form; its decision date counts from the form
    // arriving. After the Stage Two response the resident may already go to the Ombudsman (the
    // Code has two stages), so a referral can be recorded at Stage 3 too.
    check(
        "housing-plus",
        "2026-11-02 received, 2026-11-03 acknowledged, 2026-11-05 responded, 2026-11-06 escalated, 2026-11-09 acknowledged, 2026-11-12 responded, 2026-11-13 escalated",
        "2026-11-16",
        &["acknowledge", "form-received", "respond", "ombudsman", "close", "offer-compensation", "assign"],
    );
}

#[test]
fn actions_follow_the_policys_own_moves() {
    // Tuntum: no quick fix yet, so Stage 1 runs from receipt; a quick fix can still be recorded
    // on the day after (1 working day), and not later.
    let received = "2027-03-01 received";
    check(
        "tuntum",
        received,
        "2027-03-02",
        &["quick-fix", "acknowledge", "extend", "respond", "refuse", "close", "offer-compensation", "assign"],
    );
    check(
        "tuntum",
        received,
        "2027-03-03",
        &["acknowledge", "extend", "respond", "refuse", "close", "offer-compensation", "assign"],
    );
    // A quick fix recorded: Stage Zero answered; the resident may move on (or not).
    check(
        "tuntum",
        "2027-03-01 received, 2027-03-02 resolved",
        "2027-03-03",
        &["escalate", "refuse-escalation", "close", "offer-compensation", "assign"],
    );
    // ForHousing: the First Response (due 3 March) did not come, so the complaint is at Stage 1
    // by itself; nobody has to record an escalation, and it is not offered.
    check(
        "forhousing",
        received,
        "2027-03-10",
        &["acknowledge", "respond", "close", "offer-compensation", "assign"],
    );
    // Stage 1 (due 17 March) did not come either: Stage 2, with its Complaints Panel extension.
    check(
        "forhousing",
        received,
        "2027-03-18",
        &["acknowledge", "extend", "respond", "close", "offer-compensation", "assign"],
    );
    // Housing Plus's Panel: after the form, a Director decides; then the hearing; then its decision.
    let stage3 = "2026-11-02 received, 2026-11-03 acknowledged, 2026-11-05 responded, 2026-11-06 escalated, 2026-11-09 acknowledged, 2026-11-12 responded, 2026-11-13 escalated, 2026-11-16 acknowledged, 2026-11-20 form";
    let (list, names) = offered("housing-plus", FeedbackKind::Complaint, stage3, "2026-11-23");
    assert_eq!(names, ["arrange-hearing", "respond", "ombudsman", "close", "offer-compensation", "assign"]);
    let labels: Vec<String> = list.iter().map(Action::label).collect();
    assert_eq!(labels[0], "Record the decision to hold a Panel hearing");
    assert_eq!(
        labels[1],
        "Explain that there will be no Panel hearing: the final response (Stage Three – Panel)"
    );
    let arranged = format!("{stage3}, 2026-11-25 arranged");
    check(
        "housing-plus",
        &arranged,
        "2026-11-26",
        &["hearing-held", "ombudsman", "close", "offer-compensation", "assign"],
    );
    let held = format!("{arranged}, 2026-12-10 held");
    let (list, names) = offered("housing-plus", FeedbackKind::Complaint, &held, "2026-12-11");
    assert_eq!(names, ["respond", "ombudsman", "close", "offer-compensation", "assign"]);
    assert_eq!(list[0].label(), "Send the decision after the Panel hearing (Stage Three – Panel)");
    assert!(list[0].permits(&events("2026-12-11 responded")[0].what));
    // A quick fix is a resolution, nothing else.
    let (list, _) = offered("tuntum", FeedbackKind::Complaint, received, "2027-03-01");
    let quick = list.iter().find(|a| a.name() == "quick-fix").unwrap();
    assert!(quick.permits(&events("2027-03-01 resolved")[0].what));
    assert!(!quick.permits(&events("2027-03-01 responded")[0].what));
}

#[test]
fn other_feedback_is_acknowledged_and_closed() {
    let (_, names) = offered("code-2024", FeedbackKind::Compliment, "2026-11-02 received", "2026-11-03");
    assert_eq!(names, ["acknowledge", "close", "assign"]);
    let (_, names) = offered(
        "code-2024",
        FeedbackKind::ServiceRequest,
        "2026-11-02 received, 2026-11-05 closed",
        "2026-11-06",
    );
    assert_eq!(names, ["assign"]);
}

#[test]
fn extension_limit_and_refusal_reasons_come_from_the_policy() {
    // The Code allows 10 more working days at Stage 1 if the landlord explains why: due 18
    // November (10 working days after acknowledging on 4 November), so 2 December without a good
    // reason. Beyond that its test is a good reason, not the resident's agreement.
    let (list, _) = offered(
        "code-2024",
        FeedbackKind::Complaint,
        "2026-11-02 received, 2026-11-04 acknowledged",
        "2026-11-05",
    );
    let extend = list.iter().find(|a| a.name() == "extend").unwrap();
    match extend {
        Action::Extend { current_due, latest, condition, beyond, clause, .. } => {
            assert_eq!(*current_due, d("2026-11-18"));
            assert_eq!(*latest, Some(d("2026-12-02")));
            assert_eq!(
                (*condition, *beyond),
                (ExtensionCondition::ReasonExplained, Some(ExtensionCondition::GoodReason))
            );
            assert_eq!(clause, "6.4, 6.5", "the Code 6.4 and 6.5, cited by number");
            assert!(!extend.needs_agreement(d("2026-12-02")));
            assert!(!extend.needs_agreement(d("2026-12-03")));
            assert_eq!(extend.extension_problem(d("2026-12-03"), false), None);
            assert_eq!(extend.extension_caution(d("2026-12-02")), None);
            let caution = extend.extension_caution(d("2026-12-03")).unwrap();
            assert!(caution.contains("2 December 2026") && caution.contains("good reason"), "{caution}");
            let not_later = extend.extension_problem(d("2026-11-18"), false).unwrap();
            assert!(not_later.contains("after the current one"), "{not_later}");
        }
        other => panic!("expected an extension, got {other:?}"),
    }
    let refuse = list.iter().find(|a| a.name() == "refuse").unwrap();
    let Action::Refuse { reasons } = refuse else { panic!("expected a refusal") };
    let codes: Vec<&str> = reasons.iter().map(|r| r.code.as_str()).collect();
    let policy_codes: Vec<&str> =
        by_id("code-2024").unwrap().exclusions.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes, policy_codes);
    assert!(!codes.is_empty());
    assert!(!refuse.needs_agreement(d("2027-01-01")));
    // Progress's Stage One: any new date must be agreed.
    let (list, _) = offered(
        "progress",
        FeedbackKind::Complaint,
        "2026-11-02 received, 2026-11-03 acknowledged",
        "2026-11-04",
    );
    let extend = list.iter().find(|a| a.name() == "extend").unwrap();
    assert!(extend.needs_agreement(d("2026-11-20")));
    assert!(extend.extension_problem(d("2026-11-20"), false).unwrap().contains("agree"));
    assert_eq!(extend.extension_problem(d("2026-11-20"), true), None);
    // Only the policy's reasons are permitted.
    assert!(refuse.permits(&EventKind::Refused { exclusion: codes[0].into(), reason: String::new() }));
    assert!(!refuse.permits(&EventKind::Refused { exclusion: "we_are_busy".into(), reason: String::new() }));
    assert!(!refuse.permits(&EventKind::Closed));
}
