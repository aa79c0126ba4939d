//! A size or colour swap: two different sizes or two different colours named in one message
//! ("sent me an M when I ordered L", "schwarzen bestellt, weißen bekommen") mean the wrong
//! variant came, which is a wrong item.

use crate::kind::ExceptionKind;
use crate::scoring::{Note, Scores};
use crate::text::fold;

/// Colour words in the eight languages, folded, each with the colour it names. German and
/// Dutch inflections are read by stripping their endings first.
#[rustfmt::skip]
const COLOURS: &[(&str, &str)] = &[
    ("black", "black"), ("white", "white"), ("red", "red"), ("blue", "blue"), ("green", "green"),
    ("yellow", "yellow"), ("pink", "pink"), ("purple", "purple"), ("grey", "grey"), ("gray", "grey"),
    ("brown", "brown"), ("beige", "beige"), ("navy", "navy"), ("orange", "orange"),
    ("negro", "black"), ("negra", "black"), ("blanco", "white"), ("blanca", "white"),
    ("rojo", "red"), ("roja", "red"), ("azul", "blue"), ("verde", "green"), ("amarillo", "yellow"),
    ("amarilla", "yellow"), ("rosa", "pink"), ("morado", "purple"), ("morada", "purple"),
    ("gris", "grey"), ("marron", "brown"), ("preto", "black"), ("preta", "black"),
    ("branco", "white"), ("branca", "white"), ("vermelho", "red"), ("vermelha", "red"),
    ("amarelo", "yellow"), ("amarela", "yellow"), ("roxo", "purple"), ("roxa", "purple"),
    ("cinza", "grey"), ("marrom", "brown"), ("noir", "black"), ("noire", "black"),
    ("blanc", "white"), ("blanche", "white"), ("rouge", "red"), ("bleu", "blue"),
    ("bleue", "blue"), ("vert", "green"), ("verte", "green"), ("jaune", "yellow"),
    ("violet", "purple"), ("violette", "purple"), ("schwarz", "black"), ("weiss", "white"),
    ("rot", "red"), ("blau", "blue"), ("grun", "green"), ("gelb", "yellow"), ("lila", "purple"),
    ("grau", "grey"), ("braun", "brown"), ("nero", "black"), ("nera", "black"),
    ("bianco", "white"), ("bianca", "white"), ("rosso", "red"), ("rossa", "red"), ("blu", "blue"),
    ("giallo", "yellow"), ("gialla", "yellow"), ("viola", "purple"), ("grigio", "grey"),
    ("grigia", "grey"), ("marrone", "brown"), ("zwart", "black"), ("wit", "white"),
    ("rood", "red"), ("blauw", "blue"), ("groen", "green"), ("geel", "yellow"), ("roze", "pink"),
    ("paars", "purple"), ("grijs", "grey"), ("bruin", "brown"), ("hitam", "black"),
    ("putih", "white"), ("merah", "red"), ("biru", "blue"), ("hijau", "green"),
    ("kuning", "yellow"), ("ungu", "purple"), ("coklat", "brown"),
];

/// Dutch and German endings on a colour ("schwarzen", "witte", "rode").
const ENDINGS: &[&str] = &["en", "em", "er", "es", "e"];

/// Size words, whatever their case.
const SIZES: &[&str] = &[
    "xxs", "xs", "xl", "xxl", "xxxl", "2xl", "3xl", "4xl", "small", "medium", "large",
];

/// Words of something arriving or being sent, or of one thing standing for another: a swap is
/// only read when the message says what came.
#[rustfmt::skip]
const CAME: &[&str] = &[
    "came", "arrived", "received", "got", "sent", "instead", "veio", "chegou", "recebi",
    "mandaram", "enviaram", "llego", "recibi", "mandaron", "enviaron", "vino", "recu", "recue",
    "arrive", "arrivee", "envoye", "envoyee", "lieu", "bekommen", "erhalten", "geliefert",
    "geschickt", "gekommen", "kam", "statt", "anstatt", "arrivato", "arrivata", "ricevuto",
    "ricevuta", "mandato", "mandata", "inviato", "inviata", "invece", "datang", "dateng",
    "dikirim", "dikirimin", "nyampe", "sampai", "kreeg", "gekregen", "ontvangen", "gestuurd",
    "geleverd", "plaats", "vez", "lugar",
];

/// The colour a folded word names, if any.
fn colour(word: &str) -> Option<&'static str> {
    let find = |w: &str| COLOURS.iter().find(|(c, _)| *c == w).map(|(_, c)| *c);
    find(word).or_else(|| {
        ENDINGS
            .iter()
            .filter_map(|e| word.strip_suffix(e))
            .find_map(|stem| find(stem).or_else(|| find(&stem.replace("dd", "d"))))
    })
}

/// The size a word of the original text names: a listed size word, or a capital S, M or L
/// standing alone.
fn size(word: &str) -> Option<String> {
    if matches!(word, "S" | "M" | "L") {
        return Some(word.to_string());
    }
    let low = word.to_lowercase();
    SIZES.contains(&low.as_str()).then_some(low)
}

/// The first two different colours or sizes the message names.
pub(crate) fn swap(text: &str) -> Option<(String, String)> {
    let folded = fold(text);
    if !folded.words().any(|w| CAME.contains(&w)) {
        return None;
    }
    let colours: Vec<&str> = folded.words().filter_map(colour).collect();
    if let Some(other) = colours.iter().find(|c| **c != colours[0]) {
        return Some((colours[0].to_string(), other.to_string()));
    }
    let sizes: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter_map(size)
        .collect();
    let first = sizes.first()?;
    let other = sizes.iter().find(|s| *s != first)?;
    Some((first.clone(), other.clone()))
}

/// Gives `wrong_item` its weight for a swap, unless the shopper asks for another size or
/// colour themselves (a return or an exchange is already named) or one of two variants is
/// missing.
pub(crate) fn add_swap(scores: &mut Scores<'_>, text: &str) {
    let named = |k: ExceptionKind| scores.kind[k as usize] >= 2.0;
    if named(ExceptionKind::ReturnExchange) || named(ExceptionKind::MissingItem) {
        return;
    }
    if let Some((a, b)) = swap(text) {
        let slot = ExceptionKind::WrongItem as usize;
        scores.kind[slot] += 3.0;
        scores.kind_cues[slot].push(Note::Rule(format!("{a} and {b}: another variant +3")));
    }
}
