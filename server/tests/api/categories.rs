//! Administrators keep the network's categories: add, rename, recolour, reorder — and a colour
//! white text cannot be read on is refused with the reason.

use reqwest::Method;
use serde_json::json;
use station_wire::activities::Category;
use station_wire::page::List;
use station_wire::problem::codes;

use crate::common::problem;
use crate::fixture::{Fixture, Who};

async fn slugs(f: &Fixture) -> Vec<String> {
    let list: List<Category> = f.app.get_json("/api/v1/categories").await;
    list.items.into_iter().map(|c| c.slug).collect()
}

#[tokio::test]
async fn an_administrator_adds_a_category_last_and_moves_it_first() {
    let f = Fixture::new().await;
    let admin = f.token(Who::Admin).await.unwrap();
    let response = f
        .app
        .post_json(
            "/api/v1/categories",
            Some(&admin),
            &json!({"slug": "health", "name": " 健康义诊 ", "colour": "#00695C"}),
        )
        .await;
    assert_eq!(response.status(), 201);
    let created: Category = response.json().await.unwrap();
    assert_eq!(
        (created.name.as_str(), created.colour.as_str()),
        ("健康义诊", "#00695c")
    );
    assert_eq!(slugs(&f).await.last().map(String::as_str), Some("health"));

    let response = f
        .app
        .request(Method::PUT, "/api/v1/categories/health", Some(&admin))
        .json(&json!({"name": "健康", "colour": "#00695c", "position": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let list: List<Category> = f.app.get_json("/api/v1/categories").await;
    assert_eq!(
        (list.items[0].slug.as_str(), list.items[0].name.as_str()),
        ("health", "健康")
    );

    // Moved later, it lands exactly there and the others keep their order.
    let response = f
        .app
        .request(Method::PUT, "/api/v1/categories/health", Some(&admin))
        .json(&json!({"name": "健康", "colour": "#00695c", "position": 3}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        slugs(&f).await,
        [
            "elderly",
            "safety",
            "neighbour",
            "health",
            "culture",
            "environment"
        ]
    );
}

#[tokio::test]
async fn a_light_colour_a_bad_slug_and_a_taken_one_are_refused_by_name() {
    let f = Fixture::new().await;
    let admin = f.token(Who::Admin).await.unwrap();
    let refusal = problem(
        f.app
            .post_json(
                "/api/v1/categories",
                Some(&admin),
                &json!({"slug": "Health!", "name": "", "colour": "#f1c40f"}),
            )
            .await,
        400,
    )
    .await;
    let named = crate::common::named_errors(&refusal);
    assert_eq!(
        named,
        [
            ("colour", codes::LOW_CONTRAST),
            ("name", codes::REQUIRED),
            ("slug", codes::INVALID)
        ]
    );
    let refusal = problem(
        f.app
            .post_json(
                "/api/v1/categories",
                Some(&admin),
                &json!({"slug": "elderly", "name": "重复", "colour": "#1d5fb4"}),
            )
            .await,
        422,
    )
    .await;
    assert_eq!(
        (
            refusal.errors[0].field.as_str(),
            refusal.errors[0].code.as_str()
        ),
        ("slug", codes::TAKEN)
    );
    let staff = f.token(Who::StaffHere).await.unwrap();
    problem(
        f.app
            .post_json(
                "/api/v1/categories",
                Some(&staff),
                &json!({"slug": "mine", "name": "我的", "colour": "#1d5fb4"}),
            )
            .await,
        403,
    )
    .await;
    assert_eq!(slugs(&f).await.len(), 5, "nothing was added");
}
