//! 好人榜: the public board (no nominator, no contact, no mobile number anywhere in it), photos
//! made again without metadata and refused by what their bytes are, a nomination followed by
//! its nominator and hidden from everyone else, likes counted once per account; with an
//! administrator's credentials, consent before publishing and its withdrawal taking the honor
//! and its photo's address off the board.

use serde_json::{json, Value};
use station_wire::honors::{
    is_board_month, BoardMonth, Honor, HonorStatus, LikeState, Nomination, PhotoRef,
};
use station_wire::page::{List, Page};
use station_wire::problem::{codes, types};

use super::support::{ensure, ensure_field_error, nothing_personal, register, sign_in, Station};
use super::Check;
use crate::images::{bomb, contains, pdf, phone_photo, png, GPS_MARKER};
use crate::{Admin, CheckResult, Client};

pub fn checks() -> Vec<(&'static str, Check)> {
    vec![
        (
            "the_board_is_public_and_names_no_nominator",
            Box::new(board_is_public),
        ),
        (
            "photos_are_made_again_upright_and_without_metadata",
            Box::new(photos_are_made_again),
        ),
        (
            "a_nomination_is_its_nominators_and_refused_by_name",
            Box::new(a_nomination_is_its_nominators),
        ),
        ("likes_count_once_per_account", Box::new(likes_count_once)),
    ]
}

pub fn admin_checks(admin: Admin) -> Vec<(String, Check)> {
    vec![(
        "admin_records_consent_publishes_and_withdraws_it".into(),
        Box::new(move |client: &Client| consent_and_publishing(client, &admin)) as Check,
    )]
}

/// Fails when a public answer carries anything of the nominator: a key naming them or their
/// contact, or a mobile number in any text.
fn nothing_of_the_nominator(what: &str, body: &str) -> CheckResult {
    nothing_personal(what, body, |key| {
        key.contains("nominator")
            || key.contains("contact")
            || key == "on_behalf_of"
            || key == "consent"
    })
}

/// The whole board (every page), checked for the nominator on the way.
fn whole_board(client: &Client, query: &str) -> Result<Vec<Honor>, String> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..100 {
        let path = match &cursor {
            Some(cursor) => format!("/api/v1/honors?limit=5{query}&cursor={cursor}"),
            None => format!("/api/v1/honors?limit=5{query}"),
        };
        let answer = client.get(&path)?;
        nothing_of_the_nominator(&path, &answer.body)?;
        let page: Page<Honor> = answer.json(&format!("GET {path}"), 200)?;
        all.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(all),
        }
    }
    Err("GET /api/v1/honors: more than 100 pages".into())
}

/// The board read whole agrees with itself. Another check (or person) may publish or like
/// between two reads: a disagreement is read again, twice, before it counts.
fn board_is_public(client: &Client) -> CheckResult {
    let mut outcome = board_agrees(client);
    for _ in 0..2 {
        if outcome.is_ok() {
            break;
        }
        outcome = board_agrees(client);
    }
    outcome
}

fn board_agrees(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let board = whole_board(client, "")?;
    ensure(!board.is_empty(), || {
        "GET /api/v1/honors is empty: the suite needs a published honor".into()
    })?;
    let parents = station.parents();
    let mut newest_first = board
        .windows(2)
        .all(|pair| (pair[0].published_at, pair[0].id) >= (pair[1].published_at, pair[1].id));
    newest_first &= board.iter().all(|honor| is_board_month(&honor.board_month));
    ensure(newest_first, || {
        "the board is not newest first, or a `board_month` is not YYYY-MM".into()
    })?;
    for honor in &board {
        ensure(parents.contains_key(&honor.site.id), || {
            format!(
                "honor {} is at site {}, not in the tree",
                honor.id, honor.site.id
            )
        })?;
        ensure(!honor.liked, || {
            format!("honor {}: `liked` for nobody signed in", honor.id)
        })?;
        let path = format!("/api/v1/honors/{}", honor.id);
        let answer = client.get(&path)?;
        nothing_of_the_nominator(&path, &answer.body)?;
        let one: Honor = answer.json(&format!("GET {path}"), 200)?;
        let counted_apart = Honor {
            like_count: honor.like_count,
            ..one.clone()
        };
        ensure(&counted_apart == honor, || {
            format!("{path} differs from the board: {one:?}")
        })?;
    }
    // The months add up to the board, and each month's board is its honors.
    let answer = client.get("/api/v1/honors/months")?;
    nothing_of_the_nominator("GET /api/v1/honors/months", &answer.body)?;
    let months: List<BoardMonth> = answer.json("GET /api/v1/honors/months", 200)?;
    let total: u32 = months.items.iter().map(|month| month.count).sum();
    ensure(total as usize == board.len(), || {
        format!(
            "the months count {total} honors, the board has {}",
            board.len()
        )
    })?;
    for month in &months.items {
        let listed = whole_board(client, &format!("&month={}", month.month))?;
        ensure(
            listed.len() == month.count as usize
                && listed.iter().all(|honor| honor.board_month == month.month),
            || {
                format!(
                    "?month={}: {} honors, want {}",
                    month.month,
                    listed.len(),
                    month.count
                )
            },
        )?;
    }
    // A site's board is its subtree's; the screens' only those agreed to.
    for root in &station.roots {
        let subtree = station.subtree(root.id);
        let listed = whole_board(client, &format!("&site_id={}", root.id))?;
        let expected: Vec<i64> = board
            .iter()
            .filter(|honor| subtree.contains(&honor.site.id))
            .map(|honor| honor.id)
            .collect();
        let got: Vec<i64> = listed.iter().map(|honor| honor.id).collect();
        ensure(got == expected, || {
            format!("?site_id={}: {got:?}, want {expected:?}", root.id)
        })?;
    }
    let screens = whole_board(client, "&on_screens=true")?;
    let agreed: Vec<i64> = board
        .iter()
        .filter(|honor| honor.on_screens)
        .map(|honor| honor.id)
        .collect();
    let got: Vec<i64> = screens.iter().map(|honor| honor.id).collect();
    ensure(got == agreed, || {
        format!("?on_screens=true: {got:?}, want those agreed to: {agreed:?}")
    })?;
    client
        .get("/api/v1/honors?month=2026-13")?
        .problem("GET /api/v1/honors?month=2026-13", 400, types::VALIDATION)
        .map(drop)
}

fn photos_are_made_again(client: &Client) -> CheckResult {
    let volunteer = register(client)?;
    let token = Some(volunteer.token.as_str());
    let photo: PhotoRef = client
        .upload("/api/v1/photos", token, phone_photo(6))?
        .json("POST /api/v1/photos", 201)?;
    ensure((photo.width, photo.height) == (20, 40), || {
        format!(
            "a 40 × 20 photo taken with the phone turned (EXIF orientation 6) is {} × {}, want 20 × 40",
            photo.width, photo.height
        )
    })?;
    for url in [&photo.thumb_url, &photo.large_url] {
        let file = client.download(url, None)?;
        ensure(
            file.status == 200 && file.content_type == "image/jpeg",
            || format!("GET {url}: {} `{}`", file.status, file.content_type),
        )?;
        ensure(file.bytes.starts_with(&[0xFF, 0xD8, 0xFF]), || {
            format!("GET {url}: not a JPEG")
        })?;
        ensure(
            !contains(&file.bytes, b"Exif") && !contains(&file.bytes, GPS_MARKER),
            || format!("GET {url}: the EXIF or GPS of the upload is still in it"),
        )?;
        ensure(file.cache_control.contains("max-age"), || {
            format!(
                "GET {url}: `Cache-Control: {}` (a photo never changes)",
                file.cache_control
            )
        })?;
        let etag = file.etag.ok_or_else(|| format!("GET {url}: no ETag"))?;
        let again = client.download(url, Some(&etag))?;
        ensure(again.status == 304, || {
            format!("GET {url} with its ETag: {} (want 304)", again.status)
        })?;
    }
    let mut cut = png(200, 200);
    cut.truncate(cut.len() / 2);
    for (what, bytes, code) in [
        ("a renamed PDF", pdf(), codes::NOT_AN_IMAGE),
        ("a PNG cut short", cut, codes::DAMAGED),
        (
            "a PNG claiming 20000 × 20000",
            bomb(20_000),
            codes::TOO_MANY_PIXELS,
        ),
    ] {
        let problem = client.upload("/api/v1/photos", token, bytes)?.problem(
            &format!("uploading {what}"),
            422,
            types::VALIDATION,
        )?;
        ensure_field_error(&problem, "photo", code, what)?;
    }
    client
        .upload("/api/v1/photos", None, png(8, 8))?
        .problem("an upload signed out", 401, types::UNAUTHORIZED)
        .map(drop)
}

fn nomination(site_id: i64, photos: &[i64], contact: &str) -> Value {
    json!({
        "site_id": site_id, "nominee_name": "一致性测试好人", "category": "honesty",
        "story": "拾到钱包，原样交还失主。", "photo_ids": photos, "nominator_contact": contact,
    })
}

fn a_nomination_is_its_nominators(client: &Client) -> CheckResult {
    let station = Station::fetch(client)?;
    let site = station.info.root_site_id;
    let nominator = register(client)?;
    let stranger = register(client)?;
    let token = Some(nominator.token.as_str());
    let photo: PhotoRef = client
        .upload("/api/v1/photos", token, png(64, 48))?
        .json("POST /api/v1/photos", 201)?;
    let contact = format!("一致性 {}", nominator.phone);
    let body = nomination(site, &[photo.id], &contact);
    client
        .send("POST", "/api/v1/nominations", None, Some(&body))?
        .problem("nominating signed out", 401, types::UNAUTHORIZED)?;
    let made: Nomination = client
        .send("POST", "/api/v1/nominations", token, Some(&body))?
        .json("POST /api/v1/nominations", 201)?;
    ensure(
        made.status == HonorStatus::Submitted
            && made.photos == vec![photo.clone()]
            && made.nominator_contact == contact,
        || format!("the nomination made: {made:?}"),
    )?;
    let path = format!("/api/v1/nominations/{}", made.id);
    let seen: Nomination = client
        .send("GET", &path, token, None)?
        .json(&format!("GET {path} as its nominator"), 200)?;
    ensure(seen == made, || format!("GET {path}: {seen:?}"))?;
    client
        .send("GET", &path, Some(&stranger.token), None)?
        .problem(
            &format!("GET {path} as someone else"),
            404,
            types::NOT_FOUND,
        )?;
    let mine: Page<Nomination> = client
        .send("GET", "/api/v1/me/nominations", token, None)?
        .json("GET /api/v1/me/nominations", 200)?;
    ensure(mine.items.first() == Some(&made), || {
        "GET /api/v1/me/nominations does not start with the new nomination".into()
    })?;
    ensure(
        !whole_board(client, "")?
            .iter()
            .any(|honor| honor.id == made.id),
        || "a submitted nomination is on the public board".into(),
    )?;
    client
        .get(&format!("/api/v1/honors/{}", made.id))?
        .problem("a submitted nomination as an honor", 404, types::NOT_FOUND)?;
    // Refused by name: blank words and four photos (400); a used photo, another's photo and an
    // unknown site (422).
    let mut blank = nomination(site, &[1, 2, 3, 4], "");
    blank["story"] = json!(" ");
    let problem = client
        .send("POST", "/api/v1/nominations", token, Some(&blank))?
        .problem("a blank nomination", 400, types::VALIDATION)?;
    for (field, code) in [
        ("story", codes::REQUIRED),
        ("nominator_contact", codes::REQUIRED),
        ("photo_ids", codes::OUT_OF_RANGE),
    ] {
        ensure_field_error(&problem, field, code, "a blank nomination")?;
    }
    let theirs: PhotoRef = client
        .upload("/api/v1/photos", Some(&stranger.token), png(8, 8))?
        .json("POST /api/v1/photos", 201)?;
    for (what, photos) in [("a photo in use", photo.id), ("another's photo", theirs.id)] {
        let problem = client
            .send(
                "POST",
                "/api/v1/nominations",
                token,
                Some(&nomination(site, &[photos], "x")),
            )?
            .problem(what, 422, types::VALIDATION)?;
        ensure_field_error(&problem, "photo_ids", codes::UNKNOWN, what)?;
    }
    let problem = client
        .send(
            "POST",
            "/api/v1/nominations",
            token,
            Some(&nomination(i64::MAX, &[], "x")),
        )?
        .problem("an unknown site", 422, types::VALIDATION)?;
    ensure_field_error(&problem, "site_id", codes::UNKNOWN, "an unknown site")?;
    // Only staff nominate on a resident's behalf; a volunteer sees no staff queue.
    let mut for_someone = nomination(site, &[], "x");
    for_someone["on_behalf_of"] = json!("王大爷");
    client
        .send("POST", "/api/v1/nominations", token, Some(&for_someone))?
        .problem("on_behalf_of by a volunteer", 403, types::FORBIDDEN)?;
    client
        .send("GET", "/api/v1/staff/nominations", token, None)?
        .problem("the staff queue as a volunteer", 403, types::FORBIDDEN)
        .map(drop)
}

fn likes_count_once(client: &Client) -> CheckResult {
    let board = whole_board(client, "")?;
    let honor = board
        .first()
        .ok_or("GET /api/v1/honors is empty: the suite needs a published honor")?;
    let path = format!("/api/v1/honors/{}/like", honor.id);
    client.send("PUT", &path, None, None)?.problem(
        "a like signed out",
        401,
        types::UNAUTHORIZED,
    )?;
    let (first, second) = (register(client)?, register(client)?);
    let like = |token: &str, method: &str| -> Result<LikeState, String> {
        let what = format!("{method} {path}");
        let answer = client.send(method, &path, Some(token), None)?;
        nothing_of_the_nominator(&what, &answer.body)?;
        answer.json(&what, 200)
    };
    let once = like(&first.token, "PUT")?;
    let twice = like(&first.token, "PUT")?;
    ensure(once.liked && twice == once, || {
        format!("liking twice: {once:?} then {twice:?}")
    })?;
    let other = like(&second.token, "PUT")?;
    ensure(other.like_count == once.like_count + 1, || {
        format!(
            "a second account's like: {} after {}",
            other.like_count, once.like_count
        )
    })?;
    let read: Honor = client
        .send(
            "GET",
            &format!("/api/v1/honors/{}", honor.id),
            Some(&first.token),
            None,
        )?
        .json("GET the honor as one who likes it", 200)?;
    ensure(read.liked, || {
        "`liked` is false for one who likes it".into()
    })?;
    let back = like(&first.token, "DELETE")?;
    let back_again = like(&first.token, "DELETE")?;
    ensure(
        !back.liked && back == back_again && back.like_count + 1 == other.like_count,
        || format!("unliking twice: {back:?} then {back_again:?}, after {other:?}"),
    )?;
    like(&second.token, "DELETE").map(drop)
}

fn consent_and_publishing(client: &Client, admin: &Admin) -> CheckResult {
    let station = Station::fetch(client)?;
    let token = sign_in(client, &admin.phone, &admin.password)?;
    let token = Some(token.as_str());
    let contact = format!("一致性联系人-{}", super::support::fresh_phone());
    let photo: PhotoRef = client
        .upload("/api/v1/photos", token, png(32, 24))?
        .json("POST /api/v1/photos", 201)?;
    let mut body = nomination(station.info.root_site_id, &[photo.id], &contact);
    body["on_behalf_of"] = json!("无手机的居民");
    let made: Nomination = client
        .send("POST", "/api/v1/nominations", token, Some(&body))?
        .json("POST /api/v1/nominations on a resident's behalf", 201)?;
    ensure(
        made.on_behalf_of.as_deref() == Some("无手机的居民"),
        || format!("`on_behalf_of` not kept: {made:?}"),
    )?;
    let step = |what: &str, method: &str, body: Option<Value>| {
        let path = format!("/api/v1/nominations/{}/{what}", made.id);
        client.send(method, &path, token, body.as_ref())
    };
    let month = station.today().format("%Y-%m").to_string();
    let publish = json!({ "board_month": month });
    step("publish", "POST", Some(publish.clone()))?.problem(
        "publishing without consent",
        409,
        types::CONSENT_MISSING,
    )?;
    let consented: Nomination = step(
        "consent",
        "PUT",
        Some(json!({ "note": "本人当面同意", "posters": true, "screens": true })),
    )?
    .json("recording consent", 200)?;
    ensure(
        consented
            .consent
            .as_ref()
            .is_some_and(|consent| consent.posters && consent.screens),
        || format!("the consent recorded: {:?}", consented.consent),
    )?;
    let published: Nomination = step("publish", "POST", Some(publish))?.json("publishing", 200)?;
    ensure(
        published.status == HonorStatus::Published
            && published.board_month.as_deref() == Some(month.as_str()),
        || format!("published: {published:?}"),
    )?;
    let path = format!("/api/v1/honors/{}", made.id);
    let answer = client.get(&path)?;
    ensure(!answer.body.contains(&contact), || {
        format!("{path} holds the nominator's contact")
    })?;
    let on_board = whole_board(client, &format!("&month={month}"))?;
    ensure(on_board.iter().any(|honor| honor.id == made.id), || {
        format!("?month={month} does not list the published honor")
    })?;
    step("reject", "POST", Some(json!({ "reason": "重复" })))?.problem(
        "rejecting a published honor",
        409,
        types::WRONG_STATE,
    )?;
    let withdrawn: Nomination =
        step("consent", "DELETE", None)?.json("withdrawing consent", 200)?;
    ensure(
        withdrawn.status == HonorStatus::Unpublished && withdrawn.consent.is_none(),
        || format!("after consent was withdrawn: {withdrawn:?}"),
    )?;
    client.get(&path)?.problem(
        "an honor whose consent was withdrawn",
        404,
        types::NOT_FOUND,
    )?;
    let queue: Page<Nomination> = client
        .send(
            "GET",
            "/api/v1/staff/nominations?status=unpublished",
            token,
            None,
        )?
        .json("GET /api/v1/staff/nominations", 200)?;
    ensure(queue.items.iter().any(|item| item.id == made.id), || {
        "the staff queue does not list the unpublished nomination".into()
    })
}
