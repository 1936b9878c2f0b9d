//! The area of the activity form: a new draft; an activity edited, cancelled or deleted.
use leptos::prelude::*;
use station_app::app::PublishApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <PublishApp config /> });
}
