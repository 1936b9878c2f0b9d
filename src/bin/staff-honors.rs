//! The area of 好人榜 for staff: the nominations to review and one nomination's review.
use leptos::prelude::*;
use station_app::app::StaffHonorsApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <StaffHonorsApp config /> });
}
