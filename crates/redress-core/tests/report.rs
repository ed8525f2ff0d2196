//! The annual report and the Code self-assessment, checked against a handful of cases whose
//! dates are worked out by hand (England and Wales; day 1 is the next working day; see
//! docs/calendar.md). Bank holidays that matter here: Monday 25 August 2025, Good Friday 3 April
//! and Easter Monday 6 April 2026.

use chrono::NaiveDate;
use redress_core::calendar::{Calendar, Division};
use redress_core::case::{Case, Event, EventKind, FeedbackKind, Outcome, Resident};
use redress_core::policy::{by_id, Policy};
use redress_core::report::self_assessment::{
    draft, measured, provision, provisions, Answer, Complies, Finding, Measure, SelfAssessment, SETTING_ID,
};
use redress_core::report::{annual_report, bar_chart, whole_percent, Count, Report, ReportPeriod};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn case(id: &str, policy: &str, kind: FeedbackKind, category: &str, events: Vec<(&str, EventKind)>) -> Case {
    Case {
        id: id.into(),
        policy_id: policy.into(),
        policy_version: String::new(),
        landlord: String::new(),
        feedback: kind,
        category: category.into(),
        description: "What happened".into(),
        outcome_wanted: String::new(),
        problem_started: None,
        resident: Resident { name: "A Resident".into(), ..Resident::default() },
        representative: None,
        adjustments: Vec::new(),
        division: Division::EnglandAndWales,
        channel: None,
        handler: None,
        events: events.into_iter().map(|(date, what)| Event::new(d(date), what)).collect(),
    }
}

fn responded(outcome: Outcome, compensation_pence: Option<u64>, lessons: &str) -> EventKind {
    EventKind::Responded {
        remedy_agreed: None,
        outcome,
        remedy: String::new(),
        compensation_pence,
        points: Vec::new(),
        outstanding_actions: String::new(),
        lessons: lessons.into(),
    }
}

fn offered(amount_pence: u64) -> EventKind {
    EventKind::CompensationOffered { amount_pence, authorised_by: Some("Head of Service".into()) }
}

fn period() -> ReportPeriod {
    ReportPeriod { from: d("2025-04-01"), to: d("2026-03-31") }
}

fn today() -> NaiveDate {
    d("2026-03-31")
}

fn calendar() -> Calendar {
    Calendar::builtin(Division::EnglandAndWales)
}

/// The cases, with the working-out for each.
fn cases() -> Vec<Case> {
    use EventKind::*;
    use FeedbackKind::*;
    vec![
        // A, the Code. Received Mon 2 Jun 2025: acknowledge by Mon 9 Jun (met on 4 Jun); respond
        // 10 WD from 4 Jun, by Wed 18 Jun (met on Mon 16 Jun: 10 WD after 2 Jun). £50 with the
        // response, paid.
        case(
            "a",
            "code-2024",
            Complaint,
            "Repairs",
            vec![
                ("2025-06-02", Received),
                ("2025-06-04", Acknowledged),
                ("2025-06-16", responded(Outcome::Upheld, Some(5000), "Book repairs within a week.")),
                ("2025-06-20", CompensationPaid),
            ],
        ),
        // B, the Code. Received Fri 15 Aug 2025: acknowledge by Fri 22 Aug; acknowledged Tue 26 Aug
        // (missed; Mon 25 Aug is a bank holiday). Respond 10 WD from the due date 22 Aug, skipping
        // 25 Aug: by Mon 8 Sep (met on Fri 5 Sep: 14 WD after 15 Aug). Stage 2 asked for on Mon
        // 15 Sep: acknowledge by Mon 22 Sep (met on 17 Sep); respond 20 WD from 17 Sep, by Wed
        // 15 Oct (missed: Mon 20 Oct, 25 WD after 15 Sep). Offered £25, then £40, then paid.
        case(
            "b",
            "code-2024",
            Complaint,
            "Repairs",
            vec![
                ("2025-08-15", Received),
                ("2025-08-26", Acknowledged),
                ("2025-09-05", responded(Outcome::PartlyUpheld, None, "   ")),
                ("2025-09-15", EscalationRequested),
                ("2025-09-17", Acknowledged),
                ("2025-10-20", responded(Outcome::NotUpheld, None, "Explain delays when they happen.")),
                ("2025-10-20", offered(2500)),
                ("2025-10-27", offered(4000)),
                ("2025-11-03", CompensationPaid),
            ],
        ),
        // C, Progress ("Stage One"). Received Mon 3 Nov 2025, nothing since: the acknowledgement
        // (due Mon 10 Nov) and the response (due Mon 24 Nov) are both overdue on 31 Mar 2026.
        case("c", "progress", Complaint, "Damp and mould", vec![("2025-11-03", Received)]),
        // E, the Code. Received Fri 20 Mar 2026: acknowledge by Fri 27 Mar (met on 24 Mar); respond
        // 10 WD from 24 Mar, skipping Easter, by Thu 9 Apr: still pending on 31 Mar.
        case(
            "e",
            "code-2024",
            Complaint,
            "Anti-social behaviour",
            vec![("2026-03-20", Received), ("2026-03-24", Acknowledged)],
        ),
        // F, a compliment on the period's first day, never closed: the engine dates it like a
        // complaint, but it is not a complaint, so it is not "overdue" in the report.
        case("f", "code-2024", Compliment, "Repairs", vec![("2025-04-01", Received)]),
        // G, a service request, closed the next day.
        case(
            "g",
            "code-2024",
            ServiceRequest,
            "Repairs",
            vec![("2025-10-01", Received), ("2025-10-02", Closed)],
        ),
        // D, the day before the period: left out, whatever happened.
        case(
            "d",
            "code-2024",
            Complaint,
            "Repairs",
            vec![("2025-03-31", Received), ("2025-04-01", Acknowledged)],
        ),
        // H, events out of order: not assessable.
        case(
            "h",
            "code-2024",
            Complaint,
            "Repairs",
            vec![("2025-05-01", Received), ("2025-04-30", Acknowledged)],
        ),
        // J, out of order too, but received before the period: not in the report at all.
        case(
            "j",
            "code-2024",
            Complaint,
            "Repairs",
            vec![("2025-03-01", Received), ("2025-02-28", Acknowledged)],
        ),
        // K, no events: belongs to no period.
        case("k", "code-2024", Complaint, "Repairs", vec![]),
    ]
}

fn report_for(cases: &[Case]) -> Report {
    let pairs: Vec<(&Case, &Policy)> =
        cases.iter().map(|c| (c, by_id(&c.policy_id).expect("built-in policy"))).collect();
    annual_report(&pairs, &calendar(), period(), today())
}

fn counts(pairs: &[(&str, u32)]) -> Vec<Count> {
    pairs.iter().map(|(label, count)| Count { label: (*label).into(), count: *count }).collect()
}

#[test]
fn period_is_inclusive() {
    let p = period();
    assert!(p.contains(d("2025-04-01")));
    assert!(p.contains(d("2026-03-31")));
    assert!(!p.contains(d("2025-03-31")));
    assert!(!p.contains(d("2026-04-01")));
}

#[test]
fn counts_by_kind_category_outcome_and_stage() {
    let r = report_for(&cases());
    assert_eq!((r.total, r.complaints), (6, 4));
    assert_eq!(r.by_kind, counts(&[("Complaint", 4), ("Service request", 1), ("Compliment", 1)]));
    assert_eq!(r.by_category, counts(&[("Repairs", 2), ("Anti-social behaviour", 1), ("Damp and mould", 1)]));
    // B's latest response (Stage 2, not upheld) counts, not its Stage 1 one (partly upheld).
    assert_eq!(r.by_outcome, counts(&[("Upheld", 1), ("Not upheld", 1), ("No response yet", 2)]));
    assert_eq!(r.by_stage, counts(&[("Stage 1", 2), ("Stage One", 1), ("Stage 2", 1)]));
    assert_eq!(r.overdue_now, 1);
}

#[test]
fn stage_timeliness_follows_the_engine() {
    let r = report_for(&cases());
    let ids: Vec<&str> = r.stages.iter().map(|s| s.stage_id.as_str()).collect();
    assert_eq!(ids, ["stage1", "stage2"]);

    let s1 = r.stage("stage1").unwrap();
    assert_eq!(s1.stage_name, "Stage 1 / Stage One");
    assert_eq!(s1.started, 4);
    // Acknowledgements: A and E met, B missed, C overdue.
    assert_eq!((s1.acknowledged, s1.acknowledged_on_time, s1.not_acknowledged_late), (3, 2, 1));
    assert_eq!(s1.acknowledged_on_time_percent(), Some(50.0));
    // Responses: A and B met, C overdue, E pending (not counted).
    assert_eq!((s1.responded, s1.responded_on_time, s1.not_responded_late), (2, 2, 1));
    let share = s1.responded_on_time_percent().unwrap();
    assert!((share - 200.0 / 3.0).abs() < 1e-9, "{share}");
    // (10 + 14) / 2 working days.
    assert_eq!(s1.average_working_days_to_respond, Some(12.0));

    let s2 = r.stage("stage2").unwrap();
    assert_eq!(s2.stage_name, "Stage 2");
    assert_eq!(s2.started, 1);
    assert_eq!((s2.acknowledged, s2.acknowledged_on_time), (1, 1));
    assert_eq!((s2.responded, s2.responded_on_time, s2.not_responded_late), (1, 0, 0));
    assert_eq!(s2.responded_on_time_percent(), Some(0.0));
    assert_eq!(s2.average_working_days_to_respond, Some(25.0));
}

#[test]
fn compensation_lessons_and_cases_left_out() {
    let r = report_for(&cases());
    // A's £50 in the response, B's £25 then £40; paid: A's £50 and B's latest offer, £40.
    assert_eq!(
        (r.compensation.offers, r.compensation.offered_pence, r.compensation.paid, r.compensation.paid_pence),
        (3, 11_500, 2, 9_000)
    );
    let lessons: Vec<(&str, NaiveDate, &str, &str)> = r
        .lessons
        .iter()
        .map(|l| (l.case_id.as_str(), l.date, l.stage_name.as_str(), l.text.as_str()))
        .collect();
    assert_eq!(
        lessons,
        [
            ("a", d("2025-06-16"), "Stage 1", "Book repairs within a week."),
            ("b", d("2025-10-20"), "Stage 2", "Explain delays when they happen."),
        ]
    );
    assert_eq!(r.not_assessable.len(), 1, "{:?}", r.not_assessable);
    assert_eq!(r.not_assessable[0].case_id, "h");
    assert!(
        r.not_assessable[0].message.starts_with("Event 2 (acknowledged)"),
        "{}",
        r.not_assessable[0].message
    );
}

#[test]
fn a_case_under_the_wrong_policy_is_listed_not_counted() {
    let c =
        case("w", "progress", FeedbackKind::Complaint, "Repairs", vec![("2025-06-02", EventKind::Received)]);
    let code = by_id("code-2024").unwrap();
    let r = annual_report(&[(&c, code)], &calendar(), period(), today());
    assert_eq!((r.total, r.complaints), (0, 0));
    assert!(r.stages.is_empty() && r.by_kind.is_empty());
    assert_eq!(r.not_assessable.len(), 1);
    assert!(r.not_assessable[0].message.contains("\"progress\""), "{}", r.not_assessable[0].message);
}

#[test]
fn an_empty_report_has_no_shares() {
    let r = report_for(&[]);
    assert_eq!(r.total, 0);
    assert!(r.by_outcome.is_empty() && r.stages.is_empty() && r.lessons.is_empty());
    let charts = r.charts();
    assert_eq!(charts.len(), 4);
    assert!(charts.iter().all(|c| c.bars.is_empty()));
}

#[test]
fn charts_carry_values_and_shares() {
    let r = report_for(&cases());
    let charts = r.charts();
    let bars = |i: usize| -> Vec<(String, f64, String, f64)> {
        charts[i].bars.iter().map(|b| (b.label.clone(), b.value, b.display.clone(), b.share)).collect()
    };
    assert_eq!(charts[0].unit, "cases");
    assert_eq!(
        bars(0),
        [
            ("Complaint".to_string(), 4.0, "4".to_string(), 1.0),
            ("Service request".into(), 1.0, "1".into(), 0.25),
            ("Compliment".into(), 1.0, "1".into(), 0.25),
        ]
    );
    assert_eq!(charts[1].bars.iter().map(|b| b.display.as_str()).collect::<Vec<_>>(), ["1", "1", "2"]);
    // Percentages are scaled to 100, not to the largest bar.
    assert_eq!(charts[2].unit, "%");
    assert_eq!(
        bars(2),
        [
            ("Stage 1 / Stage One".to_string(), 50.0, "50%".to_string(), 0.5),
            ("Stage 2".into(), 100.0, "100%".into(), 1.0)
        ]
    );
    let displays: Vec<&str> = charts[3].bars.iter().map(|b| b.display.as_str()).collect();
    assert_eq!(displays, ["67%", "0%"]);
    assert_eq!(charts[3].bars[1].share, 0.0);
}

#[test]
fn bar_chart_of_zeroes_has_zero_shares() {
    let chart = bar_chart("t", "u", &counts(&[("a", 0), ("b", 0)]));
    assert!(chart.bars.iter().all(|b| b.share == 0.0 && b.display == "0"));
}

#[test]
fn whole_percentages_never_overstate() {
    let table = [
        ((0, 0), None),
        ((0, 5), Some(0)),
        ((5, 5), Some(100)),
        ((41, 44), Some(93)),
        ((199, 200), Some(99)),
        ((1, 1000), Some(1)),
        ((2, 3), Some(67)),
    ];
    for ((part, whole), want) in table {
        assert_eq!(whole_percent(part, whole), want, "{part} of {whole}");
    }
}

fn finding(id: &str, report: &Report, policy: &str) -> Finding {
    measured(provision(id).unwrap(), report, by_id(policy).unwrap()).unwrap()
}

#[test]
fn timeliness_findings_quote_the_figures() {
    let r = report_for(&cases());
    let f = finding("stage1-acknowledge", &r, "code-2024");
    assert_eq!(f.complies, Some(false));
    assert_eq!(f.evidence, "2 of 4 Stage 1 complaints (50%) were acknowledged within 5 working days.");
    let f = finding("stage2-acknowledge", &r, "code-2024");
    assert_eq!(f.complies, Some(true));
    assert_eq!(f.evidence, "1 of 1 Stage 2 complaint (100%) was acknowledged within 5 working days.");
    let f = finding("stage2-respond", &r, "code-2024");
    assert_eq!(f.complies, Some(false));
    assert_eq!(
        f.evidence,
        "0 of 1 Stage 2 complaint (0%) was answered within 20 working days of acknowledgement."
    );

    let empty = report_for(&[]);
    let f = finding("stage1-respond", &empty, "code-2024");
    assert_eq!(f.complies, None);
    assert_eq!(f.evidence, "No Stage 1 complaint was due to be answered in the period.");
}

#[test]
fn policy_findings_come_from_conformance() {
    let r = report_for(&[]);
    let code = finding("no-stage-zero", &r, "code-2024");
    assert_eq!(code.complies, Some(true));
    let together = finding("no-stage-zero", &r, "together");
    assert_eq!(together.complies, Some(false));
    assert!(together.evidence.contains("Get It Sorted"), "{}", together.evidence);
    assert_eq!(finding("two-stages", &r, "progress").complies, Some(true));
    assert_eq!(finding("two-stages", &r, "housing-plus").complies, Some(false));
    assert_eq!(finding("no-democratic-filter", &r, "progress").complies, Some(true));
    assert_eq!(finding("no-democratic-filter", &r, "tuntum").complies, Some(false));
    assert_eq!(finding("no-blanket-exclusions", &r, "code-2024").complies, Some(true));
    assert_eq!(finding("no-blanket-exclusions", &r, "forhousing").complies, Some(false));
    assert_eq!(finding("reasonable-adjustments", &r, "forhousing").complies, Some(false));
    assert_eq!(finding("reasonable-adjustments", &r, "progress").complies, Some(true));
    // Progress does not list service requests among the feedback it records.
    let sr = finding("service-requests", &report_for(&cases()), "progress");
    assert_eq!(sr.complies, Some(false));
    assert!(sr.evidence.ends_with("1 service request was recorded in the period."), "{}", sr.evidence);
    // A provision nothing can measure has no finding.
    assert_eq!(measured(provision("records").unwrap(), &r, by_id("code-2024").unwrap()), None);
}

#[test]
fn provisions_are_complete_and_distinct() {
    let rows = provisions();
    assert!(rows.len() >= 20, "{} rows", rows.len());
    let mut ids: Vec<&str> = rows.iter().map(|p| p.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), rows.len(), "provision ids must be unique");
    assert!(rows.iter().all(|p| !p.text.trim().is_empty() && !p.section.trim().is_empty()));
    for (id, measure) in [
        ("stage1-acknowledge", Measure::Stage1AcknowledgedOnTime),
        ("stage1-respond", Measure::Stage1RespondedOnTime),
        ("stage2-acknowledge", Measure::Stage2AcknowledgedOnTime),
        ("stage2-respond", Measure::Stage2RespondedOnTime),
        ("no-stage-zero", Measure::NoInformalStage),
        ("no-democratic-filter", Measure::NoWaitingRule),
    ] {
        assert_eq!(provision(id).and_then(|p| p.measure), Some(measure), "{id}");
    }
}

/// The rows cite the Code through the same provisions data as the Code profile: a confirmed
/// number as the number, an unconfirmed one by its section.
#[test]
fn provisions_cite_the_codes_paragraphs() {
    use redress_core::policy::provisions::provisions as code_provisions;
    let data = code_provisions();
    for row in provisions() {
        for number in row.code.split(';').map(str::trim) {
            assert!(data.get(number).is_some(), "{}: {number} is not a provision of the Code", row.id);
        }
        assert!(!row.heading().is_empty());
    }
    let heading = |id: &str| provision(id).unwrap().heading();
    assert_eq!(heading("stage1-acknowledge"), "Paragraph 6.2 (Complaints stages)");
    assert_eq!(heading("stage2-independent"), "Paragraph 6.13 (Complaints stages)");
    // 6.14's number is unconfirmed [M]: cited by its section.
    assert_eq!(heading("stage2-respond"), "Section 6 (Complaints stages, Stage 2)");
    assert_eq!(heading("extensions"), "Paragraphs 6.4, 6.5; section 6 (Complaints stages, Stage 2)");
    assert_eq!(heading("refusal-in-writing"), "Paragraph 2.4 (Exclusions)");
}

#[test]
fn the_new_measures_follow_the_policies() {
    let r = report_for(&[]);
    // Stage 2 stated to be independent: Progress 4.3.12 yes; Together 5.6 and Housing Plus Level 2 no.
    assert_eq!(finding("stage2-independent", &r, "progress").complies, Some(true));
    assert_eq!(finding("stage2-independent", &r, "together").complies, Some(false));
    assert_eq!(finding("stage2-independent", &r, "housing-plus").complies, Some(false));
    // Behaviour that rejects or suspends complaints: Housing Plus 4.7 and Together 8.4.
    assert_eq!(finding("unacceptable-behaviour", &r, "progress").complies, Some(true));
    let hp = finding("unacceptable-behaviour", &r, "housing-plus");
    assert_eq!(hp.complies, Some(false));
    assert!(hp.evidence.contains("Clause 4.7"), "{}", hp.evidence);
    assert_eq!(finding("unacceptable-behaviour", &r, "together").complies, Some(false));
    // Reasons required to escalate (Tuntum Stage 2) and a legal test wider than the Code's.
    let tuntum = finding("escalation-without-reasons", &r, "tuntum");
    assert!(tuntum.evidence.contains("say why you are unsatisfied"), "{}", tuntum.evidence);
    assert!(finding("no-blanket-exclusions", &r, "housing-plus").evidence.contains("filed at court"));
    assert_eq!(finding("unacceptable-behaviour", &r, "code-2024").complies, Some(true));
}

#[test]
fn self_assessment_checks_gaps_and_ids() {
    let mut sa = SelfAssessment::default();
    sa.set(Answer { provision_id: "two-stages".into(), complies: Some(Complies::No), ..Answer::default() });
    sa.set(Answer {
        provision_id: "stage1-respond".into(),
        complies: Some(Complies::Partly),
        action: "Weekly case review".into(),
        ..Answer::default()
    });
    sa.set(Answer {
        provision_id: "stage2-respond".into(),
        complies: Some(Complies::Yes),
        ..Answer::default()
    });
    sa.set(Answer { provision_id: "made-up".into(), complies: Some(Complies::No), ..Answer::default() });
    let problems = sa.validate();
    let ids: Vec<&str> = problems.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["two-stages", "two-stages", "stage1-respond", "made-up"], "{problems:?}");
    assert!(problems[0].1.contains("action"));
    assert!(problems[1].1.contains("date"));
    assert!(problems[2].1.contains("date"));
    assert!(problems[3].1.contains("no such provision"));

    // Setting an answer again replaces it; a complete gap passes.
    sa.set(Answer {
        provision_id: "two-stages".into(),
        complies: Some(Complies::No),
        action: "Merge the panel stage into Stage 2".into(),
        action_due: Some(d("2026-09-30")),
        ..Answer::default()
    });
    assert_eq!(sa.answers.iter().filter(|a| a.provision_id == "two-stages").count(), 1);
    assert_eq!(sa.answer("two-stages").unwrap().action_due, Some(d("2026-09-30")));
    assert_eq!(sa.validate().len(), 2);

    // Two answers to one provision (as an imported file might have) are caught.
    sa.answers.push(Answer { provision_id: "stage2-respond".into(), ..Answer::default() });
    assert!(sa.validate().iter().any(|(id, m)| id == "stage2-respond" && m.contains("more than once")));
}

#[test]
fn self_assessment_round_trips_and_refuses_unknown_fields() {
    let mut sa = SelfAssessment { completed_on: Some(d("2026-05-01")), answers: Vec::new() };
    sa.set(Answer {
        provision_id: "stage1-acknowledge".into(),
        complies: Some(Complies::Partly),
        evidence: "2 of 4".into(),
        commentary: "Staff shortage in the summer".into(),
        action: "Cover rota".into(),
        action_due: Some(d("2026-07-01")),
    });
    let json = serde_json::to_value(&sa).unwrap();
    assert_eq!(json["answers"][0]["complies"], "partly");
    assert_eq!(json["completed_on"], "2026-05-01");
    let back: SelfAssessment = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, sa);
    let mut bad = json;
    bad["answers"][0]["extra"] = serde_json::json!(1);
    assert!(serde_json::from_value::<SelfAssessment>(bad).is_err());
    assert_eq!(SETTING_ID, "self-assessment");
}

#[test]
fn draft_fills_in_what_can_be_measured() {
    let r = report_for(&cases());
    let sa = draft(&r, by_id("together").unwrap());
    let measurable = provisions().iter().filter(|p| p.measure.is_some()).count();
    assert_eq!(sa.answers.len(), measurable);
    assert_eq!(sa.answer("no-stage-zero").unwrap().complies, Some(Complies::No));
    assert_eq!(sa.answer("stage2-acknowledge").unwrap().complies, Some(Complies::Yes));
    assert!(sa.answer("records").is_none());
    // A draft's gaps still need actions, so it does not pass as it is.
    assert!(!sa.validate().is_empty());
}

#[test]
fn a_complaint_without_a_category_is_labelled() {
    let c = case("n", "code-2024", FeedbackKind::Complaint, "  ", vec![("2025-06-02", EventKind::Received)]);
    let r = report_for(&[c]);
    assert_eq!(r.by_category, counts(&[(redress_core::report::NO_CATEGORY, 1)]));
    assert_eq!(r.by_category[0].label, "No category recorded");
}

#[test]
fn timeliness_under_a_longer_policy_timescale_is_not_compliance_with_the_code() {
    use redress_core::report::self_assessment::{measured, provision};
    let code = redress_core::policy::code();
    let mut longer = code.clone();
    longer.id = "longer".into();
    longer.kind = redress_core::policy::PolicyKind::Landlord;
    longer.stages[0].respond.as_mut().unwrap().period.amount = 15;
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    let period = ReportPeriod {
        from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
    };
    let report = annual_report(&[], &calendar, period, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    let p = provision("stage1-respond").unwrap();
    let under_code = measured(p, &report, code).unwrap();
    assert_eq!(under_code.complies, None, "{under_code:?}");
    let under_longer = measured(p, &report, &longer).unwrap();
    assert_eq!(under_longer.complies, Some(false));
    assert!(under_longer.evidence.contains("departs from the Code"), "{}", under_longer.evidence);
}

#[test]
fn stages_the_policy_moves_a_complaint_into_are_counted_as_reached() {
    // Tuntum: received Monday 2 June 2025; a not-upheld answer on Tuesday 10 June is no quick fix
    // (that is a resolution within one working day, by 3 June), so it is Stage 1's response,
    // 6 working days after receipt (3, 4, 5, 6, 9, 10 June). ForHousing: received the same day
    // and never answered: Stage 1 from Wednesday 4 June, Stage 2 from Wednesday 18 June.
    let cases = [
        case(
            "T",
            "tuntum",
            FeedbackKind::Complaint,
            "Repairs",
            vec![
                ("2025-06-02", EventKind::Received),
                ("2025-06-10", responded(Outcome::NotUpheld, None, "Phone back the same day.")),
            ],
        ),
        case(
            "F",
            "forhousing",
            FeedbackKind::Complaint,
            "Repairs",
            vec![("2025-06-02", EventKind::Received)],
        ),
    ];
    let r = report_for(&cases);
    assert_eq!(r.by_stage, counts(&[("Stage 1 (Officer stage)", 1), ("Stage 2 Review", 1)]));
    let ids: Vec<&str> = r.stages.iter().map(|s| s.stage_id.as_str()).collect();
    assert_eq!(ids, ["stage0", "stage1", "stage2"]);
    let s0 = r.stage("stage0").unwrap();
    assert_eq!((s0.stage_name.as_str(), s0.started, s0.not_responded_late), ("First Response", 1, 1));
    let s1 = r.stage("stage1").unwrap();
    assert_eq!(s1.started, 2);
    assert_eq!((s1.responded, s1.responded_on_time, s1.not_responded_late), (1, 1, 1));
    assert_eq!(s1.average_working_days_to_respond, Some(6.0));
    assert_eq!(r.stage("stage2").unwrap().not_responded_late, 1);
    assert_eq!(r.lessons[0].stage_name, "Stage 1 (Officer stage)");
}
