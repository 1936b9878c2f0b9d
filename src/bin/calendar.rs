//! The area of the calendar's month and week views.
use leptos::prelude::*;
use station_app::app::CalendarViewsApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <CalendarViewsApp config /> });
}
