//! reminders: the banner Redress shows when it opens, listing what is overdue and what is due
//! within two working days (`crate::reminders` selects them), for the resident's complaints or,
//! on a device set up for an association, for its register; each links to its case. Where the
//! browser allows notifications for an installed app, it offers them (permission is asked only
//! when the user clicks), and it says plainly that Redress cannot remind anyone while it is
//! closed, and that the calendar file's alarms will.
//!
//! The shell decides only whether there is anything to assess (a case stored); the banner's
//! code (the engine) comes with the resident's or the association's part, fetched then.

use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::calendar::long_date;
use crate::engine::Party;
use crate::record::RecordKind;
use crate::register::setup::Setup;
use crate::reminders::{Reminder, Reminders, Side};
use crate::store::StoreError;
use crate::ui::browser;
use crate::ui::db::db;

/// Which side's reminders to show when Redress opens, if any: none with no case stored; the
/// association's when this device holds an association's setup; otherwise the resident's.
pub async fn side_on_open() -> Result<Option<Side>, StoreError> {
    let db = db().await?;
    let counts = db.counts().await?;
    if !counts.iter().any(|(kind, n)| *kind == RecordKind::Case && *n > 0) {
        return Ok(None);
    }
    // A setup saved here, even one that cannot be read (the association's pages say so).
    match db.setting::<Setup>().await {
        Ok(Some(_)) | Err(StoreError::Unreadable(_)) => Ok(Some(Side::Association)),
        Ok(None) => Ok(Some(Side::Resident)),
        Err(e) => Err(e),
    }
}

/// The banner, given the selection, each case's label and its page's path.
#[component]
pub fn RemindersBanner(
    reminders: Reminders,
    side: Side,
    /// The case's name in the list ("ForHousing: Repairs").
    label: Callback<String, String>,
    /// The case's page.
    href: Callback<String, String>,
) -> impl IntoView {
    let hidden = RwSignal::new(false);
    if reminders.is_empty() {
        return ().into_any();
    }
    let item = move |r: Reminder, overdue: bool| {
        let who = match (side, r.party) {
            (Side::Resident, Party::Resident) => "You: ",
            (Side::Resident, Party::Landlord) => "Your landlord: ",
            (Side::Association, _) => "",
        };
        let when = if overdue {
            format!(", was due by {}", long_date(r.due))
        } else if r.due == browser::today() {
            ", due today".to_string()
        } else {
            format!(", by {}", long_date(r.due))
        };
        view! {
            <li>
                <A href=href.run(r.case_id.clone())>{label.run(r.case_id.clone())}</A>
                " — " {who} {r.what.clone()} {when}
            </li>
        }
    };
    let summary = summary(&reminders);
    let Reminders { overdue, soon } = reminders;
    let closed_words = match side {
        Side::Resident => "Redress can only remind you while it is open: it cannot remind you while it is closed. Add your complaint's dates to your own calendar (\"Add these dates to your calendar\" on the complaint's page), and your calendar will remind you the day before and on the day.",
        Side::Association => "Redress can only remind you while it is open: it cannot remind you while it is closed. Open it each working day; the register lists every date.",
    };
    view! {
        <Show when=move || !hidden.get()>
            <section class="container keeping-notice" aria-labelledby="reminders-heading" data-testid="reminders">
                <h2 id="reminders-heading" class="reminders-heading">"Reminders"</h2>
                {(!overdue.is_empty()).then(|| view! {
                    <h3>"Overdue"</h3>
                    <ul data-testid="reminders-overdue">{overdue.clone().into_iter().map(|r| item(r, true)).collect_view()}</ul>
                })}
                {(!soon.is_empty()).then(|| view! {
                    <h3>"Due in the next two working days"</h3>
                    <ul data-testid="reminders-soon">{soon.clone().into_iter().map(|r| item(r, false)).collect_view()}</ul>
                })}
                <p class="muted" data-testid="reminders-closed">{closed_words}</p>
                <NotificationOffer summary=summary.clone() />
                <p><button type="button" class="button secondary" on:click=move |_| hidden.set(true)>"Hide the reminders"</button></p>
            </section>
        </Show>
    }
    .into_any()
}

/// "2 dates are overdue and 1 is due in the next two working days."
fn summary(r: &Reminders) -> String {
    let dates = |n: usize| if n == 1 { "1 date".to_string() } else { format!("{n} dates") };
    match (r.overdue.len(), r.soon.len()) {
        (0, s) => format!("{} due in the next two working days.", dates(s)),
        (o, 0) => format!("{} overdue.", dates(o)),
        (o, s) => format!("{} overdue, and {} due in the next two working days.", dates(o), dates(s)),
    }
}

/// Where the browser allows notifications for an installed app, offers to show the reminders
/// as one; the permission is asked only on this click.
#[component]
fn NotificationOffer(summary: String) -> impl IntoView {
    let supported = notifications_supported();
    let result = RwSignal::new(None::<Result<(), String>>);
    let show = Action::new_local(move |summary: &String| {
        let summary = summary.clone();
        async move { result.set(Some(notify(&summary).await)) }
    });
    if !supported {
        return ().into_any();
    }
    view! {
        <p>
            <button type="button" class="button secondary" data-testid="notify"
                on:click=move |_| { show.dispatch(summary.clone()); }>
                "Show these as a notification"
            </button>
        </p>
        <div role="status">
            {move || result.get().map(|r| match r {
                Ok(()) => view! { <p data-testid="notify-result">"Done. Redress shows this notification when it opens and something is due; it cannot show one while it is closed."</p> }.into_any(),
                Err(m) => view! { <p data-testid="notify-result">{m}</p> }.into_any(),
            })}
        </div>
    }
    .into_any()
}

/// Notifications are offered only to an installed app in a browser that has them.
fn notifications_supported() -> bool {
    let Some(window) = web_sys::window() else { return false };
    browser::installed() && js_sys::Reflect::has(&window, &"Notification".into()).unwrap_or(false)
}

/// Asks for permission (if not yet given) and shows the summary as a notification, through
/// the service worker where there is one (an installed app on Android has no other way).
async fn notify(summary: &str) -> Result<(), String> {
    use web_sys::{Notification, NotificationOptions, NotificationPermission};
    let refused = || {
        "Your browser did not allow notifications for Redress. You can allow them in its settings for this site.".to_string()
    };
    let permission = match Notification::permission() {
        NotificationPermission::Granted => NotificationPermission::Granted,
        NotificationPermission::Denied => return Err(refused()),
        _ => {
            let promise = Notification::request_permission().map_err(|_| refused())?;
            let answer = JsFuture::from(promise).await.map_err(|_| refused())?;
            match answer.as_string().as_deref() {
                Some("granted") => NotificationPermission::Granted,
                _ => NotificationPermission::Denied,
            }
        }
    };
    if permission != NotificationPermission::Granted {
        return Err(refused());
    }
    let options = NotificationOptions::new();
    options.set_body(summary);
    options.set_tag("redress-reminders");
    options.set_icon("/icons/icon-192.png");
    let failed = |e: wasm_bindgen::JsValue| format!("Your browser could not show the notification ({e:?}).");
    let navigator = web_sys::window().ok_or("No window.")?.navigator();
    let registration = if js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        Some(JsFuture::from(navigator.service_worker().get_registration()))
    } else {
        None
    };
    if let Some(pending) = registration {
        if let Ok(found) = pending.await {
            if let Ok(registration) = found.dyn_into::<web_sys::ServiceWorkerRegistration>() {
                let promise = registration
                    .show_notification_with_options("Redress reminders", &options)
                    .map_err(failed)?;
                JsFuture::from(promise).await.map_err(failed)?;
                return Ok(());
            }
        }
    }
    Notification::new_with_options("Redress reminders", &options).map(|_| ()).map_err(failed)
}
