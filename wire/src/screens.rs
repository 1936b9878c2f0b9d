//! The display screen (大屏): an unattended full-screen board in a service center's hall asks
//! for one combined answer per refresh, `GET /api/v1/screens/{site_id}` — the coming
//! activities, the honors shown with display consent, the open wishes (masked) and the
//! station's figures — and staff see when each screen last asked (its heartbeat).
//!
//! Nothing personal is in a screen's answer: no phone, no address, no beneficiary's full name,
//! no nominator, no volunteer's name.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::honors::{HonorCategory, PhotoRef};
use crate::sites::SiteRef;
use crate::wishes::{Beneficiary, WishCategory};

/// The longest name of a screen (`?screen=`), in characters.
pub const SCREEN_NAME_MAX_CHARS: usize = 40;
/// The name a screen goes by when it gives none.
pub const DEFAULT_SCREEN_NAME: &str = "默认";
/// The most screens recorded per site: a name beyond them is served but not recorded.
pub const MAX_SCREENS_PER_SITE: usize = 50;
/// A heartbeat is written at most this often per screen.
pub const HEARTBEAT_EVERY_SECONDS: i64 = 30;
/// A screen not seen for longer than this is `stale`.
pub const STALE_AFTER_SECONDS: i64 = 600;
/// The most user-agent characters kept.
pub const USER_AGENT_MAX_CHARS: usize = 200;
/// The days of activities shown: today and the next six.
pub const ACTIVITY_DAYS: i64 = 7;
/// The most activities, honors and wishes in one answer.
pub const MAX_ACTIVITIES: usize = 40;
pub const MAX_HONORS: usize = 12;
pub const MAX_WISHES: usize = 12;
/// A story is cut to this many characters (an ellipsis added when cut).
pub const STORY_EXCERPT_CHARS: usize = 80;
/// The months of `hours_by_month`, this one included.
pub const CHART_MONTHS: u32 = 6;

/// `GET /api/v1/screens/{site_id}`: everything a screen shows, for the site and the sites below
/// it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScreenData {
    pub site: SiteRef,
    /// The station's name (its root site), for the screen's header.
    pub station_name: String,
    /// When this answer was made, in the station's zone. Left out of the answer's `ETag`, so
    /// that an answer whose data did not change revalidates as unchanged.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub generated_at: DateTime<FixedOffset>,
    /// Today in the station's zone: it changes at the station's midnight.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub today: NaiveDate,
    /// Published, not cancelled, starting from today 00:00 through the next six days, soonest
    /// first, at most 40.
    pub activities: Vec<ScreenActivity>,
    /// Published with the nominee's consent to display screens, newest first, at most 12.
    pub honors: Vec<ScreenHonor>,
    /// Open wishes, the nearest deadline first, at most 12.
    pub wishes: Vec<ScreenWish>,
    pub figures: ScreenFigures,
}

/// An activity as a screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScreenActivity {
    pub id: i64,
    pub title: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub starts_at: DateTime<FixedOffset>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub ends_at: DateTime<FixedOffset>,
    /// The category's slug, name and colour (`#rrggbb`).
    pub category: String,
    pub category_name: String,
    pub category_colour: String,
    pub place: String,
    pub site_name: String,
    /// Places not yet taken; absent when the places are unlimited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub places_left: Option<u32>,
}

/// An honor as a screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScreenHonor {
    pub id: i64,
    /// The name as it may be published.
    pub nominee_name: String,
    pub category: HonorCategory,
    /// The board it is on: `YYYY-MM`.
    pub board_month: String,
    /// The story's first 80 characters (with `…` when there is more).
    pub story_excerpt: String,
    /// Its first photo, as the honors API gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<PhotoRef>,
}

/// An open wish as a screen shows it: the beneficiary masked as on the wall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScreenWish {
    pub id: i64,
    pub title: String,
    pub beneficiary: Beneficiary,
    pub category: WishCategory,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub deadline: NaiveDate,
    /// Only when staff marked the photo public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<PhotoRef>,
}

/// The station's figures for the site and the sites below it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScreenFigures {
    /// Accounts (not deleted) that are members of a team of these sites or have a sign-up (not
    /// cancelled) for one of their activities.
    pub volunteers: u32,
    /// Teams not archived.
    pub teams: u32,
    /// Confirmed service hours of the activities held this year (station zone), one decimal.
    pub hours_this_year: f64,
    /// Wishes fulfilled this year (as `GET /api/v1/wishes/figures` counts them).
    pub wishes_fulfilled_this_year: u32,
    /// Activities held (published, not cancelled) starting this month.
    pub activities_this_month: u32,
    /// The confirmed hours of the last six months, oldest first, this month last.
    pub hours_by_month: Vec<MonthHours>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthHours {
    /// `YYYY-MM`.
    pub month: String,
    /// One decimal.
    pub hours: f64,
}

/// `GET /api/v1/staff/screens`: a screen's heartbeat, as staff of its site see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScreenStatus {
    pub site: SiteRef,
    /// The name it asks with (`?screen=`).
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub last_seen_at: DateTime<FixedOffset>,
    /// Its browser's `User-Agent`, at most 200 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
    /// Not seen for more than ten minutes.
    pub stale: bool,
}

/// The first `max` characters of `text`, with `…` when it was longer.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_counts_characters_and_marks_a_cut() {
        assert_eq!(excerpt("每天敲门", 80), "每天敲门");
        assert_eq!(excerpt("每天敲门问候", 4), "每天敲门…");
        assert_eq!(excerpt("  ab  ", 2), "ab");
    }
}
