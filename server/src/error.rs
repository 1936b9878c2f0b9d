//! The one error type of every handler, written as RFC 9457 `application/problem+json`.
//!
//! Clients branch on the stable `type` URIs of [`station_wire::problem::types`] and on the
//! field `code`s, never on the English `title` or `detail`. Internal errors are logged in full
//! and answered without internals.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use station_wire::problem::{types, FieldError, Problem, PROBLEM_JSON};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// One or more request fields are wrong; every bad field is named.
    #[error("invalid request: {0:?}")]
    Validation(Vec<FieldError>),
    /// The request cannot be understood at all (e.g. an undecodable query string).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// A resource named by the path does not exist.
    #[error("{0} not found")]
    NotFound(String),
    /// No endpoint at this path.
    #[error("no such endpoint")]
    NoRoute,
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The request clashes with the current state (e.g. a UNIQUE or CHECK violation).
    #[error("conflict: {0}")]
    Conflict(String),
    /// A dependency (the database) or required data is not available.
    #[error("unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("internal error: {0}")]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn not_found(what: impl Into<String>) -> Self {
        ApiError::NotFound(what.into())
    }

    fn status(&self) -> StatusCode {
        match self {
            ApiError::Validation(_) | ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) | ApiError::NoRoute => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Database(error) if is_unreachable(error) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Database(_) | ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn problem(self) -> Problem {
        let status = self.status().as_u16();
        let (kind, title, detail, errors) = match self {
            ApiError::Validation(errors) => (
                types::VALIDATION,
                "Invalid request",
                Some("One or more fields are invalid; see `errors`.".to_owned()),
                errors,
            ),
            ApiError::BadRequest(detail) => {
                (types::BAD_REQUEST, "Bad request", Some(detail), vec![])
            }
            ApiError::NotFound(what) => (
                types::NOT_FOUND,
                "Not found",
                Some(format!("{what} does not exist.")),
                vec![],
            ),
            ApiError::NoRoute => (
                types::NOT_FOUND,
                "Not found",
                Some("There is no endpoint at this path.".to_owned()),
                vec![],
            ),
            ApiError::MethodNotAllowed => (
                types::METHOD_NOT_ALLOWED,
                "Method not allowed",
                Some("This endpoint does not accept this HTTP method.".to_owned()),
                vec![],
            ),
            ApiError::Conflict(detail) => (types::CONFLICT, "Conflict", Some(detail), vec![]),
            ApiError::Unavailable(detail) => (
                types::UNAVAILABLE,
                "Service unavailable",
                Some(detail),
                vec![],
            ),
            ApiError::Database(error) if is_unreachable(&error) => {
                tracing::error!(error = %error, "database unreachable");
                (
                    types::UNAVAILABLE,
                    "Service unavailable",
                    Some("The database does not answer; try again shortly.".to_owned()),
                    vec![],
                )
            }
            ApiError::Database(error) => {
                tracing::error!(error = %error, "database error");
                internal()
            }
            ApiError::Internal(error) => {
                tracing::error!(error = ?error, "internal error");
                internal()
            }
        };
        Problem {
            kind: kind.to_owned(),
            title: title.to_owned(),
            status,
            detail,
            instance: None,
            errors,
        }
    }
}

/// Errors that say "the database is not there right now" rather than "this query is wrong":
/// clients may retry those, so they answer 503, not 500.
fn is_unreachable(error: &sqlx::Error) -> bool {
    matches!(
        error,
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)
    )
}

fn internal() -> (&'static str, &'static str, Option<String>, Vec<FieldError>) {
    (
        types::INTERNAL,
        "Internal server error",
        Some("Something went wrong on our side; it has been logged.".to_owned()),
        vec![],
    )
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = serde_json::to_vec(&self.problem()).unwrap_or_default();
        let mut response = (status, body).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        response
    }
}

/// Turns a database constraint violation into a domain error, in one place: a rule such as
/// "no place is given twice" is enforced by a named constraint, and the handler says what the
/// violation means (the realworld-axum-sqlx `on_constraint` idea).
pub trait ResultExt<T> {
    fn on_constraint(
        self,
        name: &str,
        map: impl FnOnce(Box<dyn sqlx::error::DatabaseError>) -> ApiError,
    ) -> Result<T, ApiError>;
}

impl<T, E: Into<ApiError>> ResultExt<T> for Result<T, E> {
    fn on_constraint(
        self,
        name: &str,
        map: impl FnOnce(Box<dyn sqlx::error::DatabaseError>) -> ApiError,
    ) -> Result<T, ApiError> {
        self.map_err(|error| match error.into() {
            ApiError::Database(sqlx::Error::Database(db)) if violates(db.as_ref(), name) => map(db),
            other => other,
        })
    }
}

/// PostgreSQL names the violated constraint; SQLite only puts it in the message
/// (`CHECK constraint failed: <name>`), and for UNIQUE lists the columns instead
/// (`UNIQUE constraint failed: table.column`), so a UNIQUE rule is named by `table.column` there.
fn violates(error: &dyn sqlx::error::DatabaseError, name: &str) -> bool {
    error.constraint() == Some(name) || error.message().contains(name)
}

/// Collects every bad field of a request, so one answer names them all.
#[derive(Debug, Default)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, code: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
            message: message.into(),
        });
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|error| error.field == field)
    }

    /// `Ok` when nothing was added, else the validation problem naming every field.
    pub fn into_result(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_do_not_leak_their_cause() {
        let problem = ApiError::Internal(anyhow::anyhow!("password=hunter2")).problem();
        assert_eq!(problem.status, 500);
        assert_eq!(problem.kind, types::INTERNAL);
        assert!(!format!("{problem:?}").contains("hunter2"));
    }

    #[test]
    fn validation_names_every_field() {
        let mut errors = FieldErrors::default();
        errors.add("from", "invalid_date", "bad");
        errors.add("limit", "out_of_range", "bad");
        let Err(error) = errors.into_result() else {
            panic!("expected errors")
        };
        let problem = error.problem();
        assert_eq!(problem.status, 400);
        let fields: Vec<_> = problem.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["from", "limit"]);
    }
}
