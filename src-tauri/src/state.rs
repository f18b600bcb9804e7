//! The app's state: the one store of this process, opened at start.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use muntada::{Error, Store};

use crate::ApiError;

pub struct AppState {
    store: Result<Mutex<Store>, Error>,
    path: PathBuf,
}

/// The database file: `MUNTADA_DB` when set (tests, a second event desk), else the platform
/// default that the CLI uses too.
pub fn database_path() -> PathBuf {
    std::env::var_os("MUNTADA_DB").map(PathBuf::from).unwrap_or_else(muntada::store::default_path)
}

impl AppState {
    /// Opens the store; a failure is kept and reported by every command, so the window still
    /// opens and can say what is wrong.
    pub fn open(path: &Path) -> AppState {
        AppState { store: Store::open(path).map(Mutex::new), path: path.to_owned() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn read<T>(&self, f: impl FnOnce(&Store) -> muntada::Result<T>) -> Result<T, ApiError> {
        self.with(|store| f(store))
    }

    pub fn write<T>(&self, f: impl FnOnce(&mut Store) -> muntada::Result<T>) -> Result<T, ApiError> {
        self.with(f)
    }

    fn with<T>(&self, f: impl FnOnce(&mut Store) -> muntada::Result<T>) -> Result<T, ApiError> {
        let store = self.store.as_ref().map_err(|e| ApiError::from(e.clone()))?;
        // A panic while holding the lock cannot leave a transaction half-applied (SQLite rolls
        // back), so a poisoned lock is still safe to use.
        let mut store = store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        Ok(f(&mut store)?)
    }
}
