//! reminders: what the banner lists when Redress opens. For each assessed case, the dates due
//! within the next two working days and the dates already overdue, for a resident (their
//! landlord's dates and their own) or for an association (the dates it must meet). Pure: today
//! and each case's calendar are passed in.

use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::case::Case;
use crate::engine::{Assessment, DeadlineState, Party};

/// "Due soon" is up to and including the second working day after today.
pub const SOON_WORKING_DAYS: u32 = 2;

/// Whose reminders these are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// A resident (or someone helping one): the landlord's dates and the resident's own.
    Resident,
    /// A housing association: the dates it must meet, not the resident's.
    Association,
}

/// One date to remind about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// The case it belongs to (the banner links to it).
    pub case_id: String,
    /// The deadline's id within the case, e.g. `stage1.respond`.
    pub deadline_id: String,
    /// Who must act.
    pub party: Party,
    /// What must be done, in the engine's words ("Respond to your complaint").
    pub what: String,
    pub due: NaiveDate,
}

/// What the banner lists: overdue dates first, then those due soon, each in date order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reminders {
    /// Past their date with nothing done.
    pub overdue: Vec<Reminder>,
    /// Due today or within the next [`SOON_WORKING_DAYS`] working days, not done yet.
    pub soon: Vec<Reminder>,
}

impl Reminders {
    pub fn is_empty(&self) -> bool {
        self.overdue.is_empty() && self.soon.is_empty()
    }
}

/// The last date counted as "soon" from `today` under `calendar`: the second working day after
/// today (a Friday gives the Tuesday; a bank holiday is skipped like a weekend).
pub fn soon_until(calendar: &Calendar, today: NaiveDate) -> NaiveDate {
    calendar.add_working_days(today, SOON_WORKING_DAYS).date
}

/// Selects the reminders from assessed cases, each with the calendar its dates are counted by.
pub fn select<'a>(
    cases: impl IntoIterator<Item = (&'a Case, &'a Assessment, &'a Calendar)>,
    side: Side,
    today: NaiveDate,
) -> Reminders {
    let mut reminders = Reminders::default();
    for (case, assessment, calendar) in cases {
        let until = soon_until(calendar, today);
        for deadline in &assessment.deadlines {
            if side == Side::Association && deadline.party != Party::Landlord {
                continue;
            }
            let reminder = || Reminder {
                case_id: case.id.clone(),
                deadline_id: deadline.id.clone(),
                party: deadline.party,
                what: deadline.what.clone(),
                due: deadline.due,
            };
            match deadline.state {
                DeadlineState::Overdue => reminders.overdue.push(reminder()),
                DeadlineState::Pending if deadline.due >= today && deadline.due <= until => {
                    reminders.soon.push(reminder())
                }
                _ => {}
            }
        }
    }
    let order = |a: &Reminder, b: &Reminder| {
        (a.due, &a.case_id, &a.deadline_id).cmp(&(b.due, &b.case_id, &b.deadline_id))
    };
    reminders.overdue.sort_by(order);
    reminders.soon.sort_by(order);
    reminders
}
