//! The area of 微心愿: the wall, a wish, posting one, one's wishes and claims, staff's queue.
use leptos::prelude::*;
use station_app::app::WishesApp;

fn main() {
    station_app::start(|config| view! { <WishesApp config /> });
}
