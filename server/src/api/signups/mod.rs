//! Sign-ups (报名): take a place or join the waitlist, cancel, "my sign-ups"; the roster for
//! those who run the activity ([`roster`]); staff signing up a resident ([`on_behalf`]). (An
//! activity's `.ics` lives with the calendar feeds, `api::feeds`.)

pub mod on_behalf;
pub mod roster;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use station_wire::page::List;
use station_wire::signups::{MySignup, Signup, SignupStatus};

use super::activities::to_wire as activity_to_wire;
use super::extract::PathId;
use crate::auth::AuthUser;
use crate::clock::StationTime;
use crate::error::{ApiError, Refusal, ResultExt};
use crate::state::AppState;
use crate::store::activities::{self, ActivityRow};
use crate::store::signups::{self, Cancelled, SignupRow};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_up, roster::roster))
        .routes(routes!(cancel))
        .routes(routes!(on_behalf::sign_up_on_behalf))
        .routes(routes!(on_behalf::cancel_on_behalf))
        .routes(routes!(roster::roster_csv))
        .routes(routes!(roster::no_show))
        .routes(routes!(my_signups))
}

/// Sign up: a place while places remain, else the waitlist with a position.
#[utoipa::path(post, path = "/api/v1/activities/{id}/signups", tag = "signups",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The activity's id")),
    responses(
        (status = 201, description = "`confirmed`, or `waitlisted` with `waitlist_position`", body = Signup),
        crate::api::openapi::Unauthorized,
        (status = 403, description = "`team-only`: the activity is for its team's members", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::NoSuchActivity,
        (status = 409, description = "`already-signed-up`, `signup-closed` (deadline passed, started or finished) or `activity-cancelled`", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn sign_up(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<(StatusCode, Json<Signup>), ApiError> {
    // A draft is not there for volunteers yet (staff of its site neither sign up for it).
    let activity = visible_activity_or_404(&state, None, id).await?;
    let signup = admit(&state, &activity, user.account_id, None).await?;
    Ok((StatusCode::CREATED, Json(to_wire(signup, &state.time))))
}

/// Signs `account_id` up for the activity (by `made_by` on their behalf), when it takes
/// sign-ups and admits them: a place while places remain, else the waitlist.
pub async fn admit(
    state: &AppState,
    activity: &ActivityRow,
    account_id: i64,
    made_by: Option<i64>,
) -> Result<SignupRow, ApiError> {
    let pool = state.store.pool();
    let now = state.time.now_unix();
    let id = activity.id;
    // Only staff of its site see a draft, and even they sign nobody up before it is published.
    if activity.published_at.is_none() {
        return Err(ApiError::refused(
            Refusal::SignupClosed,
            "This activity is a draft: it takes sign-ups once it is published.",
        ));
    }
    if activity.cancelled_at.is_some() {
        return Err(ApiError::refused(
            Refusal::ActivityCancelled,
            "This activity was cancelled.",
        ));
    }
    if activity.starts_at <= now
        || activity
            .signup_deadline
            .is_some_and(|deadline| deadline <= now)
    {
        return Err(ApiError::refused(
            Refusal::SignupClosed,
            "Sign-ups for this activity have closed.",
        ));
    }
    if activity.team_only != 0 {
        let member = match activity.team_id {
            Some(team) => signups::is_team_member(pool, team, account_id).await?,
            None => false,
        };
        if !member {
            return Err(ApiError::refused(
                Refusal::TeamOnly,
                "Only members of the team may sign up.",
            ));
        }
    }
    let signup_id = signups::sign_up(pool, id, account_id, made_by, now)
        .await
        .map_err(|error| match error {
            // Deleted between the look above and the sign-up.
            sqlx::Error::RowNotFound => ApiError::not_found(format!("Activity {id}")),
            other => ApiError::from(other),
        })
        .on_constraint("signups_one_active_per_account", |_| {
            ApiError::refused(
                Refusal::AlreadySignedUp,
                "This account has already signed up for this activity.",
            )
        })?;
    signup_or_404(state, signup_id).await
}

/// Cancel one's sign-up, until the activity starts. A freed place goes to the first waitlisted.
#[utoipa::path(delete, path = "/api/v1/activities/{id}/signups/me", tag = "signups",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The activity's id")),
    responses(
        (status = 200, description = "The sign-up, now `cancelled`", body = Signup),
        crate::api::openapi::Unauthorized,
        (status = 404, description = "No such activity, or `not-signed-up`", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`cancel-too-late`: the activity has started", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn cancel(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<Json<Signup>, ApiError> {
    visible_activity_or_404(&state, Some(&user), id).await?;
    withdraw(&state, id, user.account_id, None).await.map(Json)
}

/// Cancels `account_id`'s sign-up (by `cancelled_by` on their behalf), until the activity
/// starts; a freed place goes to the first waitlisted.
pub async fn withdraw(
    state: &AppState,
    id: i64,
    account_id: i64,
    cancelled_by: Option<i64>,
) -> Result<Signup, ApiError> {
    let now = state.time.now_unix();
    match signups::cancel(state.store.pool(), id, account_id, cancelled_by, now).await? {
        Cancelled::Done(signup_id) => {
            let signup = signup_or_404(state, signup_id).await?;
            Ok(to_wire(signup, &state.time))
        }
        Cancelled::NotSignedUp => Err(ApiError::refused(
            Refusal::NotSignedUp,
            "There is no sign-up of this account for this activity.",
        )),
        Cancelled::TooLate => Err(ApiError::refused(
            Refusal::CancelTooLate,
            "The activity has started; it can no longer be cancelled.",
        )),
    }
}

/// One's sign-ups (not cancelled) with their activities: upcoming first (soonest first), then
/// past ones (latest first) with their hours.
#[utoipa::path(get, path = "/api/v1/me/signups", tag = "signups",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Upcoming, then past", body = List<MySignup>),
        crate::api::openapi::Unauthorized,
    ))]
pub async fn my_signups(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<List<MySignup>>, ApiError> {
    let items = signups_of(&state, user.account_id, false).await?;
    Ok(Json(List { items }))
}

/// The account's sign-ups with their activities and hours, in the order of `GET /me/signups`;
/// the cancelled ones too when `with_cancelled` (the person's own copy of their data).
pub async fn signups_of(
    state: &AppState,
    account_id: i64,
    with_cancelled: bool,
) -> Result<Vec<MySignup>, ApiError> {
    let pool = state.store.pool();
    let rows = signups::of_account(pool, account_id, with_cancelled).await?;
    let activities = activities::signed_up_by(pool, account_id, with_cancelled).await?;
    let now = state.time.now_unix();
    let stored = super::hours::by_signup(crate::store::hours::of_account(pool, account_id).await?);
    let mut items: Vec<(bool, i64, MySignup)> = rows
        .into_iter()
        .filter_map(|row| {
            let activity = activities.iter().find(|a| a.id == row.activity_id)?.clone();
            let ended = activity.ends_at <= now;
            // Upcoming: soonest first; past: latest first.
            let key = if ended {
                -activity.starts_at
            } else {
                activity.starts_at
            };
            let hours = super::hours::effective(stored.get(&row.id), &row, &activity, now);
            Some((
                ended,
                key,
                MySignup {
                    signup: to_wire(row, &state.time),
                    activity: activity_to_wire(activity, &state.time, now),
                    hours,
                },
            ))
        })
        .collect();
    items.sort_by_key(|(ended, key, _)| (*ended, *key));
    Ok(items.into_iter().map(|(_, _, item)| item).collect())
}

/// The activity as a volunteer or the public may see it: a draft is not there (404) except for
/// staff of its site.
pub async fn visible_activity_or_404(
    state: &AppState,
    user: Option<&AuthUser>,
    id: i64,
) -> Result<ActivityRow, ApiError> {
    let activity = activity_or_404(state, id).await?;
    if activity.published_at.is_none() {
        let staff = match user {
            Some(user) => {
                crate::auth::policy::is_staff_of(state.store.pool(), user, activity.site_id).await?
            }
            None => false,
        };
        if !staff {
            return Err(ApiError::not_found(format!("Activity {id}")));
        }
    }
    Ok(activity)
}

pub async fn activity_or_404(state: &AppState, id: i64) -> Result<ActivityRow, ApiError> {
    activities::by_id(state.store.pool(), id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("Activity {id}")))
}

pub async fn signup_or_404(state: &AppState, id: i64) -> Result<SignupRow, ApiError> {
    signups::by_id(state.store.pool(), id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("Sign-up {id}")))
}

pub fn status_from_db(status: &str) -> SignupStatus {
    match status {
        "confirmed" => SignupStatus::Confirmed,
        "waitlisted" => SignupStatus::Waitlisted,
        "attended" => SignupStatus::Attended,
        "no_show" => SignupStatus::NoShow,
        // The schema's CHECK admits only these five.
        _ => SignupStatus::Cancelled,
    }
}

pub fn to_wire(row: SignupRow, time: &StationTime) -> Signup {
    Signup {
        id: row.id,
        activity_id: row.activity_id,
        account_id: row.account_id,
        status: status_from_db(&row.status),
        waitlist_position: row
            .waitlist_position
            .map(|position| position.clamp(0, u32::MAX as i64) as u32),
        created_at: time.to_wire(row.created_at),
        checked_in_at: row.checked_in_at.map(|at| time.to_wire(at)),
    }
}
