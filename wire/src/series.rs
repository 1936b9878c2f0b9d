//! Recurring activities: a rule (every week or every month, until a day) that makes one
//! activity per date, each with its own places and sign-ups. Edits and cancellations of one
//! occurrence say whether they apply to it alone or to it and every later one.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::activities::ActivityStatus;

/// How far after the first start a series may run, in days.
pub const SERIES_MAX_DAYS: i64 = 366;
/// The longest step of a rule: every 1 to this many weeks or months.
pub const SERIES_MAX_INTERVAL: u8 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RepeatFreq {
    /// On the first occurrence's weekday.
    Weekly,
    /// On the first occurrence's day of the month; a month without that day (the 31st in
    /// April) has no occurrence, as in iCalendar.
    Monthly,
}

/// The rule of a new series (`ActivityInput.repeat`): the first occurrence is the activity's
/// own `starts_at`–`ends_at`; the others come at the same local time in the station's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Repeat {
    pub freq: RepeatFreq,
    /// Every this many weeks or months (1–12).
    #[serde(default = "one")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 12, default = 1))]
    pub interval: u8,
    /// The last day an occurrence may fall on (inclusive, in the station's zone): not before
    /// the first start's day, at most [`SERIES_MAX_DAYS`] after it.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date, example = "2027-03-30"))]
    #[serde(with = "crate::time::date")]
    pub until: NaiveDate,
}

fn one() -> u8 {
    1
}

/// What an edit or a cancellation of an occurrence applies to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApplyTo {
    /// This activity alone.
    #[default]
    This,
    /// This occurrence and every later one of its series that has not begun and is not
    /// cancelled (for an activity in no series: this one alone). An edit moves each by the
    /// same amount as this one's start moved.
    Following,
}

/// `GET /api/v1/activities/{id}/series`: the series an activity belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Series {
    pub id: i64,
    pub freq: RepeatFreq,
    pub interval: u8,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    #[serde(with = "crate::time::date")]
    pub until: NaiveDate,
    /// Every occurrence the reader may see, by the start the rule gave it.
    pub occurrences: Vec<Occurrence>,
}

/// One occurrence of a [`Series`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Occurrence {
    /// The activity's id.
    pub id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    #[serde(with = "crate::time::rfc3339")]
    pub starts_at: DateTime<FixedOffset>,
    /// Moved away from the start the rule gave it.
    pub moved: bool,
    pub status: ActivityStatus,
}
