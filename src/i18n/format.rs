//! Dates, times and counts in the reader's language.
//!
//! Times are shown exactly as they are on the wire, in the station's offset: a
//! `DateTime<FixedOffset>` is never converted to the device's zone, and "today" comes from the
//! station's clock.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Weekday};
use station_wire::activities::ActivityStatus;

use super::{fill, Locale};

/// `周二`
pub fn weekday_name(locale: Locale, weekday: Weekday) -> &'static str {
    let names = &locale.messages().date().weekdays;
    match weekday {
        Weekday::Mon => names.mon,
        Weekday::Tue => names.tue,
        Weekday::Wed => names.wed,
        Weekday::Thu => names.thu,
        Weekday::Fri => names.fri,
        Weekday::Sat => names.sat,
        Weekday::Sun => names.sun,
    }
}

/// `11月`, `Nov`
pub fn month_name(locale: Locale, month: u32) -> &'static str {
    let names = &locale.messages().date().months;
    [
        names.jan, names.feb, names.mar, names.apr, names.may, names.jun, names.jul, names.aug,
        names.sep, names.oct, names.nov, names.dec,
    ][(month as usize).saturating_sub(1) % 12]
}

/// `11月24日 周二`
pub fn day_heading(locale: Locale, date: NaiveDate) -> String {
    fill(
        locale.messages().date().day_heading,
        &[
            ("month", &date.month()),
            ("month_name", &month_name(locale, date.month())),
            ("day", &date.day()),
            ("weekday", &weekday_name(locale, date.weekday())),
        ],
    )
}

/// `2026年11月24日 周二`
pub fn full_date(locale: Locale, date: NaiveDate) -> String {
    fill(
        locale.messages().date().full_date,
        &[
            ("year", &date.year()),
            ("month", &date.month()),
            ("month_name", &month_name(locale, date.month())),
            ("day", &date.day()),
            ("weekday", &weekday_name(locale, date.weekday())),
        ],
    )
}

/// `今天` / `明天`, when `date` is one of them.
pub fn relative_day(locale: Locale, date: NaiveDate, today: NaiveDate) -> Option<&'static str> {
    let messages = &locale.messages().date();
    if date == today {
        Some(messages.today)
    } else if today.succ_opt() == Some(date) {
        Some(messages.tomorrow)
    } else {
        None
    }
}

/// `14:00`, in the time's own offset.
pub fn time_hm(time: &DateTime<FixedOffset>) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// `14:00–16:00`; when the end falls on another day, that day is named:
/// `14:00–11月25日 周三 09:00`.
pub fn time_range(
    locale: Locale,
    start: &DateTime<FixedOffset>,
    end: &DateTime<FixedOffset>,
) -> String {
    let end_text = if end.date_naive() == start.date_naive() {
        time_hm(end)
    } else {
        format!("{} {}", day_heading(locale, end.date_naive()), time_hm(end))
    };
    fill(
        locale.messages().date().time_range,
        &[("start", &time_hm(start)), ("end", &end_text)],
    )
}

/// What a reader needs to know about the places: `剩余 3 个名额`, `名额已满`, `已取消` …
pub fn places_wording(locale: Locale, status: ActivityStatus, places_left: u32) -> String {
    let messages = &locale.messages().activity();
    match status {
        ActivityStatus::Draft => messages.draft.to_string(),
        ActivityStatus::Open if places_left > 0 => {
            fill(messages.places_left, &[("count", &places_left)])
        }
        ActivityStatus::Open | ActivityStatus::Full => messages.full.to_string(),
        ActivityStatus::Closed => messages.closed.to_string(),
        ActivityStatus::Cancelled => messages.cancelled.to_string(),
        ActivityStatus::Finished => messages.finished.to_string(),
    }
}
