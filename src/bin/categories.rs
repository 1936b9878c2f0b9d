//! The area of 服务类别, the service categories kept by administrators.
use leptos::prelude::*;
use station_app::app::CategoriesApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <CategoriesApp config /> });
}
