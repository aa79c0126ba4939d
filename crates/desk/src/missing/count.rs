//! How many of a line are missing, from the counts in the shopper's words: "only 3 of the 4
//! came" is one, "2 are missing" is two, no count at all is the whole line.

/// Words that make a count the number that arrived rather than the number missing ("only 3",
/// "ne sono arrivati 3"), folded, in the eight languages.
const ARRIVED: &[&str] = &[
    "only",
    "just",
    "came",
    "arrived",
    "received",
    "got",
    "solo",
    "solamente",
    "llegaron",
    "llego",
    "recibi",
    "so",
    "apenas",
    "chegaram",
    "chegou",
    "recebi",
    "nur",
    "kamen",
    "angekommen",
    "erhalten",
    "bekommen",
    "geliefert",
    "seulement",
    "recu",
    "arrive",
    "arrives",
    "arrivees",
    "arrivati",
    "arrivate",
    "ricevuto",
    "ricevuti",
    "hanya",
    "cuma",
    "datang",
    "sampai",
    "diterima",
    "alleen",
    "slechts",
    "aangekomen",
    "ontvangen",
    "gekregen",
    "geleverd",
];

/// Lower case without the accents of the eight languages, words split at anything else.
fn folded_words(text: &str) -> Vec<String> {
    let fold = |c: char| match c {
        'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        c => c,
    };
    text.to_lowercase()
        .chars()
        .map(fold)
        .collect::<String>()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The missing quantity of a line of `ordered`, from `text`; the order's own numbers are not
/// counts. Never more than the line holds, never less than one.
pub(super) fn missing_quantity(text: &str, ordered: u32, order_numbers: &[String]) -> u32 {
    let ordered = ordered.max(1);
    if ordered == 1 {
        return 1;
    }
    let words = folded_words(text);
    let counts: Vec<u32> = words
        .iter()
        .filter(|w| {
            !order_numbers
                .iter()
                .any(|o| o.trim_start_matches('#') == w.as_str())
        })
        .filter_map(|w| w.parse::<u32>().ok())
        .filter(|n| *n < ordered)
        .collect();
    let arrived = words.iter().any(|w| ARRIVED.contains(&w.as_str()));
    match counts.as_slice() {
        [n] if arrived => ordered - n,
        [n] if *n > 0 => *n,
        _ => ordered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_say_how_many_are_missing() {
        let none: &[String] = &[];
        assert_eq!(missing_quantity("only 3 of the 4 glasses came", 4, none), 1);
        assert_eq!(
            missing_quantity("ho ordinato 4 piatti ma ne sono arrivati 3", 4, none),
            1
        );
        assert_eq!(missing_quantity("faltam 2 copos", 4, none), 2);
        assert_eq!(missing_quantity("die Pfannenwender fehlen", 2, none), 2);
        assert_eq!(
            missing_quantity("order 1025: 1 spatula missing", 2, &["1025".into()]),
            1
        );
        assert_eq!(missing_quantity("the remote is missing", 1, none), 1);
    }
}
