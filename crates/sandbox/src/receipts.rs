//! Status webhooks for business messages: `sent`, `delivered`, `read` and `failed`, timed like a real phone.

use std::time::Duration;

use rand::Rng;
use serde_json::{json, Map, Value};

use crate::graph_error::GraphError;
use crate::identity::insert_some;
use crate::model::{SentRecord, SimEvent, StatusChange};
use crate::state::unix_now;
use crate::Sandbox;

/// What becomes of a message the API just accepted.
#[derive(Clone, Debug)]
pub(crate) enum Fate {
    /// It fails later with this error (131047 outside the window, 131009 for a bad reaction).
    Fail(GraphError),
    /// Only `sent` (reactions).
    SentOnly,
    /// `sent`, then `delivered` and `read` when the phone shows it (or on their own with `auto_receipts`).
    Deliver,
}

fn rank(status: &str) -> u8 {
    match status {
        "sent" => 1,
        "delivered" => 2,
        "read" | "played" => 3,
        "failed" => 9,
        _ => 0,
    }
}

impl Sandbox {
    /// Plays out a freshly accepted message's statuses in the background, in order, after the receipt delay.
    pub(crate) fn schedule_fate(&self, wamid: &str, fate: Fate) {
        let sb = self.clone();
        let wamid = wamid.to_string();
        let auto = self.config().auto_receipts;
        let lag = self.receipt_lag();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(8) + lag).await;
            match fate {
                Fate::Fail(err) => sb.emit_status(&wamid, "failed", Some(&err)),
                Fate::SentOnly => sb.emit_status(&wamid, "sent", None),
                Fate::Deliver => {
                    sb.emit_status(&wamid, "sent", None);
                    if auto {
                        tokio::time::sleep(Duration::from_millis(25)).await;
                        sb.phone_shows(std::slice::from_ref(&wamid), Duration::from_millis(60))
                            .await;
                    }
                }
            }
        });
    }

    /// How long this message's receipts are held: uniform in [0, `receipt_delay_max`].
    fn receipt_lag(&self) -> Duration {
        let max = self.config().receipt_delay_max;
        if max.is_zero() {
            return Duration::ZERO;
        }
        let ms = self
            .inner
            .rng
            .lock()
            .map(|mut r| r.gen_range(0..=max.as_millis() as u64))
            .unwrap_or(0);
        Duration::from_millis(ms)
    }

    /// The shopper's phone displays these business messages: `delivered` now, `read` after `read_after`
    /// (under chaos, sometimes `read` alone).
    pub(crate) async fn phone_shows(&self, wamids: &[String], read_after: Duration) {
        let mut to_read = Vec::new();
        for wamid in wamids {
            let skip_delivered = self.chance(self.config().chaos.read_without_delivered);
            if !skip_delivered {
                self.emit_status(wamid, "delivered", None);
            }
            to_read.push(wamid.clone());
        }
        tokio::time::sleep(read_after).await;
        for wamid in &to_read {
            self.emit_status(wamid, "read", None);
        }
    }

    /// Records a status on the message and sends its webhook; never moves a message backwards.
    pub(crate) fn emit_status(&self, wamid: &str, status: &str, error: Option<&GraphError>) {
        let now = unix_now();
        let (number, value, to) = {
            let mut state = self.state();
            let Some(record) = state.sent.get_mut(wamid) else {
                return;
            };
            let reached = record
                .statuses
                .iter()
                .map(|s| rank(&s.status))
                .max()
                .unwrap_or(0);
            if rank(status) <= reached || reached == rank("failed") {
                return;
            }
            if record.kind == "reaction" && status != "sent" && status != "failed" {
                return;
            }
            let priced = status == "sent" || !record.statuses.iter().any(|s| s.status != "sent");
            let value = status_object(record, status, now, error, priced && status != "failed");
            record.statuses.push(StatusChange {
                status: status.to_string(),
                timestamp: now,
            });
            if let Some(err) = error {
                record.error_code = Some(err.code);
            }
            let out = (record.phone_number_id.clone(), value, record.to.clone());
            state.stats.statuses_emitted += 1;
            out
        };
        self.enqueue(&number, json!({"statuses": [value]}), true);
        self.publish(SimEvent::Status {
            wamid: wamid.to_string(),
            to,
            status: status.to_string(),
            error_code: error.map(|e| e.code),
        });
    }
}

/// One `statuses[]` element as Meta writes it.
fn status_object(
    record: &SentRecord,
    status: &str,
    now: i64,
    error: Option<&GraphError>,
    priced: bool,
) -> Value {
    let meta = &record.meta;
    let mut obj = Map::new();
    obj.insert("id".into(), json!(record.wamid));
    obj.insert("status".into(), json!(status));
    obj.insert("timestamp".into(), json!(now.to_string()));
    insert_some(&mut obj, "recipient_id", &meta.recipient_phone);
    obj.insert("recipient_user_id".into(), json!(meta.recipient_user_id));
    insert_some(
        &mut obj,
        "recipient_parent_user_id",
        &meta.recipient_parent_user_id,
    );
    if let Some(cb) = &meta.callback {
        obj.insert("biz_opaque_callback_data".into(), json!(cb));
    }
    if let Some(err) = error {
        obj.insert("errors".into(), json!([err.status_error()]));
        return Value::Object(obj);
    }
    if priced && record.kind != "reaction" {
        let kind = if meta.free {
            "free_customer_service"
        } else {
            "regular"
        };
        if meta.version_major < 24 {
            obj.insert(
                "conversation".into(),
                json!({
                    "id": conversation_id(&record.wamid),
                    "expiration_timestamp": (record.accepted_unix + 86_400).to_string(),
                    "origin": {"type": meta.category},
                }),
            );
        }
        obj.insert(
            "pricing".into(),
            json!({"billable": !meta.free, "pricing_model": "PMP", "type": kind, "category": meta.category}),
        );
    }
    Value::Object(obj)
}

fn conversation_id(wamid: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(wamid.as_bytes())[..16])
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::{Sandbox, SimConfig};

    fn sandbox(max: Duration) -> Sandbox {
        let mut config = SimConfig::demo("http://127.0.0.1:9/webhooks", "http://127.0.0.1:9");
        config.receipt_delay_max = max;
        Sandbox::new(config)
    }

    #[tokio::test]
    async fn receipts_are_held_no_longer_than_the_configured_maximum() {
        let sb = sandbox(Duration::from_millis(300));
        let lags: Vec<Duration> = (0..200).map(|_| sb.receipt_lag()).collect();
        assert!(lags.iter().all(|l| *l <= Duration::from_millis(300)));
        assert!(
            lags.iter().any(|l| *l > Duration::from_millis(150)),
            "spread over the range"
        );
    }

    #[tokio::test]
    async fn without_a_maximum_receipts_go_out_at_once() {
        let sb = sandbox(Duration::ZERO);
        assert_eq!(sb.receipt_lag(), Duration::ZERO);
    }

    #[test]
    fn a_retry_schedule_for_a_span_covers_it_in_short_steps() {
        let schedule = SimConfig::retry_for(Duration::from_secs(60));
        assert!(schedule.iter().sum::<Duration>() >= Duration::from_secs(60));
        assert!(schedule.iter().all(|d| *d <= Duration::from_secs(5)));
    }
}
