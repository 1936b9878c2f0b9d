//! The list of checks, grouped by what they look at.

mod accounts;
mod activity_days;
mod calendar;
mod checkin;
mod console;
mod days;
mod feeds;
mod honors;
mod orders;
mod refusals;
mod screens;
mod signups;
mod station;
mod support;
mod teams;
mod wishes;

use crate::{Admin, CheckResult, Client};

pub type Check = Box<dyn FnOnce(&Client) -> CheckResult + Send>;

/// The checks that act as the administrator; `None` for each when no credentials were given,
/// so that they are reported as ignored rather than passed.
pub fn admin(admin: Option<Admin>) -> Vec<(String, Option<Check>)> {
    match admin {
        Some(admin) => console::admin_checks(admin.clone())
            .into_iter()
            .map(|(name, check)| (format!("console::{name}"), Some(check)))
            .chain(
                honors::admin_checks(admin.clone())
                    .into_iter()
                    .map(|(name, check)| (format!("honors::{name}"), Some(check))),
            )
            .chain(
                wishes::admin_checks(admin.clone())
                    .into_iter()
                    .map(|(name, check)| (format!("wishes::{name}"), Some(check))),
            )
            .chain(
                orders::admin_checks(admin.clone())
                    .into_iter()
                    .map(|(name, check)| (format!("orders::{name}"), Some(check))),
            )
            .chain(
                screens::admin_checks(admin)
                    .into_iter()
                    .map(|(name, check)| (format!("screens::{name}"), Some(check))),
            )
            .collect(),
        None => console::admin_checks(Admin::default())
            .into_iter()
            .map(|(name, _)| format!("console::{name}"))
            .chain(
                honors::admin_checks(Admin::default())
                    .into_iter()
                    .map(|(name, _)| format!("honors::{name}")),
            )
            .chain(
                wishes::admin_checks(Admin::default())
                    .into_iter()
                    .map(|(name, _)| format!("wishes::{name}")),
            )
            .chain(
                orders::admin_checks(Admin::default())
                    .into_iter()
                    .map(|(name, _)| format!("orders::{name}")),
            )
            .chain(
                screens::admin_checks(Admin::default())
                    .into_iter()
                    .map(|(name, _)| format!("screens::{name}")),
            )
            .map(|name| (name, None))
            .collect(),
    }
}

pub fn all() -> Vec<(String, Check)> {
    let mut all: Vec<(String, Check)> = Vec::new();
    let mut add = |name: &str, check: Check| all.push((name.to_owned(), check));
    for (name, check) in station::checks() {
        add(&format!("station::{name}"), check);
    }
    for (name, check) in calendar::checks() {
        add(&format!("activities::{name}"), check);
    }
    for (name, check) in activity_days::checks() {
        add(&format!("activity_days::{name}"), check);
    }
    for (name, check) in days::checks() {
        add(&format!("days::{name}"), check);
    }
    for (name, check) in feeds::checks() {
        add(&format!("feeds::{name}"), check);
    }
    for (name, check) in accounts::checks() {
        add(&format!("accounts::{name}"), check);
    }
    for (name, check) in signups::checks() {
        add(&format!("signups::{name}"), check);
    }
    for (name, check) in checkin::checks() {
        add(&format!("checkin::{name}"), check);
    }
    for (name, check) in teams::checks() {
        add(&format!("teams::{name}"), check);
    }
    for (name, check) in honors::checks() {
        add(&format!("honors::{name}"), check);
    }
    for (name, check) in wishes::checks() {
        add(&format!("wishes::{name}"), check);
    }
    for (name, check) in orders::checks() {
        add(&format!("orders::{name}"), check);
    }
    for (name, check) in screens::checks() {
        add(&format!("screens::{name}"), check);
    }
    for (name, check) in console::checks() {
        add(&format!("console::{name}"), check);
    }
    for (name, check) in refusals::checks() {
        add(&format!("refusals::{name}"), check);
    }
    all
}
