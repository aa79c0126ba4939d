//! The `X-Hub-Signature-256` check: HMAC-SHA256 of the raw POST body, keyed with the app secret.
//!
//! Always hash the bytes exactly as they arrived. Meta signs a body in which non-ASCII characters
//! are `\uXXXX` escapes, so re-serialising parsed JSON would produce different bytes.

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

const PREFIX: &str = "sha256=";

/// Why a webhook POST was refused; the route answers 401 for every variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// The request carried no `X-Hub-Signature-256` header.
    #[error("the X-Hub-Signature-256 header is missing")]
    Missing,
    /// The header is not `sha256=` followed by 64 hex digits.
    #[error("the X-Hub-Signature-256 header is not 'sha256=' followed by 64 hex digits")]
    Malformed,
    /// The header is well formed but does not match the body and app secret.
    #[error("the X-Hub-Signature-256 header does not match the body")]
    Mismatch,
}

fn mac_for(app_secret: &[u8], body: &[u8]) -> HmacSha256 {
    // HMAC accepts keys of any length, so this constructor cannot fail.
    let mut mac = match HmacSha256::new_from_slice(app_secret) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC-SHA256 accepts keys of any length"),
    };
    mac.update(body);
    mac
}

/// Signs a body the way Meta does; the sandbox uses it to send webhooks, tests to forge them.
pub fn sign(app_secret: &[u8], body: &[u8]) -> String {
    let tag = mac_for(app_secret, body).finalize().into_bytes();
    format!("{PREFIX}{}", hex::encode(tag))
}

/// Checks the `X-Hub-Signature-256` header of a webhook POST against its raw body, in constant time.
pub fn verify(app_secret: &[u8], body: &[u8], header: Option<&str>) -> Result<(), SignatureError> {
    let header = header.ok_or(SignatureError::Missing)?.trim();
    if header.is_empty() {
        return Err(SignatureError::Missing);
    }
    let hex_part = header
        .get(..PREFIX.len())
        .filter(|p| p.eq_ignore_ascii_case(PREFIX))
        .and_then(|_| header.get(PREFIX.len()..))
        .ok_or(SignatureError::Malformed)?;
    if hex_part.len() != 64 {
        return Err(SignatureError::Malformed);
    }
    let expected = hex::decode(hex_part).map_err(|_| SignatureError::Malformed)?;
    mac_for(app_secret, body)
        .verify_slice(&expected)
        .map_err(|_| SignatureError::Mismatch)
}
