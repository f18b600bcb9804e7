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

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Bilingual {
    pub en: String,
    pub ar: String,
}

impl Bilingual {
    pub fn new(en: impl Into<String>, ar: impl Into<String>) -> Bilingual {
        Bilingual { en: en.into(), ar: ar.into() }
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
    fn required_needs_one_language() {
        let err = Bilingual::new("  ", "").clean_required("title", 10).unwrap_err();
        assert_eq!((err.field.as_deref(), err.reason), (Some("title"), Reason::Required));
        assert_eq!(Bilingual::new(" x ", "").clean_required("title", 10).unwrap().en, "x");
    }
}
