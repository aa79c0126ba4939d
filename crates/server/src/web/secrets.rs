//! The web app's secrets: argon2id password hashes, random tokens (session ids, CSRF tokens, login
//! links), their SHA-256 fingerprints for the database, and recovery codes.

use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use base64::Engine;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};

/// Shortest password the desk accepts.
pub const MIN_PASSWORD_LEN: usize = 10;

/// Hashes a password with argon2id (the crate's recommended parameters) and a fresh salt.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let mut raw = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut raw);
    let salt = SaltString::encode_b64(&raw).map_err(|e| anyhow::anyhow!("making a salt: {e}"))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

/// True when `password` matches the stored hash (a malformed hash never matches).
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash that matches nothing, verified when the email is unknown so timing does not tell.
pub fn dummy_verify(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash =
        DUMMY.get_or_init(|| hash_password("not a real password at all").unwrap_or_default());
    let _ = verify_password(password, hash);
}

/// 32 random bytes, URL-safe base64: session ids, CSRF tokens, login link tokens.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps of a token or recovery code: its SHA-256, hex.
pub fn fingerprint(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Alphabet of generated passwords and recovery codes: no 0/O, 1/l/I look-alikes.
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

fn random_chars(n: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..n)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

/// A password for a new account when none is given (about 100 bits).
pub fn generate_password() -> String {
    let s = random_chars(20);
    format!("{}-{}-{}-{}", &s[0..5], &s[5..10], &s[10..15], &s[15..20])
}

/// Ten recovery codes of 16 characters (about 79 bits each), grouped by four for reading aloud.
pub fn recovery_codes() -> Vec<String> {
    (0..10)
        .map(|_| {
            let s = random_chars(16);
            format!("{}-{}-{}-{}", &s[0..4], &s[4..8], &s[8..12], &s[12..16])
        })
        .collect()
}

/// A recovery code as typed (any case, with or without dashes and spaces), ready to fingerprint.
pub fn normalize_recovery_code(typed: &str) -> Option<String> {
    let s: String = typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (s.len() == 16).then(|| format!("{}-{}-{}-{}", &s[0..4], &s[4..8], &s[8..12], &s[12..16]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_hash_and_nothing_else() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse batterY", &h));
        assert!(!verify_password("correct horse battery", "not a hash"));
    }

    #[test]
    fn recovery_codes_are_distinct_and_read_back_however_typed() {
        let codes = recovery_codes();
        assert_eq!(codes.len(), 10);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
        let typed = codes[3].replace('-', " ").to_uppercase();
        assert_eq!(
            normalize_recovery_code(&typed).as_deref(),
            Some(codes[3].as_str())
        );
        assert_eq!(normalize_recovery_code("abcd-efgh"), None);
    }
}
