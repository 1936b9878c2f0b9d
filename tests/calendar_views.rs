//! The month and the week: which days they hold, how they step, how a marked day is named.

mod common;

use chrono::NaiveDate;
use common::locale_strings;
use station_app::api::{read_days, Api};
use station_app::i18n::{load_strings, Locale};
use station_app::pages::calendar::{day_name, month_grid, month_step, week_of};
use station_wire::activities::{ActivityDay, ActivityQuery};
use station_wire::days::{keys, Day, DayKind};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[wasm_bindgen_test]
fn a_month_grid_runs_from_the_monday_before_the_first_to_the_sunday_after_the_last() {
    // December 2026 starts on a Tuesday and ends on a Thursday.
    assert_eq!(
        month_grid(day("2026-12-15")),
        (day("2026-11-30"), day("2027-01-03"))
    );
    // February 2027 starts on a Monday and ends on a Sunday: four whole weeks.
    assert_eq!(
        month_grid(day("2027-02-10")),
        (day("2027-02-01"), day("2027-02-28"))
    );
}

#[wasm_bindgen_test]
fn months_and_weeks_step_across_years() {
    assert_eq!(month_step(day("2026-12-31"), 1), day("2027-01-01"));
    assert_eq!(month_step(day("2027-01-15"), -1), day("2026-12-01"));
    assert_eq!(
        week_of(day("2027-01-03")),
        (day("2026-12-28"), day("2027-01-03"))
    );
}

#[wasm_bindgen_test]
fn a_marked_day_is_named_in_the_readers_language_or_as_the_backend_names_it() {
    let marked = |key: &str, name: &str| Day {
        date: day("2026-12-05"),
        key: key.to_owned(),
        kind: DayKind::Volunteer,
        name: name.to_owned(),
    };
    assert!(load_strings(
        Locale::ZhTw,
        &locale_strings(include_str!("../locales/zh-TW.json"))
    ));
    let volunteer_day = marked(keys::VOLUNTEER_DAY, "国际志愿者日");
    assert_eq!(day_name(Locale::ZhCn, &volunteer_day), "国际志愿者日");
    assert_eq!(day_name(Locale::ZhTw, &volunteer_day), "國際志願者日");
    // A key this app does not know, from another backend: its own name.
    let other = marked("station_anniversary", "建站十周年");
    assert_eq!(day_name(Locale::En, &other), "建站十周年");
}

/// The month's day counts are read without serde (`Api::get_parsed`): what is not the contract's
/// shape is refused whole, never read as a wrong count.
#[wasm_bindgen_test]
fn day_counts_are_read_field_by_field_and_nothing_else_passes() {
    let read = |json: &str| read_days(&js_sys::JSON::parse(json).unwrap());
    assert_eq!(
        read(r#"{"items":[{"date":"2026-12-05","count":3,"categories":["elderly","culture"]}]}"#),
        Some(vec![ActivityDay {
            date: day("2026-12-05"),
            count: 3,
            categories: vec!["elderly".into(), "culture".into()],
        }])
    );
    assert_eq!(read(r#"{"items":[]}"#), Some(vec![]));
    for hostile in [
        r#"{"items":[{"date":"2026-12-05","count":1.5,"categories":[]}]}"#,
        r#"{"items":[{"date":"2026-12-05","count":-1,"categories":[]}]}"#,
        r#"{"items":[{"date":"2026-12-05","count":"3","categories":[]}]}"#,
        r#"{"items":[{"date":"2026-13-05","count":3,"categories":[]}]}"#,
        r#"{"items":[{"date":"2026-12-05","count":3,"categories":[7]}]}"#,
        r#"{"items":[{"date":"2026-12-05","count":3}]}"#,
        r#"{"items":{"date":"2026-12-05"}}"#,
        r#"[]"#,
        r#"null"#,
    ] {
        assert_eq!(read(hostile), None, "{hostile}");
    }
}

/// Against the reference server: each day's count and first categories are what the month's
/// activities, listed in full, give.
#[wasm_bindgen_test]
async fn the_day_counts_agree_with_the_activities_listed() {
    // Not `env!`: the lints build every test without a server, and only running needs one.
    let Some(base) = option_env!("STATION_TEST_API") else {
        panic!("STATION_TEST_API must name the running reference server at build time");
    };
    let api = Api::new(base);
    let today = api.station().await.expect("GET /station").now.date_naive();
    let (from, to) = month_grid(today);
    let query = ActivityQuery::default();
    let counted = api
        .activity_days(&query, from, to)
        .await
        .expect("GET /activities/days");
    let listed = api
        .activities_between(&query, from, to)
        .await
        .expect("GET /activities");
    assert!(!listed.is_empty(), "the demo has activities this month");
    let mut expected: Vec<ActivityDay> = Vec::new();
    for activity in &listed {
        let date = activity.starts_at.date_naive();
        if expected.last().is_none_or(|last| last.date != date) {
            expected.push(ActivityDay {
                date,
                count: 0,
                categories: vec![],
            });
        }
        let last = expected.last_mut().unwrap();
        last.count += 1;
        if last.categories.len() < 3 && !last.categories.contains(&activity.category) {
            last.categories.push(activity.category.clone());
        }
    }
    assert_eq!(counted, expected);
}
