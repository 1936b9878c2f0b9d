//! 站内消息: written in the transaction of the change they tell of, read by their recipient,
//! and sent out through the webhook (its delivery state lives on the row).

use sqlx::{Any, AnyPool, Executor, Transaction};

/// What happened to an activity that its volunteers are told of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityChange {
    /// Cancelled: the notice carries the reason.
    Cancelled,
    /// Moved to another time: the notice carries the new start.
    Moved,
}

/// Everyone signed up for (or waiting for) the activity is told of `change` (not for an
/// activity already over: there is nothing left to miss).
pub async fn activity_changed(
    tx: &mut Transaction<'static, Any>,
    activity_id: i64,
    change: ActivityChange,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (kind, reason, starts_at) = match change {
        ActivityChange::Cancelled => ("activity_cancelled", "a.cancel_reason", "NULL"),
        ActivityChange::Moved => ("activity_moved", "NULL", "a.starts_at"),
    };
    sqlx::query(&format!(
        "INSERT INTO notices (account_id, kind, activity_id, subject_title, reason, starts_at, \
         created_at, webhook_next_at) \
         SELECT s.account_id, '{kind}', a.id, a.title, {reason}, {starts_at}, $2, 0 \
         FROM signups s JOIN activities a ON a.id = s.activity_id \
         WHERE s.activity_id = $1 AND s.status IN ('confirmed', 'waitlisted') AND a.ends_at > $2 \
         ORDER BY s.id"
    ))
    .bind(activity_id)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map(drop)
}

/// The waitlisted sign-up `signup_id` has just taken a freed place.
pub async fn promoted(
    tx: &mut Transaction<'static, Any>,
    signup_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notices (account_id, kind, activity_id, subject_title, created_at, webhook_next_at) \
         SELECT s.account_id, 'waitlist_promoted', a.id, a.title, $2, 0 \
         FROM signups s JOIN activities a ON a.id = s.activity_id WHERE s.id = $1",
    )
    .bind(signup_id)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map(drop)
}

/// `account_id`'s request to join the team was approved or declined.
pub async fn team_decided<'e>(
    db: impl Executor<'e, Database = Any>,
    team_id: i64,
    account_id: i64,
    approved: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    let kind = if approved {
        "team_approved"
    } else {
        "team_declined"
    };
    sqlx::query(
        "INSERT INTO notices (account_id, kind, team_id, subject_title, created_at, webhook_next_at) \
         SELECT $2, $3, t.id, t.name, $4, 0 FROM teams t WHERE t.id = $1",
    )
    .bind(team_id)
    .bind(account_id)
    .bind(kind)
    .bind(now)
    .execute(db)
    .await
    .map(drop)
}

/// `account_id` is told that the wish moved on (`kind`: `wish_approved`, …), with a reason
/// where there is one.
pub async fn wish_moved<'e>(
    db: impl Executor<'e, Database = Any>,
    wish_id: i64,
    account_id: i64,
    kind: &str,
    reason: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notices (account_id, kind, wish_id, subject_title, reason, created_at, webhook_next_at) \
         SELECT $2, $3, w.id, w.title, $4, $5, 0 FROM wishes w WHERE w.id = $1",
    )
    .bind(wish_id)
    .bind(account_id)
    .bind(kind)
    .bind(reason)
    .bind(now)
    .execute(db)
    .await
    .map(drop)
}

/// `account_id` is told that the order moved on (`kind`: `order_dispatched`, …), with a reason
/// where there is one.
pub async fn order_moved<'e>(
    db: impl Executor<'e, Database = Any>,
    order_id: i64,
    account_id: i64,
    kind: &str,
    reason: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notices (account_id, kind, order_id, subject_title, reason, created_at, webhook_next_at) \
         SELECT $2, $3, o.id, v.name, $4, $5, 0 FROM orders o JOIN services v ON v.id = o.service_id \
         WHERE o.id = $1",
    )
    .bind(order_id)
    .bind(account_id)
    .bind(kind)
    .bind(reason)
    .bind(now)
    .execute(db)
    .await
    .map(drop)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NoticeRow {
    pub id: i64,
    pub account_id: i64,
    pub kind: String,
    pub activity_id: Option<i64>,
    pub team_id: Option<i64>,
    pub wish_id: Option<i64>,
    pub order_id: Option<i64>,
    pub subject_title: String,
    pub reason: Option<String>,
    pub created_at: i64,
    pub read_at: Option<i64>,
    /// The new start of a moved activity.
    pub starts_at: Option<i64>,
}

const SELECT_NOTICE: &str =
    "SELECT id, account_id, kind, activity_id, team_id, wish_id, order_id, subject_title, \
     reason, created_at, read_at, starts_at FROM notices";

/// One's notices older than `before_id` (all when none), newest first.
pub async fn of_account(
    pool: &AnyPool,
    account_id: i64,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<NoticeRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT_NOTICE} WHERE account_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3"
    ))
    .bind(account_id)
    .bind(before_id.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(pool)
    .await
}

pub async fn unread_count(pool: &AnyPool, account_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM notices WHERE account_id = $1 AND read_at IS NULL")
        .bind(account_id)
        .fetch_one(pool)
        .await
}

/// Marks one's notices up to `up_to` read (those read before keep their time).
pub async fn mark_read(
    pool: &AnyPool,
    account_id: i64,
    up_to: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE notices SET read_at = $3 WHERE account_id = $1 AND id <= $2 AND read_at IS NULL",
    )
    .bind(account_id)
    .bind(up_to)
    .bind(now)
    .execute(pool)
    .await
    .map(drop)
}

/// A notice due at the webhook, with what the gateway needs to reach its recipient.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DueRow {
    #[sqlx(flatten)]
    pub notice: NoticeRow,
    pub display_name: String,
    pub phone: String,
    pub webhook_attempts: i64,
}

/// Notices not yet delivered whose next attempt is due at `now` (the system's clock), oldest
/// first: retries of any age, first attempts of notices written since `since` (station time).
pub async fn due(
    pool: &AnyPool,
    since: i64,
    now: i64,
    limit: i64,
) -> Result<Vec<DueRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT n.id, n.account_id, a.display_name, a.phone, n.kind, n.activity_id, n.team_id, n.wish_id, n.order_id, \
         n.subject_title, n.reason, n.created_at, n.read_at, n.starts_at, n.webhook_attempts \
         FROM notices n JOIN accounts a ON a.id = n.account_id \
         WHERE n.webhook_done_at IS NULL AND n.webhook_next_at IS NOT NULL \
         AND a.deleted_at IS NULL \
         AND n.webhook_next_at <= $2 AND (n.created_at >= $1 OR n.webhook_attempts > 0) \
         ORDER BY n.id LIMIT $3",
    )
    .bind(since)
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Takes the delivery of `id` until `until`, unless another server took it first.
pub async fn claim(pool: &AnyPool, id: i64, now: i64, until: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE notices SET webhook_next_at = $3 \
         WHERE id = $1 AND webhook_done_at IS NULL AND webhook_next_at <= $2",
    )
    .bind(id)
    .bind(now)
    .bind(until)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The gateway took it.
pub async fn delivered(pool: &AnyPool, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE notices SET webhook_done_at = $2, webhook_next_at = NULL, \
         webhook_attempts = webhook_attempts + 1 WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .execute(pool)
    .await
    .map(drop)
}

/// It failed: tried again at `next_at`, or never (`None`: given up).
pub async fn failed(pool: &AnyPool, id: i64, next_at: Option<i64>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE notices SET webhook_next_at = $2, webhook_attempts = webhook_attempts + 1 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(next_at)
    .execute(pool)
    .await
    .map(drop)
}
