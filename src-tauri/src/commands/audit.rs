//! The audit trail: who changed what and when.

use muntada::audit::{self, AuditEntry, AuditSubject};
use tauri::State;

use crate::{ApiError, AppState};

/// The newest changes to one participant or pledge, or to everything in an event.
#[tauri::command]
pub fn audit_list(
    state: State<'_, AppState>,
    entity: AuditSubject,
    entity_id: String,
) -> Result<Vec<AuditEntry>, ApiError> {
    state.read(|store| audit::list(store, entity, &entity_id))
}
