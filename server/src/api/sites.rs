//! The site tree: `GET /api/v1/sites` for everyone; creating, editing, moving and archiving
//! sites for administrators and the staff of the sites above.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use station_wire::page::List;
use station_wire::problem::codes;
use station_wire::sites::{
    SiteInput, SiteNode, SITE_INTRO_MAX_CHARS, SITE_LINE_MAX_CHARS, SITE_NAME_MAX_CHARS,
};

use super::extract::{JsonBody, PathId};
use super::openapi::{Invalid, NoSuchSite, Unauthorized};
use crate::api::audit::Log;
use crate::api::text;
use crate::auth::policy::{self, StaffScope};
use crate::auth::AuthUser;
use crate::error::{ApiError, FieldErrors, Refusal};
use crate::state::AppState;
use crate::store::sites::{self, IntoRow, SiteRow};
use sqlx::{Any, Transaction};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_sites, create_site))
        .routes(routes!(get_site, update_site))
        .routes(routes!(archive_site))
}

/// The roots of the site tree (中心 → 所 → 站) with their children nested, ordered by id.
/// Archived sites are left out.
#[utoipa::path(get, path = "/api/v1/sites", tag = "sites",
    responses((status = 200, description = "The site tree", body = List<SiteNode>)))]
pub async fn list_sites(State(state): State<AppState>) -> Result<Json<List<SiteNode>>, ApiError> {
    let rows = sites::all(state.store.pool()).await?;
    Ok(Json(List {
        items: sites::build_tree(rows),
    }))
}

/// One site's public information (address, opening hours, its phone, introduction), without
/// its children.
#[utoipa::path(get, path = "/api/v1/sites/{id}", tag = "sites",
    params(("id" = i64, Path, description = "The site's id")),
    responses(
        (status = 200, description = "The site", body = SiteNode),
        Invalid, NoSuchSite,
    ))]
pub async fn get_site(
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Json<SiteNode>, ApiError> {
    let site = live_site(&state, id).await?;
    Ok(Json(sites::to_node(site)))
}

/// Create a site. A center (no parent) by administrators; a site under a parent by staff of
/// the parent (or of a site above it) and administrators.
#[utoipa::path(post, path = "/api/v1/sites", tag = "sites",
    request_body = SiteInput,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The site exists", body = SiteNode),
        (status = 400, description = "Invalid fields: `name` (required, too_long), `address`, `opening_hours`, `phone` (too_long), `intro` (too_long)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`parent_id` (unknown), `kind` (not_allowed_here: 中心 → 所 → 站)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized,
        (status = 403, description = "Not an administrator (for a center), nor staff of the parent", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_site(
    State(state): State<AppState>,
    user: AuthUser,
    JsonBody(input): JsonBody<SiteInput>,
) -> Result<(StatusCode, Json<SiteNode>), ApiError> {
    let scope = StaffScope::of(state.store.pool(), &user).await?;
    policy::require(
        may_place_under(&scope, &user, input.parent_id),
        "administrators (for a center) or staff of the parent site",
    )?;
    // Every check of the tree runs under its lock, so a change that raced this one (an
    // archived or re-kinded parent) is seen.
    let mut tx = crate::store::begin_write(state.store.pool()).await?;
    sites::lock_tree(&mut tx).await?;
    let input = validate(&mut tx, input, None).await?;
    let id = sites::create(&mut *tx, &input).await?;
    let created = sites::to_node(input.into_row(id));
    Log::new(&state, &user, Some(id), "site.create", subject(id))
        .after(&created)
        .save_in(&mut tx)
        .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Replace a site's name, kind and public information; a different `parent_id` moves it with
/// everything below it (refused when the new parent is the site itself or below it).
#[utoipa::path(put, path = "/api/v1/sites/{id}", tag = "sites",
    params(("id" = i64, Path, description = "The site's id")),
    request_body = SiteInput,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The site as it is now", body = SiteNode),
        (status = 400, description = "Invalid fields, as for creating", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "As for creating; `parent_id` also `cycle`; `kind` also not_allowed_here when a child would no longer fit under it", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized,
        (status = 403, description = "Not staff of the site (and, when it moves, of the new parent) nor an administrator", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        NoSuchSite,
    ))]
pub async fn update_site(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(input): JsonBody<SiteInput>,
) -> Result<Json<SiteNode>, ApiError> {
    let scope = StaffScope::of(state.store.pool(), &user).await?;
    let mut tx = crate::store::begin_write(state.store.pool()).await?;
    sites::lock_tree(&mut tx).await?;
    let current = sites::by_id(&mut *tx, id)
        .await?
        .filter(|site| site.archived_at.is_none())
        .ok_or_else(|| ApiError::not_found(format!("Site {id}")))?;
    // Moving a site or changing its kind reshapes the tree: it takes staff of the old place
    // and of the new one, as creating and archiving do.
    let reshapes = current.parent_id != input.parent_id || current.kind() != input.kind;
    policy::require(
        scope.covers(id)
            && (!reshapes
                || (may_place_under(&scope, &user, current.parent_id)
                    && may_place_under(&scope, &user, input.parent_id))),
        "staff of the site (and, to move it or change its kind, of its old and new parent) or administrators",
    )?;
    let input = validate(&mut tx, input, Some(&current)).await?;
    for child in sites::live_child_kinds(&mut *tx, id).await? {
        if !child.may_sit_under(Some(input.kind)) {
            return Err(ApiError::invalid(
                "kind",
                codes::NOT_ALLOWED_HERE,
                "Sites below this one would no longer fit under this kind.",
            ));
        }
    }
    sites::update(&mut *tx, id, &input).await?;
    let updated = sites::to_node(input.into_row(id));
    Log::new(&state, &user, Some(id), "site.update", subject(id))
        .before(&sites::to_node(current))
        .after(&updated)
        .save_in(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(Json(updated))
}

/// Archive a site: it leaves the public lists; its activities, teams and history stay.
/// Refused while sites below it are not archived, or while it has teams or activities to come;
/// archiving it again succeeds and changes nothing.
#[utoipa::path(post, path = "/api/v1/sites/{id}/archive", tag = "sites",
    params(("id" = i64, Path, description = "The site's id")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Archived"),
        Invalid,
        Unauthorized,
        (status = 403, description = "Not staff of the parent site nor an administrator", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        NoSuchSite,
        (status = 409, description = "`site-has-children`: archive the sites below it first; `site-in-use`: it still has teams or activities to come", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn archive_site(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<StatusCode, ApiError> {
    let scope = StaffScope::of(state.store.pool(), &user).await?;
    let now = state.time.now_unix();
    let mut tx = crate::store::begin_write(state.store.pool()).await?;
    sites::lock_tree(&mut tx).await?;
    let site = sites::by_id(&mut *tx, id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("Site {id}")))?;
    policy::require(
        may_place_under(&scope, &user, site.parent_id),
        "staff of the parent site or administrators",
    )?;
    // Archiving an archived site changes nothing and says so with success (idempotent).
    if site.archived_at.is_some() {
        return Ok(StatusCode::NO_CONTENT);
    }
    if !sites::live_child_kinds(&mut *tx, id).await?.is_empty() {
        return Err(ApiError::refused(
            Refusal::SiteHasChildren,
            "Sites below this one are still in use; archive them first.",
        ));
    }
    if sites::in_use(&mut *tx, id, now).await? {
        return Err(ApiError::refused(
            Refusal::SiteInUse,
            "The site still has teams or activities to come; move or cancel them first.",
        ));
    }
    sites::archive(&mut *tx, id, now).await?;
    Log::new(&state, &user, Some(id), "site.archive", subject(id))
        .before(&sites::to_node(site))
        .save_in(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

fn subject(id: i64) -> String {
    format!("site:{id}")
}

/// Who may put a site under `parent`: administrators anywhere, staff under a site they cover.
fn may_place_under(scope: &StaffScope, user: &AuthUser, parent: Option<i64>) -> bool {
    match parent {
        None => user.is_admin,
        Some(parent) => scope.covers(parent),
    }
}

async fn live_site(state: &AppState, id: i64) -> Result<SiteRow, ApiError> {
    sites::by_id(state.store.pool(), id)
        .await?
        .filter(|site| site.archived_at.is_none())
        .ok_or_else(|| ApiError::not_found(format!("Site {id}")))
}

/// Trims every field and names every bad one; the parent must be a live site of a kind the new
/// site may sit under, and not the site itself or below it. Runs under the tree's lock.
async fn validate(
    tx: &mut Transaction<'static, Any>,
    input: SiteInput,
    current: Option<&SiteRow>,
) -> Result<SiteInput, ApiError> {
    let mut errors = FieldErrors::default();
    let name = text::required(&mut errors, "name", &input.name, SITE_NAME_MAX_CHARS).to_owned();
    let mut line = |field: &str, value: Option<String>| {
        value
            .map(|value| text::optional(&mut errors, field, &value, SITE_LINE_MAX_CHARS).to_owned())
            .filter(|value| !value.is_empty())
    };
    let address = line("address", input.address);
    let opening_hours = line("opening_hours", input.opening_hours);
    let phone = line("phone", input.phone);
    let intro = text::optional(&mut errors, "intro", &input.intro, SITE_INTRO_MAX_CHARS).to_owned();
    let parent_kind = match input.parent_id {
        None => None,
        Some(parent) => match sites::by_id(&mut **tx, parent).await? {
            Some(row) if row.archived_at.is_none() => Some(row.kind()),
            _ => {
                errors.add("parent_id", codes::UNKNOWN, "No such site.");
                None
            }
        },
    };
    let parent_known = !errors.has("parent_id");
    if parent_known && !input.kind.may_sit_under(parent_kind) {
        errors.add(
            "kind",
            codes::NOT_ALLOWED_HERE,
            "The tree goes 中心 → 所 → 站: a center at the top, institutes under a center, stations under an institute or a center.",
        );
    }
    if let (Some(site), Some(parent)) = (current, input.parent_id) {
        if sites::is_within(&mut **tx, site.id, parent).await? {
            errors.add(
                "parent_id",
                codes::CYCLE,
                "A site cannot move under itself or under a site below it.",
            );
        }
    }
    errors.into_result()?;
    Ok(SiteInput {
        parent_id: input.parent_id,
        kind: input.kind,
        name,
        address,
        opening_hours,
        phone,
        intro,
    })
}
