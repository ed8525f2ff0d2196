//! sync: what other tabs and windows change. The store announces every committed write
//! (`store::changes`, a `BroadcastChannel`); the shell turns another tab's announcements into
//! signals, so a page that shows stored data reads it again at once (its resource calls
//! [`track`]) and a form whose record changed elsewhere says so before its save is refused
//! ([`ChangedElsewhere`]), keeping what was typed.

use leptos::prelude::*;

use crate::record::RecordKind;
use crate::store::changes::{self, Changed, Origin};
use crate::store::DB_NAME;
use crate::ui::browser;
use crate::ui::db::db;

/// Other tabs' changes, as signals. Provided by the shell ([`start`]).
#[derive(Clone, Copy)]
pub struct Elsewhere {
    /// One counter per kind ([`RecordKind::ALL`]'s order), bumped by each change of that kind.
    counters: [RwSignal<u64>; 4],
    /// The last change another tab made.
    last: RwSignal<Option<Changed>>,
}

fn index(kind: RecordKind) -> usize {
    RecordKind::ALL.iter().position(|k| *k == kind).expect("every kind is listed")
}

/// Listens for other tabs' changes for the life of the page, and provides them to every page.
pub fn start() {
    let elsewhere =
        Elsewhere { counters: std::array::from_fn(|_| RwSignal::new(0)), last: RwSignal::new(None) };
    provide_context(elsewhere);
    changes::subscribe(DB_NAME, move |changed, origin| {
        if origin != Origin::OtherTab {
            return;
        }
        for kind in RecordKind::ALL {
            if changed.touches_kind(kind) {
                elsewhere.counters[index(kind)].update(|n| *n += 1);
            }
        }
        elsewhere.last.set(Some(changed.clone()));
    });
}

/// Makes the resource or memo being run track other tabs' changes to records of these kinds,
/// so it runs again when one is saved, imported or deleted elsewhere.
pub fn track(kinds: &[RecordKind]) {
    if let Some(elsewhere) = use_context::<Elsewhere>() {
        for kind in kinds {
            elsewhere.counters[index(*kind)].track();
        }
    }
}

/// What happened elsewhere to the record a form has open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stale {
    Changed,
    Deleted,
}

/// Says at once, in plain words, when another tab or window changes or deletes the record this
/// form has open, so the user knows before pressing Save that it will be refused. What they
/// typed stays: nothing on the form is replaced. `revision` is the revision the form started
/// from (`None` for a record not saved yet); the notice goes once the form holds the stored
/// revision again (after reloading it).
#[component]
pub fn ChangedElsewhere(
    kind: RecordKind,
    #[prop(into)] id: Signal<String>,
    #[prop(into)] revision: Signal<Option<u64>>,
    /// "complaint", "answers", "case", …: what the form holds, for the words.
    what: &'static str,
    /// Shows the latest version in place (clearing what was typed). Without it, the page offers
    /// to reload.
    #[prop(optional)]
    on_refresh: Option<Callback<()>>,
) -> impl IntoView {
    let stale = RwSignal::new(None::<Stale>);
    let Some(elsewhere) = use_context::<Elsewhere>() else { return ().into_any() };
    // A change elsewhere that may touch this record: read its revision now and compare.
    Effect::new(move |_| {
        let Some(changed) = elsewhere.last.get() else { return };
        let id = id.get_untracked();
        if !changed.touches(kind, &id) {
            return;
        }
        leptos::task::spawn_local(async move {
            let stored = match db().await {
                Ok(db) => db.get(kind, &id).await,
                Err(e) => Err(e),
            };
            let mine = revision.get_untracked();
            stale.set(match stored.map(|r| r.map(|r| r.revision)) {
                Ok(stored) if stored == mine => None,
                Ok(None) if mine.is_some() => Some(Stale::Deleted),
                Ok(_) => Some(Stale::Changed),
                // Another tab said it changed this record, and it cannot be read back to compare
                // (the form's own save will say why): take the other tab's word for it.
                Err(_) => Some(Stale::Changed),
            });
        });
    });
    // The form saved or reloaded: it holds a revision it read itself.
    Effect::new(move |previous: Option<Option<u64>>| {
        let now = revision.get();
        if previous.is_some_and(|p| p != now) {
            stale.set(None);
        }
        now
    });
    view! {
        <div role="alert" data-testid="changed-elsewhere-region">
            {move || stale.get().map(|what_happened| {
                let happened = match what_happened {
                    Stale::Changed => "changed",
                    Stale::Deleted => "deleted",
                };
                let (was, this) = if what.ends_with('s') { ("were", "these") } else { ("was", "this") };
                view! {
                    <div class="warning-panel panel" data-testid="changed-elsewhere">
                        <h2>{format!("Your {what} {was} {happened} in another tab or window")}</h2>
                        <p>
                            {format!("Someone (perhaps you) {happened} {this} {what} in another tab or window while {} open here. ", if this == "these" { "they were" } else { "it was" })}
                            "What you typed here is still on this screen, but it has not been saved, and Redress will not save it over the other change."
                        </p>
                        <p>"Copy anything you want to keep, then show the latest version and add it again."</p>
                        <button type="button" class="button secondary" data-testid="show-latest"
                            on:click=move |_| match on_refresh {
                                Some(refresh) => { stale.set(None); refresh.run(()) }
                                None => browser::reload(),
                            }>
                            "Show the latest version"
                        </button>
                    </div>
                }
            })}
        </div>
    }
    .into_any()
}
