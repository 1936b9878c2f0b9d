//! Volunteer teams (志愿服务队): the directory with leader and member count, join requests and
//! members. Membership is one row per (team, account): the primary key refuses a second request.

use sqlx::{Any, AnyPool, Executor};

pub struct NewTeam<'a> {
    pub site_id: i64,
    pub name: &'a str,
    /// The team's field (领域), e.g. `应急救援`.
    pub field: &'a str,
    pub description: &'a str,
}

pub async fn insert<'e>(
    db: impl Executor<'e, Database = Any>,
    team: &NewTeam<'_>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO teams (site_id, name, field, description) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(team.site_id)
    .bind(team.name)
    .bind(team.field)
    .bind(team.description)
    .fetch_one(db)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TeamRow {
    pub id: i64,
    pub name: String,
    pub field: String,
    pub description: String,
    pub site_id: i64,
    pub site_name: String,
    pub leader_account_id: Option<i64>,
    pub leader_name: Option<String>,
    /// Members with the leader.
    pub member_count: i64,
}

const SELECT_TEAM: &str = "SELECT t.id, t.name, t.field, t.description, t.site_id, \
     s.name AS site_name, t.leader_account_id, l.display_name AS leader_name, \
     (SELECT COUNT(*) FROM team_members m WHERE m.team_id = t.id AND m.status = 'member' \
       AND m.account_id <> COALESCE(t.leader_account_id, 0)) \
     + CASE WHEN t.leader_account_id IS NULL THEN 0 ELSE 1 END AS member_count \
     FROM teams t JOIN sites s ON s.id = t.site_id LEFT JOIN accounts l ON l.id = t.leader_account_id";

/// The teams of a site and the sites below it (all teams without a site), by id.
pub async fn list(pool: &AnyPool, site: Option<i64>) -> Result<Vec<TeamRow>, sqlx::Error> {
    match site {
        Some(site) => {
            sqlx::query_as(&format!(
                "WITH RECURSIVE subtree (id) AS (SELECT id FROM sites WHERE id = $1 \
                 UNION ALL SELECT c.id FROM sites c JOIN subtree p ON c.parent_id = p.id) \
                 {SELECT_TEAM} WHERE t.site_id IN (SELECT id FROM subtree) AND t.archived_at IS NULL ORDER BY t.id"
            ))
            .bind(site)
            .fetch_all(pool)
            .await
        }
        None => {
            sqlx::query_as(&format!(
                "{SELECT_TEAM} WHERE t.archived_at IS NULL ORDER BY t.id"
            ))
                .fetch_all(pool)
                .await
        }
    }
}

pub async fn is_led_by(pool: &AnyPool, team_id: i64, account_id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM teams WHERE id = $1 AND leader_account_id = $2 AND archived_at IS NULL",
    )
    .bind(team_id)
    .bind(account_id)
    .fetch_optional(pool)
    .await?;
    Ok(found.is_some())
}

/// A team that is not archived.
pub async fn exists(pool: &AnyPool, id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM teams WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(found.is_some())
}

pub async fn by_id(pool: &AnyPool, id: i64) -> Result<Option<TeamRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT_TEAM} WHERE t.id = $1 AND t.archived_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await
}

/// Teams the account leads or belongs to (or asked to join), with its status there.
pub async fn of_account(
    pool: &AnyPool,
    account_id: i64,
) -> Result<Vec<(TeamRow, String)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        team: TeamRow,
        membership: String,
    }
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT x.*, CASE WHEN x.leader_account_id = $1 THEN 'leader' \
           ELSE (SELECT m.status FROM team_members m WHERE m.team_id = x.id AND m.account_id = $1) \
         END AS membership FROM ({SELECT_TEAM}) x \
         WHERE x.leader_account_id = $1 OR EXISTS (SELECT 1 FROM team_members m \
           WHERE m.team_id = x.id AND m.account_id = $1) ORDER BY x.id"
    ))
    .bind(account_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.team, row.membership))
        .collect())
}

/// Asks to join; a second request (or a member asking) violates `team_members_pkey`.
pub async fn request_to_join(
    pool: &AnyPool,
    team_id: i64,
    account_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO team_members (team_id, account_id, status, requested_at) VALUES ($1, $2, 'pending', $3)",
    )
    .bind(team_id)
    .bind(account_id)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

/// Approves (a member now) or declines (the request is gone) a pending request, and tells the
/// one who asked, in one transaction; answers whether there was a request.
pub async fn decide(
    pool: &AnyPool,
    team_id: i64,
    account_id: i64,
    approve: bool,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    let query = if approve {
        sqlx::query(
            "UPDATE team_members SET status = 'member', decided_at = $3 \
             WHERE team_id = $1 AND account_id = $2 AND status = 'pending'",
        )
        .bind(team_id)
        .bind(account_id)
        .bind(now)
    } else {
        sqlx::query(
            "DELETE FROM team_members WHERE team_id = $1 AND account_id = $2 AND status = 'pending'",
        )
        .bind(team_id)
        .bind(account_id)
    };
    let done = query.execute(&mut *tx).await?.rows_affected() == 1;
    if done {
        super::notices::team_decided(&mut *tx, team_id, account_id, approve, now).await?;
    }
    tx.commit().await?;
    Ok(done)
}

/// Removes a membership or request; answers whether there was one.
pub async fn remove(pool: &AnyPool, team_id: i64, account_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM team_members WHERE team_id = $1 AND account_id = $2")
        .bind(team_id)
        .bind(account_id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// How a change of leader went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaderChange {
    /// The member leads the team now; the former leader, if any, is a member.
    Done,
    /// The account is no member of the team (a request, or nothing).
    NotAMember,
    /// Someone else changed the leader meanwhile; nothing was changed.
    Raced,
}

/// Makes a member the team's leader, in one transaction: the member's row goes (a leader has
/// none), the team names them, and the former leader becomes a member.
pub async fn make_leader(
    pool: &AnyPool,
    team_id: i64,
    account_id: i64,
    now: i64,
) -> Result<LeaderChange, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    let former: Option<i64> =
        sqlx::query_scalar("SELECT leader_account_id FROM teams WHERE id = $1")
            .bind(team_id)
            .fetch_one(&mut *tx)
            .await?;
    let membership = sqlx::query(
        "DELETE FROM team_members WHERE team_id = $1 AND account_id = $2 AND status = 'member'",
    )
    .bind(team_id)
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    if membership.rows_affected() != 1 {
        return Ok(LeaderChange::NotAMember);
    }
    // Only if the leader is still the one read above: two hand-overs at once cannot both win.
    let named = sqlx::query(
        "UPDATE teams SET leader_account_id = $1 WHERE id = $2 AND COALESCE(leader_account_id, 0) = $3",
    )
    .bind(account_id)
    .bind(team_id)
    .bind(former.unwrap_or(0))
    .execute(&mut *tx)
    .await?;
    if named.rows_affected() != 1 {
        return Ok(LeaderChange::Raced);
    }
    if let Some(former) = former {
        sqlx::query(
            "INSERT INTO team_members (team_id, account_id, status, requested_at, decided_at) \
             VALUES ($1, $2, 'member', $3, $3)",
        )
        .bind(team_id)
        .bind(former)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(LeaderChange::Done)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub account_id: i64,
    pub display_name: String,
    pub phone: String,
    pub home_site_id: Option<i64>,
    pub status: String,
    pub requested_at: i64,
}

/// Members and requests: pending first, then members, each by arrival.
pub async fn members(pool: &AnyPool, team_id: i64) -> Result<Vec<MemberRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.account_id, a.display_name, a.phone, a.site_id AS home_site_id, m.status, \
         m.requested_at FROM team_members m JOIN accounts a ON a.id = m.account_id \
         WHERE m.team_id = $1 ORDER BY CASE WHEN m.status = 'pending' THEN 0 ELSE 1 END, m.requested_at, m.account_id",
    )
    .bind(team_id)
    .fetch_all(pool)
    .await
}

/// Replaces what a team is; answers whether it exists and is not archived.
pub async fn update<'e>(
    db: impl Executor<'e, Database = Any>,
    id: i64,
    team: &NewTeam<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE teams SET site_id = $2, name = $3, field = $4, description = $5 \
         WHERE id = $1 AND archived_at IS NULL",
    )
    .bind(id)
    .bind(team.site_id)
    .bind(team.name)
    .bind(team.field)
    .bind(team.description)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Makes the account the team's leader, and a member if it was not one.
pub async fn appoint_leader(
    tx: &mut sqlx::Transaction<'static, Any>,
    team_id: i64,
    account_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE teams SET leader_account_id = $2 WHERE id = $1")
        .bind(team_id)
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO team_members (team_id, account_id, status, requested_at, decided_at) \
         VALUES ($1, $2, 'member', $3, $3) \
         ON CONFLICT (team_id, account_id) DO UPDATE SET status = 'member', decided_at = $3",
    )
    .bind(team_id)
    .bind(account_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The site of a team, archived or not (archiving twice changes nothing).
pub async fn site_of(pool: &AnyPool, id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT site_id FROM teams WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Archives a team: it leaves the directory; its members and history stay.
/// Archives the team; answers whether it was live until now.
pub async fn archive(pool: &AnyPool, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE teams SET archived_at = $2 WHERE id = $1 AND archived_at IS NULL")
            .bind(id)
            .bind(now)
            .execute(pool)
            .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PendingRow {
    pub team_id: i64,
    pub team_name: String,
    pub team_field: String,
    pub account_id: i64,
    pub display_name: String,
    pub requested_at: i64,
}

/// Pending join requests to the live teams of `sites` (every site when `None`), oldest first.
pub async fn pending_requests(
    pool: &AnyPool,
    sites: Option<&[i64]>,
    limit: i64,
) -> Result<Vec<PendingRow>, sqlx::Error> {
    let sql = format!(
        "SELECT t.id AS team_id, t.name AS team_name, t.field AS team_field, m.account_id, \
         a.display_name, m.requested_at FROM team_members m \
         JOIN teams t ON t.id = m.team_id JOIN accounts a ON a.id = m.account_id \
         WHERE m.status = 'pending' AND t.archived_at IS NULL{} \
         ORDER BY m.requested_at, m.team_id, m.account_id LIMIT $1",
        super::and_site_in("t.site_id", 2, sites)
    );
    let mut query = sqlx::query_as(&sql).bind(limit);
    for site in sites.unwrap_or_default() {
        query = query.bind(*site);
    }
    query.fetch_all(pool).await
}
