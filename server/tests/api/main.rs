//! The HTTP API over real HTTP against a real database. One binary (zero2prod's layout) so the
//! suite links once.

#[path = "../common/mod.rs"]
mod common;

mod activities;
mod constraints;
mod demo_data;
mod layers;
mod pagination;
mod static_files;
mod station;
mod validation;
