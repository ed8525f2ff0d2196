//! The built-in policies: each parses and validates; spot checks of real values against the seed
//! texts; validation rejects bad edits with the right message; conformance finds the known
//! departures from the statutory Code.

use redress::calendar::{Period, PeriodUnit};
use redress::policy::{self, by_id, conformance, Agreement, Policy, Severity, Trigger, CODE_ID};

#[test]
fn every_builtin_policy_parses_and_validates() {
    let ids: Vec<&str> = policy::builtin().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["forhousing", "together", "progress", "housing-plus", "tuntum", CODE_ID]);
    for p in policy::builtin() {
        assert_eq!(p.validate(), Ok(()), "{}", p.id);
        for stage in &p.stages {
            assert!(!stage.clause.is_empty() && !stage.plain.is_empty(), "{} {}", p.id, stage.id);
        }
        for exclusion in &p.exclusions {
            assert!(
                !exclusion.clause.is_empty() && exclusion.plain.ends_with('.'),
                "{} {}",
                p.id,
                exclusion.code
            );
        }
    }
    assert_eq!(policy::code().id, CODE_ID);
}

/// (policy, stage, which timescale, period, counted from, clause) — each checked against the seed text.
type Spot = (&'static str, &'static str, &'static str, Period, Trigger, &'static str);

const SPOTS: &[Spot] = &[
    // ForHousing 1: First Response 2 WD; Stage 1 10 WD of escalation; Stage 2 5 WD of escalation.
    ("forhousing", "stage0", "respond", Period::working_days(2), Trigger::StageStart, "1"),
    ("forhousing", "stage1", "respond", Period::working_days(10), Trigger::StageStart, "1"),
    ("forhousing", "stage2", "respond", Period::working_days(5), Trigger::StageStart, "1"),
    // Together 5.4–5.6.
    ("together", "stage0", "respond", Period::working_days(5), Trigger::StageStart, "5.4"),
    ("together", "stage1", "acknowledge", Period::working_days(5), Trigger::StageStart, "5.5"),
    ("together", "stage1", "respond", Period::working_days(10), Trigger::Acknowledged, "5.5"),
    ("together", "stage2", "respond", Period::working_days(15), Trigger::Acknowledged, "5.6"),
    // Progress 4.3.9, 4.3.13–4.3.15.
    ("progress", "stage1", "acknowledge", Period::working_days(5), Trigger::StageStart, "4.3.9"),
    ("progress", "stage1", "respond", Period::working_days(10), Trigger::Acknowledged, "4.3.9"),
    ("progress", "stage1", "escalation_window", Period::months(6), Trigger::StageResponse, "4.3.13; 2.3.6"),
    ("progress", "stage2", "acknowledge", Period::working_days(5), Trigger::StageStart, "4.3.14"),
    ("progress", "stage2", "respond", Period::working_days(20), Trigger::Acknowledged, "4.3.15"),
    // Housing Plus Appendix 1.
    (
        "housing-plus",
        "stage1",
        "acknowledge",
        Period::working_days(2),
        Trigger::StageStart,
        "Appendix 1 (Level 1)",
    ),
    (
        "housing-plus",
        "stage1",
        "escalation_window",
        Period::calendar_days(28),
        Trigger::StageResponse,
        "Appendix 1 (Level 1)",
    ),
    (
        "housing-plus",
        "stage3",
        "resident_form",
        Period::calendar_days(28),
        Trigger::Acknowledged,
        "Appendix 1 (Level 3)",
    ),
    (
        "housing-plus",
        "stage3",
        "respond",
        Period::working_days(10),
        Trigger::FormReceived,
        "Appendix 1 (Level 3)",
    ),
    // Tuntum section 5.
    (
        "tuntum",
        "stage0",
        "escalation_window",
        Period::working_days(5),
        Trigger::StageResponse,
        "5 (Stage Zero)",
    ),
    ("tuntum", "stage1", "acknowledge", Period::working_days(3), Trigger::StageStart, "2; 5 (Stage 1)"),
    (
        "tuntum",
        "stage1",
        "escalation_window",
        Period::working_days(20),
        Trigger::StageResponse,
        "5 (Stage 2)",
    ),
    // The Code.
    (CODE_ID, "stage1", "acknowledge", Period::working_days(5), Trigger::StageStart, "Timescales (Stage 1)"),
    (CODE_ID, "stage1", "respond", Period::working_days(10), Trigger::Acknowledged, "Timescales (Stage 1)"),
    (CODE_ID, "stage2", "respond", Period::working_days(20), Trigger::Acknowledged, "Timescales (Stage 2)"),
];

#[test]
fn timescales_match_the_seed_texts() {
    for &(id, stage_id, which, period, from, clause) in SPOTS {
        let p = by_id(id).unwrap();
        let stage = &p.stages[p.stage_index(stage_id).unwrap_or_else(|| panic!("{id} has no {stage_id}"))];
        let timescale = match which {
            "acknowledge" => stage.acknowledge.as_ref(),
            "respond" => stage.respond.as_ref(),
            "escalation_window" => stage.escalation_window.as_ref(),
            "resident_form" => stage.resident_form.as_ref(),
            other => panic!("unknown timescale {other}"),
        }
        .unwrap_or_else(|| panic!("{id} {stage_id} has no {which}"));
        assert_eq!(
            (timescale.period, timescale.from, timescale.clause.as_str()),
            (period, from, clause),
            "{id} {stage_id} {which}"
        );
    }
}

#[test]
fn other_values_match_the_seed_texts() {
    let stages =
        |id: &str| by_id(id).unwrap().stages.iter().map(|s| (s.id.clone(), s.informal)).collect::<Vec<_>>();
    assert_eq!(
        stages("forhousing"),
        [("stage0".into(), true), ("stage1".into(), false), ("stage2".into(), false)]
    );
    assert_eq!(stages("housing-plus").len(), 3);
    assert_eq!(stages("progress"), [("stage1".into(), false), ("stage2".into(), false)]);

    let limit = |id: &str| by_id(id).unwrap().time_limit.as_ref().map(|t| (t.period, t.discretion));
    assert_eq!(limit("forhousing"), Some((Period::months(6), true)));
    assert_eq!(limit("together"), Some((Period::months(6), true)));
    assert_eq!(limit("progress"), Some((Period::months(6), false)));
    assert_eq!(limit("housing-plus"), Some((Period::months(12), false)));
    assert_eq!(limit("tuntum"), None);
    assert_eq!(limit(CODE_ID), Some((Period::months(12), true)));

    let together = by_id("together").unwrap();
    let extension = together.stages[1].extension.as_ref().unwrap();
    assert_eq!(
        (extension.up_to, extension.agreement),
        (Some(Period::working_days(10)), Agreement::NeededBeyondLimit)
    );
    assert_eq!(together.after_final.waiting.as_ref().unwrap().period, Period::weeks(8));

    let forhousing = by_id("forhousing").unwrap();
    assert!(forhousing.exclusion("staff_conduct_hr").is_some());
    assert_eq!(
        forhousing.stages[2].extension.as_ref().unwrap().up_to,
        Some(Period::working_days(16)),
        "5 + 16 = 21 WD with a panel"
    );
}

#[test]
fn progress_compensation_table_is_exact() {
    let comp = by_id("progress").unwrap().compensation.as_ref().unwrap();
    let bands: Vec<(&str, u64, Option<u64>, &str)> = comp
        .bands
        .iter()
        .map(|b| (b.level.as_str(), b.min_pence, b.max_pence, b.authoriser.as_str()))
        .collect();
    assert_eq!(
        bands,
        [
            ("low", 0, Some(10_000), "Service Manager"),
            ("medium", 10_100, Some(50_000), "Head of Department"),
            ("high", 50_001, None, "Relevant Director, Director Legal Services, or Chief Executive"),
        ]
    );
    let claim = comp.claim_window.as_ref().unwrap();
    assert_eq!((claim.period, claim.outer_limit), (Period::calendar_days(28), Some(Period::months(6))));
    assert_eq!(
        comp.acceptance_window.as_ref().unwrap().period,
        Period { amount: 28, unit: PeriodUnit::CalendarDays }
    );
    assert_eq!(comp.exclusions.len(), 10);
}

/// Applies an edit to a copy of the Code and checks validation names the field.
fn check_invalid(edit: impl Fn(&mut Policy), field: &str, fragment: &str) {
    let mut p = policy::code().clone();
    edit(&mut p);
    let errors = p.validate().expect_err(field);
    assert!(
        errors.iter().any(|e| e.field == field && e.message.contains(fragment)),
        "expected {field}: …{fragment}…, got {errors:?}"
    );
}

#[test]
fn validation_rejects_bad_edits_with_a_plain_message() {
    check_invalid(|p| p.stages.clear(), "stages", "at least one stage");
    check_invalid(|p| p.stages[1].id = "stage1".into(), "stages[1].id", "Two stages have this id");
    check_invalid(
        |p| p.stages[0].respond.as_mut().unwrap().period.amount = 0,
        "stages[0].respond.period.amount",
        "0 days",
    );
    check_invalid(
        |p| p.stages[0].acknowledge = None,
        "stages[0].respond.from",
        "no acknowledgement timescale",
    );
    check_invalid(|p| p.stages[0].respond = None, "stages[0].respond", "needs a response timescale");
    check_invalid(|p| p.stages[1].informal = true, "stages[1].informal", "Only the first stage");
    check_invalid(
        |p| {
            p.stages[1].escalation_window = p.stages[0].acknowledge.clone().map(|mut t| {
                t.from = Trigger::StageResponse;
                t
            })
        },
        "stages[1].escalation_window",
        "last stage has no next stage",
    );
    check_invalid(
        |p| p.exclusions[1].code = "service_request".into(),
        "exclusions[1].code",
        "Two exclusions",
    );
    check_invalid(|p| p.exclusions[0].code = "Legal Proceedings".into(), "exclusions[0].code", "lower case");
    check_invalid(|p| p.landlord = " ".into(), "landlord", "landlord's name");
    check_invalid(|p| p.time_limit.as_mut().unwrap().period.amount = 0, "time_limit.period.amount", "0");

    let mut progress = by_id("progress").unwrap().clone();
    progress.compensation.as_mut().unwrap().bands[1].min_pence = 5_000;
    let errors = progress.validate().unwrap_err();
    assert_eq!(errors[0].field, "compensation.bands[1].min_pence");
}

#[test]
fn a_bad_policy_file_names_the_field() {
    let mut json: serde_json::Value = serde_json::to_value(policy::code()).unwrap();
    json["stages"][0]["respond"]["period"]["unit"] = "fortnights".into();
    let error = policy::parse(&json.to_string()).unwrap_err();
    assert_eq!(error.field, "stages[0].respond.period.unit");
}

/// The departures each policy must show (topic, stage), checked against the seeds and the Code.
#[test]
fn conformance_finds_the_known_departures() {
    type Expected<'a> = &'a [(&'a str, Option<&'a str>)];
    let expected: &[(&str, Expected)] = &[
        (
            "forhousing",
            &[
                ("stage_zero", Some("stage0")),
                ("time_limit", None),
                ("exclusion_staff_conduct_hr", None),
                ("no_acknowledgement", Some("stage1")),
            ],
        ),
        (
            "together",
            &[
                ("stage_zero", Some("stage0")),
                ("time_limit", None),
                ("waiting_rule", None),
                ("escalation_refusal", None),
            ],
        ),
        ("progress", &[("time_limit", None), ("aim_only", Some("stage1")), ("extension", Some("stage2"))]),
        (
            "housing-plus",
            &[
                ("number_of_stages", None),
                ("time_limit_discretion", None),
                ("exclusion_mp_councillor_route", None),
                ("escalation_refusal", None),
            ],
        ),
        ("tuntum", &[("stage_zero", Some("stage0")), ("waiting_rule", None), ("escalation_refusal", None)]),
    ];
    let code = policy::code();
    for (id, wanted) in expected {
        let found = conformance(by_id(id).unwrap(), code);
        for (topic, stage) in *wanted {
            let d = found.iter().find(|d| d.topic == *topic && d.stage.as_deref() == *stage).unwrap_or_else(
                || {
                    panic!(
                        "{id}: expected {topic} {stage:?}, found {:?}",
                        found.iter().map(|d| &d.topic).collect::<Vec<_>>()
                    )
                },
            );
            assert!(!d.policy_clause.is_empty() && !d.code_clause.is_empty(), "{id} {topic}: both citations");
            assert!(!d.for_resident.is_empty() && !d.for_association.is_empty());
        }
        assert!(found.iter().any(|d| d.severity == Severity::Major), "{id}");
    }
    // Things a policy does as well as or better than the Code are not departures.
    let together = conformance(by_id("together").unwrap(), code);
    assert!(
        !together.iter().any(|d| d.topic == "response_timescale"),
        "Together's 15 WD is within the Code's 20"
    );
    let progress = conformance(by_id("progress").unwrap(), code);
    assert!(!progress.iter().any(|d| d.topic == "stage_zero" || d.topic == "waiting_rule"));
    assert!(conformance(code, code).is_empty());
    let waiting = by_id("tuntum").map(|p| conformance(p, code)).unwrap();
    let rule = waiting.iter().find(|d| d.topic == "waiting_rule").unwrap();
    assert!(rule.for_resident.contains("1 October 2022"));
}

#[test]
fn editor_reads_numbers_and_money_with_clear_messages() {
    use redress::policy::edit::{parse_amount, parse_pounds, pounds};
    assert_eq!(parse_amount(" 10 "), Ok(10));
    for (input, fragment) in [
        ("-3", "cannot be negative"),
        ("0", "0 makes no sense"),
        ("ten", "not a whole number"),
        ("", "Enter a number"),
        ("400", "longer than a year"),
    ] {
        let message = parse_amount(input).unwrap_err();
        assert!(message.contains(fragment), "{input:?}: {message}");
    }
    assert_eq!(parse_pounds("£1,250.50"), Ok(125_050));
    assert_eq!(parse_pounds("50"), Ok(5_000));
    assert_eq!(parse_pounds("0.5"), Ok(50));
    assert_eq!(parse_pounds(".75"), Ok(75));
    assert!(parse_pounds("-5").unwrap_err().contains("negative"));
    assert!(parse_pounds("5.123").unwrap_err().contains("not an amount"));
    assert!(parse_pounds("five").unwrap_err().contains("not an amount"));
    assert_eq!(pounds(125_050), "£1,250.50");
    assert_eq!(pounds(5_000), "£50");
    assert_eq!(pounds(100_000_000), "£1,000,000");
    assert_eq!(pounds(5), "£0.05");
}

#[test]
fn editor_sentences_follow_the_numbers() {
    use redress::calendar::Period;
    use redress::policy::edit::{new_stage, timescale_sentence, TimescaleKind};
    let code = policy::code();
    let mut respond = code.stages[0].respond.clone().unwrap();
    respond.period = Period::working_days(15);
    assert_eq!(
        timescale_sentence(TimescaleKind::Respond, &respond),
        "The landlord must give you a full response within 15 working days of acknowledging it."
    );
    let stage = new_stage(2);
    assert_eq!((stage.id.as_str(), stage.name.as_str()), ("stage3", "Stage 3"));
    let mut edited = code.clone();
    edited.id = "my-policy".into();
    edited.kind = policy::PolicyKind::Landlord;
    edited.stages.push(stage);
    // A third stage is valid data, but the Code allows exactly two: the editor shows that.
    assert_eq!(edited.validate(), Ok(()));
    assert!(
        policy::conformance(&edited, code).iter().any(|d| d.topic.contains("stage")),
        "{:?}",
        policy::conformance(&edited, code)
    );
}
