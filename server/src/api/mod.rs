//! The HTTP API under `/api/v1`, one module per feature, merged here with the shared layers.

pub mod accounts;
pub mod activities;
pub mod answers;
pub mod audit;
pub mod categories;
pub mod checkin;
pub mod csv;
pub mod days;
pub mod etag;
pub mod extract;
pub mod feeds;
pub mod health;
pub mod honors;
pub mod hours;
pub mod limits;
pub mod notices;
pub mod openapi;
pub mod orders;
pub mod paging;
pub mod photos;
pub mod query;
pub mod reports;
pub mod screens;
pub mod signups;
pub mod sites;
pub mod staff;
pub mod station;
pub mod teams;
pub mod text;
pub mod wishes;

use std::net::IpAddr;
use std::time::Duration;

use axum::http::{HeaderValue, Method, Uri};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::predicate::{DefaultPredicate, Predicate, SizeAbove};
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;

use crate::client_ip::{self, TrustedProxies};
use crate::error::ApiError;
use crate::security_headers::{self, SecurityHeaders};
use crate::state::AppState;
use crate::static_files;
use utoipa_axum::router::OpenApiRouter;

/// Request bodies above this are refused (413) when a handler reads them (an uploaded photo's
/// route takes more: `api/photos.rs`).
const BODY_LIMIT_BYTES: usize = 64 * 1024;
/// No body at all is read beyond this, before any handler.
const ANY_BODY_LIMIT_BYTES: usize = station_wire::honors::MAX_PHOTO_BYTES + 64 * 1024;

/// Smaller answers go out as they are: one activity (~700 bytes) fits a single TCP segment
/// either way, and compressing it cost more time than it saved (bench/load).
const COMPRESS_ABOVE_BYTES: u16 = 1024;

/// Every endpoint, each declared once (`routes!` on its `#[utoipa::path]` handler), so the
/// route and its OpenAPI operation cannot drift apart: the document is made from this.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(health::router())
        .merge(station::router())
        .merge(sites::router())
        .merge(staff::router())
        .merge(audit::router())
        .merge(categories::router())
        .merge(activities::router())
        .merge(days::router())
        .merge(feeds::router())
        .merge(accounts::router())
        .merge(signups::router())
        .merge(checkin::router())
        .merge(hours::router())
        .merge(teams::router())
        .merge(notices::router())
        .merge(reports::router())
        .merge(photos::router())
        .merge(wishes::router())
        .merge(orders::router())
        .merge(honors::router())
        .merge(screens::router())
        .merge(openapi::router())
}

/// The whole application: API, health check, and the browser app as the fallback.
pub fn router(state: AppState, allowed_origins: &[String], trusted_proxies: &[IpAddr]) -> Router {
    let (api, _document) = routes().split_for_parts();
    let headers = SecurityHeaders::new(&state.dist_dir, state.public_url.as_deref());
    // Compress JSON on the fly (the app's files come precompressed from the build), after the
    // ETag is taken from the plain body.
    let api =
        api.layer(axum::middleware::from_fn(extract::refuse_nul))
            .layer(axum::middleware::from_fn(etag::layer))
            .layer(
                CompressionLayer::new().br(true).gzip(true).compress_when(
                    DefaultPredicate::new().and(SizeAbove::new(COMPRESS_ABOVE_BYTES)),
                ),
            );

    Router::new()
        .merge(api)
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .fallback(fallback)
        .layer(cors(allowed_origins))
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .layer(RequestBodyLimitLayer::new(ANY_BODY_LIMIT_BYTES))
        // The limit's own refusal is a bare 413: a problem like every other.
        .layer(axum::middleware::from_fn(too_large_as_problem))
        // A panicking handler still answers a 500 problem (and is logged), not a dropped connection.
        .layer(CatchPanicLayer::custom(panic_to_problem))
        .layer(TraceLayer::new_for_http())
        // On every answer, the refusals of the layers inside included.
        .layer(axum::middleware::from_fn_with_state(
            headers,
            security_headers::layer,
        ))
        // Outermost: every layer and handler inside sees the resolved client address.
        .layer(axum::middleware::from_fn_with_state(
            TrustedProxies::from(trusted_proxies),
            client_ip::resolve_layer,
        ))
        .with_state(state)
}

/// Unknown `/api` paths are problems; everything else belongs to the browser app.
async fn fallback(
    state: axum::extract::State<AppState>,
    uri: Uri,
    request: axum::extract::Request,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let path = uri.path();
    if path == "/api" || path.starts_with("/api/") {
        return ApiError::NoRoute.into_response();
    }
    static_files::serve(&state.dist_dir, request).await
}

async fn too_large_as_problem(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let response = next.run(request).await;
    let is_problem = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"application/problem+json"));
    if response.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE && !is_problem {
        return ApiError::TooLarge("The body is larger than this endpoint takes.".to_owned())
            .into_response();
    }
    response
}

fn panic_to_problem(panic: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    use axum::response::IntoResponse;
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("a handler panicked");
    ApiError::Internal(anyhow::anyhow!("panic: {message}")).into_response()
}

fn cors(allowed_origins: &[String]) -> CorsLayer {
    let layer = CorsLayer::new()
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allow_headers([
            axum::http::header::CONTENT_TYPE,
            axum::http::header::AUTHORIZATION,
        ])
        // A report's file name, for an app served from another origin.
        .expose_headers([
            axum::http::header::CONTENT_DISPOSITION,
            axum::http::header::RETRY_AFTER,
        ])
        .max_age(Duration::from_secs(3600));
    if allowed_origins.iter().any(|origin| origin == "*") {
        layer.allow_origin(Any)
    } else {
        let origins: Vec<HeaderValue> = allowed_origins
            .iter()
            .filter_map(|origin| HeaderValue::from_str(origin.trim_end_matches('/')).ok())
            .collect();
        layer.allow_origin(AllowOrigin::list(origins))
    }
}
