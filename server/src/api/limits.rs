//! A generic per-address request limit (tower_governor) for the endpoints that take passwords.
//! The precise rule — five wrong passwords per 15 minutes — lives in
//! [`crate::auth::sign_in_limit`]; this only stops floods.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::response::IntoResponse;
use governor::clock::QuantaInstant;
use governor::middleware::NoOpMiddleware;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::{GovernorError, GovernorLayer};

use crate::client_ip::ClientIpKey;
use crate::error::ApiError;

/// Requests one address may send at once, then one more every [`REFILL`].
const BURST: u32 = 60;
const REFILL: Duration = Duration::from_millis(100);

pub type AuthLimitLayer = GovernorLayer<ClientIpKey, NoOpMiddleware<QuantaInstant>, Body>;

pub fn auth_requests() -> AuthLimitLayer {
    let config = Arc::new(
        GovernorConfigBuilder::default()
            .key_extractor(ClientIpKey)
            .period(REFILL)
            .burst_size(BURST)
            .finish()
            .expect("a valid rate-limit configuration"),
    );
    // Forget idle addresses now and then, so the limiter's memory stays small.
    let limiter = Arc::clone(config.limiter());
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                limiter.retain_recent();
            }
        });
    }
    GovernorLayer::new(config).error_handler(|error| match error {
        GovernorError::TooManyRequests { wait_time, .. } => ApiError::RateLimited {
            retry_after_seconds: wait_time.max(1),
        }
        .into_response(),
        other => ApiError::Internal(anyhow::anyhow!("request limit: {other}")).into_response(),
    })
}
