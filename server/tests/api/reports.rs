//! Records: a volunteer's service certificate from confirmed hours; staff's CSV of a resident's
//! hours, of a site's month by category, and of the orders and wishes of a range of days —
//! formula-safe for Excel.

use reqwest::Method;
use serde_json::{json, Value};
use station_server::store::accounts::grant_staff;
use station_server::store::hours::{self, Change};
use station_server::store::signups;
use station_wire::orders::{Order, ServiceItem};
use station_wire::problem::codes;
use station_wire::reports::{Certificate, EXPORT_MAX_ROWS};
use station_wire::wishes::Wish;

use crate::common::{
    account, activity_at, content_type, insert, local, named_errors, now, phone, problem,
    seed_tree, spawn_app_with, station_time, today, Options, Seed, TestApp,
};
use crate::fixture::team_at;

struct Scene {
    app: TestApp,
    seed: Seed,
    staff: String,
    staff_id: i64,
    volunteer: String,
}

async fn scene(volunteer_name: &str) -> Scene {
    let app = spawn_app_with(Options {
        demo_data: false,
        ..Default::default()
    })
    .await;
    let seed = seed_tree(&app.store).await;
    let (staff_id, staff) = account(&app.store, "王站长", &phone(1), None).await;
    grant_staff(app.store.pool(), staff_id, seed.station_a1)
        .await
        .unwrap();
    let (_, volunteer) =
        account(&app.store, volunteer_name, &phone(2), Some(seed.station_a1)).await;
    Scene {
        app,
        seed,
        staff,
        staff_id,
        volunteer,
    }
}

/// An activity (its category, title and day, `days` from today) at `site`, served by `account` for `minutes` (confirmed by
/// `by` when given); answers its id.
async fn served(
    scene: &Scene,
    site: i64,
    (category, title, days): (&str, &str, i64),
    account: i64,
    minutes: i64,
    by: Option<i64>,
) -> i64 {
    let starts_at = local(days, 9, 0);
    served_at(
        scene,
        site,
        (category, title, starts_at),
        account,
        minutes,
        by,
    )
    .await
}

/// [`served`] at a moment of its own (unix seconds).
async fn served_at(
    scene: &Scene,
    site: i64,
    (category, title, starts_at): (&str, &str, i64),
    account: i64,
    minutes: i64,
    by: Option<i64>,
) -> i64 {
    let mut activity = activity_at(site, category, starts_at);
    activity.title = title.into();
    let id = insert(&scene.app.store, activity).await;
    let pool = scene.app.store.pool();
    let signup = signups::sign_up(pool, id, account, None, now().timestamp())
        .await
        .unwrap();
    if let Some(by) = by {
        let change = Change {
            signup_id: signup,
            by,
            at: now().timestamp(),
            old: None,
            minutes,
            reason: None,
        };
        hours::confirm(pool, &change).await.unwrap();
    }
    id
}

/// [`served`] at 甲一站, confirmed by its staff member.
async fn confirmed(scene: &Scene, activity: (&str, &str, i64), account: i64, minutes: i64) -> i64 {
    let (site, by) = (scene.seed.station_a1, Some(scene.staff_id));
    served(scene, site, activity, account, minutes, by).await
}

async fn account_id(app: &TestApp, token: &str) -> i64 {
    let me: station_wire::accounts::Me = app
        .get_with("/api/v1/me", token)
        .await
        .json()
        .await
        .unwrap();
    me.id
}

#[tokio::test]
async fn the_certificate_lists_confirmed_hours_only_with_who_confirmed_them() {
    let s = scene("林晓雨").await;
    let me = account_id(&s.app, &s.volunteer).await;
    // Nothing yet: an empty certificate, not an error.
    let empty: Certificate = s
        .app
        .get_with("/api/v1/me/certificate", &s.volunteer)
        .await
        .json()
        .await
        .unwrap();
    assert!(empty.entries.is_empty());
    assert_eq!(empty.total_minutes, 0);

    let station = s.seed.station_a1;
    confirmed(&s, ("culture", "非遗夜校", -10), me, 90).await;
    confirmed(&s, ("elderly", "上门理发", -20), me, 60).await;
    // Attended but not confirmed: not on the certificate.
    served(&s, station, ("safety", "夜间巡逻", -5), me, 120, None).await;
    let certificate: Certificate = s
        .app
        .get_with("/api/v1/me/certificate", &s.volunteer)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(certificate.display_name, "林晓雨");
    assert_eq!(
        certificate.site.map(|site| site.name).as_deref(),
        Some("甲一站")
    );
    assert_eq!(certificate.issued_on, today());
    let titles: Vec<&str> = certificate
        .entries
        .iter()
        .map(|e| e.title.as_str())
        .collect();
    assert_eq!(titles, ["上门理发", "非遗夜校"], "oldest first");
    assert_eq!(certificate.entries[0].minutes, 60);
    assert_eq!(
        certificate.entries[0].date,
        today() - chrono::Duration::days(20)
    );
    assert_eq!(
        certificate.entries[1].confirmed_by.as_deref(),
        Some("王站长")
    );
    assert_eq!(certificate.entries[1].site_name, "甲一站");
    assert_eq!(certificate.total_minutes, 150);
    assert_eq!(s.app.get("/api/v1/me/certificate").await.status(), 401);
}

fn csv_lines(body: &[u8]) -> Vec<String> {
    assert!(
        body.starts_with(&[0xEF, 0xBB, 0xBF]),
        "UTF-8 with a BOM for Excel"
    );
    String::from_utf8(body[3..].to_vec())
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn staff_export_a_residents_hours_safe_from_formulas() {
    // A name typed as a formula stays text in Excel.
    let s = scene("=HYPERLINK(\"http://x\")").await;
    let me = account_id(&s.app, &s.volunteer).await;
    confirmed(&s, ("culture", "-2+3 手指画", -10), me, 100).await;
    confirmed(&s, ("elderly", "上门理发", -20), me, 50).await;
    // Served at another institute: on the resident's own certificate, not in this station's file.
    let elsewhere = (s.seed.institute_b, Some(s.staff_id));
    served(
        &s,
        elsewhere.0,
        ("culture", "乙所的课", -15),
        me,
        600,
        elsewhere.1,
    )
    .await;
    let path = format!("/api/v1/staff/reports/hours.csv?phone={}", phone(2));
    let response = s.app.get_with(&path, &s.staff).await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let lines = csv_lines(&response.bytes().await.unwrap());
    let day = |days: i64| {
        (today() + chrono::Duration::days(days))
            .format("%Y-%m-%d")
            .to_string()
    };
    assert_eq!(
        lines,
        [
            "日期,活动,站点,时长（小时）,确认人".to_owned(),
            format!("{},上门理发,甲一站,0.8,王站长", day(-20)),
            format!("{},'-2+3 手指画,甲一站,1.7,王站长", day(-10)),
            "合计,\"'=HYPERLINK(\"\"http://x\"\")\",,2.5,".to_owned(),
        ]
    );

    // Who is no resident of the caller's sites is unknown; a malformed number is named.
    let (other_staff, other) = account(&s.app.store, "乙所工作人员", &phone(3), None).await;
    grant_staff(s.app.store.pool(), other_staff, s.seed.institute_b)
        .await
        .unwrap();
    let refused = problem(s.app.get_with(&path, &other).await, 422).await;
    assert_eq!(named_errors(&refused), [("phone", codes::UNKNOWN)]);
    let refused = problem(
        s.app
            .get_with("/api/v1/staff/reports/hours.csv?phone=12345", &s.staff)
            .await,
        400,
    )
    .await;
    assert_eq!(named_errors(&refused), [("phone", codes::INVALID)]);
    // A volunteer exports nobody's hours, not even their own this way.
    assert_eq!(s.app.get_with(&path, &s.volunteer).await.status(), 403);
}

#[tokio::test]
async fn a_sites_month_counts_what_was_held_below_it_by_category() {
    let s = scene("林晓雨").await;
    let me = account_id(&s.app, &s.volunteer).await;
    let (_, neighbour) = account(&s.app.store, "赵一鸣", &phone(4), None).await;
    let neighbour = account_id(&s.app, &neighbour).await;
    let station = s.seed.station_a1;
    let staff = Some(s.staff_id);
    // This month (November 2026) at 甲一站, below 甲所.
    served(&s, station, ("elderly", "上门理发", -20), me, 60, staff).await;
    let twice = served(&s, station, ("elderly", "助浴", -10), me, 90, staff).await;
    let pool = s.app.store.pool();
    let signup = signups::sign_up(pool, twice, neighbour, None, now().timestamp())
        .await
        .unwrap();
    let change = Change {
        signup_id: signup,
        by: s.staff_id,
        at: now().timestamp(),
        old: None,
        minutes: 90,
        reason: None,
    };
    hours::confirm(pool, &change).await.unwrap();
    served(
        &s,
        station,
        ("culture", "非遗夜校", -5),
        neighbour,
        30,
        staff,
    )
    .await;
    // Not counted: last month, another institute, a cancelled one.
    served(&s, station, ("culture", "十月的课", -40), me, 600, staff).await;
    served(
        &s,
        s.seed.institute_b,
        ("culture", "乙所的课", -5),
        me,
        600,
        staff,
    )
    .await;
    let mut cancelled = activity_at(station, "safety", local(-3, 9, 0));
    cancelled.cancelled_at = Some(now().timestamp());
    insert(&s.app.store, cancelled).await;
    // The month's edges are the station's midnights, not UTC's: 1 November 00:30 is in,
    // 1 December 00:30 is out.
    let time = station_time();
    let at = |month: u32| {
        let day = chrono::NaiveDate::from_ymd_opt(2026, month, 1).unwrap();
        time.local_unix(day, chrono::NaiveTime::from_hms_opt(0, 30, 0).unwrap())
    };
    served_at(
        &s,
        station,
        ("safety", "月初巡逻", at(11)),
        neighbour,
        60,
        staff,
    )
    .await;
    served_at(
        &s,
        station,
        ("safety", "下月巡逻", at(12)),
        neighbour,
        600,
        staff,
    )
    .await;
    // Held but not yet confirmed: an activity, no volunteers or hours yet.
    served(&s, station, ("elderly", "待确认", -2), me, 120, None).await;
    // A draft is not held.
    let draft = served(&s, station, ("culture", "草稿", -2), me, 600, staff).await;
    sqlx::query("UPDATE activities SET published_at = NULL WHERE id = $1")
        .bind(draft)
        .execute(pool)
        .await
        .unwrap();

    let path = format!(
        "/api/v1/staff/reports/monthly.csv?site={}&month=2026-11",
        s.seed.institute_a
    );
    let admin = {
        let (id, token) = account(&s.app.store, "管理员", &phone(5), None).await;
        sqlx::query("UPDATE accounts SET is_admin = 1 WHERE id = $1")
            .bind(id)
            .execute(pool)
            .await
            .unwrap();
        token
    };
    let response = s.app.get_with(&path, &admin).await;
    assert_eq!(response.status(), 200);
    let lines = csv_lines(&response.bytes().await.unwrap());
    assert_eq!(lines[0], "类别,活动（场）,志愿者（人）,服务时长（小时）");
    let row = |name: &str| {
        lines
            .iter()
            .find(|line| line.starts_with(&format!("{name},")))
            .unwrap_or_else(|| panic!("a row for {name} in {lines:?}"))
            .clone()
    };
    assert_eq!(row("助老帮困"), "助老帮困,3,2,4.0");
    assert_eq!(row("文化"), "文化,1,1,0.5");
    assert_eq!(row("平安"), "平安,1,1,1.0");
    assert_eq!(row("邻里互助"), "邻里互助,0,0,0.0");
    // Two people served this month: counted once each in the total.
    assert_eq!(lines.last().unwrap(), "合计,5,2,5.5");
    assert_eq!(
        lines.len(),
        1 + 5 + 1,
        "a row per standard category and the total"
    );

    // A site that does not exist has no month, not one of zeros (an administrator covers all).
    let nowhere = "/api/v1/staff/reports/monthly.csv?site=999999&month=2026-11";
    problem(s.app.get_with(nowhere, &admin).await, 404).await;

    // Staff of 甲一站 only may not read 甲所's month; a month must be one.
    let refused = s.app.get_with(&path, &s.staff).await;
    assert_eq!(refused.status(), 403);
    let station_path = format!("/api/v1/staff/reports/monthly.csv?site={station}&month=2026-11");
    assert_eq!(s.app.get_with(&station_path, &s.staff).await.status(), 200);
    for month in [
        "2026-13",
        "2026-1",
        "11-2026",
        "2026-11-01",
        "+2026-1",
        "2026-00",
        "2026/11",
    ] {
        let bad = format!("/api/v1/staff/reports/monthly.csv?site={station}&month={month}");
        let refused = problem(s.app.get_with(&bad, &s.staff).await, 400).await;
        assert_eq!(
            named_errors(&refused),
            [("month", codes::INVALID)],
            "{month}"
        );
    }
}

/// Unix seconds of a wall-clock moment in the station's zone.
fn at(date: &str, hour: u32, minute: u32) -> i64 {
    station_time().local_unix(
        date.parse().unwrap(),
        chrono::NaiveTime::from_hms_opt(hour, minute, 0).unwrap(),
    )
}

/// A step over HTTP that must succeed; answers the body.
async fn ok(app: &TestApp, token: &str, method: Method, path: &str, body: Value) -> Value {
    let response = app.send_json(method, path, token, body).await;
    let status = response.status();
    let text = response.text().await.unwrap();
    assert!(status.is_success(), "{path}: {status} {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// An item on `site`'s menu, put there by its staff.
async fn service_at(app: &TestApp, staff: &str, site: i64, name: &str) -> i64 {
    let body = json!({"site_id": site, "name": name, "description": ""});
    let item = ok(app, staff, Method::POST, "/api/v1/services", body).await;
    serde_json::from_value::<ServiceItem>(item).unwrap().id
}

/// An order placed over HTTP, then dated `ordered_at` (unix seconds).
async fn order_at(app: &TestApp, token: &str, body: Value, ordered_at: i64) -> i64 {
    let order = ok(app, token, Method::POST, "/api/v1/orders", body).await;
    let id = serde_json::from_value::<Order>(order).unwrap().id;
    sqlx::query("UPDATE orders SET ordered_at = $2 WHERE id = $1")
        .bind(id)
        .bind(ordered_at)
        .execute(app.store.pool())
        .await
        .unwrap();
    id
}

/// A wish posted over HTTP, then dated `posted_at` (unix seconds).
async fn wish_at(app: &TestApp, token: &str, body: Value, posted_at: i64) -> i64 {
    let wish = ok(app, token, Method::POST, "/api/v1/wishes", body).await;
    let id = serde_json::from_value::<Wish>(wish).unwrap().id;
    sqlx::query("UPDATE wishes SET posted_at = $2 WHERE id = $1")
        .bind(id)
        .bind(posted_at)
        .execute(app.store.pool())
        .await
        .unwrap();
    id
}

/// An export's lines as `token` reads them (200, CSV, named `file_name`).
async fn export(app: &TestApp, path: &str, token: &str, file_name: &str) -> Vec<String> {
    let response = app.get_with(path, token).await;
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(content_type(&response), "text/csv; charset=utf-8");
    assert_eq!(
        response.headers()["content-disposition"],
        format!("attachment; filename=\"{file_name}\"").as_str()
    );
    assert_eq!(response.headers()["cache-control"], "no-store");
    csv_lines(&response.bytes().await.unwrap())
}

/// The ids of an export's rows (its first column), in order.
fn row_ids(lines: &[String]) -> Vec<i64> {
    lines[1..]
        .iter()
        .map(|line| line.split(',').next().unwrap().parse().unwrap())
        .collect()
}

async fn admin_token(app: &TestApp, n: u32) -> String {
    let (id, token) = account(&app.store, "管理员", &phone(n), None).await;
    sqlx::query("UPDATE accounts SET is_admin = 1 WHERE id = $1")
        .bind(id)
        .execute(app.store.pool())
        .await
        .unwrap();
    token
}

const ORDERS_HEADER: &str =
    "编号,站点,服务项目,状态,下单时间,期望时间,服务对象,地址,电话,派往队伍,接单志愿者,评分,评价,原因";

#[tokio::test]
async fn staff_export_their_sites_orders_of_a_range_safe_from_formulas() {
    let s = scene("林晓雨").await;
    let app = &s.app;
    let pool = app.store.pool();
    let station = s.seed.station_a1;
    let service = service_at(app, &s.staff, station, "上门理发").await;
    let order = |preferred: &str, address: &str, phone: &str| json!({"service_id": service, "preferred_time": preferred, "address": address, "phone": phone, "note": "=1+2"});
    // The month's edges are the station's midnights: 23:59 on 31 October is out, midnight on
    // 1 November in (still 31 October in UTC), 23:59 on 30 November in, midnight after it out.
    let resident = &s.volunteer;
    order_at(
        app,
        resident,
        order("周一", "1 号楼", "13600000001"),
        at("2026-10-31", 23, 59),
    )
    .await;
    let rejected = order_at(
        app,
        resident,
        order("本周三上午", "=HYPERLINK(\"http://x\")", "13611223344"),
        at("2026-11-01", 0, 0),
    )
    .await;
    let path = |id: i64, what: &str| format!("/api/v1/orders/{id}/{what}");
    let reason = json!({"reason": "-不在服务范围"});
    ok(
        app,
        &s.staff,
        Method::POST,
        &path(rejected, "reject"),
        reason,
    )
    .await;
    // Served and rated: its team, its volunteer, the rating and the comment.
    let rated = order_at(
        app,
        resident,
        order("周末", "幸福小区 3 号楼", "13611223345"),
        at("2026-11-10", 14, 0),
    )
    .await;
    let (leader_id, leader) = account(&app.store, "孙建国", &phone(4), Some(station)).await;
    let team = team_at(&app.store, station, "暖心帮扶", Some(leader_id)).await;
    ok(
        app,
        &s.staff,
        Method::POST,
        &path(rated, "approve"),
        Value::Null,
    )
    .await;
    let dispatch = json!({"team_id": team});
    ok(
        app,
        &s.staff,
        Method::POST,
        &path(rated, "dispatch"),
        dispatch,
    )
    .await;
    ok(
        app,
        &leader,
        Method::POST,
        &path(rated, "accept"),
        Value::Null,
    )
    .await;
    ok(
        app,
        &leader,
        Method::POST,
        &path(rated, "complete"),
        Value::Null,
    )
    .await;
    let rating = json!({"rating": 4, "comment": "=1+1 很满意"});
    ok(app, resident, Method::POST, &path(rated, "rate"), rating).await;
    // Placed by staff for a resident without a smartphone: whom it serves is that resident.
    let mut for_resident = order("周五下午", "幸福小区 5 号楼", "13700001111");
    for_resident["on_behalf_of"] = json!("@李奶奶");
    let for_resident = order_at(app, &s.staff, for_resident, at("2026-11-30", 23, 59)).await;
    order_at(
        app,
        resident,
        order("周二", "2 号楼", "13600000002"),
        at("2026-12-01", 0, 0),
    )
    .await;
    // 乙所's staff, menu and order: never in 甲一站's file.
    let (other_id, other) = account(&app.store, "乙所工作人员", &phone(3), None).await;
    grant_staff(pool, other_id, s.seed.institute_b)
        .await
        .unwrap();
    let elsewhere = service_at(app, &other, s.seed.institute_b, "代购").await;
    let mut theirs = order("周四", "乙所小区", "13600000003");
    theirs["service_id"] = json!(elsewhere);
    let theirs = order_at(app, resident, theirs, at("2026-11-15", 9, 0)).await;

    let query = "from=2026-11-01&to=2026-11-30";
    let file = "orders-2026-11-01-2026-11-30.csv";
    let orders_of = |site: Option<i64>| match site {
        Some(site) => format!("/api/v1/staff/reports/orders.csv?site_id={site}&{query}"),
        None => format!("/api/v1/staff/reports/orders.csv?{query}"),
    };
    let lines = export(app, &orders_of(None), &s.staff, file).await;
    assert_eq!(
        lines,
        [
            ORDERS_HEADER.to_owned(),
            format!(
                "{rejected},甲一站,上门理发,未通过,2026-11-01 00:00,本周三上午,林晓雨,\
                 \"'=HYPERLINK(\"\"http://x\"\")\",13611223344,,,,,'-不在服务范围"
            ),
            format!(
                "{rated},甲一站,上门理发,已评价,2026-11-10 14:00,周末,林晓雨,幸福小区 3 号楼,\
                 13611223345,暖心帮扶,孙建国,4,'=1+1 很满意,"
            ),
            format!(
                "{for_resident},甲一站,上门理发,待派单,2026-11-30 23:59,周五下午,'@李奶奶,\
                 幸福小区 5 号楼,13700001111,,,,,"
            ),
        ],
        "oldest first, the range's days only, nothing of 乙所"
    );
    let mine = [rejected, rated, for_resident];
    assert_eq!(
        row_ids(&export(app, &orders_of(Some(station)), &s.staff, file).await),
        mine
    );
    // 乙所's staff read theirs alone, and not 甲一站's even when they ask; 甲一站's not 乙所's.
    assert_eq!(
        row_ids(&export(app, &orders_of(None), &other, file).await),
        [theirs]
    );
    problem(app.get_with(&orders_of(Some(station)), &other).await, 403).await;
    let institute_b = Some(s.seed.institute_b);
    problem(app.get_with(&orders_of(institute_b), &s.staff).await, 403).await;
    // A site's file holds the sites below it; an administrator's, every site's.
    let (parent_id, parent) = account(&app.store, "甲所工作人员", &phone(5), None).await;
    grant_staff(pool, parent_id, s.seed.institute_a)
        .await
        .unwrap();
    let institute_a = Some(s.seed.institute_a);
    assert_eq!(
        row_ids(&export(app, &orders_of(institute_a), &parent, file).await),
        mine
    );
    let admin = admin_token(app, 6).await;
    assert_eq!(
        row_ids(&export(app, &orders_of(None), &admin, file).await),
        [rejected, rated, theirs, for_resident]
    );
    problem(app.get_with(&orders_of(Some(999_999)), &admin).await, 404).await;
    // Each file taken is in the audit log: who took which days (refusals are not).
    let audit: station_wire::page::Page<station_wire::audit::AuditEntry> = app
        .get_with("/api/v1/audit?limit=200", &admin)
        .await
        .json()
        .await
        .unwrap();
    let exports: Vec<&str> = audit
        .items
        .iter()
        .filter(|entry| entry.action == "report.orders_export")
        .inspect(|entry| {
            // What was taken, as every entry says it: an object (the contract's `after`).
            let sites = entry.after.as_ref().and_then(|after| after.get("sites"));
            assert!(sites.is_some(), "{:?}", entry.after);
        })
        .map(|entry| entry.subject.as_str())
        .collect();
    assert_eq!(exports.len(), 5, "{exports:?}");
    assert!(exports
        .iter()
        .all(|subject| *subject == "2026-11-01..2026-11-30"));
    // Residents, and anybody signed out, read no one's orders.
    problem(app.get_with(&orders_of(None), resident).await, 403).await;
    problem(app.get_with(&orders_of(Some(station)), resident).await, 403).await;
    problem(app.get(&orders_of(None)).await, 401).await;
}

#[tokio::test]
async fn staff_export_their_sites_wishes_posted_in_a_range() {
    let s = scene("林晓雨").await;
    let app = &s.app;
    let station = s.seed.station_a1;
    let deadline = (today() + chrono::Duration::days(10)).to_string();
    let wish = |site: i64, title: &str| {
        json!({
            "site_id": site, "title": title, "category": "study",
            "description": "书包背带断了。", "deadline": deadline,
            "beneficiary_name": "王小宇", "beneficiary_age": 8, "beneficiary_group": "困境儿童",
            "contact": "王丽 13812345678",
        })
    };
    let resident = &s.volunteer;
    wish_at(
        app,
        resident,
        wish(station, "十月的心愿"),
        at("2026-10-31", 23, 59),
    )
    .await;
    // Posted, approved, claimed, fulfilled and confirmed with thanks.
    let done = wish_at(
        app,
        resident,
        wish(station, "=1+1 书包"),
        at("2026-11-03", 8, 0),
    )
    .await;
    let (_, claimer) = account(&app.store, "赵一鸣", &phone(4), Some(station)).await;
    let path = |what: &str| format!("/api/v1/wishes/{done}/{what}");
    ok(app, &s.staff, Method::POST, &path("approve"), json!({})).await;
    ok(app, &claimer, Method::POST, &path("claim"), Value::Null).await;
    let note = json!({"note": "送到了"});
    ok(app, &claimer, Method::POST, &path("fulfil"), note).await;
    let thanks = json!({"rating": 5, "thanks": "-谢谢叔叔"});
    ok(app, resident, Method::POST, &path("confirm"), thanks).await;
    // Posted by staff for a resident without a smartphone; open.
    let mut quilt = wish(station, "一床棉被");
    quilt["category"] = json!("daily");
    quilt["beneficiary_name"] = json!("李秀英");
    quilt["beneficiary_age"] = Value::Null;
    quilt["beneficiary_group"] = Value::Null;
    quilt["on_behalf_of"] = json!("李奶奶");
    let quilt = wish_at(app, &s.staff, quilt, at("2026-11-30", 23, 59)).await;
    wish_at(
        app,
        resident,
        wish(station, "十二月的心愿"),
        at("2026-12-01", 0, 0),
    )
    .await;
    // 乙所's.
    let (other_id, other) = account(&app.store, "乙所工作人员", &phone(3), None).await;
    grant_staff(app.store.pool(), other_id, s.seed.institute_b)
        .await
        .unwrap();
    let theirs = wish(s.seed.institute_b, "乙所的心愿");
    let theirs = wish_at(app, resident, theirs, at("2026-11-15", 9, 0)).await;

    let query = "from=2026-11-01&to=2026-11-30";
    let file = "wishes-2026-11-01-2026-11-30.csv";
    let wishes_of = |site: Option<i64>| match site {
        Some(site) => format!("/api/v1/staff/reports/wishes.csv?site_id={site}&{query}"),
        None => format!("/api/v1/staff/reports/wishes.csv?{query}"),
    };
    let lines = export(app, &wishes_of(None), &s.staff, file).await;
    assert_eq!(
        lines,
        [
            "编号,站点,标题,类别,状态,发布时间,截止日期,受益人,年龄,群体,认领人,实现时间,评分,感谢"
                .to_owned(),
            format!(
                "{done},甲一站,'=1+1 书包,学习用品,已完成,2026-11-03 08:00,{deadline},王小宇,8,\
                 困境儿童,赵一鸣,2026-11-24 10:30,5,'-谢谢叔叔"
            ),
            format!(
                "{quilt},甲一站,一床棉被,生活物品,等待认领,2026-11-30 23:59,{deadline},李秀英,,,,,,"
            ),
        ],
        "oldest first, the range's days only, nothing of 乙所, the beneficiary's full name"
    );
    assert_eq!(
        row_ids(&export(app, &wishes_of(None), &other, file).await),
        [theirs]
    );
    problem(app.get_with(&wishes_of(Some(station)), &other).await, 403).await;
    let institute_b = Some(s.seed.institute_b);
    problem(app.get_with(&wishes_of(institute_b), &s.staff).await, 403).await;
    let admin = admin_token(app, 6).await;
    assert_eq!(
        row_ids(&export(app, &wishes_of(None), &admin, file).await),
        [done, theirs, quilt]
    );
    problem(app.get_with(&wishes_of(None), resident).await, 403).await;
    problem(app.get(&wishes_of(None)).await, 401).await;
}

#[tokio::test]
async fn an_export_names_what_is_wrong_with_its_range() {
    let s = scene("林晓雨").await;
    for kind in ["orders", "wishes"] {
        let base = format!("/api/v1/staff/reports/{kind}.csv");
        let refused = |query: &str, status: u16| {
            let path = format!("{base}{query}");
            let staff = s.staff.clone();
            let app = &s.app;
            async move { problem(app.get_with(&path, &staff).await, status).await }
        };
        let named = |problem: &station_wire::problem::Problem| {
            named_errors(problem)
                .into_iter()
                .map(|(field, code)| format!("{field}:{code}"))
                .collect::<Vec<_>>()
        };
        let cases: [(&str, u16, &[&str]); 7] = [
            ("", 400, &["from:required", "to:required"]),
            ("?to=2026-11-30", 400, &["from:required"]),
            (
                "?from=2026-11-31&to=soon",
                400,
                &["from:invalid_date", "to:invalid_date"],
            ),
            ("?from=2026-1-5&to=2026-11-30", 400, &["from:invalid_date"]),
            (
                "?site_id=甲&from=2026-11-01&to=2026-11-30",
                400,
                &["site_id:invalid"],
            ),
            ("?from=2026-11-30&to=2026-11-01", 422, &["to:out_of_range"]),
            // 367 days, both counted.
            ("?from=2026-01-01&to=2027-01-02", 422, &["to:out_of_range"]),
        ];
        for (query, status, fields) in cases {
            let problem = refused(query, status).await;
            assert_eq!(named(&problem), fields, "{base}{query}");
        }
        // A whole leap year is 366 days: in.
        let path = format!("{base}?from=2028-01-01&to=2028-12-31");
        let file = format!("{kind}-2028-01-01-2028-12-31.csv");
        let lines = export(&s.app, &path, &s.staff, &file).await;
        assert_eq!(lines.len(), 1, "the header alone");
    }
}

#[tokio::test]
async fn an_export_with_more_rows_than_it_holds_is_refused_not_cut_short() {
    let s = scene("林晓雨").await;
    let app = &s.app;
    let station = s.seed.station_a1;
    let service = service_at(app, &s.staff, station, "上门理发").await;
    let requester = account_id(app, &s.volunteer).await;
    // As many orders as an export holds, a minute apart from 1 November on.
    let many = |n: usize, first: i64| {
        sqlx::query(
            "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) \
             INSERT INTO orders (site_id, service_id, requester_id, preferred_time, address, \
             phone, note, status, ordered_at) \
             SELECT $2, $3, $4, '周三', '1 号楼', '13600000000', '', 'submitted', $5 + 60 * i FROM n",
        )
        .bind(i64::try_from(n).unwrap())
        .bind(station)
        .bind(service)
        .bind(requester)
        .bind(first)
        .execute(app.store.pool())
    };
    many(EXPORT_MAX_ROWS, at("2026-11-01", 0, 0)).await.unwrap();
    let path = "/api/v1/staff/reports/orders.csv?from=2026-11-01&to=2026-11-30";
    let file = "orders-2026-11-01-2026-11-30.csv";
    let lines = export(app, path, &s.staff, file).await;
    assert_eq!(lines.len(), 1 + EXPORT_MAX_ROWS);
    // One more in the range: refused, whole, with the reason; one after it changes nothing.
    many(1, at("2026-12-01", 0, 0)).await.unwrap();
    assert_eq!(
        export(app, path, &s.staff, file).await.len(),
        1 + EXPORT_MAX_ROWS
    );
    many(1, at("2026-11-20", 0, 0)).await.unwrap();
    let refused = problem(app.get_with(path, &s.staff).await, 422).await;
    assert_eq!(named_errors(&refused), [("to", codes::OUT_OF_RANGE)]);
    assert!(
        refused.errors[0]
            .message
            .contains(&EXPORT_MAX_ROWS.to_string()),
        "{refused:?}"
    );
    // A shorter range is exported.
    let first_half = "/api/v1/staff/reports/orders.csv?from=2026-11-01&to=2026-11-03";
    let lines = export(
        app,
        first_half,
        &s.staff,
        "orders-2026-11-01-2026-11-03.csv",
    )
    .await;
    assert_eq!(
        lines.len(),
        1 + 3 * 24 * 60 - 1,
        "a minute apart from 00:01"
    );
}
