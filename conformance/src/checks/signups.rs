//! Sign-ups: a place, the waitlist and its promotion, cancelling, "my sign-ups", and every
//! refusal; rosters are refused to volunteers and no public answer carries a phone.
//!
//! The checks use activities in the backend's next 30 days: an open one with places (the one
//! with the most left), and for the waitlist a full one or an open one with few places left,
//! which the check fills with accounts of its own. Every sign-up it makes, it cancels.

use serde_json::Value;
use station_wire::activities::{Activity, ActivityStatus};
use station_wire::page::List;
use station_wire::problem::types;
use station_wire::signups::{MySignup, Signup, SignupStatus};

use super::support::{ensure, register, walk, Station, Volunteer};
use super::Check;
use crate::{CheckResult, Client};

/// Fill at most this many places to make a waitlist.
const MAX_FILL: u32 = 12;

pub fn checks() -> Vec<(&'static str, Check)> {
    vec![
        (
            "sign_up_twice_cancel_and_again",
            Box::new(sign_up_and_cancel),
        ),
        (
            "waitlist_positions_and_promotion",
            Box::new(waitlist_and_promotion),
        ),
        ("refusals_have_their_types", Box::new(refusals)),
        (
            "rosters_are_refused_to_volunteers_and_phones_stay_private",
            Box::new(privacy),
        ),
    ]
}

fn open_activities(client: &Client) -> Result<Vec<Activity>, String> {
    let station = Station::fetch(client)?;
    Ok(station
        .window_activities(client)?
        .into_iter()
        .filter(|a| a.status == ActivityStatus::Open && !a.team_only && a.places_left > 0)
        .collect())
}

/// The open activity with the most places left.
/// The `nth` open activity, by id, among those with more than [`MAX_FILL`] places left (so never
/// the waitlist check's). Each check that signs up takes its own `nth`, and the order does not
/// move with places taken, so checks running in parallel never count each other's sign-ups.
pub(super) fn roomy_activity(client: &Client, nth: usize) -> Result<Activity, String> {
    let mut open: Vec<Activity> = open_activities(client)?
        .into_iter()
        .filter(|a| a.places_left > MAX_FILL)
        .collect();
    open.sort_by_key(|a| a.id);
    open.into_iter().nth(nth).ok_or_else(|| {
        format!(
            "fewer than {} open activities with places in the next 30 days: the suite needs them",
            nth + 1
        )
    })
}

fn activity(client: &Client, id: i64) -> Result<Activity, String> {
    client.json(&format!("/api/v1/activities/{id}"))
}

pub(super) fn sign_up(client: &Client, activity: i64, who: &Volunteer) -> Result<Signup, String> {
    client
        .send(
            "POST",
            &format!("/api/v1/activities/{activity}/signups"),
            Some(&who.token),
            None,
        )?
        .json(&format!("POST /api/v1/activities/{activity}/signups"), 201)
}

fn cancel(client: &Client, activity: i64, who: &Volunteer) -> Result<Signup, String> {
    let signup: Signup = client
        .send(
            "DELETE",
            &format!("/api/v1/activities/{activity}/signups/me"),
            Some(&who.token),
            None,
        )?
        .json(
            &format!("DELETE /api/v1/activities/{activity}/signups/me"),
            200,
        )?;
    ensure(signup.status == SignupStatus::Cancelled, || {
        format!("a cancelled sign-up answers status {:?}", signup.status)
    })?;
    Ok(signup)
}

fn mine(client: &Client, who: &Volunteer, activity: i64) -> Result<Option<MySignup>, String> {
    let list: List<MySignup> = client
        .send("GET", "/api/v1/me/signups", Some(&who.token), None)?
        .json("GET /api/v1/me/signups", 200)?;
    Ok(list
        .items
        .into_iter()
        .find(|item| item.activity.id == activity))
}

fn sign_up_and_cancel(client: &Client) -> CheckResult {
    let target = roomy_activity(client, 0)?;
    let volunteer = register(client)?;
    let signup = sign_up(client, target.id, &volunteer)?;
    ensure(
        signup.status == SignupStatus::Confirmed && signup.activity_id == target.id,
        || {
            format!(
                "signing up with {} places left: {signup:?}, want confirmed",
                target.places_left
            )
        },
    )?;
    ensure(signup.waitlist_position.is_none(), || {
        "a confirmed sign-up has no waitlist position".into()
    })?;
    let after = activity(client, target.id)?;
    ensure(after.places_left + 1 == target.places_left, || {
        format!(
            "places_left {} → {} after one sign-up",
            target.places_left, after.places_left
        )
    })?;
    client
        .send(
            "POST",
            &format!("/api/v1/activities/{}/signups", target.id),
            Some(&volunteer.token),
            None,
        )?
        .problem("signing up twice", 409, types::ALREADY_SIGNED_UP)?;
    let listed = mine(client, &volunteer, target.id)?
        .ok_or("GET /api/v1/me/signups leaves out the sign-up")?;
    ensure(listed.signup.id == signup.id, || {
        format!("my sign-up {:?} differs from {signup:?}", listed.signup)
    })?;

    cancel(client, target.id, &volunteer)?;
    ensure(
        activity(client, target.id)?.places_left == target.places_left,
        || "a cancelled place is not given back".into(),
    )?;
    ensure(mine(client, &volunteer, target.id)?.is_none(), || {
        "a cancelled sign-up is still listed in GET /api/v1/me/signups".into()
    })?;
    client
        .send(
            "DELETE",
            &format!("/api/v1/activities/{}/signups/me", target.id),
            Some(&volunteer.token),
            None,
        )?
        .problem("cancelling twice", 404, types::NOT_SIGNED_UP)?;
    // Signing up again after cancelling is allowed.
    sign_up(client, target.id, &volunteer)?;
    cancel(client, target.id, &volunteer).map(|_| ())
}

fn waitlist_and_promotion(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let candidates = station.window_activities(client)?;
    let target = candidates
        .iter()
        .filter(|a| !a.team_only && a.status == ActivityStatus::Open && a.places_left <= MAX_FILL)
        .min_by_key(|a| (a.places_left, a.id))
        .ok_or_else(|| {
            format!("no open activity with at most {MAX_FILL} places left in the next 30 days")
        })?;
    let mut fillers = Vec::new();
    for _ in 0..target.places_left {
        let filler = register(client)?;
        sign_up(client, target.id, &filler)?;
        fillers.push(filler);
    }
    let full = activity(client, target.id)?;
    ensure(
        full.places_left == 0 && full.status == ActivityStatus::Full,
        || {
            format!(
                "after taking every place: places_left {}, status {:?}",
                full.places_left, full.status
            )
        },
    )?;
    let (first, second) = (register(client)?, register(client)?);
    let a = sign_up(client, target.id, &first)?;
    let b = sign_up(client, target.id, &second)?;
    let (Some(pa), Some(pb)) = (a.waitlist_position, b.waitlist_position) else {
        return Err(format!(
            "signing up for a full activity: {a:?} {b:?}, want waitlisted with positions"
        ));
    };
    ensure(a.status == SignupStatus::Waitlisted && pb == pa + 1, || {
        format!("two waitlisted in a row got positions {pa} and {pb}")
    })?;
    // The calendar file of a waiting sign-up, asked for by its id (a browser's link: no
    // token), says 候补; the activity's own file does not.
    let ics = format!("/api/v1/activities/{}/calendar.ics", target.id);
    let waiting = client.get(&format!("{ics}?signup={}", b.id))?;
    waiting.status(&format!("GET {ics}?signup="), 200)?;
    ensure(waiting.body.contains("【候补】"), || {
        format!(
            "GET {ics}?signup={} (waitlisted): the event does not say 【候补】",
            b.id
        )
    })?;
    ensure(!client.get(&ics)?.body.contains("【候补】"), || {
        format!("GET {ics} without a sign-up says 【候补】")
    })?;
    // A confirmed place freed: the first waitlisted takes it, the next moves up.
    if let Some(filler) = fillers.first() {
        cancel(client, target.id, filler)?;
        if pa == 1 {
            let promoted =
                mine(client, &first, target.id)?.ok_or("the promoted sign-up is not listed")?;
            ensure(promoted.signup.status == SignupStatus::Confirmed, || {
                format!(
                    "the first waitlisted was not promoted: {:?}",
                    promoted.signup
                )
            })?;
        }
        let moved =
            mine(client, &second, target.id)?.ok_or("a waitlisted sign-up is not listed")?;
        let want = if pa == 1 { Some(1) } else { Some(pb - 1) };
        ensure(moved.signup.waitlist_position == want, || {
            format!(
                "after a cancellation the next waitlisted has position {:?}, want {want:?}",
                moved.signup.waitlist_position
            )
        })?;
        ensure(activity(client, target.id)?.places_left == 0, || {
            "a freed place was not given on".into()
        })?;
    }
    for who in fillers.iter().skip(1).chain([&first, &second]) {
        cancel(client, target.id, who)?;
    }
    Ok(())
}

fn refusals(client: &Client) -> CheckResult {
    let volunteer = register(client)?;
    client
        .send(
            "POST",
            "/api/v1/activities/9007199254740991/signups",
            Some(&volunteer.token),
            None,
        )?
        .problem("signing up for an unknown activity", 404, types::NOT_FOUND)?;
    let target = roomy_activity(client, 1)?;
    client
        .send(
            "POST",
            &format!("/api/v1/activities/{}/signups", target.id),
            None,
            None,
        )?
        .problem("signing up anonymously", 401, types::UNAUTHORIZED)?;
    client
        .send("GET", "/api/v1/me/signups", None, None)?
        .problem(
            "GET /api/v1/me/signups anonymously",
            401,
            types::UNAUTHORIZED,
        )?;
    // Whatever closed or cancelled activities the last and next weeks hold.
    let station = Station::fetch(client)?;
    let from = station.today() - chrono::Duration::days(7);
    let to = station.today() + chrono::Duration::days(30);
    for item in walk(client, &format!("from={from}&to={to}&limit=200"))? {
        let kind = match item.status {
            ActivityStatus::Cancelled => types::ACTIVITY_CANCELLED,
            ActivityStatus::Closed | ActivityStatus::Finished => types::SIGNUP_CLOSED,
            _ => continue,
        };
        client
            .send(
                "POST",
                &format!("/api/v1/activities/{}/signups", item.id),
                Some(&volunteer.token),
                None,
            )?
            .problem(
                &format!("signing up for a {:?} activity", item.status),
                409,
                kind,
            )?;
    }
    Ok(())
}

fn privacy(client: &Client) -> CheckResult {
    let target = roomy_activity(client, 2)?;
    let (signed_up, other) = (register(client)?, register(client)?);
    sign_up(client, target.id, &signed_up)?;
    let roster = format!("/api/v1/activities/{}/signups", target.id);
    let csv = format!("/api/v1/activities/{}/signups.csv", target.id);
    let result = (|| {
        for path in [&roster, &csv] {
            client
                .send("GET", path, Some(&other.token), None)?
                .problem(&format!("GET {path} as a volunteer"), 403, types::FORBIDDEN)?;
            client.send("GET", path, None, None)?.problem(
                &format!("GET {path} anonymously"),
                401,
                types::UNAUTHORIZED,
            )?;
        }
        every_public_answer_keeps_the_phone(client, target.id, &signed_up, &other)
    })();
    cancel(client, target.id, &signed_up)?;
    result
}

/// Every operation the document offers without a session (GET, no `security`), read
/// anonymously and as another volunteer, with the path filled from this station's data: none
/// carries the phone of a volunteer who signed up and asked to join a team, whole or masked.
fn every_public_answer_keeps_the_phone(
    client: &Client,
    activity: i64,
    signed_up: &Volunteer,
    other: &Volunteer,
) -> CheckResult {
    let teams: Value = client.json("/api/v1/teams")?;
    let team = teams["items"][0]["id"].as_i64();
    if let Some(team) = team {
        // A request to join: the team's public answers must not show who asked.
        client
            .send(
                "POST",
                &format!("/api/v1/teams/{team}/members"),
                Some(&signed_up.token),
                None,
            )?
            .json::<Value>("asking to join a team", 201)?;
    }
    let read = read_public_answers(client, activity, team, signed_up, other);
    if let Some(team) = team {
        // Withdrawn whatever the reading found.
        client.send(
            "DELETE",
            &format!("/api/v1/teams/{team}/members/me"),
            Some(&signed_up.token),
            None,
        )?;
    }
    // The station, the sites, the activities and their calendars, the teams: at least these.
    let read = read?;
    ensure(read >= 2 * 8, || {
        format!("only {read} public answers were read")
    })
}

/// Reads every public GET of the document (see [`every_public_answer_keeps_the_phone`]);
/// answers how many were read.
fn read_public_answers(
    client: &Client,
    activity: i64,
    team: Option<i64>,
    signed_up: &Volunteer,
    other: &Volunteer,
) -> Result<usize, String> {
    let site = activity_site(client, activity)?;
    let document: Value = client.json("/api/v1/openapi.json")?;
    let paths = document["paths"]
        .as_object()
        .ok_or("the document has no paths")?;
    let phone = &signed_up.phone;
    let masked = format!("{}****{}", &phone[..3], &phone[7..]);
    let mut read = 0;
    for (template, item) in paths {
        let Some(get) = item.get("get") else { continue };
        let public = get
            .get("security")
            .and_then(Value::as_array)
            .is_none_or(|security| security.is_empty());
        if !public || template.ends_with("/openapi.json") {
            continue;
        }
        let path = if template == "/api/v1/activities/{id}/series" {
            // Read with an activity that is in a series (the demo data has weekly ones).
            format!(
                "/api/v1/activities/{}/series",
                occurrence_of_a_series(client)?
            )
        } else if template.starts_with("/api/v1/activities/{id}") {
            template.replace("{id}", &activity.to_string())
        } else if template == "/api/v1/screens/{site_id}" {
            // The display screen of the activity's site.
            template.replace("{site_id}", &site.to_string())
        } else if template.starts_with("/api/v1/sites/{id}") {
            template.replace("{id}", &site.to_string())
        } else if template.starts_with("/api/v1/teams/{id}") {
            match team {
                Some(team) => template.replace("{id}", &team.to_string()),
                None => continue,
            }
        } else if template.starts_with("/api/v1/feeds/{token}") {
            // One's own feed, read by its secret address (the other volunteer's).
            let feed: station_wire::feeds::NewCalendarFeed = client
                .send("PUT", "/api/v1/me/calendar-feed", Some(&other.token), None)?
                .json("PUT /api/v1/me/calendar-feed", 200)?;
            match feed.url.find("/api/v1/") {
                Some(at) => feed.url[at..].to_owned(),
                None => return Err(format!("a feed address `{}` not under /api/v1", feed.url)),
            }
        } else if template == "/api/v1/honors/{id}" || template.starts_with("/api/v1/photos/{key}")
        {
            // The board's first honor, and its first photo's thumbnail (the demo's have some).
            let board: station_wire::page::Page<station_wire::honors::Honor> =
                client.json("/api/v1/honors?limit=200")?;
            let honor = board
                .items
                .iter()
                .find(|honor| !honor.photos.is_empty())
                .ok_or("the board has no honor with a photo: the suite needs one")?;
            if template.starts_with("/api/v1/photos") {
                honor.photos[0].thumb_url.clone()
            } else {
                format!("/api/v1/honors/{}", honor.id)
            }
        } else if template == "/api/v1/wishes/{id}" {
            // The wall's first open wish (the demo's have contacts with phone numbers).
            let wall: station_wire::page::Page<station_wire::wishes::Wish> =
                client.json("/api/v1/wishes")?;
            let wish = wall
                .items
                .first()
                .ok_or("the wall has no open wish: the suite needs one")?;
            format!("/api/v1/wishes/{}", wish.id)
        } else if template.contains('{') {
            return Err(format!("no value to read the public {template} with"));
        } else {
            template.clone()
        };
        for token in [None, Some(other.token.as_str())] {
            let answer = client.send("GET", &path, token, None)?;
            // A refusal carries nothing to check: every public read must be answered.
            ensure((200..300).contains(&answer.status), || {
                format!("GET {path}: {} (a public read)", answer.status)
            })?;
            ensure(!answer.body.contains(phone.as_str()), || {
                format!("GET {path} carries a volunteer's phone")
            })?;
            ensure(!answer.body.contains(&masked), || {
                format!("GET {path} carries a volunteer's masked phone {masked}")
            })?;
            read += 1;
        }
    }
    Ok(read)
}

/// An activity of the coming month that belongs to a series.
fn occurrence_of_a_series(client: &Client) -> Result<i64, String> {
    let page: Value = client.json("/api/v1/activities?limit=100")?;
    let items = page["items"].as_array().ok_or("a list without items")?;
    for id in items.iter().filter_map(|item| item["id"].as_i64()) {
        if client
            .get(&format!("/api/v1/activities/{id}/series"))?
            .status
            == 200
        {
            return Ok(id);
        }
    }
    Err(
        "no activity of the coming month is in a series (GET /api/v1/activities/{id}/series)"
            .into(),
    )
}

/// The site of an activity, from its public answer.
fn activity_site(client: &Client, activity: i64) -> Result<i64, String> {
    let public: Value = client.json(&format!("/api/v1/activities/{activity}"))?;
    public["site"]["id"]
        .as_i64()
        .ok_or_else(|| "the activity names no site".to_owned())
}
