//! Staff sign a resident without a smartphone up for an activity of their site (代报名), and
//! cancel it for them — recorded as done by that staff member (`made_by`, `cancelled_by`). The
//! resident is found by the mobile number of their account, among the residents of the sites
//! the caller runs (as `GET /api/v1/staff/accounts` finds them).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use station_wire::accounts::AccountSummary;
use station_wire::problem::codes;
use station_wire::signups::{RosterEntry, SignUpOnBehalf, Signup};

use super::{activity_or_404, admit, to_wire, withdraw};
use crate::api::accounts::residents::resident_of;
use crate::api::accounts::validate;
use crate::api::audit::Log;
use crate::api::extract::{JsonBody, PathId, PathIds};
use crate::auth::policy::{self, StaffScope};
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::accounts;
use crate::store::activities::ActivityRow;

/// Sign a resident of one's sites up, found by phone: a place while places remain, else the
/// waitlist — the same rules as their own sign-up.
#[utoipa::path(post, path = "/api/v1/activities/{id}/signups/on-behalf", tag = "signups",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The activity's id")),
    request_body = SignUpOnBehalf,
    responses(
        (status = 201, description = "The resident's sign-up, `made_by` the caller", body = RosterEntry),
        (status = 400, description = "`phone`: required or invalid", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`phone`: unknown (no resident of the caller's sites signs in with it)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::Unauthorized,
        (status = 403, description = "Not staff of the activity's site nor an administrator; or `team-only` and the resident is not in the team", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::NoSuchActivity,
        (status = 409, description = "`already-signed-up`, `signup-closed` (a draft, deadline passed, started or finished) or `activity-cancelled`", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn sign_up_on_behalf(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(request): JsonBody<SignUpOnBehalf>,
) -> Result<(StatusCode, Json<RosterEntry>), ApiError> {
    let (activity, scope) = run_by(&state, &user, id).await?;
    validate::phone(&request.phone)?;
    let unknown = || {
        ApiError::invalid(
            "phone",
            codes::UNKNOWN,
            "No resident of your sites signs in with this number; open an account for them first.",
        )
    };
    let account = accounts::by_phone(state.store.pool(), &request.phone)
        .await?
        .ok_or_else(unknown)?;
    let account = resident_of(&state, &scope, account)
        .await
        .map_err(|_| unknown())?;
    let signup = admit(&state, &activity, account.id, Some(user.account_id)).await?;
    let made_by = accounts::by_id(state.store.pool(), user.account_id)
        .await?
        .map(|staff| staff.display_name);
    let entry = RosterEntry {
        signup: to_wire(signup, &state.time),
        account: AccountSummary {
            id: account.id,
            display_name: account.display_name,
            phone: account.phone,
        },
        hours: None,
        made_by,
    };
    let subject = format!("signup:{}", entry.signup.id);
    Log::new(
        &state,
        &user,
        Some(activity.site_id),
        "signup.on_behalf",
        subject,
    )
    .after(&entry)
    .save()
    .await?;
    Ok((StatusCode::CREATED, Json(entry)))
}

/// Cancel a person's sign-up for them, until the activity starts; a freed place goes to the
/// first waitlisted. Staff of the activity's site may cancel any sign-up of it (a volunteer from
/// elsewhere who phones to say they cannot come), not only their residents'.
#[utoipa::path(delete, path = "/api/v1/activities/{id}/signups/{account_id}", tag = "signups",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "The activity's id"),
        ("account_id" = i64, Path, description = "Whose sign-up"),
    ),
    responses(
        (status = 200, description = "The sign-up, now `cancelled`", body = Signup),
        (status = 400, description = "A path id is not a whole number", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::Unauthorized,
        (status = 403, description = "Not staff of the activity's site nor an administrator", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such activity, or `not-signed-up`", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`cancel-too-late`: the activity has started", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn cancel_on_behalf(
    State(state): State<AppState>,
    user: AuthUser,
    PathIds(id, account_id): PathIds,
) -> Result<Json<Signup>, ApiError> {
    let (activity, _) = run_by(&state, &user, id).await?;
    let cancelled = withdraw(&state, activity.id, account_id, Some(user.account_id)).await?;
    let subject = format!("signup:{}", cancelled.id);
    Log::new(
        &state,
        &user,
        Some(activity.site_id),
        "signup.cancel_on_behalf",
        subject,
    )
    .after(&cancelled)
    .save()
    .await?;
    Ok(Json(cancelled))
}

/// The activity `id`, when the caller is staff of its site (leaders lead; staff sign up).
async fn run_by(
    state: &AppState,
    user: &AuthUser,
    id: i64,
) -> Result<(ActivityRow, StaffScope), ApiError> {
    let activity = activity_or_404(state, id).await?;
    let scope = StaffScope::of(state.store.pool(), user).await?;
    policy::require(
        scope.covers(activity.site_id),
        "staff of the activity's site",
    )?;
    Ok((activity, scope))
}
