//! Publishing from the console: staff of a site create activities (drafts until published) —
//! one, or a series by a weekly or monthly rule —, edit (an occurrence alone or with the later
//! ones), duplicate (next week's same activity is the common case), cancel with a reason, and
//! delete while nobody has signed up. Whoever signed up is told when their activity moves or
//! is cancelled.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use station_wire::activities::{
    Activity, ActivityInput, CancelActivity, DuplicateActivity, CANCEL_REASON_MAX_CHARS,
    CAPACITY_MAX, DESCRIPTION_MAX_CHARS, PLACE_MAX_CHARS, TITLE_MAX_CHARS,
};
use station_wire::problem::codes;
use station_wire::series::{ApplyTo, Repeat, SERIES_MAX_DAYS, SERIES_MAX_INTERVAL};

use super::to_wire;
use crate::api::audit::Log;
use crate::api::extract::{JsonBody, PathId};
use crate::api::openapi::{Invalid, NoSuchActivity, Unauthorized};
use crate::api::text;
use crate::auth::{policy, AuthUser};
use crate::error::{ApiError, FieldErrors, Refusal, ResultExt};
use crate::state::AppState;
use crate::store::activities::{self, ActivityFields, ActivityRow, CancelScope, Occurrence};
use crate::store::notices::{self, ActivityChange};
use crate::store::series::{self, NewSeries};
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
const UNFIT_FIELDS: &str = "`category`, `site_id`, `team_id` (unknown; not_allowed_here: a team of a site the author does not run), `ends_at` (out_of_range: not after the start), `signup_deadline` (out_of_range: after the start), `capacity` (below_confirmed), `team_id` (required with `team_only`), `repeat.interval` (out_of_range: 1–12), `repeat.until` (out_of_range: before the start's day or more than 366 days after it)";

/// Create an activity: a draft (seen only by staff of its site) unless `publish` is set. With
/// `repeat`, a series: one activity per date of the rule, each with its own places and
/// sign-ups; the answer is the first.
#[utoipa::path(post, path = "/api/v1/activities", tag = "activities",
    request_body = ActivityInput,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The activity (a series' first), `draft` or published", body = Activity),
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
    let (fields, starts) = validate(&state, &user, &input).await?;
    let now = state.time.now_unix();
    let published_at = input.publish.then_some(now);
    let id = match (input.repeat, starts) {
        (Some(repeat), Some(starts)) => {
            create_series(&state, &user, &fields, repeat, &starts, published_at).await?
        }
        _ => activities::create(state.store.pool(), &fields, now, published_at, None).await?,
    };
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
/// Whoever signed up is told of a new time. With `apply_to: following`, an occurrence of a
/// series and every later one that has not begun change alike (each moved as far as this one);
/// from then on they are a series of their own.
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
    // A rule is for a new activity only.
    let input = ActivityInput {
        repeat: None,
        ..input
    };
    let (fields, _) = validate(&state, &user, &input).await?;
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
    let changed = match current.series_id {
        Some(series_id) if input.apply_to == ApplyTo::Following => {
            update_following(&state, &mut tx, series_id, id, &fields).await?
        }
        _ => {
            if !rewrite(&mut tx, &current, &fields, now).await? {
                return Err(cancelled());
            }
            // A series is one site's: an occurrence moved to another site leaves it (its date
            // becomes a skipped one of the rule).
            if current.series_id.is_some() && fields.site_id != current.site_id {
                series::place(&mut tx, id, None).await?;
            }
            vec![current]
        }
    };
    tx.commit().await?;
    for before in changed {
        let after = read(&state, before.id).await?;
        Log::new(
            &state,
            &user,
            Some(before.site_id),
            "activity.update",
            subject(before.id),
        )
        .before(&to_wire(before, &state.time, now))
        .after(&after)
        .save()
        .await?;
    }
    Ok(Json(read(&state, id).await?))
}

/// Publish a draft: it joins the calendar and takes sign-ups (an occurrence of a series, with
/// every draft of its series). Publishing again changes nothing.
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
    let now = state.time.now_unix();
    match activity.series_id {
        // A series goes on the calendar together.
        Some(series_id) => {
            series::publish(state.store.pool(), series_id, activity.site_id, now).await?
        }
        None => activities::publish(state.store.pool(), id, now).await?,
    }
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

/// Cancel with a reason, which the signed-up volunteers read on the activity and on 我的 and
/// are sent as a notice. Cancelling again changes nothing (the first reason stays). With
/// `apply_to: following`, an occurrence of a series and every later one not yet over.
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
    let now = state.time.now_unix();
    let scope = match (current.series_id, request.apply_to) {
        (Some(series_id), ApplyTo::Following) => CancelScope::Following {
            id,
            series_id,
            site_id: current.site_id,
        },
        _ => CancelScope::One(id),
    };
    // Cancelling again changes nothing (the first reason stays), and records nothing.
    let site = Some(current.site_id);
    for before in activities::cancel(state.store.pool(), scope, reason, now).await? {
        let done = before.id;
        Log::new(&state, &user, site, "activity.cancel", subject(done))
            .before(&to_wire(before, &state.time, now))
            .after(&read(&state, done).await?)
            .save()
            .await?;
    }
    Ok(Json(read(&state, id).await?))
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
    // The copy is an activity of its own, in no series.
    let copy = activities::create(
        state.store.pool(),
        &fields,
        state.time.now_unix(),
        None,
        None,
    )
    .await?;
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

/// Writes `fields` over `current`, fills places added from the waitlist and tells whoever
/// signed up of a new time; `false` when it was cancelled meanwhile.
async fn rewrite(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    current: &ActivityRow,
    fields: &ActivityFields,
    now: i64,
) -> Result<bool, ApiError> {
    // The update is the transaction's first write: sign-ups of this activity wait for it.
    let updated = activities::update(&mut **tx, current.id, fields, now)
        .await
        .on_constraint("activities_places_within_capacity", |_| {
            ApiError::invalid(
                "capacity",
                codes::BELOW_CONFIRMED,
                "More people have a confirmed place than that; places cannot go below them.",
            )
        })?;
    if !updated {
        return Ok(false);
    }
    signups::fill_from_waitlist(tx, current.id, now).await?;
    if fields.starts_at != current.starts_at || fields.ends_at != current.ends_at {
        notices::activity_changed(tx, current.id, ActivityChange::Moved, now).await?;
    }
    Ok(true)
}

/// `apply_to: following`: occurrence `id` and every later one of its series (of its site)
/// take `fields`; from `id` on they are a series of their own with `fields` as its template
/// (the same series when nothing comes before), its rule starting where `id`'s rule date moves
/// to. Each later occurrence goes to the date the new rule gives it in its place — the same
/// wall-clock time, the same day of the month — keeping its own distance from its rule date (a
/// moved one stays moved); one that has begun or was cancelled keeps its times. Runs under the
/// series' lock, on the rows as they are inside it; answers the occurrences changed, as they
/// were.
async fn update_following(
    state: &AppState,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    series_id: i64,
    id: i64,
    fields: &ActivityFields,
) -> Result<Vec<ActivityRow>, ApiError> {
    series::lock(tx, series_id).await?;
    let row = series::by_id(&mut **tx, series_id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("Series {series_id}")))?;
    let current = activities::by_id(&mut **tx, id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("Activity {id}")))?;
    if current.series_id != Some(series_id) {
        // Another edit took it out of this series meanwhile.
        return Err(cancelled());
    }
    let now = state.time.now_unix();
    let given = |occurrence: &ActivityRow| occurrence.recurrence_at.unwrap_or(occurrence.starts_at);
    let from = given(&current);
    let all: Vec<ActivityRow> = series::occurrences(&mut **tx, series_id)
        .await?
        .into_iter()
        .filter(|occurrence| occurrence.site_id == current.site_id)
        .collect();
    let (earlier, following): (Vec<&ActivityRow>, Vec<&ActivityRow>) =
        all.iter().partition(|occurrence| given(occurrence) < from);
    // The old rule's dates from `from` on, and the new rule's, one for one.
    let old_rule: Vec<i64> = super::series::starts_of(&state.time, &row)
        .into_iter()
        .filter(|start| *start >= from)
        .collect();
    let first = from + (fields.starts_at - current.starts_at);
    let freq = super::series::freq_of(&row);
    let interval = u32::try_from(row.interval_count).unwrap_or(1);
    let far = state.time.to_wire(first).date_naive() + chrono::Duration::days(2 * SERIES_MAX_DAYS);
    let new_rule = super::series::rule_starts(&state.time, first, freq, interval, far);
    let duration = fields.ends_at - fields.starts_at;
    let lead = fields
        .signup_deadline
        .map(|deadline| fields.starts_at - deadline);
    let template = |site_id| NewSeries {
        site_id,
        freq: &row.freq,
        interval_count: row.interval_count,
        until_date: String::new(),
        starts_at: first,
        ends_at: first + duration,
        title: &fields.title,
        description: &fields.description,
        place: &fields.place,
        category_slug: &fields.category_slug,
    };
    let to = match earlier.last() {
        None => series_id,
        Some(_) => series::insert(tx, &template(fields.site_id), now).await?,
    };
    let mut last = first;
    let mut changed = Vec::new();
    for occurrence in &following {
        let at = given(occurrence);
        let place = old_rule.iter().position(|start| *start == at);
        let moved_to = place.and_then(|place| new_rule.get(place).copied());
        // A date the old rule does not give (none should be) moves as far as `id`'s did.
        let recurrence = moved_to.unwrap_or(at + (first - from));
        last = last.max(recurrence);
        let link = Occurrence {
            series_id: to,
            recurrence_at: recurrence,
        };
        series::place(tx, occurrence.id, Some(link)).await?;
        let changes = occurrence.id == id
            || (occurrence.cancelled_at.is_none() && occurrence.starts_at > now);
        if !changes {
            continue;
        }
        let starts_at = if occurrence.id == id {
            fields.starts_at
        } else {
            recurrence + (occurrence.starts_at - at)
        };
        let moved = ActivityFields {
            starts_at,
            ends_at: starts_at + duration,
            signup_deadline: lead.map(|lead| starts_at - lead),
            ..fields.clone()
        };
        if !rewrite(tx, occurrence, &moved, now).await? && occurrence.id == id {
            return Err(cancelled());
        }
        changed.push((*occurrence).clone());
    }
    let day = |unix: i64| state.time.to_wire(unix).date_naive();
    let until = day(last).to_string();
    let mut new = template(fields.site_id);
    new.until_date = until;
    series::retemplate(tx, to, &new).await?;
    if let Some(before) = earlier.last() {
        series::cut(tx, series_id, &day(given(before)).to_string()).await?;
    }
    Ok(changed)
}

/// Makes series of `fields` with an occurrence at each of `starts` (the first is `fields`'
/// own); answers the first occurrence's id.
async fn create_series(
    state: &AppState,
    user: &AuthUser,
    fields: &ActivityFields,
    repeat: Repeat,
    starts: &[i64],
    published_at: Option<i64>,
) -> Result<i64, ApiError> {
    let now = state.time.now_unix();
    let duration = fields.ends_at - fields.starts_at;
    let lead = fields
        .signup_deadline
        .map(|deadline| fields.starts_at - deadline);
    let mut tx = crate::store::begin_write(state.store.pool()).await?;
    let series_id = series::insert(
        &mut tx,
        &NewSeries {
            site_id: fields.site_id,
            freq: super::series::freq_name(repeat.freq),
            interval_count: i64::from(repeat.interval),
            until_date: repeat.until.to_string(),
            starts_at: fields.starts_at,
            ends_at: fields.ends_at,
            title: &fields.title,
            description: &fields.description,
            place: &fields.place,
            category_slug: &fields.category_slug,
        },
        now,
    )
    .await?;
    let mut ids = Vec::with_capacity(starts.len());
    for &starts_at in starts {
        let occurrence = ActivityFields {
            starts_at,
            ends_at: starts_at + duration,
            signup_deadline: lead.map(|lead| starts_at - lead),
            ..fields.clone()
        };
        let link = Occurrence {
            series_id,
            recurrence_at: starts_at,
        };
        ids.push(activities::create(&mut *tx, &occurrence, now, published_at, Some(link)).await?);
    }
    tx.commit().await?;
    Log::new(
        state,
        user,
        Some(fields.site_id),
        "series.create",
        format!("series:{series_id}"),
    )
    .after(&serde_json::json!({ "repeat": repeat, "activities": ids }))
    .save()
    .await?;
    Ok(ids[0])
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

/// Every bad field named at once; text trimmed. With `repeat`, also the starts of its series.
async fn validate(
    state: &AppState,
    user: &AuthUser,
    input: &ActivityInput,
) -> Result<(ActivityFields, Option<Vec<i64>>), ApiError> {
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
    let starts = input
        .repeat
        .map(|repeat| series_starts(state, &mut errors, repeat, starts_at));
    errors.into_result()?;
    let fields = ActivityFields {
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
    };
    Ok((fields, starts))
}

/// The starts `repeat` gives from `first`, or its bad fields.
fn series_starts(
    state: &AppState,
    errors: &mut FieldErrors,
    repeat: Repeat,
    first: i64,
) -> Vec<i64> {
    if repeat.interval == 0 || repeat.interval > SERIES_MAX_INTERVAL {
        errors.add(
            "repeat.interval",
            codes::OUT_OF_RANGE,
            format!("Every 1 to {SERIES_MAX_INTERVAL} weeks or months."),
        );
    }
    let first_day = state.time.to_wire(first).date_naive();
    let days = (repeat.until - first_day).num_days();
    if !(0..=SERIES_MAX_DAYS).contains(&days) {
        errors.add_given_state(
            "repeat.until",
            codes::OUT_OF_RANGE,
            format!(
                "The last day is the first start's day or up to {SERIES_MAX_DAYS} days after it."
            ),
        );
        return Vec::new();
    }
    super::series::rule_starts(
        &state.time,
        first,
        repeat.freq,
        u32::from(repeat.interval),
        repeat.until,
    )
}
