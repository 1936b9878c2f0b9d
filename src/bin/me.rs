//! The area of 我的 and the team directory.
use leptos::prelude::*;
use station_app::app::MeApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <MeApp config /> });
}
