//! The programme: rooms, sessions and speakers (also for the pledge form: who announced it,
//! where), moving a session, the conflicts, releases and what changed between them.

use chrono::Utc;
use muntada::programme::conflicts::{self, Conflict};
use muntada::programme::release::{self, Diff, ReleaseInfo};
use muntada::programme::{Room, Session, SessionMove, Speaker};
use tauri::State;

use crate::{ApiError, AppState};

#[tauri::command]
pub fn session_list(state: State<'_, AppState>, event_id: String) -> Result<Vec<Session>, ApiError> {
    state.read(|store| muntada::programme::sessions(store, &event_id))
}

#[tauri::command]
pub fn speaker_list(state: State<'_, AppState>, event_id: String) -> Result<Vec<Speaker>, ApiError> {
    state.read(|store| muntada::programme::speakers(store, &event_id))
}

#[tauri::command]
pub fn room_list(state: State<'_, AppState>, event_id: String) -> Result<Vec<Room>, ApiError> {
    state.read(|store| muntada::programme::rooms(store, &event_id))
}

#[tauri::command]
pub fn session_move(state: State<'_, AppState>, id: String, to: SessionMove) -> Result<Session, ApiError> {
    state.write(|store| muntada::programme::move_session(store, &id, &to))
}

#[tauri::command]
pub fn conflict_list(state: State<'_, AppState>, event_id: String) -> Result<Vec<Conflict>, ApiError> {
    state.read(|store| conflicts::check_event(store, &event_id))
}

#[tauri::command]
pub fn release_list(state: State<'_, AppState>, event_id: String) -> Result<Vec<ReleaseInfo>, ApiError> {
    state.read(|store| release::list(store, &event_id))
}

#[tauri::command]
pub fn release_create(state: State<'_, AppState>, event_id: String, name: String) -> Result<ReleaseInfo, ApiError> {
    state.write(|store| release::create(store, &event_id, &name, Utc::now()))
}

#[tauri::command]
pub fn release_diff(state: State<'_, AppState>, event_id: String, from: String, to: String) -> Result<Diff, ApiError> {
    state.read(|store| release::diff_named(store, &event_id, &from, &to))
}
