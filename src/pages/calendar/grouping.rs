//! Activities grouped by the calendar day they start on, in the station's zone.

use chrono::NaiveDate;
use station_wire::activities::{Activity, ActivityStatus};

#[derive(Debug, Clone, PartialEq)]
pub struct DayGroup {
    pub date: NaiveDate,
    pub activities: Vec<Activity>,
}

/// Groups by `starts_at.date_naive()` of the wire value, i.e. the date in the offset the backend
/// sent (the station's), never the device's. Days come out in order; within a day what one can
/// still sign up for comes first, then what one cannot join any more (full, closed, under way,
/// cancelled), then what is over, each part in the input order (by start): the first screen shows
/// what a resident can do.
pub fn group_by_day(activities: &[Activity]) -> Vec<DayGroup> {
    // Days are kept in order as they are found, and finished activities moved last with a
    // partition: no sort (each stable sort's code cost the calendar ~0.5 KiB brotli).
    let mut groups: Vec<DayGroup> = Vec::new();
    for activity in activities {
        let date = activity.starts_at.date_naive();
        match groups.iter().position(|group| group.date >= date) {
            Some(at) if groups[at].date == date => groups[at].activities.push(activity.clone()),
            found => groups.insert(
                found.unwrap_or(groups.len()),
                DayGroup {
                    date,
                    activities: vec![activity.clone()],
                },
            ),
        }
    }
    for group in &mut groups {
        // The order by start stays within each part.
        let (mut open, rest): (Vec<Activity>, Vec<Activity>) = group
            .activities
            .drain(..)
            .partition(|activity| activity.status == ActivityStatus::Open);
        let (finished, not_joinable): (Vec<Activity>, Vec<Activity>) = rest
            .into_iter()
            .partition(|activity| activity.status == ActivityStatus::Finished);
        open.extend(not_joinable);
        open.extend(finished);
        group.activities = open;
    }
    groups
}
