//! browser: the few direct browser calls the pages need (downloads, reading a chosen file,
//! focus, today's date). Kept in one place so pages stay declarative.

use chrono::NaiveDate;
use leptos::prelude::{RwSignal, Set};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, HtmlElement, Url};

/// Today's date on this device.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// 32 random bits, for the random part of a new case's id (`guided::case_id`).
pub fn random_u32() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}

/// The current time on this device, as RFC 3339.
pub fn now_rfc3339() -> String {
    chrono::Local::now().to_rfc3339()
}

/// The current time on this device (what the page's clock says, so tests can set it).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// Whether Redress was opened as an installed app (from the Home Screen, the Dock or the app
/// list) rather than in a browser tab.
pub fn installed() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let standalone = |query: &str| window.match_media(query).ok().flatten().is_some_and(|m| m.matches());
    // Safari on an iPhone says so on `navigator.standalone` instead.
    let ios_home_screen = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("standalone"))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    standalone("(display-mode: standalone)")
        || standalone("(display-mode: window-controls-overlay)")
        || ios_home_screen
}

/// Offers `contents` to the user as a downloaded file. Nothing leaves the device: the file is a
/// local `blob:` URL.
pub fn download(file_name: &str, mime: &str, contents: &str) -> Result<(), String> {
    let fail = |what: &str, e: JsValue| {
        format!("Your browser could not {what} ({e:?}). Try again, or try another browser.")
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|e| fail("prepare the file", e))?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|e| fail("prepare the file", e))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("No document is available.")?;
    let anchor: HtmlAnchorElement =
        document.create_element("a").map_err(|e| fail("start the download", e))?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    if Url::revoke_object_url(&url).is_err() {
        // The file was offered all the same; only its copy in memory stays until the page
        // closes. Nothing for the user to do, so it is noted for a developer, not shown.
        web_sys::console::warn_1(
            &"Redress: a downloaded file's temporary address could not be released".into(),
        );
    }
    Ok(())
}

/// Reads a file the user chose or dropped, as bytes.
pub async fn read_file(file: &File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("Your browser could not read the file ({e:?}). Try choosing it again."))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// SHA-256 of `data` by the browser's own implementation (WebCrypto), many times faster than
/// hashing in WebAssembly. `None` where the browser offers none (a page not served from a
/// secure origin): the caller then hashes with [`crate::bundle::sha256`].
pub async fn sha256(data: &[u8]) -> Option<[u8; 32]> {
    let subtle = web_sys::window()?.crypto().ok()?.subtle();
    // `digest` copies `data` before it returns, so the view into wasm memory is not kept.
    let promise = subtle.digest_with_str_and_u8_array("SHA-256", data).ok()?;
    let digest = JsFuture::from(promise).await.ok()?;
    js_sys::Uint8Array::new(&digest).to_vec().try_into().ok()
}

/// Runs `f` after the browser has painted the next frame: for work the user need not wait for.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    // An animation frame runs just before a paint; a task queued from it runs after that paint.
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(f, std::time::Duration::ZERO);
    });
}

thread_local! {
    /// Where [`report`] puts what went wrong: the shell's signal ([`watch_problems`]).
    static PROBLEM: std::cell::Cell<Option<RwSignal<Option<String>>>> = const { std::cell::Cell::new(None) };
}

/// Makes `shown` the place where a print, reload or focus move that the browser refused is told
/// to the user (the shell shows it on every page). Called once, by the shell.
pub fn watch_problems(shown: RwSignal<Option<String>>) {
    PROBLEM.with(|p| p.set(Some(shown)));
}

/// Tells the user, in the shell's message, that something the page asked the browser for did not
/// happen, and what to do instead.
fn report(message: &str) {
    if let Some(shown) = PROBLEM.with(|p| p.get()) {
        shown.set(Some(message.to_string()));
    }
}

/// What the user is told when focus could not move to `<main>` after a new page opened.
pub const FOCUS_MAIN_FAILED: &str = "Redress could not move you to the start of the new page. It is all \
     there: press Tab to move through it from the top, or use \"Skip to main content\".";
/// What the user is told when focus could not move to something the page just showed.
pub const FOCUS_FAILED: &str =
    "Redress could not move you to the part of the page it has just shown (a list \
     of problems, or the form you opened). It is on the page: look for it, or press Tab to reach it.";
/// What the user is told when the print window did not open.
pub const PRINT_FAILED: &str = "Your browser did not open its print window. Use Print in the browser's own \
     menu instead (or press Ctrl+P, or Cmd+P on a Mac), or download the letter and print that.";
/// What the user is told when the page could not be reloaded.
pub const RELOAD_FAILED: &str =
    "Your browser did not reload the page. Reload it yourself with the browser's \
     reload button (or press F5). Everything saved is still on this device.";

/// Moves keyboard focus to `<main>`; if it cannot, says so ([`FOCUS_MAIN_FAILED`]).
pub fn focus_main() {
    if focus_element("main").is_err() {
        report(FOCUS_MAIN_FAILED);
    }
}

/// Moves keyboard focus to the element with this id (used for error summaries and forms that
/// have just appeared). Waits for the next frame, so an element rendered by the change that
/// asked for focus exists by then; if it still cannot, says so ([`FOCUS_FAILED`]).
pub fn focus_id(id: &str) {
    let id = id.to_string();
    leptos::prelude::request_animation_frame(move || {
        if focus_element(&id).is_err() {
            report(FOCUS_FAILED);
        }
    });
}

/// Focuses the element with this id, or says why not (for support: the user is told in words).
fn focus_element(id: &str) -> Result<(), String> {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .ok_or_else(|| format!("no element #{id}"))?;
    let element: HtmlElement = element.dyn_into().map_err(|_| format!("#{id} cannot take focus"))?;
    element.focus().map_err(|e| format!("{e:?}"))
}

/// Loads the page again from the network (what was saved stays in IndexedDB); if the browser
/// refuses, says so ([`RELOAD_FAILED`]).
pub fn reload() {
    let reloaded = web_sys::window().map(|w| w.location().reload());
    if !matches!(reloaded, Some(Ok(()))) {
        report(RELOAD_FAILED);
    }
}

/// Opens the browser's print dialog (the print stylesheet prints only the letter); if the browser
/// refuses, says so ([`PRINT_FAILED`]).
pub fn print() {
    let printed = web_sys::window().map(|w| w.print());
    if !matches!(printed, Some(Ok(()))) {
        report(PRINT_FAILED);
    }
}

/// Copies text to the clipboard, or says plainly why it could not.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let failed = || {
        "Your browser did not let Redress copy the letter. Select the letter and copy it yourself, or download it.".to_string()
    };
    let navigator = web_sys::window().ok_or_else(failed)?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).map_err(|_| failed())?;
    let write = js_sys::Reflect::get(&clipboard, &"writeText".into()).map_err(|_| failed())?;
    let write: js_sys::Function = write.dyn_into().map_err(|_| failed())?;
    let promise: js_sys::Promise =
        write.call1(&clipboard, &text.into()).map_err(|_| failed())?.dyn_into().map_err(|_| failed())?;
    JsFuture::from(promise).await.map(|_| ()).map_err(|_| failed())
}
