//! Reference lists the UI offers in its pickers; the same lists the core validates against.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bilingual::Bilingual;

const ZONES: &str = include_str!("../assets/reference/timezones.tsv");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReferenceData {
    /// Every ISO 3166-1 alpha-2 country, sorted by code, with the names badges and documents
    /// print, so that the UI names a country as they do.
    pub countries: Vec<CountryName>,
    /// IANA timezone names, sorted: every one the core accepts.
    pub timezones: Vec<String>,
    /// The zones the event form offers, one a country and city, with the city named in both
    /// languages (`assets/reference/timezones.tsv`), sorted by id.
    pub zones: Vec<TimeZoneChoice>,
    /// The ISO 4217 currencies a pledge may be in, with their decimals, sorted by code.
    pub currencies: Vec<CurrencyInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CountryName {
    /// ISO 3166-1 alpha-2 code, which is what a record stores.
    pub code: String,
    /// CLDR's short name in English and in Arabic (`assets/reference/countries.tsv`).
    pub name: Bilingual,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CurrencyInfo {
    pub code: String,
    /// Digits after the decimal point: JPY 0, USD 2, KWD 3.
    pub decimals: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimeZoneChoice {
    /// The IANA id, which is what an event stores.
    pub id: String,
    /// ISO 3166-1 alpha-2 code of the country it is in; none for UTC.
    pub country: Option<String>,
    pub city: Bilingual,
}

/// How a document names an event's time zone: its city in `lang` ("Doha", "الدوحة"), or, for a
/// zone the table does not name, the IANA id with spaces for its underscores.
pub fn zone_name(id: &str, lang: crate::bilingual::Lang) -> String {
    zones().into_iter().find(|z| z.id == id).map_or_else(|| id.replace('_', " "), |z| z.city.get(lang).to_owned())
}

/// The zones the event form offers, from the table (IANA's zone.tab with CLDR's city names).
pub fn zones() -> Vec<TimeZoneChoice> {
    ZONES
        .lines()
        .skip(1)
        .filter_map(|row| {
            let mut cols = row.split('\t');
            let (id, country, en, ar) = (cols.next()?, cols.next()?, cols.next()?, cols.next()?);
            let country = (!country.is_empty()).then(|| country.to_owned());
            Some(TimeZoneChoice { id: id.to_owned(), country, city: Bilingual::new(en, ar) })
        })
        .collect()
}

pub fn reference_data() -> ReferenceData {
    let mut timezones: Vec<String> = crate::time::Tz::names().collect();
    timezones.sort();
    let currencies = crate::money::all_currencies()
        .into_iter()
        .map(|c| CurrencyInfo { code: c.code().to_owned(), decimals: c.decimals() })
        .collect();
    ReferenceData {
        countries: crate::country::all()
            .iter()
            .map(|c| CountryName { code: c.code.to_owned(), name: Bilingual::new(c.en, c.ar) })
            .collect(),
        timezones,
        zones: zones(),
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

    #[test]
    fn countries_carry_the_names_documents_print() {
        let data = reference_data();
        let palestine = data.countries.iter().find(|c| c.code == "PS").expect("PS");
        // Not the "Palestinian Territories" of the browsers' locale data.
        assert_eq!((palestine.name.en.as_str(), palestine.name.ar.as_str()), ("State of Palestine", "دولة فلسطين"));
        for c in &data.countries {
            assert_eq!(c.name.en, crate::country::name(&c.code, crate::bilingual::Lang::En), "{}", c.code);
            assert_eq!(c.name.ar, crate::country::name(&c.code, crate::bilingual::Lang::Ar), "{}", c.code);
        }
        assert_eq!(data.countries.len(), crate::country::all().len());
        assert!(data.countries.iter().all(|c| !c.name.en.is_empty() && !c.name.ar.is_empty()));
        assert!(data.countries.windows(2).all(|w| w[0].code < w[1].code));
    }

    #[test]
    fn every_zone_offered_is_accepted_and_named_in_both_languages() {
        let data = reference_data();
        assert!(data.zones.len() > 400, "{} zones", data.zones.len());
        for zone in &data.zones {
            assert!(data.timezones.contains(&zone.id), "{} is not a zone the core accepts", zone.id);
            assert!(!zone.city.en.is_empty() && !zone.city.ar.is_empty(), "{}", zone.id);
            if let Some(country) = &zone.country {
                assert!(crate::country::find(country).is_some(), "{}: {country}", zone.id);
            }
        }
        let tunis = data.zones.iter().find(|z| z.id == "Africa/Tunis").expect("Tunis");
        assert_eq!(
            (tunis.city.en.as_str(), tunis.city.ar.as_str(), tunis.country.as_deref()),
            ("Tunis", "تونس", Some("TN"))
        );
        assert!(data.zones.windows(2).all(|w| w[0].id < w[1].id));
    }

    #[test]
    fn documents_name_a_zone_by_its_city() {
        use crate::bilingual::Lang;
        assert_eq!(zone_name("Africa/Tunis", Lang::En), "Tunis");
        assert_eq!(zone_name("Africa/Tunis", Lang::Ar), "تونس");
        // A zone the core accepts but the table leaves out keeps its id, readably.
        let offered = zones();
        let unnamed = reference_data()
            .timezones
            .into_iter()
            .find(|id| id.contains('_') && !offered.iter().any(|z| &z.id == id))
            .expect("a zone of IANA's links");
        assert_eq!(zone_name(&unnamed, Lang::Ar), unnamed.replace('_', " "));
    }
}
