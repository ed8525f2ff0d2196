//! components: small pieces shared by pages — message boxes and the error summary.

use leptos::prelude::*;

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
