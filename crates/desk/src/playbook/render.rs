//! Filling a text with facts: `{placeholder}`s, and lines that fall back or drop out when a fact is missing.
//!
//! A line may hold alternatives separated by ` || `: the first whose placeholders are all known is used
//! ("Hi {name}! || Hi there!"). A line none of whose alternatives can be filled is left out, so a sentence
//! about the tracking number simply disappears while the parcel has none.

use std::collections::BTreeMap;

/// The values a text may use, by placeholder name.
pub type Vars = BTreeMap<&'static str, String>;

/// The separator between alternatives on one line.
pub const ALTERNATIVE: &str = " || ";

/// The placeholder names used in a text, in order, or the byte offset of a malformed brace.
pub fn placeholders(text: &str) -> Result<Vec<&str>, usize> {
    let mut names = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(offset + open);
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or(offset + open)?;
        let name = &after[..close];
        let well_formed =
            !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        if !well_formed {
            return Err(offset + open);
        }
        names.push(name);
        let consumed = open + 1 + close + 1;
        offset += consumed;
        rest = &rest[consumed..];
    }
    Ok(names)
}

/// Fills one alternative, or `None` when one of its placeholders has no value.
/// Values are inserted in one pass, so a value that itself looks like `{x}` is never filled again.
fn fill_alternative(text: &str, vars: &Vars) -> Option<String> {
    placeholders(text).ok()?;
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}')? + open;
        let value = vars
            .get(&rest[open + 1..close])
            .filter(|v| !v.trim().is_empty())?;
        out.push_str(value);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// Fills a whole text line by line, choosing alternatives and dropping lines whose facts are missing.
/// Blank lines separate paragraphs; runs of blank lines left by dropped lines collapse into one.
pub fn fill(text: &str, vars: &Vars) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in text.trim().lines() {
        if line.trim().is_empty() {
            if lines.last().is_some_and(|l| !l.is_empty()) {
                lines.push(String::new());
            }
            continue;
        }
        let chosen = line
            .split(ALTERNATIVE)
            .find_map(|alt| fill_alternative(alt.trim(), vars));
        if let Some(chosen) = chosen {
            lines.push(chosen);
        }
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// Joins paragraphs with one blank line, skipping empty ones.
pub fn paragraphs<I: IntoIterator<Item = String>>(parts: I) -> String {
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&'static str, &str)]) -> Vars {
        pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
    }

    #[test]
    fn alternatives_fall_back_and_unfillable_lines_drop_out() {
        let text = "Hi {name}! || Hi there!\n\nTracking: {tracking_number}\n\nBye";
        assert_eq!(fill(text, &vars(&[("name", "Ana")])), "Hi Ana!\n\nBye");
        assert_eq!(
            fill(text, &vars(&[("tracking_number", "LX1")])),
            "Hi there!\n\nTracking: LX1\n\nBye"
        );
    }

    #[test]
    fn malformed_braces_are_reported_with_their_offset() {
        assert_eq!(placeholders("a {b} {c_d}"), Ok(vec!["b", "c_d"]));
        assert_eq!(placeholders("oops {name"), Err(5));
        assert_eq!(placeholders("oops name}"), Err(9));
        assert_eq!(placeholders("{Name}"), Err(0));
    }
}
