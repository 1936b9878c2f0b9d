//! The `/me` area: 我的, signing in and up, checking in by QR code.
use leptos::prelude::*;
use station_app::app::MeApp;

fn main() {
    station_app::start(|config| view! { <MeApp config /> });
}
