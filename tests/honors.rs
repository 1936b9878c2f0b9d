//! 好人榜 in the app: the board's words (a month, the five categories) in each language, and the
//! photo upload — `XMLHttpRequest`, with its progress — against the real reference server that
//! `STATION_TEST_API` names at build time: a phone's photo comes back upright and made again, a
//! PDF is refused by name, and signed out is 401, each through the one error type.

use leptos::prelude::*;
use station_app::api::{Api, ApiError};
use station_app::i18n::Locale;
use station_app::pages::honors::{category_name, month_words};
use station_app::session::SessionState;
use station_wire::accounts::RegisterRequest;
use station_wire::honors::HonorCategory;
use station_wire::problem::codes;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn a_board_is_named_by_its_month_and_categories_by_the_national_names() {
    let zh = Locale::ZhCn;
    let heading = zh.messages().honors().board_heading;
    assert_eq!(month_words(zh, heading, "2026-11"), "2026年11月 身边好人榜");
    assert_eq!(month_words(zh, "{year}年{month}月", "2027-01"), "2027年1月");
    let names: Vec<&str> = HonorCategory::ALL
        .into_iter()
        .map(|category| category_name(zh, category))
        .collect();
    assert_eq!(
        names,
        ["助人为乐", "见义勇为", "诚实守信", "敬业奉献", "孝老爱亲"]
    );
}

fn file(bytes: &[u8], name: &str) -> web_sys::File {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap()
}

#[wasm_bindgen_test]
async fn a_photo_goes_up_with_its_progress_and_comes_back_made_again() {
    let Some(base) = option_env!("STATION_TEST_API") else {
        panic!("STATION_TEST_API must name the running reference server at build time");
    };
    let photo = include_bytes!("e2e/fixtures/phone-photo.jpg");
    // Signed out: 401, a problem like any other answer's.
    let anonymous = Api::new(base)
        .upload_photo(file(photo, "wang.jpg"), |_| {})
        .await
        .unwrap_err();
    assert_eq!(anonymous.status(), Some(401));

    let phone = format!("136{:08}", (js_sys::Date::now() as u64) % 100_000_000);
    let session = Api::new(base)
        .register(&RegisterRequest {
            display_name: "上传照片的人".into(),
            phone,
            password: "bright-river-7".into(),
            privacy_notice: station_wire::privacy::PRIVACY_NOTICE_VERSION.into(),
        })
        .await
        .expect("registered");
    let signed_in = RwSignal::new(Some(SessionState::from(session)));
    let api = Api::new(base).with_session(signed_in);
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let progress = {
        let seen = seen.clone();
        move |percent: u32| seen.borrow_mut().push(percent)
    };
    let uploaded = api
        .upload_photo(file(photo, "wang.jpg"), progress)
        .await
        .expect("uploaded");
    // 40 × 20 taken with the phone turned (EXIF orientation 6): 20 × 40 upright.
    assert_eq!((uploaded.width, uploaded.height), (20, 40));
    assert!(uploaded.thumb_url.starts_with("/api/v1/photos/"));
    assert_eq!(
        seen.borrow().last().copied(),
        Some(100),
        "{:?}",
        seen.borrow()
    );

    let refused = api
        .upload_photo(file(b"%PDF-1.7\n", "photo.jpg"), |_| {})
        .await
        .unwrap_err();
    let ApiError::Problem(problem) = &refused else {
        panic!("a problem: {refused:?}");
    };
    assert_eq!(problem.status, 422);
    assert_eq!(problem.errors[0].field, "photo");
    assert_eq!(problem.errors[0].code, codes::NOT_AN_IMAGE);
    // Still signed in: a refusal is not the end of the session.
    assert!(signed_in.get_untracked().is_some());
}
