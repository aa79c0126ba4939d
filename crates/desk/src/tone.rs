//! The tone check run on every draft an agent sends, in all eight languages.
//!
//! It flags what loses customers (blame-shifting, lecturing, doubting the shopper, vague times, promises
//! beyond policy, a stiff or defensive opening) and offers the better line. Matching is on words folded to
//! lower case without accents, so "NAO PODEMOS FAZER NADA" and "não podemos fazer nada" are the same.
//! The agent may send anyway; recording that override is the caller's job.

mod advice;
mod lexicon;
pub(crate) mod matcher;

use serde::{Deserialize, Serialize};

use crate::Remedy;
use lexicon::{lexicon, Lexicon};
use matcher::Tokens;

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToneRule {
    BlameShifting,
    Lecturing,
    Doubt,
    VagueTime,
    BeyondPolicy,
    StiffApology,
    DefensiveOpening,
}

/// One problem in a draft: the words, why they hurt, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToneFinding {
    pub rule: ToneRule,
    /// The words of the draft that triggered the finding, as the agent wrote them.
    pub excerpt: String,
    /// Why it hurts, in English (the agent's screen).
    pub why: String,
    /// The better line, in English.
    pub better: String,
    /// The better line in the draft's language, when one exists.
    pub better_local: Option<String>,
}

/// What the compensation policy lets this agent promise on this case, so a draft that promises more is flagged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromiseLimits {
    /// The largest discount or coupon allowed, in basis points (500 = 5%); `None` when none is allowed.
    pub max_discount_basis_points: Option<u32>,
    pub full_refund: bool,
    pub replacement: bool,
    pub free_express: bool,
}

impl PromiseLimits {
    /// The limits implied by the remedies the policy allows on this case (the same list given to the playbook).
    pub fn from_offers(offers: &[Remedy]) -> PromiseLimits {
        let discount = offers
            .iter()
            .filter_map(|r| match r {
                Remedy::Coupon { basis_points } | Remedy::OrderDiscount { basis_points } => {
                    Some(*basis_points)
                }
                _ => None,
            })
            .max();
        PromiseLimits {
            max_discount_basis_points: discount,
            full_refund: offers.contains(&Remedy::FullRefund),
            replacement: offers.iter().any(Remedy::is_replacement),
            free_express: offers.contains(&Remedy::FreeExpress),
        }
    }
}

/// The languages whose phrases are checked for a draft: its own, plus English, which agents often mix in.
fn lexicons(lang: &str) -> Vec<(&'static str, Lexicon)> {
    let base = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut out = vec![("en", lexicon("en"))];
    for known in ["pt", "es", "fr", "de", "it", "id", "nl"] {
        if base == known {
            out.push((known, lexicon(known)));
        }
    }
    out
}

/// Checks a draft and returns its findings, in the order they appear in the text.
///
/// `lang` is the draft's language (the shopper's); English phrases are always checked too. Vague times
/// ("soon") are flagged only when the message holds no concrete time; a stiff apology or a defensive
/// explanation only in the opening; promises beyond policy only when `policy_hint` is given.
pub fn check_tone(text: &str, lang: &str, policy_hint: Option<&PromiseLimits>) -> Vec<ToneFinding> {
    let lang_base = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut found: Vec<(usize, ToneFinding)> = Vec::new();
    for (code, lex) in lexicons(lang) {
        let tokens = Tokens::new(text, code);
        found.extend(phrase_findings(text, &tokens, &lex, &lang_base));
        found.extend(vague_findings(text, &tokens, &lex, &lang_base));
        if let Some(limits) = policy_hint {
            found.extend(beyond_policy(text, &tokens, &lex, limits));
        }
    }
    found.sort_by_key(|(at, _)| *at);
    let mut seen = std::collections::HashSet::new();
    found
        .into_iter()
        .filter(|(at, f)| seen.insert((*at, f.rule)))
        .map(|(_, f)| f)
        .collect()
}

/// Blame, stock excuses, lecturing and doubt anywhere; a stiff apology or a defence only in the opening.
/// A phrase right after a negation ("you don't have to wait") is not flagged.
fn phrase_findings(
    text: &str,
    tokens: &Tokens,
    lex: &Lexicon,
    lang: &str,
) -> Vec<(usize, ToneFinding)> {
    use advice::Variant::{Blame, Plain, Stock};
    let opening = tokens.opening_end(text);
    let rules = [
        (ToneRule::BlameShifting, lex.blame, Blame, usize::MAX),
        (ToneRule::BlameShifting, lex.stock_excuse, Stock, usize::MAX),
        (ToneRule::Lecturing, lex.lecturing, Plain, usize::MAX),
        (ToneRule::Doubt, lex.doubt, Plain, usize::MAX),
        (ToneRule::StiffApology, lex.stiff_apology, Plain, opening),
        (ToneRule::DefensiveOpening, lex.defensive, Plain, opening),
    ];
    let mut out = Vec::new();
    for (rule, phrases, variant, limit) in rules {
        let hits = matcher::find_all(tokens, phrases).into_iter();
        for hit in hits.filter(|h| h.start < limit && !tokens.negated(h.start)) {
            let excerpt = &text[hit.byte_start..hit.byte_end];
            out.push((
                hit.byte_start,
                advice::finding(rule, variant, excerpt, lang),
            ));
        }
    }
    out
}

/// Vague times, only when the message names no concrete time anywhere.
fn vague_findings(
    text: &str,
    tokens: &Tokens,
    lex: &Lexicon,
    lang: &str,
) -> Vec<(usize, ToneFinding)> {
    if tokens.has_concrete_time(text) {
        return Vec::new();
    }
    let masked = tokens.masked(&matcher::compiled(lex.vague_ok, tokens.lang()));
    matcher::find_all(&masked, lex.vague)
        .into_iter()
        .map(|hit| {
            let excerpt = &text[hit.byte_start..hit.byte_end];
            let finding =
                advice::finding(ToneRule::VagueTime, advice::Variant::Plain, excerpt, lang);
            (hit.byte_start, finding)
        })
        .collect()
}

/// Promises the policy does not allow: a bigger discount than allowed, a refund, replacement or express
/// upgrade the case does not offer.
fn beyond_policy(
    text: &str,
    tokens: &Tokens,
    lex: &Lexicon,
    limits: &PromiseLimits,
) -> Vec<(usize, ToneFinding)> {
    let mut out = Vec::new();
    let max = limits.max_discount_basis_points.unwrap_or(0);
    for pct in tokens.discount_percents(text, lexicon::DISCOUNT_WORDS) {
        if pct.basis_points > max {
            out.push((
                pct.byte_start,
                advice::beyond_discount(&text[pct.byte_start..pct.byte_end], max),
            ));
        }
    }
    let gates = [
        (limits.full_refund, lex.full_refund, "a full refund"),
        (limits.replacement, lex.replacement, "a replacement"),
        (
            limits.free_express,
            lex.free_express,
            "a free express upgrade",
        ),
    ];
    for (allowed, phrases, what) in gates {
        if allowed {
            continue;
        }
        for hit in matcher::find_all(tokens, phrases) {
            out.push((
                hit.byte_start,
                advice::beyond_remedy(&text[hit.byte_start..hit.byte_end], what),
            ));
        }
    }
    out
}
