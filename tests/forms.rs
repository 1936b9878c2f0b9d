//! Form validation: the same rules and codes as the server, said in plain Chinese next to the
//! field, with what was typed kept.

mod common;

use common::{mount, until};
use leptos::prelude::*;
use station_app::api::ApiError;
use station_app::components::form::field_errors_of;
use station_app::components::{FieldErrors, FormProblem, TextField};
use station_app::i18n::{error_message, field_message, Locale};
use station_app::validate::{
    normalize_phone, validate_change_password, validate_register, validate_sign_in,
};
use station_wire::problem::{FieldError, Problem};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const ZH: Locale = Locale::ZhCn;

fn codes(errors: &FieldErrors) -> Vec<(&str, &str)> {
    errors
        .iter()
        .map(|(field, code)| (field.as_str(), code.as_str()))
        .collect()
}

#[wasm_bindgen_test]
fn registering_checks_name_phone_and_password_like_the_server() {
    assert!(validate_register("王阿姨", "13812341234", "longenough").is_empty());
    assert_eq!(
        codes(&validate_register(" ", "", "")),
        [
            ("display_name", "required"),
            ("phone", "required"),
            ("password", "required")
        ]
    );
    assert_eq!(
        codes(&validate_register(&"长".repeat(33), "12812341234", "short")),
        [
            ("display_name", "too_long"),
            ("phone", "invalid"),
            ("password", "too_short")
        ]
    );
    assert_eq!(
        codes(&validate_register("王", "1381234123", &"x".repeat(129))),
        [("phone", "invalid"), ("password", "too_long")]
    );
    // Eight spaces are long enough and no password; the server alone knows the common ones.
    assert_eq!(
        codes(&validate_register("王", "13812341234", "        ")),
        [("password", "blank")]
    );
    assert!(validate_register("王", "13812341234", "12345678").is_empty());
    assert_eq!(
        codes(&validate_sign_in("13812341234", "")),
        [("password", "required")]
    );
    assert_eq!(
        codes(&validate_change_password("", "1234567")),
        [
            ("current_password", "required"),
            ("new_password", "too_short")
        ]
    );
}

#[wasm_bindgen_test]
fn field_errors_read_as_plain_chinese_by_code() {
    assert_eq!(field_message(ZH, "display_name", "required"), "请填写称呼");
    assert_eq!(
        field_message(ZH, "phone", "invalid"),
        "请输入以 1 开头的 11 位手机号码"
    );
    assert_eq!(field_message(ZH, "password", "too_short"), "密码至少 8 位");
    assert_eq!(field_message(ZH, "password", "blank"), "密码不能只有空格");
    assert_eq!(
        field_message(ZH, "new_password", "common"),
        "这个密码太常见，很容易被人猜到，请换一个"
    );
    assert_eq!(
        field_message(ZH, "display_name", "too_long"),
        "称呼太长了，最多 32 个字"
    );
    assert_eq!(
        field_message(ZH, "phone", "taken"),
        "这个手机号码已经注册过了，可以直接登录"
    );
    assert_eq!(
        field_message(ZH, "current_password", "wrong"),
        "当前密码不正确"
    );
}

#[wasm_bindgen_test]
fn a_server_refusal_becomes_field_errors() {
    let problem = Problem {
        kind: "urn:station:problem:phone-taken".into(),
        title: "Phone taken".into(),
        status: 409,
        detail: None,
        instance: None,
        errors: vec![],
    };
    assert_eq!(
        codes(&field_errors_of(&ApiError::Problem(problem))),
        [("phone", "taken")]
    );
    let validation = Problem {
        kind: "urn:station:problem:validation".into(),
        title: "Invalid".into(),
        status: 400,
        detail: None,
        instance: None,
        errors: vec![FieldError {
            field: "password".into(),
            code: "too_short".into(),
            message: "too short".into(),
        }],
    };
    assert_eq!(
        codes(&field_errors_of(&ApiError::Problem(validation))),
        [("password", "too_short")]
    );
}

#[wasm_bindgen_test]
fn too_many_attempts_say_how_long_to_wait() {
    let limited = ApiError::RateLimited {
        retry_after: Some(540),
    };
    assert_eq!(error_message(ZH, &limited), "尝试次数过多，请 9 分钟后再试");
    let soon = ApiError::RateLimited {
        retry_after: Some(20),
    };
    assert_eq!(error_message(ZH, &soon), "尝试次数过多，请 1 分钟后再试");
}

#[wasm_bindgen_test]
async fn a_field_shows_its_error_next_to_it_and_keeps_the_text() {
    let value = RwSignal::new("1381234".to_string());
    let errors = RwSignal::new(vec![("phone".to_string(), "invalid".to_string())]);
    let mounted = mount(move || {
        view! { <TextField name="phone" label="手机号码" value=value errors=errors kind="tel" /> }
    });
    let input: HtmlInputElement = mounted.find("input").unchecked_into();
    until("the typed text and the error show", || {
        input.value() == "1381234" && mounted.has("input[aria-invalid='true']")
    })
    .await;
    assert_eq!(input.value(), "1381234");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let error = mounted.find(".field__error");
    assert_eq!(
        error.text_content().unwrap(),
        "请输入以 1 开头的 11 位手机号码"
    );
    assert!(input
        .get_attribute("aria-describedby")
        .unwrap()
        .contains(&error.id()));
    assert_eq!(
        mounted.find("label").get_attribute("for").unwrap(),
        input.id()
    );
    errors.set(Vec::new());
    until("the error is hidden", || {
        mounted.has(".field__error[hidden]")
    })
    .await;
    assert!(mounted.find(".field__error").has_attribute("hidden"));
    assert_eq!(input.get_attribute("aria-invalid"), None);
}

#[wasm_bindgen_test]
async fn a_password_can_be_shown_and_hidden() {
    let value = RwSignal::new("secret123".to_string());
    let errors = RwSignal::new(Vec::new());
    let mounted = mount(move || {
        view! { <TextField name="password" label="密码" value=value errors=errors kind="password" /> }
    });
    until("the toggle renders", || mounted.has("button.field__toggle")).await;
    let input: HtmlInputElement = mounted.find("input").unchecked_into();
    let toggle: HtmlElement = mounted.find("button.field__toggle").unchecked_into();
    assert_eq!(input.type_(), "password");
    assert_eq!(toggle.text_content().unwrap(), "显示密码");
    toggle.click();
    until("the password shows", || {
        input.type_() == "text" && toggle.text_content().as_deref() == Some("隐藏密码")
    })
    .await;
    assert_eq!(input.type_(), "text");
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(toggle.text_content().unwrap(), "隐藏密码");
    toggle.click();
    until("the password hides again", || input.type_() == "password").await;
    assert_eq!(input.type_(), "password");
}

#[wasm_bindgen_test]
async fn a_network_failure_offers_retry() {
    let error = RwSignal::new(Some(ApiError::Network));
    let retried = RwSignal::new(0);
    let mounted = mount(move || {
        view! { <FormProblem error=error on_retry=move |()| retried.update(|n| *n += 1) /> }
    });
    until("the problem shows", || {
        mounted.has("[data-testid='form-problem']")
    })
    .await;
    let problem = mounted.find("[data-testid='form-problem']");
    assert_eq!(problem.get_attribute("role").as_deref(), Some("alert"));
    assert!(problem.text_content().unwrap().contains("网络"));
    let retry: HtmlElement = mounted
        .find("[data-testid='form-problem'] button")
        .unchecked_into();
    retry.click();
    until("the retry ran", || retried.get_untracked() == 1).await;
    assert_eq!(retried.get_untracked(), 1);
    error.set(None);
    until("the problem is gone", || {
        !mounted.has("[data-testid='form-problem']")
    })
    .await;
    assert!(mounted.find_all("[data-testid='form-problem']").is_empty());
}

#[wasm_bindgen_test]
fn phone_numbers_are_read_the_way_people_type_them() {
    for typed in [
        "139 0000 0001",
        "139-0000-0001",
        "+86 139 0000 0001",
        "8613900000001",
        "0086 13900000001",
        " 13900000001\u{3000}",
        "１３９０００００００１",
        "＋８６ １３９－００００－０００１",
    ] {
        assert_eq!(normalize_phone(typed), "13900000001", "{typed:?}");
        assert!(validate_sign_in(&normalize_phone(typed), "whatever").is_empty());
    }
    // Not a phone number after all: left as it is, for the field's own message.
    assert_eq!(normalize_phone("86 1234"), "861234");
    assert_eq!(normalize_phone("2391234567"), "2391234567");
    assert_eq!(normalize_phone(""), "");
}
