//! register: every case in a table — filter by kind, stage, status, handler, category and what is
//! due; search the text; sort by any column; 50 rows a page so 10,000 cases stay quick. Also the
//! CSV export of what is shown, and opening a bundle from a resident, an advocate or a colleague.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::data::{self, Books};
use super::{load_failed, AreaNav};
use crate::calendar::long_date;
use crate::case::FeedbackKind;
use crate::record::{RawRecord, RecordKind};
use crate::register::{choices, select, to_csv, Column, Due, Filter, Row, RowStatus, Sort};
use crate::ui::components::ErrorBox;
use crate::ui::pages::ImportData;
use crate::ui::route::Route;
use crate::ui::{browser, sync};

const PAGE: usize = 50;

#[component]
pub fn Register() -> impl IntoView {
    let changed = RwSignal::new(0u32);
    let books = LocalResource::new(move || {
        changed.track();
        sync::track(&RecordKind::ALL);
        data::load(data::Cases::All)
    });
    view! {
        <Title text="Register" />
        <h1>"Register"</h1>
        <AreaNav />
        <p><A href=Route::NewEntry attr:class="button">"Log new feedback"</A></p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || books.get().map(|r| match r {
                Err(e) => load_failed(e.user_message()),
                Ok(books) => view! { <Table books /> }.into_any(),
            })}
        </Suspense>
        <OpenBundle changed />
    }
}

#[component]
fn Table(books: Books) -> impl IntoView {
    let today = browser::today();
    let rows: StoredValue<Vec<Row>> = StoredValue::new(books.rows());
    let query = use_query_map();
    // The filter as given in the address (links from the dashboard); "open" means every open
    // status.
    let (initial, only_open) = query.with_untracked(|q| Filter::from_query(|k| q.get(k)));
    let filter = RwSignal::new(initial);
    let open_only = RwSignal::new(only_open);
    let sort = RwSignal::new(Sort { column: Column::Received, descending: true });
    let page = RwSignal::new(0usize);
    let shown = Memo::new(move |_| {
        let f = filter.get();
        let open = open_only.get();
        rows.with_value(|rows| {
            select(rows, &f, sort.get(), today)
                .into_iter()
                .filter(|&i| !open || rows[i].status.is_open())
                .collect::<Vec<usize>>()
        })
    });
    Effect::new(move |_| {
        shown.track();
        page.set(0);
    });
    let stages = rows.with_value(|r| choices(r, |row| &row.stage));
    let handlers = rows.with_value(|r| choices(r, |row| &row.handler));
    let categories = rows.with_value(|r| choices(r, |row| &row.category));

    let select_filter = move |id: &'static str,
                              label: &'static str,
                              options: Vec<(String, String)>,
                              current: Box<dyn Fn(&Filter) -> String + Send + Sync>,
                              apply: fn(&mut Filter, String)| {
        let current = std::sync::Arc::new(current);
        view! {
            <div class="field field-inline">
                <label for=id>{label}</label>
                <select id=id data-testid=id on:change=move |ev| { let v = event_target_value(&ev); filter.update(|f| apply(f, v)); }
                    prop:value={ let current = current.clone(); move || filter.with(|f| current(f)) }>
                    <option value="">"All"</option>
                    {options.into_iter().map(|(value, text)| {
                        let selected = filter.with_untracked(|f| current(f)) == value;
                        view! { <option value=value selected=selected>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    // Why the last CSV download did not happen, if it did not.
    let csv_failed = RwSignal::new(None::<String>);
    let csv_rows = move || rows.with_value(|rows| to_csv(shown.get_untracked().iter().map(|&i| &rows[i])));

    view! {
        <div role="search">
            <form class="filters" aria-label="Filter the register" on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for="register-search">"Search"</label>
                    <p class="hint" id="register-search-hint">"Reference, names, category, address or the complaint's words."</p>
                    <input type="search" id="register-search" data-testid="register-search" aria-describedby="register-search-hint"
                        prop:value=move || filter.with(|f| f.text.clone()) on:input=move |ev| { let v = event_target_value(&ev); filter.update(|f| f.text = v); } />
                </div>
                <div class="inline-fields">
                    {select_filter("filter-kind", "Kind", FeedbackKind::ALL.into_iter().map(|k| (k.name().to_string(), k.label().to_string())).collect(),
                        Box::new(|f| f.kind.map(|k| k.name().to_string()).unwrap_or_default()),
                        |f, v| f.kind = FeedbackKind::from_name(&v))}
                    {select_filter("filter-stage", "Stage", stages.into_iter().map(|s| (s.clone(), s)).collect(),
                        Box::new(|f| f.stage.clone().unwrap_or_default()), |f, v| f.stage = (!v.is_empty()).then_some(v))}
                    {select_filter("filter-status", "Status", RowStatus::ALL.into_iter().map(|s| (s.name().to_string(), s.label().to_string())).collect(),
                        Box::new(|f| f.status.map(|s| s.name().to_string()).unwrap_or_default()),
                        |f, v| f.status = RowStatus::from_name(&v))}
                    {select_filter("filter-handler", "Handler", handlers.into_iter().map(|s| (s.clone(), s)).collect(),
                        Box::new(|f| f.handler.clone().unwrap_or_default()), |f, v| f.handler = (!v.is_empty()).then_some(v))}
                    {select_filter("filter-category", "Category", categories.into_iter().map(|s| (s.clone(), s)).collect(),
                        Box::new(|f| f.category.clone().unwrap_or_default()), |f, v| f.category = (!v.is_empty()).then_some(v))}
                    {select_filter("filter-due", "Due", Due::CHOICES.into_iter().filter_map(|d| Some((d.name()?.to_string(), d.label().to_string()))).collect(),
                        Box::new(|f| f.due.name().unwrap_or_default().to_string()),
                        |f, v| f.due = Due::from_name(&v))}
                </div>
                <div class="radio">
                    <input type="checkbox" id="filter-open" data-testid="filter-open" prop:checked=open_only on:change=move |ev| open_only.set(event_target_checked(&ev)) />
                    <label for="filter-open">"Only cases still open"</label>
                </div>
                <button type="button" class="button secondary" data-testid="clear-filters" on:click=move |_| { filter.set(Filter::default()); open_only.set(false); }>"Clear the filters"</button>
            </form>
        </div>
        <p role="status" data-testid="register-count">{move || {
            let n = shown.get().len();
            let total = rows.with_value(Vec::len);
            let cases = |n: usize| if n == 1 { "1 case".to_string() } else { format!("{n} cases") };
            if n == total { cases(n) } else if n == 1 { format!("1 of {} matches", cases(total)) } else { format!("{n} of {} match", cases(total)) }
        }}</p>
        <div class="button-row">
            <button type="button" class="button secondary" data-testid="export-csv" on:click=move |_| {
                csv_failed.set(browser::download(&format!("redress-register-{}.csv", crate::calendar::iso_date(today)), "text/csv", &csv_rows()).err());
            }>"Download these as CSV"</button>
        </div>
        {move || csv_failed.get().map(|m| view! { <ErrorBox title="The download did not work" testid="export-csv-error"><p>{m}</p></ErrorBox> })}
        <div class="table-scroll" role="region" aria-label="Cases" tabindex="0">
            <table class="table register" data-testid="register">
                <caption class="visually-hidden">"Cases, sorted by " {move || sort.get().column.label()} "; use the column buttons to sort."</caption>
                <thead><tr>
                    {Column::ALL.into_iter().map(|column| view! {
                        <th scope="col" aria-sort=move || { let s = sort.get(); if s.column != column { "none" } else if s.descending { "descending" } else { "ascending" } }>
                            <button type="button" class="sort-button" data-testid=format!("sort-{column:?}").to_lowercase()
                                on:click=move |_| sort.update(|s| if s.column == column { s.descending = !s.descending } else { *s = Sort { column, descending: false } })>
                                {column.label()}
                                <span aria-hidden="true">{move || { let s = sort.get(); if s.column != column { "" } else if s.descending { " ▼" } else { " ▲" } }}</span>
                            </button>
                        </th>
                    }).collect_view()}
                </tr></thead>
                <tbody>
                    {move || {
                        let start = page.get() * PAGE;
                        rows.with_value(|rows| shown.with(|shown| shown.iter().skip(start).take(PAGE).map(|&i| {
                            let r = rows[i].clone();
                            let overdue = r.overdue > 0;
                            view! {
                                <tr class:overdue=overdue data-testid="register-row">
                                    <td><A href=Route::AssociationCase { id: r.id.clone() }>{r.id.clone()}</A></td>
                                    <td>{r.received.map(long_date).unwrap_or_default()}</td>
                                    <td>{r.resident.clone()}</td>
                                    <td>{r.kind.label()}</td>
                                    <td>{r.category.clone()}</td>
                                    <td>{r.stage.clone()}</td>
                                    <td>{r.status.label()}</td>
                                    <td>{if r.handler.is_empty() { "Not assigned".to_string() } else { r.handler.clone() }}</td>
                                    <td>
                                        {r.next_due.map(long_date).unwrap_or_default()}
                                        {overdue.then(|| view! { <strong class="tag tag-overdue" data-testid="overdue-mark">{format!(" Overdue ({})", r.overdue)}</strong> })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()))
                    }}
                </tbody>
            </table>
        </div>
        {move || {
            let pages = shown.with(|s| s.len().div_ceil(PAGE));
            (pages > 1).then(|| view! {
                <nav aria-label="Pages of the register" class="pager">
                    <button type="button" class="button secondary" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"Previous page"</button>
                    <span data-testid="page-number">{move || format!("Page {} of {pages}", page.get() + 1)}</span>
                    <button type="button" class="button secondary" data-testid="next-page" disabled=move || page.get() + 1 >= pages on:click=move |_| page.update(|p| *p += 1)>"Next page"</button>
                </nav>
            })
        }}
    }
}

/// Opening a bundle: one case opens at once; several are listed in the register.
#[component]
fn OpenBundle(changed: RwSignal<u32>) -> impl IntoView {
    let navigate = StoredValue::new_local(use_navigate());
    let opened = Callback::new(move |records: Vec<RawRecord>| {
        let cases: Vec<&RawRecord> = records.iter().filter(|r| r.kind == RecordKind::Case).collect();
        if let [one] = cases.as_slice() {
            let to = Route::AssociationCase { id: one.id.clone() }.path();
            navigate.with_value(|go| go(&to, Default::default()));
        } else {
            changed.update(|n| *n += 1);
        }
    });
    view! {
        <ImportData changed opened />
    }
}
