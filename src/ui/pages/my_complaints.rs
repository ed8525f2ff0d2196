//! my_complaints: the complaints saved on this device, and one complaint's page — where it
//! stands, what to do now, recording what the landlord did (the plan recomputes at once), the
//! letters for the next step, and exporting it as a bundle for a helper or the association.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::bundle;
use crate::calendar::long_date;
use crate::case::Case;
use crate::context::CaseError;
use crate::engine::{
    ActionKind, Assessment, RemedyAnswer, ResidentForm, Status, RESIDENT_ACTIONS, RESIDENT_DECISIONS,
};
use crate::letters;
use crate::record::RecordKind;
use crate::reminders::{self, Side};
use crate::settings::Stored;
use crate::ui::browser;
use crate::ui::casebook::{self, Casebook, Cases};
use crate::ui::components::{
    ChoiceSelect, CompensationPayment, DateInput, DeadlineTable, DeleteConfirm, ErrorBox, LetterActions,
    LetterBody, Reader, SuccessBox, UnreadableNotice,
};
use crate::ui::db::db;
use crate::ui::reminders::RemindersBanner;
use crate::ui::route::Route;
use crate::ui::sync;
use crate::ui::warnings::AssessmentWarnings;

fn status_text(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "Not sent yet",
        Status::WithLandlord => "Waiting for the landlord",
        Status::ResponseGiven => "The landlord has responded",
        Status::ProcessComplete => "The landlord's process is complete",
        Status::Refused => "The landlord refused it",
        Status::EscalationRefused => "The landlord refused the next stage",
        Status::WithOmbudsman => "With the Housing Ombudsman",
        Status::Closed => "Closed",
    }
}

/// The reminders banner for a resident (`reminders::select`), shown by the shell when Redress
/// opens; loaded with this part, which has the engine.
#[component]
pub fn ResidentReminders() -> impl IntoView {
    let loaded = LocalResource::new(|| casebook::load(Cases::All, None));
    move || {
        loaded.get().and_then(Result::ok).map(|book| {
            let today = browser::today();
            let cases: Vec<(Case, Assessment)> = book
                .cases
                .iter()
                .filter_map(|c| book.assess(&c.value).ok().map(|a| (c.value.clone(), a)))
                .collect();
            let selected = reminders::select(
                cases.iter().map(|(c, a)| (c, a, book.calendar_for(c))),
                Side::Resident,
                today,
            );
            let labels: std::collections::HashMap<String, String> = cases
                .iter()
                .map(|(c, _)| (c.id.clone(), format!("{}: {}", c.landlord, c.category)))
                .collect();
            view! {
                <RemindersBanner reminders=selected side=Side::Resident
                    label=Callback::new(move |id: String| labels.get(&id).cloned().unwrap_or(id))
                    href=Callback::new(|id: String| Route::ComplaintPage { id }.path()) />
            }
        })
    }
}

/// The list of saved complaints (`/complaints`).
#[component]
pub fn MyComplaints() -> impl IntoView {
    let cases = LocalResource::new(|| {
        sync::track(&[RecordKind::Case, RecordKind::Setting]);
        casebook::load(Cases::All, None)
    });
    view! {
        <Title text="My complaints" />
        <h1>"My complaints"</h1>
        <p>"Someone sent you a complaint as a file? Open it with " <A href=Route::YourData>"Import, on the Your data page"</A> "; it will then be listed here."</p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || cases.get().map(|result| match result {
                Err(e) => view! { <ErrorBox title="Your complaints could not be loaded"><p>{e.user_message()}</p></ErrorBox> }.into_any(),
                Ok(book) if book.cases.is_empty() && book.unreadable_cases().is_empty() => view! {
                    <UnreadableNotice unreadable=book.unreadable.clone() />
                    <p data-testid="no-complaints">"No complaints are saved on this device yet."</p>
                    <p><A href=Route::ResidentArea>"Start a complaint"</A></p>
                }.into_any(),
                Ok(book) => view! {
                    <UnreadableNotice unreadable=book.unreadable.clone() />
                    <table class="table" data-testid="complaints">
                        <caption class="visually-hidden">"Complaints saved on this device"</caption>
                        <thead><tr><th scope="col">"Complaint"</th><th scope="col">"Where it stands"</th><th scope="col">"Next date"</th></tr></thead>
                        <tbody>
                            {book.cases.iter().map(|Stored { id, value: case, .. }| {
                                let assessment = book.assess(case);
                                let next = assessment.as_ref().ok().zip(book.policy_for(case).ok()).and_then(|(a, policy)| letters::plan(policy, a).into_iter().next()).map(|i| long_date(i.date)).unwrap_or_else(|| "—".into());
                                let status = match &assessment {
                                    Ok(a) => status_text(a.status),
                                    Err(CaseError::PolicyMissing(_)) => "Cannot be worked out: its policy is not on this device",
                                    Err(CaseError::Engine(_)) => "Cannot be worked out",
                                };
                                let who = if case.resident.name.is_empty() { String::new() } else { format!(" ({})", case.resident.name) };
                                view! {
                                    <tr>
                                        <td><A href=Route::ComplaintPage { id: id.clone() }>{format!("{}: {}{who}", case.landlord, case.category)}</A></td>
                                        <td>{status}</td>
                                        <td>{next}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            })}
        </Suspense>
    }
}

/// One complaint (`/complaints/:id`): read with what it is counted with, then drawn from that
/// ([`Shown`]); read again when the user asks for another tab's version.
#[component]
pub fn ComplaintPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let loaded = LocalResource::new(move || casebook::load(Cases::One(id()), None));
    let refresh = Callback::new(move |()| loaded.refetch());
    let failed = |message: Option<String>| {
        view! {
            <Title text="Your complaint" />
            <h1>"Your complaint"</h1>
            <ErrorBox title="This complaint could not be opened" testid="case-error"><p>{message}</p></ErrorBox>
        }
        .into_any()
    };
    move || {
        match loaded.get() {
        None => view! { <Title text="Your complaint" /> }.into_any(),
        Some(Err(e)) => failed(Some(e.user_message())),
        Some(Ok(mut book)) => match book.cases.pop() {
            Some(saved) => view! { <Shown book saved refresh /> }.into_any(),
            // Stored, but it cannot be read: say so (it is kept as it is), not that it is missing.
            None if !book.unreadable_cases().is_empty() => {
                failed(crate::settings::unreadable_notices(&book.unreadable).into_iter().next())
            }
            // No complaint with this id is stored here (an old link, another browser, cleared data).
            None => view! {
                <Title text="Complaint not found" />
                <h1>"This complaint is not on this device"</h1>
                <div data-testid="case-missing">
                    <p class="lead">"Redress keeps each complaint only in the browser where it was saved, and there is no complaint here with this link."</p>
                    <p>"It may have been saved in another browser or on another device, deleted, or cleared with this browser's data. If you or someone helping you downloaded it as a file, you can open that file on Your data."</p>
                    <ul>
                        <li><A href=Route::MyComplaints>"See the complaints saved here (My complaints)"</A></li>
                        <li><A href=Route::YourData>"Open a Redress file (Your data)"</A></li>
                    </ul>
                </div>
            }
            .into_any(),
        },
    }
    }
}

/// One complaint as read (`saved`, counted with `book`); `refresh` reads it again.
#[component]
fn Shown(book: Casebook, saved: Stored<Case>, refresh: Callback<()>) -> impl IntoView {
    let id = saved.id.clone();
    let record: RwSignal<Option<Stored<Case>>> = RwSignal::new(Some(saved));
    let book = StoredValue::new(book);
    // Why the last download did not happen, if it did not.
    let download_error = RwSignal::new(None::<String>);
    let download = move |name: &str, mime: &str, text: &str| {
        download_error.set(browser::download(name, mime, text).err());
    };
    let case = Memo::new(move |_| record.with(|r| r.as_ref().map(|r| r.value.clone())));
    // Kept here, not in the form, because saving re-renders the page with the new dates.
    let outcome: RwSignal<Option<Result<(), String>>> = RwSignal::new(None);

    view! {
        <Title text="Your complaint" />
        <sync::ChangedElsewhere kind=RecordKind::Case id=id
            revision=Signal::derive(move || record.with(|r| r.as_ref().map(|r| r.revision)))
            what="complaint" on_refresh=refresh />
        {move || case.get().map(|case| {
            let book = book.get_value();
            let counted_with = book.rules.counted_with(&case);
            let notice = view! { <UnreadableNotice unreadable=book.unreadable.clone() /> };
            let page = match book.policy_for(&case).cloned().map_err(CaseError::from).and_then(|policy| Ok((policy, book.assess(&case)?))) {
                Err(CaseError::PolicyMissing(missing)) => view! { <h1>"Your complaint"</h1><ErrorBox title="Redress cannot work out this complaint's dates" testid="case-policy-missing"><p>{missing.to_string()}</p></ErrorBox> }.into_any(),
                Err(e) => view! { <h1>"Your complaint"</h1><ErrorBox title="Redress could not work out the dates"><p>{e.to_string()}</p></ErrorBox> }.into_any(),
                Ok((policy, a)) => {
                    let cite_policy = policy.clone();
                    let policy = &policy;
                    let next_letters = letters::next_letters(policy, &case, &a);
                    // The same UIDs as the file the result page offered: the newer file replaces.
                    let ics = letters::plan_ics(policy, &case, &a);
                    view! {
                        <h1>{format!("Your complaint to {}", a.landlord)}</h1>
                        <p class="lead" data-testid="case-status">{status_text(a.status)}{a.current_stage.as_ref().map(|s| format!(" — {}", s.name))}</p>
                        <AssessmentWarnings warnings=a.warnings.clone() reader=Reader::Resident />
                        <h2>"What to do now"</h2>
                        <ul data-testid="resident-next">
                            {a.resident_next.iter().map(|s| view! { <li>{s.what.clone()}{s.by.map(|d| format!(", by {}", long_date(d)))}</li> }).collect_view()}
                            {a.landlord_next.iter().map(|s| view! { <li>{format!("{} should: {}", a.landlord, s.what.to_lowercase())}{s.by.map(|d| format!(", by {}", long_date(d)))}</li> }).collect_view()}
                        </ul>
                        <h2>"The dates"</h2>
                        <DeadlineTable deadlines=a.deadlines.clone() reader=Reader::Resident cite=move |clause: String| cite_policy.citation(&clause) />
                        <p class="muted" data-testid="counted-with">{counted_with}</p>
                        <p class="no-print">
                            <button type="button" class="button secondary" data-testid="download-ics"
                                on:click=move |_| download("complaint-dates.ics", "text/calendar", &ics)>"Add these dates to your calendar (.ics)"</button>
                        </p>
                        <p class="hint">"Each date comes with a reminder the day before and on the day. If you added these dates before, adding them again updates them."</p>
                        <p>{a.ombudsman.plain.clone()}</p>
                        <CompensationPayment policy=policy.clone() />
                        <RecordEvent record case=case.clone() book=book.clone() outcome />
                        {(!next_letters.is_empty()).then(|| view! {
                            <h2>"Letters for the next step"</h2>
                            {next_letters.into_iter().map(|letter| {
                                let (text, html) = (letter.to_text(), letter.to_html());
                                view! {
                                    <details class="panel" data-testid="next-letter">
                                        <summary>{letter.title.clone()}</summary>
                                        <LetterBody letter />
                                        <LetterActions text html file="letter" secondary=true />
                                    </details>
                                }
                            }).collect_view()}
                        })}
                        <h2>"Pass it on"</h2>
                        <p>"Download this complaint as a file to give to someone helping you, or to your housing association. They can open it in Redress."</p>
                        <button type="button" class="button secondary" data-testid="export-case" on:click=move |_| {
                            // With its policy version, if it is not built in, so its dates stay the same.
                            if let Some(r) = record.get_untracked() {
                                let b = book.hand_over(&r);
                                download(&bundle::file_name(browser::today()), "application/json", &b.to_json_pretty());
                            }
                        }>"Download this complaint"</button>
                        {move || download_error.get().map(|m| view! { <ErrorBox title="The download did not work" testid="download-error"><p>{m}</p></ErrorBox> })}
                        <DeleteCase record />
                    }.into_any()
                }
            };
            view! { {notice} {page} }
        })}
    }
}

/// "Record what happened": appends one of the engine's actions a resident records
/// (`engine::RESIDENT_ACTIONS`), checked by the engine before it is saved.
#[component]
fn RecordEvent(
    record: RwSignal<Option<Stored<Case>>>,
    case: Case,
    book: Casebook,
    outcome: RwSignal<Option<Result<(), String>>>,
) -> impl IntoView {
    let form = RwSignal::new(ResidentForm::new(browser::today()));
    let case = StoredValue::new(case);
    let book = StoredValue::new(book);
    let save = Action::new_local(move |_: &()| async move {
        let result = record_event(record, case.get_value(), &book.get_value(), form.get_untracked()).await;
        outcome.set(Some(result));
    });
    let chosen = move |kind: ActionKind| form.with(|f| f.what == Some(kind));
    view! {
        <section class="panel" aria-labelledby="record-heading">
            <h2 id="record-heading">"Record what happened"</h2>
            <form on:submit=move |ev| { ev.prevent_default(); outcome.set(None); save.dispatch(()); }>
                <fieldset class="fieldset">
                    <legend>"What happened?"</legend>
                    {RESIDENT_ACTIONS.into_iter().map(|kind| {
                        let id = format!("event-{}", kind.name());
                        view! {
                            <div class="radio">
                                <input type="radio" name="event" id=id.clone() prop:checked=move || chosen(kind)
                                    on:change=move |_| form.update(|f| f.what = Some(kind)) />
                                <label for=id>{kind.resident_label()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                {move || chosen(ActionKind::Respond).then(|| view! {
                    <div class="field">
                        <label for="event-outcome">"What did they decide?"</label>
                        <select id="event-outcome"
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                if let Some((decision, ..)) = RESIDENT_DECISIONS.into_iter().find(|(_, v, _)| *v == value) {
                                    form.update(|f| f.decision = decision);
                                }
                            }
                            prop:value=move || form.with(|f| RESIDENT_DECISIONS.into_iter().find(|(o, ..)| *o == f.decision).map_or("", |(_, v, _)| v))>
                            {RESIDENT_DECISIONS.into_iter().map(|(_, value, label)| view! { <option value=value>{label}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="event-remedy">"Did you and the landlord agree how to put things right?"</label>
                        <ChoiceSelect id="event-remedy" none="I am not sure, or they did not say" words=RemedyAnswer::resident_label
                            selected=Signal::derive(move || form.with(|f| f.remedy_agreement))
                            on_change=move |answer| form.update(|f| f.remedy_agreement = answer) />
                    </div>
                    {move || form.with(|f| f.remedy_agreement == Some(RemedyAnswer::Agreed)).then(|| view! {
                        <div class="field">
                            <label for="action-deliver-by">"By when did they agree to do it?"</label>
                            <DateInput id="action-deliver-by" value=Signal::derive(move || form.with(|f| f.deliver_by.clone())) on_change=move |v| form.update(|f| f.deliver_by = v) />
                        </div>
                    })}
                })}
                {move || chosen(ActionKind::Extend).then(|| view! {
                    <div class="field">
                        <label for="event-new-due">"The new date they gave"</label>
                        <DateInput id="event-new-due" value=Signal::derive(move || form.with(|f| f.new_due.clone())) on_change=move |v| form.update(|f| f.new_due = v) />
                    </div>
                })}
                <div class="field">
                    <label for="event-note">"What did they say, or anything else to remember? (optional)"</label>
                    <textarea id="event-note" rows="3" prop:value=move || form.with(|f| f.note.clone()) on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.note = v); }></textarea>
                </div>
                <div class="field">
                    <label for="event-date">"When did it happen?"</label>
                    <DateInput id="event-date" value=Signal::derive(move || form.with(|f| f.date.clone())) on_change=move |v| form.update(|f| f.date = v) />
                </div>
                <button type="submit" class="button" data-testid="record-event">"Save and update the dates"</button>
            </form>
            {move || outcome.get().map(|r| match r {
                Ok(()) => view! { <SuccessBox testid="event-saved"><p>"Saved. The dates above are up to date."</p></SuccessBox> }.into_any(),
                Err(m) => view! { <ErrorBox title="That was not saved" testid="event-error"><p>{m}</p></ErrorBox> }.into_any(),
            })}
        </section>
    }
}

/// Appends the event the form records to the case, checked by the engine first, and saves it.
async fn record_event(
    record: RwSignal<Option<Stored<Case>>>,
    case: Case,
    book: &Casebook,
    form: ResidentForm,
) -> Result<(), String> {
    let event = form
        .to_event(browser::today())
        .map_err(|problems| problems.into_iter().map(|p| p.message).collect::<Vec<_>>().join(" "))?;
    // The engine checks the sequence before anything is saved.
    let updated = book.append(&case, event).map_err(|e| e.to_string())?;
    let stored = record.get_untracked().ok_or("This complaint is not loaded.")?;
    let saved = casebook::save(stored.with(updated)).await?;
    record.set(Some(saved));
    Ok(())
}

/// "Delete this complaint", which asks first.
#[component]
fn DeleteCase(record: RwSignal<Option<Stored<Case>>>) -> impl IntoView {
    let asking = RwSignal::new(false);
    let navigate = StoredValue::new_local(leptos_router::hooks::use_navigate());
    let delete = Action::new_local(move |_: &()| async move {
        let rec = record.get_untracked().ok_or("This complaint is not loaded.")?;
        db().await.map_err(|e| e.user_message())?.remove(&rec).await.map_err(|e| e.user_message())?;
        navigate.with_value(|go| go(&Route::MyComplaints.path(), Default::default()));
        Ok::<(), String>(())
    });
    view! {
        <h2>"Delete"</h2>
        <p><button type="button" class="button warning" on:click=move |_| asking.set(true)>"Delete this complaint"</button></p>
        {move || asking.get().then(|| view! {
            <DeleteConfirm testid="delete-case-confirm" yes="Yes, delete this complaint" no="No, keep it"
                on_yes=move |()| { delete.dispatch(()); } on_no=move |()| asking.set(false)>
                <p>"This deletes the complaint and everything recorded about it from this device. It cannot be undone. Download it first if you may need it."</p>
            </DeleteConfirm>
        })}
        {move || delete.value().get().and_then(Result::err).map(|m| view! { <ErrorBox title="The complaint was not deleted"><p>{m}</p></ErrorBox> })}
    }
}
