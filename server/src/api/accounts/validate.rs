//! The rules for account fields, each bad field named with a stable code.

use station_wire::accounts::{
    is_valid_phone, DISPLAY_NAME_MAX_CHARS, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS,
};
use station_wire::problem::codes;

use crate::error::{ApiError, FieldErrors};

/// Checks a new account's fields; answers the trimmed display name.
pub fn new_account(display_name: &str, phone: &str, password: &str) -> Result<String, ApiError> {
    let mut errors = FieldErrors::default();
    let display_name = display_name.trim();
    if display_name.is_empty() {
        errors.add(
            "display_name",
            codes::REQUIRED,
            "A display name is required.",
        );
    } else if display_name.chars().count() > DISPLAY_NAME_MAX_CHARS {
        errors.add(
            "display_name",
            codes::TOO_LONG,
            format!("At most {DISPLAY_NAME_MAX_CHARS} characters."),
        );
    }
    check_phone(&mut errors, phone);
    check_password(&mut errors, "password", password);
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
    if length < PASSWORD_MIN_CHARS {
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
    }
}
