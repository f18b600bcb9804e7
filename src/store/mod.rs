//! The SQLite store. API boundary: all SQL of the app lives under this module, so that another
//! backend (PostgreSQL for multi-desk events) can be added without touching the domain.
//!
//! Reads go through accessors on `Store` (`store.events().list()`); every action that writes
//! runs in `Store::write`: one IMMEDIATE transaction, whose `Tx` offers the same accessors, so
//! that what the action reads to decide and what it then writes are one unit. An operation
//! takes the `Tx`; a caller that needs several operations to be one unit (an import, the demo
//! forum) calls them all in one `write`, and `Tx::savepoint` lets it recover from one that fails.

mod audit;
mod backup;
pub(crate) mod db;
mod delegations;
mod desk;
mod events;
mod import_choices;
mod outcome;
mod participants;
mod pledges;
mod postgres;
mod programme;
#[doc(hidden)]
pub mod testing;
pub mod transfer;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use db::{params, Db, DbError, DbResult, Engine, Optional, Row};

use crate::audit::model::{Actor, AuditEntity};
use crate::error::{Error, Reason, Result};
use crate::id::{Id, IdPrefix};

pub use audit::Audit;
pub(crate) use backup::io_error;
pub use backup::{check_backup, restore_into_new_file, BackupFacts};
pub use db::Engine as DbEngine;
pub use delegations::Delegations;
pub use desk::{DeskFile, DeskTx, Desks};
pub use events::{Categories, Events};
pub use import_choices::ImportChoices;
pub use outcome::Outcomes;
pub use participants::{ImportEntry, ParticipantFilter, Participants};
pub use pledges::Pledges;
pub use postgres::{check_login_name, Listener, Location, TeamRole, TeamTarget, TeamUser, TlsMode};
pub use programme::{ProgrammeSettings, Releases, Rooms, Sessions, Speakers, StoredRelease};

/// The steps of the migrations done in Rust, on either engine, for a schema found at version
/// `found`: what a rule decides, the rule's one implementation does.
fn after_migrations(conn: &Db, actor: &Actor, found: u32) -> Result<()> {
    // Keys computed in Rust for the rows a migration gave new key columns (a no-op otherwise).
    participants::backfill_keys(conn, actor)?;
    if found < 17 {
        events::split_names_by_script(conn)?;
    }
    if found < 18 {
        pledges::split_names_by_script(conn)?;
    }
    Ok(())
}

/// Forward-only migrations, applied in order at open; the schema version is their count.
/// A shipped migration is never edited: add a new file instead.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_pledge_ledger.sql"),
    include_str!("migrations/0003_audit.sql"),
    include_str!("migrations/0004_programme.sql"),
    include_str!("migrations/0005_participants.sql"),
    include_str!("migrations/0006_outcome.sql"),
    include_str!("migrations/0007_delegations.sql"),
    include_str!("migrations/0008_outcome_snapshot.sql"),
    include_str!("migrations/0009_session_signups.sql"),
    include_str!("migrations/0010_pledges_entry_delegation.sql"),
    include_str!("migrations/0011_event_logo.sql"),
    include_str!("migrations/0012_participant_indexes.sql"),
    include_str!("migrations/0013_versions.sql"),
    include_str!("migrations/0014_import_value_choices.sql"),
    include_str!("migrations/0015_desk_scans.sql"),
    include_str!("migrations/0016_search_without_article.sql"),
    include_str!("migrations/0017_bilingual_names.sql"),
    include_str!("migrations/0018_bilingual_pledge_names.sql"),
    include_str!("migrations/0019_import_audit.sql"),
    include_str!("migrations/0020_event_signatories.sql"),
    include_str!("migrations/0021_event_arabic_digits.sql"),
];

/// How long a write waits for another process holding the database before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Store {
    conn: Db,
    path: Option<PathBuf>,
    /// Who the audit trail names for the changes made through this store.
    actor: Actor,
    /// The team database, when the data is not this computer's file, and the password that
    /// connected to it (kept in memory only, to reconnect after the network drops).
    team: Option<TeamTarget>,
    password: Option<String>,
}

/// The connection inside a write transaction, with the same accessors as `Store`.
pub struct Tx<'c> {
    conn: &'c Db,
    actor: &'c Actor,
    path: Option<&'c Path>,
}

/// The database file used when none is named: `<data dir>/muntada/muntada.db`
/// (e.g. `~/.local/share/muntada/muntada.db` on Linux). The CLI and the desktop app share it.
pub fn default_path() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("muntada").join("muntada.db")
}

/// The schema version this build writes.
pub fn schema_version() -> u32 {
    MIGRATIONS.len() as u32
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::storage(format!("cannot create the folder {}: {e}", dir.display())))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| about(path, e))?;
        // SQLite silently falls back to reading when the file or its disk is write-protected;
        // say so now rather than at the first change someone tries to save.
        if conn.is_readonly(rusqlite::MAIN_DB).map_err(|e| about(path, e))? {
            return Err(Error::storage_because(
                Reason::ReadOnly,
                format!(
                    "cannot write to the database {}: the file, its folder or the disk is read-only; \
                     copy it to a folder you can write to, or fix its permissions",
                    path.display()
                ),
            ));
        }
        Store::setup(conn, Some(path.to_owned()))
    }

    /// A private database in memory, with the schema applied: for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?, None)
    }

    fn setup(conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let describe = |e: rusqlite::Error| match &path {
            Some(p) => about(p, e),
            None => Error::from(e),
        };
        // secure_delete: erased personal data is overwritten in the file, not just unlinked.
        // temp_store: the savepoint journals of a large import stay in memory, not a temp file.
        // cache_size: see db::CACHE_KIB (an import raises it for its transaction).
        conn.execute_batch(&format!(
            "PRAGMA foreign_keys = ON;
             PRAGMA trusted_schema = OFF;
             PRAGMA synchronous = FULL;
             PRAGMA secure_delete = ON;
             PRAGMA temp_store = MEMORY;
             PRAGMA cache_size = -{};",
            db::CACHE_KIB
        ))
        .map_err(describe)?;
        if path.is_some() {
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(describe)?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::storage(format!("the database refused write-ahead logging (journal mode {mode})")));
            }
        }
        let mut store = Store { conn: Db::sqlite(conn), path, actor: Actor::unknown(), team: None, password: None };
        if let Err(e) = store.migrate() {
            return Err(match &store.path {
                Some(p) => Error { message: format!("cannot use the database {}: {}", p.display(), e.message), ..e },
                None => e,
            });
        }
        Ok(store)
    }

    fn migrate(&mut self) -> Result<()> {
        let Some(lite) = self.conn.lite() else { return postgres::migrate(&self.conn, &self.actor) };
        let found: u32 = lite.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let known = schema_version();
        if found > known {
            return Err(Error::storage_because(
                Reason::SchemaTooNew,
                format!("the database was written by a newer Muntada (schema {found}, this one knows {known})"),
            ));
        }
        if found == known {
            return Ok(());
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let migrated = (|| {
            for sql in &MIGRATIONS[found as usize..] {
                self.conn.execute_batch(sql)?;
            }
            after_migrations(&self.conn, &self.actor, found)?;
            self.conn.execute_batch(&format!("PRAGMA user_version = {known}"))
        })();
        finish(&self.conn, migrated, "COMMIT", "ROLLBACK")
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Which engine holds the data.
    pub fn engine(&self) -> Engine {
        self.conn.engine()
    }

    /// Names the person the audit trail records for the changes made from now on (the edge
    /// knows who that is; until it says, the trail says "unknown").
    pub fn set_actor(&mut self, actor: Actor) {
        // A team database's changes are its login's (see `Store::connect`).
        if self.team.is_none() {
            self.actor = actor;
        }
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// How long a write waits for another program holding the database (5 s unless changed).
    pub fn set_busy_timeout(&self, timeout: Duration) -> Result<()> {
        match self.conn.lite() {
            Some(lite) => Ok(lite.busy_timeout(timeout)?),
            None => self.conn.set_lock_timeout(timeout),
        }
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is written, or none of it. Another
    /// writer waits until it ends, so what `f` reads is what it writes over.
    ///
    /// On a team database whose connection drops while `f` runs, the server rolls the
    /// transaction back and nothing of it was written: `f` is run once more on a new
    /// connection. A drop during the COMMIT itself is not retried (the server may have
    /// written it): the error says the connection was lost and the caller decides.
    pub fn write<T>(&mut self, f: impl FnMut(&Tx<'_>) -> Result<T>) -> Result<T> {
        self.transaction(
            |conn| match conn.engine() {
                Engine::Sqlite => statement(conn, "BEGIN IMMEDIATE"),
                Engine::Postgres => postgres::begin_write(conn),
            },
            f,
        )
    }

    /// Runs `f` in one read transaction: every read in it sees the same state of the data, even
    /// while another program writes. On a team database whose connection drops meanwhile, it
    /// is run once more on a new connection (a read is always safe to repeat).
    pub fn read<T>(&self, f: impl FnMut(&Tx<'_>) -> Result<T>) -> Result<T> {
        self.transaction(
            |conn| match conn.engine() {
                Engine::Sqlite => statement(conn, "BEGIN DEFERRED"),
                Engine::Postgres => conn.execute_batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"),
            },
            f,
        )
    }

    /// `begin`, `f`, then COMMIT (or ROLLBACK when `f` failed). A connection to the team
    /// database found closed after `begin` or after `f` means the server ended the
    /// transaction without writing it, so both run once more on a new connection; a file's
    /// connection never closes.
    fn transaction<T>(&self, begin: impl Fn(&Db) -> Result<()>, mut f: impl FnMut(&Tx<'_>) -> Result<T>) -> Result<T> {
        let mut retried = false;
        loop {
            self.reconnect_if_lost()?;
            match begin(&self.conn) {
                Err(_) if !retried && self.conn.is_closed() => {
                    retried = true;
                    continue;
                }
                begun => begun?,
            }
            let tx = Tx { conn: &self.conn, actor: &self.actor, path: self.path.as_deref() };
            let result = f(&tx);
            if !retried && self.conn.is_closed() {
                retried = true;
                continue;
            }
            return finish(&self.conn, result, "COMMIT", "ROLLBACK");
        }
    }

    pub fn events(&self) -> Events<'_> {
        Events::new(&self.conn, &self.actor)
    }
    pub fn categories(&self) -> Categories<'_> {
        Categories::new(&self.conn)
    }
    pub fn import_choices(&self) -> ImportChoices<'_> {
        ImportChoices::new(&self.conn)
    }
    pub fn rooms(&self) -> Rooms<'_> {
        Rooms::new(&self.conn, &self.actor)
    }
    pub fn sessions(&self) -> Sessions<'_> {
        Sessions::new(&self.conn, &self.actor)
    }
    pub fn speakers(&self) -> Speakers<'_> {
        Speakers::new(&self.conn, &self.actor)
    }
    pub fn programme_settings(&self) -> ProgrammeSettings<'_> {
        ProgrammeSettings::new(&self.conn)
    }
    pub fn releases(&self) -> Releases<'_> {
        Releases::new(&self.conn)
    }
    pub fn participants(&self) -> Participants<'_> {
        Participants::new(&self.conn, &self.actor)
    }
    pub fn delegations(&self) -> Delegations<'_> {
        Delegations::new(&self.conn, &self.actor)
    }
    pub fn outcome(&self) -> Outcomes<'_> {
        Outcomes::new(&self.conn, &self.actor)
    }
    pub fn pledges(&self) -> Pledges<'_> {
        Pledges::new(&self.conn, &self.actor)
    }
    pub fn audit(&self) -> Audit<'_> {
        Audit::new(&self.conn)
    }

    pub fn desks(&self) -> Desks<'_> {
        Desks::new(&self.conn)
    }

    /// Copies the write-ahead log into the database file and empties it, so that content just
    /// overwritten (an erasure) does not linger there. Best effort: a reader elsewhere may keep
    /// part of the log alive until it finishes, and the next checkpoint then takes it.
    pub fn checkpoint(&self) {
        if let Some(lite) = self.conn.lite() {
            let _ = lite.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
    }

    /// Reads a pragma, for the tests that check every connection's settings.
    pub fn pragma(&self, name: &str) -> Result<String> {
        let lite = self.conn.lite().ok_or_else(|| Error::internal("pragmas are SQLite's"))?;
        let value: rusqlite::types::Value = lite.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))?;
        Ok(match value {
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(t) => t,
            other => format!("{other:?}"),
        })
    }
}

/// Commits on success; rolls back on any error, including a failed commit.
/// A migration's step for a list of names kept by position (`table`: its owner column, a
/// position, `name_en` and `name_ar`): each name stored in the English column before the list
/// had an Arabic side goes to the side of its script (`Bilingual::from_one`).
fn split_listed_names_by_script(conn: &Db, table: &str, owner: &str) -> Result<()> {
    let names: Vec<(String, i64, String)> = {
        let mut stmt = conn.prepare(&format!("SELECT {owner}, position, name_en FROM {table}"))?;
        rows(&mut stmt, params![], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
    };
    let mut stmt =
        conn.prepare(&format!("UPDATE {table} SET name_en = ?3, name_ar = ?4 WHERE {owner} = ?1 AND position = ?2"))?;
    for (id, position, name) in names {
        let name = crate::bilingual::Bilingual::from_one(name);
        stmt.execute(params![id, position, name.en, name.ar])?;
    }
    Ok(())
}

fn finish<T>(conn: &Db, result: Result<T>, commit: &str, rollback: &str) -> Result<T> {
    let result = match result {
        // PostgreSQL turns the COMMIT of a transaction in which a statement failed into a
        // rollback, without an error: a caller that carried on after a failure must not be
        // told its change was saved.
        Ok(_) if conn.aborted() => {
            Err(Error::internal("a statement failed inside the transaction, so nothing of it was written"))
        }
        other => other,
    };
    let committed = result.and_then(|value| statement(conn, commit).map(|()| value));
    if committed.is_err() && conn.lite().is_none_or(|c| !c.is_autocommit()) {
        // The error being reported matters more than a failure to roll back, which the
        // engine also does by itself when the connection closes.
        let _ = conn.execute_batch(rollback);
    }
    if conn.lite().is_none_or(|c| c.is_autocommit()) {
        // Only when the transaction is over (not after a savepoint's release).
        let _ = conn.transaction_ended();
    }
    committed
}

impl Tx<'_> {
    /// Runs `f` as one unit inside the transaction: when it fails, what it wrote is undone and
    /// the transaction goes on (an import row refused, the caller carrying on with the next).
    pub fn savepoint<T>(&self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        statement(self.conn, "SAVEPOINT step")?;
        finish(self.conn, f(self), "RELEASE step", "ROLLBACK TO step; RELEASE step")
    }

    /// The database file (none for a database in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path
    }

    /// SQLite's page cache now, in KiB (none on PostgreSQL).
    #[cfg(test)]
    pub(crate) fn page_cache_kib(&self) -> Option<i64> {
        let lite = self.conn.lite()?;
        Some(-lite.query_row("PRAGMA cache_size", [], |r| r.get::<_, i64>(0)).expect("cache_size"))
    }

    /// Copies the database as it was when this write transaction began to `dest`, before the
    /// transaction writes anything. SQLite's backup cannot read through a connection that holds
    /// the write lock, so a second, read-only connection makes the copy: while this transaction
    /// holds the lock no one else can commit, so what it reads is what this one started from.
    pub fn backup_before_writing(&self, dest: &Path) -> Result<()> {
        let path = self.path.ok_or_else(|| Error::internal("a database in memory has no file to back up"))?;
        let source =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|e| about(path, e))?;
        backup::copy_to_file(&source, dest)
    }

    /// Who the audit trail names for the changes made through this transaction.
    pub fn actor(&self) -> &Actor {
        self.actor
    }

    pub fn events(&self) -> Events<'_> {
        Events::new(self.conn, self.actor)
    }
    pub fn categories(&self) -> Categories<'_> {
        Categories::new(self.conn)
    }
    pub fn import_choices(&self) -> ImportChoices<'_> {
        ImportChoices::new(self.conn)
    }
    pub fn rooms(&self) -> Rooms<'_> {
        Rooms::new(self.conn, self.actor)
    }
    pub fn sessions(&self) -> Sessions<'_> {
        Sessions::new(self.conn, self.actor)
    }
    pub fn speakers(&self) -> Speakers<'_> {
        Speakers::new(self.conn, self.actor)
    }
    pub fn programme_settings(&self) -> ProgrammeSettings<'_> {
        ProgrammeSettings::new(self.conn)
    }
    pub fn releases(&self) -> Releases<'_> {
        Releases::new(self.conn)
    }
    pub fn participants(&self) -> Participants<'_> {
        Participants::new(self.conn, self.actor)
    }
    pub fn delegations(&self) -> Delegations<'_> {
        Delegations::new(self.conn, self.actor)
    }
    pub fn outcome(&self) -> Outcomes<'_> {
        Outcomes::new(self.conn, self.actor)
    }
    pub fn pledges(&self) -> Pledges<'_> {
        Pledges::new(self.conn, self.actor)
    }
    pub fn audit(&self) -> Audit<'_> {
        Audit::new(self.conn)
    }

    pub fn desks(&self) -> Desks<'_> {
        Desks::new(self.conn)
    }
}

/// An error about the database file at `path`, keeping SQLite's precise reason.
fn about(path: &Path, e: rusqlite::Error) -> Error {
    let e = Error::from(e);
    Error { message: format!("cannot use the database {}: {}", path.display(), e.message), ..e }
}

/// Runs a change and its audit entry as one unit, whether or not a transaction is open: a
/// savepoint outside a transaction starts one.
fn audited<T>(conn: &Db, f: impl FnOnce() -> Result<T>) -> Result<T> {
    statement(conn, "SAVEPOINT audited")?;
    finish(conn, f(), "RELEASE audited", "ROLLBACK TO audited; RELEASE audited")
}

/// Runs one statement that returns no rows, prepared once per connection: a bulk change of
/// 100,000 people opens and releases a savepoint for each, and parsing them again each time
/// showed in the profile.
fn statement(conn: &Db, sql: &str) -> Result<()> {
    match conn.engine() {
        Engine::Sqlite if !sql.contains(';') => {
            conn.prepare_cached(sql)?.execute(params![])?;
            Ok(())
        }
        // PostgreSQL does not prepare transaction control, and neither engine prepares two
        // statements at once.
        _ => conn.execute_batch(sql),
    }
}

/// Finds the one id in `table` that is `value` or starts with it (at least 8 characters).
fn resolve(conn: &Db, table: &'static str, what: &str, field: &str, value: &str) -> Result<Id> {
    let prefix = IdPrefix::parse(field, value)?;
    // Ids are lower-case hex and hyphens, all of which sort below '~'.
    let sql = format!("SELECT id FROM {table} WHERE id >= ?1 AND id < ?1 || '~' LIMIT 2");
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids: Vec<String> = stmt.query_map(params![prefix.as_str()], |r| r.get(0))?;
    match ids.as_slice() {
        [id] => Ok(Id::from_db(id.clone())),
        [] => Err(Error::not_found(field, what, value)),
        _ => Err(Error::invalid(
            field,
            Reason::AmbiguousId,
            format!("{value:?} matches several {what}s; give more characters of the id"),
        )),
    }
}

/// Like `resolve`, and the record must belong to `event_id` (a room, session, speaker or
/// participant of another event is refused by name).
fn resolve_in(conn: &Db, table: &'static str, what: &str, field: &str, value: &str, event_id: &Id) -> Result<Id> {
    let id = resolve(conn, table, what, field, value)?;
    let owner: String = conn
        .prepare_cached(&format!("SELECT event_id FROM {table} WHERE id = ?1"))?
        .query_row(params![id.as_str()], |r| r.get(0))?;
    if owner != event_id.as_str() {
        return Err(Error::invalid(field, Reason::WrongEvent, format!("the {what} belongs to another event")));
    }
    Ok(id)
}

/// Maps "no row" to a not-found error about `field`.
fn found<T>(result: DbResult<T>, field: &str, what: &str, id: &Id) -> Result<T> {
    match result {
        Err(DbError::NoRows) => Err(Error::not_found(field, what, id.as_str())),
        other => Ok(other?),
    }
}

/// A stored time column.
fn time_col(row: &Row<'_>, idx: usize) -> Result<chrono::DateTime<chrono::Utc>> {
    let text: String = row.get(idx)?;
    crate::time::from_db(&text).map_err(|e| stored(idx, e))
}

/// A stored value its domain type refuses: the database was changed behind Muntada's back.
fn stored(idx: usize, e: impl std::fmt::Display) -> Error {
    Error::storage(format!("column {idx} of a stored row holds a value Muntada cannot read: {e}"))
}

/// A stored word column (status, kind, role) parsed by its domain type.
fn word_col<T>(row: &Row<'_>, idx: usize, parse: fn(&str, &str) -> Result<T>) -> Result<T> {
    let text: String = row.get(idx)?;
    parse("stored", &text).map_err(|e| stored(idx, e))
}

fn bilingual(row: &Row<'_>, idx: usize) -> Result<crate::bilingual::Bilingual> {
    Ok(crate::bilingual::Bilingual { en: row.get(idx)?, ar: row.get(idx + 1)? })
}

fn id_col(row: &Row<'_>, idx: usize) -> Result<Id> {
    row.get::<_, String>(idx).map(Id::from_db)
}

fn opt_id_col(row: &Row<'_>, idx: usize) -> Result<Option<Id>> {
    Ok(row.get::<_, Option<String>>(idx)?.map(Id::from_db))
}

/// Runs a prepared query and collects every row.
fn rows<T>(
    stmt: &mut db::Stmt<'_>,
    params: &[&dyn db::Param],
    map: impl FnMut(&Row<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    stmt.query_map(params, map)
}

/// Refuses a save made from version `expected` of a record now at `current` (`None`: the
/// caller read it in this same transaction, so there is nothing to compare).
fn expect_version(
    conn: &Db,
    what: &str,
    entity: Option<AuditEntity>,
    id: &Id,
    current: u32,
    expected: Option<u32>,
) -> Result<()> {
    match expected {
        Some(version) if version != current => Err(changed_since(conn, what, entity, id, version, current)?),
        _ => Ok(()),
    }
}

/// Records an update of a record whose history the trail keeps: the record before and after,
/// in the transaction of the change.
fn record_update<T: serde::Serialize>(
    conn: &Db,
    actor: &Actor,
    entity: AuditEntity,
    (before, after): (&T, &T),
    (id, event_id): (&Id, &Id),
    at: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let change = crate::audit::model::Change {
        at,
        entity,
        entity_id: id,
        event_id,
        action: crate::audit::model::AuditAction::Update,
        before: Some(crate::audit::model::snapshot(before)?),
        after: Some(crate::audit::model::snapshot(after)?),
    };
    audit::record(conn, actor, &change)
}

/// Checks a guarded write (`… WHERE id = ? AND version = ?`): when it changed no row, the
/// record is gone or another writer changed it first, and the error says which.
fn guarded(conn: &Db, changed: usize, what: &str, entity: Option<AuditEntity>, id: &Id) -> Result<()> {
    match changed {
        0 => Err(stale(conn, what, entity, id)?),
        _ => Ok(()),
    }
}

/// The error for a guarded write (`… WHERE id = ? AND version = ?`) that changed no row: the
/// record is gone, or another writer changed it first.
fn stale(conn: &Db, what: &str, entity: Option<AuditEntity>, id: &Id) -> Result<Error> {
    let table = match what {
        "participant" => "participants",
        "pledge" => "pledges",
        "event" => "events",
        "room" => "rooms",
        "session" => "sessions",
        "speaker" => "speakers",
        "delegation" => "delegations",
        other => return Ok(Error::internal(format!("no versioned table for {other}"))),
    };
    let current: Option<u32> = conn
        .prepare_cached(&format!("SELECT version FROM {table} WHERE id = ?1"))?
        .query_row(params![id.as_str()], |r| r.get(0))
        .optional()?;
    match current {
        None => Ok(Error::not_found("id", what, id.as_str())),
        Some(current) => changed_since(conn, what, entity, id, current.saturating_sub(1), current),
    }
}

/// "Changed by … at … since you opened it", from the newest entry of the audit trail about the
/// record where the trail keeps its history.
fn changed_since(
    conn: &Db,
    what: &str,
    entity: Option<AuditEntity>,
    id: &Id,
    yours: u32,
    current: u32,
) -> Result<Error> {
    let last = match entity {
        Some(entity) => Audit::new(conn).for_record(entity, id, 1)?.into_iter().next(),
        None => None,
    };
    let by = match last {
        Some(entry) => format!(" by {} at {}", entry.actor, entry.at.format("%Y-%m-%d %H:%M:%S UTC")),
        None => String::new(),
    };
    Ok(Error::conflict(
        Some("version"),
        Reason::Changed,
        format!(
            "this {what} was changed{by} after you opened it (your version {yours}, now {current}); \
             look at it again and re-apply your change"
        ),
    ))
}
