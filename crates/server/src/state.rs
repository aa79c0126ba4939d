//! The one cheap, cloneable state every route and worker shares, built once at start-up.

use std::{path::PathBuf, sync::Arc};

use tokio::sync::Notify;

use crate::{
    config::Config, metrics::Metrics, numbers::Numbers, store::Store, workers::inbound::Dispatcher,
};

#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub store: Store,
    pub numbers: Numbers,
    pub metrics: Arc<Metrics>,
    pub inbound: Dispatcher,
    /// Wakes the sender when something was queued.
    pub outbox_wake: Arc<Notify>,
    /// Wakes the actions worker when a pending action (a shopper's tap) was written.
    pub actions_wake: Arc<Notify>,
    pub http: reqwest::Client,
    pub media_dir: PathBuf,
    /// Reads every inbound text: language, order and tracking numbers, kind, priority, escalation.
    pub triager: Arc<lifeline_triage::Triager>,
    /// Live events for the agents' screens.
    pub events: crate::events::Events,
    /// The shops and the carrier tracker.
    pub commerce: crate::orders::Commerce,
    /// SLA clocks, compensation policy, playbook texts, quiet hours.
    pub desk: Arc<crate::cases::DeskRuntime>,
    /// Approved templates per number (synced and configured).
    pub templates: Arc<crate::templates::Templates>,
    /// Writes webhook deliveries together (group commit).
    pub ingest: crate::ingest::Ingester,
    /// The supervised workers, as `/readyz` and `/metrics` show them.
    pub workers: Arc<crate::supervise::Roster>,
    /// The desk's stop signal: endless responses (the live event stream) end on it, so a stop does
    /// not wait for the agents' open tabs.
    pub stopping: tokio_util::sync::CancellationToken,
}
