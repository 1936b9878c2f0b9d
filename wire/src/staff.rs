//! Staff of a site (工作人员): who runs it, granted and revoked by staff above them.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::accounts::AccountSummary;
use crate::activities::TeamRef;
use crate::sites::SiteRef;

/// A staff grant: the account acts as staff at `site_id` and every site below it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffGrant {
    /// The site the grant is on: the site asked about, or one above it.
    pub site_id: i64,
    /// The staff member; the phone is whole (staff see their colleagues' numbers).
    pub account: AccountSummary,
}

/// `POST /api/v1/sites/{id}/staff`: make an existing account staff of the site, found by the
/// mobile number it signs in with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantStaff {
    #[cfg_attr(feature = "openapi", schema(pattern = r"^1[3-9][0-9]{9}$"))]
    pub phone: String,
}

/// `GET /api/v1/staff/today`: what waits for the caller across the sites they run (工作台's
/// 待办), each item one tap from its action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffToday {
    /// Requests to join a team of the caller's sites, oldest first (at most 100).
    pub join_requests: Vec<JoinRequest>,
    /// Finished activities of the caller's sites where attended volunteers' hours are not yet
    /// confirmed, the most recent first (at most 100).
    pub hours_waiting: Vec<HoursWaiting>,
}

/// Someone asked to join a team; its leader or staff approve or decline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinRequest {
    pub team: TeamRef,
    pub account_id: i64,
    pub display_name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub requested_at: DateTime<FixedOffset>,
}

/// A finished activity with hours to confirm on its roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HoursWaiting {
    pub activity_id: i64,
    pub title: String,
    pub site: SiteRef,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub starts_at: DateTime<FixedOffset>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub ends_at: DateTime<FixedOffset>,
    /// Attended sign-ups whose hours are not confirmed yet.
    pub waiting: u32,
}
