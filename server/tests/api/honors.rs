//! 好人榜 over HTTP: photos uploaded, refused by what their bytes are, served without metadata
//! for a year; a nomination from submission to the board and off it again; consent before
//! anything is public; likes exact under a storm; the nominator's contact in no public answer.

use reqwest::Method;
use serde_json::{json, Value};
use station_conformance::images::{bomb, contains, pdf, phone_photo, png, GPS_MARKER};
use station_server::store::accounts::grant_staff;
use station_wire::honors::{Honor, HonorStatus, LikeState, Nomination, PhotoRef};
use station_wire::page::Page;
use station_wire::problem::{codes, types};
use station_wire::screens::ScreenData;

use crate::common::{
    account, many_accounts, named_errors, phone, problem, seed_tree, spawn_app_with, Options, Seed,
    TestApp,
};

async fn upload(app: &TestApp, token: &str, bytes: Vec<u8>) -> reqwest::Response {
    app.request(Method::POST, "/api/v1/photos", Some(token))
        .header("content-type", "application/octet-stream")
        .body(bytes)
        .send()
        .await
        .unwrap()
}

struct Station {
    app: TestApp,
    seed: Seed,
    resident: String,
    staff: String,
}

async fn station() -> Station {
    let app = spawn_app_with(Options {
        demo_data: false,
        ..Default::default()
    })
    .await;
    let seed = seed_tree(&app.store).await;
    let (_, resident) = account(&app.store, "林晓雨", &phone(1), Some(seed.station_a1)).await;
    let (staff_id, staff) = account(&app.store, "陈思远", &phone(2), None).await;
    grant_staff(app.store.pool(), staff_id, seed.station_a1)
        .await
        .unwrap();
    Station {
        app,
        seed,
        resident,
        staff,
    }
}

fn nomination(site: i64, photos: &[i64]) -> Value {
    json!({
        "site_id": site, "nominee_name": "刘桂兰", "category": "helping_others",
        "story": "刘阿姨每天敲门问候楼里的独居老人。", "photo_ids": photos,
        "nominator_contact": "微信 lin-xiaoyu-1990",
    })
}

async fn nominate(s: &Station, photos: &[i64]) -> Nomination {
    let answer = s
        .app
        .send_json(
            Method::POST,
            "/api/v1/nominations",
            &s.resident,
            nomination(s.seed.station_a1, photos),
        )
        .await;
    assert_eq!(answer.status(), 201);
    answer.json().await.unwrap()
}

async fn step(s: &Station, id: i64, what: &str, body: Value) -> reqwest::Response {
    let method = if what == "consent" {
        Method::PUT
    } else {
        Method::POST
    };
    s.app
        .send_json(
            method,
            &format!("/api/v1/nominations/{id}/{what}"),
            &s.staff,
            body,
        )
        .await
}

/// Staff record that the nominee withdrew their consent.
async fn withdraw_consent(s: &Station, id: i64) -> reqwest::Response {
    let path = format!("/api/v1/nominations/{id}/consent");
    s.app
        .request(Method::DELETE, &path, Some(&s.staff))
        .send()
        .await
        .unwrap()
}

/// The resident's own nominations, as they follow them.
async fn my_nominations(s: &Station) -> Page<Nomination> {
    let answer = s.app.get_with("/api/v1/me/nominations", &s.resident).await;
    answer.json().await.unwrap()
}

async fn board(app: &TestApp) -> (Page<Honor>, String) {
    let text = app.get("/api/v1/honors").await.text().await.unwrap();
    (serde_json::from_str(&text).unwrap(), text)
}

#[tokio::test]
async fn a_photo_is_made_again_served_for_a_year_and_revalidated() {
    let s = station().await;
    let answer = upload(&s.app, &s.resident, png(2400, 1200)).await;
    assert_eq!(answer.status(), 201);
    let photo: PhotoRef = answer.json().await.unwrap();
    assert_eq!((photo.width, photo.height), (1600, 800), "bounded to 1600");
    let thumb = s.app.get(&photo.thumb_url).await;
    assert_eq!(thumb.status(), 200);
    assert_eq!(crate::common::content_type(&thumb), "image/jpeg");
    assert_eq!(
        thumb.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let etag = thumb.headers()["etag"].clone();
    let bytes = thumb.bytes().await.unwrap();
    assert_eq!(&bytes[..3], &[0xFF, 0xD8, 0xFF], "a JPEG");
    let decoded = image::load_from_memory(&bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (480, 240));
    // A phone's photo is served upright and without its EXIF and GPS.
    let phone: PhotoRef = upload(&s.app, &s.resident, phone_photo(6))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((phone.width, phone.height), (20, 40));
    for url in [&phone.thumb_url, &phone.large_url] {
        let served = s.app.get(url).await.bytes().await.unwrap();
        assert!(!contains(&served, b"Exif") && !contains(&served, GPS_MARKER));
    }
    let again = s
        .app
        .request(Method::GET, &photo.thumb_url, None)
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    let large = s.app.get(&photo.large_url).await.bytes().await.unwrap();
    assert_eq!(image::load_from_memory(&large).unwrap().width(), 1600);
    for missing in [
        photo.thumb_url.replace("thumb.jpg", "huge.jpg"),
        "/api/v1/photos/no-such-key/thumb.jpg".to_owned(),
    ] {
        let refused = problem(s.app.get(&missing).await, 404).await;
        assert_eq!(refused.kind, types::NOT_FOUND);
    }
}

#[tokio::test]
async fn what_is_not_a_photo_is_refused_by_name_and_a_big_one_by_size() {
    let s = station().await;
    let mut truncated = png(300, 300);
    truncated.truncate(truncated.len() / 2);
    for (bytes, code) in [
        (pdf(), codes::NOT_AN_IMAGE),
        (truncated, codes::DAMAGED),
        (bomb(20_000), codes::TOO_MANY_PIXELS),
    ] {
        let refused = problem(upload(&s.app, &s.resident, bytes).await, 422).await;
        assert_eq!(named_errors(&refused), [("photo", code)]);
    }
    let big = vec![0xFFu8; station_wire::honors::MAX_PHOTO_BYTES + 1];
    let too_large = problem(upload(&s.app, &s.resident, big).await, 413).await;
    assert_eq!(too_large.kind, types::TOO_LARGE);
    // Far above it, refused before any handler: a problem too.
    let huge = vec![0xFFu8; 6 * 1024 * 1024];
    let refused = problem(upload(&s.app, &s.resident, huge).await, 413).await;
    assert_eq!(refused.kind, types::TOO_LARGE);
    let anonymous = s
        .app
        .request(Method::POST, "/api/v1/photos", None)
        .body(png(10, 10))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    // A JSON body is still held to 64 KiB.
    let long = json!({ "site_id": 1, "nominee_name": "x".repeat(70 * 1024) });
    let answer = s
        .app
        .send_json(Method::POST, "/api/v1/nominations", &s.resident, long)
        .await;
    assert_eq!(problem(answer, 413).await.kind, types::TOO_LARGE);
}

#[tokio::test]
async fn from_nomination_to_the_board_with_consent_and_off_it_when_withdrawn() {
    let s = station().await;
    let photo: PhotoRef = upload(&s.app, &s.resident, png(800, 600))
        .await
        .json()
        .await
        .unwrap();
    let submitted = nominate(&s, &[photo.id]).await;
    assert_eq!(submitted.status, HonorStatus::Submitted);
    assert_eq!(submitted.photos, vec![photo.clone()]);
    assert_eq!(submitted.nominator_contact, "微信 lin-xiaoyu-1990");
    let id = submitted.id;
    assert!(board(&s.app).await.0.items.is_empty(), "not public yet");
    assert_eq!(
        s.app.get(&format!("/api/v1/honors/{id}")).await.status(),
        404
    );

    // No publishing without the nominee's consent.
    let month = crate::common::today().format("%Y-%m").to_string();
    let refused = step(&s, id, "publish", json!({ "board_month": month })).await;
    assert_eq!(problem(refused, 409).await.kind, types::CONSENT_MISSING);
    let consent = json!({ "note": "本人当面同意，签字存档", "posters": true, "screens": false });
    let with_consent: Nomination = step(&s, id, "consent", consent).await.json().await.unwrap();
    let recorded = with_consent.consent.expect("recorded");
    assert_eq!(recorded.recorded_by, "陈思远");
    assert!(recorded.posters && !recorded.screens);
    // How the nominee consented is staff's record, not the nominator's.
    let seen: Nomination = s
        .app
        .get_with(&format!("/api/v1/nominations/{id}"), &s.resident)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(seen.consent, None);
    let next_month = (crate::common::today() + chrono::Duration::days(40))
        .format("%Y-%m")
        .to_string();
    let future = step(&s, id, "publish", json!({ "board_month": next_month })).await;
    assert_eq!(
        named_errors(&problem(future, 422).await),
        [("board_month", codes::OUT_OF_RANGE)]
    );
    let bad = step(&s, id, "publish", json!({ "board_month": "2026-13" })).await;
    assert_eq!(
        named_errors(&problem(bad, 400).await),
        [("board_month", codes::INVALID)]
    );
    let published: Nomination = step(&s, id, "publish", json!({ "board_month": month }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(published.status, HonorStatus::Published);

    // On the board, without a word of how to reach the nominator.
    let (page, text) = board(&s.app).await;
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].photos, vec![photo.clone()]);
    assert!(page.items[0].on_posters && !page.items[0].on_screens);
    assert!(!text.contains("lin-xiaoyu") && !text.contains("nominator"));
    let screens: Page<Honor> = s.app.get_json("/api/v1/honors?on_screens=true").await;
    assert!(screens.items.is_empty(), "no consent for the screens");
    let by_month: Page<Honor> = s
        .app
        .get_json(&format!(
            "/api/v1/honors?month={month}&site_id={}",
            s.seed.center
        ))
        .await;
    assert_eq!(
        by_month.items.len(),
        1,
        "a center's board holds its stations'"
    );
    let other: Page<Honor> = s
        .app
        .get_json(&format!("/api/v1/honors?site_id={}", s.seed.institute_b))
        .await;
    assert!(other.items.is_empty());

    // Steps that do not fit where it stands.
    let reject = step(&s, id, "reject", json!({ "reason": "重复" })).await;
    assert_eq!(problem(reject, 409).await.kind, types::WRONG_STATE);

    // Liked, then the nominee withdraws consent: off every board, no more likes.
    let liked: LikeState = s
        .app
        .send_json(
            Method::PUT,
            &format!("/api/v1/honors/{id}/like"),
            &s.resident,
            json!({}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        liked,
        LikeState {
            like_count: 1,
            liked: true
        }
    );
    let withdrawn: Nomination = withdraw_consent(&s, id).await.json().await.unwrap();
    assert_eq!(withdrawn.status, HonorStatus::Unpublished);
    assert_eq!(withdrawn.consent, None);
    assert!(board(&s.app).await.0.items.is_empty());
    // The addresses its photo was shown at answer no more; staff see it at a new one.
    for url in [&photo.thumb_url, &photo.large_url] {
        assert_eq!(s.app.get(url).await.status(), 404, "{url}");
    }
    let moved = &withdrawn.photos[0];
    assert_ne!(moved.thumb_url, photo.thumb_url);
    assert_eq!(s.app.get(&moved.thumb_url).await.status(), 200);
    let like = s
        .app
        .send_json(
            Method::PUT,
            &format!("/api/v1/honors/{id}/like"),
            &s.resident,
            json!({}),
        )
        .await;
    assert_eq!(like.status(), 404);
    let again = step(&s, id, "publish", json!({ "board_month": month })).await;
    assert_eq!(problem(again, 409).await.kind, types::CONSENT_MISSING);

    // The nominator follows it; the audit log holds staff's steps, without the contact.
    let mine = my_nominations(&s).await;
    assert_eq!(mine.items[0].status, HonorStatus::Unpublished);
    let actions: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT action, after_json FROM audit_log WHERE subject = $1 ORDER BY id")
            .bind(format!("nomination:{id}"))
            .fetch_all(s.app.store.pool())
            .await
            .unwrap();
    let names: Vec<&str> = actions.iter().map(|(action, _)| action.as_str()).collect();
    assert_eq!(
        names,
        [
            "nomination.consent",
            "nomination.publish",
            "nomination.consent_withdrawn"
        ]
    );
    assert!(actions
        .iter()
        .all(|(_, after)| !after.as_deref().unwrap_or("").contains("lin-xiaoyu")));
}

#[tokio::test]
async fn a_nomination_takes_only_ones_own_new_photos_and_staff_may_nominate_for_a_resident() {
    let s = station().await;
    let (_, other) = account(&s.app.store, "赵一鸣", &phone(3), None).await;
    let theirs: PhotoRef = upload(&s.app, &other, png(40, 40))
        .await
        .json()
        .await
        .unwrap();
    let answer = s
        .app
        .send_json(
            Method::POST,
            "/api/v1/nominations",
            &s.resident,
            nomination(s.seed.station_a1, &[theirs.id]),
        )
        .await;
    assert_eq!(
        named_errors(&problem(answer, 422).await),
        [("photo_ids", codes::UNKNOWN)]
    );
    let mine: PhotoRef = upload(&s.app, &s.resident, png(40, 40))
        .await
        .json()
        .await
        .unwrap();
    nominate(&s, &[mine.id]).await;
    let reused = s
        .app
        .send_json(
            Method::POST,
            "/api/v1/nominations",
            &s.resident,
            nomination(s.seed.station_a1, &[mine.id]),
        )
        .await;
    assert_eq!(
        named_errors(&problem(reused, 422).await),
        [("photo_ids", codes::UNKNOWN)]
    );
    let mut blank = nomination(s.seed.station_a1, &[1, 2, 3, 4]);
    blank["story"] = json!("  ");
    blank["nominator_contact"] = json!("");
    let answer = s
        .app
        .send_json(Method::POST, "/api/v1/nominations", &s.resident, blank)
        .await;
    assert_eq!(
        named_errors(&problem(answer, 400).await),
        [
            ("nominator_contact", codes::REQUIRED),
            ("photo_ids", codes::OUT_OF_RANGE),
            ("story", codes::REQUIRED)
        ]
    );

    // For a resident without a phone: staff of the site only, and recorded as such.
    let mut for_resident = nomination(s.seed.station_a1, &[]);
    for_resident["on_behalf_of"] = json!("王大爷（3号楼，无手机）");
    let refused = s
        .app
        .send_json(
            Method::POST,
            "/api/v1/nominations",
            &s.resident,
            for_resident.clone(),
        )
        .await;
    assert_eq!(refused.status(), 403);
    let made: Nomination = s
        .app
        .send_json(Method::POST, "/api/v1/nominations", &s.staff, for_resident)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        made.on_behalf_of.as_deref(),
        Some("王大爷（3号楼，无手机）")
    );
    // Staff writing for a resident is in the audit log; a resident's own nomination is not a
    // step of staff's.
    let logged: Vec<String> =
        sqlx::query_scalar("SELECT subject FROM audit_log WHERE action = 'nomination.create'")
            .fetch_all(s.app.store.pool())
            .await
            .unwrap();
    assert_eq!(logged, [format!("nomination:{}", made.id)]);
    // Seen by its nominator and staff of the site; nobody else is told it exists.
    let path = format!("/api/v1/nominations/{}", made.id);
    assert_eq!(s.app.get_with(&path, &s.staff).await.status(), 200);
    assert_eq!(s.app.get_with(&path, &other).await.status(), 404);
    let queue: Page<Nomination> = s
        .app
        .get_with("/api/v1/staff/nominations?status=submitted", &s.staff)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(queue.items.len(), 2);
    assert_eq!(
        s.app
            .get_with("/api/v1/staff/nominations", &other)
            .await
            .status(),
        403
    );
}

#[tokio::test]
async fn a_hundred_likes_at_once_from_a_hundred_accounts_count_a_hundred() {
    let s = station().await;
    let id = nominate(&s, &[]).await.id;
    let month = crate::common::today().format("%Y-%m").to_string();
    step(&s, id, "consent", json!({ "note": "电话确认" })).await;
    assert_eq!(
        step(&s, id, "publish", json!({ "board_month": month }))
            .await
            .status(),
        200
    );
    let people = many_accounts(&s.app.store, 10_000, 100).await;
    let path = format!("/api/v1/honors/{id}/like");
    let likes: Vec<_> = people
        .iter()
        .map(|(_, token)| tokio::spawn(s.app.request(Method::PUT, &path, Some(token)).send()))
        .collect();
    for like in likes {
        assert_eq!(like.await.unwrap().unwrap().status(), 200);
    }
    let honor: Honor = s.app.get_json(&format!("/api/v1/honors/{id}")).await;
    assert_eq!(honor.like_count, 100);
    // Liking twice is one like; unliking twice leaves none; each reader sees their own.
    let (_, first) = &people[0];
    for _ in 0..2 {
        s.app
            .request(Method::PUT, &path, Some(first))
            .send()
            .await
            .unwrap();
    }
    let mine: Honor = s
        .app
        .get_with(&format!("/api/v1/honors/{id}"), first)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((mine.like_count, mine.liked), (100, true));
    for _ in 0..2 {
        let state: LikeState = s
            .app
            .request(Method::DELETE, &path, Some(first))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            state,
            LikeState {
                like_count: 99,
                liked: false
            }
        );
    }
    // A script is stopped; a person tapping is not.
    let (_, flooder) = &people[1];
    let mut limited = 0;
    for _ in 0..40 {
        let answer = s
            .app
            .request(Method::PUT, &path, Some(flooder))
            .send()
            .await
            .unwrap();
        if answer.status() == 429 {
            assert_eq!(problem(answer, 429).await.kind, types::RATE_LIMITED);
            limited += 1;
        }
    }
    assert!(limited >= 15, "{limited} of 40 refused");
    // Only that account: another's like still counts.
    let (_, other) = &people[2];
    let answer = s
        .app
        .request(Method::DELETE, &path, Some(other))
        .send()
        .await;
    assert_eq!(answer.unwrap().status(), 200);
}

#[tokio::test]
async fn a_rejection_tells_its_nominator_why_and_withdrawn_consent_leaves_the_screens_too() {
    let s = station().await;
    // Rejected: the nominator reads the reason with their nomination.
    let first = nominate(&s, &[]).await.id;
    let rejected = step(
        &s,
        first,
        "reject",
        json!({ "reason": "故事与另一份推荐重复" }),
    )
    .await;
    assert_eq!(rejected.status(), 200);
    let mine = my_nominations(&s).await;
    let seen = mine.items.iter().find(|n| n.id == first).expect("listed");
    assert_eq!(seen.status, HonorStatus::Rejected);
    assert_eq!(seen.reject_reason.as_deref(), Some("故事与另一份推荐重复"));
    let again = step(&s, first, "publish", json!({ "board_month": "2026-01" })).await;
    assert_eq!(problem(again, 409).await.kind, types::WRONG_STATE);

    // Consented for the screens and published: on the screens' list and the site's screen,
    // and off both once the nominee withdraws.
    let id = nominate(&s, &[]).await.id;
    let consent = json!({ "note": "本人电话同意", "posters": true, "screens": true });
    assert_eq!(step(&s, id, "consent", consent).await.status(), 200);
    let month = crate::common::today().format("%Y-%m").to_string();
    let published = step(&s, id, "publish", json!({ "board_month": month })).await;
    assert_eq!(published.status(), 200);
    let on_screens = || async {
        let listed: Page<Honor> = s.app.get_json("/api/v1/honors?on_screens=true").await;
        let screen: ScreenData = s
            .app
            .get_json(&format!("/api/v1/screens/{}", s.seed.station_a1))
            .await;
        (
            listed.items.iter().map(|h| h.id).collect::<Vec<_>>(),
            screen.honors.iter().map(|h| h.id).collect::<Vec<_>>(),
        )
    };
    assert_eq!(on_screens().await, (vec![id], vec![id]));
    assert_eq!(withdraw_consent(&s, id).await.status(), 200);
    assert_eq!(on_screens().await, (vec![], vec![]));
}

#[tokio::test]
async fn uploads_are_limited_per_account_refused_ones_too() {
    let s = station().await;
    let mut statuses = Vec::new();
    for _ in 0..12 {
        statuses.push(upload(&s.app, &s.resident, pdf()).await.status().as_u16());
    }
    assert_eq!(&statuses[..10], &[422; 10], "{statuses:?}");
    assert_eq!(&statuses[10..], &[429, 429], "{statuses:?}");
    // Another account is not held up by it.
    let (_, other) = account(&s.app.store, "赵一鸣", &phone(3), None).await;
    assert_eq!(upload(&s.app, &other, png(8, 8)).await.status(), 201);
}
