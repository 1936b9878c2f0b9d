//! `spawn_app()`: the real router on 127.0.0.1:0 with a fresh database, as zero2prod does it.
//!
//! The backend is picked by the environment: with `STATION_TEST_POSTGRES_URL` (e.g.
//! `postgres://postgres@127.0.0.1:55432/postgres`) every test creates its own database in that
//! cluster; without it every test gets a fresh SQLite file in a temp dir. The clock is fixed at
//! [`NOW`], so "today" and the demo data are the same on every run.
#![allow(dead_code)] // each test binary uses a different part of this module

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sqlx::Connection;
use station_server::clock::{Clock, StationTime};
use station_server::config::Config;
use station_server::store::activities::{self, NewActivity};
use station_server::store::sites::{self, NewSite};
use station_server::store::{categories, Store};
use station_server::Application;
use station_wire::activities::Category;
use station_wire::problem::{Problem, PROBLEM_JSON};
use station_wire::sites::SiteKind;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The tests' "now": Tuesday 24 November 2026, 10:30 in Shanghai.
pub const NOW: &str = "2026-11-24T10:30:00+08:00";

pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .with_timezone(&Utc)
}

pub fn station_time() -> StationTime {
    StationTime::new(chrono_tz::Asia::Shanghai, Clock::Fixed(now()))
}

pub fn today() -> NaiveDate {
    station_time().today()
}

/// A database of its own for one test; SQLite files live as long as this value.
pub struct TestDatabase {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

impl TestDatabase {
    pub async fn fresh() -> Arc<Self> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let unique = format!(
            "t_{}_{}_{}",
            std::process::id(),
            Utc::now().timestamp_nanos_opt().unwrap_or_default(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        match std::env::var("STATION_TEST_POSTGRES_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                sqlx::any::install_default_drivers();
                let mut admin = sqlx::AnyConnection::connect(&admin_url)
                    .await
                    .expect("connect to STATION_TEST_POSTGRES_URL");
                sqlx::query(&format!("CREATE DATABASE {unique}"))
                    .execute(&mut admin)
                    .await
                    .expect("create a test database");
                admin.close().await.ok();
                Arc::new(Self {
                    url: replace_database(&admin_url, &unique),
                    _dir: None,
                })
            }
            _ => {
                let dir = tempfile::tempdir().expect("a temp dir");
                let url = format!("sqlite://{}/station.sqlite3", dir.path().display());
                Arc::new(Self {
                    url,
                    _dir: Some(dir),
                })
            }
        }
    }
}

/// `postgres://u@h:p/old?x` with its database name replaced.
fn replace_database(url: &str, database: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let authority_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{base}/{database}?{query}"),
        None => format!("{base}/{database}"),
    }
}

pub struct Options {
    pub demo_data: bool,
    pub dist_dir: PathBuf,
    pub allowed_origins: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            demo_data: true,
            dist_dir: PathBuf::from("/nonexistent/station-dist"),
            allowed_origins: vec![],
        }
    }
}

pub struct TestApp {
    /// `http://127.0.0.1:<port>`
    pub address: String,
    pub client: reqwest::Client,
    pub store: Store,
    pub database: Arc<TestDatabase>,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<anyhow::Result<()>>>,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(Options::default()).await
}

pub async fn spawn_app_with(options: Options) -> TestApp {
    spawn_app_on(TestDatabase::fresh().await, options).await
}

/// Starts the server on an existing database (to test restarts).
pub async fn spawn_app_on(database: Arc<TestDatabase>, options: Options) -> TestApp {
    // Logs only when asked (`TEST_LOG=1`), so test output stays readable.
    if std::env::var_os("TEST_LOG").is_some() {
        station_server::telemetry::init();
    }
    let config = Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        database_url: database.url.clone(),
        dist_dir: options.dist_dir,
        allowed_origins: options.allowed_origins,
        time_zone: chrono_tz::Asia::Shanghai,
        demo_data: options.demo_data,
        print_openapi: false,
    };
    let app = Application::build(&config, Clock::Fixed(now()))
        .await
        .expect("the app builds");
    let address = format!("http://{}", app.address());
    let store = app.store().clone();
    let (shutdown, stop) = oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = stop.await;
    }));
    TestApp {
        address,
        client: reqwest::Client::new(),
        store,
        database,
        shutdown: Some(shutdown),
        server: Some(server),
    }
}

impl TestApp {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request sent")
    }

    pub async fn get_json<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        response.json().await.expect("a JSON body")
    }

    /// GETs `path`, asserts a problem+json answer with `status`, and returns the problem.
    pub async fn get_problem(&self, path: &str, status: u16) -> Problem {
        let response = self.get(path).await;
        assert_eq!(response.status(), status, "GET {path}");
        assert_eq!(content_type(&response), PROBLEM_JSON, "GET {path}");
        let problem: Problem = response.json().await.expect("a problem body");
        assert_eq!(problem.status, status);
        problem
    }

    /// Stops the server gracefully and waits until it has closed the database.
    pub async fn shut_down(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(server) = self.server.take() {
            server
                .await
                .expect("the server task ends")
                .expect("the server stops cleanly");
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

pub fn content_type(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// A small tree for tests without demo data: center → (institute A → station A1), (institute B).
pub struct Seed {
    pub center: i64,
    pub institute_a: i64,
    pub station_a1: i64,
    pub institute_b: i64,
}

pub async fn seed_tree(store: &Store) -> Seed {
    let pool = store.pool();
    let site = |parent_id, kind, name| NewSite {
        parent_id,
        kind,
        name,
        address: None,
    };
    let center = sites::insert(pool, &site(None, SiteKind::Center, "测试中心"))
        .await
        .unwrap();
    let institute_a = sites::insert(pool, &site(Some(center), SiteKind::Institute, "甲所"))
        .await
        .unwrap();
    let station_a1 = sites::insert(pool, &site(Some(institute_a), SiteKind::Station, "甲一站"))
        .await
        .unwrap();
    let institute_b = sites::insert(pool, &site(Some(center), SiteKind::Institute, "乙所"))
        .await
        .unwrap();
    for (position, slug) in ["elderly", "safety"].into_iter().enumerate() {
        let category = Category {
            slug: slug.into(),
            name: slug.into(),
            colour: "#1d5fb4".into(),
        };
        categories::insert(pool, &category, position as i64)
            .await
            .unwrap();
    }
    Seed {
        center,
        institute_a,
        station_a1,
        institute_b,
    }
}

/// Unix seconds of a station-local wall-clock time `days` after today.
pub fn local(days: i64, hour: u32, minute: u32) -> i64 {
    let time = station_time();
    time.local_unix(
        time.today() + chrono::Duration::days(days),
        NaiveTime::from_hms_opt(hour, minute, 0).unwrap(),
    )
}

/// An open two-hour activity at `starts_at` with ten places.
pub fn activity_at(site_id: i64, category: &str, starts_at: i64) -> NewActivity {
    NewActivity {
        site_id,
        team_id: None,
        category_slug: category.into(),
        title: format!("活动 {starts_at}"),
        description: String::new(),
        place: "活动室".into(),
        starts_at,
        ends_at: starts_at + 2 * 3600,
        capacity: 10,
        confirmed_count: 0,
        signup_deadline: None,
        target_group: None,
        cancelled_at: None,
        created_at: now().timestamp(),
    }
}

pub async fn insert(store: &Store, activity: NewActivity) -> i64 {
    activities::insert(store.pool(), &activity)
        .await
        .expect("the activity is stored")
}

#[test]
fn postgres_urls_get_their_database_replaced() {
    assert_eq!(
        replace_database("postgres://postgres@127.0.0.1:55432/postgres", "t_1"),
        "postgres://postgres@127.0.0.1:55432/t_1"
    );
    assert_eq!(
        replace_database("postgres://h:1/x?sslmode=disable", "t"),
        "postgres://h:1/t?sslmode=disable"
    );
}
