//! complaint: the guided complaint — one question per page, each answer saved as it is given,
//! "check your answers", then the result: the triage, the letter and the dated plan.
//!
//! Every date shown comes from the engine's assessment; the letter and the plan come from
//! `crate::letters`. The answers live in one draft record, so closing the tab and coming back
//! resumes at the same step.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::calendar::{long_date, Division};
use crate::case::{Adjustment, ContactMethod, RepresentativeRole};
use crate::engine::{self, Topic, TriageOutcome};
use crate::guided::{Answer, Draft, Question};
use crate::letters;
use crate::policy::{self, Severity, CODE_ID};
use crate::record::{Record, RecordKind};
use crate::store::StoreError;
use crate::ui::browser;
use crate::ui::components::{CompensationPayment, DownloadFailed, ErrorBox};
use crate::ui::db::{bank_holidays, db, preferred_division, BankHolidays};
use crate::ui::route::Route;

/// The id of the draft record holding the guided complaint in progress.
pub const DRAFT_ID: &str = "guided-complaint";

/// The questions, in order. `Ask` is a question from `guided::Question`, asked only when it
/// matters for the chosen policy and topic: what it asks, when it applies, how it is checked and
/// what the answer means all live in the core.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Who,
    Helper,
    Resident,
    Landlord,
    What,
    Words,
    When,
    Ongoing,
    Reported,
    Ask(Question),
    Outcome,
    Contact,
    Adjustments,
    Check,
    Result,
}

impl Step {
    const ALL: [Step; 21] = [
        Step::Who,
        Step::Helper,
        Step::Resident,
        Step::Landlord,
        Step::What,
        Step::Ask(Question::AsbMatter),
        Step::Ask(Question::StaffMatter),
        Step::Ask(Question::Decision),
        Step::Ask(Question::Allocation),
        Step::Words,
        Step::When,
        Step::Ongoing,
        Step::Reported,
        Step::Ask(Question::FirstRaised),
        Step::Ask(Question::Screening),
        Step::Ask(Question::TimeExceptions),
        Step::Outcome,
        Step::Contact,
        Step::Adjustments,
        Step::Check,
        Step::Result,
    ];

    fn id(self) -> &'static str {
        match self {
            Step::Who => "who",
            Step::Helper => "helper",
            Step::Resident => "resident",
            Step::Landlord => "landlord",
            Step::What => "what",
            Step::Words => "words",
            Step::When => "when",
            Step::Ongoing => "ongoing",
            Step::Reported => "reported",
            Step::Ask(q) => q.id(),
            Step::Outcome => "outcome",
            Step::Contact => "contact",
            Step::Adjustments => "adjustments",
            Step::Check => "check",
            Step::Result => "result",
        }
    }

    fn from_id(id: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The steps this user goes through: the helper step only for helpers, and a question only
    /// when it matters for their answers so far (the step they are on always counts, so "Back"
    /// and "Continue" work from it).
    fn sequence(d: &Draft, current: Step, today: chrono::NaiveDate) -> Vec<Step> {
        let helping = d.helping == Some(true);
        Step::ALL
            .into_iter()
            .filter(|s| {
                *s == current
                    || match s {
                        Step::Helper => helping,
                        Step::Ask(q) => q.applies(d, today),
                        _ => true,
                    }
            })
            .collect()
    }

    fn question(self, helping: bool) -> &'static str {
        match (self, helping) {
            (Step::Who, _) => "Who is making this complaint?",
            (Step::Helper, _) => "About you, the helper",
            (Step::Resident, false) => "About you",
            (Step::Resident, true) => "About the resident",
            (Step::Landlord, false) => "Who is your landlord?",
            (Step::Landlord, true) => "Who is their landlord?",
            (Step::What, _) => "What is the problem mainly about?",
            (Step::Words, _) => "Tell us what is wrong, in your own words",
            (Step::When, _) => "When did the problem start?",
            (Step::Ongoing, _) => "Is the problem still happening?",
            (Step::Reported, _) => "Has the landlord been told about this before?",
            (Step::Ask(q), _) => q.heading(),
            (Step::Outcome, _) => "What would put things right?",
            (Step::Contact, _) => "How should the landlord contact you?",
            (Step::Adjustments, _) => "Does the landlord need to change how it contacts you?",
            (Step::Check, _) => "Check your answers",
            (Step::Result, _) => "Your complaint",
        }
    }
}

/// A problem with an answer: the field's id (for the error summary's link) and what to do.
type FieldError = (&'static str, String);

fn validate(step: Step, d: &Draft, today: chrono::NaiveDate) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let helping = d.helping == Some(true);
    match step {
        Step::Who if d.helping.is_none() => {
            errors.push(("who-resident", "Select whether you are the resident or helping someone".into()))
        }
        Step::Helper => {
            if d.helper_name.trim().is_empty() {
                errors.push(("helper-name", "Enter your name".into()));
            }
            if d.helper_role.is_none() {
                errors.push(("role-family_member", "Select how you are helping".into()));
            }
        }
        Step::Resident if d.resident_name.trim().is_empty() => errors.push((
            "resident-name",
            if helping { "Enter the resident's name".into() } else { "Enter your name".into() },
        )),
        Step::Landlord => match &d.policy_id {
            None => errors.push(("landlord-forhousing", "Select the landlord".into())),
            Some(id) if id == CODE_ID && d.landlord_name.trim().is_empty() => {
                errors.push(("landlord-name", "Enter the landlord's name".into()))
            }
            _ => {}
        },
        Step::What if d.topic.is_none() => {
            errors.push(("topic-repairs", "Select what the problem is about".into()))
        }
        Step::Words if d.description.trim().is_empty() => {
            errors.push(("description", "Describe the problem in your own words".into()))
        }
        Step::When if d.started.is_some_and(|s| s > today) => {
            errors.push(("started-day", "The date the problem started must be today or in the past".into()))
        }
        Step::Ongoing if d.still_happening.is_none() => {
            errors.push(("ongoing-yes", "Select whether the problem is still happening".into()))
        }
        Step::Reported if d.reported_before.is_none() => {
            errors.push(("reported-yes", "Select whether the landlord has been told before".into()))
        }
        Step::Ask(q) => errors.extend(q.error(d, today)),
        Step::Outcome if d.outcome_wanted.trim().is_empty() => {
            errors.push(("outcome", "Say what you would like the landlord to do".into()))
        }
        Step::Contact => match d.contact_method {
            None => errors.push(("contact-email", "Select how the landlord should contact you".into())),
            Some(method) if d.contact_detail.trim().is_empty() => errors.push((
                "contact-detail",
                match method {
                    ContactMethod::Email => "Enter the email address",
                    ContactMethod::Phone | ContactMethod::Text => "Enter the phone number",
                    ContactMethod::Letter => "Enter the postal address",
                }
                .into(),
            )),
            _ => {}
        },
        _ => {}
    }
    errors
}

fn landlord_label(d: &Draft) -> String {
    match d.policy_id.as_deref() {
        Some(CODE_ID) | None => d.landlord_name.trim().to_string(),
        Some(id) => policy::by_id(id).map(|p| p.landlord.clone()).unwrap_or_default(),
    }
}

/// Loads the draft record into signals, once per page.
fn load_draft(draft: RwSignal<Draft>, record: RwSignal<Option<Record>>, status: RwSignal<LoadStatus>) {
    let load = LocalResource::new(|| async move { db().await?.get(RecordKind::Draft, DRAFT_ID).await });
    Effect::new(move |_| {
        if let Some(result) = load.get() {
            match result {
                Ok(Some(rec)) => {
                    match serde_json::from_value::<Draft>(rec.data.clone()) {
                        Ok(d) => draft.set(d),
                        Err(_) => status.set(LoadStatus::Failed(
                            "Your saved answers could not be read. You can start again.".into(),
                        )),
                    }
                    record.set(Some(rec));
                    if status.get_untracked() == LoadStatus::Loading {
                        status.set(LoadStatus::Ready);
                    }
                }
                Ok(None) => status.set(LoadStatus::Ready),
                Err(e) => status.set(LoadStatus::Failed(e.user_message())),
            }
        }
    });
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum LoadStatus {
    Loading,
    Ready,
    Failed(String),
}

/// One page of the guided complaint (`/complaint/:step`).
#[component]
pub fn Complaint() -> impl IntoView {
    let params = use_params_map();
    let step =
        Memo::new(move |_| params.read().get("step").and_then(|s| Step::from_id(&s)).unwrap_or(Step::Who));
    let draft = RwSignal::new(Draft::default());
    let record: RwSignal<Option<Record>> = RwSignal::new(None);
    let status = RwSignal::new(LoadStatus::Loading);
    load_draft(draft, record, status);
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
                let data = match serde_json::to_value(draft.get_untracked()) {
                    Ok(data) => data,
                    Err(e) => {
                        save_error.set(Some(e.to_string()));
                        break;
                    }
                };
                let mut rec = record
                    .get_untracked()
                    .unwrap_or_else(|| Record::new(RecordKind::Draft, DRAFT_ID, serde_json::json!({})));
                rec.data = data;
                let result = match db().await {
                    Ok(db) => db.save(rec).await,
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
        if previous.is_some() && status.get_untracked() == LoadStatus::Ready {
            persist();
        }
    });
    // Kept in a stored value so the submit handler stays `Copy`.
    let navigate = StoredValue::new_local(use_navigate());
    // A new page: clear old errors, and remember it as the place to resume (also when the user
    // went back), once the saved answers have loaded.
    Effect::new(move |_| {
        let current = step.get();
        errors.set(Vec::new());
        if status.get() == LoadStatus::Ready && draft.with_untracked(|d| d.step != current.id()) {
            draft.update(|d| d.step = current.id().to_string());
        }
    });

    let helping = move || draft.with(|d| d.helping == Some(true));
    let sequence = move || draft.with(|d| Step::sequence(d, step.get(), today));
    let position = move || sequence().iter().position(|s| *s == step.get()).unwrap_or(0);
    let previous = move || {
        let seq = sequence();
        let i = position();
        if i == 0 {
            Route::ResidentArea.path()
        } else {
            Route::Complaint { step: seq[i - 1].id().into() }.path()
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = step.get_untracked();
        let found = draft.with_untracked(|d| validate(current, d, today));
        if !found.is_empty() {
            errors.set(found);
            request_animation_frame(|| browser::focus_id("error-summary"));
            return;
        }
        let seq = sequence();
        if let Some(next) = seq.get(position() + 1) {
            draft.update(|d| d.step = next.id().to_string());
            navigate
                .with_value(|go| go(&Route::Complaint { step: next.id().into() }.path(), Default::default()));
        }
    };

    view! {
        <Title text=move || step.get().question(helping()).to_string() />
        {move || match status.get() {
            LoadStatus::Loading => view! { <p role="status">"Loading your answers…"</p> }.into_any(),
            LoadStatus::Failed(message) => view! {
                <h1>"Your complaint"</h1>
                <ErrorBox title="Your answers could not be loaded" testid="load-error"><p>{message}</p></ErrorBox>
            }.into_any(),
            LoadStatus::Ready => view! {
                <A href=previous attr:class="back-link" attr:data-testid="back-link">"Back"</A>
                {move || (step.get() != Step::Result).then(|| view! {
                    <p class="muted" data-testid="progress">
                        {move || format!("Question {} of {}", position() + 1, sequence().len() - 1)}
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
                {move || (!errors.get().is_empty()).then(|| view! {
                    <div class="error-box" role="alert" tabindex="-1" id="error-summary" data-testid="error-summary" aria-labelledby="error-summary-title">
                        <h2 class="error-title" id="error-summary-title">"There is a problem"</h2>
                        <ul>
                            {errors.get().into_iter().map(|(field, message)| view! {
                                <li><a href=format!("#{field}") on:click=move |ev| { ev.prevent_default(); browser::focus_id(field); }>{message}</a></li>
                            }).collect_view()}
                        </ul>
                    </div>
                })}
                {move || match step.get() {
                    Step::Result => view! { <ComplaintResult draft record /> }.into_any(),
                    current => view! {
                        <form on:submit=on_submit novalidate>
                            <StepFields step=current draft errors />
                            <div class="button-row">
                                <button type="submit" class="button" data-testid="continue">
                                    {if current == Step::Check { "Continue to your letter" } else { "Continue" }}
                                </button>
                            </div>
                        </form>
                    }.into_any(),
                }}
            }.into_any(),
        }}
    }
}

/// The message for a field, if it has one.
fn error_for(
    errors: RwSignal<Vec<FieldError>>,
    fields: &'static [&'static str],
) -> impl Fn() -> Option<String> {
    move || errors.with(|e| e.iter().find(|(f, _)| fields.contains(f)).map(|(_, m)| m.clone()))
}

#[component]
fn FieldError(message: Signal<Option<String>>, id: &'static str) -> impl IntoView {
    move || {
        message.get().map(
            |m| view! { <p class="field-error" id=id><span class="visually-hidden">"Error: "</span>{m}</p> },
        )
    }
}

#[component]
fn Radio(
    name: &'static str,
    id: String,
    label: String,
    #[prop(into)] checked: Signal<bool>,
    on_pick: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="radio">
            <input type="radio" name=name id=id.clone() prop:checked=checked on:change=move |_| on_pick.run(()) />
            <label for=id>{label}</label>
        </div>
    }
}

/// Day, month and year boxes for an optional date, copied to the draft as soon as they make a
/// real date (and cleared when all three are empty). A date that is not real is explained here;
/// the draft keeps the last real one.
#[component]
fn DateFields(
    draft: RwSignal<Draft>,
    prefix: &'static str,
    get: fn(&Draft) -> Option<chrono::NaiveDate>,
    set: fn(&mut Draft, Option<chrono::NaiveDate>),
) -> impl IntoView {
    let part =
        move |f: fn(chrono::NaiveDate) -> String| draft.with_untracked(|d| get(d).map(f).unwrap_or_default());
    let day = RwSignal::new(part(|s| chrono::Datelike::day(&s).to_string()));
    let month = RwSignal::new(part(|s| chrono::Datelike::month(&s).to_string()));
    let year = RwSignal::new(part(|s| chrono::Datelike::year(&s).to_string()));
    let date_error = RwSignal::new(None::<String>);
    let sync = move || {
        let (d, m, y) = (day.get_untracked(), month.get_untracked(), year.get_untracked());
        if d.trim().is_empty() && m.trim().is_empty() && y.trim().is_empty() {
            date_error.set(None);
            draft.update(|x| set(x, None));
            return;
        }
        let parsed = (d.trim().parse::<u32>(), m.trim().parse::<u32>(), y.trim().parse::<i32>());
        match parsed {
            (Ok(d), Ok(m), Ok(y)) if y > 1900 => match chrono::NaiveDate::from_ymd_opt(y, m, d) {
                Some(date) => {
                    date_error.set(None);
                    draft.update(|x| set(x, Some(date)));
                }
                None => date_error.set(Some("That is not a real date: check the day and month".into())),
            },
            _ => date_error
                .set(Some("Enter the date as numbers, for example 27 3 2026, or leave it blank".into())),
        }
    };
    let input = move |which: &'static str,
                      label: &'static str,
                      size: &'static str,
                      value: RwSignal<String>| {
        let id = format!("{prefix}-{which}");
        view! {
            <div class="field"><label for=id.clone()>{label}</label>
                <input type="text" inputmode="numeric" id=id size=size prop:value=value on:input=move |ev| { value.set(event_target_value(&ev)); sync(); } /></div>
        }
    };
    view! {
        {move || date_error.get().map(|m| view! { <p class="field-error" data-testid="date-error">{m}</p> })}
        <div class="date-input">
            {input("day", "Day", "2", day)}
            {input("month", "Month", "2", month)}
            {input("year", "Year", "4", year)}
        </div>
    }
}

/// The fields of one question.
#[component]
fn StepFields(step: Step, draft: RwSignal<Draft>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let helping = move || draft.with(|d| d.helping == Some(true));
    let h1 = move || step.question(helping());
    let text = |get: fn(&Draft) -> &String, set: fn(&mut Draft, String)| {
        (move || draft.with(|d| get(d).clone()), move |ev| draft.update(|d| set(d, event_target_value(&ev))))
    };
    match step {
        Step::Who => {
            let err = Signal::derive(error_for(errors, &["who-resident"]));
            view! {
                <fieldset class="fieldset" aria-describedby="who-error">
                    <legend><h1>{h1}</h1></legend>
                    <FieldError message=err id="who-error" />
                    <Radio name="who" id="who-resident".into() label="I am the resident: the complaint is about my home".into()
                        checked=Signal::derive(move || draft.with(|d| d.helping == Some(false)))
                        on_pick=Callback::new(move |_| draft.update(|d| d.helping = Some(false))) />
                    <Radio name="who" id="who-helper".into() label="I am helping someone else: a family member, friend, advocate, councillor or MP".into()
                        checked=Signal::derive(move || draft.with(|d| d.helping == Some(true)))
                        on_pick=Callback::new(move |_| draft.update(|d| d.helping = Some(true))) />
                </fieldset>
            }.into_any()
        }
        Step::Helper => {
            let (name, set_name) = text(|d| &d.helper_name, |d, v| d.helper_name = v);
            let roles = [
                (RepresentativeRole::FamilyMember, "family_member", "A member of their family"),
                (RepresentativeRole::Friend, "friend", "A friend"),
                (RepresentativeRole::Advocate, "advocate", "An advocate or support worker"),
                (
                    RepresentativeRole::AdviceAgency,
                    "advice_agency",
                    "An advice agency, such as Citizens Advice",
                ),
                (RepresentativeRole::Councillor, "councillor", "Their local councillor"),
                (RepresentativeRole::Mp, "mp", "Their MP"),
            ];
            view! {
                <h1>{h1}</h1>
                <div class="field">
                    <label for="helper-name">"Your name"</label>
                    <FieldError message=Signal::derive(error_for(errors, &["helper-name"])) id="helper-name-error" />
                    <input type="text" id="helper-name" autocomplete="name" prop:value=name on:input=set_name />
                </div>
                <fieldset class="fieldset">
                    <legend>"How are you helping?"</legend>
                    <FieldError message=Signal::derive(error_for(errors, &["role-family_member"])) id="role-error" />
                    {roles.into_iter().map(|(role, key, label)| view! {
                        <Radio name="role" id=format!("role-{key}") label=label.to_string()
                            checked=Signal::derive(move || draft.with(|d| d.helper_role == Some(role)))
                            on_pick=Callback::new(move |_| draft.update(|d| d.helper_role = Some(role))) />
                    }).collect_view()}
                </fieldset>
            }.into_any()
        }
        Step::Resident => {
            let (name, set_name) = text(|d| &d.resident_name, |d, v| d.resident_name = v);
            let (address, set_address) = text(|d| &d.resident_address, |d, v| d.resident_address = v);
            view! {
                <h1>{h1}</h1>
                <div class="field">
                    <label for="resident-name">{move || if helping() { "The resident's full name" } else { "Your full name" }}</label>
                    <FieldError message=Signal::derive(error_for(errors, &["resident-name"])) id="resident-name-error" />
                    <input type="text" id="resident-name" prop:value=name on:input=set_name />
                </div>
                <div class="field">
                    <label for="resident-address">"The address of the home (optional)"</label>
                    <textarea id="resident-address" rows="3" prop:value=address on:input=set_address></textarea>
                </div>
            }.into_any()
        }
        Step::Landlord => {
            let (name, set_name) = text(|d| &d.landlord_name, |d, v| d.landlord_name = v);
            let landlords: Vec<(String, String)> = policy::builtin()
                .iter()
                .filter(|p| p.id != CODE_ID)
                .map(|p| (p.id.clone(), p.landlord.clone()))
                .collect();
            view! {
                <fieldset class="fieldset">
                    <legend><h1>{h1}</h1></legend>
                    <FieldError message=Signal::derive(error_for(errors, &["landlord-forhousing"])) id="landlord-error" />
                    {landlords.into_iter().map(|(id, landlord)| {
                        let pick = id.clone();
                        let is = id.clone();
                        view! {
                            <Radio name="landlord" id=format!("landlord-{id}") label=landlord
                                checked=Signal::derive(move || draft.with(|d| d.policy_id.as_deref() == Some(is.as_str())))
                                on_pick=Callback::new(move |_| draft.update(|d| d.policy_id = Some(pick.clone()))) />
                        }
                    }).collect_view()}
                    <Radio name="landlord" id="landlord-other".into() label="My landlord is not listed".into()
                        checked=Signal::derive(move || draft.with(|d| d.policy_id.as_deref() == Some(CODE_ID)))
                        on_pick=Callback::new(move |_| draft.update(|d| d.policy_id = Some(CODE_ID.to_string()))) />
                </fieldset>
                {move || draft.with(|d| d.policy_id.as_deref() == Some(CODE_ID)).then(|| view! {
                    <div class="field">
                        <label for="landlord-name">"The landlord's name"</label>
                        <p class="hint" id="landlord-name-hint">"Redress will use the Housing Ombudsman's Complaint Handling Code, which every social landlord in England must follow."</p>
                        <FieldError message=Signal::derive(error_for(errors, &["landlord-name"])) id="landlord-name-error" />
                        <input type="text" id="landlord-name" aria-describedby="landlord-name-hint" prop:value=name on:input=set_name />
                    </div>
                })}
            }.into_any()
        }
        Step::What => view! {
            <fieldset class="fieldset">
                <legend><h1>{h1}</h1></legend>
                <FieldError message=Signal::derive(error_for(errors, &["topic-repairs"])) id="topic-error" />
                {Topic::ALL.into_iter().map(|topic| {
                    let key = serde_json::to_value(topic).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
                    view! {
                        <Radio name="topic" id=format!("topic-{key}") label=topic.label().to_string()
                            checked=Signal::derive(move || draft.with(|d| d.topic == Some(topic)))
                            on_pick=Callback::new(move |_| draft.update(|d| d.topic = Some(topic))) />
                    }
                }).collect_view()}
            </fieldset>
        }.into_any(),
        Step::Words => {
            let (words, set_words) = text(|d| &d.description, |d, v| d.description = v);
            view! {
                <h1><label for="description">{h1}</label></h1>
                <div class="field">
                    <p class="hint" id="description-hint">"Your words go into the letter exactly as you write them. Say what happened, when, and how it affects you."</p>
                    <FieldError message=Signal::derive(error_for(errors, &["description"])) id="description-error" />
                    <textarea id="description" rows="8" aria-describedby="description-hint" prop:value=words on:input=set_words></textarea>
                </div>
            }.into_any()
        }
        Step::When => view! {
            <fieldset class="fieldset" aria-describedby="started-hint">
                <legend><h1>{h1}</h1></legend>
                <p class="hint" id="started-hint">"For example, 27 3 2026. Leave it blank if you are not sure."</p>
                <FieldError message=Signal::derive(error_for(errors, &["started-day"])) id="started-error" />
                <DateFields draft prefix="started" get=|d| d.started set=|d, v| d.started = v />
            </fieldset>
        }.into_any(),
        Step::Ongoing => view! {
            <fieldset class="fieldset">
                <legend><h1>{h1}</h1></legend>
                <FieldError message=Signal::derive(error_for(errors, &["ongoing-yes"])) id="ongoing-error" />
                <Radio name="ongoing" id="ongoing-yes".into() label="Yes".into()
                    checked=Signal::derive(move || draft.with(|d| d.still_happening == Some(true)))
                    on_pick=Callback::new(move |_| draft.update(|d| d.still_happening = Some(true))) />
                <Radio name="ongoing" id="ongoing-no".into() label="No".into()
                    checked=Signal::derive(move || draft.with(|d| d.still_happening == Some(false)))
                    on_pick=Callback::new(move |_| draft.update(|d| d.still_happening = Some(false))) />
            </fieldset>
        }.into_any(),
        Step::Reported => {
            let (went, set_went) = text(|d| &d.how_it_went, |d, v| d.how_it_went = v);
            view! {
                <fieldset class="fieldset">
                    <legend><h1>{h1}</h1></legend>
                    <FieldError message=Signal::derive(error_for(errors, &["reported-yes"])) id="reported-error" />
                    <Radio name="reported" id="reported-yes".into() label="Yes, it has been reported before".into()
                        checked=Signal::derive(move || draft.with(|d| d.reported_before == Some(true)))
                        on_pick=Callback::new(move |_| draft.update(|d| d.reported_before = Some(true))) />
                    <Radio name="reported" id="reported-no".into() label="No, this is the first time".into()
                        checked=Signal::derive(move || draft.with(|d| d.reported_before == Some(false)))
                        on_pick=Callback::new(move |_| draft.update(|d| d.reported_before = Some(false))) />
                </fieldset>
                {move || draft.with(|d| d.reported_before == Some(true)).then(|| view! {
                    <div class="field">
                        <label for="how-it-went">"What happened when it was reported? (optional)"</label>
                        <textarea id="how-it-went" rows="4" prop:value=went on:input=set_went></textarea>
                    </div>
                })}
            }.into_any()
        }
        Step::Ask(q) => {
            let hint = draft.with_untracked(|d| q.hint(d));
            let hint_id = format!("{}-hint", q.id());
            let described = hint_id.clone();
            match draft.with_untracked(|d| q.answer(d)) {
                Answer::Choose(choices) => {
                    let fields: Vec<&'static str> = choices.iter().map(|c| c.id).collect();
                    let message = Signal::derive(move || errors.with(|e| e.iter().find(|(f, _)| fields.contains(f)).map(|(_, m)| m.clone())));
                    // As on the first question: the fieldset names its hint and its error.
                    let described = format!("{described} choice-error");
                    view! {
                        <fieldset class="fieldset" aria-describedby=described>
                            <legend><h1>{h1}</h1></legend>
                            <p class="hint" id=hint_id>{hint}</p>
                            <FieldError message id="choice-error" />
                            {choices.into_iter().map(|c| view! {
                                <Radio name=q.id() id=c.id.to_string() label=c.label.to_string()
                                    checked=Signal::derive(move || draft.with(|d| d.choice(q) == Some(c.id)))
                                    on_pick=Callback::new(move |_| draft.update(|d| d.choose(q, c.id))) />
                            }).collect_view()}
                        </fieldset>
                    }.into_any()
                }
                Answer::Date => view! {
                    <fieldset class="fieldset" aria-describedby=format!("{described} first-raised-error")>
                        <legend><h1>{h1}</h1></legend>
                        <p class="hint" id=hint_id>{hint}</p>
                        <FieldError message=Signal::derive(error_for(errors, &["first-raised-day"])) id="first-raised-error" />
                        <DateFields draft prefix="first-raised" get=|d| d.first_raised set=|d, v| d.first_raised = v />
                    </fieldset>
                }.into_any(),
                Answer::Tick(checks) => view! {
                    <fieldset class="fieldset" aria-describedby=described>
                        <legend><h1>{h1}</h1></legend>
                        <p class="hint" id=hint_id>{hint}</p>
                        {checks.into_iter().map(|c| {
                            let flag = c.flag;
                            view! {
                                <div class="radio">
                                    <input type="checkbox" id=c.id prop:checked=move || draft.with(|d| d.flag(flag))
                                        on:change=move |ev| draft.update(|d| d.set_flag(flag, event_target_checked(&ev))) />
                                    <label for=c.id>{c.label}</label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                }.into_any(),
            }
        }
        Step::Outcome => {
            let (wanted, set_wanted) = text(|d| &d.outcome_wanted, |d, v| d.outcome_wanted = v);
            view! {
                <h1>{h1}</h1>
                <div class="field">
                    <label for="outcome">"What would you like the landlord to do?"</label>
                    <p class="hint" id="outcome-hint">"For example: fix the boiler by a date, apologise, pay for damaged belongings."</p>
                    <FieldError message=Signal::derive(error_for(errors, &["outcome"])) id="outcome-error" />
                    <textarea id="outcome" rows="5" aria-describedby="outcome-hint" prop:value=wanted on:input=set_wanted></textarea>
                </div>
            }.into_any()
        }
        Step::Contact => {
            let (detail, set_detail) = text(|d| &d.contact_detail, |d, v| d.contact_detail = v);
            let methods = [
                (ContactMethod::Email, "email", "Email"),
                (ContactMethod::Phone, "phone", "Phone call"),
                (ContactMethod::Text, "text", "Text message"),
                (ContactMethod::Letter, "letter", "Letter"),
            ];
            view! {
                <fieldset class="fieldset">
                    <legend><h1>{h1}</h1></legend>
                    <FieldError message=Signal::derive(error_for(errors, &["contact-email"])) id="contact-error" />
                    {methods.into_iter().map(|(method, key, label)| view! {
                        <Radio name="contact" id=format!("contact-{key}") label=label.to_string()
                            checked=Signal::derive(move || draft.with(|d| d.contact_method == Some(method)))
                            on_pick=Callback::new(move |_| draft.update(|d| d.contact_method = Some(method))) />
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label for="contact-detail">"Email address, phone number or postal address"</label>
                    <FieldError message=Signal::derive(error_for(errors, &["contact-detail"])) id="contact-detail-error" />
                    <input type="text" id="contact-detail" prop:value=detail on:input=set_detail />
                </div>
            }.into_any()
        }
        Step::Adjustments => {
            let adjustments = [
                (Adjustment::LargePrint, "adj-large-print", "Letters in large print"),
                (Adjustment::PhoneCallsInsteadOfLetters, "adj-phone", "Phone calls instead of letters"),
                (Adjustment::SomeoneToSpeakForMe, "adj-speaker", "Someone to speak for me"),
                (Adjustment::MoreTimeToReply, "adj-time", "More time to reply"),
            ];
            view! {
                <fieldset class="fieldset">
                    <legend><h1>{h1}</h1></legend>
                    <p class="hint">"These are reasonable adjustments: the landlord must consider them. Tick any you need, or none."</p>
                    {adjustments.into_iter().map(|(adjustment, id, label)| {
                        let has = adjustment.clone();
                        let toggled = adjustment.clone();
                        view! {
                            <div class="radio">
                                <input type="checkbox" id=id prop:checked=move || draft.with(|d| d.adjustments.contains(&has))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let a = toggled.clone();
                                        draft.update(|d| {
                                            d.adjustments.retain(|x| *x != a);
                                            if on { d.adjustments.push(a); }
                                        });
                                    } />
                                <label for=id>{label}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            }.into_any()
        }
        Step::Check => view! { <h1>{h1}</h1> <CheckAnswers draft /> }.into_any(),
        Step::Result => ().into_any(),
    }
}

/// "Check your answers", with a change link for each.
#[component]
fn CheckAnswers(draft: RwSignal<Draft>) -> impl IntoView {
    let d = draft.get_untracked();
    let yes_no = |v: Option<bool>| match v {
        Some(true) => "Yes",
        Some(false) => "No",
        None => "Not answered",
    };
    let mut rows: Vec<(&str, String, Step)> = vec![(
        "Who is complaining",
        if d.helping == Some(true) {
            format!("{} is helping", d.helper_name.trim())
        } else {
            "The resident".into()
        },
        Step::Who,
    )];
    rows.push(("Resident", d.resident_name.trim().to_string(), Step::Resident));
    rows.push(("Landlord", landlord_label(&d), Step::Landlord));
    rows.push(("What it is about", d.topic.map(|t| t.label().to_string()).unwrap_or_default(), Step::What));
    let today = browser::today();
    let asked = d.questions(today);
    let ask_row =
        |q: Question| asked.contains(&q).then(|| (q.summary_label(), d.answer_text(q), Step::Ask(q)));
    rows.extend(
        [Question::AsbMatter, Question::StaffMatter, Question::Decision, Question::Allocation]
            .into_iter()
            .filter_map(ask_row),
    );
    rows.push(("In your own words", d.description.trim().to_string(), Step::Words));
    rows.push(("When it started", d.started.map(long_date).unwrap_or_else(|| "Not sure".into()), Step::When));
    rows.push(("Still happening", yes_no(d.still_happening).into(), Step::Ongoing));
    rows.push(("Reported before", yes_no(d.reported_before).into(), Step::Reported));
    rows.extend(
        [Question::FirstRaised, Question::Screening, Question::TimeExceptions]
            .into_iter()
            .filter_map(ask_row),
    );
    rows.push(("What would put it right", d.outcome_wanted.trim().to_string(), Step::Outcome));
    rows.push(("Contact", d.contact_detail.trim().to_string(), Step::Contact));
    let adjustments: Vec<String> = d.adjustments.iter().map(letters::adjustment_text).collect();
    rows.push((
        "Changes to how you are contacted",
        if adjustments.is_empty() { "None".into() } else { adjustments.join("; ") },
        Step::Adjustments,
    ));
    view! {
        <dl class="summary-list" data-testid="check-answers">
            {rows.into_iter().map(|(label, value, step)| view! {
                <div>
                    <dt>{label}</dt>
                    <dd>{value}</dd>
                    <dd><A href=Route::Complaint { step: step.id().into() }>"Change"<span class="visually-hidden">{format!(" {}", label.to_lowercase())}</span></A></dd>
                </div>
            }).collect_view()}
        </dl>
    }
}

/// The result: what the policy says this is, the letter, and the plan, counted with the part of
/// the UK chosen on "Your data" and the bank-holiday file loaded there, if any.
#[component]
fn ComplaintResult(draft: RwSignal<Draft>, record: RwSignal<Option<Record>>) -> impl IntoView {
    let settings = LocalResource::new(|| async {
        Ok::<_, StoreError>((bank_holidays().await?, preferred_division().await?))
    });
    view! {
        <Suspense fallback=|| view! { <p role="status">"Working out your dates…"</p> }>
            {move || settings.get().map(|loaded| match loaded {
                Ok((holidays, division)) => result_view(draft, record, Counting { holidays, division, problem: None }),
                Err(e) => result_view(draft, record, Counting {
                    holidays: BankHolidays::builtin(),
                    division: Division::default(),
                    problem: Some(e.user_message()),
                }),
            })}
        </Suspense>
    }
}

/// How the result counts working days.
struct Counting {
    holidays: BankHolidays,
    /// The part of the UK the resident chose on "Your data".
    division: Division,
    /// Why the saved settings could not be read, if so (the built-in dates are used instead).
    problem: Option<String>,
}

/// The result page itself.
fn result_view(draft: RwSignal<Draft>, record: RwSignal<Option<Record>>, counting: Counting) -> AnyView {
    let Counting { holidays, division, problem } = counting;
    let d = draft.get_untracked();
    let policy = d.policy_id.as_deref().and_then(policy::by_id).unwrap_or_else(policy::code);
    let today = browser::today();
    let landlord = if policy.id == CODE_ID { landlord_label(&d) } else { policy.landlord.clone() };
    // The case's id is chosen the first time the result is shown and kept in the draft, so the
    // calendar file has the same UIDs before and after the complaint is saved.
    let case_id = if d.case_id.is_empty() {
        let suffix = format!("{:08x}", (js_sys::Math::random() * f64::from(u32::MAX)) as u32);
        let id = format!("case-{}-{suffix}", crate::calendar::iso_date(today));
        draft.update(|x| x.case_id = id.clone());
        id
    } else {
        d.case_id.clone()
    };
    let mut case = d.to_case(&case_id, &policy.version, &landlord, today);
    case.division = division;
    let calendar = holidays.calendar(division).clone();
    let counted_with = format!(
        "{}{}",
        holidays.counted_with(division),
        problem.map(|p| format!(" Your settings on Your data could not be read: {p}")).unwrap_or_default()
    );
    let triage = engine::triage(policy, &d.answers(), &calendar, today);
    let assessment = match engine::assess(policy, &case, &calendar, today) {
        Ok(a) => a,
        Err(e) => {
            return view! { <h1>"Your complaint"</h1><ErrorBox title="Redress could not work out the dates"><p>{e.to_string()}</p></ErrorBox> }.into_any()
        }
    };
    let heading = triage.heading();
    let testid = match &triage.outcome {
        TriageOutcome::Complaint => "triage-complaint",
        TriageOutcome::ServiceRequest { .. } => "triage-service-request",
        TriageOutcome::NotCovered { .. } => "triage-not-covered",
        TriageOutcome::OutsideTimeLimit { .. } => "triage-time-limit",
    };
    let detail = triage.explanation();
    let write_letter = triage.write_letter();
    let letter = letters::complaint_letter_after_triage(policy, &case, &assessment, &triage, &d.answers());
    let plan = letters::plan(policy, &assessment);
    let text = letter.to_text();
    let html = letter.to_html();
    let ics = letters::plan_ics(policy, &case, &assessment);
    let out_of_step: Vec<String> = assessment
        .departures
        .iter()
        .filter(|x| {
            x.severity == Severity::Major
                && ["stage_zero", "time_limit", "waiting_rule", "escalation_refusal", "number_of_stages"]
                    .contains(&x.topic.as_str())
        })
        .map(|x| {
            format!(
                "{} (the policy's clause {}; the Code: {})",
                x.for_resident, x.policy_clause, x.code_clause
            )
        })
        .collect();
    let authority = letters::authority_form(policy, &case, today);
    // Saving turns the draft into a case to track; the draft is then removed.
    let to_save = StoredValue::new(case.clone());
    let navigate = use_navigate();
    let keep = Action::new_local(move |_: &()| async move {
        let case = to_save.get_value();
        let data = serde_json::to_value(&case).map_err(|e| e.to_string())?;
        let db = db().await.map_err(|e| e.user_message())?;
        db.save(Record::new(RecordKind::Case, case.id.clone(), data)).await.map_err(|e| e.user_message())?;
        if let Some(draft_record) = record.get_untracked() {
            db.delete(RecordKind::Draft, DRAFT_ID, draft_record.revision)
                .await
                .map_err(|e| e.user_message())?;
        }
        Ok::<String, String>(case.id)
    });
    Effect::new(move |_| {
        if let Some(Ok(id)) = keep.value().get() {
            navigate(&Route::ComplaintPage { id }.path(), Default::default());
        }
    });
    let copied = RwSignal::new(None::<Result<(), String>>);
    let copy_text = text.clone();
    // Why the last download of the letter, of the permission form or of the dates did not happen.
    let (letter_failed, form_failed, ics_failed) =
        (RwSignal::new(None::<String>), RwSignal::new(None::<String>), RwSignal::new(None::<String>));
    view! {
        <h1>{heading}</h1>
        <div class="panel" data-testid=testid>
            <p>{triage.plain.clone()}</p>
            <p class="muted">{format!("{}, {}", policy.title, policy.clause_name(&triage.clause))}</p>
            {detail.map(|t| view! { <p>{t}</p> })}
            {triage.code_says.clone().map(|t| view! { <p>{t}</p> })}
            <p>{triage.ombudsman_right.clone()}</p>
        </div>
        {(!out_of_step.is_empty()).then(|| view! {
            <div class="warning-panel" data-testid="out-of-step">
                <h2>{format!("Where {}'s policy is out of step with the law", policy.landlord)}</h2>
                <ul>{out_of_step.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
            </div>
        })}
        {write_letter.then(|| view! {
            <h2>"Your letter"</h2>
            <div class="button-row no-print">
                <button type="button" class="button" on:click=|_| browser::print()>"Print the letter"</button>
                <button type="button" class="button" on:click=move |_| {
                    let t = copy_text.clone();
                    leptos::task::spawn_local(async move { copied.set(Some(browser::copy_text(&t).await)); });
                }>"Copy the letter"</button>
                <button type="button" class="button" data-testid="download-text"
                    on:click={ let t = text.clone(); move |_| letter_failed.set(browser::download("complaint-letter.txt", "text/plain", &t).err()) }>"Download as text"</button>
                <button type="button" class="button" data-testid="download-html"
                    on:click={ let h = html.clone(); move |_| letter_failed.set(browser::download("complaint-letter.html", "text/html", &h).err()) }>"Download as a web page"</button>
            </div>
            {move || copied.get().map(|r| match r {
                Ok(()) => view! { <p role="status">"Copied. You can paste the letter into an email."</p> }.into_any(),
                Err(m) => view! { <p role="status">{m}</p> }.into_any(),
            })}
            <DownloadFailed failed=letter_failed testid="letter-download-error" />
            <article class="letter" data-testid="letter" aria-label="Your complaint letter">
                <p>{letter.heading.iter().map(|l| view! { {l.clone()}<br /> }).collect_view()}</p>
                {letter.paragraphs.iter().map(|p| view! { <p class="letter-paragraph">{p.clone()}</p> }).collect_view()}
                <p>{letter.closing.iter().map(|l| view! { {l.clone()}<br /> }).collect_view()}</p>
            </article>
            {authority.map(|form| {
                let form_text = form.to_text();
                let form_html = form.to_html();
                view! {
                    <section class="panel" data-testid="authority-form" aria-labelledby="authority-heading">
                        <h2 id="authority-heading">"The resident's permission"</h2>
                        <p>"The landlord's policy asks for the resident's permission before it deals with you. Ask them to sign this form, and send it with the letter."</p>
                        <div class="letter-paragraph">{form_text.clone()}</div>
                        <div class="button-row no-print">
                            <button type="button" class="button secondary" data-testid="download-authority"
                                on:click=move |_| form_failed.set(browser::download("permission-form.txt", "text/plain", &form_text).err())>"Download the form as text"</button>
                            <button type="button" class="button secondary"
                                on:click=move |_| form_failed.set(browser::download("permission-form.html", "text/html", &form_html).err())>"Download the form as a web page"</button>
                        </div>
                        <DownloadFailed failed=form_failed testid="authority-download-error" />
                    </section>
                }
            })}
            <h2>"Your plan"</h2>
            <table class="table" data-testid="plan">
                <caption class="visually-hidden">"The dates that matter for your complaint"</caption>
                <thead><tr><th scope="col">"Date"</th><th scope="col">"What"</th><th scope="col">"The rule"</th></tr></thead>
                <tbody>
                    {plan.into_iter().map(|item| view! {
                        <tr data-testid=format!("plan-{}", item.id)>
                            <td>{long_date(item.date)}</td>
                            <td>{item.what}</td>
                            <td>{format!("{} ({})", item.rule, policy.citation(&item.clause))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p class="muted" data-testid="counted-with">{counted_with} " " <A href=Route::YourData>"Change where you live, or load newer bank holidays, on Your data"</A></p>
            <p class="no-print">
                <button type="button" class="button" data-testid="download-ics"
                    on:click=move |_| ics_failed.set(browser::download("complaint-dates.ics", "text/calendar", &ics).err())>"Add these dates to your calendar (.ics)"</button>
            </p>
            <DownloadFailed failed=ics_failed testid="ics-download-error" />
            <p>{assessment.ombudsman.plain.clone()}</p>
            <CompensationPayment policy />
            <section class="panel no-print" aria-labelledby="track-heading">
                <h2 id="track-heading">"Track the landlord's replies"</h2>
                <p>"Once you have sent the letter, save the complaint here. Record each reply and Redress will keep the dates up to date and write the next letter."</p>
                <button type="button" class="button" data-testid="save-complaint" on:click=move |_| { keep.dispatch(()); }>"Save this complaint to track it"</button>
                {move || keep.value().get().and_then(Result::err).map(|m| view! { <ErrorBox title="The complaint was not saved" testid="save-complaint-error"><p>{m}</p></ErrorBox> })}
            </section>
        })}
    }.into_any()
}
