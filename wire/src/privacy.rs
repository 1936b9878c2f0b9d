//! 个人信息 (PIPL): the privacy notice agreed to at registration, one's data as a download, and
//! deleting one's account.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::accounts::RoleGrant;
use crate::notices::Notice;
use crate::signups::{HoursSummary, MySignup};
use crate::teams::MyTeam;

/// The version of the privacy notice (个人信息保护说明) that registering agrees to: a new
/// account names it (`privacy_notice`); another version is refused as `outdated`, so that nobody
/// is held to a notice they were not shown. The notice's words are the app's (its locales).
pub const PRIVACY_NOTICE_VERSION: &str = "2026-11-30";

/// `DELETE /api/v1/me`: delete one's own account, confirmed with its password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeleteAccountRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub password: String,
}

/// `GET /api/v1/me/export`: everything the station keeps about the signed-in person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyData {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub exported_at: DateTime<FixedOffset>,
    pub account: MyAccountData,
    /// Every sign-up, cancelled ones too, past ones with their hours.
    pub signups: Vec<MySignup>,
    pub hours: HoursSummary,
    pub teams: Vec<MyTeam>,
    /// Every notice, newest first.
    pub notices: Vec<Notice>,
    /// Every nomination one made for the 好人榜, newest first.
    #[serde(default)]
    pub nominations: Vec<crate::honors::Nomination>,
}

/// The account itself, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyAccountData {
    pub id: i64,
    pub display_name: String,
    pub phone: String,
    pub roles: Vec<RoleGrant>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub created_at: DateTime<FixedOffset>,
    /// The privacy notice agreed to (none for accounts made before notices were recorded).
    #[serde(default)]
    pub privacy_notice: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    #[serde(with = "crate::time::rfc3339_option")]
    pub privacy_accepted_at: Option<DateTime<FixedOffset>>,
}
