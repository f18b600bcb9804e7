//! The audit trail's table. Entries are written only from inside this module's siblings (the
//! participants and pledges accessors), in the transaction of the change they describe.

use super::db::{params, Db, Param, Row};

use super::{id_col, rows, time_col, word_col};
use crate::audit::model::{self as audit, Actor, AuditAction, AuditEntity, AuditEntry, Change};
use crate::error::Result;
use crate::id::Id;
use crate::time;

/// An entry with the JSON it recorded before and after the change (`None` once redacted).
pub type RecordedEntry = (AuditEntry, Option<String>, Option<String>);

pub struct Audit<'c> {
    conn: &'c Db,
}

const SELECT: &str = "SELECT id, at, actor, entity, entity_id, event_id, action, before, after FROM audit_log";

impl<'c> Audit<'c> {
    pub(super) fn new(conn: &'c Db) -> Audit<'c> {
        Audit { conn }
    }

    /// The newest `limit` entries of an event's records.
    pub fn for_event(&self, event_id: &Id, limit: u32) -> Result<Vec<AuditEntry>> {
        let sql = format!("{SELECT} WHERE event_id = ?1 ORDER BY id DESC LIMIT ?2");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        rows(&mut stmt, params![event_id.as_str(), limit], row_to_entry)
    }

    /// The newest `limit` entries about one record. A person registered by an import has the
    /// import's one entry as their first.
    pub fn for_record(&self, entity: AuditEntity, id: &Id, limit: u32) -> Result<Vec<AuditEntry>> {
        let sql = format!("{} ORDER BY id DESC LIMIT ?3", about(entity));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        rows(&mut stmt, params![entity.as_str(), id.as_str(), limit], row_to_entry)
    }

    /// Every entry about one record, oldest first, with the content it recorded (JSON text,
    /// `None` once redacted): for a person's "export my data". A person registered by an
    /// import has the import's entry first (its content is about the file, not the person).
    pub fn contents_for(&self, entity: AuditEntity, id: &Id) -> Result<Vec<RecordedEntry>> {
        let sql = format!("{} ORDER BY id", about(entity));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        rows(&mut stmt, params![entity.as_str(), id.as_str()], |r| Ok((row_to_entry(r)?, r.get(7)?, r.get(8)?)))
    }
}

/// The entries about one record (`?1` its entity, `?2` its id), with, for a participant, the
/// entry of the import that registered them.
fn about(entity: AuditEntity) -> String {
    let own = format!("{SELECT} WHERE entity = ?1 AND entity_id = ?2");
    match entity {
        AuditEntity::Participant => format!(
            "{own} UNION ALL {SELECT} WHERE entity = 'import' AND entity_id = \
             (SELECT import_id FROM participants WHERE id = ?2)"
        ),
        _ => own,
    }
}

/// Appends an entry. Callers are inside the change's own transaction or savepoint.
pub(super) fn record(conn: &Db, actor: &Actor, change: &Change<'_>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO audit_log (at, actor, entity, entity_id, event_id, action, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    with_values(actor, change, |values| stmt.execute(values).map(|_| ()))
}

/// An entry's values, in the column order of `record`.
fn with_values<T>(actor: &Actor, change: &Change<'_>, f: impl FnOnce(&[&dyn Param]) -> Result<T>) -> Result<T> {
    f(params![
        time::to_db(change.at),
        actor.as_str(),
        change.entity.as_str(),
        change.entity_id.as_str(),
        change.event_id.as_str(),
        change.action.as_str(),
        change.before,
        change.after,
    ])
}

/// Empties the recorded content of every entry about a record (when a person is erased): who
/// changed it and when stays, what it contained goes.
pub(super) fn redact(conn: &Db, entity: AuditEntity, id: &Id) -> Result<()> {
    conn.execute(
        "UPDATE audit_log SET before = NULL, after = NULL WHERE entity = ?1 AND entity_id = ?2",
        params![entity.as_str(), id.as_str()],
    )?;
    Ok(())
}

fn row_to_entry(r: &Row<'_>) -> Result<AuditEntry> {
    let entity = word_col(r, 3, AuditEntity::parse)?;
    let action = word_col(r, 6, AuditAction::parse)?;
    let before: Option<String> = r.get(7)?;
    let after: Option<String> = r.get(8)?;
    Ok(AuditEntry {
        id: r.get(0)?,
        at: time_col(r, 1)?,
        actor: r.get(2)?,
        entity,
        entity_id: id_col(r, 4)?,
        event_id: id_col(r, 5)?,
        action,
        label: audit::label(entity, after.as_deref().or(before.as_deref())),
        redacted: before.is_none() && after.is_none(),
        status_to: audit::status_to(before.as_deref(), after.as_deref()),
    })
}
