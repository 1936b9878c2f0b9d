//! The area of 分享: an activity's link, QR code and printable poster.
use leptos::prelude::*;
use station_app::app::ShareApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <ShareApp config /> });
}
