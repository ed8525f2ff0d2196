//! error: everything that can go wrong with storage, as a typed error with a plain-English message
//! that says what happened and what to do.

use indexed_db_futures::error::{DomException, Error as IdbError, OpenDbError};
use wasm_bindgen::{JsCast, JsValue};

use crate::record::RecordKind;

/// A storage failure. Nothing is half-written when one is returned: the transaction was rolled back.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    #[error("the device is out of storage space for this site")]
    QuotaExceeded,
    #[error("another tab holds the database open on an older version")]
    Blocked,
    #[error("another tab upgraded the database; this tab must reload")]
    VersionChanged,
    #[error("{kind:?} {id} changed in another tab (stored revision {stored_revision})")]
    Conflict { kind: RecordKind, id: String, stored_revision: u64 },
    #[error("{kind:?} {id} was not found")]
    NotFound { kind: RecordKind, id: String },
    #[error("IndexedDB is not available: {0}")]
    Unavailable(String),
    #[error("a stored {kind:?} record could not be read: {detail}")]
    Corrupt { kind: RecordKind, detail: String },
    #[error("{name}: {message}")]
    Other { name: String, message: String },
}

impl StoreError {
    /// What happened and what to do, for the person using the app.
    pub fn user_message(&self) -> String {
        match self {
            StoreError::QuotaExceeded => "Your device has run out of space for Redress, so nothing was saved. Free some \
                 space (or delete old cases you have downloaded), then try again."
                .into(),
            StoreError::Blocked => "Redress is open in another tab or window with an older version. Close the other \
                 Redress tabs, then reload this page. Nothing has been lost."
                .into(),
            StoreError::VersionChanged => "Redress was updated in another tab or window. Reload this page to carry on. \
                 Anything not yet saved here is still on screen: copy it first if you need to."
                .into(),
            StoreError::Conflict { .. } => "Someone changed this in another tab or window after you opened it, so \
                 your change was not saved over theirs. Reload to see their version; your text is still here so you can \
                 copy it."
                .into(),
            StoreError::NotFound { kind, .. } => format!(
                "That {} is no longer stored on this device. It may have been deleted in another tab. Reload the page.",
                singular(*kind)
            ),
            StoreError::Unavailable(_) => "This browser is not letting Redress store anything (this happens in some \
                 private-browsing modes, or when site data is blocked). Use a normal window, or allow site data for \
                 this site, then reload."
                .into(),
            StoreError::Corrupt { kind, .. } => format!(
                "A stored {} could not be read; it may have been damaged. Nothing was changed. Download your data \
                 from the Your data page to keep a copy, and report the problem.",
                singular(*kind)
            ),
            StoreError::Other { name, message } => format!(
                "Redress could not read or save your data ({name}: {message}). Nothing was changed. Try again; if it \
                 keeps happening, reload the page."
            ),
        }
    }

    /// From a DOMException's name and message.
    pub fn from_dom(name: &str, message: String) -> StoreError {
        match name {
            "QuotaExceededError" => StoreError::QuotaExceeded,
            "VersionError" => StoreError::VersionChanged,
            "InvalidStateError" if message.contains("closing") || message.contains("closed") => {
                StoreError::VersionChanged
            }
            "SecurityError" | "UnknownError" if message.to_lowercase().contains("indexeddb") => {
                StoreError::Unavailable(message)
            }
            _ => StoreError::Other { name: name.to_string(), message },
        }
    }

    /// From any JS exception value.
    pub fn from_js(value: JsValue) -> StoreError {
        if let Some(dom) = value.dyn_ref::<web_sys::DomException>() {
            return StoreError::from_dom(&dom.name(), dom.message());
        }
        if let Some(error) = value.dyn_ref::<js_sys::Error>() {
            return StoreError::Other {
                name: String::from(error.name()),
                message: String::from(error.message()),
            };
        }
        StoreError::Other { name: "Error".into(), message: format!("{value:?}") }
    }
}

fn singular(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Case => "case",
        RecordKind::Draft => "unfinished complaint",
        RecordKind::Policy => "policy",
        RecordKind::Setting => "setting",
    }
}

impl From<DomException> for StoreError {
    fn from(e: DomException) -> Self {
        let sys: web_sys::DomException = e.into();
        StoreError::from_dom(&sys.name(), sys.message())
    }
}

impl From<IdbError> for StoreError {
    fn from(e: IdbError) -> Self {
        match e {
            IdbError::DomException(dom) => dom.into(),
            other => StoreError::Other { name: "IndexedDB".into(), message: other.to_string() },
        }
    }
}

impl From<OpenDbError> for StoreError {
    fn from(e: OpenDbError) -> Self {
        match e {
            OpenDbError::Base(base) => base.into(),
            OpenDbError::UnsupportedEnvironment | OpenDbError::NullFactory => {
                StoreError::Unavailable(e.to_string())
            }
            OpenDbError::VersionZero => {
                StoreError::Other { name: "VersionError".into(), message: e.to_string() }
            }
        }
    }
}
