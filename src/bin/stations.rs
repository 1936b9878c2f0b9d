//! The area of the residents' station pages: every site, and one site's public information.
use leptos::prelude::*;
use station_app::app::StationsApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <StationsApp config /> });
}
