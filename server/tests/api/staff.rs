//! Staff of a site, kept by those who run it: granted to an existing account by phone, listed
//! with the grants above, revoked — and the role follows at once.

use reqwest::Method;
use serde_json::json;
use station_wire::accounts::Me;
use station_wire::page::List;
use station_wire::problem::codes;
use station_wire::staff::StaffGrant;

use crate::common::{phone, problem};
use crate::fixture::{Fixture, Who};

#[tokio::test]
async fn staff_of_an_institute_make_a_volunteer_staff_of_one_of_its_stations_and_take_it_back() {
    let f = Fixture::new().await;
    let store = &f.app.store;
    // A member of staff at institute A (which holds station A1).
    let (chief, _) = crate::common::account(store, "所长", &phone(91_000), None).await;
    station_server::store::accounts::grant_staff(store.pool(), chief, f.seed.institute_a)
        .await
        .unwrap();
    let chief = crate::common::session(store, chief).await;
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    let path = format!("/api/v1/sites/{}/staff", f.seed.station_a1);

    let response = f
        .app
        .post_json(&path, Some(&chief), &json!({"phone": phone(90_001)}))
        .await;
    assert_eq!(response.status(), 201);
    let grant: StaffGrant = response.json().await.unwrap();
    assert_eq!(
        (grant.site_id, grant.account.id),
        (f.seed.station_a1, f.volunteer)
    );
    assert_eq!(
        grant.account.phone,
        phone(90_001),
        "staff see a colleague's number"
    );
    let me: Me = f
        .app
        .get_with("/api/v1/me", &volunteer)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me.managed_site_ids, [f.seed.station_a1]);

    // The list names the site's staff and those above, nearest first.
    let list: List<StaffGrant> = f.app.get_with(&path, &chief).await.json().await.unwrap();
    let depth = |site: i64| {
        [f.seed.station_a1, f.seed.institute_a, f.seed.center]
            .iter()
            .position(|s| *s == site)
            .expect("a grant on the site or above it")
    };
    let depths: Vec<usize> = list.items.iter().map(|g| depth(g.site_id)).collect();
    assert!(
        depths.windows(2).all(|pair| pair[0] <= pair[1]),
        "{depths:?}"
    );
    assert!(list
        .items
        .iter()
        .any(|g| g.account.id == f.volunteer && g.site_id == f.seed.station_a1));
    assert!(list.items.iter().any(|g| g.site_id == f.seed.institute_a));

    let response = f
        .app
        .request(
            Method::DELETE,
            &format!("{path}/{}", f.volunteer),
            Some(&chief),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let me: Me = f
        .app
        .get_with("/api/v1/me", &volunteer)
        .await
        .json()
        .await
        .unwrap();
    assert!(me.managed_site_ids.is_empty());
    let roster = f
        .app
        .get_with(
            &format!("/api/v1/activities/{}/signups", f.activity),
            &volunteer,
        )
        .await;
    assert_eq!(roster.status(), 403, "no longer staff");
}

#[tokio::test]
async fn nobody_grants_more_than_they_hold_and_an_unknown_phone_is_named() {
    let f = Fixture::new().await;
    let staff_here = f.token(Who::StaffHere).await.unwrap();
    // Staff of station A1 cannot make anyone staff of institute A above them.
    let response = f
        .app
        .post_json(
            &format!("/api/v1/sites/{}/staff", f.seed.institute_a),
            Some(&staff_here),
            &json!({"phone": phone(90_001)}),
        )
        .await;
    problem(response, 403).await;
    let response = f
        .app
        .post_json(
            &format!("/api/v1/sites/{}/staff", f.seed.station_a1),
            Some(&staff_here),
            &json!({"phone": "13912345678"}),
        )
        .await;
    let refusal = problem(response, 422).await;
    assert_eq!(
        (
            refusal.errors[0].field.as_str(),
            refusal.errors[0].code.as_str()
        ),
        ("phone", codes::UNKNOWN)
    );
}

/// What 工作台 lists for the caller: the join requests and hours of the sites they run, and
/// nothing of a sibling's; each item leaves the list once it is dealt with.
#[tokio::test]
async fn today_lists_the_join_requests_and_hours_of_ones_own_sites_until_they_are_dealt_with() {
    use station_server::store::signups::insert_raw;
    use station_wire::staff::StaffToday;

    let f = Fixture::new().await;
    let store = &f.app.store;
    let pool = store.pool();
    let team_b = station_server::store::teams::insert(
        pool,
        &station_server::store::teams::NewTeam {
            site_id: f.leaf_b,
            name: "乙站服务队",
            field: "文化传承",
            description: "",
        },
    )
    .await
    .unwrap();
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    for team in [f.team, team_b] {
        let path = format!("/api/v1/teams/{team}/members");
        let asked = f.app.post_json(&path, Some(&volunteer), &json!({})).await;
        assert_eq!(asked.status(), 201, "{team}");
    }
    // Yesterday's activities: at A1 two attended (one already confirmed) and one no-show; at B
    // one attended.
    let finished = |site| {
        crate::common::insert(
            store,
            crate::common::activity_at(site, "culture", crate::common::local(-1, 9, 0)),
        )
    };
    let (here, there) = (finished(f.seed.station_a1).await, finished(f.leaf_b).await);
    let signed = |activity: i64, account: i64, status: &'static str| async move {
        let checked = (status == "attended").then(|| crate::common::local(-1, 9, 5));
        insert_raw(
            pool,
            activity,
            account,
            status,
            crate::common::local(-2, 9, 0),
            checked,
        )
        .await
        .unwrap()
    };
    let waiting = signed(here, f.volunteer, "attended").await;
    let confirmed = signed(here, f.resident, "attended").await;
    signed(here, f.leader, "no_show").await;
    signed(there, f.volunteer, "attended").await;
    let staff_here = f.token(Who::StaffHere).await.unwrap();
    let app = &f.app;
    let confirm = |signup: i64| {
        let path = format!("/api/v1/signups/{signup}/hours");
        let token = staff_here.clone();
        async move {
            app.send_json(Method::PUT, &path, &token, json!({"minutes": 120}))
                .await
        }
    };
    assert_eq!(confirm(confirmed).await.status(), 200);
    let today = |token: String| async move {
        let response = app.get_with("/api/v1/staff/today", &token).await;
        assert_eq!(response.status(), 200);
        response.json::<StaffToday>().await.unwrap()
    };

    let mine = today(staff_here.clone()).await;
    let requests: Vec<(i64, i64)> = mine
        .join_requests
        .iter()
        .map(|r| (r.team.id, r.account_id))
        .collect();
    assert_eq!(requests, [(f.team, f.volunteer)]);
    assert_eq!(mine.join_requests[0].display_name, "志愿者");
    let hours: Vec<(i64, u32)> = mine
        .hours_waiting
        .iter()
        .map(|h| (h.activity_id, h.waiting))
        .collect();
    assert_eq!(
        hours,
        [(here, 1)],
        "the confirmed and the no-show are not waiting"
    );
    assert_eq!(mine.hours_waiting[0].site.id, f.seed.station_a1);

    let other = today(f.token(Who::StaffOther).await.unwrap()).await;
    assert_eq!(
        (other.join_requests.len(), other.join_requests[0].team.id),
        (1, team_b)
    );
    assert_eq!(other.hours_waiting.len(), 1);
    assert_eq!(other.hours_waiting[0].activity_id, there);
    let admin = today(f.token(Who::Admin).await.unwrap()).await;
    assert_eq!(
        (admin.join_requests.len(), admin.hours_waiting.len()),
        (2, 2),
        "administrators see every site's"
    );

    // Dealt with, gone.
    let approve = format!("/api/v1/teams/{}/members/{}/approve", f.team, f.volunteer);
    let approved = f
        .app
        .request(Method::POST, &approve, Some(&staff_here))
        .send()
        .await
        .unwrap();
    assert_eq!(approved.status(), 204);
    assert_eq!(confirm(waiting).await.status(), 200);
    let after = today(staff_here).await;
    assert!(after.join_requests.is_empty(), "{:?}", after.join_requests);
    assert!(after.hours_waiting.is_empty(), "{:?}", after.hours_waiting);

    // Not staff of any site: refused.
    let refused = f.app.get_with("/api/v1/staff/today", &volunteer).await;
    problem(refused, 403).await;
}
