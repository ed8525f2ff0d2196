//! case_page: one case for the association — its facts and parties, every deadline, the event
//! log as an audit trail (who, when, what), the actions the engine allows now (and no others),
//! compensation against the policy's bands, and the letters the association sends.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::data::{self, save_case, Books};
use super::{load_failed, AreaNav};
use crate::calendar::long_date;
use crate::case::{Case, ContactMethod, EventKind, Outcome};
use crate::engine::{self, Action as CaseAction, ActionForm, RemedyAnswer, Status};
use crate::letters::association::Sender;
use crate::letters::{adjustment_text, Letter};
use crate::policy::edit::{parse_pounds, pounds};
use crate::record::RecordKind;
use crate::settings::Stored;
use crate::ui::browser;
use crate::ui::components::{
    ChoiceSelect, DateField, DeadlineTable, ErrorBox, LetterActions, LetterBody, Reader, SuccessBox,
    TextArea, TextField, UnreadableNotice,
};
use crate::ui::route::{RegisterView, Route};
use crate::ui::sync::ChangedElsewhere;
use crate::ui::warnings::AssessmentWarnings;

#[component]
pub fn AssociationCase() -> impl IntoView {
    let params = use_params_map();
    let changed = RwSignal::new(0u32);
    // What was just saved, and the revision it made: kept here because saving reloads the case
    // below, and shown only once the page shows that revision.
    let saved = RwSignal::new(None::<(String, u64)>);
    let books = LocalResource::new(move || {
        changed.track();
        // Only this case is read: saving reloads it, and the register may hold thousands.
        let id = params.read().get("id").unwrap_or_default();
        data::load(data::Cases::One(id))
    });
    view! {
        <Title text="Case" />
        <AreaNav />
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || books.get().map(|r| match r {
                Err(e) => view! { <h1>"Case"</h1> {load_failed(e.user_message())} }.into_any(),
                Ok(books) => {
                    let id = params.read().get("id").unwrap_or_default();
                    match books.case(&id).cloned() {
                        // Stored, but it cannot be read: say so (it is kept as it is).
                        None if !books.unreadable_cases().is_empty() => view! {
                            <h1>"Case"</h1>
                            <UnreadableNotice unreadable=books.unreadable.clone() />
                        }.into_any(),
                        None => view! {
                            <h1>"Case not found"</h1>
                            <ErrorBox title="There is no case with this reference on this device" testid="case-missing"><p>"Check the reference, or open the case from the " <A href=Route::Register(RegisterView::All)>"register"</A> "."</p></ErrorBox>
                        }.into_any(),
                        Some(record) => { let case = record.value.clone(); view! {
                            <ChangedElsewhere kind=RecordKind::Case id=record.id.clone() revision=Some(record.revision) what="case"
                                on_refresh=Callback::new(move |_| changed.update(|n| *n += 1)) />
                            <CaseView books record case changed saved />
                        }.into_any() }
                    }
                }
            })}
        </Transition>
    }
}

fn status_label(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "Not started",
        Status::WithLandlord => "With us",
        Status::ResponseGiven => "Response given; the resident may ask for the next stage",
        Status::ProcessComplete => "Final response given",
        Status::Refused => "Refused as not a complaint",
        Status::EscalationRefused => "Escalation refused",
        Status::WithOmbudsman => "With the Housing Ombudsman",
        Status::Closed => "Closed",
    }
}

fn event_text(event: &EventKind) -> String {
    match event {
        EventKind::Received => "Received".into(),
        EventKind::Acknowledged => "Acknowledged".into(),
        EventKind::Extended { new_due, resident_agreed } => format!(
            "Response date extended to {}{}",
            long_date(*new_due),
            if *resident_agreed { " (resident agreed)" } else { "" }
        ),
        EventKind::Responded { outcome, compensation_pence, .. } => format!(
            "Responded: {}{}",
            outcome.label().to_lowercase(),
            compensation_pence
                .filter(|p| *p > 0)
                .map(|p| format!(", compensation offered {}", pounds(p)))
                .unwrap_or_default()
        ),
        EventKind::EscalationRequested => "Resident asked for the next stage".into(),
        EventKind::EscalationRefused { reason } => format!("Escalation refused: {reason}"),
        EventKind::FormReceived => "Resident's form received".into(),
        EventKind::HearingArranged => "Decided to hold the hearing".into(),
        EventKind::HearingHeld => "Hearing held".into(),
        EventKind::Refused { exclusion, .. } => format!("Refused as not a complaint ({exclusion})"),
        EventKind::ReferredToDesignatedPerson => "Referred to a designated person".into(),
        EventKind::ReferredToOmbudsman => "Referred to the Housing Ombudsman".into(),
        EventKind::CompensationOffered { amount_pence, authorised_by } => format!(
            "Compensation offered: {}{}",
            pounds(*amount_pence),
            authorised_by.as_ref().map(|a| format!(", authorised by {a}")).unwrap_or_default()
        ),
        EventKind::CompensationAccepted => "Compensation accepted".into(),
        EventKind::CompensationPaid => "Compensation paid".into(),
        EventKind::RemedyDelivered => "Agreed remedy delivered".into(),
        EventKind::Closed => "Closed".into(),
        EventKind::Assigned { handler } => format!("Assigned to {handler}"),
    }
}

#[component]
fn CaseView(
    books: Books,
    record: Stored<Case>,
    case: Case,
    changed: RwSignal<u32>,
    saved: RwSignal<Option<(String, u64)>>,
) -> impl IntoView {
    let policy = match books.policy_for(&case) {
        Ok(policy) => policy.clone(),
        // Never another policy's dates: say which version is missing.
        Err(missing) => {
            return view! {
                <h1 data-testid="case-title">{format!("{} — {}", case.id, case.resident.name)}</h1>
                <ErrorBox title="This case's policy is not on this device" testid="case-policy-missing"><p>{missing.to_string()}</p></ErrorBox>
            }
            .into_any()
        }
    };
    let assessment = books.assess(&case);
    let sender = Sender {
        organisation: books.setup.value.organisation.clone(),
        handler: case.handler.clone().unwrap_or_default(),
    };
    let title = format!("{} — {}", case.id, case.resident.name);
    let facts = {
        let c = &case;
        let mut rows: Vec<(&'static str, String)> = vec![
            ("Kind", c.feedback.label().to_string()),
            ("Received", c.received().map(long_date).unwrap_or_default()),
            (
                "How it came in",
                c.channel.map(|ch| ch.label().to_string()).unwrap_or_else(|| "Not recorded".into()),
            ),
            ("Category", c.category.clone()),
            ("Resident", c.resident.name.clone()),
            ("Address", c.resident.address.clone()),
            ("Contact", {
                let method = match c.resident.contact.method {
                    ContactMethod::Letter => "By letter",
                    ContactMethod::Email => "By email",
                    ContactMethod::Phone => "By phone",
                    ContactMethod::Text => "By text message",
                };
                if c.resident.contact.detail.is_empty() {
                    method.to_string()
                } else {
                    format!("{method}: {}", c.resident.contact.detail)
                }
            }),
            ("Handler", c.handler.clone().unwrap_or_else(|| "Not assigned".into())),
            ("Policy", format!("{} (version {})", policy.title, c.policy_version)),
        ];
        if let Some(rep) = &c.representative {
            rows.push((
                "Representative",
                format!(
                    "{}, {}; authority {}",
                    rep.name,
                    crate::letters::role_name(rep.role),
                    if rep.authority_given { "given" } else { "not yet given" }
                ),
            ));
        }
        if !c.adjustments.is_empty() {
            rows.push((
                "Reasonable adjustments",
                c.adjustments.iter().map(adjustment_text).collect::<Vec<_>>().join("; "),
            ));
        }
        if !c.outcome_wanted.is_empty() {
            rows.push(("Wants", c.outcome_wanted.clone()));
        }
        rows
    };
    // Each letter as the case stood at its event.
    let letters: Vec<(usize, Letter)> = match &assessment {
        Ok(_) => books.rules.letters(&case, &sender, browser::today()).unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    let is_complaint = case.feedback == crate::case::FeedbackKind::Complaint;
    view! {
        <h1 data-testid="case-title">{title}</h1>
        <dl class="summary-list" data-testid="case-facts">
            {facts.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
        </dl>
        <h2>"What they said"</h2>
        <blockquote class="quote" data-testid="case-description">{case.description.clone()}</blockquote>
        {match assessment {
            Err(e) => view! { <ErrorBox title="The engine cannot make sense of this case's events" testid="case-engine-error"><p>{e.to_string()}</p><p>"Nothing can be recorded until this is corrected. Export the case and check its events."</p></ErrorBox> }.into_any(),
            Ok(a) => {
                let actions = engine::actions(&policy, &case, &a, books.calendar_for(&case));
                view! {
                    <p class="lead" data-testid="case-status">
                        {a.current_stage.as_ref().filter(|_| is_complaint).map(|s| format!("{}: ", s.name))}
                        {status_label(a.status)}
                    </p>
                    <AssessmentWarnings warnings=a.warnings.clone() reader=Reader::Association />
                    {is_complaint.then(|| view! {
                        <h2>"Deadlines"</h2>
                        <DeadlineTable deadlines=a.deadlines.clone() reader=Reader::Association cite=|clause: String| clause />
                        <p>{a.ombudsman.plain.clone()}</p>
                    })}
                    <ActionsPanel books=books.clone() policy=policy.clone() record=record.clone() case=case.clone() actions changed saved />
                }.into_any()
            }
        }}
        <h2>"Audit trail"</h2>
        <p class="hint">"Everything recorded on this case, in order. Entries are never changed or removed; a correction is a new entry."</p>
        <div class="table-scroll" role="region" aria-label="Audit trail" tabindex="0">
        <table class="table wide" data-testid="audit-trail">
            <caption class="visually-hidden">"Audit trail"</caption>
            <thead><tr><th scope="col">"When"</th><th scope="col">"What"</th><th scope="col">"Who"</th><th scope="col">"Notes"</th></tr></thead>
            <tbody>{case.events.iter().map(|e| view! {
                <tr><td>{long_date(e.date)}</td><td>{event_text(&e.what)}</td><td>{e.who.clone().unwrap_or_default()}</td><td>{e.note.clone().unwrap_or_default()}</td></tr>
            }).collect_view()}</tbody>
        </table>
        </div>
        {(!letters.is_empty()).then(|| view! {
            <h2>"Letters"</h2>
            {letters.into_iter().map(|(i, letter)| {
                let (text, html) = (letter.to_text(), letter.to_html());
                view! {
                    <details class="panel" data-testid="case-letter">
                        <summary>{letter.title.clone()}</summary>
                        <LetterBody letter />
                        <LetterActions text html file=format!("{}-{}", case.id, i + 1) secondary=true />
                    </details>
                }
            }).collect_view()}
        })}
        <h2>"Hand over"</h2>
        <p>"Download this case as a Redress file for a colleague or an advocate. They open it from their register or their Your data page. If the case is under your own edited policy, that policy version goes with it."</p>
        <ExportCase books=books.clone() record />
    }
    .into_any()
}

#[component]
fn ExportCase(books: Books, record: Stored<Case>) -> impl IntoView {
    let record = StoredValue::new(record);
    let books = StoredValue::new(books);
    let failed = RwSignal::new(None::<String>);
    view! {
        <button type="button" class="button secondary" data-testid="export-case" on:click=move |_| {
            // With its saved policy version, if it is not built in (`Casebook::hand_over`).
            let b = books.with_value(|books| record.with_value(|r| books.hand_over(r)));
            failed.set(browser::download(&crate::bundle::file_name(browser::today()), "application/json", &b.to_json_pretty()).err());
        }>"Download this case"</button>
        {move || failed.get().map(|m| view! { <ErrorBox title="The download did not work" testid="export-case-error"><p>{m}</p></ErrorBox> })}
    }
}

#[component]
fn ActionsPanel(
    books: Books,
    policy: crate::policy::Policy,
    record: Stored<Case>,
    case: Case,
    actions: Vec<CaseAction>,
    changed: RwSignal<u32>,
    saved: RwSignal<Option<(String, u64)>>,
) -> impl IntoView {
    let chosen: RwSignal<Option<usize>> = RwSignal::new(None);
    let actions = StoredValue::new(actions);
    let handlers = books.setup.value.handlers.clone();
    let form = RwSignal::new(ActionForm::new(browser::today(), case.handler.as_deref().unwrap_or_default()));
    // What stops the action being saved: the form's problems, the engine's or the store's.
    let error = RwSignal::new(Vec::<String>::new());
    let shown_revision = record.revision;
    let context = StoredValue::new((books, record, case));
    let save = leptos::prelude::Action::new_local(move |_: &()| async move {
        let Some(i) = chosen.get_untracked() else { return };
        let action = actions.with_value(|a| a[i].clone());
        let today = browser::today();
        let (books, record, case) = context.get_value();
        let event = match form.with_untracked(|f| f.to_event(&action, today)) {
            Ok(e) => e,
            Err(problems) => {
                error.set(problems.into_iter().map(|p| p.message).collect());
                browser::focus_id("action-error");
                return;
            }
        };
        // The engine checks the whole sequence before anything is saved.
        let updated = match books.append(&case, event) {
            Ok(updated) => updated,
            Err(e) => {
                error.set(vec![e.to_string()]);
                browser::focus_id("action-error");
                return;
            }
        };
        match save_case(record.with(updated)).await {
            Ok(stored) => {
                saved.set(Some((format!("Saved: {}.", action.label()), stored.revision)));
                changed.update(|n| *n += 1);
            }
            Err(m) => {
                error.set(vec![m]);
                browser::focus_id("action-error");
            }
        }
    });
    let field = move |id: &'static str,
                      label: &'static str,
                      get: fn(&ActionForm) -> String,
                      set: fn(&mut ActionForm, String),
                      date: bool| {
        let value = Signal::derive(move || form.with(get));
        if date {
            view! { <DateField id label value on_change=move |v| form.update(|f| set(f, v)) /> }.into_any()
        } else {
            view! { <TextField id label value on_input=move |v| form.update(|f| set(f, v)) /> }.into_any()
        }
    };
    let area = move |id: &'static str,
                     label: &'static str,
                     get: fn(&ActionForm) -> String,
                     set: fn(&mut ActionForm, String)| {
        view! { <TextArea id label rows=3 value=Signal::derive(move || form.with(get)) on_input=move |v| form.update(|f| set(f, v)) /> }
    };
    let point_count = Memo::new(move |_| form.with(|f| f.points.len()));
    let case_policy = policy;
    let bands =
        StoredValue::new(case_policy.compensation.as_ref().map(|c| c.bands.clone()).unwrap_or_default());
    let case_policy = StoredValue::new(case_policy);
    view! {
        <section class="panel no-print" aria-labelledby="actions-heading" data-testid="actions">
            <h2 id="actions-heading">"Record what happens next"</h2>
            {move || saved.get().filter(|(_, revision)| *revision == shown_revision).map(|(m, _)| view! { <SuccessBox testid="action-saved"><p>{m} " The dates and letters below are up to date."</p></SuccessBox> })}
            <p class="hint">"Only what the policy allows at this point is offered."</p>
            <div class="button-row" data-testid="action-buttons">
                {actions.with_value(|list| list.iter().enumerate().map(|(i, a)| {
                    let label = a.label();
                    view! {
                        <button type="button" class="button secondary" data-testid=format!("action-{}", a.name())
                            aria-pressed=move || (chosen.get() == Some(i)).to_string()
                            on:click=move |_| { chosen.set(Some(i)); error.set(Vec::new()); saved.set(None); browser::focus_id("action-form-heading"); }>{label}</button>
                    }
                }).collect_view())}
            </div>
            {move || chosen.get().map(|i| {
                let action = actions.with_value(|a| a[i].clone());
                let handlers = handlers.clone();
                view! {
                    <form class="action-form" novalidate on:submit=move |ev| { ev.prevent_default(); error.set(Vec::new()); save.dispatch(()); }>
                        <h3 id="action-form-heading" tabindex="-1">{action.label()}</h3>
                        {move || (!error.with(Vec::is_empty)).then(|| view! { <div class="error-box" role="alert" tabindex="-1" id="action-error" data-testid="action-error"><h2 class="error-title">"That was not saved"</h2>{error.get().into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}</div> })}
                        {match &action {
                            CaseAction::Acknowledge { due: Some(d), .. } => view! { <p>{format!("Due by {}.", long_date(*d))}</p> }.into_any(),
                            CaseAction::Respond { due: Some(d), .. }
                            | CaseAction::ArrangeHearing { due: Some(d), .. }
                            | CaseAction::RecordHearing { due: Some(d), .. } => view! { <p>{format!("Due by {}.", long_date(*d))}</p> }.into_any(),
                            CaseAction::QuickFix { by, .. } => view! {
                                <p>{format!("A quick fix puts the problem right at once, by {}. Otherwise the formal stage goes on: record its response instead.", long_date(*by))}</p>
                            }.into_any(),
                            CaseAction::Extend { current_due, latest, condition, beyond, rule, clause, .. } => view! {
                                <p data-testid="extend-limits">{format!("The response is due by {}. ", long_date(*current_due))}
                                {match latest {
                                    Some(l) => format!("You can extend to {} at most {}. ", long_date(*l), condition.describe_for_landlord()),
                                    None => format!("The policy names no limit: you can extend {}. ", condition.describe_for_landlord()),
                                }}
                                {latest.and(*beyond).map(|b| format!("Later than that: {}. ", b.describe_for_landlord()))}
                                {format!("{rule} ({clause})")}</p>
                            }.into_any(),
                            _ => ().into_any(),
                        }}
                        {field("action-date", "Date", |f| f.date.clone(), |f, v| f.date = v, true)}
                        {matches!(action, CaseAction::Extend { .. }).then(|| view! {
                            {field("action-new-due", "New response date", |f| f.new_due.clone(), |f, v| f.new_due = v, true)}
                            <p role="status" data-testid="extend-caution">{
                                let extend = action.clone();
                                move || form.with(|f| f.new_due.parse().ok()).and_then(|d| extend.extension_caution(d))
                            }</p>
                            <div class="radio">
                                <input type="checkbox" id="action-agreed" data-testid="action-agreed" prop:checked=move || form.with(|f| f.agreed) on:change=move |ev| { let on = event_target_checked(&ev); form.update(|f| f.agreed = on); } />
                                <label for="action-agreed">"The resident agreed to the new date"</label>
                            </div>
                        })}
                        {matches!(action, CaseAction::QuickFix { .. }).then(|| view! {
                            {area("action-remedy", "What was put right, as agreed with the resident", |f| f.remedy.clone(), |f, v| f.remedy = v)}
                        })}
                        {matches!(action, CaseAction::Respond { .. }).then(|| view! {
                            <fieldset class="fieldset">
                                <legend>"The decision on each part of the complaint"</legend>
                                {move || (0..point_count.get()).map(|p| view! {
                                    <div class="panel" data-testid=format!("point-{p}")>
                                        <div class="field">
                                            <label for=format!("point-{p}-text")>{format!("Point {}: what it is", p + 1)}</label>
                                            <input type="text" id=format!("point-{p}-text") prop:value=move || form.with(|f| f.points.get(p).map(|x| x.point.clone()).unwrap_or_default())
                                                on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.points[p].point = v); } />
                                        </div>
                                        <div class="field">
                                            <label for=format!("point-{p}-decision")>"Decision"</label>
                                            <select id=format!("point-{p}-decision") on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.points[p].decision = v); }>
                                                <option value="">"Choose"</option>
                                                {Outcome::ALL.into_iter().map(|o| view! { <option value=o.label()>{o.label()}</option> }).collect_view()}
                                            </select>
                                        </div>
                                        <div class="field">
                                            <label for=format!("point-{p}-reasons")>"Reasons"</label>
                                            <textarea id=format!("point-{p}-reasons") rows="2" prop:value=move || form.with(|f| f.points.get(p).map(|x| x.reasons.clone()).unwrap_or_default())
                                                on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.points[p].reasons = v); }></textarea>
                                        </div>
                                    </div>
                                }).collect_view()}
                                <button type="button" class="button secondary" data-testid="add-point" on:click=move |_| form.update(|f| f.points.push(Default::default()))>"Add another point"</button>
                            </fieldset>
                            <div class="field">
                                <label for="action-outcome">"Overall outcome"</label>
                                <select id="action-outcome" data-testid="action-outcome" on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.outcome = v); }>
                                    <option value="">"Choose"</option>
                                    {Outcome::ALL.into_iter().map(|o| view! { <option value=o.label()>{o.label()}</option> }).collect_view()}
                                </select>
                            </div>
                            {area("action-remedy", "Remedy: what you will do to put it right", |f| f.remedy.clone(), |f, v| f.remedy = v)}
                            <div class="field">
                                <label for="action-remedy-agreement">"Was the remedy agreed with the resident?"</label>
                                {match &action { CaseAction::Respond { remedy_rule: Some(rule), .. } => Some(view! { <p class="hint" data-testid="remedy-rule">{rule.clone()}</p> }), _ => None }}
                                <ChoiceSelect id="action-remedy-agreement" none="Not recorded"
                                    selected=Signal::derive(move || form.with(|f| f.remedy_agreement))
                                    on_change=move |answer| form.update(|f| f.remedy_agreement = answer) />
                            </div>
                            {move || form.with(|f| f.remedy_agreement == Some(RemedyAnswer::Agreed)).then(|| field("action-deliver-by", "Delivered by (the date agreed)", |f| f.deliver_by.clone(), |f, v| f.deliver_by = v, true))}
                            {field("action-compensation", "Compensation offered, in pounds (optional)", |f| f.compensation.clone(), |f, v| f.compensation = v, false)}
                            {area("action-outstanding", "Actions still to be done (tracked until done)", |f| f.outstanding.clone(), |f, v| f.outstanding = v)}
                            {area("action-lessons", "Lessons learned", |f| f.lessons.clone(), |f, v| f.lessons = v)}
                        })}
                        {match &action {
                            CaseAction::Refuse { reasons } | CaseAction::RefuseEscalation { reasons, .. } => {
                                let reasons = reasons.clone();
                                view! {
                                    <fieldset class="fieldset" data-testid="refusal-reasons">
                                        <legend>"The policy's reason"</legend>
                                        {reasons.into_iter().map(|r| {
                                            let code = r.code.clone();
                                            let id = format!("reason-{}", r.code);
                                            view! {
                                                <div class="radio">
                                                    <input type="radio" name="reason" id=id.clone() data-testid=id.clone() on:change=move |_| { let c = code.clone(); form.update(|f| f.reason_code = c); } />
                                                    <label for=id>{format!("{} ({})", r.plain, r.clause)}</label>
                                                </div>
                                            }
                                        }).collect_view()}
                                    </fieldset>
                                }.into_any()
                            }
                            CaseAction::OfferCompensation => view! {
                                {(!bands.with_value(Vec::is_empty)).then(|| view! {
                                    <table class="table" data-testid="bands">
                                        <caption>"The policy's compensation bands"</caption>
                                        <thead><tr><th scope="col">"Band"</th><th scope="col">"For"</th><th scope="col">"Range"</th><th scope="col">"Authorised by"</th></tr></thead>
                                        <tbody>{bands.with_value(|b| b.iter().map(|band| view! {
                                            <tr><td>{band.level.clone()}</td><td>{band.impact.clone()}</td>
                                            <td>{engine::band_range(band)}</td>
                                            <td>{band.authoriser.clone()}</td></tr>
                                        }).collect_view())}</tbody>
                                    </table>
                                })}
                                {field("action-amount", "Amount offered, in pounds", |f| f.amount.clone(), |f, v| f.amount = v, false)}
                                <p role="status" data-testid="band-advice">{move || {
                                    let amount = form.with(|f| parse_pounds(&f.amount).ok());
                                    amount.filter(|_| !bands.with_value(Vec::is_empty)).map(|a| case_policy.with_value(|p| engine::compensation_band(p, a).plain))
                                }}</p>
                                {field("action-authorised", "Authorised by", |f| f.authorised_by.clone(), |f, v| f.authorised_by = v, false)}
                                {case_policy.with_value(|p| p.compensation.iter().flat_map(|c| c.payment.clone()).map(|rule| view! {
                                    <p class="hint" data-testid="compensation-payment-rule">{format!("How it is paid: {} ({})", rule.plain, p.citation(&rule.clause))}</p>
                                }).collect_view())}
                            }.into_any(),
                            CaseAction::Assign => view! {
                                <div class="field">
                                    <label for="action-handler">"New handler"</label>
                                    <select id="action-handler" data-testid="action-handler" on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.handler = v); }>
                                        <option value="">"Choose"</option>
                                        {handlers.iter().map(|h| view! { <option value=h.clone()>{h.clone()}</option> }).collect_view()}
                                    </select>
                                </div>
                            }.into_any(),
                            _ => ().into_any(),
                        }}
                        {area("action-note", match &action {
                            CaseAction::Extend { .. } => "Why more time is needed (the resident is told)",
                            CaseAction::Respond { .. } => "Reasons for the overall decision",
                            CaseAction::Refuse { .. } | CaseAction::RefuseEscalation { .. } => "Explain, for the letter (optional)",
                            _ => "Notes (optional)",
                        }, |f| f.note.clone(), |f, v| f.note = v)}
                        {field("action-who", "Recorded by", |f| f.who.clone(), |f, v| f.who = v, false)}
                        <div class="button-row">
                            <button type="submit" class="button" data-testid="save-action">"Save"</button>
                            <button type="button" class="button secondary" on:click=move |_| { chosen.set(None); error.set(Vec::new()); }>"Cancel"</button>
                        </div>
                    </form>
                }
            })}
        </section>
    }
}
