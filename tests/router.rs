//! The app's router in the browser: routes and their params, the query, links followed within
//! the area without a page load, links the browser keeps, back, and navigating in code.

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::{mount, until};
use leptos::prelude::*;
use station_app::router::{
    route, routes, use_location, use_navigate, use_params_map, use_query_map, NavigateOptions,
    Router,
};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn window() -> web_sys::Window {
    web_sys::window().unwrap()
}

fn set_url(url: &str) {
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
        .unwrap();
}

fn pathname() -> String {
    window().location().pathname().unwrap()
}

fn history_length() -> u32 {
    window().history().unwrap().length().unwrap()
}

#[component]
fn ActivityStub() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    // A new :id on the same route reaches the page through its signal; count the page's draws.
    DRAWS.with(|draws| *draws.borrow_mut() += 1);
    view! {
        <p data-testid="activity">{move || params.read().get("id")}</p>
        <p data-testid="category">{move || query.read().get("category")}</p>
    }
}

#[component]
fn AgendaStub() -> impl IntoView {
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let to_nine = move |_| {
        navigate(
            "/activities/9",
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        )
    };
    view! {
        <p data-testid="agenda">{move || query.read().get("category")}</p>
        <p data-testid="search">{move || location.search.get()}</p>
        <button data-testid="to-nine" on:click=to_nine>"9"</button>
    }
}

thread_local! {
    static DRAWS: RefCell<u32> = const { RefCell::new(0) };
}

fn text(root: &HtmlElement, test_id: &str) -> Option<String> {
    root.query_selector(&format!("[data-testid={test_id}]"))
        .unwrap()
        .and_then(|element| element.text_content())
}

#[wasm_bindgen_test]
async fn routes_links_back_and_navigation() {
    let original = window().location().href().unwrap();
    set_url("/activities/7?category=elderly");

    let mounted = mount(|| {
        view! {
            <Router>
                {routes(
                    vec![
                        route("/", || view! { <AgendaStub /> }.into_any()),
                        route("/activities/:id", || view! { <ActivityStub /> }.into_any()),
                    ],
                    || view! { <p data-testid="fallback">"none"</p> }.into_any(),
                )}
                <nav>
                    <a data-testid="to-eight" href="/activities/8">"8"</a>
                    <a data-testid="to-six-places" href="/activities/6#places">"6"</a>
                    <a data-testid="to-agenda" href="/?category=a%20b+c">"agenda"</a>
                    <a data-testid="to-nowhere" href="/nowhere/at/all">"nowhere"</a>
                    <a data-testid="other-area" href="/me">"me"</a>
                    <a data-testid="external" href="/activities/5" rel="external">"5"</a>
                    <a data-testid="new-tab" href="/activities/5" target="_blank">"5"</a>
                    <a data-testid="download" href="/activities/5" download>"5"</a>
                    <a data-testid="elsewhere" href="https://example.org/activities/5">"5"</a>
                </nav>
            </Router>
        }
    });
    let root = mounted.root.clone();
    let click = |test_id: &str| {
        root.query_selector(&format!("[data-testid={test_id}]"))
            .unwrap()
            .unwrap()
            .unchecked_into::<HtmlElement>()
            .click()
    };

    // The route of the path, its :id and the query.
    assert_eq!(text(&root, "activity").as_deref(), Some("7"));
    assert_eq!(text(&root, "category").as_deref(), Some("elderly"));
    let draws = DRAWS.with(|draws| *draws.borrow());

    // A link within the area: a new history entry, the same page with its new :id.
    let before = history_length();
    click("to-eight");
    until("the :id of the followed link", || {
        text(&root, "activity").as_deref() == Some("8")
    })
    .await;
    assert_eq!(pathname(), "/activities/8");
    assert_eq!(history_length(), before + 1);
    assert_eq!(
        DRAWS.with(|draws| *draws.borrow()),
        draws,
        "the page was drawn again"
    );
    assert_eq!(text(&root, "category"), Some(String::new()));

    // A fragment goes with the path.
    click("to-six-places");
    until("activity 6", || {
        text(&root, "activity").as_deref() == Some("6")
    })
    .await;
    assert_eq!(window().location().hash().unwrap(), "#places");
    window().history().unwrap().back().unwrap();
    until("back to activity 8", || {
        text(&root, "activity").as_deref() == Some("8")
    })
    .await;

    // Another route, its query percent-decoded (`+` a space).
    click("to-agenda");
    until("the agenda's query", || {
        text(&root, "agenda").as_deref() == Some("a b c")
    })
    .await;
    assert_eq!(text(&root, "search").as_deref(), Some("category=a%20b+c"));
    assert!(text(&root, "activity").is_none());

    // Back: the browser's history drives the route.
    window().history().unwrap().back().unwrap();
    until("back to activity 8", || {
        text(&root, "activity").as_deref() == Some("8")
    })
    .await;

    // A path no route matches: the fallback.
    click("to-nowhere");
    until("the fallback", || text(&root, "fallback").is_some()).await;

    // The links the browser keeps: another area (a page load), `rel=external`, a new tab, a
    // download, another origin. A listener after the router's sees what it decided, then stops
    // the browser's navigation so that the test page stays.
    let decided: Rc<RefCell<Vec<bool>>> = Rc::default();
    let record = {
        let decided = decided.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            decided.borrow_mut().push(event.default_prevented());
            event.prevent_default();
        })
    };
    window()
        .add_event_listener_with_callback("click", record.as_ref().unchecked_ref())
        .unwrap();
    let kept = ["other-area", "external", "new-tab", "download", "elsewhere"];
    for test_id in kept {
        click(test_id);
    }
    window()
        .remove_event_listener_with_callback("click", record.as_ref().unchecked_ref())
        .unwrap();
    assert_eq!(*decided.borrow(), vec![false; kept.len()], "{kept:?}");
    assert_eq!(pathname(), "/nowhere/at/all");

    // Navigating in code, replacing the entry.
    click("to-agenda");
    until("the agenda", || text(&root, "agenda").is_some()).await;
    let before = history_length();
    click("to-nine");
    until("activity 9", || {
        text(&root, "activity").as_deref() == Some("9")
    })
    .await;
    assert_eq!(
        history_length(),
        before,
        "a replaced entry is not a new one"
    );

    drop(mounted);
    set_url(&original);
}

/// A long page whose far end is drawn a moment after the page itself, as loaded data is.
#[component]
fn LongStub() -> impl IntoView {
    let drawn = RwSignal::new(false);
    set_timeout(
        move || drawn.set(true),
        std::time::Duration::from_millis(300),
    );
    view! {
        <div style="height: 4000px">"long"</div>
        <Show when=move || drawn.get()>
            <p id="far 远" data-testid="far">"far"</p>
        </Show>
    }
}

#[wasm_bindgen_test]
async fn a_param_reads_decoded_and_a_fragment_is_scrolled_to_once_drawn() {
    let original = window().location().href().unwrap();
    set_url("/activities/%E4%B8%83%20a");
    window().scroll_to_with_x_and_y(0.0, 0.0);
    let mounted = mount(|| {
        view! {
            <Router>
                {routes(
                    vec![
                        route("/activities/:id", || view! { <ActivityStub /> }.into_any()),
                        route("/long", || view! { <LongStub /> }.into_any()),
                    ],
                    || view! { <p data-testid="fallback">"none"</p> }.into_any(),
                )}
                <a data-testid="to-far" href="/long#far%20%E8%BF%9C">"far"</a>
            </Router>
        }
    });
    let root = mounted.root.clone();
    assert_eq!(text(&root, "activity").as_deref(), Some("七 a"));

    root.query_selector("[data-testid=to-far]")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    until("the far end is drawn", || text(&root, "far").is_some()).await;
    until("scrolled to the far end", || {
        window().scroll_y().unwrap() > 3000.0
    })
    .await;
    set_url(&original);
}

/// Like the calendar's filter bar: its links follow the filters (a memo of the query) and the
/// day shown (read from the query itself).
#[component]
fn FilterBarStub() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|query| query.get("category")));
    move || {
        let category = filter.get().unwrap_or_default();
        let day = query.with(|query| query.get("date")).unwrap_or_default();
        view! { <a data-testid="week" href=format!("/week?category={category}&date={day}")>"week"</a> }
    }
}

// A view that reads a memo of the query and then the query itself is drawn again when only the
// part of the query outside that memo changes. With the query a memo of the URL, reactive_graph
// skipped it: polling the first memo recomputed the query on the view's behalf, and the view,
// the observer at that moment, was never told the query had changed (the calendar's 周 link kept
// the day before the one chosen).
#[wasm_bindgen_test]
async fn a_view_reading_the_query_and_a_memo_of_it_follows_every_change() {
    let original = window().location().href().unwrap();
    set_url("/month?category=elderly");
    let mounted = mount(|| {
        view! {
            <Router>
                <FilterBarStub />
                <a data-testid="day" href="/month?category=elderly&date=2027-02-10">"10"</a>
            </Router>
        }
    });
    let root = mounted.root.clone();
    let week = || {
        root.query_selector("[data-testid=week]")
            .unwrap()
            .unwrap()
            .get_attribute("href")
    };
    assert_eq!(week().as_deref(), Some("/week?category=elderly&date="));
    root.query_selector("[data-testid=day]")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    until("the week link follows the day", || {
        week().as_deref() == Some("/week?category=elderly&date=2027-02-10")
    })
    .await;
    set_url(&original);
}
