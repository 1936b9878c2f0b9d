//! Mounting components into the real DOM of the test browser, and querying what they render.

#![allow(dead_code)]

use chrono::{DateTime, FixedOffset};
use leptos::mount::mount_to;
use leptos::prelude::*;
use station_wire::activities::{Activity, ActivityStatus, Category, TeamRef};
use station_wire::sites::SiteRef;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// A mounted view; the view stays mounted while this lives.
pub struct Mounted {
    pub root: HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

impl Mounted {
    /// The first element matching `selector`; panics with the rendered HTML when there is none.
    pub fn find(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no `{selector}` in: {}", self.root.inner_html()))
    }

    pub fn find_all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .map(|index| list.item(index).unwrap().dyn_into::<Element>().unwrap())
            .collect()
    }

    pub fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    /// Whether something matches `selector`.
    pub fn has(&self, selector: &str) -> bool {
        self.root.query_selector(selector).ok().flatten().is_some()
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// Mounts `view` into a fresh `<div>` appended to the document's body.
pub fn mount<F, V>(view: F) -> Mounted
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = mount_to(root.clone(), view);
    Mounted {
        root,
        _handle: Box::new(handle),
    }
}

pub fn time(rfc3339: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap()
}

pub fn category(slug: &str, name: &str, colour: &str) -> Category {
    Category {
        slug: slug.into(),
        name: name.into(),
        colour: colour.into(),
    }
}

/// An activity as the wire carries it, open with 3 of 20 places left.
pub fn activity(id: i64, title: &str, starts_at: &str, ends_at: &str) -> Activity {
    Activity {
        id,
        title: title.into(),
        description: "为辖区老人免费测量血压。".into(),
        category: "elderly".into(),
        site: SiteRef {
            id: 3,
            name: "幸福里社区新时代文明实践站".into(),
        },
        team: Some(TeamRef {
            id: 1,
            name: "红马甲志愿服务队".into(),
            field: "扶贫济困".into(),
        }),
        place: "社区党群服务中心二楼".into(),
        starts_at: time(starts_at),
        ends_at: time(ends_at),
        capacity: 20,
        places_left: 3,
        signup_deadline: None,
        target_group: Some("辖区60岁以上老人".into()),
        status: ActivityStatus::Open,
        team_only: false,
        cancel_reason: None,
        series_id: None,
    }
}

/// Waits until the reactive system has brought the page to a state: checks `done` between
/// macrotasks for up to five seconds, then fails naming `what` — never a fixed sleep that a
/// slow machine outruns or a fast one wastes.
pub async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..1000 {
        if done() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(5).await;
    }
    panic!("never came to pass: {what}");
}

/// A locale file as `scripts/locales.mjs` writes it and the app loads it: this build's key
/// fingerprint, then every string in the order of the sorted keys (flattened here from
/// `locales/<tag>.json`; the journeys load the file the build writes).
pub fn locale_strings(json: &str) -> js_sys::Array {
    fn flatten(value: &serde_json::Value, out: &js_sys::Array) {
        match value {
            serde_json::Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                for key in keys {
                    flatten(&map[key], out);
                }
            }
            serde_json::Value::String(text) => {
                out.push(&text.as_str().into());
            }
            other => panic!("a locale holds strings and objects only, not {other}"),
        }
    }
    let list = js_sys::Array::new();
    list.push(&station_app::i18n::KEYS_FINGERPRINT.into());
    flatten(&serde_json::from_str(json).unwrap(), &list);
    list
}
