//! The list of checks, grouped by what they look at.

mod calendar;
mod refusals;
mod station;
mod support;

use crate::{CheckResult, Client};

pub type Check = Box<dyn FnOnce(&Client) -> CheckResult + Send>;

pub fn all() -> Vec<(String, Check)> {
    let mut all: Vec<(String, Check)> = Vec::new();
    let mut add = |name: &str, check: Check| all.push((name.to_owned(), check));
    for (name, check) in station::checks() {
        add(&format!("station::{name}"), check);
    }
    for (name, check) in calendar::checks() {
        add(&format!("activities::{name}"), check);
    }
    for (name, check) in refusals::checks() {
        add(&format!("refusals::{name}"), check);
    }
    all
}
