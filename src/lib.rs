//! The station app: a Leptos client-side-rendered single-page app.
//!
//! It talks to any backend that implements the `station-wire` contract; where that backend lives
//! is read at start-up from `/config.json` (see [`config`]), so one build serves every deployment.

pub mod api;
pub mod app;
pub mod components;
pub mod config;
pub mod i18n;
pub mod pages;

use leptos::prelude::*;

/// The entry point of the browser build: read the runtime config, then mount the app.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::task::spawn_local(async {
        let config = config::Config::load().await;
        mount_to_body(move || view! { <app::App config=config.clone() /> }).forget();
    });
}
