//! The participants' model: who registers, their category, status and delegation, and the
//! checks a registration passes. Plain data and rules, no I/O: the store reads and writes these
//! types, the operations (`participants::*`) decide with them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bilingual::Bilingual;
use crate::error::{Error, Problems, Reason, Result};
use crate::id::Id;
use crate::word::word_enum;
use crate::{country, input};

pub mod normalise;

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
    /// H.E., Dr…: printed before the name on badges; empty when none.
    pub honorific: String,
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
    /// The delegation they belong to (at most one).
    pub delegation: Option<Id>,
    /// Raised by every change to the record: a form sends back the one it was filled from.
    pub version: u32,
}

impl Participant {
    /// A confirmed person of category "other" with these texts, for the model's unit tests.
    #[cfg(test)]
    pub(crate) fn sample(
        name: Bilingual,
        organisation: Bilingual,
        email: Option<String>,
        badge_code: &str,
    ) -> Participant {
        Participant {
            version: 1,
            id: Id::new(),
            event_id: Id::new(),
            honorific: String::new(),
            name,
            email,
            phone: None,
            organisation,
            country: None,
            category: "other".into(),
            status: ParticipantStatus::Confirmed,
            badge_code: badge_code.into(),
            consent: false,
            registered_at: chrono::Utc::now(),
            delegation: None,
        }
    }

    /// Whether the person's data was erased: a registration always has a name in one script,
    /// and only erasure empties both.
    pub fn is_erased(&self) -> bool {
        self.name.en.is_empty() && self.name.ar.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantInput {
    pub honorific: String,
    pub name: Bilingual,
    pub email: String,
    pub phone: String,
    pub organisation: Bilingual,
    pub country: String,
    /// A category key or its English or Arabic name; empty for "other".
    pub category: String,
    pub status: ParticipantStatus,
    pub consent: bool,
    /// A delegation's id (or 8+ of its first characters) of the same event, or empty.
    pub delegation: String,
}

impl Default for ParticipantInput {
    fn default() -> ParticipantInput {
        ParticipantInput {
            honorific: String::new(),
            name: Bilingual::default(),
            email: String::new(),
            phone: String::new(),
            organisation: Bilingual::default(),
            country: String::new(),
            category: String::new(),
            status: ParticipantStatus::InterestRegistered,
            consent: false,
            delegation: String::new(),
        }
    }
}

impl From<&Participant> for ParticipantInput {
    /// The form's fields holding what is recorded, to be corrected and given to `edit`.
    fn from(p: &Participant) -> ParticipantInput {
        ParticipantInput {
            honorific: p.honorific.clone(),
            name: p.name.clone(),
            email: p.email.clone().unwrap_or_default(),
            phone: p.phone.clone().unwrap_or_default(),
            organisation: p.organisation.clone(),
            country: p.country.clone().unwrap_or_default(),
            category: p.category.clone(),
            status: p.status,
            consent: p.consent,
            delegation: p.delegation.as_ref().map(|d| d.as_str().to_owned()).unwrap_or_default(),
        }
    }
}

/// A column of an imported file that is none of a participant's fields, kept with the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    pub question: String,
    pub answer: String,
}

/// Why two records look like the same person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateReason {
    /// The same e-mail address after NFC and case-folding of the whole address.
    Email,
    /// The same name and organisation after folding (accents, case, Arabic letter variants).
    NameAndOrganisation,
}

/// Two records of one event that look like the same person; never merged without being asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DuplicatePair {
    pub first: Id,
    pub second: Id,
    pub reason: DuplicateReason,
}

/// What erasing a person keeps, to say before and after: their record, emptied of personal
/// data but with its badge code, category, status and delegation (so counts and badge numbers
/// still add up), and the entries of their history, which keep who changed the record and when
/// but not what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Erasure {
    pub participant: Participant,
    /// Entries of their history (at most `audit::MAX_ENTRIES` counted).
    pub history_entries: u32,
}

/// A participant just registered or corrected, and the records it may duplicate (for the form
/// to show).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Added {
    pub participant: Participant,
    pub possible_duplicates: Vec<Id>,
}

/// What the desk should know about a person just checked in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckInWarning {
    /// Checked in although their registration was not confirmed (interest or waitlist).
    NotConfirmed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckedIn {
    pub participant: Participant,
    /// The status they had before.
    pub was: ParticipantStatus,
    pub warning: Option<CheckInWarning>,
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

/// The badge colour a default category starts with (as in migration 0005); grey for others.
pub fn default_colour(key: &str) -> &'static str {
    match key {
        "member_state" => "#1d4ed8",
        "international_organisation" => "#0f766e",
        "regional_organisation" => "#7c3aed",
        "civil_society" => "#ca8a04",
        "un" => "#0284c7",
        "donor" => "#b91c1c",
        "media" => "#ea580c",
        _ => "#6b7280",
    }
}

/// A new badge code: ten characters of Crockford's base32 (no I, L, O, U), easy to read aloud
/// and to type from a scanner.
pub fn new_badge_code() -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let bits = u128::from_le_bytes(*uuid::Uuid::new_v4().as_bytes());
    (0..10).map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char).collect()
}

impl ParticipantInput {
    pub(crate) fn validate(&self, categories: &[Category]) -> Result<ValidParticipant> {
        // Every field is checked, so that the form can show all its problems at once.
        let mut problems = Problems::default();
        let honorific = problems.check(input::line("honorific", &self.honorific, 40));
        let name = problems.check(self.name.clean_required("name", input::MAX_NAME));
        let email = problems.check(input::email("email", &self.email));
        let phone = problems.check(input::optional_line("phone", Some(&self.phone), 40));
        let organisation = problems.check(self.organisation.clean_line("organisation", input::MAX_NAME));
        let country = problems.check(country::parse_optional("country", &self.country));
        let category = problems.check(find_category(categories, &self.category));
        problems.finish()?;
        let (Some(honorific), Some(name), Some(email), Some(phone), Some(organisation), Some(country), Some(category)) =
            (honorific, name, email, phone, organisation, country, category)
        else {
            return Err(Error::internal("a participant field passed its check without a value"));
        };
        Ok(ValidParticipant {
            honorific,
            name,
            email,
            phone,
            organisation,
            country,
            category: category.key.clone(),
            status: self.status,
            consent: self.consent,
        })
    }
}

pub(crate) struct ValidParticipant {
    pub(crate) honorific: String,
    pub(crate) name: Bilingual,
    pub(crate) email: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) organisation: Bilingual,
    pub(crate) country: Option<String>,
    pub(crate) category: String,
    pub(crate) status: ParticipantStatus,
    pub(crate) consent: bool,
}

impl ValidParticipant {
    /// The new record: a fresh id and badge code, registered `now`.
    pub(crate) fn register(self, event_id: Id, now: DateTime<Utc>) -> Participant {
        Participant {
            id: Id::new(),
            event_id,
            honorific: self.honorific,
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
            delegation: None,
            version: 1,
        }
    }
}

pub(crate) fn find_category<'c>(categories: &'c [Category], wanted: &str) -> Result<&'c Category> {
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Delegation {
    pub id: Id,
    pub event_id: Id,
    pub name: Bilingual,
    /// ISO code of the country it represents, if any.
    pub country: Option<String>,
    /// The head of delegation: a participant of the event and a member of this delegation.
    pub head: Option<Id>,
    /// How many participants belong to it (read, never written).
    pub members: u32,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    /// Raised by every change to the record: a form sends back the one it was filled from.
    pub version: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DelegationInput {
    pub name: Bilingual,
    /// A country's ISO code, or empty.
    pub country: String,
    /// The head of delegation's participant id (or 8+ of its first characters), or empty.
    pub head: String,
}

/// The column a table is sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    #[default]
    Name,
    Organisation,
    Country,
    Category,
    Status,
    Registered,
}

/// A badge code as typed or scanned: spaces and hyphens dropped, upper case, and the letters
/// O, I and L (never in a code) read as the digits they look like.
/// Who a search matches, as the shorter list (see `SearchIndex::matches`): the store filters
/// the participants table with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matches {
    /// These participants, in name order.
    Only(Vec<Id>),
    /// Every participant of the index but these.
    AllBut(Vec<Id>),
}

pub fn badge_code_as_typed(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

/// Whether a person of this status may be checked in: yes (with a warning when their
/// registration was not confirmed), or the error for an already checked-in or a declined
/// person, `since` saying when and where they came in when it is known (", since …").
pub fn may_check_in(
    status: ParticipantStatus,
    name: &str,
    since: impl FnOnce() -> Result<String>,
) -> Result<Option<CheckInWarning>> {
    match status {
        ParticipantStatus::CheckedIn => {
            Err(Error::conflict(Some("code"), Reason::Duplicate, format!("{name} is already checked in{}", since()?)))
        }
        ParticipantStatus::Declined => Err(Error::conflict(
            Some("code"),
            Reason::InvalidValue,
            format!("{name} declined (or was declined): not checked in"),
        )),
        ParticipantStatus::Confirmed => Ok(None),
        ParticipantStatus::InterestRegistered | ParticipantStatus::Waitlisted => Ok(Some(CheckInWarning::NotConfirmed)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The registration form shows every field's problem at once: the check goes on past the first.
    #[test]
    fn every_problem_of_a_registration_is_named() {
        let categories = default_categories(&Id::new());
        let typed = ParticipantInput {
            email: "not an address".into(),
            country: "QQ".into(),
            category: "astronauts".into(),
            ..ParticipantInput::default()
        };
        let Err(e) = typed.validate(&categories) else { panic!("accepted") };
        let named: Vec<(&str, &str)> = e.problems.iter().map(|p| (p.field.as_str(), p.reason.as_str())).collect();
        assert_eq!(
            named,
            [
                ("name", "required"),
                ("email", "invalid_value"),
                ("country", "unknown_country"),
                ("category", "invalid_value")
            ]
        );
        assert_eq!((e.field.as_deref(), e.reason), (Some("name"), Reason::Required));
    }
}
