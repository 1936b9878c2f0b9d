//! 微心愿 over HTTP: a wish from posted to confirmed with its timeline and notices; fifty claims
//! at once and exactly one wins; every step out of turn refused with its reason; a wish nobody
//! claimed expires by the server's own task, a claimed one past its deadline is overdue to
//! staff; the beneficiary's full name, the requester's contact and a private photo for the
//! parties only.

use std::time::Duration;

use reqwest::Method;
use serde_json::{json, Value};
use station_conformance::images::png;
use station_server::store::accounts::grant_staff;
use station_wire::honors::PhotoRef;
use station_wire::notices::{Notice, NoticeKind};
use station_wire::page::Page;
use station_wire::problem::{codes, types};
use station_wire::wishes::{TimelineEvent, Wish, WishFigures, WishStatus, WishStep};

use crate::common::{
    account, many_accounts, named_errors, phone, problem, seed_tree, spawn_app_with, today,
    Options, Seed, TestApp,
};

struct Station {
    app: TestApp,
    seed: Seed,
    /// 林晓雨, who posts wishes.
    resident: String,
    /// 赵一鸣, who claims them.
    volunteer: String,
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
    let (_, volunteer) = account(&app.store, "赵一鸣", &phone(2), Some(seed.station_a1)).await;
    let (staff_id, staff) = account(&app.store, "陈思远", &phone(3), None).await;
    grant_staff(app.store.pool(), staff_id, seed.station_a1)
        .await
        .unwrap();
    Station {
        app,
        seed,
        resident,
        volunteer,
        staff,
    }
}

fn wish_input(site: i64, deadline_in_days: i64) -> Value {
    json!({
        "site_id": site, "title": "一个结实的新书包", "category": "study",
        "description": "小宇的书包背带断了好几回。",
        "deadline": (today() + chrono::Duration::days(deadline_in_days)).to_string(),
        "beneficiary_name": "王小宇", "beneficiary_age": 8, "beneficiary_group": "困境儿童",
        "contact": "王丽 13812345678",
    })
}

impl Station {
    async fn post(&self, token: &str, body: Value) -> reqwest::Response {
        self.app
            .send_json(Method::POST, "/api/v1/wishes", token, body)
            .await
    }

    /// A wish by the resident, approved by staff: open on the wall.
    async fn open_wish(&self, deadline_in_days: i64) -> Wish {
        let posted: Wish = self
            .post(
                &self.resident,
                wish_input(self.seed.station_a1, deadline_in_days),
            )
            .await
            .json()
            .await
            .unwrap();
        let approved = self
            .step(&self.staff, posted.id, "approve", json!({}))
            .await;
        assert_eq!(approved.status(), 200);
        approved.json().await.unwrap()
    }

    async fn step(&self, token: &str, id: i64, what: &str, body: Value) -> reqwest::Response {
        self.app
            .send_json(
                Method::POST,
                &format!("/api/v1/wishes/{id}/{what}"),
                token,
                body,
            )
            .await
    }

    /// A photo `token`'s account uploaded, `width` × `height`.
    async fn photo(&self, token: &str, width: u32, height: u32) -> PhotoRef {
        self.app
            .request(Method::POST, "/api/v1/photos", Some(token))
            .body(png(width, height))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    async fn read(&self, id: i64, token: Option<&str>) -> (Wish, String) {
        let text = self
            .app
            .request(Method::GET, &format!("/api/v1/wishes/{id}"), token)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        (serde_json::from_str(&text).unwrap(), text)
    }

    async fn notices(&self, token: &str) -> Vec<Notice> {
        let page: Page<Notice> = self
            .app
            .get_with("/api/v1/me/notices", token)
            .await
            .json()
            .await
            .unwrap();
        page.items
    }
}

#[tokio::test]
async fn a_wish_goes_from_posted_to_confirmed_with_its_timeline_and_notices() {
    let s = station().await;
    let answer = s.post(&s.resident, wish_input(s.seed.station_a1, 20)).await;
    assert_eq!(answer.status(), 201);
    let posted: Wish = answer.json().await.unwrap();
    assert_eq!(posted.status, WishStatus::Submitted);
    assert_eq!(posted.beneficiary.masked_name, "王**");
    assert_eq!(posted.beneficiary_name.as_deref(), Some("王小宇"));
    assert_eq!(posted.steps, vec![WishStep::Withdraw]);
    // Not on the wall, and nobody else is told it exists, until staff approve it.
    let wall: Page<Wish> = s.app.get_json("/api/v1/wishes").await;
    assert!(wall.items.is_empty());
    let hidden = s
        .app
        .get_with(&format!("/api/v1/wishes/{}", posted.id), &s.volunteer)
        .await;
    assert_eq!(hidden.status(), 404);
    let queue: Page<Wish> = s
        .app
        .get_with("/api/v1/staff/wishes?status=submitted", &s.staff)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(queue.items.len(), 1);
    assert_eq!(
        queue.items[0].steps,
        [WishStep::Approve, WishStep::Reject, WishStep::Withdraw]
    );

    let approved = s.step(&s.staff, posted.id, "approve", json!({})).await;
    assert_eq!(approved.status(), 200);
    let (public, text) = s.read(posted.id, None).await;
    assert_eq!(public.status, WishStatus::Open);
    assert_eq!(public.beneficiary.age, Some(8));
    assert!(
        !text.contains("王小宇") && !text.contains("13812345678"),
        "{text}"
    );
    assert!(public.timeline.is_empty() && public.steps.is_empty());
    let (seen, _) = s.read(posted.id, Some(&s.volunteer)).await;
    assert_eq!(seen.steps, vec![WishStep::Claim]);

    let claimed = s.step(&s.volunteer, posted.id, "claim", Value::Null).await;
    assert_eq!(claimed.status(), 200);
    let claimed: Wish = claimed.json().await.unwrap();
    assert_eq!(claimed.status, WishStatus::Claimed);
    assert_eq!(claimed.steps, vec![WishStep::Fulfil, WishStep::Release]);
    // The claimer is a party, but who the beneficiary is stays with the requester and staff.
    assert_eq!(claimed.beneficiary_name, None);
    assert_eq!(claimed.contact, None);

    let fulfilled = s
        .step(
            &s.volunteer,
            posted.id,
            "fulfil",
            json!({"note": "书包已送到社区"}),
        )
        .await;
    assert_eq!(fulfilled.status(), 200);
    let (mine, _) = s.read(posted.id, Some(&s.resident)).await;
    assert_eq!(mine.status, WishStatus::Fulfilled);
    assert_eq!(mine.fulfil_note.as_deref(), Some("书包已送到社区"));
    assert_eq!(mine.claimer_name.as_deref(), Some("赵一鸣"));
    assert_eq!(mine.steps, vec![WishStep::Confirm]);

    let confirmed = s
        .step(
            &s.resident,
            posted.id,
            "confirm",
            json!({"rating": 5, "thanks": "谢谢叔叔！"}),
        )
        .await;
    assert_eq!(confirmed.status(), 200);
    let confirmed: Wish = confirmed.json().await.unwrap();
    assert_eq!(confirmed.rating, Some(5));
    let events: Vec<TimelineEvent> = confirmed.timeline.iter().map(|entry| entry.event).collect();
    assert_eq!(
        events,
        [
            TimelineEvent::Posted,
            TimelineEvent::Approved,
            TimelineEvent::Claimed,
            TimelineEvent::Fulfilled,
            TimelineEvent::Confirmed
        ]
    );
    assert_eq!(confirmed.timeline[2].by.as_deref(), Some("赵一鸣"));
    assert_eq!(confirmed.timeline[4].note.as_deref(), Some("谢谢叔叔！"));
    // The thanks are on the wall's done shelf, the rating is not.
    let (public, text) = s.read(posted.id, None).await;
    assert_eq!(public.thanks.as_deref(), Some("谢谢叔叔！"));
    assert!(
        public.rating.is_none() && !text.contains("赵一鸣"),
        "{text}"
    );
    let done: Page<Wish> = s.app.get_json("/api/v1/wishes?shelf=done").await;
    assert_eq!(done.items.len(), 1);
    let figures: WishFigures = s.app.get_json("/api/v1/wishes/figures").await;
    assert_eq!(
        (
            figures.open,
            figures.posted_this_year,
            figures.fulfilled_this_year
        ),
        (0, 1, 1)
    );

    // Each step that concerns a person reached them.
    let told: Vec<NoticeKind> = s
        .notices(&s.resident)
        .await
        .iter()
        .map(|n| n.kind)
        .collect();
    assert_eq!(
        told,
        [
            NoticeKind::WishFulfilled,
            NoticeKind::WishClaimed,
            NoticeKind::WishApproved
        ]
    );
    let thanked = s.notices(&s.volunteer).await;
    assert_eq!(thanked.len(), 1);
    assert_eq!(thanked[0].kind, NoticeKind::WishConfirmed);
    assert_eq!(thanked[0].wish_id, Some(posted.id));
}

#[tokio::test]
async fn of_fifty_claims_at_once_exactly_one_wins() {
    let s = station().await;
    let wish = s.open_wish(10).await;
    let people = many_accounts(&s.app.store, 20_000, 50).await;
    let path = format!("/api/v1/wishes/{}/claim", wish.id);
    let claims: Vec<_> = people
        .iter()
        .map(|(_, token)| tokio::spawn(s.app.request(Method::POST, &path, Some(token)).send()))
        .collect();
    let mut statuses = Vec::new();
    let mut taken = 0;
    for claim in claims {
        let answer = claim.await.unwrap().unwrap();
        statuses.push(answer.status().as_u16());
        if answer.status() == 409 {
            assert_eq!(problem(answer, 409).await.kind, types::ALREADY_TAKEN);
            taken += 1;
        }
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(taken, 49);
    let winner = statuses.iter().position(|s| *s == 200).unwrap();
    let claimer: i64 = sqlx::query_scalar("SELECT claimer_id FROM wishes WHERE id = $1")
        .bind(wish.id)
        .fetch_one(s.app.store.pool())
        .await
        .unwrap();
    assert_eq!(claimer, people[winner].0);
    let claimed_steps: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM timeline WHERE subject_id = $1 AND event = 'claimed'",
    )
    .bind(wish.id)
    .fetch_one(s.app.store.pool())
    .await
    .unwrap();
    assert_eq!(claimed_steps, 1);
}

#[tokio::test]
async fn steps_out_of_turn_are_refused_with_their_reason() {
    let s = station().await;
    let wish = s.open_wish(10).await;
    // One's own wish is not one's to claim.
    let own = s.step(&s.resident, wish.id, "claim", Value::Null).await;
    assert_eq!(own.status(), 403);
    // Nobody but the claimer fulfils it, nor (staff aside) releases it; nobody confirms it
    // before it is fulfilled.
    s.step(&s.volunteer, wish.id, "claim", Value::Null).await;
    for (who, what, body) in [
        (&s.resident, "fulfil", json!({"note": "送到了"})),
        (&s.resident, "release", Value::Null),
    ] {
        assert_eq!(
            s.step(who, wish.id, what, body).await.status(),
            403,
            "{what}"
        );
    }
    let early = s
        .step(&s.resident, wish.id, "confirm", json!({"rating": 5}))
        .await;
    assert_eq!(problem(early, 409).await.kind, types::WRONG_STATE);
    let late = s.step(&s.resident, wish.id, "withdraw", Value::Null).await;
    assert_eq!(problem(late, 409).await.kind, types::WRONG_STATE);
    // Staff may withdraw a resident's open wish for them; the resident is told.
    let other = s.open_wish(10).await;
    let withdrawn = s.step(&s.staff, other.id, "withdraw", Value::Null).await;
    assert_eq!(withdrawn.status(), 200);
    let told = s.notices(&s.resident).await;
    assert_eq!(
        (told[0].kind, told[0].wish_id),
        (NoticeKind::WishWithdrawn, Some(other.id))
    );
    // Bad input names its field.
    let blank = s
        .step(&s.volunteer, wish.id, "fulfil", json!({"note": "  "}))
        .await;
    assert_eq!(
        named_errors(&problem(blank, 400).await),
        [("note", codes::REQUIRED)]
    );
    s.step(&s.volunteer, wish.id, "fulfil", json!({"note": "送到了"}))
        .await;
    let rating = s
        .step(&s.resident, wish.id, "confirm", json!({"rating": 6}))
        .await;
    assert_eq!(
        named_errors(&problem(rating, 400).await),
        [("rating", codes::OUT_OF_RANGE)]
    );
    let mut past = wish_input(s.seed.station_a1, -1);
    past["beneficiary_age"] = json!(200);
    let refused = s.post(&s.resident, past.clone()).await;
    assert_eq!(
        named_errors(&problem(refused, 400).await),
        [("beneficiary_age", codes::OUT_OF_RANGE)]
    );
    past["beneficiary_age"] = json!(80);
    let refused = s.post(&s.resident, past).await;
    assert_eq!(
        named_errors(&problem(refused, 422).await),
        [("deadline", codes::OUT_OF_RANGE)]
    );
    // A photo someone else uploaded is not one's to use.
    let theirs: PhotoRef = s.photo(&s.volunteer, 40, 30).await;
    let mut with_photo = wish_input(s.seed.station_a1, 5);
    with_photo["photo_id"] = json!(theirs.id);
    let refused = s.post(&s.resident, with_photo).await;
    assert_eq!(
        named_errors(&problem(refused, 422).await),
        [("photo_id", codes::UNKNOWN)]
    );
    // Posting for someone else is staff's.
    let mut behalf = wish_input(s.seed.station_a1, 5);
    behalf["on_behalf_of"] = json!("张德福");
    assert_eq!(s.post(&s.resident, behalf.clone()).await.status(), 403);
    let by_staff: Wish = s.post(&s.staff, behalf).await.json().await.unwrap();
    assert_eq!(
        by_staff.status,
        WishStatus::Open,
        "staff reviewed it by posting it"
    );
    assert!(by_staff.timeline[0].on_behalf);
    // A rejected wish says why to its requester.
    let posted: Wish = s
        .post(&s.resident, wish_input(s.seed.station_a1, 5))
        .await
        .json()
        .await
        .unwrap();
    let no_reason = s
        .step(&s.staff, posted.id, "reject", json!({"reason": ""}))
        .await;
    assert_eq!(
        named_errors(&problem(no_reason, 400).await),
        [("reason", codes::REQUIRED)]
    );
    s.step(
        &s.staff,
        posted.id,
        "reject",
        json!({"reason": "不属于微心愿"}),
    )
    .await;
    let (mine, _) = s.read(posted.id, Some(&s.resident)).await;
    assert_eq!(
        (mine.status, mine.reject_reason.as_deref()),
        (WishStatus::Rejected, Some("不属于微心愿"))
    );
}

#[tokio::test]
async fn a_wish_nobody_claimed_expires_and_a_claimed_one_past_its_deadline_is_overdue() {
    let s = station().await;
    let unclaimed = s.open_wish(0).await;
    let claimed = s.open_wish(0).await;
    s.step(&s.volunteer, claimed.id, "claim", Value::Null).await;
    let kept = s.open_wish(3).await;
    s.app.clock.advance(chrono::Duration::days(1));
    // The server's own task ends the unclaimed one (it runs every second in the tests).
    let mut status = WishStatus::Open;
    for _ in 0..100 {
        status = s.read(unclaimed.id, Some(&s.resident)).await.0.status;
        if status == WishStatus::Expired {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, WishStatus::Expired);
    let (expired, _) = s.read(unclaimed.id, Some(&s.resident)).await;
    assert_eq!(
        expired.timeline.last().unwrap().event,
        TimelineEvent::Expired
    );
    assert!(s
        .notices(&s.resident)
        .await
        .iter()
        .any(|n| n.kind == NoticeKind::WishExpired && n.wish_id == Some(unclaimed.id)));
    // Gone from the wall and nobody else sees it; the claimed one is overdue, the other open.
    assert_eq!(
        s.app
            .get(&format!("/api/v1/wishes/{}", unclaimed.id))
            .await
            .status(),
        404
    );
    let (late, _) = s.read(claimed.id, None).await;
    assert_eq!((late.status, late.overdue), (WishStatus::Claimed, true));
    assert_eq!(s.read(kept.id, None).await.0.status, WishStatus::Open);
    let overdue: Page<Wish> = s
        .app
        .get_with("/api/v1/staff/wishes?overdue=true", &s.staff)
        .await
        .json()
        .await
        .unwrap();
    let ids: Vec<i64> = overdue.items.iter().map(|w| w.id).collect();
    assert_eq!(ids, [claimed.id]);
}

#[tokio::test]
async fn a_private_photo_is_seen_by_the_parties_only() {
    let s = station().await;
    let photo: PhotoRef = s.photo(&s.resident, 40, 30).await;
    let mut input = wish_input(s.seed.station_a1, 10);
    input["photo_id"] = json!(photo.id);
    let posted: Wish = s.post(&s.resident, input).await.json().await.unwrap();
    assert_eq!(posted.photo.as_ref().map(|p| p.id), Some(photo.id));
    s.step(
        &s.staff,
        posted.id,
        "approve",
        json!({"photo_public": false}),
    )
    .await;
    let (public, text) = s.read(posted.id, None).await;
    assert!(
        public.photo.is_none() && !text.contains(&photo.thumb_url),
        "{text}"
    );
    let (before, _) = s.read(posted.id, Some(&s.volunteer)).await;
    assert!(before.photo.is_none(), "not before claiming it");
    s.step(&s.volunteer, posted.id, "claim", Value::Null).await;
    let (claimer, _) = s.read(posted.id, Some(&s.volunteer)).await;
    assert_eq!(claimer.photo.map(|p| p.id), Some(photo.id));
    // Marked public by staff, everyone sees it.
    let mut input = wish_input(s.seed.station_a1, 10);
    let other: PhotoRef = s.photo(&s.resident, 50, 30).await;
    input["photo_id"] = json!(other.id);
    let posted: Wish = s.post(&s.resident, input).await.json().await.unwrap();
    s.step(
        &s.staff,
        posted.id,
        "approve",
        json!({"photo_public": true}),
    )
    .await;
    assert_eq!(
        s.read(posted.id, None).await.0.photo.map(|p| p.id),
        Some(other.id)
    );
}

#[tokio::test]
async fn a_claimer_reads_no_one_elses_name_and_never_confirms_their_own_fulfilment() {
    let s = station().await;
    // Staff post a wish for a resident without a phone; the volunteer takes it on.
    let mut behalf = wish_input(s.seed.station_a1, 5);
    behalf["on_behalf_of"] = json!("王丽（孩子的妈妈）");
    let posted: Wish = s.post(&s.staff, behalf).await.json().await.unwrap();
    s.step(&s.volunteer, posted.id, "claim", Value::Null).await;
    let (seen, text) = s.read(posted.id, Some(&s.volunteer)).await;
    assert!(
        !text.contains("王丽") && !text.contains("陈思远") && !text.contains("王小宇"),
        "{text}"
    );
    assert_eq!(seen.timeline[0].event, TimelineEvent::Posted);
    assert_eq!(
        (
            seen.timeline[0].by.as_deref(),
            seen.timeline[1].by.as_deref()
        ),
        (None, Some("赵一鸣"))
    );
    // Staff who took a wish on themselves do not confirm their own fulfilment.
    let wish = s.open_wish(5).await;
    s.step(&s.staff, wish.id, "claim", Value::Null).await;
    s.step(&s.staff, wish.id, "fulfil", json!({"note": "送到了"}))
        .await;
    let (mine, _) = s.read(wish.id, Some(&s.staff)).await;
    assert!(mine.steps.is_empty(), "{:?}", mine.steps);
    let own = s
        .step(&s.staff, wish.id, "confirm", json!({"rating": 5}))
        .await;
    assert_eq!(own.status(), 403);
    let (theirs, _) = s.read(wish.id, Some(&s.resident)).await;
    assert_eq!(theirs.steps, [WishStep::Confirm]);
}

#[tokio::test]
async fn a_claim_given_back_takes_the_private_photo_from_its_claimer_and_tells_the_requester() {
    let s = station().await;
    let photo: PhotoRef = s.photo(&s.resident, 40, 30).await;
    let mut input = wish_input(s.seed.station_a1, 10);
    input["photo_id"] = json!(photo.id);
    let posted: Wish = s.post(&s.resident, input).await.json().await.unwrap();
    s.step(&s.staff, posted.id, "approve", json!({})).await;
    s.step(&s.volunteer, posted.id, "claim", Value::Null).await;
    let seen = s.read(posted.id, Some(&s.volunteer)).await.0.photo.unwrap();
    assert_eq!(s.app.get(&seen.thumb_url).await.status(), 200);
    let back = s
        .step(&s.volunteer, posted.id, "release", Value::Null)
        .await;
    assert_eq!(back.status(), 200);
    assert_eq!(
        s.app.get(&seen.thumb_url).await.status(),
        404,
        "its old address"
    );
    let told: Vec<NoticeKind> = s
        .notices(&s.resident)
        .await
        .iter()
        .map(|n| n.kind)
        .collect();
    assert_eq!(told[0], NoticeKind::WishReleased);
    // Staff give back a claim left undone, for the claimer.
    let other = s.open_wish(10).await;
    s.step(&s.volunteer, other.id, "claim", Value::Null).await;
    assert_eq!(
        s.step(&s.resident, other.id, "release", Value::Null)
            .await
            .status(),
        403
    );
    let released: Wish = s
        .step(&s.staff, other.id, "release", Value::Null)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(released.status, WishStatus::Open);
    assert!(released.timeline.last().unwrap().on_behalf);
    // A wish whose deadline passed before review is not approved onto the wall.
    let late: Wish = s
        .post(&s.resident, wish_input(s.seed.station_a1, 0))
        .await
        .json()
        .await
        .unwrap();
    s.app.clock.advance(chrono::Duration::days(1));
    let refused = s.step(&s.staff, late.id, "approve", json!({})).await;
    assert_eq!(refused.status(), 409);
}
