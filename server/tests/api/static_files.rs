//! The browser app from a dist dir the test writes: content types, caching, SPA fallback,
//! precompressed files.

use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING};

use crate::common::{content_type, spawn_app_with, Options, TestApp};

const WASM: &str = "station-app-3f2a9c1b7d4e5f60_bg.wasm";
const CSS: &str = "style-0123456789abcdef.css";
const INDEX: &str = "<!doctype html><title>station</title>";
const ME_INDEX: &str = "<!doctype html><title>station: me</title>";
const LOGIN_INDEX: &str = "<!doctype html><title>station: account</title>";

async fn app_with_dist() -> (TestApp, tempfile::TempDir) {
    let dist = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dist.path().join(name), bytes).unwrap();
    write("index.html", INDEX.as_bytes());
    write(WASM, b"\0asm\x01\0\0\0");
    write(&format!("{WASM}.br"), b"pretend-brotli");
    write(CSS, b"body{}");
    write("config.json", br#"{"api_base_url":""}"#);
    std::fs::create_dir(dist.path().join("me")).unwrap();
    write("me/index.html", ME_INDEX.as_bytes());
    std::fs::create_dir(dist.path().join("me/login")).unwrap();
    write("me/login/index.html", LOGIN_INDEX.as_bytes());
    let app = spawn_app_with(Options {
        dist_dir: dist.path().to_owned(),
        ..Default::default()
    })
    .await;
    (app, dist)
}

fn cache_control(response: &reqwest::Response) -> &str {
    response
        .headers()
        .get(CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn files_get_their_content_type_and_cache_policy() {
    let (app, _dist) = app_with_dist().await;
    let cases = [
        ("/", "text/html", "no-cache"),
        ("/index.html", "text/html", "no-cache"),
        (
            &format!("/{WASM}") as &str,
            "application/wasm",
            "public, max-age=31536000, immutable",
        ),
        (
            &format!("/{CSS}"),
            "text/css",
            "public, max-age=31536000, immutable",
        ),
        ("/config.json", "application/json", "no-cache"),
    ];
    for (path, mime, cache) in cases {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert!(
            content_type(&response).starts_with(mime),
            "{path}: {}",
            content_type(&response)
        );
        assert_eq!(cache_control(&response), cache, "{path}");
    }
}

#[tokio::test]
async fn app_routes_fall_back_to_index_html() {
    let (app, _dist) = app_with_dist().await;
    for path in ["/activities", "/activities/2026-11-24", "/screen?site=3"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(cache_control(&response), "no-cache", "{path}");
        assert_eq!(response.text().await.unwrap(), INDEX, "{path}");
    }
    // An area with an entry of its own gets it, for its folder and everything below.
    for path in ["/me", "/me/", "/me/teams", "/me/logins"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(cache_control(&response), "no-cache", "{path}");
        assert_eq!(response.text().await.unwrap(), ME_INDEX, "{path}");
    }
    // The longest prefix with an entry wins.
    for path in [
        "/me/login",
        "/me/login?next=/",
        "/me/login/",
        "/me/login/extra",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.text().await.unwrap(), LOGIN_INDEX, "{path}");
    }
    // …but API paths never do, nor build files of another release.
    app.get_problem("/api/v1/no-such-thing", 404).await;
    let stale = app.get("/station-app-ffffffffffffffff_bg.wasm").await;
    assert_eq!(stale.status(), 404);
    assert_eq!(cache_control(&stale), "no-cache");
}

#[tokio::test]
async fn precompressed_brotli_is_served_when_accepted() {
    let (app, _dist) = app_with_dist().await;
    let url = format!("{}/{WASM}", app.address);
    let response = app
        .client
        .get(&url)
        .header(ACCEPT_ENCODING, "br, gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()[CONTENT_ENCODING], "br");
    assert_eq!(content_type(&response), "application/wasm");
    assert_eq!(
        cache_control(&response),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(response.bytes().await.unwrap().as_ref(), b"pretend-brotli");

    let plain = app.client.get(&url).send().await.unwrap();
    assert!(plain.headers().get(CONTENT_ENCODING).is_none());
    assert_eq!(plain.bytes().await.unwrap().as_ref(), b"\0asm\x01\0\0\0");
}

#[tokio::test]
async fn without_a_build_the_app_says_so_and_the_api_still_works() {
    let app = spawn_app_with(Options::default()).await; // its dist dir does not exist
    let response = app.get("/").await;
    assert_eq!(response.status(), 503);
    assert!(content_type(&response).starts_with("text/html"));
    assert!(response.text().await.unwrap().contains("not built"));
    assert_eq!(app.get("/api/v1/station").await.status(), 200);
}
