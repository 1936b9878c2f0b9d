//! Accounts, sessions and roles.
//!
//! A session is an opaque bearer token (`Authorization: Bearer <token>`) with an expiry; the
//! server keeps only its hash. Browsing needs no account.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// Password length limits (characters).
pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 128;
/// Display name length limit (characters).
pub const DISPLAY_NAME_MAX_CHARS: usize = 32;

/// `POST /api/v1/accounts`: a resident registers (and is signed in at once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterRequest {
    /// The name shown to staff and on rosters: 1 to 32 characters as sent, not spaces only;
    /// kept trimmed.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 32,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub display_name: String,
    /// A mainland mobile number: 11 digits starting with 1, e.g. `13812341234`.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^1[3-9][0-9]{9}$"))]
    pub phone: String,
    /// A new password: 8 to 128 characters, not spaces only (`blank`), and not one of the most
    /// common passwords (`common`, 422); there are no composition rules.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 8,
            max_length = 128,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub password: String,
    /// The privacy notice agreed to: [`crate::privacy::PRIVACY_NOTICE_VERSION`] (`required`;
    /// another version is `outdated`, 422).
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub privacy_notice: String,
}

/// `POST /api/v1/staff/accounts`: staff open an account on behalf of a resident (e.g. an elderly
/// person without a smartphone). The resident can sign in later with this initial password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateAccountRequest {
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 32,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub display_name: String,
    #[cfg_attr(feature = "openapi", schema(pattern = r"^1[3-9][0-9]{9}$"))]
    pub phone: String,
    /// A new password: 8 to 128 characters, not spaces only (`blank`), and not one of the most
    /// common passwords (`common`, 422); there are no composition rules.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 8,
            max_length = 128,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub password: String,
    /// The site whose staff manage this resident.
    pub site_id: i64,
    /// The privacy notice the resident agreed to (read to them, or on paper):
    /// [`crate::privacy::PRIVACY_NOTICE_VERSION`].
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub privacy_notice: String,
}

/// `GET /api/v1/staff/accounts?phone=…`: staff look up a resident of their sites, e.g. to reset
/// a forgotten password.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AccountLookup {
    /// The resident's mobile number, 11 digits.
    #[cfg_attr(feature = "openapi", param(pattern = r"^1[3-9][0-9]{9}$"))]
    pub phone: String,
}

/// `PUT /api/v1/staff/accounts/{id}/password`: staff set a new password for a resident who
/// forgot theirs; every session of the resident ends, and failed sign-ins are forgotten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetPasswordRequest {
    /// A new password: 8 to 128 characters, not spaces only (`blank`), and not one of the most
    /// common passwords (`common`, 422); there are no composition rules.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 8,
            max_length = 128,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub new_password: String,
}

/// How long a shared-computer session lasts without a request (这是公用电脑).
pub const SHARED_DEVICE_IDLE_MINUTES: i64 = 15;
/// How long a shared-computer session lasts at most, requests or not (a page that refreshes
/// itself, such as the check-in code, never leaves it idle).
pub const SHARED_DEVICE_LONGEST_HOURS: i64 = 12;

/// `POST /api/v1/sessions`: sign in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInRequest {
    pub phone: String,
    pub password: String,
    /// 这是公用电脑: the session ends after 15 minutes without a request (each request moves its
    /// `expires_at` on), and 12 hours after signing in at the latest, not after 30 days.
    /// Absent: false.
    #[serde(default)]
    pub shared_device: bool,
}

/// `PUT /api/v1/me/password`: change one's password; other sessions are revoked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    /// The password signed in with (`wrong`: 422).
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub current_password: String,
    /// A new password: 8 to 128 characters, not spaces only (`blank`), and not one of the most
    /// common passwords (`common`, 422); there are no composition rules.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 8,
            max_length = 128,
            pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
        )
    )]
    pub new_password: String,
}

/// The answer to registering or signing in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub expires_at: DateTime<FixedOffset>,
    pub account: Me,
    /// A shared-computer session (`SignInRequest::shared_device`): `expires_at` moves on with each
    /// request; a client keeps it for this browser tab only and caches nothing of it.
    #[serde(default)]
    pub shared_device: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Every account.
    Volunteer,
    /// Leader of `team_id`.
    TeamLeader,
    /// Staff of `site_id` and, by inheritance, of its child sites.
    Staff,
    /// Everything, everywhere.
    Admin,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleGrant {
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<i64>,
}

/// `GET /api/v1/me`: the signed-in account, as its owner sees it (phone unmasked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: i64,
    pub display_name: String,
    pub phone: String,
    /// Always holds `volunteer`; more grants for leaders, staff and administrators.
    pub roles: Vec<RoleGrant>,
    /// The sites this account manages as staff, in id order: the sites of its staff grants and
    /// every site below them; every site for an administrator; empty for everyone else. Clients
    /// use it to offer only the actions the backend will allow (the backend still decides).
    /// Required of backends; the app reads its absence as "none".
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub managed_site_ids: Vec<i64>,
    /// How many of one's notices (站内消息) are unread, for the badge. Required of backends;
    /// the app reads its absence as none.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub unread_notices: u32,
}

/// An account as others see it: the phone is masked (`138****1234`) except to staff of the
/// account's site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountSummary {
    pub id: i64,
    pub display_name: String,
    pub phone: String,
}

/// `13812341234` → `138****1234`; anything that is not 11 characters is masked whole.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() == 11 {
        let head: String = chars[..3].iter().collect();
        let tail: String = chars[7..].iter().collect();
        format!("{head}****{tail}")
    } else {
        "*".repeat(chars.len())
    }
}

/// A mainland mobile number: 11 ASCII digits, the first `1`, the second 3–9.
pub fn is_valid_phone(phone: &str) -> bool {
    let bytes = phone.as_bytes();
    bytes.len() == 11
        && bytes.iter().all(u8::is_ascii_digit)
        && bytes[0] == b'1'
        && (b'3'..=b'9').contains(&bytes[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_the_middle_four_digits() {
        assert_eq!(mask_phone("13812341234"), "138****1234");
        assert_eq!(mask_phone("123"), "***");
    }

    #[test]
    fn accepts_only_mainland_mobile_numbers() {
        assert!(is_valid_phone("13812341234"));
        assert!(is_valid_phone("19912341234"));
        for bad in [
            "1381234123",
            "138123412345",
            "12812341234",
            "23812341234",
            "1381234123a",
            "１３８１２３４１２３４",
        ] {
            assert!(!is_valid_phone(bad), "{bad}");
        }
    }
}
