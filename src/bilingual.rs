//! Text that exists in English and Arabic. An empty side means "not given in that language".

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Reason, Result};
use crate::input;

/// A language of the app and of its documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Ar,
}

impl Lang {
    pub const ALL: &'static [Lang] = &[Lang::En, Lang::Ar];

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "ar" => Some(Lang::Ar),
            _ => None,
        }
    }
}

/// How numbers are written in Arabic: an event's setting, followed by the Arabic window of the
/// app and by every Arabic document of the event.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ArabicDigits {
    /// ٠١٢٣٤٥٦٧٨٩, with the Arabic thousands and decimal separators (٤٥٬٠٠٠٫٥).
    #[default]
    ArabicIndic,
    /// 0123456789, as in English (45,000.5).
    Latin,
}

impl ArabicDigits {
    pub const ALL: [ArabicDigits; 2] = [ArabicDigits::ArabicIndic, ArabicDigits::Latin];

    /// The word stored and typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ArabicDigits::ArabicIndic => "arabic_indic",
            ArabicDigits::Latin => "latin",
        }
    }

    /// `arabic_indic` or `latin`; a hyphen stands for the underscore (`arabic-indic`, as the
    /// command line writes it).
    pub fn parse(field: &str, value: &str) -> Result<ArabicDigits> {
        let word = value.trim().replace('-', "_");
        Self::ALL.into_iter().find(|d| d.as_str() == word).ok_or_else(|| {
            Error::invalid(field, Reason::InvalidValue, format!("{value:?} is not arabic-indic or latin"))
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Bilingual {
    pub en: String,
    pub ar: String,
}

impl Bilingual {
    pub fn new(en: impl Into<String>, ar: impl Into<String>) -> Bilingual {
        Bilingual { en: en.into(), ar: ar.into() }
    }

    /// A value typed or stored without saying its language: on the Arabic side when it is in
    /// Arabic script (any Arabic letter), else on the English side.
    pub fn from_one(value: impl Into<String>) -> Bilingual {
        let value = value.into();
        if is_arabic_script(&value) {
            Bilingual { en: String::new(), ar: value }
        } else {
            Bilingual { en: value, ar: String::new() }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.en.is_empty() && self.ar.is_empty()
    }

    /// The text in `lang`, or in the other language when `lang`'s side is empty.
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::En => (&self.en, &self.ar),
            Lang::Ar => (&self.ar, &self.en),
        };
        if first.is_empty() {
            second
        } else {
            first
        }
    }

    /// The side in the other language than `lang`, when it differs from `get(lang)`.
    pub fn other(&self, lang: Lang) -> Option<&str> {
        let other = match lang {
            Lang::En => &self.ar,
            Lang::Ar => &self.en,
        };
        (!other.is_empty() && other != self.get(lang)).then_some(other.as_str())
    }

    /// The text a document in `lang` shows: `lang`'s side, or the other side marked with its
    /// language ("Doha (بالإنجليزية)", "الدوحة (in Arabic)") so that a reader knows the
    /// translation is missing rather than the name being that.
    pub fn marked(&self, lang: Lang) -> String {
        let (own, other, mark) = match lang {
            Lang::En => (&self.en, &self.ar, "in Arabic"),
            Lang::Ar => (&self.ar, &self.en, "بالإنجليزية"),
        };
        match (own.is_empty(), other.is_empty()) {
            (false, _) => own.clone(),
            (true, false) => format!("{other} ({mark})"),
            (true, true) => String::new(),
        }
    }

    /// Cleans both sides as single lines of at most `max` characters.
    pub fn clean_line(&self, field: &str, max: usize) -> Result<Bilingual> {
        Ok(Bilingual { en: input::line(field, &self.en, max)?, ar: input::line(field, &self.ar, max)? })
    }

    /// Cleans both sides as multi-line text.
    pub fn clean_text(&self, field: &str, max: usize) -> Result<Bilingual> {
        Ok(Bilingual { en: input::text(field, &self.en, max)?, ar: input::text(field, &self.ar, max)? })
    }

    /// Like `clean_line`, and at least one language must be given.
    pub fn clean_required(&self, field: &str, max: usize) -> Result<Bilingual> {
        let cleaned = self.clean_line(field, max)?;
        if cleaned.is_empty() {
            return Err(Error::invalid(field, Reason::Required, "give it in English or Arabic"));
        }
        Ok(cleaned)
    }
}

/// Reads (serde's `deserialize_with`) a name kept in a stored document: a `Bilingual`, or a
/// plain string kept before the name had two languages, which goes to the side of its script.
pub fn stored_name<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Bilingual, D::Error> {
    Ok(StoredName::deserialize(d)?.into())
}

/// As [`stored_name`], for a list of names; a string kept before stands for a list of one.
pub fn stored_names<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Vec<Bilingual>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Stored {
        Many(Vec<StoredName>),
        One(String),
    }
    Ok(match Stored::deserialize(d)? {
        Stored::Many(names) => names.into_iter().map(Bilingual::from).collect(),
        Stored::One(name) => vec![Bilingual::from_one(name)],
    })
}

#[derive(Deserialize)]
#[serde(untagged)]
enum StoredName {
    One(String),
    Both(Bilingual),
}

impl From<StoredName> for Bilingual {
    fn from(name: StoredName) -> Bilingual {
        match name {
            StoredName::One(name) => Bilingual::from_one(name),
            StoredName::Both(name) => name,
        }
    }
}

/// Whether `text` has a letter of the Arabic script (the Arabic block, its supplements and
/// extensions, and the presentation forms).
pub fn is_arabic_script(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c,
            '\u{0600}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{0870}'..='\u{08FF}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}')
            && c.is_alphabetic()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_falls_back_to_the_other_language() {
        let only_ar = Bilingual::new("", "منتدى");
        assert_eq!(only_ar.get(Lang::En), "منتدى");
        assert_eq!(only_ar.other(Lang::En), None);
        let both = Bilingual::new("Forum", "منتدى");
        assert_eq!(both.get(Lang::Ar), "منتدى");
        assert_eq!(both.other(Lang::Ar), Some("Forum"));
    }

    #[test]
    fn one_value_goes_to_the_side_of_its_script() {
        for (value, en, ar) in [
            ("Doha", "Doha", ""),
            ("الدوحة", "", "الدوحة"),
            ("قصر المؤتمرات, Tunis", "", "قصر المؤتمرات, Tunis"),
            ("ﻗﻄﺮ", "", "ﻗﻄﺮ"),
            ("Room ١٢", "Room ١٢", ""),
            ("", "", ""),
        ] {
            assert_eq!(Bilingual::from_one(value), Bilingual::new(en, ar), "{value:?}");
        }
    }

    #[test]
    fn names_stored_in_one_language_are_read_on_the_side_of_their_script() {
        #[derive(Deserialize)]
        struct Row {
            #[serde(deserialize_with = "stored_names")]
            donors: Vec<Bilingual>,
            #[serde(deserialize_with = "stored_name")]
            recipient: Bilingual,
        }
        let old: Row = serde_json::from_str(r#"{"donors": "State of Qatar", "recipient": "مكتب"}"#).unwrap();
        assert_eq!(
            (old.donors, old.recipient),
            (vec![Bilingual::new("State of Qatar", "")], Bilingual::new("", "مكتب"))
        );
        let new: Row = serde_json::from_str(
            r#"{"donors": [{"en": "Qatar", "ar": "قطر"}, "اليابان"], "recipient": {"en": "UNOCT", "ar": ""}}"#,
        )
        .unwrap();
        assert_eq!(new.donors, [Bilingual::new("Qatar", "قطر"), Bilingual::new("", "اليابان")]);
        assert_eq!(new.recipient, Bilingual::new("UNOCT", ""));
    }

    #[test]
    fn a_fallback_says_its_language() {
        let doha = Bilingual::new("Doha", "الدوحة");
        assert_eq!((doha.marked(Lang::En), doha.marked(Lang::Ar)), ("Doha".into(), "الدوحة".into()));
        assert_eq!(Bilingual::new("Doha", "").marked(Lang::Ar), "Doha (بالإنجليزية)");
        assert_eq!(Bilingual::new("", "الدوحة").marked(Lang::En), "الدوحة (in Arabic)");
        assert_eq!(Bilingual::default().marked(Lang::Ar), "");
    }

    #[test]
    fn required_needs_one_language() {
        let err = Bilingual::new("  ", "").clean_required("title", 10).unwrap_err();
        assert_eq!((err.field.as_deref(), err.reason), (Some("title"), Reason::Required));
        assert_eq!(Bilingual::new(" x ", "").clean_required("title", 10).unwrap().en, "x");
    }
}
