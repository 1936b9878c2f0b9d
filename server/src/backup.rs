//! `station-server backup --to FILE`: a consistent copy of a SQLite station, made while the
//! server goes on serving writes. Restore by starting a server on the copy
//! (`--database-url sqlite://FILE`). A PostgreSQL station is backed up with `pg_dump` (README).

use std::path::Path;

use anyhow::{bail, Context};

use crate::config::Config;
use crate::store::{Backend, Store};

pub async fn run(config: &Config, to: &Path) -> anyhow::Result<()> {
    // Nothing is opened (which would create a missing file, or migrate) before it is known to
    // be a SQLite station that exists.
    if Backend::of(&config.database_url)? != Backend::Sqlite {
        bail!(
            "`backup` copies a SQLite database; back up PostgreSQL with pg_dump (see the README)"
        );
    }
    let source = config
        .database_url
        .trim_start_matches("sqlite:")
        .trim_start_matches("//");
    let source = source.split_once('?').map_or(source, |(path, _)| path);
    if !Path::new(source).is_file() {
        bail!("no station database at {source}: check --database-url");
    }
    if to.exists() {
        bail!("{} exists already: back up into a new file", to.display());
    }
    // Written beside the target and renamed when complete, so that a backup cut short (a full
    // disk, a killed process) never lies under the name of a good one.
    let partial = to.with_extension("partial");
    let target = partial
        .to_str()
        .context("the backup's path must be valid UTF-8")?;
    let _ = std::fs::remove_file(&partial);
    let store = Store::connect(&config.database_url).await?;
    let copied = store.backup_sqlite(target).await;
    store.close().await;
    let copied = copied.context("the backup failed");
    if !matches!(copied, Ok(true)) {
        let _ = std::fs::remove_file(&partial);
        copied?;
        bail!("`backup` copies a SQLite database");
    }
    std::fs::rename(&partial, to)
        .with_context(|| format!("cannot name the backup {}", to.display()))?;
    println!("backed up to {}", to.display());
    Ok(())
}
