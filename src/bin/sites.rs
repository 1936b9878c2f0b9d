//! The area of 站点与人员: the site tree, its sites' staff and teams.
use leptos::prelude::*;
use station_app::app::SitesApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <SitesApp config /> });
}
