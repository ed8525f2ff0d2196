//! The engine beyond the golden files: triage as a table, compensation bands, the JSON entry
//! point's errors, and extensions beyond what a policy allows.

use chrono::NaiveDate;
use redress_core::calendar::{Calendar, Division};
use redress_core::case::{sample_cases, Event, EventKind};
use redress_core::engine::{
    assess, assess_json, compensation, compensation_band, triage, AllocationConcern, Answers, DeadlineState,
    DecisionConcern, Topic, TriageOutcome, Warning,
};
use redress_core::policy::{self, by_id, ExtensionCondition};
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
    // ForHousing: an HR matter about a member of staff is outside the policy; how they behaved
    // is a complaint (the definition names "the behaviour of ForHousing staff").
    check(
        "forhousing",
        Answers { topic: Topic::StaffConduct, staff_hr_matter: true, ..Answers::default() },
        "not_covered",
        "Policy (does not apply)",
    );
    check(
        "forhousing",
        Answers { topic: Topic::StaffConduct, ..Answers::default() },
        "complaint",
        "Key terms & definitions",
    );
    check("code-2024", Answers { topic: Topic::StaffConduct, ..Answers::default() }, "complaint", "1.2");
    check("together", Answers { neighbour_nuisance_asb: true, ..Answers::default() }, "not_covered", "2.4");
    check("progress", Answers { first_report: true, ..Answers::default() }, "service_request", "2.3.2");
    check("tuntum", Answers { first_report: true, ..Answers::default() }, "service_request", "3");
    check("housing-plus", Answers { already_complained: true, ..Answers::default() }, "not_covered", "4.5");
    check("housing-plus", Answers { insurance_claim: true, ..Answers::default() }, "not_covered", "4.2");
    // ForHousing 11 excludes only the *correct* application of a policy.
    check(
        "forhousing",
        Answers {
            topic: Topic::PolicyDecision,
            decision: Some(DecisionConcern::DisagreeWithPolicy),
            ..Answers::default()
        },
        "not_covered",
        "11",
    );
    check(
        "forhousing",
        Answers { topic: Topic::PolicyDecision, ..Answers::default() },
        "complaint",
        "Key terms & definitions",
    );
    // Progress 2.3.3 excludes only appeals about "an unsuccessful housing application under the
    // Choice Based Lettings schemes": a turned-down application made another way (or not said) is
    // a complaint under 4.2.1.
    let refused = Answers {
        topic: Topic::HousingAllocation,
        allocation: Some(AllocationConcern::ChallengeRefusal),
        ..Answers::default()
    };
    check(
        "progress",
        Answers { through_choice_based_lettings: true, ..refused.clone() },
        "not_covered",
        "2.3.3",
    );
    check("progress", refused.clone(), "complaint", "4.2.1");
    // ForHousing 11 excludes "Appeals against an allocation of housing", however it was applied for.
    check("forhousing", refused.clone(), "not_covered", "11");
    check("forhousing", Answers { through_choice_based_lettings: true, ..refused }, "not_covered", "11");
    check(
        "progress",
        Answers { topic: Topic::HousingAllocation, ..Answers::default() },
        "complaint",
        "4.2.1",
    );
    // Time limits: six months has passed since 1 March 2026; twelve has not.
    check("progress", old.clone(), "outside_time_limit", "2.3.6");
    check("together", old.clone(), "outside_time_limit", "2.4");
    check("housing-plus", old.clone(), "complaint", "2.1");
    check("tuntum", old.clone(), "complaint", "3");
    check("code-2024", old.clone(), "complaint", "1.2");
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
        TriageOutcome::OutsideTimeLimit {
            limit, limit_date, discretion, why_discretion_may_apply, ..
        } => {
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
    let note = respond.note.as_ref().unwrap();
    assert!(note.contains("9 February 2027"), "{note}");
    // The Code's test beyond its limit is a good reason, not the resident's agreement.
    assert!(note.contains("good reason") && !note.contains("agreement"), "{note}");
    assert_eq!(a.overdue, ["stage1.respond"]);
    let limit = respond.extension.as_ref().unwrap();
    assert_eq!(limit.latest_with_extension, Some(d("2027-02-09")));
    assert_eq!(
        (limit.condition, limit.beyond),
        (ExtensionCondition::ReasonExplained, Some(ExtensionCondition::GoodReason))
    );
}

#[test]
fn an_amount_finds_its_band_with_no_gaps() {
    let p = by_id("progress").unwrap();
    // (pence, band, between the table's stated figures)
    let table = [
        (1, "low", false),
        (10_000, "low", false),
        (10_001, "medium", true), // £100.01: above "up to £100", below "£101"
        (10_099, "medium", true),
        (10_100, "medium", false),
        (50_000, "medium", false),
        (50_001, "high", false),
        (10_000_000, "high", false),
    ];
    for (pence, level, between) in table {
        let found = compensation_band(p, pence);
        let band = found.band.as_ref().unwrap_or_else(|| panic!("{pence}: no band"));
        assert_eq!((band.level.as_str(), band.between_bands), (level, between), "{pence}");
    }
    let medium = compensation_band(p, 15_000);
    assert_eq!(medium.plain, "This is in the medium band: it must be authorised by Head of Department.");
    assert_eq!(medium.band.unwrap().range, "£101 to £500");
    let between = compensation_band(p, 10_050);
    assert!(between.plain.starts_with("£100.50 lies between the table's bands"), "{}", between.plain);
    assert!(between.plain.contains("Head of Department"));
    assert_eq!(compensation_band(p, 60_000).band.unwrap().range, "above £500");
    // No table: no band, and the association is told why.
    let none = compensation_band(by_id("tuntum").unwrap(), 5_000);
    assert_eq!(none.band, None);
    assert!(none.plain.contains("no compensation table"), "{}", none.plain);
    // A table whose top band has a limit: above it, no band.
    let mut capped = p.clone();
    capped.compensation.as_mut().unwrap().bands[2].max_pence = Some(100_000);
    assert_eq!(compensation_band(&capped, 100_001).band, None);
    // Reachable from the JSON entry point.
    let case = serde_json::to_value(&sample_cases(1, 2)[0]).unwrap();
    let mut case = case;
    case["policy_id"] = json!("progress");
    let out = run(
        json!({ "policy": "progress", "case": case, "today": "2026-12-01", "compensation_pence": 10_050 }),
    );
    assert_eq!(out["compensation"]["band"]["authoriser"], "Head of Department", "{out}");
}

#[test]
fn the_case_division_counts_when_the_input_names_none() {
    let mut case = sample_cases(1, 2).remove(0);
    case.policy_id = "code-2024".into();
    case.events = vec![Event::new(d("2027-03-26"), EventKind::Received)];
    let due = |division: Option<&str>, case_division: Division| {
        let mut case = case.clone();
        case.division = case_division;
        let mut input = json!({ "policy": "code-2024", "case": case, "today": "2027-03-29" });
        if let Some(division) = division {
            input["division"] = json!(division);
        }
        let out = run(input);
        out["assessment"]["deadlines"][0]["due"].as_str().unwrap().to_string()
    };
    // Easter Monday (29 March 2027) is a working day in Scotland only.
    assert_eq!(due(None, Division::Scotland), "2027-04-02");
    assert_eq!(due(None, Division::EnglandAndWales), "2027-04-05");
    assert_eq!(due(Some("england-and-wales"), Division::Scotland), "2027-04-05");
}

#[test]
fn an_automatic_escalation_saved_as_text_only_is_named_not_guessed() {
    // A copy of ForHousing saved before the rule was data: its automatic escalation has no
    // `when`, so the engine cannot apply it and says so.
    let mut p = by_id("forhousing").unwrap().clone();
    for stage in &mut p.stages {
        for rule in &mut stage.auto_escalation {
            rule.when = None;
        }
    }
    let mut case = sample_cases(1, 1).remove(0);
    case.policy_id = p.id.clone();
    case.events = vec![Event::new(d("2027-03-01"), EventKind::Received)];
    let a = assess(&p, &case, &Calendar::builtin(Division::EnglandAndWales), d("2027-03-10")).unwrap();
    assert_eq!(a.current_stage.unwrap().id, "stage0");
    let named: Vec<&str> = a
        .warnings
        .iter()
        .filter_map(|w| match w {
            Warning::AutoEscalationNotApplied { stage, message, .. } => {
                assert!(message.contains("does not say when"), "{message}");
                Some(stage.as_str())
            }
            _ => None,
        })
        .collect();
    assert_eq!(named, ["stage0", "stage1"]);
    // The old stored shape (`{clause, plain}`) still reads.
    let old = serde_json::json!({ "clause": "2", "plain": "Moves on by itself." });
    let rule: redress_core::policy::AutoEscalation = serde_json::from_value(old).unwrap();
    assert_eq!(rule.when, None);
}

#[test]
fn the_resident_is_never_told_to_ask_for_a_step_the_policy_takes_by_itself() {
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    for (policy_id, today) in
        [("forhousing", "2027-03-10"), ("tuntum", "2027-03-01"), ("tuntum", "2027-03-10")]
    {
        let p = by_id(policy_id).unwrap();
        let mut case = sample_cases(1, 1).remove(0);
        case.policy_id = p.id.clone();
        case.events = vec![Event::new(d("2027-03-01"), EventKind::Received)];
        let a = assess(p, &case, &calendar, d(today)).unwrap();
        let stage = a.current_stage.as_ref().unwrap();
        assert_eq!(stage.id, "stage1", "{policy_id} on {today}");
        for step in &a.resident_next {
            assert!(!step.what.contains(&format!("ask for {}", stage.name)), "{policy_id}: {}", step.what);
        }
        assert!(
            a.resident_next.iter().any(|s| s.what.contains("You do not need to ask for it")),
            "{:?}",
            a.resident_next
        );
        let plan = redress_core::letters::plan(p, &a);
        assert!(plan.iter().all(|i| !i.what.contains(&format!("ask for {}", stage.name))), "{plan:?}");
    }
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

/// An extension only ever gives more time. A file from elsewhere may hold one to a date before
/// the response was due (the action form refuses it): the original date stands, with a note.
/// Progress, received Wed 18 Nov 2026, not acknowledged: acknowledgement due 5 WD later, Wed 25
/// Nov (19, 20, 23, 24, 25); the response 10 WD from that, Wed 9 Dec (26, 27, 30 Nov, 1, 2, 3, 4,
/// 7, 8, 9 Dec; no bank holiday). An "extension" to Mon 23 Nov must not bring it forward.
#[test]
fn an_extension_to_an_earlier_date_never_shortens_the_time() {
    let p = by_id("progress").unwrap();
    let mut case = sample_cases(1, 1).remove(0);
    case.policy_id = p.id.clone();
    case.events = vec![
        Event::new(d("2026-11-18"), EventKind::Received),
        Event::new(d("2026-11-18"), EventKind::Extended { new_due: d("2026-11-23"), resident_agreed: false }),
    ];
    let a = assess(p, &case, &Calendar::builtin(Division::EnglandAndWales), d("2026-11-30")).unwrap();
    let respond = a.deadlines.iter().find(|x| x.id == "stage1.respond").expect("a response deadline");
    assert_eq!(respond.due, d("2026-12-09"));
    assert_eq!(respond.extended_from, None);
    assert!(respond.note.as_deref().unwrap_or("").contains("already due by"), "{:?}", respond.note);
    for x in &a.deadlines {
        assert!(x.due >= x.counted_from, "{} is due before it counts from", x.id);
    }
}
