//! new_entry: log new feedback — a complaint, service request, compliment, comment or MP or
//! councillor enquiry — with its channel, category, parties, representative and authority, and
//! reasonable adjustments. Checked field by field; saved as a case under the association's policy.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::data::{self, Books};
use super::{load_failed, AreaNav};
use crate::case::{Adjustment, Case, Channel, ContactMethod, FeedbackKind, RepresentativeRole};
use crate::register::entry::{Entry, CATEGORIES};
use crate::ui::browser;
use crate::ui::casebook;
use crate::ui::components::{ChoiceRadios, ChoiceSelect, DateField, ErrorSummary, TextArea, TextField};
use crate::ui::route::Route;

#[component]
pub fn NewEntry() -> impl IntoView {
    let books = LocalResource::new(|| data::load(data::Cases::None));
    view! {
        <Title text="Log new feedback" />
        <h1>"Log new feedback"</h1>
        <AreaNav />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || books.get().map(|r| match r {
                Err(e) => load_failed(e.user_message()),
                Ok(books) if !books.setup.value.is_ready() => view! {
                    <div class="notice" data-testid="needs-setup"><p>"Set up the register first: your association's name and policy."</p>
                    <p><A href=Route::AssociationSetup>"Set up the register"</A></p></div>
                }.into_any(),
                Ok(books) => view! { <EntryForm books /> }.into_any(),
            })}
        </Suspense>
    }
}

const ROLES: [(RepresentativeRole, &str); 8] = [
    (RepresentativeRole::FamilyMember, "A family member"),
    (RepresentativeRole::Friend, "A friend"),
    (RepresentativeRole::Advocate, "An advocate"),
    (RepresentativeRole::AdviceAgency, "An advice agency"),
    (RepresentativeRole::Councillor, "A councillor"),
    (RepresentativeRole::Mp, "An MP"),
    (RepresentativeRole::Solicitor, "A solicitor"),
    (RepresentativeRole::Other, "Someone else"),
];

/// Each adjustment offered, with the code its checkbox's id is made from and its label.
const ADJUSTMENTS: [(Adjustment, &str, &str); 5] = [
    (Adjustment::LargePrint, "large_print", "Letters in large print"),
    (
        Adjustment::PhoneCallsInsteadOfLetters,
        "phone_calls_instead_of_letters",
        "Phone calls instead of letters",
    ),
    (Adjustment::EmailInsteadOfLetters, "email_instead_of_letters", "Email instead of letters"),
    (Adjustment::SomeoneToSpeakForMe, "someone_to_speak_for_me", "Someone to speak for them"),
    (Adjustment::MoreTimeToReply, "more_time_to_reply", "More time to reply"),
];

#[component]
fn EntryForm(books: Books) -> impl IntoView {
    let entry = RwSignal::new(Entry {
        received: browser::today().to_string(),
        handler: books.setup.value.handlers.first().cloned().unwrap_or_default(),
        ..Entry::default()
    });
    let problems: RwSignal<Vec<(&'static str, String)>> = RwSignal::new(Vec::new());
    let policy = StoredValue::new(books.current_policy().clone());
    let books = StoredValue::new(books);
    let navigate = StoredValue::new_local(use_navigate());
    let save_error = RwSignal::new(None::<String>);
    let save = Action::new_local(move |_: &()| async move {
        let today = browser::today();
        let e = entry.get_untracked();
        // A received date that is not one is refused by `to_case` below, so its id is not used.
        let id =
            e.received.trim().parse().map(|day| Case::new_id(day, browser::random_u32())).unwrap_or_default();
        let case = match policy
            .with_value(|p| e.to_case(&id, p, books.with_value(|b| b.setup.value.division), today))
        {
            Ok(case) => case,
            Err(list) => {
                problems.set(list);
                browser::focus_id("entry-errors");
                return;
            }
        };
        // The engine must accept it before it is saved.
        if let Err(err) = books.with_value(|b| b.rules.assess(&case, today)) {
            save_error.set(Some(err.to_string()));
            return;
        }
        match casebook::create(case).await {
            Ok(_) => navigate.with_value(|go| go(&Route::AssociationCase { id }.path(), Default::default())),
            Err(m) => save_error.set(Some(m)),
        }
    });
    let error_for = move |id: &'static str| {
        move || {
            problems
                .get()
                .into_iter()
                .find(|(f, _)| *f == id)
                .map(|(_, m)| view! { <p class="field-error" id=format!("{id}-error")>{m}</p> })
        }
    };
    let described = move |id: &'static str, hint: Option<&'static str>| {
        move || {
            let mut ids: Vec<String> = hint.map(|h| vec![h.to_string()]).unwrap_or_default();
            if problems.get().iter().any(|(f, _)| *f == id) {
                ids.push(format!("{id}-error"));
            }
            ids.join(" ")
        }
    };
    // The error for a field, while there is one.
    let error = move |id: &'static str| {
        Signal::derive(move || {
            problems.with(|list| list.iter().find(|(f, _)| *f == id).map(|(_, m)| m.clone()))
        })
    };
    let text = move |id: &'static str,
                     label: &'static str,
                     get: fn(&Entry) -> String,
                     set: fn(&mut Entry, String)| {
        view! {
            <TextField id label error=error(id) value=Signal::derive(move || entry.with(get))
                on_input=move |v| entry.update(|e| set(e, v)) />
        }
    };
    let choose_contact = move |m: Option<ContactMethod>| {
        if let Some(m) = m {
            entry.update(|e| e.contact_method = m);
        }
    };
    view! {
        <ErrorSummary id="entry-errors" title="There is a problem"
            problems=Signal::derive(move || problems.get().into_iter().map(|(id, m)| (id.to_string(), m)).collect()) />
        <p>{move || policy.with_value(|p| format!("It will be handled under {} (version {}).", p.title, p.version))}</p>
        <form novalidate on:submit=move |ev| { ev.prevent_default(); problems.set(Vec::new()); save_error.set(None); save.dispatch(()); }>
            <ChoiceRadios<FeedbackKind> name="entry-kind" legend="What kind of feedback is it?"
                selected=Signal::derive(move || Some(entry.with(|e| e.kind))) on_change=move |k: FeedbackKind| entry.update(|e| e.kind = k) />
            <div class="field">
                <label for="entry-channel">"How did it reach you?"</label>
                {error_for("entry-channel")}
                <ChoiceSelect<Channel> id="entry-channel" none="Choose" described_by=Signal::derive(described("entry-channel", None))
                    selected=Signal::derive(move || entry.with(|e| e.channel)) on_change=move |c| entry.update(|e| e.channel = c) />
            </div>
            <DateField id="entry-received" label="Date received" hint="Deadlines count from this date." error=error("entry-received")
                value=Signal::derive(move || entry.with(|e| e.received.clone())) on_change=move |v| entry.update(|e| e.received = v) />
            <h2>"The resident"</h2>
            {text("entry-resident", "Name", |e| e.resident_name.clone(), |e, v| e.resident_name = v)}
            {text("entry-address", "Address (optional)", |e| e.address.clone(), |e, v| e.address = v)}
            <div class="field">
                <label for="entry-contact-method">"How they want to be contacted"</label>
                <ChoiceSelect<ContactMethod> id="entry-contact-method" selected=Signal::derive(move || Some(entry.with(|e| e.contact_method)))
                    on_change=choose_contact />
            </div>
            {text("entry-contact-detail", "Their email, phone number or postal address for that (optional)", |e| e.contact_detail.clone(), |e, v| e.contact_detail = v)}
            <fieldset class="fieldset">
                <legend>"Reasonable adjustments they asked for"</legend>
                {ADJUSTMENTS.into_iter().map(|(a, code, label)| view! {
                    <div class="radio">
                        <input type="checkbox" id=format!("entry-adj-{code}") on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let a = a.clone();
                            entry.update(|e| { e.adjustments.retain(|x| x != &a); if on { e.adjustments.push(a); } });
                        } />
                        <label for=format!("entry-adj-{code}")>{label}</label>
                    </div>
                }).collect_view()}
            </fieldset>
            <div class="radio">
                <input type="checkbox" id="entry-has-rep" data-testid="entry-has-rep" prop:checked=move || entry.with(|e| e.has_representative)
                    on:change=move |ev| { let on = event_target_checked(&ev); entry.update(|e| e.has_representative = on); } />
                <label for="entry-has-rep">"Someone is acting for the resident"</label>
            </div>
            {move || entry.with(|e| e.has_representative).then(|| view! {
                <div class="panel">
                    {text("entry-rep-name", "Their name", |e| e.representative_name.clone(), |e, v| e.representative_name = v)}
                    <div class="field">
                        <label for="entry-rep-role">"Who they are"</label>
                        {error_for("entry-rep-role")}
                        <select id="entry-rep-role" data-testid="entry-rep-role" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            entry.update(|e| e.representative_role = ROLES.iter().find(|(_, l)| *l == v).map(|(r, _)| *r));
                        }>
                            <option value="">"Choose"</option>
                            {ROLES.iter().map(|(_, l)| view! { <option value=*l>{*l}</option> }).collect_view()}
                        </select>
                    </div>
                    <p class="hint">{move || policy.with_value(|p| entry.with(|e| e.representative_role.and_then(|r| crate::letters::authority_needed(p, r)).map(|(_, plain)| format!("The policy says: {plain}"))))}</p>
                    <div class="radio">
                        <input type="checkbox" id="entry-rep-authority" prop:checked=move || entry.with(|e| e.authority_given)
                            on:change=move |ev| { let on = event_target_checked(&ev); entry.update(|e| e.authority_given = on); } />
                        <label for="entry-rep-authority">"We have the authority the policy needs"</label>
                    </div>
                </div>
            })}
            <h2>"What it is about"</h2>
            <TextField id="entry-category" label="Category" hint="Choose a suggestion or type your own." error=error("entry-category") list="entry-categories"
                value=Signal::derive(move || entry.with(|e| e.category.clone())) on_input=move |v| entry.update(|e| e.category = v) />
            <datalist id="entry-categories">{CATEGORIES.into_iter().map(|c| view! { <option value=c></option> }).collect_view()}</datalist>
            <TextArea id="entry-description" label="What the resident said" hint="In their words if you can. It is kept exactly as typed." error=error("entry-description") rows=5
                value=Signal::derive(move || entry.with(|e| e.description.clone())) on_input=move |v| entry.update(|e| e.description = v) />
            <TextArea id="entry-outcome" label="What they want to happen (optional)" rows=2
                value=Signal::derive(move || entry.with(|e| e.outcome_wanted.clone())) on_input=move |v| entry.update(|e| e.outcome_wanted = v) />
            <DateField id="entry-started" label="When the problem started (optional)" error=error("entry-started")
                value=Signal::derive(move || entry.with(|e| e.problem_started.clone())) on_change=move |v| entry.update(|e| e.problem_started = v) />
            <div class="field">
                <label for="entry-handler">"Who will handle it"</label>
                {error_for("entry-handler")}
                <select id="entry-handler" data-testid="entry-handler" on:change=move |ev| { let v = event_target_value(&ev); entry.update(|e| e.handler = v); }>
                    {books.with_value(|b| b.setup.value.handlers.clone()).into_iter().map(|h| {
                        let selected = entry.with_untracked(|e| e.handler == h);
                        view! { <option value=h.clone() selected=selected>{h.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button" data-testid="save-entry">"Save and open the case"</button>
        </form>
        {move || save_error.get().map(|m| view! { <crate::ui::components::ErrorBox title="It was not saved" testid="entry-save-error"><p>{m}</p><p>"Nothing has been saved. Your answers are still in the form."</p></crate::ui::components::ErrorBox> })}
    }
}
