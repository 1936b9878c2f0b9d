//! 站内消息: one's notices, newest first, and marking them read. They are written by the
//! changes they tell of (`store::notices`), and sent out through the webhook (`crate::webhook`).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use station_wire::notices::{MarkNoticesRead, Notice, NoticeKind};
use station_wire::page::Page;
use station_wire::problem::codes;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::JsonBody;
use super::paging::{IdPage, PageQuery};
use crate::auth::AuthUser;
use crate::error::{ApiError, FieldErrors};
use crate::state::AppState;
use crate::store::notices::{self, NoticeRow};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_notices))
        .routes(routes!(mark_read))
}

/// One's notices, newest first; `GET /api/v1/me` counts the unread.
#[utoipa::path(get, path = "/api/v1/me/notices", tag = "accounts",
    params(PageQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of notices, newest first", body = Page<Notice>),
        (status = 400, description = "`limit` out of range", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`cursor`: not from an earlier page", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::Unauthorized,
    ))]
pub async fn my_notices(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Page<Notice>>, ApiError> {
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let mut errors = FieldErrors::default();
    let page = IdPage::read(query.limit, query.cursor.as_deref(), &mut errors);
    errors.into_result()?;
    let rows = notices::of_account(
        state.store.pool(),
        user.account_id,
        page.before_id,
        page.fetch(),
    )
    .await?;
    let (rows, next_cursor) = page.finish(rows, |row| row.id);
    let items = rows
        .into_iter()
        .filter_map(|row| to_wire(&state, row))
        .collect();
    Ok(Json(Page { items, next_cursor }))
}

/// Marks one's notices up to `up_to` read (the badge counts the rest).
#[utoipa::path(post, path = "/api/v1/me/notices/read", tag = "accounts",
    request_body = MarkNoticesRead,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Read"),
        crate::api::openapi::Invalid,
        crate::api::openapi::Unauthorized,
    ))]
pub async fn mark_read(
    State(state): State<AppState>,
    user: AuthUser,
    JsonBody(request): JsonBody<MarkNoticesRead>,
) -> Result<StatusCode, ApiError> {
    if request.up_to < 1 {
        return Err(ApiError::invalid(
            "up_to",
            codes::OUT_OF_RANGE,
            "`up_to` is the id of a notice, at least 1.",
        ));
    }
    notices::mark_read(
        state.store.pool(),
        user.account_id,
        request.up_to,
        state.time.now_unix(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The stored kind as the contract names it (a kind this server does not know is not shown).
pub fn kind_of(kind: &str) -> Option<NoticeKind> {
    Some(match kind {
        "activity_cancelled" => NoticeKind::ActivityCancelled,
        "activity_moved" => NoticeKind::ActivityMoved,
        "waitlist_promoted" => NoticeKind::WaitlistPromoted,
        "team_approved" => NoticeKind::TeamApproved,
        "team_declined" => NoticeKind::TeamDeclined,
        "wish_approved" => NoticeKind::WishApproved,
        "wish_rejected" => NoticeKind::WishRejected,
        "wish_claimed" => NoticeKind::WishClaimed,
        "wish_released" => NoticeKind::WishReleased,
        "wish_fulfilled" => NoticeKind::WishFulfilled,
        "wish_confirmed" => NoticeKind::WishConfirmed,
        "wish_expired" => NoticeKind::WishExpired,
        "wish_withdrawn" => NoticeKind::WishWithdrawn,
        "order_rejected" => NoticeKind::OrderRejected,
        "order_dispatched" => NoticeKind::OrderDispatched,
        "order_accepted" => NoticeKind::OrderAccepted,
        "order_completed" => NoticeKind::OrderCompleted,
        "order_reassigned" => NoticeKind::OrderReassigned,
        "order_cancelled" => NoticeKind::OrderCancelled,
        _ => return None,
    })
}

fn to_wire(state: &AppState, row: NoticeRow) -> Option<Notice> {
    Some(Notice {
        id: row.id,
        kind: kind_of(&row.kind)?,
        created_at: state.time.to_wire(row.created_at),
        read: row.read_at.is_some(),
        activity_id: row.activity_id,
        team_id: row.team_id,
        wish_id: row.wish_id,
        order_id: row.order_id,
        subject_title: row.subject_title,
        reason: row.reason,
        starts_at: row.starts_at.map(|unix| state.time.to_wire(unix)),
    })
}
