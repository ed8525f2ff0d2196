//! db: one shared connection to the app's IndexedDB database, opened on first use, and the
//! settings every page counts working days with (the bank holidays, the user's part of the UK).

use std::cell::RefCell;
use std::rc::Rc;

use crate::calendar::Division;
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

pub use crate::context::BankHolidays;

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
