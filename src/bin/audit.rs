//! The area of 操作记录, the audit log for administrators.
use leptos::prelude::*;
use station_app::app::AuditApp;

station_app::allocator!();

fn main() {
    station_app::start(|config| view! { <AuditApp config /> });
}
