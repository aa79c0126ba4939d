//! How long the shopper says they have waited ("3 semanas", "sebulan", "a month"). Cross-border
//! parcels commonly take one to three weeks, so a wait of two weeks or more reads as a delay.

/// Number words up to twelve in the eight languages (and "a"/"un" for "a month").
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
        "ten" | "dez" | "diez" | "dix" | "zehn" | "dieci" | "sepuluh" | "tien" => 10,
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
        "quinzena" | "quincena" | "quinzaine" => 15,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_are_read_in_days() {
        let w = |s: &str| longest_wait(s.split(' '));
        assert_eq!(w("ja faz 3 semanas"), Some(21));
        assert_eq!(w("udah sebulan kak"), Some(30));
        assert_eq!(w("hace un mes que compre"), Some(30));
        assert_eq!(w("buenos dias"), None);
        assert_eq!(w("7 10 days"), Some(10));
    }
}
