//! The app's own router: an area's few routes matched against the browser's path, links within
//! the area followed without a page load, and the hooks pages read the URL with.
//!
//! leptos_router cost 46 KiB (brotli) of every area's first load, a quarter of the budget, for
//! nested routes, lazy routes, forms and server functions the station does not use. This is the
//! part it uses: flat routes with `:param` segments, `pushState` navigation, and the location,
//! params and query as signals. A link or a navigation to a path of another area is a full page
//! load of that area (see [`crate::bundle`]).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::bundle::{use_bundle, Bundle};

/// The browser's URL as the app reads it: the path and the query (without its `?`).
#[derive(Clone, Debug, Default, PartialEq)]
struct Url {
    path: String,
    search: String,
}

impl Url {
    fn current() -> Url {
        let location = window().location();
        let search = location.search().unwrap_or_default();
        Url {
            path: location.pathname().unwrap_or_else(|_| "/".into()),
            search: search.strip_prefix('?').unwrap_or(&search).to_owned(),
        }
    }
}

/// Where the reader is, as signals: the path and the query string (without its `?`).
#[derive(Clone, Copy)]
pub struct Location {
    pub pathname: ReadSignal<String>,
    pub search: ReadSignal<String>,
}

/// How [`use_navigate`]'s function goes: replacing the current history entry or adding one, and
/// whether the page starts at its top.
#[derive(Clone, Copy, Debug)]
pub struct NavigateOptions {
    pub replace: bool,
    pub scroll: bool,
}

impl Default for NavigateOptions {
    fn default() -> Self {
        NavigateOptions {
            replace: false,
            scroll: true,
        }
    }
}

/// Names and values from a route's `:param` segments or from a query string.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParamsMap(Vec<(String, String)>);

impl ParamsMap {
    /// The first value given for `key`.
    pub fn get(&self, key: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.clone())
    }

    /// A query string's pairs, percent-decoded (`+` is a space, as in a submitted form).
    fn from_query(search: &str) -> ParamsMap {
        let decode = |part: &str| decode(&part.replace('+', " "));
        ParamsMap(
            search
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                    (decode(name), decode(value))
                })
                .collect(),
        )
    }
}

/// The URL's parts, each a signal of its own set only when it changes. Not memos of one URL
/// signal: reactive_graph does not draw a view again that reads a memo of the query and then the
/// query itself when polling the first memo recomputed the second on the view's behalf (the
/// calendar's 周 link kept an old day; `tests/router.rs`).
#[derive(Clone, Copy)]
struct RouterContext {
    path: RwSignal<String>,
    search: RwSignal<String>,
    query: RwSignal<ParamsMap>,
    /// The area this app is: a path of another is a page load.
    bundle: Bundle,
}

impl RouterContext {
    fn new(url: Url, bundle: Bundle) -> RouterContext {
        RouterContext {
            query: RwSignal::new(ParamsMap::from_query(&url.search)),
            path: RwSignal::new(url.path),
            search: RwSignal::new(url.search),
            bundle,
        }
    }

    /// The reader is at `url` now: the parts that changed are set.
    fn arrive(self, url: Url) {
        if self.path.with_untracked(|path| *path != url.path) {
            self.path.set(url.path);
        }
        if self.search.with_untracked(|search| *search != url.search) {
            self.query.set(ParamsMap::from_query(&url.search));
            self.search.set(url.search);
        }
    }

    fn location(self) -> Location {
        Location {
            pathname: self.path.read_only(),
            search: self.search.read_only(),
        }
    }
}

fn use_router() -> RouterContext {
    use_context::<RouterContext>().expect("a page inside <Router>")
}

/// The URL as signals for everything inside it, and links within this area followed without a
/// page load. One per area, at its root.
#[component]
pub fn Router(children: Children) -> impl IntoView {
    let router = RouterContext::new(Url::current(), use_bundle());
    provide_context(router);

    let clicks = window_event_listener_untyped("click", move |event| {
        if let Some(href) = link_to_follow(&event, router.bundle) {
            event.prevent_default();
            go(router, &href, NavigateOptions::default());
        }
    });
    let history = window_event_listener_untyped("popstate", move |_| router.arrive(Url::current()));
    on_cleanup(move || {
        clicks.remove();
        history.remove();
    });
    // Opened at a fragment (`/me#me-display`): the browser looked for it before the page was
    // drawn.
    scroll_to_fragment(FRAGMENT_TRIES);
    children()
}

/// How many times (100 ms apart) a fragment's element is looked for while its page loads.
const FRAGMENT_TRIES: u32 = 30;

/// Scrolls to the element the URL's fragment names, once the page has drawn it.
fn scroll_to_fragment(tries: u32) {
    let hash = window().location().hash().unwrap_or_default();
    let Some(id) = hash.strip_prefix('#').filter(|id| !id.is_empty()) else {
        return;
    };
    let id = decode(id);
    match document().get_element_by_id(&id) {
        Some(element) => element.scroll_into_view(),
        None if tries > 0 => set_timeout(
            move || scroll_to_fragment(tries - 1),
            std::time::Duration::from_millis(100),
        ),
        None => {}
    }
}

/// A percent-encoded part of a URL as it reads (left as it is when it is not valid UTF-8).
fn decode(part: &str) -> String {
    js_sys::decode_uri_component(part)
        .map(String::from)
        .unwrap_or_else(|_| part.to_owned())
}

/// The path (with its query and fragment) of a click on a link this router follows itself: a
/// plain left click on a link to another page of this area that opens here. Every other click
/// is the browser's.
fn link_to_follow(event: &web_sys::Event, bundle: Bundle) -> Option<String> {
    let click = event.dyn_ref::<web_sys::MouseEvent>()?;
    if event.default_prevented()
        || click.button() != 0
        || click.meta_key()
        || click.ctrl_key()
        || click.shift_key()
        || click.alt_key()
    {
        return None;
    }
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    let anchor: web_sys::HtmlAnchorElement = target.closest("a[href]").ok()??.dyn_into().ok()?;
    let opens_here = matches!(anchor.target().as_str(), "" | "_self");
    let external = anchor
        .get_attribute("rel")
        .is_some_and(|rel| rel.split_ascii_whitespace().any(|word| word == "external"));
    if !opens_here || external || anchor.has_attribute("download") {
        return None;
    }
    let here = window().location();
    if anchor.origin() != here.origin().ok()? {
        return None;
    }
    let (path, search) = (anchor.pathname(), anchor.search());
    // A jump within this page (`#main`) is the browser's too.
    let same_page = path == here.pathname().ok()? && search == here.search().ok()?;
    if (same_page && !anchor.hash().is_empty()) || Bundle::of_path(&path) != bundle {
        return None;
    }
    Some(format!("{path}{search}{}", anchor.hash()))
}

/// Goes to `href` (a path with its query): within this area by the history API, to another
/// area with a page load.
fn go(router: RouterContext, href: &str, options: NavigateOptions) {
    let window = window();
    if Bundle::of_path(href) != router.bundle {
        let location = window.location();
        let _ = if options.replace {
            location.replace(href)
        } else {
            location.assign(href)
        };
        return;
    }
    if let Ok(history) = window.history() {
        let state = wasm_bindgen::JsValue::NULL;
        let _ = if options.replace {
            history.replace_state_with_url(&state, "", Some(href))
        } else {
            history.push_state_with_url(&state, "", Some(href))
        };
    }
    let next = Url::current();
    // A new page starts at its top (or at its fragment, once drawn); a new query on the same
    // page (a filter) stays where it is.
    if options.scroll && router.path.with_untracked(|path| *path != next.path) {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
    router.arrive(next);
    if options.scroll {
        scroll_to_fragment(FRAGMENT_TRIES);
    }
}

/// The function that goes to a path of the app: within this area without a page load, to
/// another area with one.
pub fn use_navigate() -> impl Fn(&str, NavigateOptions) + Clone + 'static {
    let router = use_router();
    move |href: &str, options: NavigateOptions| go(router, href, options)
}

/// Whether this is drawn inside a [`Router`] (a component shown on its own, as in a component
/// test, is not).
pub fn in_router() -> bool {
    use_context::<RouterContext>().is_some()
}

/// Where the reader is.
pub fn use_location() -> Location {
    use_router().location()
}

/// The query string's names and values.
pub fn use_query_map() -> ReadSignal<ParamsMap> {
    use_router().query.read_only()
}

/// The `:param` values of the route being shown.
pub fn use_params_map() -> Memo<ParamsMap> {
    use_context::<Params>().expect("a page inside <Routes>").0
}

#[derive(Clone, Copy)]
struct Params(Memo<ParamsMap>);

/// One route: a path pattern (`/activities/:id`) and the page it shows.
pub struct Route {
    pattern: &'static str,
    view: fn() -> AnyView,
}

impl Route {
    /// Its path pattern (`/activities/:id`).
    pub fn pattern(&self) -> &'static str {
        self.pattern
    }
}

/// Whether `path` matches `pattern` (a route's).
pub fn path_matches(pattern: &str, path: &str) -> bool {
    match_path(pattern, path).is_some()
}

/// A route to `view`, for [`routes`].
pub fn route(pattern: &'static str, view: fn() -> AnyView) -> Route {
    Route { pattern, view }
}

/// The params of `path` when it matches `pattern`: the same number of segments, each literal
/// one equal, each `:name` one any non-empty segment (percent-decoded). A trailing `/` is
/// ignored.
fn match_path(pattern: &str, path: &str) -> Option<ParamsMap> {
    let mut wanted = pattern.trim_matches('/').split('/');
    let mut given = path.trim_matches('/').split('/');
    let mut params = Vec::new();
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return Some(ParamsMap(params)),
            (Some(want), Some(part)) => match want.strip_prefix(':') {
                Some(name) if !part.is_empty() => params.push((name.to_owned(), decode(part))),
                None if want == part => {}
                _ => return None,
            },
            _ => return None,
        }
    }
}

/// The page of the first route the path matches, or `fallback`'s. A new route draws its page
/// afresh; a new `:param` or query on the same route changes only the signals it reads.
pub fn routes(table: Vec<Route>, fallback: fn() -> AnyView) -> impl IntoView {
    let location = use_location();
    let table = std::sync::Arc::new(table);
    let matched = Memo::new({
        let table = table.clone();
        move |_| {
            location.pathname.with(|path| {
                table
                    .iter()
                    .enumerate()
                    .find_map(|(index, route)| Some((index, match_path(route.pattern, path)?)))
            })
        }
    });
    let index =
        Memo::new(move |_| matched.with(|matched| matched.as_ref().map(|(index, _)| *index)));
    provide_context(Params(Memo::new(move |_| {
        matched.with(|matched| {
            matched
                .as_ref()
                .map(|(_, params)| params.clone())
                .unwrap_or_default()
        })
    })));
    move || match index.get() {
        Some(index) => (table[index].view)(),
        None => fallback(),
    }
}
