//! Teams kept from the console by staff of their site: create (with a leader), edit, move to
//! another site they run, appoint the leader, archive.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use station_wire::problem::codes;
use station_wire::teams::{
    Team, TeamInput, TEAM_DESCRIPTION_MAX_CHARS, TEAM_FIELD_MAX_CHARS, TEAM_NAME_MAX_CHARS,
};

use super::{team_or_404, to_wire};
use crate::api::accounts::validate;
use crate::api::audit::Log;
use crate::api::extract::{JsonBody, PathId};
use crate::api::openapi::{Invalid, NoSuchTeam, Unauthorized};
use crate::api::text;
use crate::auth::{policy, AuthUser};
use crate::error::{ApiError, FieldErrors};
use crate::state::AppState;
use crate::store::accounts;
use crate::store::sites;
use crate::store::teams::{self, NewTeam};

/// `403` for anyone who does not run the team's site.
#[derive(utoipa::IntoResponses)]
#[response(
    status = 403,
    description = "Not staff of the team's site (nor of the site it would move to) nor an administrator",
    content_type = "application/problem+json"
)]
pub struct NotStaffOfTeamSite(#[allow(dead_code)] station_wire::problem::Problem);

const INVALID_TEAM: &str =
    "`name`, `field` (required, too_long), `description` (too_long), `leader_phone` (invalid)";
const UNFIT_TEAM: &str =
    "`site_id` (unknown), `leader_phone` (unknown: no account signs in with it)";

/// Create a team at a site one runs, optionally with its leader.
#[utoipa::path(post, path = "/api/v1/teams", tag = "teams",
    request_body = TeamInput,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The team", body = Team),
        (status = 400, description = INVALID_TEAM, body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = UNFIT_TEAM, body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized, NotStaffOfTeamSite,
    ))]
pub async fn create_team(
    State(state): State<AppState>,
    user: AuthUser,
    JsonBody(input): JsonBody<TeamInput>,
) -> Result<(StatusCode, Json<Team>), ApiError> {
    require_staff(&state, &user, input.site_id).await?;
    let (fields, leader) = validate_team(&state, &input).await?;
    let mut tx = crate::store::begin_write(state.store.pool()).await?;
    let id = teams::insert(&mut *tx, &fields.as_new()).await?;
    if let Some(leader) = leader {
        teams::appoint_leader(&mut tx, id, leader, state.time.now_unix()).await?;
    }
    Log::new(
        &state,
        &user,
        Some(input.site_id),
        "team.create",
        subject(id),
    )
    // What the team was made with (the leader's number is not kept in the log).
    .after(&TeamInput {
        leader_phone: None,
        ..input.clone()
    })
    .save_in(&mut tx)
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(to_wire(team_or_404(&state, id).await?)),
    ))
}

/// Edit a team; a new `site_id` moves it (staff of both sites), a `leader_phone` appoints that
/// account its leader.
#[utoipa::path(put, path = "/api/v1/teams/{id}", tag = "teams",
    params(("id" = i64, Path, description = "The team's id")),
    request_body = TeamInput,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The team as it is now", body = Team),
        (status = 400, description = INVALID_TEAM, body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = UNFIT_TEAM, body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized, NotStaffOfTeamSite, NoSuchTeam,
    ))]
pub async fn update_team(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(input): JsonBody<TeamInput>,
) -> Result<Json<Team>, ApiError> {
    let team = team_or_404(&state, id).await?;
    require_staff(&state, &user, team.site_id).await?;
    let (site, before) = (team.site_id, to_wire(team.clone()));
    if input.site_id != team.site_id {
        require_staff(&state, &user, input.site_id).await?;
    }
    let (fields, leader) = validate_team(&state, &input).await?;
    let mut tx = crate::store::begin_write(state.store.pool()).await?;
    if !teams::update(&mut *tx, id, &fields.as_new()).await? {
        return Err(ApiError::not_found(format!("Team {id}")));
    }
    if let Some(leader) = leader {
        teams::appoint_leader(&mut tx, id, leader, state.time.now_unix()).await?;
    }
    tx.commit().await?;
    let updated = to_wire(team_or_404(&state, id).await?);
    Log::new(&state, &user, Some(site), "team.update", subject(id))
        .before(&before)
        .after(&updated)
        .save()
        .await?;
    Ok(Json(updated))
}

/// Archive a team: it leaves the directory; its members, activities and hours stay.
/// Archiving it again changes nothing.
#[utoipa::path(post, path = "/api/v1/teams/{id}/archive", tag = "teams",
    params(("id" = i64, Path, description = "The team's id")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Archived"),
        Invalid, Unauthorized, NotStaffOfTeamSite, NoSuchTeam,
    ))]
pub async fn archive_team(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<StatusCode, ApiError> {
    let site = teams::site_of(state.store.pool(), id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("Team {id}")))?;
    require_staff(&state, &user, site).await?;
    // Archiving again changes nothing, and records nothing.
    if teams::archive(state.store.pool(), id, state.time.now_unix()).await? {
        Log::new(&state, &user, Some(site), "team.archive", subject(id))
            .save()
            .await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

fn subject(id: i64) -> String {
    format!("team:{id}")
}

async fn require_staff(state: &AppState, user: &AuthUser, site_id: i64) -> Result<(), ApiError> {
    policy::require(
        policy::is_staff_of(state.store.pool(), user, site_id).await?,
        "staff of the team's site or administrators",
    )
}

struct TeamFields {
    site_id: i64,
    name: String,
    field: String,
    description: String,
}

impl TeamFields {
    fn as_new(&self) -> NewTeam<'_> {
        NewTeam {
            site_id: self.site_id,
            name: &self.name,
            field: &self.field,
            description: &self.description,
        }
    }
}

/// Every bad field named at once; answers the trimmed fields and the leader's account.
async fn validate_team(
    state: &AppState,
    input: &TeamInput,
) -> Result<(TeamFields, Option<i64>), ApiError> {
    let pool = state.store.pool();
    let mut errors = FieldErrors::default();
    let mut text = |field: &str, value: &str, max: usize, required: bool| {
        if required {
            text::required(&mut errors, field, value, max).to_owned()
        } else {
            text::optional(&mut errors, field, value, max).to_owned()
        }
    };
    let name = text("name", &input.name, TEAM_NAME_MAX_CHARS, true);
    let field = text("field", &input.field, TEAM_FIELD_MAX_CHARS, true);
    let description = text(
        "description",
        &input.description,
        TEAM_DESCRIPTION_MAX_CHARS,
        false,
    );
    let site = sites::by_id(pool, input.site_id).await?;
    if site.is_none_or(|site| site.archived_at.is_some()) {
        errors.add("site_id", codes::UNKNOWN, "No such site.");
    }
    let mut leader = None;
    if let Some(phone) = input.leader_phone.as_deref().filter(|p| !p.is_empty()) {
        if let Err(error) = validate::phone(phone) {
            for error in error.field_errors().unwrap_or_default() {
                errors.add("leader_phone", &error.code, &error.message);
            }
        } else {
            match accounts::by_phone(pool, phone).await? {
                Some(account) => leader = Some(account.id),
                None => errors.add(
                    "leader_phone",
                    codes::UNKNOWN,
                    "No account signs in with this number; open one for them first.",
                ),
            }
        }
    }
    errors.into_result()?;
    Ok((
        TeamFields {
            site_id: input.site_id,
            name,
            field,
            description,
        },
        leader,
    ))
}
