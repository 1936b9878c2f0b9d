//! `station-server backup --to FILE`: a consistent copy of a SQLite station, made while the
//! server goes on serving writes. Restore by starting a server on the copy
//! (`--database-url sqlite://FILE`). A PostgreSQL station is backed up with `pg_dump` (README).

use std::path::Path;

use anyhow::{bail, Context};

use crate::config::Config;
use crate::store::Store;

pub async fn run(config: &Config, to: &Path) -> anyhow::Result<()> {
    if to.exists() {
        bail!("{} exists already: back up into a new file", to.display());
    }
    let target = to
        .to_str()
        .context("the backup's path must be valid UTF-8")?;
    let store = Store::open(&config.database_url).await?;
    let copied = store.backup_sqlite(target).await;
    store.close().await;
    if !copied.context("the backup failed")? {
        bail!(
            "`backup` copies a SQLite database; back up PostgreSQL with pg_dump (see the README)"
        );
    }
    println!("backed up to {}", to.display());
    Ok(())
}
