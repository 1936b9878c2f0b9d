//! iCalendar feeds: one's own feed's secret (its SHA-256, as for sessions) and what a feed reads.

use sqlx::AnyPool;

use super::activities::{ActivityRow, SELECT_ACTIVITY};

/// Makes or replaces `account_id`'s feed secret: an earlier address stops working at once.
pub async fn set(
    pool: &AnyPool,
    account_id: i64,
    token_hash: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO calendar_feeds (account_id, token_hash, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (account_id) DO UPDATE SET token_hash = $2, created_at = $3",
    )
    .bind(account_id)
    .bind(token_hash)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

/// Turns `account_id`'s feed off.
pub async fn remove(pool: &AnyPool, account_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM calendar_feeds WHERE account_id = $1")
        .bind(account_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// When `account_id`'s current feed address was made.
pub async fn created_at(pool: &AnyPool, account_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT created_at FROM calendar_feeds WHERE account_id = $1")
        .bind(account_id)
        .fetch_optional(pool)
        .await
}

/// The account whose feed secret hashes to `token_hash`.
pub async fn account_of(pool: &AnyPool, token_hash: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT account_id FROM calendar_feeds WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(pool)
        .await
}

/// One's published activities starting in `from..before` (unix seconds) with a sign-up that
/// stands (confirmed, waitlisted, attended), the earliest first, and whether one waits.
pub async fn signed_up(
    pool: &AnyPool,
    account_id: i64,
    from: i64,
    before: i64,
    limit: i64,
) -> Result<Vec<(ActivityRow, bool)>, sqlx::Error> {
    let rows: Vec<ActivityRow> = sqlx::query_as(&format!(
        "{SELECT_ACTIVITY} WHERE a.published_at IS NOT NULL AND a.starts_at >= $2 \
         AND a.starts_at < $3 AND a.id IN (SELECT activity_id FROM signups \
         WHERE account_id = $1 AND status IN ('confirmed', 'waitlisted', 'attended')) \
         ORDER BY a.starts_at, a.id LIMIT $4"
    ))
    .bind(account_id)
    .bind(from)
    .bind(before)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let waiting: Vec<i64> = sqlx::query_scalar(
        "SELECT activity_id FROM signups WHERE account_id = $1 AND status = 'waitlisted'",
    )
    .bind(account_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let waitlisted = waiting.contains(&row.id);
            (row, waitlisted)
        })
        .collect())
}

/// Whose sign-up is asked about: a sign-up's own id, or an account's.
#[derive(Debug, Clone, Copy)]
pub enum SignupOf {
    Id(i64),
    Account(i64),
}

/// Whether the sign-up `of` names for `activity_id` waits for a place.
pub async fn waits(pool: &AnyPool, of: SignupOf, activity_id: i64) -> Result<bool, sqlx::Error> {
    let (column, value) = match of {
        SignupOf::Id(id) => ("id", id),
        SignupOf::Account(account_id) => ("account_id", account_id),
    };
    let found: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM signups WHERE {column} = $1 AND activity_id = $2 AND status = 'waitlisted'"
    ))
    .bind(value)
    .bind(activity_id)
    .fetch_optional(pool)
    .await?;
    Ok(found.is_some())
}
