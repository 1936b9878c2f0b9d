//! Nominations: a signed-in resident nominates someone (staff may for a resident without a
//! phone); the nominator follows theirs; staff of the site edit the words, record the nominee's
//! consent (or its withdrawal, which takes the honor off every board), publish into a month's
//! board, reject with a reason, unpublish. Every step of staff's is in the audit log.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use station_wire::honors::{
    is_board_month, Consent, ConsentInput, HonorReason, HonorStatus, NewNomination, Nomination,
    NominationEdit, PublishHonor, MAX_PHOTOS, NOMINEE_NAME_MAX_CHARS, NOTE_MAX_CHARS,
    STORY_MAX_CHARS,
};
use station_wire::page::Page;
use station_wire::problem::codes;
use station_wire::sites::SiteRef;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{category_of, photos_of};
use crate::api::audit::Log;
use crate::api::extract::{JsonBody, PathId};
use crate::api::openapi::{Invalid, Unauthorized};
use crate::api::paging::{IdPage, PageQuery};
use crate::api::{photos, text};
use crate::auth::policy::{self, StaffScope};
use crate::auth::AuthUser;
use crate::error::{ApiError, FieldErrors, Refusal, ResultExt};
use crate::state::AppState;
use crate::store::honors::{self, ConsentRecord, HonorRow, NewHonor};
use crate::store::{photos as stored_photos, sites};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(nominate))
        .routes(routes!(my_nominations))
        .routes(routes!(staff_nominations))
        .routes(routes!(nomination, edit_nomination))
        .routes(routes!(record_consent, withdraw_consent))
        .routes(routes!(publish))
        .routes(routes!(reject))
        .routes(routes!(unpublish))
}

/// `403` for anyone who is not staff of the nomination's site.
#[derive(utoipa::IntoResponses)]
#[response(
    status = 403,
    description = "Not staff of the nomination's site nor an administrator",
    content_type = "application/problem+json"
)]
pub struct NotStaffOfHonorSite(#[allow(dead_code)] station_wire::problem::Problem);

/// `404` for a nomination that does not exist or that the reader may not see.
#[derive(utoipa::IntoResponses)]
#[response(
    status = 404,
    description = "No such nomination",
    content_type = "application/problem+json"
)]
pub struct NoSuchNomination(#[allow(dead_code)] station_wire::problem::Problem);

const INVALID_NOMINATION: &str = "`nominee_name`, `story`, `nominator_contact` (required, too_long), `on_behalf_of` (too_long), `photo_ids` (more than 3)";
const UNFIT_NOMINATION: &str = "`site_id` (unknown), `photo_ids` (unknown: not a photo this account uploaded, or already in a nomination)";

/// Nominate someone for the board of a site; staff of the site may do it for a resident
/// without a phone (`on_behalf_of`).
#[utoipa::path(post, path = "/api/v1/nominations", tag = "honors",
    request_body = NewNomination,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The nomination, submitted", body = Nomination),
        (status = 400, description = INVALID_NOMINATION, body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "`on_behalf_of` by someone who is not staff of the site", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = UNFIT_NOMINATION, body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized,
    ))]
pub async fn nominate(
    State(state): State<AppState>,
    user: AuthUser,
    JsonBody(input): JsonBody<NewNomination>,
) -> Result<(StatusCode, Json<Nomination>), ApiError> {
    let pool = state.store.pool();
    let mut errors = FieldErrors::default();
    let name = text::required(
        &mut errors,
        "nominee_name",
        &input.nominee_name,
        NOMINEE_NAME_MAX_CHARS,
    );
    let story = text::required(&mut errors, "story", &input.story, STORY_MAX_CHARS);
    let contact = text::required(
        &mut errors,
        "nominator_contact",
        &input.nominator_contact,
        NOTE_MAX_CHARS,
    );
    let on_behalf_of = input
        .on_behalf_of
        .as_deref()
        .map(|who| text::optional(&mut errors, "on_behalf_of", who, NOTE_MAX_CHARS))
        .filter(|who| !who.is_empty());
    if input.photo_ids.len() > MAX_PHOTOS {
        errors.add(
            "photo_ids",
            codes::OUT_OF_RANGE,
            format!("At most {MAX_PHOTOS} photos."),
        );
    }
    errors.into_result()?;
    let mut errors = FieldErrors::default();
    let site = sites::by_id(pool, input.site_id).await?;
    if site.is_none_or(|site| site.archived_at.is_some()) {
        errors.add_given_state("site_id", codes::UNKNOWN, "No such site.");
    }
    let mut seen = Vec::new();
    for id in &input.photo_ids {
        let own = stored_photos::by_id(pool, *id)
            .await?
            .is_some_and(|photo| photo.account_id == user.account_id && photo.is_unattached());
        if !own || seen.contains(id) {
            errors.add_given_state(
                "photo_ids",
                codes::UNKNOWN,
                format!("Photo {id} is not one you uploaded for a new nomination."),
            );
        }
        seen.push(*id);
    }
    errors.into_result()?;
    if on_behalf_of.is_some() {
        require_staff(&state, &user, input.site_id).await?;
    }
    let mut tx = crate::store::begin_write(pool).await?;
    let id = honors::insert(
        &mut tx,
        &NewHonor {
            site_id: input.site_id,
            nominee_name: name,
            category: input.category.slug(),
            story,
            nominator_id: user.account_id,
            nominator_contact: contact,
            on_behalf_of,
            photo_ids: &input.photo_ids,
            now: state.time.now_unix(),
        },
    )
    .await
    .on_constraint("honor_photos_photo", |_| {
        ApiError::invalid_given_state(
            "photo_ids",
            codes::UNKNOWN,
            "A photo is already in another nomination.",
        )
    })?;
    if on_behalf_of.is_some() {
        // Staff writing for a resident is staff's write.
        Log::new(
            &state,
            &user,
            Some(input.site_id),
            "nomination.create",
            subject(id),
        )
        .save_in(&mut tx)
        .await?;
    }
    tx.commit().await?;
    let row = row_or_404(&state, id).await?;
    Ok((StatusCode::CREATED, Json(to_wire(&state, row).await?)))
}

/// One's own nominations, newest first, with where each stands.
#[utoipa::path(get, path = "/api/v1/me/nominations", tag = "honors",
    params(PageQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of one's nominations, newest first", body = Page<Nomination>),
        (status = 400, description = "`limit` out of range", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`cursor`: not from an earlier page", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized,
    ))]
pub async fn my_nominations(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Page<Nomination>>, ApiError> {
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let mut errors = FieldErrors::default();
    let page = IdPage::read(query.limit, query.cursor.as_deref(), &mut errors);
    errors.into_result()?;
    let rows = honors::of_nominator(
        state.store.pool(),
        user.account_id,
        page.before_id,
        page.fetch(),
    )
    .await?;
    let Json(mut mine) = page_of(&state, &page, rows).await?;
    for nomination in &mut mine.items {
        nomination.consent = None;
    }
    Ok(Json(mine))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StaffQuery {
    /// Only this site's (one the reader runs; absent: every site they run).
    pub site_id: Option<i64>,
    /// Only these (absent: all).
    pub status: Option<HonorStatus>,
    /// 1–200, default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// A `next_cursor` from an earlier page (opaque; empty: the first page).
    pub cursor: Option<String>,
}

/// Staff's queue: the nominations of the sites one runs, newest first.
#[utoipa::path(get, path = "/api/v1/staff/nominations", tag = "honors",
    params(StaffQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of nominations, newest first", body = Page<Nomination>),
        (status = 400, description = "`status` unknown, `limit` out of range", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of any site (or not of `site_id`)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`cursor`: not from an earlier page", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized,
    ))]
pub async fn staff_nominations(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<Query<StaffQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Page<Nomination>>, ApiError> {
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let mut errors = FieldErrors::default();
    let page = IdPage::read(query.limit, query.cursor.as_deref(), &mut errors);
    errors.into_result()?;
    let pool = state.store.pool();
    let sites = StaffScope::queue_sites(pool, &user, query.site_id).await?;
    let rows = honors::for_staff(
        pool,
        sites.as_deref(),
        query.status.map(HonorStatus::slug),
        page.before_id,
        page.fetch(),
    )
    .await?;
    page_of(&state, &page, rows).await
}

/// One nomination, for its nominator and staff of its site.
#[utoipa::path(get, path = "/api/v1/nominations/{id}", tag = "honors",
    params(("id" = i64, Path, description = "The nomination's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The nomination", body = Nomination),
        Invalid, Unauthorized, NoSuchNomination,
    ))]
pub async fn nomination(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<Json<Nomination>, ApiError> {
    let row = row_or_404(&state, id).await?;
    let staff = policy::is_staff_of(state.store.pool(), &user, row.site_id).await?;
    if !staff && row.nominator_id != user.account_id {
        // Not told that it exists.
        return Err(ApiError::not_found(format!("Nomination {id}")));
    }
    let mut nomination = to_wire(&state, row).await?;
    if !staff {
        // How the nominee consented, and who recorded it, is staff's record.
        nomination.consent = None;
    }
    Ok(Json(nomination))
}

/// Staff edit the words (the name as it may be published, the category, the story).
#[utoipa::path(put, path = "/api/v1/nominations/{id}", tag = "honors",
    params(("id" = i64, Path, description = "The nomination's id")),
    request_body = NominationEdit,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The nomination as it is now", body = Nomination),
        (status = 400, description = "`nominee_name`, `story` (required, too_long)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized, NotStaffOfHonorSite, NoSuchNomination,
    ))]
pub async fn edit_nomination(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(input): JsonBody<NominationEdit>,
) -> Result<Json<Nomination>, ApiError> {
    let before = staff_row(&state, &user, id).await?;
    let mut errors = FieldErrors::default();
    let name = text::required(
        &mut errors,
        "nominee_name",
        &input.nominee_name,
        NOMINEE_NAME_MAX_CHARS,
    );
    let story = text::required(&mut errors, "story", &input.story, STORY_MAX_CHARS);
    errors.into_result()?;
    honors::update_text(state.store.pool(), id, name, input.category.slug(), story).await?;
    let after = row_or_404(&state, id).await?;
    let (site, before) = (before.site_id, to_wire(&state, before).await?);
    let after = to_wire(&state, after).await?;
    if before != after {
        Log::new(&state, &user, Some(site), "nomination.update", subject(id))
            .before(&logged(&before))
            .after(&logged(&after))
            .save()
            .await?;
    }
    Ok(Json(after))
}

/// Staff record that the nominee consented to be published: on the app always; on printed
/// posters and on the station's display screens as asked.
#[utoipa::path(put, path = "/api/v1/nominations/{id}/consent", tag = "honors",
    params(("id" = i64, Path, description = "The nomination's id")),
    request_body = ConsentInput,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The nomination with its consent", body = Nomination),
        (status = 400, description = "`note` (required, too_long)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "A rejected nomination (`wrong-state`)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized, NotStaffOfHonorSite, NoSuchNomination,
    ))]
pub async fn record_consent(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(input): JsonBody<ConsentInput>,
) -> Result<Json<Nomination>, ApiError> {
    let row = staff_row(&state, &user, id).await?;
    let mut errors = FieldErrors::default();
    let note = text::required(&mut errors, "note", &input.note, NOTE_MAX_CHARS);
    errors.into_result()?;
    let recorded = honors::record_consent(
        state.store.pool(),
        id,
        &ConsentRecord {
            by: user.account_id,
            at: state.time.now_unix(),
            note,
            posters: input.posters,
            screens: input.screens,
        },
    )
    .await?;
    if !recorded {
        return Err(wrong_state(&row.status));
    }
    let after = to_wire(&state, row_or_404(&state, id).await?).await?;
    Log::new(
        &state,
        &user,
        Some(row.site_id),
        "nomination.consent",
        subject(id),
    )
    .after(&after.consent)
    .save()
    .await?;
    Ok(Json(after))
}

/// The nominee withdrew consent: it is no longer recorded, and a published honor leaves every
/// board (the app, posters, display screens) at once.
#[utoipa::path(delete, path = "/api/v1/nominations/{id}/consent", tag = "honors",
    params(("id" = i64, Path, description = "The nomination's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The nomination without consent (unpublished if it was on a board)", body = Nomination),
        Invalid, Unauthorized, NotStaffOfHonorSite, NoSuchNomination,
    ))]
pub async fn withdraw_consent(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<Json<Nomination>, ApiError> {
    let row = staff_row(&state, &user, id).await?;
    let site = row.site_id;
    let before = to_wire(&state, row).await?;
    if honors::withdraw_consent(state.store.pool(), id).await? {
        crate::store::photos::rekey_honor(state.store.pool(), id, photos::new_key).await?;
        Log::new(
            &state,
            &user,
            Some(site),
            "nomination.consent_withdrawn",
            subject(id),
        )
        .before(&before.consent)
        .save()
        .await?;
    }
    Ok(Json(to_wire(&state, row_or_404(&state, id).await?).await?))
}

/// Publish onto a month's board (not after the current month); only with consent recorded.
#[utoipa::path(post, path = "/api/v1/nominations/{id}/publish", tag = "honors",
    params(("id" = i64, Path, description = "The nomination's id")),
    request_body = PublishHonor,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Published", body = Nomination),
        (status = 400, description = "`board_month` not `YYYY-MM`", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "No consent recorded (`consent-missing`); rejected or already published (`wrong-state`)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`board_month` after the current month", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized, NotStaffOfHonorSite, NoSuchNomination,
    ))]
pub async fn publish(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(input): JsonBody<PublishHonor>,
) -> Result<Json<Nomination>, ApiError> {
    let row = staff_row(&state, &user, id).await?;
    if !is_board_month(&input.board_month) {
        return Err(ApiError::invalid(
            "board_month",
            codes::INVALID,
            "A month is `YYYY-MM`.",
        ));
    }
    let this_month = state.time.today().format("%Y-%m").to_string();
    if input.board_month > this_month {
        return Err(ApiError::invalid_given_state(
            "board_month",
            codes::OUT_OF_RANGE,
            "A board of a month to come cannot be published yet.",
        ));
    }
    let pool = state.store.pool();
    if !honors::publish(pool, id, &input.board_month, state.time.now_unix()).await? {
        let now = row_or_404(&state, id).await?;
        return Err(
            if matches!(now.status.as_str(), "submitted" | "unpublished") {
                ApiError::refused(
                    Refusal::ConsentMissing,
                    "Record the nominee's consent before publishing.",
                )
            } else {
                wrong_state(&now.status)
            },
        );
    }
    let after = to_wire(&state, row_or_404(&state, id).await?).await?;
    Log::new(
        &state,
        &user,
        Some(row.site_id),
        "nomination.publish",
        subject(id),
    )
    .after(&logged(&after))
    .save()
    .await?;
    Ok(Json(after))
}

/// Reject a submitted nomination, saying why (the nominator reads it).
#[utoipa::path(post, path = "/api/v1/nominations/{id}/reject", tag = "honors",
    params(("id" = i64, Path, description = "The nomination's id")),
    request_body = HonorReason,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Rejected", body = Nomination),
        (status = 400, description = "`reason` (required, too_long)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not submitted (`wrong-state`)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized, NotStaffOfHonorSite, NoSuchNomination,
    ))]
pub async fn reject(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(input): JsonBody<HonorReason>,
) -> Result<Json<Nomination>, ApiError> {
    change_status(&state, &user, id, &input, ("submitted", "rejected")).await
}

/// Take a published honor off the board, saying why; it may be published again.
#[utoipa::path(post, path = "/api/v1/nominations/{id}/unpublish", tag = "honors",
    params(("id" = i64, Path, description = "The nomination's id")),
    request_body = HonorReason,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Unpublished", body = Nomination),
        (status = 400, description = "`reason` (required, too_long)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not published (`wrong-state`)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized, NotStaffOfHonorSite, NoSuchNomination,
    ))]
pub async fn unpublish(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(input): JsonBody<HonorReason>,
) -> Result<Json<Nomination>, ApiError> {
    change_status(&state, &user, id, &input, ("published", "unpublished")).await
}

async fn change_status(
    state: &AppState,
    user: &AuthUser,
    id: i64,
    input: &HonorReason,
    (from, to): (&str, &str),
) -> Result<Json<Nomination>, ApiError> {
    let row = staff_row(state, user, id).await?;
    let mut errors = FieldErrors::default();
    let reason = text::required(&mut errors, "reason", &input.reason, NOTE_MAX_CHARS);
    errors.into_result()?;
    if !honors::set_status(state.store.pool(), id, from, to, reason).await? {
        return Err(wrong_state(&row_or_404(state, id).await?.status));
    }
    // Off the board: the addresses its photos were shown at stop answering.
    crate::store::photos::rekey_honor(state.store.pool(), id, photos::new_key).await?;
    let action = if to == "rejected" {
        "nomination.reject"
    } else {
        "nomination.unpublish"
    };
    let after = to_wire(state, row_or_404(state, id).await?).await?;
    Log::new(state, user, Some(row.site_id), action, subject(id))
        .after(&logged(&after))
        .save()
        .await?;
    Ok(Json(after))
}

fn wrong_state(status: &str) -> ApiError {
    ApiError::refused(
        Refusal::WrongState,
        format!("The nomination is {status}; this step does not apply."),
    )
}

fn subject(id: i64) -> String {
    format!("nomination:{id}")
}

/// What the audit log keeps of a nomination: not how to reach its nominator.
fn logged(nomination: &Nomination) -> Nomination {
    Nomination {
        nominator_contact: String::new(),
        ..nomination.clone()
    }
}

async fn row_or_404(state: &AppState, id: i64) -> Result<HonorRow, ApiError> {
    honors::by_id(state.store.pool(), id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("Nomination {id}")))
}

/// The row, for staff of its site only.
async fn staff_row(state: &AppState, user: &AuthUser, id: i64) -> Result<HonorRow, ApiError> {
    let row = row_or_404(state, id).await?;
    require_staff(state, user, row.site_id).await?;
    Ok(row)
}

async fn require_staff(state: &AppState, user: &AuthUser, site_id: i64) -> Result<(), ApiError> {
    policy::require(
        policy::is_staff_of(state.store.pool(), user, site_id).await?,
        "staff of the site or administrators",
    )
}

async fn page_of(
    state: &AppState,
    page: &IdPage,
    rows: Vec<HonorRow>,
) -> Result<Json<Page<Nomination>>, ApiError> {
    let (rows, next_cursor) = page.finish(rows, |row| row.id);
    let photos = photos_of(state, &rows).await?;
    let items = rows
        .into_iter()
        .zip(photos)
        .map(|(row, photos)| wire_with(state, row, &photos))
        .collect();
    Ok(Json(Page { items, next_cursor }))
}

async fn to_wire(state: &AppState, row: HonorRow) -> Result<Nomination, ApiError> {
    let photos = photos_of(state, std::slice::from_ref(&row)).await?;
    Ok(wire_with(state, row, &photos[0]))
}

fn wire_with(
    state: &AppState,
    row: HonorRow,
    photos: &[crate::store::photos::PhotoRow],
) -> Nomination {
    let consent = match (row.consent_at, row.consent_note) {
        (Some(at), Some(note)) => Some(Consent {
            recorded_by: row.consent_by_name.unwrap_or_default(),
            recorded_at: state.time.to_wire(at),
            note,
            posters: row.consent_posters == 1,
            screens: row.consent_screens == 1,
        }),
        _ => None,
    };
    Nomination {
        id: row.id,
        site: SiteRef {
            id: row.site_id,
            name: row.site_name,
        },
        nominee_name: row.nominee_name,
        category: category_of(&row.category),
        story: row.story,
        photos: photos.iter().map(photos::to_wire).collect(),
        status: HonorStatus::from_slug(&row.status).unwrap_or(HonorStatus::Submitted),
        reject_reason: row.reject_reason,
        nominator_contact: row.nominator_contact,
        on_behalf_of: row.on_behalf_of,
        consent,
        board_month: row.board_month,
        submitted_at: state.time.to_wire(row.submitted_at),
    }
}
