//! The area of records of service: the volunteer's certificate, staff's CSV reports.
use leptos::prelude::*;
use station_app::app::RecordsApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <RecordsApp config /> });
}
