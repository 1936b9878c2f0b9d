//! Server settings kept in the database.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use sqlx::{Any, AnyPool, Executor};

use super::Store;

/// The check-in signing secret: generated on first start; the first writer wins, so servers
/// sharing a database agree.
pub async fn checkin_secret(store: &Store) -> Result<String, sqlx::Error> {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    sqlx::query("INSERT INTO settings (key, value) VALUES ('checkin_secret', $1) ON CONFLICT (key) DO NOTHING")
        .bind(URL_SAFE_NO_PAD.encode(bytes))
        .execute(store.pool())
        .await?;
    sqlx::query_scalar("SELECT value FROM settings WHERE key = 'checkin_secret'")
        .fetch_one(store.pool())
        .await
}

/// Records that the database holds demo data (in the demo loader's transaction), so that the
/// app can mark it and the server warn about it for as long as it lasts.
pub async fn mark_demo_data<'e>(db: impl Executor<'e, Database = Any>) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO settings (key, value) VALUES ('demo_data', 'true') ON CONFLICT (key) DO NOTHING")
        .execute(db)
        .await?;
    Ok(())
}

pub async fn holds_demo_data(pool: &AnyPool) -> Result<bool, sqlx::Error> {
    let found: Option<String> =
        sqlx::query_scalar("SELECT value FROM settings WHERE key = 'demo_data'")
            .fetch_optional(pool)
            .await?;
    Ok(found.as_deref() == Some("true"))
}
