//! The area of accounts opened for residents and of a team's members, for staff and team leaders.
use leptos::prelude::*;
use station_app::app::StaffPeopleApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <StaffPeopleApp config /> });
}
