//! Events, their organisers and signatories, and their participant categories.

use super::db::{params, Db, DbError, Optional, Row};

use super::{bilingual, found, id_col, resolve, rows, time_col, word_col};
use crate::audit::model::{Actor, AuditEntity};
use crate::bilingual::Bilingual;
use crate::error::Result;
use crate::event::model::{
    ArabicDigits, DeletedEvent, Event, EventCounts, EventLogo, EventStatus, LogoFormat, Signatory,
};
use crate::id::Id;
use crate::participants::model::Category;
use crate::time;

pub struct Events<'c> {
    conn: &'c Db,
    actor: &'c Actor,
}

const EVENT_COLUMNS: &str = "id, title_en, title_ar, description_en, description_ar, venue_en, venue_ar, city_en, \
     city_ar, country, timezone, start_date, end_date, status, created_at, updated_at, arabic_digits";

impl<'c> Events<'c> {
    pub(super) fn new(conn: &'c Db, actor: &'c Actor) -> Events<'c> {
        Events { conn, actor }
    }

    pub fn resolve(&self, field: &str, value: &str) -> Result<Id> {
        resolve(self.conn, "events", "event", field, value)
    }

    pub fn get(&self, id: &Id) -> Result<Event> {
        let sql = format!("SELECT {EVENT_COLUMNS}, version FROM events WHERE id = ?1");
        let event = self.conn.query_row(&sql, params![id.as_str()], row_to_event);
        let mut event = found(event, "id", "event", id)?;
        event.organisers = self.organisers(id)?;
        event.signatories = self.signatories(id)?;
        Ok(event)
    }

    /// Every event, the most recent first.
    pub fn list(&self) -> Result<Vec<Event>> {
        let sql = format!("SELECT {EVENT_COLUMNS}, version FROM events ORDER BY start_date DESC, title_en, title_ar");
        let mut stmt = self.conn.prepare(&sql)?;
        rows(&mut stmt, params![], row_to_event)?
            .into_iter()
            .map(|mut e| {
                e.organisers = self.organisers(&e.id)?;
                e.signatories = self.signatories(&e.id)?;
                Ok(e)
            })
            .collect()
    }

    fn organisers(&self, id: &Id) -> Result<Vec<Bilingual>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name_en, name_ar FROM event_organisers WHERE event_id = ?1 ORDER BY position")?;
        rows(&mut stmt, params![id.as_str()], |r| bilingual(r, 0))
    }

    fn signatories(&self, id: &Id) -> Result<Vec<Signatory>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name_en, name_ar, title_en, title_ar FROM event_signatories WHERE event_id = ?1 ORDER BY position",
        )?;
        rows(&mut stmt, params![id.as_str()], |r| Ok(Signatory::new(bilingual(r, 0)?, bilingual(r, 2)?)))
    }

    pub fn insert(&self, e: &Event) -> Result<()> {
        self.conn.execute(
            &format!("INSERT INTO events ({EVENT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"),
            params![
                e.id.as_str(),
                e.title.en,
                e.title.ar,
                e.description.en,
                e.description.ar,
                e.venue.en,
                e.venue.ar,
                e.city.en,
                e.city.ar,
                e.country,
                e.timezone,
                e.start_date.to_string(),
                e.end_date.to_string(),
                e.status.as_str(),
                time::to_db(e.created_at),
                time::to_db(e.updated_at),
                e.arabic_digits.as_str(),
            ],
        )?;
        self.set_organisers(e)?;
        self.set_signatories(e)
    }

    /// Refuses a save made from `version` of `e` when `e` has been changed since.
    pub fn expect_version(&self, e: &Event, version: Option<u32>) -> Result<()> {
        super::expect_version(self.conn, "event", Some(AuditEntity::Event), &e.id, e.version, version)
    }

    /// Writes `e` over the event read as `before` in this transaction, while it is still at
    /// `before`'s version; returns `e` with its new version.
    pub fn update(&self, before: &Event, e: &Event) -> Result<Event> {
        let e = Event { version: before.version + 1, ..e.clone() };
        let changed = self.conn.execute(
            "UPDATE events SET title_en = ?2, title_ar = ?3, description_en = ?4, description_ar = ?5, venue_en = ?6,
                 venue_ar = ?7, city_en = ?8, city_ar = ?9, country = ?10, timezone = ?11, start_date = ?12,
                 end_date = ?13, status = ?14, updated_at = ?15, version = ?16, arabic_digits = ?18
             WHERE id = ?1 AND version = ?17",
            params![
                e.id.as_str(),
                e.title.en,
                e.title.ar,
                e.description.en,
                e.description.ar,
                e.venue.en,
                e.venue.ar,
                e.city.en,
                e.city.ar,
                e.country,
                e.timezone,
                e.start_date.to_string(),
                e.end_date.to_string(),
                e.status.as_str(),
                time::to_db(e.updated_at),
                e.version,
                before.version,
                e.arabic_digits.as_str(),
            ],
        )?;
        super::guarded(self.conn, changed, "event", Some(AuditEntity::Event), &e.id)?;
        super::record_update(self.conn, self.actor, AuditEntity::Event, (before, &e), (&e.id, &e.id), e.updated_at)?;
        self.conn.execute("DELETE FROM event_organisers WHERE event_id = ?1", params![e.id.as_str()])?;
        self.set_organisers(&e)?;
        self.conn.execute("DELETE FROM event_signatories WHERE event_id = ?1", params![e.id.as_str()])?;
        self.set_signatories(&e)?;
        Ok(e)
    }

    fn set_signatories(&self, e: &Event) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO event_signatories (event_id, position, name_en, name_ar, title_en, title_ar)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (position, s) in e.signatories.iter().enumerate() {
            stmt.execute(params![e.id.as_str(), position as i64, s.name.en, s.name.ar, s.title.en, s.title.ar])?;
        }
        Ok(())
    }

    fn set_organisers(&self, e: &Event) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO event_organisers (event_id, position, name_en, name_ar) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (position, name) in e.organisers.iter().enumerate() {
            stmt.execute(params![e.id.as_str(), position as i64, name.en, name.ar])?;
        }
        Ok(())
    }

    pub fn delete(&self, id: &Id) -> Result<()> {
        let deleted = self.conn.execute("DELETE FROM events WHERE id = ?1", params![id.as_str()])?;
        found(if deleted == 1 { Ok(()) } else { Err(DbError::NoRows) }, "id", "event", id)
    }

    /// Logs the deletion of `event` where it outlives the event (its own trail goes with it).
    pub fn record_deletion(
        &self,
        event: &Event,
        actor: &Actor,
        at: chrono::DateTime<chrono::Utc>,
        backup: Option<&std::path::Path>,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO deleted_events (event_id, title_en, title_ar, at, actor, backup) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                event.id.as_str(),
                event.title.en,
                event.title.ar,
                time::to_db(at),
                actor.as_str(),
                backup.map(|p| p.display().to_string()),
            ],
        )?;
        Ok(())
    }

    /// The deletions logged, newest first: the event's id and title, when, by whom, and the
    /// backup taken before.
    pub fn deletions(&self) -> Result<Vec<DeletedEvent>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT event_id, title_en, title_ar, at, actor, backup FROM deleted_events ORDER BY id DESC",
        )?;
        rows(&mut stmt, params![], |r| {
            Ok(DeletedEvent {
                event_id: id_col(r, 0)?,
                title: bilingual(r, 1)?,
                at: time_col(r, 3)?,
                actor: r.get(4)?,
                backup: r.get(5)?,
            })
        })
    }

    pub fn exists(&self, id: &Id) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM events WHERE id = ?1", params![id.as_str()], |_| Ok(()))
            .optional()?
            .is_some())
    }

    pub fn logo(&self, id: &Id) -> Result<Option<EventLogo>> {
        let logo = self
            .conn
            .query_row(
                "SELECT format, width, height, image, updated_at FROM event_logos WHERE event_id = ?1",
                params![id.as_str()],
                |r| {
                    Ok(EventLogo {
                        format: word_col(r, 0, LogoFormat::parse)?,
                        width: r.get(1)?,
                        height: r.get(2)?,
                        image: r.get(3)?,
                        updated_at: time_col(r, 4)?,
                    })
                },
            )
            .optional()?;
        Ok(logo)
    }

    pub fn set_logo(&self, id: &Id, logo: &EventLogo) -> Result<()> {
        self.conn.execute(
            "INSERT INTO event_logos (event_id, format, width, height, image, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (event_id) DO UPDATE SET format = excluded.format, width = excluded.width,
                 height = excluded.height, image = excluded.image, updated_at = excluded.updated_at",
            params![
                id.as_str(),
                logo.format.as_str(),
                logo.width,
                logo.height,
                logo.image,
                time::to_db(logo.updated_at)
            ],
        )?;
        Ok(())
    }

    /// `false` when there was no logo.
    pub fn remove_logo(&self, id: &Id) -> Result<bool> {
        Ok(self.conn.execute("DELETE FROM event_logos WHERE event_id = ?1", params![id.as_str()])? == 1)
    }

    pub fn counts(&self, id: &Id) -> Result<EventCounts> {
        let count = |table: &str| -> Result<u32> {
            let sql = format!("SELECT count(*) FROM {table} WHERE event_id = ?1");
            Ok(self.conn.query_row(&sql, params![id.as_str()], |r| r.get(0))?)
        };
        Ok(EventCounts {
            rooms: count("rooms")?,
            sessions: count("sessions")?,
            speakers: count("speakers")?,
            participants: count("participants")?,
            pledges: count("pledges")?,
        })
    }
}

fn row_to_event(r: &Row<'_>) -> Result<Event> {
    let date = |idx: usize| -> Result<chrono::NaiveDate> {
        let text: String = r.get(idx)?;
        time::parse_date("stored", &text).map_err(|e| super::stored(idx, e))
    };
    Ok(Event {
        id: id_col(r, 0)?,
        title: bilingual(r, 1)?,
        description: bilingual(r, 3)?,
        venue: bilingual(r, 5)?,
        city: bilingual(r, 7)?,
        country: r.get(9)?,
        timezone: r.get(10)?,
        start_date: date(11)?,
        end_date: date(12)?,
        status: word_col(r, 13, EventStatus::parse)?,
        created_at: time_col(r, 14)?,
        updated_at: time_col(r, 15)?,
        organisers: Vec::new(),
        signatories: Vec::new(),
        arabic_digits: word_col(r, 16, ArabicDigits::parse)?,
        version: r.get(17)?,
    })
}

/// Migration 17 gave venue, city and organisers an Arabic side: each value stored before it,
/// in the English column, goes to the side of its script (`Bilingual::from_one`).
pub(super) fn split_names_by_script(conn: &Db) -> Result<()> {
    let events: Vec<(String, String, String)> = {
        let mut stmt = conn.prepare("SELECT id, venue_en, city_en FROM events")?;
        rows(&mut stmt, params![], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
    };
    let mut stmt =
        conn.prepare("UPDATE events SET venue_en = ?2, venue_ar = ?3, city_en = ?4, city_ar = ?5 WHERE id = ?1")?;
    for (id, venue, city) in events {
        let (venue, city) = (Bilingual::from_one(venue), Bilingual::from_one(city));
        stmt.execute(params![id, venue.en, venue.ar, city.en, city.ar])?;
    }
    super::split_listed_names_by_script(conn, "event_organisers", "event_id")
}

pub struct Categories<'c> {
    conn: &'c Db,
}

impl<'c> Categories<'c> {
    pub(super) fn new(conn: &'c Db) -> Categories<'c> {
        Categories { conn }
    }

    /// Adds a category with the colour of its band on badges.
    pub fn add(&self, c: &Category, colour: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO categories (id, event_id, key, name_en, name_ar, position, colour)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![c.id.as_str(), c.event_id.as_str(), c.key, c.name.en, c.name.ar, c.position, colour],
        )?;
        Ok(())
    }

    /// Renames a category and changes its colour (its key stays: participants refer to it).
    pub fn rename(&self, id: &Id, name: &crate::bilingual::Bilingual, colour: &str) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE categories SET name_en = ?2, name_ar = ?3, colour = ?4 WHERE id = ?1",
            params![id.as_str(), name.en, name.ar, colour],
        )?;
        found(if changed == 1 { Ok(()) } else { Err(DbError::NoRows) }, "key", "category", id)
    }

    /// Each category's badge colour (`#rrggbb`) by key.
    pub fn colours(&self, event_id: &Id) -> Result<Vec<(String, String)>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT key, colour FROM categories WHERE event_id = ?1 ORDER BY position")?;
        rows(&mut stmt, params![event_id.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
    }

    pub fn list(&self, event_id: &Id) -> Result<Vec<Category>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, event_id, key, name_en, name_ar, position FROM categories WHERE event_id = ?1 ORDER BY position",
        )?;
        rows(&mut stmt, params![event_id.as_str()], |r| {
            Ok(Category {
                id: id_col(r, 0)?,
                event_id: id_col(r, 1)?,
                key: r.get(2)?,
                name: bilingual(r, 3)?,
                position: r.get(5)?,
            })
        })
    }
}
