//! Command-line flags, each with an environment fallback (`STATION_*`).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::builder::BoolishValueParser;
use clap::{ArgAction, Parser, Subcommand};

#[derive(Debug, Clone, Parser)]
#[command(
    name = "station-server",
    version,
    about = "The reference backend of the civilization practice station"
)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "STATION_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// `sqlite://path/to/file.sqlite3` (created with its folder when missing) or `postgres://…`.
    #[arg(
        long,
        global = true,
        env = "STATION_DATABASE_URL",
        default_value = "sqlite://.station/station.sqlite3"
    )]
    pub database_url: String,

    /// The built browser app (Trunk's `dist/`), served at `/`.
    #[arg(long, env = "STATION_DIST_DIR", default_value = "dist")]
    pub dist_dir: PathBuf,

    /// Origins allowed to call the API from a browser, comma-separated; `*` allows any.
    /// Empty: same-origin only.
    #[arg(long, env = "STATION_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,

    /// The station's IANA time zone: every time on the wire carries its offset.
    #[arg(long, env = "STATION_TIME_ZONE", default_value = "Asia/Shanghai", value_parser = parse_time_zone)]
    pub time_zone: chrono_tz::Tz,

    /// Fill an empty database with demo data on start (`--demo-data=false` in production).
    #[arg(long, env = "STATION_DEMO_DATA", default_value = "true", action = ArgAction::Set,
          value_parser = BoolishValueParser::new())]
    pub demo_data: bool,

    /// argon2id memory cost of password hashes, in KiB (default: OWASP's 19 MiB). Tests lower it.
    #[arg(long, global = true, env = "STATION_PASSWORD_HASH_MEMORY_KIB", default_value_t = crate::auth::password::DEFAULT_MEMORY_KIB)]
    pub password_hash_memory_kib: u32,

    /// The secret that signs check-in codes. Without it, one is generated on first start and
    /// kept in the database.
    #[arg(long, env = "STATION_SECRET", hide_env_values = true)]
    pub secret: Option<String>,

    /// The public address of the app (e.g. `https://station.example`), for links in QR codes.
    /// Without it, links use the request's `Host`.
    #[arg(long, env = "STATION_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Where every notice (站内消息) is also POSTed as JSON — the station's SMS or WeChat-message
    /// gateway (`docs/webhook.md`). Without it, notices stay in the app.
    #[arg(long, env = "STATION_NOTICE_WEBHOOK_URL")]
    pub notice_webhook_url: Option<String>,

    /// Signs the webhook's bodies (`X-Station-Signature`), so the gateway can tell them genuine.
    #[arg(long, env = "STATION_NOTICE_WEBHOOK_SECRET", hide_env_values = true)]
    pub notice_webhook_secret: Option<String>,

    /// The wait before the first retry of a failed delivery, doubled after each next failure.
    #[arg(
        long,
        env = "STATION_NOTICE_WEBHOOK_RETRY_SECONDS",
        default_value_t = 30
    )]
    pub notice_webhook_retry_seconds: u64,

    /// How often expired sessions and old sign-in failures are deleted (see `housekeeping.rs`).
    #[arg(long, env = "STATION_HOUSEKEEPING_SECONDS", default_value_t = 600)]
    pub housekeeping_seconds: u64,

    /// Reverse proxies in front of the server (comma-separated addresses): from these peers,
    /// the client's address is taken from `X-Forwarded-For` (see `client_ip.rs`).
    #[arg(long, env = "STATION_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,

    /// Run as if the clock had read this RFC 3339 moment at start (it runs on from there): for
    /// demonstrations and end-to-end tests that need "during an activity" or "after it".
    #[arg(long, env = "STATION_CLOCK_START", value_parser = parse_moment)]
    pub clock_start: Option<chrono::DateTime<chrono::FixedOffset>>,

    /// Print the OpenAPI document (JSON) and exit.
    #[arg(long)]
    pub print_openapi: bool,

    /// Without a command, the server runs.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Tasks run on the server's database instead of serving it (safe while a server runs).
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Keep the station's administrators.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Copy a SQLite station's database to a new file, consistent as of one moment, while the
    /// server goes on serving writes (for PostgreSQL use pg_dump; see the README).
    Backup {
        /// The file to write; it must not exist yet.
        #[arg(long)]
        to: std::path::PathBuf,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum AdminCommand {
    /// Create an administrator account. The password is asked for at a prompt, or read from
    /// standard input (one line) when that is not a terminal; never from a flag or the environment.
    Create {
        /// The administrator's mainland mobile number (11 digits): they sign in with it.
        #[arg(long)]
        phone: String,
        /// The name shown to others, e.g. 王芳.
        #[arg(long)]
        name: String,
    },
}

fn parse_moment(text: &str) -> Result<chrono::DateTime<chrono::FixedOffset>, String> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map_err(|error| format!("not an RFC 3339 time ({error}): {text}"))
}

fn parse_time_zone(name: &str) -> Result<chrono_tz::Tz, String> {
    name.parse::<chrono_tz::Tz>()
        .map_err(|_| format!("`{name}` is not an IANA time zone such as Asia/Shanghai"))
}

impl Config {
    /// The allowed origins without blanks (an empty `STATION_ALLOWED_ORIGINS` means none).
    pub fn origins(&self) -> Vec<String> {
        self.allowed_origins
            .iter()
            .map(|origin| origin.trim().to_owned())
            .filter(|origin| !origin.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_suit_a_local_demo() {
        let config = Config::try_parse_from(["station-server"]).unwrap();
        assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(config.time_zone, chrono_tz::Asia::Shanghai);
        assert!(config.demo_data);
        assert!(config.origins().is_empty());
    }

    #[test]
    fn flags_override_defaults() {
        let config = Config::try_parse_from([
            "station-server",
            "--demo-data=false",
            "--allowed-origins",
            "http://a.test, http://b.test",
            "--time-zone",
            "Europe/Berlin",
        ])
        .unwrap();
        assert!(!config.demo_data);
        assert_eq!(config.origins(), ["http://a.test", "http://b.test"]);
        assert_eq!(config.time_zone, chrono_tz::Europe::Berlin);
        assert!(Config::try_parse_from(["station-server", "--time-zone", "Mars/Olympus"]).is_err());
    }

    #[test]
    fn admin_create_takes_the_database_after_the_command_and_no_password_flag() {
        let config = Config::try_parse_from([
            "station-server",
            "admin",
            "create",
            "--phone",
            "13800000000",
            "--name",
            "王芳",
            "--database-url",
            "sqlite://x.sqlite3",
        ])
        .unwrap();
        assert_eq!(config.database_url, "sqlite://x.sqlite3");
        let Some(Command::Admin(AdminCommand::Create { phone, name })) = config.command else {
            panic!("admin create parsed as {:?}", config.command)
        };
        assert_eq!((phone.as_str(), name.as_str()), ("13800000000", "王芳"));
        assert!(Config::try_parse_from([
            "station-server",
            "admin",
            "create",
            "--phone",
            "13800000000",
            "--name",
            "王芳",
            "--password",
            "x"
        ])
        .is_err());
    }
}
