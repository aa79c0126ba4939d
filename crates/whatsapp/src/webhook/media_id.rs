//! Media ids, parsed where they arrive: a webhook's `image.id` goes into a Graph API path with the
//! access token, so only what Meta issues (decimal digits) may become a [`MediaId`].

use std::fmt;

use serde::Serialize;

/// A WhatsApp media id: ASCII digits, at most [`MediaId::MAX_LEN`] of them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct MediaId(String);

/// An id that is not a WhatsApp media id; nothing is requested for it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the media id {shown:?} is not a WhatsApp media id (Meta's are digits), so the file was not fetched")]
pub struct BadMediaId {
    /// The start of what came, for agents to see (hostile ids can be long).
    shown: String,
}

impl MediaId {
    /// Meta's ids are about 16 digits; twice that leaves room and still refuses nonsense.
    pub const MAX_LEN: usize = 32;

    /// Reads an id as received (a webhook, a stored row).
    pub fn parse(id: &str) -> Result<MediaId, BadMediaId> {
        let digits =
            !id.is_empty() && id.len() <= Self::MAX_LEN && id.bytes().all(|b| b.is_ascii_digit());
        if digits {
            Ok(MediaId(id.to_owned()))
        } else {
            Err(BadMediaId {
                shown: id.chars().take(Self::MAX_LEN + 8).collect(),
            })
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MediaId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metas_ids_are_digits() {
        assert_eq!(
            MediaId::parse("1037543291543636").map(|m| m.to_string()),
            Ok("1037543291543636".to_string())
        );
        assert!(MediaId::parse(&"9".repeat(MediaId::MAX_LEN)).is_ok());
    }

    #[test]
    fn anything_that_could_change_a_path_is_refused() {
        for id in [
            "../../../../etc/passwd",
            "123/../456",
            "123?fields=url",
            "123#x",
            "%2e%2e",
            "",
            " 123",
            "١٢٣", // Arabic-Indic digits are digits, but not ASCII ones
            &"9".repeat(MediaId::MAX_LEN + 1),
        ] {
            assert!(MediaId::parse(id).is_err(), "{id:?}");
        }
    }

    #[test]
    fn the_refusal_names_what_came_but_not_all_of_a_long_one() {
        let e = MediaId::parse(&format!("../{}", "a".repeat(500))).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("not a WhatsApp media id"), "{text}");
        assert!(text.len() < 200, "{text}");
    }
}
