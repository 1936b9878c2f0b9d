//! Check-in by rotating QR code or by hand, then hours: recorded, confirmed, adjusted, audited.

use chrono::Duration;
use reqwest::Method;
use serde_json::json;
use station_wire::page::List;
use station_wire::problem::{codes, types};
use station_wire::signups::{
    CheckinCode, HoursAuditEntry, HoursStatus, HoursSummary, MySignup, ServiceHours, Signup,
    SignupStatus,
};

use crate::common::{account, phone, problem, spawn_app};
use crate::fixture::{Fixture, Who};

async fn code(f: &Fixture, activity: i64, who: Who) -> CheckinCode {
    let token = f.token(who).await.unwrap();
    let response = f
        .app
        .get_with(
            &format!("/api/v1/activities/{activity}/checkin-code"),
            &token,
        )
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// What a camera reads from the served SVG: its dark squares (`M{x} {y}h{m}v{m}…`, `m` pixels a
/// module, a quiet zone of four modules around) put on a grid and decoded as a QR code.
fn scan(svg: &str) -> String {
    let attribute = |name: &str| {
        let rest = svg.split_once(&format!(" {name}=\"")).expect(name).1;
        rest.split_once('"').expect(name).0.to_owned()
    };
    let width: usize = attribute("width").parse().unwrap();
    let mut dark = std::collections::HashSet::new();
    let mut module = 0;
    for square in attribute("d").split('M').skip(1) {
        let (x, rest) = square.split_once(' ').unwrap();
        let (y, rest) = rest.split_once('h').unwrap();
        module = rest.split_once('v').unwrap().0.parse().unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        dark.insert((x / module, y / module));
    }
    let size = width / module - 8;
    let grid = rqrr::SimpleGrid::from_func(size, |x, y| dark.contains(&(x + 4, y + 4)));
    rqrr::Grid::new(grid)
        .decode()
        .expect("the QR code decodes")
        .1
}

fn token_of(code: &CheckinCode) -> String {
    code.url
        .split_once("?code=")
        .expect("a code in the URL")
        .1
        .to_owned()
}

async fn check_in(f: &Fixture, activity: i64, token: &str, code: &str) -> reqwest::Response {
    f.app
        .post_json(
            &format!("/api/v1/activities/{activity}/checkins"),
            Some(token),
            &json!({"code": code}),
        )
        .await
}

#[tokio::test]
async fn a_volunteer_checks_in_with_the_current_code() {
    let f = Fixture::new().await;
    let shown = code(&f, f.started, Who::Leader).await;
    assert!(
        shown
            .url
            .starts_with(&format!("{}/me/checkin/{}?code=", f.app.address, f.started)),
        "{}",
        shown.url
    );
    // What a phone's camera reads from the drawn code is the link itself.
    assert_eq!(scan(&shown.svg), shown.url);
    assert_eq!(shown.rotates_every_seconds, 30);
    assert!(shown.expires_at.timestamp() > crate::common::now().timestamp());

    let volunteer = f.token(Who::Volunteer).await.unwrap();
    let response = check_in(&f, f.started, &volunteer, &token_of(&shown)).await;
    assert_eq!(response.status(), 200);
    let signup: Signup = response.json().await.unwrap();
    assert_eq!(signup.status, SignupStatus::Attended);
    assert_eq!(
        signup.checked_in_at.unwrap().timestamp(),
        crate::common::now().timestamp()
    );
    // Scanning again changes nothing.
    let again: Signup = check_in(&f, f.started, &volunteer, &token_of(&shown))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again, signup);
}

#[tokio::test]
async fn an_old_or_forged_code_is_refused() {
    let f = Fixture::new().await;
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    let shown = token_of(&code(&f, f.started, Who::StaffHere).await);
    let other_activity = token_of(&code(&f, f.activity, Who::StaffHere).await);
    let forged = problem(
        check_in(&f, f.started, &volunteer, &other_activity).await,
        422,
    )
    .await;
    assert_eq!(
        (
            forged.errors[0].field.as_str(),
            forged.errors[0].code.as_str()
        ),
        ("code", codes::INVALID)
    );
    problem(
        check_in(&f, f.started, &volunteer, "12345.bm90LWEtbWFj").await,
        422,
    )
    .await;

    // A photo sent home: a minute later the code no longer works.
    f.app.clock.advance(Duration::seconds(61));
    let expired = problem(check_in(&f, f.started, &volunteer, &shown).await, 410).await;
    assert_eq!(expired.kind, types::CHECKIN_CODE_EXPIRED);
}

#[tokio::test]
async fn check_in_needs_a_place_and_the_window() {
    let f = Fixture::new().await;
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    let signed = f
        .app
        .request(
            Method::POST,
            &format!("/api/v1/activities/{}/signups", f.activity),
            Some(&volunteer),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), 201);
    // Tomorrow 09:00: closed until 08:30 tomorrow.
    let early = token_of(&code(&f, f.activity, Who::StaffHere).await);
    let refused = problem(check_in(&f, f.activity, &volunteer, &early).await, 409).await;
    assert_eq!(refused.kind, types::CHECKIN_WINDOW);

    let (_, stranger) = account(&f.app.store, "路人", &phone(5), None).await;
    let current = token_of(&code(&f, f.started, Who::StaffHere).await);
    let refused = problem(check_in(&f, f.started, &stranger, &current).await, 404).await;
    assert_eq!(refused.kind, types::NOT_SIGNED_UP);

    // 22 h 01 min later it is 08:31 tomorrow.
    f.app
        .clock
        .advance(Duration::hours(22) + Duration::minutes(1));
    let open = token_of(&code(&f, f.activity, Who::StaffHere).await);
    assert_eq!(
        check_in(&f, f.activity, &volunteer, &open).await.status(),
        200
    );
    // After the end, no more.
    f.app.clock.advance(Duration::hours(3));
    let late = token_of(&code(&f, f.activity, Who::StaffHere).await);
    let refused = problem(check_in(&f, f.activity, &volunteer, &late).await, 409).await;
    assert_eq!(refused.kind, types::CHECKIN_WINDOW);
}

#[tokio::test]
async fn staff_and_the_leader_check_in_by_hand() {
    let f = Fixture::new().await;
    let manual = async |who: Who| {
        let token = f.token(who).await.unwrap();
        f.app
            .post_json(
                &format!("/api/v1/activities/{}/checkins/manual", f.started),
                Some(&token),
                &json!({"account_id": f.volunteer}),
            )
            .await
    };
    problem(manual(Who::Volunteer).await, 403).await;
    problem(manual(Who::StaffOther).await, 403).await;
    let done = manual(Who::Leader).await;
    assert_eq!(done.status(), 200);
    assert_eq!(
        done.json::<Signup>().await.unwrap().status,
        SignupStatus::Attended
    );
    let nobody = f
        .app
        .post_json(
            &format!("/api/v1/activities/{}/checkins/manual", f.started),
            Some(&f.token(Who::StaffHere).await.unwrap()),
            &json!({"account_id": f.admin}),
        )
        .await;
    assert_eq!(problem(nobody, 404).await.kind, types::NOT_SIGNED_UP);
}

#[tokio::test]
async fn hours_are_recorded_then_confirmed_or_adjusted_with_a_reason_and_audited() {
    let f = Fixture::new().await;
    let volunteer = f.token(Who::Volunteer).await.unwrap();
    let staff = f.token(Who::StaffHere).await.unwrap();
    let put = async |token: &str, body: serde_json::Value| {
        f.app
            .request(
                Method::PUT,
                &format!("/api/v1/signups/{}/hours", f.started_signup),
                Some(token),
            )
            .json(&body)
            .send()
            .await
            .unwrap()
    };
    // Not attended yet.
    problem(put(&staff, json!({"minutes": 120})).await, 409).await;
    let shown = token_of(&code(&f, f.started, Who::StaffHere).await);
    assert_eq!(
        check_in(&f, f.started, &volunteer, &shown).await.status(),
        200
    );
    // Attended, but not over yet.
    problem(put(&staff, json!({"minutes": 120})).await, 409).await;

    f.app.clock.advance(Duration::hours(2));
    let mine: List<MySignup> = f
        .app
        .get_with("/api/v1/me/signups", &volunteer)
        .await
        .json()
        .await
        .unwrap();
    let recorded = mine
        .items
        .iter()
        .find(|item| item.activity.id == f.started)
        .unwrap();
    assert_eq!(
        recorded.hours,
        Some(ServiceHours {
            minutes: 120,
            status: HoursStatus::Recorded
        })
    );
    let summary: HoursSummary = f
        .app
        .get_with("/api/v1/me/hours", &volunteer)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(summary.confirmed_minutes, 0);

    problem(
        put(
            &f.token(Who::Leader).await.unwrap(),
            json!({"minutes": 120}),
        )
        .await,
        403,
    )
    .await;
    problem(
        put(
            &f.token(Who::StaffOther).await.unwrap(),
            json!({"minutes": 120}),
        )
        .await,
        403,
    )
    .await;
    let confirmed = put(&staff, json!({"minutes": 120})).await;
    assert_eq!(confirmed.status(), 200);
    assert_eq!(
        confirmed.json::<ServiceHours>().await.unwrap().status,
        HoursStatus::Confirmed
    );

    let no_reason = problem(put(&staff, json!({"minutes": 90})).await, 422).await;
    assert_eq!(
        (
            no_reason.errors[0].field.as_str(),
            no_reason.errors[0].code.as_str()
        ),
        ("reason", codes::REQUIRED)
    );
    problem(
        put(&staff, json!({"minutes": 2000, "reason": "x"})).await,
        400,
    )
    .await;
    assert_eq!(
        put(&staff, json!({"minutes": 90, "reason": "提前离开"}))
            .await
            .status(),
        200
    );

    let summary: HoursSummary = f
        .app
        .get_with("/api/v1/me/hours", &volunteer)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(summary, HoursSummary::from_confirmed_minutes(90));
    let audit: List<HoursAuditEntry> = f
        .app
        .get_with(
            &format!("/api/v1/signups/{}/hours/audit", f.started_signup),
            &staff,
        )
        .await
        .json()
        .await
        .unwrap();
    let trail: Vec<_> = audit
        .items
        .iter()
        .map(|e| {
            (
                e.old.clone().map(|o| (o.minutes, o.status)),
                e.new.minutes,
                e.reason.as_deref(),
                e.by_account_id,
            )
        })
        .collect();
    assert_eq!(
        trail,
        [
            (Some((120, HoursStatus::Recorded)), 120, None, f.staff_here),
            (
                Some((120, HoursStatus::Confirmed)),
                90,
                Some("提前离开"),
                f.staff_here
            ),
        ]
    );
    // The station's audit log has both confirmations too.
    let confirmations: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT subject, after_json FROM audit_log WHERE action = 'hours.confirm' ORDER BY id",
    )
    .fetch_all(f.app.store.pool())
    .await
    .unwrap();
    let subject = format!("signup:{}", f.started_signup);
    assert_eq!(confirmations.len(), 2);
    assert!(confirmations.iter().all(|(s, _)| *s == subject));
    assert!(confirmations[1]
        .1
        .as_deref()
        .unwrap()
        .contains("\"minutes\":90"));
    problem(
        f.app
            .get_with(
                &format!("/api/v1/signups/{}/hours/audit", f.started_signup),
                &volunteer,
            )
            .await,
        403,
    )
    .await;
}

#[tokio::test]
async fn the_demo_volunteer_has_a_star_and_things_to_do() {
    use station_server::store::demo::accounts::{DEMO_PASSWORD, VOLUNTEER_PHONE};
    let app = spawn_app().await;
    let session: station_wire::accounts::Session = app
        .post_json(
            "/api/v1/sessions",
            None,
            &json!({"phone": VOLUNTEER_PHONE, "password": DEMO_PASSWORD}),
        )
        .await
        .json()
        .await
        .unwrap();
    let summary: HoursSummary = app
        .get_with("/api/v1/me/hours", &session.token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            summary.confirmed_minutes,
            summary.stars,
            summary.next_star_hours
        ),
        (120 * 60, 1, Some(300))
    );
    let mine: List<MySignup> = app
        .get_with("/api/v1/me/signups", &session.token)
        .await
        .json()
        .await
        .unwrap();
    let upcoming = mine
        .items
        .iter()
        .filter(|i| i.signup.status == SignupStatus::Confirmed)
        .count();
    let awaiting = mine
        .items
        .iter()
        .filter(|i| {
            i.hours
                .as_ref()
                .is_some_and(|h| h.status == HoursStatus::Recorded)
        })
        .count();
    assert!(upcoming >= 2, "{upcoming} upcoming");
    assert_eq!(awaiting, 2);
    // Every activity's count still matches its places (no demo activity is overbooked).
    let over: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM activities WHERE confirmed_count > capacity")
            .fetch_one(app.store.pool())
            .await
            .unwrap();
    assert_eq!(over, 0);
}
