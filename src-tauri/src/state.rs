//! The app's state: the one store of this process, opened at start, and how the app asks the
//! person for a file.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::Utc;
use muntada::audit::Actor;
use muntada::store::Tx;
use muntada::{backup, Error, Store};
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::ApiError;

pub struct AppState {
    /// The store, or why it could not be opened (reported by every command until a restore
    /// replaces the unreadable file).
    store: Mutex<Result<Store, Error>>,
    path: PathBuf,
    picker: Option<Picker>,
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
        AppState { store: Mutex::new(open_as_user(path)), path: path.to_owned(), picker: None }
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

    pub fn read<T>(&self, f: impl FnOnce(&Store) -> muntada::Result<T>) -> Result<T, ApiError> {
        self.with(|store| f(store))
    }

    /// Runs one action in one write transaction: what it reads to decide and what it writes
    /// are one unit, whatever another desk or the CLI does to the same file meanwhile.
    pub fn write<T>(&self, f: impl FnOnce(&Tx<'_>) -> muntada::Result<T>) -> Result<T, ApiError> {
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
        let mut slot = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
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
