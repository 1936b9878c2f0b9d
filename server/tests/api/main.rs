//! The HTTP API over real HTTP against a real database. One binary (zero2prod's layout) so the
//! suite links once.

#[path = "../common/mod.rs"]
mod common;

mod accounts;
mod activities;
mod audit;
mod authorization;
mod backup;
mod categories;
mod checkin_hours;
mod constraints;
mod demo_data;
mod feeds;
mod fixture;
mod honors;
mod housekeeping;
mod layers;
mod manage_activities;
mod notices;
mod on_behalf;
mod orders;
mod pagination;
mod privacy;
mod reports;
mod revalidation;
mod scale_out;
mod screens;
mod series;
mod setup;
mod shutdown;
mod signups;
mod signups_concurrency;
mod sites;
mod staff;
mod static_files;
mod station;
mod teams;
mod teams_manage;
mod validation;
mod wishes;
