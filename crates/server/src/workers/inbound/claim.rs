//! Which desk handles a shopper now: on PostgreSQL several desks store messages, and each shopper's are
//! handled by one of them at a time, in the order they were written.

use std::time::Duration;

use crate::{
    state::AppState,
    store::{PendingInbound, StoreTx},
};

/// Claims the batch's shoppers for this transaction. Several desks may share the database, and each
/// stores what its webhooks bring, so one shopper's messages can be split between them: a claimed
/// shopper's messages are read again inside the claim, all of them in the order they were written,
/// whichever desk stored them. The messages of a shopper another desk is handling right now are
/// returned apart, to be tried again shortly (that desk may already have taken them).
pub(super) async fn claim(
    tx: &mut StoreTx,
    dispatched: Vec<PendingInbound>,
) -> anyhow::Result<(Vec<PendingInbound>, Vec<PendingInbound>)> {
    if !tx.is_postgres() {
        return Ok((dispatched, Vec::new())); // one desk, one writer: the shard's order is the order
    }
    let mut keys: Vec<String> = dispatched.iter().map(|m| m.contact_key.clone()).collect();
    keys.sort();
    keys.dedup();
    let claimed = tx.claim_shoppers(&keys).await?;
    let busy = dispatched
        .into_iter()
        .filter(|m| !claimed.contains(&m.contact_key))
        .collect();
    Ok((tx.unprocessed_of(&claimed).await?, busy))
}

/// How long a message whose shopper another desk holds waits before its worker looks again.
const BUSY_RETRY: Duration = Duration::from_millis(50);

/// Hands messages of shoppers held elsewhere back to their shard after a short wait.
pub(super) fn redispatch_later(app: &AppState, busy: Vec<PendingInbound>) {
    if busy.is_empty() {
        return;
    }
    let dispatcher = app.inbound.clone();
    tokio::spawn(async move {
        tokio::time::sleep(BUSY_RETRY).await;
        for m in busy {
            dispatcher.dispatch(m.id, &m.contact_key);
        }
    });
}
