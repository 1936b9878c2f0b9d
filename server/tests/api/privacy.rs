//! 个人信息: one's data downloaded whole, and an account deleted — anonymised in place, its
//! upcoming places handed to the waitlist, everything that acts for it gone; the station's only
//! administrator cannot leave it without one.

use reqwest::Method;
use serde_json::json;
use station_server::store::accounts::grant_staff;
use station_server::store::teams::{self, NewTeam};
use station_wire::page::List;
use station_wire::privacy::{MyData, PRIVACY_NOTICE_VERSION};
use station_wire::problem::{codes, types};
use station_wire::signups::{RosterEntry, SignupStatus};

use crate::common::{
    account, activity_at, insert, local, named_errors, phone, problem, seed_tree, spawn_app_with,
    Options, TestApp, TEST_PASSWORD,
};

fn delete_me(app: &TestApp, token: &str, password: &str) -> reqwest::RequestBuilder {
    app.request(Method::DELETE, "/api/v1/me", Some(token))
        .json(&json!({ "password": password }))
}

#[tokio::test]
async fn a_person_downloads_their_data_then_deletes_their_account() {
    let app = spawn_app_with(Options {
        demo_data: false,
        ..Default::default()
    })
    .await;
    let pool = app.store.pool();
    let seed = seed_tree(&app.store).await;
    let (me_id, me) = account(&app.store, "林晓雨", &phone(1), Some(seed.station_a1)).await;
    let (_, next) = account(&app.store, "赵一鸣", &phone(2), Some(seed.station_a1)).await;
    let mut one_place = activity_at(seed.station_a1, "elderly", local(3, 9, 0));
    one_place.capacity = 1;
    let activity = insert(&app.store, one_place).await;
    let path = format!("/api/v1/activities/{activity}/signups");
    for token in [&me, &next] {
        let answer = app
            .request(Method::POST, &path, Some(token))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 201);
    }
    let team = teams::insert(
        pool,
        &NewTeam {
            site_id: seed.station_a1,
            name: "暖心帮扶",
            field: "扶贫济困",
            description: "",
        },
    )
    .await
    .unwrap();
    sqlx::query("UPDATE teams SET leader_account_id = $1 WHERE id = $2")
        .bind(me_id)
        .bind(team)
        .execute(pool)
        .await
        .unwrap();

    // An activity I served at last week: its roster keeps me after the deletion.
    let past = insert(
        &app.store,
        activity_at(seed.station_a1, "elderly", local(-7, 9, 0)),
    )
    .await;
    sqlx::query(
        "INSERT INTO signups (activity_id, account_id, status, created_at, updated_at) \
         VALUES ($1, $2, 'attended', 0, 0)",
    )
    .bind(past)
    .bind(me_id)
    .execute(pool)
    .await
    .unwrap();
    // And one I signed up for and then cancelled: kept too, so it is in my copy.
    let changed_mind = insert(
        &app.store,
        activity_at(seed.station_a1, "elderly", local(5, 9, 0)),
    )
    .await;
    let mine = format!("/api/v1/activities/{changed_mind}/signups");
    for method in [Method::POST, Method::DELETE] {
        let path = if method == Method::POST {
            mine.clone()
        } else {
            format!("{mine}/me")
        };
        let answer = app.request(method, &path, Some(&me)).send().await.unwrap();
        assert!(answer.status().is_success(), "{}", answer.status());
    }
    let (staff_id, staff) = account(&app.store, "站长", &phone(3), None).await;
    grant_staff(pool, staff_id, seed.station_a1).await.unwrap();

    // Everything kept about me, the phone whole, with the notice I agreed to.
    problem(app.get("/api/v1/me/export").await, 401).await;
    let data: MyData = app
        .get_with("/api/v1/me/export", &me)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(data.account.id, me_id);
    assert_eq!(data.account.phone, phone(1));
    assert_eq!(
        data.account.privacy_notice.as_deref(),
        Some(PRIVACY_NOTICE_VERSION)
    );
    assert!(data.account.privacy_accepted_at.is_some());
    let mut mine: Vec<(i64, SignupStatus)> = data
        .signups
        .iter()
        .map(|s| (s.activity.id, s.signup.status))
        .collect();
    mine.sort_by_key(|(id, _)| *id);
    assert_eq!(
        mine,
        [
            (activity, SignupStatus::Confirmed),
            (past, SignupStatus::Attended),
            (changed_mind, SignupStatus::Cancelled)
        ]
    );
    assert!(data.notices.is_empty());

    // A wrong password deletes nothing; the right one does.
    let refused = problem(
        delete_me(&app, &me, "not-the-password")
            .send()
            .await
            .unwrap(),
        422,
    )
    .await;
    assert_eq!(named_errors(&refused), [("password", codes::WRONG)]);
    assert_eq!(app.get_with("/api/v1/me", &me).await.status(), 200);
    let deleted = delete_me(&app, &me, TEST_PASSWORD).send().await.unwrap();
    assert_eq!(deleted.status(), 204);

    // Signed out everywhere; the phone no longer signs in, and may register anew.
    problem(app.get_with("/api/v1/me", &me).await, 401).await;
    // Even a session that a sign-in racing the deletion would have opened acts for nobody.
    let late = crate::common::session(&app.store, me_id).await;
    problem(app.get_with("/api/v1/me", &late).await, 401).await;
    let sign_in = json!({"phone": phone(1), "password": TEST_PASSWORD});
    let refused = problem(app.post_json("/api/v1/sessions", None, &sign_in).await, 401).await;
    assert_eq!(refused.kind, types::WRONG_CREDENTIALS);
    // Anonymised in place: the records keep a row without a name or a phone.
    let (name, stored_phone): (String, String) =
        sqlx::query_as("SELECT display_name, phone FROM accounts WHERE id = $1")
            .bind(me_id)
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(name, "已注销用户");
    assert!(!stored_phone.contains(&phone(1)), "{stored_phone}");
    // Staff read the past roster: the place is there, with neither name nor number — not even
    // the placeholder that keeps the stored phone unique.
    let roster: List<RosterEntry> = app
        .get_with(&format!("/api/v1/activities/{past}/signups"), &staff)
        .await
        .json()
        .await
        .unwrap();
    let entry = &roster.items[0];
    assert_eq!(
        (
            entry.account.display_name.as_str(),
            entry.account.phone.as_str()
        ),
        ("已注销用户", "")
    );
    // My place went to the one waiting, who is told.
    let theirs: MyData = app
        .get_with("/api/v1/me/export", &next)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        theirs.signups[0].signup.status,
        station_wire::signups::SignupStatus::Confirmed
    );
    assert_eq!(theirs.notices.len(), 1);
    // The team has no leader now.
    let leader: Option<i64> =
        sqlx::query_scalar("SELECT leader_account_id FROM teams WHERE id = $1")
            .bind(team)
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(leader, None);
    let again = app.register("林晓雨", &phone(1), "sun-nainai-2026").await;
    assert_ne!(again.account.id, me_id);
}

#[tokio::test]
async fn the_only_administrator_cannot_delete_the_account() {
    let app = spawn_app_with(Options {
        demo_data: false,
        ..Default::default()
    })
    .await;
    let admin = |n: u32| {
        let app = &app;
        async move {
            let (id, token) = account(&app.store, "管理员", &phone(n), None).await;
            sqlx::query("UPDATE accounts SET is_admin = 1 WHERE id = $1")
                .bind(id)
                .execute(app.store.pool())
                .await
                .unwrap();
            token
        }
    };
    let first = admin(1).await;
    let refused = problem(
        delete_me(&app, &first, TEST_PASSWORD).send().await.unwrap(),
        409,
    )
    .await;
    assert_eq!(refused.kind, types::LAST_ADMINISTRATOR);
    assert_eq!(app.get_with("/api/v1/me", &first).await.status(), 200);
    // With a second administrator, the first may go; then the second is the last.
    let second = admin(2).await;
    assert_eq!(
        delete_me(&app, &first, TEST_PASSWORD)
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    problem(
        delete_me(&app, &second, TEST_PASSWORD)
            .send()
            .await
            .unwrap(),
        409,
    )
    .await;
}
