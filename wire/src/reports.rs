//! Records: a volunteer's service certificate (志愿服务证明), which schools and employers ask
//! for. Staff's reports are CSV files (see the OpenAPI document's `reports` tag).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::sites::SiteRef;

/// The most days an export of orders or wishes spans, `from` and `to` both counted: a year, a
/// leap one too.
pub const EXPORT_MAX_DAYS: i64 = 366;

/// The most rows an export of orders or wishes holds; a range with more is refused (422 naming
/// `to`), never cut short.
pub const EXPORT_MAX_ROWS: usize = 10_000;

/// `GET /api/v1/me/certificate`: one's confirmed service hours, activity by activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Certificate {
    pub display_name: String,
    /// The station one belongs to, when one has chosen it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<SiteRef>,
    /// The day it is issued, in the station's zone.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub issued_on: NaiveDate,
    /// Every confirmed minute, all activities together.
    pub total_minutes: i64,
    /// Oldest first. Only hours staff have confirmed count.
    pub entries: Vec<CertificateEntry>,
}

/// One activity served, as confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificateEntry {
    pub activity_id: i64,
    pub title: String,
    /// The day it took place, in the station's zone.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date: NaiveDate,
    /// The site that ran it.
    pub site_name: String,
    pub minutes: i64,
    /// Who confirmed the hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed_by: Option<String>,
}
