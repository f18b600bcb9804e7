//! Backups and restores. The file is chosen in a native dialog opened from Rust: the webview
//! can ask for a backup or a restore, never name a path.

use chrono::Utc;
use muntada::backup;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use crate::state::FileRequest;
use crate::{ApiError, AppState};

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupSaved {
    pub file: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupRestored {
    pub file: String,
    /// Where the data that was replaced is kept.
    pub previous_data: String,
    #[ts(type = "number")]
    pub events: i64,
    #[ts(type = "number")]
    pub participants: i64,
}

/// Writes a backup where the person chooses; `null` when they cancel.
#[tauri::command]
pub async fn backup_create<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<BackupSaved>, ApiError> {
    if state.on_team() {
        return Err(crate::state::on_team_refusal());
    }
    let suggested_name = format!("muntada-backup-{}.db", Utc::now().format("%Y-%m-%d"));
    let Some(file) = state.choose(&app, &FileRequest::SaveBackup { suggested_name }) else { return Ok(None) };
    // The save dialog has already asked whether to replace an existing file.
    state.read(|store| backup::create(store, &file, backup::Existing::Replace))?;
    Ok(Some(BackupSaved { file: file.display().to_string() }))
}

/// Replaces the data with a backup the person chooses, once it passed every check; `null`
/// when they cancel.
#[tauri::command]
pub async fn backup_restore<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<BackupRestored>, ApiError> {
    let folder = backup::dir(state.path());
    let Some(file) = state.choose(&app, &FileRequest::OpenBackup { folder }) else { return Ok(None) };
    let restored = state.restore(&file)?;
    Ok(Some(BackupRestored {
        file: file.display().to_string(),
        previous_data: restored.safety_copy.display().to_string(),
        events: restored.facts.events,
        participants: restored.facts.participants,
    }))
}
