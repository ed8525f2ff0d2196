//! not_found: the page for an address Redress does not have.

use crate::ui::route::Route;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Title text="Page not found" />
        <h1>"Page not found"</h1>
        <p>"There is no page at this address. If you typed it, check it is right."</p>
        <p>"Nothing you saved has been lost. " <A href=Route::Start>"Go to the start page"</A>"."</p>
    }
}
