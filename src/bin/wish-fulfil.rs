//! The area of saying how a wish came true.
use leptos::prelude::*;
use station_app::app::WishFulfilApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <WishFulfilApp config /> });
}
