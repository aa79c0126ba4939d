//! Live events for the agents' screens (server-sent events): what changed, never the message bodies.

use serde::Serialize;

/// Something an agent's screen may want to show at once.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum DeskEvent {
    /// A shopper's message was handled (conversation known).
    InboundMessage {
        conversation_id: i64,
        message_id: i64,
    },
    /// An outbound message was queued.
    OutboundQueued {
        conversation_id: i64,
        message_id: i64,
    },
    /// An outbound message changed state (accepted, failed, retried).
    OutboundChanged { message_id: i64, status: String },
    /// Delivery receipts arrived (sent, delivered, read, failed).
    Receipts { count: usize },
    /// A case changed (new, corrected, replied to, breached, action done…).
    CaseChanged { case_id: i64 },
    /// A conversation's order or parcel information changed.
    OrdersChanged { conversation_id: i64 },
}

/// The bus: cheap to clone; sending never blocks and never fails when nobody listens.
#[derive(Clone)]
pub struct Events(tokio::sync::broadcast::Sender<DeskEvent>);

impl Default for Events {
    fn default() -> Self {
        Events(tokio::sync::broadcast::channel(1024).0)
    }
}

impl Events {
    pub fn publish(&self, e: DeskEvent) {
        let _ = self.0.send(e);
    }
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<DeskEvent> {
        self.0.subscribe()
    }
}
