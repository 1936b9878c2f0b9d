//! Wrong passwords are counted per phone and per client address over a sliding window, in the
//! database and by the station's [`crate::clock::Clock`] (so tests move time instead of sleeping).
//! Once either key has [`MAX_FAILURES`] in the window, sign-in is refused with 429 and
//! `Retry-After` until the oldest of those leaves the window.

use sqlx::AnyPool;

use crate::error::ApiError;
use crate::store::accounts;

/// Wrong passwords allowed per window; the next attempt is refused.
pub const MAX_FAILURES: i64 = 5;
pub const WINDOW_SECONDS: i64 = 15 * 60;

/// Refuses with 429 while the phone or the address has used up its attempts.
pub async fn check(pool: &AnyPool, phone: &str, address: &str, now: i64) -> Result<(), ApiError> {
    let since = now - WINDOW_SECONDS;
    match accounts::nth_recent_failure(pool, phone, address, since, MAX_FAILURES).await? {
        Some(at) => Err(ApiError::RateLimited {
            retry_after_seconds: (at + WINDOW_SECONDS - now).max(1) as u64,
        }),
        None => Ok(()),
    }
}

pub async fn record_failure(
    pool: &AnyPool,
    phone: &str,
    address: &str,
    now: i64,
) -> Result<(), ApiError> {
    accounts::forget_failures_before(pool, now - WINDOW_SECONDS).await?;
    accounts::record_sign_in_failure(pool, phone, address, now).await?;
    Ok(())
}
