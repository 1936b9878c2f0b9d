//! The area of 订阅日历: the calendar's iCalendar feeds.
use leptos::prelude::*;
use station_app::app::SubscribeApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <SubscribeApp config /> });
}
