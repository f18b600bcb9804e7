//! Outcome document versions and their sections. A draft's sections are written whole:
//! `replace_sections` rewrites them (and their session links) in the caller's transaction,
//! and refuses to touch an adopted version, whatever the caller checked before. Adopting is
//! recorded in the audit trail, in the same transaction.

use super::db::{params, Db, Optional};

use super::{audit, audited, bilingual, id_col, opt_id_col, rows, time_col};
use crate::audit::model::{snapshot, Actor, AuditAction, AuditEntity, Change};
use crate::error::{Error, Reason, Result};
use crate::id::{Id, IdPrefix};
use crate::outcome::model::{Adoption, Generated, RichText, Section, SectionKind, Version};
use crate::time;

pub struct Outcomes<'c> {
    conn: &'c Db,
    actor: &'c Actor,
}

impl<'c> Outcomes<'c> {
    pub(super) fn new(conn: &'c Db, actor: &'c Actor) -> Outcomes<'c> {
        Outcomes { conn, actor }
    }

    /// The event's versions, oldest first.
    pub fn versions(&self, event_id: &Id) -> Result<Vec<Version>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, event_id, number, created_at, adopted_at, adopted_by FROM outcome_versions
             WHERE event_id = ?1 ORDER BY number",
        )?;
        rows(&mut stmt, params![event_id.as_str()], |r| {
            let adopted_at: Option<String> = r.get(4)?;
            let adopted = match adopted_at {
                Some(_) => Some(Adoption { at: time_col(r, 4)?, by: r.get(5)? }),
                None => None,
            };
            Ok(Version {
                id: id_col(r, 0)?,
                event_id: id_col(r, 1)?,
                number: r.get(2)?,
                created_at: time_col(r, 3)?,
                adopted,
            })
        })
    }

    /// The numbers of the event's adopted versions whose sections name `session_id`.
    pub fn adopted_citing(&self, session_id: &Id) -> Result<Vec<u32>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT v.number FROM outcome_section_sessions s JOIN outcome_versions v ON v.id = s.version_id
             WHERE s.session_id = ?1 AND v.adopted_at IS NOT NULL ORDER BY v.number",
        )?;
        rows(&mut stmt, params![session_id.as_str()], |r| r.get(0))
    }

    pub fn insert_version(&self, v: &Version) -> Result<()> {
        self.conn.execute(
            "INSERT INTO outcome_versions (id, event_id, number, created_at, adopted_at, adopted_by)
             VALUES (?1, ?2, ?3, ?4, NULL, '')",
            params![v.id.as_str(), v.event_id.as_str(), v.number, time::to_db(v.created_at)],
        )?;
        Ok(())
    }

    /// Marks `version` adopted, keeps what its generated sections show with it, and records
    /// who adopted it, and when, in the audit trail.
    pub fn adopt(&self, version: &Version, adoption: &Adoption, generated: &Generated) -> Result<()> {
        let generated = serde_json::to_string(generated)
            .map_err(|e| Error::internal(format!("cannot write the outcome's figures: {e}")))?;
        audited(self.conn, || {
            let n = self.conn.execute(
                "UPDATE outcome_versions SET adopted_at = ?2, adopted_by = ?3, generated = ?4
                 WHERE id = ?1 AND adopted_at IS NULL",
                params![version.id.as_str(), time::to_db(adoption.at), adoption.by, generated],
            )?;
            if n != 1 {
                return Err(Error::conflict(Some("version"), Reason::InvalidValue, "the version is already adopted"));
            }
            let adopted = Version { adopted: Some(adoption.clone()), ..version.clone() };
            let change = Change {
                at: adoption.at,
                entity: AuditEntity::Outcome,
                entity_id: &version.id,
                event_id: &version.event_id,
                action: AuditAction::Adopt,
                before: Some(snapshot(version)?),
                after: Some(snapshot(&adopted)?),
            };
            audit::record(self.conn, self.actor, &change)
        })
    }

    /// What an adopted version's generated sections showed when it was adopted; `None` for a
    /// draft and for a version adopted before they were kept.
    pub fn generated(&self, version_id: &Id) -> Result<Option<Generated>> {
        let json: Option<Option<String>> = self
            .conn
            .query_row("SELECT generated FROM outcome_versions WHERE id = ?1", params![version_id.as_str()], |r| {
                r.get(0)
            })
            .optional()?;
        json.flatten()
            .map(|json| {
                serde_json::from_str(&json)
                    .map_err(|e| Error::storage(format!("the figures kept with an outcome version are damaged: {e}")))
            })
            .transpose()
    }

    /// A version's sections in order, with their linked sessions.
    pub fn sections(&self, version_id: &Id) -> Result<Vec<Section>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, kind, title_en, title_ar, body_en, body_ar, updated_en, updated_ar, actor_en, actor_ar,
                    speaker_id
             FROM outcome_sections WHERE version_id = ?1 ORDER BY position",
        )?;
        let raw = rows(&mut stmt, params![version_id.as_str()], |r| {
            let when = |i| -> Result<Option<chrono::DateTime<chrono::Utc>>> {
                let text: Option<String> = r.get(i)?;
                text.map(|_| time_col(r, i)).transpose()
            };
            Ok((
                id_col(r, 0)?,
                r.get::<_, String>(1)?,
                bilingual(r, 2)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                when(6)?,
                when(7)?,
                bilingual(r, 8)?,
                opt_id_col(r, 10)?,
            ))
        })?;
        let mut links = self.conn.prepare_cached(
            "SELECT session_id FROM outcome_section_sessions WHERE version_id = ?1 AND section_key = ?2 ORDER BY position",
        )?;
        let mut sections = Vec::with_capacity(raw.len());
        for (key, kind, title, body_en, body_ar, updated_en, updated_ar, actor, speaker_id) in raw {
            let stored = |e: Error| Error::storage(format!("a stored outcome section is damaged: {}", e.message));
            let session_ids = rows(&mut links, params![version_id.as_str(), key.as_str()], |r| id_col(r, 0))?;
            sections.push(Section {
                kind: SectionKind::parse("kind", &kind).map_err(stored)?,
                title,
                body_en: RichText::from_json("bodyEn", &body_en).map_err(stored)?,
                body_ar: RichText::from_json("bodyAr", &body_ar).map_err(stored)?,
                updated_en,
                updated_ar,
                actor,
                speaker_id,
                session_ids,
                key,
            });
        }
        Ok(sections)
    }

    /// Writes `sections`, in this order, as the whole content of a draft version.
    pub fn replace_sections(&self, version_id: &Id, sections: &[Section]) -> Result<()> {
        let adopted: Option<Option<String>> = self
            .conn
            .query_row("SELECT adopted_at FROM outcome_versions WHERE id = ?1", params![version_id.as_str()], |r| {
                r.get(0)
            })
            .optional()?;
        match adopted {
            None => return Err(Error::not_found("version", "outcome version", version_id.as_str())),
            Some(Some(_)) => {
                return Err(Error::conflict(
                    Some("version"),
                    Reason::InvalidValue,
                    "an adopted version cannot be changed",
                ))
            }
            Some(None) => {}
        }
        self.conn.execute("DELETE FROM outcome_sections WHERE version_id = ?1", params![version_id.as_str()])?;
        let mut insert = self.conn.prepare_cached(
            "INSERT INTO outcome_sections (version_id, key, position, kind, title_en, title_ar, body_en, body_ar,
                 updated_en, updated_ar, actor_en, actor_ar, speaker_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        let mut link = self.conn.prepare_cached(
            "INSERT INTO outcome_section_sessions (version_id, section_key, position, session_id) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (i, s) in sections.iter().enumerate() {
            insert.execute(params![
                version_id.as_str(),
                s.key.as_str(),
                i as i64 + 1,
                s.kind.as_str(),
                s.title.en,
                s.title.ar,
                s.body_en.to_json(),
                s.body_ar.to_json(),
                // Which language was written last decides the "older" mark: a translation
                // edited within a second of the original must still count as newer.
                s.updated_en.map(time::to_db_millis),
                s.updated_ar.map(time::to_db_millis),
                s.actor.en,
                s.actor.ar,
                s.speaker_id.as_ref().map(Id::as_str),
            ])?;
            for (j, session) in s.session_ids.iter().enumerate() {
                link.execute(params![version_id.as_str(), s.key.as_str(), j as i64 + 1, session.as_str()])?;
            }
        }
        Ok(())
    }

    /// Finds a section key of the event's document by its first 8 or more characters.
    pub fn resolve_section(&self, event_id: &Id, field: &str, value: &str) -> Result<Id> {
        let prefix = IdPrefix::parse(field, value)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT s.key FROM outcome_sections s JOIN outcome_versions v ON v.id = s.version_id
             WHERE v.event_id = ?1 AND s.key >= ?2 AND s.key < ?2 || '~' LIMIT 2",
        )?;
        let keys = rows(&mut stmt, params![event_id.as_str(), prefix.as_str()], |r| id_col(r, 0))?;
        match keys.as_slice() {
            [key] => Ok(key.clone()),
            [] => Err(Error::not_found(field, "outcome section", value)),
            _ => Err(Error::invalid(field, Reason::AmbiguousId, format!("{value:?} matches several sections"))),
        }
    }
}
