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
use crate::situation::{self, Situation};
use crate::text::{fold, Folded};
use crate::{language, missing, notices, numbers, partial, tokens};

/// What triage read from one message; serializes to exactly the JSON of `lifeline triage`.
/// The default is a message that says nothing: language `und`, kind `other`.
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
    /// Where the shopper says the parcel is: a failed delivery attempt, a pickup point, customs.
    #[serde(default)]
    pub situation: Situation,
    /// For `missing_item`: the folded words naming what is missing ("cargador"), to hold
    /// against the order's lines (see [`Triager::item_words`]); empty when none are named.
    #[serde(default)]
    pub missing_words: Vec<String>,
}

impl Default for Triage {
    fn default() -> Self {
        Triage {
            language: "und".into(),
            kind: ExceptionKind::Other,
            priority: Priority::Normal,
            order_numbers: Vec::new(),
            tracking_numbers: Vec::new(),
            escalate: false,
            confidence: 0.0,
            reasons: Vec::new(),
            situation: Situation::None,
            missing_words: Vec::new(),
        }
    }
}

/// A kind cue found in a message: where it starts and ends, its kind, weight and phrase.
type Span<'a> = (usize, usize, ExceptionKind, f32, &'a str);

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
        let (scores, situation, situation_why, not_come) = self.score(text, &folded, lang.code);
        let toks = tokens::tokenize(text);
        let found = numbers::read(&toks, &self.order_patterns, &self.carriers);

        let mut reasons = vec![match country {
            Some(c) => format!("{} (phone country {c})", lang.reason),
            None => lang.reason.clone(),
        }];
        let mut scores = scores;
        crate::variants::add_swap(&mut scores, text);
        if !found.tracking.is_empty() {
            let slot = ExceptionKind::WhereIsMyOrder as usize;
            scores.kind[slot] += 1.0;
            scores.kind_cues[slot].push(Note::Rule("a tracking number given +1".into()));
        }
        let (kind, kind_conf) = choose_kind(&scores, &mut reasons);
        let situation = if situation::fits(kind) {
            situation
        } else {
            Situation::None
        };
        if situation != Situation::None {
            reasons.push(situation_why);
        }
        let missing_words = if kind == ExceptionKind::MissingItem && !not_come.is_empty() {
            not_come
        } else if kind == ExceptionKind::MissingItem {
            missing::missing_words(&self.lexicon, text, lang.code)
        } else {
            Vec::new()
        };
        let (escalate, priority) = priority(&scores, kind, &mut reasons);
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
            situation,
            missing_words,
        }
    }

    /// The words of an order line's title (or any text) in the form of `missing_words`, so
    /// the desk can count what they share with [`crate::shared_item_words`].
    pub fn item_words(&self, text: &str) -> Vec<String> {
        missing::item_words(&self.lexicon, text)
    }

    fn score<'a>(
        &'a self,
        text: &str,
        folded: &Folded,
        lang: &str,
    ) -> (Scores<'a>, Situation, String, Vec<String>) {
        let mut scores = Scores {
            kind: [0.0; 10],
            kind_cues: Default::default(),
            threats: Vec::new(),
            refund_wait: None,
            customs_ask: None,
            pair_sides: vec![[None, None]; self.lexicon.pair_rules.len()],
            situation: [0.0; 4],
            situation_cues: Default::default(),
        };
        let spans = self.read_cues(folded, lang, &mut scores);
        add_spans(&mut scores, &spans);
        self.apply_pairs(&mut scores);
        let not_come = partial::add_part_missing(&self.lexicon, text, lang, &mut scores);
        add_count_mismatch(&mut scores, folded);
        if let Some((a, b)) = variant_mismatch(folded) {
            let slot = ExceptionKind::WrongItem as usize;
            scores.kind[slot] += 3.0;
            scores.kind_cues[slot].push(Note::Rule(format!("{a} and {b} differ +3")));
        }
        let (situation, situation_why) = situation::settle(&mut scores);
        add_wait(&mut scores, longest_wait(folded.words()));
        if let Some(phrase) = scores.refund_wait {
            refund_takes_the_wait(&mut scores, phrase);
        }
        (scores, situation, situation_why, not_come)
    }

    /// One pass of the automaton: threats, refund waits, situations and pair sides go straight
    /// into `scores`; the kind cues come back as spans, for `add_spans` to weigh nested ones.
    fn read_cues<'a>(
        &'a self,
        folded: &Folded,
        lang: &str,
        scores: &mut Scores<'a>,
    ) -> Vec<Span<'a>> {
        let mut seen = HashSet::new();
        let mut spans: Vec<Span<'a>> = Vec::new();
        let mut sides: Vec<(usize, usize, usize, &str)> = Vec::new();
        let mut situated: Vec<(usize, usize)> = Vec::new();
        for m in self
            .lexicon
            .automaton
            .find_overlapping_iter(folded.padded.as_str())
        {
            let id = m.pattern().as_usize();
            let Some(cues) = self.lexicon.cues.get(id).filter(|_| seen.insert(id)) else {
                continue;
            };
            for cue in cues
                .iter()
                .filter(|c| c.lang.as_deref().is_none_or(|l| l == lang))
            {
                match cue.target {
                    Target::Kind(k @ (ExceptionKind::Lost | ExceptionKind::Delayed), _)
                        if notices::about_a_notice(
                            &folded.padded,
                            m.start(),
                            m.end(),
                            k == ExceptionKind::Delayed,
                        ) => {}
                    Target::Kind(k, w) => spans.push((m.start(), m.end(), k, w, &cue.phrase)),
                    Target::Threat(t) => scores.threats.push((t, &cue.phrase)),
                    Target::RefundWait => scores.refund_wait = Some(&cue.phrase),
                    Target::CustomsAsk => scores.customs_ask = Some(&cue.phrase),
                    Target::PairSide(rule, side) => {
                        sides.push((m.start(), m.end(), rule * 2 + side.min(1), &cue.phrase));
                    }
                    Target::Situation(s, w) => {
                        scores.situation[s as usize] += w;
                        scores.situation_cues[s as usize].push(&cue.phrase);
                        if w > 0.0 && s == Situation::NotHome {
                            situated.push((m.start(), m.end()));
                        }
                    }
                }
            }
        }
        // "nobody" in "nobody was home" tells of a failed attempt, not of a parcel gone; a
        // pickup point's name still counts ("left in the locker" and "it is empty": lost).
        for (start, end, slot, phrase) in sides {
            let inside = situated.iter().any(|&(s, e)| s <= start && end <= e);
            if let (false, Some(pair)) = (inside, scores.pair_sides.get_mut(slot / 2)) {
                pair[slot % 2].get_or_insert(phrase);
            }
        }
        spans
    }
}

/// Whether a threat escalates the case, and the priority that follows.
fn priority(
    scores: &Scores<'_>,
    kind: ExceptionKind,
    reasons: &mut Vec<String>,
) -> (bool, Priority) {
    let threats = escalation(&scores.threats);
    if !threats.is_empty() {
        reasons.push(format!("escalate: {}", threats.join("; ")));
        reasons.push("priority urgent: a threat puts the case at the top".into());
        return (true, Priority::Urgent);
    }
    let p = kind.default_priority();
    reasons.push(format!(
        "priority {}: the usual for {}",
        p.as_str(),
        kind.as_str()
    ));
    (false, p)
}

impl Triager {
    fn apply_pairs<'a>(&'a self, scores: &mut Scores<'a>) {
        for (i, rule) in self.lexicon.pair_rules.iter().enumerate() {
            let [Some(a), Some(b)] = scores.pair_sides[i] else {
                continue;
            };
            match rule.target {
                Target::Kind(kind, weight) => {
                    let slot = kind as usize;
                    scores.kind[slot] += weight;
                    scores.kind_cues[slot]
                        .push(Note::Rule(format!("\"{a}\" with \"{b}\" +{weight}")));
                }
                Target::Situation(s, weight) => {
                    scores.situation[s as usize] += weight;
                    scores.situation_cues[s as usize].extend([a, b]);
                }
                _ => {}
            }
        }
    }
}
