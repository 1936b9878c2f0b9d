//! The audit log: one row per write by staff, a leader or an administrator.

use sqlx::{Any, AnyPool, Executor};

/// What a handler records after a write.
pub struct Entry<'a> {
    pub at: i64,
    pub account_id: i64,
    pub site_id: Option<i64>,
    pub action: &'a str,
    pub subject: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

pub async fn record<'e>(
    db: impl Executor<'e, Database = Any>,
    entry: &Entry<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (at, account_id, site_id, action, subject, before_json, after_json) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(entry.at)
    .bind(entry.account_id)
    .bind(entry.site_id)
    .bind(entry.action)
    .bind(&entry.subject)
    .bind(entry.before.as_deref())
    .bind(entry.after.as_deref())
    .execute(db)
    .await
    .map(drop)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub at: i64,
    pub account_id: i64,
    pub actor_name: String,
    pub site_id: Option<i64>,
    pub site_name: Option<String>,
    pub action: String,
    pub subject: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

pub struct AuditFilter {
    pub site: Option<i64>,
    pub account: Option<i64>,
    /// Only entries older than this id (the cursor).
    pub before_id: Option<i64>,
    pub limit: i64,
}

/// Entries matching `filter`, newest first.
pub async fn list(pool: &AnyPool, filter: &AuditFilter) -> Result<Vec<AuditRow>, sqlx::Error> {
    let mut sql = String::from(
        "SELECT l.id, l.at, l.account_id, a.display_name AS actor_name, l.site_id, \
         s.name AS site_name, l.action, l.subject, l.before_json, l.after_json FROM audit_log l \
         JOIN accounts a ON a.id = l.account_id LEFT JOIN sites s ON s.id = l.site_id WHERE 1 = 1",
    );
    let mut binds = Vec::new();
    for (column, value) in [
        ("l.site_id =", filter.site),
        ("l.account_id =", filter.account),
        ("l.id <", filter.before_id),
    ] {
        if let Some(value) = value {
            binds.push(value);
            sql.push_str(&format!(" AND {column} ${}", binds.len()));
        }
    }
    binds.push(filter.limit);
    sql.push_str(&format!(" ORDER BY l.id DESC LIMIT ${}", binds.len()));
    let mut query = sqlx::query_as(&sql);
    for value in binds {
        query = query.bind(value);
    }
    query.fetch_all(pool).await
}
