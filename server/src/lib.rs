//! The reference backend of the civilization practice station.
//!
//! Everything lives in this library so that the integration tests build the very router that
//! `main.rs` serves: [`startup::Application`] opens the store, loads demo data when asked, builds
//! the [`api::router`] and serves it until a shutdown signal.

pub mod admin;
pub mod api;
pub mod auth;
pub mod backup;
pub mod checkin;
pub mod client_ip;
pub mod clock;
pub mod config;
pub mod error;
pub mod housekeeping;
pub mod photos;
pub mod security_headers;
pub mod startup;
pub mod state;
pub mod static_files;
pub mod store;
pub mod telemetry;
pub mod webhook;

pub use startup::{run, Application};
