//! `station-server backup`: a copy made while sign-ups stream in holds every one answered before
//! it began, and a server started on the copy serves it.

use std::process::Command;
use std::sync::{Arc, Mutex};

use reqwest::Method;

use crate::common::{
    account, activity_at, insert, local, phone, seed_tree, spawn_app_on, spawn_app_with, Options,
    TestDatabase,
};

#[tokio::test]
async fn a_backup_during_a_stream_of_sign_ups_holds_every_one_answered_before_it_began() {
    let app = spawn_app_with(Options {
        demo_data: false,
        ..Default::default()
    })
    .await;
    if !app.database.url.starts_with("sqlite:") {
        // A PostgreSQL station is backed up with pg_dump (the README), not by this command.
        return;
    }
    let seed = seed_tree(&app.store).await;
    let mut open = activity_at(seed.station_a1, "elderly", local(3, 9, 0));
    open.capacity = 1000;
    let activity = insert(&app.store, open).await;
    let mut people = Vec::new();
    for n in 0..120 {
        people.push(account(&app.store, "志愿者", &phone(100 + n), Some(seed.station_a1)).await);
    }

    // One sign-up after another, each answered id noted as its answer arrives.
    let answered = Arc::new(Mutex::new(Vec::<i64>::new()));
    let stream = {
        let answered = Arc::clone(&answered);
        let requests: Vec<_> = people
            .iter()
            .map(|(id, token)| {
                let path = format!("/api/v1/activities/{activity}/signups");
                (*id, app.request(Method::POST, &path, Some(token)))
            })
            .collect();
        tokio::spawn(async move {
            for (id, request) in requests {
                let response = request.send().await.expect("the sign-up is sent");
                if response.status().is_success() {
                    answered.lock().unwrap().push(id);
                }
            }
        })
    };
    for _ in 0..2000 {
        if answered.lock().unwrap().len() >= 30 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    assert!(
        answered.lock().unwrap().len() >= 30,
        "the sign-ups are answered"
    );
    let before: Vec<i64> = answered.lock().unwrap().clone();
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("backup.sqlite3");
    let output = tokio::task::spawn_blocking({
        let (url, copy) = (app.database.url.clone(), copy.clone());
        move || {
            Command::new(env!("CARGO_BIN_EXE_station-server"))
                .args(["backup", "--to"])
                .arg(&copy)
                .env("STATION_DATABASE_URL", url)
                .output()
                .expect("the server binary runs")
        }
    })
    .await
    .unwrap();
    assert!(
        output.status.success(),
        "backup: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    stream.await.unwrap();
    let all = answered.lock().unwrap().len();
    assert!(all > before.len(), "sign-ups went on during the backup");

    // Restored: a server on the copy has every sign-up answered before the backup began, and the
    // activity's count of places agrees with its sign-ups (one moment, not a torn copy).
    let restored = spawn_app_on(
        TestDatabase::existing(format!("sqlite://{}", copy.display())),
        Options {
            demo_data: false,
            ..Default::default()
        },
    )
    .await;
    let kept: Vec<i64> =
        sqlx::query_scalar("SELECT account_id FROM signups WHERE activity_id = $1")
            .bind(activity)
            .fetch_all(restored.store.pool())
            .await
            .unwrap();
    for id in &before {
        assert!(
            kept.contains(id),
            "sign-up of account {id} answered before the backup"
        );
    }
    let (counted, confirmed): (i64, i64) = sqlx::query_as(
        "SELECT confirmed_count, (SELECT COUNT(*) FROM signups WHERE activity_id = $1 \
         AND status = 'confirmed') FROM activities WHERE id = $1",
    )
    .bind(activity)
    .fetch_one(restored.store.pool())
    .await
    .unwrap();
    assert_eq!(counted, confirmed);
    let listed = restored
        .get(&format!("/api/v1/activities/{activity}"))
        .await;
    assert_eq!(listed.status(), 200);

    // A station that is not there is not backed up (nor made, empty).
    let nowhere = dir.path().join("no-such.sqlite3");
    let missing = Command::new(env!("CARGO_BIN_EXE_station-server"))
        .args(["backup", "--to"])
        .arg(dir.path().join("other.sqlite3"))
        .env(
            "STATION_DATABASE_URL",
            format!("sqlite://{}", nowhere.display()),
        )
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(!nowhere.exists() && !dir.path().join("other.sqlite3").exists());

    // A second backup into the same file is refused: nothing is overwritten.
    let again = Command::new(env!("CARGO_BIN_EXE_station-server"))
        .args(["backup", "--to"])
        .arg(&copy)
        .env("STATION_DATABASE_URL", &app.database.url)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));

    // A backup that cannot be written (its folder is a file) fails, saying so, and leaves
    // nothing under the name asked for.
    let blocked = dir.path().join("a-file");
    std::fs::write(&blocked, "not a folder").unwrap();
    let into = blocked.join("backup.sqlite3");
    let failed = Command::new(env!("CARGO_BIN_EXE_station-server"))
        .args(["backup", "--to"])
        .arg(&into)
        .env("STATION_DATABASE_URL", &app.database.url)
        .output()
        .unwrap();
    assert!(!failed.status.success());
    assert!(String::from_utf8_lossy(&failed.stderr).contains("the backup failed"));
    assert!(!into.exists());
}
