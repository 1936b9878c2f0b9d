//! 好人榜: nominations and the honors they become (one row, its status moving), the nominee's
//! consent, the month's boards, likes. Every change of status is a conditional update on the
//! status it starts from, so two staff acting at once cannot both succeed.

use sqlx::{Any, AnyPool, Executor};

/// The sites at and below `$1`.
const SUBTREE: &str = "WITH RECURSIVE subtree (id) AS (SELECT id FROM sites WHERE id = $1 \
     UNION ALL SELECT c.id FROM sites c JOIN subtree p ON c.parent_id = p.id) ";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HonorRow {
    pub id: i64,
    pub site_id: i64,
    pub site_name: String,
    pub nominee_name: String,
    pub category: String,
    pub story: String,
    pub status: String,
    pub reject_reason: Option<String>,
    pub nominator_id: i64,
    pub nominator_contact: String,
    pub on_behalf_of: Option<String>,
    pub submitted_at: i64,
    pub consent_by_name: Option<String>,
    pub consent_at: Option<i64>,
    pub consent_note: Option<String>,
    pub consent_posters: i64,
    pub consent_screens: i64,
    pub board_month: Option<String>,
    pub published_at: Option<i64>,
    pub like_count: i64,
}

const SELECT_HONOR: &str = "SELECT h.id, h.site_id, s.name AS site_name, h.nominee_name, \
     h.category, h.story, h.status, h.reject_reason, h.nominator_id, h.nominator_contact, \
     h.on_behalf_of, h.submitted_at, c.display_name AS consent_by_name, h.consent_at, \
     h.consent_note, h.consent_posters, h.consent_screens, h.board_month, h.published_at, \
     (SELECT COUNT(*) FROM honor_likes l WHERE l.honor_id = h.id) AS like_count \
     FROM honors h JOIN sites s ON s.id = h.site_id LEFT JOIN accounts c ON c.id = h.consent_by";

pub struct NewHonor<'a> {
    pub site_id: i64,
    pub nominee_name: &'a str,
    pub category: &'a str,
    pub story: &'a str,
    pub nominator_id: i64,
    pub nominator_contact: &'a str,
    pub on_behalf_of: Option<&'a str>,
    pub photo_ids: &'a [i64],
    pub now: i64,
}

/// The nomination and its photos, in order. A photo already in another nomination breaks
/// `honor_photos_photo`.
pub async fn insert(
    tx: &mut sqlx::Transaction<'static, Any>,
    honor: &NewHonor<'_>,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO honors (site_id, nominee_name, category, story, nominator_id, \
         nominator_contact, on_behalf_of, submitted_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(honor.site_id)
    .bind(honor.nominee_name)
    .bind(honor.category)
    .bind(honor.story)
    .bind(honor.nominator_id)
    .bind(honor.nominator_contact)
    .bind(honor.on_behalf_of)
    .bind(honor.now)
    .fetch_one(&mut **tx)
    .await?;
    for (position, photo) in honor.photo_ids.iter().enumerate() {
        sqlx::query("INSERT INTO honor_photos (honor_id, photo_id, position) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(*photo)
            .bind(position as i64)
            .execute(&mut **tx)
            .await?;
    }
    Ok(id)
}

pub async fn by_id<'e>(
    db: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<Option<HonorRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT_HONOR} WHERE h.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// What a board asks for: the published honors of a site and the sites below it (every site
/// without one), the newest published first.
#[derive(Debug, Default)]
pub struct BoardFilter<'a> {
    pub site: Option<i64>,
    pub month: Option<&'a str>,
    pub category: Option<&'a str>,
    /// Only those the nominee agreed to show on display screens.
    pub on_screens: bool,
    /// After this one (its `published_at` and id) in the board's order.
    pub after: Option<(i64, i64)>,
    pub limit: i64,
}

pub async fn board(pool: &AnyPool, filter: &BoardFilter<'_>) -> Result<Vec<HonorRow>, sqlx::Error> {
    let (with, first) = match filter.site {
        Some(_) => (SUBTREE, 2),
        None => ("", 1),
    };
    let mut sql = format!("{with}{SELECT_HONOR} WHERE h.status = 'published'");
    let mut n = first;
    let mut next = |sql: &mut String, clause: &str| {
        sql.push_str(&clause.replace('?', &format!("${n}")));
        n += 1;
    };
    if filter.site.is_some() {
        sql.push_str(" AND h.site_id IN (SELECT id FROM subtree)");
    }
    if filter.month.is_some() {
        next(&mut sql, " AND h.board_month = ?");
    }
    if filter.category.is_some() {
        next(&mut sql, " AND h.category = ?");
    }
    if filter.after.is_some() {
        next(&mut sql, " AND (h.published_at < ?");
        next(&mut sql, " OR (h.published_at = ?");
        next(&mut sql, " AND h.id < ?))");
    }
    if filter.on_screens {
        sql.push_str(" AND h.consent_screens = 1");
    }
    next(&mut sql, " ORDER BY h.published_at DESC, h.id DESC LIMIT ?");
    let mut query = sqlx::query_as(&sql);
    if let Some(site) = filter.site {
        query = query.bind(site);
    }
    if let Some(month) = filter.month {
        query = query.bind(month);
    }
    if let Some(category) = filter.category {
        query = query.bind(category);
    }
    if let Some((published_at, id)) = filter.after {
        query = query.bind(published_at).bind(published_at).bind(id);
    }
    query.bind(filter.limit).fetch_all(pool).await
}

/// The months a board has honors in (of a site and the sites below it), newest first.
pub async fn months(pool: &AnyPool, site: Option<i64>) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let tail = "GROUP BY h.board_month ORDER BY h.board_month DESC LIMIT 120";
    match site {
        Some(site) => {
            sqlx::query_as(&format!(
            "{SUBTREE}SELECT h.board_month, COUNT(*) FROM honors h WHERE h.status = 'published' \
                 AND h.site_id IN (SELECT id FROM subtree) {tail}"
        ))
            .bind(site)
            .fetch_all(pool)
            .await
        }
        None => {
            sqlx::query_as(&format!(
                "SELECT h.board_month, COUNT(*) FROM honors h WHERE h.status = 'published' {tail}"
            ))
            .fetch_all(pool)
            .await
        }
    }
}

/// The nominations one account made, newest first.
pub async fn of_nominator(
    pool: &AnyPool,
    account_id: i64,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<HonorRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT_HONOR} WHERE h.nominator_id = $1 AND h.id < $2 ORDER BY h.id DESC LIMIT $3"
    ))
    .bind(account_id)
    .bind(before_id.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Staff's queue: the nominations of these sites (every site for `None`), of one status or all,
/// newest first.
pub async fn for_staff(
    pool: &AnyPool,
    sites: Option<&[i64]>,
    status: Option<&str>,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<HonorRow>, sqlx::Error> {
    let sql = format!(
        "{SELECT_HONOR} WHERE ($1 = '' OR h.status = $1) AND h.id < $2{} ORDER BY h.id DESC LIMIT $3",
        super::and_site_in("h.site_id", 4, sites)
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

/// The words of a nomination, as staff edited them.
pub async fn update_text<'e>(
    db: impl Executor<'e, Database = Any>,
    id: i64,
    nominee_name: &str,
    category: &str,
    story: &str,
) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE honors SET nominee_name = $2, category = $3, story = $4 WHERE id = $1")
            .bind(id)
            .bind(nominee_name)
            .bind(category)
            .bind(story)
            .execute(db)
            .await?;
    Ok(done.rows_affected() == 1)
}

pub struct ConsentRecord<'a> {
    pub by: i64,
    pub at: i64,
    pub note: &'a str,
    pub posters: bool,
    pub screens: bool,
}

/// Records the nominee's consent (again: the latest counts); not on a rejected nomination.
pub async fn record_consent(
    pool: &AnyPool,
    id: i64,
    consent: &ConsentRecord<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE honors SET consent_by = $2, consent_at = $3, consent_note = $4, \
         consent_posters = $5, consent_screens = $6 WHERE id = $1 AND status <> 'rejected'",
    )
    .bind(id)
    .bind(consent.by)
    .bind(consent.at)
    .bind(consent.note)
    .bind(i64::from(consent.posters))
    .bind(i64::from(consent.screens))
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The nominee withdrew consent: it goes, and a published honor leaves every board at once.
/// Answers whether there was a consent to withdraw.
pub async fn withdraw_consent(pool: &AnyPool, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE honors SET consent_by = NULL, consent_at = NULL, consent_note = NULL, \
         consent_posters = 0, consent_screens = 0, \
         status = CASE WHEN status = 'published' THEN 'unpublished' ELSE status END \
         WHERE id = $1 AND consent_at IS NOT NULL",
    )
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Onto a month's board, from submitted or unpublished, with consent recorded.
pub async fn publish(pool: &AnyPool, id: i64, month: &str, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE honors SET status = 'published', board_month = $2, published_at = $3, \
         reject_reason = NULL \
         WHERE id = $1 AND status IN ('submitted', 'unpublished') AND consent_at IS NOT NULL",
    )
    .bind(id)
    .bind(month)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// `to` from `from` with a reason: rejecting a submitted one, unpublishing a published one.
pub async fn set_status(
    pool: &AnyPool,
    id: i64,
    from: &str,
    to: &str,
    reason: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE honors SET status = $3, reject_reason = $4 WHERE id = $1 AND status = $2",
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .bind(reason)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Likes a published honor (again: nothing changes); answers whether it is published. One
/// statement: an honor taken off the board meanwhile gets no like.
pub async fn like(pool: &AnyPool, id: i64, account_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let added = sqlx::query(
        "INSERT INTO honor_likes (honor_id, account_id, created_at) \
         SELECT $1, $2, $3 WHERE EXISTS \
         (SELECT 1 FROM honors WHERE id = $1 AND status = 'published') \
         ON CONFLICT (honor_id, account_id) DO NOTHING",
    )
    .bind(id)
    .bind(account_id)
    .bind(now)
    .execute(pool)
    .await?;
    if added.rows_affected() == 1 {
        return Ok(true);
    }
    // Liked before, or not on the board.
    let published: Option<i64> =
        sqlx::query_scalar("SELECT id FROM honors WHERE id = $1 AND status = 'published'")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    Ok(published.is_some())
}

pub async fn unlike(pool: &AnyPool, id: i64, account_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM honor_likes WHERE honor_id = $1 AND account_id = $2")
        .bind(id)
        .bind(account_id)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn like_count(pool: &AnyPool, id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM honor_likes WHERE honor_id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
}

/// Which of these honors the account likes.
pub async fn liked_by(
    pool: &AnyPool,
    account_id: i64,
    ids: &[i64],
) -> Result<Vec<i64>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = (2..ids.len() + 2).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT honor_id FROM honor_likes WHERE account_id = $1 AND honor_id IN ({})",
        list.join(", ")
    );
    let mut query = sqlx::query_scalar(&sql).bind(account_id);
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(pool).await
}
