//! Copies of the whole database through SQLite's online backup API, and the checks a file must
//! pass before it may replace the current data.
//!
//! A backup is read in one step under one read transaction: in WAL mode that does not block
//! the app or the CLI writing meanwhile, and the copy is the database as of one instant.
//!
//! Restoring copies the checked file *into the live connection* with the same API, rather than
//! replacing the file on disk. The copy is one write transaction of the destination: other
//! connections (the CLI, a second window) either see the old data or the new, never a file
//! that vanished under their feet (replacing the file would leave them writing into an
//! unlinked inode, and the WAL of the old file could be replayed over the new one); a crash
//! mid-copy rolls back like any other transaction.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};

use super::{schema_version, Store, MIGRATIONS};
use crate::error::{Error, Reason, Result};

/// What a checked backup holds, for the messages that confirm a restore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFacts {
    pub schema_version: u32,
    pub events: i64,
    pub participants: i64,
}

impl Store {
    /// The SQLite connection: backups and restores are the laptop's file's; a team database is
    /// copied with `team snapshot`.
    fn lite(&self) -> Result<&Connection> {
        self.conn.lite().ok_or_else(team_backup)
    }

    /// Writes a consistent copy of the database to `dest`, atomically (see `copy_to_file`).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if let Some(own) = &self.path {
            if same_file(own, dest) {
                return Err(Error::invalid(
                    "out",
                    Reason::InvalidValue,
                    "a backup cannot overwrite the database itself",
                ));
            }
        }
        if dest.file_name().is_none() {
            return Err(Error::invalid("out", Reason::InvalidValue, "name a file"));
        }
        copy_to_file(self.lite()?, dest)
    }

    /// Whether `path` is this database's file (or its -wal or -shm).
    pub fn is_own_file(&self, path: &Path) -> bool {
        self.path.as_deref().is_some_and(|own| same_file(own, path))
    }

    /// Checks that the backup at `source` may replace this database's data: `check_backup`,
    /// and pages of the same size (a database in WAL mode only takes pages of its own size).
    pub fn check_restore(&self, source: &Path) -> Result<BackupFacts> {
        self.checked_candidate(source).map(|(_, facts)| facts)
    }

    /// Replaces all the data of this database with the backup at `source`, after checking it
    /// (see `check_restore`), then brings its schema up to date and checks the result.
    pub fn restore_from(&mut self, source: &Path) -> Result<BackupFacts> {
        let (candidate, facts) = self.checked_candidate(source)?;
        copy_all(&candidate, self.conn.lite_mut().ok_or_else(team_backup)?)?;
        drop(candidate);
        self.migrate()?;
        check_contents(self.lite()?)
            .map_err(|e| Error { message: format!("after the restore: {}", e.message), ..e })?;
        Ok(facts)
    }

    fn checked_candidate(&self, source: &Path) -> Result<(Connection, BackupFacts)> {
        if self.path.as_deref().is_some_and(|own| same_file(own, source)) {
            return Err(Error::invalid(
                "file",
                Reason::InvalidValue,
                "this is the database itself, not a backup of it",
            ));
        }
        let (candidate, facts) = open_checked(source)?;
        let page_size =
            |conn: &Connection| -> Result<i64> { Ok(conn.query_row("PRAGMA page_size", [], |r| r.get(0))?) };
        let (theirs, ours) = (page_size(&candidate)?, page_size(self.lite()?)?);
        if theirs != ours {
            return Err(Error::storage_because(
                Reason::ForeignSchema,
                format!("{} cannot be restored: its pages are {theirs} bytes, Muntada's {ours}", source.display()),
            ));
        }
        Ok((candidate, facts))
    }
}

/// Writes the checked backup at `source` as a new database file at `dest`, which must not
/// exist: for when the current database cannot be opened at all (see `backup::restore_file`).
pub fn restore_into_new_file(source: &Path, dest: &Path) -> Result<BackupFacts> {
    let (candidate, facts) = open_checked(source)?;
    copy_to_file(&candidate, dest)?;
    Ok(facts)
}

/// Copies the database of `from` to the file `dest`, atomically: the copy is made beside it
/// under a temporary name, flushed to disk, then renamed, so `dest` is either what it was or
/// the complete copy. The copy is a single file (rollback journal mode).
pub(super) fn copy_to_file(from: &Connection, dest: &Path) -> Result<()> {
    write_atomically(dest, |partial| {
        let mut copy = Connection::open(partial).map_err(|e| io_about(partial, e))?;
        copy_all(from, &mut copy)?;
        copy.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        copy.close().map_err(|(_, e)| Error::from(e))
    })
}

/// Has `fill` write a new database file beside `dest` under a temporary name, then flushes and
/// renames it: `dest` is either what it was or the complete file.
pub(super) fn write_atomically<T>(dest: &Path, fill: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let partial = dest.with_file_name(format!(".{name}.partial-{}", std::process::id()));
    let result = (|| {
        remove_if_present(&partial)?;
        let value = fill(&partial)?;
        for log in ["-wal", "-shm"] {
            remove_if_present(&partial.with_file_name(format!(".{name}.partial-{}{log}", std::process::id())))?;
        }
        sync_file(&partial)?;
        std::fs::rename(&partial, dest).map_err(|e| io_error(dest, e))?;
        sync_dir(dest)?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// Checks that `path` is a database this version of Muntada wrote, without trusting it: it is
/// opened read-only, in defensive mode, with `trusted_schema` off; its schema version must be
/// one we know, its tables, indexes, triggers and views exactly those our migrations create for
/// that version, and then `integrity_check` and `foreign_key_check` must find nothing. Refusals carry a reason the UI
/// translates: `not_a_database`, `damaged`, `schema_too_new`, `foreign_schema`.
pub fn check_backup(path: &Path) -> Result<BackupFacts> {
    open_checked(path).map(|(_, facts)| facts)
}

fn open_checked(path: &Path) -> Result<(Connection, BackupFacts)> {
    let refused = |e: Error| Error { message: format!("{} cannot be restored: {}", path.display(), e.message), ..e };
    let conn = open_untrusted(path).map_err(refused)?;
    let facts = verify(&conn).map_err(refused)?;
    Ok((conn, facts))
}

fn open_untrusted(path: &Path) -> Result<Connection> {
    if !path.is_file() {
        return Err(Error::invalid("file", Reason::NotFound, "there is no such file"));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    // Without a write-ahead log beside it, the file is all there is: `immutable` reads it
    // without locks and without creating -wal or -shm files next to it (on a USB stick, say).
    // With a log (a copy of a live database with its -wal), SQLite must read the log too.
    let has_log = Path::new(&format!("{}-wal", path.display())).exists();
    let conn = Connection::open_with_flags(uri(path, !has_log), flags)?;
    // SQLite's advice for files from elsewhere: no schema-defined functions or virtual tables
    // run with trust, no writes to the schema or shadow tables, no memory-mapped reads.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.execute_batch("PRAGMA mmap_size = 0; PRAGMA cell_size_check = ON;")?;
    Ok(conn)
}

/// `file:` URI of `path`, read-only, optionally immutable; `%`, `?` and `#` are escaped.
fn uri(path: &Path, immutable: bool) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut text = absolute.to_string_lossy().into_owned();
    if cfg!(windows) {
        text = text.replace('\\', "/");
        text.insert(0, '/'); // C:/… becomes /C:/…
    }
    let escaped = text.replace('%', "%25").replace('?', "%3f").replace('#', "%23");
    format!("file:{escaped}?mode=ro{}", if immutable { "&immutable=1" } else { "" })
}

fn verify(conn: &Connection) -> Result<BackupFacts> {
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let found = schema_of(conn)?;
    if version == 0 {
        let (reason, message) = if found.is_empty() {
            (Reason::NotADatabase, "the file is an empty database")
        } else {
            (Reason::ForeignSchema, "the file is a database, but not one Muntada wrote")
        };
        return Err(Error::storage_because(reason, message));
    }
    if version > schema_version() {
        return Err(Error::storage_because(
            Reason::SchemaTooNew,
            format!("it was written by a newer Muntada (schema {version}, this one knows {})", schema_version()),
        ));
    }
    let expected = expected_schema(version)?;
    if let Some((kind, name, _, _)) = found.difference(&expected).next() {
        let what = if expected.iter().any(|(k, n, _, _)| k == kind && n == name) { "a changed" } else { "an unknown" };
        return Err(Error::storage_because(
            Reason::ForeignSchema,
            format!("the file has {what} {kind} {name:?} that Muntada does not create"),
        ));
    }
    if let Some((kind, name, _, _)) = expected.difference(&found).next() {
        return Err(Error::storage_because(Reason::ForeignSchema, format!("the file lacks the {kind} {name:?}")));
    }
    // Only now that the schema is ours: the checks below compare tables with their indexes
    // and follow the foreign keys our migrations declare.
    check_contents(conn)?;
    let count = |table: &str| -> Result<i64> {
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    Ok(BackupFacts { schema_version: version, events: count("events")?, participants: count("participants")? })
}

/// Every schema object as (type, name, table, SQL with its whitespace collapsed): two
/// databases made by the same migrations have identical sets, even where an ALTER TABLE of
/// another SQLite version re-spaced the stored SQL.
type Schema = BTreeSet<(String, String, String, Option<String>)>;

fn schema_of(conn: &Connection) -> Result<Schema> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema")?;
    let collapse = |sql: Option<String>| sql.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "));
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, collapse(r.get(3)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The schema our first `version` migrations create, built in memory.
fn expected_schema(version: u32) -> Result<Schema> {
    let conn = Connection::open_in_memory()?;
    for sql in &MIGRATIONS[..version as usize] {
        conn.execute_batch(sql)?;
    }
    schema_of(&conn)
}

/// How many of the problems a check finds are named in the message.
const SHOWN: usize = 3;

/// `integrity_check` (which, unlike `quick_check`, also compares every index with its table and
/// checks UNIQUE and NOT NULL) and `foreign_key_check` (rows pointing to records that do not
/// exist); a check that cannot even run counts as damage too. The message names what they found.
fn check_contents(conn: &Connection) -> Result<()> {
    let integrity: Vec<String> = (|| {
        let mut stmt = conn.prepare(&format!("PRAGMA integrity_check({SHOWN})"))?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()
    })()
    .map_err(damaged)?;
    if integrity != ["ok"] {
        return Err(Error::storage_because(
            Reason::Damaged,
            format!("the file is damaged (integrity check: {})", integrity.join("; ")),
        ));
    }
    let (count, shown): (i64, Vec<String>) = (|| {
        let count = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        let mut stmt =
            conn.prepare(&format!("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check LIMIT {SHOWN}"))?;
        let rows = stmt.query_map([], |r| {
            let (table, rowid, parent): (String, Option<i64>, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let row = rowid.map_or_else(|| "a row".to_owned(), |id| format!("row {id}"));
            Ok(format!("{row} of {table} points to a missing record of {parent}"))
        })?;
        Ok((count, rows.collect::<rusqlite::Result<_>>()?))
    })()
    .map_err(damaged)?;
    if count > 0 {
        let more = if count > shown.len() as i64 { format!("; {count} in all") } else { String::new() };
        return Err(Error::storage_because(
            Reason::Damaged,
            format!("the file is damaged (foreign key check: {}{more})", shown.join("; ")),
        ));
    }
    Ok(())
}

/// A check that failed to run on the file: SQLite's own words, as damage.
fn damaged(e: rusqlite::Error) -> Error {
    Error::storage_because(Reason::Damaged, format!("the file is damaged ({e})"))
}

/// Copies every page of `from` into `to` in one step (one read transaction on `from`, one
/// write transaction on `to`).
fn copy_all(from: &Connection, to: &mut Connection) -> Result<()> {
    let backup = Backup::new(from, to)?;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => continue,
            _ => return Err(Error::storage_because(
                Reason::Busy,
                "the database is busy: another Muntada window or command is using it; try again when it has finished",
            )),
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    let canonical = |p: &Path| -> Option<PathBuf> {
        match p.canonicalize() {
            Ok(c) => Some(c),
            Err(_) => Some(p.parent()?.canonicalize().ok()?.join(p.file_name()?)),
        }
    };
    match (canonical(a), canonical(b)) {
        (Some(a), Some(b)) => {
            let name = a.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            // The database's own -wal and -shm files count as the database.
            b == a || b == a.with_file_name(format!("{name}-wal")) || b == a.with_file_name(format!("{name}-shm"))
        }
        _ => false,
    }
}

fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_error(path, e)),
        _ => Ok(()),
    }
}

fn sync_file(path: &Path) -> Result<()> {
    std::fs::File::open(path).and_then(|f| f.sync_all()).map_err(|e| io_error(path, e))
}

/// Makes a rename durable: on Unix the directory entry is flushed too.
fn sync_dir(path: &Path) -> Result<()> {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir).and_then(|f| f.sync_all()).map_err(|e| io_error(dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

fn io_about(path: &Path, e: rusqlite::Error) -> Error {
    let e = Error::from(e);
    Error { message: format!("cannot write {}: {}", path.display(), e.message), ..e }
}

/// A file-system failure with the reason people can act on.
pub(crate) fn io_error(path: &Path, e: std::io::Error) -> Error {
    use std::io::ErrorKind::{PermissionDenied, QuotaExceeded, ReadOnlyFilesystem, StorageFull};
    let reason = match e.kind() {
        StorageFull | QuotaExceeded => Reason::DiskFull,
        ReadOnlyFilesystem | PermissionDenied => Reason::ReadOnly,
        _ => Reason::Storage,
    };
    Error::storage_because(reason, format!("{}: {e}", path.display()))
}

fn team_backup() -> Error {
    Error::invalid(
        "db",
        Reason::InvalidValue,
        "a team database is backed up with `muntada team snapshot` (a copy in one SQLite file), and restored \
         with `muntada team init --from`",
    )
}
