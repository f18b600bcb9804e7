//! Pledges and their yearly lines.

use std::collections::HashMap;

use rusqlite::{params, Connection};

use super::{audit, audited, id_col, opt_id_col, resolve, rows, time_col, word_col};
use crate::audit::{snapshot, Actor, AuditAction, AuditEntity, Change};
use crate::error::Result;
use crate::id::Id;
use crate::pledges::{Pledge, PledgeStatus, PledgeYear};
use crate::time;

pub struct Pledges<'c> {
    conn: &'c Connection,
    actor: &'c Actor,
}

impl<'c> Pledges<'c> {
    pub(super) fn new(conn: &'c Connection, actor: &'c Actor) -> Pledges<'c> {
        Pledges { conn, actor }
    }

    pub fn resolve(&self, field: &str, value: &str) -> Result<Id> {
        resolve(self.conn, "pledges", "pledge", field, value)
    }

    /// Records a pledge with its yearly lines and its audit entry.
    pub fn insert(&self, p: &Pledge) -> Result<()> {
        audited(self.conn, || {
            self.insert_rows(p)?;
            let change = Change {
                at: p.created_at,
                entity: AuditEntity::Pledge,
                entity_id: &p.id,
                event_id: &p.event_id,
                action: AuditAction::Create,
                before: None,
                after: Some(snapshot(p)?),
            };
            audit::record(self.conn, self.actor, &change)
        })
    }

    fn insert_rows(&self, p: &Pledge) -> Result<()> {
        self.conn.execute(
            "INSERT INTO pledges (id, event_id, donor, recipient, currency, status, session_id, speaker_id, notes, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                p.id.as_str(),
                p.event_id.as_str(),
                p.donor,
                p.recipient,
                p.currency,
                p.status.as_str(),
                p.session_id.as_ref().map(Id::as_str),
                p.speaker_id.as_ref().map(Id::as_str),
                p.notes,
                time::to_db(p.created_at),
            ],
        )?;
        let mut stmt =
            self.conn.prepare_cached("INSERT INTO pledge_years (pledge_id, year, amount_minor) VALUES (?1, ?2, ?3)")?;
        for y in &p.years {
            stmt.execute(params![p.id.as_str(), y.year, y.minor])?;
        }
        Ok(())
    }

    /// The event's pledges in the order they were recorded, each with its yearly lines.
    pub fn list(&self, event_id: &Id) -> Result<Vec<Pledge>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, event_id, donor, recipient, currency, status, session_id, speaker_id, notes, created_at
             FROM pledges WHERE event_id = ?1 ORDER BY created_at, id",
        )?;
        let mut pledges = rows(&mut stmt, [event_id.as_str()], |r| {
            Ok(Pledge {
                id: id_col(r, 0)?,
                event_id: id_col(r, 1)?,
                donor: r.get(2)?,
                recipient: r.get(3)?,
                currency: r.get(4)?,
                years: Vec::new(),
                status: word_col(r, 5, PledgeStatus::parse)?,
                session_id: opt_id_col(r, 6)?,
                speaker_id: opt_id_col(r, 7)?,
                notes: r.get(8)?,
                created_at: time_col(r, 9)?,
            })
        })?;
        let index: HashMap<String, usize> =
            pledges.iter().enumerate().map(|(i, p)| (p.id.as_str().to_owned(), i)).collect();
        let mut years = self.conn.prepare_cached(
            "SELECT y.pledge_id, y.year, y.amount_minor FROM pledge_years y
             JOIN pledges p ON p.id = y.pledge_id WHERE p.event_id = ?1 ORDER BY y.year",
        )?;
        let mut rows = years.query([event_id.as_str()])?;
        while let Some(row) = rows.next()? {
            let pledge_id: String = row.get(0)?;
            if let Some(&i) = index.get(&pledge_id) {
                pledges[i].years.push(PledgeYear { year: row.get(1)?, minor: row.get(2)? });
            }
        }
        Ok(pledges)
    }
}
