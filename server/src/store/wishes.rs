//! 微心愿: one row per wish, its status moving by conditional updates on the status it starts
//! from (of fifty claims at once exactly one changes a row), its photos in `wish_photos`, its
//! steps in the timeline (`timeline.rs`).

use sqlx::{Any, AnyPool, Executor, Transaction};

/// The sites at and below `$1`.
const SUBTREE: &str = "WITH RECURSIVE subtree (id) AS (SELECT id FROM sites WHERE id = $1 \
     UNION ALL SELECT c.id FROM sites c JOIN subtree p ON c.parent_id = p.id) ";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WishRow {
    pub id: i64,
    pub site_id: i64,
    pub site_name: String,
    pub title: String,
    pub description: String,
    pub category: String,
    pub status: String,
    pub deadline: String,
    pub beneficiary_name: String,
    pub beneficiary_age: Option<i64>,
    pub beneficiary_group: Option<String>,
    pub requester_id: i64,
    pub contact: String,
    pub on_behalf_of: Option<String>,
    pub photo_public: i64,
    pub reject_reason: Option<String>,
    pub claimer_id: Option<i64>,
    pub claimer_name: Option<String>,
    pub fulfil_note: Option<String>,
    pub fulfilled_at: Option<i64>,
    pub rating: Option<i64>,
    pub thanks: Option<String>,
    pub posted_at: i64,
}

const SELECT_WISH: &str = "SELECT w.id, w.site_id, s.name AS site_name, w.title, \
     w.description, w.category, w.status, w.deadline, w.beneficiary_name, w.beneficiary_age, \
     w.beneficiary_group, w.requester_id, w.contact, w.on_behalf_of, w.photo_public, \
     w.reject_reason, w.claimer_id, c.display_name AS claimer_name, w.fulfil_note, \
     w.fulfilled_at, w.rating, w.thanks, w.posted_at \
     FROM wishes w JOIN sites s ON s.id = w.site_id LEFT JOIN accounts c ON c.id = w.claimer_id";

pub struct NewWish<'a> {
    pub site_id: i64,
    pub title: &'a str,
    pub description: &'a str,
    pub category: &'a str,
    pub deadline: &'a str,
    pub beneficiary_name: &'a str,
    pub beneficiary_age: Option<i64>,
    pub beneficiary_group: Option<&'a str>,
    pub requester_id: i64,
    pub contact: &'a str,
    pub on_behalf_of: Option<&'a str>,
    pub photo_id: Option<i64>,
    /// `submitted`, or `open` when staff post it.
    pub status: &'a str,
    pub now: i64,
}

/// The wish and its photo. A photo already in another wish breaks `wish_photos_photo`.
pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    wish: &NewWish<'_>,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO wishes (site_id, title, description, category, deadline, beneficiary_name, \
         beneficiary_age, beneficiary_group, requester_id, contact, on_behalf_of, status, \
         posted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(wish.site_id)
    .bind(wish.title)
    .bind(wish.description)
    .bind(wish.category)
    .bind(wish.deadline)
    .bind(wish.beneficiary_name)
    .bind(wish.beneficiary_age)
    .bind(wish.beneficiary_group)
    .bind(wish.requester_id)
    .bind(wish.contact)
    .bind(wish.on_behalf_of)
    .bind(wish.status)
    .bind(wish.now)
    .fetch_one(&mut **tx)
    .await?;
    if let Some(photo) = wish.photo_id {
        attach_photo(&mut **tx, id, photo, "wish").await?;
    }
    Ok(id)
}

pub async fn attach_photo<'e>(
    db: impl Executor<'e, Database = Any>,
    wish_id: i64,
    photo_id: i64,
    role: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO wish_photos (wish_id, photo_id, role) VALUES ($1, $2, $3)")
        .bind(wish_id)
        .bind(photo_id)
        .bind(role)
        .execute(db)
        .await
        .map(drop)
}

pub async fn by_id<'e>(
    db: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<Option<WishRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT_WISH} WHERE w.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// A shelf of the wall, of a site and the sites below it (every site without one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shelf {
    /// Open, the nearest deadline first; after `(deadline, id)`.
    Open,
    /// Claimed, the newest first.
    Claimed,
    /// Fulfilled or confirmed, the latest fulfilled first.
    Done,
}

pub struct WallFilter<'a> {
    pub site: Option<i64>,
    pub shelf: Shelf,
    /// Where the page before ended, in the shelf's order.
    pub after: Option<After<'a>>,
    /// The station's today, `YYYY-MM-DD`: an open wish past its deadline is on no shelf (even
    /// before housekeeping expires it).
    pub today: &'a str,
    pub limit: i64,
}

/// The last row of the page before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After<'a> {
    /// An open wish's deadline and id.
    Deadline(&'a str, i64),
    /// A claimed wish's id.
    Id(i64),
    /// A done wish's `fulfilled_at` and id.
    Fulfilled(i64, i64),
}

pub async fn wall(pool: &AnyPool, filter: &WallFilter<'_>) -> Result<Vec<WishRow>, sqlx::Error> {
    let (with, n) = match filter.site {
        Some(_) => (SUBTREE, 2),
        None => ("", 1),
    };
    let mut sql = format!("{with}{SELECT_WISH} WHERE ");
    sql.push_str(match filter.shelf {
        Shelf::Open => "w.status = 'open'",
        Shelf::Claimed => "w.status = 'claimed'",
        Shelf::Done => "w.status IN ('fulfilled', 'confirmed')",
    });
    if filter.site.is_some() {
        sql.push_str(" AND w.site_id IN (SELECT id FROM subtree)");
    }
    // Every shelf binds today (only the open one compares with it).
    sql.push_str(&format!(" AND (w.status <> 'open' OR w.deadline >= ${n})"));
    let n = n + 1;
    let (a, b, c) = (n, n + 1, n + 2);
    let limit = match filter.after {
        None => n,
        Some(After::Id(_)) => {
            sql.push_str(&format!(" AND w.id < ${a}"));
            n + 1
        }
        Some(After::Deadline(..)) => {
            sql.push_str(&format!(
                " AND (w.deadline > ${a} OR (w.deadline = ${b} AND w.id > ${c}))"
            ));
            n + 3
        }
        Some(After::Fulfilled(..)) => {
            sql.push_str(&format!(
                " AND (w.fulfilled_at < ${a} OR (w.fulfilled_at = ${b} AND w.id < ${c}))"
            ));
            n + 3
        }
    };
    sql.push_str(match filter.shelf {
        Shelf::Open => " ORDER BY w.deadline, w.id",
        Shelf::Claimed => " ORDER BY w.id DESC",
        Shelf::Done => " ORDER BY w.fulfilled_at DESC, w.id DESC",
    });
    sql.push_str(&format!(" LIMIT ${limit}"));
    let mut query = sqlx::query_as(&sql);
    if let Some(site) = filter.site {
        query = query.bind(site);
    }
    query = query.bind(filter.today);
    query = match filter.after {
        None => query,
        Some(After::Id(id)) => query.bind(id),
        Some(After::Deadline(deadline, id)) => query.bind(deadline).bind(deadline).bind(id),
        Some(After::Fulfilled(at, id)) => query.bind(at).bind(at).bind(id),
    };
    query.bind(filter.limit).fetch_all(pool).await
}

/// The wishes one account posted (`requester_id`) or claimed (`claimer_id`), newest first.
pub async fn of_account(
    pool: &AnyPool,
    column: Party,
    account_id: i64,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<WishRow>, sqlx::Error> {
    let column = match column {
        Party::Requester => "w.requester_id",
        Party::Claimer => "w.claimer_id",
    };
    sqlx::query_as(&format!(
        "{SELECT_WISH} WHERE {column} = $1 AND w.id < $2 ORDER BY w.id DESC LIMIT $3"
    ))
    .bind(account_id)
    .bind(before_id.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(pool)
    .await
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    Requester,
    Claimer,
}

/// Staff's queue: the wishes of these sites (every site for `None`), of one status or all, or
/// only the overdue ones (claimed, their deadline before `today`); newest first.
pub async fn for_staff(
    pool: &AnyPool,
    sites: Option<&[i64]>,
    status: Option<&str>,
    overdue_before: Option<&str>,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<WishRow>, sqlx::Error> {
    let sql = format!(
        "{SELECT_WISH} WHERE ($1 = '' OR w.status = $1) AND ($2 = '' OR \
         (w.status = 'claimed' AND w.deadline < $2)) AND w.id < $3{} ORDER BY w.id DESC LIMIT $4",
        super::and_site_in("w.site_id", 5, sites)
    );
    let mut query = sqlx::query_as(&sql)
        .bind(status.unwrap_or(""))
        .bind(overdue_before.unwrap_or(""))
        .bind(before_id.unwrap_or(i64::MAX))
        .bind(limit);
    for site in sites.unwrap_or_default() {
        query = query.bind(*site);
    }
    query.fetch_all(pool).await
}

/// The wishes of these sites and the sites below them (every site for `None`) posted in
/// `[from, to)` (unix seconds), whatever became of them, oldest first; at most `limit`.
pub async fn posted_between(
    pool: &AnyPool,
    sites: Option<&[i64]>,
    from: i64,
    to: i64,
    limit: i64,
) -> Result<Vec<WishRow>, sqlx::Error> {
    let (with, below) = super::sites_below("w.site_id", 4, sites);
    let sql = format!(
        "{with}{SELECT_WISH} WHERE w.posted_at >= $1 AND w.posted_at < $2{below} \
         ORDER BY w.posted_at, w.id LIMIT $3"
    );
    let mut query = sqlx::query_as(&sql).bind(from).bind(to).bind(limit);
    for site in sites.unwrap_or_default() {
        query = query.bind(*site);
    }
    query.fetch_all(pool).await
}

pub use super::steps::{Bind, Move};

/// Moves a wish's status (see [`Move`]).
pub async fn move_status<'e>(
    db: impl Executor<'e, Database = Any>,
    id: i64,
    step: &Move<'_>,
    binds: &[Bind<'_>],
) -> Result<bool, sqlx::Error> {
    super::steps::move_status(db, "wishes", id, step, binds).await
}

/// The wishes nobody claimed by their deadline (before `today`), to be expired.
pub async fn due_to_expire(pool: &AnyPool, today: &str) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM wishes WHERE status IN ('submitted', 'open') AND deadline < $1 \
         ORDER BY id LIMIT 500",
    )
    .bind(today)
    .fetch_all(pool)
    .await
}

/// This year's figures of a site and the sites below it (every site without one): open now,
/// posted (and not refused or withdrawn), fulfilled.
pub async fn figures(
    pool: &AnyPool,
    site: Option<i64>,
    year_start: i64,
    today: &str,
) -> Result<(i64, i64, i64), sqlx::Error> {
    let (with, scope, first) = match site {
        Some(_) => (SUBTREE, " AND site_id IN (SELECT id FROM subtree)", 2),
        None => ("", "", 1),
    };
    let today_at = first + 1;
    let sql = format!(
        "{with}SELECT \
         (SELECT COUNT(*) FROM wishes WHERE status = 'open' AND deadline >= ${today_at}{scope}), \
         (SELECT COUNT(*) FROM wishes WHERE posted_at >= ${first} \
          AND status NOT IN ('submitted', 'rejected', 'withdrawn'){scope}), \
         (SELECT COUNT(*) FROM wishes WHERE fulfilled_at >= ${first} \
          AND status IN ('fulfilled', 'confirmed'){scope})"
    );
    let mut query = sqlx::query_as(&sql);
    if let Some(site) = site {
        query = query.bind(site);
    }
    query.bind(year_start).bind(today).fetch_one(pool).await
}

/// Expires the wishes nobody claimed by their deadline (before `today`): each in its own
/// transaction with its timeline entry and its requester's notice, and only if it is still
/// unclaimed (a claim at the same moment wins). Answers the ones that expired.
pub async fn expire_due(pool: &AnyPool, today: &str, now: i64) -> Result<Vec<i64>, sqlx::Error> {
    let mut expired = Vec::new();
    for id in due_to_expire(pool, today).await? {
        let mut tx = super::begin_write(pool).await?;
        let moved = move_status(
            &mut *tx,
            id,
            &Move {
                from: &["submitted", "open"],
                set: "status = 'expired'",
                guard: " AND deadline < $2",
            },
            &[Bind::Text(today)],
        )
        .await?;
        if !moved {
            continue;
        }
        super::timeline::add(
            &mut *tx,
            &super::timeline::Step {
                subject: "wish",
                subject_id: id,
                at: now,
                event: "expired",
                actor_id: None,
                on_behalf: false,
                note: None,
            },
        )
        .await?;
        let requester: i64 = sqlx::query_scalar("SELECT requester_id FROM wishes WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        super::notices::wish_moved(&mut *tx, id, requester, "wish_expired", None, now).await?;
        tx.commit().await?;
        expired.push(id);
    }
    Ok(expired)
}
