//! The outcome document: its versions and sections, adopting a draft, comparing versions, and
//! its PDF, the attendance certificates and the chairs' cue cards (saved like every export).

use chrono::Utc;
use muntada::documents::certificates::{self, CertificateLang, Which};
use muntada::documents::outcome::{self as outcome_pdf, Languages};
use muntada::outcome::{self, LanguageState, Section, SectionDiff, SectionEdit, SectionInput, Version};
use muntada::participants::ParticipantStatus;
use muntada::Id;
use muntada::{Lang, Store};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use super::export::{deliver, ExportOutcome};
use crate::{ApiError, AppState};

/// An event's outcome document as the editor shows it: every version, and one of them with its
/// sections.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeDocument {
    /// Oldest first.
    pub versions: Vec<Version>,
    /// The version shown; none while the event has no outcome document.
    pub version: Option<Version>,
    pub sections: Vec<SectionView>,
}

/// A section with where each of its languages stands against the other.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SectionView {
    pub section: Section,
    pub state_en: LanguageState,
    pub state_ar: LanguageState,
}

impl From<Section> for SectionView {
    fn from(section: Section) -> SectionView {
        SectionView { state_en: section.language_state(Lang::En), state_ar: section.language_state(Lang::Ar), section }
    }
}

/// The language(s) of an outcome PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeLang {
    En,
    Ar,
    Both,
}

impl From<OutcomeLang> for Languages {
    fn from(lang: OutcomeLang) -> Languages {
        match lang {
            OutcomeLang::En => Languages::One(Lang::En),
            OutcomeLang::Ar => Languages::One(Lang::Ar),
            OutcomeLang::Both => Languages::Both,
        }
    }
}

fn document(store: &Store, event_id: &str, version: Option<u32>) -> muntada::Result<OutcomeDocument> {
    let versions = outcome::versions(store, event_id)?;
    let shown = outcome::get(store, event_id, version)?;
    Ok(match shown {
        Some(o) => OutcomeDocument {
            versions,
            version: Some(o.version),
            sections: o.sections.into_iter().map(SectionView::from).collect(),
        },
        None => OutcomeDocument { versions, version: None, sections: Vec::new() },
    })
}

/// The document at `version` (the newest when null).
#[tauri::command]
pub fn outcome_get(
    state: State<'_, AppState>,
    event_id: String,
    version: Option<u32>,
) -> Result<OutcomeDocument, ApiError> {
    state.read(|store| document(store, &event_id, version))
}

/// Adds a section to draft `version`, or, when null, to a new draft started from the newest
/// version.
#[tauri::command]
pub fn outcome_section_add(
    state: State<'_, AppState>,
    event_id: Id,
    version: Option<u32>,
    input: SectionInput,
) -> Result<SectionView, ApiError> {
    state.write(|tx| outcome::add_section(tx, &event_id, version, &input, Utc::now()).map(SectionView::from))
}

/// Changes a section (its text, links or place) in draft `version` (null: as for adding).
#[tauri::command]
pub fn outcome_section_update(
    state: State<'_, AppState>,
    event_id: Id,
    key: String,
    version: Option<u32>,
    edit: SectionEdit,
) -> Result<SectionView, ApiError> {
    state.write(|tx| outcome::edit_section(tx, &event_id, &key, version, &edit, Utc::now()).map(SectionView::from))
}

/// Moves a section to `position` (from 1) in draft `version`.
#[tauri::command]
pub fn outcome_section_move(
    state: State<'_, AppState>,
    event_id: Id,
    key: String,
    version: Option<u32>,
    position: u32,
) -> Result<SectionView, ApiError> {
    let edit = SectionEdit { position: Some(position), ..SectionEdit::default() };
    state.write(|tx| outcome::edit_section(tx, &event_id, &key, version, &edit, Utc::now()).map(SectionView::from))
}

#[tauri::command]
pub fn outcome_section_delete(
    state: State<'_, AppState>,
    event_id: Id,
    key: String,
    version: Option<u32>,
) -> Result<(), ApiError> {
    state.write(|tx| outcome::remove_section(tx, &event_id, &key, version, Utc::now()))
}

/// Adopts draft `version`, as the computer's user.
#[tauri::command]
pub fn outcome_adopt(state: State<'_, AppState>, event_id: Id, version: u32) -> Result<Version, ApiError> {
    state.write(|tx| outcome::adopt(tx, &event_id, Some(version), Utc::now()))
}

/// What changed, section by section, from version `from` to version `to`.
#[tauri::command]
pub fn outcome_diff(
    state: State<'_, AppState>,
    event_id: String,
    from: u32,
    to: u32,
) -> Result<Vec<SectionDiff>, ApiError> {
    state.read(|store| outcome::diff(store, &event_id, from, to))
}

/// The outcome PDF of `version` (the newest when null).
#[tauri::command]
pub async fn outcome_export<R: Runtime>(
    app: AppHandle<R>,
    event_id: String,
    lang: OutcomeLang,
    version: Option<u32>,
) -> Result<ExportOutcome, ApiError> {
    deliver(app, move |store| outcome_pdf::export(store, &event_id, lang.into(), version, false)).await
}

/// Attendance certificates, one page each: of the participants with `status`, or of everyone
/// who did not decline.
#[tauri::command]
pub async fn certificates_export<R: Runtime>(
    app: AppHandle<R>,
    event_id: String,
    lang: CertificateLang,
    status: Option<ParticipantStatus>,
) -> Result<ExportOutcome, ApiError> {
    deliver(app, move |store| certificates::export(store, &event_id, Which::Certificates { status, lang })).await
}

/// One cue card per session for its chair.
#[tauri::command]
pub async fn cue_cards_export<R: Runtime>(
    app: AppHandle<R>,
    event_id: String,
    lang: Lang,
) -> Result<ExportOutcome, ApiError> {
    deliver(app, move |store| certificates::export(store, &event_id, Which::CueCards(lang))).await
}
