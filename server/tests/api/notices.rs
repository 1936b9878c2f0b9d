//! 站内消息: a freed place, a cancelled activity and a decided join request each reach the person
//! they concern — in the app, counted on `GET /me` until read, and through the webhook.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use hmac::{Hmac, Mac};
use reqwest::Method;
use serde_json::{json, Value};
use sha2::Sha256;
use station_server::store::accounts::grant_staff;
use station_server::store::teams::{self, NewTeam};
use station_wire::accounts::Me;
use station_wire::notices::{Notice, NoticeKind};
use station_wire::page::Page;
use station_wire::problem::{codes, types};

use crate::common::{
    account, activity_at, insert, local, named_errors, phone, problem, seed_tree, spawn_app_with,
    Options, TestApp,
};

async fn unread(app: &TestApp, token: &str) -> u32 {
    let me: Me = app
        .get_with("/api/v1/me", token)
        .await
        .json()
        .await
        .unwrap();
    me.unread_notices
}

pub async fn notices_of(app: &TestApp, token: &str) -> Vec<Notice> {
    let page: Page<Notice> = app
        .get_with("/api/v1/me/notices", token)
        .await
        .json()
        .await
        .unwrap();
    page.items
}

fn no_demo() -> Options {
    Options {
        demo_data: false,
        ..Default::default()
    }
}

#[tokio::test]
async fn a_freed_place_and_a_cancellation_reach_those_they_concern_and_no_one_else() {
    let app = spawn_app_with(no_demo()).await;
    let seed = seed_tree(&app.store).await;
    let (staff, staff_token) = account(&app.store, "工作人员", &phone(1), None).await;
    grant_staff(app.store.pool(), staff, seed.station_a1)
        .await
        .unwrap();
    let (_, first) = account(&app.store, "先报名", &phone(2), Some(seed.station_a1)).await;
    let (_, second) = account(&app.store, "候补者", &phone(3), Some(seed.station_a1)).await;
    let (_, stranger) = account(&app.store, "旁人", &phone(4), Some(seed.station_a1)).await;
    let mut one_place = activity_at(seed.station_a1, "elderly", local(3, 9, 0));
    one_place.capacity = 1;
    one_place.title = "上门理发".into();
    let id = insert(&app.store, one_place).await;
    let signups = format!("/api/v1/activities/{id}/signups");
    for token in [&first, &second] {
        let response = app.post_json(&signups, Some(token), &json!({})).await;
        assert_eq!(response.status(), 201);
    }

    // The first gives the place up: it is the waitlisted one's, and they are told.
    let response = app
        .request(Method::DELETE, &format!("{signups}/me"), Some(&first))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(unread(&app, &second).await, 1);
    let promoted = notices_of(&app, &second).await;
    assert_eq!(promoted.len(), 1);
    assert_eq!(promoted[0].kind, NoticeKind::WaitlistPromoted);
    assert_eq!(promoted[0].activity_id, Some(id));
    assert_eq!(promoted[0].subject_title, "上门理发");
    assert!(!promoted[0].read);
    // Who cancelled themselves is told nothing.
    assert_eq!(unread(&app, &first).await, 0);

    // Staff call it off: the one signed up reads why; cancelling again tells nobody twice.
    let cancel = format!("/api/v1/activities/{id}/cancel");
    for _ in 0..2 {
        let response = app
            .post_json(&cancel, Some(&staff_token), &json!({"reason": "暴雨预警"}))
            .await;
        assert_eq!(response.status(), 200);
    }
    let both = notices_of(&app, &second).await;
    let kinds: Vec<NoticeKind> = both.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [NoticeKind::ActivityCancelled, NoticeKind::WaitlistPromoted],
        "newest first"
    );
    assert_eq!(both[0].reason.as_deref(), Some("暴雨预警"));
    assert_eq!(unread(&app, &second).await, 2);
    assert!(notices_of(&app, &first).await.is_empty());
    assert!(notices_of(&app, &stranger).await.is_empty());

    // Another's "read" does not read mine.
    let mark = "/api/v1/me/notices/read";
    let response = app
        .post_json(mark, Some(&stranger), &json!({"up_to": both[0].id}))
        .await;
    assert_eq!(response.status(), 204);
    assert_eq!(unread(&app, &second).await, 2);
    // Reading up to the older one leaves the newer unread.
    let response = app
        .post_json(mark, Some(&second), &json!({"up_to": both[1].id}))
        .await;
    assert_eq!(response.status(), 204);
    assert_eq!(unread(&app, &second).await, 1);
    let response = app
        .post_json(mark, Some(&second), &json!({"up_to": both[0].id}))
        .await;
    assert_eq!(response.status(), 204);
    assert_eq!(unread(&app, &second).await, 0);
    assert!(notices_of(&app, &second).await.iter().all(|n| n.read));

    // A page at a time, newest first.
    let page: Page<Notice> = app
        .get_with("/api/v1/me/notices?limit=1", &second)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page.items[0].id, both[0].id);
    let cursor = page.next_cursor.expect("a second page");
    let rest: Page<Notice> = app
        .get_with(
            &format!("/api/v1/me/notices?limit=1&cursor={cursor}"),
            &second,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rest.items[0].id, both[1].id);
    assert_eq!(rest.next_cursor, None);
}

#[tokio::test]
async fn leaving_a_cancelled_activity_promotes_nobody_to_come() {
    let app = spawn_app_with(no_demo()).await;
    let seed = seed_tree(&app.store).await;
    let (staff, staff_token) = account(&app.store, "工作人员", &phone(1), None).await;
    grant_staff(app.store.pool(), staff, seed.station_a1)
        .await
        .unwrap();
    let (_, first) = account(&app.store, "先报名", &phone(2), None).await;
    let (_, second) = account(&app.store, "候补者", &phone(3), None).await;
    let mut one_place = activity_at(seed.station_a1, "elderly", local(3, 9, 0));
    one_place.capacity = 1;
    let id = insert(&app.store, one_place).await;
    let signups = format!("/api/v1/activities/{id}/signups");
    for token in [&first, &second] {
        assert_eq!(
            app.post_json(&signups, Some(token), &json!({}))
                .await
                .status(),
            201
        );
    }
    let cancel = format!("/api/v1/activities/{id}/cancel");
    let response = app
        .post_json(&cancel, Some(&staff_token), &json!({"reason": "场地维修"}))
        .await;
    assert_eq!(response.status(), 200);
    let response = app
        .request(Method::DELETE, &format!("{signups}/me"), Some(&first))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    // The one waiting hears of the cancellation only: no "come, a place is yours".
    let told: Vec<NoticeKind> = notices_of(&app, &second)
        .await
        .iter()
        .map(|n| n.kind)
        .collect();
    assert_eq!(told, [NoticeKind::ActivityCancelled]);
}

#[tokio::test]
async fn bad_requests_for_notices_are_named() {
    let app = spawn_app_with(no_demo()).await;
    let (_, token) = account(&app.store, "居民", &phone(1), None).await;
    // A number is read by its value, as JSON Schema has it: 3.0 is the integer 3, 2.5 is not one.
    let read = "/api/v1/me/notices/read";
    let whole = app
        .post_json(read, Some(&token), &json!({"up_to": 3.0}))
        .await;
    assert_eq!(whole.status(), 204);
    let half = app
        .post_json(read, Some(&token), &json!({"up_to": 2.5}))
        .await;
    let fraction = problem(half, 400).await;
    assert_eq!(fraction.kind, types::BAD_REQUEST);
    assert!(
        fraction.detail.unwrap_or_default().contains("up_to"),
        "names the field"
    );
    let refused = problem(
        app.post_json(
            "/api/v1/me/notices/read",
            Some(&token),
            &json!({"up_to": 0}),
        )
        .await,
        400,
    )
    .await;
    assert_eq!(named_errors(&refused), [("up_to", codes::OUT_OF_RANGE)]);
    // A limit the document bounds is 400; a cursor no earlier page gave, 422.
    for (query, field, code, status) in [
        ("limit=0", "limit", codes::OUT_OF_RANGE, 400),
        ("limit=201", "limit", codes::OUT_OF_RANGE, 400),
        ("cursor=abc", "cursor", codes::INVALID, 422),
        ("cursor=-5", "cursor", codes::INVALID, 422),
    ] {
        let refused = problem(
            app.get_with(&format!("/api/v1/me/notices?{query}"), &token)
                .await,
            status,
        )
        .await;
        assert_eq!(named_errors(&refused), [(field, code)], "{query}");
    }
    assert_eq!(app.get("/api/v1/me/notices").await.status(), 401);
}

/// The status of an empty POST to `path` as `token`.
async fn post(app: &TestApp, path: &str, token: &str) -> u16 {
    app.post_json(path, Some(token), &json!({}))
        .await
        .status()
        .as_u16()
}

/// A team, a volunteer's request to join it, and the staff member who decides.
async fn join_request(app: &TestApp, n: u32) -> (i64, i64, String, String) {
    let seed = seed_tree(&app.store).await;
    let (staff, staff_token) = account(&app.store, "工作人员", &phone(n), None).await;
    grant_staff(app.store.pool(), staff, seed.station_a1)
        .await
        .unwrap();
    let team = teams::insert(
        app.store.pool(),
        &NewTeam {
            site_id: seed.station_a1,
            name: "巧手邻里志愿服务队",
            field: "邻里互助",
            description: "",
        },
    )
    .await
    .unwrap();
    let (asker, token) = account(&app.store, "林晓雨", &phone(n + 1), Some(seed.station_a1)).await;
    let response = app
        .post_json(
            &format!("/api/v1/teams/{team}/members"),
            Some(&token),
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), 201);
    (team, asker, token, staff_token)
}

#[tokio::test]
async fn a_decided_join_request_is_told_to_the_one_who_asked() {
    let app = spawn_app_with(no_demo()).await;
    let (team, asker, token, staff) = join_request(&app, 10).await;
    assert_eq!(unread(&app, &token).await, 0);
    let approve = format!("/api/v1/teams/{team}/members/{asker}/approve");
    assert_eq!(post(&app, &approve, &staff).await, 204);
    let told = notices_of(&app, &token).await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, NoticeKind::TeamApproved);
    assert_eq!(told[0].team_id, Some(team));
    assert_eq!(told[0].subject_title, "巧手邻里志愿服务队");
    // Approving again finds no request and tells nobody again.
    assert_eq!(post(&app, &approve, &staff).await, 404);
    assert_eq!(notices_of(&app, &token).await.len(), 1);

    // Another asks and is declined.
    let (other, other_token) = account(&app.store, "赵一鸣", &phone(20), None).await;
    let join = format!("/api/v1/teams/{team}/members");
    assert_eq!(post(&app, &join, &other_token).await, 201);
    let decline = format!("/api/v1/teams/{team}/members/{other}/decline");
    assert_eq!(post(&app, &decline, &staff).await, 204);
    let told = notices_of(&app, &other_token).await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, NoticeKind::TeamDeclined);
}

/// What the loopback gateway received: each request's delivery id, signature and body.
type Received = Arc<Mutex<Vec<(String, String, Vec<u8>)>>>;

/// A gateway on loopback that refuses its first delivery (500) and takes the rest.
async fn gateway() -> (String, Received) {
    use axum::body::Bytes;
    use axum::http::{HeaderMap, StatusCode};
    let received: Received = Arc::default();
    let log = received.clone();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: HeaderMap, body: Bytes| {
            let log = log.clone();
            async move {
                let header = |name: &str| {
                    headers
                        .get(name)
                        .and_then(|value| value.to_str().ok())
                        .unwrap_or_default()
                        .to_owned()
                };
                let mut log = log.lock().unwrap();
                log.push((
                    header("x-station-delivery"),
                    header("x-station-signature"),
                    body.to_vec(),
                ));
                if log.len() == 1 {
                    StatusCode::INTERNAL_SERVER_ERROR
                } else {
                    StatusCode::OK
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, received)
}

#[tokio::test]
async fn the_webhook_delivers_each_notice_signed_and_retries_a_refusal() {
    let (url, received) = gateway().await;
    let app = spawn_app_with(Options {
        demo_data: false,
        webhook: Some((url, "gateway-secret".into())),
        ..Default::default()
    })
    .await;
    let (team, asker, _, staff) = join_request(&app, 30).await;
    let approve = format!("/api/v1/teams/{team}/members/{asker}/approve");
    assert_eq!(post(&app, &approve, &staff).await, 204);

    // Refused once (500), then taken: two deliveries of the one notice.
    for _ in 0..100 {
        if received.lock().unwrap().len() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let deliveries = received.lock().unwrap().clone();
    assert_eq!(deliveries.len(), 2, "one refusal, one retry");
    assert_eq!(deliveries[0].0, deliveries[1].0, "the same delivery id");
    for (_, signature, body) in &deliveries {
        let mut mac = Hmac::<Sha256>::new_from_slice(b"gateway-secret").unwrap();
        mac.update(body);
        let hex: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(signature, &format!("sha256={hex}"));
    }
    let payload: Value = serde_json::from_slice(&deliveries[1].2).unwrap();
    assert_eq!(payload["id"].to_string(), deliveries[1].0);
    assert_eq!(payload["kind"], "team_approved");
    assert_eq!(payload["team_id"], team);
    assert_eq!(payload["recipient"]["account_id"], asker);
    assert_eq!(payload["recipient"]["phone"], phone(31));
    assert_eq!(payload["recipient"]["display_name"], "林晓雨");
    assert_eq!(payload["text"], "您已加入「巧手邻里志愿服务队」");

    // Taken once, it is not sent again.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(received.lock().unwrap().len(), 2);
}
