//! Reference lists the UI offers in its pickers; the same lists the core validates against.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReferenceData {
    /// ISO 3166-1 alpha-2 codes.
    pub countries: Vec<String>,
    /// IANA timezone names, sorted.
    pub timezones: Vec<String>,
    /// The ISO 4217 currencies a pledge may be in, with their decimals, sorted by code.
    pub currencies: Vec<CurrencyInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CurrencyInfo {
    pub code: String,
    /// Digits after the decimal point: JPY 0, USD 2, KWD 3.
    pub decimals: u8,
}

pub fn reference_data() -> ReferenceData {
    let mut timezones: Vec<String> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name().to_owned()).collect();
    timezones.sort();
    let currencies = crate::money::all_currencies()
        .into_iter()
        .map(|c| CurrencyInfo { code: c.code().to_owned(), decimals: c.decimals() })
        .collect();
    ReferenceData {
        countries: crate::country::all().iter().map(|c| c.code.to_owned()).collect(),
        timezones,
        currencies,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currencies_carry_their_iso_decimals() {
        let data = reference_data();
        let decimals = |code: &str| data.currencies.iter().find(|c| c.code == code).map(|c| c.decimals);
        for (code, expected) in [("USD", Some(2)), ("JPY", Some(0)), ("KWD", Some(3)), ("IQD", Some(3)), ("XAU", None)]
        {
            assert_eq!(decimals(code), expected, "{code}");
        }
        assert!(data.currencies.len() > 150, "{} currencies", data.currencies.len());
        assert!(data.currencies.windows(2).all(|w| w[0].code < w[1].code));
    }
}
