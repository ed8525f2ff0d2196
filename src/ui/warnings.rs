//! warnings: the engine's cautions on an assessment (`Assessment::warnings`), in plain words, with
//! what to do about each. Shown wherever dates are: the guided result, a saved complaint in My
//! complaints and the association's case page. The words come from the core
//! ([`crate::engine::Warning::plain`] and [`crate::engine::Warning::fix`]); this only lays them out.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::engine::{Warning, WarningFix};
use crate::ui::components::Reader;
use crate::ui::route::Route;

/// The warnings, or nothing when there are none. The fix for a policy problem depends on who
/// reads it (a resident cannot edit the policy).
#[component]
pub fn AssessmentWarnings(warnings: Vec<Warning>, reader: Reader) -> impl IntoView {
    (!warnings.is_empty()).then(|| {
        view! {
            <section class="warning-panel" data-testid="assessment-warnings" aria-labelledby="assessment-warnings-heading">
                <h2 id="assessment-warnings-heading">"Check these dates"</h2>
                <ul>
                    {warnings.into_iter().map(|w| {
                        let fix = match (w.fix(), reader) {
                            (WarningFix::LoadBankHolidays, _) => view! {
                                " " <A href=Route::YourData>"Load a newer bank-holiday file on Your data"</A>
                                ". You can download one from GOV.UK (gov.uk/bank-holidays.json)."
                            }.into_any(),
                            (WarningFix::CheckPolicyVersion, Reader::Association) => view! {
                                " Check which version of the policy applies to this complaint. If your policy has changed, "
                                <A href=Route::PolicyEditor { from: None }>"edit your copy of the policy"</A> "."
                            }.into_any(),
                            (WarningFix::CheckPolicyVersion, Reader::Resident) => view! {
                                " Ask the landlord which version of its policy it is using, and check the dates against it."
                            }.into_any(),
                            (WarningFix::EditPolicy, Reader::Association) => view! {
                                " " <A href=Route::PolicyEditor { from: None }>"Say when the complaint moves on, in your copy of the policy"</A> "."
                            }.into_any(),
                            (WarningFix::EditPolicy, Reader::Resident) => view! {
                                " Read that part of the policy yourself, and ask the landlord when your complaint moves on."
                            }.into_any(),
                        };
                        view! { <li data-testid=format!("warning-{}", w.name())>{w.plain()}{fix}</li> }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
