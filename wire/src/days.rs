//! `GET /api/v1/days`: the festivals and volunteer days the calendar marks.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a marked day is, for its colour on the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A traditional festival or public holiday (春节, 中秋节, 国庆节 …).
    Festival,
    /// A day of volunteering (学雷锋纪念日, 国际志愿者日, 全国助残日).
    Volunteer,
    /// Another day the stations mark (建党节, 教师节 …).
    Commemoration,
}

/// One marked day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Day {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date, example = "2027-02-06"))]
    #[serde(with = "crate::time::date")]
    pub date: NaiveDate,
    /// A stable key (`spring_festival`, `volunteer_day` …; see [`keys`]): clients name the day in
    /// their reader's language by it, and fall back to `name` for a key they do not know.
    #[cfg_attr(feature = "openapi", schema(example = "spring_festival"))]
    pub key: String,
    pub kind: DayKind,
    /// Its name in Simplified Chinese.
    #[cfg_attr(feature = "openapi", schema(example = "春节"))]
    pub name: String,
}

/// The marked days of a range, by date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayList {
    pub items: Vec<Day>,
}

/// The longest range one request may ask for, in days after `from`.
pub const MAX_DAYS_RANGE: i64 = 366;

/// The keys of the reference backend's days (another backend may send others).
pub mod keys {
    pub const NEW_YEAR: &str = "new_year";
    pub const SPRING_FESTIVAL_EVE: &str = "spring_festival_eve";
    pub const SPRING_FESTIVAL: &str = "spring_festival";
    pub const LANTERN_FESTIVAL: &str = "lantern_festival";
    pub const LEI_FENG_DAY: &str = "lei_feng_day";
    pub const ARBOR_DAY: &str = "arbor_day";
    pub const QINGMING: &str = "qingming";
    pub const LABOUR_DAY: &str = "labour_day";
    pub const YOUTH_DAY: &str = "youth_day";
    pub const DISABILITY_DAY: &str = "disability_day";
    pub const CHILDRENS_DAY: &str = "childrens_day";
    pub const DRAGON_BOAT: &str = "dragon_boat";
    pub const PARTY_DAY: &str = "party_day";
    pub const ARMY_DAY: &str = "army_day";
    pub const TEACHERS_DAY: &str = "teachers_day";
    pub const MID_AUTUMN: &str = "mid_autumn";
    pub const NATIONAL_DAY: &str = "national_day";
    pub const DOUBLE_NINTH: &str = "double_ninth";
    pub const VOLUNTEER_DAY: &str = "volunteer_day";
    pub const LABA: &str = "laba";
}
