//! nubo's browser app: a Leptos single-page app that talks to OpenStack and EC2 through nubo's
//! CORS proxy. Pages sit on app state, app state on the clients in `nubo-cloud`; data flows one way.
// Only for the browser; see the note on dependencies in Cargo.toml.
#![cfg(target_arch = "wasm32")]

pub mod app;
pub mod components;
pub mod config;
pub mod format;
pub mod nav;
pub mod pages;
pub mod poll;
pub mod scope;
pub mod session;
pub mod storage;

// The app's unit tests run where the app runs: in headless Chromium, via `cargo xtask test`.
#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
