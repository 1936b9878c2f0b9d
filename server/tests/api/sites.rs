//! The site tree kept from the console: create, edit the public information, move, archive —
//! each refused with the field or rule it breaks.

use reqwest::Method;
use serde_json::{json, Value};
use station_wire::page::List;
use station_wire::problem::{codes, types};
use station_wire::sites::{SiteKind, SiteNode};
use station_wire::station::StationInfo;

use crate::common::{account, problem, session, spawn_app_with, Options, TestApp};
use crate::fixture::{Fixture, Who};

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    body: Value,
) -> reqwest::Response {
    app.send_json(method, path, token, body).await
}

#[tokio::test]
async fn an_administrator_sets_up_an_empty_station_from_the_top() {
    let app = spawn_app_with(Options {
        demo_data: false,
        ..Default::default()
    })
    .await;
    let (admin, _) = account(&app.store, "王芳", "13800000000", None).await;
    sqlx::query("UPDATE accounts SET is_admin = 1 WHERE id = $1")
        .bind(admin)
        .execute(app.store.pool())
        .await
        .unwrap();
    let token = session(&app.store, admin).await;

    let response = send(&app, Method::POST, "/api/v1/sites", &token,
        json!({"kind": "center", "name": "  清河县新时代文明实践中心 ", "address": "清河县人民路1号", "phone": "0312-1234567", "opening_hours": "周一至周五 8:30–17:00", "intro": "全县志愿服务的总站。"})).await;
    assert_eq!(response.status(), 201);
    let center: SiteNode = response.json().await.unwrap();
    assert_eq!(center.name, "清河县新时代文明实践中心", "names are trimmed");
    assert_eq!((center.kind, center.parent_id), (SiteKind::Center, None));

    // The station is no longer "being set up": it is named by its center.
    let station: StationInfo = app.get_json("/api/v1/station").await;
    assert_eq!(station.name, "清河县新时代文明实践中心");
    assert_eq!(station.root_site_id, center.id);

    let response = send(
        &app,
        Method::POST,
        "/api/v1/sites",
        &token,
        json!({"parent_id": center.id, "kind": "institute", "name": "城关镇新时代文明实践所"}),
    )
    .await;
    assert_eq!(response.status(), 201);
    let institute: SiteNode = response.json().await.unwrap();
    let response = send(
        &app,
        Method::POST,
        "/api/v1/sites",
        &token,
        json!({"parent_id": institute.id, "kind": "station", "name": "东关社区新时代文明实践站"}),
    )
    .await;
    assert_eq!(response.status(), 201);

    let tree: List<SiteNode> = app.get_json("/api/v1/sites").await;
    assert_eq!(tree.items.len(), 1);
    assert_eq!(
        tree.items[0].children[0].children[0].name,
        "东关社区新时代文明实践站"
    );

    let public: SiteNode = app.get_json(&format!("/api/v1/sites/{}", center.id)).await;
    assert_eq!(public.phone.as_deref(), Some("0312-1234567"));
    assert_eq!(
        public.opening_hours.as_deref(),
        Some("周一至周五 8:30–17:00")
    );
    assert_eq!(public.intro, "全县志愿服务的总站。");
}

#[tokio::test]
async fn every_bad_field_is_named_and_the_tree_only_goes_down() {
    let f = Fixture::new().await;
    let token = f.token(Who::Admin).await.unwrap();
    let response = send(&f.app, Method::POST, "/api/v1/sites", &token,
        json!({"parent_id": f.seed.station_a1, "kind": "institute", "name": " ", "intro": "长".repeat(2001), "phone": "1".repeat(201)})).await;
    let refusal = problem(response, 400).await;
    assert_eq!(refusal.kind, types::VALIDATION);
    let named = crate::common::named_errors(&refusal);
    assert_eq!(
        named,
        [
            ("intro", codes::TOO_LONG),
            ("kind", codes::NOT_ALLOWED_HERE),
            ("name", codes::REQUIRED),
            ("phone", codes::TOO_LONG),
        ]
    );

    // A station cannot be a root; a second center can.
    let response = send(
        &f.app,
        Method::POST,
        "/api/v1/sites",
        &token,
        json!({"kind": "station", "name": "孤站"}),
    )
    .await;
    assert_eq!(problem(response, 422).await.errors[0].field, "kind");
    let response = send(
        &f.app,
        Method::POST,
        "/api/v1/sites",
        &token,
        json!({"parent_id": 999_999, "kind": "station", "name": "无处之站"}),
    )
    .await;
    let refusal = problem(response, 422).await;
    assert_eq!(
        (
            refusal.errors[0].field.as_str(),
            refusal.errors[0].code.as_str()
        ),
        ("parent_id", codes::UNKNOWN)
    );
}

#[tokio::test]
async fn a_site_moves_with_its_subtree_but_never_under_itself() {
    let f = Fixture::new().await;
    let token = f.token(Who::Admin).await.unwrap();
    // Station A1 moves from institute A to institute B.
    let response = send(
        &f.app,
        Method::PUT,
        &format!("/api/v1/sites/{}", f.seed.station_a1),
        &token,
        json!({"parent_id": f.seed.institute_b, "kind": "station", "name": "甲一站"}),
    )
    .await;
    assert_eq!(response.status(), 200);
    let moved: SiteNode = response.json().await.unwrap();
    assert_eq!(moved.parent_id, Some(f.seed.institute_b));
    // Staff of institute B now manage it (the scope follows the tree).
    let staff_other = f.token(Who::StaffOther).await.unwrap();
    let response = send(
        &f.app,
        Method::PUT,
        &format!("/api/v1/sites/{}", f.seed.station_a1),
        &staff_other,
        json!({"parent_id": f.seed.institute_b, "kind": "station", "name": "甲一站（迁入）"}),
    )
    .await;
    assert_eq!(response.status(), 200);

    // The center under its own institute: a cycle, and a center must stay at the top.
    let response = send(
        &f.app,
        Method::PUT,
        &format!("/api/v1/sites/{}", f.seed.center),
        &token,
        json!({"parent_id": f.seed.institute_a, "kind": "center", "name": "测试中心"}),
    )
    .await;
    let refusal = problem(response, 422).await;
    let fields: Vec<(&str, &str)> = refusal
        .errors
        .iter()
        .map(|e| (e.field.as_str(), e.code.as_str()))
        .collect();
    assert!(fields.contains(&("parent_id", codes::CYCLE)), "{fields:?}");
    // An institute with stations below cannot become a station.
    let response = send(
        &f.app,
        Method::PUT,
        &format!("/api/v1/sites/{}", f.seed.institute_b),
        &token,
        json!({"parent_id": f.seed.center, "kind": "station", "name": "乙所"}),
    )
    .await;
    let refusal = problem(response, 422).await;
    assert_eq!(refusal.errors[0].field, "kind");

    let tree: List<SiteNode> = f.app.get_json("/api/v1/sites").await;
    assert_eq!(tree.items.len(), 1, "still one root");
    assert_eq!(tree.items[0].id, f.seed.center);
}

#[tokio::test]
async fn staff_move_a_site_only_between_sites_they_manage() {
    let f = Fixture::new().await;
    let staff_other = f.token(Who::StaffOther).await.unwrap();
    // Staff of institute B may not pull station A1 (not theirs) over to B ...
    let response = send(
        &f.app,
        Method::PUT,
        &format!("/api/v1/sites/{}", f.seed.station_a1),
        &staff_other,
        json!({"parent_id": f.seed.institute_b, "kind": "station", "name": "甲一站"}),
    )
    .await;
    problem(response, 403).await;
    // ... nor push their own station under institute A.
    let response = send(
        &f.app,
        Method::PUT,
        &format!("/api/v1/sites/{}", f.leaf_b),
        &staff_other,
        json!({"parent_id": f.seed.institute_a, "kind": "station", "name": "乙一站"}),
    )
    .await;
    problem(response, 403).await;
    let node: SiteNode = f.app.get_json(&format!("/api/v1/sites/{}", f.leaf_b)).await;
    assert_eq!(node.parent_id, Some(f.seed.institute_b));
}

#[tokio::test]
async fn archiving_keeps_history_out_of_sight_and_waits_for_the_sites_below() {
    let f = Fixture::new().await;
    let token = f.token(Who::Admin).await.unwrap();
    let response = send(
        &f.app,
        Method::POST,
        &format!("/api/v1/sites/{}/archive", f.seed.institute_b),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(problem(response, 409).await.kind, types::SITE_HAS_CHILDREN);

    // A station with a team and activities to come stays until they are moved or cancelled.
    let response = send(
        &f.app,
        Method::POST,
        &format!("/api/v1/sites/{}/archive", f.seed.station_a1),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(problem(response, 409).await.kind, types::SITE_IN_USE);

    let response = send(
        &f.app,
        Method::POST,
        &format!("/api/v1/sites/{}/archive", f.leaf_b),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(response.status(), 204);
    f.app
        .get_problem(&format!("/api/v1/sites/{}", f.leaf_b), 404)
        .await;
    let response = send(
        &f.app,
        Method::POST,
        &format!("/api/v1/sites/{}/archive", f.seed.institute_b),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(response.status(), 204, "now that nothing live is below it");
    let tree: List<SiteNode> = f.app.get_json("/api/v1/sites").await;
    let ids: Vec<i64> = tree.items[0].children.iter().map(|s| s.id).collect();
    assert_eq!(ids, [f.seed.institute_a]);
    // Its activities and history stay: the station's own activity is still readable.
    let activity: Value = f
        .app
        .get_json(&format!("/api/v1/activities/{}", f.activity))
        .await;
    assert_eq!(activity["id"], f.activity);
}

#[tokio::test]
async fn parallel_archive_and_create_below_never_orphan_a_site() {
    // Archiving institute B while a station is created under it: either the station exists
    // under a live institute, or the institute is archived and the station was refused.
    for _ in 0..5 {
        let f = Fixture::new().await;
        let token = f.token(Who::Admin).await.unwrap();
        sqlx::query("UPDATE sites SET archived_at = 1 WHERE id = $1")
            .bind(f.leaf_b)
            .execute(f.app.store.pool())
            .await
            .unwrap();
        let archive_path = format!("/api/v1/sites/{}/archive", f.seed.institute_b);
        let (archived, created) = tokio::join!(
            send(&f.app, Method::POST, &archive_path, &token, json!({})),
            send(
                &f.app,
                Method::POST,
                "/api/v1/sites",
                &token,
                json!({"parent_id": f.seed.institute_b, "kind": "station", "name": "并发站"})
            ),
        );
        let orphans: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sites c JOIN sites p ON p.id = c.parent_id \
             WHERE c.archived_at IS NULL AND p.archived_at IS NOT NULL",
        )
        .fetch_one(f.app.store.pool())
        .await
        .unwrap();
        let (archived, created) = (archived.status().as_u16(), created.status().as_u16());
        assert_eq!(orphans, 0, "archive {archived} / create {created}");
        // One of the two went first and the other saw it: never both refused, never an error.
        assert!(
            matches!((archived, created), (204, 422) | (409, 201)),
            "archive {archived} / create {created}"
        );
    }
}
