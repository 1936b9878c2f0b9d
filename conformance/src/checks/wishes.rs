//! 微心愿: the public wall masks every beneficiary (no full name, no contact, no mobile number,
//! no party's detail anywhere in it, on every shelf and every wish); a wish is its requester's
//! and staff's until approved, refused by name; with an administrator's credentials, a wish
//! posted for a resident without a phone is open at once, of six claims at once exactly one wins
//! and the others are told it is taken, and it goes on to confirmed with its timeline.

use serde_json::{json, Value};
use station_wire::page::Page;
use station_wire::problem::{codes, types};
use station_wire::wishes::{TimelineEvent, Wish, WishFigures, WishStatus, WishStep};

use super::support::{
    ensure, ensure_field_error, nothing_personal, register, sign_in, Station, Volunteer,
};
use super::Check;
use crate::{Admin, CheckResult, Client};

pub fn checks() -> Vec<(&'static str, Check)> {
    vec![
        (
            "the_wall_masks_every_beneficiary",
            Box::new(the_wall_masks_every_beneficiary),
        ),
        (
            "a_wish_is_its_requesters_until_approved_and_refused_by_name",
            Box::new(a_wish_is_its_requesters),
        ),
    ]
}

pub fn admin_checks(admin: Admin) -> Vec<(String, Check)> {
    vec![(
        "admin_posts_for_a_resident_one_of_six_claims_wins_and_it_is_confirmed".into(),
        Box::new(move |client: &Client| from_open_to_confirmed(client, &admin)) as Check,
    )]
}

/// What only the parties read: no public answer has these keys.
fn parties_only(key: &str) -> bool {
    matches!(
        key,
        "beneficiary_name"
            | "contact"
            | "on_behalf_of"
            | "photo_public"
            | "reject_reason"
            | "claimer_name"
            | "fulfil_note"
            | "fulfil_photo"
            | "rating"
            | "timeline"
    )
}

/// One whole shelf of the wall (every page), checked for personal data on the way.
fn whole_shelf(client: &Client, shelf: &str) -> Result<Vec<Wish>, String> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..100 {
        let path = match &cursor {
            Some(cursor) => format!("/api/v1/wishes?shelf={shelf}&limit=3&cursor={cursor}"),
            None => format!("/api/v1/wishes?shelf={shelf}&limit=3"),
        };
        let answer = client.get(&path)?;
        nothing_personal(&path, &answer.body, parties_only)?;
        let page: Page<Wish> = answer.json(&format!("GET {path}"), 200)?;
        all.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(all),
        }
    }
    Err(format!(
        "GET /api/v1/wishes?shelf={shelf}: more than 100 pages"
    ))
}

fn the_wall_masks_every_beneficiary(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let parents = station.parents();
    let open = whole_shelf(client, "open")?;
    let claimed = whole_shelf(client, "claimed")?;
    let done = whole_shelf(client, "done")?;
    ensure(!open.is_empty() && !done.is_empty(), || {
        "the wall needs an open and a fulfilled wish (demo data has them)".into()
    })?;
    for (shelf, wishes, statuses) in [
        ("open", &open, &[WishStatus::Open][..]),
        ("claimed", &claimed, &[WishStatus::Claimed][..]),
        (
            "done",
            &done,
            &[WishStatus::Fulfilled, WishStatus::Confirmed][..],
        ),
    ] {
        for wish in wishes {
            ensure(statuses.contains(&wish.status), || {
                format!("shelf {shelf}: wish {} is {:?}", wish.id, wish.status)
            })?;
            ensure(wish.beneficiary.masked_name.contains('*'), || {
                format!(
                    "wish {}: the beneficiary `{}` is not masked",
                    wish.id, wish.beneficiary.masked_name
                )
            })?;
            ensure(parents.contains_key(&wish.site.id), || {
                format!(
                    "wish {} is at site {}, not in the tree",
                    wish.id, wish.site.id
                )
            })?;
            ensure(wish.steps.is_empty(), || {
                format!(
                    "wish {}: steps {:?} for nobody signed in",
                    wish.id, wish.steps
                )
            })?;
            let path = format!("/api/v1/wishes/{}", wish.id);
            let answer = client.get(&path)?;
            nothing_personal(&path, &answer.body, parties_only)?;
            let one: Wish = answer.json(&format!("GET {path}"), 200)?;
            ensure(one.id == wish.id && one.status == wish.status, || {
                format!("{path} differs from the wall: {one:?}")
            })?;
        }
    }
    ensure(
        open.windows(2)
            .all(|pair| (pair[0].deadline, pair[0].id) <= (pair[1].deadline, pair[1].id)),
        || "the open shelf is not nearest deadline first".into(),
    )?;
    ensure(
        open.iter().all(|wish| wish.deadline >= station.today()),
        || "an open wish on the wall is past its deadline".into(),
    )?;
    // Another check may post or claim between two reads: a disagreement is read again.
    let mut counts = (0, open.len());
    for _ in 0..3 {
        let figures: WishFigures = client
            .get("/api/v1/wishes/figures")?
            .json("GET /api/v1/wishes/figures", 200)?;
        counts = (figures.open as usize, whole_shelf(client, "open")?.len());
        if counts.0 == counts.1 {
            break;
        }
    }
    ensure(counts.0 == counts.1, || {
        format!(
            "the figures count {} open wishes, the wall has {}",
            counts.0, counts.1
        )
    })?;
    client
        .get("/api/v1/wishes?shelf=everything")?
        .problem(
            "GET /api/v1/wishes?shelf=everything",
            400,
            types::BAD_REQUEST,
        )
        .map(drop)
}

fn wish_body(site: i64, deadline: chrono::NaiveDate) -> Value {
    json!({
        "site_id": site, "title": "一致性测试心愿", "description": "想要一盏台灯。",
        "category": "daily", "deadline": deadline.to_string(),
        "beneficiary_name": "一致性受助人", "beneficiary_age": 9,
        "contact": "一致性联系人 13800000000",
    })
}

fn a_wish_is_its_requesters(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let site = station.info.root_site_id;
    let requester = register(client)?;
    let stranger = register(client)?;
    let token = Some(requester.token.as_str());
    let deadline = station.today() + chrono::Duration::days(14);
    let body = wish_body(site, deadline);
    client
        .send("POST", "/api/v1/wishes", None, Some(&body))?
        .problem("posting a wish signed out", 401, types::UNAUTHORIZED)?;
    let made: Wish = client
        .send("POST", "/api/v1/wishes", token, Some(&body))?
        .json("POST /api/v1/wishes", 201)?;
    ensure(
        made.status == WishStatus::Submitted
            && made.beneficiary_name.as_deref() == Some("一致性受助人")
            && made.beneficiary.masked_name == "一*****"
            && made.deadline == deadline
            && made.steps == [WishStep::Withdraw],
        || format!("the wish posted, as its requester reads it: {made:?}"),
    )?;
    let path = format!("/api/v1/wishes/{}", made.id);
    for (who, token) in [
        ("someone else", Some(stranger.token.as_str())),
        ("nobody", None),
    ] {
        client.send("GET", &path, token, None)?.problem(
            &format!("GET {path} (submitted) as {who}"),
            404,
            types::NOT_FOUND,
        )?;
    }
    let mine: Page<Wish> = client
        .send("GET", "/api/v1/me/wishes", token, None)?
        .json("GET /api/v1/me/wishes", 200)?;
    ensure(
        mine.items.first().map(|wish| wish.id) == Some(made.id),
        || "GET /api/v1/me/wishes does not start with the new wish".into(),
    )?;
    ensure(
        !whole_shelf(client, "open")?
            .iter()
            .any(|wish| wish.id == made.id),
        || "a submitted wish is on the wall".into(),
    )?;
    // Refused by name.
    let mut blank = wish_body(site, deadline);
    blank["title"] = json!(" ");
    blank["beneficiary_age"] = json!(500);
    let problem = client
        .send("POST", "/api/v1/wishes", token, Some(&blank))?
        .problem("a blank wish", 400, types::VALIDATION)?;
    ensure_field_error(&problem, "title", codes::REQUIRED, "a blank title")?;
    ensure_field_error(
        &problem,
        "beneficiary_age",
        codes::OUT_OF_RANGE,
        "an age of 500",
    )?;
    let past = wish_body(site, station.today() - chrono::Duration::days(1));
    let problem = client
        .send("POST", "/api/v1/wishes", token, Some(&past))?
        .problem("a deadline yesterday", 422, types::VALIDATION)?;
    ensure_field_error(
        &problem,
        "deadline",
        codes::OUT_OF_RANGE,
        "a deadline yesterday",
    )?;
    let problem = client
        .send(
            "POST",
            "/api/v1/wishes",
            token,
            Some(&wish_body(i64::MAX, deadline)),
        )?
        .problem("an unknown site", 422, types::VALIDATION)?;
    ensure_field_error(&problem, "site_id", codes::UNKNOWN, "an unknown site")?;
    let mut for_someone = wish_body(site, deadline);
    for_someone["on_behalf_of"] = json!("王大爷");
    client
        .send("POST", "/api/v1/wishes", token, Some(&for_someone))?
        .problem("on_behalf_of by a volunteer", 403, types::FORBIDDEN)?;
    client
        .send("GET", "/api/v1/staff/wishes", token, None)?
        .problem("the staff queue as a volunteer", 403, types::FORBIDDEN)?;
    client
        .send("POST", &format!("{path}/approve"), token, Some(&json!({})))?
        .problem("approving one's own wish", 403, types::FORBIDDEN)?;
    // Its requester withdraws it; then it is over.
    let withdrawn: Wish = client
        .send("POST", &format!("{path}/withdraw"), token, None)?
        .json("withdrawing", 200)?;
    ensure(withdrawn.status == WishStatus::Withdrawn, || {
        format!("withdrawn: {withdrawn:?}")
    })?;
    client
        .send("POST", &format!("{path}/withdraw"), token, None)?
        .problem("withdrawing twice", 409, types::WRONG_STATE)
        .map(drop)
}

/// Six new volunteers claim `wish` at once: exactly one wins, the others are told it is taken.
fn of_claims_at_once_one_wins(client: &Client, wish: i64) -> Result<Volunteer, String> {
    let people: Vec<_> = (0..6).map(|_| register(client)).collect::<Result<_, _>>()?;
    let path = format!("/api/v1/wishes/{wish}/claim");
    let answers: Vec<_> = std::thread::scope(|scope| {
        let runs: Vec<_> = people
            .iter()
            .map(|person| {
                let path = &path;
                scope.spawn(move || client.send("POST", path, Some(&person.token), None))
            })
            .collect();
        runs.into_iter()
            .map(|run| run.join().map_err(|_| "a claim panicked".to_owned())?)
            .collect::<Result<_, String>>()
    })?;
    let statuses: Vec<u16> = answers.iter().map(|answer| answer.status).collect();
    let winners: Vec<usize> = (0..statuses.len())
        .filter(|n| statuses[*n] == 200)
        .collect();
    ensure(winners.len() == 1, || {
        format!(
            "{} claims at once: {statuses:?}, want one 200",
            answers.len()
        )
    })?;
    for answer in answers.iter().filter(|answer| answer.status != 200) {
        answer.problem("a claim that lost", 409, types::ALREADY_TAKEN)?;
    }
    people
        .into_iter()
        .nth(winners[0])
        .ok_or_else(|| "no winner".to_owned())
}

fn from_open_to_confirmed(client: &Client, admin: &Admin) -> CheckResult {
    let station = Station::fetch(client)?;
    let token = sign_in(client, &admin.phone, &admin.password)?;
    let token = Some(token.as_str());
    let mut body = wish_body(
        station.info.root_site_id,
        station.today() + chrono::Duration::days(7),
    );
    body["on_behalf_of"] = json!("无手机的居民");
    let made: Wish = client
        .send("POST", "/api/v1/wishes", token, Some(&body))?
        .json("POST /api/v1/wishes on a resident's behalf", 201)?;
    ensure(
        made.status == WishStatus::Open && made.on_behalf_of.as_deref() == Some("无手机的居民"),
        || format!("posted by staff: {made:?}"),
    )?;
    let volunteer = of_claims_at_once_one_wins(client, made.id)?;
    let step = |what: &str, token: Option<&str>, body: Option<Value>| {
        let path = format!("/api/v1/wishes/{}/{what}", made.id);
        client.send("POST", &path, token, body.as_ref())
    };
    let claimed: Wish = client
        .send(
            "GET",
            &format!("/api/v1/wishes/{}", made.id),
            Some(&volunteer.token),
            None,
        )?
        .json("the wish, as its claimer reads it", 200)?;
    ensure(
        claimed.steps == [WishStep::Fulfil, WishStep::Release] && claimed.contact.is_none(),
        || format!("claimed, as its claimer reads it: {claimed:?}"),
    )?;
    step("confirm", token, Some(json!({"rating": 5})))?.problem(
        "confirming before it is fulfilled",
        409,
        types::WRONG_STATE,
    )?;
    step(
        "fulfil",
        Some(&volunteer.token),
        Some(json!({"note": "台灯送到了"})),
    )?
    .json::<Wish>("fulfilling", 200)?;
    let confirmed: Wish = step(
        "confirm",
        token,
        Some(json!({"rating": 5, "thanks": "一致性测试的谢意"})),
    )?
    .json("confirming", 200)?;
    let events: Vec<TimelineEvent> = confirmed.timeline.iter().map(|entry| entry.event).collect();
    ensure(
        events
            == [
                TimelineEvent::Posted,
                TimelineEvent::Claimed,
                TimelineEvent::Fulfilled,
                TimelineEvent::Confirmed,
            ]
            && confirmed.timeline[0].on_behalf,
        || format!("the timeline: {:?}", confirmed.timeline),
    )?;
    let done = whole_shelf(client, "done")?;
    let shown = done
        .iter()
        .find(|wish| wish.id == made.id)
        .ok_or("the confirmed wish is not on the done shelf")?;
    ensure(
        shown.thanks.as_deref() == Some("一致性测试的谢意"),
        || format!("the thanks on the wall: {:?}", shown.thanks),
    )?;
    let queue: Page<Wish> = client
        .send("GET", "/api/v1/staff/wishes?status=confirmed", token, None)?
        .json("GET /api/v1/staff/wishes", 200)?;
    ensure(queue.items.iter().any(|wish| wish.id == made.id), || {
        "the staff queue does not list the confirmed wish".into()
    })
}
