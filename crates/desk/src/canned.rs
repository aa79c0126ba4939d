//! Canned replies: the texts an agent inserts with `/shortcut` in the case composer, one per language.
//!
//! The desk ships a starter set (`texts/canned/<lang>.toml`: tracking, returns, invoice, address change,
//! customs) that a new desk starts with, and checks that every text names only placeholders the desk can
//! fill ([`crate::playbook::snippet_placeholders`]), so a typo such as `{nmae}` is caught when an admin
//! saves it rather than read by a shopper.

use crate::playbook::{snippet_placeholders, LANGUAGES};

/// The shortcuts of the starter set, in the order an admin reads them.
pub const STARTER_SHORTCUTS: [&str; 5] = ["tracking", "returns", "invoice", "address", "customs"];

/// The starter set's files, one per language the desk writes in.
const STARTER_FILES: [(&str, &str); 8] = [
    ("en", include_str!("../texts/canned/en.toml")),
    ("pt", include_str!("../texts/canned/pt.toml")),
    ("es", include_str!("../texts/canned/es.toml")),
    ("fr", include_str!("../texts/canned/fr.toml")),
    ("de", include_str!("../texts/canned/de.toml")),
    ("it", include_str!("../texts/canned/it.toml")),
    ("nl", include_str!("../texts/canned/nl.toml")),
    ("id", include_str!("../texts/canned/id.toml")),
];

/// One canned reply: a shortcut's text in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub shortcut: String,
    pub language: String,
    pub text: String,
}

/// The longest shortcut (WhatsApp's quick replies allow 25 characters too).
pub const MAX_SHORTCUT: usize = 25;
/// The longest text: what one WhatsApp quick reply holds.
pub const MAX_TEXT: usize = 1024;

/// Why a canned reply cannot be saved; each message is written for the admin who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SnippetError {
    #[error("A shortcut is one word of at most {MAX_SHORTCUT} letters, digits, - or _.")]
    Shortcut,
    #[error("Choose one of the desk's languages: {}.", LANGUAGES.join(", "))]
    Language,
    #[error("The text has 1 to {MAX_TEXT} characters.")]
    Length,
    #[error(
        "{{{name}}} is not a placeholder Lifeline can fill. Use one of: {}.",
        known_placeholders()
    )]
    UnknownPlaceholder { name: String },
}

impl Snippet {
    /// A canned reply as an admin typed it, made fit to save: the shortcut one lower-case word without
    /// its slash, a desk language, 1 to 1024 characters of text naming only placeholders the desk fills.
    pub fn parse(shortcut: &str, language: &str, text: &str) -> Result<Snippet, SnippetError> {
        let shortcut = shortcut.trim().trim_start_matches('/').to_lowercase();
        let word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
        if shortcut.is_empty()
            || shortcut.chars().count() > MAX_SHORTCUT
            || !shortcut.chars().all(word)
        {
            return Err(SnippetError::Shortcut);
        }
        let language = language.trim().to_lowercase();
        if !LANGUAGES.contains(&language.as_str()) {
            return Err(SnippetError::Language);
        }
        let text = text.trim().replace("\r\n", "\n");
        if text.is_empty() || text.chars().count() > MAX_TEXT {
            return Err(SnippetError::Length);
        }
        check(&text)?;
        Ok(Snippet {
            shortcut,
            language,
            text,
        })
    }
}

/// The placeholders a canned reply may use, as an admin writes them: "{name}, {order}, …".
pub fn known_placeholders() -> String {
    let names: Vec<String> = snippet_placeholders()
        .iter()
        .map(|n| format!("{{{n}}}"))
        .collect();
    names.join(", ")
}

/// The `{word}`s of a text, in order. A brace that opens no such word (a lone `{`, `{ }`, a `}` smiley)
/// is plain text: only what looks like a placeholder is one.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let word_end = after
            .find(|c: char| c == '{' || c == '}' || c.is_whitespace())
            .unwrap_or(after.len());
        if word_end > 0 && after[word_end..].starts_with('}') {
            found.push(&after[..word_end]);
            rest = &after[word_end + 1..];
        } else {
            rest = after;
        }
    }
    found
}

/// A canned reply's text is fit to save when each of its placeholders is one the desk fills.
pub fn check(text: &str) -> Result<(), SnippetError> {
    match placeholders(text)
        .into_iter()
        .find(|p| !snippet_placeholders().contains(p))
    {
        Some(name) => Err(SnippetError::UnknownPlaceholder { name: name.into() }),
        None => Ok(()),
    }
}

/// The starter set: every starter shortcut in every desk language, read from the built-in files.
/// An error names the file and what is wrong with it (a test keeps the shipped files clean).
pub fn starter_set() -> Result<Vec<Snippet>, String> {
    let mut set = Vec::new();
    for (language, file) in STARTER_FILES {
        let source = format!("texts/canned/{language}.toml");
        let table: toml::Table = file.parse().map_err(|e| format!("{source}: {e}"))?;
        for shortcut in STARTER_SHORTCUTS {
            let text = table
                .get(shortcut)
                .and_then(toml::Value::as_str)
                .ok_or_else(|| format!("{source}: no text for {shortcut}"))?;
            let snippet = Snippet::parse(shortcut, language, text)
                .map_err(|e| format!("{source}, {shortcut}: {e}"))?;
            set.push(snippet);
        }
        if let Some(extra) = table
            .keys()
            .find(|k| !STARTER_SHORTCUTS.contains(&k.as_str()))
        {
            return Err(format!("{source}: {extra} is not a starter shortcut"));
        }
    }
    debug_assert_eq!(set.len(), STARTER_SHORTCUTS.len() * LANGUAGES.len());
    Ok(set)
}

/// A language's name in English, for the agent ("it" → "Italian"); other tags are shown as they are.
pub fn language_name(tag: &str) -> String {
    let name = match base_language(tag).as_str() {
        "en" => "English",
        "pt" => "Portuguese",
        "es" => "Spanish",
        "fr" => "French",
        "de" => "German",
        "it" => "Italian",
        "nl" => "Dutch",
        "id" => "Indonesian",
        _ => return tag.to_string(),
    };
    name.to_string()
}

/// The language of a tag without its region: "pt-BR" → "pt", "es_MX" → "es".
pub fn base_language(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .trim()
        .to_lowercase()
}

/// Which of a shortcut's texts a shopper gets: the one in their language, else English, else the first.
/// `languages` are the languages the shortcut has a text in.
pub fn choose<'a>(languages: &[&'a str], shopper: &str) -> Option<&'a str> {
    let wanted = base_language(shopper);
    let find = |l: &str| languages.iter().copied().find(|x| base_language(x) == l);
    find(&wanted)
        .or_else(|| find("en"))
        .or_else(|| languages.first().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_brace_around_one_word_is_a_placeholder() {
        assert_eq!(
            placeholders("Hi {name}, {order} :-} { } {{x}} {a b}"),
            vec!["name", "order", "x"]
        );
        assert_eq!(placeholders("no braces"), Vec::<&str>::new());
    }

    #[test]
    fn an_unknown_placeholder_is_named_in_the_refusal() {
        assert_eq!(check("Hi {name}, order {order}: {tracking_link}"), Ok(()));
        let refused = check("Hi {name}, your {foo} is ready").unwrap_err();
        assert_eq!(
            refused,
            SnippetError::UnknownPlaceholder { name: "foo".into() }
        );
        let told = refused.to_string();
        assert!(
            told.starts_with("{foo} is not a placeholder") && told.contains("{tracking_link}"),
            "{told}"
        );
        assert!(
            check("Hi {Name}").is_err(),
            "a capital is a different placeholder"
        );
    }

    #[test]
    fn a_snippet_is_checked_before_it_is_saved() {
        let typed = Snippet::parse(" /Tracking ", "PT", " Oi {name}\r\n ");
        let saved = Snippet {
            shortcut: "tracking".into(),
            language: "pt".into(),
            text: "Oi {name}".into(),
        };
        assert_eq!(typed, Ok(saved));
        let refused = |s: &str, l: &str, t: &str| Snippet::parse(s, l, t).unwrap_err();
        assert_eq!(refused("two words", "en", "x"), SnippetError::Shortcut);
        assert_eq!(refused("/", "en", "x"), SnippetError::Shortcut);
        assert_eq!(refused(&"a".repeat(26), "en", "x"), SnippetError::Shortcut);
        assert_eq!(refused("ok", "xx", "x"), SnippetError::Language);
        assert_eq!(refused("ok", "en", "   "), SnippetError::Length);
        assert_eq!(refused("ok", "en", &"a".repeat(1025)), SnippetError::Length);
        assert_eq!(
            refused("ok", "en", "Hi {name}, see {foo}"),
            SnippetError::UnknownPlaceholder { name: "foo".into() }
        );
    }

    #[test]
    fn the_shoppers_language_is_chosen_then_english_then_any() {
        assert_eq!(choose(&["en", "it", "pt"], "it"), Some("it"));
        assert_eq!(choose(&["en", "pt"], "pt-BR"), Some("pt"));
        assert_eq!(choose(&["en", "pt"], "it"), Some("en"));
        assert_eq!(choose(&["de", "pt"], "it"), Some("de"));
        assert_eq!(choose(&[], "it"), None);
        assert_eq!(language_name("it"), "Italian");
        assert_eq!(language_name("pt-BR"), "Portuguese");
        assert_eq!(language_name("ja"), "ja");
    }
}
