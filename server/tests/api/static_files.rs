//! The browser app from a dist dir the test writes: content types, caching, SPA fallback,
//! precompressed files.

use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING};

use crate::common::{content_type, spawn_app_with, Options, TestApp};

const WASM: &str = "station-app-3f2a9c1b7d4e5f60_bg.wasm";
const CSS: &str = "style-0123456789abcdef.css";
const INDEX: &str = "<!doctype html><title>station</title>";
const ME_INDEX: &str = "<!doctype html><title>station: me</title>";
const LOGIN_INDEX: &str = "<!doctype html><title>station: account</title>";
const BOOT_HASH: &str = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

async fn app_with_dist() -> (TestApp, tempfile::TempDir) {
    let dist = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dist.path().join(name), bytes).unwrap();
    write("index.html", INDEX.as_bytes());
    write(WASM, b"\0asm\x01\0\0\0");
    write(&format!("{WASM}.br"), b"pretend-brotli");
    write(CSS, b"body{}");
    write("config.json", br#"{"api_base_url":""}"#);
    write("robots.txt", b"User-agent: *\nDisallow: /staff/\n");
    write("sw.js", b"self.addEventListener('fetch', () => {});");
    write(
        "csp.json",
        format!(r#"{{"script_hashes": ["{BOOT_HASH}", "unsafe-inline"]}}"#).as_bytes(),
    );
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
        ("/robots.txt", "text/plain", "no-cache"),
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
    // A missing file of any kind is a 404, not the app's page under a script's or icon's name.
    for path in [
        "/nope.js",
        "/favicon.ico",
        "/me/apple-touch-icon.png",
        "/staff/x.css",
    ] {
        let missing = app.get(path).await;
        assert_eq!(missing.status(), 404, "{path}");
        assert!(!content_type(&missing).starts_with("text/html"), "{path}");
    }
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

/// One header's value, or "" when it is absent.
fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn every_answer_carries_the_security_headers_and_pages_a_policy_for_the_app() {
    let (app, _dist) = app_with_dist().await;
    let page = app.get("/me/teams").await;
    let csp = header(&page, "content-security-policy");
    assert!(
        csp.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' '{BOOT_HASH}';"
        )),
        "{csp}"
    );
    for directive in [
        "default-src 'self'",
        "style-src 'self';",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(directive), "{directive} in {csp}");
    }
    // What is in csp.json but no hash does not widen the policy.
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    // The display screen's page alone may be framed, and by the station's own pages only (staff's
    // 大屏 shows a preview of each screen).
    let screen = app.get("/screen/1?preview=true").await;
    let screen_csp = header(&screen, "content-security-policy");
    assert!(
        screen_csp.contains("frame-ancestors 'self'"),
        "{screen_csp}"
    );
    assert!(
        !screen_csp.contains("frame-ancestors 'none'"),
        "{screen_csp}"
    );
    assert_eq!(header(&screen, "x-frame-options"), "SAMEORIGIN");
    // The service worker may fetch from its own origin (the shell it keeps, the reads it passes
    // on), and nothing else; without that it cannot install.
    let worker = app.get("/sw.js").await;
    assert_eq!(worker.status(), 200);
    assert_eq!(
        header(&worker, "content-security-policy"),
        "default-src 'none'; connect-src 'self'; frame-ancestors 'none'"
    );
    for (response, what) in [
        (page, "a page"),
        (app.get("/api/v1/station").await, "the API"),
        (app.get("/nope.js").await, "a missing file"),
        (app.get(&format!("/{CSS}")).await, "a stylesheet"),
    ] {
        if what != "a page" {
            assert_eq!(
                header(&response, "content-security-policy"),
                "default-src 'none'; frame-ancestors 'none'",
                "{what}"
            );
        }
        assert_eq!(
            header(&response, "x-content-type-options"),
            "nosniff",
            "{what}"
        );
        assert_eq!(header(&response, "x-frame-options"), "DENY", "{what}");
        assert_eq!(
            header(&response, "referrer-policy"),
            "same-origin",
            "{what}"
        );
        assert!(
            header(&response, "permissions-policy").contains("camera=()"),
            "{what}"
        );
        // Plain http here: no HSTS.
        assert_eq!(header(&response, "strict-transport-security"), "", "{what}");
    }
}

#[tokio::test]
async fn a_revalidated_page_keeps_the_page_policy() {
    let (app, _dist) = app_with_dist().await;
    for path in ["/", "/me/teams"] {
        let first = app.get(path).await;
        let page_policy = header(&first, "content-security-policy").to_owned();
        assert!(page_policy.contains("script-src 'self'"), "{page_policy}");
        let validator = first
            .headers()
            .get("last-modified")
            .expect("a page can be revalidated")
            .clone();
        let again = app
            .client
            .get(format!("{}{path}", app.address))
            .header("if-modified-since", validator)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{path}");
        // A browser keeps the headers of a 304: a stricter policy here would stop the page.
        assert_eq!(
            header(&again, "content-security-policy"),
            page_policy,
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_station_served_over_https_asks_browsers_to_stay_on_it() {
    let app = spawn_app_with(Options {
        public_url: Some("https://station.example.org".into()),
        ..Default::default()
    })
    .await;
    let response = app.get("/api/v1/station").await;
    assert_eq!(
        header(&response, "strict-transport-security"),
        "max-age=31536000"
    );
}
