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
use station_server::clock::{Clock, ManualClock, StationTime};
use station_server::config::Config;
use station_server::store::activities::{self, NewActivity};
use station_server::store::sites::{self, NewSite};
use station_server::store::Store;
use station_server::Application;
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
    /// A database that exists already (a backup, restored).
    pub fn existing(url: String) -> Arc<Self> {
        Arc::new(Self { url, _dir: None })
    }

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
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The notices' webhook, with its secret.
    pub webhook: Option<(String, String)>,
    pub public_url: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            demo_data: true,
            dist_dir: PathBuf::from("/nonexistent/station-dist"),
            allowed_origins: vec![],
            trusted_proxies: vec![],
            webhook: None,
            public_url: None,
        }
    }
}

pub struct TestApp {
    /// `http://127.0.0.1:<port>`
    pub address: String,
    pub client: reqwest::Client,
    pub store: Store,
    pub database: Arc<TestDatabase>,
    /// The server's clock: stands at [`NOW`] until a test moves it.
    pub clock: ManualClock,
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
        trusted_proxies: options.trusted_proxies,
        time_zone: chrono_tz::Asia::Shanghai,
        demo_data: options.demo_data,
        // argon2's minimum: hashing stays fast in tests.
        password_hash_memory_kib: 0,
        secret: None,
        public_url: options.public_url.clone(),
        clock_start: None,
        notice_webhook_url: options.webhook.as_ref().map(|(url, _)| url.clone()),
        notice_webhook_secret: options.webhook.map(|(_, secret)| secret),
        // The shortest wait: a test sees a retry within seconds.
        notice_webhook_retry_seconds: 1,
        // Often: a test sees a sweep within seconds.
        housekeeping_seconds: 1,
        print_openapi: false,
        command: None,
    };
    let clock = ManualClock::starting_at(now());
    let app = Application::build(&config, Clock::Manual(clock.clone()))
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
        clock,
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
    // The five standard categories (elderly, safety, …) exist from the first start.
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
        team_only: false,
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

/// A password every account made by [`account`] has.
pub const TEST_PASSWORD: &str = "bright-river-7";

/// An account and a live session straight in the store (fast: one cheap hash per call).
/// Answers (account id, bearer token).
pub async fn account(
    store: &Store,
    display_name: &str,
    phone: &str,
    site_id: Option<i64>,
) -> (i64, String) {
    let hash = station_server::auth::Passwords::new(0)
        .hash(TEST_PASSWORD)
        .await
        .unwrap();
    let id = station_server::store::accounts::insert(
        store.pool(),
        &station_server::store::accounts::NewAccount {
            display_name,
            phone,
            password_hash: &hash,
            site_id,
            is_admin: false,
            created_at: now().timestamp(),
            privacy_notice: Some(station_wire::privacy::PRIVACY_NOTICE_VERSION),
        },
    )
    .await
    .expect("the account is stored");
    (id, session(store, id).await)
}

/// A fresh live session (30 days from [`NOW`]) for an existing account.
pub async fn session(store: &Store, account_id: i64) -> String {
    use station_server::auth::session::{new_token, token_hash};
    let token = new_token();
    let now = now().timestamp();
    station_server::store::accounts::insert_session(
        store.pool(),
        account_id,
        &token_hash(&token),
        now,
        now + 30 * 86_400,
        None,
    )
    .await
    .expect("the session is stored");
    token
}

/// A phone number unique within one test database: `139` and eight digits of `n`.
pub fn phone(n: u32) -> String {
    format!("139{n:08}")
}

impl TestApp {
    /// A request to `path` with an optional bearer token.
    pub fn request(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
    ) -> reqwest::RequestBuilder {
        let builder = self
            .client
            .request(method, format!("{}{path}", self.address));
        match token {
            Some(token) => builder.bearer_auth(token),
            None => builder,
        }
    }

    pub async fn post_json(
        &self,
        path: &str,
        token: Option<&str>,
        body: &impl serde::Serialize,
    ) -> reqwest::Response {
        self.request(reqwest::Method::POST, path, token)
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// A request with a JSON body, as `token`.
    pub async fn send_json(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: serde_json::Value,
    ) -> reqwest::Response {
        self.request(method, path, Some(token))
            .json(&body)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn get_with(&self, path: &str, token: &str) -> reqwest::Response {
        self.request(reqwest::Method::GET, path, Some(token))
            .send()
            .await
            .expect("request sent")
    }

    /// Registers over HTTP and answers the session.
    pub async fn register(
        &self,
        display_name: &str,
        phone: &str,
        password: &str,
    ) -> station_wire::accounts::Session {
        let response = self
            .post_json(
                "/api/v1/accounts",
                None,
                &serde_json::json!({"display_name": display_name, "phone": phone, "password": password, "privacy_notice": station_wire::privacy::PRIVACY_NOTICE_VERSION}),
            )
            .await;
        assert_eq!(response.status(), 201, "register {phone}");
        response.json().await.expect("a session")
    }
}

/// A validation problem's `(field, code)` pairs, sorted, to compare with the expected list.
pub fn named_errors(problem: &Problem) -> Vec<(&str, &str)> {
    let mut named: Vec<(&str, &str)> = problem
        .errors
        .iter()
        .map(|error| (error.field.as_str(), error.code.as_str()))
        .collect();
    named.sort();
    named
}

/// Reads a problem+json answer, asserting its status.
pub async fn problem(response: reqwest::Response, status: u16) -> Problem {
    assert_eq!(response.status(), status, "{}", response.url());
    assert_eq!(content_type(&response), PROBLEM_JSON);
    let problem: Problem = response.json().await.expect("a problem body");
    assert_eq!(problem.status, status);
    problem
}

/// `n` accounts with sessions, fast: one password hash for all. Phones start at `139` + `first`.
pub async fn many_accounts(store: &Store, first: u32, n: u32) -> Vec<(i64, String)> {
    let hash = station_server::auth::Passwords::new(0)
        .hash(TEST_PASSWORD)
        .await
        .unwrap();
    let mut out = Vec::new();
    for i in first..first + n {
        let id = station_server::store::accounts::insert(
            store.pool(),
            &station_server::store::accounts::NewAccount {
                display_name: &format!("志愿者{i}"),
                phone: &phone(i),
                password_hash: &hash,
                site_id: None,
                is_admin: false,
                created_at: now().timestamp(),
                privacy_notice: Some(station_wire::privacy::PRIVACY_NOTICE_VERSION),
            },
        )
        .await
        .expect("the account is stored");
        out.push((id, session(store, id).await));
    }
    out
}
