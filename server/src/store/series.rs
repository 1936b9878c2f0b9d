//! Recurring activities: a series row holds the rule and the template its occurrences were
//! made from (what a feed's RRULE event says); each occurrence is an activity that points at
//! it and remembers the start the rule gave it.

use sqlx::{Any, AnyPool, Executor, Transaction};

use super::activities::{ActivityRow, Occurrence, SELECT_ACTIVITY};

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SeriesRow {
    pub id: i64,
    pub site_id: i64,
    /// `weekly` or `monthly`.
    pub freq: String,
    pub interval_count: i64,
    /// `YYYY-MM-DD`, in the station's zone, inclusive.
    pub until_date: String,
    /// The rule's first start and end (unix seconds): its DTSTART and DTEND.
    pub starts_at: i64,
    pub ends_at: i64,
    pub title: String,
    pub description: String,
    pub place: String,
    pub category_slug: String,
}

/// The rule and template of a series, as written.
#[derive(Debug, Clone)]
pub struct NewSeries<'a> {
    pub site_id: i64,
    pub freq: &'a str,
    pub interval_count: i64,
    pub until_date: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub title: &'a str,
    pub description: &'a str,
    pub place: &'a str,
    pub category_slug: &'a str,
}

pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    series: &NewSeries<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO activity_series (site_id, freq, interval_count, until_date, starts_at, \
         ends_at, title, description, place, category_slug, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(series.site_id)
    .bind(series.freq)
    .bind(series.interval_count)
    .bind(&series.until_date)
    .bind(series.starts_at)
    .bind(series.ends_at)
    .bind(series.title)
    .bind(series.description)
    .bind(series.place)
    .bind(series.category_slug)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

/// Replaces the template and the rule's first start of series `id` (its occurrences from the
/// first on were edited together), and where it ends.
pub async fn retemplate(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    series: &NewSeries<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE activity_series SET starts_at = $2, ends_at = $3, title = $4, description = $5, \
         place = $6, category_slug = $7, until_date = $8, site_id = $9 WHERE id = $1",
    )
    .bind(id)
    .bind(series.starts_at)
    .bind(series.ends_at)
    .bind(series.title)
    .bind(series.description)
    .bind(series.place)
    .bind(series.category_slug)
    .bind(&series.until_date)
    .bind(series.site_id)
    .execute(&mut **tx)
    .await
    .map(drop)
}

/// Takes series `id` for this transaction: a write on its row, so that edits of one series run
/// one after another (PostgreSQL locks the row; SQLite has one writer).
pub async fn lock(tx: &mut Transaction<'static, Any>, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE activity_series SET id = id WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await
        .map(drop)
}

/// Puts activity `id` in a series at the start its rule gives it (RECURRENCE-ID), or, with
/// `None`, takes it out of its series (it moved to another site: a series is one site's).
pub async fn place(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    occurrence: Option<Occurrence>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE activities SET series_id = $2, recurrence_at = $3 WHERE id = $1")
        .bind(id)
        .bind(occurrence.map(|occurrence| occurrence.series_id))
        .bind(occurrence.map(|occurrence| occurrence.recurrence_at))
        .execute(&mut **tx)
        .await
        .map(drop)
}

/// Series `id` now ends on `until_date` (its later occurrences moved to another series).
pub async fn cut(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    until_date: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE activity_series SET until_date = $2 WHERE id = $1")
        .bind(id)
        .bind(until_date)
        .execute(&mut **tx)
        .await
        .map(drop)
}

pub async fn by_id<'e>(
    db: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<Option<SeriesRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, site_id, freq, interval_count, until_date, starts_at, ends_at, title, \
         description, place, category_slug FROM activity_series WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The occurrences of series `id` (drafts too), by the start the rule gave them.
pub async fn occurrences<'e>(
    db: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<Vec<ActivityRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT_ACTIVITY} WHERE a.series_id = $1 ORDER BY a.recurrence_at, a.id"
    ))
    .bind(id)
    .fetch_all(db)
    .await
}

/// Publishes every draft of series `id` at `site_id` that is not cancelled.
pub async fn publish(pool: &AnyPool, id: i64, site_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE activities SET published_at = $2, revised_at = $2 \
         WHERE series_id = $1 AND site_id = $3 AND published_at IS NULL AND cancelled_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .bind(site_id)
    .execute(pool)
    .await
    .map(drop)
}
