//! Joining a team and its members: a volunteer asks, the leader or staff approve or decline; a
//! member leaves; the leader or staff remove a member, or make one the leader.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use station_wire::accounts::{mask_phone, AccountSummary};
use station_wire::page::List;
use station_wire::teams::{MembershipStatus, MyTeam, Team, TeamMember};

use super::{status_from_db, team_or_404, to_wire};
use crate::api::audit::Log;
use crate::api::extract::{PathId, PathIds};
use crate::auth::policy::{self, StaffScope};
use crate::auth::AuthUser;
use crate::error::{ApiError, Refusal, ResultExt};
use crate::state::AppState;
use crate::store::teams::{self, LeaderChange, TeamRow};

/// Ask to join the team.
#[utoipa::path(post, path = "/api/v1/teams/{id}/members", tag = "teams",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The team's id")),
    responses(
        (status = 201, description = "The request, `pending`", body = MyTeam),
        crate::api::openapi::Unauthorized,
        crate::api::openapi::NoSuchTeam,
        (status = 409, description = "`conflict`: already a member, the leader, or asked already", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn join(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<(StatusCode, Json<MyTeam>), ApiError> {
    let team = team_or_404(&state, id).await?;
    if team.leader_account_id == Some(user.account_id) {
        return Err(ApiError::refused(Refusal::LeadsTeam, "You lead this team."));
    }
    teams::request_to_join(
        state.store.pool(),
        id,
        user.account_id,
        state.time.now_unix(),
    )
    .await
    .on_constraint("team_members_pkey", |_| {
        ApiError::refused(
            Refusal::AlreadyInTeam,
            "You are a member of this team or have asked to join already.",
        )
    })?;
    Ok((
        StatusCode::CREATED,
        Json(MyTeam {
            team: to_wire(team),
            status: MembershipStatus::Pending,
        }),
    ))
}

/// Members and join requests (pending first), for the leader and staff.
#[utoipa::path(get, path = "/api/v1/teams/{id}/members", tag = "teams",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The team's id")),
    responses(
        (status = 200, description = "Requests and members; phones whole for staff of the member's site, and for the team's leader those of its members; masked otherwise", body = List<TeamMember>),
        crate::api::openapi::Unauthorized,
        crate::api::openapi::NotTeamManager,
        crate::api::openapi::NoSuchTeam,
    ))]
pub async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<Json<List<TeamMember>>, ApiError> {
    manageable(&state, &user, id).await?;
    let pool = state.store.pool();
    let scope = StaffScope::of(pool, &user).await?;
    let leads = policy::leads_team(pool, &user, id).await?;
    let items = teams::members(pool, id)
        .await?
        .into_iter()
        .map(|row| {
            let status = status_from_db(&row.status);
            // The leader calls the team's members (not those who only asked to join).
            let phone = if (leads && status != MembershipStatus::Pending)
                || policy::sees_phone(&scope, &user, row.account_id, row.home_site_id)
            {
                row.phone
            } else {
                mask_phone(&row.phone)
            };
            TeamMember {
                account: AccountSummary {
                    id: row.account_id,
                    display_name: row.display_name,
                    phone,
                },
                status,
                requested_at: state.time.to_wire(row.requested_at),
            }
        })
        .collect();
    Ok(Json(List { items }))
}

/// Approve a join request.
#[utoipa::path(post, path = "/api/v1/teams/{id}/members/{account_id}/approve", tag = "teams",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The team's id"), ("account_id" = i64, Path, description = "Who asked")),
    responses(
        (status = 204, description = "A member now"),
        crate::api::openapi::Unauthorized,
        crate::api::openapi::NotTeamManager,
        (status = 404, description = "No such team or no pending request", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn approve(
    State(state): State<AppState>,
    user: AuthUser,
    PathIds(id, account_id): PathIds,
) -> Result<StatusCode, ApiError> {
    let team = manageable(&state, &user, id).await?;
    let now = state.time.now_unix();
    let done = teams::decide(state.store.pool(), id, account_id, true, now).await?;
    member_write(&state, &user, &team, account_id, "team.approve", done).await
}

/// Decline a join request.
#[utoipa::path(post, path = "/api/v1/teams/{id}/members/{account_id}/decline", tag = "teams",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The team's id"), ("account_id" = i64, Path, description = "Who asked")),
    responses(
        (status = 204, description = "The request is gone"),
        crate::api::openapi::Unauthorized,
        crate::api::openapi::NotTeamManager,
        (status = 404, description = "No such team or no pending request", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn decline(
    State(state): State<AppState>,
    user: AuthUser,
    PathIds(id, account_id): PathIds,
) -> Result<StatusCode, ApiError> {
    let team = manageable(&state, &user, id).await?;
    let now = state.time.now_unix();
    let done = teams::decide(state.store.pool(), id, account_id, false, now).await?;
    member_write(&state, &user, &team, account_id, "team.decline", done).await
}

/// Leave the team (or withdraw one's request).
#[utoipa::path(delete, path = "/api/v1/teams/{id}/members/me", tag = "teams",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The team's id")),
    responses(
        (status = 204, description = "Left"),
        crate::api::openapi::Unauthorized,
        (status = 404, description = "No such team, or not a member", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`conflict`: the leader cannot leave; they hand the team over to a member first", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn leave(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<StatusCode, ApiError> {
    let team = team_or_404(&state, id).await?;
    if team.leader_account_id == Some(user.account_id) {
        // A team is never left without a leader: the leader hands it over first.
        return Err(ApiError::refused(
            Refusal::LeadsTeam,
            "You lead this team: hand it over to a member first (or ask staff of its site to).",
        ));
    }
    found(teams::remove(state.store.pool(), id, user.account_id).await?)
}

/// Make a member the team's leader (the leader hands over, or staff appoint); the former leader
/// stays on as a member.
#[utoipa::path(post, path = "/api/v1/teams/{id}/members/{account_id}/lead", tag = "teams",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The team's id"), ("account_id" = i64, Path, description = "The member who will lead")),
    responses(
        (status = 200, description = "The team with its new leader", body = Team),
        crate::api::openapi::Unauthorized,
        crate::api::openapi::NotTeamManager,
        crate::api::openapi::NoSuchTeam,
        (status = 409, description = "`conflict`: not a member of the team (approve the request first), or the leader changed meanwhile", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn make_leader(
    State(state): State<AppState>,
    user: AuthUser,
    PathIds(id, account_id): PathIds,
) -> Result<Json<Team>, ApiError> {
    let team = manageable(&state, &user, id).await?;
    let pool = state.store.pool();
    match teams::make_leader(pool, id, account_id, state.time.now_unix()).await? {
        LeaderChange::Done => {
            let after = to_wire(team_or_404(&state, id).await?);
            Log::new(
                &state,
                &user,
                Some(team.site_id),
                "team.lead",
                member(id, account_id),
            )
            .before(&to_wire(team))
            .after(&after)
            .save()
            .await?;
            Ok(Json(after))
        }
        LeaderChange::NotAMember => Err(ApiError::refused(
            Refusal::NotAMember,
            "Only a member of the team can lead it; approve their request first.",
        )),
        LeaderChange::Raced => Err(ApiError::refused(
            Refusal::LeaderChanged,
            "The team's leader changed meanwhile; look again and retry.",
        )),
    }
}

/// Remove a member (the leader or staff).
#[utoipa::path(delete, path = "/api/v1/teams/{id}/members/{account_id}", tag = "teams",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The team's id"), ("account_id" = i64, Path, description = "The member")),
    responses(
        (status = 204, description = "Removed"),
        crate::api::openapi::Unauthorized,
        crate::api::openapi::NotTeamManager,
        (status = 404, description = "No such team or member", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn remove(
    State(state): State<AppState>,
    user: AuthUser,
    PathIds(id, account_id): PathIds,
) -> Result<StatusCode, ApiError> {
    let team = manageable(&state, &user, id).await?;
    let done = teams::remove(state.store.pool(), id, account_id).await?;
    member_write(&state, &user, &team, account_id, "team.remove", done).await
}

async fn manageable(state: &AppState, user: &AuthUser, id: i64) -> Result<TeamRow, ApiError> {
    let team = team_or_404(state, id).await?;
    policy::require(
        policy::can_manage_team(state.store.pool(), user, team.id, team.site_id).await?,
        "the team's leader or staff of its site",
    )?;
    Ok(team)
}

fn member(team: i64, account: i64) -> String {
    format!("team:{team}/member:{account}")
}

/// A decision on a membership by its leader or staff: recorded when it was made.
async fn member_write(
    state: &AppState,
    user: &AuthUser,
    team: &TeamRow,
    account_id: i64,
    action: &str,
    done: bool,
) -> Result<StatusCode, ApiError> {
    if done {
        Log::new(
            state,
            user,
            Some(team.site_id),
            action,
            member(team.id, account_id),
        )
        .save()
        .await?;
    }
    found(done)
}

fn found(done: bool) -> Result<StatusCode, ApiError> {
    if done {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("The membership or request"))
    }
}
