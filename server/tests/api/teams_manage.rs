//! Teams kept from the console: created with a leader, edited, moved only between sites one
//! runs, archived out of the directory.

use reqwest::Method;
use serde_json::json;
use station_wire::page::List;
use station_wire::problem::codes;
use station_wire::teams::{MembershipStatus, MyTeam, Team};

use crate::common::{named_errors, phone, problem};
use crate::fixture::{Fixture, Who};

#[tokio::test]
async fn staff_create_a_team_with_its_leader_who_sees_it_at_once() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let response = f
        .app
        .post_json(
            "/api/v1/teams",
            Some(&staff),
            &json!({"site_id": f.seed.station_a1, "name": " 银龄互助队 ", "field": "邻里互助",
                    "description": "低龄老人帮高龄老人", "leader_phone": phone(90_001)}),
        )
        .await;
    assert_eq!(response.status(), 201);
    let team: Team = response.json().await.unwrap();
    assert_eq!(team.name, "银龄互助队");
    assert_eq!(team.leader_name.as_deref(), Some("志愿者"));
    assert_eq!(team.member_count, 1);
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    let mine: List<MyTeam> = f
        .app
        .get_with("/api/v1/me/teams", &volunteer)
        .await
        .json()
        .await
        .unwrap();
    let entry = mine
        .items
        .iter()
        .find(|m| m.team.id == team.id)
        .expect("the new team is mine");
    assert_eq!(entry.status, MembershipStatus::Leader);
    let listed: List<Team> = f
        .app
        .get_json(&format!("/api/v1/teams?site={}", f.seed.station_a1))
        .await;
    assert!(listed.items.iter().any(|t| t.id == team.id));
}

#[tokio::test]
async fn every_bad_field_is_named_and_a_team_moves_only_between_sites_one_runs() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let refusal = problem(
        f.app
            .post_json(
                "/api/v1/teams",
                Some(&staff),
                &json!({"site_id": f.seed.station_a1, "name": "", "field": "长".repeat(21),
                        "leader_phone": "13912345678"}),
            )
            .await,
        400,
    )
    .await;
    let named = crate::common::named_errors(&refusal);
    assert_eq!(
        named,
        [
            ("field", codes::TOO_LONG),
            ("leader_phone", codes::UNKNOWN),
            ("name", codes::REQUIRED)
        ]
    );
    // Staff of station A1 may not move the team to institute B's station.
    let body = json!({"site_id": f.leaf_b, "name": "测试服务队", "field": "邻里互助"});
    let response = f
        .app
        .request(
            Method::PUT,
            &format!("/api/v1/teams/{}", f.team),
            Some(&staff),
        )
        .json(&body)
        .send()
        .await
        .unwrap();
    problem(response, 403).await;
    let admin = f.token(Who::Admin).await.unwrap();
    let moved: Team = f
        .app
        .request(
            Method::PUT,
            &format!("/api/v1/teams/{}", f.team),
            Some(&admin),
        )
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(moved.site.id, f.leaf_b);
    assert_eq!(
        moved.leader_name.as_deref(),
        Some("队长"),
        "the leader stays"
    );
}

#[tokio::test]
async fn an_archived_team_leaves_the_directory_and_no_longer_holds_its_site() {
    let f = Fixture::new().await;
    let admin = f.token(Who::Admin).await.unwrap();
    // Institute B's station has a team of its own, so it cannot be archived ...
    let team: Team = f
        .app
        .post_json(
            "/api/v1/teams",
            Some(&admin),
            &json!({"site_id": f.leaf_b, "name": "乙站服务队", "field": "治安巡防"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let archive_site = format!("/api/v1/sites/{}/archive", f.leaf_b);
    problem(
        f.app
            .post_json(&archive_site, Some(&admin), &json!({}))
            .await,
        409,
    )
    .await;
    // ... until the team is archived.
    let response = f
        .app
        .post_json(
            &format!("/api/v1/teams/{}/archive", team.id),
            Some(&admin),
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), 204);
    let listed: List<Team> = f.app.get_json("/api/v1/teams").await;
    assert!(listed.items.iter().all(|t| t.id != team.id));
    let response = f
        .app
        .post_json(&archive_site, Some(&admin), &json!({}))
        .await;
    assert_eq!(response.status(), 204);
}

/// A whole number sent as a float is that number, however large (up to 2^53): the float is read
/// exactly, not one step off and so not whole (Schemathesis sent `-4249581033547866.0` and got
/// a 400 for "-4249581033547865.5").
#[tokio::test]
async fn a_whole_float_is_read_as_the_integer_it_spells() {
    let f = Fixture::new().await;
    let admin = f.token(Who::Admin).await.unwrap();
    let send = |site_id: &str| {
        f.app
            .request(
                Method::PUT,
                &format!("/api/v1/teams/{}", f.team),
                Some(&admin),
            )
            .header("content-type", "application/json")
            .body(format!(
                r#"{{"site_id": {site_id}, "name": "测试服务队", "field": "邻里互助"}}"#
            ))
            .send()
    };
    let moved = send(&format!("{}.0", f.leaf_b)).await.unwrap();
    assert_eq!(moved.status(), 200);
    let moved: Team = moved.json().await.unwrap();
    assert_eq!(moved.site.id, f.leaf_b);
    // No station has this id: unknown (422), not a body the server cannot read (400).
    let far = send("-4249581033547866.0").await.unwrap();
    let refused = problem(far, 422).await;
    assert_eq!(named_errors(&refused), [("site_id", codes::UNKNOWN)]);
}
