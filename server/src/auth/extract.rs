//! `AuthUser` (a valid session is required: 401 otherwise) and `MaybeAuthUser` (anyone).

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use super::session::token_hash;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::accounts;
use station_wire::accounts::SHARED_DEVICE_LONGEST_HOURS;

/// The signed-in account behind the request's `Authorization: Bearer <token>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthUser {
    pub account_id: i64,
    pub session_id: i64,
    pub is_admin: bool,
}

/// The signed-in account, if the request carries a live session; anonymous otherwise (a stale
/// token on a public page is not an error).
#[derive(Debug, Clone, Copy)]
pub struct MaybeAuthUser(pub Option<AuthUser>);

fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|token| !token.is_empty())
}

async fn resolve(parts: &Parts, state: &AppState) -> Result<Option<AuthUser>, ApiError> {
    let Some(token) = bearer(parts) else {
        return Ok(None);
    };
    let now = state.time.now_unix();
    let session = accounts::live_session(state.store.pool(), &token_hash(token), now).await?;
    if let Some(idle) = session.as_ref().and_then(|session| session.idle_seconds) {
        // 这是公用电脑: each request keeps the session alive for another idle period, up to
        // a working day in all. A failed write only shortens the session: the request goes on.
        let session_id = session.as_ref().map_or(0, |session| session.session_id);
        let longest = SHARED_DEVICE_LONGEST_HOURS * 3600;
        if let Err(error) =
            accounts::extend_session(state.store.pool(), session_id, now, now + idle, longest).await
        {
            tracing::warn!(%error, "a shared computer's session was not extended");
        }
    }
    Ok(session.map(|session| AuthUser {
        account_id: session.account_id,
        session_id: session.session_id,
        is_admin: session.is_admin != 0,
    }))
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let missing = bearer(parts).is_none();
        resolve(parts, state).await?.ok_or_else(|| {
            ApiError::Unauthorized(if missing {
                "Sign in first: send `Authorization: Bearer <token>`.".to_owned()
            } else {
                "The session has expired or was signed out; sign in again.".to_owned()
            })
        })
    }
}

impl FromRequestParts<AppState> for MaybeAuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        resolve(parts, state).await.map(MaybeAuthUser)
    }
}
