//! Two-step verification: TOTP secrets (RFC 6238, SHA-1, 6 digits, 30 s, as every authenticator app
//! reads them), the `otpauth://` link and its QR code as inline SVG, and checking a typed code.

use qrcode::{render::svg, QrCode};
use rand::RngCore;
use totp_rs::{Algorithm, Secret, TOTP};

/// The issuer shown in authenticator apps.
const ISSUER: &str = "Lifeline";
const STEP: u64 = 30;

/// A fresh 160-bit secret, base32 as people type it.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::thread_rng().fill_bytes(&mut bytes);
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

fn totp(secret_b32: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_b32.to_string()).to_bytes().ok()?;
    TOTP::new(Algorithm::SHA1, 6, 1, STEP, bytes).ok()
}

/// The code an authenticator shows at `unix_secs` (tests and the enrolment check use it).
pub fn code_at(secret_b32: &str, unix_secs: u64) -> Option<String> {
    totp(secret_b32).map(|t| t.generate(unix_secs))
}

/// The 30-second step a typed code belongs to, allowing one step of clock drift either way.
/// The caller records the step so the same code is never accepted twice.
pub fn matching_step(secret_b32: &str, typed: &str, unix_secs: u64) -> Option<i64> {
    let code: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let t = totp(secret_b32)?;
    let now_step = unix_secs / STEP;
    (now_step.saturating_sub(1)..=now_step + 1)
        .find(|step| {
            let expected = t.generate(step * STEP);
            subtle::ConstantTimeEq::ct_eq(expected.as_bytes(), code.as_bytes()).into()
        })
        .and_then(|s| i64::try_from(s).ok())
}

/// Seconds since the Unix epoch, now.
pub fn unix_now() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp()).unwrap_or(0)
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The link authenticator apps read from the QR code.
pub fn otpauth_url(secret_b32: &str, email: &str) -> String {
    format!(
        "otpauth://totp/{}:{}?secret={secret_b32}&issuer={}&algorithm=SHA1&digits=6&period={STEP}",
        percent_encode(ISSUER),
        percent_encode(email),
        percent_encode(ISSUER)
    )
}

/// The QR code of `text` as an inline SVG element (no XML prolog), black on white.
pub fn qr_svg(text: &str) -> anyhow::Result<String> {
    let code =
        QrCode::new(text.as_bytes()).map_err(|e| anyhow::anyhow!("making the QR code: {e}"))?;
    let svg = code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    Ok(match svg.find("<svg") {
        Some(i) => svg[i..].to_string(),
        None => svg,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_matches_within_one_step_of_drift_and_not_beyond() {
        let secret = new_secret();
        let now = 1_800_000_000;
        let code = code_at(&secret, now).unwrap();
        assert_eq!(matching_step(&secret, &code, now), Some((now / 30) as i64));
        assert_eq!(
            matching_step(&secret, &code, now + 30),
            Some((now / 30) as i64)
        );
        assert_eq!(matching_step(&secret, &code, now + 95), None);
        assert_eq!(matching_step(&secret, "12a456", now), None);
        assert_eq!(
            matching_step(&secret, &format!("{} ", &code), now),
            Some((now / 30) as i64)
        );
    }

    #[test]
    fn the_link_names_the_issuer_and_the_escaped_email_and_the_qr_is_svg() {
        let url = otpauth_url("JBSWY3DPEHPK3PXP", "ana+desk@example.com");
        assert_eq!(
            url,
            "otpauth://totp/Lifeline:ana%2Bdesk%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Lifeline&algorithm=SHA1&digits=6&period=30"
        );
        let svg = qr_svg(&url).unwrap();
        assert!(
            svg.starts_with("<svg") && svg.contains("<path"),
            "{}",
            &svg[..80.min(svg.len())]
        );
    }
}
