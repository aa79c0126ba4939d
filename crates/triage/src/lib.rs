//! Triage: reads a shopper's message the way an experienced agent does — which language, which
//! order, which parcel, what went wrong, how urgent, and whether a dispute is coming. Pure, no IO.
//!
//! Build a [`Triager`] once from the store's [`TriageConfig`], then call [`Triager::triage`] for
//! every inbound text or caption; fold the results of one conversation into a [`CaseReading`].
#![forbid(unsafe_code)]

mod config;
mod country;
mod duration;
pub mod eval;
mod jsonl;
mod kind;
mod language;
mod lexicon;
mod missing;
mod notices;
mod numbers;
mod partial;
mod reading;
mod scoring;
mod situation;
mod text;
mod tokens;
mod triager;
mod variants;

pub use config::{ConfigError, OrderPattern, TrackingPattern, TriageConfig};
pub use country::{country_language, country_time_zone, phone_country};
pub use jsonl::run_jsonl;
pub use kind::{ExceptionKind, Priority};
pub use missing::shared_item_words;
pub use numbers::{s10_valid, ups_format};
pub use reading::CaseReading;
pub use situation::Situation;
pub use triager::{Triage, Triager};

/// The labelled development set (JSON Lines), the one the vocabulary was tuned on.
pub const DEV_SET: &str = include_str!("../data/dev.jsonl");

/// The labelled holdout set, written before any tuning and never tuned on.
pub const HOLDOUT_SET: &str = include_str!("../data/holdout.jsonl");

/// A labelled set written after the last tuning round and never tuned on: the fairest estimate
/// of how triage reads messages nobody has seen.
pub const BLIND_SET: &str = include_str!("../data/blind.jsonl");
