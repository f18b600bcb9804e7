//! `muntada backup` and `muntada restore`: a consistent copy of the database, and putting one
//! back after checking it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use clap::Args as ClapArgs;
use muntada::backup::{self, Existing};
use muntada::{Error, Store};

use super::output::Out;

#[derive(ClapArgs)]
pub struct BackupArgs {
    /// The file to write
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Replace the file if it exists (without this, an existing file is refused)
    #[arg(long)]
    force: bool,
}

#[derive(ClapArgs)]
pub struct RestoreArgs {
    /// The backup to restore
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

pub fn create(store: &Store, args: BackupArgs, out: &Out) -> Result<(), Error> {
    let BackupArgs { out: file, force } = args;
    let existing = if force { Existing::Replace } else { Existing::Refuse };
    backup::create(store, &file, existing).map_err(|e| match existing {
        // The one refusal of an existing file that is not a folder: say how to replace it.
        Existing::Refuse if file.exists() && !file.is_dir() => {
            Error { message: format!("{} (--force replaces it)", e.message), ..e }
        }
        _ => e,
    })?;
    out.backup(&file)
}

pub fn restore(store: &mut Store, args: RestoreArgs, now: DateTime<Utc>, out: &Out) -> Result<(), Error> {
    out.restored(&backup::restore(store, &args.file, now)?)
}

/// Restores into the database file at `path` when it could not even be opened with `error`
/// and a restore is what cures that; `None` leaves the error to the caller.
pub fn restore_unopened(path: &Path, args: &RestoreArgs, error: &Error, out: &Out) -> Option<Result<(), Error>> {
    if !backup::restore_can_cure(error) {
        return None;
    }
    Some(backup::restore_file(path, &args.file, Utc::now()).and_then(|(_, restored)| out.restored(&restored)))
}
