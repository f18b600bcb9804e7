//! Delegations of an event; a participant's delegation is a column of `participants`.

use super::db::{params, Db, DbError, Row};

use super::{bilingual, found, id_col, opt_id_col, resolve, resolve_in, rows, time_col};
use crate::audit::model::{Actor, AuditEntity};
use crate::error::Result;
use crate::id::Id;
use crate::participants::model::Delegation;
use crate::time;

pub struct Delegations<'c> {
    conn: &'c Db,
    actor: &'c Actor,
}

const SELECT: &str = "SELECT d.id, d.event_id, d.name_en, d.name_ar, d.country, d.head_id, d.created_at, \
     (SELECT count(*) FROM participants p WHERE p.delegation_id = d.id), d.version FROM delegations d";

impl<'c> Delegations<'c> {
    pub(super) fn new(conn: &'c Db, actor: &'c Actor) -> Delegations<'c> {
        Delegations { conn, actor }
    }

    pub fn resolve(&self, field: &str, value: &str) -> Result<Id> {
        resolve(self.conn, "delegations", "delegation", field, value)
    }

    /// Resolves an id (or 8+ of its first characters) that must name a delegation of
    /// `event_id`: what another area (pledges) uses to link its records to a delegation.
    pub fn resolve_in(&self, event_id: &Id, field: &str, value: &str) -> Result<Id> {
        resolve_in(self.conn, "delegations", "delegation", field, value, event_id)
    }

    pub fn insert(&self, d: &Delegation) -> Result<()> {
        self.conn.execute(
            "INSERT INTO delegations (id, event_id, name_en, name_ar, country, head_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                d.id.as_str(),
                d.event_id.as_str(),
                d.name.en,
                d.name.ar,
                d.country,
                d.head.as_ref().map(Id::as_str),
                time::to_db(d.created_at),
            ],
        )?;
        Ok(())
    }

    /// Replaces the name, country and head of a delegation (same id).
    /// Refuses a save made from `version` of `d` when `d` has been changed since.
    pub fn expect_version(&self, d: &Delegation, version: Option<u32>) -> Result<()> {
        super::expect_version(self.conn, "delegation", Some(AuditEntity::Delegation), &d.id, d.version, version)
    }

    /// Writes `after` over the delegation read as `before` in this transaction, while it is
    /// still at `before`'s version.
    pub fn update(&self, before: &Delegation, after: &Delegation, at: chrono::DateTime<chrono::Utc>) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE delegations SET name_en = ?2, name_ar = ?3, country = ?4, head_id = ?5, version = version + 1
             WHERE id = ?1 AND version = ?6",
            params![
                after.id.as_str(),
                after.name.en,
                after.name.ar,
                after.country,
                after.head.as_ref().map(Id::as_str),
                before.version
            ],
        )?;
        super::guarded(self.conn, changed, "delegation", Some(AuditEntity::Delegation), &after.id)?;
        let after = Delegation { version: before.version + 1, ..after.clone() };
        super::record_update(
            self.conn,
            self.actor,
            AuditEntity::Delegation,
            (before, &after),
            (&after.id, &after.event_id),
            at,
        )?;
        Ok(())
    }

    pub fn delete(&self, id: &Id) -> Result<()> {
        let changed = self.conn.execute("DELETE FROM delegations WHERE id = ?1", params![id.as_str()])?;
        found(if changed == 1 { Ok(()) } else { Err(DbError::NoRows) }, "id", "delegation", id)
    }

    /// How many pledges name the delegation as the one that announced them.
    pub fn pledges(&self, id: &Id) -> Result<u32> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM pledges WHERE delegation_id = ?1", params![id.as_str()], |r| r.get(0))?)
    }

    pub fn get(&self, id: &Id) -> Result<Delegation> {
        let sql = format!("{SELECT} WHERE d.id = ?1");
        found(self.conn.query_row(&sql, params![id.as_str()], row_to_delegation), "id", "delegation", id)
    }

    /// The event's delegations by English name, then Arabic.
    pub fn list(&self, event_id: &Id) -> Result<Vec<Delegation>> {
        let sql = format!("{SELECT} WHERE d.event_id = ?1 ORDER BY d.name_en, d.name_ar, d.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        rows(&mut stmt, params![event_id.as_str()], row_to_delegation)
    }
}

fn row_to_delegation(r: &Row<'_>) -> Result<Delegation> {
    Ok(Delegation {
        id: id_col(r, 0)?,
        event_id: id_col(r, 1)?,
        name: bilingual(r, 2)?,
        country: r.get(4)?,
        head: opt_id_col(r, 5)?,
        created_at: time_col(r, 6)?,
        members: r.get(7)?,
        version: r.get(8)?,
    })
}
