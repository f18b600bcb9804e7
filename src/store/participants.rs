//! Participants, stored with their category's id and read back with its key.

use rusqlite::{params, Connection};

use super::{audit, audited, bilingual, found, id_col, resolve, resolve_in, rows, time_col, word_col};
use crate::audit::{snapshot, Actor, AuditAction, AuditEntity, Change};
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::participants::{Participant, ParticipantStatus};
use crate::time;

pub struct Participants<'c> {
    conn: &'c Connection,
    actor: &'c Actor,
}

const SELECT: &str = "SELECT p.id, p.event_id, p.name_en, p.name_ar, p.email, p.phone, p.organisation_en, \
     p.organisation_ar, p.country, c.key, p.status, p.badge_code, p.consent, p.registered_at \
     FROM participants p JOIN categories c ON c.id = p.category_id";

impl<'c> Participants<'c> {
    pub(super) fn new(conn: &'c Connection, actor: &'c Actor) -> Participants<'c> {
        Participants { conn, actor }
    }

    pub fn resolve(&self, field: &str, value: &str) -> Result<Id> {
        resolve(self.conn, "participants", "participant", field, value)
    }

    /// Resolves an id typed by someone that must name a participant of `event_id`.
    pub fn resolve_in(&self, event_id: &Id, field: &str, value: &str) -> Result<Id> {
        resolve_in(self.conn, "participants", "participant", field, value, event_id)
    }

    /// Adds a participant and its audit entry (`how`: created by hand or imported).
    pub fn insert(&self, p: &Participant, how: AuditAction) -> Result<()> {
        audited(self.conn, || {
            self.insert_row(p)?;
            let change = Change {
                at: p.registered_at,
                entity: AuditEntity::Participant,
                entity_id: &p.id,
                event_id: &p.event_id,
                action: how,
                before: None,
                after: Some(snapshot(p)?),
            };
            audit::record(self.conn, self.actor, &change)
        })
    }

    /// Replaces a participant's personal data with what `erased` holds, and empties the content
    /// of every audit entry about them; the erasure itself is recorded without any content.
    pub fn erase(&self, erased: &Participant, at: chrono::DateTime<chrono::Utc>) -> Result<()> {
        audited(self.conn, || {
            let changed = self.conn.execute(
                "UPDATE participants SET name_en = ?2, name_ar = ?3, email = ?4, phone = ?5, organisation_en = ?6,
                     organisation_ar = ?7, country = ?8, consent = ?9 WHERE id = ?1",
                params![
                    erased.id.as_str(),
                    erased.name.en,
                    erased.name.ar,
                    erased.email,
                    erased.phone,
                    erased.organisation.en,
                    erased.organisation.ar,
                    erased.country,
                    erased.consent,
                ],
            )?;
            if changed == 0 {
                return Err(Error::not_found("id", "participant", erased.id.as_str()));
            }
            audit::redact(self.conn, AuditEntity::Participant, &erased.id)?;
            let change = Change {
                at,
                entity: AuditEntity::Participant,
                entity_id: &erased.id,
                event_id: &erased.event_id,
                action: AuditAction::Erase,
                before: None,
                after: None,
            };
            audit::record(self.conn, self.actor, &change)
        })
    }

    /// How many participants an event has.
    pub fn count(&self, event_id: &Id) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM participants WHERE event_id = ?1", [event_id.as_str()], |r| r.get(0))?)
    }

    fn insert_row(&self, p: &Participant) -> Result<()> {
        let category_id: String = self
            .conn
            .prepare_cached("SELECT id FROM categories WHERE event_id = ?1 AND key = ?2")?
            .query_row([p.event_id.as_str(), p.category.as_str()], |r| r.get(0))
            .map_err(|_| Error::invalid("category", Reason::InvalidValue, format!("no category {:?}", p.category)))?;
        self.conn.prepare_cached(
            "INSERT INTO participants (id, event_id, name_en, name_ar, email, phone, organisation_en, organisation_ar,
                 country, category_id, status, badge_code, consent, registered_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?
        .execute(params![
                p.id.as_str(),
                p.event_id.as_str(),
                p.name.en,
                p.name.ar,
                p.email,
                p.phone,
                p.organisation.en,
                p.organisation.ar,
                p.country,
                category_id,
                p.status.as_str(),
                p.badge_code,
                p.consent,
                time::to_db(p.registered_at),
            ],
        )?;
        Ok(())
    }

    pub fn get(&self, id: &Id) -> Result<Participant> {
        let sql = format!("{SELECT} WHERE p.id = ?1");
        found(self.conn.query_row(&sql, [id.as_str()], row_to_participant), "participant", "participant", id)
    }

    /// The event's participants by name.
    pub fn list(&self, event_id: &Id) -> Result<Vec<Participant>> {
        let sql = format!("{SELECT} WHERE p.event_id = ?1 ORDER BY p.name_en, p.name_ar, p.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        rows(&mut stmt, [event_id.as_str()], row_to_participant)
    }
}

fn row_to_participant(r: &rusqlite::Row<'_>) -> rusqlite::Result<Participant> {
    Ok(Participant {
        id: id_col(r, 0)?,
        event_id: id_col(r, 1)?,
        name: bilingual(r, 2)?,
        email: r.get(4)?,
        phone: r.get(5)?,
        organisation: bilingual(r, 6)?,
        country: r.get(8)?,
        category: r.get(9)?,
        status: word_col(r, 10, ParticipantStatus::parse)?,
        badge_code: r.get(11)?,
        consent: r.get(12)?,
        registered_at: time_col(r, 13)?,
    })
}
