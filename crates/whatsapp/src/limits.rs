//! WhatsApp's limits on what a business may send, checked before Meta refuses with a 400.
//!
//! Lengths are counted in characters (Unicode scalar values), not bytes: "Reembolso rápido"
//! is 16 characters. Sizes use binary units (1 MB = 1,048,576 bytes).

use serde::{Deserialize, Serialize};

use crate::webhook::MediaKind;

const KB: u64 = 1024;
const MB: u64 = 1024 * 1024;

/// Maximum length of a text message body and of a list body.
pub const TEXT_BODY_MAX: usize = 4096;
/// Maximum length of a reply-buttons body and of a media caption.
pub const BUTTONS_BODY_MAX: usize = 1024;
/// Maximum length of a media caption.
pub const CAPTION_MAX: usize = 1024;
/// Maximum length of an interactive header or footer.
pub const HEADER_FOOTER_MAX: usize = 60;
/// Maximum length of a reply-button title and of a list's button label.
pub const BUTTON_TITLE_MAX: usize = 20;
/// Maximum length of a reply-button id.
pub const BUTTON_ID_MAX: usize = 256;
/// Maximum number of reply buttons.
pub const BUTTONS_MAX: usize = 3;
/// Maximum number of list sections.
pub const LIST_SECTIONS_MAX: usize = 10;
/// Maximum number of list rows, counted across all sections.
pub const LIST_ROWS_MAX: usize = 10;
/// Maximum length of a list section title.
pub const SECTION_TITLE_MAX: usize = 24;
/// Maximum length of a list row title.
pub const ROW_TITLE_MAX: usize = 24;
/// Maximum length of a list row description.
pub const ROW_DESCRIPTION_MAX: usize = 72;
/// Maximum length of a list row id.
pub const ROW_ID_MAX: usize = 200;
/// Largest file WhatsApp delivers inbound; bigger ones arrive as error 131052.
pub const INBOUND_MEDIA_MAX: u64 = 100 * MB;

/// A message or file that breaks one of WhatsApp's rules; its Display is a sentence for an agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "limit", rename_all = "snake_case")]
pub enum LimitError {
    /// A text is longer than allowed; `value` is quoted when it is short enough to help.
    #[error("{}", too_long_sentence(what, value.as_deref(), *length, *max))]
    TooLong {
        what: String,
        value: Option<String>,
        length: usize,
        max: usize,
    },
    /// A required text is empty.
    #[error("{what} is empty; WhatsApp needs one")]
    Empty { what: String },
    /// Too few or too many of something.
    #[error("{what}: {count} given; WhatsApp allows {min} to {max}")]
    Count {
        what: String,
        count: usize,
        min: usize,
        max: usize,
    },
    /// Two items that must differ are the same.
    #[error("{what} '{value}' appears twice; each must be different")]
    Duplicate { what: String, value: String },
    /// A file type WhatsApp does not accept for this kind.
    #[error("WhatsApp does not accept '{mime}' as {kind}; it accepts {allowed}")]
    MimeType {
        kind: MediaKind,
        mime: String,
        allowed: String,
    },
    /// A file larger than WhatsApp accepts for this kind.
    #[error("the {kind} is {size} bytes; WhatsApp allows at most {max} bytes ({})", human_size(*max))]
    TooLarge {
        kind: MediaKind,
        size: u64,
        max: u64,
    },
    /// Any other rule, with its own sentence.
    #[error("{0}")]
    Invalid(String),
}

fn too_long_sentence(what: &str, value: Option<&str>, length: usize, max: usize) -> String {
    match value {
        Some(v) => format!("{what} '{v}' is {length} characters; WhatsApp allows {max}"),
        None => format!("{what} is {length} characters; WhatsApp allows {max}"),
    }
}

fn human_size(bytes: u64) -> String {
    if bytes >= MB {
        format!("{} MB", bytes / MB)
    } else {
        format!("{} KB", bytes / KB)
    }
}

/// Checks a required text: not blank, at most `max` characters. Short values are quoted in the error.
pub fn check_text(what: &str, value: &str, max: usize) -> Result<(), LimitError> {
    if value.trim().is_empty() {
        return Err(LimitError::Empty { what: what.into() });
    }
    check_optional_text(what, Some(value), max)
}

/// Checks an optional text: when present, at most `max` characters.
pub fn check_optional_text(what: &str, value: Option<&str>, max: usize) -> Result<(), LimitError> {
    let Some(value) = value else { return Ok(()) };
    let length = value.chars().count();
    if length <= max {
        return Ok(());
    }
    Err(LimitError::TooLong {
        what: what.into(),
        value: (length <= 40).then(|| value.to_owned()),
        length,
        max,
    })
}

/// The MIME types WhatsApp accepts for each kind of media.
pub fn allowed_mime_types(kind: MediaKind) -> &'static [&'static str] {
    match kind {
        MediaKind::Audio => &[
            "audio/aac",
            "audio/amr",
            "audio/mpeg",
            "audio/mp4",
            "audio/ogg",
        ],
        MediaKind::Document => &[
            "text/plain",
            "application/pdf",
            "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.ms-powerpoint",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ],
        MediaKind::Image => &["image/jpeg", "image/png"],
        MediaKind::Sticker => &["image/webp"],
        MediaKind::Video => &["video/mp4", "video/3gpp"],
    }
}

/// The largest file WhatsApp accepts for a kind; stickers: 100 KB static, 500 KB animated.
pub fn max_size(kind: MediaKind, animated_sticker: bool) -> u64 {
    match kind {
        MediaKind::Audio | MediaKind::Video => 16 * MB,
        MediaKind::Document => 100 * MB,
        MediaKind::Image => 5 * MB,
        MediaKind::Sticker if animated_sticker => 500 * KB,
        MediaKind::Sticker => 100 * KB,
    }
}

/// `audio/ogg; codecs=opus` → `audio/ogg`, lower-cased.
pub fn essence(mime: &str) -> String {
    mime.split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The kind a file of this MIME type is sent as (`image/webp` is a sticker); `None` when WhatsApp
/// accepts it as nothing.
pub fn kind_for_mime(mime: &str) -> Option<MediaKind> {
    let essence = essence(mime);
    MediaKind::ALL
        .into_iter()
        .find(|k| allowed_mime_types(*k).contains(&essence.as_str()))
}

/// Checks a file's type and size for a kind before uploading or sending it. Stickers are held to
/// the animated limit (500 KB) because the file alone does not say; use [`max_size`] when known.
pub fn check_media(kind: MediaKind, mime: &str, size: u64) -> Result<(), LimitError> {
    let allowed = allowed_mime_types(kind);
    if !allowed.contains(&essence(mime).as_str()) {
        return Err(LimitError::MimeType {
            kind,
            mime: mime.to_owned(),
            allowed: allowed.join(", "),
        });
    }
    let max = max_size(kind, true);
    if size > max {
        return Err(LimitError::TooLarge { kind, size, max });
    }
    if size == 0 {
        return Err(LimitError::Invalid(format!("the {kind} file is empty")));
    }
    Ok(())
}

/// True when `s` is exactly one emoji (with skin tone, variation selector, ZWJ joins, flag or keycap).
pub fn is_single_emoji(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => false,
        [a, b] if is_regional(*a) && is_regional(*b) => true,
        [k, rest @ ..] if "0123456789#*".contains(*k) => {
            matches!(rest, ['\u{20E3}'] | ['\u{FE0F}', '\u{20E3}'])
        }
        _ => chars.split(|c| *c == '\u{200D}').all(is_emoji_element),
    }
}

fn is_regional(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

fn is_pictographic(c: char) -> bool {
    let u = c as u32;
    matches!(u,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2300..=0x23FF | 0x2B00..=0x2BFF
        | 0x2190..=0x21FF | 0x25A0..=0x25FF | 0x2900..=0x297F | 0x3030 | 0x303D
        | 0x3297 | 0x3299 | 0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122 | 0x2139 | 0x24C2)
}

/// One pictograph followed by optional variation selectors, a skin tone and a tag sequence.
fn is_emoji_element(el: &[char]) -> bool {
    let Some((first, rest)) = el.split_first() else {
        return false;
    };
    if !is_pictographic(*first) || is_regional(*first) {
        return false;
    }
    rest.iter()
        .all(|c| matches!(*c as u32, 0xFE0E | 0xFE0F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F))
}
