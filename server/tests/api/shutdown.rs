//! No lost write on shutdown: SIGTERM in the middle of a storm of sign-ups; after a restart every
//! sign-up that was answered 2xx is there, and none that was refused.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use station_server::store::Store;

use crate::common::{account, activity_at, insert, local, phone, seed_tree, TestDatabase};

/// The real binary on `database_url`, listening on a free port; answers it and its base URL.
fn start_server(database_url: &str) -> (Child, String) {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_station-server"))
        .args([
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--demo-data=false",
        ])
        // The tests' "now", which their activities and sessions are set by.
        .args(["--clock-start", &crate::common::now().to_rfc3339()])
        .env("STATION_DATABASE_URL", database_url)
        .env("STATION_PASSWORD_HASH_MEMORY_KIB", "0")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server binary runs");
    (child, format!("http://127.0.0.1:{port}"))
}

async fn wait_until_up(client: &reqwest::Client, base: &str) {
    for _ in 0..200 {
        if let Ok(response) = client.get(format!("{base}/healthz")).send().await {
            if response.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not start");
}

#[tokio::test]
async fn sigterm_in_a_storm_of_sign_ups_loses_no_answered_one() {
    let database = TestDatabase::fresh().await;
    let client = reqwest::Client::new();
    let (server, base) = start_server(&database.url);
    wait_until_up(&client, &base).await;

    // Seeded beside the running server: an activity with fewer places than people.
    let store = Store::open(&database.url).await.unwrap();
    let seed = seed_tree(&store).await;
    let mut few = activity_at(seed.station_a1, "elderly", local(3, 9, 0));
    few.capacity = 40;
    let activity = insert(&store, few).await;
    let mut people = Vec::new();
    for n in 0..150 {
        people.push(account(&store, "志愿者", &phone(200 + n), Some(seed.station_a1)).await);
    }

    // Everyone at once; SIGTERM once the first answers are in, the rest under way.
    let url = format!("{base}/api/v1/activities/{activity}/signups");
    let answers = Arc::new(AtomicUsize::new(0));
    let storm: Vec<_> = people
        .iter()
        .map(|(id, token)| {
            let (id, request) = (*id, client.post(&url).bearer_auth(token));
            let answers = Arc::clone(&answers);
            tokio::spawn(async move {
                let status = request.send().await.map(|r| r.status().as_u16());
                answers.fetch_add(1, Ordering::SeqCst);
                (id, status)
            })
        })
        .collect();
    for _ in 0..500 {
        if answers.load(Ordering::SeqCst) >= 10 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let pid = server.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    let mut answered = Vec::new();
    let mut refused = Vec::new();
    for task in storm {
        match task.await.unwrap() {
            (id, Ok(status)) if (200..300).contains(&status) => answered.push(id),
            (id, Ok(_)) => refused.push(id),
            // No answer: the request may or may not have been taken; nothing to hold it to.
            (_, Err(_)) => {}
        }
    }
    let mut server = server;
    let exit = tokio::task::spawn_blocking(move || server.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(exit.success(), "a clean shutdown: {exit:?}");
    assert!(
        !answered.is_empty(),
        "some sign-ups were answered before the shutdown"
    );

    // After a restart, the database holds exactly what was answered.
    let (mut again, base) = start_server(&database.url);
    wait_until_up(&client, &base).await;
    let kept: Vec<i64> = sqlx::query_scalar(
        "SELECT account_id FROM signups WHERE activity_id = $1 AND status <> 'cancelled'",
    )
    .bind(activity)
    .fetch_all(store.pool())
    .await
    .unwrap();
    for id in &answered {
        assert!(
            kept.contains(id),
            "answered sign-up of account {id} is kept"
        );
    }
    for id in &refused {
        assert!(
            !kept.contains(id),
            "refused sign-up of account {id} is not there"
        );
    }
    let places: i64 = sqlx::query_scalar("SELECT confirmed_count FROM activities WHERE id = $1")
        .bind(activity)
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert!(places <= 40);
    again.kill().unwrap();
    again.wait().unwrap();
    store.close().await;
}
