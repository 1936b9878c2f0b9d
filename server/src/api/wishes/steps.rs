//! The steps of a wish's life, each one call, each a conditional update on the status it starts
//! from (so of fifty claims at once exactly one wins, `already-taken` for the others), each
//! written to the timeline and told to whom it concerns (站内消息) in one transaction:
//! approve / reject (staff of the site), claim (anyone signed in but its requester), fulfil (its
//! claimer), release (its claimer, or staff for a claim left undone), confirm with a rating and
//! thanks (its requester or staff, never its claimer), withdraw before a claim (its requester
//! or staff).

use axum::extract::State;
use axum::Json;
use station_wire::problem::codes;
use station_wire::wishes::{
    ApproveWish, ConfirmWish, FulfilWish, Wish, WishReason, WishStatus, WISH_NOTE_MAX_CHARS,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{one, own_new_photo, subject, visible_row, NoSuchWish, Relation};
use crate::api::audit::Log;
use crate::api::extract::{JsonBody, PathId};
use crate::api::openapi::{Invalid, Unauthorized};
use crate::api::{photos, text};
use crate::auth::{policy, AuthUser};
use crate::error::{ApiError, FieldErrors, Refusal, ResultExt};
use crate::state::AppState;
use crate::store::timeline::{self, Step};
use crate::store::wishes::{self, Bind, Move, WishRow};
use crate::store::{notices, photos as stored_photos};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(approve))
        .routes(routes!(reject))
        .routes(routes!(claim))
        .routes(routes!(release))
        .routes(routes!(fulfil))
        .routes(routes!(confirm))
        .routes(routes!(withdraw))
}

/// `403` for a step that is not the reader's to take.
#[derive(utoipa::IntoResponses)]
#[response(
    status = 403,
    description = "Not the reader's step (see the operation)",
    content_type = "application/problem+json"
)]
pub struct NotYours(#[allow(dead_code)] station_wire::problem::Problem);

/// `409` for a step that does not fit where the wish stands.
#[derive(utoipa::IntoResponses)]
#[response(
    status = 409,
    description = "The wish is not where this step starts (`wrong-state`)",
    content_type = "application/problem+json"
)]
pub struct WrongState(#[allow(dead_code)] station_wire::problem::Problem);

/// Approve a submitted wish onto the wall (staff of the site), its photo public or not.
#[utoipa::path(post, path = "/api/v1/wishes/{id}/approve", tag = "wishes",
    params(("id" = i64, Path, description = "The wish's id")),
    request_body = ApproveWish,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Open, on the wall", body = Wish),
        Invalid, Unauthorized, NotYours, NoSuchWish, WrongState,
    ))]
pub async fn approve(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(input): JsonBody<ApproveWish>,
) -> Result<Json<Wish>, ApiError> {
    let (row, relation) = party_row(&state, &user, id).await?;
    staff_only(relation)?;
    let photo_public = i64::from(input.photo_public);
    // Not onto the wall past its deadline (nobody could claim it).
    let today = state.time.today().format("%Y-%m-%d").to_string();
    let step = Move {
        from: &["submitted"],
        set: "status = 'open', photo_public = $2",
        guard: " AND deadline >= $3",
    };
    let done = Done {
        event: "approved",
        notice: Some((row.requester_id, "wish_approved")),
        audit: Some("wish.approve"),
        ..Done::default()
    };
    take(
        &state,
        &user,
        &row,
        &step,
        &[Bind::Int(photo_public), Bind::Text(&today)],
        &done,
    )
    .await
}

/// Reject a submitted wish, saying why (staff of the site; the requester reads it).
#[utoipa::path(post, path = "/api/v1/wishes/{id}/reject", tag = "wishes",
    params(("id" = i64, Path, description = "The wish's id")),
    request_body = WishReason,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Rejected", body = Wish),
        (status = 400, description = "`reason` (required, too_long)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Invalid, Unauthorized, NotYours, NoSuchWish, WrongState,
    ))]
pub async fn reject(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(input): JsonBody<WishReason>,
) -> Result<Json<Wish>, ApiError> {
    let (row, relation) = party_row(&state, &user, id).await?;
    staff_only(relation)?;
    let mut errors = FieldErrors::default();
    let reason = text::required(&mut errors, "reason", &input.reason, WISH_NOTE_MAX_CHARS);
    errors.into_result()?;
    let step = Move {
        from: &["submitted"],
        set: "status = 'rejected', reject_reason = $2",
        guard: "",
    };
    let done = Done {
        event: "rejected",
        note: Some(reason),
        notice: Some((row.requester_id, "wish_rejected")),
        audit: Some("wish.reject"),
        ..Done::default()
    };
    let answer = take(&state, &user, &row, &step, &[Bind::Text(reason)], &done).await?;
    stored_photos::rekey_wish(state.store.pool(), id, photos::new_key).await?;
    Ok(answer)
}

/// Claim an open wish (认领): anyone signed in but its requester, until its deadline. Of
/// several at once one wins; the others are told it is taken (`already-taken`).
#[utoipa::path(post, path = "/api/v1/wishes/{id}/claim", tag = "wishes",
    params(("id" = i64, Path, description = "The wish's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Claimed by the reader", body = Wish),
        (status = 403, description = "One's own wish", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Claimed by someone else first (`already-taken`); not open, or past its deadline (`wrong-state`)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Invalid, Unauthorized, NoSuchWish,
    ))]
pub async fn claim(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<Json<Wish>, ApiError> {
    let row = visible_row(&state, Some(&user), id).await?;
    policy::require(
        row.requester_id != user.account_id,
        "others than the wish's requester",
    )?;
    let today = state.time.today().format("%Y-%m-%d").to_string();
    let step = Move {
        from: &["open"],
        set: "status = 'claimed', claimer_id = $2, claimed_at = $3",
        guard: " AND deadline >= $4 AND requester_id <> $2",
    };
    let binds = [
        Bind::Int(user.account_id),
        Bind::Int(state.time.now_unix()),
        Bind::Text(&today),
    ];
    let done = Done {
        event: "claimed",
        notice: Some((row.requester_id, "wish_claimed")),
        ..Done::default()
    };
    take(&state, &user, &row, &step, &binds, &done).await
}

/// Give a claimed wish back to the wall before it is fulfilled: its claimer, or staff of its
/// site for a claim left undone (past its deadline, say). Its requester is told; a photo not
/// public gets a new address (the claimer who saw it is a claimer no more).
#[utoipa::path(post, path = "/api/v1/wishes/{id}/release", tag = "wishes",
    params(("id" = i64, Path, description = "The wish's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Open again", body = Wish),
        Invalid, Unauthorized, NotYours, NoSuchWish, WrongState,
    ))]
pub async fn release(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<Json<Wish>, ApiError> {
    let (row, relation) = party_row(&state, &user, id).await?;
    policy::require(
        relation.claimer || relation.staff,
        "the wish's claimer or staff of its site",
    )?;
    // The claim being given back is the one the reader saw.
    let claimer = row.claimer_id.unwrap_or_default();
    let step = Move {
        from: &["claimed"],
        set: "status = 'open', claimer_id = NULL, claimed_at = NULL",
        guard: " AND claimer_id = $2",
    };
    let for_claimer = !relation.claimer;
    let done = Done {
        event: "released",
        notice: Some((row.requester_id, "wish_released")),
        audit: for_claimer.then_some("wish.release"),
        on_behalf: for_claimer,
        ..Done::default()
    };
    let answer = take(&state, &user, &row, &step, &[Bind::Int(claimer)], &done).await?;
    if row.photo_public == 0 {
        stored_photos::rekey_wish(state.store.pool(), id, photos::new_key).await?;
    }
    Ok(answer)
}

/// Report a claimed wish fulfilled (its claimer), with a note and a photo if any.
#[utoipa::path(post, path = "/api/v1/wishes/{id}/fulfil", tag = "wishes",
    params(("id" = i64, Path, description = "The wish's id")),
    request_body = FulfilWish,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Fulfilled, waiting for the requester's confirmation", body = Wish),
        (status = 400, description = "`note` (required, too_long)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`photo_id` (unknown: not a photo the reader uploaded, or already used)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Invalid, Unauthorized, NotYours, NoSuchWish, WrongState,
    ))]
pub async fn fulfil(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(input): JsonBody<FulfilWish>,
) -> Result<Json<Wish>, ApiError> {
    let (row, relation) = party_row(&state, &user, id).await?;
    policy::require(relation.claimer, "the wish's claimer")?;
    let mut errors = FieldErrors::default();
    let note = text::required(&mut errors, "note", &input.note, WISH_NOTE_MAX_CHARS);
    errors.into_result()?;
    let mut errors = FieldErrors::default();
    if let Some(photo) = input.photo_id {
        own_new_photo(&state, &user, photo, "photo_id", &mut errors).await?;
    }
    errors.into_result()?;
    let step = Move {
        from: &["claimed"],
        set: "status = 'fulfilled', fulfil_note = $2, fulfilled_at = $3",
        guard: " AND claimer_id = $4",
    };
    let binds = [
        Bind::Text(note),
        Bind::Int(state.time.now_unix()),
        Bind::Int(user.account_id),
    ];
    let done = Done {
        event: "fulfilled",
        note: Some(note),
        notice: Some((row.requester_id, "wish_fulfilled")),
        photo: input.photo_id,
        ..Done::default()
    };
    take(&state, &user, &row, &step, &binds, &done).await
}

/// Confirm a fulfilled wish, rate it 1–5 and thank (its requester, or staff for a resident
/// without a phone). The thanks are shown on the wall.
#[utoipa::path(post, path = "/api/v1/wishes/{id}/confirm", tag = "wishes",
    params(("id" = i64, Path, description = "The wish's id")),
    request_body = ConfirmWish,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Confirmed", body = Wish),
        (status = 400, description = "`rating` (out_of_range: 1–5), `thanks` (too_long)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Invalid, Unauthorized, NotYours, NoSuchWish, WrongState,
    ))]
pub async fn confirm(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(input): JsonBody<ConfirmWish>,
) -> Result<Json<Wish>, ApiError> {
    let (row, relation) = party_row(&state, &user, id).await?;
    policy::require(
        relation.knows_requester() && !relation.claimer,
        "the wish's requester or staff of its site, not its claimer",
    )?;
    let mut errors = FieldErrors::default();
    if !(1..=5).contains(&input.rating) {
        errors.add("rating", codes::OUT_OF_RANGE, "A rating from 1 to 5.");
    }
    let thanks = text::optional(&mut errors, "thanks", &input.thanks, WISH_NOTE_MAX_CHARS);
    errors.into_result()?;
    let step = Move {
        from: &["fulfilled"],
        set: "status = 'confirmed', rating = $2, thanks = $3",
        guard: "",
    };
    let binds = [Bind::Int(i64::from(input.rating)), Bind::Text(thanks)];
    let done = Done {
        event: "confirmed",
        note: Some(thanks).filter(|thanks| !thanks.is_empty()),
        notice: row.claimer_id.map(|claimer| (claimer, "wish_confirmed")),
        audit: (!relation.requester).then_some("wish.confirm"),
        // Staff confirming a wish they posted for a resident confirm it for them too.
        on_behalf: !relation.requester || row.on_behalf_of.is_some(),
        ..Done::default()
    };
    take(&state, &user, &row, &step, &binds, &done).await
}

/// Withdraw a wish before anyone claimed it (its requester, or staff of its site).
#[utoipa::path(post, path = "/api/v1/wishes/{id}/withdraw", tag = "wishes",
    params(("id" = i64, Path, description = "The wish's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Withdrawn", body = Wish),
        Invalid, Unauthorized, NotYours, NoSuchWish, WrongState,
    ))]
pub async fn withdraw(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<Json<Wish>, ApiError> {
    let (row, relation) = party_row(&state, &user, id).await?;
    policy::require(
        relation.knows_requester(),
        "the wish's requester or staff of its site",
    )?;
    let step = Move {
        from: &["submitted", "open"],
        set: "status = 'withdrawn'",
        guard: "",
    };
    let done = Done {
        event: "withdrawn",
        // Withdrawn by staff: its requester is told (not when they withdraw it themselves).
        notice: Some((row.requester_id, "wish_withdrawn")),
        audit: (!relation.requester).then_some("wish.withdraw"),
        on_behalf: !relation.requester,
        ..Done::default()
    };
    let answer = take(&state, &user, &row, &step, &[], &done).await?;
    stored_photos::rekey_wish(state.store.pool(), id, photos::new_key).await?;
    Ok(answer)
}

/// What a step leaves behind: its timeline entry, whom it is told to, its audit entry.
#[derive(Default)]
struct Done<'a> {
    event: &'a str,
    note: Option<&'a str>,
    /// (account, notice kind): not when the account took the step itself.
    notice: Option<(i64, &'a str)>,
    /// Staff's steps are in the audit log.
    audit: Option<&'a str>,
    /// Staff took the requester's step for a resident without a phone.
    on_behalf: bool,
    /// The fulfilment's photo, to attach.
    photo: Option<i64>,
}

/// Moves the wish and, in the same transaction, attaches the fulfilment's photo, writes the
/// timeline, the notice and the audit entry; a wish no longer where the step starts is refused
/// with where it is now.
async fn take(
    state: &AppState,
    user: &AuthUser,
    row: &WishRow,
    step: &Move<'_>,
    binds: &[Bind<'_>],
    done: &Done<'_>,
) -> Result<Json<Wish>, ApiError> {
    let pool = state.store.pool();
    let now = state.time.now_unix();
    let mut tx = crate::store::begin_write(pool).await?;
    if !wishes::move_status(&mut *tx, row.id, step, binds).await? {
        drop(tx);
        return Err(refusal(state, row.id, done.event).await?);
    }
    if let Some(photo) = done.photo {
        wishes::attach_photo(&mut *tx, row.id, photo, "fulfil")
            .await
            .on_constraint("wish_photos_photo", |_| {
                ApiError::invalid_given_state(
                    "photo_id",
                    codes::UNKNOWN,
                    "The photo is already used.",
                )
            })?;
    }
    timeline::add(
        &mut *tx,
        &Step {
            subject: "wish",
            subject_id: row.id,
            at: now,
            event: done.event,
            actor_id: Some(user.account_id),
            on_behalf: done.on_behalf,
            note: done.note,
        },
    )
    .await?;
    if let Some((account, kind)) = done
        .notice
        .filter(|(account, _)| *account != user.account_id)
    {
        // Only a refusal comes with a reason; a fulfilment's note and the thanks are read on
        // the wish.
        let reason = done.note.filter(|_| kind == "wish_rejected");
        notices::wish_moved(&mut *tx, row.id, account, kind, reason, now).await?;
    }
    if let Some(action) = done.audit {
        Log::new(state, user, Some(row.site_id), action, subject(row.id))
            .save_in(&mut tx)
            .await?;
    }
    tx.commit().await?;
    let after = super::row_or_404(state, row.id).await?;
    Ok(Json(one(state, Some(user), after).await?))
}

/// Why a step did not apply: somebody else claimed it first, or where the wish stands now.
async fn refusal(state: &AppState, id: i64, event: &str) -> Result<ApiError, ApiError> {
    let now = super::row_or_404(state, id).await?;
    let status = WishStatus::from_slug(&now.status).unwrap_or(WishStatus::Submitted);
    Ok(match (event, status) {
        ("claimed", WishStatus::Claimed | WishStatus::Fulfilled | WishStatus::Confirmed) => {
            ApiError::refused(
                Refusal::AlreadyTaken,
                "Somebody else claimed this wish first.",
            )
        }
        ("claimed", WishStatus::Open) => ApiError::refused(
            Refusal::WrongState,
            "The wish is past its deadline; it can no longer be claimed.",
        ),
        ("approved", WishStatus::Submitted) => ApiError::refused(
            Refusal::WrongState,
            "The wish is past its deadline; nobody could take it on.",
        ),
        _ => ApiError::refused(
            Refusal::WrongState,
            format!("The wish is {}; this step does not apply.", status.slug()),
        ),
    })
}

/// The row and how the reader stands to it: 404 when they may not see it.
async fn party_row(
    state: &AppState,
    user: &AuthUser,
    id: i64,
) -> Result<(WishRow, Relation), ApiError> {
    let row = visible_row(state, Some(user), id).await?;
    let relation = Relation::of(state, Some(user), &row).await?;
    Ok((row, relation))
}

fn staff_only(relation: Relation) -> Result<(), ApiError> {
    policy::require(relation.staff, "staff of the site or administrators")
}
