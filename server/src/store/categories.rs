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

/// Renames and recolours a category, and moves it to `position` (0 first) when given: the others
/// keep their order and every position is renumbered 0, 1, 2 …; answers whether it exists.
pub async fn update(
    pool: &AnyPool,
    category: &Category,
    position: Option<u32>,
) -> Result<bool, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    let done = sqlx::query("UPDATE categories SET name = $2, colour = $3 WHERE slug = $1")
        .bind(&category.slug)
        .bind(&category.name)
        .bind(&category.colour)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    if let Some(position) = position {
        let mut order: Vec<String> =
            sqlx::query_scalar("SELECT slug FROM categories ORDER BY position, slug")
                .fetch_all(&mut *tx)
                .await?;
        order.retain(|slug| *slug != category.slug);
        let at = (position as usize).min(order.len());
        order.insert(at, category.slug.clone());
        for (index, slug) in order.iter().enumerate() {
            sqlx::query("UPDATE categories SET position = $2 WHERE slug = $1")
                .bind(slug)
                .bind(index as i64)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(true)
}
