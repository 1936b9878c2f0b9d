//! The shared layers: CORS, compression, graceful shutdown.

use reqwest::header::{ACCEPT_ENCODING, ACCESS_CONTROL_ALLOW_ORIGIN, CONTENT_ENCODING, ORIGIN};

use crate::common::{
    activity_at, insert, local, spawn_app_on, spawn_app_with, Options, TestDatabase,
};

#[tokio::test]
async fn cors_allows_listed_origins_only() {
    let app = spawn_app_with(Options {
        allowed_origins: vec!["http://allowed.test".into()],
        ..Default::default()
    })
    .await;
    let url = format!("{}/api/v1/categories", app.address);
    let allowed = app
        .client
        .get(&url)
        .header(ORIGIN, "http://allowed.test")
        .send()
        .await
        .unwrap();
    assert_eq!(
        allowed.headers()[ACCESS_CONTROL_ALLOW_ORIGIN],
        "http://allowed.test"
    );
    // An app on another origin reads a report's file name and how long to wait after a 429.
    let exposed = allowed.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    for header in ["content-disposition", "retry-after"] {
        assert!(exposed.contains(header), "{header} not in {exposed}");
    }
    let refused = app
        .client
        .get(&url)
        .header(ORIGIN, "http://evil.test")
        .send()
        .await
        .unwrap();
    assert!(refused.headers().get(ACCESS_CONTROL_ALLOW_ORIGIN).is_none());

    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, &url)
        .header(ORIGIN, "http://allowed.test")
        .header("access-control-request-method", "GET")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    assert_eq!(
        preflight.headers()[ACCESS_CONTROL_ALLOW_ORIGIN],
        "http://allowed.test"
    );
}

#[tokio::test]
async fn cors_star_allows_any_origin() {
    let app = spawn_app_with(Options {
        allowed_origins: vec!["*".into()],
        ..Default::default()
    })
    .await;
    let response = app
        .client
        .get(format!("{}/api/v1/station", app.address))
        .header(ORIGIN, "http://anywhere.test")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
}

#[tokio::test]
async fn api_responses_are_compressed_when_the_client_accepts_it() {
    let app = spawn_app_with(Options::default()).await;
    let url = format!("{}/api/v1/activities?limit=100", app.address);
    for encoding in ["br", "gzip"] {
        let response = app
            .client
            .get(&url)
            .header(ACCEPT_ENCODING, encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()[CONTENT_ENCODING], encoding);
    }
    let plain = app.client.get(&url).send().await.unwrap();
    assert!(plain.headers().get(CONTENT_ENCODING).is_none());
}

#[tokio::test]
async fn graceful_shutdown_keeps_every_committed_write() {
    let database = TestDatabase::fresh().await;
    let app = spawn_app_on(database.clone(), Options::default()).await;
    let station: station_wire::station::StationInfo = app.get_json("/api/v1/station").await;
    let written = insert(
        &app.store,
        activity_at(station.root_site_id, "culture", local(2, 9, 0)),
    )
    .await;
    app.shut_down().await;

    let again = spawn_app_on(database, Options::default()).await;
    let activity: station_wire::activities::Activity = again
        .get_json(&format!("/api/v1/activities/{written}"))
        .await;
    assert_eq!(activity.category, "culture");
}
