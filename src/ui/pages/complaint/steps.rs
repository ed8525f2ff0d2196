//! steps: one small component per page of the guided complaint. Each draws its question's
//! fields and writes what is typed into the draft; what it asks, when it comes up, how it is
//! checked and where "Continue" goes are `guided::Step`'s.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::engine::Topic;
use crate::guided::{
    self, Answer, CblApplication, Draft, FieldError, Question, Step, ADJUSTMENTS, CONTACT_METHODS,
    HELPER_ROLES,
};
use crate::policy::CODE_ID;
use crate::ui::browser;
use crate::ui::components::{ChoiceRadios, DayMonthYear, FieldError, Radio, TextArea, TextField};
use crate::ui::route::Route;

/// The problems found on the step shown, as the error summary lists them.
pub(super) type Errors = RwSignal<Vec<FieldError>>;

/// The fields of one step.
#[component]
pub(super) fn StepFields(step: Step, draft: RwSignal<Draft>, errors: Errors) -> impl IntoView {
    match step {
        Step::Who => view! { <WhoStep draft errors /> }.into_any(),
        Step::Helper => view! { <HelperStep draft errors /> }.into_any(),
        Step::Resident => view! { <ResidentStep draft errors /> }.into_any(),
        Step::Landlord => view! { <LandlordStep draft errors /> }.into_any(),
        Step::What => view! { <WhatStep draft errors /> }.into_any(),
        Step::Words => view! { <WordsStep draft errors /> }.into_any(),
        Step::When => view! { <WhenStep draft errors /> }.into_any(),
        Step::Ongoing => view! { <OngoingStep draft errors /> }.into_any(),
        Step::Reported => view! { <ReportedStep draft errors /> }.into_any(),
        Step::Ask(Question::Cbl) => view! { <CblStep draft errors /> }.into_any(),
        Step::Ask(question) => view! { <QuestionStep question draft errors /> }.into_any(),
        Step::Outcome => view! { <OutcomeStep draft errors /> }.into_any(),
        Step::Contact => view! { <ContactStep draft errors /> }.into_any(),
        Step::Adjustments => view! { <AdjustmentsStep draft /> }.into_any(),
        Step::Check => view! { <h1>{Step::Check.heading(false)}</h1> <CheckAnswers draft /> }.into_any(),
        Step::Result => ().into_any(),
    }
}

/// The step's heading, for the resident or their helper (it changes as soon as "Who" does).
fn heading(step: Step, draft: RwSignal<Draft>) -> impl Fn() -> &'static str + Copy {
    move || step.heading(draft.with(|d| d.helping == Some(true)))
}

/// The message for a field, if it has one.
fn error_for(errors: Errors, fields: &'static [&'static str]) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors.with(|e| e.iter().find(|(f, _)| fields.contains(f)).map(|(_, m)| m.clone()))
    })
}

/// A text box's value and its handler, reading and writing one field of the draft.
fn text(
    draft: RwSignal<Draft>,
    get: fn(&Draft) -> &String,
    set: fn(&mut Draft, String),
) -> (impl Fn() -> String + Copy + Send + Sync + 'static, impl Fn(String) + Copy + Send + Sync + 'static) {
    (move || draft.with(|d| get(d).clone()), move |value| draft.update(|d| set(d, value)))
}

/// A radio for one value of an optional answer: checked while the draft holds `value`.
fn pick<T: Copy + PartialEq + Send + Sync + 'static>(
    draft: RwSignal<Draft>,
    name: &'static str,
    id: String,
    label: &str,
    get: fn(&Draft) -> Option<T>,
    set: fn(&mut Draft, T),
    value: T,
) -> impl IntoView {
    view! {
        <Radio name id label=label.to_string()
            checked=Signal::derive(move || draft.with(|d| get(d) == Some(value)))
            on_pick=Callback::new(move |_| draft.update(|d| set(d, value))) />
    }
}

#[component]
fn WhoStep(draft: RwSignal<Draft>, errors: Errors) -> impl IntoView {
    view! {
        <fieldset class="fieldset" aria-describedby="who-error">
            <legend><h1>{heading(Step::Who, draft)}</h1></legend>
            <FieldError message=error_for(errors, &["who-resident"]) id="who-error" />
            {pick(draft, "who", "who-resident".into(), "I am the resident: the complaint is about my home", |d| d.helping, |d, v| d.helping = Some(v), false)}
            {pick(draft, "who", "who-helper".into(), "I am helping someone else: a family member, friend, advocate, councillor or MP", |d| d.helping, |d, v| d.helping = Some(v), true)}
        </fieldset>
    }
}

#[component]
fn HelperStep(draft: RwSignal<Draft>, errors: Errors) -> impl IntoView {
    let (name, set_name) = text(draft, |d| &d.helper_name, |d, v| d.helper_name = v);
    view! {
        <h1>{heading(Step::Helper, draft)}</h1>
        <TextField id="helper-name" label="Your name" autocomplete="name" error=error_for(errors, &["helper-name"])
            value=Signal::derive(name) on_input=set_name />
        <fieldset class="fieldset">
            <legend>"How are you helping?"</legend>
            <FieldError message=error_for(errors, &["role-family_member"]) id="role-error" />
            {HELPER_ROLES.into_iter().map(|(role, key, label)| {
                pick(draft, "role", format!("role-{key}"), label, |d| d.helper_role, |d, v| d.helper_role = Some(v), role)
            }).collect_view()}
        </fieldset>
    }
}

#[component]
fn ResidentStep(draft: RwSignal<Draft>, errors: Errors) -> impl IntoView {
    let (name, set_name) = text(draft, |d| &d.resident_name, |d, v| d.resident_name = v);
    let (address, set_address) = text(draft, |d| &d.resident_address, |d, v| d.resident_address = v);
    // Who is answering is settled on the first question, before this one.
    let label = if draft.with_untracked(|d| d.helping == Some(true)) {
        "The resident's full name"
    } else {
        "Your full name"
    };
    view! {
        <h1>{heading(Step::Resident, draft)}</h1>
        <TextField id="resident-name" label error=error_for(errors, &["resident-name"])
            value=Signal::derive(name) on_input=set_name />
        <TextArea id="resident-address" label="The address of the home (optional)" rows=3
            value=Signal::derive(address) on_input=set_address />
    }
}

#[component]
fn LandlordStep(draft: RwSignal<Draft>, errors: Errors) -> impl IntoView {
    let (name, set_name) = text(draft, |d| &d.landlord_name, |d, v| d.landlord_name = v);
    let unlisted = move || draft.with(|d| d.policy_id.as_deref() == Some(CODE_ID));
    view! {
        <fieldset class="fieldset">
            <legend><h1>{heading(Step::Landlord, draft)}</h1></legend>
            <FieldError message=error_for(errors, &["landlord-forhousing"]) id="landlord-error" />
            {guided::landlords().into_iter().map(|(id, landlord)| {
                let pick = id.clone();
                let is = id.clone();
                view! {
                    <Radio name="landlord" id=format!("landlord-{id}") label=landlord
                        checked=Signal::derive(move || draft.with(|d| d.policy_id.as_deref() == Some(is.as_str())))
                        on_pick=Callback::new(move |_| draft.update(|d| d.policy_id = Some(pick.clone()))) />
                }
            }).collect_view()}
            <Radio name="landlord" id="landlord-other" label="My landlord is not listed"
                checked=Signal::derive(unlisted)
                on_pick=Callback::new(move |_| draft.update(|d| d.policy_id = Some(CODE_ID.to_string()))) />
        </fieldset>
        {move || unlisted().then(|| view! {
            <TextField id="landlord-name" label="The landlord's name"
                hint="Redress will use the Housing Ombudsman's Complaint Handling Code, which every social landlord in England must follow."
                error=error_for(errors, &["landlord-name"]) value=Signal::derive(name) on_input=set_name />
        })}
    }
}

#[component]
fn WhatStep(draft: RwSignal<Draft>, errors: Errors) -> impl IntoView {
    view! {
        <fieldset class="fieldset">
            <legend><h1>{heading(Step::What, draft)}</h1></legend>
            <FieldError message=error_for(errors, &["topic-repairs"]) id="topic-error" />
            {Topic::ALL.into_iter().map(|topic| {
                pick(draft, "topic", format!("topic-{}", topic.key()), topic.label(), |d| d.topic, |d, v| d.topic = Some(v), topic)
            }).collect_view()}
        </fieldset>
    }
}

#[component]
fn WordsStep(draft: RwSignal<Draft>, errors: Errors) -> impl IntoView {
    let (words, set_words) = text(draft, |d| &d.description, |d, v| d.description = v);
    let label = draft.with_untracked(|d| Step::Words.heading(d.helping == Some(true)));
    view! {
        <TextArea id="description" label page_heading=true rows=8
            hint="Your words go into the letter exactly as you write them. Say what happened, when, and how it affects you."
            error=error_for(errors, &["description"]) value=Signal::derive(words) on_input=set_words />
    }
}

#[component]
fn WhenStep(draft: RwSignal<Draft>, errors: Errors) -> impl IntoView {
    view! {
        <fieldset class="fieldset" aria-describedby="started-hint">
            <legend><h1>{heading(Step::When, draft)}</h1></legend>
            <p class="hint" id="started-hint">"For example, 27 3 2026. Leave it blank if you are not sure."</p>
            <FieldError message=error_for(errors, &["started-day"]) id="started-error" />
            <DayMonthYear prefix="started" initial=draft.with_untracked(|d| d.started)
                on_change=move |date| draft.update(|d| d.started = date) />
        </fieldset>
    }
}

#[component]
fn OngoingStep(draft: RwSignal<Draft>, errors: Errors) -> impl IntoView {
    let get = |d: &Draft| d.still_happening;
    let set = |d: &mut Draft, v| d.still_happening = Some(v);
    view! {
        <fieldset class="fieldset">
            <legend><h1>{heading(Step::Ongoing, draft)}</h1></legend>
            <FieldError message=error_for(errors, &["ongoing-yes"]) id="ongoing-error" />
            {pick(draft, "ongoing", "ongoing-yes".into(), "Yes", get, set, true)}
            {pick(draft, "ongoing", "ongoing-no".into(), "No", get, set, false)}
        </fieldset>
    }
}

#[component]
fn ReportedStep(draft: RwSignal<Draft>, errors: Errors) -> impl IntoView {
    let (went, set_went) = text(draft, |d| &d.how_it_went, |d, v| d.how_it_went = v);
    let get = |d: &Draft| d.reported_before;
    let set = |d: &mut Draft, v| d.reported_before = Some(v);
    view! {
        <fieldset class="fieldset">
            <legend><h1>{heading(Step::Reported, draft)}</h1></legend>
            <FieldError message=error_for(errors, &["reported-yes"]) id="reported-error" />
            {pick(draft, "reported", "reported-yes".into(), "Yes, it has been reported before", get, set, true)}
            {pick(draft, "reported", "reported-no".into(), "No, this is the first time", get, set, false)}
        </fieldset>
        {move || draft.with(|d| d.reported_before == Some(true)).then(|| view! {
            <TextArea id="how-it-went" label="What happened when it was reported? (optional)" rows=4
                value=Signal::derive(went) on_input=set_went />
        })}
    }
}

/// A question the policy asks (`guided::Question`): choose one, a date, or tick any.
#[component]
fn QuestionStep(question: Question, draft: RwSignal<Draft>, errors: Errors) -> impl IntoView {
    let q = question;
    let h1 = heading(Step::Ask(q), draft);
    let hint = draft.with_untracked(|d| q.hint(d));
    let hint_id = format!("{}-hint", q.id());
    let described = hint_id.clone();
    match draft.with_untracked(|d| q.answer(d)) {
        Answer::Choose(choices) => {
            let fields: Vec<&'static str> = choices.iter().map(|c| c.id).collect();
            let message = Signal::derive(move || {
                errors.with(|e| e.iter().find(|(f, _)| fields.contains(f)).map(|(_, m)| m.clone()))
            });
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
            }
            .into_any()
        }
        Answer::Date => view! {
            <fieldset class="fieldset" aria-describedby=format!("{described} first-raised-error")>
                <legend><h1>{h1}</h1></legend>
                <p class="hint" id=hint_id>{hint}</p>
                <FieldError message=error_for(errors, &["first-raised-day"]) id="first-raised-error" />
                <DayMonthYear prefix="first-raised" initial=draft.with_untracked(|d| d.first_raised)
                    on_change=move |date| draft.update(|d| d.first_raised = date) />
            </fieldset>
        }
        .into_any(),
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
        }
        .into_any(),
    }
}

/// "Did you apply through Choice Based Lettings?" (`Question::Cbl`), asked after a turned-down
/// application where the policy's appeal route covers only those: the shared radios over the
/// core's answers, whose ids (`cbl-<value>`) are the ones the step table links its error to.
#[component]
fn CblStep(draft: RwSignal<Draft>, errors: Errors) -> impl IntoView {
    let q = Question::Cbl;
    let (helping, hint) = draft.with_untracked(|d| (d.helping == Some(true), q.hint(d)));
    view! {
        <ChoiceRadios<CblApplication> name=q.id() legend=q.heading(helping) page_heading=true hint
            error=error_for(errors, &["cbl-yes"])
            selected=Signal::derive(move || draft.with(|d| d.cbl))
            on_change=move |c| draft.update(|d| d.cbl = Some(c)) />
    }
}

#[component]
fn OutcomeStep(draft: RwSignal<Draft>, errors: Errors) -> impl IntoView {
    let (wanted, set_wanted) = text(draft, |d| &d.outcome_wanted, |d, v| d.outcome_wanted = v);
    view! {
        <h1>{heading(Step::Outcome, draft)}</h1>
        <TextArea id="outcome" label="What would you like the landlord to do?" rows=5
            hint="For example: fix the boiler by a date, apologise, pay for damaged belongings."
            error=error_for(errors, &["outcome"]) value=Signal::derive(wanted) on_input=set_wanted />
    }
}

#[component]
fn ContactStep(draft: RwSignal<Draft>, errors: Errors) -> impl IntoView {
    let (detail, set_detail) = text(draft, |d| &d.contact_detail, |d, v| d.contact_detail = v);
    view! {
        <fieldset class="fieldset">
            <legend><h1>{heading(Step::Contact, draft)}</h1></legend>
            <FieldError message=error_for(errors, &["contact-email"]) id="contact-error" />
            {CONTACT_METHODS.into_iter().map(|(method, key, label)| {
                pick(draft, "contact", format!("contact-{key}"), label, |d| d.contact_method, |d, v| d.contact_method = Some(v), method)
            }).collect_view()}
        </fieldset>
        <TextField id="contact-detail" label="Email address, phone number or postal address"
            error=error_for(errors, &["contact-detail"]) value=Signal::derive(detail) on_input=set_detail />
    }
}

#[component]
fn AdjustmentsStep(draft: RwSignal<Draft>) -> impl IntoView {
    view! {
        <fieldset class="fieldset">
            <legend><h1>{heading(Step::Adjustments, draft)}</h1></legend>
            <p class="hint">"These are reasonable adjustments: the landlord must consider them. Tick any you need, or none."</p>
            {ADJUSTMENTS.into_iter().map(|(adjustment, id, label)| {
                let has = adjustment.clone();
                let toggled = adjustment;
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
    }
}

/// "Check your answers", with a change link for each.
#[component]
fn CheckAnswers(draft: RwSignal<Draft>) -> impl IntoView {
    let rows = draft.with_untracked(|d| d.summary(browser::today()));
    view! {
        <dl class="summary-list" data-testid="check-answers">
            {rows.into_iter().map(|row| view! {
                <div>
                    <dt>{row.label}</dt>
                    <dd>{row.value}</dd>
                    <dd><A href=Route::Complaint { step: row.change.id().into() }>"Change"<span class="visually-hidden">{format!(" {}", row.label.to_lowercase())}</span></A></dd>
                </div>
            }).collect_view()}
        </dl>
    }
}
