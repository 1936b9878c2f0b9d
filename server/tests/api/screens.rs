//! The display screen: one combined answer of the demo station (nothing personal in it), its
//! ETag and 304, the day rolling over at the station's midnight, and the heartbeats staff see.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveTime, TimeZone};
use reqwest::header::{ETAG, IF_NONE_MATCH, USER_AGENT};
use station_server::store::accounts::grant_staff;
use station_wire::activities::Activity;
use station_wire::honors::Honor;
use station_wire::page::{List, Page};
use station_wire::screens::ScreenData;
use station_wire::screens::ScreenStatus;
use station_wire::station::StationInfo;
use station_wire::wishes::Wish;

use crate::common::{account, activity_at, insert, local, phone, problem, spawn_app, TestApp};

/// Whether `text` holds a mainland mobile number: `1[3-9]` and nine more digits.
fn has_mobile(text: &str) -> bool {
    let digits: Vec<char> = text.chars().collect();
    digits.windows(11).any(|window| {
        window[0] == '1'
            && ('3'..='9').contains(&window[1])
            && window[2..].iter().all(char::is_ascii_digit)
    })
}

async fn root(app: &TestApp) -> i64 {
    app.get_json::<StationInfo>("/api/v1/station")
        .await
        .root_site_id
}

/// The demo's first station (its people's home).
async fn first_station(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT MIN(id) FROM sites WHERE kind = 'station'")
        .fetch_one(app.store.pool())
        .await
        .unwrap()
}

async fn screen_of(app: &TestApp, site: i64) -> (ScreenData, String, String) {
    let response = app.get(&format!("/api/v1/screens/{site}")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-cache");
    let tag = response.headers()[ETAG].to_str().unwrap().to_owned();
    let body = response.text().await.unwrap();
    (serde_json::from_str(&body).unwrap(), tag, body)
}

/// What the public lists say the screen of `site` holds.
async fn expected_of(app: &TestApp, site: i64) -> (Vec<i64>, Vec<i64>, Vec<i64>) {
    let today = crate::common::today();
    let last = today + Duration::days(6);
    let activities: Page<Activity> = app
        .get_json(&format!(
            "/api/v1/activities?site={site}&from={today}&to={last}&limit=200"
        ))
        .await;
    let activities = activities
        .items
        .iter()
        .filter(|activity| activity.status != station_wire::activities::ActivityStatus::Cancelled)
        .map(|activity| activity.id)
        .take(40)
        .collect();
    let honors: Page<Honor> = app
        .get_json(&format!(
            "/api/v1/honors?site_id={site}&on_screens=true&limit=12"
        ))
        .await;
    let wishes: Page<Wish> = app
        .get_json(&format!("/api/v1/wishes?site_id={site}&limit=12"))
        .await;
    (
        activities,
        honors.items.iter().map(|honor| honor.id).collect(),
        wishes.items.iter().map(|wish| wish.id).collect(),
    )
}

#[tokio::test]
async fn the_screen_holds_the_demo_station_and_nothing_personal() {
    let app = spawn_app().await;
    let center = root(&app).await;
    let station = first_station(&app).await;
    for site in [center, station] {
        let (screen, _, body) = screen_of(&app, site).await;
        let (activities, honors, wishes) = expected_of(&app, site).await;
        assert_eq!(screen.site.id, site);
        assert_eq!(screen.today, crate::common::today());
        assert_eq!(
            screen.activities.iter().map(|a| a.id).collect::<Vec<_>>(),
            activities,
            "the week's activities of site {site}, soonest first"
        );
        assert_eq!(
            screen.honors.iter().map(|h| h.id).collect::<Vec<_>>(),
            honors
        );
        assert_eq!(
            screen.wishes.iter().map(|w| w.id).collect::<Vec<_>>(),
            wishes
        );
        assert!(!has_mobile(&body), "a mobile number in {body}");
    }
    let (screen, _, body) = screen_of(&app, center).await;
    assert!(!screen.activities.is_empty() && screen.activities.len() <= 40);
    assert!(!screen.honors.is_empty() && screen.honors.len() <= 12);
    assert!(!screen.wishes.is_empty() && screen.wishes.len() <= 12);
    assert!(screen.activities.iter().all(|activity| {
        activity.category_colour.starts_with('#')
            && !activity.category_name.is_empty()
            && activity.places_left.is_some()
    }));
    assert!(screen.honors.iter().any(|honor| honor
        .photo
        .as_ref()
        .is_some_and(|photo| !photo.thumb_url.is_empty())));
    assert!(screen
        .honors
        .iter()
        .all(|honor| honor.story_excerpt.chars().count() <= 81));
    // Beneficiaries masked as on the wall; no full name, contact, nominator or account name.
    let pool = app.store.pool();
    for wish in &screen.wishes {
        assert!(wish.beneficiary.masked_name.contains('*'), "{wish:?}");
    }
    let secrets: Vec<String> = sqlx::query_scalar(
        "SELECT beneficiary_name FROM wishes UNION SELECT contact FROM wishes \
         UNION SELECT nominator_contact FROM honors UNION SELECT phone FROM accounts",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for secret in &secrets {
        assert!(!body.contains(secret.as_str()), "{secret} is on the screen");
    }
    let volunteers: Vec<String> = sqlx::query_scalar(
        "SELECT a.display_name FROM accounts a WHERE NOT EXISTS \
         (SELECT 1 FROM honors h WHERE h.nominee_name = a.display_name)",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for name in &volunteers {
        assert!(!body.contains(name.as_str()), "{name} is on the screen");
    }
    // An honor whose nominee did not agree to screens is on the board, not on the screen.
    let board: Page<Honor> = app
        .get_json(&format!("/api/v1/honors?site_id={center}&limit=200"))
        .await;
    let refused: Vec<i64> = board
        .items
        .iter()
        .filter(|honor| !honor.on_screens)
        .map(|honor| honor.id)
        .collect();
    assert!(!refused.is_empty(), "the demo has one without consent");
    assert!(screen
        .honors
        .iter()
        .all(|honor| !refused.contains(&honor.id)));
    // The figures count something and chart six months, this one last.
    let figures = &screen.figures;
    assert!(figures.volunteers > 0 && figures.teams > 0 && figures.activities_this_month > 0);
    assert_eq!(figures.hours_by_month.len(), 6);
    assert_eq!(
        figures.hours_by_month.last().unwrap().month,
        crate::common::today().format("%Y-%m").to_string()
    );
}

#[tokio::test]
async fn an_unchanged_screen_is_not_modified_and_a_change_is_a_new_tag() {
    let app = spawn_app().await;
    let site = first_station(&app).await;
    let path = format!("/api/v1/screens/{site}");
    let (_, tag, _) = screen_of(&app, site).await;
    // A second later the same data: 304 without a body.
    app.clock.advance(Duration::seconds(1));
    let again = app
        .client
        .get(format!("{}{path}", app.address))
        .header(IF_NONE_MATCH, &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()[ETAG].to_str().unwrap(), tag);
    assert!(again.bytes().await.unwrap().is_empty());
    // An activity published tomorrow: a new tag, and it is there.
    let added = insert(&app.store, activity_at(site, "elderly", local(1, 9, 0))).await;
    let (screen, changed, _) = screen_of(&app, site).await;
    assert_ne!(changed, tag);
    let shown = screen
        .activities
        .iter()
        .find(|activity| activity.id == added)
        .expect("the new activity");
    assert_eq!(shown.places_left, Some(10));
    // A sign-up takes a place: a new tag again.
    let (_, token) = account(&app.store, "新志愿者", &phone(4_000), None).await;
    let signed = app
        .post_json(
            &format!("/api/v1/activities/{added}/signups"),
            Some(&token),
            &serde_json::json!({}),
        )
        .await;
    assert!(signed.status().is_success(), "{}", signed.status());
    let stale = app
        .client
        .get(format!("{}{path}", app.address))
        .header(IF_NONE_MATCH, &changed)
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 200);
    assert_ne!(stale.headers()[ETAG].to_str().unwrap(), changed);
    let screen: ScreenData = stale.json().await.unwrap();
    let shown = screen.activities.iter().find(|a| a.id == added).unwrap();
    assert_eq!(shown.places_left, Some(9));
}

#[tokio::test]
async fn the_day_rolls_over_at_the_stations_midnight() {
    let app = spawn_app().await;
    let site = first_station(&app).await;
    let today = crate::common::today();
    let tomorrow_morning = insert(&app.store, activity_at(site, "culture", local(1, 9, 0))).await;
    let a_week_on = insert(&app.store, activity_at(site, "culture", local(7, 9, 0))).await;
    let at = |date: chrono::NaiveDate, hour, minute, second| {
        chrono_tz::Asia::Shanghai
            .from_local_datetime(
                &date.and_time(NaiveTime::from_hms_opt(hour, minute, second).unwrap()),
            )
            .unwrap()
            .with_timezone(&chrono::Utc)
    };
    app.clock.set(at(today, 23, 59, 50));
    let (before, tag, _) = screen_of(&app, site).await;
    assert_eq!(before.today, today);
    assert!(before.activities.iter().any(|a| a.id == tomorrow_morning));
    assert!(
        !before.activities.iter().any(|a| a.id == a_week_on),
        "seven days on is beyond the week"
    );
    app.clock.set(at(today + Duration::days(1), 0, 0, 10));
    let (after, rolled, _) = screen_of(&app, site).await;
    assert_eq!(after.today, today + Duration::days(1));
    assert_ne!(rolled, tag);
    let shown = after
        .activities
        .iter()
        .find(|a| a.id == tomorrow_morning)
        .expect("tomorrow's is today's now");
    assert_eq!(shown.starts_at.date_naive(), after.today);
    assert!(after.activities.iter().any(|a| a.id == a_week_on));
}

#[tokio::test]
async fn heartbeats_reach_staff_and_go_stale() {
    let app = spawn_app().await;
    let site = first_station(&app).await;
    let (staff, staff_token) = account(&app.store, "站点工作人员", &phone(5_001), None).await;
    grant_staff(app.store.pool(), staff, site).await.unwrap();
    let (_, resident) = account(&app.store, "居民", &phone(5_002), Some(site)).await;
    let beat = |name: &str| {
        app.client
            .get(format!("{}/api/v1/screens/{site}", app.address))
            .query(&[("screen", name)])
            .header(USER_AGENT, format!("Kiosk/1.0 {}", "x".repeat(300)))
            .send()
    };
    let list = async || {
        let response = app
            .get_with(
                &format!("/api/v1/staff/screens?site_id={site}"),
                &staff_token,
            )
            .await;
        assert_eq!(response.status(), 200);
        response.json::<List<ScreenStatus>>().await.unwrap().items as Vec<ScreenStatus>
    };
    assert!(list().await.is_empty());
    // A preview (staff looking at a screen) is answered and leaves no heartbeat.
    let preview = app
        .get(&format!(
            "/api/v1/screens/{site}?screen=%E5%A4%A7%E5%8E%85&preview=true"
        ))
        .await;
    assert_eq!(preview.status(), 200);
    assert!(list().await.is_empty());
    assert_eq!(beat("大厅").await.unwrap().status(), 200);
    let first_seen = crate::common::now();
    let screens = list().await;
    assert_eq!(screens.len(), 1);
    let hall = &screens[0];
    assert_eq!((hall.site.id, hall.name.as_str()), (site, "大厅"));
    assert_eq!(hall.last_seen_at.timestamp(), first_seen.timestamp());
    assert_eq!(hall.user_agent.as_ref().unwrap().chars().count(), 200);
    assert!(!hall.stale);
    // Within 30 seconds nothing is written; after them it is (a 304 counts too).
    app.clock.advance(Duration::seconds(10));
    let tag = beat("大厅").await.unwrap().headers()[ETAG].clone();
    assert_eq!(
        list().await[0].last_seen_at.timestamp(),
        first_seen.timestamp()
    );
    app.clock.advance(Duration::seconds(25));
    let not_modified = app
        .client
        .get(format!(
            "{}/api/v1/screens/{site}?screen=%E5%A4%A7%E5%8E%85",
            app.address
        ))
        .header(IF_NONE_MATCH, tag)
        .send()
        .await
        .unwrap();
    assert_eq!(not_modified.status(), 304);
    assert_eq!(
        list().await[0].last_seen_at.timestamp(),
        first_seen.timestamp() + 35
    );
    // The default name, and ten minutes and more without a word: stale.
    assert_eq!(
        app.get(&format!("/api/v1/screens/{site}")).await.status(),
        200
    );
    app.clock
        .advance(Duration::minutes(10) + Duration::seconds(1));
    let screens = list().await;
    assert_eq!(
        screens
            .iter()
            .map(|s| s.name.as_str())
            .collect::<BTreeSet<_>>(),
        BTreeSet::from(["大厅", "默认"])
    );
    assert!(screens.iter().all(|screen| screen.stale), "{screens:?}");
    beat("大厅").await.unwrap();
    let screens = list().await;
    let hall = screens.iter().find(|s| s.name == "大厅").unwrap();
    assert!(!hall.stale);
    // A resident may not look; nobody without a session.
    let refused = app.get_with("/api/v1/staff/screens", &resident).await;
    problem(refused, 403).await;
    problem(app.get("/api/v1/staff/screens").await, 401).await;
    // Beyond fifty names a site's further screens are served but not recorded.
    for n in 0..60 {
        assert_eq!(beat(&format!("屏{n}")).await.unwrap().status(), 200);
    }
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM screens WHERE site_id = $1")
        .bind(site)
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(count, 50);
}

#[tokio::test]
async fn unknown_archived_and_malformed_screens_are_refused() {
    let app = spawn_app().await;
    problem(app.get("/api/v1/screens/999999").await, 404).await;
    problem(app.get("/api/v1/screens/abc").await, 400).await;
    let site = first_station(&app).await;
    let long = "屏".repeat(41);
    problem(
        app.get(&format!("/api/v1/screens/{site}?screen={long}"))
            .await,
        400,
    )
    .await;
    problem(
        app.get(&format!("/api/v1/screens/{site}?screen=%20")).await,
        400,
    )
    .await;
    sqlx::query("UPDATE sites SET archived_at = 1 WHERE id = $1")
        .bind(site)
        .execute(app.store.pool())
        .await
        .unwrap();
    problem(app.get(&format!("/api/v1/screens/{site}")).await, 404).await;
}
