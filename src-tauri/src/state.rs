//! The app's state: the one store of this process (this computer's file, or a team database),
//! opened at start, and how the app asks the person for a file.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::Utc;
use muntada::audit::Actor;
use muntada::desk::{self, DeskCheckIn, DeskStatus};
use muntada::participants::query::IndexCache;
use muntada::store::{DeskFile, TeamRole, TeamTarget, Tx};
use muntada::{backup, Error, Id, Store};
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::team::{self, keyring_store, NewsSink, Settings, TeamLogin, Watch};
use crate::ApiError;

pub struct AppState {
    /// The store, or why it could not be opened (reported by every command until a restore
    /// replaces the unreadable file).
    store: Mutex<Result<Store, Error>>,
    /// This computer's data file (also when the app is on a team database).
    path: PathBuf,
    picker: Option<Picker>,
    /// The team database the store is on, if it is.
    team: Mutex<Option<TeamSession>>,
    /// Where the listener's news goes: the window's channel.
    news: NewsSink,
    /// The saved team database could not be used at start: why (the app is on this computer).
    start_failure: Mutex<Option<ApiError>>,
    /// The check-in desk, once opened on a team database.
    desk: Mutex<Option<DeskSession>>,
    /// The participants search index of the event last searched: rebuilt only when its
    /// participants change, so that typing in the search box costs a lookup, not a rebuild over
    /// 100,000 people. Emptied whenever the store is replaced (a team database, back to this
    /// computer, a restore): its freshness key is only compared within one database.
    search: Mutex<IndexCache>,
}

/// The open check-in desk: its file, and the thread sending its queue.
struct DeskSession {
    file: DeskFile,
    _sender: crate::desk::Sender,
}

/// The team database in use: its address and the listening thread (which, like the store,
/// keeps the password in memory to reconnect with).
struct TeamSession {
    target: TeamTarget,
    /// The login's role as read when connecting: shown while the connection is lost.
    role: Option<TeamRole>,
    /// The password, in memory only (as the store and the listener keep it), for the desk's
    /// own connection.
    password: Option<String>,
    /// Connected for this session only: the keyring could not keep the password.
    session_only: bool,
    _watch: Watch,
}

/// A file the app asks the person to choose. The webview never sends a path: backups and
/// restores ask here, in Rust, through the native dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileRequest {
    /// Where to write a backup, suggesting a name.
    SaveBackup { suggested_name: String },
    /// Which backup to restore, starting in the backups folder.
    OpenBackup { folder: PathBuf },
}

/// Answers file requests instead of the native dialog (the tests, which have no screen).
pub type Picker = Box<dyn Fn(&FileRequest) -> Option<PathBuf> + Send + Sync>;

fn open_as_user(path: &Path) -> Result<Store, Error> {
    Store::open(path).map(|mut store| {
        store.set_actor(Actor::os_user());
        store
    })
}

/// The database file: `MUNTADA_DB` when set (tests, a second event desk), else the platform
/// default that the CLI uses too.
pub fn database_path() -> PathBuf {
    std::env::var_os("MUNTADA_DB").map(PathBuf::from).unwrap_or_else(muntada::store::default_path)
}

impl AppState {
    /// Opens the store; a failure is kept and reported by every command, so the window still
    /// opens and can say what is wrong. Changes are recorded as made by the computer's user.
    pub fn open(path: &Path) -> AppState {
        AppState {
            store: Mutex::new(open_as_user(path)),
            path: path.to_owned(),
            picker: None,
            team: Mutex::new(None),
            news: NewsSink::default(),
            start_failure: Mutex::new(None),
            desk: Mutex::new(None),
            search: Mutex::new(IndexCache::new()),
        }
    }

    /// The participants search index (see the field), locked.
    pub fn search_index(&self) -> std::sync::MutexGuard<'_, IndexCache> {
        lock(&self.search)
    }

    /// As `open`, then on the team database the settings say the app uses, with the password
    /// from the keyring. When that fails the app stays on this computer's file and says why
    /// (`TeamStatus::start_failure`): the header shows "This computer", never a stale team.
    pub fn start(path: &Path) -> AppState {
        let state = AppState::open(path);
        let settings = Settings::load(&team::settings_path(path));
        if let (true, Some(target)) = (settings.use_team, settings.team_target()) {
            let connected = keyring_store::read(&target).and_then(|password| {
                let store = Store::connect(&target, password.as_deref()).map_err(team::connect_failure)?;
                state.use_team(store, target.clone(), password, false);
                Ok(())
            });
            if let Err(error) = connected {
                *lock(&state.start_failure) = Some(error);
            }
        }
        state
    }

    /// Answers file requests with `picker` instead of the native dialog.
    pub fn with_picker(mut self, picker: Picker) -> AppState {
        self.picker = Some(picker);
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` with the state on a worker thread. A synchronous command runs on the main
    /// thread, which also draws the window: one that can take long (an import, a page of a
    /// 100,000-row table while its search index is built) must not hold it, or the window
    /// stops repainting meanwhile.
    pub async fn off_main<R: Runtime, T: Send + 'static>(
        app: AppHandle<R>,
        f: impl FnOnce(&AppState) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        use tauri::Manager;
        tauri::async_runtime::spawn_blocking(move || f(&app.state::<AppState>()))
            .await
            .map_err(|e| ApiError::from(Error::internal(format!("the command stopped: {e}"))))?
    }

    /// Reads straight from the store: on a team database whose connection was lost, a new
    /// one is made first (the transactions of `write` and `Store::read` do so themselves).
    pub fn read<T>(&self, f: impl FnOnce(&Store) -> muntada::Result<T>) -> Result<T, ApiError> {
        self.with(|store| {
            store.reconnect_if_lost()?;
            f(store)
        })
    }

    /// Runs one action in one write transaction: what it reads to decide and what it writes
    /// are one unit, whatever another desk or the CLI does to the same file meanwhile.
    pub fn write<T>(&self, f: impl FnMut(&Tx<'_>) -> muntada::Result<T>) -> Result<T, ApiError> {
        self.with(|store| store.write(f))
    }

    /// Runs an action that manages its own transactions (loading the demo, deleting an event
    /// after its backup, an erasure followed by a checkpoint).
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> muntada::Result<T>) -> Result<T, ApiError> {
        self.with(f)
    }

    fn with<T>(&self, f: impl FnOnce(&mut Store) -> muntada::Result<T>) -> Result<T, ApiError> {
        // A panic while holding the lock cannot leave a transaction half-applied (SQLite rolls
        // back), so a poisoned lock is still safe to use.
        let mut store = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let store = store.as_mut().map_err(|e| ApiError::from(e.clone()))?;
        Ok(f(store)?)
    }

    /// Replaces the data with the backup at `file`: into the open store, or, when the database
    /// could not be opened for a reason a restore cures, as a new file (then opened).
    pub fn restore(&self, file: &Path) -> Result<backup::Restored, ApiError> {
        if self.on_team() {
            return Err(on_team_refusal());
        }
        let mut slot = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *lock(&self.search) = IndexCache::new();
        match &mut *slot {
            Ok(store) => Ok(backup::restore(store, file, Utc::now())?),
            Err(error) if backup::restore_can_cure(error) => {
                let (mut store, restored) = backup::restore_file(&self.path, file, Utc::now())?;
                store.set_actor(Actor::os_user());
                *slot = Ok(store);
                Ok(restored)
            }
            Err(error) => Err(ApiError::from(error.clone())),
        }
    }

    /// Connects to a team database and, once the server accepted the login, uses it: the
    /// password goes to the keyring (`remember`) or stays in memory only, and the address to
    /// the settings (only when remembered: a session-only connection is not resumed at start).
    /// When the keyring cannot keep it, nothing changes and the error says so.
    pub fn connect_team(&self, login: &TeamLogin, remember: bool) -> Result<(), ApiError> {
        let target = login.target()?;
        let password = login.password().map(str::to_owned);
        let store = Store::connect(&target, password.as_deref()).map_err(team::connect_failure)?;
        if remember {
            match &password {
                Some(p) => keyring_store::save(&target, p)?,
                None => keyring_store::forget(&target),
            }
            Settings { team: Some(target.url()), use_team: true }.save(&self.settings_path())?;
        }
        self.use_team(store, target, password, !remember);
        Ok(())
    }

    /// Tries a login without using it: the connection is closed again at once.
    pub fn test_team(login: &TeamLogin) -> Result<(), ApiError> {
        let target = login.target()?;
        target.connect(login.password()).map(drop).map_err(team::connect_failure)
    }

    /// Back on the team database the settings remember, with the keyring's password; the
    /// error `password_needed` when the keyring has none (the dialog then asks for it).
    pub fn resume_team(&self) -> Result<(), ApiError> {
        let settings = Settings::load(&self.settings_path());
        let Some(target) = settings.team_target() else {
            return Err(ApiError::from(Error::not_found("team", "saved team database", "none")));
        };
        let Some(password) = keyring_store::read(&target)? else {
            return Err(ApiError {
                reason: "password_needed",
                ..ApiError::from(Error::storage("no password is kept"))
            });
        };
        let store = Store::connect(&target, Some(&password)).map_err(team::connect_failure)?;
        Settings { use_team: true, ..settings }.save(&self.settings_path())?;
        self.use_team(store, target, Some(password), false);
        Ok(())
    }

    /// Back to this computer's own file, in one step; the team's address and password stay
    /// saved for the way back.
    pub fn leave_team(&self) -> Result<(), ApiError> {
        let settings = Settings::load(&self.settings_path());
        if settings.use_team {
            Settings { use_team: false, ..settings }.save(&self.settings_path())?;
        }
        let mut session = lock(&self.team);
        *lock(&self.store) = open_as_user(&self.path);
        *lock(&self.search) = IndexCache::new();
        *session = None;
        *lock(&self.desk) = None;
        // A file is never "reconnecting", whatever the team's connection was doing.
        self.news.send(team::TeamNews::Connection { lost: false });
        *lock(&self.start_failure) = None;
        Ok(())
    }

    fn use_team(&self, store: Store, target: TeamTarget, password: Option<String>, session_only: bool) {
        let role = store.team_role().ok().flatten();
        let mut session = lock(&self.team);
        // The old listener stops before the new one starts telling the window.
        *session = None;
        *lock(&self.store) = Ok(store);
        *lock(&self.search) = IndexCache::new();
        let watch = Watch::start(target.clone(), password.clone(), self.news.clone());
        *session = Some(TeamSession { target, role, password, session_only, _watch: watch });
        // A desk opened on another database starts again when the view asks for it.
        *lock(&self.desk) = None;
        *lock(&self.start_failure) = None;
    }

    fn settings_path(&self) -> PathBuf {
        team::settings_path(&self.path)
    }

    pub fn news(&self) -> &NewsSink {
        &self.news
    }

    /// Where the data is and what the login may change, for the header and the views.
    pub fn team_status(&self) -> Result<TeamStatus, ApiError> {
        let (team, known_role, session_only) = match &*lock(&self.team) {
            Some(s) => (Some(TeamPlace::of(&s.target)), s.role, s.session_only),
            None => (None, None, false),
        };
        // Read again (an admin may have changed it); while the connection is lost, as it was.
        let role = if team.is_some() { self.read(|store| store.team_role()).unwrap_or(known_role) } else { None };
        let saved = Settings::load(&self.settings_path()).team_target().map(|t| TeamPlace::of(&t));
        Ok(TeamStatus {
            team,
            role,
            saved,
            session_only,
            lost: self.news.lost(),
            start_failure: lock(&self.start_failure).clone(),
        })
    }

    /// Opens the check-in desk for an event. On a team database the desk's copy is made or
    /// brought up to date; when the server cannot be reached, the copy it has for the event
    /// serves, and the thread that sends the queue starts. On this computer's file there is
    /// nothing to open (`info` is null).
    pub fn open_desk(&self, event_id: &Id) -> Result<DeskStatus, ApiError> {
        let Some((target, password)) = lock(&self.team).as_ref().map(|s| (s.target.clone(), s.password.clone())) else {
            return Ok(DeskStatus { info: None, waiting: 0, sent: 0, conflicts: Vec::new() });
        };
        let mut slot = lock(&self.desk);
        let path = crate::desk::file_path(&self.path);
        let mut file = DeskFile::open(&path)?;
        let lost = self.news.lost();
        let prepared = self.with(|store| {
            if lost {
                return Err(Error::storage_because(muntada::Reason::Unreachable, "the team database is not answering"));
            }
            let name = desk::prepared(&file).map(|i| i.desk).unwrap_or_else(|_| desk::computer_name());
            desk::prepare(store, &mut file, event_id.as_str(), &name, Utc::now()).map_err(|e| {
                if desk::unreachable(store, &e) {
                    Error::storage_because(muntada::Reason::Unreachable, e.message)
                } else {
                    e
                }
            })
        });
        match prepared {
            Ok(_) => {}
            // Offline: the copy made earlier serves, if it is of this event.
            Err(e) if server_gone(&e) => {
                if desk::prepared(&file).map(|i| i.event_id != *event_id).unwrap_or(true) {
                    return Err(e);
                }
                file.write(|local| local.set_offline_since(Some(Utc::now())))?;
            }
            Err(e) => return Err(e),
        }
        let status = desk::status(&file)?;
        let sender = crate::desk::Sender::start(path, target, password);
        *slot = Some(DeskSession { file, _sender: sender });
        Ok(status)
    }

    /// Checks a person in at the open desk: at the team database while it answers, else from
    /// the desk's copy (straight away when the listener already knows the server is gone: a
    /// scan must not wait for a connection to time out).
    pub fn desk_check_in(&self, code: &str) -> Result<DeskCheckIn, ApiError> {
        let mut slot = lock(&self.desk);
        let Some(session) = slot.as_mut() else {
            return Err(ApiError::from(Error::invalid(
                "desk",
                muntada::Reason::Required,
                "open the check-in desk first",
            )));
        };
        let lost = self.news.lost();
        let now = Utc::now();
        let done = self.with(|store| desk::check_in((!lost).then_some(store), &mut session.file, code, now));
        match done {
            Err(e) if lost || server_gone(&e) => Ok(desk::check_in(None, &mut session.file, code, now)?),
            other => other,
        }
    }

    /// The open desk's state, from its file alone.
    pub fn desk_status(&self) -> Result<DeskStatus, ApiError> {
        match lock(&self.desk).as_ref() {
            Some(session) => Ok(desk::status(&session.file)?),
            None => Ok(DeskStatus { info: None, waiting: 0, sent: 0, conflicts: Vec::new() }),
        }
    }

    /// Whether the store is this computer's file (backups and restores are for files only).
    pub fn on_team(&self) -> bool {
        lock(&self.team).is_some()
    }

    /// Asks the person for a file; `None` when they cancel. Blocks until they answer, so it is
    /// called from async commands, which do not run on the main thread.
    pub fn choose<R: Runtime>(&self, app: &AppHandle<R>, request: &FileRequest) -> Option<PathBuf> {
        if let Some(picker) = &self.picker {
            return picker(request);
        }
        let dialog = app.dialog().file().add_filter("Muntada backup (.db)", &["db"]);
        let chosen = match request {
            FileRequest::SaveBackup { suggested_name } => dialog
                .set_title("Back up Muntada's data — نسخ بيانات منتدى احتياطيًا")
                .set_file_name(suggested_name)
                .blocking_save_file(),
            FileRequest::OpenBackup { folder } => {
                dialog.set_title("Restore a backup — استعادة نسخة احتياطية").set_directory(folder).blocking_pick_file()
            }
        };
        chosen.and_then(|file| file.into_path().ok())
    }
}

/// Whether an error says the team database cannot be reached (the core's reasons for it).
fn server_gone(e: &ApiError) -> bool {
    matches!(e.reason, "unreachable" | "timed_out" | "connection_lost")
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A team database as the window names it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamPlace {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
    /// The CA certificate file trusted for it, if one was given.
    pub ca_file: Option<String>,
}

impl TeamPlace {
    fn of(target: &TeamTarget) -> TeamPlace {
        TeamPlace {
            host: target.host.clone(),
            port: target.port,
            database: target.dbname.clone(),
            user: target.user.clone(),
            ca_file: target.root_cert.as_ref().map(|p| p.display().to_string()),
        }
    }
}

/// Where the data is: this computer (`team` null) or a team database, and the login's role.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamStatus {
    /// The team database in use; null: this computer's file.
    pub team: Option<TeamPlace>,
    /// What the login may change; null on this computer, where everything is allowed.
    pub role: Option<TeamRole>,
    /// The team database remembered in the settings, to go back to in one step.
    pub saved: Option<TeamPlace>,
    /// The password is in memory only (the keyring could not keep it).
    pub session_only: bool,
    /// The connection to the server is lost; it is being tried again.
    pub lost: bool,
    /// Why the remembered team database could not be used when the app started.
    pub start_failure: Option<ApiError>,
}

/// Backups and restores are of this computer's file; the team's backup is `muntada team snapshot`.
pub fn on_team_refusal() -> ApiError {
    ApiError::from(Error::invalid(
        "team",
        muntada::error::Reason::InvalidValue,
        "the app is on a team database: its backup is `muntada team snapshot`; switch to this computer to back up or restore its file",
    ))
}
