//! Service categories (服务类别): data, each with a colour, ordered by `position`.

use sqlx::{Any, AnyPool, Executor};
use station_wire::activities::Category;

#[derive(Debug, Clone, sqlx::FromRow)]
struct CategoryRow {
    slug: String,
    name: String,
    colour: String,
}

pub async fn insert<'e>(
    db: impl Executor<'e, Database = Any>,
    category: &Category,
    position: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO categories (slug, name, colour, position) VALUES ($1, $2, $3, $4)")
        .bind(&category.slug)
        .bind(&category.name)
        .bind(&category.colour)
        .bind(position)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn all(pool: &AnyPool) -> Result<Vec<Category>, sqlx::Error> {
    let rows: Vec<CategoryRow> =
        sqlx::query_as("SELECT slug, name, colour FROM categories ORDER BY position, slug")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|row| Category {
            slug: row.slug,
            name: row.name,
            colour: row.colour,
        })
        .collect())
}

pub async fn exists(pool: &AnyPool, slug: &str) -> Result<bool, sqlx::Error> {
    let found: Option<String> = sqlx::query_scalar("SELECT slug FROM categories WHERE slug = $1")
        .bind(slug)
        .fetch_optional(pool)
        .await?;
    Ok(found.is_some())
}
