//! Participants: the people who register for an event, their category and status, and the
//! badge code they are checked in with.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::AuditAction;
use crate::bilingual::Bilingual;
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::programme::word_enum;
use crate::store::Store;
use crate::{country, input};

pub mod import;

pub use import::{import_csv, ImportOutcome, RowProblem};

word_enum!(
    /// Where a person stands in registration: interest → confirmed / waitlisted / declined → checked in.
    ParticipantStatus {
        InterestRegistered = "interest_registered",
        Confirmed = "confirmed",
        Declined = "declined",
        Waitlisted = "waitlisted",
        CheckedIn = "checked_in",
    }
);

/// An accreditation category of one event (member state, media…). Stored as data so that an
/// event can rename or add its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Category {
    pub id: Id,
    pub event_id: Id,
    pub key: String,
    pub name: Bilingual,
    pub position: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    pub id: Id,
    pub event_id: Id,
    pub name: Bilingual,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub organisation: Bilingual,
    pub country: Option<String>,
    /// The category's key.
    pub category: String,
    pub status: ParticipantStatus,
    pub badge_code: String,
    pub consent: bool,
    #[ts(type = "string")]
    pub registered_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantInput {
    pub name: Bilingual,
    pub email: String,
    pub phone: String,
    pub organisation: Bilingual,
    pub country: String,
    /// A category key or its English or Arabic name; empty for "other".
    pub category: String,
    pub status: ParticipantStatus,
    pub consent: bool,
}

impl Default for ParticipantInput {
    fn default() -> ParticipantInput {
        ParticipantInput {
            name: Bilingual::default(),
            email: String::new(),
            phone: String::new(),
            organisation: Bilingual::default(),
            country: String::new(),
            category: String::new(),
            status: ParticipantStatus::InterestRegistered,
            consent: false,
        }
    }
}

/// The categories every new event starts with.
pub fn default_categories(event_id: &Id) -> Vec<Category> {
    const DEFAULTS: [(&str, &str, &str); 8] = [
        ("member_state", "Member State", "دولة عضو"),
        ("international_organisation", "International organisation", "منظمة دولية"),
        ("regional_organisation", "Regional organisation", "منظمة إقليمية"),
        ("civil_society", "Civil society", "المجتمع المدني"),
        ("un", "United Nations", "الأمم المتحدة"),
        ("donor", "Donor", "جهة مانحة"),
        ("media", "Media", "وسائل الإعلام"),
        ("other", "Other", "أخرى"),
    ];
    DEFAULTS
        .iter()
        .zip(0..)
        .map(|(&(key, en, ar), position)| Category {
            id: Id::new(),
            event_id: event_id.clone(),
            key: key.to_owned(),
            name: Bilingual::new(en, ar),
            position,
        })
        .collect()
}

/// A new badge code: ten characters of Crockford's base32 (no I, L, O, U), easy to read aloud
/// and to type from a scanner.
pub fn new_badge_code() -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let bits = u128::from_le_bytes(*uuid::Uuid::new_v4().as_bytes());
    (0..10).map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char).collect()
}

impl ParticipantInput {
    fn validate(&self, categories: &[Category]) -> Result<ValidParticipant> {
        let category = find_category(categories, &self.category)?;
        Ok(ValidParticipant {
            name: self.name.clean_required("name", input::MAX_NAME)?,
            email: input::email("email", &self.email)?,
            phone: input::optional_line("phone", Some(&self.phone), 40)?,
            organisation: self.organisation.clean_line("organisation", input::MAX_NAME)?,
            country: country::parse_optional("country", &self.country)?,
            category: category.key.clone(),
            status: self.status,
            consent: self.consent,
        })
    }
}

struct ValidParticipant {
    name: Bilingual,
    email: Option<String>,
    phone: Option<String>,
    organisation: Bilingual,
    country: Option<String>,
    category: String,
    status: ParticipantStatus,
    consent: bool,
}

impl ValidParticipant {
    /// The new record: a fresh id and badge code, registered `now`.
    fn register(self, event_id: Id, now: DateTime<Utc>) -> Participant {
        Participant {
            id: Id::new(),
            event_id,
            name: self.name,
            email: self.email,
            phone: self.phone,
            organisation: self.organisation,
            country: self.country,
            category: self.category,
            status: self.status,
            badge_code: new_badge_code(),
            consent: self.consent,
            registered_at: now,
        }
    }
}

fn find_category<'c>(categories: &'c [Category], wanted: &str) -> Result<&'c Category> {
    let wanted = wanted.trim();
    let wanted = if wanted.is_empty() { "other" } else { wanted };
    let folded = wanted.to_lowercase().replace(['-', ' '], "_");
    categories
        .iter()
        .find(|c| c.key == folded || c.name.en.to_lowercase().replace(['-', ' '], "_") == folded || c.name.ar == wanted)
        .ok_or_else(|| {
            let keys: Vec<&str> = categories.iter().map(|c| c.key.as_str()).collect();
            Error::invalid("category", Reason::InvalidValue, format!("{wanted:?} is not one of {}", keys.join(", ")))
        })
}

pub fn add(store: &mut Store, event_id: &str, person: &ParticipantInput, now: DateTime<Utc>) -> Result<Participant> {
    let event_id = store.events().resolve("event", event_id)?;
    let participant = person.validate(&store.categories().list(&event_id)?)?.register(event_id, now);
    store.write(|tx| tx.participants().insert(&participant, AuditAction::Create))?;
    Ok(participant)
}

/// Erases a person's personal data (their right to erasure): the record stays, so that counts
/// and badge numbers still add up, but their name, contact details, organisation and country
/// are emptied, and the audit trail about them keeps only who changed the record and when.
/// Deleted content is overwritten in the file (`secure_delete`) and the write-ahead log is
/// emptied afterwards; backups made before keep the data until they rotate out.
pub fn erase(store: &mut Store, id: &str, now: DateTime<Utc>) -> Result<Participant> {
    let id = store.participants().resolve("id", id)?;
    let person = store.participants().get(&id)?;
    let erased = Participant {
        name: Bilingual::default(),
        email: None,
        phone: None,
        organisation: Bilingual::default(),
        country: None,
        consent: false,
        ..person
    };
    store.write(|tx| tx.participants().erase(&erased, now))?;
    store.checkpoint();
    Ok(erased)
}

pub fn list(store: &Store, event_id: &str) -> Result<Vec<Participant>> {
    let event_id = store.events().resolve("event", event_id)?;
    store.participants().list(&event_id)
}

pub fn categories(store: &Store, event_id: &str) -> Result<Vec<Category>> {
    let event_id = store.events().resolve("event", event_id)?;
    store.categories().list(&event_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badge_codes_are_readable() {
        let code = new_badge_code();
        assert_eq!(code.len(), 10);
        assert!(code.chars().all(|c| c.is_ascii_digit() || (c.is_ascii_uppercase() && !"ILOU".contains(c))));
        assert_ne!(new_badge_code(), new_badge_code());
    }

    #[test]
    fn categories_by_key_or_name() {
        let cats = default_categories(&Id::new());
        let key = |wanted: &str| find_category(&cats, wanted).map(|c| c.key.as_str()).map_err(|e| e.reason);
        assert_eq!(key("member_state"), Ok("member_state"));
        assert_eq!(key("Civil society"), Ok("civil_society"));
        assert_eq!(key("civil-society"), Ok("civil_society"));
        assert_eq!(key("وسائل الإعلام"), Ok("media"));
        assert_eq!(key(""), Ok("other"));
        assert_eq!(key("vip"), Err(Reason::InvalidValue));
    }
}
