//! Service hours as staff confirmed them, and the audit trail of every change.

use sqlx::AnyPool;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredHours {
    pub signup_id: i64,
    pub minutes: i64,
    pub status: String,
}

pub async fn of_signup(pool: &AnyPool, signup_id: i64) -> Result<Option<StoredHours>, sqlx::Error> {
    sqlx::query_as("SELECT signup_id, minutes, status FROM service_hours WHERE signup_id = $1")
        .bind(signup_id)
        .fetch_optional(pool)
        .await
}

pub async fn of_account(pool: &AnyPool, account_id: i64) -> Result<Vec<StoredHours>, sqlx::Error> {
    sqlx::query_as(
        "SELECT h.signup_id, h.minutes, h.status FROM service_hours h \
         JOIN signups s ON s.id = h.signup_id WHERE s.account_id = $1",
    )
    .bind(account_id)
    .fetch_all(pool)
    .await
}

pub async fn of_activity(
    pool: &AnyPool,
    activity_id: i64,
) -> Result<Vec<StoredHours>, sqlx::Error> {
    sqlx::query_as(
        "SELECT h.signup_id, h.minutes, h.status FROM service_hours h \
         JOIN signups s ON s.id = h.signup_id WHERE s.activity_id = $1",
    )
    .bind(activity_id)
    .fetch_all(pool)
    .await
}

/// Confirmed minutes of the account, all activities together.
pub async fn confirmed_minutes(pool: &AnyPool, account_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(h.minutes), 0) AS BIGINT) FROM service_hours h \
         JOIN signups s ON s.id = h.signup_id \
         WHERE s.account_id = $1 AND h.status = 'confirmed'",
    )
    .bind(account_id)
    .fetch_one(pool)
    .await
}

pub struct Change<'a> {
    pub signup_id: i64,
    pub by: i64,
    pub at: i64,
    /// What stood before: (minutes, status), stored or recorded from attendance.
    pub old: Option<(i64, &'a str)>,
    pub minutes: i64,
    pub reason: Option<&'a str>,
}

/// Stores the hours as confirmed and audits the change, in one transaction.
pub async fn confirm(pool: &AnyPool, change: &Change<'_>) -> Result<(), sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    sqlx::query(
        "INSERT INTO service_hours (signup_id, minutes, status, updated_at, updated_by) \
         VALUES ($1, $2, 'confirmed', $3, $4) \
         ON CONFLICT (signup_id) DO UPDATE SET minutes = excluded.minutes, \
         status = excluded.status, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )
    .bind(change.signup_id)
    .bind(change.minutes)
    .bind(change.at)
    .bind(change.by)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO hours_audit (signup_id, account_id, at, old_minutes, old_status, \
         new_minutes, new_status, reason) VALUES ($1, $2, $3, $4, $5, $6, 'confirmed', $7)",
    )
    .bind(change.signup_id)
    .bind(change.by)
    .bind(change.at)
    .bind(change.old.map(|(minutes, _)| minutes))
    .bind(change.old.map(|(_, status)| status.to_owned()))
    .bind(change.minutes)
    .bind(change.reason)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRow {
    pub at: i64,
    pub account_id: i64,
    pub display_name: String,
    pub old_minutes: Option<i64>,
    pub old_status: Option<String>,
    pub new_minutes: i64,
    pub new_status: String,
    pub reason: Option<String>,
}

pub async fn audit(pool: &AnyPool, signup_id: i64) -> Result<Vec<AuditRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT h.at, h.account_id, a.display_name, h.old_minutes, h.old_status, h.new_minutes, \
         h.new_status, h.reason FROM hours_audit h JOIN accounts a ON a.id = h.account_id \
         WHERE h.signup_id = $1 ORDER BY h.id",
    )
    .bind(signup_id)
    .fetch_all(pool)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WaitingRow {
    pub activity_id: i64,
    pub title: String,
    pub site_id: i64,
    pub site_name: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub waiting: i64,
}

/// Activities of `sites` (every site when `None`) that ended before `now` with attended
/// sign-ups whose hours are not confirmed, the most recent first.
pub async fn waiting(
    pool: &AnyPool,
    sites: Option<&[i64]>,
    now: i64,
    limit: i64,
) -> Result<Vec<WaitingRow>, sqlx::Error> {
    let sql = format!(
        "SELECT a.id AS activity_id, a.title, a.site_id, st.name AS site_name, a.starts_at, \
         a.ends_at, CAST(COUNT(*) AS BIGINT) AS waiting FROM signups s \
         JOIN activities a ON a.id = s.activity_id JOIN sites st ON st.id = a.site_id \
         LEFT JOIN service_hours h ON h.signup_id = s.id \
         WHERE s.status = 'attended' AND a.ends_at <= $1 \
         AND (h.status IS NULL OR h.status <> 'confirmed'){} \
         GROUP BY a.id, a.title, a.site_id, st.name, a.starts_at, a.ends_at \
         ORDER BY a.ends_at DESC, a.id DESC LIMIT $2",
        super::and_site_in("a.site_id", 3, sites)
    );
    let mut query = sqlx::query_as(&sql).bind(now).bind(limit);
    for site in sites.unwrap_or_default() {
        query = query.bind(*site);
    }
    query.fetch_all(pool).await
}
