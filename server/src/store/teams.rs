//! Volunteer teams (志愿服务队). Only created here so far (demo data, tests); the teams API
//! comes with sign-ups.

use sqlx::{Any, Executor};

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
