//! The vocabulary shared by the calendar and the policies: UK divisions and periods of time.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A UK bank-holiday division, as named in the gov.uk feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Division {
    #[default]
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

impl Division {
    /// The key the gov.uk feed uses for this division.
    pub fn feed_key(self) -> &'static str {
        match self {
            Division::EnglandAndWales => "england-and-wales",
            Division::Scotland => "scotland",
            Division::NorthernIreland => "northern-ireland",
        }
    }

    /// How a resident would name it.
    pub fn label(self) -> &'static str {
        match self {
            Division::EnglandAndWales => "England and Wales",
            Division::Scotland => "Scotland",
            Division::NorthernIreland => "Northern Ireland",
        }
    }
}

/// The unit a policy counts a period in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PeriodUnit {
    /// Monday to Friday, excluding the division's bank holidays.
    WorkingDays,
    /// Every day counts.
    CalendarDays,
    /// Seven calendar days each.
    Weeks,
    /// Calendar months (the same day of the month, or the month's last day if it has fewer days).
    Months,
}

/// An amount of time as a policy states it: "10 working days", "28 calendar days", "12 months".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct Period {
    pub amount: u32,
    pub unit: PeriodUnit,
}

impl Period {
    pub const fn working_days(amount: u32) -> Period {
        Period { amount, unit: PeriodUnit::WorkingDays }
    }
    pub const fn calendar_days(amount: u32) -> Period {
        Period { amount, unit: PeriodUnit::CalendarDays }
    }
    pub const fn weeks(amount: u32) -> Period {
        Period { amount, unit: PeriodUnit::Weeks }
    }
    pub const fn months(amount: u32) -> Period {
        Period { amount, unit: PeriodUnit::Months }
    }

    /// Plain English: "10 working days", "1 month".
    pub fn describe(&self) -> String {
        let (one, many) = match self.unit {
            PeriodUnit::WorkingDays => ("working day", "working days"),
            PeriodUnit::CalendarDays => ("calendar day", "calendar days"),
            PeriodUnit::Weeks => ("week", "weeks"),
            PeriodUnit::Months => ("month", "months"),
        };
        format!("{} {}", self.amount, if self.amount == 1 { one } else { many })
    }
}
