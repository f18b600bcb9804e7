//! Events: a forum or conference with its dates, venue, timezone and organisers. Several events
//! live in one database (an annual forum recurs).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bilingual::Bilingual;
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::pledges::PledgeSummary;
use crate::store::{Store, Tx};
use crate::{backup, country, input, participants, time};

mod logo;
pub use logo::{logo, remove_logo, set_logo, EventLogo, LogoFormat, MAX_LOGO_BYTES};

/// Most organisers one event may list.
const MAX_ORGANISERS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    Draft,
    Open,
    Closed,
    Archived,
}

impl EventStatus {
    pub const ALL: [EventStatus; 4] =
        [EventStatus::Draft, EventStatus::Open, EventStatus::Closed, EventStatus::Archived];

    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Draft => "draft",
            EventStatus::Open => "open",
            EventStatus::Closed => "closed",
            EventStatus::Archived => "archived",
        }
    }

    pub fn parse(field: &str, value: &str) -> Result<EventStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == value.trim()).ok_or_else(|| {
            Error::invalid(
                field,
                Reason::InvalidValue,
                format!("{value:?} is not one of draft, open, closed, archived"),
            )
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub id: Id,
    pub title: Bilingual,
    pub description: Bilingual,
    pub venue: String,
    pub city: String,
    pub country: Option<String>,
    pub timezone: String,
    #[ts(type = "string")]
    pub start_date: NaiveDate,
    #[ts(type = "string")]
    pub end_date: NaiveDate,
    pub organisers: Vec<String>,
    pub status: EventStatus,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
    /// Raised by every change to the record: a form sends back the one it was filled from.
    pub version: u32,
}

impl Event {
    pub fn tz(&self) -> chrono_tz::Tz {
        // Stored zones were validated on the way in; UTC only guards a hand-edited file.
        self.timezone.parse().unwrap_or(chrono_tz::UTC)
    }
}

/// An event as typed in a form or on the command line, before validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EventInput {
    pub title: Bilingual,
    pub description: Bilingual,
    pub venue: String,
    pub city: String,
    /// ISO 3166-1 alpha-2; empty for none.
    pub country: String,
    pub timezone: String,
    /// `YYYY-MM-DD`.
    pub start_date: String,
    pub end_date: String,
    pub organisers: Vec<String>,
    pub status: EventStatus,
}

/// Counts shown on an event's overview.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EventCounts {
    pub rooms: u32,
    pub sessions: u32,
    pub speakers: u32,
    pub participants: u32,
    pub pledges: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EventOverview {
    pub event: Event,
    pub counts: EventCounts,
    /// Pledged, committed and paid totals per currency, never added across currencies.
    pub pledges: PledgeSummary,
}

impl EventInput {
    /// Checks every field and returns the event it describes, stamped with `id` and `now`.
    pub fn validate(&self, id: Id, created_at: DateTime<Utc>, now: DateTime<Utc>) -> Result<Event> {
        let title = self.title.clean_required("title", input::MAX_NAME)?;
        let description = self.description.clean_text("description", input::MAX_TEXT)?;
        let venue = input::line("venue", &self.venue, input::MAX_NAME)?;
        let city = input::line("city", &self.city, input::MAX_NAME)?;
        let country = country::parse_optional("country", &self.country)?;
        let timezone = time::parse_timezone("timezone", &self.timezone)?;
        let start_date = time::parse_date("startDate", &self.start_date)?;
        let end_date = time::parse_date("endDate", &self.end_date)?;
        if end_date < start_date {
            return Err(Error::invalid("endDate", Reason::EndBeforeStart, "the end date is before the start date"));
        }
        if self.organisers.len() > MAX_ORGANISERS {
            return Err(Error::invalid("organisers", Reason::TooLong, format!("at most {MAX_ORGANISERS} organisers")));
        }
        let mut organisers = Vec::with_capacity(self.organisers.len());
        for name in &self.organisers {
            let name = input::line("organisers", name, input::MAX_NAME)?;
            if !name.is_empty() && !organisers.contains(&name) {
                organisers.push(name);
            }
        }
        Ok(Event {
            id,
            title,
            description,
            venue,
            city,
            country,
            timezone: timezone.name().to_owned(),
            start_date,
            end_date,
            organisers,
            status: self.status,
            created_at,
            updated_at: now,
            version: 1,
        })
    }
}

/// Creates an event with the default participant categories.
pub fn create(tx: &Tx<'_>, input: &EventInput, now: DateTime<Utc>) -> Result<Event> {
    create_with_id(tx, Id::new(), input, now)
}

/// Like `create`, with an id chosen by the caller (the demo forum has a fixed one).
pub fn create_with_id(tx: &Tx<'_>, id: Id, input: &EventInput, now: DateTime<Utc>) -> Result<Event> {
    let event = input.validate(id, now, now)?;
    tx.events().insert(&event)?;
    for category in participants::default_categories(&event.id) {
        tx.categories().insert(&category)?;
    }
    Ok(event)
}

/// Replaces the event's details. `version` is the version the form was filled from: an event
/// changed since is not overwritten (`conflict` / `changed`).
pub fn update(tx: &Tx<'_>, id: &str, version: Option<u32>, input: &EventInput, now: DateTime<Utc>) -> Result<Event> {
    let id = tx.events().resolve("id", id)?;
    let current = tx.events().get(&id)?;
    tx.events().expect_version(&current, version)?;
    let event = input.validate(current.id.clone(), current.created_at, now)?;
    tx.events().update(&current, &event)
}

/// An event's deletion, as logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletedEvent {
    pub event_id: Id,
    pub title: Bilingual,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub backup: Option<String>,
}

/// What deleting an event did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deleted {
    pub event: Event,
    /// The copy of the whole database taken just before (none for a database in memory).
    pub backup: Option<std::path::PathBuf>,
}

/// Deletes the event and everything that belongs to it. Refused for an event with pledges or
/// an adopted outcome document: those are the record of what was promised and agreed, so such
/// an event is archived instead. The whole database is first copied into the backups folder,
/// inside the same transaction (no other desk writes in between), and the deletion is logged
/// where the event's own audit trail, which goes with it, cannot take the log along.
pub fn delete(tx: &Tx<'_>, id: &str, now: DateTime<Utc>) -> Result<Deleted> {
    let folder = tx.path().map(backup::dir);
    let id = tx.events().resolve("id", id)?;
    let event = tx.events().get(&id)?;
    let pledges = tx.events().counts(&id)?.pledges;
    let adopted = tx.outcome().versions(&id)?.iter().filter(|v| v.adopted.is_some()).count();
    if pledges > 0 || adopted > 0 {
        let what = match (pledges, adopted) {
            (0, _) => "an adopted outcome document".to_owned(),
            (n, 0) => format!("{n} pledge{}", if n == 1 { "" } else { "s" }),
            (n, _) => format!("{n} pledge{} and an adopted outcome document", if n == 1 { "" } else { "s" }),
        };
        return Err(Error::conflict(
            Some("id"),
            Reason::InUse,
            format!("the event has {what}, which must be kept: archive the event instead of deleting it"),
        ));
    }
    let backup = match &folder {
        Some(folder) => {
            std::fs::create_dir_all(folder).map_err(|e| crate::store::io_error(folder, e))?;
            let dest = folder.join(backup::file_name(backup::Kind::BeforeDelete, now));
            tx.backup_before_writing(&dest)?;
            Some(dest)
        }
        None => None,
    };
    tx.events().delete(&id)?;
    tx.events().record_deletion(&event, tx.actor(), now, backup.as_deref())?;
    Ok(Deleted { event, backup })
}

pub fn get(store: &Store, id: &str) -> Result<Event> {
    let id = store.events().resolve("id", id)?;
    store.events().get(&id)
}

pub fn list(store: &Store) -> Result<Vec<Event>> {
    store.events().list()
}

pub fn overview(store: &Store, id: &str) -> Result<EventOverview> {
    let event = get(store, id)?;
    let counts = store.events().counts(&event.id)?;
    let pledges = crate::pledges::summary(store, &event.id)?;
    Ok(EventOverview { event, counts, pledges })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn doha() -> EventInput {
        EventInput {
            title: Bilingual::new("Forum", "منتدى"),
            description: Bilingual::default(),
            venue: "Sheraton".into(),
            city: "Doha".into(),
            country: "qa".into(),
            timezone: "Asia/Qatar".into(),
            start_date: "2024-05-21".into(),
            end_date: "2024-05-22".into(),
            organisers: vec!["State of Qatar".into(), " UNOCT ".into(), "UNOCT".into(), "".into()],
            status: EventStatus::Draft,
        }
    }

    fn check(edit: impl FnOnce(&mut EventInput), expected: std::result::Result<(), (&str, Reason)>) {
        let mut input = doha();
        edit(&mut input);
        let got = input.validate(Id::new(), Utc::now(), Utc::now()).map(|_| ());
        let got = got.map_err(|e| (e.field.unwrap_or_default(), e.reason));
        assert_eq!(got.as_ref().map(|_| ()).map_err(|(f, r)| (f.as_str(), *r)), expected);
    }

    #[test]
    fn validation() {
        check(|_| {}, Ok(()));
        check(|i| i.title = Bilingual::new("", "منتدى"), Ok(()));
        check(|i| i.end_date = "2024-05-21".into(), Ok(()));
        check(|i| i.title = Bilingual::default(), Err(("title", Reason::Required)));
        check(|i| i.title.en = "x".repeat(1 << 20), Err(("title", Reason::TooLong)));
        check(|i| i.timezone = "Qatar/Doha".into(), Err(("timezone", Reason::UnknownTimezone)));
        check(|i| i.end_date = "2024-05-20".into(), Err(("endDate", Reason::EndBeforeStart)));
        check(|i| i.start_date = "21.05.2024".into(), Err(("startDate", Reason::InvalidDate)));
        check(|i| i.country = "QQ".into(), Err(("country", Reason::UnknownCountry)));
        check(|i| i.organisers = vec!["a\nb".into()], Err(("organisers", Reason::ControlCharacters)));
    }

    #[test]
    fn organisers_are_trimmed_and_deduplicated() {
        let event = doha().validate(Id::new(), Utc::now(), Utc::now()).unwrap();
        assert_eq!(event.organisers, ["State of Qatar", "UNOCT"]);
        assert_eq!(event.country.as_deref(), Some("QA"));
    }
}
