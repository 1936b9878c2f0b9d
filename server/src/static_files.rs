//! The built browser app: files from the dist dir, an entry `index.html` for any other path (the
//! app routes on the client), long caching for content-hashed files and revalidation for the rest.
//!
//! The app is one bundle per area, named by a path prefix of one or two segments: a path gets the
//! `index.html` of its longest prefix that has one (`/me/login?next=/` → `dist/me/login/`,
//! `/me/teams` → `dist/me/`), every other path the root's.

use std::path::Path;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

pub async fn serve(dist_dir: &Path, request: Request) -> Response {
    let index = dist_dir.join("index.html");
    if !index.is_file() {
        return not_built();
    }
    let is_read = matches!(*request.method(), Method::GET | Method::HEAD);
    let path = request.uri().path();
    let hashed = is_hashed_asset(path);
    if names_a_file(path) && !exists_under(dist_dir, path) {
        // A file that is not there (`/nope.js`, `/favicon.ico`, a build file from an older
        // release) is no route of the app: index.html in its place would be taken for a script,
        // an image or a robots.txt (and a hashed name cached for a year); a plain 404 says so.
        return (
            StatusCode::NOT_FOUND,
            [(header::CACHE_CONTROL, REVALIDATE)],
            "not found",
        )
            .into_response();
    }
    let entry = area_entry(dist_dir, path).unwrap_or(index);
    let service = ServeDir::new(dist_dir)
        .precompressed_br()
        .precompressed_gzip()
        // An area's folder (`/me`) is a route too, not a directory listing or a redirect.
        .append_index_html_on_directories(false)
        // Any path that is no file is a route of the app; its area's entry decides what to show.
        .fallback(
            ServeFile::new(&entry)
                .precompressed_br()
                .precompressed_gzip(),
        );
    let mut response = match service.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(infallible) => match infallible {},
    };
    if is_read && response.status().is_success() {
        let policy = if hashed { IMMUTABLE } else { REVALIDATE };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// The entry page of the area `path` lies in, when that area has one of its own: the deepest of
/// the first two segments' folders that holds an `index.html`.
fn area_entry(dist_dir: &Path, path: &str) -> Option<std::path::PathBuf> {
    let plain = |segment: &&str| {
        !segment.is_empty()
            && segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    let segments: Vec<&str> = path
        .trim_start_matches('/')
        .split('/')
        .take(2)
        .take_while(plain)
        .collect();
    (1..=segments.len()).rev().find_map(|depth| {
        let entry = segments[..depth]
            .iter()
            .fold(dist_dir.to_path_buf(), |dir, segment| dir.join(segment))
            .join("index.html");
        entry.is_file().then_some(entry)
    })
}

/// Whether `path` names a file inside `dist_dir` (never outside it).
fn exists_under(dist_dir: &Path, path: &str) -> bool {
    let relative = path.trim_start_matches('/');
    !relative
        .split('/')
        .any(|part| part == ".." || part.is_empty())
        && dist_dir.join(relative).is_file()
}

/// Whether the path's last segment names a file (`name.ext`): the app's routes never do.
pub fn names_a_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && (1..=12).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

/// Trunk names built files `<name>-<hash>` followed by `.ext` or `_bg.wasm`, the hash in hex
/// digits (16, or fewer when it starts with zeros); such a file never changes, so browsers may
/// keep it for a year. An unhashed path (index.html,
/// config.json) must be revalidated, or a new release would not reach them.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.match_indices('-').any(|(dash, _)| {
        let rest = &name.as_bytes()[dash + 1..];
        let digits = rest.iter().take_while(|b| b.is_ascii_hexdigit()).count();
        (8..=16).contains(&digits) && matches!(rest.get(digits), Some(b'.' | b'_'))
    })
}

fn not_built() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, REVALIDATE)],
        "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>应用尚未构建</title>\
         <p>The station app is not built yet (no index.html in the dist dir). \
         Build it with <code>trunk build --release</code>; the API under /api/v1 works meanwhile.</p></html>",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_hashed_names_are_recognised() {
        assert!(is_hashed_asset("/station-app-3f2a9c1b7d4e5f60_bg.wasm"));
        assert!(is_hashed_asset("/station-app-3f2a9c1b7d4e5f60.js"));
        assert!(is_hashed_asset("/style-0123456789abcdef.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/config.json"));
        assert!(!is_hashed_asset("/station-app.js"));
        assert!(!is_hashed_asset("/activities/2026-11-24"));
        assert!(!is_hashed_asset("/style-0123456789abcdeg.css"));
        // A hash that began with a zero is printed shorter.
        assert!(is_hashed_asset("/me/station-me-cca4ad60888cb58.js"));
        assert!(is_hashed_asset("/staff/teams/main-cca4ad60888cb58_bg.wasm"));
        assert!(!is_hashed_asset("/me/login-abc.js"));
    }

    #[test]
    fn file_names_are_told_from_routes() {
        for file in ["/robots.txt", "/nope.js", "/me/icon.svg", "/x.webmanifest"] {
            assert!(names_a_file(file), "{file}");
        }
        for route in [
            "/",
            "/activities/12",
            "/me",
            "/sites/3",
            "/.env",
            "/a.",
            "/me/x.y-z",
        ] {
            assert!(!names_a_file(route), "{route}");
        }
    }
}
