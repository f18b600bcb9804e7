//! Events: list, create, edit, delete, overview, logo.

use chrono::Utc;
use muntada::event::{self, Event, EventInput, EventLogo, EventOverview};
use muntada::Id;
use tauri::State;

use crate::{ApiError, AppState};

#[tauri::command]
pub fn event_list(state: State<'_, AppState>) -> Result<Vec<Event>, ApiError> {
    state.read(event::list)
}

#[tauri::command]
pub fn event_get(state: State<'_, AppState>, id: String) -> Result<Event, ApiError> {
    state.read(|store| event::get(store, &id))
}

#[tauri::command]
pub fn event_create(state: State<'_, AppState>, input: EventInput) -> Result<Event, ApiError> {
    state.write(|tx| event::create(tx, &input, Utc::now()))
}

/// `version`: the version of the event the form was filled from (`conflict` / `changed` when
/// it has changed since).
#[tauri::command]
pub fn event_update(
    state: State<'_, AppState>,
    id: Id,
    version: Option<u32>,
    input: EventInput,
) -> Result<Event, ApiError> {
    state.write(|tx| event::update(tx, &id, version, &input, Utc::now()))
}

/// Deletes an event without pledges or an adopted outcome, after a backup of the whole file.
#[tauri::command]
pub fn event_delete(state: State<'_, AppState>, id: Id) -> Result<(), ApiError> {
    state.write(|tx| event::delete(tx, &id, Utc::now())).map(|_| ())
}

#[tauri::command]
pub fn event_overview(state: State<'_, AppState>, id: String) -> Result<EventOverview, ApiError> {
    state.read(|store| event::overview(store, &id))
}

#[tauri::command]
pub fn event_logo_get(state: State<'_, AppState>, id: String) -> Result<Option<EventLogo>, ApiError> {
    state.read(|store| event::logo(store, &id))
}

/// `file`: the bytes of the chosen PNG or JPEG file (the UI reads it; there is no file access here).
#[tauri::command]
pub fn event_logo_set(state: State<'_, AppState>, id: Id, file: Vec<u8>) -> Result<EventLogo, ApiError> {
    state.write(|tx| event::set_logo(tx, &id, file.clone(), Utc::now()))
}

/// `false` when the event had no logo.
#[tauri::command]
pub fn event_logo_remove(state: State<'_, AppState>, id: Id) -> Result<bool, ApiError> {
    state.write(|tx| event::remove_logo(tx, &id))
}
