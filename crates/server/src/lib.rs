//! Lifeline: a self-hosted WhatsApp desk for the order exceptions of cross-border retailers.
#![forbid(unsafe_code)]

pub mod config;
pub mod store;
