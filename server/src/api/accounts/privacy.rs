//! 个人信息 (PIPL): a person downloads everything the station keeps about them, and deletes
//! their account. Deleting anonymises the account in place — its sign-ups and hours stay in the
//! station's records (rosters, reports, certificates of others are not torn), under 已注销用户
//! and without a phone — and ends everything that acts for it: sessions, team places, staff
//! grants, its upcoming sign-ups (whose places go to the waitlist).

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::Json;
use station_wire::privacy::{DeleteAccountRequest, MyAccountData, MyData};
use station_wire::problem::codes;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::extract::{ClientAddress, JsonBody};
use crate::api::paging::PageQuery;
use crate::auth::{sign_in_limit, AuthUser};

use crate::error::{ApiError, Refusal};
use crate::state::AppState;
use crate::store::accounts::{self, Deletion};
use crate::store::signups;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(export))
        .routes(routes!(delete_me))
}

/// Everything the station keeps about the signed-in person, as one JSON document: the account
/// (with the privacy notice it agreed to), sign-ups, hours, teams and notices.
#[utoipa::path(get, path = "/api/v1/me/export", tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One's data", body = MyData),
        crate::api::openapi::Unauthorized,
    ))]
pub async fn export(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<([(header::HeaderName, &'static str); 1], Json<MyData>), ApiError> {
    let pool = state.store.pool();
    let account = accounts::by_id(pool, user.account_id)
        .await?
        .ok_or_else(|| ApiError::Unauthorized("The account is gone.".into()))?;
    let me = super::me(State(state.clone()), user).await?.0;
    let privacy = accounts::privacy_of(pool, user.account_id).await?;
    // Everything kept: cancelled sign-ups too.
    let signups = crate::api::signups::signups_of(&state, user.account_id, true).await?;
    let hours = crate::api::hours::my_hours(State(state.clone()), user)
        .await?
        .0;
    let teams = crate::api::teams::my_teams(State(state.clone()), user)
        .await?
        .0
        .items;
    let notices = every_page(async |cursor| {
        let query = PageQuery {
            limit: Some(station_wire::page::MAX_LIMIT),
            cursor,
        };
        crate::api::notices::my_notices(State(state.clone()), user, Ok(Query(query))).await
    })
    .await?;
    let nominations = every_page(async |cursor| {
        let query = PageQuery {
            limit: Some(station_wire::page::MAX_LIMIT),
            cursor,
        };
        crate::api::honors::nominations::my_nominations(
            State(state.clone()),
            user,
            Ok(Query(query)),
        )
        .await
    })
    .await?;
    // Everything of a person in one file: no cache keeps it (a shared computer's least of all).
    let no_store = [(header::CACHE_CONTROL, "no-store")];
    Ok((
        no_store,
        Json(MyData {
            exported_at: state.time.to_wire(state.time.now_unix()),
            account: MyAccountData {
                id: account.id,
                display_name: me.display_name,
                phone: me.phone,
                roles: me.roles,
                created_at: state.time.to_wire(privacy.created_at),
                privacy_notice: privacy.notice,
                privacy_accepted_at: privacy.accepted_at.map(|at| state.time.to_wire(at)),
            },
            signups,
            hours,
            teams,
            notices,
            nominations,
        }),
    ))
}

/// Every item of a paged list, page after page.
async fn every_page<T, Next>(
    mut page: impl FnMut(Option<String>) -> Next,
) -> Result<Vec<T>, ApiError>
where
    Next: std::future::Future<Output = Result<Json<station_wire::page::Page<T>>, ApiError>>,
{
    let mut items = Vec::new();
    let mut cursor = None;
    loop {
        let Json(next) = page(cursor.take()).await?;
        items.extend(next.items);
        match next.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(items),
        }
    }
}

/// Deletes the signed-in person's account, confirmed with its password (wrong passwords count
/// against the sign-in limit). The last administrator cannot leave the station without one.
#[utoipa::path(delete, path = "/api/v1/me", tag = "accounts",
    request_body = DeleteAccountRequest,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted: the account is anonymised and signed out everywhere"),
        (status = 400, description = "`password`: required", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`password`: wrong", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::Unauthorized,
        (status = 409, description = "`last-administrator`: make another administrator first", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "`rate-limited`: too many wrong passwords; see `Retry-After`", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete_me(
    State(state): State<AppState>,
    user: AuthUser,
    ClientAddress(address): ClientAddress,
    JsonBody(request): JsonBody<DeleteAccountRequest>,
) -> Result<StatusCode, ApiError> {
    let pool = state.store.pool();
    if request.password.is_empty() {
        return Err(ApiError::invalid(
            "password",
            codes::REQUIRED,
            "The account's password confirms the deletion.",
        ));
    }
    let account = accounts::by_id(pool, user.account_id)
        .await?
        .ok_or_else(|| ApiError::Unauthorized("The account is gone.".into()))?;
    let hash = Some(account.password_hash.as_str());
    if !sign_in_limit::judge(&state, &account.phone, &address, &request.password, hash).await? {
        return Err(ApiError::invalid(
            "password",
            codes::WRONG,
            "The password is not this account's.",
        ));
    }
    let now = state.time.now_unix();
    let last_administrator = || {
        ApiError::refused(
            Refusal::LastAdministrator,
            "The station's only administrator cannot delete the account: make another first.",
        )
    };
    if accounts::is_only_administrator(pool, account.id).await? {
        return Err(last_administrator());
    }
    // First the places taken for what has not begun go back, each to the first waitlisted (one
    // transaction each, as a cancellation by the person would): while the account still
    // exists, so that a failure here leaves it signed in to try again, and no place is promoted
    // into it once it is gone.
    for signup in signups::of_account(pool, account.id, false).await? {
        if matches!(signup.status.as_str(), "confirmed" | "waitlisted") {
            signups::cancel(pool, signup.activity_id, account.id, None, now).await?;
        }
    }
    if accounts::delete_account(pool, account.id, now).await? == Deletion::LastAdministrator {
        return Err(last_administrator());
    }
    Ok(StatusCode::NO_CONTENT)
}
