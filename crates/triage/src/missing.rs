//! The words naming what the shopper says is missing ("the charger isn't in the box" →
//! `charger`), so the desk can hold them against the order's lines and replace or refund only
//! the line that is short, or ask which one when nothing matches.

use std::ops::Range;

use crate::kind::ExceptionKind;
use crate::lexicon::{Lexicon, Target};
use crate::text::fold;

/// At most this many words are kept: enough for "blue ceramic mug", not a whole complaint.
const MAX_WORDS: usize = 8;

/// Words that turn a sentence round ("it came, but the cable is missing"): what follows is a
/// clause of its own.
pub(crate) const CONTRASTS: &[&str] = &[
    "but", "however", "though", "although", "mas", "porem", "embora", "pero", "aunque", "mais",
    "pourtant", "aber", "jedoch", "obwohl", "ma", "pero", "tuttavia", "tapi", "tetapi", "namun",
    "padahal", "maar", "echter",
];

/// One clause in folded form, with the ranges covered by cues and whether a cue of a shortfall
/// is among them.
struct Clause {
    padded: String,
    covered: Vec<Range<usize>>,
    names_shortfall: bool,
}

/// The folded words of `text` that name an item: not a function word, a number or a word of
/// the vocabulary's cues; from the clauses that say something is missing (all clauses when
/// those name nothing), each once, in order.
pub(crate) fn missing_words(lexicon: &Lexicon, text: &str, lang: &str) -> Vec<String> {
    let clauses: Vec<Clause> = clauses(text)
        .map(|padded| read_clause(lexicon, padded, lang))
        .collect();
    let shortfall: Vec<&Clause> = clauses.iter().filter(|c| c.names_shortfall).collect();
    let mut out = words_of(lexicon, &shortfall, lang);
    if out.is_empty() {
        // "I ordered 4 glasses, only 3 came": the item is named beside the count.
        out = words_of(lexicon, &clauses.iter().collect::<Vec<_>>(), lang);
    }
    out.truncate(MAX_WORDS);
    out
}

fn words_of(lexicon: &Lexicon, clauses: &[&Clause], lang: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in clauses {
        for (start, word) in words_at(&c.padded) {
            let word = bare(word, lang);
            let covered = c.covered.iter().any(|r| r.contains(&start));
            if !covered && names_item(lexicon, word) && !out.iter().any(|w| w == word) {
                out.push(word.to_string());
            }
        }
    }
    out
}

/// Indonesian writes "its" as a suffix: "kabelnya" is "the cable".
pub(crate) fn bare<'w>(word: &'w str, lang: &str) -> &'w str {
    match word.strip_suffix("nya") {
        Some(stem) if lang == "id" && stem.len() >= 3 => stem,
        _ => word,
    }
}

/// The words of any text (an order line's title) in the form `missing_words` gives.
pub(crate) fn item_words(lexicon: &Lexicon, text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in fold(text).words() {
        if names_item(lexicon, word) && !out.iter().any(|w| w == word) {
            out.push(word.to_string());
        }
    }
    out
}

/// How many words two lists share, a plural ending aside (`mug` and `mugs`, `tasse` and
/// `tassen`).
pub fn shared_item_words(a: &[String], b: &[String]) -> usize {
    a.iter()
        .filter(|x| b.iter().any(|y| same_word(x, y)))
        .count()
}

fn same_word(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 3 && long.starts_with(short) && long.len() - short.len() <= 2
}

pub(crate) fn names_item(lexicon: &Lexicon, word: &str) -> bool {
    word.chars().count() >= 2
        && !word.bytes().all(|b| b.is_ascii_digit())
        && !lexicon.not_items.contains(word)
}

/// Splits at sentence signs, then at words of contrast; yields each clause folded and padded.
fn clauses(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(['.', ',', ';', '!', '?', '\n', ':', '(', ')'])
        .flat_map(|piece| {
            let folded = fold(piece);
            let mut parts: Vec<String> = vec![String::from(" ")];
            for w in folded.words() {
                if CONTRASTS.contains(&w) {
                    parts.push(String::from(" "));
                    continue;
                }
                if let Some(last) = parts.last_mut() {
                    last.push_str(w);
                    last.push(' ');
                }
            }
            parts
        })
        .filter(|p| p.len() > 1)
}

fn read_clause(lexicon: &Lexicon, padded: String, lang: &str) -> Clause {
    let mut covered = Vec::new();
    let mut names_shortfall = false;
    for m in lexicon.automaton.find_overlapping_iter(padded.as_str()) {
        let Some(cues) = lexicon.cues.get(m.pattern().as_usize()) else {
            continue;
        };
        for cue in cues {
            if cue.lang.as_deref().is_some_and(|l| l != lang) {
                continue;
            }
            match cue.target {
                Target::Kind(k, w) if w > 0.0 => {
                    names_shortfall |= k == ExceptionKind::MissingItem && w >= 2.0;
                    covered.push(m.start()..m.end());
                }
                Target::Situation(_, w) if w > 0.0 => covered.push(m.start()..m.end()),
                _ => {}
            }
        }
    }
    Clause {
        padded,
        covered,
        names_shortfall,
    }
}

/// The words of a padded clause with the byte offset each starts at.
pub(crate) fn words_at(padded: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    padded.split(' ').filter_map(move |w| {
        let start = at;
        at += w.len() + 1;
        (!w.is_empty()).then_some((start, w))
    })
}
