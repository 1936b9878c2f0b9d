//! The one error type of every handler, written as RFC 9457 `application/problem+json`.
//!
//! Clients branch on the stable `type` URIs of [`station_wire::problem::types`] and on the
//! field `code`s, never on the English `title` or `detail`. Internal errors are logged in full
//! and answered without internals.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use station_wire::problem::{codes, types, FieldError, Problem, PROBLEM_JSON};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// One or more request fields break a rule the OpenAPI document states (a format, a length,
    /// a range, a required field); every bad field is named. 400.
    #[error("invalid request: {0:?}")]
    Validation(Vec<FieldError>),
    /// The request fits the document, but its fields do not fit the station as it is (an
    /// unknown site, a taken category slug, an end before the start): rules no schema can state, so the
    /// status tells a client that its request was well formed. 422, the same problem type.
    #[error("unprocessable request: {0:?}")]
    Unprocessable(Vec<FieldError>),
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
    /// No valid session: missing, unknown, expired or revoked bearer token.
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    /// A valid session whose account may not do this.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// The request's body is larger than the endpoint takes. 413.
    #[error("too large: {0}")]
    TooLarge(String),
    /// Too many attempts; try again after this many seconds.
    #[error("rate limited for {retry_after_seconds} s")]
    RateLimited { retry_after_seconds: u64 },
    /// A domain rule refused the request; the refusal has its own problem type.
    #[error("refused: {0:?}: {1}")]
    Refused(Refusal, String),
    /// A dependency (the database) or required data is not available.
    #[error("unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("internal error: {0}")]
    Internal(#[from] anyhow::Error),
}

/// The refusals a user may meet, each with its own problem `type` so the app can say exactly why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    PhoneTaken,
    WrongCredentials,
    AlreadySignedUp,
    SignupClosed,
    ActivityCancelled,
    TeamOnly,
    NotSignedUp,
    CancelTooLate,
    CheckinWindow,
    CheckinCodeExpired,
    StationNotSetUp,
    SiteHasChildren,
    SiteInUse,
    ActivityHasSignups,
    ActivityStarted,
    LastAdministrator,
    AlreadyInTeam,
    LeadsTeam,
    NotAMember,
    LeaderChanged,
    WrongState,
    ConsentMissing,
    AlreadyTaken,
}

impl Refusal {
    fn status(self) -> StatusCode {
        match self {
            Refusal::WrongCredentials => StatusCode::UNAUTHORIZED,
            Refusal::TeamOnly => StatusCode::FORBIDDEN,
            Refusal::NotSignedUp => StatusCode::NOT_FOUND,
            Refusal::CheckinCodeExpired => StatusCode::GONE,
            Refusal::StationNotSetUp => StatusCode::SERVICE_UNAVAILABLE,
            Refusal::PhoneTaken
            | Refusal::AlreadySignedUp
            | Refusal::SignupClosed
            | Refusal::ActivityCancelled
            | Refusal::CancelTooLate
            | Refusal::CheckinWindow
            | Refusal::SiteHasChildren
            | Refusal::SiteInUse
            | Refusal::ActivityHasSignups
            | Refusal::ActivityStarted
            | Refusal::LastAdministrator
            | Refusal::AlreadyInTeam
            | Refusal::LeadsTeam
            | Refusal::NotAMember
            | Refusal::LeaderChanged
            | Refusal::WrongState
            | Refusal::ConsentMissing
            | Refusal::AlreadyTaken => StatusCode::CONFLICT,
        }
    }

    fn kind_and_title(self) -> (&'static str, &'static str) {
        match self {
            Refusal::PhoneTaken => (types::PHONE_TAKEN, "Phone number already registered"),
            Refusal::WrongCredentials => (types::WRONG_CREDENTIALS, "Wrong phone or password"),
            Refusal::AlreadySignedUp => (types::ALREADY_SIGNED_UP, "Already signed up"),
            Refusal::SignupClosed => (types::SIGNUP_CLOSED, "Sign-ups are closed"),
            Refusal::ActivityCancelled => (types::ACTIVITY_CANCELLED, "Activity cancelled"),
            Refusal::TeamOnly => (types::TEAM_ONLY, "Only for team members"),
            Refusal::NotSignedUp => (types::NOT_SIGNED_UP, "Not signed up"),
            Refusal::CancelTooLate => (types::CANCEL_TOO_LATE, "Too late to cancel"),
            Refusal::CheckinWindow => (types::CHECKIN_WINDOW, "Check-in is not open"),
            Refusal::CheckinCodeExpired => (types::CHECKIN_CODE_EXPIRED, "Check-in code expired"),
            Refusal::StationNotSetUp => (types::STATION_NOT_SET_UP, "The station is being set up"),
            Refusal::SiteHasChildren => (types::SITE_HAS_CHILDREN, "The site has sites below it"),
            Refusal::SiteInUse => (types::SITE_IN_USE, "The site is still in use"),
            Refusal::ActivityHasSignups => (types::ACTIVITY_HAS_SIGNUPS, "Somebody signed up"),
            Refusal::ActivityStarted => (types::ACTIVITY_STARTED, "The activity has begun"),
            Refusal::LastAdministrator => (
                types::LAST_ADMINISTRATOR,
                "The station's only administrator",
            ),
            Refusal::AlreadyInTeam => (types::ALREADY_IN_TEAM, "Already in the team"),
            Refusal::LeadsTeam => (types::LEADS_TEAM, "The team's leader"),
            Refusal::NotAMember => (types::NOT_A_MEMBER, "Not a member of the team"),
            Refusal::LeaderChanged => (types::LEADER_CHANGED, "The leader changed meanwhile"),
            Refusal::WrongState => (types::WRONG_STATE, "Not possible in this state"),
            Refusal::ConsentMissing => (types::CONSENT_MISSING, "The nominee's consent is missing"),
            Refusal::AlreadyTaken => (types::ALREADY_TAKEN, "Somebody else took it first"),
        }
    }

    /// The field error that goes with the refusal, if any (a taken phone names `phone`).
    fn field_errors(self) -> Vec<FieldError> {
        match self {
            Refusal::PhoneTaken => vec![FieldError {
                field: "phone".to_owned(),
                code: codes::TAKEN.to_owned(),
                message: "This phone number already has an account.".to_owned(),
            }],
            _ => vec![],
        }
    }
}

impl ApiError {
    pub fn not_found(what: impl Into<String>) -> Self {
        ApiError::NotFound(what.into())
    }

    pub fn refused(refusal: Refusal, detail: impl Into<String>) -> Self {
        ApiError::Refused(refusal, detail.into())
    }

    pub fn forbidden(detail: impl Into<String>) -> Self {
        ApiError::Forbidden(detail.into())
    }

    /// One invalid field (422 when its code is one of [`STATE_CODES`]).
    pub fn invalid(field: &str, code: &str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::default();
        errors.add(field, code, message);
        errors.into_result().unwrap_err()
    }

    /// One field that fits the document but not the station's data (422 whatever its code).
    pub fn invalid_given_state(field: &str, code: &str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::default();
        errors.add_given_state(field, code, message);
        errors.into_result().unwrap_err()
    }

    /// The field errors of a validation problem, either status.
    pub fn field_errors(&self) -> Option<&[FieldError]> {
        match self {
            ApiError::Validation(errors) | ApiError::Unprocessable(errors) => Some(errors),
            _ => None,
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            ApiError::Validation(_) | ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::NotFound(_) | ApiError::NoRoute => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Refused(refusal, _) => refusal.status(),
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Database(error) if is_unreachable(error) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Database(_) | ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn problem(self) -> Problem {
        let status = self.status().as_u16();
        let (kind, title, detail, errors) = match self {
            ApiError::Validation(errors) | ApiError::Unprocessable(errors) => (
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
            ApiError::Unauthorized(detail) => (
                types::UNAUTHORIZED,
                "Sign-in required",
                Some(detail),
                vec![],
            ),
            ApiError::Forbidden(detail) => (types::FORBIDDEN, "Forbidden", Some(detail), vec![]),
            ApiError::TooLarge(detail) => (types::TOO_LARGE, "Too large", Some(detail), vec![]),
            ApiError::RateLimited {
                retry_after_seconds,
            } => (
                types::RATE_LIMITED,
                "Too many attempts",
                Some(format!("Try again in {retry_after_seconds} seconds.")),
                vec![],
            ),
            ApiError::Refused(refusal, detail) => {
                let (kind, title) = refusal.kind_and_title();
                (kind, title, Some(detail), refusal.field_errors())
            }
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
        let retry_after = match &self {
            ApiError::RateLimited {
                retry_after_seconds,
            } => Some(*retry_after_seconds),
            _ => None,
        };
        let body = serde_json::to_vec(&self.problem()).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if let Some(seconds) = retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
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
/// (`UNIQUE constraint failed: table.column`), so each UNIQUE index is listed here with the
/// message SQLite gives for it.
fn violates(error: &dyn sqlx::error::DatabaseError, name: &str) -> bool {
    error.constraint() == Some(name)
        || error.message().contains(name)
        || SQLITE_UNIQUE_MESSAGES
            .iter()
            .any(|(index, message)| *index == name && error.message() == *message)
}

/// Every UNIQUE index a handler maps to a domain error, with SQLite's message for it.
const SQLITE_UNIQUE_MESSAGES: &[(&str, &str)] = &[
    (
        "honor_photos_photo",
        "UNIQUE constraint failed: honor_photos.photo_id",
    ),
    (
        "wish_photos_photo",
        "UNIQUE constraint failed: wish_photos.photo_id",
    ),
    (
        "accounts_phone_key",
        "UNIQUE constraint failed: accounts.phone",
    ),
    (
        "signups_one_active_per_account",
        "UNIQUE constraint failed: signups.activity_id, signups.account_id",
    ),
    (
        "team_members_pkey",
        "UNIQUE constraint failed: team_members.team_id, team_members.account_id",
    ),
];

/// Field codes that by their nature depend on the station's data, not on the request's shape:
/// a request refused only for these is [`ApiError::Unprocessable`].
pub const STATE_CODES: &[&str] = &[
    codes::UNKNOWN,
    codes::TAKEN,
    codes::WRONG,
    codes::COMMON,
    codes::OUTDATED,
    codes::CYCLE,
    codes::NOT_ALLOWED_HERE,
    codes::LOW_CONTRAST,
    codes::BELOW_CONFIRMED,
];

/// Collects every bad field of a request, so one answer names them all.
#[derive(Debug, Default)]
pub struct FieldErrors {
    errors: Vec<FieldError>,
    /// Whether some error breaks a rule the document states (so the answer is 400, not 422).
    breaks_document: bool,
}

impl FieldErrors {
    /// An error; one whose code is not in [`STATE_CODES`] breaks a rule the document states.
    pub fn add(&mut self, field: &str, code: &str, message: impl Into<String>) {
        self.breaks_document |= !STATE_CODES.contains(&code);
        self.push(field, code, message);
    }

    /// An error that depends on other fields or on stored data whatever its code (an end
    /// before the start, a reason required because the hours changed): the document cannot
    /// state it, so alone it makes the answer 422.
    pub fn add_given_state(&mut self, field: &str, code: &str, message: impl Into<String>) {
        self.push(field, code, message);
    }

    fn push(&mut self, field: &str, code: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
            message: message.into(),
        });
    }

    /// `field:code` of each error, in order, for tests.
    #[cfg(test)]
    pub fn codes(&self) -> Vec<String> {
        self.errors
            .iter()
            .map(|error| format!("{}:{}", error.field, error.code))
            .collect()
    }

    pub fn has(&self, field: &str) -> bool {
        self.errors.iter().any(|error| error.field == field)
    }

    /// `Ok` when nothing was added, else the validation problem naming every field.
    pub fn into_result(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else if self.breaks_document {
            Err(ApiError::Validation(self.errors))
        } else {
            Err(ApiError::Unprocessable(self.errors))
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

    #[test]
    fn only_errors_beyond_the_document_answer_422() {
        let status = |add: &dyn Fn(&mut FieldErrors)| {
            let mut errors = FieldErrors::default();
            add(&mut errors);
            errors.into_result().unwrap_err().problem().status
        };
        assert_eq!(status(&|e| e.add("site_id", codes::UNKNOWN, "x")), 422);
        assert_eq!(
            status(&|e| e.add_given_state("ends_at", codes::OUT_OF_RANGE, "x")),
            422
        );
        assert_eq!(status(&|e| e.add("phone", codes::INVALID, "x")), 400);
        let mixed = |e: &mut FieldErrors| {
            e.add("site_id", codes::UNKNOWN, "x");
            e.add("title", codes::REQUIRED, "x");
        };
        assert_eq!(status(&mixed), 400);
    }
}
