//! 好人榜: the public boards (a site's and the sites' below it, by month and category, newest
//! first; the display screen asks for those shown on screens), one honor's story, the months a
//! board has, and likes. Nominating and staff's review live in `nominations.rs`.
//!
//! Nothing here carries the nominator or how to reach them: [`Honor`] has no field for it.

pub mod nominations;

use axum::extract::{Query, State};
use axum::Json;
use serde::Deserialize;
use station_wire::honors::{is_board_month, BoardMonth, Honor, HonorCategory, LikeState};
use station_wire::page::{List, Page};
use station_wire::problem::codes;
use station_wire::sites::SiteRef;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::PathId;
use super::openapi::{Invalid, Unauthorized};
use super::paging::IdPage;
use super::photos;
use crate::auth::{AuthUser, MaybeAuthUser};
use crate::error::{ApiError, FieldErrors};
use crate::state::AppState;
use crate::store::honors::{self, BoardFilter, HonorRow};
use crate::store::photos::{self as stored_photos, PhotoRow};
use crate::store::sites;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(board))
        .routes(routes!(board_months))
        .routes(routes!(honor))
        .routes(routes!(like, unlike))
        .merge(nominations::router())
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BoardQuery {
    /// The board of this site and the sites below it (absent: every site).
    pub site_id: Option<i64>,
    /// One month's board, `YYYY-MM` (absent: every month, newest first).
    #[param(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
    pub month: Option<String>,
    pub category: Option<HonorCategory>,
    /// Only the honors whose nominee agreed to be shown on the station's display screens.
    pub on_screens: Option<bool>,
    /// 1–200, default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// A `next_cursor` from an earlier page (opaque; empty: the first page).
    pub cursor: Option<String>,
}

/// The board: published honors, the newest published first.
#[utoipa::path(get, path = "/api/v1/honors", tag = "honors",
    params(BoardQuery),
    responses(
        (status = 200, description = "One page of the board, newest first", body = Page<Honor>),
        (status = 400, description = "`month` not `YYYY-MM`, `category` unknown, `limit` out of range", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`site_id` (unknown), `cursor` (not from an earlier page)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn board(
    State(state): State<AppState>,
    MaybeAuthUser(user): MaybeAuthUser,
    query: Result<Query<BoardQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Page<Honor>>, ApiError> {
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let mut errors = FieldErrors::default();
    // The board's order is by publication: its cursor is `<published_at>.<id>`.
    let page = IdPage::read(query.limit, None, &mut errors);
    let after = query
        .cursor
        .as_deref()
        .filter(|cursor| !cursor.is_empty())
        .and_then(|cursor| {
            let parsed = cursor
                .split_once('.')
                .and_then(|(at, id)| Some((at.parse::<i64>().ok()?, id.parse::<i64>().ok()?)));
            if parsed.is_none() {
                errors.add_given_state(
                    "cursor",
                    codes::INVALID,
                    "`cursor` must be a `next_cursor` from an earlier page.",
                );
            }
            parsed
        });
    if query
        .month
        .as_deref()
        .is_some_and(|month| !is_board_month(month))
    {
        errors.add("month", codes::INVALID, "A month is `YYYY-MM`.");
    }
    if let Some(site) = query.site_id {
        known_site(&state, site, &mut errors).await?;
    }
    errors.into_result()?;
    let rows = honors::board(
        state.store.pool(),
        &BoardFilter {
            site: query.site_id,
            month: query.month.as_deref(),
            category: query.category.map(HonorCategory::slug),
            on_screens: query.on_screens.unwrap_or(false),
            after,
            limit: page.fetch(),
        },
    )
    .await?;
    let (rows, next_cursor) = page.finish(rows, |row| row.id);
    let next_cursor = next_cursor
        .and(rows.last())
        .map(|last| format!("{}.{}", last.published_at.unwrap_or_default(), last.id));
    let items = public(&state, user.as_ref(), rows).await?;
    Ok(Json(Page { items, next_cursor }))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MonthsQuery {
    /// This site's and the sites' below it (absent: every site).
    pub site_id: Option<i64>,
}

/// The months a board has honors in, newest first (at most ten years'), to browse earlier ones.
#[utoipa::path(get, path = "/api/v1/honors/months", tag = "honors",
    params(MonthsQuery),
    responses(
        (status = 200, description = "The months with their counts, newest first", body = List<BoardMonth>),
        (status = 400, description = "`site_id` not a whole number", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`site_id` (unknown)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn board_months(
    State(state): State<AppState>,
    query: Result<Query<MonthsQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<List<BoardMonth>>, ApiError> {
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let mut errors = FieldErrors::default();
    if let Some(site) = query.site_id {
        known_site(&state, site, &mut errors).await?;
    }
    errors.into_result()?;
    let items = honors::months(state.store.pool(), query.site_id)
        .await?
        .into_iter()
        .map(|(month, count)| BoardMonth {
            month,
            count: u32::try_from(count).unwrap_or(u32::MAX),
        })
        .collect();
    Ok(Json(List { items }))
}

/// One honor on the board, with its whole story and every photo.
#[utoipa::path(get, path = "/api/v1/honors/{id}", tag = "honors",
    params(("id" = i64, Path, description = "The honor's id")),
    responses(
        (status = 200, description = "The honor", body = Honor),
        (status = 404, description = "No such honor on any board", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Invalid,
    ))]
pub async fn honor(
    State(state): State<AppState>,
    MaybeAuthUser(user): MaybeAuthUser,
    PathId(id): PathId,
) -> Result<Json<Honor>, ApiError> {
    let row = published_or_404(&state, id).await?;
    let mut items = public(&state, user.as_ref(), vec![row]).await?;
    Ok(Json(items.remove(0)))
}

/// Like an honor (liking it again changes nothing).
#[utoipa::path(put, path = "/api/v1/honors/{id}/like", tag = "honors",
    params(("id" = i64, Path, description = "The honor's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The count with this like", body = LikeState),
        (status = 404, description = "No such honor on any board", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many likes at once", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Invalid, Unauthorized,
    ))]
pub async fn like(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<Json<LikeState>, ApiError> {
    state.likes.check(user.account_id)?;
    let pool = state.store.pool();
    if !honors::like(pool, id, user.account_id, state.time.now_unix()).await? {
        return Err(ApiError::not_found(format!("Honor {id}")));
    }
    like_state(&state, id, true).await
}

/// Take one's like back (when there is none, nothing changes).
#[utoipa::path(delete, path = "/api/v1/honors/{id}/like", tag = "honors",
    params(("id" = i64, Path, description = "The honor's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The count without this like", body = LikeState),
        (status = 404, description = "No such honor on any board", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many likes at once", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Invalid, Unauthorized,
    ))]
pub async fn unlike(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<Json<LikeState>, ApiError> {
    state.likes.check(user.account_id)?;
    published_or_404(&state, id).await?;
    honors::unlike(state.store.pool(), id, user.account_id).await?;
    like_state(&state, id, false).await
}

async fn like_state(state: &AppState, id: i64, liked: bool) -> Result<Json<LikeState>, ApiError> {
    let count = honors::like_count(state.store.pool(), id).await?;
    Ok(Json(LikeState {
        like_count: u32::try_from(count).unwrap_or(u32::MAX),
        liked,
    }))
}

async fn published_or_404(state: &AppState, id: i64) -> Result<HonorRow, ApiError> {
    honors::by_id(state.store.pool(), id)
        .await?
        .filter(|row| row.status == "published")
        .ok_or_else(|| ApiError::not_found(format!("Honor {id}")))
}

async fn known_site(state: &AppState, site: i64, errors: &mut FieldErrors) -> Result<(), ApiError> {
    if sites::by_id(state.store.pool(), site).await?.is_none() {
        errors.add_given_state("site_id", codes::UNKNOWN, "No such site.");
    }
    Ok(())
}

/// The photos of these rows, each row's in order.
pub async fn photos_of(
    state: &AppState,
    rows: &[HonorRow],
) -> Result<Vec<Vec<PhotoRow>>, ApiError> {
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let all = stored_photos::of_honors(state.store.pool(), &ids).await?;
    Ok(ids
        .iter()
        .map(|id| {
            all.iter()
                .filter(|photo| photo.honor_id == Some(*id))
                .cloned()
                .collect()
        })
        .collect())
}

/// Published rows as everyone reads them (and whether the reader likes each).
async fn public(
    state: &AppState,
    reader: Option<&AuthUser>,
    rows: Vec<HonorRow>,
) -> Result<Vec<Honor>, ApiError> {
    let photos = photos_of(state, &rows).await?;
    let liked = match reader {
        Some(user) => {
            let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
            honors::liked_by(state.store.pool(), user.account_id, &ids).await?
        }
        None => Vec::new(),
    };
    Ok(rows
        .into_iter()
        .zip(photos)
        .map(|(row, photos)| Honor {
            id: row.id,
            site: SiteRef {
                id: row.site_id,
                name: row.site_name,
            },
            nominee_name: row.nominee_name,
            category: category_of(&row.category),
            story: row.story,
            photos: photos.iter().map(photos::to_wire).collect(),
            board_month: row.board_month.unwrap_or_default(),
            published_at: state
                .time
                .to_wire(row.published_at.unwrap_or(row.submitted_at)),
            like_count: u32::try_from(row.like_count).unwrap_or(u32::MAX),
            liked: liked.contains(&row.id),
            on_posters: row.consent_posters == 1,
            on_screens: row.consent_screens == 1,
        })
        .collect())
}

/// The stored category (only the five are ever written).
pub fn category_of(slug: &str) -> HonorCategory {
    HonorCategory::from_slug(slug).unwrap_or(HonorCategory::HelpingOthers)
}
