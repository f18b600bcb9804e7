//! Copying all of Muntada's data between engines: a laptop's file into a new team database
//! (`team init --from`), and a team database into one SQLite file (`team snapshot`).
//!
//! Both schemas have the same tables and columns (PostgreSQL adds one, `session_speakers.seq`,
//! which stands in for SQLite's rowid), so the copy is table by table, column by column, in an
//! order where each table comes after those it refers to. The one cycle, a delegation's head
//! and a participant's delegation, is broken by writing the heads last.

use std::path::Path;

use super::db::{param_list, params, Db, Engine, Owned};
use super::{Store, TeamTarget};
use crate::error::{Error, Reason, Result};

/// Every table, parents before children.
const TABLES: &[&str] = &[
    "events",
    "event_organisers",
    "event_signatories",
    "event_logos",
    "categories",
    "import_value_choices",
    "programme_settings",
    "releases",
    "rooms",
    "sessions",
    "delegations",
    "participants",
    "participant_answers",
    "session_signups",
    "desk_scans",
    "speakers",
    "session_speakers",
    "speaker_availability",
    "pledges",
    "pledge_years",
    "pledge_donors",
    "outcome_versions",
    "outcome_sections",
    "outcome_section_sessions",
    "audit_log",
    "deleted_events",
];

/// What a copy moved, for the message that confirms it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Copied {
    pub events: u64,
    pub participants: u64,
    pub rows: u64,
}

/// Copies every row of `from` into `to`, whose tables must be empty, inside the caller's
/// transactions on both.
fn copy_tables(from: &Db, to: &Db) -> Result<Copied> {
    // A table added by a later migration but not to `TABLES` would be left behind silently.
    for table in tables_of(from)? {
        if !TABLES.contains(&table.as_str()) {
            return Err(Error::internal(format!("the copy does not know the table {table}")));
        }
    }
    let mut copied = Copied::default();
    // A delegation's head names a participant, copied after it: (delegation, head), set last.
    let mut heads: Vec<(Owned, Owned)> = Vec::new();
    for table in TABLES {
        let theirs = columns(from, table)?;
        let ours = columns(to, table)?;
        let shared: Vec<&String> = theirs.iter().filter(|c| ours.contains(c) && c.as_str() != "seq").collect();
        let head_at = if *table == "delegations" { shared.iter().position(|c| *c == "head_id") } else { None };
        let list = shared.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ");
        let select = format!("SELECT {list} FROM {table}{}", order_of(from, table));
        let marks = (1..=shared.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        let mut write = to.prepare(&format!("INSERT INTO {table} ({list}) VALUES ({marks})"))?;
        from.prepare(&select)?.each(params![], None, |row| {
            let mut values = (0..shared.len()).map(|i| row.get::<_, Owned>(i)).collect::<Result<Vec<_>>>()?;
            if let Some(at) = head_at {
                let head = std::mem::replace(&mut values[at], Owned::Null);
                if head != Owned::Null {
                    heads.push((values[0].clone(), head));
                }
            }
            write.execute(&param_list(&values))?;
            copied.rows += 1;
            match *table {
                "events" => copied.events += 1,
                "participants" => copied.participants += 1,
                _ => {}
            }
            Ok(())
        })?;
    }
    for (delegation, head) in &heads {
        to.execute("UPDATE delegations SET head_id = ?2 WHERE id = ?1", params![delegation, head])?;
    }
    if to.engine() == Engine::Postgres {
        // Rows keep their ids; the identity columns go on from the highest.
        for table in ["audit_log", "deleted_events"] {
            to.query_row(
                &format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false)::text \
                     FROM {table}"
                ),
                params![],
                |_| Ok(()),
            )?;
        }
    }
    Ok(copied)
}

/// Muntada's tables in `db` (not the schema's own bookkeeping).
fn tables_of(db: &Db) -> Result<Vec<String>> {
    let sql = match db.engine() {
        Engine::Sqlite => "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        Engine::Postgres => {
            "SELECT table_name::text FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'muntada_schema'"
        }
    };
    db.prepare(sql)?.query_map(params![], |r| r.get(0))
}

/// The columns of `table`, in their order.
fn columns(db: &Db, table: &str) -> Result<Vec<String>> {
    let found: Vec<String> = match db.engine() {
        Engine::Sqlite => db
            .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
            .query_map(params![table], |r| r.get(0))?,
        Engine::Postgres => db
            .prepare(
                "SELECT column_name::text FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position",
            )?
            .query_map(params![table], |r| r.get(0))?,
    };
    if found.is_empty() {
        return Err(Error::storage(format!("the database has no table {table}")));
    }
    Ok(found)
}

/// The order rows are read in where it carries meaning: the audit trail's, and the order
/// speakers were assigned to a session.
fn order_of(db: &Db, table: &str) -> &'static str {
    match (table, db.engine()) {
        ("audit_log" | "deleted_events", _) => " ORDER BY id",
        ("session_speakers", Engine::Sqlite) => " ORDER BY rowid",
        ("session_speakers", Engine::Postgres) => " ORDER BY seq",
        _ => "",
    }
}

/// Whether a team database already holds Muntada's schema.
fn has_schema(target: &TeamTarget, password: Option<&str>) -> Result<bool> {
    let mut client = target.connect(password)?;
    let row = client.query_one("SELECT to_regclass('muntada_schema') IS NOT NULL", &[]).map_err(Error::from)?;
    Ok(row.get::<_, bool>(0))
}

/// Creates Muntada's schema in an empty team database, and copies into it the events of the
/// laptop's file `from` when given (checked as a restore is: integrity, foreign keys, a schema
/// this build knows). Refused when the database already holds Muntada's data.
pub fn init(target: &TeamTarget, password: Option<&str>, from: Option<&Path>) -> Result<(Store, Copied)> {
    if has_schema(target, password)? {
        return Err(Error::conflict(
            Some("db"),
            Reason::InUse,
            format!("{} already holds Muntada's data; nothing was changed", target.describe()),
        ));
    }
    // A checked copy of the file, brought up to this build's schema, so that the person's own
    // file is never written to.
    let source = match from {
        None => None,
        Some(path) => {
            let dir = tempfile_dir()?;
            let copy = dir.join("source.db");
            super::restore_into_new_file(path, &copy).map_err(|e| e.with_field("from"))?;
            Some((Store::open(&copy)?, dir))
        }
    };
    let store = Store::connect(target, password)?;
    let copied = match &source {
        None => Copied::default(),
        Some((file, _)) => {
            let conn = &store.conn;
            super::postgres::begin_write(conn)?;
            let copied = file.read(|tx| copy_tables(tx.conn, conn));
            super::finish(conn, copied, "COMMIT", "ROLLBACK")?
        }
    };
    if let Some((file, dir)) = source {
        drop(file);
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok((store, copied))
}

/// Writes the whole team database, as of one moment, to the new SQLite file `dest`: the team's
/// backup, and the way back to one laptop.
pub fn snapshot(store: &Store, dest: &Path) -> Result<Copied> {
    if store.engine() != Engine::Postgres {
        return Err(Error::invalid("db", Reason::InvalidValue, "a snapshot is of a team database; this is a file"));
    }
    if dest.exists() {
        return Err(Error::invalid(
            "out",
            Reason::Duplicate,
            format!("{} exists; name a new file (a snapshot never overwrites one)", dest.display()),
        ));
    }
    super::backup::write_atomically(dest, |partial| {
        let mut file = Store::open(partial)?;
        let copied = store.read(|team| file.write(|tx| copy_tables(team.conn, tx.conn)))?;
        file.conn.lite().ok_or_else(|| Error::internal("a snapshot is an SQLite file"))?.query_row(
            "PRAGMA journal_mode = DELETE",
            [],
            |_| Ok(()),
        )?;
        drop(file);
        Ok(copied)
    })
}

/// A private folder for a copy, removed by the caller.
fn tempfile_dir() -> Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("muntada-team-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir(&dir).map_err(|e| super::io_error(&dir, e))?;
    Ok(dir)
}
