//! The area of 心愿审核, staff's queue of wishes.
use leptos::prelude::*;
use station_app::app::StaffWishesApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <StaffWishesApp config /> });
}
