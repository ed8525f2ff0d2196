//! Redress's pure core: everything that decides what a resident or an association is told.
//!
//! [`calendar`] (working days and bank holidays), [`policy`] (the landlord policies and the Code
//! as data), [`case`] (a complaint and its events), [`context`] (a case with its own policy version and
//! bank holidays), [`engine`] (deadlines, stages, actions),
//! [`guided`] (the resident's questions and triage), [`letters`], [`record`], [`register`],
//! [`report`], [`rules`], [`settings`] (each setting as a type, and typed records), [`bundle`] (the
//! exported file and its checks) and [`choice`] (a form's closed sets of answers); [`context`]
//! (a case's policy, calendar and assessment, found one way); [`backup`] (when to offer a backup)
//! and [`reminders`] (what the opening banner lists).
//!
//! Architecture invariant: this crate compiles and tests natively and never depends on leptos,
//! web-sys, wasm-bindgen, js-sys, storage or the web app; "today" is always passed in.
//! `tests/architecture.rs` at the workspace root checks it. See ARCHITECTURE.md for the code map.

pub mod backup;
pub mod bundle;
pub mod calendar;
pub mod case;
pub mod choice;
pub mod context;
pub mod engine;
pub mod guided;
pub mod letters;
pub mod policy;
pub mod record;
pub mod register;
pub mod reminders;
pub mod report;
pub mod rules;
pub mod settings;

/// The app's version, written into every exported bundle (the workspace's version).
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
