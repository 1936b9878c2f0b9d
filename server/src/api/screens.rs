//! The display screen (大屏): one combined answer per refresh for an unattended board in a hall
//! (`GET /api/v1/screens/{site_id}`, no session: a kiosk has no account), each request recorded
//! as the screen's heartbeat; and staff's list of the screens of the sites they run, with the
//! ones gone dark marked `stale`.
//!
//! The answer carries nothing personal: activities without their sign-ups, honors only with the
//! nominee's consent to display screens, wishes as the public wall shows them (the beneficiary
//! masked by `api::wishes::view`, a photo only when staff made it public), counts.
//!
//! Its `ETag` is taken here, over the answer less `generated_at` (`etag::tagged`), so that a
//! screen polling an unchanged station is answered 304; the heartbeat is written either way.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::Response;
use axum::Json;
use chrono::{Datelike, Months, NaiveDate};
use serde::Deserialize;
use station_wire::page::{List, MAX_LIMIT};
use station_wire::problem::codes;
use station_wire::screens::{
    excerpt, MonthHours, ScreenActivity, ScreenData, ScreenFigures, ScreenHonor, ScreenStatus,
    ScreenWish, ACTIVITY_DAYS, CHART_MONTHS, DEFAULT_SCREEN_NAME, HEARTBEAT_EVERY_SECONDS,
    MAX_ACTIVITIES, MAX_HONORS, MAX_SCREENS_PER_SITE, MAX_WISHES, SCREEN_NAME_MAX_CHARS,
    STALE_AFTER_SECONDS, STORY_EXCERPT_CHARS, USER_AGENT_MAX_CHARS,
};
use station_wire::sites::SiteRef;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::openapi::Unauthorized;
use super::wishes::{view, Relation};
use super::{etag, honors as honors_api, photos, text};
use crate::auth::policy::StaffScope;
use crate::auth::AuthUser;
use crate::error::{ApiError, FieldErrors};
use crate::state::AppState;
use crate::store::honors::{self, BoardFilter};
use crate::store::photos as stored_photos;
use crate::store::screens;
use crate::store::sites;
use crate::store::wishes::{self, Shelf, WallFilter};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(screen))
        .routes(routes!(staff_screens))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ScreenQuery {
    /// The screen's name, so that staff tell its heartbeat from another's (absent: `默认`).
    /// Beyond 50 names a site's further screens are answered but not recorded.
    #[param(
        min_length = 1,
        max_length = 40,
        pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub screen: Option<String>,
    /// A preview (staff's 大屏 page): answered as a screen is, but no heartbeat is recorded, so
    /// that looking at a screen never makes a dark one seem alive.
    pub preview: Option<bool>,
}

/// Everything a display screen shows of a site and the sites below it, in one answer: the
/// activities of today and the next six days, the honors shown on screens, the open wishes
/// (masked) and the figures. Records the screen's heartbeat (at most every 30 seconds), unless
/// it is a preview.
#[utoipa::path(get, path = "/api/v1/screens/{site_id}", tag = "screens",
    params(
        ("site_id" = i64, Path, description = "The site whose screen this is"),
        ScreenQuery,
    ),
    responses(
        (status = 200, description = "The screen's data; its `ETag` leaves out `generated_at`", body = ScreenData),
        (status = 400, description = "`site_id` not a whole number; `screen` blank (required) or longer than 40 characters (too_long)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such site, or an archived one", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn screen(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<ScreenQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Path(raw) = path.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let mut errors = FieldErrors::default();
    let site_id = raw.parse::<i64>().ok();
    if site_id.is_none() {
        errors.add(
            "site_id",
            codes::INVALID,
            "The site id must be a whole number.",
        );
    }
    let name = match query.screen.as_deref() {
        Some(raw) => text::required(&mut errors, "screen", raw, SCREEN_NAME_MAX_CHARS),
        None => DEFAULT_SCREEN_NAME,
    };
    errors.into_result()?;
    let site_id = site_id.unwrap_or_default();
    let pool = state.store.pool();
    let site = sites::by_id(pool, site_id)
        .await?
        .filter(|site| site.archived_at.is_none())
        .ok_or_else(|| ApiError::not_found(format!("Site {site_id}")))?;
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|value| value.to_str().ok())
        .map(|agent| {
            agent
                .trim()
                .chars()
                .take(USER_AGENT_MAX_CHARS)
                .collect::<String>()
        })
        .filter(|agent| !agent.is_empty());
    if query.preview != Some(true) {
        screens::heartbeat(
            pool,
            site.id,
            name,
            user_agent.as_deref(),
            state.time.now_unix(),
            HEARTBEAT_EVERY_SECONDS,
            MAX_SCREENS_PER_SITE as i64,
        )
        .await?;
    }
    let data = screen_data(
        &state,
        SiteRef {
            id: site.id,
            name: site.name,
        },
    )
    .await?;
    // The tag is of what the screen shows: the same data made a second later is unchanged.
    let mut identity = data.clone();
    identity.generated_at = state.time.to_wire(0);
    let identity = serde_json::to_vec(&identity).map_err(anyhow::Error::from)?;
    let body = serde_json::to_vec(&data).map_err(anyhow::Error::from)?;
    Ok(etag::tagged(
        headers.get(header::IF_NONE_MATCH),
        &identity,
        body,
    ))
}

async fn screen_data(state: &AppState, site: SiteRef) -> Result<ScreenData, ApiError> {
    let pool = state.store.pool();
    let time = &state.time;
    let today = time.today();
    let station_name = sites::root(pool)
        .await?
        .map_or_else(|| site.name.clone(), |root| root.name);

    let activities = screens::activities(
        pool,
        site.id,
        time.day_start(today),
        time.day_start(today + chrono::Duration::days(ACTIVITY_DAYS)),
        MAX_ACTIVITIES as i64,
    )
    .await?
    .into_iter()
    .map(|row| ScreenActivity {
        id: row.id,
        title: row.title,
        starts_at: time.to_wire(row.starts_at),
        ends_at: time.to_wire(row.ends_at),
        category: row.category_slug,
        category_name: row.category_name,
        category_colour: row.category_colour,
        place: row.place,
        site_name: row.site_name,
        // Every activity here has a number of places (`capacity >= 1`).
        places_left: u32::try_from((row.capacity - row.confirmed_count).max(0)).ok(),
    })
    .collect();

    // The board's own query, asked for the honors shown on screens only.
    let honor_rows = honors::board(
        pool,
        &BoardFilter {
            site: Some(site.id),
            month: None,
            category: None,
            on_screens: true,
            after: None,
            limit: MAX_HONORS as i64,
        },
    )
    .await?;
    let honor_photos = honors_api::photos_of(state, &honor_rows).await?;
    let honors = honor_rows
        .into_iter()
        .zip(honor_photos)
        .filter(|(row, _)| row.status == "published" && row.consent_screens == 1)
        .map(|(row, pictures)| ScreenHonor {
            id: row.id,
            nominee_name: row.nominee_name,
            category: honors_api::category_of(&row.category),
            board_month: row.board_month.unwrap_or_default(),
            story_excerpt: excerpt(&row.story, STORY_EXCERPT_CHARS),
            photo: pictures.first().map(photos::to_wire),
        })
        .collect();

    // The wall's open shelf, each wish as an anonymous reader sees it.
    let today_text = today.format("%Y-%m-%d").to_string();
    let wish_rows = wishes::wall(
        pool,
        &WallFilter {
            site: Some(site.id),
            shelf: Shelf::Open,
            after: None,
            today: &today_text,
            limit: MAX_WISHES as i64,
        },
    )
    .await?;
    let ids: Vec<i64> = wish_rows.iter().map(|row| row.id).collect();
    let wish_photos = stored_photos::of_wishes(pool, &ids).await?;
    let wishes = wish_rows
        .into_iter()
        .map(|row| {
            let wish = view(state, row, Relation::default(), &wish_photos, Vec::new());
            ScreenWish {
                id: wish.id,
                title: wish.title,
                beneficiary: wish.beneficiary,
                category: wish.category,
                deadline: wish.deadline,
                photo: wish.photo,
            }
        })
        .collect();

    Ok(ScreenData {
        site: site.clone(),
        station_name,
        generated_at: time.now(),
        today,
        activities,
        honors,
        wishes,
        figures: figures(state, site.id, today).await?,
    })
}

/// The figures of `site` and below: counts, this year's hours and the last months' for a
/// chart, this month's activities, this year's fulfilled wishes.
async fn figures(state: &AppState, site: i64, today: NaiveDate) -> Result<ScreenFigures, ApiError> {
    let time = &state.time;
    let first_of = |date: NaiveDate| NaiveDate::from_ymd_opt(date.year(), date.month(), 1);
    let this_month = first_of(today).unwrap_or(today);
    let next_month = this_month
        .checked_add_months(Months::new(1))
        .unwrap_or(this_month);
    let year = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let next_year = NaiveDate::from_ymd_opt(today.year() + 1, 1, 1).unwrap_or(today);
    // The months of the chart, oldest first.
    let months: Vec<NaiveDate> = (0..CHART_MONTHS)
        .rev()
        .map(|ago| {
            this_month
                .checked_sub_months(Months::new(ago))
                .unwrap_or(this_month)
        })
        .collect();
    let mut spans = vec![(time.day_start(year), time.day_start(next_year))];
    spans.extend(months.iter().map(|month| {
        let next = month.checked_add_months(Months::new(1)).unwrap_or(*month);
        (time.day_start(*month), time.day_start(next))
    }));
    let counts = screens::counts(
        state.store.pool(),
        site,
        (time.day_start(this_month), time.day_start(next_month)),
        &spans,
    )
    .await?;
    let wishes = super::wishes::year_figures(state, Some(site)).await?;
    let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(ScreenFigures {
        volunteers: count(counts.volunteers),
        teams: count(counts.teams),
        hours_this_year: hours(counts.minutes.first().copied().unwrap_or_default()),
        wishes_fulfilled_this_year: wishes.fulfilled_this_year,
        activities_this_month: count(counts.activities_in_month),
        hours_by_month: months
            .iter()
            .zip(counts.minutes.iter().skip(1))
            .map(|(month, minutes)| MonthHours {
                month: month.format("%Y-%m").to_string(),
                hours: hours(*minutes),
            })
            .collect(),
    })
}

/// Minutes as hours with one decimal.
fn hours(minutes: i64) -> f64 {
    (minutes as f64 / 6.0).round() / 10.0
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StaffScreensQuery {
    /// Only this site's and the sites' below it (one the reader runs; absent: every site they
    /// run).
    pub site_id: Option<i64>,
}

/// The display screens of the sites one runs, with when each last fetched its data; `stale`
/// when not seen for more than ten minutes. The longest unseen first, at most 200.
#[utoipa::path(get, path = "/api/v1/staff/screens", tag = "screens",
    params(StaffScreensQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The screens, the longest unseen first", body = List<ScreenStatus>),
        (status = 400, description = "`site_id` not a whole number", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of any site (or not of `site_id`)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized,
    ))]
pub async fn staff_screens(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<Query<StaffScreensQuery>, QueryRejection>,
) -> Result<Json<List<ScreenStatus>>, ApiError> {
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let pool = state.store.pool();
    let sites = StaffScope::queue_sites(pool, &user, query.site_id).await?;
    let now = state.time.now_unix();
    let items = screens::list(pool, sites.as_deref(), i64::from(MAX_LIMIT))
        .await?
        .into_iter()
        .map(|row| ScreenStatus {
            site: SiteRef {
                id: row.site_id,
                name: row.site_name,
            },
            name: row.name,
            last_seen_at: state.time.to_wire(row.last_seen_at),
            user_agent: row.user_agent,
            stale: now - row.last_seen_at > STALE_AFTER_SECONDS,
        })
        .collect();
    Ok(Json(List { items }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_have_one_decimal() {
        assert_eq!(hours(0), 0.0);
        assert_eq!(hours(90), 1.5);
        assert_eq!(hours(100), 1.7);
        assert_eq!(hours(6000), 100.0);
    }
}
