//! report: the annual complaints performance report for a chosen period (figures, SVG charts with
//! their numbers in a table beside them, lessons learned, a print layout), and the Code
//! self-assessment, measured where the data allows and answered by the association for the rest.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;

use super::data::{self, Books};
use super::{load_failed, AreaNav};
use crate::calendar::long_date;
use crate::policy::edit::pounds;
use crate::record::RecordKind;
use crate::report::self_assessment::{measured, provisions, Answer, Complies, SelfAssessment};
use crate::report::{whole_percent, BarChart, Count, Report, ReportPeriod};
use crate::settings::Stored;
use crate::store::SettingRead;
use crate::ui::browser;
use crate::ui::components::{
    ChoiceSelect, DateField, DateInput, ErrorBox, ErrorSummary, SuccessBox, TextArea, TextField,
    UnreadableNotice,
};
use crate::ui::db::db;
use crate::ui::sync::{self, ChangedElsewhere};

/// "1 offer", "3 offers".
fn plural(n: u32, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// "93% (41 of 44)", or "no data".
fn share(part: u32, whole: u32) -> String {
    match whole_percent(part, whole) {
        Some(p) => format!("{p}% ({part} of {whole})"),
        None => "no data".into(),
    }
}

fn build(books: &Books, period: ReportPeriod) -> Report {
    books.rules.report(books.cases.iter().map(|c| &c.value), period, browser::today())
}

/// The period chooser shared by the report and the self-assessment.
#[component]
fn PeriodPicker(period: RwSignal<ReportPeriod>) -> impl IntoView {
    let from = RwSignal::new(period.get_untracked().from.to_string());
    let to = RwSignal::new(period.get_untracked().to.to_string());
    let problem = RwSignal::new(None::<String>);
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match (from.get_untracked().parse::<NaiveDate>(), to.get_untracked().parse::<NaiveDate>()) {
            (Ok(f), Ok(t)) if f <= t => {
                problem.set(None);
                period.set(ReportPeriod { from: f, to: t });
            }
            (Ok(_), Ok(_)) => {
                problem.set(Some("The start of the period must be on or before its end.".into()))
            }
            _ => problem.set(Some("Enter both dates, for example 2026-04-01 and 2027-03-31.".into())),
        }
    };
    view! {
        <form class="period no-print" on:submit=apply novalidate aria-label="Choose the period">
            <div class="inline-fields">
                <div class="field field-inline">
                    <label for="period-from">"From"</label>
                    <DateInput id="period-from" value=from on_change=move |v| from.set(v) />
                </div>
                <div class="field field-inline">
                    <label for="period-to">"To"</label>
                    <DateInput id="period-to" value=to on_change=move |v| to.set(v) />
                </div>
            </div>
            <button type="submit" class="button secondary" data-testid="period-apply">"Show this period"</button>
            {move || problem.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </form>
    }
}

#[component]
pub fn AnnualReport() -> impl IntoView {
    let books = LocalResource::new(|| {
        sync::track(&RecordKind::ALL);
        data::load(data::Cases::All)
    });
    view! {
        <Title text="Annual complaints report" />
        <h1>"Annual complaints performance report"</h1>
        <AreaNav />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || books.get().map(|r| match r {
                Err(e) => load_failed(e.user_message()),
                Ok(books) => view! { <ReportBody books /> }.into_any(),
            })}
        </Suspense>
    }
}

/// A table of counts with a heading row.
fn count_table(caption: &str, what: &str, rows: &[Count], testid: &'static str) -> impl IntoView {
    view! {
        <table class="table" data-testid=testid>
            <caption>{caption.to_string()}</caption>
            <thead><tr><th scope="col">{what.to_string()}</th><th scope="col" class="num">"Number"</th></tr></thead>
            <tbody>{rows.iter().map(|c| view! { <tr><td>{c.label.clone()}</td><td class="num">{c.count}</td></tr> }).collect_view()}</tbody>
        </table>
    }
}

/// A horizontal bar chart as SVG, described for screen readers, with its numbers in a table.
#[component]
fn Chart(chart: BarChart, index: usize) -> impl IntoView {
    let bar_height = 28.0;
    let label_width = 260.0;
    let plot = 300.0;
    let height = (chart.bars.len() as f64) * (bar_height + 8.0) + 8.0;
    let title_id = format!("chart-{index}-title");
    let desc =
        chart.bars.iter().map(|b| format!("{}: {}", b.label, b.display)).collect::<Vec<_>>().join("; ");
    view! {
        <figure class="chart" data-testid="chart">
            <figcaption id=title_id.clone()>{chart.title.clone()}</figcaption>
            <div class="chart-pair">
                <svg class="chart-svg" viewBox=format!("0 0 {} {height}", label_width + plot + 60.0) role="img" aria-labelledby=title_id.clone() focusable="false">
                    <title>{format!("{}. {desc}", chart.title)}</title>
                    {chart.bars.iter().enumerate().map(|(i, b)| {
                        let y = 8.0 + i as f64 * (bar_height + 8.0);
                        let w = (b.share * plot).max(if b.value > 0.0 { 2.0 } else { 0.0 });
                        view! {
                            <g>
                                <text x=label_width - 8.0 y=y + bar_height * 0.68 text-anchor="end" class="chart-label">{b.label.clone()}</text>
                                <rect x=label_width y=y width=w height=bar_height class="chart-bar"></rect>
                                <text x=label_width + w + 6.0 y=y + bar_height * 0.68 class="chart-value">{b.display.clone()}</text>
                            </g>
                        }
                    }).collect_view()}
                </svg>
                <table class="table chart-table">
                    <caption class="visually-hidden">{chart.title.clone()}</caption>
                    <thead><tr><th scope="col">"Item"</th><th scope="col" class="num">{chart.unit.clone()}</th></tr></thead>
                    <tbody>{chart.bars.iter().map(|b| view! { <tr><td>{b.label.clone()}</td><td class="num">{b.display.clone()}</td></tr> }).collect_view()}</tbody>
                </table>
            </div>
        </figure>
    }
}

#[component]
fn ReportBody(books: Books) -> impl IntoView {
    let period = RwSignal::new(ReportPeriod::financial_year(browser::today()));
    let books = StoredValue::new(books);
    let report = Memo::new(move |_| books.with_value(|b| build(b, period.get())));
    view! {
        <PeriodPicker period />
        <p class="no-print"><button type="button" class="button secondary" data-testid="print-report" on:click=|_| browser::print()>"Print the report"</button></p>
        {move || {
            let r = report.get();
            let organisation = books.with_value(|b| b.setup.value.organisation.clone());
            view! {
                <p class="lead" data-testid="report-period">{format!("{organisation}: {} to {}", long_date(r.period.from), long_date(r.period.to))}</p>
                <h2>"Summary"</h2>
                <dl class="summary-list" data-testid="report-summary">
                    <div><dt>"Feedback received"</dt><dd data-testid="report-total">{r.total}</dd></div>
                    <div><dt>"Complaints"</dt><dd data-testid="report-complaints">{r.complaints}</dd></div>
                    <div><dt>"Complaints with a deadline overdue today"</dt><dd data-testid="report-overdue">{r.overdue_now}</dd></div>
                    <div><dt>"Compensation offered"</dt><dd data-testid="report-offered">{format!("{} in {}", pounds(r.compensation.offered_pence), plural(r.compensation.offers, "offer"))}</dd></div>
                    <div><dt>"Compensation paid"</dt><dd data-testid="report-paid">{format!("{} in {}", pounds(r.compensation.paid_pence), plural(r.compensation.paid, "payment"))}</dd></div>
                </dl>
                <h2>"Timeliness by stage"</h2>
                <div class="table-scroll" role="region" aria-label="Timeliness by stage" tabindex="0">
                <table class="table wide" data-testid="report-stages">
                    <caption class="visually-hidden">"Timeliness by stage"</caption>
                    <thead><tr>
                        <th scope="col">"Stage"</th><th scope="col" class="num">"Reached"</th>
                        <th scope="col" class="num">"Acknowledged on time"</th><th scope="col" class="num">"Answered on time"</th>
                        <th scope="col" class="num">"Average working days to answer"</th>
                    </tr></thead>
                    <tbody>{r.stages.iter().map(|s| view! {
                        <tr data-testid=format!("report-stage-{}", s.stage_id)>
                            <th scope="row">{s.stage_name.clone()}</th>
                            <td class="num">{s.started}</td>
                            <td class="num" data-testid="ack-share">{share(s.acknowledged_on_time, s.acknowledgements_due())}</td>
                            <td class="num" data-testid="respond-share">{share(s.responded_on_time, s.responses_due())}</td>
                            <td class="num" data-testid="average-days">{s.average_working_days_to_respond.map(|d| format!("{d:.1}")).unwrap_or_else(|| "no data".into())}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
                </div>
                <h2>"In numbers"</h2>
                <div class="report-tables">
                    {count_table("By kind", "Kind", &r.by_kind, "report-by-kind")}
                    {count_table("Complaints by stage reached", "Stage", &r.by_stage, "report-by-stage")}
                    {count_table("Complaints by category", "Category", &r.by_category, "report-by-category")}
                    {count_table("Complaints by outcome", "Outcome", &r.by_outcome, "report-by-outcome")}
                </div>
                <h2>"Charts"</h2>
                {r.charts().into_iter().filter(|c| !c.bars.is_empty()).enumerate().map(|(i, chart)| view! { <Chart chart index=i /> }).collect_view()}
                <h2>"Lessons learned"</h2>
                {if r.lessons.is_empty() {
                    view! { <p>"No lessons were recorded with responses in this period."</p> }.into_any()
                } else {
                    view! { <ul data-testid="report-lessons">{r.lessons.iter().map(|l| view! { <li>{format!("{} ({}, {}): {}", l.stage_name, l.case_id, long_date(l.date), l.text)}</li> }).collect_view()}</ul> }.into_any()
                }}
                {(!r.not_assessable.is_empty()).then(|| view! {
                    <ErrorBox title="Some cases are left out"><p>{format!("The engine could not make sense of these cases' events, so they are not counted: {}.", r.not_assessable.iter().map(|n| n.case_id.as_str()).collect::<Vec<_>>().join(", "))}</p></ErrorBox>
                })}
            }
        }}
    }
}

#[component]
pub fn SelfAssessmentPage() -> impl IntoView {
    let books = LocalResource::new(|| data::load(data::Cases::All));
    let stored =
        LocalResource::new(|| async move { db().await?.setting_or_default::<SelfAssessment>().await });
    view! {
        <Title text="Code self-assessment" />
        <h1>"Complaint Handling Code self-assessment"</h1>
        <AreaNav />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || match (books.get(), stored.get()) {
                (Some(Err(e)), _) | (_, Some(Err(e))) => Some(load_failed(e.user_message())),
                (Some(Ok(books)), Some(Ok(SettingRead { stored, unreadable }))) => Some(view! {
                    <SelfAssessmentForm unreadable={books.unreadable.iter().cloned().chain(unreadable).collect::<Vec<_>>()} books record=stored />
                }.into_any()),
                _ => None,
            }}
        </Suspense>
    }
}

#[component]
fn SelfAssessmentForm(
    books: Books,
    record: Stored<SelfAssessment>,
    /// What could not be read, said until a save replaces the self-assessment.
    unreadable: Vec<crate::record::Unreadable>,
) -> impl IntoView {
    let read_at = record.revision;
    let assessment = RwSignal::new(record.value.clone());
    let record = RwSignal::new(record);
    let period = RwSignal::new(ReportPeriod::financial_year(browser::today()));
    let policy = books.current_policy().clone();
    let books = StoredValue::new(books);
    let report = Memo::new(move |_| books.with_value(|b| build(b, period.get())));
    let problems = RwSignal::new(Vec::<(String, String)>::new());
    let save = Action::new_local(move |_: &()| async move {
        let mut sa = assessment.get_untracked();
        sa.completed_on = Some(browser::today());
        let list = sa.validate();
        if !list.is_empty() {
            problems.set(list);
            browser::focus_id("sa-errors");
            return Err(String::new());
        }
        problems.set(Vec::new());
        let stored = record.get_untracked().with(sa.clone());
        let saved =
            db().await.map_err(|e| e.user_message())?.write(stored).await.map_err(|e| e.user_message())?;
        record.set(saved);
        assessment.set(sa);
        Ok(())
    });
    let update = move |id: &'static str, f: Box<dyn Fn(&mut Answer)>| {
        assessment.update(|sa| {
            let mut a = sa
                .answer(id)
                .cloned()
                .unwrap_or(Answer { provision_id: id.to_string(), ..Answer::default() });
            f(&mut a);
            sa.set(a);
        })
    };
    let get = move |id: &'static str, f: fn(&Answer) -> String| {
        move || assessment.with(|sa| sa.answer(id).map(f).unwrap_or_default())
    };
    view! {
        {move || (record.with(|r| r.revision) == read_at).then(|| view! { <UnreadableNotice unreadable=unreadable.clone() /> })}
        <p>"One row per provision of the Code. Where Redress can measure it from your register or your policy, what it found is shown; give your own answer, evidence and any action for every row. It is saved on this device and included when you export your data."</p>
        <PeriodPicker period />
        <ChangedElsewhere kind=RecordKind::Setting id=record.with_untracked(|r| r.id.clone())
            revision=Signal::derive(move || record.with(|r| (r.revision > 0).then_some(r.revision))) what="self-assessment" />
        <ErrorSummary id="sa-errors" title="Some rows need more" problems=Signal::derive(move || problems.get().into_iter().map(|(id, m)| {
            let row = provisions().iter().find(|p| p.id == id).map_or(id.as_str(), |p| p.text);
            let message = format!("{m} (\u{201c}{row}\u{201d})");
            (format!("sa-{id}-action"), message)
        }).collect()) />
        <form novalidate on:submit=move |ev| { ev.prevent_default(); save.dispatch(()); }>
            {provisions().iter().map(|p| {
                let id = p.id;
                let policy = policy.clone();
                view! {
                    <fieldset class="panel fieldset" data-testid=format!("sa-{id}")>
                        <legend>{format!("{}: {}", p.heading(), p.text)}</legend>
                        {move || measured(p, &report.get(), &policy).map(|f| view! {
                            <p class="notice" data-testid="sa-finding">
                                <strong>{match f.complies { Some(true) => "The data shows: complies. ", Some(false) => "The data shows: a gap. ", None => "Nothing to measure yet. " }}</strong>
                                {f.evidence}
                            </p>
                        })}
                        <div class="field">
                            <label for=format!("sa-{id}-complies")>"Do you comply?"</label>
                            <ChoiceSelect<Complies> id=format!("sa-{id}-complies") none="Not answered"
                                selected=Signal::derive(move || assessment.with(|sa| sa.answer(id).and_then(|a| a.complies)))
                                on_change=move |c| update(id, Box::new(move |a| a.complies = c)) />
                        </div>
                        <TextArea id=format!("sa-{id}-evidence") label="Evidence" rows=2 value=Signal::derive(get(id, |a| a.evidence.clone()))
                            on_input=move |v: String| update(id, Box::new(move |a| a.evidence = v.clone())) />
                        <TextArea id=format!("sa-{id}-commentary") label="Commentary" rows=2 value=Signal::derive(get(id, |a| a.commentary.clone()))
                            on_input=move |v: String| update(id, Box::new(move |a| a.commentary = v.clone())) />
                        <TextField id=format!("sa-{id}-action") label="Action for any gap" value=Signal::derive(get(id, |a| a.action.clone()))
                            on_input=move |v: String| update(id, Box::new(move |a| a.action = v.clone())) />
                        <DateField id=format!("sa-{id}-due") label="Action due by" value=Signal::derive(get(id, |a| a.action_due.map(|d| d.to_string()).unwrap_or_default()))
                            on_change=move |v: String| update(id, Box::new(move |a| a.action_due = v.parse().ok())) />
                    </fieldset>
                }
            }).collect_view()}
            <button type="submit" class="button" data-testid="save-self-assessment">"Save the self-assessment"</button>
        </form>
        {move || save.value().get().map(|r| match r {
            Ok(()) => view! { <SuccessBox testid="sa-saved"><p>"Saved. It is included when you export your data from Your data."</p></SuccessBox> }.into_any(),
            Err(m) if m.is_empty() => ().into_any(),
            Err(m) => view! { <ErrorBox title="The self-assessment was not saved" testid="sa-save-error"><p>{m}</p></ErrorBox> }.into_any(),
        })}
    }
}
