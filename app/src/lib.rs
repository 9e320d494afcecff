//! Casebook's user interface: the application shell, its routes, pages and components, the server
//! functions they call, and (behind the `ssr` feature) the server-side state and data layer.
//!
//! The same crate compiles twice: with `ssr` into the server binary, and with `hydrate` into the
//! WebAssembly bundle. Casebook uses Leptos islands: pages are rendered on the server and work as
//! plain HTML; only the components marked `#[island]` are hydrated in the browser, which keeps the
//! bundle small for old practice desktops.

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod wire;

mod app;

pub use app::{App, shell};

/// The WebAssembly entry point, called by the islands loader before it hydrates each island.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    components::hydration::mark_when_islands_hydrated();
}
