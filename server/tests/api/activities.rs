use station_wire::activities::{Activity, ActivityDay, ActivityStatus};
use station_wire::page::{List, Page};

use crate::common::{activity_at, insert, local, seed_tree, spawn_app_with, today, Options};

fn no_demo() -> Options {
    Options {
        demo_data: false,
        ..Default::default()
    }
}

fn ids(page: &Page<Activity>) -> Vec<i64> {
    page.items.iter().map(|activity| activity.id).collect()
}

#[tokio::test]
async fn default_range_is_today_and_the_next_30_days_in_the_station_zone() {
    let app = spawn_app_with(no_demo()).await;
    let seed = seed_tree(&app.store).await;
    let site = seed.station_a1;
    let _yesterday_late = insert(&app.store, activity_at(site, "elderly", local(-1, 23, 59))).await;
    let today_midnight = insert(&app.store, activity_at(site, "elderly", local(0, 0, 0))).await;
    let last_day_late = insert(&app.store, activity_at(site, "elderly", local(30, 23, 59))).await;
    let _day_31 = insert(&app.store, activity_at(site, "elderly", local(31, 0, 0))).await;

    let page: Page<Activity> = app.get_json("/api/v1/activities").await;
    assert_eq!(ids(&page), [today_midnight, last_day_late]);
    assert_eq!(page.next_cursor, None);
    assert_eq!(
        page.items[0].starts_at.to_rfc3339(),
        format!("{}T00:00:00+08:00", today())
    );
}

#[tokio::test]
async fn explicit_range_includes_the_whole_last_day() {
    let app = spawn_app_with(no_demo()).await;
    let seed = seed_tree(&app.store).await;
    let inside = insert(
        &app.store,
        activity_at(seed.center, "safety", local(-3, 22, 0)),
    )
    .await;
    let _after = insert(
        &app.store,
        activity_at(seed.center, "safety", local(-2, 0, 0)),
    )
    .await;
    let from = today() - chrono::Duration::days(5);
    let to = today() - chrono::Duration::days(3);
    let page: Page<Activity> = app
        .get_json(&format!("/api/v1/activities?from={from}&to={to}"))
        .await;
    assert_eq!(ids(&page), [inside]);
}

#[tokio::test]
async fn activities_are_ordered_by_start_then_id() {
    let app = spawn_app_with(no_demo()).await;
    let seed = seed_tree(&app.store).await;
    let late = insert(
        &app.store,
        activity_at(seed.center, "elderly", local(2, 15, 0)),
    )
    .await;
    let early = insert(
        &app.store,
        activity_at(seed.center, "elderly", local(1, 9, 0)),
    )
    .await;
    let tie_a = insert(
        &app.store,
        activity_at(seed.center, "elderly", local(1, 14, 0)),
    )
    .await;
    let tie_b = insert(
        &app.store,
        activity_at(seed.center, "safety", local(1, 14, 0)),
    )
    .await;
    let page: Page<Activity> = app.get_json("/api/v1/activities").await;
    assert_eq!(ids(&page), [early, tie_a, tie_b, late]);
}

#[tokio::test]
async fn site_filter_includes_every_site_below() {
    let app = spawn_app_with(no_demo()).await;
    let seed = seed_tree(&app.store).await;
    let at_center = insert(
        &app.store,
        activity_at(seed.center, "elderly", local(1, 9, 0)),
    )
    .await;
    let at_institute_a = insert(
        &app.store,
        activity_at(seed.institute_a, "elderly", local(1, 10, 0)),
    )
    .await;
    let at_station_a1 = insert(
        &app.store,
        activity_at(seed.station_a1, "elderly", local(1, 11, 0)),
    )
    .await;
    let at_institute_b = insert(
        &app.store,
        activity_at(seed.institute_b, "elderly", local(1, 12, 0)),
    )
    .await;

    let page: Page<Activity> = app
        .get_json(&format!("/api/v1/activities?site={}", seed.institute_a))
        .await;
    assert_eq!(ids(&page), [at_institute_a, at_station_a1]);
    let page: Page<Activity> = app
        .get_json(&format!("/api/v1/activities?site={}", seed.station_a1))
        .await;
    assert_eq!(ids(&page), [at_station_a1]);
    let page: Page<Activity> = app
        .get_json(&format!("/api/v1/activities?site={}", seed.center))
        .await;
    assert_eq!(
        ids(&page),
        [at_center, at_institute_a, at_station_a1, at_institute_b]
    );
    assert_eq!(page.items[2].site.name, "甲一站");
}

#[tokio::test]
async fn category_filter_keeps_only_that_category() {
    let app = spawn_app_with(no_demo()).await;
    let seed = seed_tree(&app.store).await;
    let elderly = insert(
        &app.store,
        activity_at(seed.center, "elderly", local(1, 9, 0)),
    )
    .await;
    let _safety = insert(
        &app.store,
        activity_at(seed.center, "safety", local(1, 10, 0)),
    )
    .await;
    let page: Page<Activity> = app.get_json("/api/v1/activities?category=elderly").await;
    assert_eq!(ids(&page), [elderly]);
    let both: Page<Activity> = app
        .get_json(&format!(
            "/api/v1/activities?category=safety&site={}",
            seed.station_a1
        ))
        .await;
    assert!(both.items.is_empty());
}

#[tokio::test]
async fn status_is_computed_from_the_clock_the_places_and_the_deadline() {
    let app = spawn_app_with(no_demo()).await;
    let seed = seed_tree(&app.store).await;
    let site = seed.center;
    // The clock stands at 10:30 today.
    let open = insert(&app.store, activity_at(site, "elderly", local(1, 9, 0))).await;
    let full = insert(&app.store, {
        let mut a = activity_at(site, "elderly", local(1, 9, 0));
        a.confirmed_count = 10;
        a
    })
    .await;
    let cancelled = insert(&app.store, {
        let mut a = activity_at(site, "elderly", local(1, 9, 0));
        a.cancelled_at = Some(local(-1, 9, 0));
        a
    })
    .await;
    let finished = insert(&app.store, activity_at(site, "elderly", local(0, 8, 0))).await; // 08:00–10:00
    let running = insert(&app.store, activity_at(site, "elderly", local(0, 10, 0))).await; // 10:00–12:00
    let deadline_passed = insert(&app.store, {
        let mut a = activity_at(site, "elderly", local(1, 9, 0));
        a.signup_deadline = Some(local(0, 10, 0));
        a
    })
    .await;
    let deadline_ahead = insert(&app.store, {
        let mut a = activity_at(site, "elderly", local(1, 9, 0));
        a.signup_deadline = Some(local(0, 18, 0));
        a.confirmed_count = 4;
        a
    })
    .await;

    let expectations = [
        (open, ActivityStatus::Open, 10),
        (full, ActivityStatus::Full, 0),
        (cancelled, ActivityStatus::Cancelled, 10),
        (finished, ActivityStatus::Finished, 10),
        (running, ActivityStatus::Closed, 10),
        (deadline_passed, ActivityStatus::Closed, 10),
        (deadline_ahead, ActivityStatus::Open, 6),
    ];
    for (id, status, places_left) in expectations {
        let activity: Activity = app.get_json(&format!("/api/v1/activities/{id}")).await;
        assert_eq!(
            (activity.status, activity.places_left),
            (status, places_left),
            "activity {id}"
        );
    }
}

#[tokio::test]
async fn get_by_id_equals_the_list_entry() {
    let app = spawn_app_with(Options::default()).await;
    // The list comes from the database as one JSON text: text that JSON must escape, and every
    // optional field set, read back as they were written.
    let first: Page<Activity> = app.get_json("/api/v1/activities?limit=1").await;
    let mut awkward = activity_at(first.items[0].site.id, "culture", local(0, 23, 0));
    awkward.title = "\"引号\" \\ 反斜杠\n换行\t制表 😀 </script>".into();
    awkward.description = "\u{7}控制字符 \u{2028} 行分隔".into();
    awkward.place = "'单引号'".into();
    awkward.target_group = Some("长者 & \"家属\"".into());
    awkward.signup_deadline = Some(local(0, 22, 0));
    awkward.cancelled_at = Some(local(-1, 9, 0));
    let awkward = insert(&app.store, awkward).await;
    let page: Page<Activity> = app.get_json("/api/v1/activities?limit=20").await;
    assert!(page.items.iter().any(|listed| listed.id == awkward));
    for listed in &page.items {
        let single: Activity = app
            .get_json(&format!("/api/v1/activities/{}", listed.id))
            .await;
        assert_eq!(&single, listed);
    }
}

#[tokio::test]
async fn unknown_and_malformed_ids_are_problems() {
    let app = spawn_app_with(no_demo()).await;
    let problem = app.get_problem("/api/v1/activities/987654", 404).await;
    assert_eq!(problem.kind, station_wire::problem::types::NOT_FOUND);
    let problem = app.get_problem("/api/v1/activities/abc", 400).await;
    assert_eq!(problem.kind, station_wire::problem::types::VALIDATION);
    assert_eq!(problem.errors[0].field, "id");
    assert_eq!(
        problem.errors[0].code,
        station_wire::problem::codes::INVALID
    );
}

/// The list is answered from memory while nothing it depends on changed (`api/answers.rs`):
/// never after a sign-up, a site renamed straight in the database, the moment an activity
/// starts, or the day turning.
#[tokio::test]
async fn a_kept_list_answer_is_never_stale() {
    let app = spawn_app_with(no_demo()).await;
    let seed = seed_tree(&app.store).await;
    let starts = local(1, 10, 0);
    let id = insert(&app.store, activity_at(seed.station_a1, "elderly", starts)).await;
    let read = || async {
        let page: Page<Activity> = app.get_json("/api/v1/activities?limit=50").await;
        page.items.into_iter().find(|activity| activity.id == id)
    };
    let first = read().await.expect("listed");
    assert_eq!(read().await.as_ref(), Some(&first), "asked again, the same");

    let (_, token) =
        crate::common::account(&app.store, "甲", &crate::common::phone(91_001), None).await;
    assert_eq!(
        crate::signups::sign_up(&app, id, &token).await.status(),
        201
    );
    let signed = read().await.expect("listed");
    assert_eq!(signed.places_left, first.places_left - 1, "after a sign-up");

    sqlx::query("UPDATE sites SET name = '改名站' WHERE id = $1")
        .bind(seed.station_a1)
        .execute(app.store.pool())
        .await
        .unwrap();
    assert_eq!(read().await.expect("listed").site.name, "改名站");

    app.clock
        .set(chrono::DateTime::from_timestamp(starts + 1, 0).unwrap());
    assert_eq!(
        read().await.expect("listed").status,
        ActivityStatus::Closed,
        "once it has begun"
    );
    // Past midnight the list starts on the next day, without the activity of the day before.
    app.clock
        .set(chrono::DateTime::from_timestamp(local(2, 0, 1), 0).unwrap());
    assert_eq!(read().await, None);
}

/// The month grid's day counts are kept as the list is, and are as fresh: another activity that
/// day counts at once, the day turning drops the day before, and the count of activities still
/// open follows the clock (that answer is never kept).
#[tokio::test]
async fn kept_day_counts_are_never_stale() {
    let app = spawn_app_with(no_demo()).await;
    let seed = seed_tree(&app.store).await;
    // Today, later than the tests' clock (10:30).
    let starts = local(0, 15, 0);
    insert(&app.store, activity_at(seed.station_a1, "elderly", starts)).await;
    let reader = &app;
    let counts = |query: &'static str| async move {
        let days: List<ActivityDay> = reader
            .get_json(&format!("/api/v1/activities/days{query}"))
            .await;
        days.items
            .into_iter()
            .map(|day| (day.date, day.count))
            .collect::<Vec<_>>()
    };
    let today = today();
    assert_eq!(counts("").await, [(today, 1)]);
    assert_eq!(counts("").await, [(today, 1)], "asked again, the same");
    assert_eq!(counts("?open=true").await, [(today, 1)]);

    insert(
        &app.store,
        activity_at(seed.station_a1, "culture", local(0, 16, 0)),
    )
    .await;
    assert_eq!(counts("").await, [(today, 2)], "after another is published");
    assert_eq!(counts("?open=true").await, [(today, 2)]);

    app.clock
        .set(chrono::DateTime::from_timestamp(starts + 1, 0).unwrap());
    assert_eq!(
        counts("?open=true").await,
        [(today, 1)],
        "once one has begun"
    );
    assert_eq!(counts("").await, [(today, 2)]);
    // Past midnight the range starts on the next day, without the day before.
    app.clock
        .set(chrono::DateTime::from_timestamp(local(1, 0, 1), 0).unwrap());
    assert_eq!(counts("").await, []);
}
