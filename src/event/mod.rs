//! Events: a forum or conference with its dates, venue, timezone and organisers. Several events
//! live in one database (an annual forum recurs).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::pledges::PledgeSummary;
use crate::store::{Store, Tx};
use crate::{backup, participants};

mod logo;
pub mod model;
pub use logo::{logo, remove_logo, set_logo};
pub use model::*;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EventOverview {
    pub event: Event,
    pub counts: EventCounts,
    /// Pledged, committed and paid totals per currency, never added across currencies.
    pub pledges: PledgeSummary,
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
        tx.categories().add(&category, participants::default_colour(&category.key))?;
    }
    Ok(event)
}

/// Replaces the event's details. `version` is the version the form was filled from: an event
/// changed since is not overwritten (`conflict` / `changed`).
pub fn update(tx: &Tx<'_>, id: &Id, version: Option<u32>, input: &EventInput, now: DateTime<Utc>) -> Result<Event> {
    let id = tx.events().resolve("id", id.as_str())?;
    let current = tx.events().get(&id)?;
    tx.events().expect_version(&current, version)?;
    let event = input.validate(current.id.clone(), current.created_at, now)?;
    tx.events().update(&current, &event)
}

/// Replaces who signs the event's certificates (the rest of the event stays as it is).
pub fn set_signatories(tx: &Tx<'_>, id: &Id, signatories: &[Signatory], now: DateTime<Utc>) -> Result<Event> {
    let id = tx.events().resolve("id", id.as_str())?;
    let current = tx.events().get(&id)?;
    let signatories = validate_signatories(signatories)?;
    tx.events().update(&current, &Event { signatories, updated_at: now, ..current.clone() })
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
pub fn delete(tx: &Tx<'_>, id: &Id, now: DateTime<Utc>) -> Result<Deleted> {
    let folder = tx.path().map(backup::dir);
    let id = tx.events().resolve("id", id.as_str())?;
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
