//! The programme, as far as other views need it (pledge form: who announced it, where).

use muntada::programme::{Session, Speaker};
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
