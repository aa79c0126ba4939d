//! How long the shopper says they have waited ("3 semanas", "sebulan", "a month"). Cross-border
//! parcels commonly take one to three weeks, so a wait of two weeks or more reads as a delay.

/// Number words up to twenty in the eight languages (and "a"/"un" for "a month").
fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "a" | "an" | "one" | "um" | "uma" | "un" | "una" | "une" | "ein" | "einen" | "einem"
        | "uno" | "satu" | "se" | "een" | "1" => 1,
        "two" | "couple" | "dos" | "duas" | "dois" | "deux" | "zwei" | "due" | "dua" | "twee" => 2,
        "three" | "tres" | "trois" | "drei" | "tre" | "tiga" | "drie" => 3,
        "four" | "quatro" | "cuatro" | "quatre" | "vier" | "quattro" | "empat" => 4,
        "five" | "cinco" | "cinq" | "funf" | "cinque" | "lima" | "vijf" => 5,
        "six" | "seis" | "sechs" | "sei" | "enam" | "zes" => 6,
        "seven" | "sete" | "siete" | "sept" | "sieben" | "sette" | "tujuh" | "zeven" => 7,
        "eight" | "oito" | "ocho" | "huit" | "acht" | "otto" | "delapan" => 8,
        "nine" | "nove" | "nueve" | "neun" | "sembilan" | "negen" => 9,
        "ten" | "dez" | "diez" | "dix" | "zehn" | "dieci" | "sepuluh" | "tien" => 10,
        "eleven" | "onze" | "elf" | "undici" => 11,
        "twelve" | "doze" | "doce" | "douze" | "zwolf" | "dodici" | "twaalf" => 12,
        "fifteen" | "quinze" | "quince" | "funfzehn" | "quindici" | "vijftien" => 15,
        "twenty" | "vinte" | "veinte" | "vingt" | "zwanzig" | "venti" | "twintig" => 20,
        _ => return None,
    })
}

/// Days in one unit: days, weeks, months in the eight languages.
fn unit_days(w: &str) -> Option<u32> {
    Some(match w {
        "day" | "days" | "dia" | "dias" | "jour" | "jours" | "tag" | "tage" | "tagen"
        | "giorno" | "giorni" | "hari" | "dag" | "dagen" => 1,
        "week" | "weeks" | "semana" | "semanas" | "semaine" | "semaines" | "woche" | "wochen"
        | "settimana" | "settimane" | "minggu" | "weken" | "wk" | "wks" => 7,
        "month" | "months" | "mes" | "meses" | "mois" | "monat" | "monate" | "monaten" | "mese"
        | "mesi" | "bulan" | "maand" | "maanden" => 30,
        _ => return None,
    })
}

/// One-word waits: "sebulan", "seminggu".
fn single_word(w: &str) -> Option<u32> {
    Some(match w {
        "sebulan" => 30,
        "seminggu" => 7,
        "quinzena" | "quincena" | "quinzaine" | "quindicina" => 15,
        "fortnight" | "fortnights" => 14,
        _ => return None,
    })
}

/// The longest wait named in the folded words, in days.
pub(crate) fn longest_wait<'a>(words: impl Iterator<Item = &'a str>) -> Option<u32> {
    let mut best: Option<u32> = None;
    let mut prev: Option<&str> = None;
    for w in words {
        let days = single_word(w).or_else(|| {
            let unit = unit_days(w)?;
            let n = prev.and_then(|p| {
                number_word(p).or_else(|| p.parse::<u32>().ok().filter(|n| *n <= 400))
            })?;
            Some(n * unit)
        });
        if let Some(d) = days {
            best = Some(best.map_or(d, |b| b.max(d)));
        }
        prev = Some(w);
    }
    best
}

/// Words of buying or expecting that make two different counts a shortfall.
const BOUGHT: &[&str] = &[
    "ordered",
    "bought",
    "commandes",
    "commandee",
    "commandees",
    "achetes",
    "comprados",
    "compradas",
    "ordinati",
    "ordinate",
    "bestelde",
    "order",
    "buy",
    "debia",
    "deberia",
    "doveva",
    "hoorden",
    "set",
    "kit",
    "pack",
    "bundle",
    "lot",
    "lote",
    "conjunto",
    "paid",
    "preso",
    "presi",
    "pris",
    "took",
    "genommen",
    "pesen",
    "supposed",
    "should",
    "comprei",
    "pedi",
    "paguei",
    "encomendei",
    "deveria",
    "deviam",
    "compre",
    "pague",
    "deberian",
    "debian",
    "commande",
    "achete",
    "paye",
    "devait",
    "devaient",
    "bestellt",
    "gekauft",
    "bezahlt",
    "sollten",
    "ordinato",
    "comprato",
    "pagato",
    "dovevano",
    "beli",
    "pesan",
    "bayar",
    "harusnya",
    "padahal",
    "besteld",
    "gekocht",
    "betaald",
    "moesten",
    "zouden",
    "eran",
    "eram",
    "erano",
    "etaient",
];

/// Two different item counts (2-20) in a message that speaks of buying: "pedi 3, vieram 2".
/// Counts followed by a unit of time, money or measure are not counts of items.
pub(crate) fn count_mismatch(folded: &crate::text::Folded) -> Option<(u32, u32)> {
    let words: Vec<&str> = folded.words().collect();
    let part_of = (0..words.len()).any(|i| part_of_at(&words, i));
    if !part_of && !words.iter().any(|w| BOUGHT.contains(w)) {
        return None;
    }
    let mut counts: Vec<u32> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let n = match leading_count(w) {
            Ok(n) => n,
            Err(_) => match number_word(w) {
                Some(n) if n >= 2 => n,
                _ => continue,
            },
        };
        let next = words.get(i + 1).copied().unwrap_or("");
        let prev = if i > 0 { words[i - 1] } else { "" };
        let digits = |x: &str| !x.is_empty() && x.bytes().all(|c| c.is_ascii_digit());
        let inside = i >= 2 && part_of_at(&words, i - 2);
        // "Bestellung 5831: 3 Teile" — an order number before a count leaves it a count.
        let order_before = digits(prev) && prev.len() >= 4;
        if digits(next)
            || (digits(prev) && !order_before)
            || (!inside
                && matches!(
                    prev,
                    "dia" | "dias" | "el" | "le" | "am" | "il" | "tanggal" | "op" | "on" | "the"
                ))
        {
            continue;
        }
        let whole_follows = part_of_at(&words, i + 1);
        if !(1..=20).contains(&n)
            || unit_days(next).is_some()
            || (NOT_ITEMS.contains(&next) && !whole_follows)
        {
            continue;
        }
        if !counts.contains(&n) {
            counts.push(n);
        }
    }
    let near_arrival = words.iter().enumerate().any(|(i, w)| {
        ARRIVED.contains(w)
            && words[i.saturating_sub(3)..(i + 4).min(words.len())]
                .iter()
                .any(|x| {
                    leading_count(x).is_ok_and(|n| counts.contains(&n))
                        || number_word(x).is_some_and(|n| counts.contains(&n))
                })
    });
    match counts.as_slice() {
        [a, b, ..] if near_arrival => Some((*a, *b)),
        _ => None,
    }
}

/// Words that set one count inside another: "2 of the 3", "2 de las 3", "2 sur 4", "von den
/// 3", "su 4", "dari 3", "van de 4".
const PART_OF: &[&str] = &[
    "of", "de", "dos", "das", "sur", "von", "su", "dari", "van", "uit",
];

/// Articles that may stand between such a word and its count.
const ARTICLES: &[&str] = &[
    "the", "las", "los", "les", "den", "die", "de", "i", "le", "gli",
];

/// Whether `words[i]` sets a count as the whole ("of the 3").
fn part_of_at(words: &[&str], i: usize) -> bool {
    if !words.get(i).is_some_and(|w| PART_OF.contains(w)) {
        return false;
    }
    let mut j = i + 1;
    if words.get(j).is_some_and(|w| ARTICLES.contains(w)) {
        j += 1;
    }
    words.get(j).is_some_and(|w| {
        leading_count(w).is_ok_and(|n| (2..=20).contains(&n))
            || number_word(w).is_some_and(|n| n >= 2)
    })
}

/// A count written as digits, alone or with a short suffix: "6", "6er", "6x", "6pcs".
fn leading_count(w: &str) -> Result<u32, ()> {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &w[digits..];
    if digits == 0 || !matches!(rest, "" | "er" | "x" | "pcs" | "pc" | "pz" | "st") {
        return Err(());
    }
    w[..digits].parse().map_err(|_| ())
}

/// Words of arriving or of falling short, one of which must stand near a count.
#[rustfmt::skip]
const ARRIVED: &[&str] = &[
    "only", "just", "came", "arrived", "received", "got", "there", "theres", "were", "so", "apenas",
    "veio", "vieram", "chegou", "chegaram", "recebi", "tinha", "solo", "llego", "llegaron", "vino",
    "vinieron", "venian", "recibi", "trajo", "seulement", "recu", "recus", "recues", "eu", "arrive", "arrives", "reste",
    "nur", "kamen", "kam", "waren", "bekommen", "erhalten", "drin", "solo", "arrivati", "arrivato",
    "arrivate", "ricevuto", "trovati", "sono", "cuma", "hanya", "datang", "dateng", "sampai", "dapat",
    "dapet", "isinya", "maar", "slechts", "kreeg", "gekregen", "ontvangen", "zaten", "zitten",
    "aangekomen", "ricevuti", "ricevute", "ricevuta", "recebidos", "recebidas", "recibidos",
    "recibidas", "geleverd", "diterima",
];

/// Words after a number that make it something other than a count of items.
const NOT_ITEMS: &[&str] = &[
    "hours", "horas", "heures", "stunden", "ore", "jam", "uur", "reais", "pesos", "euros", "eur",
    "dollars", "usd", "rb", "ribu", "k", "x", "vezes", "veces", "fois", "mal", "volte", "kali",
    "keer", "times", "am", "pm", "h", "de", "of", "size", "tamanho", "talla", "taille", "grosse",
    "taglia", "ukuran", "maat", "cm", "kg", "ml", "percent", "%",
];

/// Units that name a product variant: "100ml", "64 gb", "42 cm".
const VARIANT_UNITS: &[&str] = &[
    "ml", "l", "gb", "tb", "cm", "mm", "kg", "g", "oz", "inch", "mah", "w",
];

/// Two different amounts of the same unit ("the 100ml and got the 50ml"): a wrong variant.
pub(crate) fn variant_mismatch(folded: &crate::text::Folded) -> Option<(String, String)> {
    let words: Vec<&str> = folded.words().collect();
    let mut seen: Vec<(u32, &str)> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let digits = w.bytes().take_while(u8::is_ascii_digit).count();
        let (number, unit) = if digits > 0 && digits < w.len() {
            (&w[..digits], &w[digits..])
        } else if digits == w.len() && digits > 0 {
            (*w, words.get(i + 1).copied().unwrap_or(""))
        } else {
            continue;
        };
        let (Ok(n), true) = (number.parse::<u32>(), VARIANT_UNITS.contains(&unit)) else {
            continue;
        };
        if let Some(&(m, u)) = seen.iter().find(|(m, u)| *u == unit && *m != n) {
            return Some((format!("{m}{u}"), format!("{n}{unit}")));
        }
        seen.push((n, unit));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_are_read_in_days() {
        let w = |s: &str| longest_wait(s.split(' '));
        assert_eq!(w("ja faz 3 semanas"), Some(21));
        assert_eq!(w("mas de quince dias"), Some(15));
        assert_eq!(w("over a fortnight"), Some(14));
        assert_eq!(w("udah sebulan kak"), Some(30));
        assert_eq!(w("hace un mes que compre"), Some(30));
        assert_eq!(w("buenos dias"), None);
        assert_eq!(w("7 10 days"), Some(10));
    }
}
