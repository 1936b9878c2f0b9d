//! Accounts and sessions: register, sign in, sign out, "me", change password. Staff helping
//! residents with their accounts is [`residents`].

mod privacy;
pub mod residents;
pub(crate) mod validate;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use station_wire::accounts::{
    ChangePasswordRequest, Me, RegisterRequest, Session, SignInRequest, SHARED_DEVICE_IDLE_MINUTES,
};
use station_wire::problem::codes;

use super::extract::{ClientAddress, JsonBody};
use super::limits;
use crate::auth::session::{new_token, token_hash, SESSION_DAYS};
use crate::auth::{policy, sign_in_limit, AuthUser};
use crate::error::{ApiError, Refusal, ResultExt};
use crate::state::AppState;
use crate::store::accounts::{self, AccountRow, NewAccount};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    // Registering and signing in also pass a generic per-address request limit.
    let limited = OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(sign_in))
        .layer(limits::auth_requests());
    OpenApiRouter::new()
        .merge(limited)
        .routes(routes!(sign_out))
        .routes(routes!(me))
        .routes(routes!(change_password))
        .merge(residents::router())
        .merge(privacy::router())
}

/// Register (and be signed in at once).
#[utoipa::path(post, path = "/api/v1/accounts", tag = "accounts",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "The account exists and this session is signed in", body = Session),
        (status = 400, description = "Invalid fields: `display_name` (required, too_long), `phone` (required, invalid), `password` (blank, too_short, too_long), `privacy_notice` (required)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`password`: common; `privacy_notice`: outdated", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`phone-taken`: the phone already has an account (field error `phone`/`taken`)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address; see `Retry-After`", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn register(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<RegisterRequest>,
) -> Result<(StatusCode, Json<Session>), ApiError> {
    let display_name = validate::new_account(
        &request.display_name,
        &request.phone,
        &request.password,
        Some(&request.privacy_notice),
    )?;
    let password_hash = state.passwords.hash(&request.password).await?;
    let account_id = accounts::insert(
        state.store.pool(),
        &NewAccount {
            display_name: &display_name,
            phone: &request.phone,
            password_hash: &password_hash,
            site_id: None,
            is_admin: false,
            created_at: state.time.now_unix(),
            privacy_notice: Some(&request.privacy_notice),
        },
    )
    .await
    .on_constraint("accounts_phone_key", phone_taken)?;
    Ok((
        StatusCode::CREATED,
        Json(open_session(&state, account_id, false).await?),
    ))
}

/// Sign in with phone and password.
///
/// A wrong phone and a wrong password get the same answer. After 5 wrong passwords within 15
/// minutes for one phone (however many are sent at once), or 50 from one client address,
/// sign-in is refused with 429 and `Retry-After`.
#[utoipa::path(post, path = "/api/v1/sessions", tag = "accounts",
    request_body = SignInRequest,
    responses(
        (status = 201, description = "Signed in", body = Session),
        (status = 401, description = "`wrong-credentials`: unknown phone or wrong password", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "`rate-limited`: too many wrong passwords; see `Retry-After` (seconds)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn sign_in(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    JsonBody(request): JsonBody<SignInRequest>,
) -> Result<(StatusCode, Json<Session>), ApiError> {
    let account = accounts::by_phone(state.store.pool(), &request.phone).await?;
    let hash = account
        .as_ref()
        .map(|account| account.password_hash.as_str());
    let right =
        sign_in_limit::judge(&state, &request.phone, &address, &request.password, hash).await?;
    match account {
        Some(account) if right => Ok((
            StatusCode::CREATED,
            Json(open_session(&state, account.id, request.shared_device).await?),
        )),
        _ => Err(ApiError::refused(
            Refusal::WrongCredentials,
            "The phone number or the password is wrong.",
        )),
    }
}

/// Sign out: this session's token stops working at once.
#[utoipa::path(delete, path = "/api/v1/sessions/current", tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Signed out"),
        crate::api::openapi::Unauthorized,
    ))]
pub async fn sign_out(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<StatusCode, ApiError> {
    accounts::revoke_session(state.store.pool(), user.session_id, state.time.now_unix()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in account, phone unmasked, with its roles.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The signed-in account", body = Me),
        crate::api::openapi::Unauthorized,
    ))]
pub async fn me(State(state): State<AppState>, user: AuthUser) -> Result<Json<Me>, ApiError> {
    let account = account_of(&state, user.account_id).await?;
    Ok(Json(me_of(&state, account).await?))
}

/// Change one's password; every other session of the account is signed out.
#[utoipa::path(put, path = "/api/v1/me/password", tag = "accounts",
    security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Changed; other sessions are revoked"),
        (status = 400, description = "`new_password` blank/too_short/too_long", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`current_password`/`wrong`, or `new_password`/`common`", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::Unauthorized,
    ))]
pub async fn change_password(
    State(state): State<AppState>,
    user: AuthUser,
    JsonBody(request): JsonBody<ChangePasswordRequest>,
) -> Result<StatusCode, ApiError> {
    if request.current_password.is_empty() {
        // The document asks for one (`minLength: 1`): a missing one breaks it, 400.
        return Err(ApiError::invalid(
            "current_password",
            codes::REQUIRED,
            "The current password confirms the change.",
        ));
    }
    validate::password("new_password", &request.new_password)?;
    let account = account_of(&state, user.account_id).await?;
    if !state
        .passwords
        .verify(&request.current_password, &account.password_hash)
        .await?
    {
        return Err(ApiError::invalid(
            "current_password",
            codes::WRONG,
            "The current password is wrong.",
        ));
    }
    let password_hash = state.passwords.hash(&request.new_password).await?;
    let pool = state.store.pool();
    accounts::set_password_hash(pool, account.id, &password_hash).await?;
    accounts::revoke_other_sessions(pool, account.id, user.session_id, state.time.now_unix())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(super) fn phone_taken(_: Box<dyn sqlx::error::DatabaseError>) -> ApiError {
    ApiError::refused(
        Refusal::PhoneTaken,
        "This phone number already has an account.",
    )
}

async fn account_of(state: &AppState, account_id: i64) -> Result<AccountRow, ApiError> {
    accounts::by_id(state.store.pool(), account_id)
        .await?
        .ok_or_else(|| ApiError::Unauthorized("The account no longer exists.".to_owned()))
}

async fn me_of(state: &AppState, account: AccountRow) -> Result<Me, ApiError> {
    let pool = state.store.pool();
    let is_admin = account.is_admin != 0;
    let roles = policy::role_grants(pool, account.id, is_admin).await?;
    let managed_site_ids = policy::StaffScope::of_account(pool, account.id, is_admin)
        .await?
        .site_ids(pool)
        .await?;
    let unread = crate::store::notices::unread_count(pool, account.id).await?;
    Ok(Me {
        id: account.id,
        display_name: account.display_name,
        phone: account.phone,
        roles,
        managed_site_ids,
        unread_notices: u32::try_from(unread).unwrap_or(u32::MAX),
    })
}

/// A new session for the account: the token goes to the client, its hash to the database. One
/// on a shared computer lasts [`SHARED_DEVICE_IDLE_MINUTES`] past its last request.
async fn open_session(
    state: &AppState,
    account_id: i64,
    shared_device: bool,
) -> Result<Session, ApiError> {
    let token = new_token();
    let now = state.time.now_unix();
    let idle_seconds = shared_device.then_some(SHARED_DEVICE_IDLE_MINUTES * 60);
    let expires_at = now + idle_seconds.unwrap_or(SESSION_DAYS * 86_400);
    accounts::insert_session(
        state.store.pool(),
        account_id,
        &token_hash(&token),
        now,
        expires_at,
        idle_seconds,
    )
    .await?;
    let account = account_of(state, account_id).await?;
    Ok(Session {
        token,
        expires_at: state.time.to_wire(expires_at),
        account: me_of(state, account).await?,
        shared_device,
    })
}
