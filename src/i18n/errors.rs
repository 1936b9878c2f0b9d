//! [`ApiError`] in plain words. Branches on status and problem `type`, never on English text.

use station_wire::problem::{codes, types};

use super::Locale;
use crate::api::ApiError;

/// The one sentence shown to the reader for an error.
pub fn error_message(locale: Locale, error: &ApiError) -> &'static str {
    let messages = &locale.messages().errors;
    match error {
        ApiError::Network => messages.network,
        ApiError::Decode => messages.decode,
        ApiError::Problem(problem) if problem.kind == types::VALIDATION => messages.validation,
        ApiError::Problem(_) | ApiError::Http { .. } => match error.status().unwrap_or(500) {
            404 | 410 => messages.not_found,
            422 => messages.validation,
            429 => messages.rate_limited,
            400..=499 => messages.bad_request,
            _ => messages.server,
        },
    }
}

/// For validation problems, one line per field: `from：日期格式不正确`.
pub fn field_error_messages(locale: Locale, error: &ApiError) -> Vec<String> {
    let ApiError::Problem(problem) = error else {
        return Vec::new();
    };
    let messages = &locale.messages().errors;
    problem
        .errors
        .iter()
        .map(|field_error| {
            let reason = match field_error.code.as_str() {
                codes::REQUIRED => messages.field_required,
                codes::INVALID_DATE => messages.field_invalid_date,
                codes::OUT_OF_RANGE => messages.field_out_of_range,
                codes::UNKNOWN => messages.field_unknown,
                codes::TOO_LONG => messages.field_too_long,
                _ => messages.field_invalid,
            };
            format!("{}：{}", field_error.field, reason)
        })
        .collect()
}
