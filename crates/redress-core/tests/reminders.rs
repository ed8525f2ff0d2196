//! The reminders banner's selection (`reminders::select`): dates due within two working days
//! and dates overdue, per side, counted by each case's calendar with today passed in.
//!
//! Each test takes a real assessment of a simple case and sets its deadlines by hand, so what
//! is checked is the selection alone. The working-day counts are worked by hand from the
//! built-in bank holidays (src/calendar/bank-holidays.json):
//! - England and Wales: Fri 25 Dec 2026, Mon 28 Dec 2026 (Boxing Day's substitute), Fri 1 Jan 2027.
//! - Scotland: the same, and Mon 4 Jan 2027 (2 January's substitute).

use chrono::NaiveDate;
use redress_core::calendar::{Calendar, Division};
use redress_core::case::Case;
use redress_core::engine::{assess, Assessment, Deadline, DeadlineState, Party};
use redress_core::policy;
use redress_core::reminders::{select, soon_until, Reminder, Side};
use serde_json::json;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn case(id: &str) -> Case {
    serde_json::from_value(json!({
        "id": id,
        "policy_id": "code-2024",
        "policy_version": "2024",
        "landlord": "Riverside Homes",
        "category": "Repairs",
        "description": "The boiler is broken.",
        "resident": { "name": "Sam Jones", "address": "1 High Street", "contact": { "method": "letter" } },
        "events": [{ "date": "2026-11-02", "what": { "type": "received" } }]
    }))
    .expect("a test case")
}

/// A real assessment of `case` whose deadlines are replaced by `deadlines`.
fn assessed(case: &Case, deadlines: Vec<Deadline>) -> Assessment {
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    let mut a = assess(policy::code(), case, &calendar, d("2026-11-02")).expect("assessed");
    let template = a.deadlines[0].clone();
    a.deadlines = deadlines
        .into_iter()
        .map(|mut x| {
            x.stage = template.stage.clone();
            x.kind = template.kind;
            x.counted_from = template.counted_from;
            x
        })
        .collect();
    a
}

fn deadline(case: &Case, id: &str, party: Party, due: &str, state: DeadlineState) -> Deadline {
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    let a = assess(policy::code(), case, &calendar, d("2026-11-02")).expect("assessed");
    Deadline { id: id.into(), party, what: format!("Do {id}"), due: d(due), state, ..a.deadlines[0].clone() }
}

fn ids(list: &[Reminder]) -> Vec<(String, String, NaiveDate)> {
    list.iter().map(|r| (r.case_id.clone(), r.deadline_id.clone(), r.due)).collect()
}

#[test]
fn soon_is_up_to_the_second_working_day_after_today() {
    let england = Calendar::builtin(Division::EnglandAndWales);
    let scotland = Calendar::builtin(Division::Scotland);
    // Tue 1 Dec 2026: Wed 2 (1), Thu 3 (2).
    assert_eq!(soon_until(&england, d("2026-12-01")), d("2026-12-03"));
    // Fri 4 Dec: Mon 7 (1), Tue 8 (2).
    assert_eq!(soon_until(&england, d("2026-12-04")), d("2026-12-08"));
    // Sat 5 Dec: Mon 7 (1), Tue 8 (2).
    assert_eq!(soon_until(&england, d("2026-12-05")), d("2026-12-08"));
    // Thu 24 Dec: Fri 25 and Mon 28 are bank holidays, so Tue 29 (1), Wed 30 (2).
    assert_eq!(soon_until(&england, d("2026-12-24")), d("2026-12-30"));
    // Thu 31 Dec: Fri 1 Jan is a holiday: Mon 4 (1), Tue 5 (2) in England; in Scotland Mon 4 is
    // a holiday too: Tue 5 (1), Wed 6 (2).
    assert_eq!(soon_until(&england, d("2026-12-31")), d("2027-01-05"));
    assert_eq!(soon_until(&scotland, d("2026-12-31")), d("2027-01-06"));
}

#[test]
fn due_today_and_within_two_working_days_are_soon_and_later_dates_are_not() {
    let c = case("case-a");
    let a = assessed(
        &c,
        vec![
            deadline(&c, "today", Party::Landlord, "2026-12-04", DeadlineState::Pending),
            deadline(&c, "tuesday", Party::Landlord, "2026-12-08", DeadlineState::Pending),
            deadline(&c, "wednesday", Party::Landlord, "2026-12-09", DeadlineState::Pending),
            deadline(&c, "done", Party::Landlord, "2026-12-07", DeadlineState::Met { on: d("2026-12-03") }),
            deadline(&c, "late", Party::Landlord, "2026-12-02", DeadlineState::Overdue),
        ],
    );
    let england = Calendar::builtin(Division::EnglandAndWales);
    // Today is Friday 4 December: soon runs to Tuesday 8 December.
    let r = select([(&c, &a, &england)], Side::Resident, d("2026-12-04"));
    assert_eq!(
        ids(&r.soon),
        vec![
            ("case-a".into(), "today".into(), d("2026-12-04")),
            ("case-a".into(), "tuesday".into(), d("2026-12-08")),
        ]
    );
    assert_eq!(ids(&r.overdue), vec![("case-a".into(), "late".into(), d("2026-12-02"))]);
    assert_eq!(r.overdue[0].what, "Do late");
    assert!(!r.is_empty());
}

#[test]
fn a_resident_sees_their_own_dates_and_an_association_only_its_duties() {
    let c = case("case-b");
    let a = assessed(
        &c,
        vec![
            deadline(&c, "respond", Party::Landlord, "2026-12-02", DeadlineState::Pending),
            deadline(&c, "escalate", Party::Resident, "2026-12-03", DeadlineState::Pending),
            // A resident's date that passed is lapsed, not overdue: never listed as overdue.
            deadline(&c, "old", Party::Resident, "2026-11-20", DeadlineState::Lapsed),
        ],
    );
    let england = Calendar::builtin(Division::EnglandAndWales);
    let resident = select([(&c, &a, &england)], Side::Resident, d("2026-12-01"));
    assert_eq!(
        resident.soon.iter().map(|r| r.deadline_id.as_str()).collect::<Vec<_>>(),
        ["respond", "escalate"]
    );
    assert_eq!(resident.soon[1].party, Party::Resident);
    assert!(resident.overdue.is_empty());
    let association = select([(&c, &a, &england)], Side::Association, d("2026-12-01"));
    assert_eq!(association.soon.iter().map(|r| r.deadline_id.as_str()).collect::<Vec<_>>(), ["respond"]);
}

#[test]
fn each_case_counts_by_its_own_calendar_and_the_lists_are_in_date_order() {
    let english = case("case-e");
    let scottish = case("case-s");
    let today = d("2026-12-31");
    let e = assessed(
        &english,
        vec![
            deadline(&english, "wed", Party::Landlord, "2027-01-06", DeadlineState::Pending),
            deadline(&english, "tue", Party::Landlord, "2027-01-05", DeadlineState::Pending),
            deadline(&english, "late", Party::Landlord, "2026-12-30", DeadlineState::Overdue),
        ],
    );
    let s = assessed(
        &scottish,
        vec![
            deadline(&scottish, "wed", Party::Landlord, "2027-01-06", DeadlineState::Pending),
            deadline(&scottish, "late", Party::Landlord, "2026-12-21", DeadlineState::Overdue),
        ],
    );
    let england = Calendar::builtin(Division::EnglandAndWales);
    let scotland = Calendar::builtin(Division::Scotland);
    let r = select([(&english, &e, &england), (&scottish, &s, &scotland)], Side::Association, today);
    // England's soon ends Tue 5 Jan, Scotland's Wed 6 Jan (see soon_is_up_to_…).
    assert_eq!(
        ids(&r.soon),
        vec![
            ("case-e".into(), "tue".into(), d("2027-01-05")),
            ("case-s".into(), "wed".into(), d("2027-01-06")),
        ]
    );
    assert_eq!(
        ids(&r.overdue),
        vec![
            ("case-s".into(), "late".into(), d("2026-12-21")),
            ("case-e".into(), "late".into(), d("2026-12-30")),
        ]
    );
}

#[test]
fn nothing_due_is_an_empty_list() {
    let c = case("case-c");
    let a = assessed(&c, vec![deadline(&c, "later", Party::Landlord, "2027-02-01", DeadlineState::Pending)]);
    let england = Calendar::builtin(Division::EnglandAndWales);
    assert!(select([(&c, &a, &england)], Side::Resident, d("2026-12-01")).is_empty());
}
