//! [`ApiError`] in plain words. Branches on status, problem `type` and field `code`, never on
//! English text.

use station_wire::accounts::{DISPLAY_NAME_MAX_CHARS, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};
use station_wire::activities::{
    CANCEL_REASON_MAX_CHARS, DESCRIPTION_MAX_CHARS, PLACE_MAX_CHARS, TITLE_MAX_CHARS,
};
use station_wire::problem::{codes, types};

use super::{fill, Locale};
use crate::api::ApiError;

/// The one sentence shown to the reader for an error.
pub fn error_message(locale: Locale, error: &ApiError) -> String {
    let messages = &locale.messages().errors();
    let text = match error {
        ApiError::Network => messages.network,
        ApiError::Decode => messages.decode,
        ApiError::RateLimited { retry_after } => {
            return match retry_after {
                Some(seconds) => fill(
                    messages.too_many_attempts,
                    &[("minutes", &seconds.div_ceil(60).max(1))],
                ),
                None => messages.rate_limited.to_string(),
            }
        }
        ApiError::Problem(problem) => match problem_message(locale, &problem.kind) {
            Some(text) => text,
            None => status_message(locale, problem.status),
        },
        ApiError::Http { status } => status_message(locale, *status),
    };
    text.to_string()
}

/// The sentence for a problem `type` that has its own, if it has one.
fn problem_message(locale: Locale, kind: &str) -> Option<&'static str> {
    let messages = &locale.messages().errors();
    Some(match kind {
        types::VALIDATION => messages.validation,
        types::WRONG_CREDENTIALS => messages.wrong_credentials,
        types::ALREADY_SIGNED_UP => messages.already_signed_up,
        types::SIGNUP_CLOSED => messages.signup_closed,
        types::ACTIVITY_CANCELLED => messages.activity_cancelled,
        types::TEAM_ONLY => messages.team_only,
        types::NOT_SIGNED_UP => messages.not_signed_up,
        types::CANCEL_TOO_LATE => messages.cancel_too_late,
        types::CHECKIN_WINDOW => messages.checkin_window,
        types::CHECKIN_CODE_EXPIRED => messages.checkin_code_expired,
        types::PHONE_TAKEN => locale.messages().form().phone_taken,
        types::STATION_NOT_SET_UP => messages.station_not_set_up,
        types::CONSENT_MISSING => messages.consent_missing,
        types::WRONG_STATE => messages.wrong_state,
        types::TOO_LARGE => messages.too_large,
        _ => return None,
    })
}

fn status_message(locale: Locale, status: u16) -> &'static str {
    let messages = &locale.messages().errors();
    match status {
        401 => messages.signed_out,
        403 => messages.forbidden,
        404 | 410 => messages.not_found,
        409 => messages.conflict,
        422 => messages.validation,
        429 => messages.rate_limited,
        400..=499 => messages.bad_request,
        _ => messages.server,
    }
}

/// For validation problems, one line per field: `from：日期格式不正确`.
pub fn field_error_messages(locale: Locale, error: &ApiError) -> Vec<String> {
    let ApiError::Problem(problem) = error else {
        return Vec::new();
    };
    let messages = &locale.messages().errors();
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

/// The app's own field code for a phone number that names no account (the server says
/// `unknown`; a form that looks up any account, not a resident of one's sites, says this).
pub const NO_ACCOUNT: &str = "no_account";

/// What to tell the reader about one form field, by the field's name and the error's `code`
/// (from the client's own checks or from the server): `请填写手机号码`, `密码至少 8 位` …
pub fn field_message(locale: Locale, field: &str, code: &str) -> String {
    field_sentence(locale, field, field_label(locale, field), code, None)
}

/// [`field_message`] for a field that names itself: its visible `label`, and the most
/// characters it takes (else the limit known for `field`).
pub fn field_sentence(
    locale: Locale,
    field: &str,
    label: &str,
    code: &str,
    max_chars: Option<usize>,
) -> String {
    let form = &locale.messages().form();
    match (field, code) {
        ("privacy_notice", codes::REQUIRED) => form.privacy_required.to_string(),
        ("privacy_notice", _) => form.privacy_outdated.to_string(),
        (_, codes::REQUIRED) => fill(form.required, &[("label", &label)]),
        (_, codes::TOO_LONG) => {
            let max = max_chars.unwrap_or(match field {
                "display_name" => DISPLAY_NAME_MAX_CHARS,
                "title" => TITLE_MAX_CHARS,
                "place" => PLACE_MAX_CHARS,
                "description" => DESCRIPTION_MAX_CHARS,
                "reason" => CANCEL_REASON_MAX_CHARS,
                _ => PASSWORD_MAX_CHARS,
            });
            fill(form.too_long, &[("label", &label), ("max", &max)])
        }
        ("phone" | "leader_phone", codes::TAKEN) => form.phone_taken.to_string(),
        ("phone", codes::UNKNOWN) => form.phone_unknown.to_string(),
        ("leader_phone", codes::UNKNOWN) | (_, NO_ACCOUNT) => form.account_unknown.to_string(),
        ("phone" | "leader_phone", _) => form.phone_invalid.to_string(),
        ("current_password", codes::WRONG) => form.current_wrong.to_string(),
        ("password", codes::WRONG) => form.password_wrong.to_string(),
        ("capacity", codes::BELOW_CONFIRMED) => form.below_confirmed.to_string(),
        (_, codes::LOW_CONTRAST) => fill(form.low_contrast, &[("label", &label)]),
        ("slug", codes::TAKEN) => form.slug_taken.to_string(),
        (_, codes::CYCLE) => form.cycle.to_string(),
        (_, codes::BLANK) => form.password_blank.to_string(),
        (_, codes::COMMON) => form.password_common.to_string(),
        (_, codes::NOT_ALLOWED_HERE) => fill(form.not_allowed_here, &[("label", &label)]),
        (_, codes::TOO_SHORT) => fill(
            form.too_short,
            &[("label", &label), ("min", &PASSWORD_MIN_CHARS)],
        ),
        _ => fill(form.invalid, &[("label", &label)]),
    }
}

/// The visible label of a form field, by its wire name.
pub fn field_label(locale: Locale, field: &str) -> &'static str {
    let form = &locale.messages().form();
    match field {
        "display_name" => form.display_name,
        "phone" => form.phone,
        "current_password" => form.current_password,
        "new_password" => form.new_password,
        "site_id" => form.site,
        "title" => form.activity_title,
        "place" => form.place,
        "category" => form.category,
        "starts_at" => form.starts_at,
        "ends_at" => form.ends_at,
        "capacity" => form.capacity,
        "description" => form.description,
        "reason" => form.reason,
        _ => form.password,
    }
}
