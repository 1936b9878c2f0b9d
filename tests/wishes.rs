//! 微心愿 in the app: who a wish is for, masked, in each language's words; and two claims, one
//! after the other, through the one error type against the real reference server that
//! `STATION_TEST_API` names at build time: one wins, the other reads `already-taken` in its own
//! words.

use leptos::prelude::*;
use station_app::api::{Api, ApiError, StepBody};
use station_app::i18n::Locale;
use station_app::pages::wishes::{beneficiary_line, category_name, wish_problem};
use station_app::session::SessionState;
use station_wire::accounts::RegisterRequest;
use station_wire::problem::types;
use station_wire::wishes::{Beneficiary, Wish, WishCategory, WishShelf, WishStatus, WishStep};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn wish(masked_name: &str, age: Option<u32>, group: Option<&str>) -> Wish {
    serde_json::from_value(serde_json::json!({
        "id": 1, "site": {"id": 1, "name": "幸福社区站"}, "title": "新书包", "description": "",
        "category": "study", "status": "open", "deadline": "2026-12-20",
        "beneficiary": Beneficiary {
            masked_name: masked_name.into(), age, group: group.map(str::to_owned),
        },
        "posted_at": "2026-11-24T10:30:00+08:00",
    }))
    .unwrap()
}

#[wasm_bindgen_test]
fn who_a_wish_is_for_is_said_masked_with_an_age_and_a_situation() {
    let zh = Locale::ZhCn;
    assert_eq!(
        beneficiary_line(zh, &wish("王**", Some(8), Some("困境儿童"))),
        "王**，8岁，困境儿童"
    );
    assert_eq!(beneficiary_line(zh, &wish("李*", None, None)), "李*");
    assert_eq!(
        beneficiary_line(zh, &wish("张**", None, Some("独居老人"))),
        "张**，独居老人"
    );
    let names: Vec<&str> = WishCategory::ALL
        .into_iter()
        .map(|category| category_name(zh, category))
        .collect();
    assert_eq!(
        names,
        ["学习用品", "生活物品", "上门服务", "陪伴关怀", "其他"]
    );
    assert_eq!(
        wish_problem(zh, types::ALREADY_TAKEN),
        Some("这个心愿刚刚被别人认领了，看看其他心愿吧。")
    );
    assert_eq!(wish_problem(zh, types::CONSENT_MISSING), None);
}

async fn volunteer(base: &str, name: &str, n: u64) -> Api {
    let phone = format!("137{:08}", (js_sys::Date::now() as u64 + n) % 100_000_000);
    let session = Api::new(base)
        .register(&RegisterRequest {
            display_name: name.into(),
            phone,
            password: "bright-river-7".into(),
            privacy_notice: station_wire::privacy::PRIVACY_NOTICE_VERSION.into(),
        })
        .await
        .expect("registered");
    Api::new(base).with_session(RwSignal::new(Some(SessionState::from(session))))
}

#[wasm_bindgen_test]
async fn a_claim_after_anothers_is_told_the_wish_is_taken() {
    let Some(base) = option_env!("STATION_TEST_API") else {
        panic!("STATION_TEST_API must name the running reference server at build time");
    };
    let wall = Api::new(base)
        .wishes(WishShelf::Open, None)
        .await
        .expect("the wall");
    let open = wall.items.last().expect("the demo data has an open wish");
    assert!(open.steps.is_empty(), "no step for nobody signed in");
    let first = volunteer(base, "先到的志愿者", 1).await;
    let second = volunteer(base, "后到的志愿者", 2).await;
    let seen = second.wish(open.id).await.expect("read signed in");
    assert_eq!(seen.steps, [WishStep::Claim]);
    let won = first
        .wish_step(open.id, &StepBody::Bare(WishStep::Claim))
        .await
        .expect("the first claim wins");
    assert_eq!(won.status, WishStatus::Claimed);
    assert_eq!(won.steps, [WishStep::Fulfil, WishStep::Release]);
    let lost = second
        .wish_step(open.id, &StepBody::Bare(WishStep::Claim))
        .await
        .unwrap_err();
    let ApiError::Problem(problem) = &lost else {
        panic!("a problem: {lost:?}");
    };
    assert_eq!(
        (problem.status, problem.kind.as_str()),
        (409, types::ALREADY_TAKEN)
    );
    // Given back, it is on the wall again.
    let back = first
        .wish_step(open.id, &StepBody::Bare(WishStep::Release))
        .await
        .expect("released");
    assert_eq!(back.status, WishStatus::Open);
}
