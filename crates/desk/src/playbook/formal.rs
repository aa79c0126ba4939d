//! The formal register: per language, a file of only the entries that change when the shopper writes
//! formally (`texts/playbooks/de-formal.toml`: "Sie" for "du"), laid over that language's texts.
//!
//! A store may add its own `<dir>/playbooks/<lang>-formal.toml` the same way; its entries win over the
//! built-in formal ones, which win over the language's entries (a store that rewords an entry in "du"
//! rewords it in its formal file too).
//!
//! A shopper who writes formally is not called by their first name ("Guten Tag Felix" with "Sie" reads
//! wrong, and nothing tells the desk their title): the built-in formal texts greet without `{name}`
//! ("Guten Tag,", "Hello,", "Halo Bapak/Ibu,").

use std::collections::BTreeMap;

use super::load::{builtin_family, BUILTIN_ACKS, BUILTIN_PLAYBOOKS};
use super::schema::Family;
use super::{PlaybookError, Playbooks, TextBook};
use crate::address::Register;

/// The suffix of a formal layer's language key and file stem: `de-formal`.
pub const FORMAL_SUFFIX: &str = "-formal";

pub(super) const BUILTIN_FORMAL_PLAYBOOKS: [(&str, &str); 8] = [
    (
        "en-formal",
        include_str!("../../texts/playbooks/en-formal.toml"),
    ),
    (
        "fr-formal",
        include_str!("../../texts/playbooks/fr-formal.toml"),
    ),
    (
        "de-formal",
        include_str!("../../texts/playbooks/de-formal.toml"),
    ),
    (
        "es-formal",
        include_str!("../../texts/playbooks/es-formal.toml"),
    ),
    (
        "id-formal",
        include_str!("../../texts/playbooks/id-formal.toml"),
    ),
    (
        "it-formal",
        include_str!("../../texts/playbooks/it-formal.toml"),
    ),
    (
        "nl-formal",
        include_str!("../../texts/playbooks/nl-formal.toml"),
    ),
    (
        "pt-formal",
        include_str!("../../texts/playbooks/pt-formal.toml"),
    ),
];
pub(super) const BUILTIN_FORMAL_ACKS: [(&str, &str); 8] = [
    ("en-formal", include_str!("../../texts/ack/en-formal.toml")),
    ("fr-formal", include_str!("../../texts/ack/fr-formal.toml")),
    ("de-formal", include_str!("../../texts/ack/de-formal.toml")),
    ("es-formal", include_str!("../../texts/ack/es-formal.toml")),
    ("id-formal", include_str!("../../texts/ack/id-formal.toml")),
    ("it-formal", include_str!("../../texts/ack/it-formal.toml")),
    ("nl-formal", include_str!("../../texts/ack/nl-formal.toml")),
    ("pt-formal", include_str!("../../texts/ack/pt-formal.toml")),
];

/// The built-in formal layers of a family.
pub(super) fn builtin_layers(family: Family) -> Result<BTreeMap<String, TextBook>, PlaybookError> {
    match family {
        Family::Playbook => builtin_family(&BUILTIN_FORMAL_PLAYBOOKS, family),
        Family::Ack => builtin_family(&BUILTIN_FORMAL_ACKS, family),
    }
}

/// Lays the formal layers over their languages: afterwards `books["de-formal"]` is the whole German book
/// in the formal register. `books` may already hold a store's layers (from `<lang>-formal.toml` files);
/// they go on top of the built-in ones.
pub(super) fn lay_over(
    books: &mut BTreeMap<String, TextBook>,
    builtin: BTreeMap<String, TextBook>,
) {
    let mut layers = builtin;
    let stores: Vec<String> = books
        .keys()
        .filter(|k| k.ends_with(FORMAL_SUFFIX))
        .cloned()
        .collect();
    for key in stores {
        if let Some(own) = books.remove(&key) {
            layers.entry(key).or_default().merge(own);
        }
    }
    for (key, layer) in layers {
        let lang = key.trim_end_matches(FORMAL_SUFFIX);
        let Some(base) = books.get(lang) else {
            continue;
        };
        let mut whole = base.clone();
        whole.merge(layer);
        books.insert(key, whole);
    }
}

/// A formal book holds its language's entries too: of the problems found in it (from `before` on), only
/// those of its own files are kept, so a problem in `de.toml` is reported once.
pub(super) fn own_problems_only(lang: &str, problems: &mut Vec<String>, before: usize) {
    if lang.ends_with(FORMAL_SUFFIX) {
        let own = format!("{lang}.toml");
        let mut index = 0;
        problems.retain(|p| {
            index += 1;
            index <= before || p.contains(&own)
        });
    }
}

/// The book of a served language in a register: the formal one when there is one, else the language's.
pub(super) fn book_in<'a>(
    books: &'a BTreeMap<String, TextBook>,
    lang: &str,
    register: Register,
) -> &'a TextBook {
    let formal = register
        .is_formal()
        .then(|| books.get(&format!("{lang}{FORMAL_SUFFIX}")))
        .flatten();
    formal.unwrap_or(&books[lang])
}

impl Playbooks {
    /// The languages' own texts, without formal layers.
    pub(super) fn base() -> Result<Playbooks, PlaybookError> {
        Ok(Playbooks {
            books: builtin_family(&BUILTIN_PLAYBOOKS, Family::Playbook)?,
            acks: builtin_family(&BUILTIN_ACKS, Family::Ack)?,
        })
    }

    /// These texts with the formal layers laid over them (built-in, then the store's).
    pub(super) fn with_formal(mut self) -> Result<Playbooks, PlaybookError> {
        lay_over(&mut self.books, builtin_layers(Family::Playbook)?);
        lay_over(&mut self.acks, builtin_layers(Family::Ack)?);
        Ok(self)
    }
}

impl Playbooks {
    /// Every text a shopper writing in `lang` and `register` may receive, as (entry, text): the
    /// playbooks' entries, then the acknowledgements' prefixed `ack.`. For reviewing the wording of a
    /// register as a whole (the formal texts must not slip back into "du").
    pub fn entries_in(&self, lang: &str, register: Register) -> Vec<(String, &str)> {
        let (lang, book) = self.book_in(lang, register);
        let acks = book_in(&self.acks, lang, register);
        let own = book
            .entries
            .iter()
            .map(|(k, e)| (k.clone(), e.value.as_str()));
        let ack = (acks.entries.iter()).map(|(k, e)| (format!("ack.{k}"), e.value.as_str()));
        own.chain(ack).collect()
    }
}
