//! Staff of a site (工作人员): who runs it, granted and revoked by staff above them.

use serde::{Deserialize, Serialize};

use crate::accounts::AccountSummary;

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
