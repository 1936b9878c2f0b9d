//! The client's checks of what a form sends, the same rules and `code`s as the server's, so the
//! reader hears about a mistake before the round trip and in the same words after it.

use chrono::NaiveDate;
use station_wire::accounts::{
    is_valid_phone, DISPLAY_NAME_MAX_CHARS, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS,
};
use station_wire::problem::codes;

use crate::components::form::FieldErrors;

/// `2026-11-30`, as a `date` input or a `?date=` gives it. By hand: chrono's format parser costs
/// kilobytes of the bundle.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let mut parts = text.splitn(3, '-').map(str::parse::<u32>);
    let (year, month, day) = (
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    );
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

fn push(errors: &mut FieldErrors, field: &str, code: &str) {
    errors.push((field.to_string(), code.to_string()));
}

/// A display name: present, at most [`DISPLAY_NAME_MAX_CHARS`] characters.
pub fn check_display_name(value: &str, errors: &mut FieldErrors) {
    let count = value.trim().chars().count();
    if count == 0 {
        push(errors, "display_name", codes::REQUIRED);
    } else if count > DISPLAY_NAME_MAX_CHARS {
        push(errors, "display_name", codes::TOO_LONG);
    }
}

/// A phone number as people type it, as the contract wants it: full-width digits read as digits,
/// spaces (also full-width) and hyphens dropped, and a leading `+86` / `0086` / `86` country code when eleven digits
/// follow (`+86 139-0000-0001` → `13900000001`). Anything else is left for [`check_phone`].
pub fn normalize_phone(input: &str) -> String {
    let compact: String = input
        .chars()
        // Full-width forms, as some input methods type them: １３９, ＋, －.
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' | '\u{FF0B}' | '\u{FF0D}' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    ["+86", "0086", "86"]
        .iter()
        .find_map(|code| compact.strip_prefix(code).filter(|rest| rest.len() == 11))
        .map(str::to_string)
        .unwrap_or(compact)
}

/// A mainland mobile number (`1[3-9]` and nine more digits).
pub fn check_phone(value: &str, errors: &mut FieldErrors) {
    let value = value.trim();
    if value.is_empty() {
        push(errors, "phone", codes::REQUIRED);
    } else if !is_valid_phone(value) {
        push(errors, "phone", codes::INVALID);
    }
}

/// A new password: [`PASSWORD_MIN_CHARS`] to [`PASSWORD_MAX_CHARS`] characters, not spaces
/// only. (Whether it is one of the most common passwords only the server knows: the list would
/// weigh on every page.)
pub fn check_new_password(field: &str, value: &str, errors: &mut FieldErrors) {
    let count = value.chars().count();
    if count == 0 {
        push(errors, field, codes::REQUIRED);
    } else if value.trim().is_empty() {
        push(errors, field, codes::BLANK);
    } else if count < PASSWORD_MIN_CHARS {
        push(errors, field, codes::TOO_SHORT);
    } else if count > PASSWORD_MAX_CHARS {
        push(errors, field, codes::TOO_LONG);
    }
}

/// 注册 / 开通账号: display name, phone, password.
pub fn validate_register(display_name: &str, phone: &str, password: &str) -> FieldErrors {
    let mut errors = Vec::new();
    check_display_name(display_name, &mut errors);
    check_phone(phone, &mut errors);
    check_new_password("password", password, &mut errors);
    errors
}

/// The privacy notice must be agreed to (ticked) before an account is made.
pub fn check_privacy_notice(agreed: bool, errors: &mut FieldErrors) {
    if !agreed {
        push(errors, "privacy_notice", codes::REQUIRED);
    }
}

/// 登录: a well-formed phone and some password (its length is the server's business).
pub fn validate_sign_in(phone: &str, password: &str) -> FieldErrors {
    let mut errors = Vec::new();
    check_phone(phone, &mut errors);
    if password.is_empty() {
        push(&mut errors, "password", codes::REQUIRED);
    }
    errors
}

/// 修改密码: the current one, and a valid new one.
pub fn validate_change_password(current: &str, new: &str) -> FieldErrors {
    let mut errors = Vec::new();
    if current.is_empty() {
        push(&mut errors, "current_password", codes::REQUIRED);
    }
    check_new_password("new_password", new, &mut errors);
    errors
}
