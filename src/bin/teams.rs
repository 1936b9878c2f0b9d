//! The area of a team for its leader and staff: a new team, its members and join requests.
use leptos::prelude::*;
use station_app::app::TeamsApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <TeamsApp config /> });
}
