//! Team mode: the store on a shared PostgreSQL database.
//!
//! Writes keep SQLite's model: one writer at a time. Each write transaction takes one
//! transaction-level advisory lock before it reads what it decides from, as SQLite's
//! `BEGIN IMMEDIATE` takes the file's write lock, so every operation written for the laptop is
//! correct on the server unchanged (READ COMMITTED then reads what the previous writer
//! committed). Reads run in REPEATABLE READ snapshots and never wait for writers.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use super::db::{params, Db};
use crate::audit::model::Actor;
use crate::error::{Error, Reason, Result};

/// The schema changes for PostgreSQL, by the version they bring the database to. Team
/// databases start at version 13, which creates the whole schema at once.
pub(super) const MIGRATIONS: &[(u32, &str)] = &[
    (13, include_str!("migrations/postgres/0013_team.sql")),
    (14, include_str!("migrations/postgres/0014_import_value_choices.sql")),
    (15, include_str!("migrations/postgres/0015_desk_scans.sql")),
    (16, include_str!("migrations/postgres/0016_search_without_article.sql")),
    (17, include_str!("migrations/postgres/0017_bilingual_names.sql")),
    (18, include_str!("migrations/postgres/0018_bilingual_pledge_names.sql")),
    (19, include_str!("migrations/postgres/0019_import_audit.sql")),
    (20, include_str!("migrations/postgres/0020_event_signatories.sql")),
    (21, include_str!("migrations/postgres/0021_event_arabic_digits.sql")),
];

/// The advisory lock every write transaction takes: its key spells "MUNT".
const WRITE_LOCK: i64 = 0x4D55_4E54;

/// How long connecting may take before it is reported as failed.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Where the data is: this computer's own file, or a team's database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    File(PathBuf),
    Team(TeamTarget),
}

impl Location {
    /// `postgres://…` (or `postgresql://…`) names a team database; anything else is a file.
    pub fn parse(value: &str) -> Result<Location> {
        if value.starts_with("postgres://") || value.starts_with("postgresql://") {
            Ok(Location::Team(TeamTarget::parse(value)?))
        } else {
            Ok(Location::File(PathBuf::from(value)))
        }
    }
}

/// How the connection to a team database is protected, by libpq's `sslmode` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    /// In clear: only to a server on this computer, where nothing crosses a network.
    Disable,
    /// TLS, with the server's certificate chain checked against the CAs this computer trusts
    /// (and `sslrootcert`), and its name against the host connected to.
    VerifyFull,
}

impl TlsMode {
    pub fn as_str(self) -> &'static str {
        match self {
            TlsMode::Disable => "disable",
            TlsMode::VerifyFull => "verify-full",
        }
    }
}

/// A team database, as named by a `postgres://user@host:port/dbname[?sslmode=…&sslrootcert=…]`
/// address. It never holds a password: that comes from `PGPASSWORD`, `~/.pgpass` or the
/// person, when connecting.
#[derive(Clone, PartialEq, Eq)]
pub struct TeamTarget {
    pub host: String,
    pub port: u16,
    pub dbname: String,
    pub user: String,
    /// Server options (`-c search_path=…`), from the address's `options` parameter.
    pub options: Option<String>,
    /// `disable` only for a loopback host (its default); `verify-full` for any other.
    pub tls: TlsMode,
    /// A CA certificate file (PEM) trusted for this server besides the computer's own.
    pub root_cert: Option<PathBuf>,
}

impl TeamTarget {
    pub fn parse(url: &str) -> Result<TeamTarget> {
        let refuse = |why: String| Error::invalid("db", Reason::InvalidValue, why);
        // `postgres::Config` knows neither `verify-full` nor `sslrootcert`: those two are
        // taken out here and the rest of the address is left to it.
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let mut kept = Vec::new();
        let (mut sslmode, mut root_cert) = (None, None);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decoded = || percent_encoding::percent_decode_str(value).decode_utf8_lossy().into_owned();
            match key {
                "sslmode" => sslmode = Some(decoded()),
                "sslrootcert" => root_cert = Some(decoded()),
                _ => kept.push(pair),
            }
        }
        let rest = if kept.is_empty() { base.to_owned() } else { format!("{base}?{}", kept.join("&")) };
        let config = postgres::Config::from_str(&rest)
            .map_err(|e| refuse(format!("not a PostgreSQL address (postgres://user@host:port/dbname): {e}")))?;
        if config.get_password().is_some() {
            return Err(refuse(
                "the address must not hold the password: remove it, and give it through PGPASSWORD, \
                 ~/.pgpass or when asked"
                    .into(),
            ));
        }
        let host = match config.get_hosts() {
            [postgres::config::Host::Tcp(h)] => h.clone(),
            [] => return Err(refuse("the address names no host".into())),
            _ => return Err(refuse("give one host name or address (postgres://user@host:port/dbname)".into())),
        };
        let user = config.get_user().map(str::to_owned).filter(|u| !u.is_empty());
        let user = user.ok_or_else(|| refuse("the address names no user (postgres://user@host/dbname)".into()))?;
        let dbname = config.get_dbname().map(str::to_owned).filter(|d| !d.is_empty());
        let dbname =
            dbname.ok_or_else(|| refuse("the address names no database (postgres://user@host/dbname)".into()))?;
        let port = config.get_ports().first().copied().unwrap_or(5432);
        let root_cert = match root_cert {
            Some(path) if path.trim().is_empty() => {
                return Err(refuse("sslrootcert= names no file: give the CA certificate's path".into()))
            }
            path => path.map(PathBuf::from),
        };
        let mut target = TeamTarget {
            host,
            port,
            dbname,
            user,
            options: config.get_options().map(str::to_owned),
            tls: TlsMode::VerifyFull,
            root_cert,
        };
        target.tls = match sslmode.as_deref() {
            None => target.default_tls(),
            Some("verify-full") => TlsMode::VerifyFull,
            Some("disable") if target.root_cert.is_some() => {
                return Err(refuse("sslmode=disable and sslrootcert= contradict each other: remove one".into()))
            }
            Some("disable") if target.is_loopback() => TlsMode::Disable,
            Some("disable") => {
                return Err(refuse(format!(
                    "sslmode=disable is only for a server on this computer: {} is reached over the network, \
                     where the password and the data would travel unprotected; remove sslmode= to use \
                     verify-full",
                    target.host
                )))
            }
            Some(other) => {
                return Err(refuse(format!(
                    "sslmode={other} is not offered: use verify-full (the server's certificate and name are \
                     checked), or disable for a server on this computer"
                )))
            }
        };
        Ok(target)
    }

    /// The mode when the address names none: in clear only to this computer, and only when
    /// no CA is named (naming one means the person wants the server checked).
    pub fn default_tls(&self) -> TlsMode {
        match self.is_loopback() && self.root_cert.is_none() {
            true => TlsMode::Disable,
            false => TlsMode::VerifyFull,
        }
    }

    /// The address as `parse` reads it back, with its TLS parameters when they are not the
    /// host's default (the settings keep this; it never holds the password).
    pub fn url(&self) -> String {
        let mut params = Vec::new();
        if self.tls != self.default_tls() {
            params.push(format!("sslmode={}", self.tls.as_str()));
        }
        if let Some(path) = &self.root_cert {
            let path = path.to_string_lossy();
            params.push(format!(
                "sslrootcert={}",
                percent_encoding::utf8_percent_encode(&path, percent_encoding::NON_ALPHANUMERIC)
            ));
        }
        match params.is_empty() {
            true => self.to_string(),
            false => format!("{self}?{}", params.join("&")),
        }
    }

    /// "forum-2025 on db.example.org", as the header shows it.
    pub fn describe(&self) -> String {
        format!("{} on {}", self.dbname, self.host)
    }

    /// The password as libpq would find it: `PGPASSWORD`, then `~/.pgpass` (or `PGPASSFILE`).
    pub fn password_from_environment(&self) -> Option<String> {
        if let Some(p) = std::env::var_os("PGPASSWORD").and_then(|p| p.into_string().ok()) {
            return Some(p);
        }
        let file = std::env::var_os("PGPASSFILE")
            .map(PathBuf::from)
            .or_else(|| dirs::home_dir().map(|h| h.join(".pgpass")))?;
        self.password_in_pgpass(&std::fs::read_to_string(file).ok()?)
    }

    /// The first `host:port:database:user:password` line of a pgpass file that matches.
    fn password_in_pgpass(&self, text: &str) -> Option<String> {
        let port = self.port.to_string();
        text.lines().filter(|l| !l.trim_start().starts_with('#')).find_map(|line| {
            let fields = split_pgpass(line);
            let [host, p, db, user, password] = fields.as_slice() else { return None };
            let fits = |pattern: &str, value: &str| pattern == "*" || pattern == value;
            (fits(host, &self.host) && fits(p, &port) && fits(db, &self.dbname) && fits(user, &self.user))
                .then(|| password.clone())
        })
    }

    /// Whether the server is on this computer (TLS is then not required).
    pub fn is_loopback(&self) -> bool {
        self.host == "localhost" || self.host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }

    fn config(&self, password: Option<&str>) -> postgres::Config {
        let mut config = postgres::Config::new();
        config
            .host(&self.host)
            .port(self.port)
            .dbname(&self.dbname)
            .user(&self.user)
            .application_name("muntada")
            .connect_timeout(CONNECT_TIMEOUT);
        if let Some(options) = &self.options {
            config.options(options);
        }
        if let Some(password) = password {
            config.password(password);
        }
        config
    }

    /// Opens a connection (no schema check): for `team` administration and the tests.
    pub fn connect(&self, password: Option<&str>) -> Result<postgres::Client> {
        let mut config = self.config(password);
        match self.tls {
            TlsMode::Disable if !self.is_loopback() => Err(Error::invalid(
                "db",
                Reason::InvalidValue,
                format!("{} is not on this computer: a connection to it must use TLS (sslmode=verify-full)", self.host),
            )),
            TlsMode::Disable => {
                config.ssl_mode(postgres::config::SslMode::Disable);
                config.connect(postgres::NoTls).map_err(|e| self.failed(e))
            }
            TlsMode::VerifyFull => {
                // Require: no fallback to clear text; the connector checks chain and name.
                config.ssl_mode(postgres::config::SslMode::Require);
                config.connect(tls::connector(self.root_cert.as_deref())?).map_err(|e| self.failed(e))
            }
        }
    }

    /// A connection failure with its own reason, naming the server and what went wrong, never
    /// the password.
    fn failed(&self, e: postgres::Error) -> Error {
        use postgres::error::SqlState;
        let (reason, why) = match e.as_db_error() {
            Some(db) if db.code() == &SqlState::INVALID_PASSWORD => {
                (Reason::PasswordRefused, "the password was refused".to_string())
            }
            // The server's refusals of the login itself: no such role, no pg_hba.conf entry.
            Some(db) if db.code() == &SqlState::INVALID_AUTHORIZATION_SPECIFICATION => {
                (Reason::PasswordRefused, db.message().to_string())
            }
            Some(db) if db.code() == &SqlState::INVALID_CATALOG_NAME => (Reason::NoDatabase, db.message().to_string()),
            Some(db) => (Reason::Storage, db.message().to_string()),
            None => tls::classify(&e, &self.host),
        };
        Error::storage_because(
            reason,
            format!("cannot connect to the team database {} as {}: {why}", self.describe(), self.user),
        )
    }
}

/// TLS for team connections: rustls with the ring provider.
mod tls {
    use std::error::Error as _;
    use std::path::Path;
    use std::sync::{Arc, OnceLock};

    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::CertificateDer;
    use rustls::{CertificateError, RootCertStore};

    use crate::error::{Error, Reason, Result};

    /// This computer's trusted CAs, read once per process: a reconnect does not read the
    /// system's certificate files again.
    fn native_roots() -> &'static [CertificateDer<'static>] {
        static ROOTS: OnceLock<Vec<CertificateDer<'static>>> = OnceLock::new();
        // A computer without a trust store still reaches a server whose CA is given.
        ROOTS.get_or_init(|| rustls_native_certs::load_native_certs().certs)
    }

    /// A connector that checks the server's chain against the computer's CAs and `root_cert`,
    /// and its name against the host (rustls' WebPKI verifier does both).
    pub(super) fn connector(root_cert: Option<&Path>) -> Result<tokio_postgres_rustls::MakeRustlsConnect> {
        let mut roots = RootCertStore::empty();
        roots.add_parsable_certificates(native_roots().iter().cloned());
        if let Some(path) = root_cert {
            let refuse = |why: String| Error::invalid("sslrootcert", Reason::InvalidValue, why);
            let certs = CertificateDer::pem_file_iter(path)
                .and_then(|certs| certs.collect::<std::result::Result<Vec<_>, _>>())
                .map_err(|e| refuse(format!("cannot read the CA certificate {}: {e}", path.display())))?;
            if certs.is_empty() {
                return Err(refuse(format!(
                    "{} holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
                    path.display()
                )));
            }
            for cert in certs {
                roots.add(cert).map_err(|e| refuse(format!("{}: not a CA certificate: {e}", path.display())))?;
            }
        }
        // ring, not aws-lc-rs: no C/cmake build and a smaller binary (README, Team mode).
        // rustls 0.23.48 deprecated it for lacking post-quantum key exchange; aws-lc-rs is
        // the way to get that when the budget allows.
        #[allow(deprecated)]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| Error::internal(format!("TLS: {e}")))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
    }

    /// Why a connection failed before the server said anything: the reason and the words.
    pub(super) fn classify(e: &postgres::Error, host: &str) -> (Reason, String) {
        // The I/O error under it, if any: rustls' refusals travel inside one.
        let mut source = e.source();
        while let Some(s) = source {
            if let Some(io) = s.downcast_ref::<std::io::Error>() {
                if let Some(tls) = io.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
                    return certificate(tls, host);
                }
                let reason = match io.kind() {
                    std::io::ErrorKind::TimedOut => Reason::TimedOut,
                    _ => Reason::Unreachable,
                };
                return (reason, format!("{e}: {io}"));
            }
            source = s.source();
        }
        // The library's words and those of the deepest cause, as people read them.
        let mut detail = e.to_string();
        let mut source = e.source();
        while let Some(s) = source {
            detail = format!("{e}: {s}");
            source = s.source();
        }
        // tokio-postgres says this in words only; tests/it/team.rs pins them against a server.
        if detail.contains("server does not support TLS") {
            let why = format!(
                "{host} does not offer TLS ({detail}); its administrator must turn ssl on (connecting in clear, \
                 sslmode=disable, is only for a server on this computer)"
            );
            return (Reason::TlsUnavailable, why);
        }
        (Reason::Storage, detail)
    }

    fn certificate(error: &rustls::Error, host: &str) -> (Reason, String) {
        match error {
            rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            ) => (
                Reason::CertificateWrongHost,
                format!(
                    "the server's certificate is not for {host} ({error}): connect with the host name the \
                     certificate names, or ask its administrator for a certificate for {host}"
                ),
            ),
            rustls::Error::InvalidCertificate(_) => (
                Reason::CertificateUntrusted,
                format!(
                    "the certificate of {host} is not trusted ({error}): if the server uses its own CA, add its \
                     certificate with sslrootcert=PATH (the app: CA certificate file)"
                ),
            ),
            other => (Reason::Storage, format!("TLS with {host} failed: {other}")),
        }
    }
}

impl fmt::Debug for TeamTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The identity of the database (the keyring's key), without the TLS parameters.
        write!(f, "postgres://{}@{}:{}/{}", self.user, self.host, self.port, self.dbname)
    }
}

impl fmt::Display for TeamTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// Splits a pgpass line at unescaped colons (`\:` and `\\` are a colon and a backslash).
fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => fields.last_mut().unwrap_or(&mut String::new()).extend(chars.next()),
            ':' => fields.push(String::new()),
            c => fields.last_mut().unwrap_or(&mut String::new()).push(c),
        }
    }
    fields
}

impl super::Store {
    /// Connects to a team database and brings its schema up to date.
    pub fn connect(target: &TeamTarget, password: Option<&str>) -> Result<super::Store> {
        let client = target.connect(password)?;
        let conn = Db::postgres(client);
        conn.set_lock_timeout(super::BUSY_TIMEOUT)?;
        // On a team database the login is who acts: the server knows it, and a desk cannot
        // claim another name in the audit trail.
        let actor = Actor::new(&target.user);
        let mut store =
            super::Store { conn, path: None, actor, team: Some(target.clone()), password: password.map(str::to_owned) };
        store
            .migrate()
            .map_err(|e| Error { message: format!("cannot use {}: {}", target.describe(), e.message), ..e })?;
        Ok(store)
    }

    /// After the connection to the server was lost (a network drop, a server restart),
    /// connects again before the next transaction: what was being written when it dropped
    /// was rolled back by the server, and the caller was told. `write` and `read` do it
    /// themselves; reads made straight on the store call it first.
    pub fn reconnect_if_lost(&self) -> Result<()> {
        let Some(target) = &self.team else { return Ok(()) };
        if !self.conn.is_closed() {
            return Ok(());
        }
        let client = target.connect(self.password.as_deref())?;
        self.conn.replace_client(client)
    }

    /// Whether the connection to the team database is lost (it is tried again at the next
    /// read or write); always false for a file.
    pub fn connection_lost(&self) -> bool {
        self.conn.is_closed()
    }

    /// The team database this store is connected to (none for a file).
    pub fn team(&self) -> Option<&TeamTarget> {
        self.team.as_ref()
    }
}

/// Starts a write transaction: later writers wait for this one, as on SQLite.
pub(super) fn begin_write(conn: &Db) -> Result<()> {
    conn.execute_batch("BEGIN ISOLATION LEVEL READ COMMITTED")?;
    let locked = conn.query_row("SELECT pg_advisory_xact_lock(?1)::text", params![WRITE_LOCK], |_| Ok(()));
    match locked {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            let e = Error::from(e);
            if e.message.contains("55P03") {
                Err(Error::storage_because(
                    Reason::Busy,
                    "the team database is busy: another desk's change is taking long; nothing was written, try again",
                ))
            } else {
                Err(e)
            }
        }
    }
}

/// Creates or updates the schema, under the write lock so that two apps starting at once do
/// not both migrate.
pub(super) fn migrate(conn: &Db, actor: &Actor) -> Result<()> {
    begin_write(conn)?;
    let result = (|| {
        // A login of the team may not create tables: look before creating.
        let present: bool = conn
            .query_row("SELECT to_regclass('muntada_schema') IS NOT NULL", params![], |r| r.get(0))
            .map_err(Error::from)?;
        let found: Option<u32> = match present {
            true => conn
                .query_row("SELECT max(version) FROM muntada_schema", params![], |r| r.get(0))
                .map_err(Error::from)?,
            false => None,
        };
        let found = found.unwrap_or(0);
        let known = super::schema_version();
        if found > known {
            return Err(Error::storage_because(
                Reason::SchemaTooNew,
                format!(
                    "the database was written by a newer Muntada (schema {found}, this one knows {known}); \
                     update Muntada on this computer"
                ),
            ));
        }
        if found == known {
            return Ok(());
        }
        if !present {
            conn.execute_batch("CREATE TABLE muntada_schema (version BIGINT NOT NULL)")?;
        }
        for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > found) {
            conn.execute_batch(sql)
                .map_err(|e| Error { message: format!("migration {version}: {}", e.message), ..e })?;
        }
        super::after_migrations(conn, actor, found)?;
        conn.execute("DELETE FROM muntada_schema", params![])?;
        conn.execute("INSERT INTO muntada_schema (version) VALUES (?1)", params![known])?;
        grant_roles(conn)
    })();
    super::finish(conn, result, "COMMIT", "ROLLBACK")
}

/// The version PostgreSQL's migrations end at: must be the version SQLite's end at.
#[cfg(test)]
fn schema_version() -> u32 {
    MIGRATIONS.last().map_or(0, |(v, _)| *v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_engines_end_at_the_same_schema_version() {
        assert_eq!(schema_version(), crate::store::schema_version());
    }

    #[test]
    fn addresses_name_a_server_and_never_a_password() {
        let t = TeamTarget::parse("postgres://desk1@db.example.org:6543/forum-2025").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.dbname.as_str(), t.user.as_str()),
            ("db.example.org", 6543, "forum-2025", "desk1")
        );
        assert_eq!(t.describe(), "forum-2025 on db.example.org");
        let e = TeamTarget::parse("postgres://desk1:secret@db.example.org/forum").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("db"));
        assert!(!e.message.contains("secret"), "{}", e.message);
        assert!(TeamTarget::parse("postgres://db.example.org/forum").is_err(), "no user");
        assert!(TeamTarget::parse("postgres://u@db.example.org").is_err(), "no database");
        assert!(matches!(Location::parse("/tmp/a.db").unwrap(), Location::File(_)));
    }

    #[test]
    fn tls_is_verify_full_by_default_and_off_only_on_this_computer() {
        let check = |url: &str, expected: std::result::Result<TlsMode, &str>| {
            let got = TeamTarget::parse(url).map(|t| t.tls).map_err(|e| e.message);
            match (&got, expected) {
                (Ok(mode), Ok(want)) => assert_eq!(*mode, want, "{url}"),
                (Err(message), Err(says)) => assert!(message.contains(says), "{url}: {message}"),
                _ => panic!("{url}: {got:?}"),
            }
        };
        check("postgres://u@db.example.org/forum", Ok(TlsMode::VerifyFull));
        check("postgres://u@10.0.0.5/forum", Ok(TlsMode::VerifyFull));
        check("postgres://u@db.example.org/forum?sslmode=verify-full", Ok(TlsMode::VerifyFull));
        check("postgres://u@127.0.0.1/forum", Ok(TlsMode::Disable));
        check("postgres://u@localhost/forum?sslmode=disable", Ok(TlsMode::Disable));
        check("postgres://u@localhost/forum?sslmode=verify-full", Ok(TlsMode::VerifyFull));
        // Naming a CA asks for the server to be checked, on this computer too.
        check("postgres://u@127.0.0.1/forum?sslrootcert=/tmp/ca.pem", Ok(TlsMode::VerifyFull));
        check("postgres://u@db.example.org/forum?sslmode=disable", Err("db.example.org is reached over the network"));
        check("postgres://u@db.example.org/forum?sslmode=require", Err("sslmode=require is not offered"));
        check("postgres://u@db.example.org/forum?sslmode=prefer", Err("sslmode=prefer is not offered"));
        check("postgres://u@127.0.0.1/forum?sslmode=disable&sslrootcert=/ca.pem", Err("contradict"));
        check("postgres://u@db.example.org/forum?sslrootcert=", Err("names no file"));
        let e = TeamTarget::parse("postgres://u@db.example.org/forum?sslmode=disable").unwrap_err();
        assert_eq!((e.kind, e.field.as_deref()), (crate::ErrorKind::InvalidInput, Some("db")));
    }

    #[test]
    fn addresses_keep_their_tls_parameters_through_the_settings() {
        let t = TeamTarget::parse(
            "postgres://desk1@db.example.org:6543/forum?sslrootcert=%2Fhome%2Fa%20b%2Fca.pem&options=-c%20x%3D1",
        )
        .unwrap();
        assert_eq!(t.root_cert.as_deref(), Some(std::path::Path::new("/home/a b/ca.pem")));
        assert_eq!(t.options.as_deref(), Some("-c x=1"));
        // The keyring's key stays the database's identity, whatever the TLS settings.
        assert_eq!(t.to_string(), "postgres://desk1@db.example.org:6543/forum");
        let back = TeamTarget::parse(&t.url()).unwrap();
        assert_eq!((back.tls, back.root_cert.clone()), (t.tls, t.root_cert.clone()));
        for url in [
            "postgres://u@db.example.org:5432/forum",
            "postgres://u@127.0.0.1:5432/forum",
            "postgres://u@127.0.0.1:5432/forum?sslmode=verify-full",
        ] {
            assert_eq!(TeamTarget::parse(url).unwrap().url(), url);
        }
    }

    #[test]
    fn pgpass_lines_match_by_field_with_wildcards_and_escapes() {
        let t = TeamTarget::parse("postgres://desk1@127.0.0.1:5433/forum").unwrap();
        let file = "# comment\n127.0.0.1:5433:other:desk1:no\n*:5433:forum:desk1:pa\\:ss\\\\w\n*:*:*:*:later\n";
        assert_eq!(t.password_in_pgpass(file).as_deref(), Some("pa:ss\\w"));
        assert_eq!(t.password_in_pgpass("h:1:d:u:p\n"), None);
        assert!(t.is_loopback());
    }
}

crate::word::word_enum!(
    /// What a team login may change. Every role reads everything; PostgreSQL enforces the rest.
    TeamRole {
        Registration = "registration",
        Programme = "programme",
        Coordinator = "coordinator",
        Admin = "admin",
    }
);

impl TeamRole {
    /// The PostgreSQL role (NOLOGIN) that logins of this kind are members of.
    pub fn group(self) -> String {
        format!("muntada_{}", self.as_str())
    }

    /// The tables this role writes (insert, update, delete); `None`: all of them.
    fn writes(self) -> Option<&'static [&'static str]> {
        match self {
            TeamRole::Registration => Some(&[
                "participants",
                "participant_answers",
                "session_signups",
                "delegations",
                "import_value_choices",
                "desk_scans",
            ]),
            TeamRole::Programme => Some(&[
                "rooms",
                "sessions",
                "speakers",
                "session_speakers",
                "speaker_availability",
                "programme_settings",
                "releases",
            ]),
            TeamRole::Coordinator => Some(&[
                "pledges",
                "pledge_years",
                "pledge_donors",
                "outcome_versions",
                "outcome_sections",
                "outcome_section_sessions",
            ]),
            TeamRole::Admin => None,
        }
    }
}

/// A login of the team and its role.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TeamUser {
    pub name: String,
    pub role: TeamRole,
}

/// Creates the four roles if the server lacks them and grants them what they may do on this
/// database's tables: run at every connection that migrated, so tables added later are covered.
fn grant_roles(conn: &Db) -> Result<()> {
    // GRANT … IN SCHEMA takes a name, not an expression: name the schema in use.
    let schema: String =
        conn.query_row("SELECT current_schema()::text", params![], |r| r.get(0)).map_err(Error::from)?;
    let schema = quote_ident(&schema);
    for role in TeamRole::ALL {
        let group = role.group();
        let exists: i64 = conn
            .query_row("SELECT count(*) FROM pg_roles WHERE rolname = ?1", params![group], |r| r.get(0))
            .map_err(Error::from)?;
        if exists == 0 {
            conn.execute_batch(&format!("CREATE ROLE {group} NOLOGIN"))?;
        }
        let writes = match role.writes() {
            Some(tables) => format!("GRANT INSERT, UPDATE, DELETE ON {} TO {group};", tables.join(", ")),
            None => format!(
                "GRANT ALL ON ALL TABLES IN SCHEMA {schema} TO {group};
                 GRANT ALL ON ALL SEQUENCES IN SCHEMA {schema} TO {group};"
            ),
        };
        conn.execute_batch(&format!(
            "GRANT USAGE ON SCHEMA {schema} TO {group};
             GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {group};
             GRANT INSERT ON audit_log TO {group};
             GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {group};
             {writes}"
        ))?;
    }
    Ok(())
}

/// A login name as the team commands accept it: lower-case letters, digits, `_`, `.` and `-`,
/// starting with a letter, at most 63 bytes (PostgreSQL's limit), and not a role of Muntada's.
pub fn check_login_name(name: &str) -> Result<&str> {
    let ok = name.len() <= 63
        && name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-'))
        && !name.starts_with("muntada_")
        && !name.starts_with("pg_");
    if ok {
        Ok(name)
    } else {
        Err(Error::invalid(
            "name",
            Reason::InvalidValue,
            format!(
                "{name:?} cannot be a login: use lower-case letters, digits, '_', '.' or '-', starting with a \
                 letter, at most 63 characters (and not muntada_… or pg_…)"
            ),
        ))
    }
}

fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

impl super::Store {
    /// Adds a login in `role`. Only its SCRAM verifier reaches the server, never the password.
    pub fn add_team_user(&self, name: &str, role: TeamRole, password: &str) -> Result<TeamUser> {
        let name = check_login_name(name)?;
        if password.chars().count() < 8 {
            return Err(Error::invalid("password", Reason::InvalidValue, "use at least 8 characters"));
        }
        let conn = self.team_conn()?;
        let taken: i64 = conn
            .query_row("SELECT count(*) FROM pg_roles WHERE rolname = ?1", params![name], |r| r.get(0))
            .map_err(Error::from)?;
        if taken > 0 {
            return Err(Error::invalid("name", Reason::Duplicate, format!("the server already has a login {name:?}")));
        }
        let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
        let extra = if role == TeamRole::Admin { " CREATEROLE" } else { "" };
        conn.execute_batch(&format!(
            "CREATE ROLE {} LOGIN{extra} PASSWORD '{verifier}' IN ROLE {}",
            quote_ident(name),
            role.group()
        ))?;
        Ok(TeamUser { name: name.to_owned(), role })
    }

    /// The role of the login this store is connected as: `None` for a file (one person, who
    /// may do everything), `Admin` for a login that owns the database or is a superuser.
    pub fn team_role(&self) -> Result<Option<TeamRole>> {
        if self.team.is_none() {
            return Ok(None);
        }
        let (superuser, groups): (bool, Option<String>) = self
            .conn
            .query_row(
                "SELECT r.rolsuper OR r.rolname = (SELECT pg_get_userbyid(datdba)::text FROM pg_database
                                                   WHERE datname = current_database()),
                        (SELECT string_agg(g.rolname::text, ',') FROM pg_auth_members m
                           JOIN pg_roles g ON g.oid = m.roleid
                          WHERE m.member = r.oid AND g.rolname LIKE 'muntada\\_%')
                   FROM pg_roles r WHERE r.rolname = current_user",
                params![],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(Error::from)?;
        if superuser {
            return Ok(Some(TeamRole::Admin));
        }
        // A login in several roles is shown as the widest; the server enforces each anyway.
        let groups = groups.unwrap_or_default();
        let role = [TeamRole::Admin, TeamRole::Coordinator, TeamRole::Programme, TeamRole::Registration]
            .into_iter()
            .find(|r| groups.split(',').any(|g| g == r.group()));
        Ok(role)
    }

    /// The logins in Muntada's roles, by name.
    pub fn team_users(&self) -> Result<Vec<TeamUser>> {
        let conn = self.team_conn()?;
        let mut stmt = conn.prepare_cached(
            "SELECT r.rolname::text, g.rolname::text FROM pg_roles r
             JOIN pg_auth_members m ON m.member = r.oid JOIN pg_roles g ON g.oid = m.roleid
             WHERE r.rolcanlogin AND g.rolname IN ('muntada_registration', 'muntada_programme',
                   'muntada_coordinator', 'muntada_admin')
             ORDER BY r.rolname, g.rolname",
        )?;
        stmt.query_map(params![], |r| {
            let group: String = r.get(1)?;
            Ok(TeamUser { name: r.get(0)?, role: TeamRole::parse("role", group.trim_start_matches("muntada_"))? })
        })
    }

    /// Removes a login of the team (not one outside Muntada's roles).
    pub fn remove_team_user(&self, name: &str) -> Result<()> {
        let name = check_login_name(name)?;
        if !self.team_users()?.iter().any(|u| u.name == name) {
            return Err(Error::not_found("name", "team login", name));
        }
        self.team_conn()?.execute_batch(&format!("DROP ROLE {}", quote_ident(name)))
    }

    fn team_conn(&self) -> Result<&Db> {
        match self.conn.engine() {
            super::Engine::Postgres => Ok(&self.conn),
            super::Engine::Sqlite => Err(Error::invalid(
                "db",
                Reason::InvalidValue,
                "team logins belong to a team database: give --db postgres://…",
            )),
        }
    }
}

/// What changed in a team database, as the desks are told: the tables a committed
/// transaction wrote to (see the `muntada_notify` triggers).
pub struct Listener {
    client: postgres::Client,
}

impl Listener {
    /// A second connection that only listens.
    pub fn start(target: &TeamTarget, password: Option<&str>) -> Result<Listener> {
        let mut client = target.connect(password)?;
        client.batch_execute("LISTEN muntada").map_err(Error::from)?;
        Ok(Listener { client })
    }

    /// Waits up to `timeout` for changes; the tables named (each once), empty when nothing
    /// changed. An error means the connection was lost: start a new listener.
    pub fn wait(&mut self, timeout: Duration) -> Result<Vec<String>> {
        use postgres::fallible_iterator::FallibleIterator;
        let mut tables: Vec<String> = Vec::new();
        {
            let mut notifications = self.client.notifications();
            let first = notifications.timeout_iter(timeout).next().map_err(Error::from)?;
            tables.extend(first.map(|n| n.payload().to_owned()));
            // Whatever else already arrived with it, without waiting again.
            let mut rest = notifications.iter();
            while let Some(n) = rest.next().map_err(Error::from)? {
                if !tables.iter().any(|t| t == n.payload()) {
                    tables.push(n.payload().to_owned());
                }
            }
        }
        if self.client.is_closed() {
            return Err(Error::storage_because(Reason::ConnectionLost, "the connection to the team database was lost"));
        }
        Ok(tables)
    }
}
