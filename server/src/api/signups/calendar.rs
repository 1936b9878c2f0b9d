//! `GET /api/v1/activities/{id}/calendar.ics`: a reminder for one's calendar app.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

use super::visible_activity_or_404;
use crate::api::extract::PathId;
use crate::auth::MaybeAuthUser;
use crate::error::ApiError;
use crate::state::AppState;

/// The activity as an iCalendar VEVENT (times in UTC, a stable UID), public like the activity.
#[utoipa::path(get, path = "/api/v1/activities/{id}/calendar.ics", tag = "signups",
    params(("id" = i64, Path, description = "The activity's id")),
    responses(
        (status = 200, description = "An iCalendar file with one VEVENT", content_type = "text/calendar; charset=utf-8", body = String),
        crate::api::openapi::NoSuchActivity,
    ))]
pub async fn ics(
    State(state): State<AppState>,
    MaybeAuthUser(user): MaybeAuthUser,
    PathId(id): PathId,
) -> Result<impl IntoResponse, ApiError> {
    let activity = visible_activity_or_404(&state, user.as_ref(), id).await?;
    let utc = |unix: i64| DateTime::<Utc>::from_timestamp(unix, 0).unwrap_or_default();
    let mut description = activity.description.clone();
    if let Some(group) = &activity.target_group {
        description.push_str(&format!("\n服务对象：{group}"));
    }
    let event = Event::new()
        .uid(&format!("station-activity-{}", activity.id))
        .timestamp(utc(state.time.now_unix()))
        .summary(&activity.title)
        .location(&format!("{} {}", activity.site_name, activity.place))
        .description(&description)
        .starts(utc(activity.starts_at))
        .ends(utc(activity.ends_at))
        .done();
    let calendar = Calendar::new().name(&activity.title).push(event).done();
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"activity-{id}.ics\""),
            ),
        ],
        calendar.to_string(),
    ))
}
