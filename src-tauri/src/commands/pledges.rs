//! Pledges: the ledger of an event, the form, stages.

use chrono::Utc;
use muntada::pledges::{self, PledgeInput, PledgePreview, PledgeSummary, PledgeView, StageChange};
use muntada::Id;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::{ApiError, AppState};

/// An event's pledges with their totals.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PledgeListing {
    pub pledges: Vec<PledgeView>,
    pub summary: PledgeSummary,
}

#[tauri::command]
pub fn pledge_list(state: State<'_, AppState>, event_id: String) -> Result<PledgeListing, ApiError> {
    state.read(|store| {
        let list = pledges::list(store, &event_id)?;
        Ok(PledgeListing { pledges: list.iter().map(|p| p.view()).collect(), summary: pledges::summarise(&list) })
    })
}

#[tauri::command]
pub fn pledge_get(state: State<'_, AppState>, id: String) -> Result<PledgeView, ApiError> {
    state.read(|store| Ok(pledges::get(store, &id)?.view()))
}

#[tauri::command]
pub fn pledge_add(state: State<'_, AppState>, event_id: Id, input: PledgeInput) -> Result<PledgeView, ApiError> {
    state.write(|tx| Ok(pledges::add(tx, &event_id, &input, Utc::now())?.view()))
}

/// `version`: the version of the pledge the form was filled from (`conflict` / `changed` when
/// it has changed since).
#[tauri::command]
pub fn pledge_update(
    state: State<'_, AppState>,
    id: Id,
    version: Option<u32>,
    input: PledgeInput,
) -> Result<PledgeView, ApiError> {
    state.write(|tx| Ok(pledges::update(tx, &id, version, &input, Utc::now())?.view()))
}

#[tauri::command]
pub fn pledge_stage(state: State<'_, AppState>, id: Id, change: StageChange) -> Result<PledgeView, ApiError> {
    state.write(|tx| Ok(pledges::stage(tx, &id, &change, Utc::now())?.view()))
}

#[tauri::command]
pub fn pledge_delete(state: State<'_, AppState>, id: Id) -> Result<(), ApiError> {
    state.write(|tx| pledges::delete(tx, &id, Utc::now()))
}

/// The form's live preview: no state, the core's rules only.
#[tauri::command]
pub fn pledge_preview(input: PledgeInput) -> Result<PledgePreview, ApiError> {
    Ok(pledges::preview(&input))
}
