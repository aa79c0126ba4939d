//! One error type for every connector, worded so the desk can show the reason to an agent as is.

use std::time::Duration;

/// Why a shop or tracker call failed, in words a retailer can act on.
#[derive(Debug, thiserror::Error)]
pub enum CommerceError {
    /// The thing asked for does not exist on the other side.
    #[error("{what} was not found")]
    NotFound { what: String },
    /// Shopify hides orders older than 60 days from apps without `read_all_orders`.
    #[error(
        "order {number} was not found; Shopify only lets this app see orders from the last 60 days \
         (the read_all_orders permission is not granted), so if the order is older, ask the store \
         owner to grant read_all_orders or look it up in the Shopify admin"
    )]
    TooOld { number: String },
    /// The credentials were missing, wrong or lack a permission.
    #[error("{service} refused our credentials: {detail}")]
    Auth { service: String, detail: String },
    /// The service asked us to slow down and our patience ran out.
    #[error("{service} is rate limiting us{}", retry_hint(.retry_after))]
    Throttled {
        service: String,
        retry_after: Option<Duration>,
    },
    /// The service understood the request and refused it (Shopify `userErrors`, WooCommerce 400s).
    #[error("the request was refused: {}", .0.join("; "))]
    UserErrors(Vec<String>),
    /// WooCommerce keys would travel in clear text.
    #[error(
        "refusing to send WooCommerce keys over plain HTTP to {url}: the REST API needs https:// \
         (plain HTTP would need OAuth 1.0a, which Lifeline does not do)"
    )]
    InsecureUrl { url: String },
    /// The service answered with an error status we cannot fix by retrying at once.
    #[error("{service} answered HTTP {status}: {message}")]
    Upstream {
        service: String,
        status: u16,
        message: String,
    },
    /// The service could not be reached (DNS, TLS, timeout, connection reset).
    #[error("could not reach {service}: {detail}")]
    Transport { service: String, detail: String },
    /// The answer was not in the shape the documentation promises.
    #[error("could not understand {service}'s answer: {detail}")]
    Decode { service: String, detail: String },
    /// This connector cannot do that (for example a push webhook on the file tracker).
    #[error("not supported: {0}")]
    Unsupported(String),
    /// The configuration cannot work as written.
    #[error("configuration problem: {0}")]
    Config(String),
    /// The file store's file or journal could not be read or written.
    #[error("file store {path}: {detail}")]
    Io { path: String, detail: String },
}

fn retry_hint(after: &Option<Duration>) -> String {
    match after {
        Some(d) => format!("; try again in about {} s", d.as_secs().max(1)),
        None => String::new(),
    }
}

impl CommerceError {
    /// A transport failure, with the URL stripped so no query-string secret can leak.
    pub(crate) fn transport(service: &str, err: reqwest::Error) -> Self {
        let detail = if err.is_timeout() {
            "the request timed out".to_string()
        } else {
            err.without_url().to_string()
        };
        CommerceError::Transport {
            service: service.to_string(),
            detail,
        }
    }

    pub(crate) fn decode(service: &str, detail: impl std::fmt::Display) -> Self {
        CommerceError::Decode {
            service: service.to_string(),
            detail: detail.to_string(),
        }
    }

    /// True when trying again later may succeed (throttling, outages, network trouble).
    pub fn is_transient(&self) -> bool {
        match self {
            CommerceError::Throttled { .. } | CommerceError::Transport { .. } => true,
            CommerceError::Upstream { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }
}
