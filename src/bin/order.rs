//! The area of one order and its steps.
use leptos::prelude::*;
use station_app::app::OrderApp;

fn main() {
    station_app::start(|config| view! { <OrderApp config /> });
}
