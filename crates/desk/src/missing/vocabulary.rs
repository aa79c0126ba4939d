//! When two folded words name the same thing: the same stem ("mugs" and "mug", "piatti" and
//! "piatto"), the head of a compound ("Ladekabel" is a "Kabel"), or the same common good in another
//! language ("controle", "mando", "Fernbedienung" and "remote").
//!
//! Words come folded (lower case, no accents) from triage.

use std::sync::OnceLock;

/// The goods file: one thing per line in the eight languages, then `[generic]` and the words that
/// name no particular line ("item", "piece", "kit").
const GOODS: &str = include_str!("../../texts/goods.txt");

struct Vocabulary {
    goods: Vec<Vec<&'static str>>,
    generic: Vec<&'static str>,
}

fn vocabulary() -> &'static Vocabulary {
    static WORDS: OnceLock<Vocabulary> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut v = Vocabulary {
            goods: Vec::new(),
            generic: Vec::new(),
        };
        let mut generic = false;
        for line in GOODS.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line == "[generic]" {
                generic = true;
            } else if generic {
                v.generic.extend(line.split_whitespace());
            } else {
                v.goods.push(line.split_whitespace().collect());
            }
        }
        v
    })
}

/// True for a word that names no particular line.
pub(super) fn is_generic(word: &str) -> bool {
    vocabulary().generic.contains(&word)
}

/// True for a word that names a common good the goods file knows ("cargador", "charger").
pub(super) fn is_known_good(word: &str) -> bool {
    (vocabulary().goods.iter()).any(|good| good.iter().any(|g| same_item_word(word, g)))
}

/// A word without one or two of its plural or gender endings, never shorter than four letters,
/// but for a first plural `s` ("mugs" is a "mug", but "capa" is not a "cap", nor "tasse" a "tas").
fn stem(word: &str) -> &str {
    let mut w = word;
    for pass in 0..2 {
        let shorter = ["es", "en", "s", "n", "e", "i", "o", "a"]
            .iter()
            .find_map(|end| {
                let s = w.strip_suffix(end)?;
                let ok = match *end {
                    "s" => pass == 0 && s.chars().count() >= 3 && !s.ends_with('s'),
                    _ => s.chars().count() >= 4,
                };
                ok.then_some(s)
            });
        match shorter {
            Some(s) => w = s,
            None => break,
        }
    }
    w
}

/// True when the shopper's word and a word of the line's name name the same thing.
pub(super) fn same_item_word(said: &str, line: &str) -> bool {
    let (a, b) = (stem(said), stem(line));
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // The head of a compound: "Ladekabel" is a "Kabel", "kaffeetasse" a "tasse".
    let head = short.chars().count() >= 4 && long.ends_with(short);
    let plural =
        short.chars().count() >= 4 && long.starts_with(short) && long.len() - short.len() <= 2;
    head || plural || same_good(said, line)
}

/// Both words name one of the goods, on their own or as the head of a compound ("Pfannenwender").
fn same_good(a: &str, b: &str) -> bool {
    let names = |w: &str, group: &[&str]| {
        group.iter().any(|g| {
            let g_stem = stem(g);
            *g == w || g_stem == stem(w) || (g_stem.chars().count() >= 5 && w.ends_with(g))
        })
    };
    vocabulary()
        .goods
        .iter()
        .any(|group| names(a, group) && names(b, group))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_across_endings_and_compounds() {
        for (a, b) in [
            ("mugs", "mug"),
            ("piatti", "piatto"),
            ("controle", "control"),
            ("kabel", "ladekabel"),
            ("tassen", "kaffeetasse"),
            ("zapatos", "zapato"),
            ("fernbedienung", "remote"),
            ("mando", "remote"),
            ("couvercle", "lid"),
        ] {
            assert!(same_item_word(a, b), "{a} ~ {b}");
        }
        for (a, b) in [
            ("capa", "cap"),
            ("tas", "tasse"),
            ("pfanne", "pfannenwender"),
            ("remote", "charger"),
        ] {
            assert!(!same_item_word(a, b), "{a} !~ {b}");
        }
    }
}
