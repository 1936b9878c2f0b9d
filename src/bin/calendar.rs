//! The area of the calendar's month and week views.
use leptos::prelude::*;
use station_app::app::CalendarViewsApp;

fn main() {
    station_app::start(|config| view! { <CalendarViewsApp config /> });
}
