//! `GET /api/v1/activities` (the calendar) and `GET /api/v1/activities/{id}`.

pub mod manage;
mod params;
pub mod series;

pub use params::{decode_cursor, encode_cursor, ActivityListQuery};

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use station_wire::activities::{Activity, ActivityDay, ActivityStatus, TeamRef, DAY_CATEGORIES};
use station_wire::page::List;
use station_wire::page::Page;
use station_wire::problem::codes;
use station_wire::sites::SiteRef;

use crate::auth::policy::{self, StaffScope};
use crate::auth::{AuthUser, MaybeAuthUser};
use crate::clock::StationTime;
use crate::error::{ApiError, FieldErrors};
use crate::state::AppState;
use crate::store::activities::{self, ActivityFilter, ActivityRow, After};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_activities, manage::create_activity))
        .routes(routes!(activity_days))
        .routes(routes!(
            get_activity,
            manage::update_activity,
            manage::delete_activity
        ))
        .routes(routes!(manage::publish_activity))
        .routes(routes!(manage::cancel_activity))
        .routes(routes!(manage::duplicate_activity))
        .routes(routes!(series::activity_series))
        .routes(routes!(staff_activities))
}

/// Activities starting on the days `from`..=`to` (station-local), ordered by start then id.
///
/// Paginated: follow `next_cursor` with `?cursor=` (keeping the other parameters) until it is
/// absent. Every invalid parameter is reported at once in the problem's `errors`.
#[utoipa::path(get, path = "/api/v1/activities", tag = "activities",
    params(ActivityListQuery),
    responses(
        (status = 200, description = "One page of activities", body = Page<Activity>),
        (status = 400, description = "Invalid parameters: `errors` names each (`from`/`to`: invalid_date; `site`, `team`, `open`: invalid; `q`: too_long; `limit`: invalid, out_of_range)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Parameters the document cannot judge: `to` out_of_range (before `from`, or more than 366 days after it); `site`, `category`, `team`: unknown; `cursor`: invalid (not from an earlier page)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_activities(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let asked = match Asked::kept(&state, raw.unwrap_or_default()).await? {
        Ok(kept) => return Ok(json_response(kept)),
        Err(asked) => asked,
    };
    let Query(pairs) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let params = params::parse(&state, &pairs).await?;
    let (answer, until) = page(&state, params, false, None, asked.now).await?;
    let body = Bytes::from(serde_json::to_vec(&answer).map_err(anyhow::Error::from)?);
    Ok(json_response(asked.keep(&state, until, body)))
}

/// A question of the public list or its day counts, and when it was asked: its answer is kept
/// (in memory, by its query string) until the data changes or the clock changes it.
struct Asked {
    key: String,
    version: String,
    now: i64,
}

impl Asked {
    /// The same question asked again, with nothing changed since: the answer kept (`Ok`); else
    /// the question, to answer and keep.
    async fn kept(state: &AppState, key: String) -> Result<Result<Bytes, Asked>, ApiError> {
        let version = state.store.data_version().await?;
        let now = state.time.now_unix();
        Ok(match state.answers.get(&key, &version, now) {
            Some(body) => Ok(body),
            None => Err(Asked { key, version, now }),
        })
    }

    /// Keeps `body` as the answer until `until`, and gives it back.
    fn keep(self, state: &AppState, until: i64, body: Bytes) -> Bytes {
        state
            .answers
            .put(&self.key, self.version, (self.now, until), body.clone());
        body
    }
}

/// Each day of `from`..=`to` (station-local) on which activities matching the filters start:
/// how many, and the categories of the first of them (a month's grid). Days without any are
/// left out. The parameters and their refusals are the list's (`limit` and `cursor` aside).
#[utoipa::path(get, path = "/api/v1/activities/days", tag = "activities",
    params(ActivityListQuery),
    responses(
        (status = 200, description = "The days with activities, in date order", body = List<ActivityDay>),
        (status = 400, description = "Invalid parameters, as for the list", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Parameters the document cannot judge, as for the list", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn activity_days(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    // Kept as the list's answers are, under a key of its own.
    let key = format!("days?{}", raw.unwrap_or_default());
    let asked = match Asked::kept(&state, key).await? {
        Ok(kept) => return Ok(json_response(kept)),
        Err(asked) => asked,
    };
    let Query(pairs) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let params = params::parse(&state, &pairs).await?;
    // Only the day turning changes it (a range without `from` starts today), unless it counts
    // only activities still open: those close as the clock goes, so that answer is not kept.
    let keep = !params.open_only;
    // Every match: `starts` reads no limit (a range is at most 366 days).
    let filter = filter(&state, params, asked.now);
    let mut items: Vec<ActivityDay> = Vec::new();
    for (starts_at, category) in activities::starts(state.store.pool(), &filter).await? {
        let date = state.time.to_wire(starts_at).date_naive();
        if items.last().is_none_or(|day| day.date != date) {
            items.push(ActivityDay {
                date,
                count: 0,
                categories: Vec::new(),
            });
        }
        let Some(day) = items.last_mut() else {
            continue;
        };
        day.count += 1;
        if day.categories.len() < DAY_CATEGORIES && !day.categories.contains(&category) {
            day.categories.push(category);
        }
    }
    let body = Bytes::from(serde_json::to_vec(&List { items }).map_err(anyhow::Error::from)?);
    if !keep {
        return Ok(json_response(body));
    }
    let tomorrow = state
        .time
        .day_start(state.time.today() + chrono::Duration::days(1));
    Ok(json_response(asked.keep(&state, tomorrow, body)))
}

/// The public list's filter of `params` at `now`: every match, from the earliest, no drafts.
fn filter(state: &AppState, params: params::ListParams, now: i64) -> ActivityFilter {
    ActivityFilter {
        starts_from: state.time.day_start(params.from),
        starts_before: state.time.day_start(params.to + chrono::Duration::days(1)),
        site: params.site,
        category: params.category,
        team: params.team,
        text: params.text,
        open_at: params.open_only.then_some(now),
        after: None,
        limit: 0,
        drafts: false,
        sites_in: None,
        latest_first: false,
    }
}

/// The first moment after `now` at which the clock alone changes a list of `rows` (with the
/// one more than the page shows: whether a next page follows): an activity starts, closes or
/// ends, or the station's day turns (a list without `from` starts today).
fn changes_at(state: &AppState, rows: &[ActivityRow], now: i64) -> i64 {
    let tomorrow = state
        .time
        .day_start(state.time.today() + chrono::Duration::days(1));
    rows.iter()
        .flat_map(|row| [Some(row.starts_at), Some(row.ends_at), row.signup_deadline])
        .flatten()
        .filter(|moment| *moment > now)
        .fold(tomorrow, i64::min)
}

fn json_response(body: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// The activities of the sites the caller manages as staff (every site for administrators),
/// drafts included, with the same parameters as the public list. A `site` the caller does not
/// manage is refused.
#[utoipa::path(get, path = "/api/v1/staff/activities", tag = "activities",
    params(ActivityListQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of activities, drafts included", body = Page<Activity>),
        (status = 400, description = "Invalid parameters, as for `GET /api/v1/activities`", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::Unauthorized,
        (status = 403, description = "Not staff of any site (or not of `site`)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn staff_activities(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<Page<Activity>>, ApiError> {
    let Query(pairs) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let scope = StaffScope::of(state.store.pool(), &user).await?;
    policy::require(!scope.is_empty(), "staff of a site")?;
    let params = params::parse(&state, &pairs).await?;
    if let Some(site) = params.site {
        policy::require(scope.covers(site), "staff of this site")?;
    }
    let sites_in = if user.is_admin {
        None
    } else {
        Some(scope.site_ids(state.store.pool()).await?)
    };
    let now = state.time.now_unix();
    Ok(Json(page(&state, params, true, sites_in, now).await?.0))
}

/// One page of the list at `now`, and the first moment after it at which the clock changes it.
async fn page(
    state: &AppState,
    mut params: params::ListParams,
    drafts: bool,
    sites_in: Option<Vec<i64>>,
    now: i64,
) -> Result<(Page<Activity>, i64), ApiError> {
    let limit = params.limit as usize;
    let after = params.after.take();
    let filter = ActivityFilter {
        after,
        // One more than asked tells whether another page follows.
        limit: limit as i64 + 1,
        drafts,
        sites_in,
        ..filter(state, params, now)
    };
    let mut rows = activities::list(state.store.pool(), &filter).await?;
    let until = changes_at(state, &rows, now);
    let next_cursor = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|last| {
            encode_cursor(After {
                starts_at: last.starts_at,
                id: last.id,
            })
        })
    } else {
        None
    };
    let items = rows
        .into_iter()
        .map(|row| to_wire(row, &state.time, now))
        .collect();
    Ok((Page { items, next_cursor }, until))
}

/// One activity. A draft is found only by staff of its site.
#[utoipa::path(get, path = "/api/v1/activities/{id}", tag = "activities",
    params(("id" = i64, Path, description = "The activity's id")),
    responses(
        (status = 200, description = "The activity", body = Activity),
        (status = 400, description = "The id is not a number (`errors` names `id`)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No activity has this id", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_activity(
    State(state): State<AppState>,
    MaybeAuthUser(user): MaybeAuthUser,
    Path(id): Path<String>,
) -> Result<Json<Activity>, ApiError> {
    let Ok(id) = id.parse::<i64>() else {
        let mut errors = FieldErrors::default();
        errors.add(
            "id",
            codes::INVALID,
            "The activity id must be a whole number.",
        );
        return Err(errors.into_result().unwrap_err());
    };
    let row = super::signups::visible_activity_or_404(&state, user.as_ref(), id).await?;
    Ok(Json(to_wire(row, &state.time, state.time.now_unix())))
}

pub fn to_wire(row: ActivityRow, time: &StationTime, now: i64) -> Activity {
    let status = status_at(&row, now);
    let team = match (row.team_id, row.team_name, row.team_field) {
        (Some(id), Some(name), Some(field)) => Some(TeamRef { id, name, field }),
        _ => None,
    };
    Activity {
        id: row.id,
        title: row.title,
        description: row.description,
        category: row.category_slug,
        site: SiteRef {
            id: row.site_id,
            name: row.site_name,
        },
        team,
        place: row.place,
        starts_at: time.to_wire(row.starts_at),
        ends_at: time.to_wire(row.ends_at),
        capacity: clamp_u32(row.capacity),
        places_left: clamp_u32(row.capacity - row.confirmed_count),
        signup_deadline: row.signup_deadline.map(|deadline| time.to_wire(deadline)),
        target_group: row.target_group,
        status,
        team_only: row.team_only != 0,
        cancel_reason: row.cancel_reason,
        series_id: row.series_id,
    }
}

fn clamp_u32(value: i64) -> u32 {
    value.clamp(0, u32::MAX as i64) as u32
}

/// The status is computed when read, never stored, so it is always true to the clock. The order
/// matters: a cancelled activity stays cancelled after its end; a full one closes at its start.
pub fn status_at(row: &ActivityRow, now: i64) -> ActivityStatus {
    if row.published_at.is_none() {
        ActivityStatus::Draft
    } else if row.cancelled_at.is_some() {
        ActivityStatus::Cancelled
    } else if row.ends_at <= now {
        ActivityStatus::Finished
    } else if row.starts_at <= now || row.signup_deadline.is_some_and(|deadline| deadline <= now) {
        ActivityStatus::Closed
    } else if row.confirmed_count >= row.capacity {
        ActivityStatus::Full
    } else {
        ActivityStatus::Open
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(starts_at: i64, ends_at: i64) -> ActivityRow {
        ActivityRow {
            id: 1,
            title: String::new(),
            description: String::new(),
            category_slug: "elderly".into(),
            site_id: 1,
            site_name: String::new(),
            team_id: None,
            team_name: None,
            team_field: None,
            place: String::new(),
            starts_at,
            ends_at,
            capacity: 10,
            confirmed_count: 0,
            signup_deadline: None,
            target_group: None,
            cancelled_at: None,
            team_only: 0,
            published_at: Some(0),
            cancel_reason: None,
            revised_at: 0,
            series_id: None,
            recurrence_at: None,
        }
    }

    #[test]
    fn status_follows_the_clock_and_the_places() {
        let now = 1_000;
        assert_eq!(status_at(&row(2_000, 3_000), now), ActivityStatus::Open);
        assert_eq!(status_at(&row(500, 3_000), now), ActivityStatus::Closed);
        assert_eq!(status_at(&row(500, 1_000), now), ActivityStatus::Finished);
        let full = ActivityRow {
            confirmed_count: 10,
            ..row(2_000, 3_000)
        };
        assert_eq!(status_at(&full, now), ActivityStatus::Full);
        let deadline_passed = ActivityRow {
            signup_deadline: Some(1_000),
            ..full.clone()
        };
        assert_eq!(status_at(&deadline_passed, now), ActivityStatus::Closed);
        let cancelled = ActivityRow {
            cancelled_at: Some(10),
            ..row(500, 900)
        };
        assert_eq!(status_at(&cancelled, now), ActivityStatus::Cancelled);
    }
}
