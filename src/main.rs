//! The calendar area, served at the root: the first page residents load.
use leptos::prelude::*;
use station_app::app::CalendarApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <CalendarApp config /> });
}
