//! The audit log: every write by staff, a leader or an administrator — who, when, where, what,
//! before → after — read by administrators only, newest first, filtered by site and person.

use reqwest::Method;
use serde_json::json;
use station_wire::audit::AuditEntry;
use station_wire::page::Page;

use crate::common::problem;
use crate::fixture::{Fixture, Who};

#[tokio::test]
async fn staff_writes_are_recorded_with_before_and_after_and_administrators_read_them() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let admin = f.token(Who::Admin).await.unwrap();
    let day = crate::common::today() + chrono::Duration::days(3);
    let mut input = json!({
        "site_id": f.seed.station_a1,
        "category": "elderly",
        "title": "理发进社区",
        "place": "活动室",
        "starts_at": format!("{day}T09:00:00+08:00"),
        "ends_at": format!("{day}T11:00:00+08:00"),
        "capacity": 10,
        "publish": true,
    });
    let created: serde_json::Value = f
        .app
        .post_json("/api/v1/activities", Some(&staff), &input)
        .await
        .json()
        .await
        .unwrap();
    let id = created["id"].as_i64().unwrap();
    input["title"] = json!("爱心理发进社区");
    let path = format!("/api/v1/activities/{id}");
    let edited = f.app.send_json(Method::PUT, &path, &staff, input).await;
    assert_eq!(edited.status(), 200);
    // A volunteer's own sign-up is theirs, not a staff write: not recorded.
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    let signed = f
        .app
        .request(Method::POST, &format!("{path}/signups"), Some(&volunteer))
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), 201);
    // Staff of another institute write at their own site.
    let other = f.token(Who::StaffOther).await.unwrap();
    let elsewhere = f
        .app
        .post_json(
            "/api/v1/teams",
            Some(&other),
            &json!({"site_id": f.leaf_b, "name": "乙站新队", "field": "文化"}),
        )
        .await;
    assert_eq!(elsewhere.status(), 201);

    let app = &f.app;
    let read = |query: String| {
        let admin = admin.clone();
        async move {
            let response = app.get_with(&format!("/api/v1/audit{query}"), &admin).await;
            assert_eq!(response.status(), 200, "{query}");
            response.json::<Page<AuditEntry>>().await.unwrap()
        }
    };
    let all = read(String::new()).await;
    let actions: Vec<(&str, i64)> = all
        .items
        .iter()
        .map(|e| (e.action.as_str(), e.actor_id))
        .collect();
    assert_eq!(
        actions,
        [
            ("team.create", f.staff_other),
            ("activity.update", f.staff_here),
            ("activity.create", f.staff_here),
        ],
        "newest first, and no entry for the volunteer's sign-up"
    );
    let update = &all.items[1];
    assert_eq!(update.subject, format!("activity:{id}"));
    assert_eq!(update.actor_name, "本站工作人员");
    assert_eq!(update.site.as_ref().map(|s| s.id), Some(f.seed.station_a1));
    assert_eq!(update.before.as_ref().unwrap()["title"], "理发进社区");
    assert_eq!(update.after.as_ref().unwrap()["title"], "爱心理发进社区");
    assert!(all.items[2].before.is_none(), "a creation has no before");

    // Filtered by person, by site; paged newest first.
    let by_staff = read(format!("?account={}", f.staff_here)).await;
    assert_eq!(by_staff.items.len(), 2);
    assert!(by_staff.items.iter().all(|e| e.actor_id == f.staff_here));
    let at_b = read(format!("?site={}", f.leaf_b)).await;
    assert_eq!(at_b.items.len(), 1);
    assert_eq!(at_b.items[0].action, "team.create");
    let first = read("?limit=2".into()).await;
    assert_eq!(first.items.len(), 2);
    let cursor = first.next_cursor.expect("a third entry follows");
    let rest = read(format!("?limit=2&cursor={cursor}")).await;
    assert_eq!(rest.items.len(), 1);
    assert_eq!(rest.items[0].action, "activity.create");
    assert!(rest.next_cursor.is_none());
    problem(f.app.get_with("/api/v1/audit?limit=0", &admin).await, 400).await;
    problem(
        f.app.get_with("/api/v1/audit?cursor=abc", &admin).await,
        422,
    )
    .await;

    // A write that changes nothing records nothing: cancelling twice is one cancellation.
    for _ in 0..2 {
        let cancelled = f
            .app
            .post_json(
                &format!("{path}/cancel"),
                Some(&staff),
                &json!({"reason": "下雨"}),
            )
            .await;
        assert_eq!(cancelled.status(), 200);
    }
    let latest = read("?limit=2".into()).await;
    assert_eq!(latest.items[0].action, "activity.cancel");
    assert_eq!(latest.items[0].before.as_ref().unwrap()["status"], "open");
    assert_eq!(
        latest.items[0].after.as_ref().unwrap()["status"],
        "cancelled"
    );
    assert_eq!(
        latest.items[1].action, "team.create",
        "one entry for two cancellations"
    );

    // Administrators only.
    for who in [Who::StaffHere, Who::StaffParent, Who::Volunteer] {
        let token = f.token(who).await.unwrap();
        problem(f.app.get_with("/api/v1/audit", &token).await, 403).await;
    }
}
