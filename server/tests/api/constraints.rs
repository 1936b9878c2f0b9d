//! The schema enforces the calendar's rules, and `on_constraint` turns a violation into a
//! domain error, on either engine.

use station_server::error::{ApiError, ResultExt};
use station_server::store::activities;

use crate::common::{activity_at, local, seed_tree, spawn_app_with, Options};

#[tokio::test]
async fn a_violated_check_constraint_maps_to_the_domain_error() {
    let app = spawn_app_with(Options {
        demo_data: false,
        ..Default::default()
    })
    .await;
    let seed = seed_tree(&app.store).await;
    let mut overbooked = activity_at(seed.center, "elderly", local(1, 9, 0));
    overbooked.confirmed_count = overbooked.capacity + 1;

    let result = activities::insert(app.store.pool(), &overbooked)
        .await
        .on_constraint("activities_places_within_capacity", |_| {
            ApiError::Conflict("overbooked".into())
        });
    assert!(
        matches!(result, Err(ApiError::Conflict(ref detail)) if detail == "overbooked"),
        "{result:?}"
    );

    // Another constraint is not mistaken for this one.
    let mut backwards = activity_at(seed.center, "elderly", local(1, 9, 0));
    backwards.ends_at = backwards.starts_at;
    let result = activities::insert(app.store.pool(), &backwards)
        .await
        .on_constraint("activities_places_within_capacity", |_| {
            ApiError::Conflict("overbooked".into())
        });
    assert!(matches!(result, Err(ApiError::Database(_))), "{result:?}");
}

#[tokio::test]
async fn foreign_keys_are_enforced() {
    let app = spawn_app_with(Options {
        demo_data: false,
        ..Default::default()
    })
    .await;
    seed_tree(&app.store).await;
    let orphan = activity_at(987_654, "elderly", local(1, 9, 0));
    assert!(
        activities::insert(app.store.pool(), &orphan).await.is_err(),
        "an activity of no site"
    );
}
