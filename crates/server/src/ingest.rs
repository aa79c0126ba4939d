//! Group commit for webhooks: deliveries that arrive while one batch is being written join the next,
//! so a burst of receipts costs one transaction instead of one each. Each POST still answers only after
//! its own rows are stored.

use tokio::sync::{mpsc, oneshot};

use crate::store::{Delivery, IngestOutcome, Store};

type Job = (Delivery, oneshot::Sender<Result<IngestOutcome, String>>);

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
                match store.record_webhooks(&deliveries).await {
                    Ok(outcomes) => {
                        for (reply, outcome) in replies.into_iter().zip(outcomes) {
                            let _ = reply.send(Ok(outcome));
                        }
                    }
                    Err(e) => {
                        let why = format!("{e:#}");
                        for reply in replies {
                            let _ = reply.send(Err(why.clone()));
                        }
                    }
                }
            }
        });
        Ingester(tx)
    }

    /// Stores one delivery (together with whatever else is waiting) and returns what it changed.
    pub async fn store(&self, delivery: Delivery) -> Result<IngestOutcome, String> {
        let (tx, rx) = oneshot::channel();
        self.0
            .send((delivery, tx))
            .await
            .map_err(|_| "the writer has stopped".to_string())?;
        rx.await.map_err(|_| "the writer has stopped".to_string())?
    }
}
