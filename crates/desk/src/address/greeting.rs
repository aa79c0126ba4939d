//! One greeting per conversation: once the desk said "Hi Ana!" (or "Hallo", "Olá", "Halo Kak"…), its next
//! messages within [`GREETING_MEMORY`] start with what they have to say.
//!
//! The texts keep their greeting line as written; [`drop_greeting`] takes the opening greeting off a text
//! before it is filled, so a store's own texts lose theirs the same way.

use std::borrow::Cow;

use chrono::{DateTime, Duration, Utc};

use crate::playbook::ALTERNATIVE;

/// For this long after the desk greeted a shopper, its messages to them carry no second greeting.
pub const GREETING_MEMORY: Duration = Duration::hours(6);

/// The words a greeting starts with, in the eight languages (lower case, longest first where one begins
/// another).
const GREETINGS: [&str; 37] = [
    "hi there",
    "hello",
    "hey",
    "hi",
    "dear",
    "good morning",
    "good afternoon",
    "good evening",
    "sehr geehrte",
    "guten morgen",
    "guten abend",
    "guten tag",
    "hallo",
    "hola",
    "buenos días",
    "buenas tardes",
    "buenas noches",
    "estimado",
    "estimada",
    "olá",
    "oi",
    "bom dia",
    "boa tarde",
    "boa noite",
    "prezado",
    "prezada",
    "bonjour",
    "bonsoir",
    "ciao",
    "buongiorno",
    "buonasera",
    "gentile",
    "hoi",
    "goedendag",
    "geachte",
    "halo",
    "selamat",
];

/// What may stand between the greeting and the rest: a form of address before the name.
const HONORIFICS: [&str; 6] = ["there", "bapak/ibu", "kak", "bapak", "ibu", "{name}"];

/// The rest of `text` after a leading greeting ("Hallo {name}, es tut…" → "es tut…"), or `None` when it
/// does not open with one. The greeting must end in punctuation or end the text, so "Hi-fi" is not one.
fn after_greeting(text: &str) -> Option<&str> {
    opening(text).map(|o| o.rest)
}

/// A text's opening greeting taken apart: the form of address ("{name}", "Kak {name}"), whether a comma
/// follows it, and the rest.
struct Opening<'a> {
    address: &'a str,
    comma: bool,
    rest: &'a str,
}

fn opening(text: &str) -> Option<Opening<'_>> {
    let word = greeting_word(text)?;
    let start = text.trim_start();
    let start = start.strip_prefix('¡').unwrap_or(start);
    // Lower-casing keeps the byte length of these words, so the offset holds in the original.
    let mut rest = start.get(word.len()..)?;
    if word == "selamat" {
        // "Selamat pagi/siang/sore/malam": the time of day belongs to the greeting.
        rest = rest.trim_start();
        rest = rest
            .split_once(|c: char| !c.is_alphanumeric())
            .map_or("", |(_, r)| r);
    }
    let address_from = rest.trim_start_matches([' ', ',']);
    loop {
        let trimmed = rest.trim_start_matches([' ', ',']);
        let next = HONORIFICS.iter().find(|h| {
            trimmed.to_lowercase().starts_with(*h)
                && !trimmed
                    .get(h.len()..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(char::is_alphanumeric)
        });
        match next {
            Some(h) => rest = trimmed.get(h.len()..)?,
            None => break,
        }
    }
    let address = address_from
        .get(..address_from.len().saturating_sub(rest.len()))
        .unwrap_or("")
        .trim();
    let rest = rest.trim_start_matches(' ');
    let after_punct = rest.trim_start_matches(['!', '.', ',', ':', ';', ' ', '👋']);
    if after_punct.len() == rest.len() && !rest.trim().is_empty() {
        return None;
    }
    Some(Opening {
        address,
        comma: rest.starts_with(','),
        rest: after_punct.trim_start(),
    })
}

/// One alternative without its greeting. A name the greeting ran into stays as the address
/// ("Hallo {name}, es tut mir leid" → "{name}, es tut mir leid"); otherwise the rest starts with a capital.
fn ungreeted(alternative: &str) -> Option<String> {
    let o = opening(alternative)?;
    let named = o.address.contains("{name}");
    Some(if named && o.comma && !o.rest.is_empty() {
        format!("{}, {}", o.address, o.rest)
    } else {
        capitalized(o.rest)
    })
}

/// True when a sent message opens with a greeting (its first line starts "Hi", "Guten Tag Lena,", "¡Hola!"…):
/// a greeting word, then at most a name of three words before the first punctuation or the line's end.
pub fn opens_with_greeting(text: &str) -> bool {
    let first = text.trim_start().lines().next().unwrap_or("");
    let Some(word) = greeting_word(first) else {
        return false;
    };
    let start = first.trim_start().trim_start_matches('¡');
    let rest = start.get(word.len()..).unwrap_or("");
    let named = rest
        .split(['!', '.', ',', ':', ';', '👋'])
        .next()
        .unwrap_or("");
    named.split_whitespace().count() <= 3
}

/// The greeting word a text starts with, if any (after an opening "¡").
fn greeting_word(text: &str) -> Option<&'static str> {
    let start = text.trim_start();
    let lower = start.strip_prefix('¡').unwrap_or(start).to_lowercase();
    GREETINGS.iter().copied().find(|g| {
        lower.starts_with(g)
            && !lower
                .get(g.len()..)
                .and_then(|r| r.chars().next())
                .is_some_and(|c| c.is_alphanumeric() || c == '-')
    })
}

/// True when the desk greeted the shopper within [`GREETING_MEMORY`] before `now`: `desk_said` holds the
/// desk's messages to this conversation with when each was written.
pub fn already_greeted<'a>(
    desk_said: impl IntoIterator<Item = (DateTime<Utc>, &'a str)>,
    now: DateTime<Utc>,
) -> bool {
    desk_said
        .into_iter()
        .any(|(at, text)| now - at < GREETING_MEMORY && at <= now && opens_with_greeting(text))
}

/// The first letter in upper case, after any opening "¡" or "¿".
fn capitalized(text: &str) -> String {
    let lead: String = text
        .chars()
        .take_while(|c| matches!(c, '¡' | '¿'))
        .collect();
    let mut rest = text[lead.len()..].chars();
    match rest.next() {
        Some(first) => format!("{lead}{}{}", first.to_uppercase(), rest.as_str()),
        None => lead,
    }
}

/// A text (before it is filled) without its opening greeting: on the first line, each alternative loses
/// its greeting and starts with a capital ("Hallo {name}, es tut mir leid" → "Es tut mir leid"); a line
/// that was only a greeting ("Hi {name}! || Hi there!") goes. A text that opens without one is unchanged.
pub fn drop_greeting(text: &str) -> String {
    let mut lines: Vec<&str> = text.trim_start_matches('\n').lines().collect();
    let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return text.to_string();
    };
    let alternatives: Vec<&str> = lines[first].split(ALTERNATIVE).collect();
    if !alternatives.iter().any(|a| after_greeting(a).is_some()) {
        return text.to_string();
    }
    let kept: Vec<String> = alternatives
        .iter()
        .map(|a| ungreeted(a).unwrap_or_else(|| a.to_string()))
        .filter(|a| !a.trim().is_empty())
        .collect();
    let joined = kept.join(ALTERNATIVE);
    let mut out: Vec<&str> = Vec::with_capacity(lines.len());
    out.extend(lines.drain(..first));
    if !joined.is_empty() {
        out.push(&joined);
    }
    out.extend(lines.drain(1..));
    out.join("\n")
}

/// The text to fill: without its opening greeting when the shopper was `greeted` lately.
pub fn unless_greeted(text: &str, greeted: bool) -> Cow<'_, str> {
    if greeted {
        Cow::Owned(drop_greeting(text))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greetings_come_off_the_first_line_only() {
        assert_eq!(
            drop_greeting("Hi {name}! || Hi there!\n\nGood news: it moves."),
            "\nGood news: it moves."
        );
        assert_eq!(
            drop_greeting("Hallo {name}, es tut mir leid. || Hallo, es tut mir leid.\nMehr."),
            "{name}, es tut mir leid. || Es tut mir leid.\nMehr."
        );
        assert_eq!(
            drop_greeting("Hola, {name}. ¡Novedades del pedido {order}!"),
            "¡Novedades del pedido {order}!"
        );
        assert_eq!(
            drop_greeting("Halo Kak {name}, update untuk pesanan {order}. || Halo Kak, update."),
            "Kak {name}, update untuk pesanan {order}. || Update."
        );
        assert_eq!(
            drop_greeting("Selamat siang Bapak/Ibu {name}, terima kasih."),
            "Bapak/Ibu {name}, terima kasih."
        );
        assert_eq!(
            drop_greeting("Danke, {name}! Hallo."),
            "Danke, {name}! Hallo."
        );
        assert_eq!(drop_greeting("Hier ist dein Code"), "Hier ist dein Code");
        assert_eq!(drop_greeting("Bonjour {name} !\nSuite"), "Suite");
    }

    #[test]
    fn a_greeting_is_remembered_for_six_hours() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
        let said = |h: i64, t: &'static str| (now - Duration::hours(h), t);
        assert!(already_greeted([said(5, "Oi, Ana! Tudo bem?")], now));
        assert!(!already_greeted([said(7, "Oi, Ana! Tudo bem?")], now));
        assert!(!already_greeted([said(1, "Pronto, Ana!")], now));
        assert!(!opens_with_greeting("Hi-fi speakers"));
        assert!(opens_with_greeting("¡Hola, Ana! 👋\nGracias"));
        assert!(opens_with_greeting(
            "Guten Tag Lena, vielen Dank, dass Sie uns Bescheid geben."
        ));
        assert!(!opens_with_greeting("Hier ist Ihr Code, Lena"));
        assert!(!opens_with_greeting("Hi-fi speakers are back in stock"));
    }
}
