//! browser: the few direct browser calls the pages need (downloads, reading a chosen file,
//! focus, today's date). Kept in one place so pages stay declarative.

use chrono::NaiveDate;
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
    let _ = Url::revoke_object_url(&url);
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

/// Moves keyboard focus to `<main>`.
pub fn focus_main() {
    if let Some(main) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}

/// Moves keyboard focus to the element with this id (used for error summaries and forms that
/// have just appeared). Waits for the next frame, so an element rendered by the change that
/// asked for focus exists by then.
pub fn focus_id(id: &str) {
    let id = id.to_string();
    leptos::prelude::request_animation_frame(move || focus_now(&id));
}

fn focus_now(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Loads the page again from the network (what was saved stays in IndexedDB).
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Opens the browser's print dialog (the print stylesheet prints only the letter).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
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
