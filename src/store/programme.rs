//! Rooms, sessions, speakers and who does what in which session.

use super::db::{params, Db, DbError, Optional, Row};

use super::{bilingual, found, id_col, opt_id_col, resolve, resolve_in, rows, time_col, word_col};
use crate::audit::model::{Actor, AuditEntity};
use crate::error::Result;
use crate::id::Id;
use crate::programme::model::{
    Assignment, Availability, OpeningHours, Role, Room, Session, SessionKind, Signups, Speaker,
};
use crate::time;

pub struct Rooms<'c> {
    conn: &'c Db,
    actor: &'c Actor,
}

impl<'c> Rooms<'c> {
    pub(super) fn new(conn: &'c Db, actor: &'c Actor) -> Rooms<'c> {
        Rooms { conn, actor }
    }

    pub fn resolve(&self, field: &str, value: &str) -> Result<Id> {
        resolve(self.conn, "rooms", "room", field, value)
    }

    /// Resolves an id typed by someone that must name a room of `event_id`.
    pub fn resolve_in(&self, event_id: &Id, field: &str, value: &str) -> Result<Id> {
        resolve_in(self.conn, "rooms", "room", field, value, event_id)
    }

    pub fn insert(&self, r: &Room) -> Result<()> {
        let (opens, closes) = hours_cols(r.hours);
        self.conn.execute(
            &format!("INSERT INTO rooms ({ROOM_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
            params![
                r.id.as_str(),
                r.event_id.as_str(),
                r.name.en,
                r.name.ar,
                r.capacity,
                r.parallel,
                opens,
                closes,
                r.version
            ],
        )?;
        Ok(())
    }

    /// Refuses a save made from `version` of `r` when `r` has been changed since.
    pub fn expect_version(&self, r: &Room, version: Option<u32>) -> Result<()> {
        super::expect_version(self.conn, "room", Some(AuditEntity::Room), &r.id, r.version, version)
    }

    /// Writes a room's name, seats, overlap rule and hours over the room read as `before` in
    /// this transaction, while it is still at `before`'s version; its event stays.
    pub fn update(&self, before: &Room, after: &Room, at: chrono::DateTime<chrono::Utc>) -> Result<Room> {
        let r = Room { version: before.version + 1, ..after.clone() };
        let (opens, closes) = hours_cols(r.hours);
        let changed = self.conn.execute(
            "UPDATE rooms SET name_en = ?2, name_ar = ?3, capacity = ?4, parallel = ?5, opens = ?6, closes = ?7, \
             version = ?8 WHERE id = ?1 AND version = ?9",
            params![
                r.id.as_str(),
                r.name.en,
                r.name.ar,
                r.capacity,
                r.parallel,
                opens,
                closes,
                r.version,
                before.version
            ],
        )?;
        super::guarded(self.conn, changed, "room", Some(AuditEntity::Room), &r.id)?;
        super::record_update(self.conn, self.actor, AuditEntity::Room, (before, &r), (&r.id, &r.event_id), at)?;
        Ok(r)
    }

    pub fn get(&self, id: &Id) -> Result<Room> {
        let sql = format!("SELECT {ROOM_COLUMNS} FROM rooms WHERE id = ?1");
        found(self.conn.query_row(&sql, params![id.as_str()], row_to_room), "room", "room", id)
    }

    pub fn list(&self, event_id: &Id) -> Result<Vec<Room>> {
        let sql = format!("SELECT {ROOM_COLUMNS} FROM rooms WHERE event_id = ?1 ORDER BY name_en, name_ar, id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        rows(&mut stmt, params![event_id.as_str()], row_to_room)
    }

    /// How many sessions are in the room.
    pub fn sessions(&self, id: &Id) -> Result<u32> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM sessions WHERE room_id = ?1", params![id.as_str()], |r| r.get(0))?)
    }

    /// Deletes a room; the schema would leave its sessions without a room, so callers check
    /// that none are in it first.
    pub fn delete(&self, id: &Id) -> Result<()> {
        let changed = self.conn.execute("DELETE FROM rooms WHERE id = ?1", params![id.as_str()])?;
        one_row(changed, "id", "room", id)
    }
}

/// Opening hours as stored: `HH:MM` text, or two nulls.
fn hours_cols(hours: Option<OpeningHours>) -> (Option<String>, Option<String>) {
    match hours {
        Some(h) => (Some(h.opens.format("%H:%M").to_string()), Some(h.closes.format("%H:%M").to_string())),
        None => (None, None),
    }
}

const ROOM_COLUMNS: &str = "id, event_id, name_en, name_ar, capacity, parallel, opens, closes, version";

fn row_to_room(r: &Row<'_>) -> Result<Room> {
    let opens: Option<String> = r.get(6)?;
    let closes: Option<String> = r.get(7)?;
    let hours = OpeningHours::parse(opens.as_deref(), closes.as_deref())
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, Box::new(e)))?;
    Ok(Room {
        id: id_col(r, 0)?,
        event_id: id_col(r, 1)?,
        name: bilingual(r, 2)?,
        capacity: r.get(4)?,
        parallel: r.get(5)?,
        hours,
        version: r.get(8)?,
    })
}

pub struct Sessions<'c> {
    conn: &'c Db,
    actor: &'c Actor,
}

const SESSION_COLUMNS: &str =
    "id, event_id, room_id, title_en, title_ar, description_en, description_ar, kind, starts_at, ends_at, version";
const SESSION_VALUES: &str = "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11";

impl<'c> Sessions<'c> {
    pub(super) fn new(conn: &'c Db, actor: &'c Actor) -> Sessions<'c> {
        Sessions { conn, actor }
    }

    pub fn resolve(&self, field: &str, value: &str) -> Result<Id> {
        resolve(self.conn, "sessions", "session", field, value)
    }

    /// Resolves an id typed by someone that must name a session of `event_id`.
    pub fn resolve_in(&self, event_id: &Id, field: &str, value: &str) -> Result<Id> {
        resolve_in(self.conn, "sessions", "session", field, value, event_id)
    }

    pub fn insert(&self, s: &Session) -> Result<()> {
        self.execute_row(&format!("INSERT INTO sessions ({SESSION_COLUMNS}) VALUES ({SESSION_VALUES})"), s)?;
        Ok(())
    }

    /// Runs `sql` with the session's columns as ?1..?11, in the order of SESSION_COLUMNS.
    fn execute_row(&self, sql: &str, s: &Session) -> Result<usize> {
        self.conn.execute(
            sql,
            params![
                s.id.as_str(),
                s.event_id.as_str(),
                s.room_id.as_ref().map(Id::as_str),
                s.title.en,
                s.title.ar,
                s.description.en,
                s.description.ar,
                s.kind.as_str(),
                time::to_db(s.start),
                time::to_db(s.end),
                s.version,
            ],
        )
    }

    pub fn get(&self, id: &Id) -> Result<Session> {
        let sql = format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?1");
        found(self.conn.query_row(&sql, params![id.as_str()], row_to_session), "session", "session", id)
    }

    /// The event's sessions in time order.
    pub fn list(&self, event_id: &Id) -> Result<Vec<Session>> {
        let sql = format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE event_id = ?1 ORDER BY starts_at, ends_at, id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        rows(&mut stmt, params![event_id.as_str()], row_to_session)
    }

    /// Moves a session to new times and a room; the caller has checked them.
    pub fn reschedule(&self, before: &Session, after: &Session, at: chrono::DateTime<chrono::Utc>) -> Result<Session> {
        let s = Session { version: before.version + 1, ..after.clone() };
        let changed = self.conn.execute(
            "UPDATE sessions SET starts_at = ?2, ends_at = ?3, room_id = ?4, version = ?5 WHERE id = ?1 AND version = ?6",
            params![
                s.id.as_str(),
                time::to_db(s.start),
                time::to_db(s.end),
                s.room_id.as_ref().map(Id::as_str),
                s.version,
                before.version
            ],
        )?;
        super::guarded(self.conn, changed, "session", Some(AuditEntity::Session), &s.id)?;
        super::record_update(self.conn, self.actor, AuditEntity::Session, (before, &s), (&s.id, &s.event_id), at)?;
        Ok(s)
    }

    /// Rewrites what a session says and where it is; the caller has checked it.
    pub fn update(&self, before: &Session, after: &Session, at: chrono::DateTime<chrono::Utc>) -> Result<Session> {
        let s = Session { version: before.version + 1, ..after.clone() };
        let sql =
            format!("UPDATE sessions SET ({SESSION_COLUMNS}) = ({SESSION_VALUES}) WHERE id = ?1 AND version = ?11 - 1");
        let changed = self.execute_row(&sql, &s)?;
        super::guarded(self.conn, changed, "session", Some(AuditEntity::Session), &s.id)?;
        super::record_update(self.conn, self.actor, AuditEntity::Session, (before, &s), (&s.id, &s.event_id), at)?;
        Ok(s)
    }

    /// Refuses a save made from `version` of `s` when `s` has been changed since.
    pub fn expect_version(&self, s: &Session, version: Option<u32>) -> Result<()> {
        super::expect_version(self.conn, "session", Some(AuditEntity::Session), &s.id, s.version, version)
    }

    /// Deletes a session; its people go with it (the schema cascades), pledges keep no session.
    pub fn delete(&self, id: &Id) -> Result<()> {
        let changed = self.conn.execute("DELETE FROM sessions WHERE id = ?1", params![id.as_str()])?;
        one_row(changed, "id", "session", id)
    }

    /// Removes one role of one person in a session; false when they did not have it.
    pub fn unassign(&self, a: &Assignment) -> Result<bool> {
        let changed = self.conn.execute(
            "DELETE FROM session_speakers WHERE session_id = ?1 AND speaker_id = ?2 AND role = ?3",
            params![a.session_id.as_str(), a.speaker_id.as_str(), a.role.as_str()],
        )?;
        Ok(changed == 1)
    }

    pub fn assign(&self, a: &Assignment) -> Result<()> {
        self.conn.execute(
            "INSERT INTO session_speakers (session_id, speaker_id, role) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
            params![a.session_id.as_str(), a.speaker_id.as_str(), a.role.as_str()],
        )?;
        Ok(())
    }

    /// Records that a participant signed up for a session (twice is once).
    pub fn sign_up(&self, session_id: &Id, participant_id: &Id) -> Result<()> {
        self.conn.execute(
            "INSERT INTO session_signups (session_id, participant_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![session_id.as_str(), participant_id.as_str()],
        )?;
        Ok(())
    }

    /// Takes a participant off a session's sign-ups; false when they were not on them.
    pub fn remove_sign_up(&self, session_id: &Id, participant_id: &Id) -> Result<bool> {
        let changed = self.conn.execute(
            "DELETE FROM session_signups WHERE session_id = ?1 AND participant_id = ?2",
            params![session_id.as_str(), participant_id.as_str()],
        )?;
        Ok(changed == 1)
    }

    /// The participants signed up for a session, by id.
    pub fn signed_up(&self, session_id: &Id) -> Result<Vec<Id>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT participant_id FROM session_signups WHERE session_id = ?1 ORDER BY 1")?;
        rows(&mut stmt, params![session_id.as_str()], |r| id_col(r, 0))
    }

    /// How many confirmed participants (checked in counts: they were confirmed) signed up for
    /// each of the event's sessions that has any.
    pub fn confirmed_signups(&self, event_id: &Id) -> Result<Vec<Signups>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT su.session_id, COUNT(*) FROM session_signups su
             JOIN sessions s ON s.id = su.session_id
             JOIN participants p ON p.id = su.participant_id
             WHERE s.event_id = ?1 AND p.status IN ('confirmed', 'checked_in')
             GROUP BY su.session_id ORDER BY su.session_id",
        )?;
        rows(&mut stmt, params![event_id.as_str()], |r| Ok(Signups { session_id: id_col(r, 0)?, confirmed: r.get(1)? }))
    }

    /// Every assignment in the event's sessions.
    pub fn assignments(&self, event_id: &Id) -> Result<Vec<Assignment>> {
        // In the order they were assigned: SQLite's rowid, PostgreSQL's `seq` standing in for it.
        let sql = match self.conn.engine() {
            super::Engine::Sqlite => {
                "SELECT ss.session_id, ss.speaker_id, ss.role FROM session_speakers ss
                 JOIN sessions s ON s.id = ss.session_id WHERE s.event_id = ?1 ORDER BY s.starts_at, ss.rowid"
            }
            super::Engine::Postgres => {
                "SELECT ss.session_id, ss.speaker_id, ss.role FROM session_speakers ss
                 JOIN sessions s ON s.id = ss.session_id WHERE s.event_id = ?1 ORDER BY s.starts_at, ss.seq"
            }
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        rows(&mut stmt, params![event_id.as_str()], |r| {
            Ok(Assignment { session_id: id_col(r, 0)?, speaker_id: id_col(r, 1)?, role: word_col(r, 2, Role::parse)? })
        })
    }
}

/// A write that had to change exactly one row: none means the record does not exist.
fn one_row(changed: usize, field: &str, what: &str, id: &Id) -> Result<()> {
    found(if changed == 1 { Ok(()) } else { Err(DbError::NoRows) }, field, what, id)
}

fn row_to_session(r: &Row<'_>) -> Result<Session> {
    Ok(Session {
        id: id_col(r, 0)?,
        event_id: id_col(r, 1)?,
        room_id: opt_id_col(r, 2)?,
        title: bilingual(r, 3)?,
        description: bilingual(r, 5)?,
        kind: word_col(r, 7, SessionKind::parse)?,
        start: time_col(r, 8)?,
        end: time_col(r, 9)?,
        version: r.get(10)?,
    })
}

pub struct Speakers<'c> {
    conn: &'c Db,
    actor: &'c Actor,
}

const SPEAKER_COLUMNS: &str = "id, event_id, participant_id, honorific_en, honorific_ar, name_en, name_ar, \
     position_en, position_ar, organisation_en, organisation_ar, country, email, bio_en, bio_ar, version";
const SPEAKER_VALUES: &str = "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16";

impl<'c> Speakers<'c> {
    pub(super) fn new(conn: &'c Db, actor: &'c Actor) -> Speakers<'c> {
        Speakers { conn, actor }
    }

    pub fn resolve(&self, field: &str, value: &str) -> Result<Id> {
        resolve(self.conn, "speakers", "speaker", field, value)
    }

    /// Resolves an id typed by someone that must name a speaker of `event_id`.
    pub fn resolve_in(&self, event_id: &Id, field: &str, value: &str) -> Result<Id> {
        resolve_in(self.conn, "speakers", "speaker", field, value, event_id)
    }

    pub fn insert(&self, s: &Speaker) -> Result<()> {
        self.execute_row(&format!("INSERT INTO speakers ({SPEAKER_COLUMNS}) VALUES ({SPEAKER_VALUES})"), s)?;
        Ok(())
    }

    /// Refuses a save made from `version` of `s` when `s` has been changed since.
    pub fn expect_version(&self, s: &Speaker, version: Option<u32>) -> Result<()> {
        super::expect_version(self.conn, "speaker", Some(AuditEntity::Speaker), &s.id, s.version, version)
    }

    /// Rewrites a speaker's profile, read as `before` in this transaction; the caller has
    /// checked it. Written only while the stored version is still `before`'s.
    pub fn update(&self, before: &Speaker, after: &Speaker, at: chrono::DateTime<chrono::Utc>) -> Result<Speaker> {
        let s = Speaker { version: before.version + 1, ..after.clone() };
        let sql =
            format!("UPDATE speakers SET ({SPEAKER_COLUMNS}) = ({SPEAKER_VALUES}) WHERE id = ?1 AND version = ?16 - 1");
        let changed = self.execute_row(&sql, &s)?;
        super::guarded(self.conn, changed, "speaker", Some(AuditEntity::Speaker), &s.id)?;
        super::record_update(self.conn, self.actor, AuditEntity::Speaker, (before, &s), (&s.id, &s.event_id), at)?;
        Ok(s)
    }

    /// Runs `sql` with the speaker's columns as ?1..?16, in the order of SPEAKER_COLUMNS.
    fn execute_row(&self, sql: &str, s: &Speaker) -> Result<usize> {
        self.conn.execute(
            sql,
            params![
                s.id.as_str(),
                s.event_id.as_str(),
                s.participant_id.as_ref().map(Id::as_str),
                s.honorific.en,
                s.honorific.ar,
                s.name.en,
                s.name.ar,
                s.position.en,
                s.position.ar,
                s.organisation.en,
                s.organisation.ar,
                s.country,
                s.email,
                s.bio.en,
                s.bio.ar,
                s.version,
            ],
        )
    }

    pub fn get(&self, id: &Id) -> Result<Speaker> {
        let sql = format!("SELECT {SPEAKER_COLUMNS} FROM speakers WHERE id = ?1");
        found(self.conn.query_row(&sql, params![id.as_str()], row_to_speaker), "speaker", "speaker", id)
    }

    pub fn by_participant(&self, participant_id: &Id) -> Result<Option<Speaker>> {
        let sql = format!("SELECT {SPEAKER_COLUMNS} FROM speakers WHERE participant_id = ?1");
        self.conn.query_row(&sql, params![participant_id.as_str()], row_to_speaker).optional()
    }

    pub fn list(&self, event_id: &Id) -> Result<Vec<Speaker>> {
        let sql = format!("SELECT {SPEAKER_COLUMNS} FROM speakers WHERE event_id = ?1 ORDER BY name_en, name_ar");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        rows(&mut stmt, params![event_id.as_str()], row_to_speaker)
    }

    /// Records a time the speaker can be there (the same start twice replaces the first).
    pub fn add_availability(&self, a: &Availability) -> Result<()> {
        self.conn.execute(
            "INSERT INTO speaker_availability (speaker_id, starts_at, ends_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (speaker_id, starts_at) DO UPDATE SET ends_at = excluded.ends_at",
            params![a.speaker_id.as_str(), time::to_db(a.start), time::to_db(a.end)],
        )?;
        Ok(())
    }

    /// Takes back the time a speaker stated from `start`; false when there was none.
    pub fn remove_availability(&self, speaker_id: &Id, start: chrono::DateTime<chrono::Utc>) -> Result<bool> {
        let changed = self.conn.execute(
            "DELETE FROM speaker_availability WHERE speaker_id = ?1 AND starts_at = ?2",
            params![speaker_id.as_str(), time::to_db(start)],
        )?;
        Ok(changed == 1)
    }

    /// One speaker's stated times, in time order.
    pub fn availability_of(&self, speaker_id: &Id) -> Result<Vec<Availability>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT speaker_id, starts_at, ends_at FROM speaker_availability WHERE speaker_id = ?1 ORDER BY starts_at",
        )?;
        rows(&mut stmt, params![speaker_id.as_str()], |r| {
            Ok(Availability { speaker_id: id_col(r, 0)?, start: time_col(r, 1)?, end: time_col(r, 2)? })
        })
    }

    /// The stated availability of every speaker of the event.
    pub fn availability(&self, event_id: &Id) -> Result<Vec<Availability>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.speaker_id, a.starts_at, a.ends_at FROM speaker_availability a
             JOIN speakers s ON s.id = a.speaker_id WHERE s.event_id = ?1 ORDER BY a.speaker_id, a.starts_at",
        )?;
        rows(&mut stmt, params![event_id.as_str()], |r| {
            Ok(Availability { speaker_id: id_col(r, 0)?, start: time_col(r, 1)?, end: time_col(r, 2)? })
        })
    }
}

/// Settings of an event's programme: the travel buffer between rooms.
pub struct ProgrammeSettings<'c> {
    conn: &'c Db,
}

impl<'c> ProgrammeSettings<'c> {
    pub(super) fn new(conn: &'c Db) -> ProgrammeSettings<'c> {
        ProgrammeSettings { conn }
    }

    /// Minutes one person needs between sessions in two rooms (0 when never set).
    pub fn travel_buffer(&self, event_id: &Id) -> Result<u32> {
        let minutes = self
            .conn
            .query_row(
                "SELECT travel_buffer_minutes FROM programme_settings WHERE event_id = ?1",
                params![event_id.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        Ok(minutes.unwrap_or(0))
    }

    pub fn set_travel_buffer(&self, event_id: &Id, minutes: u32) -> Result<()> {
        self.conn.execute(
            "INSERT INTO programme_settings (event_id, travel_buffer_minutes) VALUES (?1, ?2)
             ON CONFLICT (event_id) DO UPDATE SET travel_buffer_minutes = excluded.travel_buffer_minutes",
            params![event_id.as_str(), minutes],
        )?;
        Ok(())
    }
}

/// Named, frozen releases of an event's programme; the snapshot is JSON the domain writes.
pub struct Releases<'c> {
    conn: &'c Db,
}

/// A stored release as the store knows it: the snapshot stays text until the domain reads it.
pub struct StoredRelease {
    pub id: Id,
    pub event_id: Id,
    pub name: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub snapshot: String,
}

impl<'c> Releases<'c> {
    pub(super) fn new(conn: &'c Db) -> Releases<'c> {
        Releases { conn }
    }

    pub fn insert(&self, r: &StoredRelease) -> Result<()> {
        self.conn.execute(
            "INSERT INTO releases (id, event_id, name, created_at, snapshot) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![r.id.as_str(), r.event_id.as_str(), r.name, time::to_db(r.created_at), r.snapshot],
        )?;
        Ok(())
    }

    pub fn by_name(&self, event_id: &Id, name: &str) -> Result<Option<StoredRelease>> {
        self.conn
            .query_row(
                "SELECT id, event_id, name, created_at, snapshot FROM releases WHERE event_id = ?1 AND name = ?2",
                params![event_id.as_str(), name],
                row_to_release,
            )
            .optional()
    }

    /// The event's releases, oldest first.
    pub fn list(&self, event_id: &Id) -> Result<Vec<StoredRelease>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, event_id, name, created_at, snapshot FROM releases WHERE event_id = ?1 ORDER BY created_at, id",
        )?;
        rows(&mut stmt, params![event_id.as_str()], row_to_release)
    }
}

fn row_to_release(r: &Row<'_>) -> Result<StoredRelease> {
    Ok(StoredRelease {
        id: id_col(r, 0)?,
        event_id: id_col(r, 1)?,
        name: r.get(2)?,
        created_at: time_col(r, 3)?,
        snapshot: r.get(4)?,
    })
}

fn row_to_speaker(r: &Row<'_>) -> Result<Speaker> {
    Ok(Speaker {
        id: id_col(r, 0)?,
        event_id: id_col(r, 1)?,
        participant_id: opt_id_col(r, 2)?,
        honorific: bilingual(r, 3)?,
        name: bilingual(r, 5)?,
        position: bilingual(r, 7)?,
        organisation: bilingual(r, 9)?,
        country: r.get(11)?,
        email: r.get(12)?,
        bio: bilingual(r, 13)?,
        version: r.get(15)?,
    })
}
