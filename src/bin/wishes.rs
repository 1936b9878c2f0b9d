//! The area of 微心愿: the wall and a wish.
use leptos::prelude::*;
use station_app::app::WishesApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <WishesApp config /> });
}
