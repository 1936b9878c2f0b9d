//! Capacity holds under concurrency: real parallel HTTP requests against either store.

use std::collections::HashSet;

use reqwest::Method;
use station_wire::page::List;
use station_wire::signups::{RosterEntry, Signup, SignupStatus};

use crate::common::{activity_at, insert, local, many_accounts, TestApp};
use crate::fixture::{Fixture, Who};

pub async fn activity_with_places(f: &Fixture, places: i64) -> i64 {
    let mut activity = activity_at(f.seed.station_a1, "elderly", local(3, 9, 0));
    activity.capacity = places;
    insert(&f.app.store, activity).await
}

/// Sends every request at once; answers (status, body) in the order given.
async fn all_at_once(app: &TestApp, requests: Vec<(Method, String, String)>) -> Vec<(u16, String)> {
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|(method, path, token)| {
            let request = app.request(method, &path, Some(&token));
            tokio::spawn(async move {
                let response = request.send().await.expect("request sent");
                let status = response.status().as_u16();
                (status, response.text().await.unwrap_or_default())
            })
        })
        .collect();
    let mut out = Vec::new();
    for task in tasks {
        out.push(task.await.expect("the request task ends"));
    }
    out
}

async fn confirmed_count(f: &Fixture, activity: i64) -> i64 {
    sqlx::query_scalar("SELECT confirmed_count FROM activities WHERE id = $1")
        .bind(activity)
        .fetch_one(f.app.store.pool())
        .await
        .unwrap()
}

async fn roster(f: &Fixture, activity: i64) -> Vec<RosterEntry> {
    let staff = f.token(Who::StaffHere).await.unwrap();
    f.app
        .get_with(&format!("/api/v1/activities/{activity}/signups"), &staff)
        .await
        .json::<List<RosterEntry>>()
        .await
        .unwrap()
        .items
}

/// The invariants: the count is the confirmed rows, within capacity; the waitlist is 1..=n.
pub async fn assert_consistent(f: &Fixture, activity: i64, capacity: usize) -> (usize, usize) {
    let entries = roster(f, activity).await;
    let confirmed = entries
        .iter()
        .filter(|e| e.signup.status == SignupStatus::Confirmed)
        .count();
    let positions: Vec<u32> = entries
        .iter()
        .filter(|e| e.signup.status == SignupStatus::Waitlisted)
        .map(|e| e.signup.waitlist_position.expect("a position"))
        .collect();
    assert_eq!(confirmed_count(f, activity).await, confirmed as i64);
    assert!(confirmed <= capacity);
    assert_eq!(positions, (1..=positions.len() as u32).collect::<Vec<_>>());
    let accounts: HashSet<i64> = entries.iter().map(|e| e.account.id).collect();
    assert_eq!(
        accounts.len(),
        entries.len(),
        "one active sign-up per account"
    );
    (confirmed, positions.len())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_simultaneous_sign_ups_for_twenty_places() {
    let f = Fixture::new().await;
    let activity = activity_with_places(&f, 20).await;
    let people = many_accounts(&f.app.store, 1, 200).await;
    let path = format!("/api/v1/activities/{activity}/signups");
    let answers = all_at_once(
        &f.app,
        people
            .iter()
            .map(|(_, token)| (Method::POST, path.clone(), token.clone()))
            .collect(),
    )
    .await;
    assert_places_then_a_gap_free_waitlist(&answers, 20);
    assert_eq!(assert_consistent(&f, activity, 20).await, (20, 180));
}

/// Every answer is 201: `places` confirmed, the rest waitlisted at positions 1, 2, … n.
pub fn assert_places_then_a_gap_free_waitlist(answers: &[(u16, String)], places: usize) {
    let mut confirmed = 0;
    let mut positions = Vec::new();
    for (status, body) in answers {
        assert_eq!(*status, 201, "{body}");
        let signup: Signup = serde_json::from_str(body).unwrap();
        match signup.status {
            SignupStatus::Confirmed => confirmed += 1,
            SignupStatus::Waitlisted => positions.push(signup.waitlist_position.unwrap()),
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(confirmed, places);
    positions.sort_unstable();
    let waiting = (answers.len() - places) as u32;
    assert_eq!(positions, (1..=waiting).collect::<Vec<u32>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_cancellations_and_sign_ups_lose_no_place_and_give_none_twice() {
    let f = Fixture::new().await;
    let activity = activity_with_places(&f, 20).await;
    let people = many_accounts(&f.app.store, 1, 120).await;
    let path = format!("/api/v1/activities/{activity}/signups");
    // 40 sign up first: 20 places, 20 waiting.
    let first = all_at_once(
        &f.app,
        people[..40]
            .iter()
            .map(|(_, t)| (Method::POST, path.clone(), t.clone()))
            .collect(),
    )
    .await;
    assert!(first.iter().all(|(status, _)| *status == 201));
    assert_eq!(assert_consistent(&f, activity, 20).await, (20, 20));

    // Then at once: all 40 cancel while 80 more sign up.
    let mine = format!("/api/v1/activities/{activity}/signups/me");
    let mut requests: Vec<(Method, String, String)> = Vec::new();
    for (i, (_, token)) in people[40..].iter().enumerate() {
        requests.push((Method::POST, path.clone(), token.clone()));
        if let Some((_, early)) = people[..40].get(i / 2) {
            if i % 2 == 0 {
                requests.push((Method::DELETE, mine.clone(), early.clone()));
            }
        }
    }
    let answers = all_at_once(&f.app, requests).await;
    for (status, body) in &answers {
        assert!(*status == 200 || *status == 201, "{status}: {body}");
    }
    // 80 active sign-ups remain: 20 hold places, 60 wait, whatever the interleaving.
    assert_eq!(assert_consistent(&f, activity, 20).await, (20, 60));
}
