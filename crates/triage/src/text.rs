//! Folds a message into the plain form every cue is written in: lower case, no accents,
//! punctuation as spaces, letters typed three or more times in a row counted once.

/// Folds one character: lower case, accents dropped. Returns up to two characters.
fn fold_char(c: char) -> [Option<char>; 2] {
    let one = |x| [Some(x), None];
    match c {
        'A'..='Z' => one(c.to_ascii_lowercase()),
        'a'..='z' | '0'..='9' => one(c),
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
            one('a')
        }
        'ç' | 'Ç' => one('c'),
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'È' | 'É' | 'Ê' | 'Ë' => one('e'),
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => one('i'),
        'ñ' | 'Ñ' => one('n'),
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'º' | '°' => {
            one('o')
        }
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => one('u'),
        'ý' | 'ÿ' | 'Ý' => one('y'),
        'ß' => [Some('s'), Some('s')],
        'œ' | 'Œ' => [Some('o'), Some('e')],
        'æ' | 'Æ' => [Some('a'), Some('e')],
        '\u{300}'..='\u{36f}' => [None, None],
        _ if c.is_alphabetic() => {
            let mut low = c.to_lowercase();
            [low.next(), None]
        }
        _ => one(' '),
    }
}

/// A message in folded form, padded with one space at each end so that a cue
/// written `" word "` only matches whole words.
#[derive(Debug, Clone)]
pub(crate) struct Folded {
    pub padded: String,
}

impl Folded {
    /// The folded words, in order.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.padded.split(' ').filter(|w| !w.is_empty())
    }
}

/// Folds a message (see the module doc). Apostrophes join English contractions
/// ("didn't" → "didnt") and split elisions ("l'argent" → "l argent").
pub(crate) fn fold(text: &str) -> Folded {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    let chars: Vec<char> = text.chars().collect();
    let mut run_char = ' ';
    let mut run_len = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        let folded = if c == '\'' || c == '’' {
            [apostrophe(&chars, i), None]
        } else {
            fold_char(c)
        };
        for f in folded.into_iter().flatten() {
            if f == ' ' && out.ends_with(' ') {
                continue;
            }
            if f == run_char {
                run_len += 1;
            } else {
                run_char = f;
                run_len = 1;
            }
            if run_len >= 3 && f.is_alphabetic() {
                if run_len == 3 {
                    out.pop();
                }
                continue;
            }
            out.push(f);
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    Folded { padded: out }
}

/// Decides what an apostrophe becomes: nothing inside an English contraction, a space after
/// an elided article or pronoun (French and Italian "l'", "j'", "dell'", Dutch "m'n").
fn apostrophe(chars: &[char], i: usize) -> Option<char> {
    let next_is_letter = chars.get(i + 1).is_some_and(|c| c.is_alphabetic());
    if !next_is_letter {
        return Some(' ');
    }
    let before: String = chars[..i]
        .iter()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .chars()
        .rev()
        .collect::<String>()
        .to_lowercase();
    let after: String = chars[i + 1..]
        .iter()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    let contraction =
        matches!(after.as_str(), "t" | "s" | "ve" | "ll" | "re" | "d" | "m") && before.len() > 1;
    if contraction {
        None
    } else {
        Some(' ')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_repeats_are_folded() {
        assert_eq!(fold("NÃO chegouuuu!!").padded, " nao chegou ");
        assert_eq!(fold("Größe").padded, " grosse ");
        assert_eq!(fold("didn't, l'argent, m'n").padded, " didnt l argent m n ");
    }
}
