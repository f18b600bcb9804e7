//! Backups of the database: automatic ones when the app starts (the newest `KEEP` of each kind
//! are kept, in `backups/` beside the database file, named by their UTC time), on-demand ones
//! wherever the person chooses, and restoring from one, which first keeps the current data as
//! a backup too. The SQLite side (online backup API, checks of a file) is in `store::backup`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::error::{Error, Reason, Result};
use crate::store::{io_error, BackupFacts, Store};

/// How many automatic backups of each kind are kept.
pub const KEEP: usize = 10;

/// Why a backup in the backups folder was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// When the app started.
    Start,
    /// The data as it was just before a restore replaced it.
    BeforeRestore,
    /// A database file that could not be opened, moved aside by a restore.
    Unreadable,
    /// The data as it was just before an event was deleted (never rotated out).
    BeforeDelete,
}

impl Kind {
    fn suffix(self) -> &'static str {
        match self {
            Kind::Start => "start",
            Kind::BeforeRestore => "before-restore",
            Kind::Unreadable => "unreadable",
            Kind::BeforeDelete => "before-delete",
        }
    }
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Where the data that was replaced is kept.
    pub safety_copy: PathBuf,
    pub facts: BackupFacts,
}

/// The backups folder of the database at `db_path`: `backups/` beside it, i.e.
/// `<data dir>/muntada/backups/` for the default database.
pub fn dir(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or_else(|| Path::new(".")).join("backups")
}

/// `muntada-20250520T093000.123Z-start.db`: the UTC time in a form that sorts as text and is a
/// valid file name everywhere (no colons).
pub fn file_name(kind: Kind, at: DateTime<Utc>) -> String {
    format!("muntada-{}-{}.db", at.format("%Y%m%dT%H%M%S%.3fZ"), kind.suffix())
}

/// The backup made when the app starts: skipped while the database holds no event (nothing
/// to lose, and empty copies would push real ones out of the rotation).
pub fn at_start(store: &Store, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
    if store.events().list()?.is_empty() {
        return Ok(None);
    }
    keep(store, Kind::Start, now).map(Some)
}

/// Backs the database up into its backups folder and drops the oldest of that kind beyond `KEEP`.
pub fn keep(store: &Store, kind: Kind, now: DateTime<Utc>) -> Result<PathBuf> {
    let db_path = store.path().ok_or_else(|| Error::internal("a database in memory has no backups folder"))?;
    let folder = dir(db_path);
    std::fs::create_dir_all(&folder).map_err(|e| io_error(&folder, e))?;
    let dest = folder.join(file_name(kind, now));
    store.backup_to(&dest)?;
    rotate(&folder, kind, KEEP)?;
    Ok(dest)
}

/// Deletes the oldest backups of `kind` in `folder` beyond the newest `keep`; returns them.
pub fn rotate(folder: &Path, kind: Kind, keep: usize) -> Result<Vec<PathBuf>> {
    let suffix = format!("-{}.db", kind.suffix());
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map_err(|e| io_error(folder, e))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("muntada-") && name.ends_with(&suffix))
        .collect();
    names.sort_unstable();
    let excess = names.len().saturating_sub(keep);
    let mut removed = Vec::new();
    for name in &names[..excess] {
        let path = folder.join(name);
        std::fs::remove_file(&path).map_err(|e| io_error(&path, e))?;
        removed.push(path);
    }
    Ok(removed)
}

/// What an on-demand backup does when its file exists already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse, writing nothing: a file typed on a command line may be one the person meant to keep.
    Refuse,
    /// Replace it: the person confirmed that (a save dialog asks, `--force` says so).
    Replace,
}

/// An on-demand backup to a file the person chose.
pub fn create(store: &Store, dest: &Path, existing: Existing) -> Result<()> {
    if dest.as_os_str().is_empty() || dest.is_dir() {
        return Err(Error::invalid("out", Reason::InvalidValue, "name a file to write the backup to"));
    }
    // Checked before the copy is made, so a refusal writes nothing; a file created between
    // this check and the final rename is still replaced, which is no worse than before.
    // (The database itself is refused by `backup_to`, whose message says why.)
    if existing == Existing::Refuse && std::fs::symlink_metadata(dest).is_ok() && !store.is_own_file(dest) {
        return Err(Error::invalid(
            "out",
            Reason::InvalidValue,
            format!("{} already exists; nothing was written", dest.display()),
        ));
    }
    store.backup_to(dest)
}

/// Replaces the data with the backup at `source`, once it passed every check; the data it
/// replaces is first kept in the backups folder.
pub fn restore(store: &mut Store, source: &Path, now: DateTime<Utc>) -> Result<Restored> {
    store.check_restore(source)?;
    let safety_copy = keep(store, Kind::BeforeRestore, now)?;
    let facts = store.restore_from(source)?;
    Ok(Restored { safety_copy, facts })
}

/// Whether a failure to open the database is one that restoring a backup can cure (the file
/// is damaged, not a database, or from a newer Muntada), rather than a busy or read-only one.
pub fn restore_can_cure(error: &Error) -> bool {
    matches!(error.reason, Reason::NotADatabase | Reason::Damaged | Reason::SchemaTooNew)
}

/// Restores the backup at `source` when the database at `db_path` cannot be opened at all: the
/// backup is checked, the unreadable file (and its -wal and -shm) is moved into the backups
/// folder untouched, and the backup is written as a new database file in its place.
pub fn restore_file(db_path: &Path, source: &Path, now: DateTime<Utc>) -> Result<(Store, Restored)> {
    crate::store::check_backup(source)?;
    let folder = dir(db_path);
    std::fs::create_dir_all(&folder).map_err(|e| io_error(&folder, e))?;
    let kept = folder.join(file_name(Kind::Unreadable, now));
    let sides = |base: &Path| ["", "-wal", "-shm"].map(|side| PathBuf::from(format!("{}{side}", base.display())));
    let mut moved = Vec::new();
    for (from, to) in sides(db_path).into_iter().zip(sides(&kept)) {
        if from.exists() {
            std::fs::rename(&from, &to).map_err(|e| io_error(&from, e))?;
            moved.push((from, to));
        }
    }
    let facts = match crate::store::restore_into_new_file(source, db_path) {
        Ok(facts) => facts,
        Err(e) => {
            // Put the unreadable file back where it was: nothing changed.
            for (from, to) in moved {
                let _ = std::fs::rename(to, from);
            }
            return Err(e);
        }
    };
    let store = Store::open(db_path)?;
    Ok((store, Restored { safety_copy: kept, facts }))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn names_sort_by_time_and_have_no_colons() {
        let at = |s| Utc.timestamp_opt(s, 0).unwrap();
        let (a, b) = (file_name(Kind::Start, at(1_700_000_000)), file_name(Kind::Start, at(1_700_000_001)));
        assert_eq!(a, "muntada-20231114T221320.000Z-start.db");
        assert!(a < b);
        assert!(!a.contains(':'));
        assert!(file_name(Kind::BeforeRestore, at(0)).ends_with("-before-restore.db"));
    }

    #[test]
    fn rotation_keeps_the_newest_of_each_kind() {
        let folder = tempfile::tempdir().unwrap();
        for second in 0..13 {
            let at = Utc.timestamp_opt(1_700_000_000 + second, 0).unwrap();
            for kind in [Kind::Start, Kind::BeforeRestore] {
                std::fs::write(folder.path().join(file_name(kind, at)), b"").unwrap();
            }
        }
        std::fs::write(folder.path().join("notes.txt"), b"").unwrap();
        let removed = rotate(folder.path(), Kind::Start, 10).unwrap();
        assert_eq!(removed.len(), 3);
        assert!(removed.iter().all(|p| p.to_string_lossy().ends_with("-start.db")));
        let mut left: Vec<String> =
            std::fs::read_dir(folder.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        left.sort();
        assert_eq!(left.iter().filter(|n| n.ends_with("-start.db")).count(), 10);
        assert_eq!(left.iter().filter(|n| n.ends_with("-before-restore.db")).count(), 13);
        assert!(left.contains(&"notes.txt".to_owned()));
        assert_eq!(left.iter().find(|n| n.ends_with("-start.db")).unwrap(), "muntada-20231114T221323.000Z-start.db");
    }
}
