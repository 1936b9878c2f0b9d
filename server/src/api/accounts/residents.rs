//! Staff helping residents with their accounts: opening one for a resident without a smartphone,
//! finding a resident of their sites by phone, and setting a new password for one who forgot
//! theirs. Only residents are helped so: never an account that is itself staff or an
//! administrator, so that no staff member can take over a colleague's wider powers.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use station_wire::accounts::{
    AccountLookup, AccountSummary, CreateAccountRequest, ResetPasswordRequest,
};
use station_wire::problem::codes;

use super::validate;
use crate::api::audit::Log;
use crate::api::extract::{JsonBody, PathId};
use crate::auth::policy::{self, StaffScope};
use crate::auth::AuthUser;
use crate::error::{ApiError, ResultExt};
use crate::state::AppState;
use crate::store::accounts::{self, AccountRow, NewAccount};
use crate::store::sites;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_account, find_account))
        .routes(routes!(reset_password))
}

/// Staff open an account for a resident of their site (e.g. an elderly person without a
/// smartphone); the resident can sign in later with the initial password.
#[utoipa::path(post, path = "/api/v1/staff/accounts", tag = "accounts",
    security(("bearer" = [])),
    request_body = CreateAccountRequest,
    responses(
        (status = 201, description = "The account (phone unmasked: the creator is staff of its site)", body = AccountSummary),
        (status = 400, description = "Invalid fields", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`site_id`/`unknown`, or `password`/`common`", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::Unauthorized,
        (status = 403, description = "Not staff of that site (or an ancestor) nor an administrator", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`phone-taken`", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_account(
    State(state): State<AppState>,
    user: AuthUser,
    JsonBody(request): JsonBody<CreateAccountRequest>,
) -> Result<(StatusCode, Json<AccountSummary>), ApiError> {
    let pool = state.store.pool();
    let display_name = validate::new_account(
        &request.display_name,
        &request.phone,
        &request.password,
        Some(&request.privacy_notice),
    )?;
    if !sites::exists(pool, request.site_id).await? {
        return Err(ApiError::invalid(
            "site_id",
            codes::UNKNOWN,
            "No site has this id.",
        ));
    }
    policy::require(
        policy::is_staff_of(pool, &user, request.site_id).await?,
        "staff of this site",
    )?;
    let password_hash = state.passwords.hash(&request.password).await?;
    let id = accounts::insert(
        pool,
        &NewAccount {
            display_name: &display_name,
            phone: &request.phone,
            password_hash: &password_hash,
            site_id: Some(request.site_id),
            is_admin: false,
            created_at: state.time.now_unix(),
            privacy_notice: Some(&request.privacy_notice),
        },
    )
    .await
    .on_constraint("accounts_phone_key", super::phone_taken)?;
    let created = AccountSummary {
        id,
        display_name,
        phone: request.phone,
    };
    Log::new(
        &state,
        &user,
        Some(request.site_id),
        "account.create",
        format!("account:{id}"),
    )
    .after(&created)
    .save()
    .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Find a resident of one's sites by mobile number (to help with their account).
#[utoipa::path(get, path = "/api/v1/staff/accounts", tag = "accounts",
    security(("bearer" = [])),
    params(AccountLookup),
    responses(
        (status = 200, description = "The resident (phone unmasked: the caller is staff of their site)", body = AccountSummary),
        (status = 400, description = "`phone`: required or invalid", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::Unauthorized,
        (status = 403, description = "Not staff of any site nor an administrator", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No resident with this number at the caller's sites", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn find_account(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<Query<AccountLookup>, QueryRejection>,
) -> Result<Json<AccountSummary>, ApiError> {
    let phone = query.map(|Query(q)| q.phone).unwrap_or_default();
    let pool = state.store.pool();
    let scope = StaffScope::of(pool, &user).await?;
    policy::require(!scope.is_empty(), "staff of a site")?;
    validate::phone(&phone)?;
    let account = match accounts::by_phone(pool, &phone).await? {
        Some(account) => resident_of(&state, &scope, account).await?,
        None => return Err(no_resident()),
    };
    Ok(Json(summary(account)))
}

/// Set a new password for a resident of one's sites who forgot theirs: their sessions end and
/// their failed sign-ins are forgotten, so that they can sign in at once.
#[utoipa::path(put, path = "/api/v1/staff/accounts/{id}/password", tag = "accounts",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The resident's account id")),
    request_body = ResetPasswordRequest,
    responses(
        (status = 200, description = "Done: the resident, to tell them", body = AccountSummary),
        (status = 400, description = "`new_password`: blank, too_short or too_long", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`new_password`: common", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::Unauthorized,
        (status = 403, description = "Not staff of any site nor an administrator", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No resident with this id at the caller's sites", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn reset_password(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(request): JsonBody<ResetPasswordRequest>,
) -> Result<Json<AccountSummary>, ApiError> {
    let pool = state.store.pool();
    let scope = StaffScope::of(pool, &user).await?;
    policy::require(!scope.is_empty(), "staff of a site")?;
    validate::password("new_password", &request.new_password)?;
    let account = match accounts::by_id(pool, id).await? {
        Some(account) => resident_of(&state, &scope, account).await?,
        None => return Err(no_resident()),
    };
    let password_hash = state.passwords.hash(&request.new_password).await?;
    let now = state.time.now_unix();
    accounts::set_password_hash(pool, account.id, &password_hash).await?;
    // No session is kept: whoever knew the old password is signed out everywhere.
    accounts::revoke_other_sessions(pool, account.id, 0, now).await?;
    accounts::forget_failures_of(pool, &account.phone).await?;
    let subject = format!("account:{}", account.id);
    Log::new(
        &state,
        &user,
        account.site_id,
        "account.reset_password",
        subject,
    )
    .save()
    .await?;
    Ok(Json(summary(account)))
}

/// The account, when it is a resident (no staff, no administrator) of a site in `scope`; any
/// other account is "not found", as if it did not exist, for staff need not know of it.
pub(crate) async fn resident_of(
    state: &AppState,
    scope: &StaffScope,
    account: AccountRow,
) -> Result<AccountRow, ApiError> {
    let at_their_site = account.site_id.is_some_and(|site| scope.covers(site));
    let plain = account.is_admin == 0
        && accounts::staff_sites(state.store.pool(), account.id)
            .await?
            .is_empty();
    if at_their_site && plain {
        Ok(account)
    } else {
        Err(no_resident())
    }
}

fn no_resident() -> ApiError {
    ApiError::not_found("A resident with this number or id at your sites")
}

fn summary(account: AccountRow) -> AccountSummary {
    AccountSummary {
        id: account.id,
        display_name: account.display_name,
        phone: account.phone,
    }
}
