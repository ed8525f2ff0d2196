//! The built-in policies: each parses and validates; spot checks of real values against the seed
//! texts; validation rejects bad edits with the right message; conformance finds the known
//! departures from the statutory Code.

use redress_core::calendar::{Period, PeriodUnit};
use redress_core::policy::{self, by_id, conformance, Agreement, Policy, Severity, Trigger, CODE_ID};

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
    // The Code 6.2, 6.3 (numbers confirmed); 6.14 is unconfirmed, so it is cited by its section.
    (CODE_ID, "stage1", "acknowledge", Period::working_days(5), Trigger::StageStart, "6.2"),
    (CODE_ID, "stage1", "respond", Period::working_days(10), Trigger::Acknowledged, "6.3"),
    (
        CODE_ID,
        "stage2",
        "respond",
        Period::working_days(20),
        Trigger::Acknowledged,
        "section 6 (Complaints stages, Stage 2)",
    ),
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
    // Progress 2.3.6: the six months count to when the problem was first raised.
    assert_eq!(
        by_id("progress").unwrap().time_limit.as_ref().unwrap().counts_to,
        redress_core::policy::LimitEnd::FirstRaised
    );
    assert_eq!(together.time_limit.as_ref().unwrap().counts_to, redress_core::policy::LimitEnd::Complaint);
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

/// The departures each policy must show (topic, stage), checked against the seeds and the Code
/// (`../shared/audits/fidelity-2026-12.md` section 7).
#[test]
fn conformance_finds_the_known_departures() {
    type Expected<'a> = &'a [(&'a str, Option<&'a str>)];
    let expected: &[(&str, Expected)] = &[
        (
            "forhousing",
            &[
                ("stage_zero", Some("stage0")),
                ("time_limit", None),
                ("no_acknowledgement", Some("stage1")),
                // "Where legal action has been taken or is planned": wider than a claim filed at court.
                ("legal_test", None),
                // The seed has no reasonable-adjustments clause.
                ("no_reasonable_adjustments", None),
            ],
        ),
        (
            "together",
            &[
                ("stage_zero", Some("stage0")),
                ("time_limit", None),
                ("waiting_rule", None),
                ("escalation_refusal", None),
                // 8.4: "the complaint may be suspended, or escalation refused".
                ("behaviour_blocks_complaints", None),
                // 2.4 "may not deal with": blanket exclusions all the same.
                ("exclusion_data_protection", None),
                ("exclusion_director_complaint", None),
                ("exclusion_insurance_claim", None),
                ("exclusion_services_not_provided", None),
                // 2.4 "ongoing legal proceedings or investigation".
                ("legal_test", None),
                // 5.6 "they must set out their position".
                ("reasons_required", Some("stage2")),
                // 5.6 "a Senior Manager or equivalent", not stated to be uninvolved at Stage 1.
                ("stage2_not_independent", Some("stage2")),
            ],
        ),
        (
            "progress",
            &[
                ("time_limit", None),
                ("aim_only", Some("stage1")),
                ("extension", Some("stage2")),
                // 4.3.10: a new timescale agreed, with no cap.
                ("extension", Some("stage1")),
                // 2.3.1 "complaints regarding anti-social behaviour" follow another policy.
                ("exclusion_asb_handling", None),
            ],
        ),
        (
            "housing-plus",
            &[
                ("number_of_stages", None),
                ("time_limit_discretion", None),
                ("exclusion_mp_councillor_route", None),
                ("escalation_refusal", None),
                // 4.7 "their complaint and any subsequent complaints ... may be rejected".
                ("behaviour_blocks_complaints", None),
                // 4.2 "legal proceedings relating to it".
                ("legal_test", None),
                // Level 2: "the investigating officer's manager".
                ("stage2_not_independent", Some("stage2")),
            ],
        ),
        (
            "tuntum",
            &[
                ("stage_zero", Some("stage0")),
                ("waiting_rule", None),
                ("escalation_refusal", None),
                ("extension", Some("stage1")),
                ("extension", Some("stage2")),
                ("reasons_required", Some("stage2")),
                ("no_reasonable_adjustments", None),
            ],
        ),
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

/// The findings the audit showed to be wrong are gone, and none comes back.
#[test]
fn conformance_makes_none_of_the_wrong_findings() {
    let code = policy::code();
    let topics = |id: &str| -> Vec<(String, Option<String>)> {
        conformance(by_id(id).unwrap(), code).into_iter().map(|d| (d.topic, d.stage)).collect()
    };
    let hp = topics("housing-plus");
    // Stage 3 is already a departure (`number_of_stages`); it is not measured against Stage 2.
    assert!(!hp.iter().any(|(_, stage)| stage.as_deref() == Some("stage3")), "{hp:?}");
    assert!(!hp.iter().any(|(t, _)| t == "response_unit"), "{hp:?}");
    // ForHousing counts staff behaviour as a complaint and excludes only HR matters.
    assert!(!topics("forhousing").iter().any(|(t, _)| t == "exclusion_staff_conduct_hr"));
    // Concert Living customers are another landlord's residents: scope, not an exclusion.
    assert!(!topics("progress").iter().any(|(t, _)| t == "exclusion_not_covered_customer"));
    // A report of anti-social behaviour is a service request under the Code too.
    for id in ["forhousing", "together", "progress", "housing-plus"] {
        assert!(!topics(id).iter().any(|(t, _)| t == "exclusion_neighbour_nuisance_asb"), "{id}");
    }
    // Stage 2 stated to be independent: ForHousing's review, Progress 4.3.12, Tuntum's Head of
    // Service "not previously involved".
    for id in ["forhousing", "progress", "tuntum"] {
        assert!(!topics(id).iter().any(|(t, _)| t == "stage2_not_independent"), "{id}");
    }
    // Only Progress and the Code test legal proceedings as the Code does.
    assert!(!topics("progress").iter().any(|(t, _)| t == "legal_test"));
    // No "without a limit" text where the policy has a limit.
    for p in policy::builtin() {
        for d in conformance(p, code) {
            if d.topic == "extension" && d.for_resident.contains("without any limit") {
                let stage = &p.stages[p.stage_index(d.stage.as_deref().unwrap()).unwrap()];
                assert!(stage.extension.as_ref().unwrap().up_to.is_none(), "{} {:?}", p.id, d.stage);
            }
        }
    }
}

/// The Code is cited by its numbered provisions where the number is confirmed, and by its
/// section where it is not; every citation in the Code's profile comes from the provisions data.
#[test]
fn the_code_is_cited_by_confirmed_numbers_only() {
    use redress_core::policy::provisions::{cite, provisions, Confidence};
    let all = provisions();
    assert_eq!(
        all.provisions.len(),
        73,
        "1.1-1.6, 2.1-2.5, 3.1-3.7, 4.1-4.3, 5.1-5.15, 6.1-6.20, 7.1-7.4, 8.1-8.5, 9.1-9.8"
    );
    for p in &all.provisions {
        let cited = cite(&p.number);
        if p.confidence == Confidence::Unconfirmed {
            assert!(cited.starts_with(&format!("section {} (", p.section_number())), "{}: {cited}", p.number);
        } else {
            assert_eq!(cited, p.number);
        }
        assert!(all.section(p.section_number()).is_some(), "{}", p.number);
    }
    // The reference's marks, spot-checked: 6.2 [V], 2.4 [V2], 6.14 and 6.15 [M].
    assert_eq!(all.get("6.2").unwrap().confidence, Confidence::Confirmed);
    assert_eq!(all.get("2.4").unwrap().confidence, Confidence::OneSource);
    assert_eq!(all.get("6.14").unwrap().confidence, Confidence::Unconfirmed);
    assert_eq!(all.get("6.15").unwrap().confidence, Confidence::Unconfirmed);
    let code = policy::code();
    let stage2 = &code.stages[1];
    assert_eq!(stage2.acknowledge.as_ref().unwrap().clause, "6.11");
    assert_eq!(stage2.respond.as_ref().unwrap().clause, "section 6 (Complaints stages, Stage 2)");
    assert_eq!(code.time_limit.as_ref().unwrap().clause, "2.3");
    assert_eq!(code.clause_name("6.2"), "paragraph 6.2");
    assert_eq!(code.citation("6.4, 6.5"), "the Code, paragraphs 6.4, 6.5");
    // No clause of the Code's profile is left as a bare unconfirmed number.
    let json = serde_json::to_value(code).unwrap();
    let mut clauses = Vec::new();
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => m.iter().for_each(|(k, v)| match v {
                serde_json::Value::String(s) if k == "clause" => out.push(s.clone()),
                _ => walk(v, out),
            }),
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    walk(&json, &mut clauses);
    assert!(clauses.len() > 20);
    for clause in clauses {
        for part in clause.split(';').map(str::trim) {
            if part.starts_with("section ") {
                continue;
            }
            for number in part.split(',').map(str::trim) {
                let p = all.get(number).unwrap_or_else(|| panic!("{clause}: {number} is not a provision"));
                assert!(p.citable_by_number(), "{number} is cited by number but not confirmed");
            }
        }
    }
}

#[test]
fn editor_reads_numbers_and_money_with_clear_messages() {
    use redress_core::policy::edit::{parse_amount, parse_pounds, pounds};
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
    use redress_core::calendar::Period;
    use redress_core::policy::edit::{new_stage, timescale_sentence, TimescaleKind};
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
