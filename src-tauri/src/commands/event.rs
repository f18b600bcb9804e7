//! Events: list, create, edit, delete, overview.

use chrono::Utc;
use muntada::event::{self, Event, EventInput, EventOverview};
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
    state.write(|store| event::create(store, &input, Utc::now()))
}

#[tauri::command]
pub fn event_update(state: State<'_, AppState>, id: String, input: EventInput) -> Result<Event, ApiError> {
    state.write(|store| event::update(store, &id, &input, Utc::now()))
}

#[tauri::command]
pub fn event_delete(state: State<'_, AppState>, id: String) -> Result<(), ApiError> {
    state.write(|store| event::delete(store, &id))
}

#[tauri::command]
pub fn event_overview(state: State<'_, AppState>, id: String) -> Result<EventOverview, ApiError> {
    state.read(|store| event::overview(store, &id))
}
