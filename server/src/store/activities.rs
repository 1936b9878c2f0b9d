//! Activities: listed by (starts_at, id) with keyset pagination, filtered by day range, site
//! subtree and category.

use sqlx::{Any, AnyPool, Executor};

/// An activity as stored, joined with its site's and team's names. Times are unix seconds.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActivityRow {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub category_slug: String,
    pub site_id: i64,
    pub site_name: String,
    pub team_id: Option<i64>,
    pub team_name: Option<String>,
    pub team_field: Option<String>,
    pub place: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
    pub confirmed_count: i64,
    pub signup_deadline: Option<i64>,
    pub target_group: Option<String>,
    pub cancelled_at: Option<i64>,
    pub team_only: i64,
}

pub const SELECT_ACTIVITY: &str = "SELECT a.id, a.title, a.description, a.category_slug, \
     a.site_id, s.name AS site_name, a.team_id, t.name AS team_name, t.field AS team_field, \
     a.place, a.starts_at, a.ends_at, a.capacity, a.confirmed_count, a.signup_deadline, \
     a.target_group, a.cancelled_at, a.team_only \
     FROM activities a JOIN sites s ON s.id = a.site_id LEFT JOIN teams t ON t.id = a.team_id";

/// The position after which the next page starts: the (starts_at, id) of the last item shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct After {
    pub starts_at: i64,
    pub id: i64,
}

#[derive(Debug, Clone)]
pub struct ActivityFilter {
    /// Earliest start (unix seconds, inclusive).
    pub starts_from: i64,
    /// Latest start (unix seconds, exclusive).
    pub starts_before: i64,
    /// Only this site and the sites below it.
    pub site: Option<i64>,
    pub category: Option<String>,
    pub after: Option<After>,
    /// How many rows to return at most.
    pub limit: i64,
}

enum Bind {
    Int(i64),
    Text(String),
}

/// Lists the activities matching `filter`, ordered by (starts_at, id).
pub async fn list(
    pool: &AnyPool,
    filter: &ActivityFilter,
) -> Result<Vec<ActivityRow>, sqlx::Error> {
    let mut binds = vec![
        Bind::Int(filter.starts_from),
        Bind::Int(filter.starts_before),
    ];
    let mut with = String::new();
    let mut conditions = vec![
        "a.starts_at >= $1".to_owned(),
        "a.starts_at < $2".to_owned(),
    ];
    if let Some(site) = filter.site {
        binds.push(Bind::Int(site));
        let n = binds.len();
        // The site's whole subtree; recursive CTEs read the same on SQLite and PostgreSQL.
        with = format!(
            "WITH RECURSIVE subtree (id) AS (SELECT id FROM sites WHERE id = ${n} \
             UNION ALL SELECT c.id FROM sites c JOIN subtree p ON c.parent_id = p.id) "
        );
        conditions.push("a.site_id IN (SELECT id FROM subtree)".to_owned());
    }
    if let Some(category) = &filter.category {
        binds.push(Bind::Text(category.clone()));
        conditions.push(format!("a.category_slug = ${}", binds.len()));
    }
    if let Some(after) = filter.after {
        binds.push(Bind::Int(after.starts_at));
        let starts_at = binds.len();
        binds.push(Bind::Int(after.id));
        let id = binds.len();
        conditions.push(format!(
            "(a.starts_at > ${starts_at} OR (a.starts_at = ${starts_at} AND a.id > ${id}))"
        ));
    }
    binds.push(Bind::Int(filter.limit));
    let sql = format!(
        "{with}{SELECT_ACTIVITY} WHERE {} ORDER BY a.starts_at, a.id LIMIT ${}",
        conditions.join(" AND "),
        binds.len()
    );
    let mut query = sqlx::query_as::<_, ActivityRow>(&sql);
    for bind in binds {
        query = match bind {
            Bind::Int(value) => query.bind(value),
            Bind::Text(value) => query.bind(value),
        };
    }
    query.fetch_all(pool).await
}

pub async fn by_id(pool: &AnyPool, id: i64) -> Result<Option<ActivityRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT_ACTIVITY} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// A new activity; times are unix seconds.
#[derive(Debug, Clone)]
pub struct NewActivity {
    pub site_id: i64,
    pub team_id: Option<i64>,
    pub category_slug: String,
    pub title: String,
    pub description: String,
    pub place: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
    pub confirmed_count: i64,
    pub signup_deadline: Option<i64>,
    pub target_group: Option<String>,
    pub cancelled_at: Option<i64>,
    pub created_at: i64,
    /// Only members of `team_id` may sign up.
    pub team_only: bool,
}

pub async fn insert<'e>(
    db: impl Executor<'e, Database = Any>,
    activity: &NewActivity,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO activities (site_id, team_id, category_slug, title, description, place, \
         starts_at, ends_at, capacity, confirmed_count, signup_deadline, target_group, \
         cancelled_at, created_at, team_only, published_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $14) RETURNING id",
    )
    .bind(activity.site_id)
    .bind(activity.team_id)
    .bind(&activity.category_slug)
    .bind(&activity.title)
    .bind(&activity.description)
    .bind(&activity.place)
    .bind(activity.starts_at)
    .bind(activity.ends_at)
    .bind(activity.capacity)
    .bind(activity.confirmed_count)
    .bind(activity.signup_deadline)
    .bind(&activity.target_group)
    .bind(activity.cancelled_at)
    .bind(activity.created_at)
    .bind(i64::from(activity.team_only))
    .fetch_one(db)
    .await
}
