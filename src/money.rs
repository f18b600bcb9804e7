//! Money: integer minor units of an ISO 4217 currency. Never a float. Amounts cross to the UI
//! and JSON as exact decimal strings.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Reason, Result};

/// An ISO 4217 currency with its number of decimals (JPY 0, USD 2, KWD 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: iso_currency::Currency,
    decimals: u8,
}

impl Currency {
    pub fn parse(field: &str, value: &str) -> Result<Currency> {
        let value = value.trim();
        let unknown = || {
            Error::invalid(
                field,
                Reason::UnknownCurrency,
                format!("{value:?} is not an ISO 4217 currency (e.g. USD, EUR, QAR)"),
            )
        };
        let code = iso_currency::Currency::from_code(&value.to_ascii_uppercase()).ok_or_else(unknown)?;
        // Funds and metals (XAU, XDR…) have no minor unit and are not pledged as money.
        let decimals = code.exponent().ok_or_else(unknown)?;
        Ok(Currency { code, decimals: decimals as u8 })
    }

    pub fn code(&self) -> &'static str {
        self.code.code()
    }

    pub fn decimals(&self) -> u8 {
        self.decimals
    }
}

/// Every currency a pledge may be in, sorted by code. iso_currency lists its codes only behind a
/// feature that pulls in strum, so the 17,576 possible three-letter codes are tried instead
/// (well under a millisecond).
pub fn all_currencies() -> Vec<Currency> {
    let letters = b'A'..=b'Z';
    let mut out = Vec::new();
    for a in letters.clone() {
        for b in letters.clone() {
            for c in letters.clone() {
                let code = [a, b, c];
                if let Ok(currency) = Currency::parse("", std::str::from_utf8(&code).unwrap_or_default()) {
                    out.push(currency);
                }
            }
        }
    }
    out
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An amount as it crosses to the UI: currency code and an exact decimal string ("45000000.00").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Money {
    pub currency: String,
    pub amount: String,
}

impl Money {
    /// `minor` units of `currency`; i128 so that totals of many i64 amounts cannot overflow.
    pub fn new(minor: i128, currency: Currency) -> Money {
        Money { currency: currency.code().to_owned(), amount: decimal(minor, currency.decimals()) }
    }
}

/// The value of a decimal digit as people type it: Latin (0-9), Arabic-Indic (٠-٩, U+0660) or
/// Eastern Arabic-Indic (۰-۹, U+06F0, from Persian and Urdu keyboards). `None` for any other
/// character. Kept with the amounts, where the PDF engine (which names nothing else of the
/// core) finds it too.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// Parses an amount typed by a person into minor units of `currency`.
///
/// Accepted: `15000000`, `15,000,000.00` (commas only as thousands separators), `1.5`, and the
/// same with Arabic-Indic digits and separators (`١٥٬٠٠٠٬٠٠٠٫٥`). Refused: negatives, signs,
/// exponents, `NaN`, ambiguous commas (`1,5`), more decimals than the currency has, and
/// amounts beyond i64 minor units.
pub fn parse_amount(field: &str, value: &str, currency: Currency) -> Result<i64> {
    let typed = value.trim();
    let invalid = |reason, why: &str| Error::invalid(field, reason, format!("{typed:?}: {why}"));
    let ascii: String = crate::input::latin_digits(typed)
        .chars()
        .map(|c| match c {
            '\u{066B}' => '.',
            '\u{066C}' => ',',
            c => c,
        })
        .collect();
    if ascii.is_empty() {
        return Err(Error::invalid(field, Reason::Required, "an amount is required"));
    }
    if ascii.starts_with('-') {
        return Err(invalid(Reason::InvalidAmount, "must not be negative"));
    }
    if !ascii.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
        return Err(invalid(Reason::InvalidAmount, "is not an amount (digits, optional decimal point)"));
    }
    let (int_part, frac_part) = match ascii.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (ascii.as_str(), None),
    };
    if int_part.is_empty() || frac_part.is_some_and(|f| f.is_empty() || f.contains('.') || f.contains(',')) {
        return Err(invalid(Reason::InvalidAmount, "is not an amount (digits, optional decimal point)"));
    }
    let digits: String = if int_part.contains(',') {
        let mut groups = int_part.split(',');
        let first = groups.next().unwrap_or_default();
        let well_grouped = (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3);
        if !well_grouped {
            return Err(invalid(
                Reason::AmbiguousAmount,
                "commas are only allowed between groups of three digits; write decimals with a point",
            ));
        }
        int_part.replace(',', "")
    } else {
        int_part.to_owned()
    };
    let frac = frac_part.unwrap_or("");
    let decimals = currency.decimals() as usize;
    if frac.len() > decimals {
        return Err(invalid(Reason::InvalidAmount, &format!("{} has {decimals} decimal places", currency.code())));
    }
    let too_large = || invalid(Reason::AmountTooLarge, "is too large");
    let mut minor: i64 = 0;
    for d in digits.bytes().chain(frac.bytes()).chain(std::iter::repeat_n(b'0', decimals - frac.len())) {
        minor = minor.checked_mul(10).and_then(|m| m.checked_add(i64::from(d - b'0'))).ok_or_else(too_large)?;
    }
    Ok(minor)
}

/// Minor units as an exact decimal string with the currency's decimals, no grouping.
pub fn decimal(minor: i128, decimals: u8) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    if decimals == 0 {
        return format!("{sign}{abs}");
    }
    let scale = 10u128.pow(decimals as u32);
    format!("{sign}{}.{:0width$}", abs / scale, abs % scale, width = decimals as usize)
}

/// A decimal string with thousands grouped by commas, for people reading the CLI: "45,000,000.00".
pub fn grouped(decimal: &str) -> String {
    let (sign, rest) = decimal.strip_prefix('-').map_or(("", decimal), |r| ("-", r));
    let (int_part, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(decimal.len() + int_part.len() / 3);
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: &str, ccy: &str, expected: std::result::Result<i64, Reason>) {
        let currency = Currency::parse("currency", ccy).unwrap();
        let got = parse_amount("amount", value, currency).map_err(|e| e.reason);
        assert_eq!(got, expected, "{value} {ccy}");
    }

    #[test]
    fn amounts() {
        check("15000000", "USD", Ok(1_500_000_000));
        check("15,000,000.00", "USD", Ok(1_500_000_000));
        check("1.5", "USD", Ok(150));
        check("١٥٬٠٠٠٬٠٠٠", "USD", Ok(1_500_000_000));
        check("١٫٥", "USD", Ok(150));
        check("1500", "JPY", Ok(1500));
        check("1.5", "JPY", Err(Reason::InvalidAmount));
        check("1.234", "KWD", Ok(1234));
        check("1.2345", "KWD", Err(Reason::InvalidAmount));
        check("1,5", "USD", Err(Reason::AmbiguousAmount));
        check("1,50,000", "USD", Err(Reason::AmbiguousAmount));
        check("-5", "USD", Err(Reason::InvalidAmount));
        check("+5", "USD", Err(Reason::InvalidAmount));
        check("1e308", "USD", Err(Reason::InvalidAmount));
        check("NaN", "USD", Err(Reason::InvalidAmount));
        check("1.", "USD", Err(Reason::InvalidAmount));
        check(".5", "USD", Err(Reason::InvalidAmount));
        check("1.2.3", "USD", Err(Reason::InvalidAmount));
        check("", "USD", Err(Reason::Required));
        check("92233720368547758.07", "USD", Ok(i64::MAX));
        check("92233720368547758.08", "USD", Err(Reason::AmountTooLarge));
        check(&"9".repeat(400), "USD", Err(Reason::AmountTooLarge));
    }

    #[test]
    fn currencies() {
        assert_eq!(Currency::parse("c", "usd").unwrap().code(), "USD");
        assert_eq!(Currency::parse("c", "KWD").unwrap().decimals(), 3);
        for bad in ["XXX1", "ABC", "", "XAU", "dollar"] {
            assert_eq!(Currency::parse("c", bad).unwrap_err().reason, Reason::UnknownCurrency, "{bad}");
        }
    }

    #[test]
    fn formatting() {
        assert_eq!(decimal(4_500_000_000, 2), "45000000.00");
        assert_eq!(decimal(5, 3), "0.005");
        assert_eq!(decimal(1500, 0), "1500");
        assert_eq!(decimal(i128::from(i64::MAX) * 3, 2), "276701161105643274.21");
        assert_eq!(grouped("45000000.00"), "45,000,000.00");
        assert_eq!(grouped("100"), "100");
        assert_eq!(grouped("1000"), "1,000");
    }
}

/// An exchange rate to US dollars as recorded on a pledge ("1 EUR = 1.0832 USD on 2024-05-21,
/// source: UN operational rates"), kept as the exact decimal typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UsdRate {
    mantissa: i128,
    scale: u32,
}

/// Most decimal places a rate may have.
const RATE_SCALE: u32 = 12;

impl UsdRate {
    pub const ONE: UsdRate = UsdRate { mantissa: 1, scale: 0 };

    pub fn parse(field: &str, typed: &str) -> Result<UsdRate> {
        let typed = typed.trim();
        let invalid = || Error::invalid(field, Reason::InvalidValue, format!("{typed:?} is not a rate like 1.0832"));
        let value = crate::input::latin_digits(typed).replace('\u{066B}', ".");
        let (int_part, frac) = value.split_once('.').unwrap_or((value.as_str(), ""));
        if int_part.is_empty()
            || !int_part.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || value.ends_with('.')
            || frac.len() > RATE_SCALE as usize
            || int_part.len() > 12
        {
            return Err(invalid());
        }
        let mantissa: i128 = format!("{int_part}{frac}").parse().map_err(|_| invalid())?;
        if mantissa == 0 {
            return Err(Error::invalid(field, Reason::InvalidValue, "a rate must be more than zero"));
        }
        Ok(UsdRate { mantissa, scale: frac.len() as u32 })
    }

    /// `minor` units of a currency with `decimals` decimals, in US cents, rounded half away from
    /// zero; `None` when the result is beyond the largest amount Muntada keeps (`i64::MAX` minor
    /// units), which also keeps any sum of such results far inside `i128`. Each rate and amount
    /// is accepted alone, but an absurd pair (a 12-digit rate times a 19-digit amount) would
    /// overflow the multiplication itself.
    pub fn to_usd_cents(self, minor: i128, decimals: u8) -> Option<i128> {
        let numerator = minor.checked_mul(self.mantissa)?.checked_mul(100)?;
        let denominator = 10i128.checked_pow(u32::from(decimals) + self.scale)?;
        let (quotient, remainder) = (numerator / denominator, numerator % denominator);
        let cents = if remainder.abs() * 2 >= denominator { quotient + numerator.signum() } else { quotient };
        (cents.unsigned_abs() <= i64::MAX as u128).then_some(cents)
    }
}

impl fmt::Display for UsdRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&decimal(self.mantissa, self.scale as u8))
    }
}

/// Splits `total` into parts proportional to `weights` (none negative) that add up to `total`
/// exactly: each part rounded towards zero, and what is left given one unit at a time to the
/// largest remainders, the earliest first on a tie (Hamilton's method). All zeros when the
/// weights are.
pub fn allocate(total: i128, weights: &[i128]) -> Vec<i128> {
    let sum: i128 = weights.iter().sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    let mut parts: Vec<i128> = weights.iter().map(|w| total * w / sum).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    // Remainders as fractions of `sum`; sort by the largest, ties by position.
    order.sort_by_key(|&i| (std::cmp::Reverse((total * weights[i] % sum).abs()), i));
    let left = total - parts.iter().sum::<i128>();
    for &i in order.iter().cycle().take(left.unsigned_abs() as usize) {
        parts[i] += left.signum();
    }
    parts
}

#[cfg(test)]
mod rate_tests {
    use super::*;

    #[test]
    fn shares_add_up_to_the_whole() {
        let check = |total: i128, weights: &[i128], expected: &[i128]| {
            let parts = allocate(total, weights);
            assert_eq!(parts, expected, "{total} over {weights:?}");
            assert_eq!(parts.iter().sum::<i128>(), if weights.iter().sum::<i128>() == 0 { 0 } else { total });
        };
        // 2,700,000.00 USD over three lines of 833,333.33 / .33 / .34 EUR.
        // Exact shares 899,999.9964 + 899,999.9964 + 900,000.0072: the two cents left go to the
        // largest remainders.
        check(270_000_000, &[83_333_333, 83_333_333, 83_333_334], &[90_000_000, 89_999_999, 90_000_001]);
        // One cent left: the largest remainder takes it, the earliest on a tie.
        check(10, &[1, 1, 1], &[4, 3, 3]);
        check(2, &[1, 1, 1], &[1, 1, 0]);
        check(7, &[0, 5, 0, 5], &[0, 4, 0, 3]);
        check(100, &[0, 0], &[0, 0]);
        check(0, &[3, 4], &[0, 0]);
        check(i64::MAX as i128, &[i64::MAX as i128, 1], &[i64::MAX as i128 - 1, 1]);
    }

    #[test]
    fn rates() {
        let eur = UsdRate::parse("rate", "1.0832").unwrap();
        assert_eq!(eur.to_string(), "1.0832");
        // Typed in Arabic-Indic or Eastern digits, with either decimal point.
        assert_eq!(UsdRate::parse("rate", "١٫٠٨٣٢").unwrap(), eur);
        assert_eq!(UsdRate::parse("rate", "۱.۰۸۳۲").unwrap(), eur);
        // 1,000,000.00 EUR → 1,083,200.00 USD.
        assert_eq!(eur.to_usd_cents(100_000_000, 2), Some(108_320_000));
        // 5,000,000 JPY at 0.0064 → 32,000.00 USD.
        assert_eq!(UsdRate::parse("rate", "0.0064").unwrap().to_usd_cents(5_000_000, 0), Some(3_200_000));
        // 1.234 KWD at 3.25 → 4.0105 → 4.01 USD; 0.005 cents round half away from zero.
        assert_eq!(UsdRate::parse("rate", "3.25").unwrap().to_usd_cents(1234, 3), Some(401));
        assert_eq!(UsdRate::parse("rate", "0.5").unwrap().to_usd_cents(1, 2), Some(1));
        assert_eq!(UsdRate::ONE.to_usd_cents(4_500_000_000, 2), Some(4_500_000_000));
        for bad in ["", "-1", "1e3", "1,5", "0", "0.000", "1.", ".5", "NaN", "1.0000000000001"] {
            assert!(UsdRate::parse("rate", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_absurd_rate_and_amount_do_not_overflow() {
        // Both accepted alone: the largest rate, the largest amount.
        let rate = UsdRate::parse("rate", "999999999999.999999999999").unwrap();
        let amount = i128::from(i64::MAX);
        assert_eq!(rate.to_usd_cents(amount, 2), None, "the product overflows i128");
        assert_eq!(rate.to_usd_cents(-amount, 2), None);
        assert_eq!(UsdRate::parse("rate", "2").unwrap().to_usd_cents(amount, 2), None, "beyond i64::MAX cents");
        assert_eq!(UsdRate::ONE.to_usd_cents(amount, 2), Some(amount), "the largest amount itself converts");
        assert_eq!(rate.to_usd_cents(0, 2), Some(0));
    }
}
