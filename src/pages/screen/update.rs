//! A new version of the app, taken at a quiet moment. The screen's page runs for weeks; a deploy
//! in between would leave it on the old code (the service worker serves a new version to the
//! next navigation only, never to a page already open). So on each good refresh it asks the
//! server for its own entry page again, and when that page loads another script than the one
//! running here, the screen reloads between two panels, where nobody is reading a half-drawn one.
//! The data it shows comes back at once from what the device kept.

use gloo_net::http::Request;
use web_sys::RequestCache;

/// The module script this page runs: the first `<link rel="modulepreload">` of its entry page,
/// whose name carries a hash of the build (none in a test page, which is never updated).
pub fn running_script() -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector("link[rel=modulepreload]")
        .ok()??
        .get_attribute("href")
        .filter(|href| !href.is_empty())
}

/// Whether the server now answers this address with an entry page that loads another script
/// than `running`. Anything but an entry page (an error, a proxy's page, no network) is no
/// news: the screen goes on with what it runs.
pub async fn newer_served(running: &str) -> bool {
    let Some(path) = web_sys::window().and_then(|window| window.location().pathname().ok()) else {
        return false;
    };
    let Ok(answer) = Request::get(&path)
        .cache(RequestCache::NoStore)
        .send()
        .await
    else {
        return false;
    };
    if !answer.ok() {
        return false;
    }
    let Ok(page) = answer.text().await else {
        return false;
    };
    page.contains("modulepreload") && !page.contains(running)
}

/// Loads the page again (the new version's code, the kept data drawn at once).
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
