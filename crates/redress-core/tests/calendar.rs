//! The calendar's convention, as a table: (division, from, period, expected due date).
//! See docs/calendar.md. Dates around Christmas 2026 and Easter 2027 are the ones that matter.

use chrono::NaiveDate;
use redress_core::calendar::{Calendar, CalendarError, Division, Period};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn check(division: Division, from: &str, period: Period, expected: &str) {
    let got = Calendar::builtin(division).add(d(from), period);
    assert_eq!(got.date, d(expected), "{division:?}: {from} + {}", period.describe());
    assert_eq!(got.warning, None, "{from} is covered");
}

#[test]
fn the_convention() {
    use Division::*;
    let table = [
        // N working days after an event is the Nth working day after it.
        (EnglandAndWales, "2027-02-01", Period::working_days(5), "2027-02-08"), // Monday → next Monday
        (EnglandAndWales, "2027-02-05", Period::working_days(1), "2027-02-08"), // Friday → Monday
        // Day 1 is the first working day after the trigger, whatever day the trigger falls on.
        (EnglandAndWales, "2027-02-06", Period::working_days(5), "2027-02-12"), // Saturday: day 1 Mon 8th
        (EnglandAndWales, "2027-02-07", Period::working_days(1), "2027-02-08"), // Sunday: day 1 Mon 8th
        (EnglandAndWales, "2026-12-25", Period::working_days(1), "2026-12-29"), // Christmas Day: 28th is a holiday
        (EnglandAndWales, "2027-03-26", Period::working_days(1), "2027-03-30"), // Good Friday: Easter Monday skipped
        (Scotland, "2027-03-26", Period::working_days(1), "2027-03-29"), // Easter Monday works in Scotland
        (EnglandAndWales, "2027-02-06", Period::working_days(0), "2027-02-06"), // 0 days: the trigger itself
        // Christmas 2026: 25 Dec (Fri), 28 Dec (Mon, Boxing Day substitute), 1 Jan (Fri).
        (EnglandAndWales, "2026-12-18", Period::working_days(5), "2026-12-29"),
        (EnglandAndWales, "2026-12-22", Period::working_days(10), "2027-01-08"),
        (EnglandAndWales, "2026-12-24", Period::working_days(2), "2026-12-30"),
        (Scotland, "2026-12-24", Period::working_days(6), "2027-01-07"), // 2 Jan substitute: Mon 4 Jan
        // Easter 2027: Good Friday 26 March, Easter Monday 29 March (not in Scotland).
        (EnglandAndWales, "2027-03-24", Period::working_days(5), "2027-04-02"),
        (Scotland, "2027-03-24", Period::working_days(5), "2027-04-01"),
        (NorthernIreland, "2027-03-16", Period::working_days(2), "2027-03-19"), // St Patrick's Day
        // Calendar days and weeks count every day.
        (EnglandAndWales, "2026-12-18", Period::calendar_days(28), "2027-01-15"),
        (EnglandAndWales, "2026-12-25", Period::calendar_days(1), "2026-12-26"),
        (EnglandAndWales, "2026-11-23", Period::weeks(8), "2027-01-18"),
        // Months are calendar months, clamped to the month's end.
        (EnglandAndWales, "2027-01-31", Period::months(1), "2027-02-28"),
        (EnglandAndWales, "2027-08-31", Period::months(6), "2028-02-29"),
        (EnglandAndWales, "2026-10-19", Period::months(12), "2027-10-19"),
    ];
    for (division, from, period, expected) in table {
        check(division, from, period, expected);
    }
}

#[test]
fn beyond_coverage_is_a_warning_not_a_silent_guess() {
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    let dated = calendar.add(d("2028-12-20"), Period::working_days(10));
    let warning = dated.warning.expect("2029 is not covered");
    assert_eq!((warning.date, warning.covered_to), (d("2029-01-01"), 2028));
    assert!(warning.message.contains("2018 to 2028"), "{}", warning.message);
    // Weekends are still skipped; the 25th, 26th (Christmas) are known holidays in 2028.
    assert_eq!(dated.date, d("2029-01-05"));
    assert!(calendar.add(d("2010-06-01"), Period::working_days(1)).warning.is_some());
}

#[test]
fn a_newer_file_is_accepted_and_bad_files_are_refused_clearly() {
    let newer = r#"{"england-and-wales": {"division": "england-and-wales", "events": [
        {"title": "New Year’s Day", "date": "2029-01-01", "notes": "", "bunting": true},
        {"title": "Extra day", "date": "2029-01-02", "notes": "", "bunting": false}]}}"#;
    let calendar = Calendar::from_feed_json(newer, Division::EnglandAndWales).unwrap();
    assert_eq!(calendar.coverage(), (2029, 2029));
    assert_eq!(calendar.add(d("2028-12-29"), Period::working_days(1)).date, d("2029-01-03"));

    type IsExpected = fn(&CalendarError) -> bool;
    let cases: [(&str, Division, IsExpected, &str); 5] = [
        (
            "{not json",
            Division::EnglandAndWales,
            |e| matches!(e, CalendarError::NotJson(_)),
            "not valid JSON",
        ),
        ("[1, 2]", Division::EnglandAndWales, |e| matches!(e, CalendarError::WrongShape(_)), "gov.uk"),
        (newer, Division::Scotland, |e| matches!(e, CalendarError::MissingDivision("Scotland")), "Scotland"),
        (
            r#"{"scotland": {"division": "scotland", "events": [{"title": "X", "date": "1 May", "notes": "", "bunting": true}]}}"#,
            Division::Scotland,
            |e| matches!(e, CalendarError::BadDate { .. }),
            "\"1 May\"",
        ),
        (
            r#"{"scotland": {"division": "england-and-wales", "events": []}}"#,
            Division::Scotland,
            |e| matches!(e, CalendarError::WrongShape(_)),
            "says it is for",
        ),
    ];
    for (json, division, is_expected, fragment) in cases {
        let error = Calendar::from_feed_json(json, division).unwrap_err();
        assert!(is_expected(&error), "{json}: {error:?}");
        assert!(error.to_string().contains(fragment), "{error}");
    }
}

#[test]
fn a_whole_file_is_checked_for_every_division() {
    assert_eq!(Calendar::check_feed(redress_core::calendar::SNAPSHOT), Ok((2018, 2028)));
    let only_one = r#"{"england-and-wales": {"division": "england-and-wales", "events": [
        {"title": "New Year’s Day", "date": "2029-01-01", "notes": "", "bunting": true}]}}"#;
    assert!(matches!(Calendar::check_feed(only_one), Err(CalendarError::MissingDivision("Scotland"))));
}

#[test]
fn working_days_between_counts_like_add() {
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    for n in 0..40 {
        let due = calendar.add_working_days(d("2026-12-18"), n).date;
        assert_eq!(calendar.working_days_between(d("2026-12-18"), due), n);
    }
}
