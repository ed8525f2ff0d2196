//! db: one shared connection to the app's IndexedDB database, opened on first use, and the
//! settings every page counts working days with (the bank holidays, the user's part of the UK),
//! read as their types (`settings`). A saved setting that cannot be read is not used, and not
//! passed over in silence: each read returns it beside the default used instead, for the page
//! to name (`settings::unreadable_notices`).

use std::cell::RefCell;
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};

use crate::calendar::Division;
use crate::guided::Draft;
use crate::record::Unreadable;
use crate::settings::{BankHolidayFile, Preferences, Stored};
use crate::store::{Db, StoreError};

/// The one opening of the database: every caller awaits the same one, so pages asking at the
/// same moment (the page itself, the reminders, the backup banner) never open two connections
/// side by side, each racing the other through a first-visit upgrade.
type Opening = Shared<LocalBoxFuture<'static, Result<Rc<Db>, StoreError>>>;

thread_local! {
    static DB: RefCell<Option<Opening>> = const { RefCell::new(None) };
}

/// The app's database, opened once and shared. An error (private browsing, blocked upgrade, ...)
/// is returned to everyone who was waiting for that opening; the next call tries again, so each
/// page can show it.
pub async fn db() -> Result<Rc<Db>, StoreError> {
    let opening = DB.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| async { Db::open().await.map(Rc::new) }.boxed_local().shared())
            .clone()
    });
    let result = opening.clone().await;
    if result.is_err() {
        // Forget this failed opening (and only this one: another call may have begun afresh).
        DB.with(|cell| {
            let mut cell = cell.borrow_mut();
            if cell.as_ref().is_some_and(|current| current.ptr_eq(&opening)) {
                *cell = None;
            }
        });
    }
    result
}

pub use crate::context::BankHolidays;

/// Reads the bank holidays to count with (see [`BankHolidays`]): the loaded file's, or the
/// built-in ones when none is loaded or the loaded one cannot be read (then named).
pub async fn bank_holidays() -> Result<(BankHolidays, Option<Unreadable>), StoreError> {
    match db().await?.setting::<BankHolidayFile>().await {
        Ok(file) => Ok((BankHolidays::from_feed(file.map(|f| f.value.feed_text()).as_deref()), None)),
        Err(StoreError::Unreadable(unreadable)) => Ok((BankHolidays::from_feed(None), Some(unreadable))),
        Err(e) => Err(e),
    }
}

/// The part of the UK the user chose on "Your data" (England and Wales until they choose, or
/// while their saved choice cannot be read, which is then named).
pub async fn preferred_division() -> Result<(Division, Option<Unreadable>), StoreError> {
    let read = db().await?.setting_or_default::<Preferences>().await?;
    Ok((read.stored.value.division, read.unreadable))
}

/// The id of the draft record holding the guided complaint in progress (there is one).
pub const DRAFT_ID: &str = "guided-complaint";

/// The guided complaint in progress, if one is saved ([`StoreError::Unreadable`] if it is saved
/// but cannot be read).
pub async fn draft() -> Result<Option<Stored<Draft>>, StoreError> {
    db().await?.read(DRAFT_ID).await
}

/// A guided complaint in progress that is not saved yet.
pub fn unsaved_draft(draft: Draft) -> Stored<Draft> {
    Stored::new(DRAFT_ID, draft)
}

/// Deletes the saved guided complaint if it is still at `revision` (the one read; `None` when it
/// could not be read far enough to say), in words if it cannot.
pub async fn discard_draft(revision: Option<u64>) -> Result<(), String> {
    let revision = revision.ok_or_else(|| {
        "Redress cannot tell which version of your saved answers is stored, so they were not deleted. Download \
         your data on the Your data page, then use \"Delete everything\" there."
            .to_string()
    })?;
    db().await
        .map_err(|e| e.user_message())?
        .remove(&Stored { revision, ..unsaved_draft(Draft::default()) })
        .await
        .map_err(|e| e.user_message())
}
