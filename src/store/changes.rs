//! changes: every write the store commits is announced, to listeners in this tab and, through a
//! `BroadcastChannel`, to every other tab or window of the same site that has the same database
//! open. A page in another tab can then show the change at once, and a form whose record
//! changed elsewhere can say so before its save is refused.
//!
//! The announcement is made only after the transaction has committed, so nothing is announced
//! that is not stored. A message carries kinds, ids and revisions, never a record's data.

use std::cell::RefCell;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::record::RecordKind;

/// Above this many records in one write, a message names only the kinds (an import of ten
/// thousand cases would otherwise post ten thousand ids to every tab).
const MAX_NAMED: usize = 64;

/// One record a committed write changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub kind: RecordKind,
    pub id: String,
    /// Its revision now; `None` when it was deleted.
    pub revision: Option<u64>,
}

/// What one committed write changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Changed {
    /// These records (saved or deleted).
    Records(Vec<Change>),
    /// Too many records to name, of these kinds (a large import).
    Many(Vec<RecordKind>),
    /// Everything was deleted.
    Everything,
}

impl Changed {
    /// Whether this may have changed the record `kind`/`id`.
    pub fn touches(&self, kind: RecordKind, id: &str) -> bool {
        match self {
            Changed::Records(changes) => changes.iter().any(|c| c.kind == kind && c.id == id),
            Changed::Many(kinds) => kinds.contains(&kind),
            Changed::Everything => true,
        }
    }

    /// Whether this may have changed any record of `kind`.
    pub fn touches_kind(&self, kind: RecordKind) -> bool {
        match self {
            Changed::Records(changes) => changes.iter().any(|c| c.kind == kind),
            Changed::Many(kinds) => kinds.contains(&kind),
            Changed::Everything => true,
        }
    }

    pub(crate) fn of(changes: Vec<Change>) -> Changed {
        if changes.len() > MAX_NAMED {
            let mut kinds: Vec<RecordKind> = changes.iter().map(|c| c.kind).collect();
            kinds.sort();
            kinds.dedup();
            Changed::Many(kinds)
        } else {
            Changed::Records(changes)
        }
    }
}

/// Where a change was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// In this tab.
    ThisTab,
    /// In another tab or window.
    OtherTab,
}

type Listener = Rc<dyn Fn(&Changed, Origin)>;

struct Hub {
    /// The database name this hub announces for.
    name: String,
    /// `None` where the browser has no BroadcastChannel: this tab still hears its own changes.
    channel: Option<web_sys::BroadcastChannel>,
    listeners: Vec<Listener>,
}

thread_local! {
    static HUBS: RefCell<Vec<Hub>> = const { RefCell::new(Vec::new()) };
}

/// The channel's name for a database: tests open databases of their own, and their changes
/// must not reach the app's pages.
fn channel_name(db_name: &str) -> String {
    format!("redress-changes:{db_name}")
}

/// Makes sure a hub for `db_name` exists (opening its channel and listening on it).
fn ensure_hub(db_name: &str) {
    let exists = HUBS.with(|hubs| hubs.borrow().iter().any(|h| h.name == db_name));
    if exists {
        return;
    }
    let channel = web_sys::BroadcastChannel::new(&channel_name(db_name)).ok();
    if let Some(channel) = &channel {
        let name = db_name.to_string();
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let Some(text) = event.data().as_string() else { return };
                // A message from another version of Redress that this one cannot read is ignored:
                // the other tab's update banner will ask for a reload.
                let Ok(changed) = serde_json::from_str::<Changed>(&text) else { return };
                notify(&name, &changed, Origin::OtherTab);
            });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The channel lives as long as the page, and so does its handler.
        on_message.forget();
    }
    HUBS.with(|hubs| {
        hubs.borrow_mut().push(Hub { name: db_name.to_string(), channel, listeners: Vec::new() })
    });
}

fn notify(db_name: &str, changed: &Changed, origin: Origin) {
    // Copied out first, so a listener may subscribe or announce without a second borrow.
    let listeners: Vec<Listener> = HUBS.with(|hubs| {
        hubs.borrow().iter().filter(|h| h.name == db_name).flat_map(|h| h.listeners.clone()).collect()
    });
    for listener in listeners {
        listener(changed, origin);
    }
}

/// Calls `listener` after every committed write to the database `db_name`, in this tab or in
/// another one. For the life of the page.
pub fn subscribe(db_name: &str, listener: impl Fn(&Changed, Origin) + 'static) {
    ensure_hub(db_name);
    HUBS.with(|hubs| {
        if let Some(hub) = hubs.borrow_mut().iter_mut().find(|h| h.name == db_name) {
            hub.listeners.push(Rc::new(listener));
        }
    });
}

/// Announces a committed write: to this tab's listeners, then to the other tabs.
pub(crate) fn announce(db_name: &str, changed: Changed) {
    ensure_hub(db_name);
    notify(db_name, &changed, Origin::ThisTab);
    let text = serde_json::to_string(&changed).expect("a change always serialises");
    HUBS.with(|hubs| {
        if let Some(channel) =
            hubs.borrow().iter().find(|h| h.name == db_name).and_then(|h| h.channel.as_ref())
        {
            // Posting fails only if the channel was closed, which this module never does; the
            // write itself is committed either way, and the other tabs' saves still check
            // revisions, so nothing can be overwritten.
            if let Err(e) = channel.post_message(&JsValue::from_str(&text)) {
                web_sys::console::warn_2(&"Redress could not tell other tabs about a change".into(), &e);
            }
        }
    });
}
