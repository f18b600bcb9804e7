//! The app itself: version, data file, reference lists, the demo forum.

use chrono::Utc;
use muntada::event::Event;
use muntada::reference::{self, ReferenceData};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::{ApiError, AppState};

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub data_file: String,
    /// Where the automatic backups are kept.
    pub backups_folder: String,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_file: state.path().display().to_string(),
        backups_folder: muntada::backup::dir(state.path()).display().to_string(),
    }
}

#[tauri::command]
pub fn reference_data() -> ReferenceData {
    reference::reference_data()
}

#[tauri::command]
pub fn demo_open(state: State<'_, AppState>) -> Result<Event, ApiError> {
    state.write(|store| muntada::demo::load(store, Utc::now()))
}
