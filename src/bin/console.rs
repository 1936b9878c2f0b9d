//! The area of 工作台, the staff console.
use leptos::prelude::*;
use station_app::app::ConsoleApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <ConsoleApp config /> });
}
