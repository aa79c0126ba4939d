//! How the desk addresses a shopper: in the register they write in ("Sehr geehrte…" gets "Sie"), and with
//! one greeting per conversation, not a fresh "Hi Ana!" on every message of the same afternoon.
//!
//! Both are pure decisions over the conversation's words: the shopper's messages for the register, the
//! desk's own recent messages (and when they were written) for the greeting.

pub mod greeting;
mod markers;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::tone::matcher::fold;

/// How formally the desk writes to a shopper.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Register {
    /// The shop's everyday chat voice ("du", "tu", "você", "je", "Kak"): the default.
    #[default]
    Informal,
    /// The courteous forms ("Sie", "Lei", "usted", "u", "Bapak/Ibu"), for a shopper who writes that way.
    Formal,
}

impl Register {
    /// The register one message shows, if any: formal openings and forms of address against informal ones,
    /// in the message's language (`lang` as "de" or "pt-BR"; an unknown language shows none).
    pub fn of_message(lang: &str, text: &str) -> Option<Register> {
        let markers = markers::for_language(lang)?;
        let words = normalized(text);
        let count = |phrases: &[&str]| {
            phrases
                .iter()
                .filter(|p| words.contains(&format!(" {p} ")))
                .count()
        };
        let (formal, informal) = (count(markers.formal), count(markers.informal));
        match (formal, informal) {
            (0, 0) => None,
            (f, i) if f > i => Some(Register::Formal),
            _ => Some(Register::Informal),
        }
    }

    /// The register of a conversation from the shopper's messages, oldest first: the latest message that
    /// shows one decides, so "Sehr geehrte Damen und Herren" carries over to a later "Und wo ist es jetzt?".
    pub fn of_conversation<'a>(
        lang: &str,
        shopper_said: impl IntoIterator<Item = &'a str>,
    ) -> Register {
        let said: Vec<&str> = shopper_said.into_iter().collect();
        said.iter()
            .rev()
            .find_map(|text| Register::of_message(lang, text))
            .unwrap_or_default()
    }

    pub fn is_formal(self) -> bool {
        self == Register::Formal
    }
}

/// How to address the shopper in the desk's next message.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub register: Register,
    /// The desk greeted them within [`greeting::GREETING_MEMORY`]: no second greeting.
    pub greeted: bool,
}

impl Address {
    /// From the conversation's words: the shopper's messages (oldest first) in `lang`, and the desk's own
    /// messages with when each was written.
    pub fn of<'a>(
        lang: &str,
        shopper_said: impl IntoIterator<Item = &'a str>,
        desk_said: impl IntoIterator<Item = (DateTime<Utc>, &'a str)>,
        now: DateTime<Utc>,
    ) -> Address {
        Address {
            register: Register::of_conversation(lang, shopper_said),
            greeted: greeting::already_greeted(desk_said, now),
        }
    }
}

/// Words folded to lower case without accents, one space apart, with a space at each end.
fn normalized(text: &str) -> String {
    let mut out = String::from(" ");
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.push_str(&fold(word, ""));
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_message_with_a_register_decides() {
        let said = [
            "Sehr geehrte Damen und Herren, wo ist mein Paket?",
            "Und jetzt?",
        ];
        assert_eq!(Register::of_conversation("de", said), Register::Formal);
        let said = ["Guten Tag", "hey, kannst du mal schauen?"];
        assert_eq!(Register::of_conversation("de", said), Register::Informal);
        assert_eq!(
            Register::of_conversation("nl", ["mijn pakket is te laat"]),
            Register::Informal
        );
        assert_eq!(Register::of_message("xx", "Sehr geehrte"), None);
    }
}
