//! keeping: helping what Redress keeps last. The first time something is saved in this browser,
//! Redress asks it to keep the data for good (`navigator.storage.persist()`) and says what the
//! answer means; when cases have changed since the last backup and that backup is a week old
//! (or there is none), the shell offers "Download a backup" when Redress opens (the decision is
//! `crate::backup`'s); and where the browser deletes a site's data after days without a visit
//! (Safari, unless Redress is on the Home Screen) it says so and how to avoid it.
//!
//! The few small things this needs to know at once, without opening the database, are kept in
//! the browser's `localStorage` through `gloo-storage`: when the last backup was downloaded,
//! when a case last changed, when the reminder was put aside, and the browser's answer to the
//! request to keep the data. They hold no case data. If `localStorage` is unavailable, Redress
//! still works: it reminds as though no backup had been made.

use chrono::{DateTime, Utc};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use crate::backup::{self, BackupState};
use crate::record::RecordKind;
use crate::store::changes::{self, Changed, Origin};
use crate::store::{self, StoreError, DB_NAME};
use crate::ui::browser;
use crate::ui::db::db;

const LAST_BACKUP: &str = "redress.last-backup";
const CASES_CHANGED: &str = "redress.cases-changed";
const DISMISSED: &str = "redress.backup-dismissed";
/// "granted" or "refused": the browser's answer when Redress first asked to keep the data.
const PERSISTENCE: &str = "redress.persistence";

/// What the browser said when asked to keep Redress's data, in this tab.
#[derive(Clone, Copy)]
pub struct Asked(pub RwSignal<Option<Result<bool, String>>>);

fn time(key: &str) -> Option<DateTime<Utc>> {
    LocalStorage::get::<String>(key).ok().and_then(|t| backup::parse_time(&t))
}

/// Writes a small value. Failing to (storage full, or `localStorage` turned off) costs only a
/// reminder's timing, never data, so it is reported to the console rather than the page.
fn set(key: &str, value: &str) {
    if let Err(e) = LocalStorage::set(key, value) {
        web_sys::console::warn_1(&format!("Redress could not note {key}: {e}").into());
    }
}

/// When the last backup of everything was downloaded in this browser, if ever.
pub fn last_backup() -> Option<DateTime<Utc>> {
    time(LAST_BACKUP)
}

/// Notes that a backup of everything was downloaded now.
pub fn record_backup() {
    set(LAST_BACKUP, &browser::now().to_rfc3339());
}

/// Puts the backup reminder aside for a week.
pub fn dismiss_reminder() {
    set(DISMISSED, &browser::now().to_rfc3339());
}

/// Whether this browser deletes Redress's data after days without a visit.
pub fn clears_unvisited() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let agent = window.navigator().user_agent().unwrap_or_default();
    backup::clears_unvisited_sites(&agent, browser::installed())
}

/// What the backup reminder decides from. Reads the database only when no case change has been
/// noted here (cases stored before Redress noted changes): then any stored case counts as
/// changed before every backup.
async fn backup_state() -> Result<BackupState, StoreError> {
    let mut cases_changed = time(CASES_CHANGED);
    if cases_changed.is_none() {
        let counts = db().await?.counts().await?;
        if counts.iter().any(|(kind, n)| *kind == RecordKind::Case && *n > 0) {
            cases_changed = Some(DateTime::<Utc>::UNIX_EPOCH);
        }
    }
    Ok(BackupState { last_backup: last_backup(), cases_changed, dismissed: time(DISMISSED) })
}

/// Whether to offer a backup now.
pub async fn backup_due() -> bool {
    match backup_state().await {
        Ok(state) => state.remind(browser::now()),
        // The database cannot be read: every page says so already, and there is nothing to
        // download.
        Err(_) => false,
    }
}

/// Watches this tab's saves: notes when cases change, and on the first save in this browser
/// asks it to keep the data. Called once, by the shell.
pub fn start(asked: Asked) {
    changes::subscribe(DB_NAME, move |changed, origin| {
        if origin != Origin::ThisTab {
            return;
        }
        match changed {
            Changed::Everything => LocalStorage::delete(CASES_CHANGED),
            c if c.touches_kind(RecordKind::Case) => set(CASES_CHANGED, &browser::now().to_rfc3339()),
            _ => {}
        }
        let saved = match changed {
            Changed::Records(records) => records.iter().any(|r| r.revision.is_some()),
            Changed::Many(_) => true,
            Changed::Everything => false,
        };
        if saved && LocalStorage::get::<String>(PERSISTENCE).is_err() {
            // Noted before asking, so two saves in a row ask once.
            set(PERSISTENCE, "asking");
            leptos::task::spawn_local(async move {
                let answer = store::request_persistence().await;
                match &answer {
                    Ok(true) => set(PERSISTENCE, "granted"),
                    Ok(false) => set(PERSISTENCE, "refused"),
                    // Asked again next time.
                    Err(_) => LocalStorage::delete(PERSISTENCE),
                }
                asked.0.set(Some(answer.map_err(|e| e.user_message())));
            });
        }
    });
}

/// The words for the browser's answer.
pub fn persistence_words(kept: bool) -> &'static str {
    if kept {
        "Your browser has agreed to keep what you save in Redress until you delete it. It will not clear it to make space."
    } else {
        "Your browser has not promised to keep what you save in Redress. It usually keeps it, but it may delete it if this device runs short of space. Download a backup from Your data now and then, so you always have a copy."
    }
}

/// The words for a browser that deletes data after days without a visit.
pub const CLEARS_UNVISITED: &str = "This browser may delete what Redress keeps if you do not open Redress for 7 days. Safari does this, and so does every browser on an iPhone or iPad. To stop it, add Redress to your Home Screen (in Safari, tap Share, then \"Add to Home Screen\") and open it from there. Download a backup as well, to be safe.";

/// The answer to the first request to keep the data, shown once after that first save, with
/// the warning for browsers that delete data after days without a visit.
#[component]
pub fn PersistenceNotice() -> impl IntoView {
    let Asked(asked) = expect_context::<Asked>();
    let clears = clears_unvisited();
    view! {
        {move || asked.get().map(|answer| {
            let words = match answer {
                Ok(kept) => persistence_words(kept).to_string(),
                Err(message) => format!("Redress asked your browser to keep what you save, but it could not answer: {message}"),
            };
            view! {
                <div class="container keeping-notice" data-testid="persistence-notice">
                    <p>{words}</p>
                    {clears.then(|| view! { <p data-testid="clears-unvisited">{CLEARS_UNVISITED}</p> })}
                    <p><button type="button" class="button secondary" on:click=move |_| asked.set(None)>"OK"</button></p>
                </div>
            }
        })}
    }
}
