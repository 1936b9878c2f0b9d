//! What records and reports read: confirmed service hours, by person and by month.

use sqlx::AnyPool;

/// One activity a person served, with its confirmed minutes.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ServedRow {
    pub activity_id: i64,
    pub title: String,
    pub starts_at: i64,
    pub site_id: i64,
    pub site_name: String,
    pub minutes: i64,
    pub confirmed_by: Option<String>,
}

/// The account's confirmed hours, activity by activity, oldest first.
pub async fn served(pool: &AnyPool, account_id: i64) -> Result<Vec<ServedRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id AS activity_id, a.title, a.starts_at, a.site_id, st.name AS site_name, h.minutes, \
         c.display_name AS confirmed_by \
         FROM service_hours h JOIN signups s ON s.id = h.signup_id \
         JOIN activities a ON a.id = s.activity_id JOIN sites st ON st.id = a.site_id \
         LEFT JOIN accounts c ON c.id = h.updated_by \
         WHERE s.account_id = $1 AND h.status = 'confirmed' ORDER BY a.starts_at, a.id",
    )
    .bind(account_id)
    .fetch_all(pool)
    .await
}

/// One category's month at a site and the sites below it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MonthRow {
    pub name: String,
    pub activities: i64,
    pub volunteers: i64,
    pub minutes: i64,
}

/// The activities held (published, not cancelled, starting in `[from, to)`) at `site` and below.
const HELD: &str = "a.site_id IN (SELECT id FROM subtree) AND a.published_at IS NOT NULL \
     AND a.cancelled_at IS NULL AND a.starts_at >= $2 AND a.starts_at < $3";

const SUBTREE: &str = "WITH RECURSIVE subtree(id) AS (SELECT id FROM sites WHERE id = $1 \
     UNION ALL SELECT s.id FROM sites s JOIN subtree t ON s.parent_id = t.id)";

/// Every category in the station's order, with its activities held, the volunteers whose hours
/// were confirmed for them, and those hours; then the month's totals (volunteers counted once).
pub async fn month(
    pool: &AnyPool,
    site: i64,
    from: i64,
    to: i64,
) -> Result<(Vec<MonthRow>, MonthRow), sqlx::Error> {
    let served = "FROM service_hours h JOIN signups s ON s.id = h.signup_id \
         JOIN activities a ON a.id = s.activity_id WHERE h.status = 'confirmed'";
    let rows = sqlx::query_as(&format!(
        "{SUBTREE} SELECT c.name, \
         (SELECT COUNT(*) FROM activities a WHERE a.category_slug = c.slug AND {HELD}) AS activities, \
         (SELECT COUNT(DISTINCT s.account_id) {served} AND a.category_slug = c.slug AND {HELD}) AS volunteers, \
         (SELECT CAST(COALESCE(SUM(h.minutes), 0) AS BIGINT) {served} AND a.category_slug = c.slug AND {HELD}) AS minutes \
         FROM categories c ORDER BY c.position, c.slug"
    ))
    .bind(site)
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?;
    let total = sqlx::query_as(&format!(
        "{SUBTREE} SELECT '' AS name, \
         (SELECT COUNT(*) FROM activities a WHERE {HELD}) AS activities, \
         (SELECT COUNT(DISTINCT s.account_id) {served} AND {HELD}) AS volunteers, \
         (SELECT CAST(COALESCE(SUM(h.minutes), 0) AS BIGINT) {served} AND {HELD}) AS minutes"
    ))
    .bind(site)
    .bind(from)
    .bind(to)
    .fetch_one(pool)
    .await?;
    Ok((rows, total))
}
