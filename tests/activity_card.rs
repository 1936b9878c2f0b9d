//! The activity card: category name and colour, time, place, team and the places wording.

mod common;

use common::{activity, category, mount};
use leptos::prelude::*;
use station_app::components::category::NEUTRAL_COLOUR;
use station_app::components::{link_card, ActivityCard};
use station_wire::activities::{Activity, ActivityStatus};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn sample() -> Activity {
    activity(
        7,
        "义诊进社区",
        "2026-11-24T14:00:00+08:00",
        "2026-11-24T16:00:00+08:00",
    )
}

fn places_text(activity: Activity) -> String {
    let mounted = mount(move || {
        view! { <ActivityCard activity=activity category=Some(category("elderly", "助老帮困", "#d6452f")) /> }
    });
    mounted
        .find(".activity-card__places")
        .text_content()
        .unwrap()
}

#[wasm_bindgen_test]
fn the_card_links_to_the_activity_and_says_what_when_where_and_who() {
    let mounted = mount(|| {
        view! { <ActivityCard activity=sample() category=Some(category("elderly", "助老帮困", "#d6452f")) /> }
    });
    let card = mounted.find("a[data-testid='activity-card']");
    assert_eq!(card.get_attribute("href").as_deref(), Some("/activities/7"));
    let text = card.text_content().unwrap();
    for expected in [
        "义诊进社区",
        "14:00–16:00",
        "社区党群服务中心二楼",
        "红马甲志愿服务队",
    ] {
        assert!(text.contains(expected), "`{expected}` missing from {text}");
    }
    // The time is the station's, whatever the test browser's zone.
    assert_eq!(
        mounted.find("time").get_attribute("datetime").as_deref(),
        Some("2026-11-24T14:00:00+08:00")
    );
}

#[wasm_bindgen_test]
fn the_category_shows_by_name_and_by_colour() {
    let mounted = mount(|| {
        view! { <ActivityCard activity=sample() category=Some(category("elderly", "助老帮困", "#d6452f")) /> }
    });
    assert_eq!(
        mounted.find(".category-name").text_content().unwrap(),
        "助老帮困"
    );
    let card_style = mounted
        .find("a[data-testid='activity-card']")
        .get_attribute("style")
        .unwrap();
    assert!(card_style.contains("#d6452f"), "{card_style}");
    // The stripe really paints in the category's colour: rgb(214, 69, 47) is #d6452f.
    let stripe = mounted.find(".activity-card__stripe");
    let window = web_sys::window().unwrap();
    let colour = window
        .get_computed_style(&stripe)
        .unwrap()
        .unwrap()
        .get_property_value("--category-colour")
        .unwrap();
    assert_eq!(colour.trim(), "#d6452f");
}

#[wasm_bindgen_test]
fn an_unlisted_category_or_a_suspicious_colour_falls_back_to_neutral() {
    let mounted = mount(|| {
        view! {
            <ActivityCard
                activity=sample()
                category=Some(category("x", "平安", "red;background:url(x)"))
            />
        }
    });
    let style = mounted
        .find("a[data-testid='activity-card']")
        .get_attribute("style")
        .unwrap();
    assert!(!style.contains("url("), "{style}");
    assert_eq!(
        mounted.find(".category-name").text_content().unwrap(),
        "平安"
    );

    let mounted = mount(|| view! { <ActivityCard activity=sample() category=None /> });
    assert_eq!(
        mounted.find(".category-name").text_content().unwrap(),
        "其他"
    );
}

#[wasm_bindgen_test]
fn places_left_are_worded_by_status() {
    let with = |status: ActivityStatus, places_left: u32| {
        let mut activity = sample();
        activity.status = status;
        activity.places_left = places_left;
        places_text(activity)
    };
    assert_eq!(with(ActivityStatus::Open, 3), "剩余 3 个名额");
    assert_eq!(with(ActivityStatus::Open, 0), "名额已满");
    assert_eq!(with(ActivityStatus::Full, 0), "名额已满");
    assert_eq!(with(ActivityStatus::Closed, 5), "报名已截止");
    assert_eq!(with(ActivityStatus::Cancelled, 5), "已取消");
    assert_eq!(with(ActivityStatus::Finished, 0), "已结束");
}

#[wasm_bindgen_test]
fn the_status_is_exposed_for_styling() {
    let mut cancelled = sample();
    cancelled.status = ActivityStatus::Cancelled;
    let mounted = mount(move || view! { <ActivityCard activity=cancelled category=None /> });
    assert_eq!(
        mounted
            .find("a[data-testid='activity-card']")
            .get_attribute("data-status")
            .as_deref(),
        Some("cancelled")
    );
}

#[wasm_bindgen_test]
async fn on_a_card_the_places_show_once_and_the_stripe_runs_down_the_sign_up_row() {
    let mounted = mount(|| {
        view! { <ActivityCard activity=sample() category=Some(category("elderly", "助老帮困", "#d6452f")) /> }
    });
    common::until("the sign-up row renders", || {
        mounted.has("[data-testid='signup'] .signup__hint")
    })
    .await;
    // The hint under 报名 repeats the badge: kept for screen readers, not shown twice.
    let hint = mounted.find("[data-testid='signup'] .signup__hint");
    assert!(hint.class_list().contains("visually-hidden"));
    assert!(hint.text_content().unwrap().contains("剩余 3 个名额"));
    // The category's colour reaches the sign-up row too, for its stripe (style/main.css).
    let window = web_sys::window().unwrap();
    let row = mounted.find("[data-testid='signup']");
    let colour = window
        .get_computed_style(&row)
        .unwrap()
        .unwrap()
        .get_property_value("--category-colour")
        .unwrap();
    assert_eq!(colour.trim(), "#d6452f");
}

#[wasm_bindgen_test]
fn what_the_backend_wrote_stays_text_on_a_card_written_as_markup() {
    let mut hostile = sample();
    hostile.title = r#"<img src=x onerror="alert(1)">义诊 & "体检""#.to_owned();
    hostile.place = "</a><a href='/evil'>二楼".to_owned();
    let title = hostile.title.clone();
    let place = hostile.place.clone();
    let mounted = mount(move || {
        let category = Some(category("x", "<b>平安</b>", "#d6452f\"><i>"));
        view! { <ul>{link_card(hostile, category)}</ul> }
    });
    assert!(mounted.find_all("img, b, i").is_empty());
    assert_eq!(mounted.find_all("a").len(), 1, "one link, the card's");
    assert_eq!(
        mounted
            .find(".activity-card__title")
            .text_content()
            .unwrap(),
        title
    );
    assert_eq!(
        mounted
            .find(".activity-card__place")
            .text_content()
            .unwrap(),
        place
    );
    assert_eq!(
        mounted.find(".category-name").text_content().unwrap(),
        "<b>平安</b>"
    );
    let colour = mounted.find("a").get_attribute("data-colour");
    assert_eq!(colour.as_deref(), Some(NEUTRAL_COLOUR));
}

/// The link of a card as drawn: its attributes (the colour aside, carried by `style` in one and
/// `data-colour` in the other), each element inside it with its class and attributes, its text.
fn link_shape(mounted: &common::Mounted) -> Vec<String> {
    use wasm_bindgen::JsCast;
    let link = mounted.find("a.activity-card");
    let described = |element: &web_sys::Element| {
        let attributes = [
            "class",
            "data-testid",
            "data-status",
            "href",
            "aria-hidden",
            "datetime",
        ]
        .map(|name| format!("{name}={:?}", element.get_attribute(name)));
        format!("{} {}", element.tag_name(), attributes.join(" "))
    };
    let inside = link.query_selector_all("*").unwrap();
    let mut shape = vec![described(&link)];
    for index in 0..inside.length() {
        let element = inside.item(index).unwrap().dyn_into().unwrap();
        shape.push(described(&element));
    }
    shape.push(link.text_content().unwrap());
    shape
}

#[wasm_bindgen_test]
fn a_lists_link_card_and_the_full_card_draw_the_same_link() {
    let drawn = |status: ActivityStatus| {
        let mut activity = sample();
        activity.status = status;
        let listed = activity.clone();
        let full = mount(move || {
            view! { <ActivityCard activity=activity category=Some(category("elderly", "助老帮困", "#d6452f")) /> }
        });
        let listed = mount(move || {
            view! { <ul>{link_card(listed, Some(category("elderly", "助老帮困", "#d6452f")))}</ul> }
        });
        (link_shape(&full), link_shape(&listed))
    };
    for status in [ActivityStatus::Open, ActivityStatus::Closed] {
        let (full, listed) = drawn(status);
        assert!(full.len() > 8, "{full:?}");
        assert_eq!(full, listed);
    }
    // Without a team and without a listed category, too.
    let mut plain = sample();
    plain.team = None;
    let listed = plain.clone();
    let full = mount(move || view! { <ActivityCard activity=plain category=None /> });
    let listed = mount(move || view! { <ul>{link_card(listed, None)}</ul> });
    assert_eq!(link_shape(&full), link_shape(&listed));
}
