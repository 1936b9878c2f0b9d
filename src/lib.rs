//! The station app: a Leptos client-side-rendered single-page app.
//!
//! It talks to any backend that implements the `station-wire` contract; where that backend lives
//! is read at start-up from `/config.json` (see [`config`]), so one build serves every deployment.

pub mod action;
pub mod api;
pub mod app;
pub mod bundle;
pub mod components;
pub mod config;
pub mod heap;
pub mod hooks;
pub mod i18n;
pub mod load;
pub mod offline;
pub mod pages;
pub mod paths;
pub mod router;
pub mod session;
pub mod validate;

use leptos::prelude::*;

#[doc(hidden)]
pub use talc;

/// Declares the allocator of an area's binary (`station_app::allocator!();` beside its `main`):
/// Talc in place of Rust's default dlmalloc, smaller in every area's wasm, and faster; `counted`
/// (the display screen's) also keeps count of the bytes it holds (`heap`), which costs the other
/// areas nothing when only the screen declares it.
#[macro_export]
macro_rules! allocator {
    () => {
        #[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
        #[global_allocator]
        static ALLOCATOR: $crate::talc::wasm::WasmDynamicTalc =
            $crate::talc::wasm::new_wasm_dynamic_allocator();
    };
    (counted) => {
        #[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
        #[global_allocator]
        static ALLOCATOR: $crate::heap::Counting<$crate::talc::wasm::WasmDynamicTalc> =
            $crate::heap::Counting($crate::talc::wasm::new_wasm_dynamic_allocator());
    };
}

/// The entry point of each area's browser build (`src/main.rs`, `src/bin/*.rs`): read the
/// runtime config, then mount the area's app.
pub fn start<V: IntoView + 'static>(app: fn(config::Config) -> V) {
    // A panic's message and stack in the console while developing; a release build leaves the
    // formatting out (0.9 KiB in every area) and a panic traps as `unreachable`.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // Leptos sets up its executor when mounting; until then, plain wasm-bindgen futures.
    wasm_bindgen_futures::spawn_local(async move {
        let config = config::Config::load().await;
        // The strings of the language index.html chose (none for zh-CN, compiled in).
        i18n::load_chosen().await;
        remove_boot_shell();
        mount_to_body(move || app(config.clone()));
    });
}

/// Removes the static shell `index.html` shows while the wasm loads.
fn remove_boot_shell() {
    if let Some(boot) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("boot"))
    {
        boot.remove();
    }
}
