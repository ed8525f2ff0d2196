//! ui: the Leptos app — the shell (skip link, header, main, footer), the routes and the pages.
//!
//! Components hold view state only. Anything about complaints (dates, deadlines, wording of
//! rules) comes from the pure core; anything stored goes through `crate::store`. User text is
//! always rendered as text, never as HTML.

pub mod browser;
mod casebook;
mod components;
pub mod db;
mod early;
mod keeping;
mod reminders;

mod pages;
pub(crate) mod route;
mod routes;
mod service_worker;
mod sync;
mod warnings;

pub use routes::LoadFailed;

use crate::rules::Update;
use components::ErrorBox;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Router, A};
use leptos_router::hooks::use_location;
use route::{Pages, Route};

/// Mounts the app on `<body>`. Called by `main` in the browser.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// The whole app: the layout around the routed pages.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let asked = keeping::Asked(RwSignal::new(None));
    provide_context(asked);
    keeping::start(asked);
    sync::start();
    // A print, reload or focus move the browser refused, told on whatever page is open.
    let browser_problem = RwSignal::new(None::<String>);
    browser::watch_problems(browser_problem);
    let (is_routing, set_is_routing) = signal(false);
    view! {
        <Title formatter=|page: String| if page.is_empty() { "Redress".to_string() } else { format!("{page} – Redress") } />
        <Router set_is_routing>
            <a class="skip-link" href="#main" data-testid="skip-link"
                on:click=|ev| { ev.prevent_default(); browser::focus_main(); }>
                "Skip to main content"
            </a>
            <header class="site-header">
                <div class="container header-inner">
                    <A href=Route::Start attr:class="brand">"Redress"</A>
                    <nav aria-label="Main">
                        <ul class="nav-list">
                            <li><A href=Route::Start>"Start"</A></li>
                            <li><A href=Route::YourData>"Your data"</A></li>
                        </ul>
                    </nav>
                </div>
                <UpdateBanner />
                <div class="keeping" role="status" data-testid="keeping">
                    <keeping::PersistenceNotice />
                </div>
                <BackupBanner />
                <RemindersOnOpen />
                {move || browser_problem.get().map(|message| view! {
                    <div class="container">
                        <div class="error-box" role="alert" data-testid="browser-problem">
                            <p>{message}</p>
                            <button type="button" class="button secondary" on:click=move |_| browser_problem.set(None)>"Close this message"</button>
                        </div>
                    </div>
                })}
            </header>
            <main id="main" tabindex="-1" class="container">
                <FocusOnNavigate />
                <PageLoading is_routing />
                <Pages />
            </main>
            <footer class="site-footer">
                <div class="container">
                    <p>
                        "Redress keeps everything on this device. Nothing you type is sent anywhere unless you download it and pass it on yourself. "
                        <A href=Route::YourData>"See and manage your data"</A>"."
                    </p>
                    <p class="muted" data-testid="app-version">{version_line()}</p>
                </div>
            </footer>
        </Router>
    }
}

/// The footer's line saying which version this is: the app's version, this build (a release
/// build's id, from the page) and the rules it counts deadlines by (`crate::rules`).
fn version_line() -> String {
    let mut line = format!("Redress version {}", crate::APP_VERSION);
    let build = service_worker::page_meta("build");
    if !build.is_empty() {
        line.push_str(&format!(", build {build}"));
    }
    let rules = service_worker::page_meta("rules");
    if !rules.is_empty() {
        line.push_str(&format!(". Rules for deadlines: version {rules}"));
    }
    line.push('.');
    line
}

/// Says when a new version of Redress is ready (it has downloaded in the background and waits),
/// whether it changes the rules for deadlines, and lets the user choose it now ("Use the new
/// version", which reloads the page) or later (it then takes over on their next visit). The
/// status region is always in the page, so screen readers announce the message when it appears;
/// focus stays where it was, so nobody typing is interrupted. Nothing appears in a development
/// build, which keeps no offline copy (`service_worker::start`).
#[component]
fn UpdateBanner() -> impl IntoView {
    let (update, set_update) = signal(None::<Update>);
    service_worker::start(move |u| set_update.set(Some(u)));
    view! {
        <div class="update-banner" role="status" data-testid="update-banner">
            {move || update.get().map(|u| {
                let elsewhere = u == Update::TakenOverElsewhere;
                view! {
                    <div class="container update-inner">
                        <p>{u.message()}</p>
                        <div class="button-row">
                            <button type="button" class="button"
                                on:click=move |_| if elsewhere { service_worker::reload() } else { service_worker::use_new_version() }>
                                {if elsewhere { "Reload this page" } else { "Use the new version" }}
                            </button>
                            <button type="button" class="button secondary" on:click=move |_| set_update.set(None)>
                                "Later"
                            </button>
                        </div>
                    </div>
                }
            })}
        </div>
    }
}

/// When Redress opens and a backup is due (`keeping::backup_due`), offers one. The banner's
/// code comes with "Your data"'s part, fetched only then.
#[component]
fn BackupBanner() -> impl IntoView {
    // The view arrives once, from a future that is not `Send` (IndexedDB, the part's fetch), so it
    // is kept outside the reactive graph and taken when `ready` says it is there.
    let banner = StoredValue::new_local(None::<AnyView>);
    let (ready, set_ready) = signal(false);
    leptos::task::spawn_local(async move {
        if keeping::backup_due().await {
            banner.set_value(Some(routes::backup_reminder().await));
            set_ready.set(true);
        }
    });
    move || ready.get().then(|| banner.try_update_value(Option::take).flatten())
}

/// When Redress opens with cases stored, the reminders banner (`ui::reminders`), its code
/// fetched with the resident's or the association's part only then.
#[component]
fn RemindersOnOpen() -> impl IntoView {
    let banner = StoredValue::new_local(None::<AnyView>);
    let (ready, set_ready) = signal(false);
    leptos::task::spawn_local(async move {
        match reminders::side_on_open().await {
            Ok(Some(side)) => banner.set_value(Some(routes::reminders_banner(side).await)),
            Ok(None) => return,
            // Said here too, as the page open may not read the database itself.
            Err(e) => banner.set_value(Some(
                view! {
                    <div class="container keeping-notice">
                        <ErrorBox title="Redress could not check whether anything is due" testid="reminders-error">
                            <p>{e.user_message()}</p>
                        </ErrorBox>
                    </div>
                }
                .into_any(),
            )),
        }
        set_ready.set(true);
    });
    move || ready.get().then(|| banner.try_update_value(Option::take).flatten())
}

/// Says "Loading the page…" when a page takes a moment to arrive: the first visit to an area
/// fetches its part of the app, which on a slow phone connection takes seconds. Shown only after
/// a short wait, so quick navigations do not flash it. The status region is always in the page,
/// so screen readers announce the message when it appears.
#[component]
fn PageLoading(is_routing: ReadSignal<bool>) -> impl IntoView {
    const SHOW_AFTER_MS: u64 = 300;
    let (shown, set_shown) = signal(false);
    // Each navigation has a number; its timer shows the message only if that navigation is still
    // the one under way when it fires. (Cancelling the timer by its handle is not enough: a
    // handle is an i32 in Rust, and a browser may give a timer an id that does not fit, as
    // Playwright's clock does, so the wrong timer was cancelled and the message never went.)
    let navigation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let routing = is_routing.get();
        navigation.update_value(|n| *n += 1);
        if routing {
            let this = navigation.get_value();
            set_timeout(
                move || {
                    if navigation.get_value() == this && is_routing.get_untracked() {
                        set_shown.set(true);
                    }
                },
                std::time::Duration::from_millis(SHOW_AFTER_MS),
            );
        } else {
            set_shown.set(false);
        }
    });
    view! {
        <p class="page-loading" role="status" data-testid="page-loading">
            {move || shown.get().then_some("Loading the page…")}
        </p>
    }
}

/// After a client-side navigation, moves focus to the page's main region so screen-reader and
/// keyboard users start at the new page's content, as they would after a full page load.
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let location = use_location();
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        let _ = location.pathname.get();
        if first.get_value() {
            first.set_value(false);
            return;
        }
        browser::focus_main();
    });
}
