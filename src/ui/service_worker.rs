//! service_worker: the page's side of the offline copy of Redress (the worker is
//! `scripts/service-worker.js`; docs/offline.md says how the two work together).
//!
//! In a release build, once the page has loaded and its first page is on the screen (with its
//! part of the app, if it needs one: [`PageLoading`]), [`start`] registers `/sw.js`, which keeps
//! the whole build on the device. On a first visit the worker then downloads every file of the
//! build, so waiting keeps that download from competing with the page's own on a slow link.
//! When a new build has installed and is waiting, the page asks it for its versions and tells
//! the shell ([`Update::Ready`]); the new build takes over only when the user chooses it
//! ([`use_new_version`], which reloads the page) or when every Redress page has closed. A
//! development build registers nothing, so `trunk serve` never serves stale code.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    MessageEvent, RegistrationOptions, ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration,
    ServiceWorkerState,
};

use crate::rules::Update;

thread_local! {
    /// Whether the user chose the new version in this page: its taking over then reloads the page.
    static CHOSEN: Cell<bool> = const { Cell::new(false) };
    /// How many pages are waiting for their part of the app ([`PageLoading`]).
    static PAGES_LOADING: Cell<u32> = const { Cell::new(0) };
    /// The worker's registration, put off until no page is waiting for its part.
    static PUT_OFF: RefCell<Option<Box<dyn FnOnce()>>> = const { RefCell::new(None) };
}

/// Held while a page's part of the app is fetched (`ui::routes`): the worker is not registered
/// (so its download of the whole build does not start) until every such page has been drawn.
/// Dropped when the part has arrived or could not be fetched; the registration then waits for the
/// next paint, so the page is on the screen first.
#[must_use = "the page counts as loading only while this is held"]
pub struct PageLoading(());

impl PageLoading {
    pub fn start() -> Self {
        PAGES_LOADING.with(|n| n.set(n.get() + 1));
        PageLoading(())
    }
}

impl Drop for PageLoading {
    fn drop(&mut self) {
        let left = PAGES_LOADING.with(|n| {
            n.set(n.get().saturating_sub(1));
            n.get()
        });
        if left == 0 {
            if let Some(f) = PUT_OFF.with(|p| p.borrow_mut().take()) {
                super::browser::after_next_paint(f);
            }
        }
    }
}

/// Runs `f` now if no page is waiting for its part, or once the last one has been drawn.
fn when_pages_shown(f: Box<dyn FnOnce()>) {
    if PAGES_LOADING.with(Cell::get) == 0 {
        f();
    } else {
        PUT_OFF.with(|p| *p.borrow_mut() = Some(f));
    }
}

/// The content of this page's `<meta name="redress-{name}">` (`build` or `rules`, written by
/// scripts/make-sw.mjs), or "" if it has none.
pub fn page_meta(name: &str) -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&format!("meta[name='redress-{name}']")).ok().flatten())
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_default()
}

/// The browser's service workers, where it has them (not on a page served over plain http from
/// another machine, for one).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()?
        .then(|| navigator.service_worker())
}

/// In a release build, registers the worker once the page has loaded and its first page has been
/// drawn, with its part of the app if it needs one (so the worker's download of the rest of the
/// app never slows the first page on a poor signal), and calls `on_update` when a
/// new version is ready or was chosen in another window. Does nothing in a development build.
pub fn start(on_update: impl Fn(Update) + 'static) {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(container) = container() else { return };
    let on_update: Rc<dyn Fn(Update)> = Rc::new(on_update);
    // Whether a worker answers this page's requests; false on the first visit, until the new
    // worker claims the page.
    let controlled = Rc::new(Cell::new(container.controller().is_some()));

    // A waiting worker's answer to "version".
    let answered = {
        let on_update = on_update.clone();
        Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            let field = |name: &str| js_sys::Reflect::get(&data, &JsValue::from_str(name)).ok()?.as_string();
            if field("type").as_deref() == Some("redress-version") {
                if let Some(next_rules) = field("rules") {
                    on_update(Update::Ready { current_rules: page_meta("rules"), next_rules });
                }
            }
        })
    };
    container.set_onmessage(Some(answered.as_ref().unchecked_ref()));
    answered.forget();

    // A new worker took over. If this page chose it, the page reloads to become the new build;
    // if another window did, this page is still the old build and says so. (On a first visit
    // the worker only claims the page: nothing changes for the user.)
    let taken_over = {
        let controlled = controlled.clone();
        Closure::<dyn Fn()>::new(move || {
            if CHOSEN.with(Cell::get) {
                reload();
            } else if controlled.get() {
                on_update(Update::TakenOverElsewhere);
            }
            controlled.set(true);
        })
    };
    container.set_oncontrollerchange(Some(taken_over.as_ref().unchecked_ref()));
    taken_over.forget();

    // After the next paint, not at once: the app starts once the page has loaded, and the first
    // page's request for its part (`PageLoading`) is made as the app's first frame is prepared.
    after_load(move || {
        super::browser::after_next_paint(move || {
            when_pages_shown(Box::new(move || {
                wasm_bindgen_futures::spawn_local(register(container, controlled))
            }))
        })
    });
}

/// Registers `/sw.js` and watches for a new version: one already waiting from an earlier visit,
/// or one that finishes installing while this page is open.
async fn register(container: ServiceWorkerContainer, controlled: Rc<Cell<bool>>) {
    let options = RegistrationOptions::new();
    options.set_scope("/");
    // (A browser set to block workers may answer with no registration at all.)
    let registered = JsFuture::from(container.register_with_options("/sw.js", &options))
        .await
        .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>());
    let registration = match registered {
        Ok(registration) => registration,
        Err(e) => {
            // The app works as before, only not offline; nothing the user can do about it.
            web_sys::console::warn_2(&"Redress could not keep a copy for offline use:".into(), &e);
            return;
        }
    };
    if let Some(waiting) = registration.waiting() {
        if controlled.get() {
            ask_version(&waiting);
        }
    }
    // One installing now (the browser looked for a new version as the page opened), or later.
    if let Some(installing) = registration.installing() {
        watch_install(&container, &installing);
    }
    let found = {
        let registration = registration.clone();
        Closure::<dyn Fn()>::new(move || {
            if let Some(installing) = registration.installing() {
                watch_install(&container, &installing);
            }
        })
    };
    registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
    found.forget();
}

/// Asks `worker` for its versions once it has installed, if it is an update: installed while
/// another worker controls this page, so it now waits. (With none, it is the first install,
/// which takes over at once.)
fn watch_install(container: &ServiceWorkerContainer, worker: &ServiceWorker) {
    let installed = {
        let (container, worker) = (container.clone(), worker.clone());
        Closure::<dyn Fn()>::new(move || {
            if worker.state() == ServiceWorkerState::Installed && container.controller().is_some() {
                ask_version(&worker);
            }
        })
    };
    worker.set_onstatechange(Some(installed.as_ref().unchecked_ref()));
    installed.forget();
}

/// Asks a waiting worker for its build and rules version; it answers with a message.
fn ask_version(worker: &ServiceWorker) {
    if let Err(e) = worker.post_message(&JsValue::from_str("version")) {
        web_sys::console::warn_2(&"Redress could not ask the new version for its rules:".into(), &e);
    }
}

/// The user chose the new version: the waiting worker takes over, and the page reloads as the
/// new build once it has. With no worker waiting any more (another window chose it first), the
/// page reloads at once.
pub fn use_new_version() {
    CHOSEN.with(|chosen| chosen.set(true));
    wasm_bindgen_futures::spawn_local(async {
        let waiting = match container() {
            Some(container) => JsFuture::from(container.get_registration())
                .await
                .ok()
                .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
                .and_then(|r| r.waiting()),
            None => None,
        };
        match waiting {
            Some(worker) if worker.post_message(&JsValue::from_str("use-this-version")).is_ok() => {}
            _ => reload(),
        }
    });
}

/// Reloads the page.
pub fn reload() {
    if let Some(window) = web_sys::window() {
        if let Err(e) = window.location().reload() {
            web_sys::console::warn_2(&"Redress could not reload the page:".into(), &e);
        }
    }
}

/// Runs `f` once the page has finished loading (at once if it has).
fn after_load(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    if window.document().is_some_and(|d| d.ready_state() == "complete") {
        f();
        return;
    }
    let listener = Closure::once_into_js(f);
    if window.add_event_listener_with_callback("load", listener.unchecked_ref()).is_err() {
        web_sys::console::warn_1(&"Redress could not wait for the page to load.".into());
    }
}
