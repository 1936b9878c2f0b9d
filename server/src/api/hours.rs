//! Service hours (服务时长): recorded from attendance once an activity has ended (its
//! duration), confirmed or adjusted by staff with a reason, audited; stars from confirmed hours.

use std::collections::HashMap;

use axum::extract::State;
use axum::Json;
use station_wire::page::List;
use station_wire::problem::codes;
use station_wire::signups::{
    ConfirmHoursRequest, HoursAuditEntry, HoursStatus, HoursSummary, ServiceHours,
};

use super::extract::{JsonBody, PathId};
use super::signups::{activity_or_404, signup_or_404};
use crate::api::audit::Log;
use crate::auth::{policy, AuthUser};
use crate::error::{ApiError, FieldErrors};
use crate::state::AppState;
use crate::store::activities::ActivityRow;
use crate::store::hours::{self, Change, StoredHours};
use crate::store::signups::SignupRow;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The most minutes one sign-up can earn.
const MAX_MINUTES: u32 = 24 * 60;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(confirm_hours))
        .routes(routes!(hours_audit))
        .routes(routes!(my_hours))
}

/// A sign-up's hours: as stored, else recorded from attendance once the activity has ended.
pub fn effective(
    stored: Option<&StoredHours>,
    signup: &SignupRow,
    activity: &ActivityRow,
    now: i64,
) -> Option<ServiceHours> {
    match stored {
        Some(stored) => Some(ServiceHours {
            minutes: stored.minutes.clamp(0, u32::MAX as i64) as u32,
            status: if stored.status == "confirmed" {
                HoursStatus::Confirmed
            } else {
                HoursStatus::Recorded
            },
        }),
        None if signup.status == "attended" && activity.ends_at <= now => Some(ServiceHours {
            minutes: ((activity.ends_at - activity.starts_at) / 60).clamp(0, MAX_MINUTES as i64)
                as u32,
            status: HoursStatus::Recorded,
        }),
        None => None,
    }
}

/// Stored hours by sign-up id, for lists.
pub fn by_signup(rows: Vec<StoredHours>) -> HashMap<i64, StoredHours> {
    rows.into_iter().map(|row| (row.signup_id, row)).collect()
}

/// Staff confirm a volunteer's hours, or adjust them with a reason.
#[utoipa::path(put, path = "/api/v1/signups/{id}/hours", tag = "hours",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The sign-up's id")),
    request_body = ConfirmHoursRequest,
    responses(
        (status = 200, description = "The hours, now `confirmed`", body = ServiceHours),
        (status = 400, description = "`minutes`/out_of_range", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`reason`/required: the minutes differ from the current value", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::Unauthorized,
        (status = 403, description = "Not staff of the activity's site nor an administrator", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such sign-up", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`conflict`: not attended, or the activity has not ended", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn confirm_hours(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(request): JsonBody<ConfirmHoursRequest>,
) -> Result<Json<ServiceHours>, ApiError> {
    let pool = state.store.pool();
    let now = state.time.now_unix();
    let (signup, activity) = allowed_signup(&state, &user, id).await?;
    let stored = hours::of_signup(pool, id).await?;
    let Some(current) = effective(stored.as_ref(), &signup, &activity, now) else {
        return Err(ApiError::Conflict(
            "Hours are confirmed for attended sign-ups once the activity has ended.".into(),
        ));
    };
    let reason = request
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|reason| !reason.is_empty());
    let mut errors = FieldErrors::default();
    if request.minutes > MAX_MINUTES {
        errors.add(
            "minutes",
            codes::OUT_OF_RANGE,
            format!("At most {MAX_MINUTES} minutes."),
        );
    }
    if request.minutes != current.minutes && reason.is_none() {
        errors.add_given_state(
            "reason",
            codes::REQUIRED,
            "Say why the hours differ from the recorded ones.",
        );
    }
    errors.into_result()?;
    let old_status = match current.status {
        HoursStatus::Recorded => "recorded",
        HoursStatus::Confirmed => "confirmed",
    };
    hours::confirm(
        pool,
        &Change {
            signup_id: id,
            by: user.account_id,
            at: now,
            old: Some((i64::from(current.minutes), old_status)),
            minutes: i64::from(request.minutes),
            reason,
        },
    )
    .await?;
    let confirmed = ServiceHours {
        minutes: request.minutes,
        status: HoursStatus::Confirmed,
    };
    Log::new(
        &state,
        &user,
        Some(activity.site_id),
        "hours.confirm",
        format!("signup:{id}"),
    )
    .before(&current)
    .after(&confirmed)
    .save()
    .await?;
    Ok(Json(confirmed))
}

/// Every change of a sign-up's hours: who, when, before, after and why.
#[utoipa::path(get, path = "/api/v1/signups/{id}/hours/audit", tag = "hours",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The sign-up's id")),
    responses(
        (status = 200, description = "Oldest first", body = List<HoursAuditEntry>),
        crate::api::openapi::Unauthorized,
        (status = 403, description = "Not staff of the activity's site nor an administrator", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such sign-up", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn hours_audit(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<Json<List<HoursAuditEntry>>, ApiError> {
    allowed_signup(&state, &user, id).await?;
    let status = |status: &str| {
        if status == "confirmed" {
            HoursStatus::Confirmed
        } else {
            HoursStatus::Recorded
        }
    };
    let minutes = |minutes: i64| minutes.clamp(0, u32::MAX as i64) as u32;
    let items = hours::audit(state.store.pool(), id)
        .await?
        .into_iter()
        .map(|row| HoursAuditEntry {
            at: state.time.to_wire(row.at),
            by_account_id: row.account_id,
            by_display_name: row.display_name,
            old: row
                .old_minutes
                .zip(row.old_status)
                .map(|(m, s)| ServiceHours {
                    minutes: minutes(m),
                    status: status(&s),
                }),
            new: ServiceHours {
                minutes: minutes(row.new_minutes),
                status: status(&row.new_status),
            },
            reason: row.reason,
        })
        .collect();
    Ok(Json(List { items }))
}

/// One's confirmed hours and star level (100 / 300 / 600 / 1000 / 1500 h → ★1–★5).
#[utoipa::path(get, path = "/api/v1/me/hours", tag = "hours",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Confirmed hours and stars", body = HoursSummary),
        crate::api::openapi::Unauthorized,
    ))]
pub async fn my_hours(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<HoursSummary>, ApiError> {
    let minutes = hours::confirmed_minutes(state.store.pool(), user.account_id).await?;
    Ok(Json(HoursSummary::from_confirmed_minutes(
        minutes.max(0) as u64
    )))
}

async fn allowed_signup(
    state: &AppState,
    user: &AuthUser,
    id: i64,
) -> Result<(SignupRow, ActivityRow), ApiError> {
    let signup = signup_or_404(state, id).await?;
    let activity = activity_or_404(state, signup.activity_id).await?;
    policy::require(
        policy::can_confirm_hours(state.store.pool(), user, &activity).await?,
        "staff of the activity's site",
    )?;
    Ok((signup, activity))
}
