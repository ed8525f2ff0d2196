//! areas: the landing pages of the three kinds of user. They say honestly what is here now and
//! what is coming.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn ResidentArea() -> impl IntoView {
    view! {
        <Title text="Complain about your landlord" />
        <h1>"Complain about your landlord"</h1>
        <p class="lead">"Redress will guide you through your complaint one question at a time."</p>
        <ComingSoon>
            <li>"check whether your problem is a complaint, a repair request, or something handled elsewhere"</li>
            <li>"write your complaint letter in your own words, quoting your landlord's policy"</li>
            <li>"give you the date your landlord must answer by, and what to do if they do not"</li>
            <li>"keep track of their replies, and tell you when you can go to the Housing Ombudsman"</li>
        </ComingSoon>
    }
}

#[component]
pub fn HelperArea() -> impl IntoView {
    view! {
        <Title text="Help someone complain" />
        <h1>"Help someone complain"</h1>
        <p class="lead">"Redress will help you make a complaint on someone else's behalf."</p>
        <ComingSoon>
            <li>"record who you are and the permission your landlord's policy needs from the resident"</li>
            <li>"prepare the permission form for the resident to sign, when one is needed"</li>
            <li>"write the complaint on their behalf and track every deadline"</li>
            <li>"keep a separate complaint for each person you help, and pass them on as a file"</li>
        </ComingSoon>
    }
}

#[component]
pub fn AssociationArea() -> impl IntoView {
    view! {
        <Title text="Run your complaints register" />
        <h1>"Run your complaints register"</h1>
        <p class="lead">"Redress will run your complaints register in this browser, with no server and no IT team."</p>
        <ComingSoon>
            <li>"use your own complaints policy, or one of the built-in ones, and see where it differs from the Complaint Handling Code"</li>
            <li>"log complaints, service requests, compliments and enquiries, and see what is due and overdue"</li>
            <li>"write acknowledgements, responses and extension notices"</li>
            <li>"produce your annual complaints report and Code self-assessment"</li>
        </ComingSoon>
    }
}

/// The honest "not yet" panel shared by the three areas.
#[component]
fn ComingSoon(children: Children) -> impl IntoView {
    view! {
        <div class="notice" data-testid="coming-soon">
            <h2>"Coming soon"</h2>
            <p>"This part of Redress is being built. When it is ready, it will:"</p>
            <ul>{children()}</ul>
            <p>
                "You can already move your data between devices or people from "
                <A href="/your-data">"Your data"</A>"."
            </p>
        </div>
    }
}
