//! The check-in desks' SQL: on the event's database, the scans desks sent (`Desks`); on the
//! desk's own computer, its copy of who may come in and its queue of scans (`DeskFile`), a
//! small SQLite file beside the app's own that outlives a crash or a power cut.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::db::{params, Db, Optional, Row};
use super::{about, bilingual, id_col, opt_id_col, rows, time_col, word_col};
use crate::bilingual::Bilingual;
use crate::desk::model::{DeskInfo, DeskPerson, OtherScan, QueuedScan, Refusal, Scan, ScanOutcome, ScanResult};
use crate::error::{Error, Result};
use crate::id::Id;
use crate::participants::model::ParticipantStatus;
use crate::time;

/// The scans desks sent to the event's database.
pub struct Desks<'c> {
    conn: &'c Db,
}

const SCAN_RESULT: &str = "SELECT id, outcome, participant_id, reason, other_desk, other_at FROM desk_scans";

impl<'c> Desks<'c> {
    pub(super) fn new(conn: &'c Db) -> Desks<'c> {
        Desks { conn }
    }

    /// What was made of the scan with this id, if it was received.
    pub fn result(&self, scan_id: &Id) -> Result<Option<ScanResult>> {
        self.conn
            .prepare_cached(&format!("{SCAN_RESULT} WHERE id = ?1"))?
            .query_row(params![scan_id.as_str()], scan_result)
            .optional()
    }

    /// The scan that checked this person in (the first by time), if a desk's scan did.
    pub fn standing(&self, participant_id: &Id) -> Result<Option<(Id, OtherScan)>> {
        self.conn
            .prepare_cached(
                "SELECT id, desk, scanned_at FROM desk_scans
                 WHERE participant_id = ?1 AND outcome = 'checked_in' ORDER BY scanned_at LIMIT 1",
            )?
            .query_row(params![participant_id.as_str()], |r| {
                Ok((id_col(r, 0)?, OtherScan { desk: r.get(1)?, at: time_col(r, 2)? }))
            })
            .optional()
    }

    /// Records a scan and what was made of it.
    pub fn record(&self, scan: &Scan, result: &ScanResult, received_at: DateTime<Utc>) -> Result<()> {
        let other_at = result.other.as_ref().map(|o| time::to_db_millis(o.at));
        self.conn.execute(
            "INSERT INTO desk_scans (id, event_id, participant_id, code, desk, login, scanned_at, received_at,
                                     outcome, reason, other_desk, other_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                scan.id.as_str(),
                scan.event_id.as_str(),
                result.participant_id.as_ref().map(Id::as_str),
                scan.code,
                scan.desk,
                scan.login,
                time::to_db_millis(scan.scanned_at),
                time::to_db_millis(received_at),
                result.outcome.as_str(),
                refusal_text(result),
                result.other.as_ref().map(|o| o.desk.as_str()),
                other_at,
            ],
        )?;
        Ok(())
    }

    /// A scan that stood until an earlier one of the same person arrived: it no longer does.
    pub fn displace(&self, scan_id: &Id, by: &OtherScan) -> Result<()> {
        self.conn.execute(
            "UPDATE desk_scans SET outcome = 'also_scanned', other_desk = ?2, other_at = ?3
             WHERE id = ?1 AND outcome = 'checked_in'",
            params![scan_id.as_str(), by.desk, time::to_db_millis(by.at)],
        )?;
        Ok(())
    }

    /// What was made of each of these scans (those received), by id.
    pub fn results(&self, event_id: &Id, desk: &str) -> Result<Vec<ScanResult>> {
        let mut stmt = self.conn.prepare_cached(&format!("{SCAN_RESULT} WHERE event_id = ?1 AND desk = ?2"))?;
        rows(&mut stmt, params![event_id.as_str(), desk], scan_result)
    }

    /// Everyone of the event, as a desk's copy holds them, in badge-code order (erased
    /// people left out: there is no one to show).
    pub fn people(&self, event_id: &Id) -> Result<Vec<DeskPerson>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.badge_code, p.honorific, p.name_en, p.name_ar, p.status, c.name_en, c.name_ar,
                    coalesce(d.name_en, ''), coalesce(d.name_ar, '')
             FROM participants p JOIN categories c ON c.id = p.category_id
             LEFT JOIN delegations d ON d.id = p.delegation_id
             WHERE p.event_id = ?1 AND (p.name_en <> '' OR p.name_ar <> '') ORDER BY p.badge_code",
        )?;
        rows(&mut stmt, params![event_id.as_str()], |r| {
            Ok(DeskPerson {
                participant_id: id_col(r, 0)?,
                badge_code: r.get(1)?,
                honorific: r.get(2)?,
                name: bilingual(r, 3)?,
                status: word_col(r, 5, ParticipantStatus::parse)?,
                category: bilingual(r, 6)?,
                delegation: bilingual(r, 8)?,
                photo: None,
            })
        })
    }
}

fn refusal_text(result: &ScanResult) -> String {
    match result.refusal {
        Some(refusal) => format!("{}: {}", refusal.as_str(), result.reason),
        None => result.reason.clone(),
    }
}

fn scan_result(r: &Row<'_>) -> Result<ScanResult> {
    let stored: String = r.get(3)?;
    let (refusal, reason) = match stored.split_once(": ") {
        Some((word, rest)) if Refusal::parse("stored", word).is_ok() => {
            (Refusal::parse("stored", word).ok(), rest.to_owned())
        }
        _ => (None, stored),
    };
    let other = match r.get::<_, Option<String>>(4)? {
        Some(desk) => Some(OtherScan { desk, at: time_col(r, 5)? }),
        None => None,
    };
    Ok(ScanResult {
        scan_id: id_col(r, 0)?,
        outcome: word_col(r, 1, ScanOutcome::parse)?,
        participant_id: opt_id_col(r, 2)?,
        reason,
        refusal,
        other,
    })
}

/// A desk's own file: its copy of the event's people, what the copy is of, and its queue.
pub struct DeskFile {
    conn: Connection,
    path: PathBuf,
}

const DESK_SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
    CREATE TABLE IF NOT EXISTS people (
        badge_code     TEXT PRIMARY KEY,
        participant_id TEXT NOT NULL,
        honorific      TEXT NOT NULL,
        name_en        TEXT NOT NULL,
        name_ar        TEXT NOT NULL,
        status         TEXT NOT NULL,
        category_en    TEXT NOT NULL,
        category_ar    TEXT NOT NULL,
        delegation_en  TEXT NOT NULL,
        delegation_ar  TEXT NOT NULL,
        photo          BLOB
    ) STRICT;
    CREATE TABLE IF NOT EXISTS queue (
        seq            INTEGER PRIMARY KEY,
        id             TEXT NOT NULL UNIQUE,
        event_id       TEXT NOT NULL,
        code           TEXT NOT NULL,
        participant_id TEXT NOT NULL,
        name_en        TEXT NOT NULL,
        name_ar        TEXT NOT NULL,
        desk           TEXT NOT NULL,
        login          TEXT NOT NULL,
        scanned_at     TEXT NOT NULL,
        outcome        TEXT,
        reason         TEXT,
        refusal        TEXT,
        other_desk     TEXT,
        other_at       TEXT
    ) STRICT;
    CREATE INDEX IF NOT EXISTS people_participant ON people (participant_id);
    CREATE INDEX IF NOT EXISTS queue_participant ON queue (participant_id);
    CREATE INDEX IF NOT EXISTS queue_waiting ON queue (seq) WHERE outcome IS NULL;
";

const QUEUED: &str = "SELECT seq, id, code, participant_id, name_en, name_ar, desk, scanned_at, outcome, reason, \
     refusal, other_desk, other_at, event_id, login FROM queue";

impl DeskFile {
    /// Opens (creating if needed) a desk's file. Every change is on disk before the call
    /// returns: a desk that loses power keeps what it said it queued.
    pub fn open(path: &Path) -> Result<DeskFile> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::storage(format!("cannot create the folder {}: {e}", dir.display())))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| about(path, e))?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(|e| about(path, e))?;
        let _: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(|e| about(path, e))?;
        conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;").map_err(|e| about(path, e))?;
        conn.execute_batch(DESK_SCHEMA).map_err(|e| about(path, e))?;
        Ok(DeskFile { conn, path: path.to_owned() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one IMMEDIATE transaction of the desk's file.
    pub fn write<T>(&mut self, f: impl FnOnce(&DeskTx<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| about(&self.path, e))?;
        let out = f(&DeskTx { conn: &tx })?;
        tx.commit().map_err(|e| about(&self.path, e))?;
        Ok(out)
    }

    /// The same accessors, outside a transaction, for reading.
    pub fn reader(&self) -> DeskTx<'_> {
        DeskTx { conn: &self.conn }
    }
}

/// A desk file's connection, inside `DeskFile::write` or for reading.
pub struct DeskTx<'c> {
    conn: &'c Connection,
}

impl DeskTx<'_> {
    /// What the copy is of (none before the desk was prepared).
    pub fn info(&self) -> Result<Option<DeskInfo>> {
        let get = |key: &str| -> Result<Option<String>> {
            Ok(self.conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
        };
        let Some(event_id) = get("event_id")? else { return Ok(None) };
        let when = |value: Option<String>| value.map(|v| time::from_db(&v)).transpose();
        // Kept with the copy: counting 100,000 rows at every scan would cost more than the scan.
        let people = get("people")?.and_then(|n| n.parse().ok()).unwrap_or(0);
        Ok(Some(DeskInfo {
            event_id: Id::from_db(event_id),
            event_title: Bilingual::new(get("title_en")?.unwrap_or_default(), get("title_ar")?.unwrap_or_default()),
            timezone: get("timezone")?.unwrap_or_else(|| "UTC".to_owned()),
            desk: get("desk")?.unwrap_or_default(),
            login: get("login")?.unwrap_or_default(),
            server: get("server")?.unwrap_or_default(),
            refreshed_at: when(get("refreshed_at")?)?,
            offline_since: when(get("offline_since")?)?,
            people,
        }))
    }

    /// Records what the copy is of (the people themselves come with `replace_people`).
    pub fn set_info(&self, info: &DeskInfo) -> Result<()> {
        let values = [
            ("event_id", Some(info.event_id.as_str().to_owned())),
            ("title_en", Some(info.event_title.en.clone())),
            ("title_ar", Some(info.event_title.ar.clone())),
            ("timezone", Some(info.timezone.clone())),
            ("desk", Some(info.desk.clone())),
            ("login", Some(info.login.clone())),
            ("server", Some(info.server.clone())),
            ("refreshed_at", info.refreshed_at.map(time::to_db_millis)),
            ("offline_since", info.offline_since.map(time::to_db_millis)),
            ("people", Some(info.people.to_string())),
        ];
        for (key, value) in values {
            match value {
                Some(v) => self.conn.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [key, &v],
                )?,
                None => self.conn.execute("DELETE FROM meta WHERE key = ?1", [key])?,
            };
        }
        Ok(())
    }

    /// Since when the desk has not reached the server; `None` once it does again.
    pub fn set_offline_since(&self, since: Option<DateTime<Utc>>) -> Result<()> {
        match since {
            // The first failure is when it went offline: later ones do not move it.
            Some(at) => self.conn.execute(
                "INSERT INTO meta (key, value) VALUES ('offline_since', ?1) ON CONFLICT (key) DO NOTHING",
                [time::to_db_millis(at)],
            )?,
            None => self.conn.execute("DELETE FROM meta WHERE key = 'offline_since'", [])?,
        };
        Ok(())
    }

    /// Replaces the copy's people with `people`; those whose scan here still waits to be sent
    /// stay checked in, as the desk left them (the server does not know it yet).
    pub fn replace_people(&self, people: &[DeskPerson]) -> Result<()> {
        self.conn.execute("DELETE FROM people", [])?;
        let mut insert = self.conn.prepare_cached(
            "INSERT INTO people (badge_code, participant_id, honorific, name_en, name_ar, status, category_en,
                                 category_ar, delegation_en, delegation_ar, photo)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for p in people {
            insert.execute(rusqlite::params![
                p.badge_code,
                p.participant_id.as_str(),
                p.honorific,
                p.name.en,
                p.name.ar,
                p.status.as_str(),
                p.category.en,
                p.category.ar,
                p.delegation.en,
                p.delegation.ar,
                p.photo,
            ])?;
        }
        self.conn.execute(
            "UPDATE people SET status = 'checked_in'
             WHERE participant_id IN (SELECT participant_id FROM queue WHERE outcome IS NULL)",
            [],
        )?;
        Ok(())
    }

    /// The person with this badge code (as normalised), from the copy.
    pub fn person(&self, code: &str) -> Result<Option<DeskPerson>> {
        self.conn
            .prepare_cached(
                "SELECT participant_id, badge_code, honorific, name_en, name_ar, status, category_en, category_ar,
                        delegation_en, delegation_ar, photo FROM people WHERE badge_code = ?1",
            )?
            .query_row([code], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    Bilingual::new(r.get::<_, String>(3)?, r.get::<_, String>(4)?),
                    r.get::<_, String>(5)?,
                    Bilingual::new(r.get::<_, String>(6)?, r.get::<_, String>(7)?),
                    Bilingual::new(r.get::<_, String>(8)?, r.get::<_, String>(9)?),
                    r.get::<_, Option<Vec<u8>>>(10)?,
                ))
            })
            .optional()?
            .map(|(id, badge_code, honorific, name, status, category, delegation, photo)| {
                Ok::<_, Error>(DeskPerson {
                    participant_id: Id::from_db(id),
                    badge_code,
                    honorific,
                    name,
                    status: ParticipantStatus::parse("stored", &status)?,
                    category,
                    delegation,
                    photo,
                })
            })
            .transpose()
    }

    /// Marks a person checked in in the copy (after queueing their scan).
    pub fn set_status(&self, participant_id: &Id, status: ParticipantStatus) -> Result<()> {
        self.conn.execute(
            "UPDATE people SET status = ?2 WHERE participant_id = ?1",
            [participant_id.as_str(), status.as_str()],
        )?;
        Ok(())
    }

    /// Adds a scan to the end of the queue.
    pub fn enqueue(&self, scan: &Scan, participant_id: &Id, name: &Bilingual) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO queue (id, event_id, code, participant_id, name_en, name_ar, desk, login, scanned_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            rusqlite::params![
                scan.id.as_str(),
                scan.event_id.as_str(),
                scan.code,
                participant_id.as_str(),
                name.en,
                name.ar,
                scan.desk,
                scan.login,
                time::to_db_millis(scan.scanned_at),
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// This person's scan waiting in the queue, if there is one.
    pub fn queued_for(&self, participant_id: &Id) -> Result<Option<QueuedScan>> {
        self.conn
            .prepare_cached(&format!("{QUEUED} WHERE participant_id = ?1 AND outcome IS NULL ORDER BY seq LIMIT 1"))?
            .query_row([participant_id.as_str()], queued)
            .optional()?
            .transpose()
    }

    /// The oldest scan not yet sent, and the login it was made under.
    pub fn next_waiting(&self) -> Result<Option<(Scan, QueuedScan)>> {
        let found = self
            .conn
            .prepare_cached(&format!("{QUEUED} WHERE outcome IS NULL ORDER BY seq LIMIT 1"))?
            .query_row([], |r| Ok((r.get::<_, String>(13)?, r.get::<_, String>(14)?, queued_at(r, 0))))
            .optional()?;
        let Some((event_id, login, item)) = found else { return Ok(None) };
        let item = item?;
        let scan = Scan {
            id: item.scan_id.clone(),
            event_id: Id::from_db(event_id),
            code: item.code.clone(),
            desk: item.desk.clone(),
            login,
            scanned_at: item.scanned_at,
        };
        Ok(Some((scan, item)))
    }

    /// Stores the server's answer for a scan (sent, or learnt again later).
    pub fn set_result(&self, result: &ScanResult) -> Result<()> {
        self.conn.execute(
            "UPDATE queue SET outcome = ?2, reason = ?3, refusal = ?4, other_desk = ?5, other_at = ?6 WHERE id = ?1",
            rusqlite::params![
                result.scan_id.as_str(),
                result.outcome.as_str(),
                result.reason,
                result.refusal.map(|r| r.as_str()),
                result.other.as_ref().map(|o| o.desk.as_str()),
                result.other.as_ref().map(|o| time::to_db_millis(o.at)),
            ],
        )?;
        Ok(())
    }

    /// How many scans wait to be sent, and how many were sent.
    pub fn counts(&self) -> Result<(u32, u32)> {
        Ok(self.conn.query_row(
            "SELECT count(*) FILTER (WHERE outcome IS NULL), count(*) FILTER (WHERE outcome IS NOT NULL) FROM queue",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// Sent scans the server did not check in as they were: for staff to follow up.
    pub fn conflicts(&self) -> Result<Vec<QueuedScan>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{QUEUED} WHERE outcome IS NOT NULL AND outcome <> 'checked_in' ORDER BY seq"))?;
        let found = stmt.query_map([], queued)?.collect::<rusqlite::Result<Vec<_>>>()?;
        found.into_iter().collect()
    }

    /// Whether anything in the queue is for another event than `event_id`, still unsent.
    pub fn waiting_for_other_event(&self, event_id: &Id) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM queue WHERE outcome IS NULL AND event_id <> ?1)",
            [event_id.as_str()],
            |r| r.get(0),
        )?)
    }

    /// Forgets the queue of an event the desk no longer serves (everything in it was sent).
    pub fn clear_sent(&self) -> Result<()> {
        self.conn.execute("DELETE FROM queue WHERE outcome IS NOT NULL", [])?;
        Ok(())
    }
}

fn queued(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<QueuedScan>> {
    Ok(queued_at(r, 0))
}

/// A queue row whose columns start at `base` (in `QUEUED`'s order); the outer error is
/// SQLite's, the inner one a stored value that does not read back.
fn queued_at(r: &rusqlite::Row<'_>, base: usize) -> Result<QueuedScan> {
    let text = |i: usize| -> Result<String> { Ok(r.get::<_, String>(base + i)?) };
    let maybe = |i: usize| -> Result<Option<String>> { Ok(r.get::<_, Option<String>>(base + i)?) };
    let result = match maybe(8)? {
        None => None,
        Some(outcome) => Some(ScanResult {
            scan_id: Id::from_db(text(1)?),
            outcome: ScanOutcome::parse("stored", &outcome)?,
            participant_id: Some(Id::from_db(text(3)?)),
            reason: maybe(9)?.unwrap_or_default(),
            refusal: maybe(10)?.map(|w| Refusal::parse("stored", &w)).transpose()?,
            other: match (maybe(11)?, maybe(12)?) {
                (Some(desk), Some(at)) => Some(OtherScan { desk, at: time::from_db(&at)? }),
                _ => None,
            },
        }),
    };
    Ok(QueuedScan {
        seq: r.get(base)?,
        scan_id: Id::from_db(text(1)?),
        code: text(2)?,
        participant_id: Id::from_db(text(3)?),
        name: Bilingual::new(text(4)?, text(5)?),
        desk: text(6)?,
        scanned_at: time::from_db(&text(7)?)?,
        result,
    })
}
