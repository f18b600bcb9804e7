//! The outcome document's model: versions, their sections, what a section says in each
//! language, and how two versions differ. Plain data and rules, no I/O: the store reads and
//! writes these types, the operations decide with them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bilingual::{Bilingual, Lang};
use crate::id::Id;
use crate::word::word_enum;

pub mod generated;
pub mod rich;

pub use generated::Generated;
pub use rich::{RichBlock, RichText, Span};

word_enum!(
    /// What a section holds. `Pledges` and `Participation` are generated from the ledger and
    /// the registrations when the document is exported; their text is an introduction.
    SectionKind {
        Summary = "summary",
        OpeningStatement = "opening_statement",
        KeyMessages = "key_messages",
        BestPractices = "best_practices",
        Recommendation = "recommendation",
        Pledges = "pledges",
        Participation = "participation",
        Free = "free",
    }
);

impl SectionKind {
    /// The heading a section of this kind gets when it has no title of its own.
    pub fn default_title(self, lang: Lang) -> &'static str {
        let (en, ar) = match self {
            SectionKind::Summary => ("Summary", "موجز"),
            SectionKind::OpeningStatement => ("Opening statement", "كلمة افتتاحية"),
            SectionKind::KeyMessages => ("Key messages", "الرسائل الرئيسية"),
            SectionKind::BestPractices => ("Best practices", "أفضل الممارسات"),
            SectionKind::Recommendation => ("Recommendations", "التوصيات"),
            SectionKind::Pledges => ("Pledges", "التعهدات"),
            SectionKind::Participation => ("Participation", "المشاركة"),
            SectionKind::Free => ("", ""),
        };
        match lang {
            Lang::En => en,
            Lang::Ar => ar,
        }
    }
}

/// One version of an event's outcome document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Version {
    pub id: Id,
    pub event_id: Id,
    /// 1, 2, … per event.
    pub number: u32,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    pub adopted: Option<Adoption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Adoption {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    /// The computer account that adopted it.
    pub by: String,
}

/// One section of one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    /// The same across versions.
    pub key: Id,
    pub kind: SectionKind,
    pub title: Bilingual,
    pub body_en: RichText,
    pub body_ar: RichText,
    /// When each language was last written (`None`: never).
    #[ts(type = "string | null")]
    pub updated_en: Option<DateTime<Utc>>,
    #[ts(type = "string | null")]
    pub updated_ar: Option<DateTime<Utc>>,
    /// For a recommendation: whom it is addressed to (e.g. "Member States").
    pub actor: Bilingual,
    /// For an opening statement: who made it.
    pub speaker_id: Option<Id>,
    /// The sessions a statement was made in or a recommendation came from.
    pub session_ids: Vec<Id>,
}

/// Where one language of a section stands against the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LanguageState {
    Current,
    /// The other language has text, this one none.
    Missing,
    /// Both have text; this one was last written before the other.
    Older,
}

impl Section {
    pub fn body(&self, lang: Lang) -> &RichText {
        match lang {
            Lang::En => &self.body_en,
            Lang::Ar => &self.body_ar,
        }
    }

    fn has_text(&self, lang: Lang) -> bool {
        let title = match lang {
            Lang::En => &self.title.en,
            Lang::Ar => &self.title.ar,
        };
        !title.is_empty() || !self.body(lang).is_empty()
    }

    /// Marks the language that needs work: missing, or older than the other.
    pub fn language_state(&self, lang: Lang) -> LanguageState {
        let other = match lang {
            Lang::En => Lang::Ar,
            Lang::Ar => Lang::En,
        };
        let updated = |l| match l {
            Lang::En => self.updated_en,
            Lang::Ar => self.updated_ar,
        };
        match (self.has_text(lang), self.has_text(other)) {
            (false, true) => LanguageState::Missing,
            (true, true) if updated(lang) < updated(other) => LanguageState::Older,
            _ => LanguageState::Current,
        }
    }
}

/// A version with its sections in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    pub version: Version,
    pub sections: Vec<Section>,
}

/// A new section as typed. Bodies are rich text (see [`RichText`]); blank ids mean none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct SectionInput {
    pub kind: Option<SectionKind>,
    pub title: Bilingual,
    pub body_en: RichText,
    pub body_ar: RichText,
    pub actor: Bilingual,
    pub speaker: Option<String>,
    pub sessions: Vec<String>,
    /// 1-based place among the sections; `None`: at the end.
    pub position: Option<u32>,
}

/// Changes to a section: each `Some` replaces that part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct SectionEdit {
    pub title_en: Option<String>,
    pub title_ar: Option<String>,
    pub body_en: Option<RichText>,
    pub body_ar: Option<RichText>,
    pub actor: Option<Bilingual>,
    /// `Some("")` removes the speaker.
    pub speaker: Option<String>,
    pub sessions: Option<Vec<String>>,
    pub position: Option<u32>,
}

/// Which version an edit is meant for: `None` is the current draft.
pub type VersionNumber = Option<u32>;

/// How one section differs between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SectionDiff {
    pub key: Id,
    pub kind: SectionKind,
    /// The title in the newer version (or the removed one's).
    pub title: Bilingual,
    pub change: Change,
    /// What changed, by field name (`titleEn`, `bodyAr`, `position`, …); empty unless changed.
    pub fields: Vec<String>,
    /// Plain text of the English and Arabic bodies before and after, for the changed ones.
    pub text: Vec<TextChange>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Added,
    Removed,
    Changed,
    Unchanged,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TextChange {
    pub field: String,
    pub before: String,
    pub after: String,
}
