//! error: everything that can go wrong with storage, as a typed error with a plain-English message
//! that says what happened and what to do.

use indexed_db_futures::error::{DomException, Error as IdbError, OpenDbError};
use wasm_bindgen::{JsCast, JsValue};

use crate::record::{RecordKind, Unreadable};
use crate::settings::unreadable_notices;

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
    /// A record is stored but cannot be read as its type (it is left as it is).
    #[error("the stored {:?} {} could not be read: {}", .0.kind, .0.id, .0.detail)]
    Unreadable(Unreadable),
    #[error("{name}: {message}")]
    Other { name: String, message: String },
}

impl StoreError {
    /// What happened and what to do, for the person using the app.
    pub fn user_message(&self) -> String {
        match self {
            StoreError::QuotaExceeded => "The storage on this device is full, so Redress could not save this. Nothing \
                 was half-saved, and everything saved before is as it was. To make room: download a copy of your data \
                 on the Your data page (it goes to your downloads, so you keep it), then delete old complaints you no \
                 longer need, or free space on the device by removing photos, videos or apps you do not use. Then try \
                 again."
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
                kind.singular()
            ),
            StoreError::Unavailable(_) => "This browser is not letting Redress store anything (this happens in some \
                 private-browsing modes, or when site data is blocked). Use a normal window, or allow site data for \
                 this site, then reload."
                .into(),
            StoreError::Corrupt { kind, .. } => format!(
                "A stored {} could not be read; it may have been damaged. Nothing was changed. \"Download all my \
                 data\" on the Your data page still saves everything else, and names what it left out; keep that \
                 copy, and report the problem.",
                kind.singular()
            ),
            StoreError::Unreadable(unreadable) => unreadable_notices(std::slice::from_ref(unreadable)).join(" "),
            StoreError::Other { name, message } => format!(
                "Redress could not read or save your data ({name}: {message}). Nothing was changed. Try again; if it \
                 keeps happening, reload the page."
            ),
        }
    }

    /// What happened and what to do when an import's write failed. The same as
    /// [`Self::user_message`] but for a conflict, which for an import means the device changed
    /// after the file was checked, and there is no typed text to keep.
    pub fn import_message(&self) -> String {
        match self {
            StoreError::Conflict { .. } => "Something on this device changed after you chose the file (in another tab \
                 or window), so nothing was imported: the file would have been written over changes you have not \
                 seen. Choose the file again to see what it would change now."
                .into(),
            other => other.user_message(),
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
            // Chromium says "the Indexed Database API"; others "IndexedDB".
            "SecurityError" | "UnknownError"
                if ["indexeddb", "indexed database"].iter().any(|w| message.to_lowercase().contains(w)) =>
            {
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
            // indexed_db_futures reports any exception thrown by `indexedDB.open` as this; the
            // version asked for is never zero, so the browser refused to open the database (as
            // when site data is blocked, or in some private-browsing modes).
            OpenDbError::VersionZero => {
                StoreError::Unavailable("the browser refused to open its database for this site".into())
            }
        }
    }
}
