use std::collections::HashSet;

use station_wire::activities::Activity;
use station_wire::page::Page;

use crate::common::{activity_at, insert, local, seed_tree, spawn_app_with, Options, TestApp};

/// Follows `next_cursor` from the first page of `?{query}` to the last, returning every id in order.
async fn walk(app: &TestApp, query: &str) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut path = format!("/api/v1/activities?{query}");
    for _ in 0..1_000 {
        let page: Page<Activity> = app.get_json(&path).await;
        ids.extend(page.items.iter().map(|activity| activity.id));
        match page.next_cursor {
            Some(cursor) => path = format!("/api/v1/activities?{query}&cursor={cursor}"),
            None => return ids,
        }
    }
    panic!("pagination did not end");
}

#[tokio::test]
async fn walking_small_pages_equals_one_big_page_even_with_equal_start_times() {
    let app = spawn_app_with(Options {
        demo_data: false,
        ..Default::default()
    })
    .await;
    let seed = seed_tree(&app.store).await;
    let crowded = local(3, 14, 0);
    for _ in 0..17 {
        insert(&app.store, activity_at(seed.station_a1, "elderly", crowded)).await;
    }
    for day in 1..=8 {
        insert(
            &app.store,
            activity_at(seed.institute_b, "safety", local(day, 9, 0)),
        )
        .await;
    }

    let all: Page<Activity> = app.get_json("/api/v1/activities?limit=200").await;
    assert_eq!(all.items.len(), 25);
    assert_eq!(all.next_cursor, None);
    let expected: Vec<i64> = all.items.iter().map(|activity| activity.id).collect();

    for limit in [1, 2, 3, 7, 25] {
        let walked = walk(&app, &format!("limit={limit}")).await;
        assert_eq!(walked, expected, "limit={limit}");
        assert_eq!(
            walked.iter().collect::<HashSet<_>>().len(),
            walked.len(),
            "no duplicates"
        );
    }
    // Filters hold on every page.
    let crowded_only = walk(&app, &format!("limit=4&site={}", seed.institute_a)).await;
    assert_eq!(crowded_only.len(), 17);
}

#[tokio::test]
async fn a_full_last_page_has_no_cursor_only_if_nothing_follows() {
    let app = spawn_app_with(Options {
        demo_data: false,
        ..Default::default()
    })
    .await;
    let seed = seed_tree(&app.store).await;
    for hour in [9, 10, 11, 12] {
        insert(
            &app.store,
            activity_at(seed.center, "elderly", local(1, hour, 0)),
        )
        .await;
    }
    let first: Page<Activity> = app.get_json("/api/v1/activities?limit=2").await;
    assert_eq!(first.items.len(), 2);
    let cursor = first.next_cursor.expect("a second page");
    let second: Page<Activity> = app
        .get_json(&format!("/api/v1/activities?limit=2&cursor={cursor}"))
        .await;
    assert_eq!(second.items.len(), 2);
    assert_eq!(second.next_cursor, None, "exactly four: no third page");
}

#[tokio::test]
async fn demo_data_walks_the_same_as_one_page() {
    let app = spawn_app_with(Options::default()).await;
    let all: Page<Activity> = app.get_json("/api/v1/activities?limit=200").await;
    let expected: Vec<i64> = all.items.iter().map(|activity| activity.id).collect();
    assert!(expected.len() > 20);
    assert_eq!(walk(&app, "limit=2").await, expected);
}
