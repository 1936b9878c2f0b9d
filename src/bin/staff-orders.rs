//! The area of staff's queue of orders and the service menu's keeping.
use leptos::prelude::*;
use station_app::app::StaffOrdersApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <StaffOrdersApp config /> });
}
