//! The triager: built once from the store's config, then reads each message.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::config::{CompiledTracking, ConfigError, OrderPattern, TriageConfig};
use crate::country::{country_language, phone_country};
use crate::duration::{longest_wait, variant_mismatch};
use crate::kind::{ExceptionKind, Priority};
use crate::lexicon::{Lexicon, Target};
use crate::scoring::{
    add_count_mismatch, add_spans, add_wait, choose_kind, escalation, refund_takes_the_wait, Note,
    Scores,
};
use crate::text::{fold, Folded};
use crate::{language, numbers, tokens};

/// What triage read from one message; serializes to exactly the JSON of `lifeline triage`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Triage {
    /// ISO 639-1 code (`pt`), or `und` when nothing tells.
    pub language: String,
    pub kind: ExceptionKind,
    pub priority: Priority,
    /// As written, without `#`, each once, in order of appearance.
    pub order_numbers: Vec<String>,
    /// As written, each once, in order of appearance.
    pub tracking_numbers: Vec<String>,
    /// A threat of dispute, chargeback, lawyer, consumer body, scam report or public review.
    pub escalate: bool,
    /// How sure triage is of the kind and language, 0 to 1.
    pub confidence: f32,
    /// Which words or rules decided each field, for the agent's screen.
    pub reasons: Vec<String>,
}

/// Reads messages. Built once at start-up (every regex and word list compiled here), then
/// shared: it is `Send + Sync` and `triage` takes `&self`.
#[derive(Debug, Clone)]
pub struct Triager {
    lexicon: Lexicon,
    order_patterns: Vec<OrderPattern>,
    carriers: Vec<CompiledTracking>,
}

/// WhatsApp caps a text at 4,096 characters; anything longer is read only that far, which
/// also bounds the work one message can cause.
const MAX_CHARS: usize = 4096;

impl Triager {
    /// Checks and compiles the store's config together with the built-in vocabulary.
    pub fn new(config: TriageConfig) -> Result<Triager, ConfigError> {
        for (i, p) in config.order_patterns.iter().enumerate() {
            p.check(i)?;
        }
        let carriers = config
            .tracking_patterns
            .iter()
            .enumerate()
            .map(|(i, p)| p.compile(i))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Triager {
            lexicon: Lexicon::build().map_err(ConfigError::Vocabulary)?,
            order_patterns: config.order_patterns,
            carriers,
        })
    }

    /// Reads one message. `from` is the sender's WhatsApp id (its country is a language hint)
    /// or any other user id (ignored).
    pub fn triage(&self, text: &str, from: Option<&str>) -> Triage {
        let text = match text.char_indices().nth(MAX_CHARS) {
            Some((cut, _)) => &text[..cut],
            None => text,
        };
        let folded = fold(text);
        let country = from.and_then(phone_country);
        let hint = country.and_then(country_language);
        let lang = language::detect(&self.lexicon, text, &folded, hint);
        let scores = self.score(&folded, lang.code);
        let toks = tokens::tokenize(text);
        let found = numbers::read(&toks, &self.order_patterns, &self.carriers);

        let mut reasons = vec![match country {
            Some(c) => format!("{} (phone country {c})", lang.reason),
            None => lang.reason.clone(),
        }];
        let mut scores = scores;
        if !found.tracking.is_empty() {
            let slot = ExceptionKind::WhereIsMyOrder as usize;
            scores.kind[slot] += 1.0;
            scores.kind_cues[slot].push(Note::Rule("a tracking number given +1".into()));
        }
        let (kind, kind_conf) = choose_kind(&scores, &mut reasons);
        let threats = escalation(&scores.threats);
        let escalate = !threats.is_empty();
        let priority = if escalate {
            reasons.push(format!("escalate: {}", threats.join("; ")));
            reasons.push("priority urgent: a threat puts the case at the top".into());
            Priority::Urgent
        } else {
            let p = kind.default_priority();
            reasons.push(format!(
                "priority {}: the usual for {}",
                p.as_str(),
                kind.as_str()
            ));
            p
        };
        reasons.extend(found.reasons);
        let confidence = (0.7 * kind_conf + 0.3 * lang.confidence).clamp(0.05, 0.99);
        Triage {
            language: lang.code.to_string(),
            kind,
            priority,
            order_numbers: found.orders,
            tracking_numbers: found.tracking,
            escalate,
            confidence: (confidence * 100.0).round() / 100.0,
            reasons,
        }
    }

    fn score<'a>(&'a self, folded: &Folded, lang: &str) -> Scores<'a> {
        let mut scores = Scores {
            kind: [0.0; 10],
            kind_cues: Default::default(),
            threats: Vec::new(),
            refund_wait: None,
            pair_sides: vec![[None, None]; self.lexicon.pair_rules.len()],
        };
        let mut seen = HashSet::new();
        let mut spans: Vec<(usize, usize, ExceptionKind, f32, &str)> = Vec::new();
        for m in self
            .lexicon
            .automaton
            .find_overlapping_iter(folded.padded.as_str())
        {
            let id = m.pattern().as_usize();
            if !seen.insert(id) {
                continue;
            }
            let Some(cues) = self.lexicon.cues.get(id) else {
                continue;
            };
            for cue in cues {
                if cue.lang.as_deref().is_some_and(|l| l != lang) {
                    continue;
                }
                match cue.target {
                    Target::Kind(k, w) => spans.push((m.start(), m.end(), k, w, &cue.phrase)),
                    Target::Threat(t) => scores.threats.push((t, &cue.phrase)),
                    Target::RefundWait => scores.refund_wait = Some(&cue.phrase),
                    Target::PairSide(rule, side) => {
                        if let Some(slot) = scores.pair_sides.get_mut(rule) {
                            slot[side.min(1)].get_or_insert(&cue.phrase);
                        }
                    }
                }
            }
        }
        add_spans(&mut scores, &spans);
        self.apply_pairs(&mut scores);
        add_wait(&mut scores, longest_wait(folded.words()));
        add_count_mismatch(&mut scores, folded);
        if let Some((a, b)) = variant_mismatch(folded) {
            let slot = ExceptionKind::WrongItem as usize;
            scores.kind[slot] += 3.0;
            scores.kind_cues[slot].push(Note::Rule(format!("{a} and {b} differ +3")));
        }
        if let Some(phrase) = scores.refund_wait {
            refund_takes_the_wait(&mut scores, phrase);
        }
        scores
    }
}

impl Triager {
    fn apply_pairs(&self, scores: &mut Scores<'_>) {
        for (rule, sides) in self.lexicon.pair_rules.iter().zip(&scores.pair_sides) {
            if let [Some(a), Some(b)] = sides {
                let slot = rule.kind as usize;
                scores.kind[slot] += rule.weight;
                scores.kind_cues[slot]
                    .push(Note::Rule(format!("\"{a}\" with \"{b}\" +{}", rule.weight)));
            }
        }
    }
}
