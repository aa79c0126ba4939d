//! Finds order and tracking numbers the way an agent reads them, and leaves alone the numbers
//! that are something else: prices, quantities, dates, durations ("7-10 days"), phone numbers.
//!
//! Spelling rule: every number is reported exactly as the shopper wrote it, without a leading
//! `#` (`"#1042"` → `"1042"`, `"LL-1042"`, `"112-3456789-0123456"`, `"LX123456789CN"`), each
//! once, in the order it first appears.

use crate::config::{CompiledTracking, OrderPattern};
use crate::tokens::Token;

mod words;
use words::{
    ADDRESS_WORDS, AFTER_NOT_ORDER, CONNECTORS, LIST_JOINERS, MONEY_BEFORE, NUMBER_WORDS,
    ORDER_WORDS, PARCEL_WORDS, PHONE_WORDS, TOLD_WORDS, TRACKING_WORDS,
};

/// What the number reader found, with the reason for each.
#[derive(Debug, Default)]
pub(crate) struct Numbers {
    pub orders: Vec<String>,
    pub tracking: Vec<String>,
    pub reasons: Vec<String>,
}

impl Numbers {
    fn order(&mut self, raw: &str, why: &str) {
        let raw = raw.trim_start_matches('#');
        if !self.orders.iter().any(|o| o == raw) {
            self.orders.push(raw.to_string());
            self.reasons.push(format!("order {raw}: {why}"));
        }
    }

    fn tracking(&mut self, raw: &str, why: &str) {
        if !self.tracking.iter().any(|t| t == raw) {
            self.tracking.push(raw.to_string());
            self.reasons.push(format!("tracking {raw}: {why}"));
        }
    }
}

fn is_in(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// Reads the numbers of one message. `order_patterns` and `carriers` come from the store's config.
pub(crate) fn read(
    tokens: &[Token<'_>],
    order_patterns: &[OrderPattern],
    carriers: &[CompiledTracking],
) -> Numbers {
    let mut found = Numbers::default();
    let mentions_order = tokens.iter().any(|t| is_in(ORDER_WORDS, &t.folded));
    let mut taken = vec![false; tokens.len()];
    for (i, tok) in tokens.iter().enumerate() {
        if tok.is_sign() || !tok.raw.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        taken[i] = read_token(tokens, i, order_patterns, carriers, &mut found);
    }
    if found.orders.is_empty() {
        loose_orders(tokens, &taken, mentions_order, &mut found);
    }
    found
}

/// Reads one token that holds a digit; returns whether it was taken as an order or tracking number.
fn read_token(
    tokens: &[Token<'_>],
    i: usize,
    order_patterns: &[OrderPattern],
    carriers: &[CompiledTracking],
    found: &mut Numbers,
) -> bool {
    let tok = &tokens[i];
    let raw = tok.raw;
    if let Some(why) = tracking_format(raw, carriers) {
        found.tracking(raw, &why);
        return true;
    }
    if s10_shape(raw) {
        found.reasons.push(format!(
            "{raw} looks like a UPU S10 number but its check digit is wrong"
        ));
        return true;
    }
    if let Some(why) = marketplace_format(raw) {
        found.order(raw, why);
        return true;
    }
    if let Some(p) = order_patterns
        .iter()
        .find(|p| p.has_prefix() && p.matches(raw))
    {
        let prefix = p.prefix.as_deref().unwrap_or_default();
        found.order(raw, &format!("the store's format {prefix}…"));
        return true;
    }
    let digits = tok.is_digits();
    let code_like = digits || store_code(raw);
    if tok.after_hash && code_like && (3..=20).contains(&raw.len()) {
        found.order(raw, "written after #");
        return true;
    }
    if looks_like_tracking(raw) && led_by(tokens, i, TRACKING_WORDS, 3) {
        found.tracking(raw, "after a tracking word");
        return true;
    }
    if code_like && (3..=20).contains(&raw.len()) && led_order(tokens, i, found) {
        return true;
    }
    if let Some(w) = parcel_word_right_before(tokens, i) {
        found.order(raw, &format!("right after the parcel word \"{w}\""));
        return true;
    }
    if digits && !number_means_other(tokens, i) && !is_year(raw) {
        if let Some(p) = order_patterns
            .iter()
            .find(|p| !p.has_prefix() && p.matches(raw))
        {
            let why = format!("the store's {}-{} digit format", p.min_digits, p.max_digits);
            found.order(raw, &why);
            return true;
        }
    }
    false
}

/// A number led by an order word ("pedido nº 2407") or listed after such a number.
fn led_order(tokens: &[Token<'_>], i: usize, found: &mut Numbers) -> bool {
    if number_means_other(tokens, i) {
        return false;
    }
    let raw = tokens[i].raw;
    let right_after = |w: &str| tokens.get(i.wrapping_sub(1)).is_some_and(|t| t.raw == w);
    let year_after_connector = |w: &str| is_year(raw) && !right_after(w);
    if let Some(w) = order_word_before(tokens, i).filter(|w| !year_after_connector(w)) {
        found.order(raw, &format!("after the order word \"{w}\""));
        return true;
    }
    if list_continues_order(tokens, i, found) {
        found.order(raw, "listed with another order number");
        return true;
    }
    false
}

/// UPU S10 (check digit verified), UPS 1Z, then the store's carriers.
fn tracking_format(raw: &str, carriers: &[CompiledTracking]) -> Option<String> {
    if s10_valid(raw) {
        return Some("UPU S10 format, check digit verified".into());
    }
    if ups_format(raw) {
        return Some("UPS 1Z format".into());
    }
    carriers
        .iter()
        .find(|c| c.regex.is_match(raw))
        .map(|c| format!("the {} format from the store's config", c.carrier))
}

fn s10_shape(raw: &str) -> bool {
    let b = raw.as_bytes();
    b.len() == 13
        && b[..2].iter().all(u8::is_ascii_alphabetic)
        && b[2..11].iter().all(u8::is_ascii_digit)
        && b[11..].iter().all(u8::is_ascii_alphabetic)
}

/// Whether `raw` is a UPU S10 item id (`LX123456789CN`) whose check digit is right.
pub fn s10_valid(raw: &str) -> bool {
    if !s10_shape(raw) {
        return false;
    }
    let b = raw.as_bytes();
    const WEIGHTS: [u32; 8] = [8, 6, 4, 2, 3, 5, 9, 7];
    let sum: u32 = b[2..10]
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let check = match 11 - sum % 11 {
        10 => 0,
        11 => 5,
        c => c,
    };
    u32::from(b[10] - b'0') == check
}

/// Whether `raw` has the shape of a UPS tracking number: `1Z` and sixteen letters or digits.
pub fn ups_format(raw: &str) -> bool {
    let b = raw.as_bytes();
    b.len() == 18
        && b[0] == b'1'
        && b[1].eq_ignore_ascii_case(&b'z')
        && b[2..].iter().all(u8::is_ascii_alphanumeric)
}

fn marketplace_format(raw: &str) -> Option<&'static str> {
    let groups: Vec<&str> = raw.split('-').collect();
    let all_digits = groups
        .iter()
        .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()));
    if !all_digits {
        return None;
    }
    let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    match lens.as_slice() {
        [3, 7, 7] => Some("Amazon order format"),
        [2, 5, 5] => Some("eBay order format"),
        _ => None,
    }
}

/// A store's own code after an order word: a few letters, an optional dash, digits (`LL-2044`).
fn store_code(raw: &str) -> bool {
    let (head, tail) = match raw.find(|c: char| c.is_ascii_digit()) {
        Some(p) => raw.split_at(p),
        None => return false,
    };
    let head = head.strip_suffix('-').unwrap_or(head);
    (1..=5).contains(&head.len())
        && head.bytes().all(|b| b.is_ascii_alphabetic())
        && (3..=12).contains(&tail.len())
        && tail.bytes().all(|b| b.is_ascii_digit())
}

fn looks_like_tracking(raw: &str) -> bool {
    raw.len() >= 8
        && raw.len() <= 34
        && raw.bytes().all(|b| b.is_ascii_alphanumeric())
        && raw.bytes().filter(u8::is_ascii_digit).count() >= 6
}

/// Whether a word of `list` stands at most `gap` tokens before token `i`, with only connectors between.
fn led_by(tokens: &[Token<'_>], i: usize, list: &[&str], gap: usize) -> bool {
    word_before(tokens, i, list, gap).is_some()
}

fn word_before<'t>(
    tokens: &'t [Token<'_>],
    i: usize,
    list: &[&str],
    gap: usize,
) -> Option<&'t str> {
    for back in 1..=gap + 1 {
        let t = tokens.get(i.checked_sub(back)?)?;
        if is_in(list, &t.folded) {
            return Some(t.raw);
        }
        if !is_in(CONNECTORS, &t.folded) {
            return None;
        }
    }
    None
}

fn order_word_before<'t>(tokens: &'t [Token<'_>], i: usize) -> Option<&'t str> {
    word_before(tokens, i, ORDER_WORDS, 3)
}

/// "mijn pakket 1037", "paket nr. 10372": a bare 3-6 digit number right after a word for the
/// parcel (only a number word between) names the order, unless it reads as money, a measure, a
/// duration, a phone number or a year.
fn parcel_word_right_before<'t>(tokens: &'t [Token<'_>], i: usize) -> Option<&'t str> {
    let tok = &tokens[i];
    // "paket 150000": a round amount of thousands is a price written without its currency.
    let round = tok.raw.len() >= 5 && tok.raw.ends_with("000");
    if !tok.is_digits() || !(3..=6).contains(&tok.raw.len()) || is_year(tok.raw) || round {
        return None;
    }
    let mut back = i.checked_sub(1)?;
    if is_in(NUMBER_WORDS, &tokens[back].folded) {
        back = back.checked_sub(1)?;
    }
    let word = &tokens[back];
    (is_in(PARCEL_WORDS, &word.folded) && !number_means_other(tokens, i)).then_some(word.raw)
}

fn list_continues_order(tokens: &[Token<'_>], i: usize, found: &Numbers) -> bool {
    let Some(join) = i.checked_sub(1).and_then(|j| tokens.get(j)) else {
        return false;
    };
    let joined = is_in(LIST_JOINERS, &join.folded);
    let prev = if joined { i.checked_sub(2) } else { None };
    prev.and_then(|p| tokens.get(p))
        .is_some_and(|p| found.orders.iter().any(|o| o == p.raw))
}

/// Whether the number at `i` reads as money, a quantity, a duration or part of a phone number.
fn number_means_other(tokens: &[Token<'_>], i: usize) -> bool {
    let tok = &tokens[i];
    if tok.after_plus {
        return true;
    }
    let prev = i.checked_sub(1).and_then(|p| tokens.get(p));
    let next = tokens.get(i + 1);
    if prev.is_some_and(|p| is_in(MONEY_BEFORE, &p.folded)) {
        return true;
    }
    if next.is_some_and(|n| is_in(AFTER_NOT_ORDER, &n.folded)) {
        return true;
    }
    let grouped_before = tok.spaced_from_prev && prev.is_some_and(Token::is_digits);
    let grouped_after = next.is_some_and(|n| n.spaced_from_prev && n.is_digits());
    if tok.is_digits() && (grouped_before || grouped_after) {
        return true;
    }
    (1..=4).any(|back| {
        i.checked_sub(back)
            .and_then(|p| tokens.get(p))
            .is_some_and(|p| is_in(PHONE_WORDS, &p.folded))
    })
}

fn is_year(raw: &str) -> bool {
    raw.len() == 4 && (raw.starts_with("19") || raw.starts_with("20"))
}

/// When nothing stronger was found: a bare 4-9 digit number in a message that speaks of an
/// order, a message that is nothing but a number (the reply to "what is your order number?"),
/// or a short reply that ends on its only number or says it was given already ("I just told
/// you, it's 1027!!").
fn loose_orders(tokens: &[Token<'_>], taken: &[bool], mentions_order: bool, found: &mut Numbers) {
    let words = tokens.iter().filter(|t| !t.is_sign()).count();
    if words > 1 && !mentions_order {
        if let Some(i) = short_reply_number(tokens, taken, words) {
            found.order(tokens[i].raw, "a short reply giving this one number");
        }
        return;
    }
    for (i, tok) in tokens.iter().enumerate() {
        if taken[i] || !tok.is_digits() {
            continue;
        }
        if words == 1 && (3..=12).contains(&tok.raw.len()) {
            found.order(tok.raw, "the whole message is this number");
            continue;
        }
        let fits = (4..=9).contains(&tok.raw.len()) && !is_year(tok.raw);
        if mentions_order && fits && !number_means_other(tokens, i) {
            found.order(tok.raw, "a bare number in a message about an order");
        }
    }
}

/// Most words a reply that only restates its number has ("dat heb ik toch al gezegd, het is 1027").
const SHORT_REPLY_WORDS: usize = 12;

/// The one number of a short reply, when it reads as the order number the shopper was asked
/// for: 3-9 digits, not a year, money, time, quantity, phone or address, and either the last
/// word or said to have been given already.
fn short_reply_number(tokens: &[Token<'_>], taken: &[bool], words: usize) -> Option<usize> {
    if words > SHORT_REPLY_WORDS || tokens.iter().any(|t| is_in(ADDRESS_WORDS, &t.folded)) {
        return None;
    }
    let mut numbered = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.raw.bytes().any(|b| b.is_ascii_digit()));
    let (i, tok) = numbered.next()?;
    if numbered.next().is_some() || taken[i] || !tok.is_digits() {
        return None;
    }
    let fits = (3..=9).contains(&tok.raw.len()) && !is_year(tok.raw);
    let last = tokens[i + 1..].iter().all(Token::is_sign);
    let told = tokens.iter().any(|t| is_in(TOLD_WORDS, &t.folded));
    (fits && (last || told) && !number_means_other(tokens, i)).then_some(i)
}
