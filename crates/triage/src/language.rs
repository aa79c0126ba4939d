//! Which of the eight first languages a message is written in. The words decide; the
//! sender's phone country only breaks a tie or speaks when there are no words at all.

use crate::lexicon::{Lexicon, LANGUAGES};
use crate::text::Folded;

/// The language read from a message, how sure, and why.
#[derive(Debug, Clone)]
pub(crate) struct LanguageReading {
    pub code: &'static str,
    pub confidence: f32,
    pub reason: String,
}

/// Extra points for letters only some languages use (ã, ñ, ß…), read from the raw text.
fn letter_points(raw: &str, points: &mut [f32; 8]) {
    for c in raw.chars() {
        let (langs, p): (&[usize], f32) = match c {
            'ã' | 'õ' | 'Ã' | 'Õ' => (&[2], 2.0),
            'ñ' | 'Ñ' | '¿' | '¡' => (&[1], 2.0),
            'ß' => (&[4], 2.0),
            'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü' => (&[4], 1.0),
            'ç' | 'Ç' => (&[2, 3], 0.5),
            'ì' | 'ò' => (&[5], 1.0),
            'è' | 'à' | 'ù' => (&[3, 5], 0.5),
            'ê' | 'ô' | 'â' => (&[2, 3], 0.5),
            'î' | 'û' | 'ë' | 'ï' => (&[3], 0.5),
            _ => continue,
        };
        for &l in langs {
            points[l] += p;
        }
    }
}

/// Reads the language of `raw` (folded as `folded`), with `hint` the phone country's language.
pub(crate) fn detect(
    lexicon: &Lexicon,
    raw: &str,
    folded: &Folded,
    hint: Option<&str>,
) -> LanguageReading {
    let mut points = [0f32; 8];
    let mut hits: Vec<(&str, &[u8; 8])> = Vec::new();
    for word in folded.words() {
        if let Some(p) = lexicon.words.get(word) {
            let distinct = p.iter().filter(|&&x| x > 0).count();
            for (slot, &x) in points.iter_mut().zip(p) {
                *slot += f32::from(x) / distinct as f32;
            }
            hits.push((word, p));
        }
    }
    letter_points(raw, &mut points);
    let hint_slot = hint.and_then(|h| LANGUAGES.iter().position(|(code, _)| *code == h));
    let total: f32 = points.iter().sum();
    if total <= 0.0 {
        return no_words(hint_slot);
    }
    if let Some(i) = hint_slot {
        points[i] += 0.5;
    }
    let (best, best_points) =
        points.iter().enumerate().fold(
            (0, f32::MIN),
            |acc, (i, &p)| if p > acc.1 { (i, p) } else { acc },
        );
    let code = LANGUAGES[best].0;
    let mut evidence: Vec<&str> = Vec::new();
    for (word, p) in hits {
        if p[best] > 0 && evidence.len() < 6 && !evidence.contains(&word) {
            evidence.push(word);
        }
    }
    let hinted = if hint_slot == Some(best) {
        "; phone country agrees"
    } else {
        ""
    };
    LanguageReading {
        code,
        confidence: (best_points / (total + 0.5)).clamp(0.0, 1.0),
        reason: format!("language {code}: words {}{hinted}", evidence.join(", ")),
    }
}

/// No word of any language: the phone's country speaks, or nothing does.
fn no_words(hint_slot: Option<usize>) -> LanguageReading {
    match hint_slot {
        Some(i) => LanguageReading {
            code: LANGUAGES[i].0,
            confidence: 0.4,
            reason: format!(
                "language {}: no words to go by; the phone's country",
                LANGUAGES[i].0
            ),
        },
        None => LanguageReading {
            code: "und",
            confidence: 0.0,
            reason: "language und: no words to go by".into(),
        },
    }
}
