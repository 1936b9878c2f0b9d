//! `GET /api/v1/station`: who this backend is, and what time it is there.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StationInfo {
    /// The name shown in the app's header, e.g. `昌图镇新时代文明实践所`.
    pub name: String,
    /// The station's IANA time zone (data, default `Asia/Shanghai`). Every time on the wire
    /// carries this zone's offset; clients show times as they are on the wire.
    pub time_zone: String,
    /// The server's clock in the station's zone; clients take "today" from this, not from the device.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub now: DateTime<FixedOffset>,
    /// The root of the site tree (the 中心); the default calendar shows it and everything below.
    pub root_site_id: i64,
    /// The contract version this backend implements, e.g. `1.0.0`.
    pub api_version: String,
    /// The data is a demonstration (invented people and activities): the app marks every page
    /// "演示数据" so that nobody mistakes it for the real station. Absent means false.
    #[serde(default)]
    pub demo_data: bool,
}
