//! The roster of an activity, for those who run it (staff of its site, its team's leader,
//! administrators): as JSON, as CSV for Excel, and marking no-shows.

use axum::extract::State;
use axum::Json;
use station_wire::accounts::{mask_phone, AccountSummary};
use station_wire::page::List;
use station_wire::signups::{RosterEntry, Signup, SignupStatus};

use super::{activity_or_404, signup_or_404, status_from_db, to_wire};
use crate::api::audit::Log;
use crate::api::extract::PathId;
use crate::auth::policy::{self, StaffScope};
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::activities::ActivityRow;
use crate::store::signups::{self, RosterRow};

/// The activity's sign-ups: places first, then the waitlist in order. Phones are whole only
/// for the viewer's own, for residents of sites the viewer is staff of, and for the leader of
/// the activity's team (who calls the people signed up).
#[utoipa::path(get, path = "/api/v1/activities/{id}/signups", tag = "signups",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The activity's id")),
    responses(
        (status = 200, description = "The roster", body = List<RosterEntry>),
        crate::api::openapi::Unauthorized,
        (status = 403, description = "Not staff of the activity's site, its team's leader or an administrator", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::NoSuchActivity,
    ))]
pub async fn roster(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<Json<List<RosterEntry>>, ApiError> {
    let (activity, rows) = allowed_roster(&state, &user, id).await?;
    let stored = crate::api::hours::by_signup(
        crate::store::hours::of_activity(state.store.pool(), id).await?,
    );
    let now = state.time.now_unix();
    let scope = StaffScope::of(state.store.pool(), &user).await?;
    // The leader of the activity's team calls the people signed up for it.
    let leads = match activity.team_id {
        Some(team) => policy::leads_team(state.store.pool(), &user, team).await?,
        None => false,
    };
    let items = rows
        .into_iter()
        .map(|row| {
            let phone = if leads
                || policy::sees_phone(&scope, &user, row.signup.account_id, row.home_site_id)
            {
                row.phone
            } else {
                mask_phone(&row.phone)
            };
            let hours = crate::api::hours::effective(
                stored.get(&row.signup.id),
                &row.signup,
                &activity,
                now,
            );
            RosterEntry {
                account: AccountSummary {
                    id: row.signup.account_id,
                    display_name: row.display_name,
                    phone,
                },
                signup: to_wire(row.signup, &state.time),
                hours,
                made_by: row.made_by_name,
            }
        })
        .collect();
    Ok(Json(List { items }))
}

/// The roster as CSV (UTF-8 with a BOM, so Excel reads the Chinese): 姓名, 手机号 (masked as in
/// the JSON roster), 状态, 候补位次, 签到时间.
#[utoipa::path(get, path = "/api/v1/activities/{id}/signups.csv", tag = "signups",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The activity's id")),
    responses(
        (status = 200, description = "The roster as CSV", content_type = "text/csv; charset=utf-8", body = String),
        crate::api::openapi::Unauthorized,
        (status = 403, description = "As for the JSON roster", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::NoSuchActivity,
    ))]
pub async fn roster_csv(
    state: State<AppState>,
    user: AuthUser,
    id: PathId,
) -> Result<axum::response::Response, ApiError> {
    let activity_id = id.0;
    let Json(List { items }) = roster(state.clone(), user, id).await?;
    let rows = items.into_iter().map(|entry| {
        let position = entry
            .signup
            .waitlist_position
            .map(|position| position.to_string())
            .unwrap_or_default();
        let checked_in = entry
            .signup
            .checked_in_at
            .map(|at| at.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default();
        vec![
            entry.account.display_name,
            entry.account.phone,
            status_label(entry.signup.status).to_owned(),
            position,
            checked_in,
        ]
    });
    crate::api::csv::file(
        &format!("activity-{activity_id}-roster.csv"),
        &["姓名", "手机号", "状态", "候补位次", "签到时间"],
        rows,
    )
}

fn status_label(status: SignupStatus) -> &'static str {
    match status {
        SignupStatus::Confirmed => "已报名",
        SignupStatus::Waitlisted => "候补",
        SignupStatus::Cancelled => "已取消",
        SignupStatus::Attended => "已签到",
        SignupStatus::NoShow => "缺席",
    }
}

async fn allowed_roster(
    state: &AppState,
    user: &AuthUser,
    id: i64,
) -> Result<(ActivityRow, Vec<RosterRow>), ApiError> {
    let pool = state.store.pool();
    let activity = activity_or_404(state, id).await?;
    policy::require(
        policy::can_manage_activity(pool, user, &activity).await?,
        "staff of the activity's site or its team's leader",
    )?;
    let rows = signups::roster(pool, id).await?;
    Ok((activity, rows))
}

/// Mark a confirmed volunteer absent, once the activity has started.
#[utoipa::path(post, path = "/api/v1/signups/{id}/no-show", tag = "signups",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The sign-up's id")),
    responses(
        (status = 200, description = "The sign-up, now `no_show`", body = Signup),
        crate::api::openapi::Unauthorized,
        (status = 403, description = "Not staff of the activity's site, its team's leader or an administrator", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such sign-up", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`conflict`: the activity has not started, or the sign-up holds no confirmed place", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn no_show(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<Json<Signup>, ApiError> {
    let pool = state.store.pool();
    let now = state.time.now_unix();
    let signup = signup_or_404(&state, id).await?;
    let activity = activity_or_404(&state, signup.activity_id).await?;
    policy::require(
        policy::can_manage_activity(pool, &user, &activity).await?,
        "staff of the activity's site or its team's leader",
    )?;
    if activity.starts_at > now {
        return Err(ApiError::Conflict(
            "No-shows are marked once the activity has started.".into(),
        ));
    }
    if !signups::mark_no_show(pool, id, now).await? {
        return Err(ApiError::Conflict(format!(
            "Only a confirmed place can be marked absent; this sign-up is {:?}.",
            status_from_db(&signup.status)
        )));
    }
    let signup = to_wire(signup_or_404(&state, id).await?, &state.time);
    Log::new(
        &state,
        &user,
        Some(activity.site_id),
        "signup.no_show",
        format!("signup:{id}"),
    )
    .after(&signup)
    .save()
    .await?;
    Ok(Json(signup))
}
