//! The engine beyond the golden files: triage as a table, compensation bands, the JSON entry
//! point's errors, and extensions beyond what a policy allows.

use chrono::NaiveDate;
use redress::calendar::{Calendar, Division};
use redress::case::{sample_cases, Event, EventKind};
use redress::engine::{
    assess, assess_json, compensation, triage, Answers, DeadlineState, Topic, TriageOutcome,
};
use redress::policy::{self, by_id};
use serde_json::{json, Value};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn outcome_name(o: &TriageOutcome) -> &'static str {
    match o {
        TriageOutcome::Complaint => "complaint",
        TriageOutcome::ServiceRequest { .. } => "service_request",
        TriageOutcome::NotCovered { .. } => "not_covered",
        TriageOutcome::OutsideTimeLimit { .. } => "outside_time_limit",
    }
}

/// (policy, answers, outcome, clause)
fn check(policy_id: &str, answers: Answers, outcome: &str, clause: &str) {
    let p = by_id(policy_id).unwrap();
    let t = triage(p, &answers, &Calendar::builtin(Division::EnglandAndWales), d("2026-11-23"));
    assert_eq!((outcome_name(&t.outcome), t.clause.as_str()), (outcome, clause), "{policy_id} {answers:?}");
    assert!(t.ombudsman_right.contains("Housing Ombudsman"));
}

#[test]
fn triage_table() {
    let old = Answers { started: Some(d("2026-03-01")), ..Answers::default() };
    check(
        "forhousing",
        Answers { legal_proceedings: true, ..Answers::default() },
        "not_covered",
        "Policy (does not apply); 11",
    );
    check(
        "forhousing",
        Answers { topic: Topic::StaffConduct, ..Answers::default() },
        "not_covered",
        "Policy (does not apply)",
    );
    check(
        "code-2024",
        Answers { topic: Topic::StaffConduct, ..Answers::default() },
        "complaint",
        "What is and is not a complaint",
    );
    check("together", Answers { neighbour_nuisance_asb: true, ..Answers::default() }, "not_covered", "2.4");
    check("progress", Answers { first_report: true, ..Answers::default() }, "service_request", "2.3.2");
    check("tuntum", Answers { first_report: true, ..Answers::default() }, "service_request", "3");
    check("housing-plus", Answers { already_complained: true, ..Answers::default() }, "not_covered", "4.5");
    check("housing-plus", Answers { insurance_claim: true, ..Answers::default() }, "not_covered", "4.2");
    check("forhousing", Answers { topic: Topic::PolicyDecision, ..Answers::default() }, "not_covered", "11");
    check(
        "progress",
        Answers { topic: Topic::HousingAllocation, ..Answers::default() },
        "not_covered",
        "2.3.3",
    );
    // Time limits: six months has passed since 1 March 2026; twelve has not.
    check("progress", old.clone(), "outside_time_limit", "2.3.6");
    check("together", old.clone(), "outside_time_limit", "2.4");
    check("housing-plus", old.clone(), "complaint", "2.1");
    check("tuntum", old.clone(), "complaint", "3");
    check("code-2024", old.clone(), "complaint", "What is and is not a complaint");
    // Still happening: never out of time.
    check("progress", Answers { still_happening: true, ..old.clone() }, "complaint", "4.2.1");
}

#[test]
fn outside_the_time_limit_explains_discretion_and_the_code() {
    let answers = Answers {
        started: Some(d("2026-03-01")),
        safeguarding_or_health_and_safety: true,
        ..Answers::default()
    };
    let t = triage(
        by_id("together").unwrap(),
        &answers,
        &Calendar::builtin(Division::EnglandAndWales),
        d("2026-11-23"),
    );
    match &t.outcome {
        TriageOutcome::OutsideTimeLimit { limit, limit_date, discretion, why_discretion_may_apply } => {
            assert_eq!((limit.as_str(), *limit_date, *discretion), ("6 months", d("2026-09-01"), true));
            assert_eq!(
                why_discretion_may_apply,
                &["it involves safeguarding or health and safety".to_string()]
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(t.code_says.unwrap().contains("12 months"));
}

#[test]
fn progress_compensation_bands_and_windows() {
    let p = by_id("progress").unwrap();
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    let medium = compensation(p, "medium", Some(d("2026-12-10")), Some(d("2027-01-04")), &calendar).unwrap();
    assert_eq!((medium.range.as_str(), medium.authoriser.as_str()), ("£101 to £500", "Head of Department"));
    assert_eq!(medium.claim_by, Some(d("2027-01-07")));
    assert_eq!(medium.claim_outer_limit, Some(d("2027-06-10")));
    assert_eq!(medium.accept_by, Some(d("2027-02-01")));
    assert_eq!(compensation(p, "low", None, None, &calendar).unwrap().range, "up to £100");
    assert_eq!(compensation(p, "high", None, None, &calendar).unwrap().range, "above £500");
    assert!(compensation(by_id("tuntum").unwrap(), "low", None, None, &calendar).is_none());
}

#[test]
fn an_extension_beyond_the_policy_without_agreement_is_flagged() {
    let p = by_id("code-2024").unwrap();
    let mut case = sample_cases(1, 1).remove(0);
    case.policy_id = p.id.clone();
    case.events = vec![
        Event::new(d("2027-01-11"), EventKind::Received),
        Event::new(d("2027-01-12"), EventKind::Acknowledged),
        // Due 26 January; the Code allows 10 more working days (9 February) without agreement.
        Event::new(d("2027-01-20"), EventKind::Extended { new_due: d("2027-02-23"), resident_agreed: false }),
    ];
    let a = assess(p, &case, &Calendar::builtin(Division::EnglandAndWales), d("2027-02-24")).unwrap();
    let respond = a.deadlines.iter().find(|d| d.id == "stage1.respond").unwrap();
    assert_eq!((respond.due, respond.extended_from), (d("2027-02-23"), Some(d("2027-01-26"))));
    assert_eq!(respond.state, DeadlineState::Overdue);
    assert!(respond.note.as_ref().unwrap().contains("9 February 2027"), "{:?}", respond.note);
    assert_eq!(a.overdue, ["stage1.respond"]);
}

fn run(input: Value) -> Value {
    serde_json::from_str(&assess_json(&input.to_string())).unwrap()
}

#[test]
fn the_json_entry_point_reports_bad_input_plainly() {
    let case = serde_json::to_value(&sample_cases(1, 2)[0]).unwrap();
    let ok = run(json!({ "policy": "forhousing", "case": case, "today": "2026-12-01" }));
    assert_eq!(ok["ok"], true, "{ok}");

    let unknown = run(json!({ "policy": "nobody", "case": case, "today": "2026-12-01" }));
    assert_eq!(unknown["error"]["kind"], "unknown_policy");
    assert!(unknown["error"]["message"].as_str().unwrap().contains("code-2024"));

    let bad_date = run(json!({ "policy": "forhousing", "case": case, "today": "1 December" }));
    assert_eq!(
        (bad_date["error"]["kind"].as_str(), bad_date["error"]["field"].as_str()),
        (Some("invalid_input"), Some("today"))
    );

    let mut inline = serde_json::to_value(policy::code()).unwrap();
    inline["id"] = json!("forhousing");
    inline["stages"] = json!([]);
    let invalid = run(json!({ "policy": inline, "case": case, "today": "2026-12-01" }));
    assert_eq!(invalid["error"]["kind"], "invalid_policy");

    let not_json = serde_json::from_str::<Value>(&assess_json("{")).unwrap();
    assert_eq!(not_json["ok"], false);

    let mut wrong = case.clone();
    wrong["events"] = json!([{ "date": "2026-11-02", "what": { "type": "acknowledged" } }]);
    let error = run(json!({ "policy": "forhousing", "case": wrong, "today": "2026-12-01" }));
    assert_eq!(
        (error["error"]["kind"].as_str(), error["error"]["event_index"].as_u64()),
        (Some("impossible_sequence"), Some(0))
    );
}
