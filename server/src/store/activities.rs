//! Activities: listed by (starts_at, id) with keyset pagination, filtered by day range, site
//! subtree and category.

use sqlx::any::AnyArguments;
use sqlx::{Any, AnyPool, Arguments, Executor};

use super::notices::ActivityChange;
use super::Backend;

/// An activity as stored, joined with its site's and team's names. Times are unix seconds.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, serde::Deserialize)]
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
    /// `None`: a draft, seen only by staff of its site.
    pub published_at: Option<i64>,
    pub cancel_reason: Option<String>,
    /// When it was last changed (created, edited, published, cancelled): unix seconds.
    pub revised_at: i64,
    /// The series it is an occurrence of.
    pub series_id: Option<i64>,
    /// The start its series' rule gave it (unix seconds): its iCalendar RECURRENCE-ID.
    pub recurrence_at: Option<i64>,
}

pub const SELECT_ACTIVITY: &str = "SELECT a.id, a.title, a.description, a.category_slug, \
     a.site_id, s.name AS site_name, a.team_id, t.name AS team_name, t.field AS team_field, \
     a.place, a.starts_at, a.ends_at, a.capacity, a.confirmed_count, a.signup_deadline, \
     a.target_group, a.cancelled_at, a.team_only, a.published_at, a.cancel_reason, \
     COALESCE(a.revised_at, a.created_at) AS revised_at, a.series_id, a.recurrence_at \
     FROM activities a JOIN sites s ON s.id = a.site_id LEFT JOIN teams t ON t.id = a.team_id";

/// The columns of [`SELECT_ACTIVITY`], by the names of [`ActivityRow`]'s fields.
const ACTIVITY_COLUMNS: [&str; 23] = [
    "id",
    "title",
    "description",
    "category_slug",
    "site_id",
    "site_name",
    "team_id",
    "team_name",
    "team_field",
    "place",
    "starts_at",
    "ends_at",
    "capacity",
    "confirmed_count",
    "signup_deadline",
    "target_group",
    "cancelled_at",
    "team_only",
    "published_at",
    "cancel_reason",
    "revised_at",
    "series_id",
    "recurrence_at",
];

/// Wraps a query of [`SELECT_ACTIVITY`] so that the database answers one JSON array of its rows.
///
/// Why: through sqlx's Any driver every value of every row is decoded on its own, which cost
/// ~16 µs per row on SQLite — a page of 50 took ten times as long as one activity (bench/load).
/// One text decoded by serde costs a fraction of that, on both engines.
fn as_json_array(backend: Backend, query: &str) -> String {
    match backend {
        Backend::Sqlite => {
            let fields: Vec<String> = ACTIVITY_COLUMNS
                .iter()
                .map(|column| format!("'{column}', x.{column}"))
                .collect();
            format!(
                "SELECT json_group_array(json_object({})) FROM ({query}) x",
                fields.join(", ")
            )
        }
        // A row becomes an object under its column names.
        Backend::Postgres => format!("SELECT COALESCE(json_agg(x), '[]')::text FROM ({query}) x"),
    }
}

/// Runs [`as_json_array`]'s query and reads its rows back in (starts_at, id) order, which an
/// aggregate is not bound to keep.
async fn fetch_json_rows<'q>(
    pool: &AnyPool,
    query: sqlx::query::QueryScalar<'q, Any, String, sqlx::any::AnyArguments<'q>>,
) -> Result<Vec<ActivityRow>, sqlx::Error> {
    let json = query.fetch_one(pool).await?;
    let mut rows: Vec<ActivityRow> =
        serde_json::from_str(&json).map_err(|error| sqlx::Error::Decode(Box::new(error)))?;
    rows.sort_by_key(|row| (row.starts_at, row.id));
    Ok(rows)
}

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
    pub team: Option<i64>,
    /// Words in the title, place, description or site name (any case).
    pub text: Option<String>,
    /// Only activities one can sign up for at this moment (unix seconds): published, not
    /// cancelled, not started, before any deadline, places left.
    pub open_at: Option<i64>,
    pub after: Option<After>,
    /// How many rows to return at most.
    pub limit: i64,
    /// Drafts too (for staff).
    pub drafts: bool,
    /// Only activities of these sites (the sites a staff member manages).
    pub sites_in: Option<Vec<i64>>,
    /// Take the latest `limit` rather than the earliest (the answer is still in time order).
    pub latest_first: bool,
}

enum Bind {
    Int(i64),
    Text(String),
}

/// The SQL that picks the activities matching `filter` (all but its `limit`): a `WITH` to put
/// before the query, the conditions of its `WHERE`, their binds in order. `None`: nothing can
/// match (a staff member of no site).
fn matching(filter: &ActivityFilter) -> Option<(String, Vec<String>, Vec<Bind>)> {
    let mut binds = vec![
        Bind::Int(filter.starts_from),
        Bind::Int(filter.starts_before),
    ];
    let mut with = String::new();
    let mut conditions = vec![
        "a.starts_at >= $1".to_owned(),
        "a.starts_at < $2".to_owned(),
    ];
    if !filter.drafts {
        // Drafts are not in public lists.
        conditions.push("a.published_at IS NOT NULL".to_owned());
    }
    if let Some(sites) = &filter.sites_in {
        if sites.is_empty() {
            return None;
        }
        let mut placeholders = Vec::with_capacity(sites.len());
        for site in sites {
            binds.push(Bind::Int(*site));
            placeholders.push(format!("${}", binds.len()));
        }
        conditions.push(format!("a.site_id IN ({})", placeholders.join(", ")));
    }
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
    if let Some(team) = filter.team {
        binds.push(Bind::Int(team));
        conditions.push(format!("a.team_id = ${}", binds.len()));
    }
    if let Some(text) = &filter.text {
        binds.push(Bind::Text(like_pattern(text)));
        let n = binds.len();
        conditions.push(format!(
            "(LOWER(a.title) LIKE ${n} ESCAPE '\\' OR LOWER(a.place) LIKE ${n} ESCAPE '\\' \
             OR LOWER(a.description) LIKE ${n} ESCAPE '\\' OR LOWER(s.name) LIKE ${n} ESCAPE '\\')"
        ));
    }
    if let Some(now) = filter.open_at {
        binds.push(Bind::Int(now));
        let n = binds.len();
        conditions.push(format!(
            "a.published_at IS NOT NULL AND a.cancelled_at IS NULL AND a.starts_at > ${n} \
             AND (a.signup_deadline IS NULL OR a.signup_deadline > ${n}) \
             AND a.confirmed_count < a.capacity"
        ));
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
    Some((with, conditions, binds))
}

/// The binds as the arguments of a query.
fn arguments(binds: Vec<Bind>) -> Result<AnyArguments<'static>, sqlx::Error> {
    let mut arguments = AnyArguments::default();
    for bind in binds {
        match bind {
            Bind::Int(value) => arguments.add(value),
            Bind::Text(value) => arguments.add(value),
        }
        .map_err(sqlx::Error::Encode)?;
    }
    Ok(arguments)
}

/// Lists the activities matching `filter`, ordered by (starts_at, id).
pub async fn list(
    pool: &AnyPool,
    filter: &ActivityFilter,
) -> Result<Vec<ActivityRow>, sqlx::Error> {
    let Some((with, conditions, mut binds)) = matching(filter) else {
        return Ok(vec![]);
    };
    binds.push(Bind::Int(filter.limit));
    let order = if filter.latest_first {
        "a.starts_at DESC, a.id DESC"
    } else {
        "a.starts_at, a.id"
    };
    let rows = format!(
        "{SELECT_ACTIVITY} WHERE {} ORDER BY {order} LIMIT ${}",
        conditions.join(" AND "),
        binds.len()
    );
    let sql = format!("{with}{}", as_json_array(Backend::of_pool(pool), &rows));
    fetch_json_rows(pool, sqlx::query_scalar_with(&sql, arguments(binds)?)).await
}

/// The start (unix seconds) and category of every activity matching `filter` (its `limit`
/// aside), in (starts_at, id) order: what a month's grid counts, without the rest of each row.
pub async fn starts(
    pool: &AnyPool,
    filter: &ActivityFilter,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let Some((with, conditions, binds)) = matching(filter) else {
        return Ok(vec![]);
    };
    let sql = format!(
        "{with}SELECT a.starts_at, a.category_slug FROM activities a \
         JOIN sites s ON s.id = a.site_id WHERE {} ORDER BY a.starts_at, a.id",
        conditions.join(" AND ")
    );
    sqlx::query_as_with(&sql, arguments(binds)?)
        .fetch_all(pool)
        .await
}

/// `%text%` for `LIKE … ESCAPE '\'`, lower-cased, with the text's own `%`, `_` and `\` taken
/// literally.
fn like_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

pub async fn by_id<'e>(
    db: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<Option<ActivityRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT_ACTIVITY} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The activities an account has an active (not cancelled) sign-up for.
pub async fn signed_up_by(
    pool: &AnyPool,
    account_id: i64,
    with_cancelled: bool,
) -> Result<Vec<ActivityRow>, sqlx::Error> {
    let status = if with_cancelled {
        ""
    } else {
        " AND status <> 'cancelled'"
    };
    sqlx::query_as(&format!(
        "{SELECT_ACTIVITY} WHERE a.id IN (SELECT activity_id FROM signups \
         WHERE account_id = $1{status})"
    ))
    .bind(account_id)
    .fetch_all(pool)
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

/// What staff write about an activity, validated; times are unix seconds.
#[derive(Debug, Clone)]
pub struct ActivityFields {
    pub site_id: i64,
    pub team_id: Option<i64>,
    pub category_slug: String,
    pub title: String,
    pub description: String,
    pub place: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
    pub signup_deadline: Option<i64>,
    pub target_group: Option<String>,
    pub team_only: bool,
}

/// An occurrence's place in its series: the series and the start the rule gave it.
#[derive(Debug, Clone, Copy)]
pub struct Occurrence {
    pub series_id: i64,
    pub recurrence_at: i64,
}

/// Creates an activity from the console: a draft unless `published_at` is given.
pub async fn create<'e>(
    db: impl Executor<'e, Database = Any>,
    fields: &ActivityFields,
    now: i64,
    published_at: Option<i64>,
    occurrence: Option<Occurrence>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO activities (site_id, team_id, category_slug, title, description, place, \
         starts_at, ends_at, capacity, confirmed_count, signup_deadline, target_group, \
         created_at, team_only, published_at, series_id, recurrence_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $11, $12, $13, $14, $15, $16) \
         RETURNING id",
    )
    .bind(fields.site_id)
    .bind(fields.team_id)
    .bind(&fields.category_slug)
    .bind(&fields.title)
    .bind(&fields.description)
    .bind(&fields.place)
    .bind(fields.starts_at)
    .bind(fields.ends_at)
    .bind(fields.capacity)
    .bind(fields.signup_deadline)
    .bind(&fields.target_group)
    .bind(now)
    .bind(i64::from(fields.team_only))
    .bind(published_at)
    .bind(occurrence.map(|occurrence| occurrence.series_id))
    .bind(occurrence.map(|occurrence| occurrence.recurrence_at))
    .fetch_one(db)
    .await
}

/// Replaces the fields of an activity that is not cancelled; answers whether one was changed.
/// Places below the confirmed count violate `activities_places_within_capacity`.
pub async fn update<'e>(
    db: impl Executor<'e, Database = Any>,
    id: i64,
    fields: &ActivityFields,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE activities SET site_id = $2, team_id = $3, category_slug = $4, title = $5, \
         description = $6, place = $7, starts_at = $8, ends_at = $9, capacity = $10, \
         signup_deadline = $11, target_group = $12, team_only = $13, revised_at = $14 \
         WHERE id = $1 AND cancelled_at IS NULL",
    )
    .bind(id)
    .bind(fields.site_id)
    .bind(fields.team_id)
    .bind(&fields.category_slug)
    .bind(&fields.title)
    .bind(&fields.description)
    .bind(&fields.place)
    .bind(fields.starts_at)
    .bind(fields.ends_at)
    .bind(fields.capacity)
    .bind(fields.signup_deadline)
    .bind(&fields.target_group)
    .bind(i64::from(fields.team_only))
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Publishes a draft (a published one keeps its first publication time).
pub async fn publish(pool: &AnyPool, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE activities SET published_at = $2, revised_at = $2 WHERE id = $1 AND published_at IS NULL")
        .bind(id)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(())
}

/// What a cancellation covers: one activity, or an occurrence and the later ones of its series
/// (of its site) that are not over.
#[derive(Debug, Clone, Copy)]
pub enum CancelScope {
    One(i64),
    Following {
        id: i64,
        series_id: i64,
        site_id: i64,
    },
}

/// Cancels what `scope` covers with a reason, together; a cancelled activity keeps its first
/// reason. Answers the activities it cancelled now, as they were.
pub async fn cancel(
    pool: &AnyPool,
    scope: CancelScope,
    reason: &str,
    now: i64,
) -> Result<Vec<ActivityRow>, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    let ids = match scope {
        CancelScope::One(id) => vec![id],
        CancelScope::Following {
            id,
            series_id,
            site_id,
        } => {
            // The series' row first: edits of the same series wait (PostgreSQL locks it).
            super::series::lock(&mut tx, series_id).await?;
            sqlx::query_scalar(
                "SELECT b.id FROM activities b JOIN activities a ON a.id = $1 \
                 WHERE b.series_id = $2 AND b.site_id = $3 AND b.cancelled_at IS NULL \
                 AND (b.id = a.id OR (b.ends_at > $4 AND b.recurrence_at >= a.recurrence_at)) \
                 ORDER BY b.recurrence_at",
            )
            .bind(id)
            .bind(series_id)
            .bind(site_id)
            .bind(now)
            .fetch_all(&mut *tx)
            .await?
        }
    };
    let mut cancelled = Vec::new();
    for &id in &ids {
        let before = by_id(&mut *tx, id).await?;
        let done = sqlx::query(
            "UPDATE activities SET cancelled_at = $2, cancel_reason = $3, revised_at = $2 \
             WHERE id = $1 AND cancelled_at IS NULL",
        )
        .bind(id)
        .bind(now)
        .bind(reason)
        .execute(&mut *tx)
        .await?;
        // Everyone who counted on it is told, once: cancelling again writes nothing.
        if done.rows_affected() > 0 {
            super::notices::activity_changed(&mut tx, id, ActivityChange::Cancelled, now).await?;
            cancelled.extend(before);
        }
    }
    tx.commit().await?;
    Ok(cancelled)
}

/// Deletes an activity nobody ever signed up for. The transaction first writes the activity's
/// row, as every sign-up does, so a sign-up arriving at the same moment either comes first (and
/// is seen: the delete is refused) or finds the activity gone.
pub async fn delete_unused(pool: &AnyPool, id: i64) -> Result<bool, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    sqlx::query("UPDATE activities SET confirmed_count = confirmed_count WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let done = sqlx::query(
        "DELETE FROM activities WHERE id = $1 \
         AND NOT EXISTS (SELECT 1 FROM signups WHERE activity_id = $1)",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(done.rows_affected() > 0)
}
