//! routes: every page except the start page and "not found" is loaded lazily, in four parts.
//!
//! The build splits the app's WebAssembly at the `#[wasm_split]` functions below (wasm-split, run
//! by `scripts/build-wasm.sh` from trunk's hook), in four parts: the guided complaint's
//! questions, the resident's and helper's other pages (with the guided complaint's result), the
//! association's pages, and "Your data". A phone opening Redress downloads only the
//! shell and the start page; an area's code is fetched the first time someone goes there, and
//! the code the areas share is fetched once. Four parts rather than one per page keep
//! the number of files a page needs small (wasm-split makes one file for each set of split
//! points that shares code, so fourteen points made three hundred files).
//!
//! Each route is a [`LazyRoute`] whose view asks its area's split function for the page. The
//! split functions are `fallible`: if a part cannot be fetched (the connection dropped, or a
//! newer version replaced the files), the page says so and offers to try again, instead of the
//! app stopping (a failed load would otherwise abort the whole WebAssembly instance).

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use leptos_meta::Title;
use leptos_router::LazyRoute;

use super::{browser, pages};

/// A part of the app could not be fetched.
#[derive(Debug)]
pub struct LoadFailed;

impl From<SplitLoaderError> for LoadFailed {
    fn from(_: SplitLoaderError) -> Self {
        LoadFailed
    }
}

/// What a page shows when its part of the app could not be fetched. Nothing saved is touched.
#[component]
fn PartNotLoaded() -> impl IntoView {
    // The guided complaint's first question drawn by the page itself, if it is there, gives
    // way to this message (`ui::early`).
    super::early::discard();
    view! {
        <Title text="Page could not be loaded" />
        <h1>"This page could not be loaded"</h1>
        <div class="error-box" role="alert" data-testid="part-not-loaded">
            <p>
                "Redress fetches each part of the app the first time you use it, and this part could not be fetched. "
                "Check that you are connected to the internet, then try again."
            </p>
            <p>"Everything you have saved is still on this device."</p>
        </div>
        <p>
            <button type="button" class="button" on:click=|_| browser::reload()>"Try again"</button>
        </p>
    }
}

/// The page, or what to show if its part could not be fetched.
fn or_not_loaded(page: Result<AnyView, LoadFailed>) -> AnyView {
    page.unwrap_or_else(|LoadFailed| view! { <PartNotLoaded /> }.into_any())
}

/// The pages loaded with the resident's and helper's part.
#[derive(Clone, Copy, Debug)]
#[repr(u8)]
pub enum ResidentPage {
    ResidentArea,
    HelperArea,
    MyComplaints,
    ComplaintPage,
    /// Not a page: the reminders banner the shell shows when Redress opens.
    Reminders,
}

/// The pages loaded with the association's part.
#[derive(Clone, Copy, Debug)]
#[repr(u8)]
pub enum AssociationPage {
    AssociationArea,
    AssociationSetup,
    PolicyEditor,
    Register,
    NewEntry,
    AssociationCase,
    AnnualReport,
    SelfAssessment,
    /// Not a page: the reminders banner for the register.
    Reminders,
}

/// The pages loaded with "Your data".
#[derive(Clone, Copy, Debug)]
#[repr(u8)]
pub enum DataPage {
    YourData,
    /// Not a page: the shell's "Download a backup" banner, which needs the export's code.
    BackupReminder,
}

#[wasm_split(redress_resident, wasm_split_path = ::leptos::wasm_split, fallible)]
fn resident_view(page: ResidentPage) -> Result<AnyView, LoadFailed> {
    Ok(match page {
        ResidentPage::ResidentArea => view! { <pages::ResidentArea /> }.into_any(),
        ResidentPage::HelperArea => view! { <pages::HelperArea /> }.into_any(),
        ResidentPage::MyComplaints => view! { <pages::MyComplaints /> }.into_any(),
        ResidentPage::ComplaintPage => view! { <pages::ComplaintPage /> }.into_any(),
        ResidentPage::Reminders => view! { <pages::ResidentReminders /> }.into_any(),
    })
}

/// The end of the guided complaint (the triage, the letter and the plan), loaded with the
/// resident's part: the questions before it do not need its code.
#[wasm_split(redress_resident, wasm_split_path = ::leptos::wasm_split, fallible)]
fn complaint_result_view(
    draft: RwSignal<crate::guided::Draft>,
    record: RwSignal<Option<crate::settings::Stored<crate::guided::Draft>>>,
) -> Result<AnyView, LoadFailed> {
    Ok(view! { <pages::ComplaintResult draft record /> }.into_any())
}

/// The guided complaint's questions, a part of their own: a resident's first question needs only
/// the main module and this part (with what it shares with other parts), not the result's code
/// (the engine, the letters, the calendar file) nor the resident's other pages. The result's
/// loader is handed in rather than called from here: code in one part that calls another part's
/// loader would stop the browser tests' module loading (they link the library without
/// wasm-split, and every part's code is kept there as an export).
#[wasm_split(redress_complaint, wasm_split_path = ::leptos::wasm_split, fallible)]
fn complaint_view(result: pages::ResultLoader) -> Result<AnyView, LoadFailed> {
    Ok(view! { <pages::Complaint result /> }.into_any())
}

/// The guided complaint's result, or what to show if its part could not be fetched.
fn complaint_result(
    draft: RwSignal<crate::guided::Draft>,
    record: RwSignal<Option<crate::settings::Stored<crate::guided::Draft>>>,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = AnyView>>> {
    Box::pin(async move { or_not_loaded(complaint_result_view(draft, record).await) })
}

#[wasm_split(redress_association, wasm_split_path = ::leptos::wasm_split, fallible)]
fn association_view(page: AssociationPage) -> Result<AnyView, LoadFailed> {
    Ok(match page {
        AssociationPage::AssociationArea => view! { <pages::AssociationArea /> }.into_any(),
        AssociationPage::AssociationSetup => view! { <pages::AssociationSetup /> }.into_any(),
        AssociationPage::PolicyEditor => view! { <pages::PolicyEditor /> }.into_any(),
        AssociationPage::Register => view! { <pages::Register /> }.into_any(),
        AssociationPage::NewEntry => view! { <pages::NewEntry /> }.into_any(),
        AssociationPage::AssociationCase => view! { <pages::AssociationCase /> }.into_any(),
        AssociationPage::AnnualReport => view! { <pages::AnnualReport /> }.into_any(),
        AssociationPage::SelfAssessment => view! { <pages::SelfAssessmentPage /> }.into_any(),
        AssociationPage::Reminders => view! { <pages::AssociationReminders /> }.into_any(),
    })
}

#[wasm_split(redress_data, wasm_split_path = ::leptos::wasm_split, fallible)]
fn data_view(page: DataPage) -> Result<AnyView, LoadFailed> {
    Ok(match page {
        DataPage::YourData => view! { <pages::YourData /> }.into_any(),
        DataPage::BackupReminder => view! { <pages::BackupReminder /> }.into_any(),
    })
}

/// The reminders banner for `side`, loaded with its area's part; nothing if the part cannot be
/// fetched (the area's own pages then say so).
pub async fn reminders_banner(side: crate::reminders::Side) -> AnyView {
    let view = match side {
        crate::reminders::Side::Resident => resident_view(ResidentPage::Reminders).await,
        crate::reminders::Side::Association => association_view(AssociationPage::Reminders).await,
    };
    view.unwrap_or_else(|LoadFailed| ().into_any())
}

/// The backup reminder, loaded with "Your data"'s part. If the part cannot be fetched (no
/// signal before the offline copy is complete), the reminder says so in the shell's own words
/// and links to Your data.
pub async fn backup_reminder() -> AnyView {
    data_view(DataPage::BackupReminder).await.unwrap_or_else(|LoadFailed| {
        view! {
            <div class="container keeping-notice" data-testid="backup-reminder">
                <p>
                    "Your complaints have changed since your last backup. Download a copy from "
                    <leptos_router::components::A href=super::route::Route::YourData>"Your data"</leptos_router::components::A>
                    " and keep it somewhere safe."
                </p>
            </div>
        }
        .into_any()
    })
}

/// One route type per page, each loading its page through its area's split function.
macro_rules! lazy_routes {
    ($load:ident, $area:ident: $($page:ident),* $(,)?) => {$(
        #[derive(Debug)]
        pub struct $page;

        impl LazyRoute for $page {
            fn data() -> Self {
                Self
            }
            async fn view(_this: Self) -> AnyView {
                // The offline copy's download waits until this page is drawn.
                let _loading = super::service_worker::PageLoading::start();
                or_not_loaded($load($area::$page).await)
            }
        }
    )*};
}

lazy_routes!(resident_view, ResidentPage: ResidentArea, HelperArea, MyComplaints, ComplaintPage);
lazy_routes!(
    association_view,
    AssociationPage: AssociationArea,
    AssociationSetup,
    PolicyEditor,
    Register,
    NewEntry,
    AssociationCase,
    AnnualReport,
    SelfAssessment,
);
lazy_routes!(data_view, DataPage: YourData);

/// The guided complaint's route (its questions are a part of their own).
#[derive(Debug)]
pub struct Complaint;

impl LazyRoute for Complaint {
    fn data() -> Self {
        Self
    }
    async fn view(_this: Self) -> AnyView {
        let _loading = super::service_worker::PageLoading::start();
        or_not_loaded(complaint_view(complaint_result).await)
    }
}
