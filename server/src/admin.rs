//! `station-server admin create`: the first administrator of an empty station, made on the very
//! database the server uses. Only an insert, so it is safe while a server runs (SQLite in WAL
//! mode, or PostgreSQL).

use std::io::{BufRead, IsTerminal};

use anyhow::{bail, Context};

use crate::api::accounts::validate;
use crate::auth::Passwords;
use crate::clock::{Clock, StationTime};
use crate::config::{AdminCommand, Config};
use crate::error::{ApiError, ResultExt};
use crate::store::accounts::{self, NewAccount};
use crate::store::Store;

pub async fn run(config: &Config, command: &AdminCommand) -> anyhow::Result<()> {
    match command {
        AdminCommand::Create { phone, name } => {
            let password = read_password()?;
            let id = create(config, phone, name, &password).await?;
            println!("administrator {name} ({phone}) created as account {id}: sign in with this phone and password");
            Ok(())
        }
    }
}

/// Creates the administrator; every bad field is named in the error.
pub async fn create(
    config: &Config,
    phone: &str,
    name: &str,
    password: &str,
) -> anyhow::Result<i64> {
    let name = validate::new_account(name, phone, password, None).map_err(|error| {
        match error.field_errors() {
            Some(errors) => anyhow::anyhow!(
                "{}",
                errors
                    .iter()
                    .map(|error| format!("{}: {}", option_name(&error.field), error.message))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            None => error.into(),
        }
    })?;
    let store = Store::open(&config.database_url).await?;
    let password_hash = Passwords::new(config.password_hash_memory_kib)
        .hash(password)
        .await?;
    let now = StationTime::new(config.time_zone, Clock::starting_at(config.clock_start)).now_unix();
    let result = accounts::insert(
        store.pool(),
        &NewAccount {
            display_name: &name,
            phone,
            password_hash: &password_hash,
            site_id: None,
            is_admin: true,
            created_at: now,
            // The operator who runs the command is the one it makes: no notice is shown here.
            privacy_notice: None,
        },
    )
    .await
    .on_constraint("accounts_phone_key", |_| {
        ApiError::Conflict(format!("the phone {phone} already has an account"))
    });
    store.close().await;
    match result {
        Ok(id) => Ok(id),
        Err(ApiError::Conflict(message)) => bail!("{message}; choose another phone"),
        Err(other) => Err(anyhow::Error::from(other)).context("cannot create the administrator"),
    }
}

fn option_name(field: &str) -> &str {
    match field {
        "display_name" => "--name",
        "phone" => "--phone",
        other => other,
    }
}

/// Asks twice at a terminal; otherwise takes the first line of standard input as it is (only
/// the line ending removed), so a script can pipe it in without it showing in `ps` or the
/// environment.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password for the administrator: ")?;
        let again = rpassword::prompt_password("The same password again: ")?;
        if first != again {
            bail!("the two passwords differ; nothing was created");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}
