//! 微心愿: the public wall (a site's and the sites' below it, by shelf: open, claimed, done),
//! this year's figures, one wish, posting one, one's own and one's claims, and staff's queue.
//! The steps of a wish's life live in `steps.rs`.
//!
//! Who reads what (PRODUCT.md's privacy rules): everyone reads a wish on the wall with its
//! beneficiary masked; its requester and staff of its site read the full name and the
//! requester's contact; the claimer reads its photo and the timeline. [`view`] is the one
//! place that decides it.

pub mod steps;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use station_wire::page::Page;
use station_wire::problem::codes;
use station_wire::sites::SiteRef;
use station_wire::wishes::{
    mask_name, Beneficiary, NewWish, TimelineEntry, TimelineEvent, Wish, WishCategory, WishFigures,
    WishShelf, WishStatus, WishStep, BENEFICIARY_MAX_CHARS, DEADLINE_MAX_DAYS,
    DESCRIPTION_MAX_CHARS, MAX_AGE, TITLE_MAX_CHARS, WISH_NOTE_MAX_CHARS,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::audit::Log;
use super::extract::{JsonBody, PathId};
use super::openapi::{Invalid, Unauthorized};
use super::paging::{IdPage, PageQuery};
use super::{photos, text};
use crate::auth::policy::{self, StaffScope};
use crate::auth::{AuthUser, MaybeAuthUser};
use crate::error::{ApiError, FieldErrors, ResultExt};
use crate::state::AppState;
use crate::store::photos::{self as stored_photos, PhotoRow};
use crate::store::sites;
use crate::store::timeline::{self, Step};
use crate::store::wishes::{self, After, NewWish as NewRow, Party, Shelf, WallFilter, WishRow};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(wall, post_wish))
        .routes(routes!(figures))
        .routes(routes!(wish))
        .routes(routes!(my_wishes))
        .routes(routes!(my_claims))
        .routes(routes!(staff_wishes))
        .merge(steps::router())
}

/// `404` for a wish that does not exist or that the reader may not see.
#[derive(utoipa::IntoResponses)]
#[response(
    status = 404,
    description = "No such wish",
    content_type = "application/problem+json"
)]
pub struct NoSuchWish(#[allow(dead_code)] station_wire::problem::Problem);

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WallQuery {
    /// The wall of this site and the sites below it (absent: every site).
    pub site_id: Option<i64>,
    /// `open` (the default: the nearest deadline first), `claimed`, `done` (the latest
    /// fulfilled first).
    pub shelf: Option<WishShelf>,
    /// 1–200, default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// A `next_cursor` from an earlier page (opaque; empty: the first page).
    pub cursor: Option<String>,
}

/// The wish wall: one shelf of the public wishes, beneficiaries masked.
#[utoipa::path(get, path = "/api/v1/wishes", tag = "wishes",
    params(WallQuery),
    responses(
        (status = 200, description = "One page of the shelf", body = Page<Wish>),
        (status = 400, description = "`shelf` unknown, `limit` out of range", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`site_id` (unknown), `cursor` (not from an earlier page)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn wall(
    State(state): State<AppState>,
    MaybeAuthUser(user): MaybeAuthUser,
    query: Result<Query<WallQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Page<Wish>>, ApiError> {
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let mut errors = FieldErrors::default();
    let page = IdPage::read(query.limit, None, &mut errors);
    let shelf = match query.shelf.unwrap_or(WishShelf::Open) {
        WishShelf::Open => Shelf::Open,
        WishShelf::Claimed => Shelf::Claimed,
        WishShelf::Done => Shelf::Done,
    };
    let cursor = query.cursor.as_deref().filter(|cursor| !cursor.is_empty());
    let after = cursor.and_then(|cursor| {
        let parsed = parse_cursor(shelf, cursor);
        if parsed.is_none() {
            errors.add_given_state(
                "cursor",
                codes::INVALID,
                "`cursor` must be a `next_cursor` from an earlier page.",
            );
        }
        parsed
    });
    if let Some(site) = query.site_id {
        if sites::by_id(state.store.pool(), site).await?.is_none() {
            errors.add_given_state("site_id", codes::UNKNOWN, "No such site.");
        }
    }
    errors.into_result()?;
    let today = state.time.today().format("%Y-%m-%d").to_string();
    let rows = wishes::wall(
        state.store.pool(),
        &WallFilter {
            site: query.site_id,
            shelf,
            after,
            today: &today,
            limit: page.fetch(),
        },
    )
    .await?;
    let (rows, next_cursor) = page.finish(rows, |row| row.id);
    let next_cursor = next_cursor.and(rows.last()).map(|last| match shelf {
        Shelf::Open => format!("{}.{}", last.deadline, last.id),
        Shelf::Claimed => last.id.to_string(),
        Shelf::Done => format!("{}.{}", last.fulfilled_at.unwrap_or_default(), last.id),
    });
    let items = views(&state, user.as_ref(), rows).await?;
    Ok(Json(Page { items, next_cursor }))
}

fn parse_cursor(shelf: Shelf, cursor: &str) -> Option<After<'_>> {
    match shelf {
        Shelf::Claimed => cursor.parse().ok().filter(|id| *id > 0).map(After::Id),
        Shelf::Open => {
            let (deadline, id) = cursor.split_once('.')?;
            NaiveDate::parse_from_str(deadline, "%Y-%m-%d").ok()?;
            Some(After::Deadline(deadline, id.parse().ok()?))
        }
        Shelf::Done => {
            let (at, id) = cursor.split_once('.')?;
            Some(After::Fulfilled(at.parse().ok()?, id.parse().ok()?))
        }
    }
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FiguresQuery {
    /// This site's and the sites' below it (absent: every site).
    pub site_id: Option<i64>,
}

/// This year's wishes: open now, posted, fulfilled.
#[utoipa::path(get, path = "/api/v1/wishes/figures", tag = "wishes",
    params(FiguresQuery),
    responses(
        (status = 200, description = "The figures", body = WishFigures),
        (status = 400, description = "`site_id` not a whole number", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`site_id` (unknown)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn figures(
    State(state): State<AppState>,
    query: Result<Query<FiguresQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<WishFigures>, ApiError> {
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let pool = state.store.pool();
    if let Some(site) = query.site_id {
        if sites::by_id(pool, site).await?.is_none() {
            return Err(ApiError::invalid_given_state(
                "site_id",
                codes::UNKNOWN,
                "No such site.",
            ));
        }
    }
    Ok(Json(year_figures(&state, query.site_id).await?))
}

/// This year's figures (the station's year) of a site and the sites below it, or of every
/// site; the display screen shows them too.
pub async fn year_figures(state: &AppState, site: Option<i64>) -> Result<WishFigures, ApiError> {
    let today = state.time.today();
    let year_start = state
        .time
        .day_start(NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today));
    let today = today.format("%Y-%m-%d").to_string();
    let (open, posted, fulfilled) =
        wishes::figures(state.store.pool(), site, year_start, &today).await?;
    let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(WishFigures {
        open: count(open),
        posted_this_year: count(posted),
        fulfilled_this_year: count(fulfilled),
    })
}

/// One wish: on the wall for everyone (masked), with its details and timeline for its parties
/// and staff of its site.
#[utoipa::path(get, path = "/api/v1/wishes/{id}", tag = "wishes",
    params(("id" = i64, Path, description = "The wish's id")),
    responses(
        (status = 200, description = "The wish, as the reader may see it", body = Wish),
        Invalid, NoSuchWish,
    ))]
pub async fn wish(
    State(state): State<AppState>,
    MaybeAuthUser(user): MaybeAuthUser,
    PathId(id): PathId,
) -> Result<Json<Wish>, ApiError> {
    let row = visible_row(&state, user.as_ref(), id).await?;
    Ok(Json(one(&state, user.as_ref(), row).await?))
}

const INVALID_WISH: &str = "`title`, `description`, `beneficiary_name`, `contact` (required, too_long), `beneficiary_group`, `on_behalf_of` (too_long), `beneficiary_age` (out_of_range)";
const UNFIT_WISH: &str = "`site_id` (unknown), `deadline` (out_of_range: from today to 180 days ahead), `photo_id` (unknown: not a photo this account uploaded, or already used)";

/// Post a wish: for oneself (staff review it), or — staff of the site — for a resident without
/// a phone (`on_behalf_of`), open at once.
#[utoipa::path(post, path = "/api/v1/wishes", tag = "wishes",
    request_body = NewWish,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The wish, submitted (open when staff posted it)", body = Wish),
        (status = 400, description = INVALID_WISH, body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "`on_behalf_of` by someone who is not staff of the site", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = UNFIT_WISH, body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized,
    ))]
pub async fn post_wish(
    State(state): State<AppState>,
    user: AuthUser,
    JsonBody(input): JsonBody<NewWish>,
) -> Result<(StatusCode, Json<Wish>), ApiError> {
    let pool = state.store.pool();
    let mut errors = FieldErrors::default();
    let title = text::required(&mut errors, "title", &input.title, TITLE_MAX_CHARS);
    let description = text::required(
        &mut errors,
        "description",
        &input.description,
        DESCRIPTION_MAX_CHARS,
    );
    let beneficiary = text::required(
        &mut errors,
        "beneficiary_name",
        &input.beneficiary_name,
        BENEFICIARY_MAX_CHARS,
    );
    let group = input
        .beneficiary_group
        .as_deref()
        .map(|group| {
            text::optional(
                &mut errors,
                "beneficiary_group",
                group,
                BENEFICIARY_MAX_CHARS,
            )
        })
        .filter(|group| !group.is_empty());
    if input.beneficiary_age.is_some_and(|age| age > MAX_AGE) {
        errors.add(
            "beneficiary_age",
            codes::OUT_OF_RANGE,
            format!("An age from 0 to {MAX_AGE}."),
        );
    }
    let contact = text::required(&mut errors, "contact", &input.contact, WISH_NOTE_MAX_CHARS);
    let on_behalf_of = input
        .on_behalf_of
        .as_deref()
        .map(|who| text::optional(&mut errors, "on_behalf_of", who, WISH_NOTE_MAX_CHARS))
        .filter(|who| !who.is_empty());
    errors.into_result()?;
    let mut errors = FieldErrors::default();
    let site = sites::by_id(pool, input.site_id).await?;
    if site.is_none_or(|site| site.archived_at.is_some()) {
        errors.add_given_state("site_id", codes::UNKNOWN, "No such site.");
    }
    let today = state.time.today();
    let furthest = today + chrono::Duration::days(DEADLINE_MAX_DAYS);
    if input.deadline < today || input.deadline > furthest {
        errors.add_given_state(
            "deadline",
            codes::OUT_OF_RANGE,
            format!("A deadline from today to {DEADLINE_MAX_DAYS} days ahead."),
        );
    }
    if let Some(photo) = input.photo_id {
        own_new_photo(&state, &user, photo, "photo_id", &mut errors).await?;
    }
    errors.into_result()?;
    let staff_posts = on_behalf_of.is_some();
    if staff_posts {
        require_staff(&state, &user, input.site_id).await?;
    }
    let deadline = input.deadline.format("%Y-%m-%d").to_string();
    let now = state.time.now_unix();
    let mut tx = crate::store::begin_write(pool).await?;
    let id = wishes::insert(
        &mut tx,
        &NewRow {
            site_id: input.site_id,
            title,
            description,
            category: input.category.slug(),
            deadline: &deadline,
            beneficiary_name: beneficiary,
            beneficiary_age: input.beneficiary_age.map(i64::from),
            beneficiary_group: group,
            requester_id: user.account_id,
            contact,
            on_behalf_of,
            photo_id: input.photo_id,
            status: if staff_posts { "open" } else { "submitted" },
            now,
        },
    )
    .await
    .on_constraint("wish_photos_photo", |_| {
        ApiError::invalid_given_state("photo_id", codes::UNKNOWN, "The photo is already used.")
    })?;
    timeline::add(
        &mut *tx,
        &Step {
            subject: "wish",
            subject_id: id,
            at: now,
            event: "posted",
            actor_id: Some(user.account_id),
            on_behalf: staff_posts,
            note: None,
        },
    )
    .await?;
    if staff_posts {
        Log::new(
            &state,
            &user,
            Some(input.site_id),
            "wish.create",
            subject(id),
        )
        .save_in(&mut tx)
        .await?;
    }
    tx.commit().await?;
    let row = row_or_404(&state, id).await?;
    Ok((
        StatusCode::CREATED,
        Json(one(&state, Some(&user), row).await?),
    ))
}

/// The wishes one posted, newest first, each with what one may do next.
#[utoipa::path(get, path = "/api/v1/me/wishes", tag = "wishes",
    params(PageQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of one's wishes, newest first", body = Page<Wish>),
        (status = 400, description = "`limit` out of range", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`cursor`: not from an earlier page", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized,
    ))]
pub async fn my_wishes(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Page<Wish>>, ApiError> {
    of_party(&state, &user, query, Party::Requester).await
}

/// The wishes one claimed, newest first, each with what one may do next.
#[utoipa::path(get, path = "/api/v1/me/claims", tag = "wishes",
    params(PageQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of the wishes one claimed, newest first", body = Page<Wish>),
        (status = 400, description = "`limit` out of range", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`cursor`: not from an earlier page", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized,
    ))]
pub async fn my_claims(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Page<Wish>>, ApiError> {
    of_party(&state, &user, query, Party::Claimer).await
}

async fn of_party(
    state: &AppState,
    user: &AuthUser,
    query: Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>,
    party: Party,
) -> Result<Json<Page<Wish>>, ApiError> {
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let mut errors = FieldErrors::default();
    let page = IdPage::read(query.limit, query.cursor.as_deref(), &mut errors);
    errors.into_result()?;
    let rows = wishes::of_account(
        state.store.pool(),
        party,
        user.account_id,
        page.before_id,
        page.fetch(),
    )
    .await?;
    let (rows, next_cursor) = page.finish(rows, |row| row.id);
    let items = views(state, Some(user), rows).await?;
    Ok(Json(Page { items, next_cursor }))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StaffQuery {
    /// Only this site's (one the reader runs; absent: every site they run).
    pub site_id: Option<i64>,
    /// Only these (absent: all).
    pub status: Option<WishStatus>,
    /// Only the claimed wishes past their deadline.
    pub overdue: Option<bool>,
    /// 1–200, default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// A `next_cursor` from an earlier page (opaque; empty: the first page).
    pub cursor: Option<String>,
}

/// Staff's queue: the wishes of the sites one runs (to review: `status=submitted`; overdue:
/// `overdue=true`), newest first, with every detail.
#[utoipa::path(get, path = "/api/v1/staff/wishes", tag = "wishes",
    params(StaffQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of wishes, newest first", body = Page<Wish>),
        (status = 400, description = "`status` unknown, `limit` out of range", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of any site (or not of `site_id`)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`cursor`: not from an earlier page", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized,
    ))]
pub async fn staff_wishes(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<Query<StaffQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Page<Wish>>, ApiError> {
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let mut errors = FieldErrors::default();
    let page = IdPage::read(query.limit, query.cursor.as_deref(), &mut errors);
    errors.into_result()?;
    let pool = state.store.pool();
    let sites = StaffScope::queue_sites(pool, &user, query.site_id).await?;
    let today = state.time.today().format("%Y-%m-%d").to_string();
    let rows = wishes::for_staff(
        pool,
        sites.as_deref(),
        query.status.map(WishStatus::slug),
        query.overdue.unwrap_or(false).then_some(today.as_str()),
        page.before_id,
        page.fetch(),
    )
    .await?;
    let (rows, next_cursor) = page.finish(rows, |row| row.id);
    let items = views(&state, Some(&user), rows).await?;
    Ok(Json(Page { items, next_cursor }))
}

/// How the reader stands to a wish.
#[derive(Debug, Clone, Copy, Default)]
pub struct Relation {
    pub signed_in: bool,
    pub staff: bool,
    pub requester: bool,
    pub claimer: bool,
}

impl Relation {
    pub async fn of(
        state: &AppState,
        user: Option<&AuthUser>,
        row: &WishRow,
    ) -> Result<Self, ApiError> {
        let scope = match user {
            Some(user) => Some(StaffScope::of(state.store.pool(), user).await?),
            None => None,
        };
        Ok(Self::within(user, scope.as_ref(), row))
    }

    /// With the reader's staff scope read once (a list reads it once for all its rows).
    pub fn within(user: Option<&AuthUser>, scope: Option<&StaffScope>, row: &WishRow) -> Self {
        let Some(user) = user else {
            return Relation::default();
        };
        Relation {
            signed_in: true,
            staff: scope.is_some_and(|scope| scope.covers(row.site_id)),
            requester: row.requester_id == user.account_id,
            claimer: row.claimer_id == Some(user.account_id),
        }
    }

    /// The requester, the claimer or staff: reads the details and the timeline.
    pub fn is_party(self) -> bool {
        self.staff || self.requester || self.claimer
    }

    /// The requester or staff: reads who the beneficiary is and how to reach the requester.
    pub fn knows_requester(self) -> bool {
        self.staff || self.requester
    }
}

/// What the reader may do with the wish now.
pub fn steps_of(status: WishStatus, relation: Relation, claimable: bool) -> Vec<WishStep> {
    let mut steps = Vec::new();
    match status {
        WishStatus::Submitted => {
            if relation.staff {
                steps.extend([WishStep::Approve, WishStep::Reject]);
            }
            if relation.knows_requester() {
                steps.push(WishStep::Withdraw);
            }
        }
        WishStatus::Open => {
            if relation.signed_in && !relation.requester && claimable {
                steps.push(WishStep::Claim);
            }
            if relation.knows_requester() {
                steps.push(WishStep::Withdraw);
            }
        }
        WishStatus::Claimed if relation.claimer => {
            steps.extend([WishStep::Fulfil, WishStep::Release]);
        }
        // An overdue claim staff can give back to the wall for the claimer.
        WishStatus::Claimed if relation.staff => steps.push(WishStep::Release),
        // Nobody confirms their own fulfilment.
        WishStatus::Fulfilled if relation.knows_requester() && !relation.claimer => {
            steps.push(WishStep::Confirm)
        }
        _ => {}
    }
    steps
}

/// The wish as this reader may see it (`timeline` read by the caller, for one wish only).
pub fn view(
    state: &AppState,
    row: WishRow,
    relation: Relation,
    photos: &[(String, PhotoRow)],
    timeline: Vec<TimelineEntry>,
) -> Wish {
    let status = WishStatus::from_slug(&row.status).unwrap_or(WishStatus::Submitted);
    let today = state.time.today();
    let deadline = NaiveDate::parse_from_str(&row.deadline, "%Y-%m-%d").unwrap_or(today);
    let party = relation.is_party();
    let knows = relation.knows_requester();
    let photo_of = |role: &str| {
        photos
            .iter()
            .find(|(of, photo)| of == role && photo.wish_id == Some(row.id))
            .map(|(_, photo)| photos::to_wire(photo))
    };
    Wish {
        id: row.id,
        site: SiteRef {
            id: row.site_id,
            name: row.site_name,
        },
        title: row.title,
        description: row.description,
        category: WishCategory::from_slug(&row.category).unwrap_or(WishCategory::Other),
        status,
        deadline,
        beneficiary: Beneficiary {
            masked_name: mask_name(&row.beneficiary_name),
            age: row.beneficiary_age.and_then(|age| u32::try_from(age).ok()),
            group: row.beneficiary_group,
        },
        photo: (party || row.photo_public == 1)
            .then(|| photo_of("wish"))
            .flatten(),
        posted_at: state.time.to_wire(row.posted_at),
        overdue: status == WishStatus::Claimed && deadline < today,
        thanks: row.thanks.filter(|thanks| !thanks.is_empty()),
        steps: steps_of(status, relation, deadline >= today),
        beneficiary_name: knows.then_some(row.beneficiary_name),
        contact: knows.then_some(row.contact),
        on_behalf_of: row.on_behalf_of.filter(|_| knows),
        photo_public: party.then_some(row.photo_public == 1),
        reject_reason: row.reject_reason.filter(|_| knows),
        claimer_name: row.claimer_name.filter(|_| party),
        fulfil_note: row.fulfil_note.filter(|_| party),
        fulfil_photo: party.then(|| photo_of("fulfil")).flatten(),
        rating: row
            .rating
            .filter(|_| party)
            .and_then(|rating| u8::try_from(rating).ok()),
        timeline: if party { timeline } else { Vec::new() },
    }
}

/// A list of wishes as this reader may see each.
async fn views(
    state: &AppState,
    user: Option<&AuthUser>,
    rows: Vec<WishRow>,
) -> Result<Vec<Wish>, ApiError> {
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let pool = state.store.pool();
    let photos = stored_photos::of_wishes(pool, &ids).await?;
    let scope = match user {
        Some(user) => Some(StaffScope::of(pool, user).await?),
        None => None,
    };
    Ok(rows
        .into_iter()
        .map(|row| {
            let relation = Relation::within(user, scope.as_ref(), &row);
            view(state, row, relation, &photos, Vec::new())
        })
        .collect())
}

/// One wish with its timeline, as this reader may see it.
pub async fn one(
    state: &AppState,
    user: Option<&AuthUser>,
    row: WishRow,
) -> Result<Wish, ApiError> {
    let relation = Relation::of(state, user, &row).await?;
    let pool = state.store.pool();
    let photos = stored_photos::of_wishes(pool, &[row.id]).await?;
    let timeline = if relation.is_party() {
        let claimer = user
            .map(|user| user.account_id)
            .filter(|_| relation.claimer);
        timeline::of(pool, "wish", row.id)
            .await?
            .into_iter()
            .filter_map(|step| {
                let event = event_of(&step.event)?;
                // A claimer who is not the requester nor staff reads who did a step only when
                // it was theirs, and no note but a claimer's or a thanks: who posted it and
                // why it was refused are the requester's and staff's.
                let (by, note) = if relation.knows_requester() {
                    (step.actor_name, step.note)
                } else {
                    let theirs = step.actor_id.is_some() && step.actor_id == claimer;
                    let shown =
                        matches!(event, TimelineEvent::Fulfilled | TimelineEvent::Confirmed);
                    (
                        step.actor_name.filter(|_| theirs),
                        step.note.filter(|_| shown),
                    )
                };
                Some(TimelineEntry {
                    at: state.time.to_wire(step.at),
                    event,
                    by,
                    on_behalf: step.on_behalf == 1,
                    note,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(view(state, row, relation, &photos, timeline))
}

fn event_of(event: &str) -> Option<TimelineEvent> {
    Some(match event {
        "posted" => TimelineEvent::Posted,
        "approved" => TimelineEvent::Approved,
        "rejected" => TimelineEvent::Rejected,
        "claimed" => TimelineEvent::Claimed,
        "released" => TimelineEvent::Released,
        "fulfilled" => TimelineEvent::Fulfilled,
        "confirmed" => TimelineEvent::Confirmed,
        "withdrawn" => TimelineEvent::Withdrawn,
        "expired" => TimelineEvent::Expired,
        _ => return None,
    })
}

pub fn subject(id: i64) -> String {
    format!("wish:{id}")
}

pub async fn row_or_404(state: &AppState, id: i64) -> Result<WishRow, ApiError> {
    wishes::by_id(state.store.pool(), id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("Wish {id}")))
}

/// The row, if the reader may see it: a wish on the wall, or one of theirs (or their site's).
pub async fn visible_row(
    state: &AppState,
    user: Option<&AuthUser>,
    id: i64,
) -> Result<WishRow, ApiError> {
    let row = row_or_404(state, id).await?;
    let public = WishStatus::from_slug(&row.status).is_some_and(WishStatus::is_public);
    if public || Relation::of(state, user, &row).await?.is_party() {
        Ok(row)
    } else {
        // Not told that it exists.
        Err(ApiError::not_found(format!("Wish {id}")))
    }
}

pub async fn require_staff(
    state: &AppState,
    user: &AuthUser,
    site_id: i64,
) -> Result<(), ApiError> {
    policy::require(
        policy::is_staff_of(state.store.pool(), user, site_id).await?,
        "staff of the site or administrators",
    )
}

/// Names `field` in `errors` unless `photo` is one the user uploaded and nothing holds yet.
pub async fn own_new_photo(
    state: &AppState,
    user: &AuthUser,
    photo: i64,
    field: &str,
    errors: &mut FieldErrors,
) -> Result<(), ApiError> {
    let own = stored_photos::by_id(state.store.pool(), photo)
        .await?
        .is_some_and(|row| row.account_id == user.account_id && row.is_unattached());
    if !own {
        errors.add_given_state(
            field,
            codes::UNKNOWN,
            format!("Photo {photo} is not one you uploaded for this."),
        );
    }
    Ok(())
}
