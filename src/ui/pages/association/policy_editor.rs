//! policy_editor: edit a copy of a policy in a form — stages and their timescales (and what each
//! counts from), extensions, escalation windows, the time limit, exclusions and compensation
//! bands. It checks as you type (the policy's own `validate`, plus what was typed into number
//! fields), shows live where the copy departs from the Code, and saves it as a new version: saved
//! versions are never changed, so cases keep the rules they were opened under.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::data::{self, Books};
use super::setup::Departures;
use super::{load_failed, AreaNav};
use crate::calendar::{Period, PeriodUnit};
use crate::policy::edit::{self, parse_amount, parse_pounds, pounds, timescale_sentence, TimescaleKind};
use crate::policy::{
    Agreement, CompensationBand, Exclusion, Extension, ExtensionCondition, Policy, TimeLimit, Timescale,
    Trigger,
};
use crate::register::setup::{policy_record_id, Setup};
use crate::settings::Stored;
use crate::ui::browser;
use crate::ui::components::{ErrorBox, ErrorSummary, SuccessBox};
use crate::ui::db::db;
use crate::ui::route::Route;

const UNITS: [PeriodUnit; 4] =
    [PeriodUnit::WorkingDays, PeriodUnit::CalendarDays, PeriodUnit::Weeks, PeriodUnit::Months];

#[component]
pub fn PolicyEditor() -> impl IntoView {
    let books = LocalResource::new(|| data::load(data::Cases::None));
    let query = use_query_map();
    view! {
        <Title text="Edit a policy" />
        <h1>"Edit a copy of a policy"</h1>
        <AreaNav />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || books.get().map(|r| match r {
                Err(e) => load_failed(e.user_message()),
                Ok(books) => {
                    let from = query.read_untracked().get("from").unwrap_or_default();
                    view! { <EditorForm books from /> }.into_any()
                }
            })}
        </Suspense>
    }
}

/// Turns a field path from `Policy::validate` into an element id.
fn field_id(path: &str) -> String {
    path.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_string()
}

#[derive(Clone, Copy)]
struct Editor {
    policy: RwSignal<Policy>,
    /// What could not be read from number and money fields, by field path.
    typed: RwSignal<BTreeMap<String, String>>,
    /// Every problem, by field path: what was typed, then the policy's own checks.
    problems: Memo<Vec<(String, String)>>,
}

impl Editor {
    fn messages(self, path: &'static str) -> impl Fn() -> Option<AnyView> {
        move || self.message_for(path.to_string())
    }
    fn message_for(self, path: String) -> Option<AnyView> {
        let list: Vec<String> =
            self.problems.get().into_iter().filter(|(p, _)| *p == path).map(|(_, m)| m).collect();
        (!list.is_empty()).then(|| {
            view! { <p class="field-error" id=format!("{}-error", field_id(&path))>{list.join(" ")}</p> }
                .into_any()
        })
    }
    fn typed_ok(self, path: &str) {
        self.typed.update(|t| {
            t.remove(path);
        });
    }
    fn typed_bad(self, path: &str, message: String) {
        self.typed.update(|t| {
            t.insert(path.to_string(), message);
        });
    }
}

#[component]
fn EditorForm(books: Books, from: String) -> impl IntoView {
    let (id, version) = from.split_once('@').unwrap_or((from.as_str(), ""));
    let base = if id.is_empty() {
        books.current_policy().clone()
    } else {
        books.library().find(id, version).clone()
    };
    let policy = RwSignal::new(books.library().working_copy(&base, &books.setup.value.organisation));
    let typed = RwSignal::new(BTreeMap::new());
    let problems = Memo::new(move |_| {
        let mut list: Vec<(String, String)> = typed.get().into_iter().collect();
        if let Err(errors) = policy.with(Policy::validate) {
            list.extend(errors.into_iter().map(|e| (e.field, e.message)));
        }
        list
    });
    let editor = Editor { policy, typed, problems };
    let setup = StoredValue::new(books.setup.clone());
    let use_it = RwSignal::new(true);
    let attempted = RwSignal::new(false);
    let library = StoredValue::new(books.library().clone());

    let save = Action::new_local(move |_: &()| async move {
        let policy = policy.get_untracked();
        library.with_value(|l| l.check_new(&policy))?;
        let db = db().await.map_err(|e| e.user_message())?;
        let saved = Stored::new(policy_record_id(&policy), policy.clone());
        if use_it.get_untracked() {
            let setup = setup.get_value();
            let switched = Setup {
                policy_id: policy.id.clone(),
                policy_version: policy.version.clone(),
                ..setup.value.clone()
            };
            // The new version and the switch to it are one change: both are saved, or neither.
            db.write_both(saved, setup.with(switched)).await.map_err(|e| e.user_message())?;
        } else {
            db.write(saved).await.map_err(|e| e.user_message())?;
        }
        Ok::<String, String>(format!("Saved as version {} of {}.", policy.version, policy.title))
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        if problems.get_untracked().is_empty() {
            save.dispatch(());
        } else {
            browser::focus_id("policy-errors");
        }
    };

    let text_field = move |path: &'static str,
                           label: &'static str,
                           get: fn(&Policy) -> String,
                           set: fn(&mut Policy, String)| {
        let id = field_id(path);
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                {editor.messages(path)}
                <input type="text" id=id.clone() data-testid=format!("policy-{id}") value=policy.with_untracked(get)
                    on:input=move |ev| policy.update(|p| set(p, event_target_value(&ev))) />
            </div>
        }
    };
    let stage_count = Memo::new(move |_| policy.with(|p| p.stages.len()));
    let exclusion_count = Memo::new(move |_| policy.with(|p| p.exclusions.len()));
    let band_count =
        Memo::new(move |_| policy.with(|p| p.compensation.as_ref().map_or(0, |c| c.bands.len())));

    view! {
        <p class="lead">{format!("Starting from {} (version {}). Your copy is saved as a new version; the original is not changed.", base.title, base.version)}</p>
        <ErrorSummary id="policy-errors" title="There is a problem with this policy"
            problems=Signal::derive(move || if attempted.get() { problems.get().into_iter().map(|(path, m)| (field_id(&path), m)).collect() } else { Vec::new() }) />
        <form on:submit=submit novalidate>
            <h2>"About the policy"</h2>
            {text_field("title", "Title", |p| p.title.clone(), |p, v| p.title = v)}
            {text_field("landlord", "Landlord", |p| p.landlord.clone(), |p, v| p.landlord = v)}
            {text_field("version", "Version", |p| p.version.clone(), |p, v| p.version = v.trim().to_string())}

            <h2>"Stages"</h2>
            <p class="hint">"The Complaint Handling Code allows exactly two stages, with no informal stage first."</p>
            {move || (0..stage_count.get()).map(|i| view! { <StageEditor editor i /> }).collect_view()}
            <div class="button-row">
                <button type="button" class="button secondary" data-testid="add-stage"
                    on:click=move |_| policy.update(|p| { let n = p.stages.len(); p.stages.push(edit::new_stage(n)); })>"Add a stage"</button>
                <button type="button" class="button secondary" data-testid="remove-stage" disabled=move || stage_count.get() <= 1
                    on:click=move |_| policy.update(|p| { if p.stages.len() > 1 { p.stages.pop(); } })>"Remove the last stage"</button>
            </div>

            <h2>"Time limit"</h2>
            <TimeLimitEditor editor />

            <h2>"Exclusions"</h2>
            <p class="hint">"What the policy will not handle as a complaint. These are the only reasons a case can be refused. Use a short code in lower case with underscores."</p>
            {move || (0..exclusion_count.get()).map(|i| view! { <ExclusionEditor editor i /> }).collect_view()}
            <button type="button" class="button secondary" data-testid="add-exclusion"
                on:click=move |_| policy.update(|p| p.exclusions.push(Exclusion { code: String::new(), clause: "Our policy".into(), plain: String::new(), discretion: false, instead: None, blanket: false, legal_test: None, home_decisions: Vec::new(), ask: None }))>"Add an exclusion"</button>

            <h2>"Compensation bands"</h2>
            <p class="hint">"Each band suggests a range and says who must authorise a payment in it."</p>
            {move || (0..band_count.get()).map(|i| view! { <BandEditor editor i /> }).collect_view()}
            <button type="button" class="button secondary" data-testid="add-band"
                on:click=move |_| policy.update(|p| {
                    let compensation = p.compensation.get_or_insert_with(|| crate::policy::Compensation {
                        clause: "Our policy".into(), plain: "We may offer compensation where our service has fallen short.".into(),
                        bands: Vec::new(), claim_window: None, acceptance_window: None, exclusions: Vec::new(), payment: Vec::new(),
                    });
                    let min = compensation.bands.last().and_then(|b| b.max_pence).map_or(0, |m| m + 1);
                    compensation.bands.push(CompensationBand { level: String::new(), impact: String::new(), min_pence: min, max_pence: None, authoriser: String::new(), clause: "Our policy".into() });
                })>"Add a band"</button>

            <h2>"Compared with the Complaint Handling Code"</h2>
            <div aria-live="polite" data-testid="live-departures">{move || view! { <Departures policy=policy.get() /> }}</div>

            <div class="radio">
                <input type="checkbox" id="use-version" prop:checked=use_it on:change=move |ev| use_it.set(event_target_checked(&ev)) />
                <label for="use-version">"Open new cases under this version"</label>
            </div>
            <button type="submit" class="button" data-testid="save-policy">"Save as a new version"</button>
        </form>
        {move || save.value().get().map(|r| match r {
            Ok(m) => view! { <SuccessBox testid="policy-saved"><p>{m} " Cases already open keep the version they were opened under. " <A href=Route::AssociationSetup>"Back to setup"</A></p></SuccessBox> }.into_any(),
            Err(m) => view! { <ErrorBox title="The policy was not saved" testid="policy-save-error"><p>{m}</p></ErrorBox> }.into_any(),
        })}
    }
}

/// A number field whose text is kept as typed; a bad value is reported and not applied.
#[component]
fn AmountInput(
    editor: Editor,
    path: String,
    label: String,
    initial: u32,
    apply: Callback<u32>,
) -> impl IntoView {
    let id = field_id(&path);
    let message_path = path.clone();
    view! {
        <div class="field field-inline">
            <label for=id.clone()>{label}</label>
            {move || editor.message_for(message_path.clone())}
            <input type="text" inputmode="numeric" class="input-short" id=id.clone() data-testid=id.clone() value=initial.to_string()
                on:input=move |ev| match parse_amount(&event_target_value(&ev)) {
                    Ok(n) => { editor.typed_ok(&path); apply.run(n); }
                    Err(m) => editor.typed_bad(&path, m),
                } />
        </div>
    }
}

#[component]
fn UnitSelect(id: String, initial: PeriodUnit, apply: Callback<PeriodUnit>) -> impl IntoView {
    view! {
        <div class="field field-inline">
            <label for=id.clone()>"Unit"</label>
            <select id=id.clone() on:change=move |ev| { if let Some(u) = UNITS.into_iter().find(|u| edit::unit_label(*u) == event_target_value(&ev)) { apply.run(u); } }>
                {UNITS.into_iter().map(|u| view! { <option value=edit::unit_label(u) selected=u == initial>{edit::unit_label(u)}</option> }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn StageEditor(editor: Editor, i: usize) -> impl IntoView {
    let policy = editor.policy;
    let stage = policy.with_untracked(|p| p.stages[i].clone());
    let at = move |f: &str| format!("stages[{i}].{f}");
    let name_path = at("name");
    let name_id = field_id(&name_path);
    view! {
        <fieldset class="panel fieldset" data-testid=format!("stage-{i}")>
            <legend>{format!("Stage {} of the process", i + 1)}</legend>
            <div class="field">
                <label for=name_id.clone()>"Name"</label>
                {move || editor.message_for(name_path.clone())}
                <input type="text" id=name_id.clone() data-testid=name_id.clone() value=stage.name.clone()
                    on:input=move |ev| policy.update(|p| p.stages[i].name = event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for=format!("stage-{i}-handled-by")>"Who handles it"</label>
                <input type="text" id=format!("stage-{i}-handled-by") value=stage.handled_by.clone()
                    on:input=move |ev| policy.update(|p| p.stages[i].handled_by = event_target_value(&ev)) />
            </div>
            <div class="radio">
                <input type="checkbox" id=format!("stage-{i}-informal") prop:checked=stage.informal
                    on:change=move |ev| policy.update(|p| p.stages[i].informal = event_target_checked(&ev)) />
                <label for=format!("stage-{i}-informal")>"Informal (a \"stage 0\" before the formal process)"</label>
            </div>
            <div class="radio">
                <input type="checkbox" id=format!("stage-{i}-independent") prop:checked=stage.independent
                    on:change=move |ev| policy.update(|p| p.stages[i].independent = event_target_checked(&ev)) />
                <label for=format!("stage-{i}-independent")>"Handled by someone who was not involved at the stage before"</label>
            </div>
            {move || editor.message_for(at("informal"))}
            <TimescaleEditor editor i kind=TimescaleKind::Acknowledge label="Acknowledge within" />
            <TimescaleEditor editor i kind=TimescaleKind::Respond label="Respond within" />
            <ExtensionEditor editor i />
            <TimescaleEditor editor i kind=TimescaleKind::EscalationWindow label="Resident may ask for the next stage within" />
            {move || editor.message_for(at("respond"))}
        </fieldset>
    }
}

#[component]
fn TimescaleEditor(editor: Editor, i: usize, kind: TimescaleKind, label: &'static str) -> impl IntoView {
    let policy = editor.policy;
    let key = kind.key();
    let base = format!("stages[{i}].{key}");
    let id = field_id(&base);
    let has = Memo::new(move |_| {
        policy.with(|p| {
            p.stages.get(i).is_some_and(|s| match kind {
                TimescaleKind::Acknowledge => s.acknowledge.is_some(),
                TimescaleKind::Respond => s.respond.is_some(),
                TimescaleKind::ResidentForm => s.resident_form.is_some(),
                TimescaleKind::EscalationWindow => s.escalation_window.is_some(),
            })
        })
    });
    // Keeps the sentence a resident reads in step with the numbers.
    let change = move |f: &dyn Fn(&mut Timescale)| {
        policy.update(|p| {
            if let Some(t) = kind.of(&mut p.stages[i]).as_mut() {
                f(t);
                t.plain = timescale_sentence(kind, t);
            }
        })
    };
    let toggle = move |on: bool| {
        policy.update(|p| {
            let s = kind.of(&mut p.stages[i]);
            if on && s.is_none() {
                let from = match kind {
                    TimescaleKind::EscalationWindow => Trigger::StageResponse,
                    _ => Trigger::StageStart,
                };
                let mut t = Timescale {
                    period: Period::working_days(5),
                    from,
                    clause: "Our policy".into(),
                    plain: String::new(),
                    aim_only: false,
                };
                t.plain = timescale_sentence(kind, &t);
                *s = Some(t);
            } else if !on {
                *s = None;
            }
        });
        // A hidden field's typed errors no longer apply.
        let prefix = format!("stages[{i}].{key}");
        editor.typed.update(|t| t.retain(|k, _| !k.starts_with(&prefix)));
    };
    let amount_path = format!("{base}.period.amount");
    let base_for_messages = base.clone();
    let inner_id = id.clone();
    view! {
        <div class="timescale" data-testid=id.clone()>
            <div class="radio">
                <input type="checkbox" id=format!("{id}-on") prop:checked=move || has.get() on:change=move |ev| toggle(event_target_checked(&ev)) />
                <label for=format!("{id}-on")>{label}</label>
            </div>
            {move || editor.message_for(base_for_messages.clone())}
            {move || has.get().then(|| {
                let t = policy.with_untracked(|p| kind.of(&mut p.stages[i].clone()).clone()).expect("shown only when set");
                let id = inner_id.clone();
                let from_id = format!("{id}-from");
                let from_path = format!("{base}.from");
                view! {
                    <div class="inline-fields">
                        <AmountInput editor path=amount_path.clone() label="Number".into() initial=t.period.amount
                            apply=Callback::new(move |n| change(&|t: &mut Timescale| t.period.amount = n)) />
                        <UnitSelect id=format!("{id}-unit") initial=t.period.unit apply=Callback::new(move |u| change(&|t: &mut Timescale| t.period.unit = u)) />
                        {(kind != TimescaleKind::EscalationWindow).then(|| view! {
                            <div class="field field-inline">
                                <label for=from_id.clone()>"Counted from"</label>
                                <select id=from_id.clone() data-testid=from_id.clone() on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    let trigger = [Trigger::StageStart, Trigger::Acknowledged, Trigger::FormReceived].into_iter().find(|t| edit::trigger_label(*t) == v);
                                    if let Some(trigger) = trigger { change(&|t: &mut Timescale| t.from = trigger); }
                                }>
                                    {[Trigger::StageStart, Trigger::Acknowledged, Trigger::FormReceived].into_iter().map(|tr| view! {
                                        <option value=edit::trigger_label(tr) selected=tr == t.from>{edit::trigger_label(tr)}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                        })}
                    </div>
                    {let p = from_path.clone(); move || editor.message_for(p.clone())}
                    <p class="hint">{move || policy.with(|p| p.stages.get(i).and_then(|s| match kind {
                        TimescaleKind::Acknowledge => s.acknowledge.as_ref(),
                        TimescaleKind::Respond => s.respond.as_ref(),
                        TimescaleKind::ResidentForm => s.resident_form.as_ref(),
                        TimescaleKind::EscalationWindow => s.escalation_window.as_ref(),
                    }).map(|t| format!("Residents will read: \"{}\"", t.plain)))}</p>
                }
            })}
        </div>
    }
}

#[component]
fn ExtensionEditor(editor: Editor, i: usize) -> impl IntoView {
    let policy = editor.policy;
    let id = format!("stages-{i}-extension");
    let has = Memo::new(move |_| policy.with(|p| p.stages.get(i).is_some_and(|s| s.extension.is_some())));
    let toggle = move |on: bool| {
        policy.update(|p| {
            p.stages[i].extension = on.then(|| Extension {
                up_to: Some(Period::working_days(10)),
                agreement: Agreement::NotNeeded,
                clause: "Our policy".into(),
                plain: "We can extend the response date by up to 10 more working days, and will explain why and give you the Housing Ombudsman's contact details.".into(),
                condition: Some(ExtensionCondition::ReasonExplained),
                beyond_limit: None,
            })
        });
        editor.typed.update(|t| t.retain(|k, _| !k.starts_with(&format!("stages[{i}].extension"))));
    };
    let agreements = [
        (Agreement::NotNeeded, "The landlord decides, and tells the resident"),
        (Agreement::NeededBeyondLimit, "The resident must agree to anything beyond the limit"),
        (Agreement::Needed, "The resident must agree to any new date"),
    ];
    view! {
        <div class="timescale">
            <div class="radio">
                <input type="checkbox" id=format!("{id}-on") prop:checked=move || has.get() on:change=move |ev| toggle(event_target_checked(&ev)) />
                <label for=format!("{id}-on")>"The response date may be extended"</label>
            </div>
            {move || has.get().then(|| {
                let ext = policy.with_untracked(|p| p.stages[i].extension.clone()).expect("shown only when set");
                let up_to = ext.up_to.unwrap_or(Period::working_days(10));
                view! {
                    <div class="inline-fields">
                        <AmountInput editor path=format!("stages[{i}].extension.up_to.amount") label="By up to".into() initial=up_to.amount
                            apply=Callback::new(move |n| policy.update(|p| if let Some(e) = p.stages[i].extension.as_mut() { e.up_to = Some(Period { amount: n, unit: e.up_to.map_or(PeriodUnit::WorkingDays, |u| u.unit) }); })) />
                        <UnitSelect id=format!("{id}-unit") initial=up_to.unit
                            apply=Callback::new(move |u| policy.update(|p| if let Some(e) = p.stages[i].extension.as_mut() { e.up_to = Some(Period { amount: e.up_to.map_or(10, |x| x.amount), unit: u }); })) />
                    </div>
                    <div class="field">
                        <label for=format!("{id}-agreement")>"Who decides"</label>
                        <select id=format!("{id}-agreement") on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some((a, _)) = agreements.iter().find(|(_, l)| *l == v) { let a = *a; policy.update(|p| if let Some(e) = p.stages[i].extension.as_mut() { e.agreement = a; }); }
                        }>
                            {agreements.iter().map(|(a, l)| view! { <option value=*l selected=*a == ext.agreement>{*l}</option> }).collect_view()}
                        </select>
                    </div>
                }
            })}
        </div>
    }
}

#[component]
fn TimeLimitEditor(editor: Editor) -> impl IntoView {
    let policy = editor.policy;
    let has = Memo::new(move |_| policy.with(|p| p.time_limit.is_some()));
    let toggle = move |on: bool| {
        policy.update(|p| {
            p.time_limit = on.then(|| TimeLimit {
                period: Period::months(12),
                clause: "Our policy".into(),
                plain: "Complain within 12 months of the problem. We may consider older complaints in some cases.".into(),
                discretion: true,
                exceptions: Vec::new(),
                counts_to: crate::policy::LimitEnd::Complaint,
            })
        });
        editor.typed.update(|t| t.retain(|k, _| !k.starts_with("time_limit")));
    };
    view! {
        <div class="radio">
            <input type="checkbox" id="time-limit-on" prop:checked=move || has.get() on:change=move |ev| toggle(event_target_checked(&ev)) />
            <label for="time-limit-on">"Complaints must be made within a time limit"</label>
        </div>
        {move || has.get().then(|| {
            let limit = policy.with_untracked(|p| p.time_limit.clone()).expect("shown only when set");
            let sentence = move |p: &mut Policy| if let Some(l) = p.time_limit.as_mut() {
                l.plain = format!("Complain within {} of the problem.{}", l.period.describe(), if l.discretion { " We may consider older complaints in some cases." } else { "" });
            };
            view! {
                <div class="inline-fields">
                    <AmountInput editor path="time_limit.period.amount".into() label="Within".into() initial=limit.period.amount
                        apply=Callback::new(move |n| policy.update(|p| { if let Some(l) = p.time_limit.as_mut() { l.period.amount = n; } sentence(p); })) />
                    <UnitSelect id="time-limit-unit".into() initial=limit.period.unit
                        apply=Callback::new(move |u| policy.update(|p| { if let Some(l) = p.time_limit.as_mut() { l.period.unit = u; } sentence(p); })) />
                </div>
                <div class="radio">
                    <input type="checkbox" id="time-limit-discretion" prop:checked=limit.discretion
                        on:change=move |ev| { let on = event_target_checked(&ev); policy.update(|p| { if let Some(l) = p.time_limit.as_mut() { l.discretion = on; } sentence(p); }); } />
                    <label for="time-limit-discretion">"Older complaints may still be considered (the Code expects this, for example for safeguarding)"</label>
                </div>
            }
        })}
    }
}

#[component]
fn ExclusionEditor(editor: Editor, i: usize) -> impl IntoView {
    let policy = editor.policy;
    let e = policy.with_untracked(|p| p.exclusions[i].clone());
    let code_path = format!("exclusions[{i}].code");
    let plain_path = format!("exclusions[{i}].plain");
    let (code_id, plain_id) = (field_id(&code_path), field_id(&plain_path));
    view! {
        <fieldset class="panel fieldset" data-testid=format!("exclusion-{i}")>
            <legend>{format!("Exclusion {}", i + 1)}</legend>
            <div class="field">
                <label for=code_id.clone()>"Code"</label>
                {move || editor.message_for(code_path.clone())}
                <input type="text" id=code_id.clone() value=e.code.clone() on:input=move |ev| policy.update(|p| p.exclusions[i].code = event_target_value(&ev).trim().to_string()) />
            </div>
            <div class="field">
                <label for=plain_id.clone()>"What it means, in plain English"</label>
                {move || editor.message_for(plain_path.clone())}
                <textarea id=plain_id.clone() rows="2" on:input=move |ev| policy.update(|p| p.exclusions[i].plain = event_target_value(&ev))>{e.plain.clone()}</textarea>
            </div>
            <button type="button" class="button secondary" on:click=move |_| {
                policy.update(|p| { p.exclusions.remove(i); });
                editor.typed.update(|t| t.retain(|k, _| !k.starts_with("exclusions")));
            }>{format!("Remove exclusion {}", i + 1)}</button>
        </fieldset>
    }
}

#[component]
fn BandEditor(editor: Editor, i: usize) -> impl IntoView {
    let policy = editor.policy;
    let band =
        policy.with_untracked(|p| p.compensation.as_ref().map(|c| c.bands[i].clone())).expect("band exists");
    let with_band = move |f: Box<dyn Fn(&mut CompensationBand)>| {
        policy.update(|p| {
            if let Some(b) = p.compensation.as_mut().and_then(|c| c.bands.get_mut(i)) {
                f(b)
            }
        })
    };
    let money = move |which: &'static str, label: &'static str, initial: String, optional: bool| {
        let path = format!("compensation.bands[{i}].{which}");
        let id = field_id(&path);
        let shown = path.clone();
        view! {
            <div class="field field-inline">
                <label for=id.clone()>{label}</label>
                {move || editor.message_for(shown.clone())}
                <input type="text" inputmode="decimal" class="input-short" id=id.clone() value=initial on:input=move |ev| {
                    let text = event_target_value(&ev);
                    if optional && text.trim().is_empty() {
                        editor.typed_ok(&path);
                        with_band(Box::new(|b| b.max_pence = None));
                        return;
                    }
                    match parse_pounds(&text) {
                        Ok(pence) => {
                            editor.typed_ok(&path);
                            if which == "min_pence" { with_band(Box::new(move |b| b.min_pence = pence)); } else { with_band(Box::new(move |b| b.max_pence = Some(pence))); }
                        }
                        Err(m) => editor.typed_bad(&path, m),
                    }
                } />
            </div>
        }
    };
    let strip = |s: String| s.trim_start_matches('£').replace(',', "");
    view! {
        <fieldset class="panel fieldset" data-testid=format!("band-{i}")>
            <legend>{format!("Band {}", i + 1)}</legend>
            <div class="field">
                <label for=format!("band-{i}-level")>"Name (for example low, medium, high)"</label>
                <input type="text" id=format!("band-{i}-level") value=band.level.clone() on:input=move |ev| { let v = event_target_value(&ev); with_band(Box::new(move |b| b.level = v.clone())); } />
            </div>
            <div class="field">
                <label for=format!("band-{i}-impact")>"The inconvenience it is for"</label>
                <input type="text" id=format!("band-{i}-impact") value=band.impact.clone() on:input=move |ev| { let v = event_target_value(&ev); with_band(Box::new(move |b| b.impact = v.clone())); } />
            </div>
            <div class="inline-fields">
                {money("min_pence", "From (£)", strip(pounds(band.min_pence)), false)}
                {money("max_pence", "To (£, blank for no upper limit)", band.max_pence.map(|m| strip(pounds(m))).unwrap_or_default(), true)}
            </div>
            <div class="field">
                <label for=format!("band-{i}-authoriser")>"Who must authorise it"</label>
                <input type="text" id=format!("band-{i}-authoriser") value=band.authoriser.clone() on:input=move |ev| { let v = event_target_value(&ev); with_band(Box::new(move |b| b.authoriser = v.clone())); } />
            </div>
            <button type="button" class="button secondary" on:click=move |_| {
                policy.update(|p| if let Some(c) = p.compensation.as_mut() { c.bands.remove(i); });
                editor.typed.update(|t| t.retain(|k, _| !k.starts_with("compensation")));
            }>{format!("Remove band {}", i + 1)}</button>
        </fieldset>
    }
}
