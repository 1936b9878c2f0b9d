//! The display screen: what it shows of a site and the sites below it (activities, figures),
//! and each screen's heartbeat. Honors and wishes come through their own stores' public queries.

use sqlx::AnyPool;

/// The site (`$1`) and every site below it.
const SUBTREE: &str = "WITH RECURSIVE subtree (id) AS (SELECT id FROM sites WHERE id = $1 \
     UNION ALL SELECT c.id FROM sites c JOIN subtree p ON c.parent_id = p.id) ";

/// An activity as a screen shows it. Times are unix seconds.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ScreenActivityRow {
    pub id: i64,
    pub title: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub category_slug: String,
    pub category_name: String,
    pub category_colour: String,
    pub place: String,
    pub site_name: String,
    pub capacity: i64,
    pub confirmed_count: i64,
}

/// Published, not cancelled activities of `site` and below starting in `[from, to)`, soonest
/// first, at most `limit`.
pub async fn activities(
    pool: &AnyPool,
    site: i64,
    from: i64,
    to: i64,
    limit: i64,
) -> Result<Vec<ScreenActivityRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SUBTREE}SELECT a.id, a.title, a.starts_at, a.ends_at, a.category_slug, \
         c.name AS category_name, c.colour AS category_colour, a.place, s.name AS site_name, \
         a.capacity, a.confirmed_count \
         FROM activities a JOIN sites s ON s.id = a.site_id \
         JOIN categories c ON c.slug = a.category_slug \
         WHERE a.site_id IN (SELECT id FROM subtree) AND a.published_at IS NOT NULL \
         AND a.cancelled_at IS NULL AND a.starts_at >= $2 AND a.starts_at < $3 \
         ORDER BY a.starts_at, a.id LIMIT $4"
    ))
    .bind(site)
    .bind(from)
    .bind(to)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// The counts of a site and the sites below it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Accounts (not deleted) that are members of a team here or have a sign-up (not
    /// cancelled) for an activity here.
    pub volunteers: i64,
    /// Teams not archived.
    pub teams: i64,
    /// Activities held (published, not cancelled) starting in the month asked for.
    pub activities_in_month: i64,
    /// Confirmed minutes of the activities held in each `[from, to)` asked for, in order.
    pub minutes: Vec<i64>,
}

/// The activities held at `site` and below (published, not cancelled) starting in `[$a, $b)`,
/// as in the reports (`store::reports`).
fn held(from: usize, to: usize) -> String {
    format!(
        "a.site_id IN (SELECT id FROM subtree) AND a.published_at IS NOT NULL \
         AND a.cancelled_at IS NULL AND a.starts_at >= ${from} AND a.starts_at < ${to}"
    )
}

/// One query for every count: `month` bounds the activities counted, each of `spans` the
/// confirmed minutes summed.
pub async fn counts(
    pool: &AnyPool,
    site: i64,
    month: (i64, i64),
    spans: &[(i64, i64)],
) -> Result<Counts, sqlx::Error> {
    let mut columns = vec![
        "(SELECT COUNT(*) FROM (SELECT m.account_id FROM team_members m \
           JOIN teams t ON t.id = m.team_id \
           WHERE m.status = 'member' AND t.site_id IN (SELECT id FROM subtree) \
         UNION SELECT su.account_id FROM signups su JOIN activities a ON a.id = su.activity_id \
           WHERE su.status <> 'cancelled' AND a.site_id IN (SELECT id FROM subtree)) v \
         JOIN accounts ac ON ac.id = v.account_id WHERE ac.deleted_at IS NULL) AS volunteers"
            .to_owned(),
        "(SELECT COUNT(*) FROM teams t WHERE t.archived_at IS NULL \
          AND t.site_id IN (SELECT id FROM subtree)) AS teams"
            .to_owned(),
        format!(
            "(SELECT COUNT(*) FROM activities a WHERE {}) AS activities_in_month",
            held(2, 3)
        ),
    ];
    for (index, _) in spans.iter().enumerate() {
        let from = 4 + 2 * index;
        columns.push(format!(
            "(SELECT CAST(COALESCE(SUM(h.minutes), 0) AS BIGINT) FROM service_hours h \
             JOIN signups su ON su.id = h.signup_id JOIN activities a ON a.id = su.activity_id \
             WHERE h.status = 'confirmed' AND {}) AS minutes_{index}",
            held(from, from + 1)
        ));
    }
    let sql = format!("{SUBTREE}SELECT {}", columns.join(", "));
    let mut query = sqlx::query(&sql).bind(site).bind(month.0).bind(month.1);
    for (from, to) in spans {
        query = query.bind(*from).bind(*to);
    }
    let row = query.fetch_one(pool).await?;
    use sqlx::Row;
    let mut minutes = Vec::with_capacity(spans.len());
    for index in 0..spans.len() {
        minutes.push(row.try_get::<i64, _>(3 + index)?);
    }
    Ok(Counts {
        volunteers: row.try_get(0)?,
        teams: row.try_get(1)?,
        activities_in_month: row.try_get(2)?,
        minutes,
    })
}

/// Records that a screen asked for its data: a new screen (while its site has fewer than
/// `max_per_site`), or a known one last recorded at least `every` seconds ago (or, the clock
/// having gone back, after now). Both bounds are the statement's own conditions, so nothing
/// is read first; under concurrent first visits on PostgreSQL a site may pass its bound by a
/// few names. Answers whether a row was written.
pub async fn heartbeat(
    pool: &AnyPool,
    site: i64,
    name: &str,
    user_agent: Option<&str>,
    now: i64,
    every: i64,
    max_per_site: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO screens (site_id, name, first_seen_at, last_seen_at, user_agent) \
         SELECT $1, $2, $3, $3, $4 \
         WHERE (SELECT COUNT(*) FROM screens WHERE site_id = $1) < $6 \
            OR EXISTS (SELECT 1 FROM screens WHERE site_id = $1 AND name = $2) \
         ON CONFLICT (site_id, name) DO UPDATE \
         SET last_seen_at = excluded.last_seen_at, user_agent = excluded.user_agent \
         WHERE screens.last_seen_at <= excluded.last_seen_at - $5 \
            OR screens.last_seen_at > excluded.last_seen_at",
    )
    .bind(site)
    .bind(name)
    .bind(now)
    .bind(user_agent)
    .bind(every)
    .bind(max_per_site)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// A screen as staff see it. `last_seen_at` in unix seconds.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ScreenRow {
    pub site_id: i64,
    pub site_name: String,
    pub name: String,
    pub last_seen_at: i64,
    pub user_agent: Option<String>,
}

/// The screens of `sites` and the sites below them (`None`: every site), the longest unseen
/// first, at most `limit`.
pub async fn list(
    pool: &AnyPool,
    sites: Option<&[i64]>,
    limit: i64,
) -> Result<Vec<ScreenRow>, sqlx::Error> {
    let (with, condition) = super::sites_below("sc.site_id", 2, sites);
    let sql = format!(
        "{with}SELECT sc.site_id, s.name AS site_name, sc.name, sc.last_seen_at, sc.user_agent \
         FROM screens sc JOIN sites s ON s.id = sc.site_id WHERE 1 = 1{condition} \
         ORDER BY sc.last_seen_at, sc.site_id, sc.name LIMIT $1"
    );
    let mut query = sqlx::query_as(&sql).bind(limit);
    for site in sites.unwrap_or_default() {
        query = query.bind(*site);
    }
    query.fetch_all(pool).await
}
