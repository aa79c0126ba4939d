//! Exact money in minor units: parsing shop strings like "24.90" without ever touching a float.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount of one currency in its minor unit (cents, centavos; yen have none, dinars have three).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// Amount in minor units: 2490 with EUR is 24.90 €.
    pub minor: i64,
    /// ISO 4217 code, upper case.
    pub currency: String,
}

/// How many decimal places a currency uses (ISO 4217): JPY 0, most 2, BHD/KWD 3.
pub fn currency_exponent(currency: &str) -> u32 {
    match currency.to_ascii_uppercase().as_str() {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX"
        | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

/// Why an amount string could not be read as money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{amount:?} is not a valid {currency} amount: {why}")]
pub struct MoneyError {
    pub amount: String,
    pub currency: String,
    pub why: &'static str,
}

impl Money {
    /// Money from minor units.
    pub fn new(minor: i64, currency: &str) -> Self {
        Money {
            minor,
            currency: currency.to_ascii_uppercase(),
        }
    }

    /// Nothing, in a currency; the start of a sum.
    pub fn zero(currency: &str) -> Self {
        Money::new(0, currency)
    }

    /// Reads a decimal string as shops send it ("24.90", "24.9", "-3", "1000") exactly.
    /// More decimals than the currency has are accepted only when they are zeros.
    pub fn parse(amount: &str, currency: &str) -> Result<Money, MoneyError> {
        let fail = |why| MoneyError {
            amount: amount.to_string(),
            currency: currency.to_string(),
            why,
        };
        let text = amount.trim();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.is_empty() && frac.is_empty() {
            return Err(fail("no digits"));
        }
        if !whole
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
        {
            return Err(fail("only digits and one decimal point are allowed"));
        }
        let exp = currency_exponent(currency) as usize;
        if frac.len() > exp && frac[exp..].bytes().any(|b| b != b'0') {
            return Err(fail("more decimals than the currency has"));
        }
        let mut minor: i64 = 0;
        let kept = &frac[..frac.len().min(exp)];
        let padded = whole
            .bytes()
            .chain(kept.bytes())
            .chain(std::iter::repeat_n(b'0', exp - kept.len()));
        for b in padded {
            minor = minor
                .checked_mul(10)
                .and_then(|m| m.checked_add(i64::from(b - b'0')))
                .ok_or_else(|| fail("too large"))?;
        }
        Ok(Money::new(if negative { -minor } else { minor }, currency))
    }

    /// The amount as a plain decimal string with the currency's decimals ("24.90"), as APIs want it.
    pub fn to_decimal_string(&self) -> String {
        let exp = currency_exponent(&self.currency);
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        if exp == 0 {
            return format!("{sign}{abs}");
        }
        let unit = 10u64.pow(exp);
        format!(
            "{sign}{}.{:0width$}",
            abs / unit,
            abs % unit,
            width = exp as usize
        )
    }

    /// Adds two amounts of the same currency; `None` on a currency mismatch or overflow.
    pub fn checked_add(&self, other: &Money) -> Option<Money> {
        if self.currency != other.currency {
            return None;
        }
        Some(Money::new(
            self.minor.checked_add(other.minor)?,
            &self.currency,
        ))
    }

    /// Multiplies by a quantity (a line's total); `None` on overflow.
    pub fn times(&self, quantity: u32) -> Option<Money> {
        Some(Money::new(
            self.minor.checked_mul(i64::from(quantity))?,
            &self.currency,
        ))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.to_decimal_string(), self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shop_strings_become_exact_minor_units() {
        assert_eq!(Money::parse("24.90", "EUR").unwrap().minor, 2490);
        assert_eq!(
            Money::parse("24.9", "eur").unwrap(),
            Money::new(2490, "EUR")
        );
        assert_eq!(Money::parse("1500", "JPY").unwrap().minor, 1500);
        assert_eq!(Money::parse("1500.00", "JPY").unwrap().minor, 1500);
        assert_eq!(Money::parse("1.234", "KWD").unwrap().minor, 1234);
        assert_eq!(Money::parse("-3.5", "BRL").unwrap().minor, -350);
        assert_eq!(Money::parse(".5", "USD").unwrap().minor, 50);
        assert_eq!(Money::parse("249000.00", "IDR").unwrap().minor, 24_900_000);
    }

    #[test]
    fn bad_amounts_are_refused_not_rounded() {
        assert!(Money::parse("24.999", "EUR").is_err());
        assert!(Money::parse("1.5", "JPY").is_err());
        assert!(Money::parse("1,50", "EUR").is_err());
        assert!(Money::parse("", "EUR").is_err());
        assert!(Money::parse("-", "EUR").is_err());
        assert!(Money::parse("1e3", "EUR").is_err());
        assert!(Money::parse("99999999999999999999", "EUR").is_err());
    }

    #[test]
    fn amounts_print_with_the_currency_decimals() {
        assert_eq!(Money::new(2490, "EUR").to_decimal_string(), "24.90");
        assert_eq!(Money::new(-5, "EUR").to_decimal_string(), "-0.05");
        assert_eq!(Money::new(1500, "JPY").to_decimal_string(), "1500");
        assert_eq!(Money::new(1234, "BHD").to_string(), "1.234 BHD");
    }

    #[test]
    fn sums_refuse_mixed_currencies() {
        let eur = Money::new(100, "EUR");
        assert_eq!(eur.checked_add(&eur).unwrap().minor, 200);
        assert!(eur.checked_add(&Money::new(1, "BRL")).is_none());
        assert_eq!(eur.times(3).unwrap().minor, 300);
    }
}
