//! sokhach — the customer book of a Vietnamese trading company, kept clean.
//!
//! The data flows through one module per stage:
//! `ingest` → `normalize` → `matching` → `merge` → `policy` → `output`,
//! with `state` (the SQLite store) keeping runs consistent, and `commands` wiring the stages
//! into subcommands.
//!
//! No `unsafe` code, but for the cache prefetch hint in `cache` (allowed there alone).
#![deny(unsafe_code)]

mod cache;
pub mod cli;
pub mod cli_help;
pub mod commands;
pub mod error;
pub mod i18n;
pub mod ingest;
pub mod keys;
pub mod matching;
pub mod merge;
pub mod model;
pub mod normalize;
pub mod output;
pub mod policy;
pub mod progress;
pub mod state;
pub mod workspace;
