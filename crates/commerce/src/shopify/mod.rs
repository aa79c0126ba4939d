//! Shopify through the Admin GraphQL API, on a pinned version, with cost-based throttling.

mod actions;
mod parse;
mod queries;
mod webhook;

pub use webhook::{parse_shopify_order_webhook, ShopifyDelivery};

use crate::config::{join, ShopifyConfig};
use crate::error::CommerceError;
use crate::secret::Secret;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The version used when the config names none.
pub const DEFAULT_API_VERSION: &str = "2025-10";
const SERVICE: &str = "Shopify";

/// A Shopify store.
pub struct ShopifyShop {
    name: String,
    shop: String,
    endpoint: String,
    token: Secret,
    version: String,
    http: reqwest::Client,
    bucket: Mutex<Bucket>,
    /// How many times a THROTTLED answer is waited out before giving up.
    pub max_retries: u32,
    /// The longest single wait for the bucket to refill.
    pub max_wait: Duration,
    scopes: tokio::sync::OnceCell<Vec<String>>,
    /// Results of actions already done, by idempotency key (this process only).
    done: Mutex<HashMap<String, Value>>,
}

/// What the last answer said about the leaky bucket.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    available: f64,
    maximum: f64,
    restore_rate: f64,
    last_cost: f64,
    seen: Option<Instant>,
}

impl Bucket {
    /// How long to wait before a query of the last size fits, from the last reading.
    fn wait(&self) -> Duration {
        let Some(seen) = self.seen else {
            return Duration::ZERO;
        };
        if self.restore_rate <= 0.0 {
            return Duration::ZERO;
        }
        let now =
            (self.available + seen.elapsed().as_secs_f64() * self.restore_rate).min(self.maximum);
        let missing = self.last_cost - now;
        if missing > 0.0 {
            seconds(missing / self.restore_rate)
        } else {
            Duration::ZERO
        }
    }
}

/// What one round trip produced.
enum Answer {
    Data(Value),
    Throttled(Duration),
}

impl ShopifyShop {
    /// A client for the configured store; nothing is sent until the first call.
    pub fn new(cfg: &ShopifyConfig, http: reqwest::Client) -> Result<Self, CommerceError> {
        let version = cfg.api_version.trim().to_string();
        let valid = version == "unstable"
            || (version.len() == 7
                && version.as_bytes()[4] == b'-'
                && version.replace('-', "").bytes().all(|b| b.is_ascii_digit()));
        if !valid {
            return Err(CommerceError::Config(format!(
                "Shopify api_version {version:?} is not like \"2025-10\""
            )));
        }
        if cfg.shop.trim().is_empty() || cfg.access_token.expose().is_empty() {
            return Err(CommerceError::Config(format!(
                "store {}: shop and access_token are required",
                cfg.name
            )));
        }
        let shop = cfg
            .shop
            .trim()
            .trim_end_matches(".myshopify.com")
            .to_string();
        let base = cfg
            .api_base
            .clone()
            .unwrap_or_else(|| format!("https://{shop}.myshopify.com"));
        tracing::info!(store = %cfg.name, api_version = %version, "Shopify connector pinned");
        Ok(ShopifyShop {
            name: cfg.name.clone(),
            endpoint: join(&base, &format!("admin/api/{version}/graphql.json")),
            shop,
            token: cfg.access_token.clone(),
            version,
            http,
            bucket: Mutex::new(Bucket {
                available: 0.0,
                maximum: 0.0,
                restore_rate: 0.0,
                last_cost: 0.0,
                seen: None,
            }),
            max_retries: 3,
            max_wait: Duration::from_secs(10),
            scopes: tokio::sync::OnceCell::new(),
            done: Mutex::new(HashMap::new()),
        })
    }

    /// True when the pinned version is `min` ("2026-01") or later.
    pub fn version_at_least(&self, min: &str) -> bool {
        self.version == "unstable" || self.version.as_str() >= min
    }

    fn bucket(&self) -> std::sync::MutexGuard<'_, Bucket> {
        match self.bucket.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    /// Runs one GraphQL document, waiting out throttling; returns `data`.
    pub(crate) async fn graphql(
        &self,
        query: &str,
        variables: Value,
    ) -> Result<Value, CommerceError> {
        let body = json!({ "query": query, "variables": variables });
        let mut attempt = 0;
        loop {
            let wait = self.bucket().wait().min(self.max_wait);
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
            match self.round_trip(&body).await? {
                Answer::Data(data) => return Ok(data),
                Answer::Throttled(wait) if attempt < self.max_retries => {
                    attempt += 1;
                    tracing::info!(store = %self.name, wait_ms = wait.as_millis() as u64, "Shopify throttled; waiting");
                    tokio::time::sleep(wait.min(self.max_wait)).await;
                }
                Answer::Throttled(wait) => {
                    return Err(CommerceError::Throttled {
                        service: SERVICE.into(),
                        retry_after: Some(wait),
                    })
                }
            }
        }
    }

    async fn round_trip(&self, body: &Value) -> Result<Answer, CommerceError> {
        let resp = self
            .http
            .post(&self.endpoint)
            .header("X-Shopify-Access-Token", self.token.expose())
            .json(body)
            .send()
            .await
            .map_err(|e| CommerceError::transport(SERVICE, e))?;
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()?.parse::<f64>().ok())
            .map(seconds);
        let text = resp
            .text()
            .await
            .map_err(|e| CommerceError::transport(SERVICE, e))?;
        let parsed: Option<Value> = serde_json::from_str(&text).ok();
        if let Some(v) = &parsed {
            self.note_cost(v);
        }
        if status == 429 {
            return Ok(Answer::Throttled(
                retry_after.unwrap_or(Duration::from_secs(1)),
            ));
        }
        if status != 200 {
            return Err(http_error(status, parsed.as_ref(), &text));
        }
        let v = parsed.ok_or_else(|| CommerceError::decode(SERVICE, "the answer is not JSON"))?;
        if let Some(errors) = v
            .get("errors")
            .and_then(Value::as_array)
            .filter(|e| !e.is_empty())
        {
            return graphql_errors(errors, &v).map(Answer::Throttled);
        }
        match v.get("data") {
            Some(d) if !d.is_null() => Ok(Answer::Data(d.clone())),
            _ => Err(CommerceError::decode(SERVICE, "the answer has no data")),
        }
    }

    fn note_cost(&self, v: &Value) {
        let cost = &v["extensions"]["cost"];
        let ts = &cost["throttleStatus"];
        let (Some(available), Some(restore)) = (
            ts["currentlyAvailable"].as_f64(),
            ts["restoreRate"].as_f64(),
        ) else {
            return;
        };
        let mut b = self.bucket();
        b.available = available;
        b.restore_rate = restore;
        b.maximum = ts["maximumAvailable"].as_f64().unwrap_or(available);
        b.last_cost = cost["requestedQueryCost"].as_f64().unwrap_or(b.last_cost);
        b.seen = Some(Instant::now());
    }

    /// Scopes granted to the app, asked once.
    async fn scopes(&self) -> Result<&Vec<String>, CommerceError> {
        self.scopes
            .get_or_try_init(|| async {
                let data = self.graphql(queries::ACCESS_SCOPES, json!({})).await?;
                let list = data["currentAppInstallation"]["accessScopes"]
                    .as_array()
                    .ok_or_else(|| CommerceError::decode(SERVICE, "accessScopes missing"))?;
                Ok(list
                    .iter()
                    .filter_map(|s| s["handle"].as_str().map(String::from))
                    .collect())
            })
            .await
    }
}

/// Seconds from the network as a duration: negative or NaN is zero, huge is an hour.
fn seconds(s: f64) -> Duration {
    if s.is_nan() || s <= 0.0 {
        return Duration::ZERO;
    }
    Duration::try_from_secs_f64(s.min(3600.0)).unwrap_or(Duration::from_secs(3600))
}

/// Non-200 statuses, in the words a retailer needs.
fn http_error(status: u16, parsed: Option<&Value>, text: &str) -> CommerceError {
    let detail = parsed
        .and_then(|v| v.get("errors"))
        .map(|e| match e {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .unwrap_or_else(|| text.chars().take(200).collect());
    let message = match status {
        401 | 403 => {
            return CommerceError::Auth {
                service: SERVICE.into(),
                detail: format!("HTTP {status}: {detail}"),
            }
        }
        402 => format!("the shop is frozen for an unpaid Shopify bill ({detail})"),
        404 => format!("no such shop or API version ({detail})"),
        423 => format!("the shop is locked by Shopify ({detail})"),
        _ => detail,
    };
    CommerceError::Upstream {
        service: SERVICE.into(),
        status,
        message,
    }
}

/// Top-level `errors[]`: THROTTLED gives the wait; anything else becomes an error.
fn graphql_errors(errors: &[Value], whole: &Value) -> Result<Duration, CommerceError> {
    let code = |e: &Value| {
        e["extensions"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    if errors.iter().any(|e| code(e) == "THROTTLED") {
        let cost = &whole["extensions"]["cost"];
        let ts = &cost["throttleStatus"];
        let need = cost["requestedQueryCost"].as_f64().unwrap_or(0.0)
            - ts["currentlyAvailable"].as_f64().unwrap_or(0.0);
        let rate = ts["restoreRate"]
            .as_f64()
            .filter(|r| *r > 0.0)
            .unwrap_or(50.0);
        return Ok(seconds(need / rate).clamp(Duration::from_millis(50), Duration::from_secs(60)));
    }
    let messages: Vec<String> = errors
        .iter()
        .map(|e| e["message"].as_str().unwrap_or("unknown error").to_string())
        .collect();
    if errors.iter().any(|e| code(e) == "ACCESS_DENIED") {
        return Err(CommerceError::Auth {
            service: SERVICE.into(),
            detail: messages.join("; "),
        });
    }
    let request_id = errors
        .iter()
        .find_map(|e| e["extensions"]["requestId"].as_str());
    let mut message = messages.join("; ");
    if let Some(id) = request_id {
        message.push_str(&format!(" (request id {id})"));
    }
    Err(CommerceError::Upstream {
        service: SERVICE.into(),
        status: 200,
        message,
    })
}

/// Mutation `userErrors` (HTTP 200) as one error listing each "field: message".
pub(crate) fn user_errors(payload: &Value) -> Result<(), CommerceError> {
    let Some(list) = payload["userErrors"].as_array().filter(|l| !l.is_empty()) else {
        return Ok(());
    };
    Err(CommerceError::UserErrors(
        list.iter()
            .map(|e| {
                let msg = e["message"].as_str().unwrap_or("refused");
                match e["field"].as_array() {
                    Some(f) if !f.is_empty() => {
                        let path: Vec<&str> = f.iter().filter_map(Value::as_str).collect();
                        format!("{}: {msg}", path.join("."))
                    }
                    _ => msg.to_string(),
                }
            })
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_low_bucket_means_waiting_for_the_restore_rate() {
        let mut b = Bucket {
            available: 100.0,
            maximum: 1000.0,
            restore_rate: 50.0,
            last_cost: 600.0,
            seen: Some(Instant::now()),
        };
        let wait = b.wait();
        assert!(
            wait > Duration::from_millis(9_900) && wait <= Duration::from_secs(10),
            "{wait:?}"
        );
        b.available = 900.0;
        assert_eq!(b.wait(), Duration::ZERO);
        b.restore_rate = 1e-300;
        b.available = f64::NAN;
        assert!(
            b.wait() <= Duration::from_secs(3600),
            "hostile numbers cannot panic"
        );
        assert_eq!(seconds(-1.0), Duration::ZERO);
        b.seen = None;
        b.available = 0.0;
        assert_eq!(b.wait(), Duration::ZERO, "no reading yet, no wait");
    }

    #[test]
    fn throttled_errors_give_the_documented_wait() {
        let body: Value = serde_json::from_str(
            r#"{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],
             "extensions":{"cost":{"requestedQueryCost":752,"actualQueryCost":null,
               "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":120,"restoreRate":100.0}}}}"#,
        )
        .unwrap();
        let wait = graphql_errors(body["errors"].as_array().unwrap(), &body).unwrap();
        assert_eq!(wait, Duration::from_secs_f64(6.32));
        let denied: Value = serde_json::json!([{ "message": "Access denied for orders field.", "extensions": { "code": "ACCESS_DENIED" } }]);
        assert!(matches!(
            graphql_errors(denied.as_array().unwrap(), &Value::Null),
            Err(CommerceError::Auth { .. })
        ));
    }
}
