//! The one way the app talks to the backend.
//!
//! [`Api::get`] is the single place that builds URLs, sends requests and turns responses into
//! either a typed value or one [`ApiError`]; the feature modules add one small typed method per
//! endpoint. Pages call those methods and never see URLs, status codes or JSON.

mod activities;
mod station;

use std::sync::Arc;

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use station_wire::problem::{Problem, PROBLEM_JSON};

use crate::config::use_config;

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
}

impl ApiError {
    /// The HTTP status behind the error, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Problem(problem) => Some(problem.status),
            ApiError::Http { status } => Some(*status),
            ApiError::Network | ApiError::Decode => None,
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
    if (200..300).contains(&status) {
        return serde_json::from_str(body).map_err(|_| ApiError::Decode);
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

/// A client for the backend named in the runtime config. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Api {
    base: Arc<str>,
}

impl Api {
    pub fn new(api_base: &str) -> Self {
        Self {
            base: Arc::from(api_base.trim_end_matches('/')),
        }
    }

    /// `GET {api_base}/api/v1{path}` as JSON.
    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let url = format!("{}{}{}", self.base, station_wire::API_BASE, path);
        let response = gloo_net::http::Request::get(&url)
            .header("Accept", "application/json")
            .send()
            .await
            .map_err(|_| ApiError::Network)?;
        let status = response.status();
        let content_type = response.headers().get("content-type");
        let body = response.text().await.map_err(|_| ApiError::Network)?;
        decode_response(status, content_type.as_deref(), &body)
    }
}

/// The API client for the configured backend.
pub fn use_api() -> Api {
    match use_context::<Api>() {
        Some(api) => api,
        None => Api::new(&use_config().api_base),
    }
}
