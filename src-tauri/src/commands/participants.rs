//! Participants: the table (a page at a time), registration, bulk actions, import with a
//! preview, the check-in desk, delegations and categories.

use chrono::Utc;
use muntada::documents::BadgeLayout;
use muntada::participants::category::{self, CategoryInput};
use muntada::participants::delegation::{self, Delegation, DelegationInput};
use muntada::participants::import::{self, ValueChoice, FIELDS};
use muntada::participants::query::{self, ParticipantPage, ParticipantQuery, Selection};
use muntada::participants::{
    self, Added, CheckedIn, ColumnMapping, Erasure, ImportOptions, ImportReport, Participant, ParticipantInput,
    ParticipantStatus, TablePreview,
};
use muntada::store::Tx;
use muntada::{Bilingual, Id};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use super::export::{deliver, ExportOutcome};
use crate::{ApiError, AppState};

/// How many rows of a file the import preview shows.
const PREVIEW_ROWS: usize = 5;

/// An accreditation category with its badge colour.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CategoryInfo {
    pub key: String,
    pub name: Bilingual,
    /// `#rrggbb`
    pub colour: String,
}

/// What importing a file would do, before anything is written.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportPreview {
    pub table: TablePreview,
    /// A dry run of the import with the mapping given.
    pub report: ImportReport,
    /// The fields a column can be read as (then `extra` and `ignore`).
    pub fields: Vec<String>,
}

#[tauri::command]
pub async fn participant_query<R: Runtime>(
    app: AppHandle<R>,
    event_id: String,
    query: ParticipantQuery,
) -> Result<ParticipantPage, ApiError> {
    AppState::off_main(app, move |state| {
        state.read(|store| query::query(store, &event_id, &query, &mut state.search_index()))
    })
    .await
}

#[tauri::command]
pub fn participant_get(state: State<'_, AppState>, id: String) -> Result<Participant, ApiError> {
    state.read(|store| {
        let id = store.participants().resolve("id", &id)?;
        store.participants().get(&id)
    })
}

#[tauri::command]
pub fn participant_add(state: State<'_, AppState>, event_id: Id, input: ParticipantInput) -> Result<Added, ApiError> {
    state.write(|tx| participants::add_checked(tx, &event_id, &input, Utc::now()))
}

/// `version`: the version of the record the form was filled from (`conflict` / `changed`
/// when it has changed since).
#[tauri::command]
pub fn participant_update(
    state: State<'_, AppState>,
    id: Id,
    version: Option<u32>,
    input: ParticipantInput,
) -> Result<Added, ApiError> {
    state.write(|tx| participants::edit(tx, &id, version, &input, Utc::now()))
}

#[tauri::command]
pub fn participant_merge(state: State<'_, AppState>, keep: Id, other: Id) -> Result<Participant, ApiError> {
    state.write(|tx| participants::merge(tx, &keep, &other, Utc::now()))
}

/// What erasing a person would keep: their record and how many history entries (for the
/// confirmation to say). Writes nothing.
#[tauri::command]
pub fn participant_erasure(state: State<'_, AppState>, id: Id) -> Result<Erasure, ApiError> {
    state.read(|store| participants::erasure(store, id.as_str()))
}

/// Erases a person's personal data (their right to erasure) and says what was kept.
#[tauri::command]
pub fn participant_erase(state: State<'_, AppState>, id: Id) -> Result<Erasure, ApiError> {
    state.with_store(|store| {
        participants::erase(store, &id, Utc::now())?;
        participants::erasure(store, id.as_str())
    })
}

/// Sets the status of the participants selected: the rows picked, or all that match the
/// table's query. Returns how many were selected. On a worker: 100,000 take seconds.
#[tauri::command]
pub async fn participant_set_status<R: Runtime>(
    app: AppHandle<R>,
    event_id: String,
    selection: Selection,
    status: ParticipantStatus,
) -> Result<u32, ApiError> {
    bulk(app, event_id, selection, move |tx, event_id, ids| {
        participants::set_status(tx, event_id, ids, status, Utc::now())
    })
    .await
}

/// Puts the participants selected in a category (its key). Returns how many were selected.
#[tauri::command]
pub async fn participant_set_category<R: Runtime>(
    app: AppHandle<R>,
    event_id: String,
    selection: Selection,
    category: String,
) -> Result<u32, ApiError> {
    bulk(app, event_id, selection, move |tx, event_id, ids| {
        participants::set_category(tx, event_id, ids, &category, Utc::now())
    })
    .await
}

/// Puts the participants selected into a delegation of the event (`None`: out of any).
/// Returns how many were selected.
#[tauri::command]
pub async fn participant_set_delegation<R: Runtime>(
    app: AppHandle<R>,
    event_id: String,
    selection: Selection,
    delegation: Option<String>,
) -> Result<u32, ApiError> {
    bulk(app, event_id, selection, move |tx, event_id, ids| {
        let delegation =
            delegation.as_deref().map(|d| tx.delegations().resolve_in(event_id, "delegation", d)).transpose()?;
        delegation::assign(tx, event_id, ids, delegation.as_ref(), Utc::now())
    })
    .await
}

/// Resolves the selection and applies `change` to it, in one hold of the store.
async fn bulk<R: Runtime>(
    app: AppHandle<R>,
    event_id: String,
    selection: Selection,
    mut change: impl FnMut(&Tx<'_>, &Id, &[Id]) -> muntada::Result<Vec<Participant>> + Send + 'static,
) -> Result<u32, ApiError> {
    AppState::off_main(app, move |state| {
        // Who the selection names is read in the transaction that changes them.
        state.write(|tx| {
            let ids = selection.ids(tx, &event_id, &mut state.search_index())?;
            let changed = change(tx, &tx.events().resolve("event", &event_id)?, &ids)?;
            Ok(u32::try_from(changed.len()).unwrap_or(u32::MAX))
        })
    })
    .await
}

#[tauri::command]
pub fn participant_check_in(state: State<'_, AppState>, event_id: Id, code: String) -> Result<CheckedIn, ApiError> {
    state.write(|tx| participants::check_in(tx, &event_id, &code, Utc::now()))
}

#[tauri::command]
pub async fn participant_import_preview<R: Runtime>(
    app: AppHandle<R>,
    event_id: Id,
    file: Vec<u8>,
    map: Vec<ColumnMapping>,
    values: Vec<ValueChoice>,
) -> Result<ImportPreview, ApiError> {
    // A dry run writes nothing: it reads in a read transaction, and other desks write meanwhile.
    AppState::off_main(app, move |state| {
        state.read(|store| {
            store.read(|tx| {
                let table = import::preview(&file, PREVIEW_ROWS).map_err(|e| e.with_field("file"))?;
                let options = options(true, map.clone(), values.clone());
                let report = participants::import(tx, &event_id, &file, &options, Utc::now())?;
                let fields = FIELDS.iter().chain([&import::EXTRA, &import::IGNORE]).map(|f| (*f).to_owned()).collect();
                Ok(ImportPreview { table, report, fields })
            })
        })
    })
    .await
}

#[tauri::command]
pub async fn participant_import<R: Runtime>(
    app: AppHandle<R>,
    event_id: Id,
    file: Vec<u8>,
    file_name: String,
    map: Vec<ColumnMapping>,
    values: Vec<ValueChoice>,
) -> Result<ImportReport, ApiError> {
    AppState::off_main(app, move |state| {
        let options = ImportOptions { file_name, ..options(false, map, values) };
        state.write(|tx| participants::import(tx, &event_id, &file, &options, Utc::now()))
    })
    .await
}

fn options(dry_run: bool, map: Vec<ColumnMapping>, values: Vec<ValueChoice>) -> ImportOptions {
    ImportOptions {
        dry_run,
        map: map.into_iter().map(|m| (m.column, m.field)).collect(),
        values,
        file_name: String::new(),
    }
}

#[tauri::command]
pub fn category_list(state: State<'_, AppState>, event_id: String) -> Result<Vec<CategoryInfo>, ApiError> {
    state.read(|store| categories(store, event_id.as_str()))
}

fn categories(store: &muntada::Store, event_id: &str) -> muntada::Result<Vec<CategoryInfo>> {
    let categories = participants::categories_with_colours(store, event_id)?;
    Ok(categories.into_iter().map(|(c, colour)| CategoryInfo { key: c.key, name: c.name, colour }).collect())
}

/// Renames or recolours the category `key`, or adds one when `key` is empty; the event's
/// categories as they are then.
#[tauri::command]
pub fn category_save(
    state: State<'_, AppState>,
    event_id: Id,
    key: String,
    input: CategoryInput,
) -> Result<Vec<CategoryInfo>, ApiError> {
    state.write(|tx| category::save(tx, &event_id, &key, &input))?;
    state.read(|store| categories(store, event_id.as_str()))
}

#[tauri::command]
pub fn delegation_list(state: State<'_, AppState>, event_id: String) -> Result<Vec<Delegation>, ApiError> {
    state.read(|store| delegation::list(store, &event_id))
}

#[tauri::command]
pub fn delegation_add(
    state: State<'_, AppState>,
    event_id: Id,
    input: DelegationInput,
) -> Result<Delegation, ApiError> {
    state.write(|tx| delegation::add(tx, &event_id, &input, Utc::now()))
}

#[tauri::command]
pub fn delegation_update(
    state: State<'_, AppState>,
    id: Id,
    version: Option<u32>,
    input: DelegationInput,
) -> Result<Delegation, ApiError> {
    state.write(|tx| delegation::update(tx, &id, version, &input, Utc::now()))
}

/// The badges of the event's participants (those with `status`, when given) as a PDF, saved
/// where the person chooses.
#[tauri::command]
pub async fn badges_export<R: Runtime>(
    app: AppHandle<R>,
    event_id: String,
    status: Option<ParticipantStatus>,
    layout: BadgeLayout,
) -> Result<ExportOutcome, ApiError> {
    deliver(app, move |store| muntada::documents::export_badges(store, &event_id, status, layout)).await
}

/// Deletes a delegation; its members stay, in no delegation.
#[tauri::command]
pub fn delegation_remove(state: State<'_, AppState>, id: Id) -> Result<Delegation, ApiError> {
    state.write(|tx| delegation::remove(tx, &id, Utc::now()))
}
