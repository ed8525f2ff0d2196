//! db: one shared connection to the app's IndexedDB database, opened on first use.

use std::cell::RefCell;
use std::rc::Rc;

use crate::store::{Db, StoreError};

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
