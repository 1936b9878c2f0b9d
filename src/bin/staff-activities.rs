//! The area of an activity's roster and its check-in code, for staff.
use leptos::prelude::*;
use station_app::app::StaffActivitiesApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <StaffActivitiesApp config /> });
}
