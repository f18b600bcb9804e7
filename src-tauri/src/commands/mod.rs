//! The IPC surface. Each command takes state and arguments, calls the core, maps the error.
//! `api!` lists them once: it builds the handler and the signatures the TypeScript client is
//! generated from.

pub mod app;
pub mod audit;
pub mod backup;
pub mod desk;
pub mod event;
pub mod export;
pub mod outcome;
pub mod participants;
pub mod pledges;
pub mod programme;
pub mod team;

include!("names.rs");

/// A command's name and the TypeScript types of its arguments and result.
pub struct Signature {
    pub name: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub result: String,
}

macro_rules! api {
    ($($module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $result:ty;)*) => {
        pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$name),*]
        }

        pub fn signatures() -> Vec<Signature> {
            let cfg = ts_rs::Config::new();
            vec![$(Signature {
                name: stringify!($name),
                args: vec![$((stringify!($arg), <$ty as ts_rs::TS>::name(&cfg))),*],
                result: <$result as ts_rs::TS>::name(&cfg),
            }),*]
        }
    };
}

use muntada::audit::{AuditEntry, AuditSubject};
use muntada::documents::certificates::CertificateLang;
use muntada::documents::{BadgeLayout, ExportKind};
use muntada::event::{Event, EventInput, EventLogo, EventOverview};
use muntada::outcome::{SectionDiff, SectionEdit, SectionInput, Version};
use muntada::participants::delegation::{Delegation, DelegationInput};
use muntada::participants::import::ValueChoice;
use muntada::participants::query::{ParticipantPage, ParticipantQuery, Selection};
use muntada::participants::{
    Added, CheckedIn, ColumnMapping, Erasure, ImportReport, Participant, ParticipantInput, ParticipantStatus,
};
use muntada::pledges::{PledgeInput, PledgePreview, PledgeView, StageChange};
use muntada::programme::conflicts::Conflict;
use muntada::programme::release::{Diff, ReleaseInfo};
use muntada::programme::{
    Assignment, Availability, Room, RoomInput, Session, SessionInput, SessionMove, SignUps, Speaker, SpeakerCandidate,
    SpeakerInput,
};
use muntada::reference::ReferenceData;
use muntada::Id;
use muntada::Lang;

api! {
    app::app_info() -> app::AppInfo;
    app::app_ready(view: String) -> ();
    app::reference_data() -> ReferenceData;
    app::demo_open() -> Event;
    event::event_list() -> Vec<Event>;
    event::event_get(id: String) -> Event;
    event::event_create(input: EventInput) -> Event;
    event::event_update(id: Id, version: Option<u32>, input: EventInput) -> Event;
    event::event_delete(id: Id) -> ();
    event::event_overview(id: String) -> EventOverview;
    pledges::pledge_list(event_id: String) -> pledges::PledgeListing;
    pledges::pledge_get(id: String) -> PledgeView;
    pledges::pledge_add(event_id: Id, input: PledgeInput) -> PledgeView;
    pledges::pledge_update(id: Id, version: Option<u32>, input: PledgeInput) -> PledgeView;
    pledges::pledge_stage(id: Id, change: StageChange) -> PledgeView;
    pledges::pledge_delete(id: Id) -> ();
    pledges::pledge_preview(input: PledgeInput) -> PledgePreview;
    programme::session_list(event_id: String) -> Vec<Session>;
    programme::speaker_list(event_id: String) -> Vec<Speaker>;
    programme::room_list(event_id: String) -> Vec<Room>;
    programme::session_move(id: Id, to: SessionMove) -> Session;
    programme::conflict_list(event_id: String) -> Vec<Conflict>;
    programme::release_list(event_id: String) -> Vec<ReleaseInfo>;
    programme::release_create(event_id: Id, name: String) -> ReleaseInfo;
    programme::release_diff(event_id: String, from: String, to: String) -> Diff;
    export::export_document(event_id: String, kind: ExportKind, lang: Lang) -> export::ExportOutcome;
    audit::audit_list(entity: AuditSubject, entity_id: String) -> Vec<AuditEntry>;
    backup::backup_create() -> Option<backup::BackupSaved>;
    backup::backup_restore() -> Option<backup::BackupRestored>;
    programme::session_create(event_id: Id, input: SessionInput) -> Session;
    programme::session_update(id: Id, version: Option<u32>, input: SessionInput) -> Session;
    programme::session_delete(id: Id) -> ();
    programme::assignment_list(event_id: String) -> Vec<Assignment>;
    programme::session_assign(session_id: Id, speaker_id: Id, role: String) -> Assignment;
    programme::session_unassign(session_id: Id, speaker_id: Id, role: String) -> ();
    programme::event_clone(id: Id, start: String) -> Event;
    outcome::outcome_get(event_id: String, version: Option<u32>) -> outcome::OutcomeDocument;
    outcome::outcome_section_add(event_id: Id, version: Option<u32>, input: SectionInput) -> outcome::SectionView;
    outcome::outcome_section_update(event_id: Id, key: String, version: Option<u32>, edit: SectionEdit) -> outcome::SectionView;
    outcome::outcome_section_move(event_id: Id, key: String, version: Option<u32>, position: u32) -> outcome::SectionView;
    outcome::outcome_section_delete(event_id: Id, key: String, version: Option<u32>) -> ();
    outcome::outcome_adopt(event_id: Id, version: u32) -> Version;
    outcome::outcome_diff(event_id: String, from: u32, to: u32) -> Vec<SectionDiff>;
    outcome::outcome_export(event_id: String, lang: outcome::OutcomeLang, version: Option<u32>) -> export::ExportOutcome;
    outcome::certificates_export(event_id: String, lang: CertificateLang, status: Option<ParticipantStatus>) -> export::ExportOutcome;
    outcome::cue_cards_export(event_id: String, lang: Lang) -> export::ExportOutcome;
    programme::speaker_create(event_id: Id, input: SpeakerInput) -> Speaker;
    programme::speaker_update(id: Id, version: Option<u32>, input: SpeakerInput) -> Speaker;
    programme::speaker_candidates(event_id: String, query: String) -> Vec<SpeakerCandidate>;
    programme::speaker_from_participant(event_id: Id, participant_id: Id) -> Speaker;
    participants::participant_query(event_id: String, query: ParticipantQuery) -> ParticipantPage;
    participants::participant_get(id: String) -> Participant;
    participants::participant_add(event_id: Id, input: ParticipantInput) -> Added;
    participants::participant_update(id: Id, version: Option<u32>, input: ParticipantInput) -> Added;
    participants::participant_merge(keep: Id, other: Id) -> Participant;
    participants::participant_set_status(event_id: String, selection: Selection, status: ParticipantStatus) -> u32;
    participants::participant_erasure(id: Id) -> Erasure;
    participants::participant_erase(id: Id) -> Erasure;
    participants::participant_set_category(event_id: String, selection: Selection, category: String) -> u32;
    participants::participant_set_delegation(event_id: String, selection: Selection, delegation: Option<String>) -> u32;
    participants::participant_check_in(event_id: Id, code: String) -> CheckedIn;
    participants::participant_import_preview(event_id: Id, file: Vec<u8>, map: Vec<ColumnMapping>, values: Vec<ValueChoice>) -> participants::ImportPreview;
    participants::participant_import(event_id: Id, file: Vec<u8>, file_name: String, map: Vec<ColumnMapping>, values: Vec<ValueChoice>) -> ImportReport;
    participants::category_list(event_id: String) -> Vec<participants::CategoryInfo>;
    participants::delegation_list(event_id: String) -> Vec<Delegation>;
    participants::delegation_add(event_id: Id, input: DelegationInput) -> Delegation;
    participants::delegation_update(id: Id, version: Option<u32>, input: DelegationInput) -> Delegation;
    participants::delegation_remove(id: Id) -> Delegation;
    participants::badges_export(event_id: String, status: Option<ParticipantStatus>, layout: BadgeLayout) -> export::ExportOutcome;
    participants::category_save(event_id: Id, key: String, input: muntada::participants::category::CategoryInput) -> Vec<participants::CategoryInfo>;
    event::event_logo_get(id: String) -> Option<EventLogo>;
    event::event_logo_set(id: Id, file: Vec<u8>) -> EventLogo;
    event::event_logo_remove(id: Id) -> bool;
    programme::programme_pdf_export(event_id: String, lang: Lang, release: String, door_sheets: bool) -> export::ExportOutcome;
    programme::ical_export(event_id: String, release: String, speaker_id: Option<String>) -> export::ExportOutcome;
    programme::schedule_json_export(event_id: String, release: String) -> export::ExportOutcome;
    programme::schedule_xml_export(event_id: String, release: String) -> export::ExportOutcome;
    programme::room_create(event_id: Id, input: RoomInput) -> Room;
    programme::room_update(id: Id, version: Option<u32>, input: RoomInput) -> Room;
    programme::room_delete(id: Id) -> Room;
    programme::session_sign_ups(session_id: String) -> SignUps;
    programme::session_sign_up(session_id: Id, participant_id: Id) -> SignUps;
    programme::session_sign_up_remove(session_id: Id, participant_id: Id) -> SignUps;
    programme::speaker_availability(speaker_id: String) -> Vec<Availability>;
    programme::speaker_availability_add(speaker_id: Id, start: String, end: String) -> Availability;
    programme::speaker_availability_remove(speaker_id: Id, start: String) -> ();
    programme::travel_buffer_get(event_id: String) -> u32;
    programme::travel_buffer_set(event_id: Id, minutes: u32) -> u32;
    team::team_status() -> crate::state::TeamStatus;
    team::team_test(login: crate::team::TeamLogin) -> ();
    team::team_connect(login: crate::team::TeamLogin, remember: bool) -> crate::state::TeamStatus;
    team::team_resume() -> crate::state::TeamStatus;
    team::team_leave() -> crate::state::TeamStatus;
    team::team_watch(news: team::NewsChannel) -> ();
    desk::desk_open(event_id: Id) -> muntada::desk::DeskStatus;
    desk::desk_check_in(code: String) -> muntada::desk::DeskCheckIn;
    desk::desk_status() -> muntada::desk::DeskStatus;
}

#[cfg(test)]
mod tests {
    #[test]
    fn permissions_cover_exactly_the_handlers() {
        let handlers: Vec<&str> = super::signatures().iter().map(|s| s.name).collect();
        assert_eq!(handlers, super::COMMAND_NAMES, "update src/commands/names.rs");
    }
}
