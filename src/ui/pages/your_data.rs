//! your_data: what Redress keeps on this device — how much, how much space, whether the browser
//! will keep it — with export, import (preview, then confirm) and "delete everything".

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::Title;
use web_sys::File;

use crate::bundle::{self, ConflictChoice, ImportPreview, Incoming, Scope};
use crate::calendar::{Calendar, Division};
use crate::record::{RawRecord, RecordKind};
use crate::settings::{self, unreadable_notices, Setting, Stored};
use crate::store;
use crate::ui::components::{ChoiceRadios, DeleteConfirm, DivisionSelect, ErrorBox, SuccessBox};
use crate::ui::db::db;
use crate::ui::route::Route;
use crate::ui::{browser, keeping, sync};
use leptos_router::components::A;

/// A bank-holiday file is small (the gov.uk one is about 30 KB); anything over 1 MB is not one.
const MAX_BANK_HOLIDAY_BYTES: f64 = 1024.0 * 1024.0;

#[component]
pub fn YourData() -> impl IntoView {
    // Bumped after anything changes what is stored, so the summary reloads.
    let changed = RwSignal::new(0u32);
    provide_context(LastBackup(RwSignal::new(keeping::last_backup())));
    view! {
        <Title text="Your data" />
        <h1>"Your data"</h1>
        <p class="lead">
            "Redress keeps everything in this browser, on this device. Nothing is sent anywhere. "
            "If you clear your browser's data, or use another device, it will not be there: download a copy to keep it safe."
        </p>
        <StoredSummary changed />
        <Preferences changed />
        <BankHolidayFile changed />
        <ExportData changed />
        <ImportData changed />
        <DeleteEverything changed />
    }
}

/// Counts per kind, space used and persistence.
#[component]
fn StoredSummary(changed: RwSignal<u32>) -> impl IntoView {
    let counts = LocalResource::new(move || {
        changed.track();
        sync::track(&RecordKind::ALL);
        async move { db().await?.counts().await }
    });
    let space = LocalResource::new(move || {
        changed.track();
        sync::track(&RecordKind::ALL);
        store::storage_estimate()
    });
    view! {
        <section aria-labelledby="stored-heading">
            <h2 id="stored-heading">"What is stored on this device"</h2>
            <Suspense fallback=|| view! { <p>"Counting…"</p> }>
                {move || counts.get().map(|result| match result {
                    Ok(counts) => view! {
                        <table class="table" data-testid="stored-counts">
                            <caption class="visually-hidden">"Records stored on this device"</caption>
                            <thead><tr><th scope="col">"What"</th><th scope="col" class="num">"How many"</th></tr></thead>
                            <tbody>
                                {counts.into_iter().map(|(kind, n)| view! {
                                    <tr data-testid=format!("count-{}", kind.store_name())>
                                        <th scope="row">{capitalise(kind.plural())}</th>
                                        <td class="num">{n}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! {
                        <ErrorBox title="Redress cannot read what is stored">
                            <p>{e.user_message()}</p>
                        </ErrorBox>
                    }.into_any(),
                })}
            </Suspense>
            <h3>"Space used"</h3>
            <Suspense fallback=|| view! { <p>"Measuring…"</p> }>
                {move || space.get().map(|result| match result {
                    Ok(Some((usage, quota))) => view! {
                        <p data-testid="space-used">
                            "Redress is using about " {human_bytes(usage)} " of the " {human_bytes(quota)}
                            " this browser allows it."
                        </p>
                    }.into_any(),
                    Ok(None) => view! { <p>"This browser does not say how much space Redress uses."</p> }.into_any(),
                    Err(e) => view! { <p>{e.user_message()}</p> }.into_any(),
                })}
            </Suspense>
            <KeepingYourData />
        </section>
    }
}

/// Whether the browser will keep the data: what it has said (asked without a prompt), a button
/// to ask, the warning for browsers that delete data after days without a visit, and the date
/// of the last backup.
#[component]
fn KeepingYourData() -> impl IntoView {
    let persisted = LocalResource::new(store::persisted);
    let persist = Action::new_local(|_: &()| store::request_persistence());
    let LastBackup(last_backup) = expect_context::<LastBackup>();
    view! {
        <h3>"Keeping your data"</h3>
        <p data-testid="persisted">
            {move || match persisted.get() {
                None => String::new(),
                Some(Ok(Some(true))) => keeping::persistence_words(true).to_string(),
                Some(Ok(Some(false))) => "Your browser has not promised to keep what you save in Redress. It usually keeps it, but it may delete it if this device runs short of space. You can ask it to keep it until you delete it yourself.".to_string(),
                Some(Ok(None)) => "This browser does not say whether it will keep what you save in Redress. Download a backup now and then, so you always have a copy.".to_string(),
                Some(Err(e)) => e.user_message(),
            }}
        </p>
        {move || (!matches!(persisted.get(), Some(Ok(Some(true))))).then(|| view! {
            <button type="button" class="button secondary" data-testid="persist"
                on:click=move |_| { persist.dispatch(()); }>
                "Ask the browser to keep my data"
            </button>
        })}
        {move || persist.value().get().map(|result| match result {
            Ok(true) => view! { <SuccessBox testid="persist-result"><p>{keeping::persistence_words(true)}</p></SuccessBox> }.into_any(),
            Ok(false) => view! {
                <div class="notice" role="status" data-testid="persist-result">
                    <p>"This browser did not agree to keep the data for sure. It usually keeps it anyway, but download a backup now and then to be safe."</p>
                </div>
            }.into_any(),
            Err(e) => view! { <ErrorBox title="The browser could not be asked" testid="persist-result"><p>{e.user_message()}</p></ErrorBox> }.into_any(),
        })}
        {keeping::clears_unvisited().then(|| view! {
            <div class="warning-panel" data-testid="clears-unvisited"><p>{keeping::CLEARS_UNVISITED}</p></div>
        })}
        <p data-testid="last-backup">{move || last_backup_words(last_backup.get())}</p>
    }
}

/// The date of the last backup, kept in step with a download on this page.
#[derive(Clone, Copy)]
struct LastBackup(RwSignal<Option<chrono::DateTime<chrono::Utc>>>);

fn last_backup_words(at: Option<chrono::DateTime<chrono::Utc>>) -> String {
    match at {
        Some(at) => format!(
            "Your last backup from this browser was downloaded on {}.",
            crate::calendar::long_date(at.with_timezone(&chrono::Local).date_naive())
        ),
        None => "You have not downloaded a backup from this browser yet.".to_string(),
    }
}

/// The user's preferences, saved as one settings record with a revision check.
#[component]
fn Preferences(changed: RwSignal<u32>) -> impl IntoView {
    // Read again whenever stored data changes (a save here, an import or "delete everything").
    let load = LocalResource::new(move || async move {
        changed.track();
        db().await?.setting_or_default::<settings::Preferences>().await
    });
    // The record as last read: its revision guards against overwriting another tab's save.
    let read = move || load.get().and_then(Result::ok);
    let save = Action::new_local(move |chosen: &Division| {
        let chosen = settings::Preferences { division: *chosen };
        let stored = match load.get_untracked().and_then(Result::ok) {
            Some(read) => read.stored.with(chosen),
            None => Stored::new(settings::Preferences::ID, chosen),
        };
        async move {
            db().await?.write(stored).await?;
            changed.update(|n| *n += 1);
            Ok::<_, store::StoreError>(chosen.division)
        }
    });
    let on_save = Callback::new(move |division: Division| {
        save.dispatch(division);
    });
    view! {
        <section aria-labelledby="prefs-heading">
            <h2 id="prefs-heading">"Bank holidays"</h2>
            // The saved choice, when it cannot be read: kept as it is until the user saves one.
            {move || read().and_then(|r| r.unreadable).map(|u| view! {
                <ErrorBox title="Your settings could not be read" testid="preferences-unreadable"><p>{unreadable_notices(&[u]).join(" ")}</p></ErrorBox>
            })}
            <sync::ChangedElsewhere kind=RecordKind::Setting id=settings::Preferences::ID.to_string()
                revision=Signal::derive(move || read().map(|r| r.stored.revision))
                what="choice of bank holidays" on_refresh=Callback::new(move |_| changed.update(|n| *n += 1)) />
            // The form waits for the first read: a choice made before it arrived would be replaced by it.
            {move || match load.get() {
                None => view! { <p role="status">"Reading your settings…"</p> }.into_any(),
                Some(Ok(read)) => view! { <PreferencesForm initial=read.stored.value.division on_save /> }.into_any(),
                Some(Err(e)) => view! {
                    <ErrorBox title="Your settings could not be read"><p>{e.user_message()}</p></ErrorBox>
                    <PreferencesForm initial=Division::default() on_save />
                }.into_any(),
            }}
            {move || save.value().get().map(|result| match result {
                Ok(division) => view! { <SuccessBox testid="preferences-saved"><p>"Saved. Deadlines will use the bank holidays of " {division.label()} "."</p></SuccessBox> }.into_any(),
                Err(e) => view! { <ErrorBox title="Your change was not saved" testid="preferences-error"><p>{e.user_message()}</p></ErrorBox> }.into_any(),
            })}
        </section>
    }
}

/// The choice of bank holidays, starting from the one last read.
#[component]
fn PreferencesForm(initial: Division, on_save: Callback<Division>) -> impl IntoView {
    let division = RwSignal::new(initial);
    view! {
        <form on:submit=move |ev| { ev.prevent_default(); on_save.run(division.get_untracked()); }>
            <div class="field">
                <label for="division">"Where do you live?"</label>
                <p class="hint" id="division-hint">"Deadlines skip weekends and the bank holidays of this part of the UK."</p>
                <DivisionSelect id="division" division described_by="division-hint" />
            </div>
            <button type="submit" class="button" data-testid="save-preferences">"Save"</button>
        </form>
    }
}

/// Which years of bank holidays Redress knows, and loading a newer gov.uk file.
#[component]
fn BankHolidayFile(changed: RwSignal<u32>) -> impl IntoView {
    let stored = LocalResource::new(move || async move {
        changed.track();
        db().await?.setting::<settings::BankHolidayFile>().await
    });
    let load = Action::new_local(move |file: &File| {
        let file = file.clone();
        async move {
            if file.size() > MAX_BANK_HOLIDAY_BYTES {
                return Err("This file is too large to be a bank-holiday file (they are about 30 KB). Download it again from gov.uk/bank-holidays.json. Nothing has been changed.".to_string());
            }
            let bytes = browser::read_file(&file).await?;
            let text = String::from_utf8(bytes).map_err(|_| {
                "This file is not text, so it is not a bank-holiday file. Nothing has been changed."
                    .to_string()
            })?;
            let file = settings::BankHolidayFile::from_text(&text)
                .map_err(|e| format!("{e} Nothing has been changed."))?;
            let (from, to) = file.covers;
            let db = db().await.map_err(|e| e.user_message())?;
            let stored = db.setting_to_replace(file).await.map_err(|e| e.user_message())?;
            db.write(stored).await.map_err(|e| e.user_message())?;
            changed.update(|n| *n += 1);
            Ok((from, to))
        }
    });
    let builtin = Calendar::builtin(Division::EnglandAndWales).coverage();
    view! {
        <section aria-labelledby="holidays-heading">
            <h2 id="holidays-heading">"Bank-holiday dates"</h2>
            <p data-testid="holiday-coverage">
                {move || match stored.get() {
                    Some(Ok(Some(stored))) => {
                        let (from, to) = stored.value.covers;
                        format!("Redress knows the bank holidays from {from} to {to}, from the file you loaded.")
                    }
                    // The file as saved cannot be read: said so (`StoreError::Unreadable`'s words).
                    Some(Err(e)) => e.user_message(),
                    _ => format!("Redress knows the bank holidays from {} to {} (built in).", builtin.0, builtin.1),
                }}
            </p>
            <div class="field">
                <label for="holiday-file">"Load a newer bank-holiday file"</label>
                <p class="hint" id="holiday-file-hint">"Download it from gov.uk/bank-holidays.json, then choose it here. Deadlines after the last year Redress knows are marked as unchecked until you do."</p>
                <input type="file" id="holiday-file" accept=".json,application/json" aria-describedby="holiday-file-hint" data-testid="holiday-file"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        if let Some(file) = input.files().and_then(|files| files.get(0)) {
                            load.dispatch(file);
                        }
                        input.set_value("");
                    } />
            </div>
            {move || load.value().get().map(|result| match result {
                Ok((from, to)) => view! { <SuccessBox testid="holiday-loaded"><p>"Loaded. Redress now knows the bank holidays from " {from} " to " {to} "."</p></SuccessBox> }.into_any(),
                Err(message) => view! { <ErrorBox title="That file was not loaded" testid="holiday-error"><p>{message}</p></ErrorBox> }.into_any(),
            })}
        </section>
    }
}

/// What a download of everything did.
#[derive(Clone)]
struct Exported {
    name: String,
    count: usize,
    /// Records that could not be read, so are not in the file.
    left_out: Vec<store::Unreadable>,
    /// The file's size in bytes.
    bytes: usize,
}

/// Downloads everything as one bundle, and notes the backup (for the reminder and Your data).
async fn export_everything() -> Result<Exported, String> {
    let everything = db().await.map_err(|e| e.user_message())?.all().await.map_err(|e| e.user_message())?;
    let count = everything.records.len();
    let bundle = bundle::export(everything.records, Scope::Everything, &browser::now_rfc3339());
    let name = bundle::file_name(browser::today());
    let text = bundle.to_json_pretty();
    browser::download(&name, "application/json", &text)?;
    keeping::record_backup();
    Ok(Exported { name, count, left_out: everything.unreadable, bytes: text.len() })
}

/// The banner the shell shows when a backup is due (`keeping::backup_due`): "Download a backup"
/// (the same file as "Download all my data"), or "Not now", which puts it aside for a week.
/// Loaded with this page's part of the app, so the shell carries none of the export's code.
#[component]
pub fn BackupReminder() -> impl IntoView {
    let hidden = RwSignal::new(false);
    let export = Action::new_local(|_: &()| export_everything());
    view! {
        <Show when=move || !hidden.get()>
            <div class="container keeping-notice" data-testid="backup-reminder">
                {move || match export.value().get() {
                    Some(Ok(Exported { name, count, left_out, .. })) => view! {
                        <p data-testid="backup-done">"Downloaded " {name.clone()} " with " {records(count)} ". Keep it somewhere safe, away from this device."</p>
                        {(!left_out.is_empty()).then(|| view! {
                            <p>{format!("{} could not be read, so {} not in the file: see ", records(left_out.len()), if left_out.len() == 1 { "it is" } else { "they are" })}<A href=Route::YourData>"Your data"</A>"."</p>
                        })}
                        <p><button type="button" class="button secondary" on:click=move |_| hidden.set(true)>"OK"</button></p>
                    }.into_any(),
                    other => view! {
                        <p>"Your complaints have changed since your last backup. Redress keeps them only in this browser, so download a copy and keep it somewhere safe."</p>
                        {other.and_then(Result::err).map(|m| view! {
                            <ErrorBox title="The download did not work" testid="backup-error"><p>{m}</p></ErrorBox>
                        })}
                        <div class="button-row">
                            <button type="button" class="button" data-testid="backup-download" on:click=move |_| { export.dispatch(()); }>"Download a backup"</button>
                            <button type="button" class="button secondary" data-testid="backup-dismiss"
                                on:click=move |_| { keeping::dismiss_reminder(); hidden.set(true); }>"Not now"</button>
                        </div>
                    }.into_any(),
                }}
            </div>
        </Show>
    }
}

/// Download everything as one bundle. A stored record that cannot be read is left out and
/// named, so one damaged record never stops the rest being saved.
#[component]
fn ExportData(changed: RwSignal<u32>) -> impl IntoView {
    let last_backup = use_context::<LastBackup>();
    let export = Action::new_local(move |_: &()| async move {
        let exported = export_everything().await;
        if exported.is_ok() {
            if let Some(LastBackup(at)) = last_backup {
                at.set(keeping::last_backup());
            }
        }
        exported
    });
    // Removing a record that cannot be read, once the user has its copy of everything else.
    let remove = Action::new_local(move |bad: &store::Unreadable| {
        let bad = bad.clone();
        async move {
            let revision = bad.revision.ok_or_else(|| "Redress cannot tell which version of it is stored, so it was not removed. Use \"Delete everything\" below once you have your copy.".to_string())?;
            db().await
                .map_err(|e| e.user_message())?
                .delete(bad.kind, &bad.id, revision)
                .await
                .map_err(|e| e.user_message())?;
            changed.update(|n| *n += 1);
            Ok::<_, String>(bad.id)
        }
    });
    view! {
        <section aria-labelledby="export-heading">
            <h2 id="export-heading">"Download a copy"</h2>
            <p>"Download everything Redress keeps here as one file. You can keep it safe, or give it to an adviser or your landlord's complaints team, who can open it in Redress."</p>
            <button type="button" class="button" data-testid="export" on:click=move |_| { export.dispatch(()); }>
                "Download all my data"
            </button>
            {move || export.value().get().map(|result| match result {
                Ok(Exported { name, count, left_out, bytes }) => view! {
                    <SuccessBox testid="export-done"><p>"Downloaded " {name} " with " {records(count)} "."</p></SuccessBox>
                    {(bytes as u64 > bundle::MAX_BYTES).then(|| view! {
                        <div class="notice" role="status" data-testid="export-too-large">
                            <p>{format!(
                                "This file is {} MB, more than the {} MB Redress can open, so keep it as a copy. To hand work to someone else, download single complaints from their own pages.",
                                bytes / (1024 * 1024), bundle::MAX_BYTES / (1024 * 1024)
                            )}</p>
                        </div>
                    })}
                    {(!left_out.is_empty()).then(|| view! { <LeftOut left_out remove /> })}
                }.into_any(),
                Err(m) => view! { <ErrorBox title="The download did not work" testid="export-error"><p>{m}</p></ErrorBox> }.into_any(),
            })}
            {move || remove.value().get().map(|result| match result {
                Ok(id) => view! { <SuccessBox testid="unreadable-removed"><p>"Removed \"" {id} "\" from this device."</p></SuccessBox> }.into_any(),
                Err(m) => view! { <ErrorBox title="It was not removed" testid="unreadable-remove-error"><p>{m}</p></ErrorBox> }.into_any(),
            })}
        </section>
    }
}

/// The records a download left out because they cannot be read, each with a way to remove it.
#[component]
fn LeftOut(
    left_out: Vec<store::Unreadable>,
    remove: Action<store::Unreadable, Result<String, String>>,
) -> impl IntoView {
    let n = left_out.len();
    view! {
        <div class="warning-panel" role="alert" data-testid="export-left-out">
            <h3>{if n == 1 { "1 record could not be read, so it is not in the file".to_string() } else { format!("{n} records could not be read, so they are not in the file") }}</h3>
            <p>"Everything else is in the file. What is listed here is still on this device, but Redress cannot open it: it may have been damaged, or it came from a file Redress would now refuse."</p>
            <ul>
                {left_out.into_iter().map(|bad| {
                    let label = format!("{} \"{}\"", capitalise(bad.kind.singular()), bad.id);
                    let button_label = format!("Remove {label} from this device");
                    view! {
                        <li data-testid="left-out-record">
                            {label} " "
                            <button type="button" class="button secondary" aria-label=button_label
                                on:click=move |_| { remove.dispatch(bad.clone()); }>"Remove it"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p>"Removing it cannot be undone; keep the file you just downloaded first."</p>
        </div>
    }
}

/// "1 record", "3 records".
fn records(n: usize) -> String {
    if n == 1 {
        "1 record".to_string()
    } else {
        format!("{n} records")
    }
}

/// Where an import has got to.
#[derive(Clone)]
enum ImportStep {
    Idle,
    Reading,
    /// The file cannot be imported; nothing was written.
    Refused {
        file: String,
        message: String,
    },
    /// Valid: waiting for the user to confirm.
    Preview {
        file: String,
        bundle: Arc<Incoming>,
        existing: Arc<Vec<RawRecord>>,
        /// Stored records that cannot be read (the file's versions may replace them).
        damaged: Arc<Vec<bundle::Damaged>>,
        preview: Arc<ImportPreview>,
    },
    Done {
        written: usize,
        renamed: usize,
    },
    /// Writing failed; the transaction rolled back, so nothing changed.
    Failed {
        message: String,
    },
}

/// Import a bundle: choose or drop a file, see what it holds, then confirm.
/// Opening a bundle. `opened` (if given) receives the records saved, after the import.
#[component]
pub(crate) fn ImportData(
    changed: RwSignal<u32>,
    #[prop(optional)] opened: Option<Callback<Vec<RawRecord>>>,
) -> impl IntoView {
    let step = RwSignal::new(ImportStep::Idle);
    let choice = RwSignal::new(ConflictChoice::KeepMine);
    let dragging = RwSignal::new(false);
    // The validated records waiting for confirmation, kept outside the reactive step so they are
    // moved into the write rather than copied.
    let pending: StoredValue<Option<Vec<RawRecord>>> = StoredValue::new(None);

    let read = Action::new_local(move |file: &File| {
        let file = file.clone();
        async move {
            step.set(ImportStep::Reading);
            pending.set_value(None);
            let name = file.name();
            if file.size() > bundle::MAX_BYTES as f64 {
                let e = bundle::BundleError::too_large(file.size() as u64);
                step.set(ImportStep::Refused { file: name, message: e.to_string() });
                return;
            }
            let bytes = match browser::read_file(&file).await {
                Ok(b) => b,
                Err(message) => {
                    return step.set(ImportStep::Refused {
                        file: name,
                        message: format!("{message} Nothing has been changed."),
                    })
                }
            };
            let unverified = match bundle::parse_unverified(&bytes) {
                Ok(u) => u,
                Err(e) => return step.set(ImportStep::Refused { file: name, message: e.to_string() }),
            };
            drop(bytes);
            let digest = match browser::sha256(unverified.canonical_records()).await {
                Some(digest) => digest,
                None => bundle::sha256(unverified.canonical_records()),
            };
            let mut parsed = match unverified.verify(&digest) {
                Ok(b) => b,
                Err(e) => return step.set(ImportStep::Refused { file: name, message: e.to_string() }),
            };
            let existing = match db().await {
                Ok(db) => db.all().await,
                Err(e) => Err(e),
            };
            match existing {
                Ok(everything) => {
                    // As text once, so the preview and the write compare it with the file's.
                    let existing: Vec<RawRecord> =
                        everything.records.iter().map(RawRecord::from_record).collect();
                    let damaged: Vec<bundle::Damaged> = everything
                        .unreadable
                        .into_iter()
                        .filter_map(|u| {
                            Some(bundle::Damaged { kind: u.kind, id: u.id, revision: u.revision? })
                        })
                        .collect();
                    let preview = bundle::preview(&parsed.records, &existing, &damaged);
                    choice.set(ConflictChoice::KeepMine);
                    pending.set_value(Some(std::mem::take(&mut parsed.records)));
                    step.set(ImportStep::Preview {
                        file: name,
                        bundle: Arc::new(parsed),
                        existing: Arc::new(existing),
                        damaged: Arc::new(damaged),
                        preview: Arc::new(preview),
                    });
                }
                Err(e) => step.set(ImportStep::Failed { message: e.user_message() }),
            }
        }
    });

    let confirm = Action::new_local(move |_: &()| async move {
        let ImportStep::Preview { existing, damaged, .. } = step.get_untracked() else { return };
        let Some(records) = pending.try_update_value(Option::take).flatten() else { return };
        let plan = bundle::plan(records, &existing, &damaged, choice.get_untracked());
        let renamed = plan.renamed.len();
        let result = match db().await {
            Ok(db) => db.write_all(plan.records).await,
            Err(e) => Err(e),
        };
        match result {
            Ok(saved) => {
                let written = saved.len();
                step.set(ImportStep::Done { written, renamed });
                changed.update(|n| *n += 1);
                match opened {
                    Some(opened) => opened.run(saved),
                    // Freeing ten thousand records takes a noticeable moment: do it once the
                    // page has shown the result, not before.
                    None => browser::after_next_paint(move || drop(saved)),
                }
            }
            Err(e) => step.set(ImportStep::Failed { message: e.import_message() }),
        }
    });

    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            read.dispatch(file);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|dt| dt.files()).and_then(|files| files.get(0)) {
            read.dispatch(file);
        }
    };

    view! {
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">"Open a Redress file"</h2>
            <p>"Open a file downloaded from Redress, by you or by someone passing a complaint to you. You will see what it holds before anything is saved."</p>
            <div class="drop-zone" class:dragging=move || dragging.get() data-testid="drop-zone"
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                <label for="import-file" class="field-label">"Choose a file"</label>
                <p class="hint" id="import-hint">"A .json file from Redress, up to " {bundle::MAX_BYTES / (1024 * 1024)} " MB. You can also drag it here."</p>
                <input type="file" id="import-file" accept=".json,application/json" aria-describedby="import-hint"
                    data-testid="import-file" on:change=on_pick />
            </div>
            {move || match step.get() {
                ImportStep::Idle => ().into_any(),
                ImportStep::Reading => view! { <p role="status">"Checking the file…"</p> }.into_any(),
                // Every refusal's message ends by saying that nothing has been changed.
                ImportStep::Refused { file, message } => view! {
                    <ErrorBox title=format!("{file} cannot be opened") testid="import-error">
                        <p>{message}</p>
                    </ErrorBox>
                }.into_any(),
                ImportStep::Failed { message } => view! {
                    <ErrorBox title="The import did not happen" testid="import-error">
                        <p>{message}</p>
                        <p>"Nothing has been changed."</p>
                    </ErrorBox>
                }.into_any(),
                ImportStep::Done { written, renamed } => view! {
                    <SuccessBox testid="import-done">
                        <p>{imported_message(written, renamed)}</p>
                    </SuccessBox>
                }.into_any(),
                ImportStep::Preview { file, bundle, preview, .. } => view! {
                    <ImportPreviewPanel file bundle preview choice
                        on_confirm=Callback::new(move |_| { confirm.dispatch(()); })
                        on_cancel=Callback::new(move |_| step.set(ImportStep::Idle)) />
                }.into_any(),
            }}
        </section>
    }
}

/// "Imported. 3 records were saved." and how many of them are copies, in plain English.
fn imported_message(written: usize, renamed: usize) -> String {
    let saved = match written {
        // Every record in the file was already here, and the user kept their own versions.
        0 => return "Nothing was imported: you kept your own versions.".to_string(),
        1 => "1 record was saved.".to_string(),
        n => format!("{n} records were saved."),
    };
    let copies = match renamed {
        0 => String::new(),
        1 => " 1 of them was saved as a copy beside yours.".to_string(),
        n => format!(" {n} of them were saved as copies beside yours."),
    };
    format!("Imported. {saved}{copies}")
}

#[component]
fn ImportPreviewPanel(
    file: String,
    bundle: Arc<Incoming>,
    preview: Arc<ImportPreview>,
    choice: RwSignal<ConflictChoice>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let differing = preview.differing.len();
    let damaged = preview.damaged.len();
    let nothing_to_do = preview.new == 0 && differing == 0;
    let exported = match bundle.exported_on() {
        Some(date) => {
            format!("Exported on {} by Redress {}.", crate::calendar::long_date(date), bundle.app_version)
        }
        None => format!("Exported by Redress {}.", bundle.app_version),
    };
    view! {
        <div class="panel" data-testid="import-preview" role="region" aria-labelledby="preview-heading">
            <h3 id="preview-heading">"What " {file.clone()} " holds"</h3>
            <p data-testid="preview-exported">{exported}</p>
            <dl class="summary-list">
                <div><dt>"Records in the file"</dt><dd data-testid="preview-total">{preview.total}</dd></div>
                <div><dt>"New to this device"</dt><dd data-testid="preview-new">{preview.new}</dd></div>
                <div><dt>"Already here, identical"</dt><dd data-testid="preview-identical">{preview.identical}</dd></div>
                <div><dt>"Already here, but different"</dt><dd data-testid="preview-differing">{differing}</dd></div>
            </dl>
            {(differing > 0).then(|| view! {
                <ChoiceRadios<ConflictChoice> name="conflict" legend="Some records in the file differ from yours. What should happen to them?"
                    selected=Signal::derive(move || Some(choice.get())) on_change=move |c: ConflictChoice| choice.set(c) />
            })}
            {(damaged > 0).then(|| view! {
                <p data-testid="preview-damaged">{if damaged == 1 {
                    "1 of them cannot be read on this device (it may be damaged). Replacing yours with the file's version repairs it.".to_string()
                } else {
                    format!("{damaged} of them cannot be read on this device (they may be damaged). Replacing yours with the file's versions repairs them.")
                }}</p>
            })}
            {if nothing_to_do {
                view! {
                    <p>"Everything in this file is already here. There is nothing to import."</p>
                    <button type="button" class="button secondary" on:click=move |_| on_cancel.run(())>"Close"</button>
                }.into_any()
            } else {
                view! {
                    <div class="button-row">
                        <button type="button" class="button" data-testid="confirm-import" on:click=move |_| on_confirm.run(())>"Import"</button>
                        <button type="button" class="button secondary" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                    </div>
                }.into_any()
            }}
        </div>
    }
}

/// Delete every record, after the user confirms.
#[component]
fn DeleteEverything(changed: RwSignal<u32>) -> impl IntoView {
    let asking = RwSignal::new(false);
    let delete = Action::new_local(move |_: &()| async move {
        let result = match db().await {
            Ok(db) => db.clear_everything().await,
            Err(e) => Err(e),
        };
        asking.set(false);
        changed.update(|n| *n += 1);
        result
    });
    view! {
        <section aria-labelledby="delete-heading">
            <h2 id="delete-heading">"Delete everything"</h2>
            <p>"Remove all your complaints, unfinished answers and settings from this device. Download a copy first if you may need them."</p>
            <Show when=move || asking.get() fallback=move || view! {
                <button type="button" class="button warning" data-testid="delete-everything"
                    on:click=move |_| { asking.set(true); browser::focus_id("delete-confirm-heading"); }>
                    "Delete everything"
                </button>
            }>
                <DeleteConfirm testid="delete-confirm" heading=("delete-confirm-heading", "Are you sure?")
                    yes="Yes, delete everything" yes_testid="delete-confirm-yes" no="No, keep it"
                    on_yes=move |()| { delete.dispatch(()); } on_no=move |()| asking.set(false)>
                    <p>"Everything Redress keeps on this device will be deleted. This cannot be undone."</p>
                </DeleteConfirm>
            </Show>
            {move || delete.value().get().map(|result| match result {
                Ok(()) => view! { <SuccessBox testid="delete-done"><p>"Everything has been deleted from this device."</p></SuccessBox> }.into_any(),
                Err(e) => view! { <ErrorBox title="Nothing was deleted" testid="delete-error"><p>{e.user_message()}</p></ErrorBox> }.into_any(),
            })}
        </section>
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn human_bytes(bytes: f64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut value = bytes;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{} {}", value as u64, UNITS[0])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
