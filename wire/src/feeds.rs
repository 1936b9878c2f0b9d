//! iCalendar feeds: a site's activities for a calendar app to subscribe to, and one's own at a
//! secret address (a calendar app cannot send the bearer token). The feeds themselves are
//! `text/calendar` (RFC 5545); these are the JSON of turning one's own feed on, renewing and
//! off.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// How many days back a feed reaches (what was, stays in one's calendar for a while).
pub const FEED_DAYS_BEFORE: i64 = 60;
/// How many days ahead a feed reaches.
pub const FEED_DAYS_AHEAD: i64 = 366;
/// The most events one feed carries (the earliest first): a feed stays a bounded download.
pub const FEED_MAX_EVENTS: u32 = 1000;

/// Whether one's own feed is on (`GET /me/calendar-feed`). Its address is shown only when it
/// is made (the backend keeps only a hash of its secret): renewing makes a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyCalendarFeed {
    /// When the current address was made; absent when the feed is off.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::time::optional_date_time))]
    #[serde(with = "crate::time::rfc3339_option")]
    pub created_at: Option<DateTime<FixedOffset>>,
}

/// One's own feed, just made (`PUT /me/calendar-feed`): any earlier address stops working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewCalendarFeed {
    /// The feed's absolute `https://` (or `http://`) address; a calendar app subscribes to it
    /// (`webcal://` is the same address with that scheme).
    pub url: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub created_at: DateTime<FixedOffset>,
}
