//! What every handler can reach.

use std::path::PathBuf;

use axum::http::{header, HeaderMap};

use crate::auth::Passwords;
use crate::clock::StationTime;
use crate::store::Store;

#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Store,
    pub time: StationTime,
    pub passwords: Passwords,
    pub checkin: crate::checkin::CheckinSigner,
    /// Where the app is served (e.g. `https://station.example`), for links in QR codes; when
    /// absent, the request's `Host` is used.
    pub public_url: Option<String>,
    /// The built browser app; may be missing (then `/` says so and the API still works).
    pub dist_dir: PathBuf,
    /// The calendar list's answers, kept while current (`api/answers.rs`).
    pub answers: std::sync::Arc<crate::api::answers::Answers>,
    /// Likes and photo uploads per account (`api/honors`, `api/photos`): guards against floods,
    /// one per process.
    pub likes: std::sync::Arc<crate::api::limits::PerAccount>,
    pub uploads: std::sync::Arc<crate::api::limits::PerAccount>,
}

impl AppState {
    /// Where the app is served: `--public-url`, else `http(s)://<Host>` of the request (for
    /// links a QR code or a calendar app carries away).
    pub fn public_base(&self, headers: &HeaderMap) -> String {
        if let Some(url) = &self.public_url {
            return url.clone();
        }
        let host = headers
            .get(header::HOST)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("localhost");
        let scheme = headers
            .get("x-forwarded-proto")
            .and_then(|value| value.to_str().ok())
            .filter(|proto| *proto == "https")
            .unwrap_or("http");
        format!("{scheme}://{host}")
    }
}
