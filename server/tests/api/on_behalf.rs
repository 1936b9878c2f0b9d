//! 代报名: staff sign a resident of their sites up for an activity, and cancel it for them —
//! recorded as done by staff, under the same rules as the resident's own sign-up.

use reqwest::Method;
use serde_json::json;
use station_wire::page::List;
use station_wire::problem::{codes, types};
use station_wire::signups::{MySignup, RosterEntry, Signup, SignupStatus};

use crate::common::{named_errors, phone, problem};
use crate::fixture::{Fixture, Who};

fn path(activity: i64) -> String {
    format!("/api/v1/activities/{activity}/signups/on-behalf")
}

#[tokio::test]
async fn staff_sign_a_resident_up_and_cancel_it_for_them_recorded_as_theirs() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let body = json!({"phone": phone(90_006)});

    let response = f
        .app
        .post_json(&path(f.activity), Some(&staff), &body)
        .await;
    assert_eq!(response.status(), 201);
    let entry: RosterEntry = response.json().await.unwrap();
    assert_eq!(entry.account.id, f.resident);
    assert_eq!(entry.account.display_name, "居民");
    assert_eq!(entry.signup.status, SignupStatus::Confirmed);
    assert_eq!(entry.made_by.as_deref(), Some("本站工作人员"));

    // The roster says who made it; the resident finds it on 我的.
    let roster: List<RosterEntry> = f
        .app
        .get_with(
            &format!("/api/v1/activities/{}/signups", f.activity),
            &staff,
        )
        .await
        .json()
        .await
        .unwrap();
    let line = roster
        .items
        .iter()
        .find(|e| e.account.id == f.resident)
        .expect("the resident is on the roster");
    assert_eq!(line.made_by.as_deref(), Some("本站工作人员"));
    let resident = crate::common::session(&f.app.store, f.resident).await;
    let mine: List<MySignup> = f
        .app
        .get_with("/api/v1/me/signups", &resident)
        .await
        .json()
        .await
        .unwrap();
    assert!(mine.items.iter().any(|m| m.activity.id == f.activity));

    // Twice is refused as it would be for the resident.
    let again = f
        .app
        .post_json(&path(f.activity), Some(&staff), &body)
        .await;
    assert_eq!(problem(again, 409).await.kind, types::ALREADY_SIGNED_UP);

    // Cancelled for them, recorded as by staff; a second time there is nothing to cancel.
    let cancel = format!("/api/v1/activities/{}/signups/{}", f.activity, f.resident);
    let response = f
        .app
        .request(Method::DELETE, &cancel, Some(&staff))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let cancelled: Signup = response.json().await.unwrap();
    assert_eq!(cancelled.status, SignupStatus::Cancelled);
    // A sign-up names whose place it is: the key the path above cancels it by (Schemathesis
    // took the sign-up's own id for it while the answer did not say).
    assert_eq!(cancelled.account_id, f.resident);
    let (made_by, cancelled_by): (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT made_by, cancelled_by FROM signups WHERE id = $1")
            .bind(cancelled.id)
            .fetch_one(f.app.store.pool())
            .await
            .unwrap();
    assert_eq!(
        (made_by, cancelled_by),
        (Some(f.staff_here), Some(f.staff_here))
    );
    let response = f
        .app
        .request(Method::DELETE, &cancel, Some(&staff))
        .send()
        .await
        .unwrap();
    assert_eq!(problem(response, 404).await.kind, types::NOT_SIGNED_UP);

    // A volunteer's own sign-up records nobody else.
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    let own = f
        .app
        .request(
            Method::POST,
            &format!("/api/v1/activities/{}/signups", f.activity),
            Some(&volunteer),
        )
        .send()
        .await
        .unwrap();
    let own: Signup = own.json().await.unwrap();
    let made_by: Option<i64> = sqlx::query_scalar("SELECT made_by FROM signups WHERE id = $1")
        .bind(own.id)
        .fetch_one(f.app.store.pool())
        .await
        .unwrap();
    assert_eq!(made_by, None);
}

#[tokio::test]
async fn only_residents_of_ones_own_sites_are_found_and_closed_activities_stay_closed() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let store = &f.app.store;
    crate::common::account(store, "乙站居民", &phone(90_009), Some(f.leaf_b)).await;
    let app = &f.app;
    let ask = |activity: i64, token: String, number: String| async move {
        app.post_json(&path(activity), Some(&token), &json!({"phone": number}))
            .await
    };
    for (number, why) in [
        (phone(99_999), "no account"),
        (phone(90_009), "a resident of another institute's station"),
        (phone(95_001), "a colleague, not a resident"),
        (phone(90_005), "an administrator"),
    ] {
        let refused = problem(ask(f.activity, staff.clone(), number).await, 422).await;
        assert_eq!(named_errors(&refused), [("phone", codes::UNKNOWN)], "{why}");
    }
    let refused = problem(ask(f.activity, staff.clone(), "12345".into()).await, 400).await;
    assert_eq!(named_errors(&refused), [("phone", codes::INVALID)]);

    // Under way: closed for everyone.
    let response = ask(f.started, staff.clone(), phone(90_006)).await;
    assert_eq!(problem(response, 409).await.kind, types::SIGNUP_CLOSED);

    // A draft takes no sign-ups, not even from its staff (it would show on the resident's 我的).
    let day = crate::common::today() + chrono::Duration::days(5);
    let draft: serde_json::Value = f
        .app
        .post_json(
            "/api/v1/activities",
            Some(&staff),
            &json!({
                "site_id": f.seed.station_a1, "category": "elderly", "title": "草稿活动",
                "place": "活动室", "capacity": 5,
                "starts_at": format!("{day}T09:00:00+08:00"), "ends_at": format!("{day}T11:00:00+08:00"),
            }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(draft["status"], "draft");
    let draft = draft["id"].as_i64().unwrap();
    let response = ask(draft, staff.clone(), phone(90_006)).await;
    assert_eq!(problem(response, 409).await.kind, types::SIGNUP_CLOSED);

    // Staff of another institute may not act at this site; the leader leads, staff sign up.
    for who in [Who::StaffOther, Who::Leader] {
        let token = f.token(who).await.unwrap();
        problem(ask(f.activity, token, phone(90_006)).await, 403).await;
    }
}
