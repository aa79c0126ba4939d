//! AfterShip Tracking API: tags and subtags onto the normalized status, and signed webhooks.

use crate::config::{join, AfterShipConfig};
use crate::error::CommerceError;
use crate::model::{Checkpoint, Shipment, ShipmentStatus};
use crate::secret::Secret;
use crate::tracker::{header, Tracker};
use crate::webhook::verify_base64_hmac;
use crate::when::parse_time;
use async_trait::async_trait;
use reqwest::header::HeaderMap;
use serde_json::{json, Value};
use std::time::Duration;

/// The API version used when the config names none.
pub const DEFAULT_API_VERSION: &str = "2025-01";
const SERVICE: &str = "AfterShip";
/// `meta.code` when a number is registered twice.
const ALREADY_EXISTS: i64 = 4003;

/// The AfterShip tracker.
pub struct AfterShip {
    base: String,
    key: Secret,
    webhook_secret: Option<Secret>,
    http: reqwest::Client,
}

/// An AfterShip `tag` as the normalized status; unknown tags fall back to in transit.
pub fn map_tag(tag: &str) -> ShipmentStatus {
    match tag {
        "Pending" => ShipmentStatus::Pending,
        "InfoReceived" => ShipmentStatus::InfoReceived,
        "InTransit" => ShipmentStatus::InTransit,
        "OutForDelivery" => ShipmentStatus::OutForDelivery,
        "AttemptFail" => ShipmentStatus::AttemptFail,
        "Delivered" => ShipmentStatus::Delivered,
        "AvailableForPickup" => ShipmentStatus::AvailableForPickup,
        "Exception" => ShipmentStatus::Exception,
        "Expired" => ShipmentStatus::Expired,
        other => {
            // New tags would show up first as new subtag prefixes; key off the prefix.
            let prefix = other.split('_').next().unwrap_or(other);
            if prefix != other {
                map_tag(prefix)
            } else {
                ShipmentStatus::InTransit
            }
        }
    }
}

fn text(v: &Value) -> Option<String> {
    v.as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

fn checkpoint(c: &Value) -> Option<Checkpoint> {
    let at = parse_time(c["checkpoint_time"].as_str()?)?;
    let place = text(&c["location"]).or_else(|| {
        let parts: Vec<String> = ["city", "state", "country_iso3"]
            .iter()
            .filter_map(|k| text(&c[*k]))
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    });
    Some(Checkpoint {
        at,
        place,
        message: text(&c["message"])
            .or_else(|| text(&c["subtag_message"]))
            .unwrap_or_default(),
        status: c["tag"].as_str().map(map_tag),
    })
}

/// An AfterShip tracking object as a normalized shipment.
pub fn shipment_from(t: &Value) -> Result<Shipment, CommerceError> {
    let number = text(&t["tracking_number"])
        .ok_or_else(|| CommerceError::decode(SERVICE, "tracking_number missing"))?;
    let mut checkpoints: Vec<Checkpoint> = t["checkpoints"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(checkpoint)
        .collect();
    checkpoints.sort_by_key(|x| std::cmp::Reverse(x.at));
    let eta = ["latest_estimated_delivery", "first_estimated_delivery"]
        .iter()
        .find_map(|k| {
            parse_time(t[*k]["datetime"].as_str()?)
                .or_else(|| parse_time(t[*k]["datetime_max"].as_str()?))
        })
        .or_else(|| parse_time(t["order_promised_delivery_date"].as_str()?));
    Ok(Shipment {
        carrier: text(&t["slug"]),
        tracking_url: text(&t["courier_tracking_link"]),
        status: t["tag"]
            .as_str()
            .map(map_tag)
            .unwrap_or(ShipmentStatus::Pending),
        sub_status: text(&t["subtag"]),
        last_movement_at: checkpoints.first().map(|c| c.at),
        estimated_delivery: eta,
        pickup_until: None,
        checkpoints,
        tracking_number: number,
    })
}

impl AfterShip {
    /// A client for the configured account.
    pub fn new(cfg: &AfterShipConfig, http: reqwest::Client) -> Result<Self, CommerceError> {
        if cfg.api_key.expose().is_empty() {
            return Err(CommerceError::Config("AfterShip api_key is empty".into()));
        }
        let root = cfg
            .api_base
            .clone()
            .unwrap_or_else(|| "https://api.aftership.com".into());
        Ok(AfterShip {
            base: join(&root, &format!("tracking/{}", cfg.api_version)),
            key: cfg.api_key.clone(),
            webhook_secret: cfg.webhook_secret.clone(),
            http,
        })
    }

    async fn call(&self, req: reqwest::RequestBuilder) -> Result<Value, CommerceError> {
        let resp = req
            .header("as-api-key", self.key.expose())
            .send()
            .await
            .map_err(|e| CommerceError::transport(SERVICE, e))?;
        let status = resp.status().as_u16();
        let reset = resp
            .headers()
            .get("x-ratelimit-reset")
            .and_then(|v| v.to_str().ok()?.parse::<i64>().ok());
        let body = resp
            .text()
            .await
            .map_err(|e| CommerceError::transport(SERVICE, e))?;
        let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
        if (200..300).contains(&status) {
            return Ok(v);
        }
        let message = v["meta"]["message"]
            .as_str()
            .map(String::from)
            .unwrap_or_else(|| body.chars().take(200).collect());
        Err(match status {
            401 | 403 => CommerceError::Auth {
                service: SERVICE.into(),
                detail: message,
            },
            429 => CommerceError::Throttled {
                service: SERVICE.into(),
                retry_after: reset.map(|r| {
                    Duration::from_secs((r - chrono::Utc::now().timestamp()).clamp(1, 3600) as u64)
                }),
            },
            404 => CommerceError::NotFound {
                what: format!("AfterShip: {message}"),
            },
            s if s < 500 && v["meta"]["code"].as_i64() == Some(ALREADY_EXISTS) => {
                CommerceError::UserErrors(vec![format!("{ALREADY_EXISTS}: {message}")])
            }
            s if s < 500 => CommerceError::UserErrors(vec![message]),
            s => CommerceError::Upstream {
                service: SERVICE.into(),
                status: s,
                message,
            },
        })
    }
}

/// The carrier as AfterShip's courier slug ("ups", "royal-mail"), or `None` to let AfterShip detect it.
///
/// Exists because a shop names its carrier for people ("DHL Express", "Cainiao → Correos"), and AfterShip
/// only knows its own slugs: sent as a slug, such a name would find no tracking or be refused. Only a
/// value already shaped like a slug (lower case letters, digits, hyphens) is passed on.
fn slug_of(carrier: Option<&str>) -> Option<&str> {
    carrier.map(str::trim).filter(|c| {
        !c.is_empty()
            && c.chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
    })
}

#[async_trait]
impl Tracker for AfterShip {
    fn name(&self) -> &str {
        "aftership"
    }

    async fn track(
        &self,
        number: &str,
        carrier: Option<&str>,
    ) -> Result<Option<Shipment>, CommerceError> {
        let mut q = vec![("tracking_numbers", number.trim().to_string())];
        if let Some(c) = slug_of(carrier) {
            q.push(("slug", c.to_string()));
        }
        let v = match self
            .call(self.http.get(join(&self.base, "trackings")).query(&q))
            .await
        {
            Err(CommerceError::NotFound { .. }) => return Ok(None),
            other => other?,
        };
        let list = v["data"]["trackings"]
            .as_array()
            .ok_or_else(|| CommerceError::decode(SERVICE, "data.trackings missing"))?;
        list.iter()
            .find(|t| {
                t["tracking_number"]
                    .as_str()
                    .is_some_and(|n| n.eq_ignore_ascii_case(number.trim()))
            })
            .map(shipment_from)
            .transpose()
    }

    async fn register(
        &self,
        number: &str,
        carrier: Option<&str>,
        order_number: Option<&str>,
    ) -> Result<(), CommerceError> {
        let mut body = json!({ "tracking_number": number.trim() });
        if let Some(c) = slug_of(carrier) {
            body["slug"] = json!(c);
        }
        if let Some(o) = order_number {
            body["order_number"] = json!(o);
        }
        match self
            .call(self.http.post(join(&self.base, "trackings")).json(&body))
            .await
        {
            Ok(_) => Ok(()),
            Err(CommerceError::UserErrors(m))
                if m.iter().any(|m| m.starts_with(&ALREADY_EXISTS.to_string())) =>
            {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    fn verify_push(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), CommerceError> {
        let secret = self
            .webhook_secret
            .as_ref()
            .ok_or_else(|| CommerceError::Config("AfterShip webhook_secret is not set".into()))?;
        let given =
            header(headers, "aftership-hmac-sha256").ok_or_else(|| CommerceError::Auth {
                service: SERVICE.into(),
                detail: "the webhook has no aftership-hmac-sha256 header".into(),
            })?;
        if verify_base64_hmac(&[secret.expose().as_bytes()], body, given) {
            Ok(())
        } else {
            Err(CommerceError::Auth {
                service: SERVICE.into(),
                detail: "the webhook signature does not match".into(),
            })
        }
    }

    fn parse_push(&self, body: &[u8]) -> Result<Vec<Shipment>, CommerceError> {
        let v: Value =
            serde_json::from_slice(body).map_err(|e| CommerceError::decode(SERVICE, e))?;
        match &v["msg"] {
            Value::Object(_) => Ok(vec![shipment_from(&v["msg"])?]),
            _ => Err(CommerceError::decode(SERVICE, "the webhook has no msg")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_new_subtags_map_and_are_kept() {
        assert_eq!(map_tag("AttemptFail"), ShipmentStatus::AttemptFail);
        assert_eq!(map_tag("Exception_018"), ShipmentStatus::Exception);
        let t = json!({"tracking_number": "1Z999", "slug": "ups", "tag": "Exception", "subtag": "Exception_017",
            "latest_estimated_delivery": {"type": "specific", "datetime": "2025-11-07"},
            "checkpoints": [{"checkpoint_time": "2025-11-03T09:12:00-05:00", "message": "Weather delay",
                "city": "Memphis", "country_iso3": "USA", "tag": "Exception"},
                {"checkpoint_time": "not a time", "message": "skipped"}]});
        let s = shipment_from(&t).unwrap();
        assert_eq!(s.status, ShipmentStatus::Exception);
        assert_eq!(s.sub_status.as_deref(), Some("Exception_017"));
        assert_eq!(s.checkpoints.len(), 1);
        assert_eq!(s.checkpoints[0].place.as_deref(), Some("Memphis, USA"));
        assert!(s.estimated_delivery.is_some() && s.last_movement_at.is_some());
        assert!(shipment_from(&json!({"tag": "Delivered"})).is_err());
    }
}
