//! The area of the account forms (sign in, register, password) and checking in by QR code.
use leptos::prelude::*;
use station_app::app::AccountApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <AccountApp config /> });
}
