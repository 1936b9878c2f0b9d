//! Server settings kept in the database.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

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
