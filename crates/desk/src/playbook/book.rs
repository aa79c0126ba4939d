//! One language's texts as a flat map of entries (`stalled.text`, `buttons.replacement`), each remembering
//! the file it came from, so a store's override replaces single entries and every error names its file.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::PlaybookError;

/// One text and the file it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub value: String,
    pub source: Arc<str>,
}

/// All entries of one language in one family of files (playbooks or acknowledgements).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextBook {
    pub entries: BTreeMap<String, Entry>,
}

impl TextBook {
    /// Parses a TOML file of nested tables of strings into flat dotted keys.
    pub fn parse(source: &str, text: &str) -> Result<TextBook, PlaybookError> {
        let table: toml::Table =
            text.parse()
                .map_err(|e: toml::de::Error| PlaybookError::Syntax {
                    file: source.to_string(),
                    message: e.message().to_string(),
                })?;
        let source: Arc<str> = Arc::from(source);
        let mut book = TextBook::default();
        flatten(&table, "", &source, &mut book.entries)?;
        Ok(book)
    }

    /// Replaces this book's entries with those of `other`, entry by entry.
    pub fn merge(&mut self, other: TextBook) {
        self.entries.extend(other.entries);
    }

    /// The text of an entry.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries.get(key).map(|e| e.value.as_str())
    }
}

fn flatten(
    table: &toml::Table,
    prefix: &str,
    source: &Arc<str>,
    out: &mut BTreeMap<String, Entry>,
) -> Result<(), PlaybookError> {
    for (name, value) in table {
        let key = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        match value {
            toml::Value::String(s) => {
                out.insert(
                    key,
                    Entry {
                        value: s.clone(),
                        source: source.clone(),
                    },
                );
            }
            toml::Value::Table(t) => flatten(t, &key, source, out)?,
            other => {
                return Err(PlaybookError::Syntax {
                    file: source.to_string(),
                    message: format!(
                        "{} must be text, found {}",
                        display_key(&key),
                        other.type_str()
                    ),
                })
            }
        }
    }
    Ok(())
}

/// Writes a flat key the way a person finds it in the file: `[stalled].buttons.replacement`.
pub fn display_key(key: &str) -> String {
    match key.split_once('.') {
        Some((table, rest)) => format!("[{table}].{rest}"),
        None => key.to_string(),
    }
}
