//! Loading, empty and error states: what they say, and that 重试 retries.

mod common;

use common::mount;
use leptos::prelude::*;
use station_app::api::ApiError;
use station_app::components::{AgendaSkeleton, DetailSkeleton, EmptyState, ErrorState};
use station_wire::problem::{FieldError, Problem};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_skeletons_are_busy_placeholders_in_the_card_layout() {
    let mounted = mount(|| view! { <AgendaSkeleton /> });
    let skeleton = mounted.find("[data-testid='skeleton']");
    assert_eq!(skeleton.get_attribute("aria-busy").as_deref(), Some("true"));
    assert_eq!(
        mounted
            .find_all(".activity-card.activity-card--skeleton")
            .len(),
        3
    );
    assert!(mounted.find_all("[data-testid='activity-card']").is_empty());
    assert!(mounted.text().contains("正在加载"));

    let mounted = mount(|| view! { <DetailSkeleton /> });
    let skeleton = mounted.find("[data-testid='skeleton']");
    assert_eq!(skeleton.get_attribute("aria-busy").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
fn the_empty_state_says_so() {
    let mounted = mount(|| view! { <EmptyState title="近期暂无活动" body="过几天再来看看吧。" /> });
    let empty = mounted.find("[data-testid='empty-state']");
    assert!(empty.text_content().unwrap().contains("近期暂无活动"));
}

#[wasm_bindgen_test]
fn the_error_state_is_an_alert_in_plain_chinese_and_retry_calls_back() {
    let retries = RwSignal::new(0);
    let mounted = mount(move || {
        view! { <ErrorState error=ApiError::Network on_retry=move |()| retries.update(|n| *n += 1) /> }
    });
    let alert = mounted.find("[data-testid='error-state']");
    assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
    assert!(alert
        .text_content()
        .unwrap()
        .contains("网络连接失败，请检查网络后重试"));

    let button: HtmlElement = mounted
        .find("[data-testid='error-state'] button")
        .unchecked_into();
    assert_eq!(button.text_content().as_deref(), Some("重试"));
    assert_eq!(button.get_attribute("type").as_deref(), Some("button"));
    assert_eq!(retries.get_untracked(), 0);
    button.click();
    assert_eq!(retries.get_untracked(), 1);
    button.click();
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
fn a_validation_problem_lists_its_fields() {
    let problem = Problem {
        kind: "urn:station:problem:validation".into(),
        title: "Invalid query".into(),
        status: 422,
        detail: None,
        instance: None,
        errors: vec![FieldError {
            field: "from".into(),
            code: "invalid_date".into(),
            message: "not a date".into(),
        }],
    };
    let mounted = mount(move || {
        view! { <ErrorState error=ApiError::Problem(problem) on_retry=|()| {} /> }
    });
    let text = mounted
        .find("[data-testid='error-state']")
        .text_content()
        .unwrap();
    assert!(text.contains("填写的内容有误"), "{text}");
    assert!(text.contains("from：日期格式不正确"), "{text}");
    assert!(
        !text.contains("not a date"),
        "English detail leaked: {text}"
    );
}

#[wasm_bindgen_test]
fn not_found_and_not_allowed_offer_no_retry_that_could_never_help() {
    for status in [403, 404, 410] {
        let mounted = mount(move || {
            view! { <ErrorState error=ApiError::Http { status } on_retry=|()| {} /> }
        });
        let alert = mounted.find("[data-testid='error-state']");
        assert!(
            alert.query_selector("button").unwrap().is_none(),
            "{status}: a retry that cannot succeed"
        );
    }
    // What was not found can be named by the page.
    let mounted = mount(move || {
        view! {
            <ErrorState
                error=ApiError::Http { status: 404 }
                message=Some("没有找到这个志愿服务队".to_string())
                on_retry=|()| {}
            />
        }
    });
    let text = mounted
        .find("[data-testid='error-state']")
        .text_content()
        .unwrap();
    assert!(text.contains("没有找到这个志愿服务队"), "{text}");
    assert!(!text.contains("活动"), "{text}");
}
