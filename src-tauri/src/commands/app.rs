//! The app itself: version, data file, licence, reference lists, the demo forum, start-up time.

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
    // The app's licence, an SPDX expression.
    pub licence: String,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_file: state.path().display().to_string(),
        backups_folder: muntada::backup::dir(state.path()).display().to_string(),
        licence: env!("CARGO_PKG_LICENSE").to_owned(),
    }
}

/// The UI calls this once its first view is on screen; the first call logs the start-up time.
#[tauri::command]
pub fn app_ready(view: String) {
    if let Some(elapsed) = crate::startup::ready() {
        eprintln!("{}", crate::startup::line(elapsed, &view));
    }
}

#[tauri::command]
pub fn reference_data() -> ReferenceData {
    reference::reference_data()
}

#[tauri::command]
pub fn demo_open(state: State<'_, AppState>) -> Result<Event, ApiError> {
    state.with_store(|store| muntada::demo::load(store, Utc::now()))
}
