//! Accounts, sessions, staff grants and sign-in failures.

use sqlx::{Any, AnyPool, Executor};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub display_name: String,
    pub phone: String,
    pub password_hash: String,
    pub site_id: Option<i64>,
    pub is_admin: i64,
}

const SELECT_ACCOUNT: &str =
    "SELECT id, display_name, phone, password_hash, site_id, is_admin FROM accounts";

pub struct NewAccount<'a> {
    pub display_name: &'a str,
    pub phone: &'a str,
    pub password_hash: &'a str,
    pub site_id: Option<i64>,
    pub is_admin: bool,
    pub created_at: i64,
}

/// Inserts an account; a taken phone violates `accounts_phone_key`.
pub async fn insert<'e>(
    db: impl Executor<'e, Database = Any>,
    account: &NewAccount<'_>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO accounts (display_name, phone, password_hash, site_id, is_admin, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(account.display_name)
    .bind(account.phone)
    .bind(account.password_hash)
    .bind(account.site_id)
    .bind(i64::from(account.is_admin))
    .bind(account.created_at)
    .fetch_one(db)
    .await
}

pub async fn by_id(pool: &AnyPool, id: i64) -> Result<Option<AccountRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT_ACCOUNT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

pub async fn any_admin(pool: &AnyPool) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM accounts WHERE is_admin = 1 LIMIT 1")
            .fetch_optional(pool)
            .await?;
    Ok(found.is_some())
}

pub async fn by_phone(pool: &AnyPool, phone: &str) -> Result<Option<AccountRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT_ACCOUNT} WHERE phone = $1"))
        .bind(phone)
        .fetch_optional(pool)
        .await
}

pub async fn set_password_hash(
    pool: &AnyPool,
    account_id: i64,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(account_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// The account behind a live session token hash.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionAccount {
    pub session_id: i64,
    pub account_id: i64,
    pub is_admin: i64,
}

pub async fn insert_session<'e>(
    db: impl Executor<'e, Database = Any>,
    account_id: i64,
    token_hash: &str,
    created_at: i64,
    expires_at: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO sessions (account_id, token_hash, created_at, expires_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(account_id)
    .bind(token_hash)
    .bind(created_at)
    .bind(expires_at)
    .fetch_one(db)
    .await
}

pub async fn live_session(
    pool: &AnyPool,
    token_hash: &str,
    now: i64,
) -> Result<Option<SessionAccount>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.id AS session_id, a.id AS account_id, a.is_admin \
         FROM sessions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(pool)
    .await
}

pub async fn revoke_session(pool: &AnyPool, session_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(session_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Revokes every live session of the account except `keep`.
pub async fn revoke_other_sessions(
    pool: &AnyPool,
    account_id: i64,
    keep: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE sessions SET revoked_at = $1 \
         WHERE account_id = $2 AND id <> $3 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(account_id)
    .bind(keep)
    .execute(pool)
    .await?;
    Ok(())
}

/// Grants the staff role on a site (granting it again changes nothing).
pub async fn grant_staff<'e>(
    db: impl Executor<'e, Database = Any>,
    account_id: i64,
    site_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO staff_grants (account_id, site_id) VALUES ($1, $2) \
         ON CONFLICT (account_id, site_id) DO NOTHING",
    )
    .bind(account_id)
    .bind(site_id)
    .execute(db)
    .await?;
    Ok(())
}

/// The sites an account acts as staff for: its granted sites and every site below them.
pub async fn staff_scope_sites(pool: &AnyPool, account_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "WITH RECURSIVE scope (id) AS (\
           SELECT site_id FROM staff_grants WHERE account_id = $1 \
           UNION SELECT c.id FROM sites c JOIN scope p ON c.parent_id = p.id) \
         SELECT id FROM scope",
    )
    .bind(account_id)
    .fetch_all(pool)
    .await
}

/// The sites the account holds a direct staff grant on.
pub async fn staff_sites(pool: &AnyPool, account_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT site_id FROM staff_grants WHERE account_id = $1 ORDER BY site_id")
        .bind(account_id)
        .fetch_all(pool)
        .await
}

/// (team id, the team's site id) of every team the account leads.
pub async fn led_teams(pool: &AnyPool, account_id: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, site_id FROM teams WHERE leader_account_id = $1 AND archived_at IS NULL ORDER BY id",
    )
        .bind(account_id)
        .fetch_all(pool)
        .await
}

pub async fn record_sign_in_failure(
    pool: &AnyPool,
    phone: &str,
    address: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO sign_in_failures (phone, address, at) VALUES ($1, $2, $3)")
        .bind(phone)
        .bind(address)
        .bind(at)
        .execute(pool)
        .await?;
    Ok(())
}

/// The time of the `nth` most recent failure (1-based) since `since`, for the phone or the
/// address, whichever is later: while it exists, that key has had `nth` failures in the window.
pub async fn nth_recent_failure(
    pool: &AnyPool,
    phone: &str,
    address: &str,
    since: i64,
    nth: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let by_phone: Option<i64> = sqlx::query_scalar(
        "SELECT at FROM sign_in_failures WHERE phone = $1 AND at > $2 \
         ORDER BY at DESC LIMIT 1 OFFSET $3",
    )
    .bind(phone)
    .bind(since)
    .bind(nth - 1)
    .fetch_optional(pool)
    .await?;
    let by_address: Option<i64> = sqlx::query_scalar(
        "SELECT at FROM sign_in_failures WHERE address = $1 AND at > $2 \
         ORDER BY at DESC LIMIT 1 OFFSET $3",
    )
    .bind(address)
    .bind(since)
    .bind(nth - 1)
    .fetch_optional(pool)
    .await?;
    Ok(by_phone.max(by_address))
}

/// Forgets every failure of the phone (its password was reset).
pub async fn forget_failures_of(pool: &AnyPool, phone: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE phone = $1")
        .bind(phone)
        .execute(pool)
        .await?;
    Ok(())
}

/// Forgets failures older than `before`, so the table stays small.
pub async fn forget_failures_before(pool: &AnyPool, before: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE at <= $1")
        .bind(before)
        .execute(pool)
        .await?;
    Ok(())
}

/// Revokes a staff grant; answers whether there was one.
pub async fn revoke_staff(
    pool: &AnyPool,
    account_id: i64,
    site_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM staff_grants WHERE account_id = $1 AND site_id = $2")
        .bind(account_id)
        .bind(site_id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// A staff grant on a site or on a site above it, with the account it names.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GrantRow {
    pub site_id: i64,
    pub account_id: i64,
    pub display_name: String,
    pub phone: String,
}

/// Who acts as staff at a site: the grants on it and on every site above it, nearest first.
pub async fn staff_of_site(pool: &AnyPool, site_id: i64) -> Result<Vec<GrantRow>, sqlx::Error> {
    sqlx::query_as(
        "WITH RECURSIVE above (id, parent_id, depth) AS (\
           SELECT id, parent_id, 0 FROM sites WHERE id = $1 \
           UNION ALL SELECT s.id, s.parent_id, a.depth + 1 FROM sites s JOIN above a ON s.id = a.parent_id) \
         SELECT g.site_id, a.id AS account_id, a.display_name, a.phone \
         FROM staff_grants g JOIN above ON above.id = g.site_id JOIN accounts a ON a.id = g.account_id \
         ORDER BY above.depth, a.id",
    )
    .bind(site_id)
    .fetch_all(pool)
    .await
}
