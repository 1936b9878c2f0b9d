//! How answers become values or one `ApiError`, and what the reader is told.
//!
//! The mapping is tested on plain inputs (status, content type, body), and the same client
//! against the real reference server that `STATION_TEST_API` names at build time (scripts/test.sh
//! sets it; without it the test fails rather than passing unchecked).

use station_app::api::{decode_response, Api, ApiError};
use station_app::i18n::{error_message, Locale};
use station_wire::page::List;
use station_wire::problem::PROBLEM_JSON;
use station_wire::station::StationInfo;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ZH: Locale = Locale::ZhCn;

#[wasm_bindgen_test]
fn a_not_found_problem_reads_as_no_such_activity() {
    let body = r#"{"type":"urn:station:problem:not-found","title":"Not Found","status":404,
        "detail":"no activity 9"}"#;
    let error = decode_response::<StationInfo>(404, Some(PROBLEM_JSON), body).unwrap_err();
    let ApiError::Problem(problem) = &error else {
        panic!("expected a problem, got {error:?}");
    };
    assert_eq!(problem.kind, "urn:station:problem:not-found");
    assert_eq!(error_message(ZH, &error), "没有找到这个活动");
}

#[wasm_bindgen_test]
fn server_failures_network_failures_and_garbage_have_their_own_words() {
    let unavailable = decode_response::<StationInfo>(503, Some("text/html"), "<h1>busy</h1>");
    assert_eq!(unavailable, Err(ApiError::Http { status: 503 }));
    assert_eq!(
        error_message(ZH, &unavailable.unwrap_err()),
        "服务器暂时出了问题"
    );

    assert_eq!(
        error_message(ZH, &ApiError::Network),
        "网络连接失败，请检查网络后重试"
    );

    let garbage = decode_response::<StationInfo>(200, Some("application/json"), "{\"name\":");
    assert_eq!(garbage, Err(ApiError::Decode));

    let problem_with_bad_body = decode_response::<StationInfo>(
        500,
        Some("application/problem+json; charset=utf-8"),
        "oops",
    );
    assert_eq!(problem_with_bad_body, Err(ApiError::Http { status: 500 }));

    let too_many = decode_response::<StationInfo>(429, None, "");
    assert_eq!(
        error_message(ZH, &too_many.unwrap_err()),
        "访问太频繁，请稍后再试"
    );
}

#[wasm_bindgen_test]
fn the_status_line_wins_over_the_status_in_the_body() {
    let body = r#"{"type":"urn:station:problem:internal","title":"Oops","status":200}"#;
    let error = decode_response::<StationInfo>(500, Some(PROBLEM_JSON), body).unwrap_err();
    assert_eq!(error.status(), Some(500));
    assert_eq!(error_message(ZH, &error), "服务器暂时出了问题");
}

#[wasm_bindgen_test]
fn a_success_decodes_into_the_wire_type() {
    let body = r##"{"items":[{"slug":"elderly","name":"助老帮困","colour":"#d6452f"}]}"##;
    let list: List<station_wire::activities::Category> =
        decode_response(200, Some("application/json"), body).unwrap();
    assert_eq!(list.items[0].name, "助老帮困");
}

#[wasm_bindgen_test]
async fn an_unreachable_backend_is_a_network_error() {
    // Port 9 (discard) is closed on loopback: the request never gets an answer.
    let api = Api::new("http://127.0.0.1:9");
    assert_eq!(api.station().await, Err(ApiError::Network));
}

/// Against the real reference server the test build names.
#[wasm_bindgen_test]
async fn the_reference_server_answers_the_client() {
    // Not `env!`: the lints build every test without a server, and only running needs one.
    let Some(base) = option_env!("STATION_TEST_API") else {
        panic!("STATION_TEST_API must name the running reference server at build time");
    };
    let api = Api::new(base);
    let station = api.station().await.expect("GET /station");
    assert!(!station.name.is_empty());
    assert_eq!(station.now.offset().local_minus_utc() % 60, 0);

    let missing = api.activity(987_654_321).await.unwrap_err();
    assert_eq!(missing.status(), Some(404));
    assert!(matches!(missing, ApiError::Problem(_)), "{missing:?}");
    assert_eq!(error_message(ZH, &missing), "没有找到这个活动");
}

#[wasm_bindgen_test]
fn a_check_in_code_that_is_not_the_activitys_is_said_as_such() {
    use station_app::pages::checkin::checkin_refusal;
    let body = r#"{"type":"urn:station:problem:validation","title":"Invalid","status":400,
        "errors":[{"field":"code","code":"invalid","message":"Not a check-in code of this activity."}]}"#;
    let error = decode_response::<StationInfo>(400, Some(PROBLEM_JSON), body).unwrap_err();
    assert_eq!(
        checkin_refusal(ZH, &error),
        "这个签到码不是本活动的，或已经损坏。请重新扫描现场屏幕上的二维码。"
    );
    // Other refusals keep their own words.
    let expired =
        r#"{"type":"urn:station:problem:checkin-code-expired","title":"Gone","status":410}"#;
    let error = decode_response::<StationInfo>(410, Some(PROBLEM_JSON), expired).unwrap_err();
    assert_eq!(
        checkin_refusal(ZH, &error),
        "签到码已过期，请扫描现场屏幕上最新的二维码"
    );
}
