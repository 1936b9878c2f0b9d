//! iCalendar: an activity's file and a site's feed in the station's zone (a VTIMEZONE, every
//! time with its `TZID`), folded lines within 75 octets, stable UIDs, a feed's ETag; one's own
//! feed at a secret address that works without a token and ends when renewed or turned off.

use station_wire::feeds::{MyCalendarFeed, NewCalendarFeed};
use station_wire::problem::{codes, types};

use super::signups::{roomy_activity, sign_up};
use super::support::{ensure, refused_at, register, Station};
use super::Check;
use crate::{CheckResult, Client};

pub fn checks() -> Vec<(&'static str, Check)> {
    vec![
        (
            "an_activity_file_in_the_station_zone",
            Box::new(activity_file),
        ),
        (
            "a_site_feed_holds_the_calendar_and_revalidates",
            Box::new(site_feed),
        ),
        ("site_feed_refusals", Box::new(site_feed_refusals)),
        ("one_s_own_feed_at_a_secret_address", Box::new(own_feed)),
    ]
}

/// The iCalendar text at `path` (sent with `token` when given), checked for what every file
/// and feed must be: `text/calendar`, lines of at most 75 octets, the station's zone described
/// and used. Answers it unfolded.
fn calendar_at(client: &Client, path: &str, token: Option<&str>) -> Result<String, String> {
    let station = Station::fetch(client)?;
    let zone = station.info.time_zone;
    let answer = client.send("GET", path, token, None)?;
    answer.status(&format!("GET {path}"), 200)?;
    ensure(answer.content_type.starts_with("text/calendar"), || {
        format!(
            "GET {path}: content type `{}` (want text/calendar)",
            answer.content_type
        )
    })?;
    let long = answer.body.split("\r\n").find(|line| line.len() > 75);
    ensure(long.is_none(), || {
        format!("GET {path}: a line longer than 75 octets (RFC 5545 folds them): {long:?}")
    })?;
    let text = answer.body.replace("\r\n ", "");
    ensure(
        text.starts_with("BEGIN:VCALENDAR\r\n")
            && text.contains(&format!("BEGIN:VTIMEZONE\r\nTZID:{zone}\r\n")),
        || format!("GET {path}: not a calendar with a VTIMEZONE of {zone}"),
    )?;
    let floating = text.lines().find(|line| {
        (line.starts_with("DTSTART") || line.starts_with("DTEND"))
            && !line.starts_with(&format!("DTSTART;TZID={zone}:"))
            && !line.starts_with(&format!("DTEND;TZID={zone}:"))
    });
    // Within the VTIMEZONE, observances have a bare local DTSTART: those are not events'.
    let floating = floating.filter(|line| {
        let at = text.find(line).unwrap_or(0);
        text[..at].rfind("BEGIN:VEVENT") > text[..at].rfind("END:VTIMEZONE")
    });
    ensure(floating.is_none(), || {
        format!("GET {path}: an event time not in the station's zone: {floating:?}")
    })?;
    Ok(text)
}

fn uids(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|line| line.starts_with("UID:"))
        .collect()
}

fn activity_file(client: &Client) -> CheckResult {
    let target = roomy_activity(client, 3)?;
    let path = format!("/api/v1/activities/{}/calendar.ics", target.id);
    let text = calendar_at(client, &path, None)?;
    ensure(
        text.matches("BEGIN:VEVENT").count() == 1 && uids(&text).len() == 1,
        || format!("GET {path}: want one VEVENT with a UID"),
    )?;
    let again = calendar_at(client, &path, None)?;
    ensure(uids(&text) == uids(&again), || {
        format!("GET {path}: the UID changes between requests")
    })?;
    let problem = client.problem("/api/v1/activities/987654321/calendar.ics", 404)?;
    ensure(problem.kind == types::NOT_FOUND, || {
        format!("an unknown activity's file: type `{}`", problem.kind)
    })
}

fn site_feed(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let root = station
        .roots
        .first()
        .ok_or_else(|| "the station has no site".to_owned())?;
    let path = format!("/api/v1/sites/{}/calendar.ics", root.id);
    let text = calendar_at(client, &path, None)?;
    // The feed reaches further than the calendar's 30 days, so it holds at least those of the
    // site and the sites below it.
    let subtree = station.subtree(root.id);
    let window: Vec<_> = station
        .window_activities(client)?
        .into_iter()
        .filter(|activity| subtree.contains(&activity.site.id))
        .collect();
    let events = text.matches("BEGIN:VEVENT").count();
    ensure(events >= window.len(), || {
        format!(
            "GET {path}: {events} events, fewer than the {} activities of the next 30 days",
            window.len()
        )
    })?;
    let first = client.get(&path)?;
    let tag = first.etag.ok_or_else(|| format!("GET {path}: no ETag"))?;
    let again = client.get_if_none_match(&path, &tag)?;
    ensure(again.status == 304, || {
        format!(
            "GET {path} naming its own ETag: {} (want 304)",
            again.status
        )
    })
}

fn site_feed_refusals(client: &Client) -> CheckResult {
    let problem = client.problem("/api/v1/sites/987654321/calendar.ics", 404)?;
    ensure(problem.kind == types::NOT_FOUND, || {
        format!("an unknown site's feed: type `{}`", problem.kind)
    })?;
    let station = Station::fetch(client)?;
    let root = station
        .roots
        .first()
        .ok_or_else(|| "the station has no site".to_owned())?;
    refused_at(
        client,
        &format!("/api/v1/sites/{}/calendar.ics?team=abc", root.id),
        400,
        &[("team", &[codes::INVALID])],
    )?;
    refused_at(
        client,
        &format!(
            "/api/v1/sites/{}/calendar.ics?category=conformance-no-such-category",
            root.id
        ),
        422,
        &[("category", &[codes::UNKNOWN])],
    )
}

fn own_feed(client: &Client) -> CheckResult {
    let me = register(client)?;
    let target = roomy_activity(client, 3)?;
    sign_up(client, target.id, &me)?;
    let state: MyCalendarFeed = client
        .send("GET", "/api/v1/me/calendar-feed", Some(&me.token), None)?
        .json("GET /api/v1/me/calendar-feed", 200)?;
    ensure(state.created_at.is_none(), || {
        "a new account's feed is on before it asked".to_owned()
    })?;
    let made = |client: &Client| -> Result<String, String> {
        let feed: NewCalendarFeed = client
            .send("PUT", "/api/v1/me/calendar-feed", Some(&me.token), None)?
            .json("PUT /api/v1/me/calendar-feed", 200)?;
        let path = feed
            .url
            .find("/api/v1/")
            .map(|at| feed.url[at..].to_owned())
            .ok_or_else(|| format!("the feed's address `{}` is not under /api/v1", feed.url))?;
        Ok(path)
    };
    let first = made(client)?;
    // A calendar app sends no token.
    let text = calendar_at(client, &first, None)?;
    let activity_file = calendar_at(
        client,
        &format!("/api/v1/activities/{}/calendar.ics", target.id),
        None,
    )?;
    let uid = uids(&activity_file)
        .first()
        .map(|uid| (*uid).to_owned())
        .unwrap_or_default();
    ensure(uids(&text).contains(&uid.as_str()), || {
        format!("one's own feed lacks the activity one signed up for ({uid})")
    })?;
    let renewed = made(client)?;
    ensure(renewed != first, || {
        "renewing kept the same address".to_owned()
    })?;
    client.problem(&first, 404)?;
    calendar_at(client, &renewed, None)?;
    client
        .send("DELETE", "/api/v1/me/calendar-feed", Some(&me.token), None)?
        .status("DELETE /api/v1/me/calendar-feed", 204)?;
    client.problem(&renewed, 404)?;
    Ok(())
}
