//! The contract between the station app and any compatible backend.
//!
//! Every type here is what travels over HTTP as JSON under [`API_BASE`]. The app, the reference
//! server and the conformance suite all depend on this crate and on nothing of each other.
//! Times are RFC 3339 with the station's offset; JSON field names are `snake_case`.

pub mod accounts;
pub mod activities;
pub mod audit;
pub mod days;
pub mod feeds;
pub mod honors;
pub mod notices;
pub mod orders;
pub mod page;
pub mod privacy;
pub mod problem;
pub mod reports;
pub mod screens;
pub mod series;
pub mod signups;
pub mod sites;
pub mod staff;
pub mod station;
pub mod teams;
pub mod time;
pub mod wishes;

/// Every endpoint of this version of the contract lives under this prefix.
pub const API_BASE: &str = "/api/v1";

/// The contract's version, reported by `GET /api/v1/station`.
pub const API_VERSION: &str = "1.0.0";
