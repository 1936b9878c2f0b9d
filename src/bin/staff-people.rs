//! The area of for staff and team leaders, accounts opened for residents and a team's members.
use leptos::prelude::*;
use station_app::app::StaffPeopleApp;

fn main() {
    station_app::start(|config| view! { <StaffPeopleApp config /> });
}
