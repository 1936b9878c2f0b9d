//! The site tree: 中心 → 所 → 站.

use sqlx::{Any, AnyPool, Executor, Transaction};
use station_wire::sites::{SiteInput, SiteKind, SiteNode};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SiteRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: String,
    pub name: String,
    pub address: Option<String>,
    pub opening_hours: Option<String>,
    pub phone: Option<String>,
    pub intro: String,
    pub archived_at: Option<i64>,
}

const SELECT_SITE: &str =
    "SELECT id, parent_id, kind, name, address, opening_hours, phone, intro, archived_at FROM sites";

impl SiteRow {
    pub fn kind(&self) -> SiteKind {
        kind_from_db(&self.kind)
    }
}

/// A validated input as the row it was written to.
pub trait IntoRow {
    fn into_row(self, id: i64) -> SiteRow;
}

impl IntoRow for SiteInput {
    fn into_row(self, id: i64) -> SiteRow {
        SiteRow {
            id,
            parent_id: self.parent_id,
            kind: kind_to_db(self.kind).to_owned(),
            name: self.name,
            address: self.address,
            opening_hours: self.opening_hours,
            phone: self.phone,
            intro: self.intro,
            archived_at: None,
        }
    }
}

pub struct NewSite<'a> {
    pub parent_id: Option<i64>,
    pub kind: SiteKind,
    pub name: &'a str,
    pub address: Option<&'a str>,
}

pub async fn insert<'e>(
    db: impl Executor<'e, Database = Any>,
    site: &NewSite<'_>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO sites (parent_id, kind, name, address) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(site.parent_id)
    .bind(kind_to_db(site.kind))
    .bind(site.name)
    .bind(site.address)
    .fetch_one(db)
    .await
}

/// The sites that are not archived, in id order.
pub async fn all(pool: &AnyPool) -> Result<Vec<SiteRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT_SITE} WHERE archived_at IS NULL ORDER BY id"
    ))
    .fetch_all(pool)
    .await
}

/// The first root of the tree (the 中心) that is not archived, if any.
pub async fn root(pool: &AnyPool) -> Result<Option<SiteRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT_SITE} WHERE parent_id IS NULL AND archived_at IS NULL ORDER BY id LIMIT 1"
    ))
    .fetch_optional(pool)
    .await
}

/// A site, archived or not.
pub async fn by_id<'e>(
    db: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<Option<SiteRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT_SITE} WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Every site's id, archived or not.
pub async fn all_ids(pool: &AnyPool) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM sites")
        .fetch_all(pool)
        .await
}

pub async fn exists(pool: &AnyPool, id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM sites WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(found.is_some())
}

/// Changes to the tree's shape run one at a time: each starts by writing the same guard row
/// (SQLite takes its write lock at once; PostgreSQL locks the row), so two moves that would
/// together make a cycle cannot both pass their check.
pub async fn lock_tree(tx: &mut Transaction<'static, Any>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES ('site_tree_guard', '') \
         ON CONFLICT (key) DO UPDATE SET value = ''",
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Whether `candidate` is `site` itself or lies below it (archived sites included).
pub async fn is_within<'e>(
    db: impl Executor<'e, Database = Any>,
    site: i64,
    candidate: i64,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "WITH RECURSIVE subtree (id) AS (SELECT id FROM sites WHERE id = $1 \
         UNION ALL SELECT c.id FROM sites c JOIN subtree p ON c.parent_id = p.id) \
         SELECT id FROM subtree WHERE id = $2",
    )
    .bind(site)
    .bind(candidate)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// The kinds of the site's children that are not archived.
pub async fn live_child_kinds<'e>(
    db: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<Vec<SiteKind>, sqlx::Error> {
    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT kind FROM sites WHERE parent_id = $1 AND archived_at IS NULL")
            .bind(id)
            .fetch_all(db)
            .await?;
    Ok(kinds.iter().map(|kind| kind_from_db(kind)).collect())
}

/// Inserts a validated site (trimmed fields).
pub async fn create<'e>(
    db: impl Executor<'e, Database = Any>,
    site: &SiteInput,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO sites (parent_id, kind, name, address, opening_hours, phone, intro) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(site.parent_id)
    .bind(kind_to_db(site.kind))
    .bind(&site.name)
    .bind(&site.address)
    .bind(&site.opening_hours)
    .bind(&site.phone)
    .bind(&site.intro)
    .fetch_one(db)
    .await
}

/// Replaces a site's fields (a validated, trimmed input); answers whether it existed.
pub async fn update<'e>(
    db: impl Executor<'e, Database = Any>,
    id: i64,
    site: &SiteInput,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE sites SET parent_id = $2, kind = $3, name = $4, address = $5, \
         opening_hours = $6, phone = $7, intro = $8 WHERE id = $1",
    )
    .bind(id)
    .bind(site.parent_id)
    .bind(kind_to_db(site.kind))
    .bind(&site.name)
    .bind(&site.address)
    .bind(&site.opening_hours)
    .bind(&site.phone)
    .bind(&site.intro)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Archives a site that has no live children (also checked in the UPDATE itself); callers hold
/// the tree's lock. Answers whether it was archived.
pub async fn archive<'e>(
    db: impl Executor<'e, Database = Any>,
    id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE sites SET archived_at = $2 WHERE id = $1 AND archived_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM sites c WHERE c.parent_id = $1 AND c.archived_at IS NULL)",
    )
    .bind(id)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Whether the site still has teams, or activities not cancelled that have not ended.
pub async fn in_use<'e>(
    db: impl Executor<'e, Database = Any>,
    id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM teams WHERE site_id = $1 AND archived_at IS NULL \
         UNION ALL SELECT 1 FROM activities WHERE site_id = $1 AND cancelled_at IS NULL AND ends_at > $2 \
         LIMIT 1",
    )
    .bind(id)
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// The wire form of one site, without its children.
pub fn to_node(row: SiteRow) -> SiteNode {
    SiteNode {
        id: row.id,
        parent_id: row.parent_id,
        kind: kind_from_db(&row.kind),
        name: row.name,
        address: row.address,
        opening_hours: row.opening_hours,
        phone: row.phone,
        intro: row.intro,
        children: vec![],
    }
}

pub fn kind_to_db(kind: SiteKind) -> &'static str {
    match kind {
        SiteKind::Center => "center",
        SiteKind::Institute => "institute",
        SiteKind::Station => "station",
    }
}

fn kind_from_db(kind: &str) -> SiteKind {
    match kind {
        "center" => SiteKind::Center,
        "institute" => SiteKind::Institute,
        // The schema's CHECK admits only these three.
        _ => SiteKind::Station,
    }
}

/// Nests rows (ordered by id) under their parents; rows whose parent is missing become roots,
/// so no site is ever hidden.
pub fn build_tree(rows: Vec<SiteRow>) -> Vec<SiteNode> {
    let ids: std::collections::HashSet<i64> = rows.iter().map(|row| row.id).collect();
    let mut children: std::collections::HashMap<i64, Vec<SiteRow>> = Default::default();
    let mut roots = Vec::new();
    for row in rows {
        match row
            .parent_id
            .filter(|parent| ids.contains(parent) && *parent != row.id)
        {
            Some(parent) => children.entry(parent).or_default().push(row),
            None => roots.push(row),
        }
    }
    roots
        .into_iter()
        .map(|row| attach(row, &mut children))
        .collect()
}

fn attach(row: SiteRow, children: &mut std::collections::HashMap<i64, Vec<SiteRow>>) -> SiteNode {
    let own = children.remove(&row.id).unwrap_or_default();
    SiteNode {
        children: own
            .into_iter()
            .map(|child| attach(child, children))
            .collect(),
        ..to_node(row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, parent_id: Option<i64>, kind: &str) -> SiteRow {
        SiteRow {
            id,
            parent_id,
            kind: kind.into(),
            name: format!("site {id}"),
            address: None,
            opening_hours: None,
            phone: None,
            intro: String::new(),
            archived_at: None,
        }
    }

    #[test]
    fn rows_nest_under_their_parents_in_id_order() {
        let tree = build_tree(vec![
            row(1, None, "center"),
            row(2, Some(1), "institute"),
            row(3, Some(2), "station"),
            row(4, Some(1), "institute"),
            row(5, Some(2), "station"),
        ]);
        assert_eq!(tree.len(), 1);
        let center = &tree[0];
        assert_eq!(center.kind, SiteKind::Center);
        assert_eq!(
            center.children.iter().map(|c| c.id).collect::<Vec<_>>(),
            [2, 4]
        );
        assert_eq!(
            center.children[0]
                .children
                .iter()
                .map(|c| c.id)
                .collect::<Vec<_>>(),
            [3, 5]
        );
    }
}
