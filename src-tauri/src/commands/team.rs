//! Team mode: connect the app to a team database, go back to this computer's file, and hear
//! about the other desks' changes. The connecting and the keyring are in `crate::team` and
//! `AppState`; each command here validates, delegates and maps the error.

use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use crate::state::TeamStatus;
use crate::team::{TeamLogin, TeamNews};
use crate::{ApiError, AppState};

/// Where the data is and what the login may change.
#[tauri::command]
pub async fn team_status<R: Runtime>(app: AppHandle<R>) -> Result<TeamStatus, ApiError> {
    AppState::off_main(app, |state| state.team_status()).await
}

/// Tries the login without using it; an error's reason names what failed (`password_refused`,
/// `unreachable`, `timed_out`, `no_database`, `certificate_untrusted`, `certificate_wrong_host`,
/// `tls_unavailable`; `invalid_value` on `caFile` for a CA file that cannot be used).
#[tauri::command]
pub async fn team_test<R: Runtime>(app: AppHandle<R>, login: TeamLogin) -> Result<(), ApiError> {
    AppState::off_main(app, move |_| AppState::test_team(&login)).await
}

/// Uses the team database: with `remember`, the password goes to the keyring (refused with
/// `keyring_unavailable` when it cannot), else it stays in memory for this session only.
#[tauri::command]
pub async fn team_connect<R: Runtime>(
    app: AppHandle<R>,
    login: TeamLogin,
    remember: bool,
) -> Result<TeamStatus, ApiError> {
    AppState::off_main(app, move |state| {
        state.connect_team(&login, remember)?;
        state.team_status()
    })
    .await
}

/// Back on the remembered team database, with the keyring's password.
#[tauri::command]
pub async fn team_resume<R: Runtime>(app: AppHandle<R>) -> Result<TeamStatus, ApiError> {
    AppState::off_main(app, |state| {
        state.resume_team()?;
        state.team_status()
    })
    .await
}

/// Back to this computer's own file.
#[tauri::command]
pub async fn team_leave<R: Runtime>(app: AppHandle<R>) -> Result<TeamStatus, ApiError> {
    AppState::off_main(app, |state| {
        state.leave_team()?;
        state.team_status()
    })
    .await
}

/// The window's channel for the news of the team database (changes, connection lost or back);
/// a page loaded again sends a new one.
#[tauri::command]
pub fn team_watch(state: State<'_, AppState>, news: Channel<TeamNews>) {
    state.news().attach(news);
}

/// `team_watch`'s argument as the generated client types it: Tauri's `Channel` of the news.
#[derive(TS)]
#[ts(rename = "Channel<TeamNews>")]
pub struct NewsChannel;
