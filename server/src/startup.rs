//! Building and running the application: store → demo data → state → router → serve.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;

use crate::api;
use crate::auth::Passwords;
use crate::checkin::CheckinSigner;
use crate::clock::{Clock, StationTime};
use crate::config::Config;
use crate::state::AppState;
use crate::store::{accounts, categories, demo, settings, Store};
use crate::webhook::Webhook;

/// A bound, ready application. Tests build it on port 0 and read [`Application::address`].
pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    store: Store,
    /// The notices' webhook task, when one is configured.
    webhook: Option<tokio::task::JoinHandle<()>>,
    housekeeping: tokio::task::JoinHandle<()>,
}

impl Application {
    pub async fn build(config: &Config, clock: Clock) -> anyhow::Result<Self> {
        let store = Store::open(&config.database_url).await?;
        let time = StationTime::new(config.time_zone, clock);
        let passwords = Passwords::new(config.password_hash_memory_kib);
        if categories::create_standard(store.pool()).await? {
            tracing::info!("created the five standard service categories");
        }
        if config.demo_data && demo::load_if_empty(&store, &time, &passwords).await? {
            tracing::info!("loaded demo data into the empty database");
        }
        announce_what_the_station_lacks(&store, config).await?;
        let secret = match &config.secret {
            Some(secret) if !secret.is_empty() => secret.clone(),
            _ => settings::checkin_secret(&store).await?,
        };
        let state = AppState {
            store: store.clone(),
            time,
            passwords,
            checkin: CheckinSigner::new(secret.as_bytes()),
            public_url: config
                .public_url
                .as_ref()
                .map(|url| url.trim_end_matches('/').to_owned())
                .filter(|url| !url.is_empty()),
            dist_dir: config.dist_dir.clone(),
            answers: Default::default(),
            likes: std::sync::Arc::new(crate::api::limits::PerAccount::likes()),
            uploads: std::sync::Arc::new(crate::api::limits::PerAccount::uploads()),
        };
        let webhook = config
            .notice_webhook_url
            .as_ref()
            .filter(|url| !url.is_empty())
            .map(|url| {
                let webhook = Webhook {
                    url: url.clone(),
                    secret: config
                        .notice_webhook_secret
                        .clone()
                        .filter(|s| !s.is_empty()),
                    retry: Duration::from_secs(config.notice_webhook_retry_seconds),
                };
                // Only the host: the URL's path or query may hold the gateway's key.
                let host = reqwest::Url::parse(url)
                    .ok()
                    .and_then(|url| url.host_str().map(str::to_owned))
                    .unwrap_or_default();
                tracing::info!(%host, signed = webhook.secret.is_some(), "notices also go to the webhook");
                crate::webhook::spawn(webhook, store.clone(), state.time.clone())
            });
        let housekeeping = crate::housekeeping::spawn(
            store.clone(),
            state.time.clone(),
            Duration::from_secs(config.housekeeping_seconds),
        );
        let router = api::router(state, &config.origins(), &config.trusted_proxies);
        let listener = TcpListener::bind(config.listen)
            .await
            .with_context(|| format!("cannot listen on {}", config.listen))?;
        Ok(Self {
            listener,
            router,
            store,
            webhook,
            housekeeping,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Serves until `shutdown` completes, lets open requests finish, then closes the database.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        tracing::info!(address = %self.address(), "station server listening");
        // The peer's address reaches `client_ip` (per-address limits) through `ConnectInfo`.
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown)
            .await
            .context("the server stopped with an error")?;
        if let Some(webhook) = self.webhook {
            webhook.abort();
        }
        self.housekeeping.abort();
        self.store.close().await;
        tracing::info!("station server stopped");
        Ok(())
    }
}

/// Says at start, once, what an operator must know: that the data is a demo, or how to create
/// the first administrator of an empty station.
async fn announce_what_the_station_lacks(store: &Store, config: &Config) -> anyhow::Result<()> {
    if settings::holds_demo_data(store.pool()).await? {
        tracing::warn!(
            "this database holds DEMO DATA (invented people, demo1234 passwords): for a real station \
             start with an empty database and --demo-data=false"
        );
    }
    if !accounts::any_admin(store.pool()).await? {
        tracing::warn!(
            "the station has no administrator yet; create the first one on this database with: \
             station-server admin create --phone <11-digit mobile> --name <name> --database-url '{}' \
             (the password is asked for at the prompt)",
            crate::store::redact(&config.database_url)
        );
    }
    Ok(())
}

/// Runs the server with the system clock (or `--clock-start`'s) until SIGINT or SIGTERM.
pub async fn run(config: Config) -> anyhow::Result<()> {
    Application::build(&config, Clock::starting_at(config.clock_start))
        .await?
        .run_until(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("SIGINT: shutting down"),
        () = terminate => tracing::info!("SIGTERM: shutting down"),
    }
}
