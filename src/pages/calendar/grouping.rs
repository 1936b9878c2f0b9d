//! Activities grouped by the calendar day they start on, in the station's zone.

use chrono::NaiveDate;
use station_wire::activities::{Activity, ActivityStatus};

#[derive(Debug, Clone, PartialEq)]
pub struct DayGroup {
    pub date: NaiveDate,
    pub activities: Vec<Activity>,
}

/// Groups by `starts_at.date_naive()` of the wire value, i.e. the date in the offset the backend
/// sent (the station's), never the device's. Days come out in order; within a day the input
/// order (by start) is kept, except that finished activities go last: a resident opening the
/// app in the afternoon looks for what is still to come.
pub fn group_by_day(activities: &[Activity]) -> Vec<DayGroup> {
    let mut groups: Vec<DayGroup> = Vec::new();
    for activity in activities {
        let date = activity.starts_at.date_naive();
        match groups.iter_mut().find(|group| group.date == date) {
            Some(group) => group.activities.push(activity.clone()),
            None => groups.push(DayGroup {
                date,
                activities: vec![activity.clone()],
            }),
        }
    }
    groups.sort_by_key(|group| group.date);
    for group in &mut groups {
        // A stable sort: the order by start stays within both parts.
        group
            .activities
            .sort_by_key(|activity| activity.status == ActivityStatus::Finished);
    }
    groups
}
