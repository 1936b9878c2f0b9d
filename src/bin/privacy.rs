//! The area of 个人信息: one's data to download, one's account to delete.
use leptos::prelude::*;
use station_app::app::PrivacyApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <PrivacyApp config /> });
}
