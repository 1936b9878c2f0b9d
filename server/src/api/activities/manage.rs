//! Publishing from the console: staff of a site create activities (drafts until published),
//! edit, duplicate (next week's same activity is the common case), cancel with a reason, and
//! delete while nobody has signed up.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use station_wire::activities::{
    Activity, ActivityInput, CancelActivity, DuplicateActivity, CANCEL_REASON_MAX_CHARS,
    CAPACITY_MAX, DESCRIPTION_MAX_CHARS, PLACE_MAX_CHARS, TITLE_MAX_CHARS,
};
use station_wire::problem::codes;

use super::to_wire;
use crate::api::audit::Log;
use crate::api::extract::{JsonBody, PathId};
use crate::api::openapi::{Invalid, NoSuchActivity, Unauthorized};
use crate::api::text;
use crate::auth::{policy, AuthUser};
use crate::error::{ApiError, FieldErrors, Refusal, ResultExt};
use crate::state::AppState;
use crate::store::activities::{self, ActivityFields, ActivityRow};
use crate::store::{categories, signups, sites, teams};

/// `403` for staff of another site.
#[derive(utoipa::IntoResponses)]
#[response(
    status = 403,
    description = "Not staff of the activity's site (nor of the site it would move to) nor an administrator",
    content_type = "application/problem+json"
)]
pub struct NotStaffOfSite(#[allow(dead_code)] station_wire::problem::Problem);

const INVALID_FIELDS: &str = "`title`, `place` (required, too_long), `description`, `target_group` (too_long), `capacity` (out_of_range: 1–10000)";
const UNFIT_FIELDS: &str = "`category`, `site_id`, `team_id` (unknown; not_allowed_here: a team of a site the author does not run), `ends_at` (out_of_range: not after the start), `signup_deadline` (out_of_range: after the start), `capacity` (below_confirmed), `team_id` (required with `team_only`)";

/// Create an activity: a draft (seen only by staff of its site) unless `publish` is set.
#[utoipa::path(post, path = "/api/v1/activities", tag = "activities",
    request_body = ActivityInput,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The activity, `draft` or published", body = Activity),
        (status = 400, description = INVALID_FIELDS, body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = UNFIT_FIELDS, body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized,
        NotStaffOfSite,
    ))]
pub async fn create_activity(
    State(state): State<AppState>,
    user: AuthUser,
    JsonBody(input): JsonBody<ActivityInput>,
) -> Result<(StatusCode, Json<Activity>), ApiError> {
    require_staff(&state, &user, input.site_id).await?;
    let fields = validate(&state, &user, &input).await?;
    let now = state.time.now_unix();
    let id = activities::create(
        state.store.pool(),
        &fields,
        now,
        input.publish.then_some(now),
    )
    .await?;
    let created = read(&state, id).await?;
    Log::new(
        &state,
        &user,
        Some(input.site_id),
        "activity.create",
        subject(id),
    )
    .after(&created)
    .save()
    .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Replace what an activity says. Places can be lowered only down to the confirmed sign-ups;
/// places added go to the waitlist first, in order. A cancelled activity cannot be edited.
#[utoipa::path(put, path = "/api/v1/activities/{id}", tag = "activities",
    params(("id" = i64, Path, description = "The activity's id")),
    request_body = ActivityInput,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The activity as it is now", body = Activity),
        (status = 400, description = INVALID_FIELDS, body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = UNFIT_FIELDS, body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized,
        NotStaffOfSite,
        NoSuchActivity,
        (status = 409, description = "`activity-cancelled`; `activity-started`: once begun, its times and places cannot change", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_activity(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(input): JsonBody<ActivityInput>,
) -> Result<Json<Activity>, ApiError> {
    let current = managed(&state, &user, id).await?;
    if input.site_id != current.site_id {
        require_staff(&state, &user, input.site_id).await?;
    }
    let fields = validate(&state, &user, &input).await?;
    let now = state.time.now_unix();
    // Once it has begun, its times and places are history (hours are counted from them).
    let reshaped = fields.starts_at != current.starts_at
        || fields.ends_at != current.ends_at
        || fields.capacity != current.capacity;
    if current.starts_at <= now && reshaped {
        return Err(ApiError::refused(
            Refusal::ActivityStarted,
            "The activity has begun: its times and places can no longer change.",
        ));
    }
    let mut tx = crate::store::begin_write(state.store.pool()).await?;
    // The update is the transaction's first write: sign-ups of this activity wait for it.
    let updated = activities::update(&mut *tx, id, &fields, state.time.now_unix())
        .await
        .on_constraint("activities_places_within_capacity", |_| {
            ApiError::invalid(
                "capacity",
                codes::BELOW_CONFIRMED,
                "More people have a confirmed place than that; places cannot go below them.",
            )
        })?;
    if !updated {
        return Err(cancelled());
    }
    signups::fill_from_waitlist(&mut tx, id, now).await?;
    tx.commit().await?;
    let updated = read(&state, id).await?;
    let site = Some(current.site_id);
    Log::new(&state, &user, site, "activity.update", subject(id))
        .before(&to_wire(current, &state.time, now))
        .after(&updated)
        .save()
        .await?;
    Ok(Json(updated))
}

/// Publish a draft: it joins the calendar and takes sign-ups. Publishing again changes nothing.
#[utoipa::path(post, path = "/api/v1/activities/{id}/publish", tag = "activities",
    params(("id" = i64, Path, description = "The activity's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The activity, published", body = Activity),
        Invalid, Unauthorized, NotStaffOfSite, NoSuchActivity,
        (status = 409, description = "`activity-cancelled`: a cancelled activity is not published", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn publish_activity(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<Json<Activity>, ApiError> {
    let activity = managed(&state, &user, id).await?;
    if activity.cancelled_at.is_some() {
        return Err(cancelled());
    }
    activities::publish(state.store.pool(), id, state.time.now_unix()).await?;
    let published = read(&state, id).await?;
    // Publishing again changes nothing, and records nothing.
    if activity.published_at.is_none() {
        let site = Some(activity.site_id);
        Log::new(&state, &user, site, "activity.publish", subject(id))
            .after(&published)
            .save()
            .await?;
    }
    Ok(Json(published))
}

/// Cancel with a reason, which the signed-up volunteers read on the activity and on 我的.
/// Cancelling again changes nothing (the first reason stays).
#[utoipa::path(post, path = "/api/v1/activities/{id}/cancel", tag = "activities",
    params(("id" = i64, Path, description = "The activity's id")),
    request_body = CancelActivity,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The activity, `cancelled`, with `cancel_reason`", body = Activity),
        (status = 400, description = "`reason` (required, too_long); or a path id that is not a whole number", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized, NotStaffOfSite, NoSuchActivity,
    ))]
pub async fn cancel_activity(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(request): JsonBody<CancelActivity>,
) -> Result<Json<Activity>, ApiError> {
    let current = managed(&state, &user, id).await?;
    let mut errors = FieldErrors::default();
    let reason = text::required(
        &mut errors,
        "reason",
        &request.reason,
        CANCEL_REASON_MAX_CHARS,
    );
    errors.into_result()?;
    activities::cancel(state.store.pool(), id, reason, state.time.now_unix()).await?;
    let cancelled = read(&state, id).await?;
    // Cancelling again changes nothing (the first reason stays), and records nothing.
    if current.cancelled_at.is_none() {
        let site = Some(current.site_id);
        let before = to_wire(current, &state.time, state.time.now_unix());
        Log::new(&state, &user, site, "activity.cancel", subject(id))
            .before(&before)
            .after(&cancelled)
            .save()
            .await?;
    }
    Ok(Json(cancelled))
}

/// Copy an activity as a new draft: by default one week later, else starting at `starts_at`
/// (the duration and the deadline's distance to the start are kept). The copy of an activity
/// whose team has been archived since is the site's own.
#[utoipa::path(post, path = "/api/v1/activities/{id}/duplicate", tag = "activities",
    params(("id" = i64, Path, description = "The activity to copy")),
    request_body = DuplicateActivity,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The copy, a `draft`", body = Activity),
        Invalid, Unauthorized, NotStaffOfSite, NoSuchActivity,
    ))]
pub async fn duplicate_activity(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(request): JsonBody<DuplicateActivity>,
) -> Result<(StatusCode, Json<Activity>), ApiError> {
    let source = managed(&state, &user, id).await?;
    let shift = match request.starts_at {
        Some(starts_at) => starts_at.timestamp() - source.starts_at,
        None => 7 * 24 * 3600,
    };
    // An archived team runs nothing new: the copy is then the site's own.
    let team_id = match source.team_id {
        Some(team) => teams::by_id(state.store.pool(), team).await?.map(|_| team),
        None => None,
    };
    let fields = ActivityFields {
        site_id: source.site_id,
        team_id,
        category_slug: source.category_slug,
        title: source.title,
        description: source.description,
        place: source.place,
        starts_at: source.starts_at + shift,
        ends_at: source.ends_at + shift,
        capacity: source.capacity,
        signup_deadline: source.signup_deadline.map(|deadline| deadline + shift),
        target_group: source.target_group,
        team_only: team_id.is_some() && source.team_only != 0,
    };
    let copy = activities::create(state.store.pool(), &fields, state.time.now_unix(), None).await?;
    let created = read(&state, copy).await?;
    Log::new(
        &state,
        &user,
        Some(fields.site_id),
        "activity.duplicate",
        subject(copy),
    )
    .before(&serde_json::json!({ "copied_from": id }))
    .after(&created)
    .save()
    .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Delete an activity nobody has signed up for (a mistake, a test); otherwise cancel it.
#[utoipa::path(delete, path = "/api/v1/activities/{id}", tag = "activities",
    params(("id" = i64, Path, description = "The activity's id")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        Invalid, Unauthorized, NotStaffOfSite, NoSuchActivity,
        (status = 409, description = "`activity-has-signups`: somebody signed up; cancel it instead", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete_activity(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<StatusCode, ApiError> {
    let current = managed(&state, &user, id).await?;
    if activities::delete_unused(state.store.pool(), id).await? {
        let site = Some(current.site_id);
        let before = to_wire(current, &state.time, state.time.now_unix());
        Log::new(&state, &user, site, "activity.delete", subject(id))
            .before(&before)
            .save()
            .await?;
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::refused(
            Refusal::ActivityHasSignups,
            "Somebody has signed up for this activity; cancel it instead.",
        ))
    }
}

async fn require_staff(state: &AppState, user: &AuthUser, site_id: i64) -> Result<(), ApiError> {
    policy::require(
        policy::is_staff_of(state.store.pool(), user, site_id).await?,
        "staff of the activity's site or administrators",
    )
}

/// The activity, when the user is staff of its site.
async fn managed(state: &AppState, user: &AuthUser, id: i64) -> Result<ActivityRow, ApiError> {
    let row = activities::by_id(state.store.pool(), id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("Activity {id}")))?;
    require_staff(state, user, row.site_id).await?;
    Ok(row)
}

async fn read(state: &AppState, id: i64) -> Result<Activity, ApiError> {
    let row = activities::by_id(state.store.pool(), id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("Activity {id}")))?;
    Ok(to_wire(row, &state.time, state.time.now_unix()))
}

fn subject(id: i64) -> String {
    format!("activity:{id}")
}

fn cancelled() -> ApiError {
    ApiError::refused(
        Refusal::ActivityCancelled,
        "This activity was cancelled; it can no longer be edited.",
    )
}

/// Every bad field named at once; text trimmed.
async fn validate(
    state: &AppState,
    user: &AuthUser,
    input: &ActivityInput,
) -> Result<ActivityFields, ApiError> {
    let pool = state.store.pool();
    let mut errors = FieldErrors::default();
    let title = text::required(&mut errors, "title", &input.title, TITLE_MAX_CHARS);
    let place = text::required(&mut errors, "place", &input.place, PLACE_MAX_CHARS);
    let description = text::optional(
        &mut errors,
        "description",
        &input.description,
        DESCRIPTION_MAX_CHARS,
    );
    let target_group = input
        .target_group
        .as_deref()
        .map(|group| text::optional(&mut errors, "target_group", group, PLACE_MAX_CHARS))
        .filter(|group| !group.is_empty());
    if !categories::exists(pool, &input.category).await? {
        errors.add("category", codes::UNKNOWN, "No such category.");
    }
    let site = sites::by_id(pool, input.site_id).await?;
    if site.is_none_or(|site| site.archived_at.is_some()) {
        errors.add("site_id", codes::UNKNOWN, "No such site.");
    }
    match input.team_id {
        Some(team) => match teams::by_id(pool, team).await? {
            None => errors.add("team_id", codes::UNKNOWN, "No such team."),
            // Its leader will run the activity: only a team of a site the author runs.
            Some(team) if !policy::is_staff_of(pool, user, team.site_id).await? => errors.add(
                "team_id",
                codes::NOT_ALLOWED_HERE,
                "Only a team of a site you run can run this activity.",
            ),
            Some(_) => {}
        },
        None if input.team_only => {
            errors.add_given_state(
                "team_id",
                codes::REQUIRED,
                "An activity only for a team's members names the team.",
            );
        }
        None => {}
    }
    let starts_at = input.starts_at.timestamp();
    let ends_at = input.ends_at.timestamp();
    if ends_at <= starts_at {
        errors.add_given_state(
            "ends_at",
            codes::OUT_OF_RANGE,
            "The end must come after the start.",
        );
    }
    let signup_deadline = input.signup_deadline.map(|deadline| deadline.timestamp());
    if signup_deadline.is_some_and(|deadline| deadline > starts_at) {
        errors.add_given_state(
            "signup_deadline",
            codes::OUT_OF_RANGE,
            "Sign-ups must close no later than the start.",
        );
    }
    if input.capacity == 0 || input.capacity > CAPACITY_MAX {
        errors.add(
            "capacity",
            codes::OUT_OF_RANGE,
            format!("Between 1 and {CAPACITY_MAX} places."),
        );
    }
    errors.into_result()?;
    Ok(ActivityFields {
        site_id: input.site_id,
        team_id: input.team_id,
        category_slug: input.category.clone(),
        title: title.to_owned(),
        description: description.to_owned(),
        place: place.to_owned(),
        starts_at,
        ends_at,
        capacity: i64::from(input.capacity),
        signup_deadline,
        target_group: target_group.map(str::to_owned),
        team_only: input.team_only,
    })
}
