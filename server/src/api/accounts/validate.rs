//! The rules for account fields, each bad field named with a stable code.

use station_wire::accounts::{
    is_valid_phone, DISPLAY_NAME_MAX_CHARS, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS,
};
use station_wire::privacy::PRIVACY_NOTICE_VERSION;
use station_wire::problem::codes;

use crate::auth::common_passwords;
use crate::error::{ApiError, FieldErrors};

/// Checks a new account's fields, and the privacy notice agreed to when one is asked for (not
/// of the administrator made on the command line); answers the trimmed display name.
pub fn new_account(
    display_name: &str,
    phone: &str,
    password: &str,
    privacy_notice: Option<&str>,
) -> Result<String, ApiError> {
    let mut errors = FieldErrors::default();
    let display_name = crate::api::text::required(
        &mut errors,
        "display_name",
        display_name,
        DISPLAY_NAME_MAX_CHARS,
    );
    check_phone(&mut errors, phone);
    check_password(&mut errors, "password", password);
    match privacy_notice {
        Some("") => errors.add(
            "privacy_notice",
            codes::REQUIRED,
            "Registering agrees to the privacy notice: name its version.",
        ),
        Some(version) if version != PRIVACY_NOTICE_VERSION => errors.add(
            "privacy_notice",
            codes::OUTDATED,
            format!("The privacy notice is now version {PRIVACY_NOTICE_VERSION}: show it again."),
        ),
        _ => {}
    }
    errors.into_result()?;
    Ok(display_name.to_owned())
}

/// Checks a mobile number given alone (a lookup).
pub fn phone(phone: &str) -> Result<(), ApiError> {
    let mut errors = FieldErrors::default();
    check_phone(&mut errors, phone);
    errors.into_result()
}

fn check_phone(errors: &mut FieldErrors, phone: &str) {
    if phone.is_empty() {
        errors.add("phone", codes::REQUIRED, "A mobile number is required.");
    } else if !is_valid_phone(phone) {
        errors.add(
            "phone",
            codes::INVALID,
            "A mainland mobile number has 11 digits, like 13812341234.",
        );
    }
}

pub fn password(field: &str, password: &str) -> Result<(), ApiError> {
    let mut errors = FieldErrors::default();
    check_password(&mut errors, field, password);
    errors.into_result()
}

fn check_password(errors: &mut FieldErrors, field: &str, password: &str) {
    let length = password.chars().count();
    if length > 0 && password.trim().is_empty() {
        errors.add(
            field,
            codes::BLANK,
            "A password of spaces only is no password.",
        );
    } else if length < PASSWORD_MIN_CHARS {
        errors.add(
            field,
            codes::TOO_SHORT,
            format!("At least {PASSWORD_MIN_CHARS} characters."),
        );
    } else if length > PASSWORD_MAX_CHARS {
        errors.add(
            field,
            codes::TOO_LONG,
            format!("At most {PASSWORD_MAX_CHARS} characters."),
        );
    } else if common_passwords::is_common(password) {
        errors.add(
            field,
            codes::COMMON,
            "One of the most common passwords, guessed first: choose another.",
        );
    }
}
