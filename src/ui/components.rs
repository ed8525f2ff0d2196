//! components: small pieces shared by pages — message boxes and the bank-holiday division picker.

use leptos::prelude::*;

use crate::calendar::Division;

/// A problem the user must know about, announced to screen readers as soon as it appears.
/// `title` says what went wrong; `children` say what to do.
#[component]
pub fn ErrorBox(
    #[prop(into)] title: String,
    #[prop(optional, into)] testid: Option<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="error-box" role="alert" tabindex="-1" data-testid=testid.unwrap_or_else(|| "error".into())>
            <h2 class="error-title">{title}</h2>
            {children()}
        </div>
    }
}

/// Confirmation that something worked, announced politely.
#[component]
pub fn SuccessBox(#[prop(optional, into)] testid: Option<String>, children: Children) -> impl IntoView {
    view! {
        <div class="success-box" role="status" data-testid=testid.unwrap_or_else(|| "success".into())>
            {children()}
        </div>
    }
}

/// A `<select>` of the UK's bank-holiday divisions, bound to `division`. The label and any hint
/// are the page's; `id` is also the test id.
#[component]
pub fn DivisionSelect(
    id: &'static str,
    division: RwSignal<Division>,
    #[prop(optional)] described_by: Option<&'static str>,
) -> impl IntoView {
    view! {
        <select id=id data-testid=id aria-describedby=described_by
            on:change=move |ev| {
                if let Ok(d) = serde_json::from_value(serde_json::Value::String(event_target_value(&ev))) {
                    division.set(d);
                }
            }
            prop:value=move || division.get().feed_key()>
            {[Division::EnglandAndWales, Division::Scotland, Division::NorthernIreland].into_iter().map(|d| view! {
                <option value=d.feed_key() selected=move || division.get() == d>{d.label()}</option>
            }).collect_view()}
        </select>
    }
}
