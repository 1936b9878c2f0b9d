//! `station-server`: read the configuration, then hand over to the library.

use clap::Parser;
use station_server::config::{Command, Config};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::parse();
    if config.print_openapi {
        print!("{}", station_server::api::openapi::pretty_json());
        return Ok(());
    }
    station_server::telemetry::init();
    match &config.command {
        Some(Command::Admin(command)) => station_server::admin::run(&config, command).await,
        Some(Command::Backup { to }) => station_server::backup::run(&config, to).await,
        None => station_server::run(config).await,
    }
}
