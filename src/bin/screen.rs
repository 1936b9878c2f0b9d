//! The area of the display screen.
use leptos::prelude::*;
use station_app::app::ScreenApp;
use wasm_bindgen::prelude::wasm_bindgen;

/// The bytes the app holds on its heap now (its allocator counted), for bench/screen-soak (a raw
/// wasm export: a screen runs for weeks, and a slow leak shows here first).
#[wasm_bindgen]
pub fn held_bytes() -> f64 {
    station_app::heap::held_bytes() as f64
}

station_app::allocator!(counted);

fn main() {
    station_app::start(|config| view! { <ScreenApp config /> });
}
