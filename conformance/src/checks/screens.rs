//! The display screen: the first site's combined answer has every field, holds the week's
//! activities in order and the wishes masked, and nothing personal (no such key, no mobile
//! number); sent back, its `ETag` is answered 304; an unknown site is a 404 problem. As the
//! administrator: a screen's fetch is its heartbeat in staff's list, a preview's is not.

use chrono::Duration;
use station_wire::page::List;
use station_wire::problem::types;
use station_wire::screens::{ScreenData, ScreenStatus};

use super::support::{ensure, nothing_personal, sign_in, Station};
use super::Check;
use crate::{Admin, CheckResult, Client};

pub fn checks() -> Vec<(&'static str, Check)> {
    vec![
        (
            "the_first_sites_screen_has_its_fields_and_nothing_personal",
            Box::new(the_first_sites_screen),
        ),
        (
            "an_unchanged_screen_is_answered_304",
            Box::new(an_unchanged_screen_is_not_modified),
        ),
        ("an_unknown_sites_screen_is_404", Box::new(unknown_site)),
    ]
}

pub fn admin_checks(admin: Admin) -> Vec<(String, Check)> {
    vec![(
        "admin_sees_a_screens_heartbeat_and_not_a_previews".into(),
        Box::new(move |client: &Client| heartbeats(client, &admin)) as Check,
    )]
}

/// Staff's list of the root site's screens, as the administrator sees it.
fn screens_seen(client: &Client, token: &str, site: i64) -> Result<Vec<ScreenStatus>, String> {
    let path = format!("/api/v1/staff/screens?site_id={site}");
    let list: List<ScreenStatus> = client
        .send("GET", &path, Some(token), None)?
        .json(&format!("GET {path}"), 200)?;
    Ok(list.items)
}

/// The same names on every run, so that runs against one backend never use up its screens per
/// site: a preview's name must never be listed, and the hall's fetch must have been seen within
/// the minute (a heartbeat is written at most every 30 seconds).
fn heartbeats(client: &Client, admin: &Admin) -> CheckResult {
    let token = sign_in(client, &admin.phone, &admin.password)?;
    let station = Station::fetch(client)?;
    let site = station.info.root_site_id;
    let path = format!("/api/v1/screens/{site}?screen=conformance-preview&preview=true");
    client.get(&path)?.status(&format!("GET {path}"), 200)?;
    let listed = screens_seen(client, &token, site)?;
    ensure(
        !listed
            .iter()
            .any(|screen| screen.name == "conformance-preview"),
        || format!("GET {path}: a preview is listed among the screens that asked: {listed:?}"),
    )?;
    let path = format!("/api/v1/screens/{site}?screen=conformance-hall");
    client.get(&path)?.status(&format!("GET {path}"), 200)?;
    let now = Station::fetch(client)?.info.now;
    let listed = screens_seen(client, &token, site)?;
    ensure(
        listed.iter().any(|screen| {
            screen.name == "conformance-hall"
                && screen.last_seen_at >= now - Duration::seconds(60)
                && !screen.stale
        }),
        || format!("GET {path}: not among the screens seen in the last minute: {listed:?}"),
    )
}

/// Keys no screen's answer may have, at any depth.
fn personal(key: &str) -> bool {
    matches!(
        key,
        "phone"
            | "address"
            | "contact"
            | "beneficiary_name"
            | "nominator_contact"
            | "nominator"
            | "on_behalf_of"
            | "claimer_name"
            | "volunteer_name"
            | "display_name"
    )
}

fn path_of(station: &Station) -> String {
    format!(
        "/api/v1/screens/{}?screen=conformance",
        station.info.root_site_id
    )
}

fn the_first_sites_screen(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let path = path_of(&station);
    let answer = client.get(&path)?;
    nothing_personal(&path, &answer.body, personal)?;
    let screen: ScreenData = answer.json(&format!("GET {path}"), 200)?;
    ensure(screen.site.id == station.info.root_site_id, || {
        format!("GET {path}: the site is {}", screen.site.id)
    })?;
    ensure(!screen.station_name.is_empty(), || {
        format!("GET {path}: no station_name")
    })?;
    // The backend's today, give or take a midnight between the two requests.
    let today = station.today();
    ensure(
        screen.today == today || screen.today == today + Duration::days(1),
        || {
            format!(
                "GET {path}: today {} (the station says {today})",
                screen.today
            )
        },
    )?;
    let first = screen.today;
    let offset = station.offset();
    ensure(screen.activities.len() <= 40, || {
        format!("GET {path}: {} activities", screen.activities.len())
    })?;
    for pair in screen.activities.windows(2) {
        ensure(pair[0].starts_at <= pair[1].starts_at, || {
            format!("GET {path}: activity {} before {}", pair[1].id, pair[0].id)
        })?;
    }
    for activity in &screen.activities {
        let day = activity.starts_at.with_timezone(&offset).date_naive();
        ensure(day >= first && day < first + Duration::days(7), || {
            format!(
                "GET {path}: activity {} starts on {day}, outside the week from {first}",
                activity.id
            )
        })?;
        ensure(
            activity.category_colour.len() == 7 && activity.category_colour.starts_with('#'),
            || format!("GET {path}: activity {} colour", activity.id),
        )?;
    }
    ensure(
        screen.honors.len() <= 12 && screen.wishes.len() <= 12,
        || format!("GET {path}: more than 12 honors or wishes"),
    )?;
    for wish in &screen.wishes {
        ensure(wish.beneficiary.masked_name.contains('*'), || {
            format!(
                "GET {path}: wish {} names `{}` unmasked",
                wish.id, wish.beneficiary.masked_name
            )
        })?;
    }
    for honor in &screen.honors {
        ensure(honor.story_excerpt.chars().count() <= 81, || {
            format!("GET {path}: honor {}'s excerpt is long", honor.id)
        })?;
    }
    ensure(screen.figures.hours_by_month.len() == 6, || {
        format!(
            "GET {path}: {} months of hours, want 6",
            screen.figures.hours_by_month.len()
        )
    })?;
    ensure(
        screen
            .figures
            .hours_by_month
            .last()
            .is_some_and(|last| last.month == first.format("%Y-%m").to_string()),
        || format!("GET {path}: the chart does not end with this month"),
    )
}

/// Other checks sign up meanwhile (places left change): an unchanged answer is looked for a
/// few times.
fn an_unchanged_screen_is_not_modified(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let path = path_of(&station);
    let mut last = String::new();
    for _ in 0..5 {
        let first = client.get(&path)?;
        first.status(&format!("GET {path}"), 200)?;
        let tag = first
            .etag
            .clone()
            .ok_or_else(|| format!("GET {path}: no ETag"))?;
        let again = client.get_if_none_match(&path, &tag)?;
        match again.status {
            304 => {
                return ensure(again.body.is_empty(), || {
                    format!("GET {path} (If-None-Match): a 304 with a body")
                })
            }
            200 => last = format!("200 with ETag {:?} after {tag}", again.etag),
            other => return Err(format!("GET {path} (If-None-Match {tag}): status {other}")),
        }
    }
    Err(format!(
        "GET {path}: never answered 304 to its own ETag ({last})"
    ))
}

fn unknown_site(client: &Client) -> CheckResult {
    let path = format!("/api/v1/screens/{}", i64::MAX);
    client
        .get(&path)?
        .problem(&format!("GET {path}"), 404, types::NOT_FOUND)?;
    Ok(())
}
