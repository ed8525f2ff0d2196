//! setup: the association's name, its policy (built in or an edited, versioned copy), whose bank
//! holidays count, and the people who handle cases.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::data::{self, Books};
use super::{load_failed, AreaNav};
use crate::policy::{self, Policy, Severity};
use crate::record::RecordKind;
use crate::register::setup::{policy_record_id, Setup, SetupForm};
use crate::settings::Stored;
use crate::ui::components::{
    DivisionSelect, ErrorBox, ErrorSummary, SuccessBox, TextArea, TextField, UnreadableNotice,
};
use crate::ui::db::db;
use crate::ui::route::Route;
use crate::ui::sync::ChangedElsewhere;

/// Where a policy departs from the statutory Code, for the association (what to change).
#[component]
pub fn Departures(policy: Policy) -> impl IntoView {
    let list = policy::departures(&policy);
    if list.is_empty() {
        return view! { <p data-testid="departures-none">"This policy matches the statutory Complaint Handling Code on every point Redress checks."</p> }.into_any();
    }
    view! {
        <ul class="departures" data-testid="departures">
            {list.iter().map(|d| view! {
                <li>
                    <strong>{if d.severity == Severity::Major { "Must change: " } else { "Worth checking: " }}</strong>
                    {d.for_association.clone()}
                    <span class="muted">{format!(" (policy: {}; Code: {})", d.policy_clause, d.code_clause)}</span>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn AssociationSetup() -> impl IntoView {
    let books = LocalResource::new(|| data::load(data::Cases::None));
    view! {
        <Title text="Set up the register" />
        <h1>"Set up the register"</h1>
        <AreaNav />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || books.get().map(|r| match r {
                Err(e) => load_failed(e.user_message()),
                Ok(books) => view! { <SetupForm books /> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn SetupForm(books: Books) -> impl IntoView {
    let record: RwSignal<Stored<Setup>> = RwSignal::new(books.setup.clone());
    // What could not be read, said until a save replaces the setup.
    let (unreadable, read_at) = (books.unreadable.clone(), books.setup.revision);
    let initial = SetupForm::from_setup(&books.setup.value);
    let organisation = RwSignal::new(initial.organisation);
    let chosen = RwSignal::new(initial.policy_key);
    let division = RwSignal::new(initial.division);
    let handlers = RwSignal::new(initial.handlers);
    let errors: RwSignal<Vec<(&'static str, String)>> = RwSignal::new(Vec::new());
    let library = StoredValue::new(books.library().clone());
    let form = move || SetupForm {
        organisation: organisation.get(),
        policy_key: chosen.get(),
        division: division.get(),
        handlers: handlers.get(),
    };
    let chosen_policy = move || {
        let key = chosen.get();
        library.with_value(|l| SetupForm { policy_key: key, ..SetupForm::default() }.policy(l).clone())
    };
    let save = Action::new_local(move |setup: &Setup| {
        let setup = setup.clone();
        async move {
            let stored = record.get_untracked().with(setup);
            let saved = db()
                .await
                .map_err(|e| e.user_message())?
                .write(stored)
                .await
                .map_err(|e| e.user_message())?;
            record.set(saved);
            Ok::<(), String>(())
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match library.with_value(|l| untrack(form).to_setup(l)) {
            Ok(setup) => {
                errors.set(Vec::new());
                save.dispatch(setup);
            }
            Err(problems) => {
                errors.set(problems);
                crate::ui::browser::focus_id("setup-errors");
            }
        }
    };
    // The error for a field, while there is one.
    let error = move |id: &'static str| {
        Signal::derive(move || {
            errors.with(|list| list.iter().find(|(f, _)| *f == id).map(|(_, m)| m.clone()))
        })
    };
    view! {
        {move || (record.with(|r| r.revision) == read_at).then(|| view! { <UnreadableNotice unreadable=unreadable.clone() /> })}
        <ChangedElsewhere kind=RecordKind::Setting id=record.with_untracked(|r| r.id.clone())
            revision=Signal::derive(move || record.with(|r| (r.revision > 0).then_some(r.revision))) what="setup" />
        <ErrorSummary id="setup-errors" title="There is a problem"
            problems=Signal::derive(move || errors.get().into_iter().map(|(id, m)| (id.to_string(), m)).collect()) />
        <form on:submit=submit novalidate>
            <TextField id="setup-organisation" label="Your association's name" autocomplete="organization" error=error("setup-organisation")
                value=organisation on_input=move |v| organisation.set(v) />
            <div class="field">
                <label for="setup-policy">"The complaints policy you follow"</label>
                <p class="hint" id="setup-policy-hint">"New cases are opened under this policy and keep its version for good. To change timescales, stages or exclusions, edit a copy."</p>
                <select id="setup-policy" data-testid="setup-policy" aria-describedby="setup-policy-hint"
                    on:change=move |ev| chosen.set(event_target_value(&ev)) prop:value=chosen>
                    {library.with_value(|l| l.choices().into_iter().map(|p| {
                        let key = policy_record_id(p);
                        let label = format!("{} — {} (version {})", p.landlord, p.title, p.version);
                        let selected = chosen.get_untracked() == key;
                        view! { <option value=key selected=selected>{label}</option> }
                    }).collect_view())}
                </select>
            </div>
            <p><A href=move || Route::PolicyEditor { from: Some(chosen.get()) }.path() attr:data-testid="edit-policy">"Edit a copy of this policy"</A></p>
            <details class="panel">
                <summary>"Where this policy departs from the Complaint Handling Code"</summary>
                {move || view! { <Departures policy=chosen_policy() /> }}
            </details>
            <div class="field">
                <label for="setup-division">"Whose bank holidays count"</label>
                <DivisionSelect id="setup-division" division />
            </div>
            <TextArea id="setup-handlers" label="The people who handle cases" hint="One name per line." error=error("setup-handlers") rows=4
                value=handlers on_input=move |v| handlers.set(v) />
            <button type="submit" class="button" data-testid="save-setup">"Save the setup"</button>
        </form>
        {move || save.value().get().map(|r| match r {
            Ok(()) => view! { <SuccessBox testid="setup-saved"><p>"Saved. " <A href=Route::NewEntry>"Log new feedback"</A> " or go to the " <A href=Route::Association>"dashboard"</A> "."</p></SuccessBox> }.into_any(),
            Err(m) => view! { <ErrorBox title="The setup was not saved" testid="setup-error"><p>{m}</p></ErrorBox> }.into_any(),
        })}
    }
}
