//! iCalendar: one activity's `.ics`, a site's feed to subscribe to (optionally one category's or
//! team's), and one's own feed at a secret address, which its owner turns on, renews and off.
//! Every feed covers the days from [`FEED_DAYS_BEFORE`] ago to [`FEED_DAYS_AHEAD`] ahead, at
//! most [`FEED_MAX_EVENTS`] events; the ETag layer lets a calendar app's poll cost a 304.

pub mod ics;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{Datelike, Duration};
use station_wire::feeds::{
    MyCalendarFeed, NewCalendarFeed, FEED_DAYS_AHEAD, FEED_DAYS_BEFORE, FEED_MAX_EVENTS,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use self::ics::{FeedEvent, FeedSeries};
use crate::api::activities::series::{starts_of, until_of};
use crate::api::extract::PathId;
use crate::api::query::Pairs;
use crate::api::signups::visible_activity_or_404;
use crate::auth::session::{new_token, token_hash};
use crate::auth::{AuthUser, MaybeAuthUser};
use crate::error::{ApiError, FieldErrors};
use crate::state::AppState;
use crate::store::activities::{self, ActivityFilter, ActivityRow};
use crate::store::feeds::SignupOf;
use crate::store::series::{self, SeriesRow};
use crate::store::{feeds, sites};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(activity_ics))
        .routes(routes!(site_feed))
        .routes(routes!(personal_feed))
        .routes(routes!(my_feed, renew_my_feed, stop_my_feed))
}

/// One activity as an iCalendar file: in the station's zone, cancelled as `STATUS:CANCELLED`,
/// and marked 候补 for a place in the queue: the signed-in person's, or the sign-up `signup`
/// names (a link the app hands to the browser, which sends no token; it reveals no one). Public
/// like the activity.
#[utoipa::path(get, path = "/api/v1/activities/{id}/calendar.ics", tag = "feeds",
    params(
        ("id" = i64, Path, description = "The activity's id"),
        ("signup" = Option<i64>, Query, description = "A sign-up for this activity: while it waits for a place, the event says 候补"),
    ),
    responses(
        (status = 200, description = "An iCalendar file with one VEVENT and the zone's VTIMEZONE", content_type = "text/calendar; charset=utf-8", body = String),
        (status = 400, description = "`signup`: invalid (not a whole number)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::NoSuchActivity,
    ))]
pub async fn activity_ics(
    State(state): State<AppState>,
    MaybeAuthUser(user): MaybeAuthUser,
    headers: HeaderMap,
    PathId(id): PathId,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(pairs) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let signup = match Pairs(&pairs).value("signup").map(str::parse::<i64>) {
        None => None,
        Some(Ok(signup)) => Some(signup),
        Some(Err(_)) => {
            return Err(ApiError::invalid(
                "signup",
                station_wire::problem::codes::INVALID,
                "`signup` must be a sign-up id (a whole number).",
            ))
        }
    };
    let activity = visible_activity_or_404(&state, user.as_ref(), id).await?;
    let pool = state.store.pool();
    let waitlisted = match (&user, signup) {
        (_, Some(signup)) => feeds::waits(pool, SignupOf::Id(signup), id).await?,
        (Some(user), None) => feeds::waits(pool, SignupOf::Account(user.account_id), id).await?,
        (None, None) => false,
    };
    let events = [FeedEvent {
        activity: &activity,
        waitlisted,
    }];
    let text = write(&state, &headers, &activity.title, &events, &[]);
    Ok(calendar_file(text, Some(&format!("activity-{id}.ics"))))
}

/// A site's activities and those of the sites below it, for a calendar app to subscribe to
/// (`webcal://`): published ones, cancelled ones as `STATUS:CANCELLED`; a series as one
/// recurring event (RRULE, EXDATE for a date it skips, its occurrences that differ under their
/// RECURRENCE-ID).
#[utoipa::path(get, path = "/api/v1/sites/{id}/calendar.ics", tag = "feeds",
    params(
        ("id" = i64, Path, description = "The site's id"),
        ("category" = Option<String>, Query, description = "Only this category (its slug)"),
        ("team" = Option<i64>, Query, description = "Only this team's activities"),
    ),
    responses(
        (status = 200, description = "An iCalendar feed", content_type = "text/calendar; charset=utf-8", body = String),
        (status = 400, description = "`team`: invalid (not a whole number)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`category`, `team`: unknown", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::NoSuchSite,
    ))]
pub async fn site_feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathId(id): PathId,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(pairs) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let pool = state.store.pool();
    let site = sites::by_id(pool, id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("Site {id}")))?;
    let pairs = Pairs(&pairs);
    let mut errors = FieldErrors::default();
    let category = pairs.category(pool, &mut errors).await?;
    let team = pairs.team(pool, &mut errors).await?;
    errors.into_result()?;
    // What is to come first, then as much of the recent past as the bound leaves room for: a
    // busy centre's feed still reaches forward.
    let (starts_from, starts_before) = window(&state);
    let today = state.time.day_start(state.time.today());
    let filter = |starts_from, starts_before, limit: usize, latest_first| ActivityFilter {
        starts_from,
        starts_before,
        site: Some(id),
        category: category.clone(),
        team,
        text: None,
        open_at: None,
        after: None,
        limit: limit as i64,
        drafts: false,
        sites_in: None,
        latest_first,
    };
    let bound = FEED_MAX_EVENTS as usize;
    let coming = activities::list(pool, &filter(today, starts_before, bound, false)).await?;
    let room = bound - coming.len();
    let mut rows = if room > 0 {
        activities::list(pool, &filter(starts_from, today, room, true)).await?
    } else {
        Vec::new()
    };
    rows.extend(coming);
    let events: Vec<FeedEvent> = rows
        .iter()
        .filter(|activity| activity.series_id.is_none())
        .map(|activity| FeedEvent {
            activity,
            waitlisted: false,
        })
        .collect();
    let mut series_ids: Vec<i64> = rows.iter().filter_map(|row| row.series_id).collect();
    series_ids.sort_unstable();
    series_ids.dedup();
    let mut loaded = Vec::with_capacity(series_ids.len());
    for id in series_ids {
        if let Some(row) = series::by_id(pool, id).await? {
            loaded.push((row, series::occurrences(pool, id).await?));
        }
    }
    // An occurrence of another category or team than the feed's is a date its series skips.
    let wanted = |occurrence: &ActivityRow| {
        category
            .as_ref()
            .is_none_or(|category| &occurrence.category_slug == category)
            && team.is_none_or(|team| occurrence.team_id == Some(team))
    };
    let recurring: Vec<FeedSeries> = loaded
        .iter()
        .filter_map(|(row, occurrences)| as_feed(&state, row, occurrences, &wanted))
        .collect();
    let name = format!("{} · 活动", site.name);
    let text = write(&state, &headers, &name, &events, &recurring);
    Ok(calendar_file(text, None))
}

/// One's own activities — signed up, waiting (marked 候补), attended — at the secret address
/// `PUT /me/calendar-feed` gave; an address renewed or turned off is 404.
#[utoipa::path(get, path = "/api/v1/feeds/{token}/calendar.ics", tag = "feeds",
    params(("token" = String, Path, description = "The secret of the address")),
    responses(
        (status = 200, description = "An iCalendar feed", content_type = "text/calendar; charset=utf-8", body = String),
        (status = 404, description = "No feed has this address (renewed, turned off or never made)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn personal_feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, ApiError> {
    let pool = state.store.pool();
    let account = feeds::account_of(pool, &token_hash(&token))
        .await?
        .ok_or_else(|| ApiError::not_found("Calendar feed"))?;
    let (from, before) = window(&state);
    let rows = feeds::signed_up(pool, account, from, before, i64::from(FEED_MAX_EVENTS)).await?;
    let events: Vec<FeedEvent> = rows
        .iter()
        .map(|(activity, waitlisted)| FeedEvent {
            activity,
            waitlisted: *waitlisted,
        })
        .collect();
    let text = write(&state, &headers, "我的志愿活动", &events, &[]);
    let mut response = calendar_file(text, None);
    // One person's, at an address that is its only key: no shared cache may keep it.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("private, no-cache"),
    );
    Ok(response)
}

/// Whether one's own feed is on, and since when (its address is shown only when made).
#[utoipa::path(get, path = "/api/v1/me/calendar-feed", tag = "feeds",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The feed's state", body = MyCalendarFeed),
        crate::api::openapi::Unauthorized,
    ))]
pub async fn my_feed(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<MyCalendarFeed>, ApiError> {
    let created_at = feeds::created_at(state.store.pool(), user.account_id).await?;
    Ok(Json(MyCalendarFeed {
        created_at: created_at.map(|unix| state.time.to_wire(unix)),
    }))
}

/// Turns one's own feed on with a new secret address; an earlier address stops working.
#[utoipa::path(put, path = "/api/v1/me/calendar-feed", tag = "feeds",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The new address", body = NewCalendarFeed),
        crate::api::openapi::Unauthorized,
    ))]
pub async fn renew_my_feed(
    State(state): State<AppState>,
    user: AuthUser,
    headers: HeaderMap,
) -> Result<Json<NewCalendarFeed>, ApiError> {
    let token = new_token();
    let now = state.time.now_unix();
    feeds::set(
        state.store.pool(),
        user.account_id,
        &token_hash(&token),
        now,
    )
    .await?;
    Ok(Json(NewCalendarFeed {
        url: format!(
            "{}{}/feeds/{token}/calendar.ics",
            state.public_base(&headers),
            station_wire::API_BASE
        ),
        created_at: state.time.to_wire(now),
    }))
}

/// Turns one's own feed off: its address answers 404 from now on.
#[utoipa::path(delete, path = "/api/v1/me/calendar-feed", tag = "feeds",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Off"),
        crate::api::openapi::Unauthorized,
    ))]
pub async fn stop_my_feed(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<StatusCode, ApiError> {
    feeds::remove(state.store.pool(), user.account_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The start of the day [`FEED_DAYS_BEFORE`] ago and of the day after [`FEED_DAYS_AHEAD`]
/// ahead, in the station's zone (unix seconds).
fn window(state: &AppState) -> (i64, i64) {
    let today = state.time.today();
    (
        state
            .time
            .day_start(today - Duration::days(FEED_DAYS_BEFORE)),
        state
            .time
            .day_start(today + Duration::days(FEED_DAYS_AHEAD + 1)),
    )
}

/// A series as its feed shows it, from its published occurrences that the feed wants (none:
/// not shown); the rule's other dates are skipped (EXDATE).
fn as_feed<'a>(
    state: &AppState,
    series: &'a SeriesRow,
    occurrences: &'a [ActivityRow],
    wanted: &dyn Fn(&ActivityRow) -> bool,
) -> Option<FeedSeries<'a>> {
    let published: Vec<&ActivityRow> = occurrences
        .iter()
        .filter(|occurrence| occurrence.published_at.is_some() && wanted(occurrence))
        .collect();
    let first = published.first()?;
    let rule = starts_of(&state.time, series);
    let duration = series.ends_at - series.starts_at;
    let given = |occurrence: &ActivityRow| occurrence.recurrence_at.unwrap_or(occurrence.starts_at);
    let skipped = rule
        .iter()
        .copied()
        .filter(|start| {
            !published
                .iter()
                .any(|occurrence| given(occurrence) == *start)
        })
        .collect();
    let exceptions = published
        .iter()
        .copied()
        .filter(|occurrence| {
            occurrence.cancelled_at.is_some()
                || occurrence.starts_at != given(occurrence)
                || !rule.contains(&given(occurrence))
                || occurrence.ends_at - occurrence.starts_at != duration
                || occurrence.title != series.title
                || occurrence.place != series.place
                || occurrence.description != series.description
                || occurrence.category_slug != series.category_slug
                || occurrence.site_id != series.site_id
                || occurrence.target_group.is_some()
        })
        .collect();
    // An occurrence at a date the rule does not give is added to it (RDATE), so that its
    // RECURRENCE-ID names an instance.
    let added = published
        .iter()
        .map(|occurrence| given(occurrence))
        .filter(|start| !rule.contains(start))
        .collect();
    Some(FeedSeries {
        series,
        added,
        site_name: &first.site_name,
        first_id: first.id,
        revised_at: published
            .iter()
            .map(|occurrence| occurrence.revised_at)
            .max()
            .unwrap_or_default(),
        until: state.time.day_start(until_of(series) + Duration::days(1)) - 1,
        skipped,
        exceptions,
    })
}

fn write(
    state: &AppState,
    headers: &HeaderMap,
    name: &str,
    events: &[FeedEvent],
    series: &[FeedSeries],
) -> String {
    let base = state.public_base(headers);
    let this_year = state.time.today().year();
    ics::calendar(name, state.time.zone(), this_year, events, series, &|id| {
        Some(format!("{base}/activities/{id}"))
    })
}

/// An iCalendar answer; `file_name` makes it a download.
fn calendar_file(text: String, file_name: Option<&str>) -> Response {
    let mut response = (
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        text,
    )
        .into_response();
    if let Some(name) = file_name {
        if let Ok(value) = format!("attachment; filename=\"{name}\"").parse() {
            response
                .headers_mut()
                .insert(header::CONTENT_DISPOSITION, value);
        }
    }
    response
}
