//! The X-Hub-Signature-256 check over raw bytes.

use lifeline_whatsapp::signature::{sign, verify, SignatureError};

const SECRET: &[u8] = b"app-secret-for-tests";

#[test]
fn a_body_signed_with_the_app_secret_is_accepted() {
    let body = br#"{"object":"whatsapp_business_account","entry":[]}"#;
    let header = sign(SECRET, body);
    assert!(header.starts_with("sha256="));
    assert_eq!(header.len(), "sha256=".len() + 64);
    assert_eq!(header, header.to_lowercase());
    assert_eq!(verify(SECRET, body, Some(&header)), Ok(()));
}

#[test]
fn the_signature_matches_a_known_hmac_sha256_vector() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    let header = sign(b"Jefe", b"what do ya want for nothing?");
    assert_eq!(
        header,
        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
}

#[test]
fn a_wrong_secret_or_a_changed_body_is_a_mismatch() {
    let body = br#"{"entry":[1]}"#;
    let header = sign(b"another-secret", body);
    assert_eq!(
        verify(SECRET, body, Some(&header)),
        Err(SignatureError::Mismatch)
    );
    let header = sign(SECRET, body);
    assert_eq!(
        verify(SECRET, br#"{"entry":[2]}"#, Some(&header)),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn a_missing_header_is_refused() {
    assert_eq!(verify(SECRET, b"{}", None), Err(SignatureError::Missing));
    assert_eq!(
        verify(SECRET, b"{}", Some("  ")),
        Err(SignatureError::Missing)
    );
}

#[test]
fn malformed_headers_are_refused_without_panicking() {
    let good = sign(SECRET, b"{}");
    let hex = &good["sha256=".len()..];
    let cases = [
        hex.to_owned(),                     // no prefix
        format!("sha1={hex}"),              // wrong algorithm
        format!("sha256={}", &hex[..63]),   // too short
        format!("sha256={hex}00"),          // too long
        format!("sha256={}zz", &hex[..62]), // not hex
        "sha256=".to_owned(),
        "sha256=é".repeat(3),
        "s".to_owned(),
    ];
    for header in cases {
        assert_eq!(
            verify(SECRET, b"{}", Some(&header)),
            Err(SignatureError::Malformed),
            "header {header:?}"
        );
    }
}

#[test]
fn uppercase_hex_from_a_proxy_still_verifies() {
    let body = b"{}";
    let header = sign(SECRET, body)
        .to_uppercase()
        .replace("SHA256=", "sha256=");
    assert_eq!(verify(SECRET, body, Some(&header)), Ok(()));
}

#[test]
fn escaped_accents_and_emoji_are_verified_on_the_raw_bytes() {
    // Meta signs ASCII-only JSON with lowercase \u escapes; re-serialising would change the bytes.
    let body = br#"{"entry":[{"text":{"body":"J\u00e4ger \ud83d\udce6 n\u00e3o chegou"}}]}"#;
    let header = sign(SECRET, body);
    assert_eq!(verify(SECRET, body, Some(&header)), Ok(()));

    let parsed: serde_json::Value = serde_json::from_slice(body).expect("valid JSON");
    let reserialised = serde_json::to_vec(&parsed).expect("serialises");
    assert_ne!(reserialised.as_slice(), body.as_slice());
    assert_eq!(
        verify(SECRET, &reserialised, Some(&header)),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(parsed["entry"][0]["text"]["body"], "Jäger 📦 não chegou");
}
