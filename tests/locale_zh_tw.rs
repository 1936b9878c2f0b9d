//! Traditional Chinese (zh-TW), loaded as a page loads it (see locale_en.rs): its weekdays,
//! counts and problems, with zh-CN unchanged beside it.

mod common;

use chrono::NaiveDate;
use common::{locale_strings, time};
use station_app::api::decode_response;
use station_app::i18n::{
    day_heading, error_message, full_date, load_strings, places_wording, time_range, Locale,
};
use station_wire::activities::ActivityStatus;
use station_wire::problem::PROBLEM_JSON;
use station_wire::station::StationInfo;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn traditional_chinese_reads_its_own_weekdays_counts_and_problems() {
    let strings = locale_strings(include_str!("../locales/zh-TW.json"));
    assert!(load_strings(Locale::ZhTw, &strings));

    let date = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    assert_eq!(day_heading(Locale::ZhTw, date), "11月24日 週二");
    assert_eq!(full_date(Locale::ZhTw, date), "2026年11月24日 週二");
    let (start, end) = (
        time("2026-11-24T14:00:00+08:00"),
        time("2026-11-24T16:00:00+08:00"),
    );
    assert_eq!(time_range(Locale::ZhTw, &start, &end), "14:00–16:00");
    assert_eq!(
        places_wording(Locale::ZhTw, ActivityStatus::Open, 3),
        "剩餘 3 個名額"
    );
    let body = r#"{"type":"urn:station:problem:not-found","title":"Not Found","status":404}"#;
    let error = decode_response::<StationInfo>(404, Some(PROBLEM_JSON), body).unwrap_err();
    assert_eq!(error_message(Locale::ZhTw, &error), "沒有找到這個活動");

    assert_eq!(day_heading(Locale::ZhCn, date), "11月24日 周二");
    assert_eq!(
        places_wording(Locale::ZhCn, ActivityStatus::Open, 3),
        "剩余 3 个名额"
    );
}
