//! The `/staff` area: rosters, check-in codes, accounts for residents.
use leptos::prelude::*;
use station_app::app::StaffApp;

fn main() {
    station_app::start(|config| view! { <StaffApp config /> });
}
