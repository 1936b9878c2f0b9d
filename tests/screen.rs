//! The display screen's page, run against the real reference server (`STATION_TEST_API`) with
//! one-second panels over two whole rotations: however many panels come and go, it holds one
//! interval (the clock and the rotation) and at most one pending fetch, a panel change adds no
//! event listener, a panel drawn again has the same elements as the first time, and once the
//! page goes nothing of it is left running. Counted by wrapping the browser's timer and
//! listener functions, which the app's code calls through.

mod common;

use common::mount;
use leptos::prelude::*;
use station_app::api::Api;
use station_app::app::screen_routes;
use station_app::i18n::{provide_i18n, Locale};
use station_app::router::{routes, Router};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Wraps setInterval/clearInterval, setTimeout/clearTimeout and add/removeEventListener to keep
/// what is pending: the intervals, the timeouts of a second or more (the page's fetches; the
/// framework's and the test's own short waits are left out), the listeners added less removed.
const COUNTERS: &str = r#"
if (!window.__counts) {
  const counts = (window.__counts = { intervals: new Set(), timeouts: new Set(), listeners: 0 });
  const si = window.setInterval.bind(window), ci = window.clearInterval.bind(window);
  window.setInterval = (f, ms, ...rest) => { const id = si(f, ms, ...rest); counts.intervals.add(id); return id; };
  window.clearInterval = (id) => { counts.intervals.delete(id); ci(id); };
  const st = window.setTimeout.bind(window), ct = window.clearTimeout.bind(window);
  window.setTimeout = (f, ms, ...rest) => {
    const id = st((...args) => { counts.timeouts.delete(id); if (typeof f === "function") f(...args); }, ms, ...rest);
    if (ms >= 1000) counts.timeouts.add(id);
    return id;
  };
  window.clearTimeout = (id) => { counts.timeouts.delete(id); ct(id); };
  const add = EventTarget.prototype.addEventListener, remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (...args) { counts.listeners++; return add.apply(this, args); };
  EventTarget.prototype.removeEventListener = function (...args) { counts.listeners--; return remove.apply(this, args); };
}
"#;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pending {
    intervals: u32,
    timeouts: u32,
    listeners: i32,
}

fn pending() -> Pending {
    let counts = js_sys::eval(
        "[window.__counts.intervals.size, window.__counts.timeouts.size, window.__counts.listeners]",
    )
    .unwrap();
    let read = |index: u32| {
        js_sys::Reflect::get(&counts, &index.into())
            .unwrap()
            .as_f64()
            .unwrap()
    };
    Pending {
        intervals: read(0) as u32,
        timeouts: read(1) as u32,
        listeners: read(2) as i32,
    }
}

fn set_url(url: &str) {
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&JsValue::NULL, "", Some(url))
        .unwrap();
}

async fn pause(millis: u32) {
    gloo_timers::future::TimeoutFuture::new(millis).await;
}

#[wasm_bindgen_test]
async fn panel_changes_leave_nothing_behind_and_the_page_going_stops_everything() {
    let Some(base) = option_env!("STATION_TEST_API") else {
        panic!("STATION_TEST_API must name the running reference server at build time");
    };
    js_sys::eval(COUNTERS).unwrap();
    // The demo station's top site: every panel has data there (its sites' honors and wishes).
    let site = Api::new(base).sites().await.expect("the sites").items[0].id;
    let original = window().location().href().unwrap();
    set_url(&format!(
        "/screen/{site}?seconds=1&refresh=2&screen=component-test"
    ));
    let before = pending();

    let api = Api::new(base);
    let mounted = mount(move || {
        provide_context(api);
        provide_i18n(Locale::ZhCn);
        view! { <Router>{routes(screen_routes(), || ().into_any())}</Router> }
    });
    let panel_of = |mounted: &common::Mounted| {
        mounted
            .root
            .query_selector("[data-panel]")
            .unwrap()
            .and_then(|panel| panel.get_attribute("data-panel"))
    };
    let elements = |mounted: &common::Mounted| mounted.find_all("*").len();

    // Two whole rotations of the five panels, looking at each change.
    let mut first_seen: Vec<(String, usize)> = Vec::new();
    let mut changes = 0;
    let mut shown: Option<String> = None;
    let mut listeners_at_first: Option<i32> = None;
    for _ in 0..(14 * 20) {
        pause(50).await;
        let now = panel_of(&mounted);
        if now == shown {
            continue;
        }
        shown = now.clone();
        let Some(slug) = now else { continue };
        // Let the new panel settle (its elements drawn) before counting.
        pause(100).await;
        let during = pending();
        assert_eq!(
            during.intervals,
            before.intervals + 1,
            "one interval drives the clock and the rotation (at {slug})"
        );
        assert!(
            during.timeouts <= before.timeouts + 1,
            "at most one fetch waits (at {slug}): {during:?}"
        );
        match listeners_at_first {
            None => listeners_at_first = Some(during.listeners),
            Some(first) => assert_eq!(
                during.listeners, first,
                "a panel change adds no listener (at {slug})"
            ),
        }
        let count = elements(&mounted);
        match first_seen.iter().find(|(seen, _)| *seen == slug) {
            Some((_, earlier)) => assert_eq!(
                count, *earlier,
                "the {slug} panel drawn again has the elements it had the first time"
            ),
            None => first_seen.push((slug.clone(), count)),
        }
        changes += 1;
        if changes > 10 {
            break;
        }
    }
    let mut came: Vec<&str> = first_seen.iter().map(|(slug, _)| slug.as_str()).collect();
    came.sort_unstable();
    assert_eq!(
        came,
        ["activities", "figures", "honors", "qr", "wishes"],
        "every panel came"
    );
    assert!(changes > 10, "two whole rotations: {changes} panel changes");

    drop(mounted);
    // A fetch may still be out when the page goes: give it time to come back to nothing.
    pause(2500).await;
    let after = pending();
    assert_eq!(after.intervals, before.intervals, "the interval is cleared");
    assert_eq!(after.timeouts, before.timeouts, "no fetch is left waiting");
    set_url(&original);
}
