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

/// A guard per account against floods of one kind of request (likes, photo uploads): a burst
/// at once, then one more every `period`. Kept in the process, like the per-address limit.
pub struct PerAccount(governor::DefaultKeyedRateLimiter<i64>);

impl PerAccount {
    pub fn new(period: Duration, burst: u32) -> Self {
        let quota = governor::Quota::with_period(period)
            .expect("a period above zero")
            .allow_burst(std::num::NonZeroU32::new(burst.max(1)).expect("above zero"));
        PerAccount(governor::RateLimiter::keyed(quota))
    }

    /// Likes and unlikes: twenty at once, then one every two seconds — a person tapping away
    /// is never stopped, a script is.
    pub fn likes() -> Self {
        Self::new(Duration::from_secs(2), 20)
    }

    /// Photo uploads, refused ones too (each costs a decode): ten at once, then one a minute.
    pub fn uploads() -> Self {
        Self::new(Duration::from_secs(60), 10)
    }

    pub fn check(&self, account_id: i64) -> Result<(), ApiError> {
        // Forget the accounts that have been quiet, now and then, so the map stays small.
        if self.0.len() > 10_000 {
            self.0.retain_recent();
        }
        self.0
            .check_key(&account_id)
            .map_err(|not_until| ApiError::RateLimited {
                retry_after_seconds: not_until
                    .wait_time_from(governor::clock::Clock::now(
                        &governor::clock::DefaultClock::default(),
                    ))
                    .as_secs()
                    .max(1),
            })
    }
}

impl std::fmt::Debug for PerAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PerAccount")
    }
}
