//! Writing iCalendar (RFC 5545): the `icalendar` crate writes the events (escaping, folding at
//! 75 octets without splitting a character); the station's zone, which it cannot describe, is
//! written here as a VTIMEZONE from the zone database, so that times read in the station's zone
//! (`TZID`) on whatever device subscribes.

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, EventStatus, Property};

use crate::store::activities::ActivityRow;
use crate::store::series::SeriesRow;

/// One activity as an event: how the person it is for stands to it.
pub struct FeedEvent<'a> {
    pub activity: &'a ActivityRow,
    /// On the waitlist: the event says 候补 (in its title too, which is what a calendar shows).
    pub waitlisted: bool,
}

/// A series as one recurring event: its rule and template (RRULE), the dates the rule gives
/// that have no occurrence (deleted, EXDATE), and the occurrences that differ from the
/// template (moved, edited alone, cancelled), each under the start the rule gave it.
pub struct FeedSeries<'a> {
    pub series: &'a SeriesRow,
    /// The site's name, for the location.
    pub site_name: &'a str,
    /// The occurrence whose page the event links to.
    pub first_id: i64,
    /// The latest change of any occurrence.
    pub revised_at: i64,
    /// The end of the rule's last day (unix seconds), its UNTIL.
    pub until: i64,
    pub skipped: Vec<i64>,
    /// Dates the rule does not give that an occurrence has (RDATE).
    pub added: Vec<i64>,
    pub exceptions: Vec<&'a ActivityRow>,
}

/// A calendar named `name` of `events` and `series`, in `zone`; `link` makes an activity's page
/// address. `this_year` (the station's) is the VTIMEZONE's span when there is no event.
pub fn calendar(
    name: &str,
    zone: Tz,
    this_year: i32,
    events: &[FeedEvent],
    series: &[FeedSeries],
    link: &dyn Fn(i64) -> Option<String>,
) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//Civilization Practice Station//Station 1//ZH"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .name(name)
        .timezone(zone.name());
    for event in events {
        let uid = format!("station-activity-{}", event.activity.id);
        calendar.push(vevent(zone, event, uid, None, link(event.activity.id)));
    }
    for one in series {
        calendar.push(master(zone, one, link(one.first_id)));
        for exception in &one.exceptions {
            let event = FeedEvent {
                activity: exception,
                waitlisted: false,
            };
            let uid = series_uid(one.series);
            let recurrence = exception.recurrence_at;
            calendar.push(vevent(zone, &event, uid, recurrence, link(exception.id)));
        }
    }
    let text = calendar.done().to_string();
    let years = events
        .iter()
        .flat_map(|event| [event.activity.starts_at, event.activity.ends_at])
        .chain(series.iter().flat_map(|one| {
            let exceptions = one.exceptions.iter().map(|row| row.starts_at);
            [one.series.starts_at, one.until]
                .into_iter()
                .chain(exceptions)
        }))
        .filter_map(|unix| DateTime::<Utc>::from_timestamp(unix, 0))
        .map(|utc| utc.year());
    let (first, last) = match (years.clone().min(), years.max()) {
        (Some(first), Some(last)) => (first, last),
        _ => (this_year, this_year),
    };
    with_timezone(&text, &vtimezone(zone, first, last))
}

fn series_uid(series: &SeriesRow) -> String {
    format!("station-series-{}", series.id)
}

fn local(zone: Tz, unix: i64) -> CalendarDateTime {
    CalendarDateTime::WithTimezone {
        date_time: naive_local(zone, unix),
        tzid: zone.name().to_owned(),
    }
}

fn naive_local(zone: Tz, unix: i64) -> NaiveDateTime {
    zone.timestamp_opt(unix, 0)
        .single()
        .map(|time| time.naive_local())
        .unwrap_or_default()
}

fn utc(unix: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(unix, 0).unwrap_or_default()
}

/// A date-time property in the zone (`EXDATE;TZID=Asia/Shanghai:20261208T090000`).
fn zoned(key: &str, zone: Tz, unix: i64) -> Property {
    Property::new(
        key,
        naive_local(zone, unix).format("%Y%m%dT%H%M%S").to_string(),
    )
    .add_parameter("TZID", zone.name())
    .done()
}

/// The series' recurring event: its template at the rule's first start, RRULE and EXDATEs.
fn master(zone: Tz, one: &FeedSeries, link: Option<String>) -> Event {
    let series = one.series;
    let freq = if series.freq == "monthly" {
        "MONTHLY"
    } else {
        "WEEKLY"
    };
    let rule = format!(
        "FREQ={freq};INTERVAL={};UNTIL={}",
        series.interval_count,
        utc(one.until).format("%Y%m%dT%H%M%SZ")
    );
    let mut vevent = Event::new();
    vevent
        .uid(&series_uid(series))
        .timestamp(utc(one.revised_at))
        .summary(&series.title)
        .location(&format!("{} {}", one.site_name, series.place))
        .description(&series.description)
        .starts(local(zone, series.starts_at))
        .ends(local(zone, series.ends_at))
        .add_property("RRULE", &rule)
        .add_property("CATEGORIES", &series.category_slug)
        .status(EventStatus::Confirmed);
    for &skipped in &one.skipped {
        vevent.append_multi_property(zoned("EXDATE", zone, skipped));
    }
    for &added in &one.added {
        vevent.append_multi_property(zoned("RDATE", zone, added));
    }
    if let Some(link) = link {
        vevent.url(&link);
    }
    vevent.done()
}

/// One activity's event under `uid`; an occurrence that differs from its series' template
/// also names the start the rule gave it (`recurrence`).
fn vevent(
    zone: Tz,
    event: &FeedEvent,
    uid: String,
    recurrence: Option<i64>,
    link: Option<String>,
) -> Event {
    let activity = event.activity;
    let title = if event.waitlisted {
        format!("【候补】{}", activity.title)
    } else {
        activity.title.clone()
    };
    let mut description = String::new();
    if event.waitlisted {
        description.push_str("候补：有人取消时依次递补，递补成功会另行通知。\n\n");
    }
    if let Some(reason) = activity
        .cancel_reason
        .as_ref()
        .filter(|_| activity.cancelled_at.is_some())
    {
        description.push_str(&format!("已取消：{reason}\n\n"));
    }
    description.push_str(&activity.description);
    if let Some(group) = &activity.target_group {
        description.push_str(&format!("\n服务对象：{group}"));
    }
    let mut vevent = Event::new();
    vevent
        .uid(&uid)
        // The last change, not the moment of writing: an unchanged feed reads the same.
        .timestamp(utc(activity.revised_at))
        .summary(&title)
        .location(&format!("{} {}", activity.site_name, activity.place))
        .description(&description)
        .starts(local(zone, activity.starts_at))
        .ends(local(zone, activity.ends_at))
        .add_property("CATEGORIES", &activity.category_slug);
    if let Some(recurrence) = recurrence {
        vevent.append_property(zoned("RECURRENCE-ID", zone, recurrence));
    }
    if activity.cancelled_at.is_some() {
        vevent.status(EventStatus::Cancelled);
    } else if event.waitlisted {
        vevent.status(EventStatus::Tentative);
    } else {
        vevent.status(EventStatus::Confirmed);
    }
    if let Some(link) = link {
        vevent.url(&link);
    }
    vevent.done()
}

/// `calendar` with `vtimezone` placed before its first component (the crate writes none).
fn with_timezone(calendar: &str, vtimezone: &str) -> String {
    // Whole lines only: a title may contain the words.
    let at = calendar
        .find("\r\nBEGIN:VEVENT\r\n")
        .or_else(|| calendar.rfind("\r\nEND:VCALENDAR"))
        .map_or(calendar.len(), |at| at + 2);
    format!("{}{vtimezone}{}", &calendar[..at], &calendar[at..])
}

/// The zone's offsets in force from the start of `first` to the end of `last` (years), as a
/// VTIMEZONE: the offset at the start, then one observance per change (each with its own
/// DTSTART, as RFC 5545 allows in place of a rule), found by stepping a day at a time and
/// halving down to the second.
pub fn vtimezone(zone: Tz, first: i32, last: i32) -> String {
    let start = Utc
        .with_ymd_and_hms(first, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let end = Utc
        .with_ymd_and_hms(last + 1, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let offset_at = |at: DateTime<Utc>| zone.offset_from_utc_datetime(&at.naive_utc());
    let mut lines = vec![
        "BEGIN:VTIMEZONE".to_owned(),
        format!("TZID:{}", zone.name()),
    ];
    let opening = offset_at(start);
    lines.extend(observance(
        &opening,
        opening.fix().local_minus_utc(),
        start.naive_utc() + Duration::seconds(i64::from(opening.fix().local_minus_utc())),
    ));
    let mut day = start;
    while day < end {
        let next = day + Duration::days(1);
        let (before, after) = (offset_at(day), offset_at(next));
        if before.fix() != after.fix() {
            let (mut low, mut high) = (day, next);
            while high - low > Duration::seconds(1) {
                let middle = low + (high - low) / 2;
                if offset_at(middle).fix() == before.fix() {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            let from = before.fix().local_minus_utc();
            // DTSTART is the moment of change in the local time before it.
            let at = high.naive_utc() + Duration::seconds(i64::from(from));
            lines.extend(observance(&offset_at(high), from, at));
        }
        day = next;
    }
    lines.push("END:VTIMEZONE".to_owned());
    lines.iter().map(|line| format!("{line}\r\n")).collect()
}

fn observance(
    offset: &<Tz as TimeZone>::Offset,
    from_seconds: i32,
    local_start: NaiveDateTime,
) -> Vec<String> {
    let kind = if offset.dst_offset().is_zero() {
        "STANDARD"
    } else {
        "DAYLIGHT"
    };
    let mut lines = vec![
        format!("BEGIN:{kind}"),
        format!("DTSTART:{}", local_start.format("%Y%m%dT%H%M%S")),
        format!("TZOFFSETFROM:{}", utc_offset(from_seconds)),
        format!("TZOFFSETTO:{}", utc_offset(offset.fix().local_minus_utc())),
    ];
    if let Some(name) = offset.abbreviation() {
        lines.push(format!("TZNAME:{name}"));
    }
    lines.push(format!("END:{kind}"));
    lines
}

/// `+0800`, as RFC 5545's UTC-OFFSET spells it.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shanghai_has_one_offset_and_berlin_changes_twice_a_year() {
        let shanghai = vtimezone(chrono_tz::Asia::Shanghai, 2026, 2027);
        assert_eq!(shanghai.matches("BEGIN:STANDARD").count(), 1);
        assert!(shanghai.contains("TZOFFSETTO:+0800\r\n"));
        assert!(!shanghai.contains("DAYLIGHT"));

        let berlin = vtimezone(chrono_tz::Europe::Berlin, 2026, 2026);
        // The opening offset, then 29 March 02:00 → summer, 25 October 03:00 → winter.
        assert_eq!(berlin.matches("BEGIN:DAYLIGHT").count(), 1);
        assert!(berlin.contains(
            "BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
        ));
        assert!(berlin.contains(
            "BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
        ));
        assert_eq!(utc_offset(-(3 * 3600 + 30 * 60)), "-0330");
    }
}
