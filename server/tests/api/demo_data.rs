use std::collections::HashMap;

use chrono::{Datelike, Duration};
use station_wire::activities::{Activity, ActivityStatus};
use station_wire::page::{List, Page};
use station_wire::sites::SiteNode;

use crate::common::{spawn_app_on, spawn_app_with, today, Options, TestApp, TestDatabase};

async fn all_demo_activities(app: &TestApp) -> Vec<Activity> {
    let from = today() - Duration::days(14);
    let to = today() + Duration::days(30);
    let page: Page<Activity> = app
        .get_json(&format!("/api/v1/activities?from={from}&to={to}&limit=200"))
        .await;
    assert_eq!(
        page.next_cursor, None,
        "the demo month fits one page of 200"
    );
    page.items
}

#[tokio::test]
async fn demo_data_is_a_living_station_around_today() {
    let app = spawn_app_with(Options::default()).await;
    let activities = all_demo_activities(&app).await;

    let mut per_category: HashMap<&str, usize> = HashMap::new();
    for activity in &activities {
        *per_category.entry(activity.category.as_str()).or_default() += 1;
    }
    for slug in ["elderly", "safety", "neighbour", "culture", "environment"] {
        assert!(
            per_category.get(slug).copied().unwrap_or(0) >= 8,
            "{slug}: {per_category:?}"
        );
    }

    for offset in -14..=30 {
        let day = today() + Duration::days(offset);
        let on_day = activities
            .iter()
            .filter(|a| a.starts_at.date_naive() == day)
            .count();
        // Up to five of the day's own, and a weekly service on Tuesdays and Thursdays.
        assert!((1..=6).contains(&on_day), "{day}: {on_day} activities");
        let weekly = activities
            .iter()
            .filter(|a| a.starts_at.date_naive() == day && a.title == "周二义务理发")
            .count();
        let tuesday = day.weekday() == chrono::Weekday::Tue;
        assert_eq!(weekly, usize::from(tuesday), "{day}: the weekly series");
    }
    let today_hours: Vec<u32> = activities
        .iter()
        .filter(|a| a.starts_at.date_naive() == today())
        .map(|a| chrono::Timelike::hour(&a.starts_at))
        .collect();
    assert!(today_hours.len() >= 3);
    assert!(
        today_hours.iter().any(|h| *h < 12) && today_hours.iter().any(|h| *h >= 18),
        "{today_hours:?}"
    );

    let count = |status| activities.iter().filter(|a| a.status == status).count();
    assert!(count(ActivityStatus::Cancelled) >= 1);
    assert!(count(ActivityStatus::Full) >= 1);
    assert!(count(ActivityStatus::Open) >= 10);
    assert!(count(ActivityStatus::Finished) >= 14);
    assert!(activities.iter().any(|a| a.signup_deadline.is_some()));
    assert!(activities.iter().any(|a| a.team.is_some()));
    assert!(activities
        .iter()
        .all(|a| a.starts_at.offset().local_minus_utc() == 8 * 3600));
    assert!(activities
        .iter()
        .all(|a| a.places_left <= a.capacity && a.ends_at > a.starts_at));
}

#[tokio::test]
async fn demo_data_is_loaded_once_and_survives_a_restart() {
    let database = TestDatabase::fresh().await;
    let first = spawn_app_on(database.clone(), Options::default()).await;
    let before = all_demo_activities(&first).await;
    let sites_before: List<SiteNode> = first.get_json("/api/v1/sites").await;
    first.shut_down().await;

    let second = spawn_app_on(database, Options::default()).await;
    assert_eq!(all_demo_activities(&second).await, before);
    let sites_after: List<SiteNode> = second.get_json("/api/v1/sites").await;
    assert_eq!(sites_after, sites_before);
}

#[tokio::test]
async fn without_demo_data_the_database_holds_only_the_standard_categories() {
    let app = spawn_app_with(Options {
        demo_data: false,
        ..Default::default()
    })
    .await;
    let sites: List<SiteNode> = app.get_json("/api/v1/sites").await;
    assert!(sites.items.is_empty());
    let categories: List<station_wire::activities::Category> =
        app.get_json("/api/v1/categories").await;
    assert_eq!(
        categories.items.len(),
        5,
        "the practice's standard, not demo"
    );
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(accounts, 0);
    let activities: Page<Activity> = app.get_json("/api/v1/activities").await;
    assert!(activities.items.is_empty());
}
