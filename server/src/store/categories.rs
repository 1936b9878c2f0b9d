//! Service categories (服务类别): data, each with a colour, ordered by `position`.

use sqlx::{Any, AnyPool, Executor};
use station_wire::activities::Category;

/// The five categories of the practice (the seeds' station colours its weekdays with them:
/// Monday red … Friday green): `(slug, name, colour)`. Every colour keeps at least 4.5:1
/// contrast with white text.
pub const STANDARD: [(&str, &str, &str); 5] = [
    ("elderly", "助老帮困", "#c0392b"),
    ("safety", "平安", "#1d5fb4"),
    ("neighbour", "邻里互助", "#7b3fa0"),
    ("culture", "文化", "#b35400"),
    ("environment", "环境", "#2e7d32"),
];

/// On a database without categories (its first start), creates the standard five; answers
/// whether it did. They are the practice's standard, not demo data, and administrators may
/// change them afterwards without their coming back. Servers starting together on one database
/// cannot double them: the slug is the key.
pub async fn create_standard(pool: &AnyPool) -> Result<bool, sqlx::Error> {
    let any: Option<String> = sqlx::query_scalar("SELECT slug FROM categories LIMIT 1")
        .fetch_optional(pool)
        .await?;
    if any.is_some() {
        return Ok(false);
    }
    let mut created = false;
    for (position, (slug, name, colour)) in STANDARD.iter().enumerate() {
        let inserted = sqlx::query(
            "INSERT INTO categories (slug, name, colour, position) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (slug) DO NOTHING",
        )
        .bind(*slug)
        .bind(*name)
        .bind(*colour)
        .bind(position as i64)
        .execute(pool)
        .await?;
        created |= inserted.rows_affected() > 0;
    }
    Ok(created)
}

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

/// Adds a category after the others; answers `false` when the slug is taken.
pub async fn create(pool: &AnyPool, category: &Category) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO categories (slug, name, colour, position) \
         SELECT $1, $2, $3, COALESCE(MAX(position) + 1, 0) FROM categories WHERE true \
         ON CONFLICT (slug) DO NOTHING",
    )
    .bind(&category.slug)
    .bind(&category.name)
    .bind(&category.colour)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Renames and recolours a category, and moves it when `position` is given; answers whether
/// it exists.
pub async fn update(
    pool: &AnyPool,
    category: &Category,
    position: Option<u32>,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    if let Some(position) = position {
        // Make room: the others at or after the new place move one down.
        sqlx::query(
            "UPDATE categories SET position = position + 1 WHERE position >= $1 AND slug <> $2",
        )
        .bind(i64::from(position))
        .bind(&category.slug)
        .execute(&mut *tx)
        .await?;
    }
    let done = sqlx::query(
        "UPDATE categories SET name = $2, colour = $3, position = COALESCE($4, position) \
         WHERE slug = $1",
    )
    .bind(&category.slug)
    .bind(&category.name)
    .bind(&category.colour)
    .bind(position.map(i64::from))
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    tx.commit().await?;
    Ok(true)
}
