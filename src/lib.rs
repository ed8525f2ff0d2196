//! Redress: UK social-housing complaints in the browser.
//!
//! The crate is one library with a pure core and a thin browser shell:
//! - pure core (compiles and tests natively, never imports leptos, web-sys, wasm-bindgen or
//!   storage): [`calendar`], [`policy`], [`case`], [`engine`], [`guided`], [`letters`], [`record`], [`register`], [`report`], [`rules`], [`bundle`];
//! - browser shell (wasm32 only): `store` (the only module that touches IndexedDB) and `ui`
//!   (Leptos components and routes).
//!
//! See ARCHITECTURE.md for the code map and the invariants.

pub mod bundle;
pub mod calendar;
pub mod case;
pub mod engine;
pub mod guided;
pub mod letters;
pub mod policy;
pub mod record;
pub mod register;
pub mod report;
pub mod rules;

#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;

/// The app's version, written into every exported bundle.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
