//! Records: a volunteer's service certificate from confirmed hours; staff's CSV of a resident's
//! hours and of a site's month by category — formula-safe for Excel.

use station_server::store::accounts::grant_staff;
use station_server::store::hours::{self, Change};
use station_server::store::signups;
use station_wire::problem::codes;
use station_wire::reports::Certificate;

use crate::common::{
    account, activity_at, insert, local, named_errors, now, phone, problem, seed_tree,
    spawn_app_with, station_time, today, Options, Seed, TestApp,
};

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
