//! The store: one set of SQL for SQLite and PostgreSQL.
//!
//! Queries go through sqlx's **Any** driver and are checked at run time (no `query!` macros, so
//! building needs no database). The SQL is the dialect both engines accept: `$N` placeholders
//! (sqlx-sqlite numbers them too), `RETURNING`, recursive CTEs, and only BIGINT and TEXT columns
//! — times are UTC unix seconds, turned into the station's offset in Rust
//! ([`crate::clock::StationTime`]), so no date type has to agree between engines. Schemas differ
//! only in DDL (identity columns), so each engine has its own migrations under
//! `migrations/<engine>/` with the same version numbers, embedded in the binary and run on start.
//! SQLite connections get WAL, foreign keys and a busy timeout when they open, and every write
//! transaction begins through [`begin_write`].
//!
//! Rules that must hold under concurrency live in the schema (CHECKs, FKs, later UNIQUEs and
//! conditional UPDATEs); [`crate::error::ResultExt::on_constraint`] says what a violation means.

pub mod accounts;
pub mod activities;
pub mod audit;
pub mod categories;
pub mod demo;
pub mod feeds;
pub mod honors;
pub mod hours;
pub mod notices;
pub mod orders;
pub mod photos;
pub mod reports;
pub mod screens;
pub mod series;
pub mod settings;
pub mod signups;
pub mod sites;
pub mod steps;
pub mod teams;
pub mod timeline;
pub mod wishes;

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use sqlx::{Any, AnyConnection, AnyPool, Connection, Executor, Transaction};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// Begins a transaction that will write. On SQLite it is `BEGIN IMMEDIATE`: the write lock is
/// taken at the start, waiting on `busy_timeout` for another writer, because a deferred
/// transaction that reads first and writes later fails at once with "database is locked" when
/// another connection wrote meanwhile (SQLite cannot wait there without risking a deadlock).
pub async fn begin_write(pool: &AnyPool) -> Result<Transaction<'static, Any>, sqlx::Error> {
    if Backend::of_pool(pool) == Backend::Sqlite {
        pool.begin_with("BEGIN IMMEDIATE").await
    } else {
        pool.begin().await
    }
}

/// `AND <column> IN ($first, …)` for `sites`, or nothing for every site (administrators); the
/// caller binds the ids in order after its own parameters.
pub fn and_site_in(column: &str, first: usize, sites: Option<&[i64]>) -> String {
    match sites {
        None => String::new(),
        Some([]) => " AND 1 = 0".to_owned(),
        Some(sites) => {
            let list: Vec<String> = (first..first + sites.len())
                .map(|n| format!("${n}"))
                .collect();
            format!(" AND {column} IN ({})", list.join(", "))
        }
    }
}

/// [`and_site_in`] for `sites` and every site below them: the `WITH RECURSIVE below (id) AS …`
/// that starts the statement, and the `AND <column> IN (SELECT id FROM below)` of its `WHERE`;
/// nothing for every site (administrators). The caller binds the ids in order after its own
/// parameters.
pub fn sites_below(column: &str, first: usize, sites: Option<&[i64]>) -> (String, String) {
    match sites {
        None => (String::new(), String::new()),
        Some([]) => (String::new(), " AND 1 = 0".to_owned()),
        Some(sites) => {
            let list: Vec<String> = (first..first + sites.len())
                .map(|n| format!("${n}"))
                .collect();
            (
                format!(
                    "WITH RECURSIVE below (id) AS (SELECT id FROM sites WHERE id IN ({}) \
                     UNION SELECT c.id FROM sites c JOIN below p ON c.parent_id = p.id) ",
                    list.join(", ")
                ),
                format!(" AND {column} IN (SELECT id FROM below)"),
            )
        }
    }
}

/// Which engine a database URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The engine of an open pool.
    pub fn of_pool(pool: &AnyPool) -> Self {
        if pool.connect_options().database_url.scheme() == "sqlite" {
            Backend::Sqlite
        } else {
            Backend::Postgres
        }
    }

    pub fn of(database_url: &str) -> anyhow::Result<Self> {
        if database_url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if database_url.starts_with("postgres:") || database_url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            anyhow::bail!(
                "unsupported database URL (want sqlite:// or postgres://): {database_url}"
            )
        }
    }
}

/// A pool of connections to the station's database.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

impl Store {
    /// Opens the database (creating a SQLite file and its folder when missing) and migrates it.
    pub async fn open(database_url: &str) -> anyhow::Result<Self> {
        let store = Self::connect(database_url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Opens the database as it is, without migrating it (`backup` reads a station that a
    /// server of another version may be running).
    pub async fn connect(database_url: &str) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of(database_url)?;
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_file(database_url)?,
            Backend::Postgres => database_url.to_owned(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        configure_sqlite(connection).await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .with_context(|| format!("cannot open the database {}", redact(database_url)))?;
        Ok(Store { pool, backend })
    }

    async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator
            .run(&self.pool)
            .await
            .context("cannot migrate the database")
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A text that changes whenever the activities, sites or teams may have changed (SQLite: a
    /// counter its triggers keep; PostgreSQL: the transaction snapshot, which changes with
    /// every write transaction that begins or ends). Read before the data it vouches for.
    pub async fn data_version(&self) -> Result<String, sqlx::Error> {
        let query = match self.backend {
            Backend::Sqlite => "SELECT CAST(n AS TEXT) FROM data_version",
            Backend::Postgres => "SELECT pg_current_snapshot()::text",
        };
        sqlx::query_scalar(query).fetch_one(&self.pool).await
    }

    /// A trivial round trip, for the health check.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        let mut connection = self.pool.acquire().await?;
        connection.ping().await
    }

    /// Writes a copy of a SQLite database to `to` (`VACUUM INTO`: one read transaction, so the
    /// copy is the database as of one moment, while WAL lets writers go on). Answers false for
    /// another kind of database.
    pub async fn backup_sqlite(&self, to: &str) -> Result<bool, sqlx::Error> {
        if self.backend != Backend::Sqlite {
            return Ok(false);
        }
        sqlx::query("VACUUM INTO $1")
            .bind(to)
            .execute(&self.pool)
            .await?;
        Ok(true)
    }

    /// Waits for open connections to finish and closes them. Committed writes are durable either
    /// way (in SQLite's WAL until a checkpoint); closing cleanly lets SQLite checkpoint the WAL
    /// into the main file as its last connection goes, so a copied `.sqlite3` file is complete.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Makes sure the SQLite file's folder exists and asks sqlx to create the file (`mode=rwc`).
fn prepare_sqlite_file(database_url: &str) -> anyhow::Result<String> {
    let rest = database_url
        .trim_start_matches("sqlite:")
        .trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() || path == ":memory:" || query.contains("mode=memory") {
        return Ok(database_url.to_owned());
    }
    if let Some(parent) = Path::new(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the database folder {}", parent.display()))?;
    }
    Ok(if query.contains("mode=") {
        database_url.to_owned()
    } else if query.is_empty() {
        format!("{database_url}?mode=rwc")
    } else {
        format!("{database_url}&mode=rwc")
    })
}

async fn configure_sqlite(connection: &mut AnyConnection) -> Result<(), sqlx::Error> {
    // WAL lets readers go on while one writer commits; the timeout makes a second writer wait
    // for the lock instead of failing at once.
    connection.execute("PRAGMA journal_mode = WAL").await?;
    connection.execute("PRAGMA foreign_keys = ON").await?;
    connection.execute("PRAGMA busy_timeout = 5000").await?;
    Ok(())
}

/// The URL without its password, for logs and errors.
pub fn redact(database_url: &str) -> String {
    match (database_url.find("://"), database_url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &database_url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!(
                    "{}{user}:***{}",
                    &database_url[..scheme_end + 3],
                    &database_url[at..]
                ),
                None => database_url.to_owned(),
            }
        }
        _ => database_url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_ask_for_the_file_to_be_created() {
        let dir = std::env::temp_dir().join(format!("station-store-{}", std::process::id()));
        let url = format!("sqlite://{}/sub/db.sqlite3", dir.display());
        assert_eq!(
            prepare_sqlite_file(&url).unwrap(),
            format!("{url}?mode=rwc")
        );
        assert!(dir.join("sub").is_dir());
        assert_eq!(
            prepare_sqlite_file("sqlite::memory:").unwrap(),
            "sqlite::memory:"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn passwords_stay_out_of_logs() {
        assert_eq!(
            redact("postgres://me:secret@db:5432/x"),
            "postgres://me:***@db:5432/x"
        );
        assert_eq!(redact("sqlite://a.sqlite3"), "sqlite://a.sqlite3");
    }
}
