//! The app ships as one wasm bundle per area, so that no first load carries every page.
//!
//! Every first load must stay within the size budget (`bench/size`), and a Leptos page costs
//! tens of kilobytes, so an area is one page or a few that belong together. Each area is a
//! binary of this crate with its own routes. An area is named by its path prefix, one or two
//! segments (`/me`, `/me/login`, `/staff/activities`); the build writes the area's `index.html`
//! into the folder of each prefix (`scripts/build-app.sh`), and the server answers a path with
//! the entry of its longest prefix that has one (the calendar's at the root).
//! Within an area the router navigates as usual; a path of another area has no route here, so
//! the router's fallback ([`crate::pages::NotFoundPage`]) hands it over with a full page load.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// `/`, `/activities/…`, and the sections still to come (`/honors`, `/wishes`).
    Calendar,
    /// `/me`, `/me/teams`: 我的, and the team directory.
    Me,
    /// `/me/login`, `/me/register`, `/me/password`, `/me/checkin/…`: the account forms, and
    /// checking in by QR code (a first load from the phone's camera, kept small).
    Account,
    /// `/staff/activities/…`: an activity's roster and its check-in code.
    StaffActivities,
    /// `/staff/accounts/…`, `/staff/teams/…`: accounts opened for residents, team members.
    StaffPeople,
}

impl Bundle {
    /// The area a path belongs to, by its first two segments.
    pub fn of_path(path: &str) -> Bundle {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let mut segments = path.trim_start_matches('/').split('/');
        match (segments.next(), segments.next()) {
            (Some("me"), Some("login" | "register" | "password" | "checkin")) => Bundle::Account,
            (Some("me"), _) => Bundle::Me,
            (Some("staff"), Some("activities")) => Bundle::StaffActivities,
            (Some("staff"), Some("accounts" | "teams")) => Bundle::StaffPeople,
            _ => Bundle::Calendar,
        }
    }
}

/// Makes `bundle` the area this app is; call once at the root.
pub fn provide_bundle(bundle: Bundle) {
    provide_context(bundle);
    // Arrived where a hand-over meant to go: the next hand-over to the same URL (after going
    // back, say) is a fresh one, not a loop.
    let window = web_sys::window();
    let here = window.as_ref().and_then(|w| w.location().pathname().ok());
    if here.is_some_and(|path| Bundle::of_path(&path) == bundle) {
        if let Some(storage) = window.and_then(|w| w.session_storage().ok().flatten()) {
            let _ = storage.remove_item(HAND_OVER_KEY);
        }
    }
}

/// The area this app is (the calendar when none was provided, as in component tests).
pub fn use_bundle() -> Bundle {
    use_context::<Bundle>().unwrap_or(Bundle::Calendar)
}

/// Where the last hand-over's URL and time are kept (session storage).
const HAND_OVER_KEY: &str = "station.handover";

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
    if let Some(storage) = &storage {
        if let Ok(Some(last)) = storage.get_item(HAND_OVER_KEY) {
            if let Some((path, at)) = last.rsplit_once(' ') {
                let at: u64 = at.parse().unwrap_or(0);
                if path == href && now.saturating_sub(at) < 5_000 {
                    return false;
                }
            }
        }
        let _ = storage.set_item(HAND_OVER_KEY, &format!("{href} {now}"));
    }
    window.location().replace(&href).is_ok()
}
