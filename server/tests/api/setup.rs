//! A station set up from nothing: standard categories without demo data, the "being set up"
//! answer, the demo marker, and `station-server admin create` on the running server's database.

use std::io::Write;
use std::process::{Command, Stdio};

use station_wire::accounts::{Me, Role, Session};
use station_wire::activities::Category;
use station_wire::page::List;
use station_wire::problem::types;
use station_wire::station::StationInfo;

use crate::common::{problem, spawn_app_with, Options, TestApp};

async fn empty_station() -> TestApp {
    spawn_app_with(Options {
        demo_data: false,
        ..Default::default()
    })
    .await
}

#[tokio::test]
async fn an_empty_station_has_the_five_standard_categories_and_says_it_is_being_set_up() {
    let app = empty_station().await;
    let categories: List<Category> = app.get_json("/api/v1/categories").await;
    let names: Vec<(&str, &str)> = categories
        .items
        .iter()
        .map(|c| (c.slug.as_str(), c.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("elderly", "助老帮困"),
            ("safety", "平安"),
            ("neighbour", "邻里互助"),
            ("culture", "文化"),
            ("environment", "环境"),
        ]
    );
    let problem = app.get_problem("/api/v1/station", 503).await;
    assert_eq!(problem.kind, types::STATION_NOT_SET_UP);
}

#[tokio::test]
async fn standard_categories_are_made_once_and_not_brought_back() {
    let app = empty_station().await;
    sqlx::query("DELETE FROM categories WHERE slug = 'culture'")
        .execute(app.store.pool())
        .await
        .unwrap();
    let database = app.database.clone();
    app.shut_down().await;
    let app = crate::common::spawn_app_on(
        database,
        Options {
            demo_data: false,
            ..Default::default()
        },
    )
    .await;
    let categories: List<Category> = app.get_json("/api/v1/categories").await;
    assert_eq!(
        categories.items.len(),
        4,
        "a removed category stays removed"
    );
}

#[tokio::test]
async fn demo_data_is_marked_as_such_and_a_real_station_is_not() {
    let demo = spawn_app_with(Options::default()).await;
    let station: StationInfo = demo.get_json("/api/v1/station").await;
    assert!(station.demo_data);

    let real = empty_station().await;
    crate::common::seed_tree(&real.store).await;
    let station: StationInfo = real.get_json("/api/v1/station").await;
    assert!(!station.demo_data);
}

/// Runs the real binary's `admin create` with `stdin` piped in; answers (success, stderr+stdout).
fn admin_create(database_url: &str, phone: &str, name: &str, stdin: &str) -> (bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_station-server"))
        .args(["admin", "create", "--phone", phone, "--name", name])
        .env("STATION_DATABASE_URL", database_url)
        .env("STATION_PASSWORD_HASH_MEMORY_KIB", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

#[tokio::test]
async fn admin_create_makes_an_administrator_who_signs_in_while_the_server_runs() {
    let app = empty_station().await;
    let url = app.database.url.clone();
    let (ok, output) = tokio::task::spawn_blocking(move || {
        admin_create(&url, "13800000000", "王芳", "a long secret\n")
    })
    .await
    .unwrap();
    assert!(ok, "{output}");

    let response = app
        .post_json(
            "/api/v1/sessions",
            None,
            &serde_json::json!({"phone": "13800000000", "password": "a long secret"}),
        )
        .await;
    assert_eq!(response.status(), 201);
    let session: Session = response.json().await.unwrap();
    let me: Me = app
        .get_with("/api/v1/me", &session.token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me.display_name, "王芳");
    assert!(me.roles.iter().any(|grant| grant.role == Role::Admin));

    // The line ending is not part of the password.
    let wrong = app
        .post_json(
            "/api/v1/sessions",
            None,
            &serde_json::json!({"phone": "13800000000", "password": "a long secret\n"}),
        )
        .await;
    problem(wrong, 401).await;
}

#[tokio::test]
async fn admin_create_names_every_bad_field_and_refuses_a_taken_phone() {
    let app = empty_station().await;
    let url = app.database.url.clone();
    let (ok, output) =
        tokio::task::spawn_blocking(move || admin_create(&url, "12345", " ", "short\n"))
            .await
            .unwrap();
    assert!(!ok);
    for field in ["--phone", "--name", "password"] {
        assert!(output.contains(field), "{field} not named in: {output}");
    }

    let url = app.database.url.clone();
    let (ok, output) = tokio::task::spawn_blocking(move || {
        admin_create(&url, "13800000001", "王芳", "a long secret\n");
        admin_create(&url, "13800000001", "李明", "another secret\n")
    })
    .await
    .unwrap();
    assert!(!ok, "a second account on one phone: {output}");
    assert!(output.contains("already has an account"), "{output}");
    let admins: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE is_admin = 1")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(admins, 1);
}

#[tokio::test]
async fn demo_data_never_lands_in_a_station_that_has_its_administrator() {
    let app = empty_station().await;
    let url = app.database.url.clone();
    let (ok, output) = tokio::task::spawn_blocking(move || {
        admin_create(&url, "13800000000", "王芳", "a long secret\n")
    })
    .await
    .unwrap();
    assert!(ok, "{output}");
    let database = app.database.clone();
    app.shut_down().await;
    // Restarted without `--demo-data=false` before any site was built.
    let app = crate::common::spawn_app_on(database, Options::default()).await;
    let problem = app.get_problem("/api/v1/station", 503).await;
    assert_eq!(problem.kind, types::STATION_NOT_SET_UP);
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(accounts, 1, "only the administrator");
}
