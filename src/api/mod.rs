//! The one way the app talks to the backend.
//!
//! [`Api::request`] is the single place that builds URLs, adds the session's bearer token, sends
//! requests and turns responses into either a typed value or one [`ApiError`]; the feature modules
//! add one small typed method per endpoint. Pages call those methods and never see URLs, status
//! codes or JSON. The transport part is not generic, so each new endpoint costs only its decoding.

mod accounts;
mod activities;
pub use activities::read_days;
mod categories;
mod console;
mod feeds;
mod honors;
pub use honors::BoardQuery;
mod notices;
mod orders;
pub use orders::OrderStepBody;
mod reports;
mod screens;
pub use reports::Export;
mod signups;
mod sites;
mod station;
mod teams;
mod wishes;
pub use wishes::{MyWishes, StaffWishes, StepBody};

use std::sync::Arc;

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use station_wire::problem::{Problem, PROBLEM_JSON};

use crate::config::use_config;
use crate::session::SessionState;

/// A downloaded file (a report, one's data), as the backend named it.
pub struct ApiFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The plain `filename="…"` of an `attachment` disposition, when it is a safe file name.
pub fn attachment_name(disposition: &str) -> Option<String> {
    let (_, rest) = disposition.split_once("filename=\"")?;
    let (name, _) = rest.split_once('"')?;
    let safe = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    safe.then(|| name.to_owned())
}

/// Why a request did not produce the value asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The request never got an answer (offline, DNS, refused, CORS).
    Network,
    /// The backend answered with an RFC 9457 problem.
    Problem(Problem),
    /// The backend answered with an error status but no problem body.
    Http { status: u16 },
    /// The backend answered 2xx, but the body is not what the contract says.
    Decode,
    /// 429: too many attempts; `retry_after` is the `Retry-After` header in seconds, when sent.
    RateLimited { retry_after: Option<u32> },
}

impl ApiError {
    /// The HTTP status behind the error, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Problem(problem) => Some(problem.status),
            ApiError::Http { status } => Some(*status),
            ApiError::RateLimited { .. } => Some(429),
            ApiError::Network | ApiError::Decode => None,
        }
    }

    /// The problem `type`, when the backend sent a problem.
    pub fn problem_type(&self) -> Option<&str> {
        match self {
            ApiError::Problem(problem) => Some(&problem.kind),
            _ => None,
        }
    }
}

/// Turns a received answer into the value or the error; separate from the transport so that the
/// mapping can be tested with plain inputs.
pub fn decode_response<T: DeserializeOwned>(
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Result<T, ApiError> {
    check_status(status, content_type, body)?;
    serde_json::from_str(body).map_err(|_| ApiError::Decode)
}

/// `Ok` for a 2xx answer, else the error it carries.
fn check_status(status: u16, content_type: Option<&str>, body: &str) -> Result<(), ApiError> {
    if (200..300).contains(&status) {
        return Ok(());
    }
    let is_problem = content_type
        .map(|value| value.trim_start().starts_with(PROBLEM_JSON))
        .unwrap_or(false);
    if is_problem {
        if let Ok(mut problem) = serde_json::from_str::<Problem>(body) {
            // The status line is the truth; the body's copy is only a convenience.
            problem.status = status;
            return Err(ApiError::Problem(problem));
        }
    }
    Err(ApiError::Http { status })
}

/// HTTP methods the contract uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Get,
    Post,
    Put,
    Delete,
}

/// A client for the backend named in the runtime config. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Api {
    base: Arc<str>,
    /// The signed-in session, when the app has one: its token goes with every request, and a 401
    /// on a request that carried it means the session is over.
    session: Option<RwSignal<Option<SessionState>>>,
    /// When the data last shown was fetched, while the service worker answers from its cache
    /// (see [`crate::offline`]).
    offline: RwSignal<Option<String>>,
}

impl Api {
    pub fn new(api_base: &str) -> Self {
        Self {
            base: Arc::from(api_base.trim_end_matches('/')),
            session: None,
            offline: RwSignal::new(None),
        }
    }

    /// When the data shown was fetched, while it comes from the service worker's cache (no
    /// network); `None` when it came from the network (tracked).
    pub fn offline_since(&self) -> Option<String> {
        self.offline.get()
    }

    /// The same client, sending the token of `session` and clearing it on a 401.
    pub fn with_session(mut self, session: RwSignal<Option<SessionState>>) -> Self {
        self.session = Some(session);
        self
    }

    /// The absolute URL of an endpoint, for links the browser follows itself (e.g. `.ics`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}{}", self.base, station_wire::API_BASE, path)
    }

    /// Sends one request and answers the body of a 2xx response; everything else is an
    /// [`ApiError`]. Not generic, so there is one copy of it in the build.
    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        accept: &str,
    ) -> Result<gloo_net::http::Response, ApiError> {
        use gloo_net::http::Request;
        let url = self.url(path);
        let builder = match method {
            Method::Get => Request::get(&url),
            Method::Post => Request::post(&url),
            Method::Put => Request::put(&url),
            Method::Delete => Request::delete(&url),
        };
        let mut builder = builder.header("Accept", accept);
        let (token, shared) = self.credentials();
        if let Some(token) = &token {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        if shared {
            // A shared computer keeps nothing of the person: no HTTP cache, no service worker's.
            builder = builder.cache(web_sys::RequestCache::NoStore);
        }
        let request = match body {
            Some(body) => builder
                .header("Content-Type", "application/json")
                .body(body),
            None => builder.build(),
        }
        .map_err(|_| ApiError::Network)?;
        let response = request.send().await.map_err(|_| ApiError::Network)?;
        let status = response.status();
        if (200..300).contains(&status) {
            let offline = response.headers().get(crate::offline::OFFLINE_HEADER);
            if self.offline.with_untracked(|known| *known != offline) {
                self.offline.set(offline);
            }
            if token.is_some() && shared {
                crate::session::still_active();
            }
            return Ok(response);
        }
        let header = |name: &str| response.headers().get(name);
        let (content_type, retry_after) = (header("content-type"), header("retry-after"));
        let text = response.text().await.unwrap_or_default();
        Err(self
            .answered(
                status,
                token.is_some(),
                content_type.as_deref(),
                retry_after.as_deref(),
                &text,
            )
            .unwrap_err())
    }

    /// The session's token, and whether it is a shared computer's.
    fn credentials(&self) -> (Option<String>, bool) {
        self.session
            .and_then(|session| {
                session.with_untracked(|state| {
                    state
                        .as_ref()
                        .map(|state| (state.token.clone(), state.shared))
                })
            })
            .map_or((None, false), |(token, shared)| (Some(token), shared))
    }

    fn token(&self) -> Option<String> {
        self.credentials().0
    }

    /// `Ok` for a 2xx answer; else the one [`ApiError`] it is, the session ended by a 401 to
    /// a request that carried its token. (Every transport's answer comes through here.)
    fn answered(
        &self,
        status: u16,
        token_sent: bool,
        content_type: Option<&str>,
        retry_after: Option<&str>,
        body: &str,
    ) -> Result<(), ApiError> {
        if (200..300).contains(&status) {
            return Ok(());
        }
        if status == 401 && token_sent {
            // The token is no longer good (expired, revoked, signed out elsewhere).
            if let Some(session) = self.session {
                session.set(None);
            }
        }
        if status == 429 {
            let retry_after = retry_after.and_then(|value| value.trim().parse().ok());
            return Err(ApiError::RateLimited { retry_after });
        }
        check_status(status, content_type, body)
    }

    /// The body of a 2xx answer as text.
    async fn send_text(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<String, ApiError> {
        let response = self.send(method, path, body, "application/json").await?;
        response.text().await.map_err(|_| ApiError::Network)
    }

    /// A CSV report: its bytes, and the name the backend gives it in `Content-Disposition`
    /// (else `fallback`).
    async fn csv(&self, path: &str, fallback: &str) -> Result<ApiFile, ApiError> {
        self.file(path, "text/csv", fallback).await
    }

    /// A file to save as it comes (`accept`: its type), named as [`Api::csv`] names one.
    async fn file(&self, path: &str, accept: &str, fallback: &str) -> Result<ApiFile, ApiError> {
        let response = self.send(Method::Get, path, None, accept).await?;
        let name = response
            .headers()
            .get("content-disposition")
            .and_then(|value| attachment_name(&value))
            .unwrap_or_else(|| fallback.to_owned());
        let bytes = response.binary().await.map_err(|_| ApiError::Network)?;
        Ok(ApiFile { name, bytes })
    }

    /// A JSON request answered with JSON.
    async fn request<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<T, ApiError> {
        let text = self.send_text(method, path, body).await?;
        serde_json::from_str(&text).map_err(|_| ApiError::Decode)
    }

    /// A request whose answer has no body worth reading (204).
    async fn request_empty(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<(), ApiError> {
        self.send_text(method, path, body).await.map(drop)
    }

    /// `GET {api_base}/api/v1{path}` as JSON.
    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        self.request(Method::Get, path, None).await
    }

    /// `GET {api_base}/api/v1{path}` parsed by the browser (`JSON.parse`), its fields then read
    /// by hand: for an answer whose serde decoder would cost an area more than its budget holds
    /// (`List<ActivityDay>`'s cost the calendar 6.9 KiB brotli), and the browser parses faster.
    async fn get_parsed(&self, path: &str) -> Result<wasm_bindgen::JsValue, ApiError> {
        let text = self.send_text(Method::Get, path, None).await?;
        js_sys::JSON::parse(&text).map_err(|_| ApiError::Decode)
    }
}

/// A request body as JSON.
fn json<B: Serialize>(body: &B) -> Option<String> {
    serde_json::to_string(body).ok()
}

/// The API client for the configured backend.
pub fn use_api() -> Api {
    match use_context::<Api>() {
        Some(api) => api,
        None => Api::new(&use_config().api_base),
    }
}

/// `path` with `cursor=` added, when there is one (the next page of a list).
pub(crate) fn with_cursor(path: String, cursor: Option<&str>) -> String {
    match cursor {
        Some(cursor) => {
            let join = if path.contains('?') { '&' } else { '?' };
            format!(
                "{path}{join}cursor={}",
                crate::session::encode_component(cursor)
            )
        }
        None => path,
    }
}
