//! "The jacket arrived but not the belt", "paket udah sampai tapi charger-nya nggak ada": the
//! parcel came, and a thing the shopper names after a word of contrast did not. That is a
//! missing item, not a lost parcel, though "arrived" and "not there" are also what a shopper
//! writes when the carrier says delivered and nothing came ("dice que llegó pero no tengo
//! nada"): the difference is that a thing is named.

use std::ops::Range;

use crate::kind::ExceptionKind;
use crate::lexicon::{Lexicon, Target};
use crate::missing::{bare, names_item, words_at, CONTRASTS};
use crate::notices;
use crate::scoring::{Note, Scores};
use crate::text::fold;

/// Words saying something came or was received, in the eight languages (folded).
#[rustfmt::skip]
const ARRIVED: &[&str] = &[
    "arrived", "came", "received", "got", "delivered", "chegou", "chegaram", "veio", "vieram",
    "recebi", "recebemos", "llego", "llegaron", "vino", "vinieron", "recibi", "recu", "recus",
    "recue", "arrive", "arrivee", "arrives", "arrivees", "angekommen", "gekommen", "erhalten",
    "bekommen", "geliefert", "kam", "kamen", "arrivato", "arrivata", "arrivati", "arrivate",
    "ricevuto", "ricevuta", "binnen", "aangekomen", "ontvangen", "gekregen", "geleverd", "kwam",
    "kwamen", "sampai", "sampe", "nyampe", "datang", "dateng", "diterima", "nerima", "terima",
];

/// Words that say a thing did not come ("not the belt", "o boné não veio", "topinya nggak").
#[rustfmt::skip]
const NOT: &[&str] = &[
    "not", "no", "never", "didnt", "wasnt", "werent", "isnt", "arent", "nao", "nem", "nunca",
    "pas", "jamais", "nicht", "nie", "kein", "keine", "non", "mai", "niet", "nooit", "geen",
    "gak", "ga", "nggak", "enggak", "tidak", "tdk", "gk", "ngga", "belum", "blm",
];

/// Words that make the arrival the carrier's claim ("tracking says delivered but…"): what
/// follows is a lost parcel, not a missing item.
#[rustfmt::skip]
const CLAIMS: &[&str] = &[
    "says", "said", "shows", "showed", "status", "tracking", "marked", "claims", "supposedly",
    "diz", "consta", "aparece", "mostra", "rastreio", "dice", "pone", "figura", "sale",
    "seguimiento", "dit", "indique", "affiche", "suivi", "soi", "sagt", "steht", "laut",
    "angeblich", "sendungsverfolgung", "risulta", "segna", "tracciamento", "zegt", "staat",
    "volgens", "katanya", "bilang", "tertulis", "resi", "statusnya", "menurut",
];

/// Words that name no thing the shop sent: places, times, sizes, the second parcel of a split
/// order. "It arrived, but not at my house" is a delivery question.
#[rustfmt::skip]
const NOT_THINGS: &[&str] = &[
    "house", "home", "address", "door", "flat", "building", "mine", "time", "size", "colour",
    "color", "right", "second", "casa", "endereco", "porta", "tamanho", "cor", "segundo",
    "segunda", "direccion", "puerta", "talla", "maison", "adresse", "porte", "taille",
    "couleur", "deuxieme", "haus", "adresse", "tur", "grosse", "farbe", "zweite", "zweiten",
    "indirizzo", "porta", "taglia", "colore", "secondo", "seconda", "rumah", "alamat", "pintu",
    "ukuran", "warna", "kedua", "huis", "adres", "deur", "maat", "kleur", "tweede",
    "neighbour", "neighbours", "neighbor", "neighbors", "now", "agora", "ahora", "maintenant",
    "jetzt", "adesso", "sekarang", "tanggal", "lagi", "nu", "number", "unfortunately", "sadly",
    "infelizmente", "lamentablemente", "desafortunadamente", "malheureusement", "leider",
    "purtroppo", "helaas", "sayangnya",
];

/// Kinds whose cues after the contrast mean the sentence is about something else than a
/// thing that did not come ("the box came but the lamp doesn't work").
const ELSEWHERE: [ExceptionKind; 5] = [
    ExceptionKind::Damaged,
    ExceptionKind::WrongItem,
    ExceptionKind::OutOfStock,
    ExceptionKind::ReturnExchange,
    ExceptionKind::Payment,
];

/// How much "X came, Y did not" adds to `missing_item`.
const WEIGHT: f32 = 4.0;

/// At most this many words name what did not come (as in `missing_words`).
const MAX_WORDS: usize = 8;

/// Adds the missing item when a sentence says the parcel or one thing came and names another
/// that did not; the parcel came, so the weight for a lost parcel goes. Returns the words
/// naming what did not come ("belt", not "jacket"), empty when the sentence says no such thing.
pub(crate) fn add_part_missing(
    lexicon: &Lexicon,
    text: &str,
    lang: &str,
    scores: &mut Scores<'_>,
) -> Vec<String> {
    let Some(things) = sentences(text).find_map(|s| things_not_come(lexicon, &s, lang)) else {
        return Vec::new();
    };
    let slot = ExceptionKind::MissingItem as usize;
    scores.kind[slot] += WEIGHT;
    scores.kind_cues[slot].push(Note::Rule(format!(
        "it came, but not \"{}\" +{WEIGHT}",
        things.join(" ")
    )));
    scores.kind[ExceptionKind::Lost as usize] = 0.0;
    things
}

/// Marks the end of a clause (a comma) inside a folded sentence; no cue contains it.
const CLAUSE: &str = "|";

/// The sentences of a message, folded and padded, their clauses joined by [`CLAUSE`].
fn sentences(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(['.', '!', '?', ';', '\n'])
        .map(|s| {
            let clauses: Vec<String> = s.split(',').map(|c| fold(c).padded).collect();
            clauses.join(CLAUSE)
        })
        .filter(|s| s.trim_matches([' ', '|']).len() > 1)
}

/// The words naming what did not come in a sentence that says something came: in the clause
/// of the contrast, which is the arrival's own clause or the next one.
fn things_not_come(lexicon: &Lexicon, padded: &str, lang: &str) -> Option<Vec<String>> {
    let words: Vec<(usize, &str)> = words_at(padded).collect();
    let clause_of = |i: usize| words[..i].iter().filter(|(_, w)| *w == CLAUSE).count();
    let came = (0..words.len()).find(|&i| {
        let negated = words[..i]
            .iter()
            .rev()
            .take(3)
            .take_while(|(_, w)| *w != CLAUSE)
            .any(|(_, w)| NOT.contains(w));
        ARRIVED.contains(&words[i].1) && !negated
    })?;
    if words[..came].iter().any(|(_, w)| CLAIMS.contains(w)) {
        return None;
    }
    let turn = (came + 1..words.len())
        .find(|&i| CONTRASTS.contains(&words[i].1))
        .filter(|&i| clause_of(i) <= clause_of(came) + 1)?;
    let end = (turn..words.len())
        .find(|&i| words[i].1 == CLAUSE)
        .unwrap_or(words.len());
    let after = &words[turn + 1..end];
    if !after.iter().any(|(_, w)| NOT.contains(w)) {
        return None;
    }
    // "die Jacke ist angekommen, der Gürtel aber nicht": the thing may stand before the
    // contrast when only the "not" follows it.
    let only_not = after
        .iter()
        .all(|(_, w)| NOT.contains(w) || lexicon.not_items.contains(*w));
    let from = if only_not { came + 1 } else { turn + 1 };
    let rest: Vec<(usize, &str)> = words[from..end]
        .iter()
        .copied()
        .filter(|(_, w)| *w != CLAUSE)
        .collect();
    let (first, last) = (rest.first()?, rest.last()?);
    let covered = cue_spans(lexicon, padded, lang, first.0..last.0 + last.1.len())?;
    let mut things: Vec<String> = Vec::new();
    let named = rest
        .iter()
        .map(|&(start, w)| (start, bare(w, lang)))
        .filter(|&(start, w)| {
            names_item(lexicon, w)
                && w.len() >= 3
                && w.bytes().all(|b| b.is_ascii_lowercase())
                && !NOT.contains(&w)
                && !NOT_THINGS.contains(&w)
                && !CONTRASTS.contains(&w)
                && !ARRIVED.contains(&w)
                && !covered.iter().any(|r| r.contains(&start))
        });
    for (_, w) in named {
        if !things.iter().any(|t| t == w) {
            things.push(w.to_string());
        }
    }
    things.truncate(MAX_WORDS);
    (!things.is_empty()).then_some(things)
}

/// The byte ranges covered by cues, or `None` when one within `rest` names another problem
/// with the goods, the money or a return, or where the parcel is ("the courier came but I was
/// out", "it arrived at the locker but…"), or when a message or a code is what did not come.
fn cue_spans(
    lexicon: &Lexicon,
    padded: &str,
    lang: &str,
    rest: Range<usize>,
) -> Option<Vec<Range<usize>>> {
    let mut words = words_at(padded).filter(|(at, _)| rest.contains(at));
    if words.any(|(_, w)| notices::is_notice(w)) {
        return None;
    }
    let mut covered = Vec::new();
    for m in lexicon.automaton.find_overlapping_iter(padded) {
        let Some(cues) = lexicon.cues.get(m.pattern().as_usize()) else {
            continue;
        };
        for cue in cues
            .iter()
            .filter(|c| c.lang.as_deref().is_none_or(|l| l == lang))
        {
            match cue.target {
                Target::Kind(k, w)
                    if w >= 1.5
                        && overlaps(&rest, m.start()..m.end())
                        && ELSEWHERE.contains(&k) =>
                {
                    return None
                }
                Target::Situation(_, w) if w > 0.0 && overlaps(&rest, m.start()..m.end()) => {
                    return None
                }
                Target::Kind(_, w) | Target::Situation(_, w) if w > 0.0 => {}
                Target::PairSide(..) | Target::Threat(_) => {}
                _ => continue,
            }
            covered.push(m.start()..m.end());
        }
    }
    Some(covered)
}

fn overlaps(a: &Range<usize>, b: Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}
