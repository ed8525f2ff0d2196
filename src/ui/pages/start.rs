//! start: the front page, which sends each kind of user on their way.

use crate::ui::route::Route;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn Start() -> impl IntoView {
    view! {
        <Title text="" />
        <h1>"Complain about your home, and get an answer on time"</h1>
        <p class="lead">
            "Redress knows your landlord's complaints policy and the rules every social landlord in England must follow. "
            "It works out every deadline, tells you your rights in plain words, and writes the letters."
        </p>
        <h2 class="visually-hidden">"Choose what you want to do"</h2>
        <ul class="choices" data-testid="start-choices">
            <li>
                <A href=Route::ResidentArea attr:class="choice" attr:data-testid="choose-resident">
                    <span class="choice-title">"I want to complain about my landlord"</span>
                    <span class="choice-hint">"For tenants, leaseholders and anyone living in a social home."</span>
                </A>
            </li>
            <li>
                <A href=Route::HelperArea attr:class="choice" attr:data-testid="choose-helper">
                    <span class="choice-title">"I am helping someone else complain"</span>
                    <span class="choice-hint">"For advocates, family, friends, councillors and MPs."</span>
                </A>
            </li>
            <li>
                <A href=Route::Association attr:class="choice" attr:data-testid="choose-association">
                    <span class="choice-title">"We are a housing association"</span>
                    <span class="choice-hint">"Run your complaints register and reports, with no server."</span>
                </A>
            </li>
        </ul>
        <p>
            "Everything you type stays on this device. "
            <A href=Route::YourData>"See what is stored, download it or delete it"</A>"."
        </p>
    }
}
