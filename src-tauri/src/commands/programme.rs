//! The programme: rooms, sessions and speakers (also for the pledge form: who announced it,
//! where), moving, creating, editing and deleting sessions and their people, the conflicts,
//! releases and what changed between them, and next year's edition of an event.

use chrono::Utc;
use muntada::documents::{self, ProgrammeDocument};
use muntada::event::Event;
use muntada::programme::conflicts::{self, Conflict};
use muntada::programme::release::{self, Diff, ReleaseInfo};
use muntada::programme::{
    self, edition, Assignment, Availability, Role, Room, RoomInput, Session, SessionInput, SessionMove, SignUps,
    Speaker, SpeakerCandidate, SpeakerInput,
};
use muntada::Id;
use muntada::Lang;
use tauri::{AppHandle, Runtime, State};

use super::export::{deliver, ExportOutcome};
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

/// Adds a room to the event.
#[tauri::command]
pub fn room_create(state: State<'_, AppState>, event_id: Id, input: RoomInput) -> Result<Room, ApiError> {
    state.write(|tx| programme::add_room(tx, &event_id, &input))
}

/// Changes a room's names, seats, overlap rule and opening hours.
#[tauri::command]
pub fn room_update(
    state: State<'_, AppState>,
    id: Id,
    version: Option<u32>,
    input: RoomInput,
) -> Result<Room, ApiError> {
    state.write(|tx| programme::update_room(tx, &id, version, &input, Utc::now()))
}

/// Deletes a room; refused while sessions are in it.
#[tauri::command]
pub fn room_delete(state: State<'_, AppState>, id: Id) -> Result<Room, ApiError> {
    state.write(|tx| programme::delete_room(tx, &id))
}

#[tauri::command]
pub fn session_move(state: State<'_, AppState>, id: Id, to: SessionMove) -> Result<Session, ApiError> {
    state.write(|tx| muntada::programme::move_session(tx, &id, &to, Utc::now()))
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
pub fn release_create(state: State<'_, AppState>, event_id: Id, name: String) -> Result<ReleaseInfo, ApiError> {
    state.write(|tx| release::create(tx, &event_id, &name, Utc::now()))
}

#[tauri::command]
pub fn release_diff(state: State<'_, AppState>, event_id: String, from: String, to: String) -> Result<Diff, ApiError> {
    state.read(|store| release::diff_named(store, &event_id, &from, &to))
}

#[tauri::command]
pub fn session_create(state: State<'_, AppState>, event_id: Id, input: SessionInput) -> Result<Session, ApiError> {
    state.write(|tx| programme::add_session(tx, &event_id, &input))
}

#[tauri::command]
pub fn session_update(
    state: State<'_, AppState>,
    id: Id,
    version: Option<u32>,
    input: SessionInput,
) -> Result<Session, ApiError> {
    state.write(|tx| programme::update_session(tx, &id, version, &input, Utc::now()))
}

#[tauri::command]
pub fn session_delete(state: State<'_, AppState>, id: Id) -> Result<(), ApiError> {
    state.write(|tx| programme::delete_session(tx, &id, Utc::now()))
}

/// Everyone's roles in the event's sessions.
#[tauri::command]
pub fn assignment_list(state: State<'_, AppState>, event_id: String) -> Result<Vec<Assignment>, ApiError> {
    state.read(|store| programme::assignments(store, &event_id))
}

/// Gives a speaker a role (a word of the list, checked by the core) in a session.
#[tauri::command]
pub fn session_assign(
    state: State<'_, AppState>,
    session_id: Id,
    speaker_id: Id,
    role: String,
) -> Result<Assignment, ApiError> {
    state.write(|tx| programme::assign(tx, &session_id, &speaker_id, Role::parse("role", &role)?))
}

#[tauri::command]
pub fn session_unassign(
    state: State<'_, AppState>,
    session_id: Id,
    speaker_id: Id,
    role: String,
) -> Result<(), ApiError> {
    state.write(|tx| programme::unassign(tx, &session_id, &speaker_id, Role::parse("role", &role)?))
}

/// Next year's edition: a new draft event from this one, starting on `start` (YYYY-MM-DD).
#[tauri::command]
pub fn event_clone(state: State<'_, AppState>, id: Id, start: String) -> Result<Event, ApiError> {
    state.write(|tx| edition::clone_event(tx, &id, &start, Utc::now()))
}

#[tauri::command]
pub fn speaker_create(state: State<'_, AppState>, event_id: Id, input: SpeakerInput) -> Result<Speaker, ApiError> {
    state.write(|tx| programme::add_speaker(tx, &event_id, &input))
}

#[tauri::command]
pub fn speaker_update(
    state: State<'_, AppState>,
    id: Id,
    version: Option<u32>,
    input: SpeakerInput,
) -> Result<Speaker, ApiError> {
    state.write(|tx| programme::update_speaker(tx, &id, version, &input, Utc::now()))
}

/// Participants matching a search who are not speakers yet.
#[tauri::command]
pub fn speaker_candidates(
    state: State<'_, AppState>,
    event_id: String,
    query: String,
) -> Result<Vec<SpeakerCandidate>, ApiError> {
    state.read(|store| programme::speaker_candidates(store, &event_id, &query))
}

/// A participant made a speaker, their details copied from the registration.
#[tauri::command]
pub fn speaker_from_participant(
    state: State<'_, AppState>,
    event_id: Id,
    participant_id: Id,
) -> Result<Speaker, ApiError> {
    state.write(|tx| programme::speaker_from_participant(tx, &event_id, &participant_id))
}

/// The programme PDF (or one door sheet per room) of the draft or of a release.
#[tauri::command]
pub async fn programme_pdf_export<R: Runtime>(
    app: AppHandle<R>,
    event_id: String,
    lang: Lang,
    release: String,
    door_sheets: bool,
) -> Result<ExportOutcome, ApiError> {
    let which = if door_sheets { ProgrammeDocument::DoorSheets } else { ProgrammeDocument::Timetable };
    deliver(app, move |store| documents::export_programme(store, &event_id, &release, which, lang)).await
}

/// The iCal file of the whole programme, or of one speaker's sessions.
#[tauri::command]
pub async fn ical_export<R: Runtime>(
    app: AppHandle<R>,
    event_id: String,
    release: String,
    speaker_id: Option<String>,
) -> Result<ExportOutcome, ApiError> {
    deliver(app, move |store| documents::export_ical(store, &event_id, &release, speaker_id.as_deref(), Utc::now()))
        .await
}

/// The programme in the frab/pretalx schedule JSON format.
#[tauri::command]
pub async fn schedule_json_export<R: Runtime>(
    app: AppHandle<R>,
    event_id: String,
    release: String,
) -> Result<ExportOutcome, ApiError> {
    deliver(app, move |store| documents::export_schedule_json(store, &event_id, &release)).await
}

/// The programme as frab schedule XML.
#[tauri::command]
pub async fn schedule_xml_export<R: Runtime>(
    app: AppHandle<R>,
    event_id: String,
    release: String,
) -> Result<ExportOutcome, ApiError> {
    deliver(app, move |store| documents::export_schedule_xml(store, &event_id, &release)).await
}

/// Who signed up for a session, against its room's seats.
#[tauri::command]
pub fn session_sign_ups(state: State<'_, AppState>, session_id: String) -> Result<SignUps, ApiError> {
    state.read(|store| programme::sign_ups(store, session_id.as_str()))
}

/// Signs a participant of the event up for a session; gives the sign-ups as they now stand.
#[tauri::command]
pub fn session_sign_up(state: State<'_, AppState>, session_id: Id, participant_id: Id) -> Result<SignUps, ApiError> {
    state.write(|tx| programme::sign_up(tx, &session_id, &participant_id))?;
    state.read(|store| programme::sign_ups(store, session_id.as_str()))
}

/// Takes a participant off a session's sign-ups; gives the sign-ups as they now stand.
#[tauri::command]
pub fn session_sign_up_remove(
    state: State<'_, AppState>,
    session_id: Id,
    participant_id: Id,
) -> Result<SignUps, ApiError> {
    state.write(|tx| programme::remove_sign_up(tx, &session_id, &participant_id))?;
    state.read(|store| programme::sign_ups(store, session_id.as_str()))
}

/// A speaker's stated times (sessions outside them are conflicts once there are any).
#[tauri::command]
pub fn speaker_availability(state: State<'_, AppState>, speaker_id: String) -> Result<Vec<Availability>, ApiError> {
    state.read(|store| programme::availability(store, &speaker_id))
}

/// Records a time a speaker can be there: local times of the event, `YYYY-MM-DD HH:MM`.
#[tauri::command]
pub fn speaker_availability_add(
    state: State<'_, AppState>,
    speaker_id: Id,
    start: String,
    end: String,
) -> Result<Availability, ApiError> {
    state.write(|tx| programme::add_availability(tx, &speaker_id, &start, &end))
}

/// Takes back the stated time that begins at `start` (the instant as listed).
#[tauri::command]
pub fn speaker_availability_remove(state: State<'_, AppState>, speaker_id: Id, start: String) -> Result<(), ApiError> {
    state.write(|tx| programme::remove_availability(tx, &speaker_id, &start))
}

/// The event's travel buffer in minutes (0: none).
#[tauri::command]
pub fn travel_buffer_get(state: State<'_, AppState>, event_id: String) -> Result<u32, ApiError> {
    state.read(|store| programme::travel_buffer(store, event_id.as_str()))
}

/// Sets the event's travel buffer in minutes; gives it back as stored.
#[tauri::command]
pub fn travel_buffer_set(state: State<'_, AppState>, event_id: Id, minutes: u32) -> Result<u32, ApiError> {
    state.write(|tx| programme::set_travel_buffer(tx, &event_id, minutes))?;
    state.read(|store| programme::travel_buffer(store, event_id.as_str()))
}
