//! A one-line message that outlives a full page load (a hand-over to another area): set before
//! leaving, shown once by the page that arrives ("已把队长交给 …").

const KEY: &str = "station.flash";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|window| window.session_storage().ok().flatten())
}

/// Leaves `text` for the next page to show.
pub fn set_flash(text: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(KEY, text);
    }
}

/// The message left by the page before, once: reading it clears it.
pub fn take_flash() -> Option<String> {
    let storage = storage()?;
    let text = storage.get_item(KEY).ok().flatten()?;
    let _ = storage.remove_item(KEY);
    Some(text).filter(|text| !text.is_empty())
}

/// Leaves `text` for the page at `href`, and goes there with a full load (the page is often
/// another area's, or must read the account again).
pub fn go_with_flash(text: &str, href: &str) {
    set_flash(text);
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(href);
    }
}
