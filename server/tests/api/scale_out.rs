//! Two servers on one database behave as one: nothing that matters lives in a process. Each
//! request below goes to one of the two at random or by turns, as a load balancer without sticky
//! routing sends them. On PostgreSQL (`STATION_TEST_POSTGRES_URL`) this is the county's set-up;
//! on SQLite two processes sharing a file hold to the same rules.

use reqwest::Method;
use serde_json::json;
use station_wire::accounts::Session;
use station_wire::signups::{CheckinCode, Signup, SignupStatus};

use crate::common::{many_accounts, phone, spawn_app_on, Options, TestApp, TEST_PASSWORD};
use crate::fixture::{Fixture, Who};
use crate::signups_concurrency::{
    activity_with_places, assert_consistent, assert_places_then_a_gap_free_waitlist,
};

/// A second server on the fixture's database.
async fn second_server(f: &Fixture) -> TestApp {
    spawn_app_on(
        f.app.database.clone(),
        Options {
            demo_data: false,
            ..Default::default()
        },
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_storm_of_sign_ups_spread_over_two_servers_fills_the_places_exactly() {
    let f = Fixture::new().await;
    let two = second_server(&f).await;
    let activity = activity_with_places(&f, 20).await;
    let people = many_accounts(&f.app.store, 1, 120).await;
    let path = format!("/api/v1/activities/{activity}/signups");
    let tasks: Vec<_> = people
        .iter()
        .enumerate()
        .map(|(i, (_, token))| {
            let server = if i % 2 == 0 { &f.app } else { &two };
            let request = server.request(Method::POST, &path, Some(token));
            tokio::spawn(async move { request.send().await.expect("request sent") })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        let answer = task.await.expect("the request's task ends");
        answers.push((answer.status().as_u16(), answer.text().await.unwrap()));
    }
    assert_places_then_a_gap_free_waitlist(&answers, 20);
    assert_eq!(assert_consistent(&f, activity, 20).await, (20, 100));
}

#[tokio::test]
async fn a_session_made_on_one_server_is_honoured_and_ended_on_the_other() {
    let f = Fixture::new().await;
    let two = second_server(&f).await;
    let signed_in = f
        .app
        .post_json(
            "/api/v1/sessions",
            None,
            &json!({"phone": phone(90_001), "password": TEST_PASSWORD}),
        )
        .await;
    assert_eq!(signed_in.status(), 201);
    let session: Session = signed_in.json().await.unwrap();
    assert_eq!(
        two.get_with("/api/v1/me", &session.token).await.status(),
        200
    );
    let signed_out = two
        .request(
            Method::DELETE,
            "/api/v1/sessions/current",
            Some(&session.token),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(signed_out.status(), 204);
    assert_eq!(
        f.app.get_with("/api/v1/me", &session.token).await.status(),
        401
    );
}

#[tokio::test]
async fn a_check_in_code_shown_by_one_server_is_taken_by_the_other() {
    let f = Fixture::new().await;
    let two = second_server(&f).await;
    let leader = f.token(Who::Leader).await.unwrap();
    let shown: CheckinCode = f
        .app
        .get_with(
            &format!("/api/v1/activities/{}/checkin-code", f.started),
            &leader,
        )
        .await
        .json()
        .await
        .unwrap();
    let code = shown.url.split_once("?code=").unwrap().1;
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    let answer = two
        .post_json(
            &format!("/api/v1/activities/{}/checkins", f.started),
            Some(&volunteer),
            &json!({"code": code}),
        )
        .await;
    assert_eq!(answer.status(), 200);
    let signup: Signup = answer.json().await.unwrap();
    assert_eq!(signup.status, SignupStatus::Attended);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn wrong_passwords_sent_to_both_servers_at_once_share_one_limit() {
    let f = Fixture::new().await;
    let two = second_server(&f).await;
    // 40 guesses for the resident's phone at once, every other one to the second server.
    let guesses: Vec<_> = (0..40)
        .map(|i| {
            let server = if i % 2 == 0 { &f.app } else { &two };
            let request = server
                .request(Method::POST, "/api/v1/sessions", None)
                .json(&json!({"phone": phone(90_006), "password": "wrong-password"}));
            tokio::spawn(async move { request.send().await.expect("the guess is sent") })
        })
        .collect();
    let mut judged = 0;
    for guess in guesses {
        match guess.await.unwrap().status().as_u16() {
            401 => judged += 1,
            429 => {}
            other => panic!("a guess answered {other}"),
        }
    }
    assert_eq!(judged, 5, "the passwords judged of 40 sent to two servers");
    for server in [&f.app, &two] {
        let right = server
            .post_json(
                "/api/v1/sessions",
                None,
                &json!({"phone": phone(90_006), "password": TEST_PASSWORD}),
            )
            .await;
        assert_eq!(right.status(), 429, "locked on {}", server.address);
    }
}
