//! Settings are Rust types with fixed ids and their own checks, and typed records round-trip
//! through the store's envelope: what an import accepts in the settings store is one of them.

use redress_core::calendar::Division;
use redress_core::case::sample_cases;
use redress_core::record::{Record, RecordKind};
use redress_core::register::setup::Setup;
use redress_core::report::self_assessment::{Answer, Complies, SelfAssessment};
use redress_core::settings::{check_setting, BankHolidayFile, Preferences, Setting, Stored, SETTING_IDS};
use serde_json::json;

const FEED: &str = include_str!("../src/calendar/bank-holidays.json");

#[test]
fn each_setting_has_its_fixed_id() {
    assert_eq!(Preferences::ID, "preferences");
    assert_eq!(BankHolidayFile::ID, "bank-holidays");
    assert_eq!(Setup::ID, "association");
    assert_eq!(SelfAssessment::ID, "self-assessment");
    assert_eq!(SETTING_IDS, ["preferences", "bank-holidays", "association", "self-assessment"]);
}

#[test]
fn a_typed_record_round_trips_through_the_stores_envelope() {
    let case = sample_cases(1, 7).remove(0);
    let stored = Stored::new(case.id.clone(), case.clone());
    let record = stored.to_record();
    assert_eq!((record.kind, record.revision), (RecordKind::Case, 0));
    let mut saved = record.clone();
    saved.revision = 3;
    saved.updated_at = "2026-11-23T09:30:00Z".into();
    let back: Stored<redress_core::case::Case> = Stored::from_record(saved).unwrap();
    assert_eq!((back.revision, back.updated_at.as_str(), &back.value), (3, "2026-11-23T09:30:00Z", &case));

    // The wrong kind, or data that is not the type, is refused with the record's id.
    let wrong = Stored::<Preferences>::from_record(record).unwrap_err();
    assert!(wrong.contains(&case.id) && wrong.contains("Case"), "{wrong}");
    let bad = Record::new(RecordKind::Setting, "preferences", json!({ "division": "atlantis" }));
    let err = Stored::<Preferences>::from_record(bad).unwrap_err();
    assert!(err.starts_with("preferences: "), "{err}");

    // A setting never saved is its default, under its own id, at revision 0.
    let fresh = Stored::<Preferences>::setting_or_default(None);
    assert_eq!(
        (fresh.id.as_str(), fresh.revision, fresh.value.division),
        ("preferences", 0, Division::EnglandAndWales)
    );
    let chosen = fresh.with(Preferences { division: Division::Scotland });
    assert_eq!(chosen.to_record().data, json!({ "division": "scotland" }));
}

#[test]
fn the_bank_holiday_file_is_checked_as_a_feed_and_against_the_years_it_claims() {
    let file = BankHolidayFile::from_text(FEED).unwrap();
    assert!(file.covers.0 <= 2026 && file.covers.1 >= 2026, "{:?}", file.covers);
    assert_eq!(file.check(), Ok(()));
    let data = serde_json::to_value(&file).unwrap();
    assert_eq!(check_setting("bank-holidays", &data), Ok(()));

    let mut claims_more = file.clone();
    claims_more.covers.1 += 5;
    let reason = claims_more.check().unwrap_err();
    assert!(reason.contains("but its dates cover"), "{reason}");

    assert!(BankHolidayFile::from_text("{\"scotland\": 1}").is_err());
    let (field, reason) =
        check_setting("bank-holidays", &json!({ "covers": [2020, 2030], "feed": { "scotland": 1 } }))
            .unwrap_err();
    assert_eq!(field, "");
    assert!(!reason.is_empty());
}

#[test]
fn an_imported_setting_is_refused_by_id_and_by_its_own_check() {
    assert_eq!(check_setting("preferences", &json!({ "division": "scotland" })), Ok(()));
    assert_eq!(check_setting("preferences", &json!({})), Ok(()));
    let (field, reason) = check_setting("preferences", &json!({ "division": "atlantis" })).unwrap_err();
    assert_eq!(field, "division");
    assert!(reason.contains("atlantis"), "{reason}");
    let (field, _) = check_setting("preferences", &json!({ "divison": "scotland" })).unwrap_err();
    assert_eq!(field, "divison", "a misspelt field is named, not dropped");

    let (field, reason) = check_setting("theme", &json!({ "dark": true })).unwrap_err();
    assert_eq!(field, "");
    assert!(reason.contains("no setting called \"theme\""), "{reason}");
    assert!(reason.contains("\"preferences\""), "{reason}");

    let setup = json!({ "organisation": "Riverside Homes", "policy_id": "code-2024", "policy_version": "2024", "division": "england-and-wales", "handlers": ["Amira Khan"] });
    assert_eq!(check_setting("association", &setup), Ok(()));
    let mut no_version = setup.clone();
    no_version["policy_version"] = json!("");
    assert!(check_setting("association", &no_version).unwrap_err().1.contains("without its version"));
    let mut blank = setup.clone();
    blank["handlers"] = json!(["Amira Khan", "  "]);
    assert!(check_setting("association", &blank).unwrap_err().1.contains("no name"));

    // An unfinished self-assessment is kept (a gap without its action yet); one that answers a
    // provision the Code does not have, or one twice, is not.
    let id = redress_core::report::self_assessment::provisions()[0].id;
    let gap = SelfAssessment {
        completed_on: None,
        answers: vec![Answer { provision_id: id.into(), complies: Some(Complies::No), ..Answer::default() }],
    };
    assert!(!gap.validate().is_empty());
    assert_eq!(check_setting("self-assessment", &serde_json::to_value(&gap).unwrap()), Ok(()));
    let mut twice = gap.clone();
    twice.answers.push(twice.answers[0].clone());
    let reason = check_setting("self-assessment", &serde_json::to_value(&twice).unwrap()).unwrap_err().1;
    assert!(reason.contains(id) && reason.contains("more than once"), "{reason}");
    let unknown = SelfAssessment {
        completed_on: None,
        answers: vec![Answer { provision_id: "no-such".into(), ..Answer::default() }],
    };
    let reason = check_setting("self-assessment", &serde_json::to_value(&unknown).unwrap()).unwrap_err().1;
    assert!(reason.contains("no-such") && reason.contains("no such provision"), "{reason}");
}

fn unreadable(kind: RecordKind, id: &str) -> redress_core::record::Unreadable {
    redress_core::record::Unreadable { kind, id: id.into(), revision: Some(2), detail: "damaged".into() }
}

/// Nothing that cannot be read is passed over in silence: each thing gets words saying what
/// could not be read, that it is kept as it is, and what to do; cases and policies are counted.
#[test]
fn every_unreadable_record_is_told_in_plain_words() {
    use redress_core::settings::unreadable_notices;
    assert!(unreadable_notices(&[]).is_empty());

    let one = unreadable_notices(&[unreadable(RecordKind::Case, "case-1")]);
    assert_eq!(one.len(), 1);
    assert!(one[0].starts_with("One saved complaint could not be read"), "{}", one[0]);
    assert!(one[0].contains("It is kept as it is") && one[0].contains("Download all my data"), "{}", one[0]);

    let cases = [
        unreadable(RecordKind::Case, "a"),
        unreadable(RecordKind::Case, "b"),
        unreadable(RecordKind::Case, "c"),
    ];
    let three = unreadable_notices(&cases);
    assert_eq!(three.len(), 1, "{three:?}");
    assert!(
        three[0].starts_with("3 saved complaints could not be read")
            && three[0].contains("They are kept as they are")
    );

    // Each setting says what Redress uses instead and how to replace it.
    let settings = [
        (Preferences::ID, "England and Wales", "Choose where you live again"),
        (BankHolidayFile::ID, "built into it", "Load the file again"),
        (Setup::ID, "not set up", "Saving the setup again"),
        (SelfAssessment::ID, "starts empty", "Saving the form replaces it"),
        ("deep", "\"deep\"", "Download all my data"),
    ];
    for (id, instead, to_do) in settings {
        let words = unreadable_notices(&[unreadable(RecordKind::Setting, id)]);
        assert_eq!(words.len(), 1, "{id}: {words:?}");
        assert!(words[0].contains(instead) && words[0].contains(to_do), "{id}: {}", words[0]);
        assert!(words[0].contains("kept as it is"), "{id}: {}", words[0]);
    }

    // A damaged draft and policy beside a damaged case: one notice each, cases first.
    let mixed = unreadable_notices(&[
        unreadable(RecordKind::Policy, "p@1"),
        unreadable(RecordKind::Draft, "guided-complaint"),
        unreadable(RecordKind::Case, "a"),
    ]);
    assert_eq!(mixed.len(), 3, "{mixed:?}");
    assert!(mixed[0].contains("complaint could not be read"));
    assert!(mixed[1].starts_with("Your saved answers could not be read. You can start again."));
    assert!(mixed[2].starts_with("One saved policy version could not be read"));
}
