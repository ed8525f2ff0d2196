//! db: one shared connection to the app's IndexedDB database, opened on first use, and the
//! bank holidays every page counts working days with.

use std::cell::RefCell;
use std::rc::Rc;

use crate::calendar::{Calendar, Division};
use crate::record::{Record, RecordKind};
use crate::store::{Db, StoreError};

/// The setting that holds a newer bank-holiday file loaded on "Your data".
pub const BANK_HOLIDAYS_ID: &str = "bank-holidays";
/// The setting that holds the user's preferences from "Your data" (where they live).
pub const PREFERENCES_ID: &str = "preferences";

thread_local! {
    static DB: RefCell<Option<Rc<Db>>> = const { RefCell::new(None) };
}

/// The app's database, opened once and shared. An error (private browsing, blocked upgrade, ...)
/// is returned every time until a later call succeeds, so each page can show it.
pub async fn db() -> Result<Rc<Db>, StoreError> {
    if let Some(db) = DB.with(|cell| cell.borrow().clone()) {
        return Ok(db);
    }
    let db = Rc::new(Db::open().await?);
    DB.with(|cell| *cell.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// The bank holidays pages count working days with: the newer file loaded on "Your data" if
/// there is one, otherwise the snapshot built into Redress.
#[derive(Debug, Clone)]
pub struct BankHolidays {
    /// One calendar per division, with a plain-English note of where its dates come from.
    calendars: Vec<(Division, Calendar, String)>,
}

impl BankHolidays {
    /// The snapshot built into Redress, for every division.
    pub fn builtin() -> BankHolidays {
        BankHolidays::from_feed(None)
    }

    /// From the loaded file's JSON text, if any. A division the file cannot give (it was damaged
    /// after it was checked, or lacks that division) uses the built-in dates, and its note says so.
    fn from_feed(feed: Option<&str>) -> BankHolidays {
        let calendars = [Division::EnglandAndWales, Division::Scotland, Division::NorthernIreland]
            .into_iter()
            .map(|division| {
                let builtin = "the bank holidays built into Redress";
                let (calendar, origin, why) = match feed.map(|feed| Calendar::from_feed_json(feed, division))
                {
                    Some(Ok(calendar)) => {
                        (calendar, "the bank-holiday file you loaded on Your data", String::new())
                    }
                    Some(Err(e)) => (
                        Calendar::builtin(division),
                        builtin,
                        format!(
                            ", because the file you loaded on Your data cannot be used ({e}); load it again"
                        ),
                    ),
                    None => (Calendar::builtin(division), builtin, String::new()),
                };
                let (from, to) = calendar.coverage();
                (division, calendar, format!("{origin} ({from} to {to}){why}"))
            })
            .collect();
        BankHolidays { calendars }
    }

    /// The calendar for `division`.
    pub fn calendar(&self, division: Division) -> &Calendar {
        &self.entry(division).1
    }

    /// Where `division`'s dates come from, to finish a sentence such as "Working days leave out
    /// weekends and bank holidays, from …".
    pub fn source(&self, division: Division) -> &str {
        &self.entry(division).2
    }

    /// The sentence the resident's pages show under their dates.
    pub fn counted_with(&self, division: Division) -> String {
        format!(
            "Working days leave out weekends and the bank holidays in {}, from {}.",
            division.label(),
            self.source(division)
        )
    }

    fn entry(&self, division: Division) -> &(Division, Calendar, String) {
        self.calendars.iter().find(|(d, ..)| *d == division).expect("every division is built")
    }
}

/// Reads the bank holidays to count with (see [`BankHolidays`]).
pub async fn bank_holidays() -> Result<BankHolidays, StoreError> {
    let record = db().await?.get(RecordKind::Setting, BANK_HOLIDAYS_ID).await?;
    let feed = record.as_ref().and_then(|r| r.data.get("feed")).map(|feed| feed.to_string());
    Ok(BankHolidays::from_feed(feed.as_deref()))
}

/// The part of the UK the user chose on "Your data" (England and Wales until they choose).
pub async fn preferred_division() -> Result<Division, StoreError> {
    let record = db().await?.get(RecordKind::Setting, PREFERENCES_ID).await?;
    Ok(record.as_ref().and_then(division_chosen).unwrap_or_default())
}

/// The part of the UK chosen in the preferences record, if it names one.
pub fn division_chosen(preferences: &Record) -> Option<Division> {
    preferences.data.get("division").and_then(|d| serde_json::from_value(d.clone()).ok())
}
