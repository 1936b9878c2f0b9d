//! 点单: the service menu (项目清单) everyone reads and staff keep; placing an order (a resident,
//! or staff for a resident without a smartphone); one order, one's orders and tasks, staff's
//! queue. The steps of an order's life live in `steps.rs`.
//!
//! An order is its parties' alone: its resident, staff of its site, the team it was dispatched
//! to (until one of them accepts it) and the volunteer who accepted it; anyone else is told it
//! does not exist. The address, the phone and who ordered it are for staff and the assigned
//! volunteer only. [`view`] is the one place that decides it.

pub mod steps;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use station_wire::orders::{
    NewOrder, Order, OrderStatus, OrderStep, OrderTeam, ServiceEdit, ServiceInput, ServiceItem,
    ORDER_PHONE_MAX_CHARS, ORDER_TEXT_MAX_CHARS, PREFERRED_TIME_MAX_CHARS, SERVICE_NAME_MAX_CHARS,
};
use station_wire::page::{List, Page};
use station_wire::problem::codes;
use station_wire::sites::SiteRef;
use station_wire::wishes::{TimelineEntry, TimelineEvent};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::audit::Log;
use super::extract::{JsonBody, PathId};
use super::openapi::{Invalid, Unauthorized};
use super::paging::{IdPage, PageQuery};
use super::text;
use crate::auth::policy::{self, StaffScope};
use crate::auth::AuthUser;
use crate::error::{ApiError, FieldErrors};
use crate::state::AppState;
use crate::store::orders::{self, Mine, NewOrder as NewRow, OrderRow, ServiceRow};
use crate::store::sites;
use crate::store::timeline::{self, Step};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(menu, add_service))
        .routes(routes!(edit_service))
        .routes(routes!(place_order))
        .routes(routes!(order))
        .routes(routes!(my_orders))
        .routes(routes!(my_tasks))
        .routes(routes!(staff_orders))
        .merge(steps::router())
}

/// `404` for an order that does not exist or that the reader may not see.
#[derive(utoipa::IntoResponses)]
#[response(
    status = 404,
    description = "No such order",
    content_type = "application/problem+json"
)]
pub struct NoSuchOrder(#[allow(dead_code)] station_wire::problem::Problem);

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MenuQuery {
    /// This site's menu (absent: every site's).
    pub site_id: Option<i64>,
    /// Also the items taken off the menu (staff keeping it).
    pub all: Option<bool>,
}

/// The service menu (项目清单): what a resident may order at a site (its own items).
#[utoipa::path(get, path = "/api/v1/services", tag = "orders",
    params(MenuQuery),
    responses(
        (status = 200, description = "The items, oldest first", body = List<ServiceItem>),
        (status = 400, description = "`site_id` not a whole number", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`site_id` (unknown)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn menu(
    State(state): State<AppState>,
    query: Result<Query<MenuQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<List<ServiceItem>>, ApiError> {
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let pool = state.store.pool();
    if let Some(site) = query.site_id {
        if sites::by_id(pool, site).await?.is_none() {
            return Err(ApiError::invalid_given_state(
                "site_id",
                codes::UNKNOWN,
                "No such site.",
            ));
        }
    }
    let rows = orders::menu(pool, query.site_id, query.all.unwrap_or(false)).await?;
    Ok(Json(List {
        items: rows.into_iter().map(service_wire).collect(),
    }))
}

fn service_wire(row: ServiceRow) -> ServiceItem {
    ServiceItem {
        id: row.id,
        site: SiteRef {
            id: row.site_id,
            name: row.site_name,
        },
        name: row.name,
        description: row.description,
        active: row.active == 1,
    }
}

fn service_text<'a>(input: &'a ServiceEdit, errors: &mut FieldErrors) -> (&'a str, &'a str) {
    let name = text::required(errors, "name", &input.name, SERVICE_NAME_MAX_CHARS);
    let description = text::optional(
        errors,
        "description",
        &input.description,
        ORDER_TEXT_MAX_CHARS,
    );
    (name, description)
}

/// Add an item to a site's menu (staff of the site).
#[utoipa::path(post, path = "/api/v1/services", tag = "orders",
    request_body = ServiceInput,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The item", body = ServiceItem),
        (status = 400, description = "`name` (required, too_long), `description` (too_long)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the site", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`site_id` (unknown)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized,
    ))]
pub async fn add_service(
    State(state): State<AppState>,
    user: AuthUser,
    JsonBody(input): JsonBody<ServiceInput>,
) -> Result<(StatusCode, Json<ServiceItem>), ApiError> {
    let mut errors = FieldErrors::default();
    let (name, description) = service_text(&input.edit, &mut errors);
    errors.into_result()?;
    let pool = state.store.pool();
    if sites::by_id(pool, input.site_id)
        .await?
        .is_none_or(|site| site.archived_at.is_some())
    {
        return Err(ApiError::invalid_given_state(
            "site_id",
            codes::UNKNOWN,
            "No such site.",
        ));
    }
    require_staff(&state, &user, input.site_id).await?;
    let id =
        orders::insert_service(pool, input.site_id, name, description, input.edit.active).await?;
    Log::new(
        &state,
        &user,
        Some(input.site_id),
        "service.create",
        format!("service:{id}"),
    )
    .save()
    .await?;
    let row = orders::service(pool, id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("Service {id}")))?;
    Ok((StatusCode::CREATED, Json(service_wire(row))))
}

/// Change an item's words, or take it off the menu (`active: false`) — its orders stay.
#[utoipa::path(put, path = "/api/v1/services/{id}", tag = "orders",
    params(("id" = i64, Path, description = "The item's id")),
    request_body = ServiceEdit,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The item as it is now", body = ServiceItem),
        (status = 400, description = "`name` (required, too_long), `description` (too_long)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the item's site", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such item", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Invalid, Unauthorized,
    ))]
pub async fn edit_service(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
    JsonBody(input): JsonBody<ServiceEdit>,
) -> Result<Json<ServiceItem>, ApiError> {
    let pool = state.store.pool();
    let row = orders::service(pool, id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("Service {id}")))?;
    require_staff(&state, &user, row.site_id).await?;
    let mut errors = FieldErrors::default();
    let (name, description) = service_text(&input, &mut errors);
    errors.into_result()?;
    orders::update_service(pool, id, name, description, input.active).await?;
    Log::new(
        &state,
        &user,
        Some(row.site_id),
        "service.update",
        format!("service:{id}"),
    )
    .save()
    .await?;
    let row = orders::service(pool, id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("Service {id}")))?;
    Ok(Json(service_wire(row)))
}

const INVALID_ORDER: &str =
    "`preferred_time`, `address`, `phone` (required, too_long), `note`, `on_behalf_of` (too_long)";

/// Order an item of the menu (点单): for oneself (staff review it), or — staff of its site — for
/// a resident without a smartphone (`on_behalf_of`), open at once.
#[utoipa::path(post, path = "/api/v1/orders", tag = "orders",
    request_body = NewOrder,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The order, submitted (open when staff placed it)", body = Order),
        (status = 400, description = INVALID_ORDER, body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "`on_behalf_of` by someone who is not staff of the item's site", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`service_id` (unknown, or off the menu)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized,
    ))]
pub async fn place_order(
    State(state): State<AppState>,
    user: AuthUser,
    JsonBody(input): JsonBody<NewOrder>,
) -> Result<(StatusCode, Json<Order>), ApiError> {
    let pool = state.store.pool();
    let mut errors = FieldErrors::default();
    let preferred = text::required(
        &mut errors,
        "preferred_time",
        &input.preferred_time,
        PREFERRED_TIME_MAX_CHARS,
    );
    let address = text::required(&mut errors, "address", &input.address, ORDER_TEXT_MAX_CHARS);
    let phone = text::required(&mut errors, "phone", &input.phone, ORDER_PHONE_MAX_CHARS);
    let note = text::optional(&mut errors, "note", &input.note, ORDER_TEXT_MAX_CHARS);
    let on_behalf_of = input
        .on_behalf_of
        .as_deref()
        .map(|who| text::optional(&mut errors, "on_behalf_of", who, ORDER_TEXT_MAX_CHARS))
        .filter(|who| !who.is_empty());
    errors.into_result()?;
    let service = orders::service(pool, input.service_id)
        .await?
        .filter(|service| service.active == 1)
        .ok_or_else(|| {
            ApiError::invalid_given_state(
                "service_id",
                codes::UNKNOWN,
                "No such service on the menu.",
            )
        })?;
    let staff_places = on_behalf_of.is_some();
    if staff_places {
        require_staff(&state, &user, service.site_id).await?;
    }
    let now = state.time.now_unix();
    let mut tx = crate::store::begin_write(pool).await?;
    let id = orders::insert(
        &mut tx,
        &NewRow {
            site_id: service.site_id,
            service_id: service.id,
            requester_id: user.account_id,
            preferred_time: preferred,
            address,
            phone,
            note,
            on_behalf_of,
            status: if staff_places { "open" } else { "submitted" },
            now,
        },
    )
    .await?;
    timeline::add(
        &mut *tx,
        &Step {
            subject: "order",
            subject_id: id,
            at: now,
            event: "ordered",
            actor_id: Some(user.account_id),
            on_behalf: staff_places,
            note: None,
        },
    )
    .await?;
    if staff_places {
        Log::new(
            &state,
            &user,
            Some(service.site_id),
            "order.create",
            subject(id),
        )
        .save_in(&mut tx)
        .await?;
    }
    tx.commit().await?;
    let row = row_or_404(&state, id).await?;
    Ok((StatusCode::CREATED, Json(one(&state, &user, row).await?)))
}

/// One order, for its parties only.
#[utoipa::path(get, path = "/api/v1/orders/{id}", tag = "orders",
    params(("id" = i64, Path, description = "The order's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The order, as the reader may see it", body = Order),
        Invalid, Unauthorized, NoSuchOrder,
    ))]
pub async fn order(
    State(state): State<AppState>,
    user: AuthUser,
    PathId(id): PathId,
) -> Result<Json<Order>, ApiError> {
    let (row, _) = party_row(&state, &user, id).await?;
    Ok(Json(one(&state, &user, row).await?))
}

/// The orders one placed, newest first, each with what one may do next.
#[utoipa::path(get, path = "/api/v1/me/orders", tag = "orders",
    params(PageQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of one's orders, newest first", body = Page<Order>),
        (status = 400, description = "`limit` out of range", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`cursor`: not from an earlier page", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized,
    ))]
pub async fn my_orders(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Page<Order>>, ApiError> {
    of_account(&state, &user, query, Mine::Ordered).await
}

/// A volunteer's tasks: the orders dispatched to a team one is in (to accept) and those one
/// accepted, newest first.
#[utoipa::path(get, path = "/api/v1/me/tasks", tag = "orders",
    params(PageQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of one's tasks, newest first", body = Page<Order>),
        (status = 400, description = "`limit` out of range", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`cursor`: not from an earlier page", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized,
    ))]
pub async fn my_tasks(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Page<Order>>, ApiError> {
    of_account(&state, &user, query, Mine::Tasks).await
}

async fn of_account(
    state: &AppState,
    user: &AuthUser,
    query: Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>,
    mine: Mine,
) -> Result<Json<Page<Order>>, ApiError> {
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let mut errors = FieldErrors::default();
    let page = IdPage::read(query.limit, query.cursor.as_deref(), &mut errors);
    errors.into_result()?;
    let rows = orders::of_account(
        state.store.pool(),
        mine,
        user.account_id,
        page.before_id,
        page.fetch(),
    )
    .await?;
    let (rows, next_cursor) = page.finish(rows, |row| row.id);
    let items = views(state, user, rows).await?;
    Ok(Json(Page { items, next_cursor }))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StaffQuery {
    /// Only this site's (one the reader runs; absent: every site they run).
    pub site_id: Option<i64>,
    /// Only these (absent: all): `submitted` to review, `open` to dispatch.
    pub status: Option<OrderStatus>,
    /// 1–200, default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// A `next_cursor` from an earlier page (opaque; empty: the first page).
    pub cursor: Option<String>,
}

/// Staff's queue: the orders of the sites one runs, newest first, with every detail.
#[utoipa::path(get, path = "/api/v1/staff/orders", tag = "orders",
    params(StaffQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of orders, newest first", body = Page<Order>),
        (status = 400, description = "`status` unknown, `limit` out of range", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of any site (or not of `site_id`)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`cursor`: not from an earlier page", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        Unauthorized,
    ))]
pub async fn staff_orders(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<Query<StaffQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Page<Order>>, ApiError> {
    let Query(query) = query.map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let mut errors = FieldErrors::default();
    let page = IdPage::read(query.limit, query.cursor.as_deref(), &mut errors);
    errors.into_result()?;
    let pool = state.store.pool();
    let sites = StaffScope::queue_sites(pool, &user, query.site_id).await?;
    let rows = orders::for_staff(
        pool,
        sites.as_deref(),
        query.status.map(OrderStatus::slug),
        page.before_id,
        page.fetch(),
    )
    .await?;
    let (rows, next_cursor) = page.finish(rows, |row| row.id);
    let items = views(&state, &user, rows).await?;
    Ok(Json(Page { items, next_cursor }))
}

/// How the reader stands to an order.
#[derive(Debug, Clone, Copy, Default)]
pub struct Relation {
    pub staff: bool,
    pub requester: bool,
    /// The volunteer who accepted it.
    pub volunteer: bool,
    /// In the team it was dispatched to.
    pub in_team: bool,
}

impl Relation {
    pub async fn of(state: &AppState, user: &AuthUser, row: &OrderRow) -> Result<Self, ApiError> {
        let pool = state.store.pool();
        let scope = StaffScope::of(pool, user).await?;
        let in_team = match row.team_id {
            Some(team) => orders::in_team(pool, team, user.account_id).await?,
            None => false,
        };
        Ok(Self::with(user, &scope, row, in_team))
    }

    fn with(user: &AuthUser, scope: &StaffScope, row: &OrderRow, in_team: bool) -> Self {
        Relation {
            staff: scope.covers(row.site_id),
            requester: row.requester_id == user.account_id,
            volunteer: row.volunteer_id == Some(user.account_id),
            in_team,
        }
    }

    /// Reads the order at all: the team only while it waits for one of them.
    pub fn sees(self, status: OrderStatus) -> bool {
        self.staff
            || self.requester
            || self.volunteer
            || (self.in_team && status == OrderStatus::Dispatched)
    }

    /// Reads where to go and whom to call: staff, and the volunteer while the order is theirs
    /// to do (not once it is done or cancelled).
    pub fn goes(self, status: OrderStatus) -> bool {
        self.staff || (self.volunteer && status == OrderStatus::Accepted)
    }
}

/// What the reader may do with the order now.
pub fn steps_of(status: OrderStatus, relation: Relation, for_resident: bool) -> Vec<OrderStep> {
    let mut steps = Vec::new();
    let staff = relation.staff;
    match status {
        OrderStatus::Submitted if staff => steps.extend([OrderStep::Approve, OrderStep::Reject]),
        OrderStatus::Open if staff => steps.push(OrderStep::Dispatch),
        OrderStatus::Dispatched | OrderStatus::Accepted if staff => steps.push(OrderStep::Dispatch),
        _ => {}
    }
    if status == OrderStatus::Dispatched && relation.in_team && !relation.requester {
        steps.push(OrderStep::Accept);
    }
    if status == OrderStatus::Accepted && relation.volunteer {
        steps.push(OrderStep::Complete);
    }
    // Staff rate only an order they placed for a resident without a smartphone.
    if status == OrderStatus::Completed
        && (relation.requester || (staff && for_resident))
        && !relation.volunteer
    {
        steps.push(OrderStep::Rate);
    }
    let cancellable = match status {
        OrderStatus::Submitted | OrderStatus::Open | OrderStatus::Dispatched => {
            relation.requester || staff
        }
        OrderStatus::Accepted => staff,
        _ => false,
    };
    if cancellable {
        steps.push(OrderStep::Cancel);
    }
    steps
}

/// The order as this reader may see it.
pub fn view(
    state: &AppState,
    row: OrderRow,
    relation: Relation,
    timeline: Vec<TimelineEntry>,
) -> Order {
    let status = OrderStatus::from_slug(&row.status).unwrap_or(OrderStatus::Submitted);
    let goes = relation.goes(status);
    Order {
        id: row.id,
        site: SiteRef {
            id: row.site_id,
            name: row.site_name,
        },
        service_id: row.service_id,
        service_name: row.service_name,
        status,
        preferred_time: row.preferred_time,
        note: row.note,
        ordered_at: state.time.to_wire(row.ordered_at),
        team: match (row.team_id, row.team_name) {
            (Some(id), Some(name)) => Some(OrderTeam { id, name }),
            _ => None,
        },
        volunteer_name: row.volunteer_name,
        steps: steps_of(status, relation, row.on_behalf_of.is_some()),
        requester_name: goes.then_some(row.requester_name),
        address: goes.then_some(row.address),
        phone: goes.then_some(row.phone),
        on_behalf_of: row.on_behalf_of.filter(|_| goes || relation.requester),
        reason: row.reason,
        rating: row.rating.and_then(|rating| u8::try_from(rating).ok()),
        comment: row.comment,
        timeline,
    }
}

async fn views(
    state: &AppState,
    user: &AuthUser,
    rows: Vec<OrderRow>,
) -> Result<Vec<Order>, ApiError> {
    let pool = state.store.pool();
    let scope = StaffScope::of(pool, user).await?;
    // One query for the page, not one per order.
    let teams = orders::teams_of(pool, user.account_id).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let in_team = row.team_id.is_some_and(|team| teams.contains(&team));
            let relation = Relation::with(user, &scope, &row, in_team);
            view(state, row, relation, Vec::new())
        })
        .collect())
}

/// One order with its timeline, as this reader may see it.
pub async fn one(state: &AppState, user: &AuthUser, row: OrderRow) -> Result<Order, ApiError> {
    let relation = Relation::of(state, user, &row).await?;
    // The team and the volunteer read who did a step only when it was theirs: who ordered it is
    // staff's and the volunteer's to know from the order itself, not the team's from its history.
    let names = relation.staff || relation.requester;
    let timeline = timeline::of(state.store.pool(), "order", row.id)
        .await?
        .into_iter()
        .filter_map(|step| {
            let own = step.actor_id == Some(user.account_id);
            Some(TimelineEntry {
                at: state.time.to_wire(step.at),
                event: event_of(&step.event)?,
                by: step.actor_name.filter(|_| names || own),
                on_behalf: step.on_behalf == 1,
                note: step.note,
            })
        })
        .collect();
    Ok(view(state, row, relation, timeline))
}

fn event_of(event: &str) -> Option<TimelineEvent> {
    Some(match event {
        "ordered" => TimelineEvent::Ordered,
        "approved" => TimelineEvent::Approved,
        "rejected" => TimelineEvent::Rejected,
        "dispatched" => TimelineEvent::Dispatched,
        "accepted" => TimelineEvent::Accepted,
        "completed" => TimelineEvent::Completed,
        "rated" => TimelineEvent::Rated,
        "cancelled" => TimelineEvent::Cancelled,
        _ => return None,
    })
}

pub fn subject(id: i64) -> String {
    format!("order:{id}")
}

pub async fn row_or_404(state: &AppState, id: i64) -> Result<OrderRow, ApiError> {
    orders::by_id(state.store.pool(), id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("Order {id}")))
}

/// The row and how the reader stands to it: 404 when they may not see it.
pub async fn party_row(
    state: &AppState,
    user: &AuthUser,
    id: i64,
) -> Result<(OrderRow, Relation), ApiError> {
    let row = row_or_404(state, id).await?;
    let relation = Relation::of(state, user, &row).await?;
    let status = OrderStatus::from_slug(&row.status).unwrap_or(OrderStatus::Submitted);
    if relation.sees(status) {
        Ok((row, relation))
    } else {
        Err(ApiError::not_found(format!("Order {id}")))
    }
}

pub async fn require_staff(
    state: &AppState,
    user: &AuthUser,
    site_id: i64,
) -> Result<(), ApiError> {
    policy::require(
        policy::is_staff_of(state.store.pool(), user, site_id).await?,
        "staff of the site or administrators",
    )
}
