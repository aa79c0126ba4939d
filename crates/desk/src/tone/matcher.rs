//! Word-level phrase matching that ignores case, accents and punctuation, and remembers where each word
//! sits in the original text so a finding can quote the agent's own words.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::lexicon::{DAY_WORDS, TIME_UNITS};

/// One word of the text: folded for matching, with its byte range in the original.
#[derive(Debug, Clone)]
pub struct Token {
    pub norm: String,
    pub start: usize,
    pub end: usize,
}

/// The words of a text.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub words: Vec<Token>,
    lang: String,
}

/// Lower case without accents; German also folds "ue"/"oe"/"ae" so "muessen" and "müssen" meet.
pub fn fold(word: &str, lang: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for ch in word.chars().flat_map(char::to_lowercase) {
        match ch {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'ß' => out.push_str("ss"),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            c => out.push(c),
        }
    }
    if lang == "de" {
        out = out.replace("ae", "a").replace("oe", "o").replace("ue", "u");
    }
    out
}

impl Tokens {
    /// Splits on anything that is not a letter or digit (apostrophes and hyphens split too).
    pub fn new(text: &str, lang: &str) -> Tokens {
        let mut words = Vec::new();
        let mut start: Option<usize> = None;
        for (i, ch) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            match (ch.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push(Token {
                        norm: fold(&text[s..i], lang),
                        start: s,
                        end: i,
                    });
                    start = None;
                }
                _ => {}
            }
        }
        Tokens {
            words,
            lang: lang.to_string(),
        }
    }

    /// A copy where the words of every match of `masks` are blanked, so phrases inside them are not found.
    pub fn masked(&self, masks: &[Pattern]) -> Tokens {
        let mut copy = self.clone();
        for pattern in masks {
            for hit in pattern.find(self) {
                for w in &mut copy.words[hit.start..hit.end] {
                    w.norm.clear();
                }
            }
        }
        copy
    }

    /// The index of the first word after the opening: the first sentence of five words or more (a short
    /// greeting such as "Hi Ana!" does not count as the opening on its own).
    pub fn opening_end(&self, text: &str) -> usize {
        let mut sentence_words = 0;
        for (i, w) in self.words.iter().enumerate() {
            sentence_words += 1;
            let next_start = self.words.get(i + 1).map(|n| n.start).unwrap_or(text.len());
            let gap = &text[w.end..next_start];
            if gap.contains(['.', '!', '?', '\n']) {
                if sentence_words >= 5 {
                    return i + 1;
                }
                sentence_words = 0;
            }
        }
        self.words.len()
    }

    /// True when the message names a concrete time: a number with a unit or a month ("24 hours",
    /// "3 dias úteis", "24 de novembro"), a clock time ("14:00"), "24h", or a day ("tomorrow", "amanhã").
    pub fn has_concrete_time(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let clock = bytes
            .windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
        if clock {
            return true;
        }
        self.words.iter().enumerate().any(|(i, w)| {
            let today_id = w.norm == "ini" && i > 0 && self.words[i - 1].norm == "hari";
            if DAY_WORDS.contains(&w.norm.as_str()) || today_id {
                return true;
            }
            if !w.norm.starts_with(|c: char| c.is_ascii_digit()) {
                return false;
            }
            // "24h", "48hrs" carry their unit; "24" and "2x24" take it from the next words.
            let unit = w
                .norm
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == 'x');
            if !unit.is_empty() {
                return TIME_UNITS.contains(&unit);
            }
            self.words
                .iter()
                .skip(i + 1)
                .take(3)
                .any(|n| TIME_UNITS.contains(&n.norm.as_str()))
        })
    }

    /// Every "N%" or "N percent" near a discount word, with its value in basis points.
    pub fn discount_percents(&self, text: &str, discount_words: &[&str]) -> Vec<Percent> {
        let mut out = Vec::new();
        for (i, w) in self.words.iter().enumerate() {
            if !w.norm.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let (value, end_word) = decimal_value(&self.words, text, i);
            let after = &text[self.words[end_word].end..];
            let trimmed = after.trim_start();
            let is_percent = trimmed.starts_with('%')
                || self.words.get(end_word + 1).is_some_and(|n| {
                    [
                        "percent", "por", "pour", "prozent", "per", "persen", "procent",
                    ]
                    .contains(&n.norm.as_str())
                });
            if !is_percent {
                continue;
            }
            let lo = i.saturating_sub(4);
            let near = self.words[lo..(end_word + 6).min(self.words.len())]
                .iter()
                .any(|n| discount_words.contains(&n.norm.as_str()));
            if near {
                let byte_end = self.words[end_word].end
                    + (after.len() - trimmed.len())
                    + usize::from(trimmed.starts_with('%'));
                out.push(Percent {
                    basis_points: value,
                    byte_start: w.start,
                    byte_end,
                });
            }
        }
        out
    }

    /// True when the word before `index` negates what follows ("you don't have to wait", "non devi aspettare").
    pub fn negated(&self, index: usize) -> bool {
        const NEGATIONS: [&str; 12] = [
            "not", "t", "no", "nao", "non", "nicht", "kein", "niet", "geen", "tidak", "ne", "pas",
        ];
        index > 0 && NEGATIONS.contains(&self.words[index - 1].norm.as_str())
    }

    pub fn lang(&self) -> &str {
        &self.lang
    }
}

/// A percentage found in the text.
#[derive(Debug, Clone, Copy)]
pub struct Percent {
    pub basis_points: u32,
    pub byte_start: usize,
    pub byte_end: usize,
}

/// Reads "12", "12.5" or "12,5" starting at word `i`, in basis points, and the index of its last word.
fn decimal_value(words: &[Token], text: &str, i: usize) -> (u32, usize) {
    let whole: u32 = words[i]
        .norm
        .parse()
        .unwrap_or(u32::MAX / 100)
        .min(u32::MAX / 100);
    if let Some(next) = words.get(i + 1) {
        let gap = &text[words[i].end..next.start];
        if (gap == "." || gap == ",")
            && next.norm.len() <= 2
            && next.norm.chars().all(|c| c.is_ascii_digit())
        {
            let frac: u32 = format!("{:0<2}", next.norm).parse().unwrap_or(0);
            return (whole.saturating_mul(100).saturating_add(frac), i + 1);
        }
    }
    (whole.saturating_mul(100), i)
}

/// A phrase compiled to words; `*` is any one word.
#[derive(Debug, Clone)]
pub struct Pattern(Vec<String>);

/// A match of a pattern: word indices and the byte range in the original text.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

/// Expands the first `(a|b|)` group of a phrase, recursively, into plain phrases.
fn expand(phrase: &str) -> Vec<String> {
    let (Some(open), Some(close)) = (phrase.find('('), phrase.find(')')) else {
        return vec![phrase.to_string()];
    };
    if close < open {
        return vec![phrase.to_string()];
    }
    let (head, tail) = (&phrase[..open], &phrase[close + 1..]);
    phrase[open + 1..close]
        .split('|')
        .flat_map(|alt| expand(&format!("{head}{alt}{tail}")))
        .collect()
}

impl Pattern {
    /// Compiles the phrases of a list (with their alternatives) for a language's folding.
    pub fn compile_all(phrases: &[&str], lang: &str) -> Vec<Pattern> {
        let words = |phrase: &str| -> Vec<String> {
            phrase
                .split_whitespace()
                .flat_map(|piece| match piece {
                    "*" => vec!["*".to_string()],
                    _ => Tokens::new(piece, lang)
                        .words
                        .into_iter()
                        .map(|t| t.norm)
                        .collect(),
                })
                .collect()
        };
        phrases
            .iter()
            .flat_map(|p| expand(p))
            .map(|p| Pattern(words(&p)))
            .filter(|p| !p.0.is_empty())
            .collect()
    }

    fn find(&self, tokens: &Tokens) -> Vec<Hit> {
        let n = self.0.len();
        let words = &tokens.words;
        if words.len() < n {
            return Vec::new();
        }
        (0..=words.len() - n)
            .filter(|&s| {
                self.0
                    .iter()
                    .zip(&words[s..s + n])
                    .all(|(p, w)| !w.norm.is_empty() && (p == "*" || *p == w.norm))
            })
            .map(|s| Hit {
                start: s,
                end: s + n,
                byte_start: words[s].start,
                byte_end: words[s + n - 1].end,
            })
            .collect()
    }
}

/// The compiled patterns of a static phrase list for a language's folding, compiled once per process.
pub fn compiled(phrases: &'static [&'static str], lang: &str) -> Arc<Vec<Pattern>> {
    type Cache = Mutex<HashMap<(usize, String), Arc<Vec<Pattern>>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let key = (phrases.as_ptr() as usize, lang.to_string());
    let cache = CACHE.get_or_init(Cache::default);
    if let Some(found) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return found;
    }
    let patterns = Arc::new(Pattern::compile_all(phrases, lang));
    if let Ok(mut c) = cache.lock() {
        c.insert(key, patterns.clone());
    }
    patterns
}

/// Every match of any of the phrases; overlapping matches keep the longest, earliest one.
pub fn find_all(tokens: &Tokens, phrases: &'static [&'static str]) -> Vec<Hit> {
    let mut hits: Vec<Hit> = compiled(phrases, tokens.lang())
        .iter()
        .flat_map(|p| p.find(tokens))
        .collect();
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut kept: Vec<Hit> = Vec::new();
    for hit in hits {
        if kept.last().is_none_or(|k| hit.start >= k.end) {
            kept.push(hit);
        }
    }
    kept
}
