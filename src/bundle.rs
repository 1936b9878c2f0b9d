//! The app ships as one wasm bundle per area, so that no first load carries every page.
//!
//! Each area is a separate binary of this crate with its own routes; the server serves an area's
//! `index.html` under its path prefix (`dist/<prefix>/index.html`, the calendar at the root).
//! Within an area the router navigates as usual; a path of another area has no route here, so the
//! router's fallback ([`crate::pages::NotFoundPage`]) hands it over with a full page load.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// `/`, `/activities/…`, and the sections still to come (`/honors`, `/wishes`).
    Calendar,
    /// `/me/…`: 我的, signing in and up, the password, check-in by QR code.
    Me,
    /// `/staff/…`: rosters, check-in codes, accounts opened on a resident's behalf.
    Staff,
}

impl Bundle {
    /// The area a path belongs to, by its first segment.
    pub fn of_path(path: &str) -> Bundle {
        match path.trim_start_matches('/').split(['/', '?', '#']).next() {
            Some("me") => Bundle::Me,
            Some("staff") => Bundle::Staff,
            _ => Bundle::Calendar,
        }
    }
}

/// Makes `bundle` the area this app is; call once at the root.
pub fn provide_bundle(bundle: Bundle) {
    provide_context(bundle);
}

/// The area this app is (the calendar when none was provided, as in component tests).
pub fn use_bundle() -> Bundle {
    use_context::<Bundle>().unwrap_or(Bundle::Calendar)
}

/// Loads the browser's current URL (a path of another area, already pushed by the router) as a
/// new page. Returns `false` instead when the same URL was handed over a moment ago: the server
/// then serves the wrong area there, and going round again would never end.
pub fn hand_over() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Ok(href) = window.location().href() else {
        return false;
    };
    let storage = window.session_storage().ok().flatten();
    // Whole milliseconds: integer parsing is all this needs.
    let now = js_sys::Date::now() as u64;
    let key = "station.handover";
    if let Some(storage) = &storage {
        if let Ok(Some(last)) = storage.get_item(key) {
            if let Some((path, at)) = last.rsplit_once(' ') {
                let at: u64 = at.parse().unwrap_or(0);
                if path == href && now.saturating_sub(at) < 5_000 {
                    return false;
                }
            }
        }
        let _ = storage.set_item(key, &format!("{href} {now}"));
    }
    window.location().replace(&href).is_ok()
}
