use station_wire::page::List;
use station_wire::problem::types;
use station_wire::sites::{SiteKind, SiteNode};
use station_wire::station::StationInfo;

use crate::common::{content_type, spawn_app, NOW};

#[tokio::test]
async fn healthz_answers_ok_when_the_database_does() {
    let app = spawn_app().await;
    let body: serde_json::Value = app.get_json("/healthz").await;
    assert_eq!(body, serde_json::json!({ "status": "ok" }));
}

#[tokio::test]
async fn healthz_answers_503_when_the_database_is_gone() {
    let app = spawn_app().await;
    app.store.close().await;
    let problem = app.get_problem("/healthz", 503).await;
    assert_eq!(problem.kind, types::UNAVAILABLE);
    // The API says the same, so clients know to retry rather than report a bug.
    let problem = app.get_problem("/api/v1/categories", 503).await;
    assert_eq!(problem.kind, types::UNAVAILABLE);
}

#[tokio::test]
async fn station_names_the_root_site_and_tells_the_time_in_its_zone() {
    let app = spawn_app().await;
    let station: StationInfo = app.get_json("/api/v1/station").await;
    let sites: List<SiteNode> = app.get_json("/api/v1/sites").await;
    assert_eq!(station.name, "昌图县新时代文明实践中心");
    assert_eq!(station.root_site_id, sites.items[0].id);
    assert_eq!(station.time_zone, "Asia/Shanghai");
    assert_eq!(station.now.to_rfc3339(), NOW);
    assert_eq!(station.api_version, station_wire::API_VERSION);
}

#[tokio::test]
async fn sites_form_a_center_institute_station_tree() {
    let app = spawn_app().await;
    let sites: List<SiteNode> = app.get_json("/api/v1/sites").await;
    assert_eq!(sites.items.len(), 1, "one root");
    let center = &sites.items[0];
    assert_eq!((center.kind, center.parent_id), (SiteKind::Center, None));
    assert!(center.children.len() >= 2);
    let mut stations = 0;
    for institute in &center.children {
        assert_eq!(institute.kind, SiteKind::Institute);
        assert_eq!(institute.parent_id, Some(center.id));
        for station in &institute.children {
            assert_eq!(station.kind, SiteKind::Station);
            assert_eq!(station.parent_id, Some(institute.id));
            assert!(station.address.as_deref().is_some_and(|a| !a.is_empty()));
            assert!(station.children.is_empty());
            stations += 1;
        }
    }
    assert!((4..=6).contains(&stations), "{stations} stations");
    let ids: Vec<i64> = center.children.iter().map(|site| site.id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "children ordered by id");
}

#[tokio::test]
async fn categories_come_in_the_weekday_order_with_colours() {
    let app = spawn_app().await;
    let categories: List<station_wire::activities::Category> =
        app.get_json("/api/v1/categories").await;
    let slugs: Vec<&str> = categories.items.iter().map(|c| c.slug.as_str()).collect();
    assert_eq!(
        slugs,
        ["elderly", "safety", "neighbour", "culture", "environment"]
    );
    assert_eq!(categories.items[0].name, "助老帮困");
    for category in &categories.items {
        assert!(
            category.colour.len() == 7 && category.colour.starts_with('#'),
            "{}",
            category.colour
        );
    }
}

#[tokio::test]
async fn unknown_api_paths_are_404_problems() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/nothing-here",
        "/api/v2/station",
        "/api",
        "/api/v1/activities/1/extra",
    ] {
        let problem = app.get_problem(path, 404).await;
        assert_eq!(problem.kind, types::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn a_wrong_method_is_a_405_problem() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/activities",
        "/api/v1/station",
        "/api/v1/activities/1",
    ] {
        let response = app
            .client
            .patch(format!("{}{path}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 405, "{path}");
        assert_eq!(content_type(&response), station_wire::problem::PROBLEM_JSON);
        let problem: station_wire::problem::Problem = response.json().await.unwrap();
        assert_eq!(problem.kind, types::METHOD_NOT_ALLOWED);
    }
}

#[tokio::test]
async fn the_served_openapi_document_is_the_generated_one() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), 200);
    assert!(content_type(&response).starts_with("application/json"));
    let served = response.text().await.unwrap();
    assert_eq!(served, station_server::api::openapi::pretty_json());
    let document: serde_json::Value = serde_json::from_str(&served).unwrap();
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(document["paths"]["/api/v1/activities"]["get"].is_object());
}
