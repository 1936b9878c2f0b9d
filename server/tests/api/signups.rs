//! Sign-ups over HTTP: places, the waitlist and promotion, every refusal, "my sign-ups", the
//! roster with masked phones, CSV, and no-shows (the .ics: `feeds.rs`).

use reqwest::Method;
use station_server::store::activities::NewActivity;
use station_wire::activities::{Activity, ActivityStatus};
use station_wire::page::List;
use station_wire::problem::types;
use station_wire::signups::{MySignup, RosterEntry, Signup, SignupStatus};

use crate::common::{account, activity_at, content_type, insert, local, phone, problem, TestApp};
use crate::fixture::Fixture;

pub async fn sign_up(app: &TestApp, activity: i64, token: &str) -> reqwest::Response {
    app.request(
        Method::POST,
        &format!("/api/v1/activities/{activity}/signups"),
        Some(token),
    )
    .send()
    .await
    .unwrap()
}

async fn cancel(app: &TestApp, activity: i64, token: &str) -> reqwest::Response {
    app.request(
        Method::DELETE,
        &format!("/api/v1/activities/{activity}/signups/me"),
        Some(token),
    )
    .send()
    .await
    .unwrap()
}

async fn signed_up(app: &TestApp, activity: i64, token: &str) -> Signup {
    let response = sign_up(app, activity, token).await;
    assert_eq!(response.status(), 201);
    response.json().await.unwrap()
}

async fn new_activity(f: &Fixture, change: impl FnOnce(&mut NewActivity)) -> i64 {
    let mut activity = activity_at(f.seed.station_a1, "elderly", local(2, 14, 0));
    change(&mut activity);
    if activity.ends_at <= activity.starts_at {
        activity.ends_at = activity.starts_at + 2 * 3600;
    }
    insert(&f.app.store, activity).await
}

async fn volunteers(f: &Fixture, n: u32) -> Vec<(i64, String)> {
    let mut out = Vec::new();
    for i in 0..n {
        out.push(
            account(
                &f.app.store,
                &format!("志愿者{i}"),
                &phone(i),
                Some(f.seed.station_a1),
            )
            .await,
        );
    }
    out
}

async fn roster(f: &Fixture, activity: i64, token: &str) -> Vec<RosterEntry> {
    let response = f
        .app
        .get_with(&format!("/api/v1/activities/{activity}/signups"), token)
        .await;
    assert_eq!(response.status(), 200);
    response.json::<List<RosterEntry>>().await.unwrap().items
}

#[tokio::test]
async fn places_then_waitlist_and_a_cancellation_promotes_the_first_waitlisted() {
    let f = Fixture::new().await;
    let activity = new_activity(&f, |a| a.capacity = 2).await;
    let people = volunteers(&f, 4).await;
    let mut answers = Vec::new();
    for (_, token) in &people {
        answers.push(signed_up(&f.app, activity, token).await);
    }
    let statuses: Vec<_> = answers
        .iter()
        .map(|s| (s.status, s.waitlist_position))
        .collect();
    assert_eq!(
        statuses,
        [
            (SignupStatus::Confirmed, None),
            (SignupStatus::Confirmed, None),
            (SignupStatus::Waitlisted, Some(1)),
            (SignupStatus::Waitlisted, Some(2)),
        ]
    );
    let full: Activity = f
        .app
        .get_json(&format!("/api/v1/activities/{activity}"))
        .await;
    assert_eq!((full.places_left, full.status), (0, ActivityStatus::Full));

    let cancelled = cancel(&f.app, activity, &people[0].1).await;
    assert_eq!(cancelled.status(), 200);
    assert_eq!(
        cancelled.json::<Signup>().await.unwrap().status,
        SignupStatus::Cancelled
    );
    let staff = f.token(crate::fixture::Who::StaffHere).await.unwrap();
    let now: Vec<_> = roster(&f, activity, &staff)
        .await
        .into_iter()
        .map(|entry| {
            (
                entry.account.id,
                entry.signup.status,
                entry.signup.waitlist_position,
            )
        })
        .collect();
    assert_eq!(
        now,
        [
            (people[1].0, SignupStatus::Confirmed, None),
            (people[2].0, SignupStatus::Confirmed, None),
            (people[3].0, SignupStatus::Waitlisted, Some(1)),
        ]
    );
    // A waitlisted cancellation frees no place; a confirmed one with nobody waiting does.
    assert_eq!(cancel(&f.app, activity, &people[3].1).await.status(), 200);
    assert_eq!(cancel(&f.app, activity, &people[1].1).await.status(), 200);
    let after: Activity = f
        .app
        .get_json(&format!("/api/v1/activities/{activity}"))
        .await;
    assert_eq!((after.places_left, after.status), (1, ActivityStatus::Open));
    // Signing up again after cancelling is fine.
    assert_eq!(
        signed_up(&f.app, activity, &people[0].1).await.status,
        SignupStatus::Confirmed
    );
}

#[tokio::test]
async fn every_refusal_has_its_own_type() {
    let f = Fixture::new().await;
    let (_, token) = account(&f.app.store, "甲", &phone(1), None).await;
    let app = &f.app;

    signed_up(app, f.activity, &token).await;
    let twice = problem(sign_up(app, f.activity, &token).await, 409).await;
    assert_eq!(twice.kind, types::ALREADY_SIGNED_UP);

    let deadline_passed = new_activity(&f, |a| a.signup_deadline = Some(local(0, 9, 0))).await;
    let started = new_activity(&f, |a| {
        a.starts_at = local(0, 10, 0);
        a.ends_at = local(0, 12, 0);
    })
    .await;
    let finished = new_activity(&f, |a| {
        a.starts_at = local(-1, 10, 0);
        a.ends_at = local(-1, 12, 0);
    })
    .await;
    for closed in [deadline_passed, started, finished] {
        let refused = problem(sign_up(app, closed, &token).await, 409).await;
        assert_eq!(refused.kind, types::SIGNUP_CLOSED, "activity {closed}");
    }
    let cancelled = new_activity(&f, |a| a.cancelled_at = Some(local(0, 8, 0))).await;
    assert_eq!(
        problem(sign_up(app, cancelled, &token).await, 409)
            .await
            .kind,
        types::ACTIVITY_CANCELLED
    );

    let team_only = new_activity(&f, |a| {
        a.team_id = Some(f.team);
        a.team_only = true;
    })
    .await;
    assert_eq!(
        problem(sign_up(app, team_only, &token).await, 403)
            .await
            .kind,
        types::TEAM_ONLY
    );
    let leader = f.token(crate::fixture::Who::Leader).await.unwrap();
    assert_eq!(sign_up(app, team_only, &leader).await.status(), 201);
    let shown: Activity = app
        .get_json(&format!("/api/v1/activities/{team_only}"))
        .await;
    assert!(shown.team_only);

    assert_eq!(
        problem(sign_up(app, 987_654, &token).await, 404).await.kind,
        types::NOT_FOUND
    );
    let anonymous = app
        .request(
            Method::POST,
            &format!("/api/v1/activities/{}/signups", f.activity),
            None,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(problem(anonymous, 401).await.kind, types::UNAUTHORIZED);

    // Cancelling: nothing to cancel, then too late once it has started.
    assert_eq!(
        problem(cancel(app, deadline_passed, &token).await, 404)
            .await
            .kind,
        types::NOT_SIGNED_UP
    );
    f.app.clock.advance(chrono::Duration::days(1));
    let late = problem(cancel(app, f.activity, &token).await, 409).await;
    assert_eq!(late.kind, types::CANCEL_TOO_LATE);
}

#[tokio::test]
async fn my_signups_lists_upcoming_soonest_first_then_the_past() {
    let f = Fixture::new().await;
    let (account_id, token) = account(&f.app.store, "甲", &phone(1), None).await;
    let later = new_activity(&f, |a| a.starts_at = local(5, 9, 0)).await;
    let sooner = f.activity;
    let past = new_activity(&f, |a| {
        a.starts_at = local(-3, 9, 0);
        a.ends_at = local(-3, 11, 0);
    })
    .await;
    station_server::store::signups::insert_raw(
        f.app.store.pool(),
        past,
        account_id,
        "attended",
        local(-4, 9, 0),
        Some(local(-3, 9, 0)),
    )
    .await
    .unwrap();
    signed_up(&f.app, later, &token).await;
    signed_up(&f.app, sooner, &token).await;
    let cancelled = new_activity(&f, |a| a.starts_at = local(3, 9, 0)).await;
    signed_up(&f.app, cancelled, &token).await;
    cancel(&f.app, cancelled, &token).await;

    let mine: List<MySignup> = f
        .app
        .get_with("/api/v1/me/signups", &token)
        .await
        .json()
        .await
        .unwrap();
    let order: Vec<i64> = mine.items.iter().map(|item| item.activity.id).collect();
    assert_eq!(order, [sooner, later, past]);
    assert_eq!(mine.items[2].signup.status, SignupStatus::Attended);
}

#[tokio::test]
async fn the_roster_masks_phones_except_for_staff_of_the_volunteers_site_and_the_teams_leader() {
    let f = Fixture::new().await;
    let volunteer = f.token(crate::fixture::Who::Volunteer).await.unwrap();
    let (_, homeless) = account(&f.app.store, "无站点", &phone(7), None).await;
    signed_up(&f.app, f.activity, &volunteer).await;
    signed_up(&f.app, f.activity, &homeless).await;
    use crate::fixture::Who::*;
    // The activity is the leader's team's: the leader calls everyone signed up for it.
    for (who, volunteer_phone_whole) in [(StaffHere, true), (Admin, true), (Leader, true)] {
        let token = f.token(who).await.unwrap();
        let entries = roster(&f, f.activity, &token).await;
        assert_eq!(entries.len(), 2);
        let expected = if volunteer_phone_whole {
            phone(90_001)
        } else {
            "139****0001".to_owned()
        };
        assert_eq!(entries[0].account.phone, expected, "{who:?}");
        // Without a home site only an administrator and the team's leader see the whole number.
        assert_eq!(
            entries[1].account.phone == phone(7),
            who == Admin || who == Leader,
            "{who:?}"
        );
    }
}

#[tokio::test]
async fn the_roster_exports_as_csv_with_a_bom_and_chinese_headers() {
    let f = Fixture::new().await;
    let (_, token) = account(
        &f.app.store,
        "张\"三\",丰",
        &phone(1),
        Some(f.seed.station_a1),
    )
    .await;
    signed_up(&f.app, f.activity, &token).await;
    // A resident who registers under a formula's name stays text in Excel (OWASP CSV injection).
    let (_, formula) = account(
        &f.app.store,
        "=HYPERLINK(\"http://x\",\"y\")",
        &phone(2),
        Some(f.seed.station_a1),
    )
    .await;
    signed_up(&f.app, f.activity, &formula).await;
    let staff = f.token(crate::fixture::Who::StaffHere).await.unwrap();
    let response = f
        .app
        .get_with(
            &format!("/api/v1/activities/{}/signups.csv", f.activity),
            &staff,
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(content_type(&response), "text/csv; charset=utf-8");
    // The same name the app gives the file it saves.
    assert_eq!(
        response.headers()[reqwest::header::CONTENT_DISPOSITION],
        format!(
            "attachment; filename=\"activity-{}-roster.csv\"",
            f.activity
        )
        .as_str()
    );
    let bytes = response.bytes().await.unwrap();
    assert_eq!(&bytes[..3], [0xEF, 0xBB, 0xBF]);
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["姓名", "手机号", "状态", "候补位次", "签到时间"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], "张\"三\",丰");
    assert_eq!(&rows[0][1], phone(1));
    assert_eq!(&rows[0][2], "已报名");
    assert_eq!(&rows[1][0], "'=HYPERLINK(\"http://x\",\"y\")");
    let other = f.token(crate::fixture::Who::StaffOther).await.unwrap();
    problem(
        f.app
            .get_with(
                &format!("/api/v1/activities/{}/signups.csv", f.activity),
                &other,
            )
            .await,
        403,
    )
    .await;
}

#[tokio::test]
async fn no_shows_are_marked_only_after_the_start_and_only_for_places() {
    let f = Fixture::new().await;
    let activity = new_activity(&f, |a| a.capacity = 1).await;
    let people = volunteers(&f, 2).await;
    let place = signed_up(&f.app, activity, &people[0].1).await;
    let waiting = signed_up(&f.app, activity, &people[1].1).await;
    let leader = f.token(crate::fixture::Who::Leader).await.unwrap();
    let staff = f.token(crate::fixture::Who::StaffHere).await.unwrap();
    let mark = async |signup: i64, token: &str| {
        f.app
            .request(
                Method::POST,
                &format!("/api/v1/signups/{signup}/no-show"),
                Some(token),
            )
            .send()
            .await
            .unwrap()
    };
    assert_eq!(
        problem(mark(place.id, &staff).await, 409).await.kind,
        types::CONFLICT
    );
    f.app
        .clock
        .advance(chrono::Duration::days(2) + chrono::Duration::hours(4));
    // The activity has no team: its site's staff mark, a team leader elsewhere may not.
    problem(mark(place.id, &leader).await, 403).await;
    let marked = mark(place.id, &staff).await;
    assert_eq!(marked.status(), 200);
    assert_eq!(
        marked.json::<Signup>().await.unwrap().status,
        SignupStatus::NoShow
    );
    assert_eq!(
        problem(mark(waiting.id, &staff).await, 409).await.kind,
        types::CONFLICT
    );
    problem(mark(987_654, &staff).await, 404).await;
}
