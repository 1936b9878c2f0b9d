//! The area of for staff, an activity's roster and its check-in code.
use leptos::prelude::*;
use station_app::app::StaffActivitiesApp;

fn main() {
    station_app::start(|config| view! { <StaffActivitiesApp config /> });
}
