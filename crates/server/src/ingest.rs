//! Group commit for webhooks: deliveries that arrive while one batch is being written join the next,
//! so a burst of receipts costs one transaction instead of one each. Each POST still answers only after
//! its own rows are stored, and learns its own fate: a delivery the database refuses fails alone
//! (`Store::record_webhooks` writes the members of a failed group one by one).

use tokio::sync::{mpsc, oneshot};

use crate::store::{Delivery, IngestOutcome, NotStored, Store};

type Job = (Delivery, oneshot::Sender<Result<IngestOutcome, NotStored>>);

/// Hands deliveries to the writer task.
#[derive(Clone)]
pub struct Ingester(mpsc::Sender<Job>);

/// The most deliveries written together.
const BATCH: usize = 256;

impl Ingester {
    /// Starts the writer task.
    pub fn start(store: Store) -> Ingester {
        let (tx, mut rx) = mpsc::channel::<Job>(4096);
        tokio::spawn(async move {
            while let Some(first) = rx.recv().await {
                let mut jobs = vec![first];
                while jobs.len() < BATCH {
                    match rx.try_recv() {
                        Ok(job) => jobs.push(job),
                        Err(_) => break,
                    }
                }
                let (deliveries, replies): (Vec<Delivery>, Vec<_>) = jobs.into_iter().unzip();
                let results = store.record_webhooks(deliveries).await;
                for (reply, result) in replies.into_iter().zip(results) {
                    let _ = reply.send(result);
                }
            }
        });
        Ingester(tx)
    }

    /// Stores one delivery (together with whatever else is waiting) and returns what it changed.
    pub async fn store(&self, delivery: Delivery) -> Result<IngestOutcome, NotStored> {
        let stopped = || NotStored::Unavailable("the writer has stopped".to_string());
        let (tx, rx) = oneshot::channel();
        self.0.send((delivery, tx)).await.map_err(|_| stopped())?;
        rx.await.map_err(|_| stopped())?
    }
}
