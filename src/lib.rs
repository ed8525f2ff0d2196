//! Redress: UK social-housing complaints in the browser.
//!
//! The workspace has two crates, in ripgrep's shape:
//! - `redress-core` (crates/redress-core): the pure core, re-exported here so the shell can write
//!   `crate::engine::…`: [`calendar`], [`policy`], [`case`], [`context`], [`engine`], [`guided`], [`letters`],
//!   [`record`], [`register`], [`report`], [`rules`], [`settings`], [`bundle`];
//! - this crate, the browser shell (wasm32 only): `store` (the only module that touches
//!   IndexedDB) and `ui` (Leptos components and routes), and the binary trunk builds.
//!
//! See ARCHITECTURE.md for the code map and the invariants.

pub use redress_core::{
    backup, bundle, calendar, case, choice, context, engine, guided, letters, policy, record, register,
    reminders, report, rules, settings, APP_VERSION,
};

#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;
