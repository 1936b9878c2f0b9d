//! The housekeeping task: sessions that ended and sign-in failures out of the window are deleted
//! on their own, while live sessions and recent failures stay.

use std::time::Duration;

use reqwest::Method;
use serde_json::json;

use crate::common::{account, phone, spawn_app_with, Options, TestApp};

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(app.store.pool())
        .await
        .unwrap()
}

/// Waits (a few seconds at most) for the task's next sweeps to leave `sql` counting `expected`.
async fn settles_at(app: &TestApp, sql: &str, expected: i64) {
    for _ in 0..100 {
        if count(app, sql).await == expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(count(app, sql).await, expected, "{sql}");
}

#[tokio::test]
async fn ended_sessions_and_old_sign_in_failures_are_deleted_by_the_task() {
    let app = spawn_app_with(Options {
        demo_data: false,
        ..Default::default()
    })
    .await;
    let (_, live) = account(&app.store, "甲", &phone(1), None).await;
    // A session signed out, and one that will have expired.
    let (_, signed_out) = account(&app.store, "乙", &phone(2), None).await;
    let out = app
        .request(
            Method::DELETE,
            "/api/v1/sessions/current",
            Some(&signed_out),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    let signed_in = app
        .post_json(
            "/api/v1/sessions",
            None,
            &json!({"phone": phone(1), "password": crate::common::TEST_PASSWORD}),
        )
        .await;
    assert_eq!(signed_in.status(), 201);
    // That new session will have ended ten minutes from now.
    sqlx::query("UPDATE sessions SET expires_at = $1 WHERE id = (SELECT MAX(id) FROM sessions)")
        .bind(crate::common::now().timestamp() + 600)
        .execute(app.store.pool())
        .await
        .unwrap();
    for n in [3, 4] {
        let wrong = json!({"phone": phone(n), "password": "wrong-password"});
        let answer = app.post_json("/api/v1/sessions", None, &wrong).await;
        assert_eq!(answer.status(), 401);
    }
    // The signed-out session goes at the next sweep; the failures are still in the window.
    settles_at(
        &app,
        "SELECT COUNT(*) FROM sessions WHERE revoked_at IS NOT NULL",
        0,
    )
    .await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM sign_in_failures").await,
        2
    );

    // Sixteen minutes on: the failures and their guards are gone, and so is the session that
    // expired; the live one stays, and still works.
    app.clock.advance(chrono::Duration::minutes(16));
    settles_at(&app, "SELECT COUNT(*) FROM sign_in_failures", 0).await;
    settles_at(&app, "SELECT COUNT(*) FROM sign_in_guards", 0).await;
    settles_at(&app, "SELECT COUNT(*) FROM sessions", 1).await;
    let me = app
        .request(Method::GET, "/api/v1/me", Some(&live))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
}
