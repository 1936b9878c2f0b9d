//! The area of the activity form: a new draft; an activity edited, cancelled or deleted.
use leptos::prelude::*;
use station_app::app::PublishApp;

fn main() {
    station_app::start(|config| view! { <PublishApp config /> });
}
