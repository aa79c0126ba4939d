//! Splits the raw message into the tokens the number reader looks at: runs of letters and digits
//! (joined across `-`, `/`, `.`, `,` between them) and the single signs that change what a number
//! means (`#`, `+`, currency signs).

use crate::text::fold;

/// One token of the raw message.
#[derive(Debug, Clone)]
pub(crate) struct Token<'a> {
    /// As written.
    pub raw: &'a str,
    /// Folded (lower case, no accents), for comparing with word lists.
    pub folded: String,
    /// Whether the token sits right after a `#` or `+` (no space between).
    pub after_hash: bool,
    pub after_plus: bool,
    /// Whether only spaces stand between this token and the one before ("98765 4321").
    pub spaced_from_prev: bool,
}

impl Token<'_> {
    pub fn is_digits(&self) -> bool {
        !self.raw.is_empty() && self.raw.bytes().all(|b| b.is_ascii_digit())
    }

    pub fn is_sign(&self) -> bool {
        self.raw.chars().count() == 1 && !self.raw.chars().all(char::is_alphanumeric)
    }
}

fn is_sign(c: char) -> bool {
    matches!(c, '#' | '+' | '$' | '€' | '£' | '¥' | '%' | '&')
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '/' | '.' | ',')
}

/// Tokenizes `text` (see the module doc).
pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut tokens: Vec<Token<'_>> = Vec::new();
    let mut prev_end: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if is_sign(c) {
            let end = start + c.len_utf8();
            tokens.push(make(text, start, end, prev_end));
            prev_end = Some(end);
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() {
            let cj = chars[j].1;
            if cj.is_alphanumeric() {
                j += 1;
            } else if is_joiner(cj) && chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric()) {
                j += 2;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |x| x.0);
        tokens.push(make(text, start, end, prev_end));
        prev_end = Some(end);
        i = j;
    }
    tokens
}

fn make(text: &str, start: usize, end: usize, prev_end: Option<usize>) -> Token<'_> {
    let raw = &text[start..end];
    let spaced_from_prev = prev_end
        .and_then(|p| text.get(p..start))
        .is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '\u{a0}'));
    let prev = text[..start].chars().next_back();
    Token {
        raw,
        folded: if raw.bytes().all(|b| b.is_ascii_alphanumeric()) {
            raw.to_ascii_lowercase()
        } else if raw.chars().count() == 1 && !raw.chars().all(char::is_alphanumeric) {
            raw.to_string()
        } else {
            fold(raw).padded.trim().to_string()
        },
        after_hash: prev == Some('#'),
        after_plus: prev == Some('+'),
        spaced_from_prev,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_numbers_and_keeps_signs() {
        let t = tokenize("pedido #4063, R$49,90 e 7-10 dias. LL-1042!");
        let raws: Vec<&str> = t.iter().map(|t| t.raw).collect();
        assert_eq!(
            raws,
            ["pedido", "#", "4063", "R", "$", "49,90", "e", "7-10", "dias", "LL-1042"]
        );
        assert!(t[2].after_hash);
    }
}
