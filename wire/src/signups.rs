//! Sign-ups (报名), waitlist (候补), check-in (签到) and service hours (服务时长).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::accounts::AccountSummary;
use crate::activities::Activity;

/// Confirmed hours that make one to five stars (星级志愿者).
pub const STAR_THRESHOLDS_HOURS: [u32; 5] = [100, 300, 600, 1000, 1500];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignupStatus {
    /// Holds a place.
    Confirmed,
    /// Waits for a place; `waitlist_position` says where in the queue.
    Waitlisted,
    Cancelled,
    /// Checked in at the activity.
    Attended,
    /// Staff marked them absent.
    NoShow,
}

/// One account's sign-up for one activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Signup {
    pub id: i64,
    pub activity_id: i64,
    /// Whose place it is: the key of `/activities/{id}/signups/{account_id}`. Required of
    /// backends; the app reads its absence as 0.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub account_id: i64,
    pub status: SignupStatus,
    /// 1 for the first in the queue; present only while waitlisted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waitlist_position: Option<u32>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub created_at: DateTime<FixedOffset>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    #[serde(with = "crate::time::rfc3339_option")]
    pub checked_in_at: Option<DateTime<FixedOffset>>,
}

/// A sign-up with its activity, for "我的".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MySignup {
    pub signup: Signup,
    pub activity: Activity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<ServiceHours>,
}

/// One line of an activity's roster, for its staff and team leader.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RosterEntry {
    pub signup: Signup,
    pub account: AccountSummary,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<ServiceHours>,
    /// The staff member who signed this person up on their behalf (代报名), if one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub made_by: Option<String>,
}

/// `POST /api/v1/activities/{id}/signups/on-behalf`: staff sign up a resident of their sites
/// (one without a smartphone, say), found by the mobile number of their account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignUpOnBehalf {
    #[cfg_attr(feature = "openapi", schema(pattern = r"^1[3-9][0-9]{9}$"))]
    pub phone: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HoursStatus {
    /// Recorded from attendance, awaiting staff.
    Recorded,
    /// Confirmed by staff; counts towards stars.
    Confirmed,
}

/// Service hours of one attended sign-up, in minutes to stay exact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceHours {
    pub minutes: u32,
    pub status: HoursStatus,
}

/// `PUT /api/v1/signups/{id}/hours`: staff confirm or adjust hours; adjusting needs a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmHoursRequest {
    /// At most a day (1440).
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1440))]
    pub minutes: u32,
    #[serde(default)]
    pub reason: Option<String>,
}

/// How often the check-in code changes, in seconds. A code is accepted during its own period and
/// the next one, so a photo sent home soon stops working.
pub const CHECKIN_ROTATE_SECONDS: u32 = 30;

/// `GET /api/v1/activities/{id}/checkin-code`: what staff show on their screen. The QR code
/// encodes `url` (`<station>/me/checkin/{activity_id}?code=<token>`); fetch a new one before
/// `expires_at`, every `rotates_every_seconds`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckinCode {
    pub url: String,
    /// The QR code of `url` as an SVG document.
    pub svg: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub expires_at: DateTime<FixedOffset>,
    pub rotates_every_seconds: u32,
}

/// `POST /api/v1/activities/{id}/checkins`: the volunteer checks in with the scanned code (the
/// `code` query parameter of the QR code's URL).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckinRequest {
    pub code: String,
}

/// `POST /api/v1/activities/{id}/checkins/manual`: staff or the team leader check someone in by
/// hand (a resident without a phone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManualCheckinRequest {
    pub account_id: i64,
}

/// One change of a sign-up's hours, for `GET /api/v1/signups/{id}/hours/audit`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HoursAuditEntry {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub at: DateTime<FixedOffset>,
    /// Who made the change.
    pub by_account_id: i64,
    pub by_display_name: String,
    /// Before the change: absent when nothing was stored yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<ServiceHours>,
    pub new: ServiceHours,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A volunteer's standing: confirmed hours and star level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HoursSummary {
    pub confirmed_minutes: u64,
    /// 0 to 5.
    pub stars: u8,
    /// Hours needed for the next star; absent at five stars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_star_hours: Option<u32>,
}

impl HoursSummary {
    pub fn from_confirmed_minutes(confirmed_minutes: u64) -> Self {
        let hours = confirmed_minutes / 60;
        let stars = STAR_THRESHOLDS_HOURS
            .iter()
            .take_while(|&&threshold| hours >= u64::from(threshold))
            .count() as u8;
        Self {
            confirmed_minutes,
            stars,
            next_star_hours: STAR_THRESHOLDS_HOURS.get(usize::from(stars)).copied(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_follow_the_national_thresholds() {
        let stars = |hours: u64| HoursSummary::from_confirmed_minutes(hours * 60).stars;
        assert_eq!(stars(0), 0);
        assert_eq!(stars(99), 0);
        assert_eq!(stars(100), 1);
        assert_eq!(stars(299), 1);
        assert_eq!(stars(300), 2);
        assert_eq!(stars(1000), 4);
        assert_eq!(stars(1500), 5);
        assert_eq!(
            HoursSummary::from_confirmed_minutes(150 * 60).next_star_hours,
            Some(300)
        );
        assert_eq!(
            HoursSummary::from_confirmed_minutes(2000 * 60).next_star_hours,
            None
        );
        // 99 h 59 min is not yet 100 hours.
        assert_eq!(HoursSummary::from_confirmed_minutes(100 * 60 - 1).stars, 0);
    }
}
