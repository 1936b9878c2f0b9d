//! The area of 好人榜: the board and an honor's story.
use leptos::prelude::*;
use station_app::app::HonorsApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <HonorsApp config /> });
}
