//! The desk: cases, playbooks, compensation policy, clocks, quiet hours and tone, as pure decisions.
//!
//! Everything here is plain functions over plain data: no database, no network, no clock (callers pass `now`).
#![forbid(unsafe_code)]

pub mod remedy;
pub use remedy::{Remedy, Role};

// Rules: what may happen and when.
pub mod case;
pub mod clocks;
pub mod followup;
pub mod missing;
pub mod ownership;
pub mod policy;
pub mod quiet_hours;
pub mod staffed_hours;
pub mod templates;

// Words: what the shopper reads, and how the agent's draft sounds.
pub mod ack;
pub mod address;
pub mod canned;
pub mod money;
pub mod playbook;
pub mod situation;
pub mod tone;
