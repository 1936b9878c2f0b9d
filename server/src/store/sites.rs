//! The site tree: 中心 → 所 → 站.

use sqlx::{Any, AnyPool, Executor};
use station_wire::sites::{SiteKind, SiteNode};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SiteRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: String,
    pub name: String,
    pub address: Option<String>,
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

pub async fn all(pool: &AnyPool) -> Result<Vec<SiteRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, parent_id, kind, name, address FROM sites ORDER BY id")
        .fetch_all(pool)
        .await
}

/// The first root of the tree (the 中心), if any site exists.
pub async fn root(pool: &AnyPool) -> Result<Option<SiteRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, parent_id, kind, name, address FROM sites WHERE parent_id IS NULL ORDER BY id LIMIT 1",
    )
    .fetch_optional(pool)
    .await
}

pub async fn exists(pool: &AnyPool, id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM sites WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(found.is_some())
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
        id: row.id,
        parent_id: row.parent_id,
        kind: kind_from_db(&row.kind),
        name: row.name,
        address: row.address,
        children: own
            .into_iter()
            .map(|child| attach(child, children))
            .collect(),
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
