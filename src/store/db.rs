//! The store's one seam between engines: a connection to SQLite (the laptop's own file) or to
//! PostgreSQL (a team's shared database), with the few calls the store's modules make.
//!
//! The store's SQL is written once, in the dialect both engines share, with SQLite's numbered
//! placeholders (`?1`); for PostgreSQL they become `$1` when the statement is prepared. Where
//! the engines really differ (a JSON array of ids, a backup), the module asks `engine()`.
//! Values cross as `Value`: integers, text, bytes, reals and null, which is all the schema uses
//! (times are ISO text, money integer minor units, flags 0/1), so a column reads the same from
//! both engines.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;

use postgres::types::{FromSql, IsNull, ToSql, Type};

use crate::error::{Error, Result};
use crate::id::Id;

/// Which engine a connection talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// One value passed to or read from a statement.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
    Blob(&'a [u8]),
}

/// What can be bound to a placeholder.
pub trait Param {
    fn value(&self) -> Value<'_>;
}

/// The parameters of a statement, written like rusqlite's `params!`.
macro_rules! params {
    () => { &[] as &[&dyn $crate::store::db::Param] };
    ($($x:expr),+ $(,)?) => { &[$(&$x as &dyn $crate::store::db::Param),+] as &[&dyn $crate::store::db::Param] };
}
pub(crate) use params;

impl Param for str {
    fn value(&self) -> Value<'_> {
        Value::Text(self)
    }
}
impl Param for String {
    fn value(&self) -> Value<'_> {
        Value::Text(self)
    }
}
impl Param for Id {
    fn value(&self) -> Value<'_> {
        Value::Text(self.as_str())
    }
}
impl Param for [u8] {
    fn value(&self) -> Value<'_> {
        Value::Blob(self)
    }
}
impl Param for Vec<u8> {
    fn value(&self) -> Value<'_> {
        Value::Blob(self)
    }
}
impl Param for f64 {
    fn value(&self) -> Value<'_> {
        Value::Real(*self)
    }
}
impl Param for bool {
    fn value(&self) -> Value<'_> {
        Value::Int(i64::from(*self))
    }
}
macro_rules! int_param {
    ($($t:ty),*) => {$(
        impl Param for $t {
            fn value(&self) -> Value<'_> {
                Value::Int(*self as i64)
            }
        }
    )*};
}
int_param!(i64, i32, i16, u32, u16, u8);
impl Param for usize {
    fn value(&self) -> Value<'_> {
        // Counts and offsets in this app are far below i64::MAX; saturate rather than wrap.
        Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}
impl Param for u64 {
    fn value(&self) -> Value<'_> {
        Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}
impl<T: Param + ?Sized> Param for &T {
    fn value(&self) -> Value<'_> {
        (**self).value()
    }
}
impl<T: Param> Param for Option<T> {
    fn value(&self) -> Value<'_> {
        match self {
            Some(v) => v.value(),
            None => Value::Null,
        }
    }
}
impl Param for Value<'_> {
    fn value(&self) -> Value<'_> {
        *self
    }
}

/// An owned value, for a statement's parameters built as a list (a row of many columns).
#[derive(Clone, Debug, PartialEq)]
pub enum Owned {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl Param for Owned {
    fn value(&self) -> Value<'_> {
        match self {
            Owned::Null => Value::Null,
            Owned::Int(i) => Value::Int(*i),
            Owned::Real(r) => Value::Real(*r),
            Owned::Text(t) => Value::Text(t),
            Owned::Blob(b) => Value::Blob(b),
        }
    }
}

impl Col for Owned {
    fn from_value(v: Value<'_>) -> std::result::Result<Owned, String> {
        Ok(match v {
            Value::Null => Owned::Null,
            Value::Int(i) => Owned::Int(i),
            Value::Real(r) => Owned::Real(r),
            Value::Text(t) => Owned::Text(t.to_owned()),
            Value::Blob(b) => Owned::Blob(b.to_vec()),
        })
    }
}

impl From<i64> for Owned {
    fn from(i: i64) -> Owned {
        Owned::Int(i)
    }
}

impl From<String> for Owned {
    fn from(t: String) -> Owned {
        Owned::Text(t)
    }
}

/// A list of values as the parameters of one statement.
pub fn param_list<T: Param>(values: &[T]) -> Vec<&dyn Param> {
    values.iter().map(|v| v as &dyn Param).collect()
}

/// What a query can fail with: no row where one was expected, or an error.
#[derive(Debug)]
pub enum DbError {
    NoRows,
    Failed(Error),
}

pub type DbResult<T> = std::result::Result<T, DbError>;

impl From<Error> for DbError {
    fn from(e: Error) -> DbError {
        DbError::Failed(e)
    }
}
impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> DbError {
        match e {
            rusqlite::Error::QueryReturnedNoRows => DbError::NoRows,
            e => DbError::Failed(e.into()),
        }
    }
}
impl From<postgres::Error> for DbError {
    fn from(e: postgres::Error) -> DbError {
        DbError::Failed(e.into())
    }
}
impl From<DbError> for Error {
    fn from(e: DbError) -> Error {
        match e {
            DbError::NoRows => Error::internal("the database returned no row where one was expected"),
            DbError::Failed(e) => e,
        }
    }
}

/// `query_row(…).optional()`: no row is `None`.
pub trait Optional<T> {
    fn optional(self) -> Result<Option<T>>;
}
impl<T> Optional<T> for DbResult<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(DbError::NoRows) => Ok(None),
            Err(DbError::Failed(e)) => Err(e),
        }
    }
}

/// A connection to either engine.
pub struct Db {
    inner: Inner,
    /// SQLite's page cache was raised for a bulk write ([`Db::bulk_cache`]): set back to
    /// [`CACHE_KIB`] when the transaction ends.
    bulk: Cell<bool>,
}

/// SQLite's page cache for everyday reads and edits, in KiB: the app keeps its connection open
/// all day, and a cache filled by a search over 100,000 people was 32 MiB of the app's memory.
pub const CACHE_KIB: i64 = 8 * 1024;
/// The cache for the length of a bulk write: a 100,000-row import touches its indexes all
/// over, and with a small cache it spends more time re-reading pages than writing.
pub const BULK_CACHE_KIB: i64 = 32 * 1024;

enum Inner {
    Lite(rusqlite::Connection),
    Pg(Box<Pg>),
}

pub struct Pg {
    client: RefCell<postgres::Client>,
    /// Prepared statements by their SQLite-dialect text: PostgreSQL parses each once per
    /// connection, as SQLite's statement cache does.
    statements: RefCell<HashMap<String, postgres::Statement>>,
    /// Set when a statement failed inside the open transaction: PostgreSQL then refuses the rest
    /// and turns COMMIT into a rollback without an error, which must not pass for success.
    aborted: Cell<bool>,
    /// How long a write waits for another desk's (the session's `lock_timeout`): set again on
    /// a new connection after a drop.
    lock_timeout: Cell<std::time::Duration>,
}

impl Db {
    pub fn sqlite(conn: rusqlite::Connection) -> Db {
        Db { inner: Inner::Lite(conn), bulk: Cell::new(false) }
    }

    pub fn postgres(client: postgres::Client) -> Db {
        Db {
            inner: Inner::Pg(Box::new(Pg {
                client: RefCell::new(client),
                statements: RefCell::new(HashMap::new()),
                aborted: Cell::new(false),
                lock_timeout: Cell::new(std::time::Duration::ZERO),
            })),
            bulk: Cell::new(false),
        }
    }

    /// Raises SQLite's page cache to [`BULK_CACHE_KIB`] until the open transaction ends (the
    /// store sets it back after COMMIT or ROLLBACK, see [`Db::transaction_ended`]). Nothing on
    /// PostgreSQL, whose server has its own.
    pub fn bulk_cache(&self) -> Result<()> {
        if let Inner::Lite(c) = &self.inner {
            c.execute_batch(&format!("PRAGMA cache_size = -{BULK_CACHE_KIB}"))?;
            self.bulk.set(true);
        }
        Ok(())
    }

    /// After COMMIT or ROLLBACK: the page cache back to its everyday size, which frees the pages
    /// a bulk write kept.
    pub fn transaction_ended(&self) -> Result<()> {
        if let (Inner::Lite(c), true) = (&self.inner, self.bulk.replace(false)) {
            c.execute_batch(&format!("PRAGMA cache_size = -{CACHE_KIB}"))?;
        }
        Ok(())
    }

    pub fn engine(&self) -> Engine {
        match self.inner {
            Inner::Lite(_) => Engine::Sqlite,
            Inner::Pg(_) => Engine::Postgres,
        }
    }

    /// Whether the connection to the server was lost (never for SQLite).
    pub fn is_closed(&self) -> bool {
        match &self.inner {
            Inner::Lite(_) => false,
            Inner::Pg(pg) => pg.client.borrow().is_closed(),
        }
    }

    /// Puts a new connection in place of a lost one, with the same lock timeout; its
    /// statements are prepared again.
    pub fn replace_client(&self, client: postgres::Client) -> Result<()> {
        if let Inner::Pg(pg) = &self.inner {
            *pg.client()? = client;
            pg.statements.borrow_mut().clear();
            pg.aborted.set(false);
            self.set_lock_timeout(pg.lock_timeout.get())?;
        }
        Ok(())
    }

    /// How long a PostgreSQL write waits for another's lock before giving up (none for SQLite,
    /// whose busy timeout is the connection's own).
    pub fn set_lock_timeout(&self, timeout: std::time::Duration) -> Result<()> {
        if let Inner::Pg(pg) = &self.inner {
            pg.lock_timeout.set(timeout);
            self.execute_batch(&format!("SET lock_timeout = {}", timeout.as_millis()))?;
        }
        Ok(())
    }

    /// The SQLite connection, for what only SQLite has (pragmas, the backup API).
    pub fn lite(&self) -> Option<&rusqlite::Connection> {
        match &self.inner {
            Inner::Lite(c) => Some(c),
            Inner::Pg(_) => None,
        }
    }

    /// The PostgreSQL client, for what only PostgreSQL has (COPY, roles, LISTEN).
    #[allow(dead_code)] // the team commands' next step (COPY, roles) uses it
    pub fn with_postgres<T>(&self, f: impl FnOnce(&mut postgres::Client) -> Result<T>) -> Option<Result<T>> {
        match &self.inner {
            Inner::Lite(_) => None,
            Inner::Pg(pg) => Some(pg.client().and_then(|mut c| pg.track(f(&mut c)))),
        }
    }

    /// Runs statements with no parameters and no rows (a migration, BEGIN, SAVEPOINT …).
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match &self.inner {
            Inner::Lite(c) => Ok(c.execute_batch(sql)?),
            Inner::Pg(pg) => {
                let upper = sql.trim_start().get(..8).unwrap_or("").to_ascii_uppercase();
                if upper.starts_with("BEGIN") || upper.starts_with("ROLLBACK") {
                    pg.aborted.set(false);
                }
                pg.track(pg.client()?.batch_execute(sql).map_err(Error::from))
            }
        }
    }

    /// Whether a statement failed in the open PostgreSQL transaction (never for SQLite, which
    /// keeps a transaction usable after a failed statement).
    pub fn aborted(&self) -> bool {
        match &self.inner {
            Inner::Lite(_) => false,
            Inner::Pg(pg) => pg.aborted.get(),
        }
    }

    pub fn lite_mut(&mut self) -> Option<&mut rusqlite::Connection> {
        match &mut self.inner {
            Inner::Lite(c) => Some(c),
            Inner::Pg(_) => None,
        }
    }

    /// Writes many rows into `table` with PostgreSQL's COPY, inside the open transaction: one
    /// round trip for the lot instead of one per row. `fill` gets a sink taking one row at a
    /// time, values in the order of `columns`. `None` for SQLite, where prepared inserts are
    /// as fast (the caller keeps its loop).
    pub fn copy_in(
        &self,
        table: &str,
        columns: &[&str],
        fill: impl FnOnce(&mut CopySink<'_>) -> Result<()>,
    ) -> Option<Result<u64>> {
        let Inner::Pg(pg) = &self.inner else { return None };
        let sql = format!("COPY {table} ({}) FROM STDIN", columns.join(", "));
        let run = || -> Result<u64> {
            let mut client = pg.client()?;
            let mut writer = client.copy_in(&sql).map_err(Error::from)?;
            {
                let mut sink =
                    CopySink { buffer: Vec::with_capacity(1 << 16), writer: &mut writer, columns: columns.len() };
                fill(&mut sink)?;
                sink.flush()?;
            }
            writer.finish().map_err(Error::from)
        };
        Some(pg.track(run()))
    }

    /// A statement prepared once per connection and kept.
    pub fn prepare_cached(&self, sql: &str) -> Result<Stmt<'_>> {
        match &self.inner {
            Inner::Lite(c) => Ok(Stmt::Lite(c.prepare_cached(sql)?)),
            Inner::Pg(pg) => {
                if let Some(s) = pg.statements.borrow().get(sql) {
                    return Ok(Stmt::Pg(pg, s.clone()));
                }
                let prepared =
                    pg.track(pg.client()?.prepare(&dollar_placeholders(sql)).map_err(|e| unprepared(sql, e)))?;
                pg.statements.borrow_mut().insert(sql.to_owned(), prepared.clone());
                Ok(Stmt::Pg(pg, prepared))
            }
        }
    }

    /// A statement used once (its text built for the occasion).
    pub fn prepare(&self, sql: &str) -> Result<Stmt<'_>> {
        match &self.inner {
            Inner::Lite(c) => Ok(Stmt::LiteOnce(c.prepare(sql)?)),
            Inner::Pg(pg) => {
                let prepared =
                    pg.track(pg.client()?.prepare(&dollar_placeholders(sql)).map_err(|e| unprepared(sql, e)))?;
                Ok(Stmt::Pg(pg, prepared))
            }
        }
    }

    /// Runs one statement: the number of rows it changed.
    pub fn execute(&self, sql: &str, params: &[&dyn Param]) -> Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    /// The one row the query returns, or `DbError::NoRows`.
    pub fn query_row<T>(&self, sql: &str, params: &[&dyn Param], f: impl FnOnce(&Row<'_>) -> Result<T>) -> DbResult<T> {
        self.prepare_cached(sql)?.query_row(params, f)
    }
}

/// A statement PostgreSQL refused to prepare: a defect of the store's SQL, so the error names it.
fn unprepared(sql: &str, e: postgres::Error) -> Error {
    let e = Error::from(e);
    let head: String = sql.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(120).collect();
    Error { message: format!("{} in: {head}", e.message), ..e }
}

impl Pg {
    /// The connection, unless a streamed list ([`Stmt::each`]) is still being read from it: a
    /// connection answers one statement at a time.
    fn client(&self) -> Result<std::cell::RefMut<'_, postgres::Client>> {
        self.client.try_borrow_mut().map_err(|_| {
            Error::internal("a statement was sent to the team database while a list was still being read from it")
        })
    }

    fn track<T>(&self, result: Result<T>) -> Result<T> {
        if result.is_err() {
            self.aborted.set(true);
        }
        result
    }
}

/// The rows of one COPY, in PostgreSQL's text format.
pub struct CopySink<'w> {
    buffer: Vec<u8>,
    writer: &'w mut dyn std::io::Write,
    columns: usize,
}

impl CopySink<'_> {
    /// One row: as many values as the COPY's columns.
    pub fn row(&mut self, values: &[&dyn Param]) -> Result<()> {
        if values.len() != self.columns {
            return Err(Error::internal(format!("a COPY row of {} values for {} columns", values.len(), self.columns)));
        }
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.buffer.push(b'\t');
            }
            match v.value() {
                Value::Null => self.buffer.extend_from_slice(b"\\N"),
                Value::Int(n) => self.buffer.extend_from_slice(n.to_string().as_bytes()),
                Value::Real(r) => self.buffer.extend_from_slice(r.to_string().as_bytes()),
                Value::Text(t) => escape_copy_text(t.as_bytes(), &mut self.buffer),
                Value::Blob(b) => {
                    // bytea's hex input form, its backslash escaped for COPY.
                    self.buffer.extend_from_slice(b"\\\\x");
                    for byte in b {
                        self.buffer.extend_from_slice(format!("{byte:02x}").as_bytes());
                    }
                }
            }
        }
        self.buffer.push(b'\n');
        if self.buffer.len() >= 1 << 16 {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        self.writer
            .write_all(&self.buffer)
            .map_err(|e| Error::storage(format!("the team database stopped taking the rows: {e}")))?;
        self.buffer.clear();
        Ok(())
    }
}

/// COPY's text format: backslash, tab, newline and carriage return are escaped.
fn escape_copy_text(text: &[u8], out: &mut Vec<u8>) {
    for &b in text {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            other => out.push(other),
        }
    }
}

/// A prepared statement of either engine.
pub enum Stmt<'c> {
    Lite(rusqlite::CachedStatement<'c>),
    LiteOnce(rusqlite::Statement<'c>),
    Pg(&'c Pg, postgres::Statement),
}

impl<'c> Stmt<'c> {
    fn lite(&mut self) -> Option<&mut rusqlite::Statement<'c>> {
        match self {
            Stmt::Lite(s) => Some(s),
            Stmt::LiteOnce(s) => Some(s),
            Stmt::Pg(..) => None,
        }
    }

    pub fn execute(&mut self, params: &[&dyn Param]) -> Result<usize> {
        if let Some(s) = self.lite() {
            return Ok(s.execute(rusqlite::params_from_iter(params.iter().map(|p| LiteArg(p.value()))))?);
        }
        let Stmt::Pg(pg, stmt) = self else { unreachable!("not SQLite, so PostgreSQL") };
        let args = pg_args(params);
        let changed = pg.track(pg.client()?.execute(&*stmt, &pg_refs(&args)).map_err(Error::from))?;
        Ok(usize::try_from(changed).unwrap_or(usize::MAX))
    }

    pub fn query_row<T>(&mut self, params: &[&dyn Param], f: impl FnOnce(&Row<'_>) -> Result<T>) -> DbResult<T> {
        let mut f = Some(f);
        let mut out = None;
        self.rows(params, Some(1), false, |row| {
            if let Some(f) = f.take() {
                out = Some(f(row)?);
            }
            Ok(())
        })?;
        out.ok_or(DbError::NoRows)
    }

    /// Every row, mapped.
    pub fn query_map<T>(&mut self, params: &[&dyn Param], mut f: impl FnMut(&Row<'_>) -> Result<T>) -> Result<Vec<T>> {
        let mut out = Vec::new();
        self.rows(params, None, false, |row| {
            out.push(f(row)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// Calls `f` with each row (at most `limit`), without collecting them: on PostgreSQL too
    /// the rows are read from the connection as `f` takes them, so a list of 100,000 people is
    /// never held whole. `f` must not run statements on the same connection meanwhile (it gets
    /// an error if it does); [`Self::query_map`] collects first and allows it.
    pub fn each(
        &mut self,
        params: &[&dyn Param],
        limit: Option<usize>,
        f: impl FnMut(&Row<'_>) -> Result<()>,
    ) -> Result<()> {
        self.rows(params, limit, true, f)
    }

    /// `each`, with the PostgreSQL rows `streamed` from the connection or fetched all before
    /// `f` runs (then `f` may query the same connection).
    fn rows(
        &mut self,
        params: &[&dyn Param],
        limit: Option<usize>,
        streamed: bool,
        mut f: impl FnMut(&Row<'_>) -> Result<()>,
    ) -> Result<()> {
        let limit = limit.unwrap_or(usize::MAX);
        if let Some(s) = self.lite() {
            let mut rows = s.query(rusqlite::params_from_iter(params.iter().map(|p| LiteArg(p.value()))))?;
            let mut seen = 0;
            while seen < limit {
                let Some(row) = rows.next()? else { break };
                f(&Row::Lite(row))?;
                seen += 1;
            }
            return Ok(());
        }
        let Stmt::Pg(pg, stmt) = self else { unreachable!("not SQLite, so PostgreSQL") };
        let args = pg_args(params);
        if !streamed {
            let rows = pg.track(pg.client()?.query(&*stmt, &pg_refs(&args)).map_err(Error::from))?;
            for row in rows.iter().take(limit) {
                f(&Row::Pg(row))?;
            }
            return Ok(());
        }
        use postgres::fallible_iterator::FallibleIterator;
        let mut client = pg.client()?;
        let mut rows = pg.track(client.query_raw(&*stmt, pg_refs(&args)).map_err(Error::from))?;
        let mut seen = 0;
        while seen < limit {
            let Some(row) = pg.track(rows.next().map_err(Error::from))? else { break };
            f(&Row::Pg(&row))?;
            seen += 1;
        }
        Ok(())
    }
}

/// One row of a result, from either engine.
pub enum Row<'r> {
    Lite(&'r rusqlite::Row<'r>),
    Pg(&'r postgres::Row),
}

impl Row<'_> {
    /// Column `idx` as a `T`; written `r.get::<_, T>(i)` or `r.get(i)` as with rusqlite.
    pub fn get<I: ColIndex, T: Col>(&self, idx: I) -> Result<T> {
        let idx = idx.index();
        let value = match self {
            Row::Lite(r) => lite_value(r.get_ref(idx)?)?,
            Row::Pg(r) => {
                let raw: Raw<'_> =
                    r.try_get(idx).map_err(|e| Error::storage(format!("cannot read column {idx}: {e}")))?;
                raw.value()?
            }
        };
        T::from_value(value).map_err(|why| Error::storage(format!("column {idx} of the stored row {why}")))
    }
}

/// A column's position (a trait only so that `r.get::<_, T>(i)` reads as with rusqlite).
pub trait ColIndex {
    fn index(self) -> usize;
}
impl ColIndex for usize {
    fn index(self) -> usize {
        self
    }
}

/// A Rust type a column can be read as.
pub trait Col: Sized {
    fn from_value(v: Value<'_>) -> std::result::Result<Self, String>;
}

impl Col for String {
    fn from_value(v: Value<'_>) -> std::result::Result<String, String> {
        match v {
            Value::Text(t) => Ok(t.to_owned()),
            other => Err(format!("is not text ({other:?})")),
        }
    }
}
impl Col for i64 {
    fn from_value(v: Value<'_>) -> std::result::Result<i64, String> {
        match v {
            Value::Int(i) => Ok(i),
            other => Err(format!("is not an integer ({other:?})")),
        }
    }
}
macro_rules! int_col {
    ($($t:ty),*) => {$(
        impl Col for $t {
            fn from_value(v: Value<'_>) -> std::result::Result<$t, String> {
                let i = i64::from_value(v)?;
                <$t>::try_from(i).map_err(|_| format!("holds {i}, out of range"))
            }
        }
    )*};
}
int_col!(i32, u32, u16, u8, u64, usize);
impl Col for bool {
    fn from_value(v: Value<'_>) -> std::result::Result<bool, String> {
        Ok(i64::from_value(v)? != 0)
    }
}
impl Col for f64 {
    fn from_value(v: Value<'_>) -> std::result::Result<f64, String> {
        match v {
            Value::Real(r) => Ok(r),
            Value::Int(i) => Ok(i as f64),
            other => Err(format!("is not a number ({other:?})")),
        }
    }
}
impl Col for Vec<u8> {
    fn from_value(v: Value<'_>) -> std::result::Result<Vec<u8>, String> {
        match v {
            Value::Blob(b) => Ok(b.to_vec()),
            Value::Text(t) => Ok(t.as_bytes().to_vec()),
            other => Err(format!("is not bytes ({other:?})")),
        }
    }
}
impl<T: Col> Col for Option<T> {
    fn from_value(v: Value<'_>) -> std::result::Result<Option<T>, String> {
        match v {
            Value::Null => Ok(None),
            v => T::from_value(v).map(Some),
        }
    }
}

fn lite_value(v: rusqlite::types::ValueRef<'_>) -> Result<Value<'_>> {
    use rusqlite::types::ValueRef;
    Ok(match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(r) => Value::Real(r),
        ValueRef::Text(t) => Value::Text(
            std::str::from_utf8(t).map_err(|_| Error::storage("a stored text is not valid UTF-8".to_string()))?,
        ),
        ValueRef::Blob(b) => Value::Blob(b),
    })
}

/// A parameter as SQLite takes it, borrowed.
struct LiteArg<'a>(Value<'a>);

impl rusqlite::ToSql for LiteArg<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match self.0 {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(i),
            Value::Real(r) => ValueRef::Real(r),
            Value::Text(t) => ValueRef::Text(t.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

/// A parameter as PostgreSQL takes it: encoded for the type the server inferred for its
/// placeholder, so that one `Value::Int` serves a BIGINT, an INTEGER or a BOOLEAN column.
#[derive(Debug)]
struct PgArg<'a>(Value<'a>);

fn pg_args<'a>(params: &'a [&'a dyn Param]) -> Vec<PgArg<'a>> {
    params.iter().map(|p| PgArg(p.value())).collect()
}

fn pg_refs<'a>(args: &'a [PgArg<'a>]) -> Vec<&'a (dyn ToSql + Sync)> {
    args.iter().map(|a| a as &(dyn ToSql + Sync)).collect()
}

type BoxError = Box<dyn std::error::Error + Sync + Send>;

impl ToSql for PgArg<'_> {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> std::result::Result<IsNull, BoxError> {
        match self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(i)?.to_sql(ty, out),
                Type::BOOL => (i != 0).to_sql(ty, out),
                Type::FLOAT8 => (i as f64).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR | Type::UNKNOWN => i.to_string().as_str().to_sql(&Type::TEXT, out),
                _ => Err(format!("an integer cannot be stored as {ty}").into()),
            },
            Value::Real(r) => match *ty {
                Type::FLOAT8 => r.to_sql(ty, out),
                Type::FLOAT4 => (r as f32).to_sql(ty, out),
                _ => Err(format!("a real number cannot be stored as {ty}").into()),
            },
            Value::Text(t) => match *ty {
                Type::JSON => {
                    out.extend_from_slice(t.as_bytes());
                    Ok(IsNull::No)
                }
                Type::JSONB => {
                    out.extend_from_slice(&[1]);
                    out.extend_from_slice(t.as_bytes());
                    Ok(IsNull::No)
                }
                Type::BYTEA => t.as_bytes().to_sql(ty, out),
                _ => t.to_sql(&Type::TEXT, out),
            },
            Value::Blob(b) => b.to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// A column as PostgreSQL sent it, decoded by its type into a `Value`.
struct Raw<'a>(Option<(&'a [u8], Type)>);

impl<'a> FromSql<'a> for Raw<'a> {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> std::result::Result<Raw<'a>, BoxError> {
        Ok(Raw(Some((raw, ty.clone()))))
    }
    fn from_sql_null(_: &Type) -> std::result::Result<Raw<'a>, BoxError> {
        Ok(Raw(None))
    }
    fn accepts(_: &Type) -> bool {
        true
    }
}

impl<'a> Raw<'a> {
    fn value(&self) -> Result<Value<'a>> {
        let Some((raw, ty)) = &self.0 else { return Ok(Value::Null) };
        let raw: &'a [u8] = raw;
        let bad = |e: BoxError| Error::storage(format!("cannot decode a {ty} column: {e}"));
        Ok(match *ty {
            Type::INT8 => Value::Int(i64::from_sql(ty, raw).map_err(bad)?),
            Type::INT4 => Value::Int(i32::from_sql(ty, raw).map_err(bad)?.into()),
            Type::INT2 => Value::Int(i16::from_sql(ty, raw).map_err(bad)?.into()),
            Type::BOOL => Value::Int(bool::from_sql(ty, raw).map_err(bad)?.into()),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw).map_err(bad)?),
            Type::FLOAT4 => Value::Real(f32::from_sql(ty, raw).map_err(bad)?.into()),
            Type::BYTEA => Value::Blob(raw),
            Type::JSONB => {
                Value::Text(std::str::from_utf8(raw.get(1..).unwrap_or_default()).map_err(|e| bad(e.into()))?)
            }
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::JSON | Type::UNKNOWN => {
                Value::Text(std::str::from_utf8(raw).map_err(|e| bad(e.into()))?)
            }
            _ => {
                return Err(Error::storage(format!(
                    "the store cannot read a column of type {ty}; cast it in the query"
                )))
            }
        })
    }
}

/// `?1` → `$1`, and a bare `?` → the next number, outside quoted text and identifiers.
fn dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut quote: Option<char> = None;
    let mut next = 1;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == '?' => {
                out.push('$');
                let mut digits = String::new();
                while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                    digits.push(d);
                    chars.next();
                }
                if digits.is_empty() {
                    out.push_str(&next.to_string());
                    next += 1;
                } else {
                    out.push_str(&digits);
                }
            }
            None => out.push(c),
        }
    }
    out
}

impl fmt::Debug for Db {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Db({:?})", self.engine())
    }
}

#[cfg(test)]
mod tests {
    use super::dollar_placeholders;
    use crate::store::{testing, Engine};

    /// A query both engines take, giving `values` in order.
    fn numbers(values: &[i64]) -> String {
        values.iter().map(|v| format!("SELECT CAST({v} AS BIGINT)")).collect::<Vec<_>>().join(" UNION ALL ")
    }

    /// `each` hands the rows over as they come from the connection: on the team database the
    /// connection is still reading them while `f` runs, so a statement `f` sends there is
    /// refused with an error (no panic), and the connection serves again once the list ends.
    /// `query_map` fetches first, so there `f` may query. SQLite allows both.
    #[test]
    fn a_list_is_handed_over_row_by_row() {
        let store = testing::store();
        store
            .read(|tx| {
                let conn = tx.conn;
                let mut seen = Vec::new();
                let mut nested = Vec::new();
                conn.prepare(&numbers(&[1, 2, 3]))?.each(&[], None, |row| {
                    seen.push(row.get::<_, i64>(0)?);
                    nested.push(conn.query_row(&numbers(&[7]), &[], |r| r.get::<_, i64>(0)).is_ok());
                    Ok(())
                })?;
                assert_eq!(seen, [1, 2, 3]);
                let streamed = conn.engine() == Engine::Postgres;
                assert_eq!(nested, [!streamed; 3], "a statement inside a streamed list");
                let mapped = conn.prepare(&numbers(&[4, 5]))?.query_map(&[], |row| {
                    Ok(row.get::<_, i64>(0)? + conn.query_row(&numbers(&[1]), &[], |r| r.get::<_, i64>(0))?)
                })?;
                assert_eq!(mapped, [5, 6]);
                Ok(())
            })
            .expect("the reads");
    }

    #[test]
    fn placeholders_become_numbered_outside_quotes() {
        assert_eq!(
            dollar_placeholders("SELECT a FROM t WHERE b = ?1 AND c = ?12"),
            "SELECT a FROM t WHERE b = $1 AND c = $12"
        );
        assert_eq!(dollar_placeholders("VALUES (?, ?, '?', \"a?\")"), "VALUES ($1, $2, '?', \"a?\")");
        assert_eq!(dollar_placeholders("id >= ?1 AND id < ?1 || '~'"), "id >= $1 AND id < $1 || '~'");
    }
}
