//! The area of 推荐身边好人: nominating someone, and one's nominations.
use leptos::prelude::*;
use station_app::app::NominationsApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <NominationsApp config /> });
}
