//! The exact bytes Meta puts on the wire: ASCII-only JSON with lowercase `\uXXXX` escapes, signed with the app secret.

use std::io;

use hmac::{Hmac, Mac};
use serde_json::ser::{Formatter, Serializer};
use serde_json::Value;
use sha2::Sha256;

/// Writes non-ASCII characters as lowercase `\uXXXX` escapes (surrogate pairs beyond the BMP).
struct AsciiFormatter;

impl Formatter for AsciiFormatter {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, ch) in fragment.char_indices() {
            if ch.is_ascii() {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[start..i])?;
            let mut units = [0u16; 2];
            for unit in ch.encode_utf16(&mut units) {
                write!(writer, "\\u{:04x}", unit)?;
            }
            start = i + ch.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// Serializes a JSON value the way Meta does for webhooks: compact, every byte ASCII.
pub fn ascii_json(value: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(512);
    let mut ser = Serializer::with_formatter(&mut out, AsciiFormatter);
    // Serializing a `Value` into a Vec cannot fail: no I/O errors and every key is a string.
    if serde::Serialize::serialize(value, &mut ser).is_err() {
        out.clear();
        out.extend_from_slice(b"null");
    }
    out
}

/// The `X-Hub-Signature-256` header value: `sha256=` and the lowercase hex HMAC-SHA256 of the exact body bytes.
pub fn signature(app_secret: &str, body: &[u8]) -> String {
    let mut mac = match Hmac::<Sha256>::new_from_slice(app_secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => return String::new(), // HMAC accepts keys of any length; unreachable in practice.
    };
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn accents_and_emoji_become_lowercase_escapes() {
        let bytes = ascii_json(&json!({"t": "Olá 👍 ä/\"x\""}));
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(bytes.is_ascii());
        assert_eq!(text, r#"{"t":"Ol\u00e1 \ud83d\udc4d \u00e4/\"x\""}"#);
        let back: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(back["t"], "Olá 👍 ä/\"x\"");
    }

    #[test]
    fn signature_is_lowercase_hex_of_the_hmac() {
        // RFC 4231 test case 2.
        let sig = signature("Jefe", b"what do ya want for nothing?");
        assert_eq!(
            sig,
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
