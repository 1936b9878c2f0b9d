//! 点单 → 派单 → 接单 → 评单 over HTTP: the menu kept by staff; an order from placed to rated with
//! its timeline and notices; of twenty members accepting at once exactly one wins; the address
//! and phone for staff and the assigned volunteer only, and the order nobody else's to read;
//! cancelling and reassigning as the brief says; staff placing and rating for a resident
//! without a smartphone.

use reqwest::Method;
use serde_json::{json, Value};
use station_server::store::accounts::grant_staff;
use station_wire::notices::{Notice, NoticeKind};
use station_wire::orders::{Order, OrderStatus, OrderStep, ServiceItem};
use station_wire::page::{List, Page};
use station_wire::problem::{codes, types};
use station_wire::wishes::TimelineEvent;

use crate::common::{
    account, many_accounts, named_errors, phone, problem, seed_tree, spawn_app_with, Options, Seed,
    TestApp,
};
use crate::fixture::team_at;

struct Station {
    app: TestApp,
    seed: Seed,
    resident: String,
    /// 孙建国, who leads the team.
    leader: String,
    /// A member of the team.
    member: String,
    /// Someone in no team.
    stranger: String,
    staff: String,
    team: i64,
    service: i64,
}

async fn member_of(app: &TestApp, team: i64, account: i64) {
    sqlx::query(
        "INSERT INTO team_members (team_id, account_id, status, requested_at, decided_at) \
         VALUES ($1, $2, 'member', 0, 0)",
    )
    .bind(team)
    .bind(account)
    .execute(app.store.pool())
    .await
    .unwrap();
}

async fn station() -> Station {
    let app = spawn_app_with(Options {
        demo_data: false,
        ..Default::default()
    })
    .await;
    let seed = seed_tree(&app.store).await;
    let (_, resident) = account(&app.store, "林晓雨", &phone(1), Some(seed.station_a1)).await;
    let (leader_id, leader) = account(&app.store, "孙建国", &phone(2), Some(seed.station_a1)).await;
    let (member_id, member) = account(&app.store, "赵一鸣", &phone(3), Some(seed.station_a1)).await;
    let (_, stranger) = account(&app.store, "钱路人", &phone(4), Some(seed.station_a1)).await;
    let (staff_id, staff) = account(&app.store, "陈思远", &phone(5), None).await;
    grant_staff(app.store.pool(), staff_id, seed.station_a1)
        .await
        .unwrap();
    let team = team_at(&app.store, seed.station_a1, "暖心帮扶", Some(leader_id)).await;
    member_of(&app, team, member_id).await;
    let item: ServiceItem = app
        .send_json(
            Method::POST,
            "/api/v1/services",
            &staff,
            json!({"site_id": seed.station_a1, "name": "上门理发", "description": "每周二上午"}),
        )
        .await
        .json()
        .await
        .unwrap();
    Station {
        app,
        seed,
        resident,
        leader,
        member,
        stranger,
        staff,
        team,
        service: item.id,
    }
}

impl Station {
    fn order_input(&self) -> Value {
        json!({
            "service_id": self.service, "preferred_time": "本周三上午",
            "address": "幸福小区 3 号楼 2 单元 101", "phone": "13611223344",
            "note": "老人腿脚不便",
        })
    }

    async fn place(&self, token: &str, body: Value) -> reqwest::Response {
        self.app
            .send_json(Method::POST, "/api/v1/orders", token, body)
            .await
    }

    async fn step(&self, token: &str, id: i64, what: &str, body: Value) -> reqwest::Response {
        self.app
            .send_json(
                Method::POST,
                &format!("/api/v1/orders/{id}/{what}"),
                token,
                body,
            )
            .await
    }

    async fn read(&self, id: i64, token: &str) -> reqwest::Response {
        self.app
            .get_with(&format!("/api/v1/orders/{id}"), token)
            .await
    }

    /// An order of the resident's, approved and dispatched to the team.
    async fn dispatched(&self) -> Order {
        let placed: Order = self
            .place(&self.resident, self.order_input())
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            self.step(&self.staff, placed.id, "approve", Value::Null)
                .await
                .status(),
            200
        );
        let sent = self
            .step(
                &self.staff,
                placed.id,
                "dispatch",
                json!({"team_id": self.team}),
            )
            .await;
        assert_eq!(sent.status(), 200);
        sent.json().await.unwrap()
    }

    async fn notices(&self, token: &str) -> Vec<Notice> {
        let text = self
            .app
            .get_with("/api/v1/me/notices", token)
            .await
            .text()
            .await
            .unwrap();
        let page: Page<Notice> = serde_json::from_str(&text).expect(&text);
        page.items
    }
}

#[tokio::test]
async fn an_order_goes_from_placed_to_rated_and_only_the_volunteer_and_staff_read_the_address() {
    let s = station().await;
    let menu: List<ServiceItem> = s
        .app
        .get_json(&format!("/api/v1/services?site_id={}", s.seed.station_a1))
        .await;
    assert_eq!(menu.items.len(), 1);
    let answer = s.place(&s.resident, s.order_input()).await;
    assert_eq!(answer.status(), 201);
    let placed: Order = answer.json().await.unwrap();
    assert_eq!(placed.status, OrderStatus::Submitted);
    assert_eq!(placed.steps, [OrderStep::Cancel]);
    // The resident reads no one's address, not even their own echoed back.
    assert_eq!(placed.address, None);
    // Nobody else is told it exists.
    for who in [&s.stranger, &s.member] {
        assert_eq!(s.read(placed.id, who).await.status(), 404);
    }
    let queue: Page<Order> = s
        .app
        .get_with("/api/v1/staff/orders?status=submitted", &s.staff)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        queue.items[0].address.as_deref(),
        Some("幸福小区 3 号楼 2 单元 101")
    );
    assert_eq!(
        queue.items[0].steps,
        [OrderStep::Approve, OrderStep::Reject, OrderStep::Cancel]
    );

    s.step(&s.staff, placed.id, "approve", Value::Null).await;
    let sent: Order = s
        .step(&s.staff, placed.id, "dispatch", json!({"team_id": s.team}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(sent.status, OrderStatus::Dispatched);
    // The team reads it, to accept it, without where or whom.
    let text = s.read(placed.id, &s.member).await.text().await.unwrap();
    let seen: Order = serde_json::from_str(&text).unwrap();
    assert_eq!(seen.steps, [OrderStep::Accept]);
    assert!(
        !text.contains("13611223344") && !text.contains("3 号楼") && !text.contains("林晓雨"),
        "the team reads neither where, nor whom, nor who ordered it: {text}"
    );
    let tasks: Page<Order> = s
        .app
        .get_with("/api/v1/me/tasks", &s.member)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(tasks.items.len(), 1);
    let told: Vec<NoticeKind> = s.notices(&s.member).await.iter().map(|n| n.kind).collect();
    assert_eq!(told, [NoticeKind::OrderDispatched]);

    let accepted: Order = s
        .step(&s.member, placed.id, "accept", Value::Null)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(accepted.status, OrderStatus::Accepted);
    assert_eq!(
        accepted.address.as_deref(),
        Some("幸福小区 3 号楼 2 单元 101")
    );
    assert_eq!(accepted.phone.as_deref(), Some("13611223344"));
    assert_eq!(accepted.steps, [OrderStep::Complete]);
    // The leader, in the team but not the one who accepted it, reads it no more.
    assert_eq!(s.read(placed.id, &s.leader).await.status(), 404);
    s.step(&s.member, placed.id, "complete", Value::Null).await;
    let mine: Order = s.read(placed.id, &s.resident).await.json().await.unwrap();
    assert_eq!(
        (mine.status, mine.volunteer_name.as_deref()),
        (OrderStatus::Completed, Some("赵一鸣"))
    );
    assert_eq!(mine.steps, [OrderStep::Rate]);
    assert_eq!(
        s.step(&s.member, placed.id, "rate", json!({"rating": 5}))
            .await
            .status(),
        403
    );
    let bad = s
        .step(&s.resident, placed.id, "rate", json!({"rating": 0}))
        .await;
    assert_eq!(
        named_errors(&problem(bad, 400).await),
        [("rating", codes::OUT_OF_RANGE)]
    );
    let rated: Order = s
        .step(
            &s.resident,
            placed.id,
            "rate",
            json!({"rating": 5, "comment": "师傅很耐心"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((rated.status, rated.rating), (OrderStatus::Rated, Some(5)));
    let events: Vec<TimelineEvent> = rated.timeline.iter().map(|entry| entry.event).collect();
    assert_eq!(
        events,
        [
            TimelineEvent::Ordered,
            TimelineEvent::Approved,
            TimelineEvent::Dispatched,
            TimelineEvent::Accepted,
            TimelineEvent::Completed,
            TimelineEvent::Rated
        ]
    );
    let told: Vec<NoticeKind> = s
        .notices(&s.resident)
        .await
        .iter()
        .map(|n| n.kind)
        .collect();
    assert_eq!(
        told,
        [NoticeKind::OrderCompleted, NoticeKind::OrderAccepted]
    );
}

#[tokio::test]
async fn of_twenty_members_accepting_at_once_exactly_one_wins() {
    let s = station().await;
    let people = many_accounts(&s.app.store, 30_000, 20).await;
    for (id, _) in &people {
        member_of(&s.app, s.team, *id).await;
    }
    let order = s.dispatched().await;
    let path = format!("/api/v1/orders/{}/accept", order.id);
    let runs: Vec<_> = people
        .iter()
        .map(|(_, token)| tokio::spawn(s.app.request(Method::POST, &path, Some(token)).send()))
        .collect();
    let mut won = 0;
    for run in runs {
        let answer = run.await.unwrap().unwrap();
        match answer.status().as_u16() {
            200 => won += 1,
            409 => assert_eq!(problem(answer, 409).await.kind, types::ALREADY_TAKEN),
            other => panic!("an accept answered {other}"),
        }
    }
    assert_eq!(won, 1);
    let accepted: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM timeline WHERE subject = 'order' AND subject_id = $1 AND event = 'accepted'",
    )
    .bind(order.id)
    .fetch_one(s.app.store.pool())
    .await
    .unwrap();
    assert_eq!(accepted, 1);
}

#[tokio::test]
async fn cancelling_and_reassigning_follow_the_rules_and_tell_whom_they_concern() {
    let s = station().await;
    // Outside the team, nobody accepts; the resident does not accept their own.
    let order = s.dispatched().await;
    assert_eq!(
        s.step(&s.stranger, order.id, "accept", Value::Null)
            .await
            .status(),
        404
    );
    s.step(&s.member, order.id, "accept", Value::Null).await;
    // Accepted: the resident may no longer cancel; staff may, with a reason.
    let late = s
        .step(
            &s.resident,
            order.id,
            "cancel",
            json!({"reason": "不需要了"}),
        )
        .await;
    assert_eq!(problem(late, 409).await.kind, types::WRONG_STATE);
    // Staff reassign it to the team again: the volunteer has it no more and is told.
    let again: Order = s
        .step(&s.staff, order.id, "dispatch", json!({"team_id": s.team}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (again.status, again.volunteer_name.as_deref()),
        (OrderStatus::Dispatched, None)
    );
    assert!(s
        .notices(&s.member)
        .await
        .iter()
        .any(|n| n.kind == NoticeKind::OrderReassigned && n.order_id == Some(order.id)));
    let blank = s
        .step(&s.staff, order.id, "cancel", json!({"reason": " "}))
        .await;
    assert_eq!(
        named_errors(&problem(blank, 400).await),
        [("reason", codes::REQUIRED)]
    );
    // Accepted again, then cancelled by staff: the volunteer is told, and reads the address no
    // more.
    s.step(&s.member, order.id, "accept", Value::Null).await;
    let cancelled: Order = s
        .step(
            &s.staff,
            order.id,
            "cancel",
            json!({"reason": "老人住院了"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (cancelled.status, cancelled.reason.as_deref()),
        (OrderStatus::Cancelled, Some("老人住院了"))
    );
    let theirs: Order = s.read(order.id, &s.member).await.json().await.unwrap();
    assert_eq!((theirs.address, theirs.phone), (None, None));
    assert!(s
        .notices(&s.member)
        .await
        .iter()
        .any(|n| n.kind == NoticeKind::OrderCancelled && n.order_id == Some(order.id)));
    let told = s.notices(&s.resident).await;
    assert_eq!(told[0].kind, NoticeKind::OrderCancelled);
    assert_eq!(told[0].reason.as_deref(), Some("老人住院了"));
    // A resident cancels their own before it is accepted.
    let mine: Order = s
        .place(&s.resident, s.order_input())
        .await
        .json()
        .await
        .unwrap();
    let cancelled = s
        .step(
            &s.resident,
            mine.id,
            "cancel",
            json!({"reason": "自己解决了"}),
        )
        .await;
    assert_eq!(cancelled.status(), 200);
    // Cancelled while it waits at a team: the members who could have taken it are told.
    let waiting = s.dispatched().await;
    let cancelled = s
        .step(
            &s.resident,
            waiting.id,
            "cancel",
            json!({"reason": "家里人回来了"}),
        )
        .await;
    assert_eq!(cancelled.status(), 200);
    assert!(s
        .notices(&s.member)
        .await
        .iter()
        .any(|n| n.kind == NoticeKind::OrderCancelled && n.order_id == Some(waiting.id)));
    // A team of another site is not staff's to dispatch to; an item off the menu takes no order.
    let other_team = team_at(&s.app.store, s.seed.institute_b, "别处的队", None).await;
    let placed: Order = s
        .place(&s.resident, s.order_input())
        .await
        .json()
        .await
        .unwrap();
    s.step(&s.staff, placed.id, "approve", Value::Null).await;
    let elsewhere = s
        .step(
            &s.staff,
            placed.id,
            "dispatch",
            json!({"team_id": other_team}),
        )
        .await;
    assert_eq!(
        named_errors(&problem(elsewhere, 422).await),
        [("team_id", codes::UNKNOWN)]
    );
    // Not even an administrator, who runs every team, sends it to a site it is not of.
    let (admin_id, admin) = account(&s.app.store, "郑海波", &phone(6), None).await;
    sqlx::query("UPDATE accounts SET is_admin = 1 WHERE id = $1")
        .bind(admin_id)
        .execute(s.app.store.pool())
        .await
        .unwrap();
    let far = s
        .step(
            &admin,
            placed.id,
            "dispatch",
            json!({"team_id": other_team}),
        )
        .await;
    assert_eq!(
        named_errors(&problem(far, 422).await),
        [("team_id", codes::UNKNOWN)]
    );
    // A resident's own order is theirs to rate, not staff's.
    let own = s.dispatched().await;
    s.step(&s.member, own.id, "accept", Value::Null).await;
    s.step(&s.member, own.id, "complete", Value::Null).await;
    let staff_rates = s.step(&s.staff, own.id, "rate", json!({"rating": 3})).await;
    assert_eq!(staff_rates.status(), 403);
    let off = s
        .app
        .send_json(
            Method::PUT,
            &format!("/api/v1/services/{}", s.service),
            &s.staff,
            json!({"name": "上门理发", "description": "", "active": false}),
        )
        .await;
    assert_eq!(off.status(), 200);
    let refused = s.place(&s.resident, s.order_input()).await;
    assert_eq!(
        named_errors(&problem(refused, 422).await),
        [("service_id", codes::UNKNOWN)]
    );
}

#[tokio::test]
async fn staff_place_and_rate_an_order_for_a_resident_without_a_smartphone() {
    let s = station().await;
    let mut input = s.order_input();
    input["on_behalf_of"] = json!("王奶奶（独居，没有手机）");
    assert_eq!(s.place(&s.resident, input.clone()).await.status(), 403);
    let placed: Order = s.place(&s.staff, input).await.json().await.unwrap();
    assert_eq!(
        placed.status,
        OrderStatus::Open,
        "staff reviewed it by placing it"
    );
    assert!(placed.timeline[0].on_behalf);
    s.step(&s.staff, placed.id, "dispatch", json!({"team_id": s.team}))
        .await;
    s.step(&s.leader, placed.id, "accept", Value::Null).await;
    let seen: Order = s.read(placed.id, &s.leader).await.json().await.unwrap();
    assert_eq!(
        seen.on_behalf_of.as_deref(),
        Some("王奶奶（独居，没有手机）")
    );
    s.step(&s.leader, placed.id, "complete", Value::Null).await;
    let rated: Order = s
        .step(
            &s.staff,
            placed.id,
            "rate",
            json!({"rating": 4, "comment": "电话回访：满意"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rated.status, OrderStatus::Rated);
    assert!(
        rated.timeline.last().unwrap().on_behalf,
        "rated for the resident"
    );
    let logged: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'order.create'")
            .fetch_one(s.app.store.pool())
            .await
            .unwrap();
    assert_eq!(logged, 1);
}

#[tokio::test]
async fn what_staff_placed_for_a_resident_outlives_the_staff_account_and_a_residents_own_does_not()
{
    let s = station().await;
    let mut input = s.order_input();
    input["on_behalf_of"] = json!("王奶奶（独居，没有手机）");
    let for_her: Order = s.place(&s.staff, input).await.json().await.unwrap();
    let own: Order = s
        .place(&s.resident, s.order_input())
        .await
        .json()
        .await
        .unwrap();
    let account_of = |token: &str| {
        let token = token.to_owned();
        let app = &s.app;
        async move {
            let me: Value = app
                .get_with("/api/v1/me", &token)
                .await
                .json()
                .await
                .unwrap();
            me["id"].as_i64().unwrap()
        }
    };
    let (staff_id, resident_id) = (account_of(&s.staff).await, account_of(&s.resident).await);
    for id in [staff_id, resident_id] {
        station_server::store::accounts::delete_account(s.app.store.pool(), id, 0)
            .await
            .unwrap();
    }
    let row = |id: i64| {
        let pool = s.app.store.pool().clone();
        async move {
            sqlx::query_as::<_, (String, String)>(
                "SELECT status, address FROM orders WHERE id = $1",
            )
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    assert_eq!(
        row(for_her.id).await,
        ("open".to_owned(), "幸福小区 3 号楼 2 单元 101".to_owned())
    );
    assert_eq!(row(own.id).await, ("cancelled".to_owned(), String::new()));
}
