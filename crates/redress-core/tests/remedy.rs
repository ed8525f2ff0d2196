//! ForHousing 2, applied: "Complaints will automatically escalate to the next stage if we fail to
//! agree an appropriate remedy or timeframe for delivery, or we fail to deliver the agreed remedy
//! or timeframe." The dates are in the golden files (tests/golden/forhousing/remedy-*); here, what
//! the resident and the association are told, the letters offered and the actions allowed. Also
//! the engine's warnings in words, and the compensation offer's payment rule (Progress
//! Appendix 1).

use chrono::NaiveDate;
use redress_core::calendar::{Calendar, Division};
use redress_core::case::Case;
use redress_core::engine::{actions, assess, Action, Assessment, Status, Warning, WarningFix};
use redress_core::letters::association::{for_event, Sender};
use redress_core::letters::next_letters;
use redress_core::policy::by_id;
use serde_json::{json, Value};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn case(policy: &str, events: Value) -> Case {
    serde_json::from_value(json!({
        "id": "remedy", "policy_id": policy, "policy_version": by_id(policy).unwrap().version,
        "landlord": "", "category": "Repairs", "description": "The boiler has not worked since October.",
        "resident": { "name": "A Resident" }, "events": events
    }))
    .unwrap()
}

fn run(c: &Case, today: &str) -> Assessment {
    let policy = by_id(&c.policy_id).unwrap();
    assess(policy, c, &Calendar::builtin(Division::EnglandAndWales), d(today)).unwrap()
}

fn said(a: &Assessment) -> String {
    a.resident_next.iter().map(|s| s.what.as_str()).collect::<Vec<_>>().join(" | ")
}

fn responded(date: &str, remedy: Value) -> Value {
    json!({ "date": date, "what": { "type": "responded", "outcome": "partly_upheld", "remedy": "A repair visit.", "remedy_agreed": remedy } })
}

#[test]
fn no_remedy_agreed_moves_the_complaint_on_and_the_resident_is_never_told_to_ask() {
    let c = case(
        "forhousing",
        json!([{ "date": "2027-03-01", "what": { "type": "received" } }, responded("2027-03-02", json!({ "status": "not_agreed" }))]),
    );
    let a = run(&c, "2027-03-10");
    assert_eq!(a.status, Status::WithLandlord);
    assert_eq!(a.current_stage.as_ref().unwrap().id, "stage1");
    let words = said(&a);
    assert!(words.contains("moved to Stage 1 Investigation by itself on 2 March 2027"), "{words}");
    assert!(words.contains("did not agree a remedy"), "{words}");
    assert!(!words.contains("ask for Stage 1"), "{words}");
    let policy = by_id("forhousing").unwrap();
    let titles: Vec<String> = next_letters(policy, &c, &a).into_iter().map(|l| l.title).collect();
    assert!(!titles.iter().any(|t| t.contains("Stage 1")), "{titles:?}");
    // The association's response letter says it moved, and does not invite a request for it.
    let sender = Sender { organisation: "ForHousing".into(), handler: "Sam".into() };
    let letter = for_event(policy, &c, &a, &sender, 1).unwrap().to_text();
    assert!(letter.contains("We could not agree a remedy with you, so your complaint has moved to Stage 1 Investigation by itself (clause 2 of our complaints policy)"), "{letter}");
    assert!(!letter.contains("you can ask for your complaint to go to"), "{letter}");
}

#[test]
fn the_residents_own_request_after_the_move_does_not_jump_a_stage() {
    let events = json!([
        { "date": "2027-03-01", "what": { "type": "received" } },
        responded("2027-03-02", json!({ "status": "not_agreed" })),
        { "date": "2027-03-04", "what": { "type": "escalation_requested" } }
    ]);
    let a = run(&case("forhousing", events), "2027-03-10");
    assert_eq!(a.current_stage.as_ref().unwrap().id, "stage1");
    // Likewise after a move for no response in time (First Response due 3 March).
    let events = json!([
        { "date": "2027-03-01", "what": { "type": "received" } },
        { "date": "2027-03-05", "what": { "type": "escalation_requested" } }
    ]);
    let a = run(&case("forhousing", events), "2027-03-10");
    assert_eq!(a.current_stage.as_ref().unwrap().id, "stage1");
    assert_eq!(a.current_stage.as_ref().unwrap().started, d("2027-03-03"));
    // Once Stage 1 has answered, a request is for Stage 2.
    let events = json!([
        { "date": "2027-03-01", "what": { "type": "received" } },
        { "date": "2027-03-05", "what": { "type": "responded", "outcome": "not_upheld", "remedy_agreed": { "status": "none_needed" } } },
        { "date": "2027-03-08", "what": { "type": "escalation_requested" } }
    ]);
    let a = run(&case("forhousing", events), "2027-03-10");
    assert_eq!(a.current_stage.as_ref().unwrap().id, "stage2");
}

#[test]
fn an_agreed_remedy_is_a_landlord_deadline_and_the_move_is_explained_in_advance() {
    let c = case(
        "forhousing",
        json!([{ "date": "2027-03-01", "what": { "type": "received" } }, responded("2027-03-02", json!({ "status": "agreed", "deliver_by": "2027-03-08" }))]),
    );
    let a = run(&c, "2027-03-04");
    assert_eq!(a.status, Status::ResponseGiven);
    let step = a
        .landlord_next
        .iter()
        .find(|s| s.what == "Deliver the agreed remedy")
        .expect("the landlord owes the remedy");
    assert_eq!(step.by, Some(d("2027-03-08")));
    let words = said(&a);
    assert!(words.contains("ForHousing agreed to deliver the remedy by 8 March 2027. If it does not, your complaint moves to Stage 1 Investigation by itself"), "{words}");
    let policy = by_id("forhousing").unwrap();
    let offered = actions(policy, &c, &a, &Calendar::builtin(Division::EnglandAndWales));
    assert!(
        offered
            .iter()
            .any(|x| matches!(x, Action::RecordRemedyDelivered { by, .. } if *by == d("2027-03-08"))),
        "{offered:?}"
    );
    // Not delivered by then: it moved on by itself on that date.
    let later = run(&c, "2027-03-09");
    assert_eq!(later.current_stage.as_ref().unwrap().started, d("2027-03-08"));
    assert!(
        said(&later).contains("did not deliver the remedy it agreed by the date agreed"),
        "{}",
        said(&later)
    );
}

#[test]
fn the_response_form_names_the_rule_only_where_the_policy_has_it() {
    let rule = |policy: &str, events: Value, today: &str| {
        let c = case(policy, events);
        let a = run(&c, today);
        actions(by_id(policy).unwrap(), &c, &a, &Calendar::builtin(Division::EnglandAndWales))
            .into_iter()
            .find_map(|x| match x {
                Action::Respond { remedy_rule, .. } => Some(remedy_rule),
                _ => None,
            })
            .expect("a response can be recorded")
    };
    let received = json!([{ "date": "2027-03-01", "what": { "type": "received" } }]);
    let fh =
        rule("forhousing", received.clone(), "2027-03-02").expect("ForHousing 2 applies at First Response");
    assert!(fh.contains("clause 2") && fh.contains("Stage 1 Investigation by itself"), "{fh}");
    assert_eq!(rule("code-2024", received.clone(), "2027-03-02"), None);
    // ForHousing's last stage has no next stage to move to.
    let at_stage2 = json!([
        { "date": "2027-03-01", "what": { "type": "received" } },
        { "date": "2027-03-02", "what": { "type": "escalation_requested" } },
        { "date": "2027-03-03", "what": { "type": "responded", "outcome": "not_upheld" } },
        { "date": "2027-03-04", "what": { "type": "escalation_requested" } }
    ]);
    assert_eq!(rule("forhousing", at_stage2, "2027-03-05"), None);
}

#[test]
fn warnings_are_said_in_plain_words_with_what_to_do() {
    // Received 20 December 2028: the response runs into 2029, past the built-in list.
    let c = case("progress", json!([{ "date": "2028-12-20", "what": { "type": "received" } }]));
    let a = run(&c, "2028-12-20");
    let w = a.warnings.iter().find(|w| matches!(w, Warning::Coverage(_))).expect("a coverage warning");
    assert!(w.plain().contains("covers 2018 to 2028"), "{}", w.plain());
    assert!(w.plain().contains("2029"), "{}", w.plain());
    assert_eq!(w.fix(), WarningFix::LoadBankHolidays);
    let mut old = c.clone();
    old.policy_version = "0.9".into();
    let a = run(&old, "2028-12-20");
    let w =
        a.warnings.iter().find(|w| matches!(w, Warning::PolicyVersion { .. })).expect("a version warning");
    assert_eq!(w.fix(), WarningFix::CheckPolicyVersion);
    assert!(w.plain().contains("version 0.9") && !w.plain().contains("Check which version"), "{}", w.plain());
}

#[test]
fn a_compensation_offer_says_how_it_is_paid() {
    let c = case(
        "progress",
        json!([
            { "date": "2027-03-01", "what": { "type": "received" } },
            { "date": "2027-03-03", "what": { "type": "compensation_offered", "amount_pence": 5000 } }
        ]),
    );
    let a = run(&c, "2027-03-04");
    let policy = by_id("progress").unwrap();
    let sender = Sender { organisation: "Progress Housing Group".into(), handler: "Sam".into() };
    let letter = for_event(policy, &c, &a, &sender, 1).expect("an offer has a letter").to_text();
    assert!(letter.contains("We are offering you compensation of £50.00."), "{letter}");
    assert!(
        letter.contains("credited to your rent or service charge account to help clear the arrears"),
        "{letter}"
    );
    let step = a
        .resident_next
        .iter()
        .find(|s| s.what.starts_with("Accept the compensation offered"))
        .expect("a step to accept");
    assert!(step.what.contains("help clear the arrears"), "{}", step.what);
}

#[test]
fn escalation_windows_are_weighed_but_not_a_departure() {
    // docs/policies.md, "Escalation windows and conformance": the Code (2.2) lets a policy set
    // fair and reasonable circumstances in which a matter is not escalated, and the reference
    // names no time limit to measure a window against; so a window is applied as the policy's
    // date, never as a bar, and conformance does not report it.
    for id in ["housing-plus", "tuntum", "progress"] {
        let policy = by_id(id).unwrap();
        assert!(policy.stages.iter().any(|s| s.escalation_window.is_some()), "{id} has a window");
        let topics: Vec<String> =
            redress_core::policy::departures(policy).iter().map(|d| d.topic.clone()).collect();
        assert!(!topics.iter().any(|t| t.contains("window")), "{id}: {topics:?}");
    }
    // Housing Plus Level 1: a request after the 28 days still moves the complaint on, and the
    // resident is told a refusal can go to the Ombudsman.
    let c = case(
        "housing-plus",
        json!([
            { "date": "2027-03-01", "what": { "type": "received" } },
            { "date": "2027-03-05", "what": { "type": "responded", "outcome": "not_upheld" } },
            { "date": "2027-05-03", "what": { "type": "escalation_requested" } }
        ]),
    );
    let a = run(&c, "2027-05-04");
    assert_eq!(a.current_stage.as_ref().unwrap().index, 1);
    let window = a.deadlines.iter().find(|d| d.id == "stage1.escalate").expect("the Level 1 window");
    assert!(matches!(window.state, redress_core::engine::DeadlineState::Missed { .. }), "{:?}", window.state);
    assert!(window.note.as_deref().unwrap_or("").contains("Ombudsman"), "{:?}", window.note);
}

#[test]
fn at_housing_plus_level_3_what_is_overdue_is_the_decision_on_a_panel() {
    let c = case(
        "housing-plus",
        json!([
            { "date": "2027-03-01", "what": { "type": "received" } },
            { "date": "2027-03-05", "what": { "type": "responded", "outcome": "not_upheld" } },
            { "date": "2027-03-08", "what": { "type": "escalation_requested" } },
            { "date": "2027-03-12", "what": { "type": "responded", "outcome": "not_upheld" } },
            { "date": "2027-03-15", "what": { "type": "escalation_requested" } },
            { "date": "2027-03-16", "what": { "type": "acknowledged" } },
            { "date": "2027-03-18", "what": { "type": "form_received" } }
        ]),
    );
    // The Director's decision is due 10 working days after the form (1 April 2027); today is later.
    let a = run(&c, "2027-04-20");
    let words = said(&a);
    assert!(words.contains("The decision whether to hold a Panel hearing is overdue"), "{words}");
    assert!(!words.contains("final response is overdue"), "{words}");
}

#[test]
fn a_discretionary_exclusion_offers_the_letter_asking_the_landlord_to_use_its_discretion() {
    use redress_core::engine::{triage, Answers, TriageOutcome};
    use redress_core::letters::complaint_letter_after_triage;
    // Together 2.4: THA "may not" deal with a complaint about data protection: its choice.
    let policy = by_id("together").unwrap();
    let answers = Answers { data_protection: true, ..Answers::default() };
    let t = triage(policy, &answers, &Calendar::builtin(Division::EnglandAndWales), d("2027-03-01"));
    assert!(matches!(t.outcome, TriageOutcome::NotCovered { discretion: true, .. }), "{:?}", t.outcome);
    assert!(t.write_letter(), "the resident can still ask the landlord to look at it");
    assert!(t.explanation().unwrap().contains("the letter below asks it to"));
    let c = case("together", json!([{ "date": "2027-03-01", "what": { "type": "received" } }]));
    let a = run(&c, "2027-03-01");
    let letter = complaint_letter_after_triage(policy, &c, &a, &t, &answers).to_text();
    assert!(letter.contains("Please use that discretion and deal with my complaint"), "{letter}");
    assert!(letter.contains("clause 2.4"), "{letter}");
    // A refusal with no discretion still offers no letter (ForHousing's ASB reports).
    let fh = by_id("forhousing").unwrap();
    let report = Answers { neighbour_nuisance_asb: true, ..Answers::default() };
    let t = triage(fh, &report, &Calendar::builtin(Division::EnglandAndWales), d("2027-03-01"));
    assert!(
        matches!(t.outcome, TriageOutcome::NotCovered { discretion: false, complaint_under_code: false, .. }),
        "{:?}",
        t.outcome
    );
    assert!(!t.write_letter());
}
