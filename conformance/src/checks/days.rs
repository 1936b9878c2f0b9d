//! `/api/v1/days`: the festivals and volunteer days the calendar marks.

use chrono::NaiveDate;
use station_wire::days::{keys, DayKind, DayList};
use station_wire::problem::codes;

use super::support::{ensure, refused_each};
use super::Check;
use crate::{CheckResult, Client};

pub fn checks() -> Vec<(&'static str, Check)> {
    vec![
        (
            "festivals_fall_on_their_published_dates",
            Box::new(published_dates),
        ),
        ("days_are_in_range_and_by_date", Box::new(in_range)),
        ("bad_ranges_are_refused", Box::new(refusals)),
    ]
}

fn days(client: &Client, from: &str, to: &str) -> Result<DayList, String> {
    client.json(&format!("/api/v1/days?from={from}&to={to}"))
}

fn published_dates(client: &Client) -> CheckResult {
    // The lunar ones move from year to year; these are the dates the almanacs publish.
    let expected = [
        ("2026-09-25", keys::MID_AUTUMN, DayKind::Festival),
        ("2026-10-18", keys::DOUBLE_NINTH, DayKind::Festival),
        ("2026-12-05", keys::VOLUNTEER_DAY, DayKind::Volunteer),
        ("2027-02-05", keys::SPRING_FESTIVAL_EVE, DayKind::Festival),
        ("2027-02-06", keys::SPRING_FESTIVAL, DayKind::Festival),
        ("2027-03-05", keys::LEI_FENG_DAY, DayKind::Volunteer),
    ];
    let list = days(client, "2026-09-01", "2027-08-31")?;
    for (date, key, kind) in expected {
        let day = list
            .items
            .iter()
            .find(|day| day.key == key && day.date.to_string() == date);
        ensure(day.is_some(), || {
            let found: Vec<String> = list
                .items
                .iter()
                .filter(|day| day.key == key)
                .map(|day| day.date.to_string())
                .collect();
            format!("`{key}` is not on {date} (found on {found:?})")
        })?;
        ensure(day.is_some_and(|day| day.kind == kind), || {
            format!("`{key}` on {date} is not of kind {kind:?}")
        })?;
        ensure(day.is_some_and(|day| !day.name.trim().is_empty()), || {
            format!("`{key}` on {date} has no name")
        })?;
    }
    Ok(())
}

fn in_range(client: &Client) -> CheckResult {
    let (from, to) = ("2027-01-01", "2027-06-30");
    let list = days(client, from, to)?;
    let (first, last) = (
        NaiveDate::parse_from_str(from, "%Y-%m-%d").expect("a date"),
        NaiveDate::parse_from_str(to, "%Y-%m-%d").expect("a date"),
    );
    ensure(!list.items.is_empty(), || {
        format!("no day marked from {from} to {to}")
    })?;
    for day in &list.items {
        ensure((first..=last).contains(&day.date), || {
            format!(
                "`from={from}&to={to}` lists {} ({}), outside the range",
                day.date, day.key
            )
        })?;
    }
    for pair in list.items.windows(2) {
        ensure(pair[0].date <= pair[1].date, || {
            format!("{} is listed before {}", pair[0].date, pair[1].date)
        })?;
    }
    // Both ends are included.
    let one = days(client, "2027-01-01", "2027-01-01")?;
    ensure(
        one.items.iter().any(|day| day.key == keys::NEW_YEAR),
        || "`from=2027-01-01&to=2027-01-01` leaves out 元旦".to_owned(),
    )
}

fn refusals(client: &Client) -> CheckResult {
    refused_each(
        client,
        "/api/v1/days",
        &[
            ("from=2027-02-30", 400, "from", codes::INVALID_DATE),
            (
                "from=2027-03-01&to=2027-02-01",
                422,
                "to",
                codes::OUT_OF_RANGE,
            ),
            (
                "from=2027-01-01&to=2028-06-01",
                422,
                "to",
                codes::OUT_OF_RANGE,
            ),
        ],
    )
}
