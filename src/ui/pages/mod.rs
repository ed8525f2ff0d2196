//! pages: one component per route.

mod areas;
mod not_found;
mod start;

pub use areas::{AssociationArea, HelperArea, ResidentArea};
pub use not_found::NotFound;
pub use pending::YourData;
pub use start::Start;

mod pending {
    use leptos::prelude::*;
    #[component]
    pub fn YourData() -> impl IntoView {
        view! { <h1>"Your data"</h1> }
    }
}
