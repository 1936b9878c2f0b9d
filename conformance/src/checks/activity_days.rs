//! `/api/v1/activities/days`: each day's count and first categories (a month's grid), which
//! must agree with the activity list under the same filters.

use std::collections::BTreeMap;

use station_wire::activities::{Activity, ActivityDay, DAY_CATEGORIES};
use station_wire::page::List;
use station_wire::problem::codes;

use super::support::{ensure, refused_each, walk, Station};
use super::Check;
use crate::{CheckResult, Client};

pub fn checks() -> Vec<(&'static str, Check)> {
    vec![
        (
            "day_counts_agree_with_the_list_under_each_filter",
            Box::new(agree),
        ),
        (
            "day_counts_refuse_what_the_list_refuses",
            Box::new(refusals),
        ),
    ]
}

/// What the list says of each day: its count and its first distinct categories.
fn expected(items: &[Activity]) -> BTreeMap<String, (u32, Vec<String>)> {
    let mut days: BTreeMap<String, (u32, Vec<String>)> = BTreeMap::new();
    for activity in items {
        // The list gives each start in the station's offset: its date is the station's day.
        let day = days
            .entry(activity.starts_at.date_naive().to_string())
            .or_default();
        day.0 += 1;
        if day.1.len() < DAY_CATEGORIES && !day.1.contains(&activity.category) {
            day.1.push(activity.category.clone());
        }
    }
    days
}

fn agree(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let (from, to) = station.window();
    let all = station.window_activities(client)?;
    ensure(!all.is_empty(), || {
        format!("no activity from {from} to {to}")
    })?;
    let slug = all[0].category.clone();
    for filter in [
        String::new(),
        format!("&category={slug}"),
        "&open=true".to_owned(),
    ] {
        let query = format!("from={from}&to={to}{filter}");
        let listed = walk(client, &format!("{query}&limit=200"))?;
        let days: List<ActivityDay> = client.json(&format!("/api/v1/activities/days?{query}"))?;
        let got: BTreeMap<String, (u32, Vec<String>)> = days
            .items
            .iter()
            .map(|day| (day.date.to_string(), (day.count, day.categories.clone())))
            .collect();
        ensure(got.len() == days.items.len(), || {
            format!("`{query}`: a day is given twice")
        })?;
        ensure(
            days.items
                .windows(2)
                .all(|pair| pair[0].date < pair[1].date),
            || format!("`{query}`: the days are not in date order"),
        )?;
        let want = expected(&listed);
        ensure(got == want, || {
            format!("`{query}`: the days say {got:?}, the list says {want:?}")
        })?;
    }
    Ok(())
}

fn refusals(client: &Client) -> CheckResult {
    refused_each(
        client,
        "/api/v1/activities/days",
        &[
            ("from=2027-02-30", 400, "from", codes::INVALID_DATE),
            (
                "from=2027-03-01&to=2027-02-01",
                422,
                "to",
                codes::OUT_OF_RANGE,
            ),
            ("category=no-such-category", 422, "category", codes::UNKNOWN),
            ("site=x", 400, "site", codes::INVALID),
        ],
    )
}
