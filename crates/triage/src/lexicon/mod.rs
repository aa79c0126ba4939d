//! The vocabulary triage reads with, compiled once into one automaton over folded text.

mod delivery;
mod goods;
mod items;
mod languages;
mod money;
mod pairs;
mod parcel;
mod threats;

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::kind::ExceptionKind;
use crate::situation::Situation;
use crate::text::fold;

pub(crate) use languages::LANGUAGES;

/// The kinds of threat that escalate a case; the last four only count in pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Threat {
    Dispute,
    Lawyer,
    Consumer,
    Scam,
    Review,
    Paypal,
    Claim,
    Social,
    Post,
}

impl Threat {
    pub fn label(self) -> &'static str {
        match self {
            Self::Dispute => "payment dispute or chargeback",
            Self::Lawyer => "lawyer or legal action",
            Self::Consumer => "consumer-protection complaint",
            Self::Scam => "scam or fraud report",
            Self::Review => "public bad review",
            Self::Paypal => "PayPal",
            Self::Claim => "claim",
            Self::Social => "social media",
            Self::Post => "posting",
        }
    }

    fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "dispute" => Self::Dispute,
            "lawyer" => Self::Lawyer,
            "consumer" => Self::Consumer,
            "scam" => Self::Scam,
            "review" => Self::Review,
            "paypal" => Self::Paypal,
            "claim" => Self::Claim,
            "social" => Self::Social,
            "post" => Self::Post,
            _ => return None,
        })
    }
}

/// What one cue points at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Target {
    Kind(ExceptionKind, f32),
    Threat(Threat),
    /// A refund already promised has not shown up (see `money::REFUND_WAIT`).
    RefundWait,
    /// Customs asks for something, or the shopper asks what to pay or do (see
    /// `parcel::CUSTOMS_ASKS`).
    CustomsAsk,
    /// One side (0 or 1) of a pair rule (see `pairs.rs`).
    PairSide(usize, usize),
    /// A parcel situation and its weight (see `parcel.rs`).
    Situation(Situation, f32),
}

/// A rule that adds weight to a kind (`Target::Kind`) or a parcel situation
/// (`Target::Situation`) when both of its sides were seen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PairRule {
    pub target: Target,
}

/// One phrase of the vocabulary and what it means.
#[derive(Debug, Clone)]
pub(crate) struct Cue {
    /// The phrase as listed, for the reasons.
    pub phrase: String,
    pub target: Target,
    /// Only counts when the message is in this language.
    pub lang: Option<String>,
}

/// The compiled vocabulary.
#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    pub automaton: AhoCorasick,
    /// For each automaton pattern, the cues it stands for.
    pub cues: Vec<Vec<Cue>>,
    /// Word → points per language, in the order of [`LANGUAGES`].
    pub words: HashMap<String, [u8; 8]>,
    pub pair_rules: Vec<PairRule>,
    /// Folded words that never name an item (see `items.rs`).
    pub not_items: HashSet<String>,
}

const KIND_SOURCES: [(ExceptionKind, &str); 10] = [
    (ExceptionKind::WhereIsMyOrder, delivery::WHERE_IS_MY_ORDER),
    (ExceptionKind::Delayed, delivery::DELAYED),
    (ExceptionKind::Lost, delivery::LOST),
    (ExceptionKind::Damaged, goods::DAMAGED),
    (ExceptionKind::WrongItem, goods::WRONG_ITEM),
    (ExceptionKind::MissingItem, goods::MISSING_ITEM),
    (ExceptionKind::OutOfStock, goods::OUT_OF_STOCK),
    (ExceptionKind::ReturnExchange, goods::RETURN_EXCHANGE),
    (ExceptionKind::Payment, money::PAYMENT),
    (ExceptionKind::Other, money::OTHER),
];

/// Splits `W: a, b, c` or `group: a, b` lines into (head, phrases).
fn lines(source: &str) -> impl Iterator<Item = (&str, impl Iterator<Item = &str>)> {
    source.lines().filter_map(|line| {
        let (head, rest) = line.split_once(": ")?;
        Some((
            head.trim(),
            rest.split(',').map(str::trim).filter(|p| !p.is_empty()),
        ))
    })
}

/// Turns a listed phrase into its automaton pattern and optional language gate.
fn pattern(phrase: &str) -> (String, Option<String>) {
    let (lang, body) = match phrase.split_once(':') {
        Some((l, b)) if l.len() == 2 => (Some(l.to_string()), b),
        _ => (None, phrase),
    };
    let stem = body.ends_with('*');
    let mut folded = fold(body.trim_end_matches('*')).padded;
    if stem {
        folded.pop();
    }
    (folded, lang)
}

impl Lexicon {
    /// Compiles the built-in vocabulary.
    pub fn build() -> Result<Lexicon, String> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut cues: Vec<Vec<Cue>> = Vec::new();
        let mut add = |phrase: &str, target: Target| {
            let (pat, lang) = pattern(phrase);
            let id = *index.entry(pat.clone()).or_insert_with(|| {
                patterns.push(pat);
                cues.push(Vec::new());
                cues.len() - 1
            });
            let same = cues[id]
                .iter_mut()
                .find(|c| same_target(c.target, target) && c.lang == lang);
            match same {
                Some(c) => c.target = stronger(c.target, target),
                None => cues[id].push(Cue {
                    phrase: phrase.to_string(),
                    target,
                    lang,
                }),
            }
        };
        for (kind, source) in KIND_SOURCES {
            for (head, phrases) in lines(source) {
                let weight: f32 = head.parse().unwrap_or(1.0);
                phrases.for_each(|p| add(p, Target::Kind(kind, weight)));
            }
        }
        for (_, phrases) in lines(money::REFUND_WAIT) {
            phrases.for_each(|p| add(p, Target::RefundWait));
        }
        for (_, phrases) in lines(parcel::CUSTOMS_ASKS) {
            phrases.for_each(|p| add(p, Target::CustomsAsk));
        }
        let pair_rules = pair_rules(|p, target| add(p, target))?;
        for (head, phrases) in lines(parcel::SITUATIONS) {
            let target = situation_head(head)?;
            phrases.for_each(|p| add(p, target));
        }
        for (head, phrases) in lines(threats::THREATS) {
            if let Some(threat) = Threat::parse(head) {
                phrases.for_each(|p| add(p, Target::Threat(threat)));
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| e.to_string())?;
        Ok(Lexicon {
            automaton,
            cues,
            words: language_words(),
            pair_rules,
            not_items: items::NOT_ITEMS
                .split_whitespace()
                .map(str::to_string)
                .collect(),
        })
    }
}

/// Reads `pairs::PAIRS`, handing each phrase to `add` with its rule and side. A rule's head
/// names a kind or a parcel situation and its weight (`lost 4`, `customs 2.5`).
fn pair_rules(mut add: impl FnMut(&str, Target)) -> Result<Vec<PairRule>, String> {
    let mut rules = Vec::new();
    for line in pairs::PAIRS.lines() {
        let Some((head, rest)) = line.split_once(": ") else {
            continue;
        };
        let (name, weight) = head.split_once(' ').unwrap_or((head, ""));
        let target = match (ExceptionKind::parse(name), weight.parse::<f32>()) {
            (Some(kind), Ok(weight)) => Target::Kind(kind, weight),
            _ => situation_head(head).map_err(|_| format!("bad pair rule head {head:?}"))?,
        };
        let rule = rules.len();
        rules.push(PairRule { target });
        for (side, phrases) in rest.split('|').take(2).enumerate() {
            for p in phrases.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                add(p, Target::PairSide(rule, side));
            }
        }
    }
    Ok(rules)
}

/// Reads `not_home 3` into its target.
fn situation_head(head: &str) -> Result<Target, String> {
    let (name, weight) = head.split_once(' ').unwrap_or((head, ""));
    match (Situation::parse(name), weight.parse::<f32>()) {
        (Some(s), Ok(w)) if s != Situation::None => Ok(Target::Situation(s, w)),
        _ => Err(format!("bad situation line head {head:?}")),
    }
}

fn same_target(a: Target, b: Target) -> bool {
    match (a, b) {
        (Target::Kind(x, _), Target::Kind(y, _)) => x == y,
        (Target::Threat(x), Target::Threat(y)) => x == y,
        (Target::RefundWait, Target::RefundWait) => true,
        (Target::CustomsAsk, Target::CustomsAsk) => true,
        (Target::PairSide(r, s), Target::PairSide(q, t)) => r == q && s == t,
        (Target::Situation(x, _), Target::Situation(y, _)) => x == y,
        _ => false,
    }
}

fn stronger(a: Target, b: Target) -> Target {
    match (a, b) {
        (Target::Kind(k, x), Target::Kind(_, y)) => Target::Kind(k, x.max(y)),
        (Target::Situation(k, x), Target::Situation(_, y)) => Target::Situation(k, x.max(y)),
        _ => a,
    }
}

fn language_words() -> HashMap<String, [u8; 8]> {
    let mut words: HashMap<String, [u8; 8]> = HashMap::new();
    for (i, (_, list)) in LANGUAGES.iter().enumerate() {
        for word in list.split_whitespace() {
            let (word, points) = match word.strip_suffix('!') {
                Some(w) => (w, 3),
                None => (word, 1),
            };
            let folded = fold(word).padded.trim().to_string();
            let entry = words.entry(folded).or_default();
            entry[i] = entry[i].max(points);
        }
    }
    words
}
