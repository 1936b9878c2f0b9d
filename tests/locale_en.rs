//! English, loaded as a page loads it (a file in the order and with the fingerprint of
//! scripts/locales.mjs; the journeys load the very file the build writes). Dates, plurals and a
//! problem from the server read in English; zh-CN, compiled in, is unchanged beside it.

mod common;

use chrono::NaiveDate;
use common::{locale_strings, time};
use station_app::api::decode_response;
use station_app::i18n::{
    day_heading, error_message, full_date, load_strings, page_locale, places_wording, time_range,
    Locale, KEYS_FINGERPRINT, STRING_COUNT,
};
use station_wire::activities::ActivityStatus;
use station_wire::problem::PROBLEM_JSON;
use station_wire::station::StationInfo;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn parse(text: &str) -> js_sys::Array {
    js_sys::JSON::parse(text).unwrap().into()
}

#[wasm_bindgen_test]
fn english_reads_dates_plurals_and_problems() {
    let date = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    // Not loaded: English falls back to the language compiled in.
    assert_eq!(day_heading(Locale::En, date), "11月24日 周二");

    // A file of another build (the right count, another fingerprint) is refused.
    let other_build = serde_json::to_string(&vec!["00000000"; STRING_COUNT + 1]).unwrap();
    assert!(!load_strings(Locale::En, &parse(&other_build)));
    // This build's fingerprint and count, but not all strings.
    let not_all_strings = js_sys::Array::new();
    not_all_strings.push(&KEYS_FINGERPRINT.into());
    for _ in 1..STRING_COUNT {
        not_all_strings.push(&"text".into());
    }
    not_all_strings.push(&1.into());
    assert!(!load_strings(Locale::En, &not_all_strings));
    assert_eq!(page_locale(), Locale::ZhCn);

    let english = locale_strings(include_str!("../locales/en.json"));
    assert!(
        load_strings(Locale::En, &english),
        "the file is this build's"
    );
    assert_eq!(page_locale(), Locale::En);

    assert_eq!(day_heading(Locale::En, date), "Tue 24 Nov");
    assert_eq!(full_date(Locale::En, date), "Tue 24 Nov 2026");
    let (start, end) = (
        time("2026-11-24T14:00:00+08:00"),
        time("2026-11-25T09:00:00+08:00"),
    );
    assert_eq!(
        time_range(Locale::En, &start, &end),
        "14:00–Wed 25 Nov 09:00"
    );
    assert_eq!(
        places_wording(Locale::En, ActivityStatus::Open, 1),
        "1 place left"
    );
    assert_eq!(
        places_wording(Locale::En, ActivityStatus::Open, 3),
        "3 places left"
    );

    // The server's problem in the reader's language, not its English `detail`.
    let body = r#"{"type":"urn:station:problem:not-found","title":"Not Found","status":404,
        "detail":"no activity 5 here"}"#;
    let error = decode_response::<StationInfo>(404, Some(PROBLEM_JSON), body).unwrap_err();
    assert_eq!(
        error_message(Locale::En, &error),
        "We could not find this activity"
    );
    assert_eq!(error_message(Locale::ZhCn, &error), "没有找到这个活动");

    // zh-CN, beside it, as before.
    assert_eq!(day_heading(Locale::ZhCn, date), "11月24日 周二");
    assert_eq!(
        places_wording(Locale::ZhCn, ActivityStatus::Open, 1),
        "剩余 1 个名额"
    );
}
