//! association: the housing association's area — setup and policy editor, the register and its
//! dashboard, a case with the actions its policy allows, the annual report and the Code
//! self-assessment. Everything is read through [`data::load`] and every date comes from the engine.

mod case_page;
mod data;
mod new_entry;
mod policy_editor;
mod register;
mod report;
mod setup;

pub use case_page::AssociationCase;
pub use new_entry::NewEntry;
pub use policy_editor::PolicyEditor;
pub use register::Register;
pub use report::{AnnualReport, SelfAssessmentPage};
pub use setup::AssociationSetup;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::record::RecordKind;
use crate::register::dashboard;
use crate::ui::components::{ErrorBox, UnreadableNotice};
use crate::ui::route::{RegisterView, Route};
use crate::ui::{browser, sync};

/// The association area's own menu, on every association page.
#[component]
fn AreaNav() -> impl IntoView {
    view! {
        <nav aria-label="Complaints register" class="area-nav no-print">
            <ul class="nav-list area-nav-list">
                <li><A href=Route::Association exact=true>"Dashboard"</A></li>
                <li><A href=Route::Register(RegisterView::All)>"Register"</A></li>
                <li><A href=Route::NewEntry>"Log new feedback"</A></li>
                <li><A href=Route::AnnualReport>"Annual report"</A></li>
                <li><A href=Route::SelfAssessment>"Self-assessment"</A></li>
                <li><A href=Route::AssociationSetup>"Setup"</A></li>
            </ul>
        </nav>
    }
}

/// A store error while loading, in plain words.
fn load_failed(message: String) -> AnyView {
    view! { <ErrorBox title="The register could not be loaded" testid="load-error"><p>{message}</p><p>"Nothing has been changed. Reload the page to try again."</p></ErrorBox> }.into_any()
}

/// The reminders banner for an association's register (`reminders::select`, its duties only),
/// shown by the shell when Redress opens; loaded with this part.
#[component]
pub fn AssociationReminders() -> impl IntoView {
    let books = LocalResource::new(|| data::load(data::Cases::All));
    move || {
        books.get().and_then(Result::ok).map(|books| {
            let today = browser::today();
            let cases: Vec<(crate::case::Case, crate::engine::Assessment)> = books
                .cases
                .iter()
                .filter_map(|c| books.assess(&c.value).ok().map(|a| (c.value.clone(), a)))
                .collect();
            let selected = crate::reminders::select(
                cases.iter().map(|(c, a)| (c, a, books.calendar_for(c))),
                crate::reminders::Side::Association,
                today,
            );
            let labels: std::collections::HashMap<String, String> = cases
                .iter()
                .map(|(c, _)| (c.id.clone(), format!("{} ({}, {})", c.id, c.resident.name, c.category)))
                .collect();
            view! {
                <crate::ui::reminders::RemindersBanner reminders=selected side=crate::reminders::Side::Association
                    label=Callback::new(move |id: String| labels.get(&id).cloned().unwrap_or(id))
                    href=Callback::new(|id: String| Route::AssociationCase { id }.path()) />
            }
        })
    }
}

/// The dashboard (`/association`): what is overdue and due, by stage and by handler.
#[component]
pub fn AssociationArea() -> impl IntoView {
    let books = LocalResource::new(|| {
        sync::track(&RecordKind::ALL);
        data::load(data::Cases::All)
    });
    view! {
        <Title text="Complaints register" />
        <h1>"Complaints register"</h1>
        <AreaNav />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || books.get().map(|result| match result {
                Err(e) => load_failed(e.user_message()),
                Ok(books) if !books.setup.value.is_ready() => view! {
                    <UnreadableNotice unreadable=books.unreadable.clone() />
                    <p class="lead">"Redress runs your complaints register in this browser, with no server: your policy, every deadline in working days, the letters, the annual report and the Code self-assessment."</p>
                    <div class="notice" data-testid="needs-setup">
                        <h2>"Set up first"</h2>
                        <p>"Tell Redress your association's name, which complaints policy you follow (a built-in one, or your own edited copy), whose bank holidays count and who handles cases."</p>
                        <p><A href=Route::AssociationSetup attr:class="button">"Set up the register"</A></p>
                    </div>
                }.into_any(),
                Ok(books) => {
                    let today = browser::today();
                    let rows = books.rows();
                    let board = dashboard(&rows, today);
                    let policy = books.current_policy();
                    view! {
                        <p class="lead">{format!("{} — {} (version {})", books.setup.value.organisation, policy.title, policy.version)}</p>
                        <ul class="stat-grid" data-testid="dashboard">
                            <li class="stat stat-alert"><A href=Route::Register(RegisterView::Overdue)><span class="stat-number" data-testid="stat-overdue">{board.overdue}</span><span class="stat-label">"overdue"</span></A></li>
                            <li class="stat"><A href=Route::Register(RegisterView::DueToday)><span class="stat-number" data-testid="stat-due-today">{board.due_today}</span><span class="stat-label">"due today"</span></A></li>
                            <li class="stat"><A href=Route::Register(RegisterView::DueThisWeek)><span class="stat-number" data-testid="stat-due-week">{board.due_this_week}</span><span class="stat-label">"due this week (to Sunday)"</span></A></li>
                            <li class="stat"><A href=Route::Register(RegisterView::Open)><span class="stat-number" data-testid="stat-open">{board.open}</span><span class="stat-label">"open in total"</span></A></li>
                        </ul>
                        <h2>"Open complaints by stage"</h2>
                        {if board.by_stage.is_empty() {
                            view! { <p>"No open complaints."</p> }.into_any()
                        } else {
                            view! {
                                <table class="table" data-testid="by-stage">
                                    <caption class="visually-hidden">"Open complaints by stage"</caption>
                                    <thead><tr><th scope="col">"Stage"</th><th scope="col" class="num">"Open"</th></tr></thead>
                                    <tbody>{board.by_stage.clone().into_iter().map(|(stage, n)| view! {
                                        <tr><td><A href=Route::Register(RegisterView::Stage(stage.clone()))>{stage.clone()}</A></td><td class="num">{n}</td></tr>
                                    }).collect_view()}</tbody>
                                </table>
                            }.into_any()
                        }}
                        <h2>"Open cases by handler"</h2>
                        {if board.by_handler.is_empty() {
                            view! { <p>"No open cases."</p> }.into_any()
                        } else {
                            view! {
                                <table class="table" data-testid="by-handler">
                                    <caption class="visually-hidden">"Open cases by handler"</caption>
                                    <thead><tr><th scope="col">"Handler"</th><th scope="col" class="num">"Open"</th><th scope="col" class="num">"Overdue"</th></tr></thead>
                                    <tbody>{board.by_handler.clone().into_iter().map(|(handler, n, late)| view! {
                                        <tr>
                                            <td>{if handler.is_empty() { "Not assigned".to_string() } else { handler.clone() }}</td>
                                            <td class="num">{n}</td>
                                            <td class="num">{late}</td>
                                        </tr>
                                    }).collect_view()}</tbody>
                                </table>
                            }.into_any()
                        }}
                        <p class="muted">{format!("Working days are counted with {}.", books.calendar_source())}</p>
                        {let cases = books.unreadable_cases().join(", "); (!cases.is_empty()).then(|| view! {
                            <ErrorBox title="Some saved cases could not be read"><p>{format!("These records are not valid cases and are left out: {cases}. They have not been changed.")}</p></ErrorBox>
                        })}
                        // Anything else that could not be read (a policy version, a setting).
                        <UnreadableNotice unreadable={books.unreadable.iter().filter(|u| u.kind != RecordKind::Case).cloned().collect::<Vec<_>>()} />
                    }.into_any()
                }
            })}
        </Suspense>
    }
}
