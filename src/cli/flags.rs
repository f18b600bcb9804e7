//! The flags several commands share, declared once and flattened into each command, so that a
//! flag reads and checks the same wherever it is given.

use std::path::PathBuf;

use clap::Args as ClapArgs;
use muntada::bilingual::Bilingual;
use muntada::{Error, Lang, Reason};

/// `--event ID`, for a command about one event and nothing more.
#[derive(ClapArgs)]
pub struct EventArgs {
    #[arg(long)]
    pub event: String,
}

/// `--event ID --out FILE`: the event an export is of, and the file it is written to.
#[derive(ClapArgs)]
pub struct ExportTo {
    #[arg(long)]
    pub event: String,
    #[arg(long)]
    pub out: PathBuf,
}

/// `--name` and `--name-ar`: a record's name in English and in Arabic, either may be left out.
#[derive(ClapArgs)]
pub struct Names {
    #[arg(long, default_value = "")]
    pub name: String,
    #[arg(long, default_value = "")]
    pub name_ar: String,
}

impl Names {
    pub fn bilingual(self) -> Bilingual {
        Bilingual::new(self.name, self.name_ar)
    }
}

/// `--lang`: the language a document is written in.
#[derive(ClapArgs)]
pub struct DocumentLang {
    /// Language of the document: en or ar
    #[arg(long, default_value = "en")]
    pub lang: String,
}

impl DocumentLang {
    pub fn parse(&self) -> Result<Lang, Error> {
        lang(&self.lang)
    }
}

/// A `--lang` value that must be en or ar.
pub fn lang(typed: &str) -> Result<Lang, Error> {
    Lang::parse(typed.trim())
        .ok_or_else(|| Error::invalid("lang", Reason::InvalidValue, format!("{typed:?} is not en or ar")))
}

/// Names given in English and in Arabic by repeated flags, paired by position.
pub fn paired(en: Vec<String>, ar: Vec<String>) -> Vec<Bilingual> {
    let count = en.len().max(ar.len());
    let (mut en, mut ar) = (en.into_iter(), ar.into_iter());
    (0..count).map(|_| Bilingual::new(en.next().unwrap_or_default(), ar.next().unwrap_or_default())).collect()
}
