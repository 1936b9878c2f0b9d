//! The timeline of a wish (and of an order): who did what when, written in the transaction of
//! the step, read by those who may see the wish's details.

use sqlx::{Any, AnyPool, Executor};

pub struct Step<'a> {
    /// `wish`.
    pub subject: &'a str,
    pub subject_id: i64,
    pub at: i64,
    pub event: &'a str,
    /// Absent for the server's own steps (an expiry).
    pub actor_id: Option<i64>,
    pub on_behalf: bool,
    pub note: Option<&'a str>,
}

pub async fn add<'e>(
    db: impl Executor<'e, Database = Any>,
    step: &Step<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO timeline (subject, subject_id, at, event, actor_id, on_behalf, note) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(step.subject)
    .bind(step.subject_id)
    .bind(step.at)
    .bind(step.event)
    .bind(step.actor_id)
    .bind(i64::from(step.on_behalf))
    .bind(step.note)
    .execute(db)
    .await
    .map(drop)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StepRow {
    pub at: i64,
    pub actor_id: Option<i64>,
    pub event: String,
    pub actor_name: Option<String>,
    pub on_behalf: i64,
    pub note: Option<String>,
}

/// The steps of one subject, in the order they happened.
pub async fn of(
    pool: &AnyPool,
    subject: &str,
    subject_id: i64,
) -> Result<Vec<StepRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.at, t.actor_id, t.event, a.display_name AS actor_name, t.on_behalf, t.note \
         FROM timeline t LEFT JOIN accounts a ON a.id = t.actor_id \
         WHERE t.subject = $1 AND t.subject_id = $2 ORDER BY t.id LIMIT 200",
    )
    .bind(subject)
    .bind(subject_id)
    .fetch_all(pool)
    .await
}
