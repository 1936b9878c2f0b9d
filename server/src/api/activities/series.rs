//! Recurring activities: the dates a rule gives, and `GET /api/v1/activities/{id}/series`.

use axum::extract::State;
use axum::Json;
use chrono::{Datelike, Months, NaiveDate};
use station_wire::series::{Occurrence, RepeatFreq, Series};

use super::status_at;
use crate::api::extract::PathId;
use crate::api::signups::visible_activity_or_404;
use crate::auth::{policy, MaybeAuthUser};
use crate::clock::StationTime;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::series::{self, SeriesRow};

/// The starts (unix seconds) a rule gives from `first` on: the same wall-clock time in the
/// station's zone every `interval` weeks, or every `interval` months on the same day of the
/// month (a month without that day has none, as in iCalendar), up to the day `until`.
pub fn rule_starts(
    time: &StationTime,
    first: i64,
    freq: RepeatFreq,
    interval: u32,
    until: NaiveDate,
) -> Vec<i64> {
    let local = time.to_wire(first);
    let (day, clock) = (local.date_naive(), local.time());
    let interval = interval.max(1);
    let mut starts = Vec::new();
    for step in 0u32.. {
        let date = match freq {
            RepeatFreq::Weekly => {
                day.checked_add_days(chrono::Days::new(7 * u64::from(interval) * u64::from(step)))
            }
            RepeatFreq::Monthly => {
                let month = day
                    .with_day(1)
                    .and_then(|first| first.checked_add_months(Months::new(interval * step)));
                match month {
                    Some(month) if month > until => None,
                    Some(month) => match month.with_day(day.day()) {
                        Some(date) => Some(date),
                        None => continue,
                    },
                    None => None,
                }
            }
        };
        match date {
            Some(date) if date <= until => starts.push(time.local_unix(date, clock)),
            _ => break,
        }
    }
    starts
}

pub fn freq_name(freq: RepeatFreq) -> &'static str {
    match freq {
        RepeatFreq::Weekly => "weekly",
        RepeatFreq::Monthly => "monthly",
    }
}

pub fn freq_of(row: &SeriesRow) -> RepeatFreq {
    if row.freq == "monthly" {
        RepeatFreq::Monthly
    } else {
        RepeatFreq::Weekly
    }
}

pub fn until_of(row: &SeriesRow) -> NaiveDate {
    row.until_date.parse().unwrap_or_default()
}

/// The starts `row`'s rule gives.
pub fn starts_of(time: &StationTime, row: &SeriesRow) -> Vec<i64> {
    let interval = u32::try_from(row.interval_count).unwrap_or(1);
    rule_starts(time, row.starts_at, freq_of(row), interval, until_of(row))
}

/// The series an activity is an occurrence of: its rule and every occurrence the reader may
/// see (drafts only for staff of the site). Public like the activity.
#[utoipa::path(get, path = "/api/v1/activities/{id}/series", tag = "activities",
    params(("id" = i64, Path, description = "The activity's id")),
    responses(
        (status = 200, description = "Its series", body = Series),
        crate::api::openapi::Invalid,
        (status = 404, description = "No such activity (or a draft the reader may not see), or the activity is in no series", body = station_wire::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn activity_series(
    State(state): State<AppState>,
    MaybeAuthUser(user): MaybeAuthUser,
    PathId(id): PathId,
) -> Result<Json<Series>, ApiError> {
    let activity = visible_activity_or_404(&state, user.as_ref(), id).await?;
    let pool = state.store.pool();
    let row = match activity.series_id {
        Some(series_id) => series::by_id(pool, series_id).await?,
        None => None,
    }
    .ok_or_else(|| ApiError::not_found(format!("A series of activity {id}")))?;
    let staff = match &user {
        Some(user) => policy::is_staff_of(pool, user, activity.site_id).await?,
        None => false,
    };
    let now = state.time.now_unix();
    let occurrences = series::occurrences(pool, row.id)
        .await?
        .into_iter()
        .filter(|occurrence| staff || occurrence.published_at.is_some())
        .map(|occurrence| Occurrence {
            id: occurrence.id,
            starts_at: state.time.to_wire(occurrence.starts_at),
            moved: occurrence
                .recurrence_at
                .is_some_and(|at| at != occurrence.starts_at),
            status: status_at(&occurrence, now),
        })
        .collect();
    Ok(Json(Series {
        id: row.id,
        freq: freq_of(&row),
        interval: u8::try_from(row.interval_count).unwrap_or(1),
        until: until_of(&row),
        occurrences,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;

    fn shanghai() -> StationTime {
        StationTime::new(chrono_tz::Asia::Shanghai, Clock::System)
    }

    fn at(time: &StationTime, text: &str) -> i64 {
        let _ = time;
        chrono::DateTime::parse_from_rfc3339(text)
            .unwrap()
            .timestamp()
    }

    fn days(time: &StationTime, starts: &[i64]) -> Vec<String> {
        starts
            .iter()
            .map(|unix| time.to_wire(*unix).format("%Y-%m-%d %H:%M").to_string())
            .collect()
    }

    #[test]
    fn weekly_keeps_the_weekday_and_time_up_to_the_last_day() {
        let time = shanghai();
        let first = at(&time, "2026-12-01T09:00:00+08:00");
        let until = NaiveDate::from_ymd_opt(2026, 12, 22).unwrap();
        let starts = rule_starts(&time, first, RepeatFreq::Weekly, 1, until);
        assert_eq!(
            days(&time, &starts),
            [
                "2026-12-01 09:00",
                "2026-12-08 09:00",
                "2026-12-15 09:00",
                "2026-12-22 09:00"
            ]
        );
        let fortnightly = rule_starts(&time, first, RepeatFreq::Weekly, 2, until);
        assert_eq!(
            days(&time, &fortnightly),
            ["2026-12-01 09:00", "2026-12-15 09:00"]
        );
    }

    #[test]
    fn monthly_skips_months_without_the_day() {
        let time = shanghai();
        let first = at(&time, "2027-01-31T14:00:00+08:00");
        let until = NaiveDate::from_ymd_opt(2027, 5, 31).unwrap();
        let starts = rule_starts(&time, first, RepeatFreq::Monthly, 1, until);
        assert_eq!(
            days(&time, &starts),
            ["2027-01-31 14:00", "2027-03-31 14:00", "2027-05-31 14:00"]
        );
    }

    #[test]
    fn the_wall_clock_time_holds_across_a_change_of_offset() {
        let time = StationTime::new(chrono_tz::Europe::Berlin, Clock::System);
        let first = at(&time, "2027-03-22T09:00:00+01:00");
        let until = NaiveDate::from_ymd_opt(2027, 4, 5).unwrap();
        let starts = rule_starts(&time, first, RepeatFreq::Weekly, 1, until);
        assert_eq!(
            days(&time, &starts),
            ["2027-03-22 09:00", "2027-03-29 09:00", "2027-04-05 09:00"]
        );
        assert_eq!(starts[1] - starts[0], 7 * 24 * 3600 - 3600);
    }
}
