//! 17TRACK API v2.2: register numbers, read `track_info`, and check the webhook `sign`.

use crate::config::{join, SeventeenTrackConfig};
use crate::error::CommerceError;
use crate::model::{Checkpoint, Shipment, ShipmentStatus};
use crate::secret::Secret;
use crate::tracker::{header, Tracker};
use crate::when::parse_time;
use async_trait::async_trait;
use chrono::{Duration, Utc};
use reqwest::header::HeaderMap;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

pub mod page;

const SERVICE: &str = "17TRACK";
/// Top-level codes that mean the key was refused.
const AUTH_CODES: [i64; 3] = [-18010001, -18010002, -18010003];

/// The 17TRACK tracker.
pub struct SeventeenTrack {
    base: String,
    key: Secret,
    webhook_key: Secret,
    http: reqwest::Client,
}

/// A 17TRACK main status as the normalized status.
pub fn map_status(status: &str) -> ShipmentStatus {
    match status {
        "InfoReceived" => ShipmentStatus::InfoReceived,
        "InTransit" => ShipmentStatus::InTransit,
        "Expired" => ShipmentStatus::Expired,
        "AvailableForPickup" => ShipmentStatus::AvailableForPickup,
        "OutForDelivery" => ShipmentStatus::OutForDelivery,
        "DeliveryFailure" => ShipmentStatus::AttemptFail,
        "Delivered" => ShipmentStatus::Delivered,
        "Exception" => ShipmentStatus::Exception,
        _ => ShipmentStatus::Pending, // NotFound and anything new
    }
}

/// SHA-256 hex of `body + "/" + key`, the documented webhook `sign`.
pub fn push_sign(body: &[u8], key: &str) -> String {
    let mut h = Sha256::new();
    h.update(body);
    h.update(b"/");
    h.update(key.as_bytes());
    hex::encode(h.finalize())
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn event(e: &Value) -> Option<Checkpoint> {
    let at = parse_time(e["time_utc"].as_str().or(e["time_iso"].as_str())?)?;
    Some(Checkpoint {
        at,
        place: text(&e["location"]),
        message: text(&e["description"]).unwrap_or_default(),
        status: e["stage"]
            .as_str()
            .filter(|s| !s.is_empty())
            .map(map_status),
    })
}

/// One `gettrackinfo` / webhook item (`{number, carrier, track_info}`) as a shipment.
pub fn shipment_from(item: &Value) -> Result<Shipment, CommerceError> {
    let number =
        text(&item["number"]).ok_or_else(|| CommerceError::decode(SERVICE, "number missing"))?;
    let info = &item["track_info"];
    let latest = &info["latest_status"];
    let mut checkpoints: Vec<Checkpoint> = info["tracking"]["providers"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|p| p["events"].as_array().cloned().unwrap_or_default())
        .filter_map(|e| event(&e))
        .collect();
    checkpoints.sort_by_key(|x| std::cmp::Reverse(x.at));
    checkpoints.dedup_by(|a, b| a.at == b.at && a.message == b.message);
    let metrics = &info["time_metrics"];
    let last = event(&info["latest_event"])
        .map(|c| c.at)
        .or(checkpoints.first().map(|c| c.at))
        .or_else(|| {
            // No event times: fall back on the built-in stall metric.
            metrics["days_after_last_update"]
                .as_i64()
                .and_then(|d| Utc::now().checked_sub_signed(Duration::try_days(d)?))
        });
    let eta = &metrics["estimated_delivery_date"];
    Ok(Shipment {
        carrier: text(&item["carrier"]),
        tracking_url: Some(page::tracking_page(&number, "en")),
        status: latest["status"]
            .as_str()
            .map(map_status)
            .unwrap_or(ShipmentStatus::Pending),
        sub_status: text(&latest["sub_status"]),
        last_movement_at: last,
        estimated_delivery: eta["to"]
            .as_str()
            .or(eta["from"].as_str())
            .and_then(parse_time),
        pickup_until: None,
        checkpoints,
        tracking_number: number,
    })
}

fn item(number: &str, carrier: Option<&str>) -> Value {
    let mut v = json!({ "number": number.trim() });
    if let Some(code) = carrier.and_then(|c| c.trim().parse::<u64>().ok()) {
        v["carrier"] = json!(code);
    }
    v
}

impl SeventeenTrack {
    /// A client for the configured key.
    pub fn new(cfg: &SeventeenTrackConfig, http: reqwest::Client) -> Result<Self, CommerceError> {
        if cfg.api_key.expose().is_empty() {
            return Err(CommerceError::Config("17TRACK api_key is empty".into()));
        }
        Ok(SeventeenTrack {
            base: cfg
                .api_base
                .clone()
                .unwrap_or_else(|| "https://api.17track.net/track/v2.2".into()),
            webhook_key: cfg
                .webhook_key
                .clone()
                .unwrap_or_else(|| cfg.api_key.clone()),
            key: cfg.api_key.clone(),
            http,
        })
    }

    /// Posts a JSON array and returns `data` when the top-level `code` is 0.
    async fn call(&self, endpoint: &str, items: Value) -> Result<Value, CommerceError> {
        let resp = self
            .http
            .post(join(&self.base, endpoint))
            .header("17token", self.key.expose())
            .json(&items)
            .send()
            .await
            .map_err(|e| CommerceError::transport(SERVICE, e))?;
        let status = resp.status().as_u16();
        let body = resp
            .text()
            .await
            .map_err(|e| CommerceError::transport(SERVICE, e))?;
        match status {
            429 => {
                return Err(CommerceError::Throttled {
                    service: SERVICE.into(),
                    retry_after: Some(std::time::Duration::from_secs(1)),
                })
            }
            401 | 403 => {
                return Err(CommerceError::Auth {
                    service: SERVICE.into(),
                    detail: format!("HTTP {status}"),
                })
            }
            s if !(200..300).contains(&s) => {
                return Err(CommerceError::Upstream {
                    service: SERVICE.into(),
                    status: s,
                    message: body.chars().take(200).collect(),
                })
            }
            _ => {}
        }
        envelope(status, &body)
    }
}

/// The `{code, data}` envelope: `data` when `code` is 0, else the reason.
fn envelope(status: u16, body: &str) -> Result<Value, CommerceError> {
    let v: Value = serde_json::from_str(body).map_err(|e| CommerceError::decode(SERVICE, e))?;
    let code = v["code"]
        .as_i64()
        .ok_or_else(|| CommerceError::decode(SERVICE, "no code in the answer"))?;
    if code == 0 {
        return Ok(v["data"].clone());
    }
    let message = v["data"]["errors"][0]["message"]
        .as_str()
        .or(v["message"].as_str())
        .unwrap_or("refused")
        .to_string();
    if AUTH_CODES.contains(&code) {
        Err(CommerceError::Auth {
            service: SERVICE.into(),
            detail: format!("{code}: {message}"),
        })
    } else {
        Err(CommerceError::Upstream {
            service: SERVICE.into(),
            status,
            message: format!("{code}: {message}"),
        })
    }
}

fn rejection(data: &Value, number: &str) -> Option<(i64, String)> {
    data["rejected"]
        .as_array()?
        .iter()
        .find(|r| r["number"].as_str() == Some(number))
        .map(|r| {
            (
                r["error"]["code"].as_i64().unwrap_or(0),
                r["error"]["message"]
                    .as_str()
                    .unwrap_or("rejected")
                    .to_string(),
            )
        })
}

#[async_trait]
impl Tracker for SeventeenTrack {
    fn name(&self) -> &str {
        "17track"
    }

    /// `Ok(None)` when 17TRACK rejects the number (usually: not registered yet).
    async fn track(
        &self,
        number: &str,
        carrier: Option<&str>,
    ) -> Result<Option<Shipment>, CommerceError> {
        let number = number.trim();
        let data = self
            .call("gettrackinfo", json!([item(number, carrier)]))
            .await?;
        if let Some((code, message)) = rejection(&data, number) {
            tracing::info!(number, code, message, "17TRACK has no info for this number");
            return Ok(None);
        }
        data["accepted"]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["number"].as_str() == Some(number)))
            .map(shipment_from)
            .transpose()
    }

    /// Registering a number already registered is not an error.
    async fn register(
        &self,
        number: &str,
        carrier: Option<&str>,
        order_number: Option<&str>,
    ) -> Result<(), CommerceError> {
        let number = number.trim();
        let mut one = item(number, carrier);
        if let Some(o) = order_number {
            one["tag"] = json!(o);
        }
        let data = self.call("register", json!([one])).await?;
        match rejection(&data, number) {
            None => Ok(()),
            Some((_, m)) if m.to_lowercase().contains("already") => Ok(()),
            Some((code, m)) => Err(CommerceError::UserErrors(vec![format!(
                "{number}: {m} ({code})"
            )])),
        }
    }

    fn verify_push(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), CommerceError> {
        let given = header(headers, "sign").ok_or_else(|| CommerceError::Auth {
            service: SERVICE.into(),
            detail: "the webhook has no sign header".into(),
        })?;
        let expected = push_sign(body, self.webhook_key.expose());
        if expected
            .as_bytes()
            .ct_eq(given.to_ascii_lowercase().as_bytes())
            .into()
        {
            Ok(())
        } else {
            Err(CommerceError::Auth {
                service: SERVICE.into(),
                detail: "the webhook sign does not match".into(),
            })
        }
    }

    fn parse_push(&self, body: &[u8]) -> Result<Vec<Shipment>, CommerceError> {
        let v: Value =
            serde_json::from_slice(body).map_err(|e| CommerceError::decode(SERVICE, e))?;
        match v["event"].as_str() {
            Some("TRACKING_UPDATED") => Ok(vec![shipment_from(&v["data"])?]),
            Some(_) => Ok(Vec::new()),
            None => Err(CommerceError::decode(SERVICE, "the webhook has no event")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_push_parses_with_its_stall_metric() {
        let body = br##"{"event":"TRACKING_UPDATED","data":{"number":"RR123456789CN","carrier":3011,"tag":"#1001",
 "track_info":{"latest_status":{"status":"InTransit","sub_status":"InTransit_Arrival"},
  "latest_event":{"time_utc":"2025-11-01T06:30:00Z","description":"Arrived at facility"},
  "time_metrics":{"days_after_last_update":6,"estimated_delivery_date":{"source":"Official","from":null,"to":null}}}}}"##;
        let cfg = SeventeenTrackConfig {
            api_key: "k".into(),
            webhook_key: None,
            api_base: None,
        };
        let t = SeventeenTrack::new(&cfg, reqwest::Client::new()).unwrap();
        let mut h = HeaderMap::new();
        h.insert("sign", push_sign(body, "k").parse().unwrap());
        assert!(t.verify_push(&h, body).is_ok());
        assert!(t.verify_push(&h, b"{}").is_err());
        let s = t.parse_push(body).unwrap();
        assert_eq!(s[0].status, ShipmentStatus::InTransit);
        assert_eq!(s[0].carrier.as_deref(), Some("3011"));
        assert_eq!(s[0].sub_status.as_deref(), Some("InTransit_Arrival"));
        assert_eq!(map_status("DeliveryFailure"), ShipmentStatus::AttemptFail);
        assert!(t
            .parse_push(br#"{"event":"TRACKING_STOPPED","data":{"number":"X"}}"#)
            .unwrap()
            .is_empty());
    }
}
