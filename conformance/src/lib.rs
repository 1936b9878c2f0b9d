//! Black-box conformance checks of the station HTTP+JSON contract (`station-wire`), runnable
//! against any backend at a base URL.
//!
//! The checks assume no particular data, only that the backend has a site tree, at least one
//! category and at least one activity within the next 30 days of its own "today". Each check is
//! a [`libtest_mimic::Trial`], so the runner prints cargo-test style lines and fails the process
//! when a check fails. The reference server runs the same list in its own test suite.

mod checks;
mod client;

use std::sync::Arc;

use libtest_mimic::{Failed, Trial};

pub use client::Client;

/// What a check returns: `Err` says, in a sentence, what the backend did wrong.
pub type CheckResult = Result<(), String>;

/// Every check, bound to the backend at `base_url` (e.g. `http://127.0.0.1:8080`).
pub fn checks(base_url: &str) -> Vec<Trial> {
    let client = Arc::new(Client::new(base_url));
    checks::all()
        .into_iter()
        .map(|(name, check)| {
            let client = Arc::clone(&client);
            Trial::test(name, move || check(&client).map_err(Failed::from))
        })
        .collect()
}
