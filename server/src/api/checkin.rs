//! Check-in (签到): staff (or the team's leader) show a rotating QR code; the volunteer's phone
//! opens its link and checks in; staff can also check someone in by hand.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use qrcode::render::svg;
use qrcode::QrCode;
use station_wire::problem::codes;
use station_wire::signups::{
    CheckinCode, CheckinRequest, ManualCheckinRequest, Signup, CHECKIN_ROTATE_SECONDS,
};

use super::extract::{JsonBody, PathId};
use super::signups::{activity_or_404, signup_or_404, to_wire};
use crate::api::audit::Log;
use crate::auth::{policy, AuthUser};
use crate::checkin::Verdict;
use crate::error::{ApiError, Refusal};
use crate::state::AppState;
use crate::store::activities::ActivityRow;
use crate::store::signups;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Check-in opens this long before the start and closes at the end.
pub const OPENS_BEFORE_START_SECONDS: i64 = 30 * 60;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(checkin_code))
        .routes(routes!(check_in))
        .routes(routes!(manual_check_in))
}

/// The current check-in code of the activity as a link and its QR code (SVG). It rotates every
/// 30 seconds and is accepted for one more period; fetch a new one before `expires_at`.
#[utoipa::path(get, path = "/api/v1/activities/{id}/checkin-code", tag = "checkin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The activity's id")),
    responses(
        (status = 200, description = "The code to show", body = CheckinCode),
        crate::api::openapi::Unauthorized,
        (status = 403, description = "Not staff of the activity's site, its team's leader or an administrator", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::NoSuchActivity,
    ))]
pub async fn checkin_code(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    headers: HeaderMap,
) -> Result<Json<CheckinCode>, ApiError> {
    let activity = activity_or_404(&state, id).await?;
    require_manager(&state, &user, &activity).await?;
    let (code, expires_at) = state.checkin.code(id, state.time.now_unix());
    let url = format!(
        "{}/me/checkin/{id}?code={code}",
        state.public_base(&headers)
    );
    let svg = QrCode::new(url.as_bytes())
        .map_err(|error| ApiError::Internal(anyhow::anyhow!("QR code: {error}")))?
        .render::<svg::Color>()
        .min_dimensions(256, 256)
        .build();
    Ok(Json(CheckinCode {
        url,
        svg,
        expires_at: state.time.to_wire(expires_at),
        rotates_every_seconds: CHECKIN_ROTATE_SECONDS,
    }))
}

/// The volunteer checks in with the scanned code.
#[utoipa::path(post, path = "/api/v1/activities/{id}/checkins", tag = "checkin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The activity's id")),
    request_body = CheckinRequest,
    responses(
        (status = 200, description = "The sign-up, now `attended` (again if already checked in)", body = Signup),
        (status = 422, description = "`code`/invalid: not a check-in code of this activity", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::Unauthorized,
        (status = 404, description = "No such activity, or `not-signed-up` (no confirmed place)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`checkin-window`: check-in is open from 30 minutes before the start until the end", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "`checkin-code-expired`: scan the code on the screen again", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn check_in(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(request): JsonBody<CheckinRequest>,
) -> Result<Json<Signup>, ApiError> {
    let activity = super::signups::visible_activity_or_404(&state, Some(&user), id).await?;
    match state
        .checkin
        .verify(id, &request.code, state.time.now_unix())
    {
        Verdict::Valid => {}
        Verdict::Expired => {
            return Err(ApiError::refused(
                Refusal::CheckinCodeExpired,
                "This check-in code has expired; scan the code on the screen again.",
            ))
        }
        Verdict::Invalid => {
            return Err(ApiError::invalid_given_state(
                "code",
                codes::INVALID,
                "Not a check-in code of this activity.",
            ))
        }
    }
    attend(&state, &activity, user.account_id).await.map(Json)
}

/// Staff or the team's leader check a signed-up volunteer in by hand.
#[utoipa::path(post, path = "/api/v1/activities/{id}/checkins/manual", tag = "checkin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The activity's id")),
    request_body = ManualCheckinRequest,
    responses(
        (status = 200, description = "The sign-up, now `attended`", body = Signup),
        crate::api::openapi::Unauthorized,
        (status = 403, description = "Not staff of the activity's site, its team's leader or an administrator", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such activity, or `not-signed-up`", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`checkin-window`", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn manual_check_in(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(request): JsonBody<ManualCheckinRequest>,
) -> Result<Json<Signup>, ApiError> {
    let activity = activity_or_404(&state, id).await?;
    require_manager(&state, &user, &activity).await?;
    let signup = attend(&state, &activity, request.account_id).await?;
    Log::new(
        &state,
        &user,
        Some(activity.site_id),
        "signup.check_in",
        format!("signup:{}", signup.id),
    )
    .after(&signup)
    .save()
    .await?;
    Ok(Json(signup))
}

/// Marks the account's confirmed place attended, inside the check-in window.
async fn attend(
    state: &AppState,
    activity: &ActivityRow,
    account_id: i64,
) -> Result<Signup, ApiError> {
    let pool = state.store.pool();
    let now = state.time.now_unix();
    let signup = signups::active_of(pool, activity.id, account_id)
        .await?
        .filter(|signup| signup.status == "confirmed" || signup.status == "attended")
        .ok_or_else(|| {
            ApiError::refused(
                Refusal::NotSignedUp,
                "There is no confirmed place to check in for.",
            )
        })?;
    if now < activity.starts_at - OPENS_BEFORE_START_SECONDS || now >= activity.ends_at {
        return Err(ApiError::refused(
            Refusal::CheckinWindow,
            "Check-in is open from 30 minutes before the start until the end.",
        ));
    }
    signups::mark_attended(pool, signup.id, now).await?;
    Ok(to_wire(signup_or_404(state, signup.id).await?, &state.time))
}

async fn require_manager(
    state: &AppState,
    user: &AuthUser,
    activity: &ActivityRow,
) -> Result<(), ApiError> {
    policy::require(
        policy::can_manage_activity(state.store.pool(), user, activity).await?,
        "staff of the activity's site or its team's leader",
    )
}
