//! data: what every association page reads — the setup with the casebook (the policy library,
//! the bank holidays and the cases, `ui::casebook`) — loaded in one go from the store.

use std::ops::Deref;

use crate::policy::Policy;
use crate::register::setup::{Library, Setup};
use crate::register::Row;
use crate::settings::Stored;
use crate::store::StoreError;
use crate::ui::casebook::{self, Casebook};
use crate::ui::db::db;

pub use crate::ui::casebook::{save as save_case, Cases};

/// Everything an association page needs, read from this device: its setup, and the casebook
/// (which counts every case by its own policy version and division; new cases open in the
/// setup's).
#[derive(Clone)]
pub struct Books {
    /// The setup as read (its revision guards against overwriting another tab's save). When the
    /// saved setup cannot be read, this is the default setup at the unreadable record's revision
    /// (so saving the setup replaces it) and the casebook's `unreadable` names it.
    pub setup: Stored<Setup>,
    book: Casebook,
}

impl Deref for Books {
    type Target = Casebook;

    fn deref(&self) -> &Casebook {
        &self.book
    }
}

impl Books {
    /// The built-in policies and the ones this association saved.
    pub fn library(&self) -> &Library {
        self.book.rules.library()
    }

    /// Every case as a register row, assessed as of today.
    pub fn rows(&self) -> Vec<Row> {
        self.cases.iter().map(|c| Row::new(&c.value, self.assess(&c.value).as_ref())).collect()
    }

    /// The policy new cases are opened under.
    pub fn current_policy(&self) -> &Policy {
        self.library().find(&self.setup.value.policy_id, &self.setup.value.policy_version)
    }

    /// Where the bank holidays of the setup's part of the UK come from, in words.
    pub fn calendar_source(&self) -> &str {
        self.book.rules.holidays().source(self.setup.value.division)
    }
}

/// Reads the setup, the saved policies, the bank holidays and the cases a page needs.
pub async fn load(which: Cases) -> Result<Books, StoreError> {
    let setup = db().await?.setting_or_default::<Setup>().await?;
    let mut book = casebook::load(which, Some(setup.stored.value.division)).await?;
    book.unreadable.extend(setup.unreadable);
    Ok(Books { setup: setup.stored, book })
}
