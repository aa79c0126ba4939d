//! WooCommerce through REST v3, over HTTPS only (plain HTTP is allowed to loopback for tests).

mod actions;
mod parse;

use crate::config::{join, WooCommerceConfig};
use crate::error::CommerceError;
use crate::model::Order;
use crate::secret::Secret;
use parse::WooOrder;
use reqwest::{Method, Url};
use serde_json::Value;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

const SERVICE: &str = "WooCommerce";
/// How many result pages a search walks before giving up.
const MAX_PAGES: u32 = 5;

/// A WooCommerce store.
pub struct WooCommerceShop {
    name: String,
    site: String,
    api: String,
    key: Secret,
    secret: Secret,
    http: reqwest::Client,
    done: Mutex<HashMap<String, Value>>,
}

/// Refuses `http://` unless the host is this machine, where nothing crosses a network.
pub fn check_url(url: &str) -> Result<Url, CommerceError> {
    let parsed = Url::parse(url.trim())
        .map_err(|e| CommerceError::Config(format!("WooCommerce url {url:?}: {e}")))?;
    match parsed.scheme() {
        "https" => Ok(parsed),
        "http" => {
            let host = parsed
                .host_str()
                .unwrap_or_default()
                .trim_start_matches('[')
                .trim_end_matches(']');
            let loopback = host.eq_ignore_ascii_case("localhost")
                || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
            if loopback {
                Ok(parsed)
            } else {
                Err(CommerceError::InsecureUrl {
                    url: url.to_string(),
                })
            }
        }
        other => Err(CommerceError::Config(format!(
            "WooCommerce url must be https://, not {other}://"
        ))),
    }
}

impl WooCommerceShop {
    /// A client for the configured store; refuses plain HTTP to anything but loopback.
    pub fn new(cfg: &WooCommerceConfig, http: reqwest::Client) -> Result<Self, CommerceError> {
        let site = check_url(&cfg.url)?;
        let site = site.as_str().trim_end_matches('/').to_string();
        Ok(WooCommerceShop {
            name: cfg.name.clone(),
            api: join(&site, "wp-json/wc/v3"),
            site,
            key: cfg.consumer_key.clone(),
            secret: cfg.consumer_secret.clone(),
            http,
            done: Mutex::new(HashMap::new()),
        })
    }

    /// One REST call; returns the JSON body and the total page count header.
    async fn call(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<Value>,
    ) -> Result<(Value, u32), CommerceError> {
        let mut req = self
            .http
            .request(method, join(&self.api, path))
            .basic_auth(self.key.expose(), Some(self.secret.expose()))
            .query(query);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req
            .send()
            .await
            .map_err(|e| CommerceError::transport(SERVICE, e))?;
        let status = resp.status().as_u16();
        let pages = resp
            .headers()
            .get("x-wp-totalpages")
            .and_then(|v| v.to_str().ok()?.trim().parse().ok())
            .unwrap_or(1);
        let text = resp
            .text()
            .await
            .map_err(|e| CommerceError::transport(SERVICE, e))?;
        let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        if (200..300).contains(&status) {
            return Ok((v, pages));
        }
        Err(rest_error(status, &v, &text))
    }

    async fn fetch(&self, id: &str) -> Result<Option<Value>, CommerceError> {
        match self
            .call(Method::GET, &format!("orders/{id}"), &[], None)
            .await
        {
            Ok((v, _)) => Ok(Some(v)),
            Err(CommerceError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn to_order(&self, v: Value) -> Result<Order, CommerceError> {
        let raw: WooOrder =
            serde_json::from_value(v).map_err(|e| CommerceError::decode(SERVICE, e))?;
        raw.into_order(&self.name, &self.site)
    }

    /// Walks `GET /orders?search=` page by page (X-WP-TotalPages), at most `MAX_PAGES`.
    async fn search(
        &self,
        term: &str,
        stop: impl Fn(&Order) -> bool,
    ) -> Result<Vec<Order>, CommerceError> {
        let mut found = Vec::new();
        let mut page = 1;
        loop {
            let q = [
                ("search", term.to_string()),
                ("status", "any".into()),
                ("per_page", "20".into()),
                ("page", page.to_string()),
            ];
            let (v, pages) = self.call(Method::GET, "orders", &q, None).await?;
            let list = v
                .as_array()
                .ok_or_else(|| CommerceError::decode(SERVICE, "orders is not a list"))?;
            for item in list {
                let o = self.to_order(item.clone())?;
                let last = stop(&o);
                found.push(o);
                if last {
                    return Ok(found);
                }
            }
            if page >= pages.min(MAX_PAGES) {
                return Ok(found);
            }
            page += 1;
        }
    }

    fn remembered<T: serde::de::DeserializeOwned>(&self, key: &str) -> Option<T> {
        serde_json::from_value(self.done.lock().ok()?.get(key)?.clone()).ok()
    }

    fn remember<T: serde::Serialize>(&self, key: &str, v: &T) {
        if let (Ok(mut d), Ok(v)) = (self.done.lock(), serde_json::to_value(v)) {
            d.insert(key.to_string(), v);
        }
    }
}

/// `{code, message, data:{status}}` → the error the desk shows.
fn rest_error(status: u16, v: &Value, text: &str) -> CommerceError {
    let message = v["message"]
        .as_str()
        .map(String::from)
        .unwrap_or_else(|| text.chars().take(200).collect());
    let code = v["code"].as_str().unwrap_or_default();
    match status {
        401 | 403 => CommerceError::Auth {
            service: SERVICE.into(),
            detail: format!("{message} ({code})"),
        },
        404 => CommerceError::NotFound { what: message },
        400 => CommerceError::UserErrors(vec![message]),
        429 | 503 => CommerceError::Throttled {
            service: SERVICE.into(),
            retry_after: None,
        },
        _ => CommerceError::Upstream {
            service: SERVICE.into(),
            status,
            message,
        },
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}
