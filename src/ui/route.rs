//! route: every page's address, written once. [`Route`] has one variant per page, with what the
//! page's address carries (a case's id, a step, a filter); [`Route::path`] writes the address, and
//! every link, navigation and redirect in the app goes through it. The router's table
//! ([`Pages`]) is here too, so the addresses the router matches and the ones the app writes sit
//! side by side. No other file in `src/ui` writes an address (tests/architecture.rs checks).
//!
//! How each page's code is fetched (the three lazily loaded parts) is `routes`' business.

use leptos::prelude::*;
use leptos_router::components::{Route as Page, Routes, ToHref};
use leptos_router::{path, Lazy};

use super::{pages, routes};

/// A page of the app, with what its address carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The start page: who are you?
    Start,
    /// The resident's area.
    ResidentArea,
    /// The helper's (advocate's) area.
    HelperArea,
    /// The guided complaint at one step (the step's id, such as "who" or "check").
    Complaint { step: String },
    /// The complaints saved on this device.
    MyComplaints,
    /// One saved complaint's page.
    ComplaintPage { id: String },
    /// What is stored, download, import and delete.
    YourData,
    /// The association's dashboard.
    Association,
    /// The association's setup.
    AssociationSetup,
    /// The policy editor, starting from a copy of the policy `from` (its id), if given.
    PolicyEditor { from: Option<String> },
    /// The complaints register, filtered as the view says.
    Register(RegisterView),
    /// Logging new feedback.
    NewEntry,
    /// One case in the register.
    AssociationCase { id: String },
    /// The annual complaints report.
    AnnualReport,
    /// The Code's self-assessment.
    SelfAssessment,
}

/// Which cases the register's address asks for (the dashboard's figures link to these).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegisterView {
    /// Every case.
    All,
    /// Cases with a deadline passed.
    Overdue,
    /// Cases with something due today.
    DueToday,
    /// Cases with something due by Sunday.
    DueThisWeek,
    /// Every open case.
    Open,
    /// Cases at this stage (its name).
    Stage(String),
}

impl Route {
    /// The step the guided complaint starts at.
    pub fn complaint_start() -> Route {
        Route::Complaint { step: "who".into() }
    }

    /// The address of this page, as the router's table ([`Pages`]) matches it.
    pub fn path(&self) -> String {
        match self {
            Route::Start => "/".into(),
            Route::ResidentArea => "/resident".into(),
            Route::HelperArea => "/helper".into(),
            Route::Complaint { step } => format!("/complaint/{step}"),
            Route::MyComplaints => "/complaints".into(),
            Route::ComplaintPage { id } => format!("/complaints/{id}"),
            Route::YourData => "/your-data".into(),
            Route::Association => "/association".into(),
            Route::AssociationSetup => "/association/setup".into(),
            Route::PolicyEditor { from: None } => "/association/policy".into(),
            Route::PolicyEditor { from: Some(from) } => format!("/association/policy?from={}", encode(from)),
            Route::Register(view) => match view {
                RegisterView::All => "/association/register".into(),
                RegisterView::Overdue => "/association/register?due=overdue".into(),
                RegisterView::DueToday => "/association/register?due=today".into(),
                RegisterView::DueThisWeek => "/association/register?due=this_week".into(),
                RegisterView::Open => "/association/register?status=open".into(),
                RegisterView::Stage(stage) => format!("/association/register?stage={}", encode(stage)),
            },
            Route::NewEntry => "/association/new".into(),
            Route::AssociationCase { id } => format!("/association/cases/{id}"),
            Route::AnnualReport => "/association/report".into(),
            Route::SelfAssessment => "/association/self-assessment".into(),
        }
    }
}

impl ToHref for Route {
    fn to_href(&self) -> Box<dyn Fn() -> String + '_> {
        let path = self.path();
        Box::new(move || path.clone())
    }
}

/// Percent-encodes a value for a query string.
fn encode(value: &str) -> String {
    js_sys::encode_uri_component(value).into()
}

/// The router's table: which page each address shows. Every path here is the one [`Route::path`]
/// writes for the same page.
#[component]
pub fn Pages() -> impl IntoView {
    view! {
        <Routes fallback=pages::NotFound>
            <Page path=path!("/") view=pages::Start />
            <Page path=path!("/resident") view={Lazy::<routes::ResidentArea>::new()} />
            <Page path=path!("/helper") view={Lazy::<routes::HelperArea>::new()} />
            <Page path=path!("/association") view={Lazy::<routes::AssociationArea>::new()} />
            <Page path=path!("/association/setup") view={Lazy::<routes::AssociationSetup>::new()} />
            <Page path=path!("/association/policy") view={Lazy::<routes::PolicyEditor>::new()} />
            <Page path=path!("/association/register") view={Lazy::<routes::Register>::new()} />
            <Page path=path!("/association/new") view={Lazy::<routes::NewEntry>::new()} />
            <Page path=path!("/association/cases/:id") view={Lazy::<routes::AssociationCase>::new()} />
            <Page path=path!("/association/report") view={Lazy::<routes::AnnualReport>::new()} />
            <Page path=path!("/association/self-assessment") view={Lazy::<routes::SelfAssessment>::new()} />
            <Page path=path!("/your-data") view={Lazy::<routes::YourData>::new()} />
            <Page path=path!("/complaint/:step") view={Lazy::<routes::Complaint>::new()} />
            <Page path=path!("/complaints") view={Lazy::<routes::MyComplaints>::new()} />
            <Page path=path!("/complaints/:id") view={Lazy::<routes::ComplaintPage>::new()} />
        </Routes>
    }
}
