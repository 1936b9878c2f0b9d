//! 点单: a site's service menu, and orders of its items, their status moving by conditional
//! updates (`steps.rs`), their steps in the timeline.

use sqlx::{Any, AnyPool, Executor, Transaction};

pub use super::steps::{Bind, Move};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ServiceRow {
    pub id: i64,
    pub site_id: i64,
    pub site_name: String,
    pub name: String,
    pub description: String,
    pub active: i64,
}

const SELECT_SERVICE: &str = "SELECT v.id, v.site_id, s.name AS site_name, v.name, \
     v.description, v.active FROM services v JOIN sites s ON s.id = v.site_id";

/// A site's menu (an order of an item is its site's: its staff review it), active items only
/// unless `all`.
pub async fn menu(
    pool: &AnyPool,
    site: Option<i64>,
    all: bool,
) -> Result<Vec<ServiceRow>, sqlx::Error> {
    let active = if all { "" } else { " AND v.active = 1" };
    match site {
        Some(site) => {
            sqlx::query_as(&format!(
                "{SELECT_SERVICE} WHERE v.site_id = $1{active} ORDER BY v.id LIMIT 500"
            ))
            .bind(site)
            .fetch_all(pool)
            .await
        }
        None => {
            sqlx::query_as(&format!(
                "{SELECT_SERVICE} WHERE 1 = 1{active} ORDER BY v.id LIMIT 500"
            ))
            .fetch_all(pool)
            .await
        }
    }
}

pub async fn service(pool: &AnyPool, id: i64) -> Result<Option<ServiceRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT_SERVICE} WHERE v.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

pub async fn insert_service<'e>(
    db: impl Executor<'e, Database = Any>,
    site_id: i64,
    name: &str,
    description: &str,
    active: bool,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO services (site_id, name, description, active) VALUES ($1, $2, $3, $4) \
         RETURNING id",
    )
    .bind(site_id)
    .bind(name)
    .bind(description)
    .bind(i64::from(active))
    .fetch_one(db)
    .await
}

pub async fn update_service(
    pool: &AnyPool,
    id: i64,
    name: &str,
    description: &str,
    active: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE services SET name = $2, description = $3, active = $4 WHERE id = $1")
        .bind(id)
        .bind(name)
        .bind(description)
        .bind(i64::from(active))
        .execute(pool)
        .await
        .map(drop)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrderRow {
    pub id: i64,
    pub site_id: i64,
    pub site_name: String,
    pub service_id: i64,
    pub service_name: String,
    pub status: String,
    pub requester_id: i64,
    pub requester_name: String,
    pub preferred_time: String,
    pub address: String,
    pub phone: String,
    pub note: String,
    pub on_behalf_of: Option<String>,
    pub team_id: Option<i64>,
    pub team_name: Option<String>,
    pub volunteer_id: Option<i64>,
    pub volunteer_name: Option<String>,
    pub reason: Option<String>,
    pub rating: Option<i64>,
    pub comment: Option<String>,
    pub ordered_at: i64,
}

const SELECT_ORDER: &str = "SELECT o.id, o.site_id, s.name AS site_name, o.service_id, \
     v.name AS service_name, o.status, o.requester_id, r.display_name AS requester_name, \
     o.preferred_time, o.address, o.phone, o.note, o.on_behalf_of, o.team_id, \
     t.name AS team_name, o.volunteer_id, a.display_name AS volunteer_name, o.reason, o.rating, \
     o.comment, o.ordered_at FROM orders o JOIN sites s ON s.id = o.site_id \
     JOIN services v ON v.id = o.service_id JOIN accounts r ON r.id = o.requester_id \
     LEFT JOIN teams t ON t.id = o.team_id LEFT JOIN accounts a ON a.id = o.volunteer_id";

pub struct NewOrder<'a> {
    pub site_id: i64,
    pub service_id: i64,
    pub requester_id: i64,
    pub preferred_time: &'a str,
    pub address: &'a str,
    pub phone: &'a str,
    pub note: &'a str,
    pub on_behalf_of: Option<&'a str>,
    /// `submitted`, or `open` when staff place it.
    pub status: &'a str,
    pub now: i64,
}

pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    order: &NewOrder<'_>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO orders (site_id, service_id, requester_id, preferred_time, address, phone, \
         note, on_behalf_of, status, ordered_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(order.site_id)
    .bind(order.service_id)
    .bind(order.requester_id)
    .bind(order.preferred_time)
    .bind(order.address)
    .bind(order.phone)
    .bind(order.note)
    .bind(order.on_behalf_of)
    .bind(order.status)
    .bind(order.now)
    .fetch_one(&mut **tx)
    .await
}

pub async fn by_id<'e>(
    db: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<Option<OrderRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT_ORDER} WHERE o.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Whose orders a list is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mine {
    /// Those one ordered.
    Ordered,
    /// Those dispatched to a team one is in (not yet accepted), and those one accepted.
    Tasks,
}

pub async fn of_account(
    pool: &AnyPool,
    mine: Mine,
    account_id: i64,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<OrderRow>, sqlx::Error> {
    let whose = match mine {
        Mine::Ordered => "o.requester_id = $1",
        Mine::Tasks => {
            "(o.volunteer_id = $1 OR (o.status = 'dispatched' AND o.team_id IN \
             (SELECT m.team_id FROM team_members m JOIN teams t ON t.id = m.team_id \
              WHERE m.account_id = $1 AND m.status = 'member' AND t.archived_at IS NULL \
              UNION SELECT id FROM teams WHERE leader_account_id = $1 AND archived_at IS NULL)))"
        }
    };
    sqlx::query_as(&format!(
        "{SELECT_ORDER} WHERE {whose} AND o.id < $2 ORDER BY o.id DESC LIMIT $3"
    ))
    .bind(account_id)
    .bind(before_id.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Staff's queue: the orders of these sites (every site for `None`), of one status or all,
/// newest first.
pub async fn for_staff(
    pool: &AnyPool,
    sites: Option<&[i64]>,
    status: Option<&str>,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<OrderRow>, sqlx::Error> {
    let sql = format!(
        "{SELECT_ORDER} WHERE ($1 = '' OR o.status = $1) AND o.id < $2{} ORDER BY o.id DESC LIMIT $3",
        super::and_site_in("o.site_id", 4, sites)
    );
    let mut query = sqlx::query_as(&sql)
        .bind(status.unwrap_or(""))
        .bind(before_id.unwrap_or(i64::MAX))
        .bind(limit);
    for site in sites.unwrap_or_default() {
        query = query.bind(*site);
    }
    query.fetch_all(pool).await
}

/// The orders of these sites and the sites below them (every site for `None`) placed in
/// `[from, to)` (unix seconds), oldest first; at most `limit`.
pub async fn ordered_between(
    pool: &AnyPool,
    sites: Option<&[i64]>,
    from: i64,
    to: i64,
    limit: i64,
) -> Result<Vec<OrderRow>, sqlx::Error> {
    let (with, below) = super::sites_below("o.site_id", 4, sites);
    let sql = format!(
        "{with}{SELECT_ORDER} WHERE o.ordered_at >= $1 AND o.ordered_at < $2{below} \
         ORDER BY o.ordered_at, o.id LIMIT $3"
    );
    let mut query = sqlx::query_as(&sql).bind(from).bind(to).bind(limit);
    for site in sites.unwrap_or_default() {
        query = query.bind(*site);
    }
    query.fetch_all(pool).await
}

/// Whether the account is a member (or the leader) of the team.
pub async fn in_team(pool: &AnyPool, team_id: i64, account_id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT m.team_id FROM team_members m JOIN teams t ON t.id = m.team_id \
         WHERE m.team_id = $1 AND m.account_id = $2 AND m.status = 'member' AND t.archived_at IS NULL \
         UNION SELECT id FROM teams WHERE id = $1 AND leader_account_id = $2 AND archived_at IS NULL",
    )
    .bind(team_id)
    .bind(account_id)
    .fetch_optional(pool)
    .await?;
    Ok(found.is_some())
}

/// The teams one is in, as a member or its leader (archived ones left out).
pub async fn teams_of(pool: &AnyPool, account_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT m.team_id FROM team_members m JOIN teams t ON t.id = m.team_id \
         WHERE m.account_id = $1 AND m.status = 'member' AND t.archived_at IS NULL \
         UNION SELECT id FROM teams WHERE leader_account_id = $1 AND archived_at IS NULL",
    )
    .bind(account_id)
    .fetch_all(pool)
    .await
}

/// The members (and the leader) of a team, to tell them of an order dispatched to it.
pub async fn team_people<'e>(
    db: impl Executor<'e, Database = Any>,
    team_id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT m.account_id FROM team_members m JOIN teams t ON t.id = m.team_id \
         WHERE m.team_id = $1 AND m.status = 'member' AND t.archived_at IS NULL \
         UNION SELECT leader_account_id FROM teams WHERE id = $1 AND leader_account_id IS NOT NULL \
         AND archived_at IS NULL",
    )
    .bind(team_id)
    .fetch_all(db)
    .await
}

/// Whether a team at `team_site` serves an order of `order_site`: the same site, one below it,
/// or one above it (a 所's team serves its stations).
pub async fn team_serves(
    pool: &AnyPool,
    team_site: i64,
    order_site: i64,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "WITH RECURSIVE below (id) AS (SELECT id FROM sites WHERE id = $2 \
         UNION ALL SELECT c.id FROM sites c JOIN below b ON c.parent_id = b.id), \
         above (id, parent_id) AS (SELECT id, parent_id FROM sites WHERE id = $2 \
         UNION ALL SELECT s.id, s.parent_id FROM sites s JOIN above a ON s.id = a.parent_id) \
         SELECT id FROM below WHERE id = $1 UNION SELECT id FROM above WHERE id = $1",
    )
    .bind(team_site)
    .bind(order_site)
    .fetch_optional(pool)
    .await?;
    Ok(found.is_some())
}

/// Moves an order's status (see [`Move`]).
pub async fn move_status<'e>(
    db: impl Executor<'e, Database = Any>,
    id: i64,
    step: &Move<'_>,
    binds: &[Bind<'_>],
) -> Result<bool, sqlx::Error> {
    super::steps::move_status(db, "orders", id, step, binds).await
}
