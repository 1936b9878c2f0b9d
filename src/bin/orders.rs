//! The area of 点单: the service menu, ordering, and one's orders and tasks.
use leptos::prelude::*;
use station_app::app::OrdersApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <OrdersApp config /> });
}
