//! iCalendar over HTTP: an activity's file, a site's feed and one's own secret feed — times in
//! the station's zone with its VTIMEZONE, cancelled and waitlisted events marked, Chinese text
//! escaped and folded, the ETag kept while nothing changes, and the secret's life cycle.

use reqwest::Method;
use station_server::store::activities::NewActivity;
use station_wire::feeds::{MyCalendarFeed, NewCalendarFeed};
use station_wire::signups::{Signup, SignupStatus};

use crate::common::{
    account, activity_at, content_type, insert, local, now, phone, seed_tree, spawn_app, today,
    Seed, TestApp,
};
use crate::signups::sign_up;

/// The text with folded lines joined again (RFC 5545 §3.1).
fn unfolded(text: &str) -> String {
    text.replace("\r\n ", "")
}

async fn ics(app: &TestApp, path: &str, token: Option<&str>) -> String {
    let response = app.request(Method::GET, path, token).send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(content_type(&response), "text/calendar; charset=utf-8");
    response.text().await.unwrap()
}

async fn activity(app: &TestApp, seed: &Seed, change: impl FnOnce(&mut NewActivity)) -> i64 {
    let mut activity = activity_at(seed.station_a1, "elderly", local(2, 14, 0));
    change(&mut activity);
    insert(&app.store, activity).await
}

#[tokio::test]
async fn an_activity_file_is_in_the_station_zone_escaped_and_folded() {
    let app = spawn_app().await;
    let seed = seed_tree(&app.store).await;
    let long = "为社区里独居的老人测量血压、讲解慢性病用药，并陪同他们聊聊天。".repeat(4);
    let id = activity(&app, &seed, |a| {
        a.title = "义诊,测血压;咨询".into();
        a.place = "二楼".into();
        a.description = long.clone();
    })
    .await;
    let text = ics(&app, &format!("/api/v1/activities/{id}/calendar.ics"), None).await;
    // Folded at 75 octets, never inside a character (each line is whole UTF-8 by construction
    // of `String`; its length is what RFC 5545 bounds).
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "a line of {} octets: {line}", line.len());
    }
    let text = unfolded(&text);
    assert!(
        text.contains(&format!("UID:station-activity-{id}\r\n")),
        "{text}"
    );
    assert!(text.contains("SUMMARY:义诊\\,测血压\\;咨询\r\n"), "{text}");
    assert!(text.contains("LOCATION:甲一站 二楼\r\n"), "{text}");
    assert!(text.contains(&long), "{text}");
    // 14:00 in the station's zone, said so, with the zone described.
    let day = (today() + chrono::Duration::days(2)).format("%Y%m%d");
    assert!(
        text.contains(&format!("DTSTART;TZID=Asia/Shanghai:{day}T140000\r\n")),
        "{text}"
    );
    assert!(
        text.contains(&format!("DTEND;TZID=Asia/Shanghai:{day}T160000\r\n")),
        "{text}"
    );
    let zone = text.find("BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\n");
    assert!(
        zone.is_some_and(|at| at < text.find("BEGIN:VEVENT").unwrap()),
        "{text}"
    );
    assert!(text.contains("TZOFFSETTO:+0800\r\n"), "{text}");
    assert!(text.contains("STATUS:CONFIRMED\r\n"), "{text}");
    app.get_problem("/api/v1/activities/987654/calendar.ics", 404)
        .await;
}

#[tokio::test]
async fn a_waitlisted_volunteer_s_file_says_so_and_the_public_one_does_not() {
    let app = spawn_app().await;
    let seed = seed_tree(&app.store).await;
    let id = activity(&app, &seed, |a| a.capacity = 1).await;
    let (_, first) = account(&app.store, "甲", &phone(81_001), None).await;
    let (_, second) = account(&app.store, "乙", &phone(81_002), None).await;
    let placed: Signup = sign_up(&app, id, &first).await.json().await.unwrap();
    let queued: Signup = sign_up(&app, id, &second).await.json().await.unwrap();
    assert_eq!(queued.status, SignupStatus::Waitlisted);
    let path = format!("/api/v1/activities/{id}/calendar.ics");
    // Signed in, or by the link the app hands to the browser (which sends no token).
    for waiting in [
        ics(&app, &path, Some(&second)).await,
        ics(&app, &format!("{path}?signup={}", queued.id), None).await,
    ] {
        let waiting = unfolded(&waiting);
        assert!(waiting.contains("SUMMARY:【候补】活动"), "{waiting}");
        assert!(waiting.contains("STATUS:TENTATIVE\r\n"), "{waiting}");
    }
    let other = activity(&app, &seed, |a| a.capacity = 1).await;
    for text in [
        ics(&app, &path, Some(&first)).await,
        ics(&app, &path, None).await,
        ics(&app, &format!("{path}?signup={}", placed.id), None).await,
        // A waiting sign-up of another activity says nothing about this one.
        ics(
            &app,
            &format!(
                "/api/v1/activities/{other}/calendar.ics?signup={}",
                queued.id
            ),
            None,
        )
        .await,
    ] {
        assert!(!text.contains("候补"), "{text}");
    }
    app.get_problem(&format!("{path}?signup=abc"), 400).await;
}

#[tokio::test]
async fn a_site_feed_holds_its_subtree_marks_cancellations_and_keeps_its_etag() {
    let app = spawn_app().await;
    let seed = seed_tree(&app.store).await;
    let here = activity(&app, &seed, |a| a.title = "下级站的活动".into()).await;
    let cancelled = activity(&app, &seed, |a| {
        a.title = "取消了的活动".into();
        a.category_slug = "culture".into();
    })
    .await;
    let elsewhere = activity(&app, &seed, |a| {
        a.site_id = seed.institute_b;
        a.title = "别处的活动".into();
    })
    .await;
    let long_ago = activity(&app, &seed, |a| {
        a.starts_at = local(-90, 9, 0);
        a.ends_at = a.starts_at + 3600;
    })
    .await;
    station_server::store::activities::cancel(
        app.store.pool(),
        station_server::store::activities::CancelScope::One(cancelled),
        "天气原因",
        now().timestamp(),
    )
    .await
    .unwrap();

    let path = format!("/api/v1/sites/{}/calendar.ics", seed.institute_a);
    let text = unfolded(&ics(&app, &path, None).await);
    let uid = |id: i64| format!("UID:station-activity-{id}\r\n");
    assert!(
        text.contains(&uid(here)) && text.contains(&uid(cancelled)),
        "{text}"
    );
    assert!(
        !text.contains(&uid(elsewhere)),
        "another institute's activity: {text}"
    );
    assert!(
        !text.contains(&uid(long_ago)),
        "older than the window: {text}"
    );
    let event = text
        .split("BEGIN:VEVENT")
        .find(|event| event.contains(&uid(cancelled)))
        .unwrap();
    assert!(event.contains("STATUS:CANCELLED\r\n"), "{event}");
    assert!(event.contains("已取消：天气原因"), "{event}");

    let culture = unfolded(&ics(&app, &format!("{path}?category=culture"), None).await);
    assert!(
        culture.contains(&uid(cancelled)) && !culture.contains(&uid(here)),
        "{culture}"
    );

    // Unchanged, the feed reads the same an hour later: a calendar app's poll costs a 304.
    let tag_of =
        |response: &reqwest::Response| response.headers()["etag"].to_str().unwrap().to_owned();
    let tag = tag_of(&app.get(&path).await);
    app.clock.advance(chrono::Duration::hours(1));
    let again = app
        .request(Method::GET, &path, None)
        .header("if-none-match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    // A change to one of its activities is news.
    station_server::store::activities::cancel(
        app.store.pool(),
        station_server::store::activities::CancelScope::One(here),
        "改期",
        app.clock.now().timestamp(),
    )
    .await
    .unwrap();
    let changed = app
        .request(Method::GET, &path, None)
        .header("if-none-match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);
    assert_ne!(tag_of(&changed), tag);

    app.get_problem("/api/v1/sites/987654/calendar.ics", 404)
        .await;
    app.get_problem(&format!("{path}?team=abc"), 400).await;
    app.get_problem(&format!("{path}?category=no-such"), 422)
        .await;
    app.get_problem(&format!("{path}?team=987654"), 422).await;
}

#[tokio::test]
async fn one_s_own_feed_lives_at_a_secret_address_that_renewing_and_turning_off_end() {
    let app = spawn_app().await;
    let seed = seed_tree(&app.store).await;
    let mine = activity(&app, &seed, |a| a.title = "我报名的活动".into()).await;
    let full = activity(&app, &seed, |a| {
        a.title = "我候补的活动".into();
        a.capacity = 1;
    })
    .await;
    let other = activity(&app, &seed, |a| a.title = "没报名的活动".into()).await;
    let (_, me) = account(&app.store, "我", &phone(81_001), None).await;
    let (_, someone) = account(&app.store, "别人", &phone(81_002), None).await;
    assert_eq!(sign_up(&app, mine, &me).await.status(), 201);
    assert_eq!(sign_up(&app, full, &someone).await.status(), 201);
    assert_eq!(sign_up(&app, full, &me).await.status(), 201);

    let state: MyCalendarFeed = app
        .get_with("/api/v1/me/calendar-feed", &me)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(state.created_at, None);

    let renew = || async {
        let response = app
            .request(Method::PUT, "/api/v1/me/calendar-feed", Some(&me))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let feed: NewCalendarFeed = response.json().await.unwrap();
        let url = reqwest::Url::parse(&feed.url).unwrap();
        assert_eq!(url.host_str(), Some("127.0.0.1"), "{}", feed.url);
        url.path().to_owned()
    };
    let path = renew().await;
    // A calendar app sends no token: the address alone opens it; no shared cache keeps it.
    let cached = app.get(&path).await;
    assert_eq!(cached.headers()["cache-control"], "private, no-cache");
    let text = unfolded(&ics(&app, &path, None).await);
    assert!(text.contains("SUMMARY:我报名的活动\r\n"), "{text}");
    assert!(text.contains("SUMMARY:【候补】我候补的活动\r\n"), "{text}");
    assert!(
        !text.contains("没报名的活动") && !text.contains(&format!("-{other}\r\n")),
        "{text}"
    );
    let state: MyCalendarFeed = app
        .get_with("/api/v1/me/calendar-feed", &me)
        .await
        .json()
        .await
        .unwrap();
    assert!(state.created_at.is_some());

    let renewed = renew().await;
    assert_ne!(renewed, path);
    app.get_problem(&path, 404).await;
    ics(&app, &renewed, None).await;

    let off = app
        .request(Method::DELETE, "/api/v1/me/calendar-feed", Some(&me))
        .send()
        .await
        .unwrap();
    assert_eq!(off.status(), 204);
    app.get_problem(&renewed, 404).await;
    app.get_problem("/api/v1/feeds/not-a-secret/calendar.ics", 404)
        .await;
}

#[tokio::test]
async fn a_busy_site_s_feed_keeps_what_is_to_come_within_its_bound() {
    let app = spawn_app().await;
    let seed = seed_tree(&app.store).await;
    // More activities in the recent past than a feed holds.
    for n in 0..station_wire::feeds::FEED_MAX_EVENTS {
        activity(&app, &seed, |a| {
            a.starts_at = local(-1 - i64::from(n % 50), 8 + (n % 10), 0);
            a.ends_at = a.starts_at + 1800;
        })
        .await;
    }
    let coming = activity(&app, &seed, |a| a.title = "BEGIN:VEVENT 也只是标题".into()).await;
    let text = unfolded(
        &ics(
            &app,
            &format!("/api/v1/sites/{}/calendar.ics", seed.center),
            None,
        )
        .await,
    );
    assert!(text.contains(&format!("UID:station-activity-{coming}\r\n")));
    assert_eq!(
        text.matches("\r\nBEGIN:VEVENT\r\n").count(),
        station_wire::feeds::FEED_MAX_EVENTS as usize
    );
    // The zone is described before the first event, whatever the titles say.
    let zone = text.find("BEGIN:VTIMEZONE").unwrap();
    assert!(
        zone < text.find("\r\nBEGIN:VEVENT\r\n").unwrap(),
        "{}",
        &text[..2000]
    );
    assert!(!text[..zone].contains("SUMMARY"), "{}", &text[..2000]);
}
