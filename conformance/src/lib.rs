//! Black-box conformance checks of the station HTTP+JSON contract (`station-wire`), runnable
//! against any backend at a base URL.
//!
//! The checks assume no particular data, only that the backend has a site tree, at least one
//! category and at least one activity within the next 30 days of its own "today". Each check is
//! a [`libtest_mimic::Trial`], so the runner prints cargo-test style lines and fails the process
//! when a check fails. The reference server runs the same list in its own test suite.

mod checks;
mod client;
pub mod images;

use std::sync::Arc;

use libtest_mimic::{Failed, Trial};

pub use client::Client;

/// What a check returns: `Err` says, in a sentence, what the backend did wrong.
pub type CheckResult = Result<(), String>;

/// An administrator's credentials on the backend under test, for the console's checks.
#[derive(Clone, Default)]
pub struct Admin {
    pub phone: String,
    pub password: String,
}

impl Admin {
    /// From `STATION_CONFORMANCE_ADMIN_PHONE` and `STATION_CONFORMANCE_ADMIN_PASSWORD`, when both
    /// are set.
    pub fn from_env() -> Option<Self> {
        let phone = std::env::var("STATION_CONFORMANCE_ADMIN_PHONE").ok()?;
        let password = std::env::var("STATION_CONFORMANCE_ADMIN_PASSWORD").ok()?;
        (!phone.is_empty() && !password.is_empty()).then_some(Admin { phone, password })
    }
}

/// Every check, bound to the backend at `base_url` (e.g. `http://127.0.0.1:8080`); the
/// administrator's checks run with the credentials of [`Admin::from_env`], else are ignored.
pub fn checks(base_url: &str) -> Vec<Trial> {
    checks_with(base_url, Admin::from_env())
}

/// Every check; those that act as the administrator are ignored when `admin` is `None`.
pub fn checks_with(base_url: &str, admin: Option<Admin>) -> Vec<Trial> {
    let client = Arc::new(Client::new(base_url));
    let trial = |name: String, check: checks::Check| {
        let client = Arc::clone(&client);
        Trial::test(name, move || check(&client).map_err(Failed::from))
    };
    let mut trials: Vec<Trial> = checks::all()
        .into_iter()
        .map(|(name, check)| trial(name, check))
        .collect();
    for (name, check) in checks::admin(admin) {
        trials.push(match check {
            Some(check) => trial(name, check),
            None => Trial::test(name, || {
                Err(Failed::from(
                    "needs STATION_CONFORMANCE_ADMIN_PHONE and STATION_CONFORMANCE_ADMIN_PASSWORD",
                ))
            })
            .with_ignored_flag(true),
        });
    }
    trials
}
