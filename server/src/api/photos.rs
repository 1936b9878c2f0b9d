//! Photos: `POST /api/v1/photos` takes the image's bytes as the body, makes its two sizes
//! (`crate::photos`: decoded within limits, turned upright, metadata gone) and keeps them under a
//! random key; `GET /api/v1/photos/{key}/{size}` serves them for a year (a key's bytes never
//! change). A photo's address is told only to those who may see what it belongs to, so an
//! `<img>` needs no bearer token; a nomination names photos by id, its own uploader's only.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use station_wire::honors::{PhotoRef, MAX_PHOTO_BYTES};
use station_wire::problem::codes;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::photos::{self, PhotoError};
use crate::state::AppState;
use crate::store::photos::{self as stored, PhotoRow};

/// Uploads one account may keep in an hour (three photos for each of ten nominations).
const UPLOADS_PER_HOUR: i64 = 30;
/// Photos decoded at once by this process; the others wait their turn.
static DECODING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// An image file's bytes, as the OpenAPI document names them.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct ImageFile(#[allow(dead_code)] Vec<u8>);

/// A fresh random key: a photo's address.
pub fn new_key() -> String {
    let mut key = [0u8; 16];
    OsRng.fill_bytes(&mut key);
    URL_SAFE_NO_PAD.encode(key)
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload_photo))
        // The one body larger than the API's 64 KiB (`api::router`'s outer limit lets it by).
        .layer(DefaultBodyLimit::max(MAX_PHOTO_BYTES))
        .routes(routes!(photo_file))
}

/// The API's address of a photo's size.
pub fn url(key: &str, size: &str) -> String {
    format!("{}/photos/{key}/{size}.jpg", station_wire::API_BASE)
}

pub fn to_wire(row: &PhotoRow) -> PhotoRef {
    PhotoRef {
        id: row.id,
        width: u32::try_from(row.width).unwrap_or_default(),
        height: u32::try_from(row.height).unwrap_or_default(),
        thumb_url: url(&row.key, "thumb"),
        large_url: url(&row.key, "large"),
    }
}

/// Upload a photo: the body is the image file itself (JPEG, PNG or WebP, at most 5 MB).
#[utoipa::path(post, path = "/api/v1/photos", tag = "honors",
    request_body(content = ImageFile, content_type = "application/octet-stream",
        description = "The image's bytes (JPEG, PNG or WebP; its type is read from the bytes)"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The photo, to name in a nomination", body = PhotoRef),
        (status = 413, description = "Larger than 5 MB", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`photo`: not_an_image (a renamed PDF), too_many_pixels (more than 10000 px a side or 256 MB decoded), damaged (cut short)", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "More than 30 photos kept in an hour, or more than ten uploads at once", body = station_wire::problem::Problem, content_type = "application/problem+json"),
        crate::api::openapi::Unauthorized,
    ))]
pub async fn upload_photo(
    State(state): State<AppState>,
    user: AuthUser,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<PhotoRef>), ApiError> {
    let bytes = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge("A photo may be at most 5 MB.".to_owned())
        } else {
            ApiError::BadRequest(rejection.body_text())
        }
    })?;
    // Refused uploads count too: each costs a decode.
    state.uploads.check(user.account_id)?;
    let pool = state.store.pool();
    let now = state.time.now_unix();
    if stored::uploaded_since(pool, user.account_id, now - 3600).await? >= UPLOADS_PER_HOUR {
        return Err(ApiError::RateLimited {
            retry_after_seconds: 600,
        });
    }
    // Decoding is CPU work of up to a second: off the threads that answer requests, and only
    // so many at once.
    let _turn = DECODING
        .acquire()
        .await
        .map_err(|error| ApiError::Internal(anyhow::anyhow!("the decoding queue: {error}")))?;
    let photo = tokio::task::spawn_blocking(move || photos::process(&bytes))
        .await
        .map_err(|error| ApiError::Internal(anyhow::anyhow!("processing a photo: {error}")))?
        .map_err(refusal)?;
    let id = stored::insert(pool, &new_key(), user.account_id, &photo, now).await?;
    let row = stored::by_id(pool, id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("Photo {id}")))?;
    Ok((StatusCode::CREATED, Json(to_wire(&row))))
}

fn refusal(error: PhotoError) -> ApiError {
    match error {
        PhotoError::TooLarge => ApiError::TooLarge("A photo may be at most 5 MB.".to_owned()),
        PhotoError::NotAnImage => ApiError::invalid_given_state(
            "photo",
            codes::NOT_AN_IMAGE,
            "Not a JPEG, PNG or WebP image.",
        ),
        PhotoError::TooManyPixels => ApiError::invalid_given_state(
            "photo",
            codes::TOO_MANY_PIXELS,
            "The image claims more pixels than a photo has.",
        ),
        PhotoError::Damaged => ApiError::invalid_given_state(
            "photo",
            codes::DAMAGED,
            "The image is damaged or cut short.",
        ),
    }
}

/// One size of a photo: `thumb.jpg` (at most 480 px) or `large.jpg` (at most 1600 px).
#[utoipa::path(get, path = "/api/v1/photos/{key}/{size}", tag = "honors",
    params(
        ("key" = String, Path, description = "The photo's key, from its `thumb_url`"),
        ("size" = String, Path, description = "`thumb.jpg` or `large.jpg`"),
    ),
    responses(
        (status = 200, description = "The JPEG, without metadata", content_type = "image/jpeg", body = ImageFile),
        (status = 404, description = "No such photo or size", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn photo_file(
    State(state): State<AppState>,
    Path((key, size)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let large = match size.as_str() {
        "large.jpg" => true,
        "thumb.jpg" => false,
        _ => return Err(ApiError::not_found("This size")),
    };
    let bytes = stored::bytes(state.store.pool(), &key, large)
        .await?
        .ok_or_else(|| ApiError::not_found("This photo"))?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    // The etag layer adds its ETag and keeps this.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}
