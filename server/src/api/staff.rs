//! Staff of a site: listed, granted to an existing account found by phone, revoked — by staff
//! of the site (or above) and administrators, who cannot grant more than they hold: a grant is
//! on a site they run, and reaches only that site and the sites below it. And what waits for
//! staff across their sites (工作台's 待办).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use station_wire::accounts::AccountSummary;
use station_wire::activities::TeamRef;
use station_wire::page::List;
use station_wire::problem::codes;
use station_wire::sites::SiteRef;
use station_wire::staff::{GrantStaff, HoursWaiting, JoinRequest, StaffGrant, StaffToday};

use super::accounts::validate;
use super::extract::JsonBody;
use super::openapi::{NoSuchSite, Unauthorized};
use crate::api::audit::Log;
use crate::auth::policy::{self, StaffScope};
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::accounts::{self, GrantRow};
use crate::store::{hours, sites, teams};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_staff, grant_staff))
        .routes(routes!(revoke_staff))
        .routes(routes!(today))
}

/// How many items of each kind 工作台 lists.
const TODAY_LIMIT: i64 = 100;

/// What waits for the caller across the sites they run: join requests to decide and hours to
/// confirm (工作台's 待办). Administrators see every site's.
#[utoipa::path(get, path = "/api/v1/staff/today", tag = "sites",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Join requests and hours waiting", body = StaffToday),
        Unauthorized,
        (status = 403, description = "Not staff of any site", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn today(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<StaffToday>, ApiError> {
    let pool = state.store.pool();
    let scope = StaffScope::of(pool, &user).await?;
    policy::require(!scope.is_empty(), "staff of a site")?;
    let sites = if user.is_admin {
        None
    } else {
        Some(scope.site_ids(pool).await?)
    };
    let requests = teams::pending_requests(pool, sites.as_deref(), TODAY_LIMIT).await?;
    let waiting =
        hours::waiting(pool, sites.as_deref(), state.time.now_unix(), TODAY_LIMIT).await?;
    let time = &state.time;
    Ok(Json(StaffToday {
        join_requests: requests
            .into_iter()
            .map(|row| JoinRequest {
                team: TeamRef {
                    id: row.team_id,
                    name: row.team_name,
                    field: row.team_field,
                },
                account_id: row.account_id,
                display_name: row.display_name,
                requested_at: time.to_wire(row.requested_at),
            })
            .collect(),
        hours_waiting: waiting
            .into_iter()
            .map(|row| HoursWaiting {
                activity_id: row.activity_id,
                title: row.title,
                site: SiteRef {
                    id: row.site_id,
                    name: row.site_name,
                },
                starts_at: time.to_wire(row.starts_at),
                ends_at: time.to_wire(row.ends_at),
                waiting: row.waiting.clamp(0, u32::MAX as i64) as u32,
            })
            .collect(),
    }))
}

/// `403` for anyone who does not run the site.
#[derive(utoipa::IntoResponses)]
#[response(
    status = 403,
    description = "Not staff of the site (or above) nor an administrator",
    content_type = "application/problem+json"
)]
pub struct NotStaffHere(#[allow(dead_code)] station_wire::problem::Problem);

/// Who runs the site: the staff granted on it and on every site above it, nearest first.
#[utoipa::path(get, path = "/api/v1/sites/{id}/staff", tag = "sites",
    params(("id" = i64, Path, description = "The site's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The grants, nearest site first", body = List<StaffGrant>),
        (status = 400, description = "The path id is not a whole number", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized, NotStaffHere, NoSuchSite,
    ))]
pub async fn list_staff(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<Json<List<StaffGrant>>, ApiError> {
    let site = site_run_by(&state, &user, &id).await?;
    let rows = accounts::staff_of_site(state.store.pool(), site).await?;
    Ok(Json(List {
        items: rows.into_iter().map(to_wire).collect(),
    }))
}

/// Make an existing account staff of the site (found by its mobile number). Granting it again
/// changes nothing.
#[utoipa::path(post, path = "/api/v1/sites/{id}/staff", tag = "sites",
    params(("id" = i64, Path, description = "The site's id")),
    request_body = GrantStaff,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The grant", body = StaffGrant),
        (status = 400, description = "`phone`: required or invalid", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`phone`: unknown (no account signs in with it: open one first)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized, NotStaffHere, NoSuchSite,
    ))]
pub async fn grant_staff(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<GrantStaff>,
) -> Result<(StatusCode, Json<StaffGrant>), ApiError> {
    let site = site_run_by(&state, &user, &id).await?;
    validate::phone(&request.phone)?;
    let account = accounts::by_phone(state.store.pool(), &request.phone)
        .await?
        .ok_or_else(|| {
            ApiError::invalid(
                "phone",
                codes::UNKNOWN,
                "No account signs in with this number; open one for them first.",
            )
        })?;
    accounts::grant_staff(state.store.pool(), account.id, site).await?;
    let grant = StaffGrant {
        site_id: site,
        account: AccountSummary {
            id: account.id,
            display_name: account.display_name,
            phone: account.phone,
        },
    };
    Log::new(
        &state,
        &user,
        Some(site),
        "staff.grant",
        grant_subject(site, account.id),
    )
    .after(&grant)
    .save()
    .await?;
    Ok((StatusCode::CREATED, Json(grant)))
}

/// Revoke a staff grant on this site (grants on sites above are revoked there).
#[utoipa::path(delete, path = "/api/v1/sites/{id}/staff/{account_id}", tag = "sites",
    params(
        ("id" = i64, Path, description = "The site's id"),
        ("account_id" = i64, Path, description = "The staff member's account id"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Revoked"),
        (status = 400, description = "A path id is not a whole number", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized, NotStaffHere,
        (status = 404, description = "No such site, or the account holds no grant on it", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn revoke_staff(
    State(state): State<AppState>,
    user: AuthUser,
    Path((id, account_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let site = site_run_by(&state, &user, &id).await?;
    let account_id = whole_number("account_id", &account_id)?;
    if accounts::revoke_staff(state.store.pool(), account_id, site).await? {
        Log::new(
            &state,
            &user,
            Some(site),
            "staff.revoke",
            grant_subject(site, account_id),
        )
        .save()
        .await?;
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found(format!(
            "A staff grant of account {account_id} on site {site}"
        )))
    }
}

fn grant_subject(site: i64, account: i64) -> String {
    format!("site:{site}/staff:{account}")
}

fn whole_number(field: &str, text: &str) -> Result<i64, ApiError> {
    text.parse()
        .map_err(|_| ApiError::invalid(field, codes::INVALID, "Must be a whole number."))
}

/// The live site `id`, when the user runs it.
async fn site_run_by(state: &AppState, user: &AuthUser, id: &str) -> Result<i64, ApiError> {
    let id = whole_number("id", id)?;
    sites::by_id(state.store.pool(), id)
        .await?
        .filter(|site| site.archived_at.is_none())
        .ok_or_else(|| ApiError::not_found(format!("Site {id}")))?;
    let scope = StaffScope::of(state.store.pool(), user).await?;
    policy::require(scope.covers(id), "staff of the site or administrators")?;
    Ok(id)
}

fn to_wire(row: GrantRow) -> StaffGrant {
    StaffGrant {
        site_id: row.site_id,
        account: AccountSummary {
            id: row.account_id,
            display_name: row.display_name,
            phone: row.phone,
        },
    }
}
