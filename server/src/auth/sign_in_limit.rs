//! Wrong passwords are counted per phone and per client address over a sliding window, in the
//! database and by the station's [`crate::clock::Clock`] (so tests move time instead of sleeping).
//!
//! An attempt is reserved before its password is judged ([`reserve`]): counted as a failure in
//! the same transaction that checks the count, so fifty guesses sent at once for one phone have
//! at most [`PHONE_MAX_FAILURES`] passwords judged; a right password takes its reservation back
//! ([`release`]). A phone that has used up its attempts is refused with 429 and `Retry-After`
//! until the oldest of them leaves the window, even with the right password.
//!
//! An address gets far more ([`ADDRESS_MAX_FAILURES`]): residents at a service center's Wi-Fi,
//! or behind a carrier's shared address, share one, and a few typos among them must not lock the
//! others out. Attempts refused for a locked phone are not counted against the address, so a
//! guesser hammering one phone never locks out the other accounts signing in from there.

use sqlx::AnyPool;

use crate::error::ApiError;
use crate::state::AppState;
use crate::store::accounts::{self, Attempt};

/// Wrong passwords allowed per phone in the window; the next attempt is refused.
pub const PHONE_MAX_FAILURES: i64 = 5;
/// Wrong passwords allowed per client address in the window, whatever the phones.
pub const ADDRESS_MAX_FAILURES: i64 = 50;
pub const WINDOW_SECONDS: i64 = 15 * 60;

/// A reserved attempt: counted as a wrong password unless [`release`]d.
#[must_use = "a right password releases its attempt"]
struct Reserved(i64);

/// Judges `password` as one limited attempt for `phone` from `address`, against the account's
/// `hash` (none: no such account, judged against a decoy so that the answer takes as long, and
/// wrong): a right password is not counted, a wrong one is; 429 while either key has used up
/// its attempts. Signing in and confirming a deletion both go through here.
pub async fn judge(
    state: &AppState,
    phone: &str,
    address: &str,
    password: &str,
    hash: Option<&str>,
) -> Result<bool, ApiError> {
    let pool = state.store.pool();
    let attempt = reserve(pool, phone, address, state.time.now_unix()).await?;
    let right = match hash {
        Some(hash) => state.passwords.verify(password, hash).await?,
        None => {
            state.passwords.verify_decoy(password).await?;
            false
        }
    };
    if right {
        release(pool, attempt).await?;
    }
    // A wrong one keeps its reservation: it is this wrong password.
    Ok(right)
}

/// Reserves an attempt for the phone from the address, or refuses with 429 while either has
/// used up its attempts.
async fn reserve(
    pool: &AnyPool,
    phone: &str,
    address: &str,
    now: i64,
) -> Result<Reserved, ApiError> {
    let limits = (PHONE_MAX_FAILURES, ADDRESS_MAX_FAILURES);
    let since = now - WINDOW_SECONDS;
    match accounts::reserve_sign_in_attempt(pool, phone, address, since, limits, now).await? {
        Attempt::Reserved(id) => Ok(Reserved(id)),
        Attempt::Refused { oldest } => Err(ApiError::RateLimited {
            retry_after_seconds: (oldest + WINDOW_SECONDS - now).max(1) as u64,
        }),
    }
}

/// The password was right: the attempt does not count.
async fn release(pool: &AnyPool, attempt: Reserved) -> Result<(), ApiError> {
    accounts::release_sign_in_attempt(pool, attempt.0).await?;
    Ok(())
}
