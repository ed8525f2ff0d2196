//! calendar: working days for a UK division (being written).

mod types;
pub use types::{Division, Period, PeriodUnit};
