//! The case context: a case finds its own policy version (saved or built in) or a named error,
//! counts with its own part of the UK's bank holidays, and an event is added only if the engine
//! accepts the whole sequence.
//!
//! Dates worked by hand (England and Wales has no bank holiday in November 2026; Scotland has St
//! Andrew's Day on Monday 30 November 2026, in the built-in gov.uk snapshot):
//! - Received Monday 2 November 2026, acknowledged Wednesday 4 November. The Code (6.3): respond
//!   within 10 working days of acknowledging: Thu 5 (1), Fri 6 (2), Mon 9 (3), Tue 10 (4),
//!   Wed 11 (5), Thu 12 (6), Fri 13 (7), Mon 16 (8), Tue 17 (9), Wed 18 (10) → 18 November.
//!   The edited copy's 15 working days go on: Thu 19 (11), Fri 20 (12), Mon 23 (13), Tue 24 (14),
//!   Wed 25 (15) → 25 November.
//! - Received and acknowledged Monday 23 November 2026, under the Code: Tue 24 (1), Wed 25 (2),
//!   Thu 26 (3), Fri 27 (4), then in England and Wales Mon 30 (5), Tue 1 Dec (6), Wed 2 (7),
//!   Thu 3 (8), Fri 4 (9), Mon 7 (10) → 7 December; in Scotland Mon 30 is St Andrew's Day and is
//!   skipped: Tue 1 (5), … Mon 7 (9), Tue 8 (10) → 8 December.

use chrono::NaiveDate;
use redress_core::calendar::Division;
use redress_core::case::{Case, Contact, ContactMethod, Event, EventKind, Resident};
use redress_core::context::{BankHolidays, CaseError, CaseRules, PolicyMissing};
use redress_core::engine::{EngineError, Warning};
use redress_core::policy::{by_id, Policy};
use redress_core::register::setup::Library;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The Code, edited by an association: Stage 1 answered in 15 working days, saved as version 1 of
/// `code-2024-edited` (what the policy editor saves).
fn edited(version: &str, days: u32) -> Policy {
    let mut p = by_id("code-2024").unwrap().clone();
    p.id = "code-2024-edited".into();
    p.version = version.into();
    p.stages[0].respond.as_mut().unwrap().period.amount = days;
    p
}

fn case(policy_id: &str, version: &str, events: &[(&str, EventKind)]) -> Case {
    Case {
        id: "RH-2026-0001".into(),
        policy_id: policy_id.into(),
        policy_version: version.into(),
        landlord: "Riverside Homes".into(),
        feedback: Default::default(),
        category: "Repairs".into(),
        description: "The boiler has broken down again.".into(),
        outcome_wanted: String::new(),
        problem_started: None,
        resident: Resident {
            name: "Sam Jones".into(),
            address: String::new(),
            contact: Contact { method: ContactMethod::Letter, detail: String::new() },
            relationship: Default::default(),
        },
        representative: None,
        adjustments: Vec::new(),
        division: Division::EnglandAndWales,
        channel: None,
        handler: None,
        events: events.iter().map(|(date, what)| Event::new(d(date), what.clone())).collect(),
    }
}

fn acknowledged() -> [(&'static str, EventKind); 2] {
    [("2026-11-02", EventKind::Received), ("2026-11-04", EventKind::Acknowledged)]
}

fn respond_due(rules: &CaseRules, case: &Case) -> NaiveDate {
    let a = rules.assess(case, d("2026-11-05")).unwrap();
    a.deadlines.iter().find(|x| x.id == "stage1.respond").expect("a Stage 1 response date").due
}

fn rules_with(saved: Vec<Policy>) -> CaseRules {
    CaseRules::new(Library { saved }, BankHolidays::builtin(), Division::EnglandAndWales)
}

#[test]
fn a_case_under_an_edited_policy_counts_with_that_exact_version() {
    let rules = rules_with(vec![edited("1", 15), edited("2", 20)]);
    let case = case("code-2024-edited", "1", &acknowledged());
    let policy = rules.policy_for(&case).unwrap();
    assert_eq!((policy.id.as_str(), policy.version.as_str()), ("code-2024-edited", "1"));
    assert_eq!(respond_due(&rules, &case), d("2026-11-25"));
    // Not the newer saved version (20 days), and not the Code's 10.
    let a = rules.assess(&case, d("2026-11-05")).unwrap();
    assert!(a.warnings.iter().all(|w| !matches!(w, Warning::PolicyVersion { .. })), "{:?}", a.warnings);
}

#[test]
fn a_built_in_policy_needs_nothing_saved() {
    let rules = CaseRules::builtin();
    let case = case("code-2024", "2024", &acknowledged());
    assert_eq!(rules.policy_for(&case).unwrap().id, "code-2024");
    assert_eq!(respond_due(&rules, &case), d("2026-11-18"));
}

#[test]
fn a_built_in_policy_whose_version_has_changed_is_used_with_the_engines_warning() {
    let case = case("progress", "0.9", &[("2026-11-02", EventKind::Received)]);
    let rules = CaseRules::builtin();
    assert_eq!(rules.policy_for(&case).unwrap().version, by_id("progress").unwrap().version);
    let a = rules.assess(&case, d("2026-11-03")).unwrap();
    assert!(
        a.warnings
            .iter()
            .any(|w| matches!(w, Warning::PolicyVersion { case_version, .. } if case_version == "0.9")),
        "the version difference is said, not hidden: {:?}",
        a.warnings
    );
}

#[test]
fn a_version_not_on_this_device_is_a_named_error_never_another_policy() {
    // The device has version 2 of the edited policy, but the case was opened under version 1.
    let rules = rules_with(vec![edited("2", 20)]);
    let case = case("code-2024-edited", "1", &acknowledged());
    let missing = rules.policy_for(&case).unwrap_err();
    assert_eq!(
        missing,
        PolicyMissing {
            policy_id: "code-2024-edited".into(),
            policy_version: "1".into(),
            versions_here: vec!["2".into()],
        }
    );
    let message = missing.to_string();
    assert!(message.contains("version 1 of the policy \"code-2024-edited\""), "{message}");
    assert!(message.contains("not saved on this device"), "{message}");
    assert!(message.contains("only version 2"), "{message}");
    assert!(message.contains("Your data"), "{message}");
    assert_eq!(rules.assess(&case, d("2026-11-05")).unwrap_err(), CaseError::PolicyMissing(missing));

    // A device with no version of it at all (a resident's, before the policy came with the file).
    let bare = CaseRules::builtin();
    let missing = bare.policy_for(&case).unwrap_err();
    assert!(missing.versions_here.is_empty());
    assert!(missing.to_string().contains("This device has no version of that policy."), "{missing}");
    assert!(matches!(bare.assess(&case, d("2026-11-05")), Err(CaseError::PolicyMissing(_))));
}

#[test]
fn a_case_counts_with_its_own_divisions_bank_holidays() {
    let events = [("2026-11-23", EventKind::Received), ("2026-11-23", EventKind::Acknowledged)];
    let mut scottish = case("code-2024", "2024", &events);
    scottish.division = Division::Scotland;
    let english = case("code-2024", "2024", &events);
    // Whatever the device's own choice is, a case keeps its own division.
    for device in [Division::EnglandAndWales, Division::Scotland] {
        let rules = CaseRules::new(Library::default(), BankHolidays::builtin(), device);
        assert_eq!(rules.division(), device);
        let due = |c: &Case| {
            let a = rules.assess(c, d("2026-11-24")).unwrap();
            a.deadlines.iter().find(|x| x.id == "stage1.respond").unwrap().due
        };
        assert_eq!(due(&scottish), d("2026-12-08"));
        assert_eq!(due(&english), d("2026-12-07"));
        assert_eq!(rules.calendar_for(&scottish).division(), Division::Scotland);
        assert!(rules.counted_with(&scottish).contains("Scotland"), "{}", rules.counted_with(&scottish));
        assert!(rules.calendar_source_for(&english).starts_with("the bank holidays built into Redress"));
    }
}

#[test]
fn bank_holidays_from_a_loaded_file_and_a_damaged_one() {
    let feed = r#"{"england-and-wales":{"division":"england-and-wales","events":[{"title":"Made-up day","date":"2026-11-05","notes":"","bunting":false}]},
        "scotland":{"division":"scotland","events":[]},"northern-ireland":{"division":"northern-ireland","events":[]}}"#;
    let holidays = BankHolidays::from_feed(Some(feed));
    let rules = CaseRules::new(Library::default(), holidays, Division::EnglandAndWales);
    let case = case("code-2024", "2024", &acknowledged());
    // With 5 November a holiday, the tenth working day after 4 November is Thursday 19th.
    assert_eq!(respond_due(&rules, &case), d("2026-11-19"));
    assert!(rules.calendar_source_for(&case).starts_with("the bank-holiday file you loaded on Your data"));

    let damaged = BankHolidays::from_feed(Some("{not json"));
    assert!(
        damaged.source(Division::Scotland).contains("cannot be used"),
        "{}",
        damaged.source(Division::Scotland)
    );
    assert_eq!(
        damaged.calendar(Division::Scotland).coverage(),
        BankHolidays::builtin().calendar(Division::Scotland).coverage()
    );
}

#[test]
fn append_adds_an_event_only_if_the_engine_accepts_the_whole_sequence() {
    let rules = rules_with(vec![edited("1", 15)]);
    let received = case("code-2024-edited", "1", &[("2026-11-02", EventKind::Received)]);
    let today = d("2026-11-05");

    let updated =
        rules.append(&received, Event::new(d("2026-11-04"), EventKind::Acknowledged), today).unwrap();
    assert_eq!(updated.events.len(), 2);
    assert_eq!(received.events.len(), 1, "the case given is never changed");
    assert_eq!(respond_due(&rules, &updated), d("2026-11-25"));

    // Received twice is refused by the engine, naming the event; nothing is returned to save.
    let refused =
        rules.append(&updated, Event::new(d("2026-11-05"), EventKind::Received), today).unwrap_err();
    assert!(matches!(refused, CaseError::Engine(EngineError::ReceivedTwice { index: 2, .. })), "{refused:?}");
    assert!(refused.to_string().contains("Event 3"), "{refused}");

    // Going back in time is refused too.
    let back = rules.append(&updated, Event::new(d("2026-11-03"), EventKind::Closed), today).unwrap_err();
    assert!(matches!(back, CaseError::Engine(EngineError::OutOfOrder { .. })), "{back:?}");

    // Assigning a handler makes them the case's handler.
    let assigned = rules
        .append(
            &updated,
            Event::new(d("2026-11-05"), EventKind::Assigned { handler: "Ben Taylor".into() }),
            today,
        )
        .unwrap();
    assert_eq!(assigned.handler.as_deref(), Some("Ben Taylor"));

    // A case whose policy is not here cannot be added to at all.
    let elsewhere = CaseRules::builtin();
    let missing =
        elsewhere.append(&updated, Event::new(d("2026-11-05"), EventKind::Closed), today).unwrap_err();
    assert!(matches!(missing, CaseError::PolicyMissing(_)), "{missing:?}");
}

#[test]
fn the_report_counts_each_case_under_its_own_policy_and_names_one_whose_policy_is_missing() {
    use redress_core::report::ReportPeriod;
    let rules = rules_with(vec![edited("1", 15)]);
    let period = ReportPeriod { from: d("2026-04-01"), to: d("2027-03-31") };
    let mut here = case("code-2024-edited", "1", &acknowledged());
    here.id = "here".into();
    let mut gone = case("code-2024-edited", "7", &acknowledged());
    gone.id = "gone".into();
    let report = rules.report([&here, &gone], period, d("2026-11-30"));
    assert_eq!(report.complaints, 1);
    assert_eq!(report.not_assessable.len(), 1);
    assert_eq!(report.not_assessable[0].case_id, "gone");
    assert!(report.not_assessable[0].message.contains("version 7"), "{}", report.not_assessable[0].message);
    // On 20 November the Code's date (18th) has passed but the edited policy's (25th) has not:
    // nothing is overdue. On 26 November it is.
    let early = rules.report([&here], period, d("2026-11-20"));
    assert_eq!(early.overdue_now, 0);
    let late = rules.report([&here], period, d("2026-11-26"));
    assert_eq!(late.overdue_now, 1);
}

/// A letter about event i is written from the case as it stood at event i: the acknowledgement
/// promises the response date of that day, even after a later extension moved it.
/// Received Monday 2 November, acknowledged Wednesday 4 November: under the edited policy the
/// response is due Wednesday 25 November (worked at the top of this file). On 20 November the
/// association extends it to Wednesday 9 December, with the resident's agreement.
#[test]
fn a_letter_is_written_from_the_case_as_it_stood_at_its_event() {
    use redress_core::letters::association::Sender;
    let rules = rules_with(vec![edited("1", 15)]);
    let today = d("2026-11-20");
    let mut case = case("code-2024-edited", "1", &acknowledged());
    let sender = Sender { organisation: "Riverside Homes".into(), handler: "Amira Khan".into() };
    let before = rules.letter_for_event(&case, &sender, 1, today).unwrap().expect("an acknowledgement");
    assert!(before.to_text().contains("25 November 2026"), "{}", before.to_text());

    case = rules
        .append(
            &case,
            Event::new(today, EventKind::Extended { new_due: d("2026-12-09"), resident_agreed: true }),
            today,
        )
        .unwrap();
    let letters = rules.letters(&case, &sender, today).unwrap();
    let indexes: Vec<usize> = letters.iter().map(|(i, _)| *i).collect();
    assert_eq!(indexes, [1, 2], "the acknowledgement and the extension notice");
    let acknowledgement = letters[0].1.to_text();
    assert_eq!(acknowledgement, before.to_text(), "a later extension never changes the acknowledgement");
    assert!(!acknowledgement.contains("9 December 2026"), "{acknowledgement}");
    assert!(letters[1].1.to_text().contains("9 December 2026"), "{}", letters[1].1.to_text());

    // No letter for an event that is not there, and a missing policy is named.
    assert_eq!(rules.letter_for_event(&case, &sender, 9, today).unwrap(), None);
    let mut elsewhere = case.clone();
    elsewhere.policy_version = "7".into();
    assert!(matches!(rules.letters(&elsewhere, &sender, today), Err(CaseError::PolicyMissing(_))));
}
