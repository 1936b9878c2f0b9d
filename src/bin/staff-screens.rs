//! The area of 大屏 for staff.
use leptos::prelude::*;
use station_app::app::StaffScreensApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <StaffScreensApp config /> });
}
