//! Volunteer teams: the directory per site, one team, and "my teams". Joining and members are in
//! [`members`]; keeping teams from the console in [`manage`].

pub mod manage;
pub mod members;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use station_wire::page::List;
use station_wire::problem::codes;
use station_wire::sites::SiteRef;
use station_wire::teams::{MembershipStatus, MyTeam, Team};

use super::extract::PathId;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::sites;
use crate::store::teams::{self, TeamRow};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_teams, manage::create_team))
        .routes(routes!(get_team, manage::update_team))
        .routes(routes!(manage::archive_team))
        .routes(routes!(members::join, members::list))
        .routes(routes!(members::leave))
        .routes(routes!(members::remove))
        .routes(routes!(members::approve))
        .routes(routes!(members::decline))
        .routes(routes!(members::make_leader))
        .routes(routes!(my_teams))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TeamQuery {
    /// A site id: its teams and those of the sites below it. Without it, every team.
    /// (Read by hand, so that a bad one is named like any bad field.)
    #[param(value_type = Option<i64>)]
    pub site: Option<String>,
}

/// The team directory: field, leader, member count and description, by id.
#[utoipa::path(get, path = "/api/v1/teams", tag = "teams",
    params(TeamQuery),
    responses(
        (status = 200, description = "The teams", body = List<Team>),
        (status = 400, description = "`site` is not a site id", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`site`: no site has this id", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_teams(
    State(state): State<AppState>,
    query: Result<Query<TeamQuery>, QueryRejection>,
) -> Result<Json<List<Team>>, ApiError> {
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let pool = state.store.pool();
    let site = match query.site.as_deref().map(str::parse::<i64>) {
        None => None,
        Some(Ok(id)) => Some(id),
        Some(Err(_)) => {
            return Err(ApiError::invalid(
                "site",
                codes::INVALID,
                "The site must be a site id.",
            ))
        }
    };
    if let Some(id) = site {
        if !sites::exists(pool, id).await? {
            return Err(ApiError::invalid(
                "site",
                codes::UNKNOWN,
                "No site has this id.",
            ));
        }
    }
    let items = teams::list(pool, site)
        .await?
        .into_iter()
        .map(to_wire)
        .collect();
    Ok(Json(List { items }))
}

/// One team.
#[utoipa::path(get, path = "/api/v1/teams/{id}", tag = "teams",
    params(("id" = i64, Path, description = "The team's id")),
    responses(
        (status = 200, description = "The team", body = Team),
        crate::api::openapi::NoSuchTeam,
    ))]
pub async fn get_team(
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Json<Team>, ApiError> {
    Ok(Json(to_wire(team_or_404(&state, id).await?)))
}

/// The teams one leads, belongs to, or asked to join.
#[utoipa::path(get, path = "/api/v1/me/teams", tag = "teams",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One's teams with one's status in each", body = List<MyTeam>),
        crate::api::openapi::Unauthorized,
    ))]
pub async fn my_teams(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<List<MyTeam>>, ApiError> {
    let items = teams::of_account(state.store.pool(), user.account_id)
        .await?
        .into_iter()
        .map(|(team, membership)| MyTeam {
            team: to_wire(team),
            status: status_from_db(&membership),
        })
        .collect();
    Ok(Json(List { items }))
}

pub async fn team_or_404(state: &AppState, id: i64) -> Result<TeamRow, ApiError> {
    teams::by_id(state.store.pool(), id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("Team {id}")))
}

pub fn status_from_db(status: &str) -> MembershipStatus {
    match status {
        "leader" => MembershipStatus::Leader,
        "member" => MembershipStatus::Member,
        _ => MembershipStatus::Pending,
    }
}

pub fn to_wire(row: TeamRow) -> Team {
    Team {
        id: row.id,
        name: row.name,
        field: row.field,
        description: row.description,
        site: SiteRef {
            id: row.site_id,
            name: row.site_name,
        },
        leader_name: row.leader_name,
        member_count: row.member_count.clamp(0, u32::MAX as i64) as u32,
    }
}
