//! The authorization matrix: every endpoint × every role → 401, 403, or what the role may do,
//! over HTTP.
//!
//! A role that may do something gets its 2xx (`Ok`): where the first success would leave
//! nothing for the next role (an approval, a hand-over, a no-show), each column has a target of
//! its own ([`Targets`]). The only refusals expected past authorization are exact ones that
//! prove it was passed: 422 for what a role may ask about but that is not its own (`Unknown`),
//! 404 for a resident of another institute that its staff are not told of (`Hidden`).

use reqwest::Method;
use serde_json::{json, Value};

use station_server::store::signups;
use station_wire::signups::CheckinCode;

use crate::common::{activity_at, insert, local, phone, TEST_PASSWORD};
use crate::fixture::{team_at, Fixture, Who, EVERYONE};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A 2xx.
    Ok,
    Unauthorized,
    Forbidden,
    /// Exactly 422: the role may ask, but what it names is not its own (a resident of another
    /// institute is unknown to its staff, as for 代报名).
    Unknown,
    /// Exactly 404: an account that is not the role's to help is as if it did not exist.
    Hidden,
}
use Expect::{Forbidden, Hidden, Ok, Unauthorized as Anon, Unknown};

/// What the matrix acts on beyond the fixture, so that every allowed cell reaches its 2xx.
struct Targets {
    /// Per column, an account that asked to join `f.team` (to approve; to decline).
    approve: [i64; 7],
    decline: [i64; 7],
    /// Per column, a member of `f.team` (to remove).
    remove: [i64; 7],
    /// A team the leader leads, with a member per column to hand it over to.
    lead_team: i64,
    lead_to: [i64; 7],
    /// A team led by a stranger, which no role is in yet (to join).
    open_team: i64,
    /// A team every role is a plain member of (to leave).
    left_team: i64,
    /// A live check-in code of `f.started`, where every role has a place.
    code: String,
    /// An attended sign-up of yesterday's activity at station A1 (to confirm its hours).
    ended_signup: i64,
    /// Per column, a confirmed sign-up at `f.started` (to mark as a no-show).
    no_show: [i64; 7],
    /// An occurrence of a published weekly series at station A1.
    occurrence: i64,
    /// Nominations at station A1 by the volunteer: one submitted; per column one with consent
    /// (to publish), one submitted (to reject), one published (to unpublish and like).
    nomination: i64,
    to_publish: [i64; 7],
    to_reject: [i64; 7],
    to_unpublish: [i64; 7],
    published: i64,
    /// The thumbnail's address of a photo the volunteer uploaded.
    photo_url: String,
    /// 微心愿 at station A1: one the volunteer posted (submitted); per column one the volunteer
    /// posted (to approve; to reject; open, to withdraw; fulfilled, to confirm) and one a
    /// stranger posted (open, to claim; claimed by the volunteer, to release); one the volunteer
    /// claimed (to fulfil).
    wish: i64,
    wish_approve: [i64; 7],
    wish_reject: [i64; 7],
    wish_withdraw: [i64; 7],
    wish_confirm: [i64; 7],
    wish_claim: [i64; 7],
    wish_release: [i64; 7],
    wish_fulfil: i64,
    /// 点单 at station A1: a menu item; one order the volunteer placed (submitted); per column
    /// one the volunteer placed (to approve; to reject; to cancel), one open (to dispatch to
    /// `f.team`), one a stranger placed dispatched to a team the volunteer is in and the leader
    /// leads (to accept), one completed by the leader (to rate); one the volunteer accepted (to
    /// complete).
    service: i64,
    order: i64,
    order_approve: [i64; 7],
    order_reject: [i64; 7],
    order_cancel: [i64; 7],
    order_dispatch: [i64; 7],
    order_accept: [i64; 7],
    order_rate: [i64; 7],
    order_complete: i64,
}

impl Targets {
    async fn new(f: &Fixture) -> Self {
        let pool = f.app.store.pool();
        let mut others = crate::common::many_accounts(&f.app.store, 60_000, 7 * 6 + 1)
            .await
            .into_iter()
            .map(|(id, _)| id);
        let mut next = || others.next().expect("enough accounts");
        let mut column = || std::array::from_fn::<i64, 7, _>(|_| next());
        let (approve, decline, remove, lead_to, no_show) =
            (column(), column(), column(), column(), column());
        let stranger = next();
        let in_team = |team: i64, account: i64, status: &'static str| {
            sqlx::query(
                "INSERT INTO team_members (team_id, account_id, status, requested_at) \
                 VALUES ($1, $2, $3, 0)",
            )
            .bind(team)
            .bind(account)
            .bind(status)
            .execute(pool)
        };
        let new_team = |name: &'static str, leader: i64| {
            team_at(&f.app.store, f.seed.station_a1, name, Some(leader))
        };
        for id in approve.iter().chain(&decline) {
            in_team(f.team, *id, "pending").await.unwrap();
        }
        for id in &remove {
            in_team(f.team, *id, "member").await.unwrap();
        }
        let lead_team = new_team("交接服务队", f.leader).await;
        for id in &lead_to {
            in_team(lead_team, *id, "member").await.unwrap();
        }
        let open_team = new_team("开放服务队", stranger).await;
        let left_team = new_team("人人都在的服务队", stranger).await;
        let roles = [
            f.volunteer,
            f.leader,
            f.staff_here,
            f.staff_other,
            f.staff_parent,
            f.admin,
        ];
        for id in roles {
            in_team(left_team, id, "member").await.unwrap();
        }
        // Every role with a place at the activity under way (the volunteer has one), and one
        // more place per column to mark as a no-show.
        for id in &roles[1..] {
            signups::insert_raw(pool, f.started, *id, "confirmed", local(-1, 9, 0), None)
                .await
                .unwrap();
        }
        let mut no_show_signups = [0; 7];
        for (signup, id) in no_show_signups.iter_mut().zip(no_show) {
            *signup = signups::insert_raw(pool, f.started, id, "confirmed", local(-1, 9, 0), None)
                .await
                .unwrap();
        }
        let staff = f.token(Who::StaffHere).await.unwrap();
        let shown: CheckinCode = f
            .app
            .get_with(
                &format!("/api/v1/activities/{}/checkin-code", f.started),
                &staff,
            )
            .await
            .json()
            .await
            .unwrap();
        let code = shown.url.split_once("?code=").expect("a code").1.to_owned();
        let ended = insert(
            &f.app.store,
            activity_at(f.seed.station_a1, "elderly", local(-1, 9, 0)),
        )
        .await;
        let ended_signup =
            signups::insert_raw(pool, ended, f.volunteer, "attended", local(-2, 9, 0), None)
                .await
                .unwrap();
        let day = crate::common::today() + chrono::Duration::days(3);
        let occurrence: station_wire::activities::Activity = f
            .app
            .send_json(
                Method::POST,
                "/api/v1/activities",
                &staff,
                json!({
                    "site_id": f.seed.station_a1, "category": "elderly", "title": "每周义诊",
                    "place": "一楼", "capacity": 5, "publish": true,
                    "starts_at": format!("{day}T09:00:00+08:00"),
                    "ends_at": format!("{day}T10:00:00+08:00"),
                    "repeat": { "freq": "weekly", "until": (day + chrono::Duration::days(14)).to_string() },
                }),
            )
            .await
            .json()
            .await
            .unwrap();
        let nominate = async |status: &str| {
            let mut tx = station_server::store::begin_write(pool).await.unwrap();
            let id = station_server::store::honors::insert(
                &mut tx,
                &station_server::store::honors::NewHonor {
                    site_id: f.seed.station_a1,
                    nominee_name: "刘桂兰",
                    category: "helping_others",
                    story: "每天敲门问候独居老人。",
                    nominator_id: f.volunteer,
                    nominator_contact: "13900000001",
                    on_behalf_of: None,
                    photo_ids: &[],
                    now: local(-1, 9, 0),
                },
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
            if status != "submitted" {
                sqlx::query(
                    "UPDATE honors SET status = $2, consent_by = $3, consent_at = $4, \
                     consent_note = '当面同意', board_month = '2026-11', published_at = $4 \
                     WHERE id = $1",
                )
                .bind(id)
                .bind(if status == "consented" {
                    "submitted"
                } else {
                    status
                })
                .bind(f.staff_here)
                .bind(local(-1, 10, 0))
                .execute(pool)
                .await
                .unwrap();
            }
            id
        };
        let nomination = nominate("submitted").await;
        let published = nominate("published").await;
        let (mut to_publish, mut to_reject, mut to_unpublish) = ([0; 7], [0; 7], [0; 7]);
        for column in 0..7 {
            to_publish[column] = nominate("consented").await;
            to_reject[column] = nominate("submitted").await;
            to_unpublish[column] = nominate("published").await;
        }
        let volunteer = f.token(crate::fixture::Who::Volunteer).await.unwrap();
        let photo: station_wire::honors::PhotoRef = f
            .app
            .request(Method::POST, "/api/v1/photos", Some(&volunteer))
            .body(station_conformance::images::png(20, 20))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let wish = async |status: &str, requester: i64, claimer: Option<i64>| {
            let mut tx = station_server::store::begin_write(pool).await.unwrap();
            let deadline = (crate::common::today() + chrono::Duration::days(10)).to_string();
            let id = station_server::store::wishes::insert(
                &mut tx,
                &station_server::store::wishes::NewWish {
                    site_id: f.seed.station_a1,
                    title: "一个新书包",
                    description: "书包坏了。",
                    category: "study",
                    deadline: &deadline,
                    beneficiary_name: "王小宇",
                    beneficiary_age: Some(8),
                    beneficiary_group: None,
                    requester_id: requester,
                    contact: "13812345678",
                    on_behalf_of: None,
                    photo_id: None,
                    status: if claimer.is_some() { "open" } else { status },
                    now: local(-1, 9, 0),
                },
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
            if let Some(claimer) = claimer {
                sqlx::query(
                    "UPDATE wishes SET status = $2, claimer_id = $3, claimed_at = $4 WHERE id = $1",
                )
                .bind(id)
                .bind(status)
                .bind(claimer)
                .bind(local(-1, 10, 0))
                .execute(pool)
                .await
                .unwrap();
            }
            id
        };
        let volunteer_id = f.volunteer;
        let (
            mut wish_approve,
            mut wish_reject,
            mut wish_withdraw,
            mut wish_confirm,
            mut wish_claim,
        ) = ([0; 7], [0; 7], [0; 7], [0; 7], [0; 7]);
        let mut wish_release = [0; 7];
        for column in 0..7 {
            wish_approve[column] = wish("submitted", volunteer_id, None).await;
            wish_reject[column] = wish("submitted", volunteer_id, None).await;
            wish_withdraw[column] = wish("open", volunteer_id, None).await;
            wish_confirm[column] = wish("fulfilled", volunteer_id, Some(stranger)).await;
            wish_claim[column] = wish("open", stranger, None).await;
            wish_release[column] = wish("claimed", stranger, Some(volunteer_id)).await;
        }
        let service = station_server::store::orders::insert_service(
            pool,
            f.seed.station_a1,
            "上门理发",
            "",
            true,
        )
        .await
        .unwrap();
        let order_team =
            crate::fixture::team_at(&f.app.store, f.seed.station_a1, "接单队", Some(f.leader))
                .await;
        sqlx::query(
            "INSERT INTO team_members (team_id, account_id, status, requested_at, decided_at) \
             VALUES ($1, $2, 'member', 0, 0)",
        )
        .bind(order_team)
        .bind(volunteer_id)
        .execute(pool)
        .await
        .unwrap();
        let order = async |status: &str, requester: i64, volunteer: Option<i64>| {
            let mut tx = station_server::store::begin_write(pool).await.unwrap();
            let id = station_server::store::orders::insert(
                &mut tx,
                &station_server::store::orders::NewOrder {
                    site_id: f.seed.station_a1,
                    service_id: service,
                    requester_id: requester,
                    preferred_time: "周三上午",
                    address: "幸福小区 3 号楼",
                    phone: "13611223344",
                    note: "",
                    on_behalf_of: None,
                    status: "submitted",
                    now: local(-1, 9, 0),
                },
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
            let dispatched = matches!(status, "dispatched" | "accepted" | "completed");
            sqlx::query(
                "UPDATE orders SET status = $2, team_id = $3, volunteer_id = $4 WHERE id = $1",
            )
            .bind(id)
            .bind(status)
            .bind(dispatched.then_some(order_team))
            .bind(volunteer)
            .execute(pool)
            .await
            .unwrap();
            id
        };
        let (mut order_approve, mut order_reject, mut order_cancel) = ([0; 7], [0; 7], [0; 7]);
        let (mut order_dispatch, mut order_accept, mut order_rate) = ([0; 7], [0; 7], [0; 7]);
        for column in 0..7 {
            order_approve[column] = order("submitted", volunteer_id, None).await;
            order_reject[column] = order("submitted", volunteer_id, None).await;
            order_cancel[column] = order("submitted", volunteer_id, None).await;
            order_dispatch[column] = order("open", volunteer_id, None).await;
            order_accept[column] = order("dispatched", stranger, None).await;
            order_rate[column] = order("completed", volunteer_id, Some(f.leader)).await;
        }
        Targets {
            service,
            order: order("submitted", volunteer_id, None).await,
            order_complete: order("accepted", stranger, Some(volunteer_id)).await,
            order_approve,
            order_reject,
            order_cancel,
            order_dispatch,
            order_accept,
            order_rate,
            wish: wish("submitted", volunteer_id, None).await,
            wish_release,
            wish_fulfil: wish("claimed", stranger, Some(volunteer_id)).await,
            wish_approve,
            wish_reject,
            wish_withdraw,
            wish_confirm,
            wish_claim,
            nomination,
            to_publish,
            to_reject,
            to_unpublish,
            published,
            photo_url: photo.thumb_url,
            occurrence: occurrence.id,
            approve,
            decline,
            remove,
            lead_team,
            lead_to,
            open_team,
            left_team,
            code,
            ended_signup,
            no_show: no_show_signups,
        }
    }
}

struct Case {
    method: Method,
    path: String,
    /// A body of bytes instead of JSON (an uploaded photo).
    bytes: Option<Vec<u8>>,
    /// The body for the n-th request of the matrix (so phones stay unique).
    body: Option<Box<dyn Fn(u32) -> Value>>,
    /// A path per column instead of `path`, where the first allowed role's request would leave
    /// nothing for the next (a delete).
    paths: Option<[String; 7]>,
    /// In the column order of [`EVERYONE`]: anonymous, volunteer, leader, staff here, staff of
    /// another site, staff of the parent institute, admin.
    expect: [Expect; 7],
}

fn case(method: Method, path: impl Into<String>, expect: [Expect; 7]) -> Case {
    Case {
        method,
        path: path.into(),
        bytes: None,
        body: None,
        paths: None,
        expect,
    }
}

/// A case whose request goes to a different path for each column.
fn per_column(method: Method, paths: [String; 7], expect: [Expect; 7]) -> Case {
    Case {
        path: paths[0].clone(),
        paths: Some(paths),
        ..case(method, "", expect)
    }
}

fn with_body(mut case: Case, body: impl Fn(u32) -> Value + 'static) -> Case {
    case.body = Some(Box::new(body));
    case
}

/// An activity at `site` tomorrow 14:00–16:00.
fn activity_input(site: i64, title: &str) -> Value {
    let day = crate::common::today() + chrono::Duration::days(1);
    json!({
        "site_id": site,
        "category": "elderly",
        "title": title,
        "place": "活动室",
        "starts_at": format!("{day}T14:00:00+08:00"),
        "ends_at": format!("{day}T16:00:00+08:00"),
        "capacity": 10,
    })
}

fn cases(f: &Fixture, t: &Targets) -> Vec<Case> {
    let station = f.seed.station_a1;
    let institute_a = f.seed.institute_a;
    let institute_b = f.seed.institute_b;
    let everyone = [Ok; 7];
    let signed_in = [Anon, Ok, Ok, Ok, Ok, Ok, Ok];
    let staff_here = [Anon, Forbidden, Forbidden, Ok, Forbidden, Ok, Ok];
    let runs_it = [Anon, Forbidden, Ok, Ok, Forbidden, Ok, Ok];
    let activity = f.activity;
    let volunteer = f.volunteer;
    let team = f.team;
    let leads_team = [Anon, Forbidden, Ok, Ok, Forbidden, Ok, Ok];
    let per = |ids: [i64; 7], path: &dyn Fn(i64) -> String| ids.map(path);
    vec![
        // Public reading.
        case(Method::GET, "/healthz", everyone),
        case(Method::GET, "/api/v1/openapi.json", everyone),
        case(Method::GET, "/api/v1/station", everyone),
        case(Method::GET, "/api/v1/sites", everyone),
        case(Method::GET, format!("/api/v1/sites/{station}"), everyone),
        // The site tree: administrators anywhere, staff under the sites they cover.
        with_body(
            case(
                Method::POST,
                "/api/v1/sites",
                [Anon, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Ok],
            ),
            move |n| json!({"parent_id": institute_a, "kind": "station", "name": format!("新站{n}")}),
        ),
        with_body(
            case(
                Method::POST,
                "/api/v1/sites",
                [Anon, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Ok],
            ),
            move |n| json!({"parent_id": institute_b, "kind": "station", "name": format!("乙新站{n}")}),
        ),
        with_body(
            case(Method::PUT, format!("/api/v1/sites/{station}"), staff_here),
            move |n| json!({"parent_id": institute_a, "kind": "station", "name": format!("甲一站{n}"), "opening_hours": "周一至周五 8:30–17:00"}),
        ),
        case(
            Method::POST,
            format!("/api/v1/sites/{}/archive", f.leaf_b),
            [Anon, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Ok],
        ),
        case(Method::GET, "/api/v1/categories", everyone),
        case(Method::GET, "/api/v1/days", everyone),
        case(
            Method::GET,
            format!("/api/v1/sites/{station}/calendar.ics"),
            everyone,
        ),
        // One's own calendar feed: its secret address is made, read and ended by oneself (the
        // address itself, a capability, is tested in `feeds.rs`).
        case(Method::GET, "/api/v1/me/calendar-feed", signed_in),
        // Without its secret nobody reads a feed, whoever they are.
        case(
            Method::GET,
            "/api/v1/feeds/not-the-secret/calendar.ics",
            [Hidden; 7],
        ),
        case(Method::PUT, "/api/v1/me/calendar-feed", signed_in),
        case(Method::DELETE, "/api/v1/me/calendar-feed", signed_in),
        case(Method::GET, "/api/v1/activities", everyone),
        case(Method::GET, "/api/v1/activities/days", everyone),
        case(
            Method::GET,
            format!("/api/v1/activities/{}", f.activity),
            everyone,
        ),
        // Categories belong to the network: administrators keep them.
        with_body(
            case(
                Method::POST,
                "/api/v1/categories",
                [
                    Anon, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Ok,
                ],
            ),
            |n| json!({"slug": format!("new-{n}"), "name": "新类别", "colour": "#1d5fb4"}),
        ),
        with_body(
            case(
                Method::PUT,
                "/api/v1/categories/safety",
                [
                    Anon, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Ok,
                ],
            ),
            |_| json!({"name": "平安", "colour": "#1d5fb4"}),
        ),
        // Teams kept by staff of their site.
        with_body(
            case(Method::POST, "/api/v1/teams", staff_here),
            move |n| json!({"site_id": station, "name": format!("新服务队{n}"), "field": "文化传承"}),
        ),
        with_body(
            case(Method::PUT, format!("/api/v1/teams/{team}"), staff_here),
            move |_| json!({"site_id": station, "name": "测试服务队", "field": "邻里互助"}),
        ),
        case(
            Method::POST,
            format!("/api/v1/teams/{}/archive", f.spare_team),
            staff_here,
        ),
        // Staff of a site: those who run it list, grant and revoke.
        case(
            Method::GET,
            format!("/api/v1/sites/{station}/staff"),
            staff_here,
        ),
        with_body(
            case(
                Method::POST,
                format!("/api/v1/sites/{station}/staff"),
                staff_here,
            ),
            |_| json!({"phone": phone(95_001)}),
        ),
        per_column(
            Method::DELETE,
            [0, 0, 0, 0, 1, 1, 2]
                .map(|i| format!("/api/v1/sites/{station}/staff/{}", f.bystanders[i])),
            staff_here,
        ),
        // Publishing: staff of the activity's site and administrators.
        case(
            Method::GET,
            "/api/v1/audit",
            [
                Anon, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Ok,
            ],
        ),
        case(
            Method::GET,
            "/api/v1/staff/today",
            [Anon, Forbidden, Forbidden, Ok, Ok, Ok, Ok],
        ),
        case(
            Method::GET,
            "/api/v1/staff/activities",
            [Anon, Forbidden, Forbidden, Ok, Ok, Ok, Ok],
        ),
        with_body(
            case(Method::POST, "/api/v1/activities", staff_here),
            move |n| activity_input(station, &format!("新活动{n}")),
        ),
        with_body(
            case(
                Method::PUT,
                format!("/api/v1/activities/{activity}"),
                staff_here,
            ),
            move |n| {
                let mut body = activity_input(station, &format!("改名{n}"));
                // Still the team's, so its leader keeps running it below.
                body["team_id"] = json!(team);
                body["capacity"] = json!(50);
                body
            },
        ),
        case(
            Method::POST,
            format!("/api/v1/activities/{activity}/publish"),
            staff_here,
        ),
        with_body(
            case(
                Method::POST,
                format!("/api/v1/activities/{activity}/duplicate"),
                staff_here,
            ),
            |_| json!({}),
        ),
        with_body(
            case(
                Method::POST,
                format!("/api/v1/activities/{}/cancel", f.spare[0]),
                staff_here,
            ),
            |_| json!({"reason": "场地维修"}),
        ),
        // Staff here delete the first spare; staff of another site the second (refused), staff of
        // the institute delete it, and the administrator the third.
        per_column(
            Method::DELETE,
            [0, 0, 0, 0, 1, 1, 2].map(|i| format!("/api/v1/activities/{}", f.spare[i])),
            staff_here,
        ),
        // Accounts and sessions.
        with_body(
            case(Method::POST, "/api/v1/accounts", everyone),
            |n| json!({"display_name": "新居民", "phone": phone(n), "password": "secret-pass", "privacy_notice": station_wire::privacy::PRIVACY_NOTICE_VERSION}),
        ),
        with_body(
            case(Method::POST, "/api/v1/sessions", everyone),
            |_| json!({"phone": phone(90_001), "password": TEST_PASSWORD}),
        ),
        case(Method::DELETE, "/api/v1/sessions/current", signed_in),
        case(Method::GET, "/api/v1/me", signed_in),
        with_body(
            case(Method::PUT, "/api/v1/me/password", signed_in),
            |_| json!({"current_password": TEST_PASSWORD, "new_password": TEST_PASSWORD}),
        ),
        with_body(
            case(Method::POST, "/api/v1/staff/accounts", staff_here),
            move |n| json!({"display_name": "李奶奶", "phone": phone(n), "password": "initial-pass", "site_id": station, "privacy_notice": station_wire::privacy::PRIVACY_NOTICE_VERSION}),
        ),
        // 代报名: staff of the activity's site sign the resident up, then cancel it for them.
        with_body(
            per_column(
                Method::POST,
                [0, 0, 0, 0, 1, 1, 2]
                    .map(|i| format!("/api/v1/activities/{}/signups/on-behalf", f.behalf[i])),
                staff_here,
            ),
            |_| json!({"phone": phone(90_006)}),
        ),
        per_column(
            Method::DELETE,
            [0, 0, 0, 0, 1, 1, 2]
                .map(|i| format!("/api/v1/activities/{}/signups/{}", f.behalf[i], f.resident)),
            staff_here,
        ),
        // Sign-ups: every role signs up, then cancels.
        case(
            Method::POST,
            format!("/api/v1/activities/{activity}/signups"),
            signed_in,
        ),
        case(Method::GET, "/api/v1/me/signups", signed_in),
        // Records: one's certificate; a resident's hours and a site's month for its staff.
        case(Method::GET, "/api/v1/me/certificate", signed_in),
        case(
            Method::GET,
            format!("/api/v1/staff/reports/hours.csv?phone={}", phone(90_006)),
            [Anon, Forbidden, Forbidden, Ok, Unknown, Ok, Ok],
        ),
        case(
            Method::GET,
            format!("/api/v1/staff/reports/monthly.csv?site={station}&month=2026-11"),
            staff_here,
        ),
        // The orders and wishes of a range: staff read their own sites' (a site of another's
        // is refused), administrators every site's.
        case(
            Method::GET,
            "/api/v1/staff/reports/orders.csv?from=2026-11-01&to=2026-11-30",
            [Anon, Forbidden, Forbidden, Ok, Ok, Ok, Ok],
        ),
        case(
            Method::GET,
            format!(
                "/api/v1/staff/reports/orders.csv?site_id={station}&from=2026-11-01&to=2026-11-30"
            ),
            staff_here,
        ),
        case(
            Method::GET,
            "/api/v1/staff/reports/wishes.csv?from=2026-11-01&to=2026-11-30",
            [Anon, Forbidden, Forbidden, Ok, Ok, Ok, Ok],
        ),
        case(
            Method::GET,
            format!(
                "/api/v1/staff/reports/wishes.csv?site_id={station}&from=2026-11-01&to=2026-11-30"
            ),
            staff_here,
        ),
        // 站内消息: one's own, read by oneself.
        case(Method::GET, "/api/v1/me/notices", signed_in),
        with_body(
            case(Method::POST, "/api/v1/me/notices/read", signed_in),
            |_| json!({"up_to": 1}),
        ),
        // 个人信息: one's own data; deleting one's account needs its password (a wrong one here,
        // so that the roles live on for the rest of the matrix; the deletion itself is tested in
        // `privacy.rs`).
        case(Method::GET, "/api/v1/me/export", signed_in),
        with_body(
            case(
                Method::DELETE,
                "/api/v1/me",
                [Anon, Unknown, Unknown, Unknown, Unknown, Unknown, Unknown],
            ),
            |_| json!({"password": "not-the-password"}),
        ),
        case(
            Method::GET,
            format!("/api/v1/activities/{activity}/signups"),
            runs_it,
        ),
        case(
            Method::GET,
            format!("/api/v1/activities/{activity}/signups.csv"),
            runs_it,
        ),
        case(
            Method::DELETE,
            format!("/api/v1/activities/{activity}/signups/me"),
            signed_in,
        ),
        case(
            Method::GET,
            format!("/api/v1/activities/{activity}/calendar.ics"),
            everyone,
        ),
        case(
            Method::GET,
            format!("/api/v1/activities/{}/series", t.occurrence),
            everyone,
        ),
        // Check-in and hours (the volunteer's place at the activity under way).
        case(
            Method::GET,
            format!("/api/v1/activities/{}/checkin-code", f.started),
            runs_it,
        ),
        with_body(
            case(
                Method::POST,
                format!("/api/v1/activities/{}/checkins", f.started),
                signed_in,
            ),
            {
                let code = t.code.clone();
                move |_| json!({ "code": code })
            },
        ),
        with_body(
            case(
                Method::POST,
                format!("/api/v1/activities/{}/checkins/manual", f.started),
                runs_it,
            ),
            move |_| json!({"account_id": volunteer}),
        ),
        with_body(
            case(
                Method::PUT,
                format!("/api/v1/signups/{}/hours", t.ended_signup),
                [Anon, Forbidden, Forbidden, Ok, Forbidden, Ok, Ok],
            ),
            |n| json!({"minutes": 100 + n, "reason": "现场核实"}),
        ),
        case(
            Method::GET,
            format!("/api/v1/signups/{}/hours/audit", f.started_signup),
            staff_here,
        ),
        case(Method::GET, "/api/v1/me/hours", signed_in),
        // Teams: everyone but the leader asks to join; the leader or staff decide.
        case(Method::GET, "/api/v1/teams", everyone),
        case(Method::GET, format!("/api/v1/teams/{team}"), everyone),
        case(
            Method::POST,
            format!("/api/v1/teams/{}/members", t.open_team),
            signed_in,
        ),
        case(
            Method::GET,
            format!("/api/v1/teams/{team}/members"),
            leads_team,
        ),
        per_column(
            Method::POST,
            per(t.approve, &|id| {
                format!("/api/v1/teams/{team}/members/{id}/approve")
            }),
            leads_team,
        ),
        per_column(
            Method::POST,
            per(t.decline, &|id| {
                format!("/api/v1/teams/{team}/members/{id}/decline")
            }),
            leads_team,
        ),
        per_column(
            Method::DELETE,
            per(t.remove, &|id| format!("/api/v1/teams/{team}/members/{id}")),
            leads_team,
        ),
        case(
            Method::DELETE,
            format!("/api/v1/teams/{}/members/me", t.left_team),
            signed_in,
        ),
        // Hand-overs last among the team's cases: after the leader's, another leads.
        per_column(
            Method::POST,
            per(t.lead_to, &|id| {
                format!("/api/v1/teams/{}/members/{id}/lead", t.lead_team)
            }),
            leads_team,
        ),
        case(Method::GET, "/api/v1/me/teams", signed_in),
        // Staff help a resident of their sites; staff elsewhere find no such resident (404).
        case(
            Method::GET,
            format!("/api/v1/staff/accounts?phone={}", phone(90_006)),
            [Anon, Forbidden, Forbidden, Ok, Hidden, Ok, Ok],
        ),
        with_body(
            case(
                Method::PUT,
                format!("/api/v1/staff/accounts/{}/password", f.resident),
                [Anon, Forbidden, Forbidden, Ok, Hidden, Ok, Ok],
            ),
            |_| json!({"new_password": "a-new-password"}),
        ),
        case(
            Method::GET,
            format!("/api/v1/activities/{}/signups", f.started),
            runs_it,
        ),
        per_column(
            Method::POST,
            per(t.no_show, &|id| format!("/api/v1/signups/{id}/no-show")),
            runs_it,
        ),
        // 好人榜: anyone signed in uploads and nominates; the nominator and staff of the site
        // read a nomination (nobody else is told it exists); staff of the site review it.
        Case {
            bytes: Some(station_conformance::images::png(8, 8)),
            ..case(Method::POST, "/api/v1/photos", signed_in)
        },
        case(Method::GET, t.photo_url.clone(), everyone),
        with_body(
            case(Method::POST, "/api/v1/nominations", signed_in),
            move |_| json!({"site_id": station, "nominee_name": "王秀珍", "category": "filial_devotion", "story": "照顾婆婆十二年。", "nominator_contact": "电话 024-1234"}),
        ),
        case(Method::GET, "/api/v1/me/nominations", signed_in),
        case(
            Method::GET,
            "/api/v1/staff/nominations",
            [Anon, Forbidden, Forbidden, Ok, Ok, Ok, Ok],
        ),
        case(
            Method::GET,
            format!("/api/v1/staff/nominations?site_id={station}"),
            staff_here,
        ),
        case(
            Method::GET,
            format!("/api/v1/nominations/{}", t.nomination),
            [Anon, Ok, Hidden, Ok, Hidden, Ok, Ok],
        ),
        with_body(
            case(
                Method::PUT,
                format!("/api/v1/nominations/{}", t.nomination),
                staff_here,
            ),
            |n| json!({"nominee_name": format!("刘桂兰{n}"), "category": "helping_others", "story": "每天敲门问候独居老人。"}),
        ),
        with_body(
            case(
                Method::PUT,
                format!("/api/v1/nominations/{}/consent", t.nomination),
                staff_here,
            ),
            |n| json!({"note": format!("电话确认{n}"), "posters": true}),
        ),
        case(
            Method::DELETE,
            format!("/api/v1/nominations/{}/consent", t.nomination),
            staff_here,
        ),
        with_body(
            per_column(
                Method::POST,
                per(t.to_publish, &|id| {
                    format!("/api/v1/nominations/{id}/publish")
                }),
                staff_here,
            ),
            |_| json!({"board_month": "2026-11"}),
        ),
        with_body(
            per_column(
                Method::POST,
                per(t.to_reject, &|id| {
                    format!("/api/v1/nominations/{id}/reject")
                }),
                staff_here,
            ),
            |_| json!({"reason": "与好人好事无关"}),
        ),
        with_body(
            per_column(
                Method::POST,
                per(t.to_unpublish, &|id| {
                    format!("/api/v1/nominations/{id}/unpublish")
                }),
                staff_here,
            ),
            |_| json!({"reason": "本人要求撤下"}),
        ),
        case(Method::GET, "/api/v1/honors", everyone),
        case(Method::GET, "/api/v1/honors/months", everyone),
        case(
            Method::GET,
            format!("/api/v1/honors/{}", t.published),
            everyone,
        ),
        case(
            Method::PUT,
            format!("/api/v1/honors/{}/like", t.published),
            signed_in,
        ),
        case(
            Method::DELETE,
            format!("/api/v1/honors/{}/like", t.published),
            signed_in,
        ),
        // The display screen: a kiosk has no account; staff of a site see its screens.
        case(
            Method::GET,
            format!("/api/v1/screens/{station}?screen=大厅"),
            everyone,
        ),
        case(
            Method::GET,
            "/api/v1/staff/screens",
            [Anon, Forbidden, Forbidden, Ok, Ok, Ok, Ok],
        ),
        case(
            Method::GET,
            format!("/api/v1/staff/screens?site_id={station}"),
            staff_here,
        ),
        // 微心愿: everyone reads the wall; a wish not on it is its parties' and staff's; staff
        // of the site review; anyone signed in claims; the claimer fulfils or releases; the
        // requester (or staff for them) confirms or withdraws.
        case(Method::GET, "/api/v1/wishes", everyone),
        case(Method::GET, "/api/v1/wishes/figures", everyone),
        with_body(case(Method::POST, "/api/v1/wishes", signed_in), move |_| {
            let deadline = crate::common::today() + chrono::Duration::days(5);
            json!({"site_id": station, "title": "一床棉被", "description": "被子不暖和了。", "category": "daily", "deadline": deadline.to_string(), "beneficiary_name": "李秀英", "contact": "13987654321"})
        }),
        case(
            Method::GET,
            format!("/api/v1/wishes/{}", t.wish),
            [Hidden, Ok, Hidden, Ok, Hidden, Ok, Ok],
        ),
        case(Method::GET, "/api/v1/me/wishes", signed_in),
        case(Method::GET, "/api/v1/me/claims", signed_in),
        case(
            Method::GET,
            "/api/v1/staff/wishes",
            [Anon, Forbidden, Forbidden, Ok, Ok, Ok, Ok],
        ),
        case(
            Method::GET,
            format!("/api/v1/staff/wishes?site_id={station}"),
            staff_here,
        ),
        with_body(
            per_column(
                Method::POST,
                per(t.wish_approve, &|id| format!("/api/v1/wishes/{id}/approve")),
                [Anon, Forbidden, Hidden, Ok, Hidden, Ok, Ok],
            ),
            |_| json!({}),
        ),
        with_body(
            per_column(
                Method::POST,
                per(t.wish_reject, &|id| format!("/api/v1/wishes/{id}/reject")),
                [Anon, Forbidden, Hidden, Ok, Hidden, Ok, Ok],
            ),
            |_| json!({"reason": "不属于微心愿"}),
        ),
        per_column(
            Method::POST,
            per(t.wish_claim, &|id| format!("/api/v1/wishes/{id}/claim")),
            signed_in,
        ),
        // The claimer gives a claim back, or staff of the site for them.
        per_column(
            Method::POST,
            per(t.wish_release, &|id| format!("/api/v1/wishes/{id}/release")),
            [Anon, Ok, Forbidden, Ok, Forbidden, Ok, Ok],
        ),
        with_body(
            case(
                Method::POST,
                format!("/api/v1/wishes/{}/fulfil", t.wish_fulfil),
                [
                    Anon, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
                ],
            ),
            |_| json!({"note": "送到了"}),
        ),
        with_body(
            per_column(
                Method::POST,
                per(t.wish_confirm, &|id| format!("/api/v1/wishes/{id}/confirm")),
                [Anon, Ok, Forbidden, Ok, Forbidden, Ok, Ok],
            ),
            |_| json!({"rating": 5, "thanks": "谢谢"}),
        ),
        per_column(
            Method::POST,
            per(t.wish_withdraw, &|id| {
                format!("/api/v1/wishes/{id}/withdraw")
            }),
            [Anon, Ok, Forbidden, Ok, Forbidden, Ok, Ok],
        ),
        // 点单: everyone reads the menu, staff of the site keep it; anyone signed in orders; an
        // order is its parties' (404 to anyone else); staff review, dispatch, cancel; a member of
        // the team accepts; the volunteer completes; the resident (or staff for them) rates.
        case(Method::GET, "/api/v1/services", everyone),
        with_body(
            case(Method::POST, "/api/v1/services", staff_here),
            move |n| json!({"site_id": station, "name": format!("代购{n}"), "description": ""}),
        ),
        with_body(
            case(
                Method::PUT,
                format!("/api/v1/services/{}", t.service),
                staff_here,
            ),
            |_| json!({"name": "上门理发", "description": "每周二", "active": true}),
        ),
        with_body(case(Method::POST, "/api/v1/orders", signed_in), {
            let service = t.service;
            move |_| json!({"service_id": service, "preferred_time": "周三", "address": "3 号楼", "phone": "13611223344"})
        }),
        case(
            Method::GET,
            format!("/api/v1/orders/{}", t.order),
            [Anon, Ok, Hidden, Ok, Hidden, Ok, Ok],
        ),
        case(Method::GET, "/api/v1/me/orders", signed_in),
        case(Method::GET, "/api/v1/me/tasks", signed_in),
        case(
            Method::GET,
            "/api/v1/staff/orders",
            [Anon, Forbidden, Forbidden, Ok, Ok, Ok, Ok],
        ),
        case(
            Method::GET,
            format!("/api/v1/staff/orders?site_id={station}"),
            staff_here,
        ),
        per_column(
            Method::POST,
            per(t.order_approve, &|id| {
                format!("/api/v1/orders/{id}/approve")
            }),
            [Anon, Forbidden, Hidden, Ok, Hidden, Ok, Ok],
        ),
        with_body(
            per_column(
                Method::POST,
                per(t.order_reject, &|id| format!("/api/v1/orders/{id}/reject")),
                [Anon, Forbidden, Hidden, Ok, Hidden, Ok, Ok],
            ),
            |_| json!({"reason": "不在服务范围"}),
        ),
        with_body(
            per_column(
                Method::POST,
                per(t.order_dispatch, &|id| {
                    format!("/api/v1/orders/{id}/dispatch")
                }),
                [Anon, Forbidden, Hidden, Ok, Hidden, Ok, Ok],
            ),
            move |_| json!({"team_id": team}),
        ),
        per_column(
            Method::POST,
            per(t.order_accept, &|id| format!("/api/v1/orders/{id}/accept")),
            [Anon, Ok, Ok, Forbidden, Hidden, Forbidden, Forbidden],
        ),
        case(
            Method::POST,
            format!("/api/v1/orders/{}/complete", t.order_complete),
            [Anon, Ok, Hidden, Forbidden, Hidden, Forbidden, Forbidden],
        ),
        with_body(
            per_column(
                Method::POST,
                per(t.order_rate, &|id| format!("/api/v1/orders/{id}/rate")),
                [Anon, Ok, Forbidden, Forbidden, Hidden, Forbidden, Forbidden],
            ),
            |_| json!({"rating": 5}),
        ),
        with_body(
            per_column(
                Method::POST,
                per(t.order_cancel, &|id| format!("/api/v1/orders/{id}/cancel")),
                [Anon, Ok, Hidden, Ok, Hidden, Ok, Ok],
            ),
            |_| json!({"reason": "不需要了"}),
        ),
    ]
}

#[tokio::test]
async fn every_endpoint_answers_every_role_as_the_matrix_says() {
    let f = Fixture::new().await;
    let mut n = 0;
    let mut wrong = Vec::new();
    let targets = Targets::new(&f).await;
    for case in cases(&f, &targets) {
        for (column, (who, expect)) in EVERYONE.into_iter().zip(case.expect).enumerate() {
            n += 1;
            let token = f.token(who).await;
            let path = case
                .paths
                .as_ref()
                .map_or(&case.path, |paths| &paths[column]);
            let mut request = f.app.request(case.method.clone(), path, token.as_deref());
            if let Some(body) = &case.body {
                request = request.json(&body(n));
            }
            if let Some(bytes) = &case.bytes {
                request = request.body(bytes.clone());
            }
            let status = request
                .send()
                .await
                .expect("request sent")
                .status()
                .as_u16();
            let fits = match expect {
                Ok => (200..300).contains(&status),
                Anon => status == 401,
                Forbidden => status == 403,
                Unknown => status == 422,
                Hidden => status == 404,
            };
            if !fits {
                wrong.push(format!(
                    "{} {path} as {who:?}: {status}, want {expect:?}",
                    case.method
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the matrix is not kept:\n{}",
        wrong.join("\n")
    );
    // Every kind of staff write the matrix makes is in the audit log (not publishing: the
    // matrix publishes an activity already published, which changes nothing and records
    // nothing; hours are checked in `checkin_hours`).
    let recorded: std::collections::BTreeSet<String> =
        sqlx::query_scalar("SELECT DISTINCT action FROM audit_log")
            .fetch_all(f.app.store.pool())
            .await
            .unwrap()
            .into_iter()
            .collect();
    let expected = [
        "account.create",
        "account.reset_password",
        "activity.cancel",
        "activity.create",
        "activity.delete",
        "activity.duplicate",
        "activity.update",
        "category.create",
        "category.update",
        "nomination.consent",
        "nomination.consent_withdrawn",
        "nomination.publish",
        "nomination.reject",
        "nomination.unpublish",
        "nomination.update",
        "order.approve",
        "order.cancel",
        "order.dispatch",
        "order.reject",
        "service.create",
        "service.update",
        "signup.cancel_on_behalf",
        "signup.check_in",
        "signup.on_behalf",
        "site.archive",
        "site.create",
        "site.update",
        "staff.grant",
        "staff.revoke",
        "team.approve",
        "team.archive",
        "team.create",
        "team.decline",
        "team.remove",
        "team.update",
        "wish.approve",
        "wish.confirm",
        "wish.reject",
        "wish.release",
        "wish.withdraw",
    ];
    let missing: Vec<&str> = expected
        .into_iter()
        .filter(|action| !recorded.contains(*action))
        .collect();
    assert!(missing.is_empty(), "not in the audit log: {missing:?}");
}

#[tokio::test]
async fn protected_endpoints_answer_problem_json_with_a_bearer_challenge() {
    let f = Fixture::new().await;
    let response = f.app.get("/api/v1/me").await;
    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
}

/// `/api/v1/teams/12/members/34/approve` and `/api/v1/teams/{id}/members/{account_id}/approve`
/// both become `/api/v1/teams/{}/members/{}/approve` (a query string is no part of it).
fn shape(path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path);
    path.split('/')
        .map(|segment| {
            if segment.parse::<i64>().is_ok() || segment.starts_with('{') {
                "{}"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether a walked path (shaped) fits a documented template segment by segment.
fn fits(template: &str, walked: &str) -> bool {
    let template: Vec<&str> = template.split('/').collect();
    let walked: Vec<&str> = walked.split('/').collect();
    template.len() == walked.len()
        && template
            .iter()
            .zip(&walked)
            .all(|(t, w)| t.starts_with('{') || t == w)
}

#[tokio::test]
async fn the_matrix_covers_every_documented_endpoint() {
    let f = Fixture::new().await;
    let targets = Targets::new(&f).await;
    let walked: std::collections::BTreeSet<String> = cases(&f, &targets)
        .iter()
        .map(|case| format!("{} {}", case.method, shape(&case.path)))
        .collect();
    let document: Value =
        serde_json::from_str(station_server::api::openapi::pretty_json()).unwrap();
    let mut missing = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let method = method.to_uppercase();
            // A `{slug}` segment matches whatever the case puts there.
            let covered = walked.iter().any(|operation| {
                let (walked_method, walked_path) = operation.split_once(' ').unwrap();
                walked_method == method && fits(path, walked_path)
            });
            if !covered {
                missing.push(format!("{method} {}", shape(path)));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in the authorization matrix: {missing:?}"
    );
}
