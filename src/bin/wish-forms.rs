//! The area of posting a wish and 我的心愿.
use leptos::prelude::*;
use station_app::app::WishFormsApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <WishFormsApp config /> });
}
