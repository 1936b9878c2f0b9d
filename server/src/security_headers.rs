//! Security headers on every response: the app's pages get a Content-Security-Policy that lets
//! only the app's own files run (`script-src 'self' 'wasm-unsafe-eval'` and the hashes of the
//! entry pages' inline bootstrap, which the build writes to `csp.json` in the dist dir), the
//! service worker (`/sw.js`) only its own origin to fetch from, every other response
//! `default-src 'none'`; nothing may be framed; no sniffing of types, no referrer
//! beyond the station, no camera, microphone or location; HSTS when the public URL is https.
//!
//! Why this matters here: the app keeps its bearer token in `localStorage`, so an injected
//! script would steal it; the policy makes injection the thing that cannot run (see
//! ARCHITECTURE.md, "the token").

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

/// The hashes of the build's inline scripts, as `csp.json` lists them.
#[derive(serde::Deserialize, Default)]
struct BuildPolicy {
    #[serde(default)]
    script_hashes: Vec<String>,
}

/// The app's `config.json`: where it sends its API requests.
#[derive(serde::Deserialize, Default)]
struct AppConfig {
    #[serde(default)]
    api_base: String,
}

#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    dist_dir: PathBuf,
    hsts: bool,
}

impl SecurityHeaders {
    pub fn new(dist_dir: &Path, public_url: Option<&str>) -> Arc<Self> {
        Arc::new(Self {
            dist_dir: dist_dir.to_owned(),
            hsts: public_url.is_some_and(|url| url.starts_with("https://")),
        })
    }

    /// The policy of an app page. Read from the dist dir each time (the files are tiny and
    /// pages few), so that a new build is served with its own hashes without a restart.
    fn page_policy(&self) -> String {
        let read = |name: &str| std::fs::read(self.dist_dir.join(name)).unwrap_or_default();
        let build: BuildPolicy = serde_json::from_slice(&read("csp.json")).unwrap_or_default();
        let config: AppConfig = serde_json::from_slice(&read("config.json")).unwrap_or_default();
        let mut scripts = String::from("'self' 'wasm-unsafe-eval'");
        for hash in build
            .script_hashes
            .iter()
            .filter(|hash| is_sha256_source(hash))
        {
            scripts.push_str(" '");
            scripts.push_str(hash);
            scripts.push('\'');
        }
        let mut connect = String::from("'self'");
        // The API's photos (好人榜) are images from wherever the API is.
        let mut images = String::from("'self' data:");
        if let Some(origin) = origin_of(&config.api_base) {
            for sources in [&mut connect, &mut images] {
                sources.push(' ');
                sources.push_str(&origin);
            }
        }
        format!(
            "default-src 'self'; script-src {scripts}; style-src 'self'; img-src {images}; \
             connect-src {connect}; object-src 'none'; base-uri 'none'; form-action 'self'; \
             frame-ancestors 'none'"
        )
    }
}

/// `sha256-<base64>` and nothing else (the file is data; it must not widen the policy).
fn is_sha256_source(hash: &str) -> bool {
    hash.strip_prefix("sha256-").is_some_and(|b64| {
        b64.len() == 44
            && b64
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
    })
}

/// The origin (`https://host[:port]`) of an absolute http(s) URL, as a browser reads it: spaces
/// around it dropped, scheme and host lower-cased (`HTTPS://API.Example.org/` is the origin
/// `https://api.example.org`, and the app's requests go there).
fn origin_of(url: &str) -> Option<String> {
    let url = url.trim().to_ascii_lowercase();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    let plain = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    plain.then(|| url[..url.len() - rest.len() + host_end].to_owned())
}

/// The service worker's script (the app's `public/sw.js`, written into the dist dir at its root).
const SERVICE_WORKER: &str = "/sw.js";

const PERMISSIONS: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), \
                           serial=(), bluetooth=(), interest-cohort=()";

pub async fn layer(
    State(policy): State<Arc<SecurityHeaders>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    // The service worker fetches the app's files and passes its reads on, under its own policy.
    let is_worker = path == SERVICE_WORKER;
    // The display screen's page may be framed by the station's own pages (staff's 大屏 shows a
    // preview of each); nothing else may be.
    let frameable = path.starts_with("/screen/");
    // A page's revalidation (304) carries no type, and a browser keeps the headers it carries:
    // what the path names decides, or the revalidated page would lose its scripts.
    let names_a_page = !(path.starts_with("/api/") || path == "/healthz")
        && (!crate::static_files::names_a_file(path) || path.ends_with(".html"));
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    let is_page = is_html || (response.status() == StatusCode::NOT_MODIFIED && names_a_page);
    let csp = if is_page && frameable {
        policy
            .page_policy()
            .replace("frame-ancestors 'none'", "frame-ancestors 'self'")
    } else if is_page {
        policy.page_policy()
    } else if is_worker {
        "default-src 'none'; connect-src 'self'; frame-ancestors 'none'".to_owned()
    } else {
        "default-src 'none'; frame-ancestors 'none'".to_owned()
    };
    let headers = response.headers_mut();
    set(headers, header::CONTENT_SECURITY_POLICY, &csp);
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    let framing = if is_page && frameable {
        "SAMEORIGIN"
    } else {
        "DENY"
    };
    set(headers, header::X_FRAME_OPTIONS, framing);
    set(headers, header::REFERRER_POLICY, "same-origin");
    set(
        headers,
        HeaderName::from_static("permissions-policy"),
        PERMISSIONS,
    );
    set(
        headers,
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    if policy.hsts {
        set(
            headers,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000",
        );
    }
    response
}

fn set(headers: &mut HeaderMap, name: HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        headers.insert(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_sha256_sources_widen_the_policy() {
        assert!(is_sha256_source(
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        ));
        for bad in [
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; script-src *",
            "unsafe-inline",
            "sha384-abc",
            "sha256-",
        ] {
            assert!(!is_sha256_source(bad), "{bad}");
        }
    }

    #[test]
    fn an_api_base_gives_its_origin() {
        let origin = |url| origin_of(url);
        assert_eq!(
            origin("https://api.example.org/station").as_deref(),
            Some("https://api.example.org")
        );
        assert_eq!(
            origin("http://127.0.0.1:8080").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            origin("  HTTPS://API.Example.org?x=1 ").as_deref(),
            Some("https://api.example.org")
        );
        assert_eq!(origin_of(""), None);
        assert_eq!(origin_of("/api"), None);
        assert_eq!(origin_of("https://x.org; script-src *"), None);
    }
}
