//! Photos: the two sizes the server made of an upload (`photos.rs`), who uploaded it, and the
//! random key that is its address. Kept in the database, so one backup holds them and every
//! server serves them.

use sqlx::{Any, AnyPool, Executor};

use crate::photos::Photo;

pub async fn insert(
    pool: &AnyPool,
    key: &str,
    account_id: i64,
    photo: &Photo,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO photos (key, account_id, created_at, width, height, large, thumb) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(key)
    .bind(account_id)
    .bind(now)
    .bind(i64::from(photo.width))
    .bind(i64::from(photo.height))
    .bind(photo.large.clone())
    .bind(photo.thumb.clone())
    .fetch_one(pool)
    .await
}

/// How many photos `account_id` uploaded since `since`.
pub async fn uploaded_since(
    pool: &AnyPool,
    account_id: i64,
    since: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM photos WHERE account_id = $1 AND created_at >= $2")
        .bind(account_id)
        .bind(since)
        .fetch_one(pool)
        .await
}

/// One size of the photo at `key`: the large one or the thumbnail.
pub async fn bytes(pool: &AnyPool, key: &str, large: bool) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let column = if large { "large" } else { "thumb" };
    sqlx::query_scalar(&format!("SELECT {column} FROM photos WHERE key = $1"))
        .bind(key)
        .fetch_optional(pool)
        .await
}

/// What a photo is named by on the wire.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PhotoRow {
    pub id: i64,
    pub key: String,
    pub width: i64,
    pub height: i64,
    /// The nomination it belongs to, if any.
    pub honor_id: Option<i64>,
    /// The wish it belongs to, if any.
    pub wish_id: Option<i64>,
    pub account_id: i64,
}

impl PhotoRow {
    /// In no nomination and no wish yet: free to be put in one.
    pub fn is_unattached(&self) -> bool {
        self.honor_id.is_none() && self.wish_id.is_none()
    }
}

const SELECT_PHOTO: &str = "SELECT p.id, p.key, p.width, p.height, hp.honor_id, wp.wish_id, \
     p.account_id FROM photos p LEFT JOIN honor_photos hp ON hp.photo_id = p.id \
     LEFT JOIN wish_photos wp ON wp.photo_id = p.id";

pub async fn by_id(pool: &AnyPool, id: i64) -> Result<Option<PhotoRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT_PHOTO} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// The photos of these honors, each honor's in its order.
pub async fn of_honors<'e>(
    db: impl Executor<'e, Database = Any>,
    honor_ids: &[i64],
) -> Result<Vec<PhotoRow>, sqlx::Error> {
    if honor_ids.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = (1..=honor_ids.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "{SELECT_PHOTO} WHERE hp.honor_id IN ({}) ORDER BY hp.honor_id, hp.position",
        list.join(", ")
    );
    let mut query = sqlx::query_as(&sql);
    for id in honor_ids {
        query = query.bind(*id);
    }
    query.fetch_all(db).await
}

/// Deletes the photos uploaded before `before` that no nomination or wish holds.
pub async fn delete_unattached(pool: &AnyPool, before: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM photos WHERE created_at < $1 \
         AND id NOT IN (SELECT photo_id FROM honor_photos) \
         AND id NOT IN (SELECT photo_id FROM wish_photos)",
    )
    .bind(before)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// Gives the photos of an honor new keys: the addresses once on the board stop answering when
/// it leaves it (unpublished, rejected, consent withdrawn). `key_of` makes a fresh random key.
pub async fn rekey_honor(
    pool: &AnyPool,
    honor_id: i64,
    key_of: impl Fn() -> String,
) -> Result<(), sqlx::Error> {
    rekey(
        pool,
        "SELECT photo_id FROM honor_photos WHERE honor_id = $1",
        honor_id,
        key_of,
    )
    .await
}

/// Gives a wish's photos new keys (it left the wall, or its photo is no longer public).
pub async fn rekey_wish(
    pool: &AnyPool,
    wish_id: i64,
    key_of: impl Fn() -> String,
) -> Result<(), sqlx::Error> {
    rekey(
        pool,
        "SELECT photo_id FROM wish_photos WHERE wish_id = $1",
        wish_id,
        key_of,
    )
    .await
}

async fn rekey(
    pool: &AnyPool,
    photos_of: &str,
    owner: i64,
    key_of: impl Fn() -> String,
) -> Result<(), sqlx::Error> {
    let ids: Vec<i64> = sqlx::query_scalar(photos_of)
        .bind(owner)
        .fetch_all(pool)
        .await?;
    for id in ids {
        sqlx::query("UPDATE photos SET key = $2 WHERE id = $1")
            .bind(id)
            .bind(key_of())
            .execute(pool)
            .await?;
    }
    Ok(())
}

/// The photos of these wishes: (wish id, role — `wish` or `fulfil` —, photo).
pub async fn of_wishes<'e>(
    db: impl Executor<'e, Database = Any>,
    wish_ids: &[i64],
) -> Result<Vec<(String, PhotoRow)>, sqlx::Error> {
    if wish_ids.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = (1..=wish_ids.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT wp.role, p.id, p.key, p.width, p.height, CAST(NULL AS BIGINT) AS honor_id, wp.wish_id, \
         p.account_id FROM wish_photos wp JOIN photos p ON p.id = wp.photo_id \
         WHERE wp.wish_id IN ({})",
        list.join(", ")
    );
    let mut query = sqlx::query_as::<_, WishPhotoRow>(&sql);
    for id in wish_ids {
        query = query.bind(*id);
    }
    Ok(query
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|row| (row.role, row.photo))
        .collect())
}

#[derive(sqlx::FromRow)]
struct WishPhotoRow {
    role: String,
    #[sqlx(flatten)]
    photo: PhotoRow,
}
