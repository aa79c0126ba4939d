//! Amounts as a shopper in a given locale expects to read them, exactly, from integer minor units.
//!
//! A Brazilian reads "R$ 129,90", a German "24,90 €", a Dutch shopper "€ 24,90", an Indonesian "Rp 250.000"
//! and a Mexican "$1,299.00 MXN". Money never passes through a float on its way to the screen.

/// The number of minor-unit digits of an ISO 4217 currency (JPY 0, most 2, BHD/KWD 3).
///
/// Exists so amounts stored in minor units (`12990` = R$ 129,90) are read back at the right scale.
/// Unknown codes are taken as 2, the most common exponent.
pub fn currency_exponent(code: &str) -> u32 {
    match code.trim().to_ascii_uppercase().as_str() {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX"
        | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        "CLF" | "UYW" => 4,
        _ => 2,
    }
}

/// Currencies whose cents exist on paper but are never shown to people (Rp 250.000, not Rp 250.000,00).
fn hides_zero_fraction(code: &str) -> bool {
    matches!(code, "IDR" | "HUF" | "COP" | "TWD" | "PKR" | "LKR")
}

/// How digits are grouped and where the symbol sits, for one locale.
#[derive(Debug, Clone, Copy)]
struct NumberStyle {
    group: &'static str,
    decimal: &'static str,
    /// True when the symbol follows the number ("24,90 €").
    symbol_after: bool,
}

const NBSP: &str = "\u{a0}";
const NARROW_NBSP: &str = "\u{202f}";

/// The language and region of a locale tag ("pt-BR", "pt_BR", "es", "EN-us"), lower/upper-cased.
fn split_locale(locale: &str) -> (String, String) {
    let mut parts = locale.split(['-', '_']);
    let lang = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let region = parts.next().unwrap_or("").trim().to_ascii_uppercase();
    (lang, region)
}

/// When a locale names no region, the currency usually tells it: Spanish with MXN is Mexico, with EUR Spain.
fn infer_region(lang: &str, currency: &str) -> &'static str {
    match (lang, currency) {
        ("es", "MXN") => "MX",
        ("es", "ARS") => "AR",
        ("es", "COP") => "CO",
        ("es", "CLP") => "CL",
        ("es", "PEN") => "PE",
        ("es", "USD") => "US",
        ("es", _) => "ES",
        ("pt", "EUR") => "PT",
        ("pt", _) => "BR",
        ("en", "GBP") => "GB",
        ("en", _) => "US",
        ("fr", "CHF") | ("de", "CHF") | ("it", "CHF") => "CH",
        _ => "",
    }
}

fn style_for(lang: &str, region: &str) -> NumberStyle {
    let (group, decimal, symbol_after) = match (lang, region) {
        ("en", _) => (",", ".", false),
        ("es", "MX" | "US" | "PR" | "GT" | "HN" | "NI" | "SV" | "DO" | "PA") => (",", ".", false),
        ("es", "ES") => (".", ",", true),
        ("es", _) => (".", ",", false),
        ("pt", "PT") => (NBSP, ",", true),
        ("pt", _) => (".", ",", false),
        ("fr", _) => (NARROW_NBSP, ",", true),
        ("de" | "it", "CH") => ("’", ".", false),
        ("de" | "it", _) => (".", ",", true),
        ("nl", _) => (".", ",", false),
        ("id", _) => (".", ",", false),
        _ => (",", ".", false),
    };
    NumberStyle {
        group,
        decimal,
        symbol_after,
    }
}

/// The symbol a shopper of this locale expects, and whether the ISO code should follow the amount
/// to lift an ambiguity (a Mexican "$" is pesos, but says so on a cross-border shop).
fn symbol_for(currency: &str, lang: &str, region: &str) -> (String, bool) {
    let local_dollar = |home: &str| region == home;
    let s = match currency {
        "EUR" => "€",
        "GBP" => "£",
        "BRL" => "R$",
        "IDR" => "Rp",
        "JPY" => "¥",
        "INR" => "₹",
        "CHF" => "CHF",
        "USD" if lang == "en" && region == "US" => "$",
        "USD" => "US$",
        "MXN" if local_dollar("MX") => return ("$".into(), true),
        "MXN" => "MX$",
        "CAD" => "CA$",
        "AUD" => "A$",
        "ARS" | "COP" | "CLP" if region == infer_region("es", currency) => "$",
        other => return (other.to_string(), false),
    };
    (s.to_string(), false)
}

fn group_digits(digits: &str, sep: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * sep.len());
    let len = digits.len();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

/// The number alone, grouped and with its decimals, in the locale's style ("1.299,00").
fn format_number(minor: i64, exponent: u32, show_fraction: bool, style: NumberStyle) -> String {
    let scale = 10u128.pow(exponent);
    let abs = minor.unsigned_abs() as u128;
    let whole = group_digits(&(abs / scale).to_string(), style.group);
    if exponent == 0 || !show_fraction {
        return whole;
    }
    let frac = format!("{:0width$}", abs % scale, width = exponent as usize);
    format!("{whole}{}{frac}", style.decimal)
}

/// Formats an amount in minor units for a shopper of `locale` (a tag such as "pt-BR", "es_MX" or just "de").
///
/// Exists so every amount in a reply (refunds, coupons, order totals) reads the way the shopper writes
/// money at home, exactly to the cent: "R$ 129,90", "24,90 €" (de, fr, it, es-ES), "€ 24,90" (nl),
/// "€24.90" (en), "$1,299.00 MXN" (es-MX), "Rp 250.000" (id), "¥1,500" (JPY has no minor unit).
pub fn format_money(minor: i64, currency: &str, locale: &str) -> String {
    let currency = currency.trim().to_ascii_uppercase();
    let (lang, mut region) = split_locale(locale);
    if region.is_empty() {
        region = infer_region(&lang, &currency).to_string();
    }
    let exponent = currency_exponent(&currency);
    let style = style_for(&lang, &region);
    let scale = 10i64.checked_pow(exponent).unwrap_or(1);
    let show_fraction = !(hides_zero_fraction(&currency) && minor % scale == 0);
    let number = format_number(minor, exponent, show_fraction, style);
    let (symbol, code_after) = symbol_for(&currency, &lang, &region);
    let spaced = symbol
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphabetic());
    let sign = if minor < 0 { "-" } else { "" };
    if code_after {
        return format!("{sign}{symbol}{number} {currency}");
    }
    if style.symbol_after {
        return format!("{sign}{number}{NBSP}{symbol}");
    }
    // Portuguese (Brazil), Dutch, Indonesian and Latin-American Spanish put a space after the symbol.
    let space_after = spaced
        || matches!(lang.as_str(), "pt" | "nl" | "id")
        || (lang == "es" && style.group == ".");
    if space_after {
        format!("{sign}{symbol}{NBSP}{number}")
    } else {
        format!("{sign}{symbol}{number}")
    }
}

/// A percentage given in basis points (500 = 5%), written with the locale's decimal mark ("2,5").
pub fn format_percent(basis_points: u32, locale: &str) -> String {
    let whole = basis_points / 100;
    let rest = basis_points % 100;
    if rest == 0 {
        return whole.to_string();
    }
    let (lang, region) = split_locale(locale);
    let mark = if lang == "en" || (lang == "es" && region == "MX") {
        "."
    } else {
        ","
    };
    let frac = format!("{rest:02}");
    format!("{whole}{mark}{}", frac.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: String) -> String {
        s.replace([NBSP.chars().next().unwrap_or(' '), '\u{202f}'], " ")
    }

    #[test]
    fn formats_each_locale_the_local_way() {
        assert_eq!(plain(format_money(12990, "BRL", "pt-BR")), "R$ 129,90");
        assert_eq!(plain(format_money(2490, "EUR", "de")), "24,90 €");
        assert_eq!(plain(format_money(2490, "EUR", "nl")), "€ 24,90");
        assert_eq!(plain(format_money(2490, "EUR", "en")), "€24.90");
        assert_eq!(plain(format_money(129900, "MXN", "es-MX")), "$1,299.00 MXN");
        assert_eq!(plain(format_money(129900, "MXN", "es")), "$1,299.00 MXN");
        assert_eq!(plain(format_money(25000000, "IDR", "id")), "Rp 250.000");
        assert_eq!(plain(format_money(1500, "JPY", "en")), "¥1,500");
        assert_eq!(plain(format_money(12345, "KWD", "en")), "KWD 12.345");
        assert_eq!(
            plain(format_money(123456789, "EUR", "fr")),
            "1 234 567,89 €"
        );
        assert_eq!(plain(format_money(-505, "USD", "en-US")), "-$5.05");
    }

    #[test]
    fn exponents_follow_iso_4217() {
        assert_eq!(currency_exponent("JPY"), 0);
        assert_eq!(currency_exponent("bhd"), 3);
        assert_eq!(currency_exponent("EUR"), 2);
    }

    #[test]
    fn extreme_amounts_do_not_overflow() {
        assert!(format_money(i64::MIN, "KWD", "en").contains("9,223,372,036,854,775.808"));
    }

    #[test]
    fn percents_use_the_local_decimal_mark() {
        assert_eq!(format_percent(500, "en"), "5");
        assert_eq!(format_percent(250, "en"), "2.5");
        assert_eq!(format_percent(250, "pt-BR"), "2,5");
    }
}
