//! The area of one order and its steps.
use leptos::prelude::*;
use station_app::app::OrderApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <OrderApp config /> });
}
