//! Sign-ups: taking a place or joining the waitlist, cancelling with promotion, rosters.
//!
//! Every write transaction starts with a write on the activity's row, so that on SQLite it takes
//! the database's write lock at once (waiting on `busy_timeout` rather than failing on upgrade)
//! and on PostgreSQL it takes the row lock: sign-ups and cancellations of one activity run one
//! after another, and the conditional UPDATE decides who gets a place.

use sqlx::{Any, AnyPool, Executor, Transaction};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SignupRow {
    pub id: i64,
    pub activity_id: i64,
    pub account_id: i64,
    pub status: String,
    pub created_at: i64,
    pub checked_in_at: Option<i64>,
    /// 1-based, counted when read; only for waitlisted sign-ups.
    pub waitlist_position: Option<i64>,
    /// Staff who made it on the person's behalf.
    pub made_by: Option<i64>,
}

const SELECT_SIGNUP: &str = "SELECT s.id, s.activity_id, s.account_id, s.status, s.created_at, \
     s.checked_in_at, s.made_by, \
     CASE WHEN s.status = 'waitlisted' THEN (SELECT COUNT(*) FROM signups w \
       WHERE w.activity_id = s.activity_id AND w.status = 'waitlisted' AND w.id <= s.id) \
     END AS waitlist_position \
     FROM signups s";

pub async fn by_id(pool: &AnyPool, id: i64) -> Result<Option<SignupRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT_SIGNUP} WHERE s.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// The account's active (not cancelled) sign-up for the activity.
pub async fn active_of(
    pool: &AnyPool,
    activity_id: i64,
    account_id: i64,
) -> Result<Option<SignupRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT_SIGNUP} WHERE s.activity_id = $1 AND s.account_id = $2 AND s.status <> 'cancelled'"
    ))
    .bind(activity_id)
    .bind(account_id)
    .fetch_optional(pool)
    .await
}

/// Every sign-up of the account, the cancelled ones too when `with_cancelled` (the person's
/// own copy of their data).
pub async fn of_account(
    pool: &AnyPool,
    account_id: i64,
    with_cancelled: bool,
) -> Result<Vec<SignupRow>, sqlx::Error> {
    let status = if with_cancelled {
        ""
    } else {
        " AND s.status <> 'cancelled'"
    };
    sqlx::query_as(&format!(
        "{SELECT_SIGNUP} WHERE s.account_id = $1{status} ORDER BY s.id"
    ))
    .bind(account_id)
    .fetch_all(pool)
    .await
}

/// A roster line: the sign-up and who made it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RosterRow {
    #[sqlx(flatten)]
    pub signup: SignupRow,
    pub display_name: String,
    pub phone: String,
    pub home_site_id: Option<i64>,
    /// The staff member who made the sign-up on the person's behalf.
    pub made_by_name: Option<String>,
}

/// The activity's active sign-ups: places first (by arrival), then the waitlist in order.
pub async fn roster(pool: &AnyPool, activity_id: i64) -> Result<Vec<RosterRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT r.*, a.display_name, \
         CASE WHEN a.deleted_at IS NULL THEN a.phone ELSE '' END AS phone, \
         a.site_id AS home_site_id, \
         m.display_name AS made_by_name FROM ({SELECT_SIGNUP} \
         WHERE s.activity_id = $1 AND s.status <> 'cancelled') r \
         JOIN accounts a ON a.id = r.account_id LEFT JOIN accounts m ON m.id = r.made_by \
         ORDER BY CASE WHEN r.status = 'waitlisted' THEN 1 ELSE 0 END, r.id"
    ))
    .bind(activity_id)
    .fetch_all(pool)
    .await
}

/// Takes a place if one is left, else joins the waitlist; answers the new sign-up's id. A second
/// active sign-up violates `signups_one_active_per_account` (and rolls the place back).
pub async fn sign_up(
    pool: &AnyPool,
    activity_id: i64,
    account_id: i64,
    made_by: Option<i64>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    let mut confirmed = take_place(&mut tx, activity_id).await?;
    if !confirmed {
        // Full: lock the row, then ask again, so a place freed by a cancellation that found
        // nobody waiting is not lost to this sign-up. No row: deleted meanwhile.
        if lock_activity(&mut tx, activity_id).await?.is_none() {
            return Err(sqlx::Error::RowNotFound);
        }
        confirmed = take_place(&mut tx, activity_id).await?;
    }
    let status = if confirmed { "confirmed" } else { "waitlisted" };
    let id = sqlx::query_scalar(
        "INSERT INTO signups (activity_id, account_id, status, created_at, updated_at, made_by) \
         VALUES ($1, $2, $3, $4, $4, $5) RETURNING id",
    )
    .bind(activity_id)
    .bind(account_id)
    .bind(status)
    .bind(now)
    .bind(made_by)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The database decides: one more confirmed place, only while places remain.
async fn take_place(
    tx: &mut Transaction<'static, Any>,
    activity_id: i64,
) -> Result<bool, sqlx::Error> {
    let taken = sqlx::query(
        "UPDATE activities SET confirmed_count = confirmed_count + 1 \
         WHERE id = $1 AND confirmed_count < capacity",
    )
    .bind(activity_id)
    .execute(&mut **tx)
    .await?;
    Ok(taken.rows_affected() == 1)
}

/// A write that changes nothing but locks the activity's row; answers its start time.
async fn lock_activity(
    tx: &mut Transaction<'static, Any>,
    activity_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE activities SET confirmed_count = confirmed_count WHERE id = $1 RETURNING starts_at",
    )
    .bind(activity_id)
    .fetch_optional(&mut **tx)
    .await
}

pub enum Cancelled {
    /// The cancelled sign-up's id.
    Done(i64),
    NotSignedUp,
    TooLate,
}

/// Cancels the account's active sign-up before the activity starts; a freed place goes to the
/// first on the waitlist in the same transaction.
pub async fn cancel(
    pool: &AnyPool,
    activity_id: i64,
    account_id: i64,
    cancelled_by: Option<i64>,
    now: i64,
) -> Result<Cancelled, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    let Some(starts_at) = lock_activity(&mut tx, activity_id).await? else {
        return Ok(Cancelled::NotSignedUp);
    };
    // A cancelled activity has no place to give: nobody waiting is promoted (and told to come).
    let called_off: Option<i64> =
        sqlx::query_scalar("SELECT cancelled_at FROM activities WHERE id = $1")
            .bind(activity_id)
            .fetch_one(&mut *tx)
            .await?;
    let active: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, status FROM signups WHERE activity_id = $1 AND account_id = $2 \
         AND status <> 'cancelled'",
    )
    .bind(activity_id)
    .bind(account_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id, status)) = active else {
        return Ok(Cancelled::NotSignedUp);
    };
    if now >= starts_at || !(status == "confirmed" || status == "waitlisted") {
        return Ok(Cancelled::TooLate);
    }
    sqlx::query(
        "UPDATE signups SET status = 'cancelled', updated_at = $1, cancelled_by = $2 WHERE id = $3",
    )
    .bind(now)
    .bind(cancelled_by)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if status == "confirmed" {
        promote_or_free(&mut tx, activity_id, called_off.is_none(), now).await?;
    }
    tx.commit().await?;
    Ok(Cancelled::Done(id))
}

/// After places were added: the waitlisted take them in order while places remain (the caller's
/// transaction has already written the activity's row).
pub async fn fill_from_waitlist(
    tx: &mut Transaction<'static, Any>,
    activity_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    loop {
        let first: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM signups WHERE activity_id = $1 AND status = 'waitlisted' ORDER BY id LIMIT 1",
        )
        .bind(activity_id)
        .fetch_optional(&mut **tx)
        .await?;
        let Some(id) = first else {
            return Ok(());
        };
        if !take_place(tx, activity_id).await? {
            return Ok(());
        }
        sqlx::query("UPDATE signups SET status = 'confirmed', updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&mut **tx)
            .await?;
        super::notices::promoted(tx, id, now).await?;
    }
}

/// The first waitlisted takes the freed place (when `promote`: not for a cancelled activity);
/// with nobody to take it, the place is free again.
async fn promote_or_free(
    tx: &mut Transaction<'static, Any>,
    activity_id: i64,
    promote: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    let first: Option<i64> = if promote {
        sqlx::query_scalar(
            "SELECT id FROM signups WHERE activity_id = $1 AND status = 'waitlisted' ORDER BY id LIMIT 1",
        )
        .bind(activity_id)
        .fetch_optional(&mut **tx)
        .await?
    } else {
        None
    };
    match first {
        Some(id) => {
            sqlx::query(
                "UPDATE signups SET status = 'confirmed', updated_at = $1 \
                 WHERE id = $2 AND status = 'waitlisted'",
            )
            .bind(now)
            .bind(id)
            .execute(&mut **tx)
            .await?;
            super::notices::promoted(tx, id, now).await?;
        }
        None => {
            sqlx::query(
                "UPDATE activities SET confirmed_count = confirmed_count - 1 WHERE id = $1",
            )
            .bind(activity_id)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// Marks a confirmed sign-up as a no-show; answers whether it was confirmed.
pub async fn mark_no_show(pool: &AnyPool, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE signups SET status = 'no_show', updated_at = $1 WHERE id = $2 AND status = 'confirmed'",
    )
    .bind(now)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether the account belongs to the team (a member, or its leader).
pub async fn is_team_member(
    pool: &AnyPool,
    team_id: i64,
    account_id: i64,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT t.id FROM teams t WHERE t.id = $1 AND (t.leader_account_id = $2 OR EXISTS (\
           SELECT 1 FROM team_members m WHERE m.team_id = t.id AND m.account_id = $2 \
           AND m.status = 'member'))",
    )
    .bind(team_id)
    .bind(account_id)
    .fetch_optional(pool)
    .await?;
    Ok(found.is_some())
}

/// Inserts a sign-up as it stands (demo data, tests); the caller keeps `confirmed_count` true.
pub async fn insert_raw<'e>(
    db: impl Executor<'e, Database = Any>,
    activity_id: i64,
    account_id: i64,
    status: &str,
    at: i64,
    checked_in_at: Option<i64>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO signups (activity_id, account_id, status, created_at, updated_at, checked_in_at) \
         VALUES ($1, $2, $3, $4, $4, $5) RETURNING id",
    )
    .bind(activity_id)
    .bind(account_id)
    .bind(status)
    .bind(at)
    .bind(checked_in_at)
    .fetch_one(db)
    .await
}

/// Checks a confirmed place in (an attended one stays as it was).
pub async fn mark_attended(pool: &AnyPool, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE signups SET status = 'attended', checked_in_at = $1, updated_at = $1 \
         WHERE id = $2 AND status = 'confirmed'",
    )
    .bind(now)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}
