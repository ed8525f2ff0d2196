//! complaint: the guided complaint — one question per page, each answer saved as it is given,
//! "check your answers", then the result: the triage, the letter and the dated plan.
//!
//! This module is the router: it loads and saves the draft, shows the error summary and the
//! progress, and draws the step the address names (`steps`, one small component each, and
//! `result`). Which steps apply, each one's checks, "Continue", "Back" and where a saved draft
//! resumes are the core's step table, `guided::Step`. Every date shown comes from the engine's
//! assessment; the letter and the plan come from `crate::letters`. The answers live in one draft
//! record, so closing the tab and coming back resumes at the same step.

mod result;
mod steps;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::guided::{Draft, FieldError, Step};
use crate::record::RecordKind;
use crate::settings::{unreadable_notices, Stored};
use crate::store::StoreError;
use crate::ui::browser;
use crate::ui::components::{ErrorBox, ErrorSummary};
use crate::ui::db::{self, unsaved_draft, DRAFT_ID};
use crate::ui::early::Focus;
use crate::ui::route::Route;
use crate::ui::sync::ChangedElsewhere;
pub use result::ComplaintResult;
use steps::StepFields;

/// Loads the guided complaint's result, whose code comes with the resident's part
/// (`ui::routes::complaint_result`, handed in by the route).
pub type ResultLoader = fn(
    RwSignal<Draft>,
    RwSignal<Option<Stored<Draft>>>,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = AnyView>>>;

/// One page of the guided complaint (`/complaint/:step`): the saved answers are read once, then
/// the complaint is drawn from them ([`Guided`]).
#[component]
pub fn Complaint(result: ResultLoader) -> impl IntoView {
    let params = use_params_map();
    let step = Memo::new(move |_| Step::resume(&params.read().get("step").unwrap_or_default()));
    let load = LocalResource::new(db::draft);
    let failed = |message: String| {
        // The first question drawn by the page itself, if it is there, gives way (`ui::early`).
        crate::ui::early::discard();
        view! {
            <Title text="Your complaint" />
            <h1>"Your complaint"</h1>
            <ErrorBox title="Your answers could not be loaded" testid="load-error"><p>{message}</p></ErrorBox>
        }
        .into_any()
    };
    move || match load.get() {
        None => view! {
            <Title text=move || step.get().heading(false).to_string() />
            <p role="status">"Loading your answers…"</p>
        }
        .into_any(),
        Some(Ok(saved)) => view! { <Guided result step saved /> }.into_any(),
        // Kept as it is (nothing is saved over it here); the resident's area can delete it.
        Some(Err(StoreError::Unreadable(unreadable))) => failed(unreadable_notices(&[unreadable]).join(" ")),
        Some(Err(e)) => failed(e.user_message()),
    }
}

/// The guided complaint, from the answers saved when the page opened (`saved`; `None` for a new
/// one).
#[component]
fn Guided(result: ResultLoader, step: Memo<Step>, saved: Option<Stored<Draft>>) -> impl IntoView {
    let draft = RwSignal::new(saved.as_ref().map(|s| s.value.clone()).unwrap_or_default());
    let record: RwSignal<Option<Stored<Draft>>> = RwSignal::new(saved);
    let errors: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());
    let today = browser::today();

    // Every change to the answers is saved as it is made, by one writer at a time (so this tab
    // never conflicts with itself); a failure is shown on every step.
    let saving = StoredValue::new(false);
    let dirty = StoredValue::new(false);
    let save_error = RwSignal::new(None::<String>);
    let persist = move || {
        dirty.set_value(true);
        if saving.get_value() {
            return;
        }
        saving.set_value(true);
        leptos::task::spawn_local(async move {
            while dirty.get_value() {
                dirty.set_value(false);
                let answers = draft.get_untracked();
                let stored = match record.get_untracked() {
                    Some(stored) => stored.with(answers),
                    None => unsaved_draft(answers),
                };
                let result = match db::db().await {
                    Ok(db) => db.write(stored).await,
                    Err(e) => Err(e),
                };
                match result {
                    Ok(saved) => {
                        record.set(Some(saved));
                        save_error.set(None);
                    }
                    Err(e) => {
                        save_error.set(Some(e.user_message()));
                        break;
                    }
                }
            }
            saving.set_value(false);
        });
    };
    Effect::new(move |previous: Option<()>| {
        draft.track();
        // Answers just read back are not saved again: a second tab opening the complaint would
        // otherwise make a new revision of the same answers, and the first tab's next save be
        // refused as though they had been changed.
        let unchanged =
            || record.with_untracked(|r| r.as_ref().is_some_and(|r| draft.with_untracked(|d| *d == r.value)));
        // Nor is a new complaint with nothing answered yet (only the page it is on): opening the
        // first question and leaving is not a complaint in progress.
        let empty = || record.with_untracked(Option::is_none) && draft.with_untracked(Draft::is_unanswered);
        if previous.is_some() && !unchanged() && !empty() {
            persist();
        }
    });
    // Kept in a stored value so the submit handler stays `Copy`.
    let navigate = StoredValue::new_local(use_navigate());
    // A new page: clear old errors, and remember it as the place to resume (also when the user
    // went back).
    Effect::new(move |_| {
        let current = step.get();
        errors.set(Vec::new());
        if draft.with_untracked(|d| d.step != current.id()) {
            draft.update(|d| d.step = current.id().to_string());
        }
    });

    let helping = move || draft.with(|d| d.helping == Some(true));
    let progress = move || draft.with(|d| d.progress(step.get(), today));
    // Back from the first question leaves the guided complaint for the resident's area.
    let previous = move || match draft.with(|d| d.back(step.get(), today)) {
        Some(back) => Route::Complaint { step: back.id().into() }.path(),
        None => Route::ResidentArea.path(),
    };
    // "Continue": the next question, or what stops the answers going on.
    let go_on = move || {
        let current = step.get_untracked();
        match draft.with_untracked(|d| d.next(current, today)) {
            Err(found) => {
                errors.set(found);
                request_animation_frame(|| browser::focus_id("error-summary"));
            }
            Ok(Some(next)) => {
                draft.update(|d| d.step = next.id().to_string());
                navigate.with_value(|go| {
                    go(&Route::Complaint { step: next.id().into() }.path(), Default::default())
                });
            }
            Ok(None) => {}
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        go_on();
    };

    // The first question may have been answered on the page's own copy of it while the app was
    // loading (`ui::early`): the answer is kept and saved, and a "Continue" pressed there goes on
    // now (focus then goes where going on puts it: the next page, or the list of what is
    // missing); otherwise focus stays on the same control. The copy goes before this page's
    // question is drawn, so the two are never in the page together.
    if step.get_untracked() == Step::Who {
        if let Some(early) = crate::ui::early::take() {
            if let Some(helping) = early.helping {
                if draft.with_untracked(|d| d.helping != Some(helping)) {
                    draft.update(|d| d.helping = Some(helping));
                    // Saved here: the saving effect's first run (still to come) saves nothing.
                    persist();
                }
            }
            request_animation_frame(move || match (early.continued, early.focus) {
                (true, _) => go_on(),
                (false, Some(Focus::Control(id))) => browser::focus_id(id),
                (false, Some(Focus::Main)) => browser::focus_main(),
                (false, None) => {}
            });
        }
    }

    view! {
        <Title text=move || step.get().heading(helping()).to_string() />
                <A href=previous attr:class="back-link" attr:data-testid="back-link">"Back"</A>
                <ChangedElsewhere kind=RecordKind::Draft id=DRAFT_ID.to_string()
                    revision=Signal::derive(move || record.with(|r| r.as_ref().map(|r| r.revision)))
                    what="answers" />
                {move || (step.get() != Step::Result).then(|| view! {
                    <p class="muted" data-testid="progress">
                        {move || { let (at, of) = progress(); format!("Question {at} of {of}") }}
                    </p>
                })}
                // Whether the answers are being saved, on every step, until a save succeeds.
                {move || match save_error.get() {
                    Some(message) => view! {
                        <ErrorBox title="Your answers are not being saved" testid="save-error">
                            <p>{message}</p>
                            <p>"What you have typed is still here, on this screen. Redress saves it as soon as it can: after you make room, change an answer or press \"Try to save again\"."</p>
                            <button type="button" class="button secondary" data-testid="save-retry" on:click=move |_| persist()>"Try to save again"</button>
                        </ErrorBox>
                    }.into_any(),
                    None => view! {
                        <p class="muted" role="status" data-testid="save-status">
                            {move || if record.with(Option::is_some) { "Your answers are saved on this device as you go." } else { "" }}
                        </p>
                    }.into_any(),
                }}
                <ErrorSummary id="error-summary" title="There is a problem"
                    problems=Signal::derive(move || errors.get().into_iter().map(|(field, m)| (field.to_string(), m)).collect()) />
                {move || match step.get() {
                    Step::Result => view! { <LoadedResult load=result draft record /> }.into_any(),
                    current => view! {
                        <form on:submit=on_submit novalidate>
                            <StepFields step=current draft errors />
                            <div class="button-row">
                                <button type="submit" class="button" id="continue" data-testid="continue">
                                    {if current == Step::Check { "Continue to your letter" } else { "Continue" }}
                                </button>
                            </div>
                        </form>
                    }.into_any(),
                }}
    }
}

/// The result, whose code comes with the resident's part (`load`): "Working out your dates…"
/// until it has arrived, or a message if it could not be fetched.
#[component]
fn LoadedResult(
    load: ResultLoader,
    draft: RwSignal<Draft>,
    record: RwSignal<Option<Stored<Draft>>>,
) -> impl IntoView {
    // The view arrives once, from a future that is not `Send` (the part's fetch), so it is kept
    // outside the reactive graph and taken when `ready` says it is there. The task runs under
    // this component's owner, as the result needs the router's context, and stops if the user
    // leaves first.
    let part = StoredValue::new_local(None::<AnyView>);
    let (ready, set_ready) = signal(false);
    leptos::task::spawn_local_scoped_with_cancellation(async move {
        part.set_value(Some(load(draft, record).await));
        set_ready.set(true);
    });
    move || match ready.get() {
        true => part.try_update_value(Option::take).flatten(),
        false => Some(view! { <p role="status">"Working out your dates…"</p> }.into_any()),
    }
}
