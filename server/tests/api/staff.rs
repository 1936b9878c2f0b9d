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
    let refusal = problem(response, 400).await;
    assert_eq!(
        (
            refusal.errors[0].field.as_str(),
            refusal.errors[0].code.as_str()
        ),
        ("phone", codes::UNKNOWN)
    );
}
