//! ui: the Leptos app — the shell (skip link, header, main, footer), the routes and the pages.
//!
//! Components hold view state only. Anything about complaints (dates, deadlines, wording of
//! rules) comes from the pure core; anything stored goes through `crate::store`. User text is
//! always rendered as text, never as HTML.

mod bench;
mod browser;
mod components;
mod db;

mod pages;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_location;
use leptos_router::path;

/// Mounts the app on `<body>`. Called by `main` in the browser.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// The whole app: the layout around the routed pages.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=|page: String| if page.is_empty() { "Redress".to_string() } else { format!("{page} – Redress") } />
        <Router>
            <a class="skip-link" href="#main" data-testid="skip-link"
                on:click=|ev| { ev.prevent_default(); browser::focus_main(); }>
                "Skip to main content"
            </a>
            <header class="site-header">
                <div class="container header-inner">
                    <A href="/" attr:class="brand">"Redress"</A>
                    <nav aria-label="Main">
                        <ul class="nav-list">
                            <li><A href="/">"Start"</A></li>
                            <li><A href="/your-data">"Your data"</A></li>
                        </ul>
                    </nav>
                </div>
            </header>
            <main id="main" tabindex="-1" class="container">
                <FocusOnNavigate />
                <Routes fallback=pages::NotFound>
                    <Route path=path!("/") view=pages::Start />
                    <Route path=path!("/resident") view=pages::ResidentArea />
                    <Route path=path!("/helper") view=pages::HelperArea />
                    <Route path=path!("/association") view=pages::AssociationArea />
                    <Route path=path!("/association/setup") view=pages::AssociationSetup />
                    <Route path=path!("/association/policy") view=pages::PolicyEditor />
                    <Route path=path!("/association/register") view=pages::Register />
                    <Route path=path!("/association/new") view=pages::NewEntry />
                    <Route path=path!("/association/cases/:id") view=pages::AssociationCase />
                    <Route path=path!("/association/report") view=pages::AnnualReport />
                    <Route path=path!("/association/self-assessment") view=pages::SelfAssessmentPage />
                    <Route path=path!("/your-data") view=pages::YourData />
                    <Route path=path!("/complaint/:step") view=pages::Complaint />
                    <Route path=path!("/complaints") view=pages::MyComplaints />
                    <Route path=path!("/complaints/:id") view=pages::ComplaintPage />
                </Routes>
            </main>
            <footer class="site-footer">
                <div class="container">
                    <p>
                        "Redress keeps everything on this device. Nothing you type is sent anywhere unless you download it and pass it on yourself. "
                        <A href="/your-data">"See and manage your data"</A>"."
                    </p>
                    <p class="muted">"Redress version " {crate::APP_VERSION}</p>
                </div>
            </footer>
        </Router>
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
