//! Recurring activities: a rule makes one activity per date, each with its own places;
//! an occurrence moved or cancelled alone tells its volunteers and shows in the site's feed as
//! an exception of the RRULE (a deleted one as an EXDATE); "this and following" moves the later
//! ones alike and makes them a series of their own; the rule's bounds are refused clearly.

use reqwest::Method;
use serde_json::{json, Value};
use station_wire::activities::{Activity, ActivityStatus};
use station_wire::notices::NoticeKind;
use station_wire::page::Page;
use station_wire::problem::codes;
use station_wire::series::Series;

use crate::common::{problem, today, TestApp};
use crate::fixture::{Fixture, Who};
use crate::notices::notices_of;
use crate::signups::sign_up;

/// A weekly series from tomorrow 09:00–11:00 for four weeks, published.
fn weekly(f: &Fixture) -> Value {
    let day = today() + chrono::Duration::days(1);
    json!({
        "site_id": f.seed.station_a1,
        "category": "culture",
        "title": "周二书法课",
        "description": "每周一次，笔墨纸砚站里备好",
        "place": "二楼活动室",
        "starts_at": format!("{day}T09:00:00+08:00"),
        "ends_at": format!("{day}T11:00:00+08:00"),
        "capacity": 2,
        "publish": true,
        "repeat": { "freq": "weekly", "until": (day + chrono::Duration::days(21)).to_string() },
    })
}

async fn create(f: &Fixture, staff: &str, body: Value) -> Activity {
    let response = f
        .app
        .send_json(Method::POST, "/api/v1/activities", staff, body)
        .await;
    assert_eq!(response.status(), 201);
    response.json().await.unwrap()
}

/// The activity's path.
fn at(id: i64) -> String {
    format!("/api/v1/activities/{id}")
}

/// The status of `method` `path` with `body`, sent as `token`.
async fn status(app: &TestApp, method: Method, path: &str, token: &str, body: Value) -> u16 {
    app.send_json(method, path, token, body)
        .await
        .status()
        .as_u16()
}

async fn series_of(app: &TestApp, id: i64, token: Option<&str>) -> Series {
    let response = app
        .request(
            Method::GET,
            &format!("/api/v1/activities/{id}/series"),
            token,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// The ids of the occurrences of `id`'s series, by the start the rule gave them.
async fn occurrence_ids(app: &TestApp, id: i64) -> Vec<i64> {
    series_of(app, id, None)
        .await
        .occurrences
        .iter()
        .map(|occurrence| occurrence.id)
        .collect()
}

async fn activity(app: &TestApp, id: i64) -> Activity {
    app.get_json(&format!("/api/v1/activities/{id}")).await
}

/// The body that writes `activity` as it is, for an edit to change.
fn as_input(activity: &Activity) -> Value {
    json!({
        "site_id": activity.site.id,
        "category": activity.category,
        "title": activity.title,
        "description": activity.description,
        "place": activity.place,
        "starts_at": activity.starts_at.to_rfc3339(),
        "ends_at": activity.ends_at.to_rfc3339(),
        "capacity": activity.capacity,
    })
}

async fn feed(app: &TestApp, site: i64) -> String {
    let response = app.get(&format!("/api/v1/sites/{site}/calendar.ics")).await;
    assert_eq!(response.status(), 200);
    response.text().await.unwrap().replace("\r\n ", "")
}

#[tokio::test]
async fn a_weekly_rule_makes_one_activity_a_week_each_with_its_own_places() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    let first = create(&f, &staff, weekly(&f)).await;
    let series = series_of(&f.app, first.id, None).await;
    assert_eq!(series.occurrences.len(), 4);
    assert_eq!(series.occurrences[0].id, first.id);
    assert_eq!(first.series_id, Some(series.id), "each names its series");
    for pair in series.occurrences.windows(2) {
        assert_eq!(
            pair[1].starts_at - pair[0].starts_at,
            chrono::Duration::days(7)
        );
        assert!(!pair[1].moved);
    }
    let second = series.occurrences[1].id;
    assert_eq!(sign_up(&f.app, second, &volunteer).await.status(), 201);
    assert_eq!(activity(&f.app, second).await.places_left, 1);
    assert_eq!(
        activity(&f.app, series.occurrences[2].id).await.places_left,
        2
    );
    let last = activity(&f.app, series.occurrences[3].id).await;
    assert_eq!(last.title, "周二书法课");
    assert_eq!(
        last.starts_at.format("%H:%M").to_string(),
        "09:00",
        "the same time of day"
    );
    // An activity in no series has none.
    let single = create(&f, &staff, {
        let mut body = weekly(&f);
        body.as_object_mut().unwrap().remove("repeat");
        body
    })
    .await;
    assert_eq!(single.series_id, None);
    f.app
        .get_problem(&format!("/api/v1/activities/{}/series", single.id), 404)
        .await;
}

#[tokio::test]
async fn a_draft_series_is_published_together_and_hidden_until_then() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let mut body = weekly(&f);
    body["publish"] = json!(false);
    let first = create(&f, &staff, body).await;
    assert_eq!(first.status, ActivityStatus::Draft);
    f.app
        .get_problem(&format!("/api/v1/activities/{}/series", first.id), 404)
        .await;
    let drafts = series_of(&f.app, first.id, Some(&staff)).await;
    assert_eq!(drafts.occurrences.len(), 4);
    let path = format!("/api/v1/activities/{}/publish", first.id);
    assert_eq!(
        status(&f.app, Method::POST, &path, &staff, json!({})).await,
        200
    );
    let published = series_of(&f.app, first.id, None).await;
    assert_eq!(published.occurrences.len(), 4);
    assert!(published
        .occurrences
        .iter()
        .all(|occurrence| occurrence.status == ActivityStatus::Open));
}

#[tokio::test]
async fn one_occurrence_moved_cancelled_or_deleted_tells_its_volunteers_and_the_feed() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    let first = create(&f, &staff, weekly(&f)).await;
    let ids = occurrence_ids(&f.app, first.id).await;
    for id in &ids[1..3] {
        assert_eq!(sign_up(&f.app, *id, &volunteer).await.status(), 201);
    }
    // The second moves a day later, alone.
    let second = activity(&f.app, ids[1]).await;
    let mut body = as_input(&second);
    let moved_start = second.starts_at + chrono::Duration::days(1);
    body["starts_at"] = json!(moved_start.to_rfc3339());
    body["ends_at"] = json!((second.ends_at + chrono::Duration::days(1)).to_rfc3339());
    assert_eq!(
        status(&f.app, Method::PUT, &at(ids[1]), &staff, body).await,
        200
    );
    // The third is cancelled alone, the fourth (nobody signed up) deleted.
    assert_eq!(
        status(
            &f.app,
            Method::POST,
            &format!("{}/cancel", at(ids[2])),
            &staff,
            json!({ "reason": "活动室维修" })
        )
        .await,
        200
    );
    assert_eq!(
        status(&f.app, Method::DELETE, &at(ids[3]), &staff, json!({})).await,
        204
    );

    let notices = notices_of(&f.app, &volunteer).await;
    let moved = notices
        .iter()
        .find(|notice| notice.kind == NoticeKind::ActivityMoved)
        .expect("a notice of the new time");
    assert_eq!(moved.activity_id, Some(ids[1]));
    assert_eq!(moved.starts_at, Some(moved_start));
    let cancelled = notices
        .iter()
        .find(|notice| notice.kind == NoticeKind::ActivityCancelled)
        .expect("a notice of the cancellation");
    assert_eq!(
        (cancelled.activity_id, cancelled.reason.as_deref()),
        (Some(ids[2]), Some("活动室维修"))
    );
    assert_eq!(notices.len(), 2, "the first, untouched, tells nothing");

    let series = series_of(&f.app, first.id, None).await;
    let moved: Vec<bool> = series.occurrences.iter().map(|o| o.moved).collect();
    assert_eq!(moved, [false, true, false], "the deleted one is gone");

    let text = feed(&f.app, f.seed.station_a1).await;
    let uid = format!("UID:station-series-{}\r\n", series.id);
    assert_eq!(
        text.matches(&uid).count(),
        3,
        "the rule and two exceptions: {text}"
    );
    let day = |offset: i64| {
        (today() + chrono::Duration::days(offset))
            .format("%Y%m%d")
            .to_string()
    };
    assert!(
        text.contains(&format!("DTSTART;TZID=Asia/Shanghai:{}T090000\r\n", day(1))),
        "{text}"
    );
    assert!(
        text.contains("RRULE:FREQ=WEEKLY;INTERVAL=1;UNTIL="),
        "{text}"
    );
    assert!(
        text.contains(&format!("EXDATE;TZID=Asia/Shanghai:{}T090000\r\n", day(22))),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "RECURRENCE-ID;TZID=Asia/Shanghai:{}T090000\r\n",
            day(8)
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("DTSTART;TZID=Asia/Shanghai:{}T090000\r\n", day(9))),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "RECURRENCE-ID;TZID=Asia/Shanghai:{}T090000\r\n",
            day(15)
        )),
        "{text}"
    );
    assert!(text.contains("STATUS:CANCELLED\r\n"), "{text}");
    assert!(
        !text.contains(&format!("UID:station-activity-{}\r\n", ids[0])),
        "{text}"
    );
}

#[tokio::test]
async fn this_and_following_moves_the_later_ones_alike_and_makes_them_a_series_of_their_own() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    let first = create(&f, &staff, weekly(&f)).await;
    let ids = occurrence_ids(&f.app, first.id).await;
    assert_eq!(sign_up(&f.app, ids[3], &volunteer).await.status(), 201);
    let second = activity(&f.app, ids[1]).await;
    let mut body = as_input(&second);
    body["title"] = json!("书法课（新教室）");
    body["place"] = json!("三楼书画室");
    body["starts_at"] = json!((second.starts_at + chrono::Duration::hours(1)).to_rfc3339());
    body["ends_at"] = json!((second.ends_at + chrono::Duration::hours(1)).to_rfc3339());
    body["apply_to"] = json!("following");
    assert_eq!(
        status(&f.app, Method::PUT, &at(ids[1]), &staff, body).await,
        200
    );

    let untouched = activity(&f.app, ids[0]).await;
    assert_eq!(
        (untouched.title.as_str(), untouched.starts_at),
        ("周二书法课", first.starts_at)
    );
    for (week, id) in ids.iter().enumerate().skip(1) {
        let later = activity(&f.app, *id).await;
        assert_eq!(later.title, "书法课（新教室）");
        assert_eq!(later.place, "三楼书画室");
        assert_eq!(
            later.starts_at,
            first.starts_at + chrono::Duration::days(7 * week as i64) + chrono::Duration::hours(1)
        );
    }
    let before = series_of(&f.app, ids[0], None).await;
    let after = series_of(&f.app, ids[1], None).await;
    assert_ne!(before.id, after.id, "a series of their own from here");
    assert_eq!(before.occurrences.len(), 1);
    assert_eq!(before.until, first.starts_at.date_naive());
    assert_eq!(after.occurrences.len(), 3);
    assert!(after.occurrences.iter().all(|occurrence| !occurrence.moved));
    let notices = notices_of(&f.app, &volunteer).await;
    assert_eq!(notices.len(), 1);
    assert_eq!(
        (notices[0].kind, notices[0].activity_id),
        (NoticeKind::ActivityMoved, Some(ids[3]))
    );
    // The feed has two rules, and no exception: each says what its occurrences are.
    let text = feed(&f.app, f.seed.station_a1).await;
    assert_eq!(text.matches("RRULE:").count(), 2, "{text}");
    assert!(!text.contains("RECURRENCE-ID"), "{text}");
    assert!(text.contains("SUMMARY:书法课（新教室）\r\n"), "{text}");

    // Cancelling the third and those after it leaves the second.
    assert_eq!(
        status(
            &f.app,
            Method::POST,
            &format!("{}/cancel", at(ids[2])),
            &staff,
            json!({ "reason": "老师调走了", "apply_to": "following" })
        )
        .await,
        200
    );
    let statuses: Vec<ActivityStatus> = series_of(&f.app, ids[1], None)
        .await
        .occurrences
        .iter()
        .map(|occurrence| occurrence.status)
        .collect();
    assert_eq!(
        statuses,
        [
            ActivityStatus::Open,
            ActivityStatus::Cancelled,
            ActivityStatus::Cancelled
        ]
    );
    let told = notices_of(&f.app, &volunteer).await;
    assert_eq!(told[0].kind, NoticeKind::ActivityCancelled);
    assert_eq!(told[0].activity_id, Some(ids[3]));
}

#[tokio::test]
async fn a_rule_out_of_bounds_is_refused_by_name() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let day = today() + chrono::Duration::days(1);
    for (repeat, status, field) in [
        (
            json!({ "freq": "weekly", "until": (day - chrono::Duration::days(1)).to_string() }),
            422,
            "repeat.until",
        ),
        (
            json!({ "freq": "weekly", "until": (day + chrono::Duration::days(367)).to_string() }),
            422,
            "repeat.until",
        ),
        (
            json!({ "freq": "monthly", "interval": 0, "until": day.to_string() }),
            400,
            "repeat.interval",
        ),
        (
            json!({ "freq": "monthly", "interval": 13, "until": day.to_string() }),
            400,
            "repeat.interval",
        ),
    ] {
        let mut body = weekly(&f);
        body["repeat"] = repeat.clone();
        let refusal = problem(
            f.app
                .send_json(Method::POST, "/api/v1/activities", &staff, body)
                .await,
            status,
        )
        .await;
        let fields: Vec<(&str, &str)> = refusal
            .errors
            .iter()
            .map(|error| (error.field.as_str(), error.code.as_str()))
            .collect();
        assert_eq!(fields, [(field, codes::OUT_OF_RANGE)], "{repeat}");
    }
    // Nothing was made by the refusals.
    let page: Page<Activity> = f
        .app
        .get_with("/api/v1/staff/activities?limit=200", &staff)
        .await
        .json()
        .await
        .unwrap();
    assert!(page
        .items
        .iter()
        .all(|activity| activity.title != "周二书法课"));
    // A year of Mondays is 53 at most, and a monthly rule on the 31st skips short months.
    let mut body = weekly(&f);
    body["repeat"] =
        json!({ "freq": "weekly", "until": (day + chrono::Duration::days(366)).to_string() });
    let first = create(&f, &staff, body).await;
    let count = series_of(&f.app, first.id, None).await.occurrences.len();
    assert!((52..=53).contains(&count), "{count}");
}

/// "This and the later ones" moves the later ones by the calendar, not by a number of seconds:
/// a monthly series on the 20th whose second date moves to the 1st of the next month goes on
/// on the 1st of each month (a fixed 12 days would have put March's on the 4th).
#[tokio::test]
async fn a_monthly_series_moved_from_one_date_follows_the_new_day_of_the_month() {
    let f = Fixture::new().await;
    let staff = f.token(Who::StaffHere).await.unwrap();
    let mut body = weekly(&f);
    body["starts_at"] = json!("2027-01-20T15:00:00+08:00");
    body["ends_at"] = json!("2027-01-20T16:00:00+08:00");
    body["repeat"] = json!({ "freq": "monthly", "until": "2027-04-30" });
    let first = create(&f, &staff, body).await;
    let ids = occurrence_ids(&f.app, first.id).await;
    assert_eq!(ids.len(), 4);
    let second = activity(&f.app, ids[1]).await;
    assert_eq!(second.starts_at.to_rfc3339(), "2027-02-20T15:00:00+08:00");
    let mut edit = as_input(&second);
    edit["starts_at"] = json!("2027-03-01T15:00:00+08:00");
    edit["ends_at"] = json!("2027-03-01T16:00:00+08:00");
    edit["apply_to"] = json!("following");
    assert_eq!(
        status(&f.app, Method::PUT, &at(ids[1]), &staff, edit).await,
        200
    );
    let mut starts = Vec::new();
    for id in &ids {
        starts.push(activity(&f.app, *id).await.starts_at.to_rfc3339());
    }
    assert_eq!(
        starts,
        [
            "2027-01-20T15:00:00+08:00",
            "2027-03-01T15:00:00+08:00",
            "2027-04-01T15:00:00+08:00",
            "2027-05-01T15:00:00+08:00",
        ]
    );
    let after = series_of(&f.app, ids[1], None).await;
    assert!(after.occurrences.iter().all(|occurrence| !occurrence.moved));
    assert_eq!(after.until.to_string(), "2027-05-01");
}

/// An occurrence moved to another site leaves its series (a series is one site's): staff of
/// that site cannot reach the rest of the series through it.
#[tokio::test]
async fn an_occurrence_moved_to_another_site_leaves_its_series() {
    let f = Fixture::new().await;
    let admin = f.token(Who::Admin).await.unwrap();
    let other = f.token(Who::StaffOther).await.unwrap();
    let first = create(&f, &admin, weekly(&f)).await;
    let ids = occurrence_ids(&f.app, first.id).await;
    let second = activity(&f.app, ids[1]).await;
    let mut edit = as_input(&second);
    edit["site_id"] = json!(f.seed.institute_b);
    assert_eq!(
        status(&f.app, Method::PUT, &at(ids[1]), &admin, edit.clone()).await,
        200
    );
    assert_eq!(activity(&f.app, ids[1]).await.series_id, None);
    assert_eq!(
        occurrence_ids(&f.app, first.id).await,
        [ids[0], ids[2], ids[3]]
    );
    // Its new site's staff, cancelling "it and the later ones", cancel it alone.
    let cancel = json!({ "reason": "改期", "apply_to": "following" });
    let path = format!("{}/cancel", at(ids[1]));
    assert_eq!(
        status(&f.app, Method::POST, &path, &other, cancel).await,
        200
    );
    for id in [ids[0], ids[2], ids[3]] {
        assert_eq!(activity(&f.app, id).await.status, ActivityStatus::Open);
    }
}
