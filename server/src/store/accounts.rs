//! Accounts, sessions, staff grants and sign-in failures.

use sqlx::{Any, AnyPool, Executor, Transaction};

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
    /// The privacy notice its owner agreed to (at `created_at`), when they did.
    pub privacy_notice: Option<&'a str>,
}

/// Inserts an account; a taken phone violates `accounts_phone_key`.
pub async fn insert<'e>(
    db: impl Executor<'e, Database = Any>,
    account: &NewAccount<'_>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO accounts (display_name, phone, password_hash, site_id, is_admin, created_at, \
         privacy_notice, privacy_accepted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(account.display_name)
    .bind(account.phone)
    .bind(account.password_hash)
    .bind(account.site_id)
    .bind(i64::from(account.is_admin))
    .bind(account.created_at)
    .bind(account.privacy_notice)
    .bind(account.privacy_notice.map(|_| account.created_at))
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
    // A deleted account's phone is a placeholder no one types; it is excluded all the same.
    sqlx::query_as(&format!(
        "{SELECT_ACCOUNT} WHERE phone = $1 AND deleted_at IS NULL"
    ))
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
    /// A shared-computer session: it ends this long after its last request.
    pub idle_seconds: Option<i64>,
}

/// A session to store: `idle_seconds` for a shared computer's (its expiry then slides).
pub async fn insert_session<'e>(
    db: impl Executor<'e, Database = Any>,
    account_id: i64,
    token_hash: &str,
    created_at: i64,
    expires_at: i64,
    idle_seconds: Option<i64>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO sessions (account_id, token_hash, created_at, expires_at, idle_seconds) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(account_id)
    .bind(token_hash)
    .bind(created_at)
    .bind(expires_at)
    .bind(idle_seconds)
    .fetch_one(db)
    .await
}

/// Moves a shared-computer session's expiry on to `expires_at`, but never past `longest`
/// seconds after it was opened, unless it ended meanwhile. Written at most once a minute: the
/// requests of one page load come together, and each would otherwise write the same row.
pub async fn extend_session(
    pool: &AnyPool,
    session_id: i64,
    now: i64,
    expires_at: i64,
    longest: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE sessions SET expires_at = \
           CASE WHEN $1 < created_at + $4 THEN $1 ELSE created_at + $4 END \
         WHERE id = $2 AND revoked_at IS NULL AND expires_at > $3 AND expires_at < $1 - 60",
    )
    .bind(expires_at)
    .bind(session_id)
    .bind(now)
    .bind(longest)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn live_session(
    pool: &AnyPool,
    token_hash: &str,
    now: i64,
) -> Result<Option<SessionAccount>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.id AS session_id, a.id AS account_id, a.is_admin, s.idle_seconds \
         FROM sessions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 \
         AND a.deleted_at IS NULL",
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

/// What [`reserve_sign_in_attempt`] answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// The attempt is recorded as a failure (its id), until the password proves right.
    Reserved(i64),
    /// A key has used up its attempts: the time of the failure that must leave the window first.
    Refused { oldest: i64 },
}

/// Reserves one sign-in attempt for `phone` from `address`, in one transaction: the two keys'
/// guard rows are written first (the phone's, then the address's, always in that order), so
/// concurrent attempts on a key are judged one after another; then, unless the phone has
/// `phone_max` failures since `since` or the address `address_max`, the attempt is recorded as a
/// failure at `at`. Its id is handed back so that a right password can take it back
/// ([`release_sign_in_attempt`]); a request that dies before that stays counted.
pub async fn reserve_sign_in_attempt(
    pool: &AnyPool,
    phone: &str,
    address: &str,
    since: i64,
    (phone_max, address_max): (i64, i64),
    at: i64,
) -> Result<Attempt, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    for key in [format!("phone:{phone}"), format!("address:{address}")] {
        sqlx::query(
            "INSERT INTO sign_in_guards (key) VALUES ($1) \
             ON CONFLICT (key) DO UPDATE SET key = excluded.key",
        )
        .bind(key)
        .execute(&mut *tx)
        .await?;
    }
    let nth_failure = async |tx: &mut Transaction<'static, Any>, column: &str, key: &str, nth| {
        sqlx::query_scalar::<_, i64>(&format!(
            "SELECT at FROM sign_in_failures WHERE {column} = $1 AND at > $2 \
             ORDER BY at DESC LIMIT 1 OFFSET $3"
        ))
        .bind(key)
        .bind(since)
        .bind(nth - 1)
        .fetch_optional(&mut **tx)
        .await
    };
    let by_phone = nth_failure(&mut tx, "phone", phone, phone_max).await?;
    let by_address = nth_failure(&mut tx, "address", address, address_max).await?;
    if let Some(oldest) = by_phone.max(by_address) {
        return Ok(Attempt::Refused { oldest });
    }
    let id = sqlx::query_scalar(
        "INSERT INTO sign_in_failures (phone, address, at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(phone)
    .bind(address)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Attempt::Reserved(id))
}

/// Takes back a reserved attempt: the password was right.
pub async fn release_sign_in_attempt(pool: &AnyPool, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Forgets every failure of the phone (its password was reset).
pub async fn forget_failures_of(pool: &AnyPool, phone: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE phone = $1")
        .bind(phone)
        .execute(pool)
        .await?;
    Ok(())
}

/// What a sweep deleted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    pub sessions: u64,
    pub failures: u64,
}

/// Deletes sessions that expired or were signed out by `now`, sign-in failures at or before
/// `failures_before` (out of the limit's window), and the guard rows of keys that have none left.
pub async fn sweep(pool: &AnyPool, now: i64, failures_before: i64) -> Result<Swept, sqlx::Error> {
    let sessions =
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR revoked_at IS NOT NULL")
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected();
    let failures = sqlx::query("DELETE FROM sign_in_failures WHERE at <= $1")
        .bind(failures_before)
        .execute(pool)
        .await?
        .rows_affected();
    sqlx::query(
        "DELETE FROM sign_in_guards WHERE key NOT IN \
         (SELECT 'phone:' || phone FROM sign_in_failures \
          UNION SELECT 'address:' || address FROM sign_in_failures)",
    )
    .execute(pool)
    .await?;
    Ok(Swept { sessions, failures })
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

/// When an account was made, and the privacy notice its owner agreed to.
#[derive(Debug, sqlx::FromRow)]
pub struct Privacy {
    pub created_at: i64,
    pub notice: Option<String>,
    pub accepted_at: Option<i64>,
}

pub async fn privacy_of(pool: &AnyPool, id: i64) -> Result<Privacy, sqlx::Error> {
    sqlx::query_as(
        "SELECT created_at, privacy_notice AS notice, privacy_accepted_at AS accepted_at \
         FROM accounts WHERE id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await
}

/// Whether the account is an administrator and no other is (a first look, before the work of a
/// deletion; [`delete_account`] decides under its lock).
pub async fn is_only_administrator(pool: &AnyPool, id: i64) -> Result<bool, sqlx::Error> {
    let admins: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM accounts WHERE is_admin = 1 AND deleted_at IS NULL LIMIT 2",
    )
    .fetch_all(pool)
    .await?;
    Ok(admins == [id])
}

/// What [`delete_account`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deletion {
    Done,
    /// The account is the station's only administrator: nothing was changed.
    LastAdministrator,
}

/// Anonymises an account in place (its sign-ups and hours stay, under 已注销用户 and without a
/// phone) and removes what acts for it or speaks to it: sessions, sign-in failures, team places
/// and leadership, staff grants, notices. The administrators' rows are written first, so two
/// administrators deleting themselves at once cannot leave the station with none.
pub async fn delete_account(pool: &AnyPool, id: i64, now: i64) -> Result<Deletion, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    sqlx::query("UPDATE accounts SET is_admin = is_admin WHERE is_admin = 1 OR id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let (is_admin, phone): (i64, String) =
        sqlx::query_as("SELECT is_admin, phone FROM accounts WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    if is_admin == 1 {
        let others: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM accounts WHERE is_admin = 1 AND id <> $1 AND deleted_at IS NULL",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if others == 0 {
            return Ok(Deletion::LastAdministrator);
        }
    }
    sqlx::query("DELETE FROM sign_in_failures WHERE phone = $1")
        .bind(&phone)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE accounts SET display_name = '已注销用户', phone = 'deleted:' || CAST(id AS TEXT), \
         password_hash = '', site_id = NULL, is_admin = 0, deleted_at = $2 WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    for statement in [
        "DELETE FROM sessions WHERE account_id = $1",
        "DELETE FROM team_members WHERE account_id = $1",
        "UPDATE teams SET leader_account_id = NULL WHERE leader_account_id = $1",
        "DELETE FROM staff_grants WHERE account_id = $1",
        "DELETE FROM notices WHERE account_id = $1",
        "DELETE FROM calendar_feeds WHERE account_id = $1",
        // A nomination stays (the honor is the nominee's); how to reach its nominator goes.
        "UPDATE honors SET nominator_contact = '' WHERE nominator_id = $1",
        // Their wishes nobody took on yet end (nobody could reach them); the others stay, without
        // how to reach them; one they had claimed and not fulfilled is open again for someone
        // else.
        // (What staff posted or placed for a resident without a smartphone is the resident's:
        // it stays, with how to reach them.)
        "UPDATE wishes SET status = 'withdrawn' WHERE requester_id = $1 \
         AND status IN ('submitted', 'open') AND on_behalf_of IS NULL",
        "UPDATE wishes SET contact = '' WHERE requester_id = $1 AND on_behalf_of IS NULL",
        // Their orders not yet done end; where they live and their phone go from every one of
        // them. An order they had accepted goes back to its team.
        "UPDATE orders SET status = 'cancelled', reason = '账号已注销' WHERE requester_id = $1 \
         AND status IN ('submitted', 'open', 'dispatched', 'accepted') AND on_behalf_of IS NULL",
        "UPDATE orders SET address = '', phone = '' WHERE requester_id = $1 \
         AND on_behalf_of IS NULL",
        "UPDATE orders SET status = 'dispatched', volunteer_id = NULL \
         WHERE volunteer_id = $1 AND status = 'accepted'",
        "UPDATE wishes SET status = 'open', claimer_id = NULL, claimed_at = NULL \
         WHERE claimer_id = $1 AND status = 'claimed'",
        "DELETE FROM photos WHERE account_id = $1 \
         AND id NOT IN (SELECT photo_id FROM honor_photos) \
         AND id NOT IN (SELECT photo_id FROM wish_photos)",
    ] {
        sqlx::query(statement).bind(id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(Deletion::Done)
}
