//! The steps of an order's life, each one call and a conditional update on the status it starts
//! from, written to the timeline and told to whom it concerns in one transaction: approve /
//! reject (staff of its site), dispatch to a team — or to another one (staff) —, accept (a
//! member of that team; of several at once one wins, the others told `already-taken`),
//! complete (the volunteer who accepted it), rate (its resident, or staff for them; never the
//! volunteer), cancel with a reason (its resident before it is accepted; staff at any point
//! before it is done).

use axum::extract::State;
use axum::Json;
use station_wire::orders::{
    DispatchOrder, Order, OrderReason, OrderStatus, RateOrder, ORDER_TEXT_MAX_CHARS,
};
use station_wire::problem::codes;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{one, party_row, subject, NoSuchOrder, Relation};
use crate::api::audit::Log;
use crate::api::extract::{JsonBody, PathId};
use crate::api::openapi::{Invalid, Unauthorized};
use crate::api::text;
use crate::auth::{policy, AuthUser};
use crate::error::{ApiError, FieldErrors, Refusal};
use crate::state::AppState;
use crate::store::orders::{self, Bind, Move, OrderRow};
use crate::store::timeline::{self, Step};
use crate::store::{notices, teams};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(approve))
        .routes(routes!(reject))
        .routes(routes!(dispatch))
        .routes(routes!(accept))
        .routes(routes!(complete))
        .routes(routes!(rate))
        .routes(routes!(cancel))
}

/// `403` for a step that is not the reader's to take.
#[derive(utoipa::IntoResponses)]
#[response(
    status = 403,
    description = "Not the reader's step (see the operation)",
    content_type = "application/problem+json"
)]
pub struct NotYours(#[allow(dead_code)] station_wire::problem::Problem);

/// `409` for a step that does not fit where the order stands.
#[derive(utoipa::IntoResponses)]
#[response(
    status = 409,
    description = "The order is not where this step starts (`wrong-state`)",
    content_type = "application/problem+json"
)]
pub struct WrongState(#[allow(dead_code)] station_wire::problem::Problem);

/// Take a submitted order (staff of its site): it waits to be dispatched.
#[utoipa::path(post, path = "/api/v1/orders/{id}/approve", tag = "orders",
    params(("id" = i64, Path, description = "The order's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Open, to be dispatched", body = Order),
        Invalid, Unauthorized, NotYours, NoSuchOrder, WrongState,
    ))]
pub async fn approve(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<Json<Order>, ApiError> {
    let (row, relation) = party_row(&state, &user, id).await?;
    staff_only(relation)?;
    let step = Move {
        from: &["submitted"],
        set: "status = 'open'",
        guard: "",
    };
    let done = Done {
        event: "approved",
        audit: Some("order.approve"),
        ..Done::default()
    };
    take(&state, &user, &row, &step, &[], &done).await
}

/// Not take a submitted order, saying why (staff of its site; its resident is told).
#[utoipa::path(post, path = "/api/v1/orders/{id}/reject", tag = "orders",
    params(("id" = i64, Path, description = "The order's id")),
    request_body = OrderReason,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Rejected", body = Order),
        (status = 400, description = "`reason` (required, too_long)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Invalid, Unauthorized, NotYours, NoSuchOrder, WrongState,
    ))]
pub async fn reject(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(input): JsonBody<OrderReason>,
) -> Result<Json<Order>, ApiError> {
    let (row, relation) = party_row(&state, &user, id).await?;
    staff_only(relation)?;
    let reason = reason_of(&input)?;
    let step = Move {
        from: &["submitted"],
        set: "status = 'rejected', reason = $2",
        guard: "",
    };
    let done = Done {
        event: "rejected",
        note: Some(reason),
        notices: vec![(row.requester_id, "order_rejected")],
        reason: Some(reason),
        audit: Some("order.reject"),
        ..Done::default()
    };
    take(&state, &user, &row, &step, &[Bind::Text(reason)], &done).await
}

/// Dispatch an order to a team (派单), or to another one while it is not done (reassign): the
/// volunteer who had accepted it, if any, has it no more. The team's members are told.
#[utoipa::path(post, path = "/api/v1/orders/{id}/dispatch", tag = "orders",
    params(("id" = i64, Path, description = "The order's id")),
    request_body = DispatchOrder,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Dispatched", body = Order),
        (status = 422, description = "`team_id` (unknown, archived, or not of a site the reader runs)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Invalid, Unauthorized, NotYours, NoSuchOrder, WrongState,
    ))]
pub async fn dispatch(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(input): JsonBody<DispatchOrder>,
) -> Result<Json<Order>, ApiError> {
    let (row, relation) = party_row(&state, &user, id).await?;
    staff_only(relation)?;
    let pool = state.store.pool();
    // An archived team is none (`by_id` leaves it out).
    let team = teams::by_id(pool, input.team_id).await?;
    // A team the reader runs, of the order's site, one below it or one above it.
    let runs_it = match &team {
        Some(team) => {
            policy::is_staff_of(pool, &user, team.site_id).await?
                && orders::team_serves(pool, team.site_id, row.site_id).await?
        }
        None => false,
    };
    let Some(team) = team.filter(|_| runs_it) else {
        return Err(ApiError::invalid_given_state(
            "team_id",
            codes::UNKNOWN,
            "No such team among the teams you run for this order's site.",
        ));
    };
    // Only if nobody accepted it meanwhile (who would not be told): else read it again.
    let step = Move {
        from: &["open", "dispatched", "accepted"],
        set: "status = 'dispatched', team_id = $2, volunteer_id = NULL",
        guard: " AND COALESCE(volunteer_id, 0) = $3",
    };
    // The volunteer who had it is told first that it is theirs no more; the team, that it waits.
    let mut told: Vec<(i64, &str)> = row
        .volunteer_id
        .map(|volunteer| (volunteer, "order_reassigned"))
        .into_iter()
        .collect();
    told.extend(
        orders::team_people(pool, team.id)
            .await?
            .into_iter()
            .map(|account| (account, "order_dispatched")),
    );
    let done = Done {
        event: "dispatched",
        note: Some(&team.name),
        notices: told,
        audit: Some("order.dispatch"),
        ..Done::default()
    };
    let had = row.volunteer_id.unwrap_or(0);
    take(
        &state,
        &user,
        &row,
        &step,
        &[Bind::Int(team.id), Bind::Int(had)],
        &done,
    )
    .await
}

/// Accept an order dispatched to one's team (接单): of several members at once one wins.
#[utoipa::path(post, path = "/api/v1/orders/{id}/accept", tag = "orders",
    params(("id" = i64, Path, description = "The order's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Accepted by the reader", body = Order),
        (status = 409, description = "Accepted by another member first (`already-taken`); not dispatched (`wrong-state`)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Invalid, Unauthorized, NotYours, NoSuchOrder,
    ))]
pub async fn accept(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<Json<Order>, ApiError> {
    let row = super::row_or_404(&state, id).await?;
    let relation = Relation::of(&state, &user, &row).await?;
    if !relation.in_team && !relation.sees(status_of(&row)) {
        return Err(ApiError::not_found(format!("Order {id}")));
    }
    policy::require(
        relation.in_team && !relation.requester,
        "members of the team it was dispatched to (not its resident)",
    )?;
    let step = Move {
        from: &["dispatched"],
        set: "status = 'accepted', volunteer_id = $2",
        guard: " AND team_id = $3",
    };
    let team = row.team_id.unwrap_or_default();
    let done = Done {
        event: "accepted",
        notices: vec![(row.requester_id, "order_accepted")],
        ..Done::default()
    };
    take(
        &state,
        &user,
        &row,
        &step,
        &[Bind::Int(user.account_id), Bind::Int(team)],
        &done,
    )
    .await
}

/// The volunteer who accepted it says it is done; its resident is asked to rate it.
#[utoipa::path(post, path = "/api/v1/orders/{id}/complete", tag = "orders",
    params(("id" = i64, Path, description = "The order's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Completed", body = Order),
        Invalid, Unauthorized, NotYours, NoSuchOrder, WrongState,
    ))]
pub async fn complete(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<Json<Order>, ApiError> {
    let (row, relation) = party_row(&state, &user, id).await?;
    policy::require(relation.volunteer, "the volunteer who accepted it")?;
    let step = Move {
        from: &["accepted"],
        set: "status = 'completed'",
        guard: " AND volunteer_id = $2",
    };
    let done = Done {
        event: "completed",
        notices: vec![(row.requester_id, "order_completed")],
        ..Done::default()
    };
    take(
        &state,
        &user,
        &row,
        &step,
        &[Bind::Int(user.account_id)],
        &done,
    )
    .await
}

/// Rate a completed order 1–5 with a comment (评单): its resident, or staff for them.
#[utoipa::path(post, path = "/api/v1/orders/{id}/rate", tag = "orders",
    params(("id" = i64, Path, description = "The order's id")),
    request_body = RateOrder,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Rated", body = Order),
        (status = 400, description = "`rating` (out_of_range: 1–5), `comment` (too_long)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Invalid, Unauthorized, NotYours, NoSuchOrder, WrongState,
    ))]
pub async fn rate(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(input): JsonBody<RateOrder>,
) -> Result<Json<Order>, ApiError> {
    let (row, relation) = party_row(&state, &user, id).await?;
    // Staff rate only an order they placed for a resident without a smartphone.
    let staff_for_resident = relation.staff && row.on_behalf_of.is_some();
    policy::require(
        (relation.requester || staff_for_resident) && !relation.volunteer,
        "its resident (or staff for one without a smartphone), not its volunteer",
    )?;
    let mut errors = FieldErrors::default();
    if !(1..=5).contains(&input.rating) {
        errors.add("rating", codes::OUT_OF_RANGE, "A rating from 1 to 5.");
    }
    let comment = text::optional(&mut errors, "comment", &input.comment, ORDER_TEXT_MAX_CHARS);
    errors.into_result()?;
    let step = Move {
        from: &["completed"],
        set: "status = 'rated', rating = $2, comment = $3",
        guard: "",
    };
    // Staff rating an order they placed for a resident rate it for them too.
    let for_resident = !relation.requester || row.on_behalf_of.is_some();
    let done = Done {
        event: "rated",
        note: Some(comment).filter(|comment| !comment.is_empty()),
        audit: for_resident.then_some("order.rate"),
        on_behalf: for_resident,
        ..Done::default()
    };
    let binds = [Bind::Int(i64::from(input.rating)), Bind::Text(comment)];
    take(&state, &user, &row, &step, &binds, &done).await
}

/// Cancel an order with a reason: its resident before a volunteer accepted it; staff at any
/// point before it is done. Whoever else it concerns is told.
#[utoipa::path(post, path = "/api/v1/orders/{id}/cancel", tag = "orders",
    params(("id" = i64, Path, description = "The order's id")),
    request_body = OrderReason,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Cancelled", body = Order),
        (status = 400, description = "`reason` (required, too_long)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Invalid, Unauthorized, NotYours, NoSuchOrder, WrongState,
    ))]
pub async fn cancel(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(input): JsonBody<OrderReason>,
) -> Result<Json<Order>, ApiError> {
    let (row, relation) = party_row(&state, &user, id).await?;
    policy::require(
        relation.requester || relation.staff,
        "its resident or staff of its site",
    )?;
    let reason = reason_of(&input)?;
    let from: &[&str] = if relation.staff {
        &["submitted", "open", "dispatched", "accepted"]
    } else {
        &["submitted", "open", "dispatched"]
    };
    // Only if nobody accepted it meanwhile (who would not be told): else read it again.
    let step = Move {
        from,
        set: "status = 'cancelled', reason = $2",
        guard: " AND COALESCE(volunteer_id, 0) = $3",
    };
    let mut told = vec![(row.requester_id, "order_cancelled")];
    match (row.volunteer_id, row.team_id) {
        (Some(volunteer), _) => told.push((volunteer, "order_cancelled")),
        // Sent to a team and not yet taken: its members, who could take it, are told.
        (None, Some(team)) if row.status == "dispatched" => told.extend(
            orders::team_people(state.store.pool(), team)
                .await?
                .into_iter()
                .map(|account| (account, "order_cancelled")),
        ),
        _ => {}
    }
    let by_staff = !relation.requester;
    let done = Done {
        event: "cancelled",
        note: Some(reason),
        notices: told,
        reason: Some(reason),
        audit: by_staff.then_some("order.cancel"),
        ..Done::default()
    };
    let had = row.volunteer_id.unwrap_or(0);
    take(
        &state,
        &user,
        &row,
        &step,
        &[Bind::Text(reason), Bind::Int(had)],
        &done,
    )
    .await
}

fn reason_of(input: &OrderReason) -> Result<&str, ApiError> {
    let mut errors = FieldErrors::default();
    let reason = text::required(&mut errors, "reason", &input.reason, ORDER_TEXT_MAX_CHARS);
    errors.into_result()?;
    Ok(reason)
}

/// What a step leaves behind: its timeline entry, whom it is told to, its audit entry.
#[derive(Default)]
struct Done<'a> {
    event: &'a str,
    note: Option<&'a str>,
    /// (account, notice kind): not told to the one who took the step.
    notices: Vec<(i64, &'a str)>,
    /// The reason the notices carry (a refusal's, a cancellation's).
    reason: Option<&'a str>,
    /// Staff's steps are in the audit log.
    audit: Option<&'a str>,
    /// Staff took the resident's step for them.
    on_behalf: bool,
}

/// Moves the order and, in the same transaction, writes the timeline, the notices and the audit
/// entry; an order no longer where the step starts is refused with where it is now.
async fn take(
    state: &AppState,
    user: &AuthUser,
    row: &OrderRow,
    step: &Move<'_>,
    binds: &[Bind<'_>],
    done: &Done<'_>,
) -> Result<Json<Order>, ApiError> {
    let now = state.time.now_unix();
    let mut tx = crate::store::begin_write(state.store.pool()).await?;
    if !orders::move_status(&mut *tx, row.id, step, binds).await? {
        drop(tx);
        return Err(refusal(state, row.id, done.event).await?);
    }
    timeline::add(
        &mut *tx,
        &Step {
            subject: "order",
            subject_id: row.id,
            at: now,
            event: done.event,
            actor_id: Some(user.account_id),
            on_behalf: done.on_behalf,
            note: done.note,
        },
    )
    .await?;
    let mut told = Vec::new();
    for (account, kind) in &done.notices {
        if *account != user.account_id && !told.contains(account) {
            notices::order_moved(&mut *tx, row.id, *account, kind, done.reason, now).await?;
            told.push(*account);
        }
    }
    if let Some(action) = done.audit {
        Log::new(state, user, Some(row.site_id), action, subject(row.id))
            .save_in(&mut tx)
            .await?;
    }
    tx.commit().await?;
    let after = super::row_or_404(state, row.id).await?;
    Ok(Json(one(state, user, after).await?))
}

fn status_of(row: &OrderRow) -> OrderStatus {
    OrderStatus::from_slug(&row.status).unwrap_or(OrderStatus::Submitted)
}

/// Why a step did not apply: another member accepted it first, or where the order stands now.
async fn refusal(state: &AppState, id: i64, event: &str) -> Result<ApiError, ApiError> {
    let status = status_of(&super::row_or_404(state, id).await?);
    Ok(match (event, status) {
        ("accepted", OrderStatus::Accepted | OrderStatus::Completed | OrderStatus::Rated) => {
            ApiError::refused(
                Refusal::AlreadyTaken,
                "Another volunteer accepted this order first.",
            )
        }
        _ => ApiError::refused(
            Refusal::WrongState,
            format!("The order is {}; this step does not apply.", status.slug()),
        ),
    })
}

fn staff_only(relation: Relation) -> Result<(), ApiError> {
    policy::require(relation.staff, "staff of the site or administrators")
}
