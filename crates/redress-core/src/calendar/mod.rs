//! calendar: working days for a UK division, and the arithmetic every deadline uses.
//!
//! Working days are Monday to Friday except the bank holidays of the chosen division (England and
//! Wales by default, Scotland, Northern Ireland). The holidays come from the gov.uk feed's shape
//! (`{division: {division, events: [{title, date, notes, bunting}]}}`): a snapshot is embedded
//! ([`Calendar::builtin`]) and a newer file in the same shape is accepted
//! ([`Calendar::from_feed_json`]).
//!
//! # The convention (docs/calendar.md)
//! - **N working days after an event** falls on the Nth working day after the event's date: day 1
//!   is the first working day after the trigger date, whatever day the trigger falls on (the
//!   Code's rule). Received Monday, 5 working days → the next Monday; received Saturday 6
//!   February 2027, 5 working days → Friday 12 February (day 1 is Monday 8 February). The same
//!   holds for a trigger on a bank holiday. 0 working days is the trigger date itself.
//! - **N calendar days (or weeks) after an event** is the date N days (7N days) later, whatever
//!   day of the week that is.
//! - **N months after an event** is the same day of the month N months later, or that month's
//!   last day if it is shorter (31 January + 1 month = 28 or 29 February).
//! - **Coverage**: the feed lists holidays for a run of years. A working-day count that reaches
//!   a year the calendar does not cover is still computed (weekends only for those days), but the
//!   result carries a [`CoverageWarning`] so nobody mistakes it for a checked date.

mod types;

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

pub use types::{Division, Period, PeriodUnit};

/// The bank-holiday snapshot shipped with the app (gov.uk feed shape, 2018–2028).
pub const SNAPSHOT: &str = include_str!("bank-holidays.json");

/// One division's working-day calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    division: Division,
    /// Sorted, without duplicates.
    holidays: Vec<NaiveDate>,
    first_year: i32,
    last_year: i32,
}

/// A date the calendar could not fully check: it lies outside the years the bank-holiday file
/// covers, so bank holidays on it (or on the way to it) are unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CoverageWarning {
    /// The first date the count needed that the calendar does not cover.
    pub date: NaiveDate,
    /// The years the calendar covers.
    pub covered_from: i32,
    pub covered_to: i32,
    /// Plain English, for the user.
    pub message: String,
}

/// A computed date, with a warning if the calendar could not check it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    pub date: NaiveDate,
    pub warning: Option<CoverageWarning>,
}

/// Why a bank-holiday file could not be used. Nothing is changed when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error(
        "This bank-holiday file is not valid JSON ({0}). Download it again from gov.uk/bank-holidays.json."
    )]
    NotJson(String),
    #[error(
        "This file is not in the shape of the gov.uk bank-holidays feed ({0}). Use the file from \
         gov.uk/bank-holidays.json."
    )]
    WrongShape(String),
    #[error(
        "This bank-holiday file has no dates for {0}. Use the full file from gov.uk/bank-holidays.json, which \
         lists England and Wales, Scotland and Northern Ireland."
    )]
    MissingDivision(&'static str),
    #[error("The bank holiday \"{title}\" has a date that is not a date: \"{date}\". Use a file with dates like 2027-03-26.")]
    BadDate { title: String, date: String },
}

#[derive(Deserialize)]
struct FeedDivision {
    division: String,
    events: Vec<FeedEvent>,
}

#[derive(Deserialize)]
struct FeedEvent {
    title: String,
    date: String,
}

impl Calendar {
    /// The calendar for `division` from the embedded snapshot. The snapshot is parsed once per
    /// division; later calls copy the parsed holidays (about a hundred dates).
    pub fn builtin(division: Division) -> Calendar {
        static PARSED: std::sync::OnceLock<[Calendar; 3]> = std::sync::OnceLock::new();
        let parsed = PARSED.get_or_init(|| {
            [Division::EnglandAndWales, Division::Scotland, Division::NorthernIreland].map(|d| {
                Calendar::from_feed_json(SNAPSHOT, d).expect("the embedded snapshot is tested to load")
            })
        });
        let index = match division {
            Division::EnglandAndWales => 0,
            Division::Scotland => 1,
            Division::NorthernIreland => 2,
        };
        parsed[index].clone()
    }

    /// Reads a file in the gov.uk feed's shape and keeps `division`'s holidays.
    pub fn from_feed_json(json: &str, division: Division) -> Result<Calendar, CalendarError> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| CalendarError::NotJson(e.to_string()))?;
        let feed: BTreeMap<String, FeedDivision> =
            serde_json::from_value(value).map_err(|e| CalendarError::WrongShape(e.to_string()))?;
        let entry = feed.get(division.feed_key()).ok_or(CalendarError::MissingDivision(division.label()))?;
        if entry.division != division.feed_key() {
            return Err(CalendarError::WrongShape(format!(
                "the entry \"{}\" says it is for \"{}\"",
                division.feed_key(),
                entry.division
            )));
        }
        if entry.events.is_empty() {
            return Err(CalendarError::MissingDivision(division.label()));
        }
        let mut holidays = Vec::with_capacity(entry.events.len());
        for event in &entry.events {
            let date = NaiveDate::parse_from_str(&event.date, "%Y-%m-%d").map_err(|_| {
                CalendarError::BadDate { title: event.title.clone(), date: event.date.clone() }
            })?;
            holidays.push(date);
        }
        holidays.sort();
        holidays.dedup();
        let first_year = holidays[0].year();
        let last_year = holidays[holidays.len() - 1].year();
        Ok(Calendar { division, holidays, first_year, last_year })
    }

    /// Checks a whole bank-holiday file (all three divisions) and returns the years every
    /// division covers. Used before a newer file replaces the built-in snapshot.
    pub fn check_feed(json: &str) -> Result<(i32, i32), CalendarError> {
        let mut covered = (i32::MIN, i32::MAX);
        for division in [Division::EnglandAndWales, Division::Scotland, Division::NorthernIreland] {
            let (first, last) = Calendar::from_feed_json(json, division)?.coverage();
            covered = (covered.0.max(first), covered.1.min(last));
        }
        Ok(covered)
    }

    /// A calendar with exactly these holidays, covering `first_year..=last_year` (for tests and
    /// benchmarks).
    pub fn with_holidays(
        division: Division,
        mut holidays: Vec<NaiveDate>,
        first_year: i32,
        last_year: i32,
    ) -> Calendar {
        holidays.sort();
        holidays.dedup();
        Calendar { division, holidays, first_year, last_year }
    }

    /// The same calendar with one more holiday.
    pub fn with_extra_holiday(&self, date: NaiveDate) -> Calendar {
        let mut holidays = self.holidays.clone();
        holidays.push(date);
        Calendar::with_holidays(self.division, holidays, self.first_year, self.last_year)
    }

    pub fn division(&self) -> Division {
        self.division
    }

    /// The years the calendar's bank holidays cover, inclusive.
    pub fn coverage(&self) -> (i32, i32) {
        (self.first_year, self.last_year)
    }

    /// The bank holidays, in order.
    pub fn holidays(&self) -> &[NaiveDate] {
        &self.holidays
    }

    pub fn covers(&self, date: NaiveDate) -> bool {
        (self.first_year..=self.last_year).contains(&date.year())
    }

    pub fn is_bank_holiday(&self, date: NaiveDate) -> bool {
        self.holidays.binary_search(&date).is_ok()
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.is_bank_holiday(date)
    }

    fn warning(&self, date: NaiveDate) -> Option<CoverageWarning> {
        if self.covers(date) {
            return None;
        }
        Some(CoverageWarning {
            date,
            covered_from: self.first_year,
            covered_to: self.last_year,
            message: format!(
                "This date is worked out without bank holidays, because the bank-holiday list only covers {} to {}. \
                 Load a newer bank-holiday file on the Your data page to check it.",
                self.first_year, self.last_year
            ),
        })
    }

    /// The Nth working day after `from` (see the module's convention): day 1 is the first working
    /// day after `from`, whether or not `from` is itself a working day. `n = 0` gives `from`.
    /// The warning is for the first day counted (or stepped over) that the calendar does not
    /// cover; whether `from` itself is a holiday never changes the count, so it is not checked.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> Dated {
        let mut date = from;
        let mut warning = None;
        let mut counted = 0;
        while counted < n {
            date = next(date);
            if warning.is_none() {
                warning = self.warning(date);
            }
            if self.is_working_day(date) {
                counted += 1;
            }
        }
        Dated { date, warning }
    }

    /// `from` plus `period`, by the module's convention.
    pub fn add(&self, from: NaiveDate, period: Period) -> Dated {
        match period.unit {
            PeriodUnit::WorkingDays => self.add_working_days(from, period.amount),
            PeriodUnit::CalendarDays => plain(from.checked_add_days(Days::new(period.amount.into()))),
            PeriodUnit::Weeks => plain(from.checked_add_days(Days::new(u64::from(period.amount) * 7))),
            PeriodUnit::Months => plain(from.checked_add_months(Months::new(period.amount))),
        }
    }

    /// Working days after `from` up to and including `to` (0 if `to` is not after `from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut count = 0;
        let mut date = from;
        while date < to {
            date = next(date);
            if self.is_working_day(date) {
                count += 1;
            }
        }
        count
    }
}

/// A date as people write it in letters: "9 February 2027".
pub fn long_date(date: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!("{} {} {}", date.day(), MONTHS[date.month0() as usize], date.year())
}

/// A date in ISO 8601 form: "2027-02-09".
pub fn iso_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// What is wrong with a date typed as day, month and year ([`date_from_parts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartsError {
    /// A part that is not a whole number, or a part left empty while another is filled in.
    NotNumbers,
    /// Numbers, but no such day: the 31st of April, month 13.
    NotReal,
    /// A year Redress cannot count with, usually one typed short ("26") or long.
    Year,
}

impl PartsError {
    /// What is wrong and what to do, in a resident's words.
    pub fn message(self) -> &'static str {
        match self {
            PartsError::NotNumbers => "Enter the date as numbers, for example 27 3 2026, or leave it blank",
            PartsError::NotReal => "That is not a real date: check the day and month",
            PartsError::Year => "Check the year: enter all four numbers, for example 2026",
        }
    }
}

/// A date typed as three boxes, day, month and year (spaces around each part ignored): `None`
/// when all three are blank, for an answer that may be left out.
pub fn date_from_parts(day: &str, month: &str, year: &str) -> Result<Option<NaiveDate>, PartsError> {
    let (day, month, year) = (day.trim(), month.trim(), year.trim());
    if day.is_empty() && month.is_empty() && year.is_empty() {
        return Ok(None);
    }
    let (Ok(day), Ok(month), Ok(year)) = (day.parse::<u32>(), month.parse::<u32>(), year.parse::<i32>())
    else {
        return Err(PartsError::NotNumbers);
    };
    if !(1901..=2199).contains(&year) {
        return Err(PartsError::Year);
    }
    NaiveDate::from_ymd_opt(year, month, day).map(Some).ok_or(PartsError::NotReal)
}

fn next(date: NaiveDate) -> NaiveDate {
    date.succ_opt().unwrap_or(NaiveDate::MAX)
}

fn plain(date: Option<NaiveDate>) -> Dated {
    Dated { date: date.unwrap_or(NaiveDate::MAX), warning: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_typed_in_three_boxes_is_read_or_its_fault_named() {
        assert_eq!(date_from_parts("", " ", ""), Ok(None));
        assert_eq!(date_from_parts("27", "3", "2026"), Ok(Some(d("2026-03-27"))));
        assert_eq!(date_from_parts(" 05 ", "10 ", " 2026"), Ok(Some(d("2026-10-05"))));
        // 2028 is a leap year, 2026 is not.
        assert_eq!(date_from_parts("29", "2", "2028"), Ok(Some(d("2028-02-29"))));
        assert_eq!(date_from_parts("29", "2", "2026"), Err(PartsError::NotReal));
        assert_eq!(date_from_parts("31", "4", "2026"), Err(PartsError::NotReal));
        assert_eq!(date_from_parts("1", "13", "2026"), Err(PartsError::NotReal));
        assert_eq!(date_from_parts("0", "1", "2026"), Err(PartsError::NotReal));
        assert_eq!(date_from_parts("first", "3", "2026"), Err(PartsError::NotNumbers));
        assert_eq!(date_from_parts("27", "", "2026"), Err(PartsError::NotNumbers));
        assert_eq!(date_from_parts("-1", "3", "2026"), Err(PartsError::NotNumbers));
        assert_eq!(date_from_parts("27", "3", "26"), Err(PartsError::Year));
        assert_eq!(date_from_parts("27", "3", "20266"), Err(PartsError::Year));
        assert_eq!(date_from_parts("1", "1", "1901"), Ok(Some(d("1901-01-01"))));
        assert_eq!(date_from_parts("31", "12", "2199"), Ok(Some(d("2199-12-31"))));
        assert!(date_from_parts("1", "1", "1900").is_err());
        for fault in [PartsError::NotNumbers, PartsError::NotReal, PartsError::Year] {
            assert!(fault.message().contains("date") || fault.message().contains("year"), "{fault:?}");
        }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn dates_read_naturally() {
        assert_eq!(long_date(d("2027-02-09")), "9 February 2027");
        assert_eq!(long_date(d("2026-12-31")), "31 December 2026");
        assert_eq!(iso_date(d("2027-03-07")), "2027-03-07");
    }

    #[test]
    fn the_snapshot_loads_for_every_division_and_covers_2018_to_2028() {
        for division in [Division::EnglandAndWales, Division::Scotland, Division::NorthernIreland] {
            let calendar = Calendar::builtin(division);
            assert_eq!(calendar.coverage(), (2018, 2028));
            assert!(calendar.is_bank_holiday(d("2026-12-25")));
        }
        // Divisions differ: 2 January is a holiday only in Scotland; 17 March only in Northern Ireland.
        assert!(Calendar::builtin(Division::Scotland).is_bank_holiday(d("2027-01-04")));
        assert!(!Calendar::builtin(Division::EnglandAndWales).is_bank_holiday(d("2027-01-04")));
        assert!(Calendar::builtin(Division::NorthernIreland).is_bank_holiday(d("2027-03-17")));
        assert!(!Calendar::builtin(Division::EnglandAndWales).is_bank_holiday(d("2027-03-17")));
    }
}
