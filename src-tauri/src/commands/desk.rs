//! The check-in desk on a team database: open it for an event (its copy made or brought up to
//! date), check people in (at the server, or from the copy while it cannot be reached), and
//! read its state for the offline banner. On this computer's file the desk checks in directly
//! (`participant_check_in`) and needs none of this.

use muntada::desk::{DeskCheckIn, DeskStatus};
use muntada::Id;
use tauri::{AppHandle, Runtime};

use crate::{ApiError, AppState};

/// Opens the desk for an event: on a team database, its copy is made or refreshed (or, when
/// the server cannot be reached, the copy it has is used). `info` is null on this computer.
#[tauri::command]
pub async fn desk_open<R: Runtime>(app: AppHandle<R>, event_id: Id) -> Result<DeskStatus, ApiError> {
    AppState::off_main(app, move |state| state.open_desk(&event_id)).await
}

/// Checks a person in at the open desk.
#[tauri::command]
pub async fn desk_check_in<R: Runtime>(app: AppHandle<R>, code: String) -> Result<DeskCheckIn, ApiError> {
    if code.chars().count() > 64 {
        return Err(ApiError::from(muntada::Error::invalid(
            "code",
            muntada::Reason::TooLong,
            "a badge code has at most 64 characters",
        )));
    }
    AppState::off_main(app, move |state| state.desk_check_in(&code)).await
}

/// The open desk's copy, queue and check-ins to follow up (from its file: no server needed).
#[tauri::command]
pub async fn desk_status<R: Runtime>(app: AppHandle<R>) -> Result<DeskStatus, ApiError> {
    AppState::off_main(app, |state| state.desk_status()).await
}
