//! Extractors that answer problem+json when the request cannot be read.

use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use serde_json::Value;
use station_wire::problem::codes;

use crate::error::ApiError;

/// A JSON body; an unreadable one is a 400 problem saying what is wrong with it and where.
///
/// A number is read by its value: `2.0` is the integer 2, as JSON Schema (and so the OpenAPI
/// document) has it, although serde would refuse it for an integer field.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let axum::Json(mut value) = axum::Json::<Value>::from_request(request, state)
            .await
            .map_err(|rejection: JsonRejection| {
                if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::TooLarge("The body may be at most 64 KiB.".to_owned())
                } else {
                    ApiError::BadRequest(rejection.body_text())
                }
            })?;
        // Every body of the contract is an object; serde would read a struct from an array
        // too (`[]` was a `DuplicateActivity` with every field left out — Schemathesis found it).
        if !value.is_object() {
            return Err(ApiError::BadRequest(
                "The JSON body must be an object".to_owned(),
            ));
        }
        whole_floats_as_integers(&mut value);
        if let Some(field) = nul_field(&value) {
            return Err(nul_refused(&field));
        }
        serde_path_to_error::deserialize(value)
            .map(JsonBody)
            .map_err(|error| {
                ApiError::BadRequest(format!(
                    "Failed to deserialize the JSON body into the target type: {error}"
                ))
            })
    }
}

/// PostgreSQL text cannot hold U+0000 (SQLite's can), so no request brings one to a query — a
/// station on either store answers alike: in the path it names nothing (404); in a query or a
/// JSON body it is a value the station cannot take (422, the field named). Schemathesis found
/// the 500 it was.
pub async fn refuse_nul(
    request: Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let uri = request.uri();
    if uri.path().contains("%00") {
        return ApiError::not_found("Anything named with U+0000").into_response();
    }
    let nul_pair = uri.query().and_then(|query| {
        query
            .split('&')
            .find(|pair| pair.to_ascii_lowercase().contains("%00"))
            .map(|pair| pair.split('=').next().unwrap_or_default().to_owned())
    });
    match nul_pair {
        Some(field) => nul_refused(&field).into_response(),
        None => next.run(request).await,
    }
}

fn nul_refused(field: &str) -> ApiError {
    ApiError::invalid_given_state(field, codes::INVALID, "Text may not hold U+0000.")
}

/// The top-level field of a JSON body whose text (or key) holds U+0000, if any.
fn nul_field(value: &Value) -> Option<String> {
    fn holds(value: &Value) -> bool {
        match value {
            Value::String(text) => text.contains('\0'),
            Value::Array(items) => items.iter().any(holds),
            Value::Object(fields) => fields.iter().any(|(k, v)| k.contains('\0') || holds(v)),
            _ => false,
        }
    }
    match value {
        Value::Object(fields) => fields
            .iter()
            .find(|(key, v)| key.contains('\0') || holds(v))
            .map(|(key, _)| key.replace('\0', "")),
        other => holds(other).then(String::new),
    }
}

/// Past 2^53 a float no longer spells one integer exactly.
const EXACT_FLOAT_LIMIT: f64 = 9_007_199_254_740_992.0;

fn whole_floats_as_integers(value: &mut Value) {
    match value {
        Value::Number(number) => {
            if let Some(float) = number.as_f64().filter(|_| number.is_f64()) {
                if float.fract() == 0.0 && float.abs() <= EXACT_FLOAT_LIMIT {
                    *number = serde_json::Number::from(float as i64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_floats_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(whole_floats_as_integers),
        _ => {}
    }
}

/// A numeric `{id}` path segment; anything else is a validation problem naming `id`.
pub struct PathId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let axum::extract::Path(raw) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(|rejection: PathRejection| ApiError::BadRequest(rejection.body_text()))?;
        raw.parse::<i64>()
            .map(PathId)
            .map_err(|_| ApiError::invalid("id", codes::INVALID, "The id must be a whole number."))
    }
}

/// The client's address (see [`crate::client_ip`]), as text for the sign-in limit's key.
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let address = parts
            .extensions
            .get::<crate::client_ip::ClientIp>()
            .map(|client| client.0.to_string())
            .unwrap_or_else(|| "unknown".to_owned());
        Ok(ClientAddress(address))
    }
}

/// Two numeric path segments (`{id}` and a second id), in route order; a bad one is a
/// validation problem naming it.
pub struct PathIds(pub i64, pub i64);

impl<S: Send + Sync> FromRequestParts<S> for PathIds {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let axum::extract::Path(pairs) =
            axum::extract::Path::<Vec<(String, String)>>::from_request_parts(parts, state)
                .await
                .map_err(|rejection: PathRejection| ApiError::BadRequest(rejection.body_text()))?;
        let mut ids = Vec::new();
        for (name, raw) in pairs {
            ids.push(raw.parse::<i64>().map_err(|_| {
                ApiError::invalid(&name, codes::INVALID, "The id must be a whole number.")
            })?);
        }
        match ids[..] {
            [first, second] => Ok(PathIds(first, second)),
            _ => Err(ApiError::Internal(anyhow::anyhow!(
                "PathIds on a route without two ids"
            ))),
        }
    }
}
