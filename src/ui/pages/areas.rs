//! areas: the landing pages of the three kinds of user. They say honestly what is here now and
//! what is coming, and (for a resident) what reminders Redress can and cannot give.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::guided::Step;
use crate::record::RecordKind;
use crate::settings::unreadable_notices;
use crate::store::StoreError;
use crate::ui::components::{DeleteConfirm, ErrorBox};
use crate::ui::db;
use crate::ui::route::Route;
use crate::ui::sync;

#[component]
pub fn ResidentArea() -> impl IntoView {
    view! {
        <Title text="Complain about your landlord" />
        <h1>"Complain about your landlord"</h1>
        <p class="lead">"Redress guides you through your complaint one question at a time, then writes your letter and tells you the dates your landlord must answer by."</p>
        <StartOrContinue />
        <p><A href=Route::MyComplaints>"See the complaints you have saved"</A></p>
        <section class="notice" aria-labelledby="reminders-about" data-testid="reminders-about">
            <h2 id="reminders-about">"Reminders"</h2>
            <p>"Each time you open Redress, it lists anything overdue and anything due in the next two working days, with a link to the complaint."</p>
            <p>"Redress cannot remind you while it is closed. To be reminded anyway, add your complaint's dates to your own calendar: each complaint's page has \"Add these dates to your calendar\". Your calendar then reminds you the day before each date and on the day."</p>
            <p>"If you add Redress to your Home Screen, it can also show its reminders as a notification when you open it, if you allow it."</p>
        </section>
    }
}

#[component]
pub fn HelperArea() -> impl IntoView {
    view! {
        <Title text="Help someone complain" />
        <h1>"Help someone complain"</h1>
        <p class="lead">"Redress helps you make a complaint on someone else's behalf: it says what permission the landlord's policy needs and writes the letter for them."</p>
        <StartOrContinue />
        <p><A href=Route::MyComplaints>"See the complaints you have saved"</A></p>
        <ComingSoon>
            <li>"work on several people's complaints at once, each with its own answers in progress"</li>
        </ComingSoon>
    }
}

/// "Start a complaint", or, if one is in progress, "Continue" and "Start again" (which asks first).
#[component]
fn StartOrContinue() -> impl IntoView {
    let changed = RwSignal::new(0u32);
    let draft = LocalResource::new(move || {
        changed.track();
        sync::track(&[RecordKind::Draft]);
        db::draft()
    });
    let confirming = RwSignal::new(false);
    let discard = Action::new_local(move |revision: &Option<u64>| {
        let revision = *revision;
        async move {
            let result = db::discard_draft(revision).await;
            confirming.set(false);
            changed.update(|n| *n += 1);
            result
        }
    });
    // "Start again" asks first, then deletes the saved answers at `revision`.
    let confirm = move |revision: Option<u64>| {
        move || {
            confirming.get().then(|| view! {
            <DeleteConfirm testid="start-again-confirm" yes="Yes, delete my answers" no="No, keep them"
                on_yes=move |()| { discard.dispatch(revision); } on_no=move |()| confirming.set(false)>
                <p>"Starting again deletes the answers you have given so far. This cannot be undone."</p>
            </DeleteConfirm>
        })
        }
    };
    view! {
        <Suspense fallback=|| view! { <p>"Checking for a complaint in progress…"</p> }>
            {move || draft.get().map(|result| match result {
                Ok(Some(record)) => {
                    let step = Step::resume(&record.value.step).id().to_string();
                    let revision = Some(record.revision);
                    view! {
                        <div class="panel" data-testid="in-progress">
                            <p>"You have a complaint in progress on this device. Your answers are saved."</p>
                            <div class="button-row">
                                <A href=Route::Complaint { step } attr:class="button" attr:data-testid="continue-complaint">"Continue where you left off"</A>
                                <button type="button" class="button secondary" on:click=move |_| confirming.set(true)>"Start again"</button>
                            </div>
                            {confirm(revision)}
                        </div>
                    }.into_any()
                }
                // Saved, but not readable: said so, kept as it is until the resident starts again.
                Err(StoreError::Unreadable(unreadable)) => {
                    let revision = unreadable.revision;
                    view! {
                        <ErrorBox title="Your complaint in progress could not be read" testid="in-progress-unreadable">
                            {unreadable_notices(&[unreadable]).into_iter().map(|n| view! { <p>{n}</p> }).collect_view()}
                            <div class="button-row">
                                <button type="button" class="button secondary" on:click=move |_| confirming.set(true)>"Start again"</button>
                            </div>
                            {confirm(revision)}
                        </ErrorBox>
                    }.into_any()
                }
                Ok(None) => view! {
                    <p><A href=Route::complaint_start() attr:class="button" attr:data-testid="start-complaint">"Start your complaint"</A></p>
                }.into_any(),
                Err(e) => view! { <ErrorBox title="Your saved answers could not be checked"><p>{e.user_message()}</p></ErrorBox> }.into_any(),
            })}
            {move || discard.value().get().and_then(Result::err).map(|m| view! { <ErrorBox title="Your answers were not deleted"><p>{m}</p></ErrorBox> })}
        </Suspense>
    }
}

/// The honest "not yet" panel shared by the three areas.
#[component]
fn ComingSoon(children: Children) -> impl IntoView {
    view! {
        <div class="notice" data-testid="coming-soon">
            <h2>"Coming soon"</h2>
            <p>"This part of Redress is being built. When it is ready, it will:"</p>
            <ul>{children()}</ul>
            <p>
                "You can already move your data between devices or people from "
                <A href=Route::YourData>"Your data"</A>"."
            </p>
        </div>
    }
}
