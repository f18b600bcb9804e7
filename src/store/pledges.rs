//! Pledges, their donors and their yearly lines. A pledge is written whole: `replace` rewrites
//! its donors and lines in the caller's transaction.

use std::collections::HashMap;

use super::db::{param_list, params, Db, DbError, Owned as Value, Row};

use super::{audit, audited, bilingual, found, id_col, opt_id_col, resolve, rows, time_col, word_col};
use crate::audit::model::{snapshot, Actor, AuditAction, AuditEntity, Change};
use crate::bilingual::Bilingual;
use crate::error::{Error, Result};
use crate::id::Id;
use crate::money::{Currency, UsdRate};
use crate::pledges::model::{Cancellation, EntryMode, Pledge, PledgeKind, PledgeLine, Rate};
use crate::time;

pub struct Pledges<'c> {
    conn: &'c Db,
    actor: &'c Actor,
}

/// The pledges row's columns, in the order of `row`.
const COLUMNS: &str = "id, event_id, recipient_en, purpose_en, purpose_ar, kind, in_kind, currency, usd_rate, rate_date, \
     rate_source, cancelled_on, cancel_reason, session_id, speaker_id, notes, created_at, entry_mode, delegation_id, version, \
     recipient_ar";

/// `?from, …, ?to`.
fn placeholders(from: usize, to: usize) -> String {
    (from..=to).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ")
}

/// The values of a pledge's row, in the order of `COLUMNS`.
fn row(p: &Pledge) -> Vec<Value> {
    let text = |s: &str| Value::Text(s.to_owned());
    let opt = |s: Option<String>| s.map_or(Value::Null, Value::Text);
    vec![
        text(p.id.as_str()),
        text(p.event_id.as_str()),
        text(&p.recipient.en),
        text(&p.purpose.en),
        text(&p.purpose.ar),
        text(p.kind.as_str()),
        text(&p.in_kind),
        text(p.currency.map(|c| c.code()).unwrap_or("")),
        opt(p.rate.as_ref().map(|r| r.rate.to_string())),
        opt(p.rate.as_ref().map(|r| r.date.to_string())),
        text(p.rate.as_ref().map(|r| r.source.as_str()).unwrap_or("")),
        opt(p.cancelled.as_ref().map(|c| c.on.to_string())),
        text(p.cancelled.as_ref().map(|c| c.reason.as_str()).unwrap_or("")),
        opt(p.session_id.as_ref().map(Id::to_string)),
        opt(p.speaker_id.as_ref().map(Id::to_string)),
        text(&p.notes),
        Value::Text(time::to_db(p.created_at)),
        opt(p.entry.map(|e| e.as_str().to_owned())),
        opt(p.delegation_id.as_ref().map(Id::to_string)),
        Value::from(i64::from(p.version)),
        text(&p.recipient.ar),
    ]
}

const SELECT: &str = "SELECT id, event_id, recipient_en, purpose_en, purpose_ar, kind, in_kind, currency, usd_rate, \
     rate_date, rate_source, cancelled_on, cancel_reason, session_id, speaker_id, notes, created_at, entry_mode, \
     delegation_id, version, recipient_ar FROM pledges";

impl<'c> Pledges<'c> {
    pub(super) fn new(conn: &'c Db, actor: &'c Actor) -> Pledges<'c> {
        Pledges { conn, actor }
    }

    pub fn resolve(&self, field: &str, value: &str) -> Result<Id> {
        resolve(self.conn, "pledges", "pledge", field, value)
    }

    /// Records a pledge with its donors, lines and audit entry.
    pub fn insert(&self, p: &Pledge) -> Result<()> {
        audited(self.conn, || {
            self.insert_rows(p)?;
            self.record(p, AuditAction::Create, None, Some(snapshot(&p.view())?), p.created_at)
        })
    }

    /// One entry of the trail: the pledge as it was and as it is (as the UI sees it).
    fn record(
        &self,
        p: &Pledge,
        action: AuditAction,
        before: Option<String>,
        after: Option<String>,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        let change =
            Change { at, entity: AuditEntity::Pledge, entity_id: &p.id, event_id: &p.event_id, action, before, after };
        audit::record(self.conn, self.actor, &change)
    }

    fn insert_rows(&self, p: &Pledge) -> Result<()> {
        let sql = format!("INSERT INTO pledges ({COLUMNS}) VALUES ({})", placeholders(1, 21));
        self.conn.prepare_cached(&sql)?.execute(&param_list(&row(p)))?;
        self.insert_parts(p)
    }

    fn insert_parts(&self, p: &Pledge) -> Result<()> {
        let mut donors = self.conn.prepare_cached(
            "INSERT INTO pledge_donors (pledge_id, position, name_en, name_ar) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (position, name) in p.donors.iter().enumerate() {
            donors.execute(params![p.id.as_str(), position as i64, name.en, name.ar])?;
        }
        let mut lines = self.conn.prepare_cached(
            "INSERT INTO pledge_years (pledge_id, year, amount_minor, committed_on, paid_minor, paid_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for l in &p.lines {
            lines.execute(params![
                p.id.as_str(),
                l.year,
                l.minor,
                l.committed_on.map(|d| d.to_string()),
                l.paid_minor,
                l.paid_on.map(|d| d.to_string()),
            ])?;
        }
        Ok(())
    }

    /// Refuses a save made from `version` of `p` when `p` has been changed since.
    pub fn expect_version(&self, p: &Pledge, version: Option<u32>) -> Result<()> {
        super::expect_version(self.conn, "pledge", Some(AuditEntity::Pledge), &p.id, p.version, version)
    }

    /// Rewrites a stored pledge (an edit or a stage change), read as `before` in this
    /// transaction, with its donors and lines, and records before and after; `at` is when the
    /// change was made. Written only while the stored version is still `before`'s; returns
    /// `after` with its new version.
    pub fn replace(&self, before: &Pledge, after: &Pledge, at: chrono::DateTime<chrono::Utc>) -> Result<Pledge> {
        let p = Pledge { version: before.version + 1, ..after.clone() };
        audited(self.conn, || {
            // Every column from `row` (the id and creation time unchanged), while the stored
            // version is still `before`'s.
            let sql =
                format!("UPDATE pledges SET ({COLUMNS}) = ({}) WHERE id = ?1 AND version = ?22", placeholders(1, 21));
            let mut values = row(&p);
            values.push(Value::from(i64::from(before.version)));
            let changed = self.conn.prepare_cached(&sql)?.execute(&param_list(&values))?;
            super::guarded(self.conn, changed, "pledge", Some(AuditEntity::Pledge), &p.id)?;
            self.conn
                .prepare_cached("DELETE FROM pledge_donors WHERE pledge_id = ?1")?
                .execute(params![p.id.as_str()])?;
            self.conn
                .prepare_cached("DELETE FROM pledge_years WHERE pledge_id = ?1")?
                .execute(params![p.id.as_str()])?;
            self.insert_parts(&p)?;
            self.record(&p, AuditAction::Update, Some(snapshot(&before.view())?), Some(snapshot(&p.view())?), at)
        })?;
        Ok(p)
    }

    pub fn delete(&self, id: &Id, at: chrono::DateTime<chrono::Utc>) -> Result<()> {
        audited(self.conn, || {
            let before = self.get(id)?;
            self.delete_rows(id)?;
            self.record(&before, AuditAction::Delete, Some(snapshot(&before.view())?), None, at)
        })
    }

    fn delete_rows(&self, id: &Id) -> Result<()> {
        let deleted = self.conn.execute("DELETE FROM pledges WHERE id = ?1", params![id.as_str()])?;
        found(if deleted == 1 { Ok(()) } else { Err(DbError::NoRows) }, "id", "pledge", id)
    }

    pub fn get(&self, id: &Id) -> Result<Pledge> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?;
        let pledges = self.complete(rows(&mut stmt, params![id.as_str()], row_to_pledge)?, "pledge_id = ?1", id)?;
        pledges.into_iter().next().ok_or_else(|| Error::not_found("id", "pledge", id.as_str()))
    }

    /// The event's pledges in the order they were recorded.
    pub fn list(&self, event_id: &Id) -> Result<Vec<Pledge>> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} WHERE event_id = ?1 ORDER BY created_at, id"))?;
        let pledges = rows(&mut stmt, params![event_id.as_str()], row_to_pledge)?;
        self.complete(pledges, "pledge_id IN (SELECT id FROM pledges WHERE event_id = ?1)", event_id)
    }

    /// Adds donors and lines to pledges read from `pledges`, selecting them by `filter`.
    fn complete(&self, mut pledges: Vec<Pledge>, filter: &str, key: &Id) -> Result<Vec<Pledge>> {
        let index: HashMap<String, usize> =
            pledges.iter().enumerate().map(|(i, p)| (p.id.as_str().to_owned(), i)).collect();
        let mut donors = self.conn.prepare_cached(&format!(
            "SELECT pledge_id, name_en, name_ar FROM pledge_donors WHERE {filter} ORDER BY position"
        ))?;
        for (pledge_id, name) in
            rows(&mut donors, params![key.as_str()], |r| Ok((r.get::<_, String>(0)?, bilingual(r, 1)?)))?
        {
            if let Some(&i) = index.get(&pledge_id) {
                pledges[i].donors.push(name);
            }
        }
        let mut lines = self.conn.prepare_cached(&format!(
            "SELECT pledge_id, year, amount_minor, committed_on, paid_minor, paid_on FROM pledge_years
             WHERE {filter} ORDER BY year"
        ))?;
        let date = |r: &Row<'_>, idx| -> Result<Option<chrono::NaiveDate>> {
            r.get::<_, Option<String>>(idx)?.map(|s| parse_stored(idx, time::parse_date("stored", &s))).transpose()
        };
        let read = rows(&mut lines, params![key.as_str()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                PledgeLine {
                    year: r.get(1)?,
                    minor: r.get(2)?,
                    committed_on: date(r, 3)?,
                    paid_minor: r.get(4)?,
                    paid_on: date(r, 5)?,
                },
            ))
        })?;
        for (pledge_id, line) in read {
            if let Some(&i) = index.get(&pledge_id) {
                pledges[i].lines.push(line);
            }
        }
        Ok(pledges)
    }
}

fn parse_stored<T>(idx: usize, value: Result<T>) -> Result<T> {
    value.map_err(|e| super::stored(idx, e))
}

/// Migration 18 gave donors and recipients an Arabic side: each name stored before it, in the
/// English column, goes to the side of its script (`Bilingual::from_one`).
pub(super) fn split_names_by_script(conn: &Db) -> Result<()> {
    let pledges: Vec<(String, String)> = {
        let mut stmt = conn.prepare("SELECT id, recipient_en FROM pledges")?;
        rows(&mut stmt, params![], |r| Ok((r.get(0)?, r.get(1)?)))?
    };
    let mut stmt = conn.prepare("UPDATE pledges SET recipient_en = ?2, recipient_ar = ?3 WHERE id = ?1")?;
    for (id, recipient) in pledges {
        let recipient = Bilingual::from_one(recipient);
        stmt.execute(params![id, recipient.en, recipient.ar])?;
    }
    super::split_listed_names_by_script(conn, "pledge_donors", "pledge_id")
}

/// Reads the pledge row; donors and lines are added by `complete`.
fn row_to_pledge(r: &Row<'_>) -> Result<Pledge> {
    let currency: String = r.get(7)?;
    let currency =
        if currency.is_empty() { None } else { Some(parse_stored(7, Currency::parse("stored", &currency))?) };
    let rate = match r.get::<_, Option<String>>(8)? {
        Some(rate) => Some(Rate {
            rate: parse_stored(8, UsdRate::parse("stored", &rate))?,
            date: parse_stored(9, time::parse_date("stored", &r.get::<_, String>(9)?))?,
            source: r.get(10)?,
        }),
        None => None,
    };
    let cancelled = match r.get::<_, Option<String>>(11)? {
        Some(on) => Some(Cancellation { on: parse_stored(11, time::parse_date("stored", &on))?, reason: r.get(12)? }),
        None => None,
    };
    Ok(Pledge {
        id: id_col(r, 0)?,
        event_id: id_col(r, 1)?,
        donors: Vec::new(),
        recipient: Bilingual::new(r.get::<_, String>(2)?, r.get::<_, String>(20)?),
        purpose: bilingual(r, 3)?,
        kind: word_col(r, 5, PledgeKind::parse)?,
        in_kind: r.get(6)?,
        currency,
        lines: Vec::new(),
        entry: match r.get::<_, Option<String>>(17)? {
            Some(mode) => Some(parse_stored(17, EntryMode::parse("stored", &mode))?),
            None => None,
        },
        rate,
        cancelled,
        session_id: opt_id_col(r, 13)?,
        speaker_id: opt_id_col(r, 14)?,
        delegation_id: opt_id_col(r, 18)?,
        notes: r.get(15)?,
        created_at: time_col(r, 16)?,
        version: r.get(19)?,
    })
}
