//! in_flight: the transactions this page has begun and not yet finished, so that the ones still
//! running can be ended before the page goes ([`abort_all`], on `pagehide`).
//!
//! Why: WebKit (Safari, and every browser on an iPhone) keeps a page's connection open in its
//! database process if one of that page's transactions is still running when the page goes away
//! (a reload, an address typed in, the tab closed in the middle of a read). That transaction never
//! ends, and every later transaction on the same stores, in the next page and in every other tab,
//! waits behind it until the browser is restarted: Redress would sit at "Checking…" for ever
//! (WebKit bug 324094; the smoke journey met it in WebKitGTK going from the start page to the
//! resident's page within a second of a first visit). Aborting them on `pagehide`, while the page
//! can still run script, ends them properly.
//!
//! Nothing a user saved is lost by this. A read aborted is only a read. A write aborted is one
//! whose commit had not begun; a page that is going cannot carry on with it anyway, and every
//! write is all or nothing. A transaction whose commit has begun cannot be aborted: it finishes
//! on its own.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::transaction::Transaction;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::IdbTransaction;

thread_local! {
    /// The transactions begun and not yet finished, by a number of their own.
    static OPEN: RefCell<HashMap<u64, IdbTransaction>> = RefCell::new(HashMap::new());
    static NEXT: Cell<u64> = const { Cell::new(0) };
    /// Whether the page's `pagehide` listener is in place.
    static LISTENING: Cell<bool> = const { Cell::new(false) };
}

/// A transaction counted as in flight until this is dropped: keep it alive as long as the
/// transaction (to the end of the function that began it, after its commit has finished).
#[must_use = "the transaction is counted as in flight only while this lives"]
pub(super) struct Begun {
    number: u64,
}

impl Drop for Begun {
    fn drop(&mut self) {
        OPEN.with(|open| open.borrow_mut().remove(&self.number));
    }
}

/// Counts `tx` as in flight, and makes sure the page ends what is in flight when it goes.
pub(super) fn begin(tx: &Transaction<'_>) -> Begun {
    listen_for_pagehide();
    let number = NEXT.with(|next| next.replace(next.get() + 1));
    let sys: IdbTransaction = tx.as_sys().clone().unchecked_into();
    OPEN.with(|open| open.borrow_mut().insert(number, sys));
    Begun { number }
}

/// How many transactions are counted as in flight.
pub fn count() -> usize {
    OPEN.with(|open| open.borrow().len())
}

/// Aborts every transaction in flight that can still be aborted, and returns how many were.
/// The others have begun to commit (or have just finished): the browser refuses to abort those,
/// and they end on their own.
pub fn abort_all() -> usize {
    let open: Vec<IdbTransaction> = OPEN.with(|open| open.borrow().values().cloned().collect());
    open.iter().filter(|tx| tx.abort().is_ok()).count()
}

fn listen_for_pagehide() {
    if LISTENING.with(Cell::get) {
        return;
    }
    // In a worker there is no page to leave; a page always has a window.
    let Some(window) = web_sys::window() else { return };
    let on_pagehide = Closure::<dyn Fn()>::new(|| {
        abort_all();
    });
    if window.add_event_listener_with_callback("pagehide", on_pagehide.as_ref().unchecked_ref()).is_ok() {
        LISTENING.with(|listening| listening.set(true));
        // The listener lives as long as the page.
        on_pagehide.forget();
    }
}
