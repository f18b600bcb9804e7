//! Team mode in the shell: which team database the app uses (saved beside this computer's data
//! file, without the password), the password in the desktop's keyring, and the thread that
//! listens for the other desks' changes and tells the window. The store itself (SQL, roles,
//! reconnecting) is the core's.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use muntada::store::{Listener, TeamTarget, TlsMode};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use ts_rs::TS;

use crate::error::ErrorCode;
use crate::ApiError;

/// What the person typed in *Connect to a team database…*. The password goes no further than
/// the connection, the keyring and this process's memory.
#[derive(Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamLogin {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
    pub password: String,
    /// A CA certificate file (PEM) to trust for this server; empty: this computer's CAs only.
    #[serde(default)]
    pub ca_file: String,
}

impl std::fmt::Debug for TeamLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TeamLogin({}@{}:{}/{})", self.user, self.host, self.port, self.database)
    }
}

impl TeamLogin {
    /// The database it names, once each field was checked: a field the UI did not check (or a
    /// hostile webview) gets an error naming it, never a connection string built from it.
    pub fn target(&self) -> Result<TeamTarget, ApiError> {
        let host = self.host.trim();
        if host.is_empty() || host.len() > 253 || !host.chars().all(|c| c.is_ascii_alphanumeric() || ".-_:".contains(c))
        {
            return Err(invalid("host", "a host name or an IP address (letters, digits, '.', '-', ':')"));
        }
        if self.port == 0 {
            return Err(invalid("port", "a port from 1 to 65535"));
        }
        let name = |field: &'static str, value: &str| -> Result<String, ApiError> {
            let value = value.trim();
            // PostgreSQL's identifiers are at most 63 bytes.
            if value.is_empty() || value.len() > 63 || value.chars().any(char::is_control) {
                return Err(invalid(field, "1 to 63 characters, no control characters"));
            }
            Ok(value.to_owned())
        };
        let dbname = name("database", &self.database)?;
        let user = name("user", &self.user)?;
        if self.password.len() > 1024 || self.password.contains('\0') {
            return Err(invalid("password", "at most 1024 characters"));
        }
        let ca_file = self.ca_file.trim();
        let root_cert = match ca_file {
            "" => None,
            path if path.len() > 4096 || path.chars().any(char::is_control) => {
                return Err(invalid("caFile", "a file path of at most 4096 characters, no control characters"))
            }
            path if !Path::new(path).is_absolute() => {
                return Err(invalid("caFile", "the full path of the CA certificate file"))
            }
            path => Some(PathBuf::from(path)),
        };
        let mut target = TeamTarget {
            host: host.to_owned(),
            port: self.port,
            dbname,
            user,
            options: None,
            tls: TlsMode::VerifyFull,
            root_cert,
        };
        // The core's default: verify-full, except in clear to this computer when no CA is named.
        target.tls = target.default_tls();
        Ok(target)
    }

    /// No password: the server trusts this computer's connections (a local test cluster).
    pub fn password(&self) -> Option<&str> {
        Some(self.password.as_str()).filter(|p| !p.is_empty())
    }
}

fn invalid(field: &str, message: &str) -> ApiError {
    ApiError {
        code: ErrorCode::InvalidInput,
        field: Some(field.to_owned()),
        reason: "invalid_value",
        message: format!("{field}: {message}"),
        problems: Vec::new(),
    }
}

/// A connection that failed: the core gave it its reason; here only the fields are named as
/// the dialog names them.
pub fn connect_failure(error: muntada::Error) -> ApiError {
    let mut api = ApiError::from(error);
    api.field = match api.field.as_deref() {
        Some("db") => Some("host".to_owned()),
        Some("sslrootcert") => Some("caFile".to_owned()),
        _ => api.field,
    };
    api
}

/// Where the app keeps its settings: beside this computer's data file, so that a second desk
/// started on another file (`MUNTADA_DB`) has its own.
pub fn settings_path(data_file: &Path) -> PathBuf {
    data_file.with_file_name("desktop-settings.json")
}

/// The app's settings file: the team database last connected to (its address, never its
/// password) and whether the app uses it or this computer's file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// `postgres://user@host:port/dbname`, with `?sslrootcert=…` when a CA file was given.
    #[serde(default)]
    pub team: Option<String>,
    #[serde(default)]
    pub use_team: bool,
}

impl Settings {
    /// The settings, or the defaults when the file is missing or unreadable (the app then
    /// starts on this computer's file, which is always safe).
    pub fn load(path: &Path) -> Settings {
        std::fs::read_to_string(path).ok().and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
    }

    /// Written to a temporary file and renamed, so a crash leaves the old settings or the new.
    pub fn save(&self, path: &Path) -> Result<(), ApiError> {
        let text = serde_json::to_string_pretty(self).map_err(|e| storage(format!("settings: {e}")))?;
        let temporary = path.with_extension("json.new");
        std::fs::write(&temporary, text)
            .and_then(|()| std::fs::rename(&temporary, path))
            .map_err(|e| storage(format!("cannot save the settings in {}: {e}", path.display())))
    }

    pub fn team_target(&self) -> Option<TeamTarget> {
        self.team.as_deref().and_then(|url| TeamTarget::parse(url).ok())
    }
}

fn storage(message: String) -> ApiError {
    ApiError { code: ErrorCode::Storage, field: None, reason: "storage", message, problems: Vec::new() }
}

/// The desktop's keyring (Secret Service on Linux): the one place a team password is kept.
pub mod keyring_store {
    use super::*;

    const SERVICE: &str = "org.muntada.desktop";

    fn entry(target: &TeamTarget) -> keyring::Result<keyring::Entry> {
        keyring::Entry::new(SERVICE, &target.to_string())
    }

    /// Keeps the password; an error says the keyring cannot be used (none running, locked, or
    /// refused), and the dialog then offers to connect for this session only.
    pub fn save(target: &TeamTarget, password: &str) -> Result<(), ApiError> {
        entry(target).and_then(|e| e.set_password(password)).map_err(|e| unavailable(&e))
    }

    /// The password kept for `target`: `Ok(None)` when there is none.
    pub fn read(target: &TeamTarget) -> Result<Option<String>, ApiError> {
        match entry(target).and_then(|e| e.get_password()) {
            Ok(password) => Ok(Some(password)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(&e)),
        }
    }

    /// Forgets the password (nothing to do when there was none).
    pub fn forget(target: &TeamTarget) {
        let _ = entry(target).and_then(|e| e.delete_credential());
    }

    fn unavailable(error: &keyring::Error) -> ApiError {
        // The keyring's own errors never hold the secret.
        ApiError {
            code: ErrorCode::Storage,
            field: None,
            reason: "keyring_unavailable",
            message: format!("the desktop keyring cannot keep the password: {error}"),
            problems: Vec::new(),
        }
    }
}

/// What the window is told while it is on a team database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum TeamNews {
    /// Another desk (or this one) committed changes to these tables.
    Changed { tables: Vec<String> },
    /// The connection to the server was lost (`lost: true`) or is back.
    Connection { lost: bool },
}

/// Where the news goes: the window's channel, replaced when the page is loaded again.
#[derive(Clone, Default)]
pub struct NewsSink {
    channel: Arc<Mutex<Option<Channel<TeamNews>>>>,
    lost: Arc<AtomicBool>,
}

impl NewsSink {
    pub fn attach(&self, channel: Channel<TeamNews>) {
        *self.channel.lock().unwrap_or_else(|p| p.into_inner()) = Some(channel);
    }

    pub fn send(&self, news: TeamNews) {
        if let TeamNews::Connection { lost } = news {
            self.lost.store(lost, Ordering::SeqCst);
        }
        if let Some(channel) = &*self.channel.lock().unwrap_or_else(|p| p.into_inner()) {
            let _ = channel.send(news);
        }
    }

    /// Whether the listener last found the connection lost.
    pub fn lost(&self) -> bool {
        self.lost.load(Ordering::SeqCst)
    }
}

/// Changes that arrive within this long of the first are told as one: a bulk change or an
/// import at another desk refreshes the views once, not once per row.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// The listening thread of one team connection; dropping it stops the thread (within a second).
pub struct Watch {
    stop: Arc<AtomicBool>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

impl Watch {
    /// Listens on its own connection; after a drop, connects again with a growing pause
    /// (0.5 s up to 5 s) and says so, so the window shows "Reconnecting…" meanwhile.
    pub fn start(target: TeamTarget, password: Option<String>, sink: NewsSink) -> Watch {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        sink.send(TeamNews::Connection { lost: false });
        std::thread::Builder::new()
            .name("muntada-team-listener".into())
            .spawn(move || listen(&target, password.as_deref(), &sink, &stopped))
            .expect("start the team listener thread");
        Watch { stop }
    }
}

fn listen(target: &TeamTarget, password: Option<&str>, sink: &NewsSink, stop: &AtomicBool) {
    let mut pause = Backoff::default();
    while !stop.load(Ordering::SeqCst) {
        let mut listener = match Listener::start(target, password) {
            Ok(listener) => listener,
            Err(_) => {
                if !sink.lost() && !stop.load(Ordering::SeqCst) {
                    sink.send(TeamNews::Connection { lost: true });
                }
                sleep_unless_stopped(pause.next(), stop);
                continue;
            }
        };
        if stop.load(Ordering::SeqCst) {
            break;
        }
        if sink.lost() {
            sink.send(TeamNews::Connection { lost: false });
            // What changed while the connection was down is unknown: everything may have.
            sink.send(TeamNews::Changed { tables: vec!["*".to_owned()] });
        }
        pause = Backoff::default();
        let mut batch = Batch::default();
        while !stop.load(Ordering::SeqCst) {
            let wait = batch.wait(Instant::now());
            match listener.wait(wait) {
                Ok(tables) => {
                    if let Some(tables) = batch.add(tables, Instant::now()) {
                        sink.send(TeamNews::Changed { tables });
                    }
                }
                Err(_) => {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    if let Some(tables) = batch.flush() {
                        sink.send(TeamNews::Changed { tables });
                    }
                    sink.send(TeamNews::Connection { lost: true });
                    break;
                }
            }
        }
    }
}

fn sleep_unless_stopped(pause: Duration, stop: &AtomicBool) {
    let until = Instant::now() + pause;
    while !stop.load(Ordering::SeqCst) && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The pause before the next attempt to connect: 0.5 s, doubled up to 5 s.
#[derive(Debug, Default)]
struct Backoff {
    attempts: u32,
}

impl Backoff {
    fn next(&mut self) -> Duration {
        let pause = Duration::from_millis(500 * 2u64.pow(self.attempts.min(4))).min(Duration::from_secs(5));
        self.attempts += 1;
        pause
    }
}

/// Tables changed since the first of a burst, told together once the burst is `DEBOUNCE` old.
#[derive(Debug, Default)]
struct Batch {
    tables: Vec<String>,
    since: Option<Instant>,
}

impl Batch {
    /// How long to wait for more: until the burst is due, or a second when there is none (so
    /// the thread notices a stop).
    fn wait(&self, now: Instant) -> Duration {
        match self.since {
            Some(since) => (since + DEBOUNCE).saturating_duration_since(now),
            None => Duration::from_secs(1),
        }
    }

    /// Adds what arrived; the tables to tell when the burst is due.
    fn add(&mut self, tables: Vec<String>, now: Instant) -> Option<Vec<String>> {
        for table in tables {
            self.since.get_or_insert(now);
            if !self.tables.contains(&table) {
                self.tables.push(table);
            }
        }
        match self.since {
            Some(since) if now >= since + DEBOUNCE => self.flush(),
            _ => None,
        }
    }

    fn flush(&mut self) -> Option<Vec<String>> {
        self.since = None;
        Some(std::mem::take(&mut self.tables)).filter(|t| !t.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn login() -> TeamLogin {
        TeamLogin {
            host: "db.example.org".into(),
            port: 5432,
            database: "forum-2025".into(),
            user: "desk1".into(),
            password: "s3cret".into(),
            ca_file: String::new(),
        }
    }

    #[test]
    fn logins_are_checked_field_by_field() {
        let target = login().target().unwrap();
        assert_eq!(target.describe(), "forum-2025 on db.example.org");
        assert_eq!(target.to_string(), "postgres://desk1@db.example.org:5432/forum-2025");
        type Spoil = fn(&mut TeamLogin);
        let cases: [(&str, Spoil); 10] = [
            ("host", |l| l.host = " ".into()),
            ("host", |l| l.host = "db.example.org/other?options=-c".into()),
            ("host", |l| l.host = "user@db".into()),
            ("port", |l| l.port = 0),
            ("database", |l| l.database = String::new()),
            ("database", |l| l.database = "x".repeat(64)),
            ("user", |l| l.user = "desk\n1".into()),
            ("password", |l| l.password = "a\0b".into()),
            ("caFile", |l| l.ca_file = "ca.pem".into()),
            ("caFile", |l| l.ca_file = "/tmp/ca\n.pem".into()),
        ];
        for (field, spoil) in cases {
            let mut l = login();
            spoil(&mut l);
            let e = l.target().unwrap_err();
            assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidInput, Some(field)), "{l:?}");
        }
    }

    #[test]
    fn the_password_is_not_in_debug_output() {
        assert!(!format!("{:?}", login()).contains("s3cret"));
        assert_eq!(login().password(), Some("s3cret"));
        assert_eq!(TeamLogin { password: String::new(), ..login() }.password(), None);
    }

    #[test]
    fn logins_get_the_cores_tls_default() {
        assert_eq!(login().target().unwrap().tls, TlsMode::VerifyFull);
        let local = TeamLogin { host: "127.0.0.1".into(), ..login() };
        assert_eq!(local.target().unwrap().tls, TlsMode::Disable);
        let with_ca = TeamLogin { ca_file: " /etc/team/ca.pem ".into(), ..local };
        let target = with_ca.target().unwrap();
        assert_eq!(
            (target.tls, target.root_cert.as_deref()),
            (TlsMode::VerifyFull, Some(Path::new("/etc/team/ca.pem")))
        );
    }

    #[test]
    fn connection_failures_keep_the_cores_reason_and_name_the_dialogs_field() {
        use muntada::error::Reason;
        for reason in [Reason::PasswordRefused, Reason::CertificateUntrusted, Reason::Unreachable] {
            // The message no longer matters: only the reason the core set.
            let api = connect_failure(muntada::Error::storage_because(reason, "the password was refused"));
            assert_eq!((api.code, api.reason), (ErrorCode::Storage, reason.as_str()));
        }
        let far = muntada::Error::invalid("db", Reason::InvalidValue, "not on this computer");
        assert_eq!(connect_failure(far).field.as_deref(), Some("host"));
        let ca = muntada::Error::invalid("sslrootcert", Reason::InvalidValue, "no certificate");
        assert_eq!(connect_failure(ca).field.as_deref(), Some("caFile"));
    }

    #[test]
    fn settings_round_trip_and_default_when_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let path = settings_path(&dir.path().join("muntada.db"));
        assert_eq!(Settings::load(&path), Settings::default());
        let settings = Settings { team: Some("postgres://desk1@127.0.0.1:5432/forum".into()), use_team: true };
        settings.save(&path).unwrap();
        assert_eq!(Settings::load(&path), settings);
        assert_eq!(settings.team_target().unwrap().describe(), "forum on 127.0.0.1");
        // The CA file is remembered with the address, as the core writes and reads it.
        let target = TeamLogin { ca_file: "/etc/team/ca.pem".into(), ..login() }.target().unwrap();
        let settings = Settings { team: Some(target.url()), use_team: true };
        settings.save(&path).unwrap();
        assert_eq!(Settings::load(&path).team_target(), Some(target));
        std::fs::write(&path, "{not json").unwrap();
        assert_eq!(Settings::load(&path), Settings::default());
    }

    #[test]
    fn bursts_of_changes_are_told_once() {
        let start = Instant::now();
        let mut batch = Batch::default();
        assert_eq!(batch.wait(start), Duration::from_secs(1));
        assert_eq!(batch.add(vec![], start), None);
        assert_eq!(batch.add(vec!["participants".into()], start), None);
        assert_eq!(batch.wait(start + Duration::from_millis(50)), Duration::from_millis(100));
        let later = start + Duration::from_millis(100);
        assert_eq!(batch.add(vec!["participants".into(), "delegations".into()], later), None);
        let due = start + DEBOUNCE;
        assert_eq!(batch.add(vec![], due), Some(vec!["participants".to_owned(), "delegations".to_owned()]));
        assert_eq!(batch.wait(due), Duration::from_secs(1));
        assert_eq!(batch.flush(), None);
    }

    #[test]
    fn reconnecting_waits_longer_each_time_up_to_five_seconds() {
        let mut backoff = Backoff::default();
        let pauses: Vec<u64> = (0..7).map(|_| backoff.next().as_millis() as u64).collect();
        assert_eq!(pauses, [500, 1000, 2000, 4000, 5000, 5000, 5000]);
    }

    #[test]
    fn news_as_the_window_reads_it() {
        let changed = TeamNews::Changed { tables: vec!["pledges".into()] };
        assert_eq!(
            serde_json::to_value(changed).unwrap(),
            serde_json::json!({ "kind": "changed", "tables": ["pledges"] })
        );
        let lost = TeamNews::Connection { lost: true };
        assert_eq!(serde_json::to_value(lost).unwrap(), serde_json::json!({ "kind": "connection", "lost": true }));
        let sink = NewsSink::default();
        sink.send(TeamNews::Connection { lost: true });
        assert!(sink.lost());
        sink.send(TeamNews::Connection { lost: false });
        assert!(!sink.lost());
    }

    #[test]
    fn the_keyring_keeps_and_forgets_the_password() {
        keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
        let target = login().target().unwrap();
        // The mock keyring keeps nothing between entries; what matters here is that the calls
        // and their errors have the shape the commands rely on.
        assert!(keyring_store::save(&target, "s3cret").is_ok());
        assert!(matches!(keyring_store::read(&target), Ok(None) | Ok(Some(_))));
        keyring_store::forget(&target);
    }
}
