//! Lifeline: a self-hosted WhatsApp desk for the order exceptions of cross-border retailers.
#![forbid(unsafe_code)]

pub mod app;
pub mod bench;
pub mod cases;
pub mod cli;
pub mod config;
pub mod events;
pub mod http;
pub mod ingest;
pub mod leases;
pub mod metrics;
pub mod numbers;
pub mod orders;
pub mod outbox;
pub mod proxies;
pub mod sandbox;
pub mod state;
pub mod store;
pub mod supervise;
pub mod telemetry;
pub mod templates;
pub mod web;
pub mod workers;
