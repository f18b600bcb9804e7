// Generated from the Rust types by `make bindings` (src-tauri/src/bindings.rs). Do not edit.
import { call } from "./invoke";
import type { Channel } from "@tauri-apps/api/core";
import type { Added, AppInfo, Assignment, AuditEntry, AuditSubject, Availability, BackupRestored, BackupSaved, BadgeLayout, CategoryInfo, CategoryInput, CertificateLang, CheckedIn, ColumnMapping, Conflict, Delegation, DelegationInput, DeskCheckIn, DeskStatus, Diff, Erasure, Event, EventInput, EventLogo, EventOverview, ExportKind, ExportOutcome, Id, ImportPreview, ImportReport, Lang, OutcomeDocument, OutcomeLang, Participant, ParticipantInput, ParticipantPage, ParticipantQuery, ParticipantStatus, PledgeInput, PledgeListing, PledgePreview, PledgeView, ReferenceData, ReleaseInfo, Room, RoomInput, SectionDiff, SectionEdit, SectionInput, SectionView, Selection, Session, SessionInput, SessionMove, SignUps, Speaker, SpeakerCandidate, SpeakerInput, StageChange, TeamLogin, TeamNews, TeamStatus, ValueChoice, Version } from "./types";

export function appInfo(): Promise<AppInfo> {
  return call("app_info", {});
}

export function appReady(view: string): Promise<null> {
  return call("app_ready", { view });
}

export function referenceData(): Promise<ReferenceData> {
  return call("reference_data", {});
}

export function demoOpen(): Promise<Event> {
  return call("demo_open", {});
}

export function eventList(): Promise<Array<Event>> {
  return call("event_list", {});
}

export function eventGet(id: string): Promise<Event> {
  return call("event_get", { id });
}

export function eventCreate(input: EventInput): Promise<Event> {
  return call("event_create", { input });
}

export function eventUpdate(id: Id, version: number | null, input: EventInput): Promise<Event> {
  return call("event_update", { id, version, input });
}

export function eventDelete(id: Id): Promise<null> {
  return call("event_delete", { id });
}

export function eventOverview(id: string): Promise<EventOverview> {
  return call("event_overview", { id });
}

export function pledgeList(eventId: string): Promise<PledgeListing> {
  return call("pledge_list", { eventId });
}

export function pledgeGet(id: string): Promise<PledgeView> {
  return call("pledge_get", { id });
}

export function pledgeAdd(eventId: Id, input: PledgeInput): Promise<PledgeView> {
  return call("pledge_add", { eventId, input });
}

export function pledgeUpdate(id: Id, version: number | null, input: PledgeInput): Promise<PledgeView> {
  return call("pledge_update", { id, version, input });
}

export function pledgeStage(id: Id, change: StageChange): Promise<PledgeView> {
  return call("pledge_stage", { id, change });
}

export function pledgeDelete(id: Id): Promise<null> {
  return call("pledge_delete", { id });
}

export function pledgePreview(input: PledgeInput): Promise<PledgePreview> {
  return call("pledge_preview", { input });
}

export function sessionList(eventId: string): Promise<Array<Session>> {
  return call("session_list", { eventId });
}

export function speakerList(eventId: string): Promise<Array<Speaker>> {
  return call("speaker_list", { eventId });
}

export function roomList(eventId: string): Promise<Array<Room>> {
  return call("room_list", { eventId });
}

export function sessionMove(id: Id, to: SessionMove): Promise<Session> {
  return call("session_move", { id, to });
}

export function conflictList(eventId: string): Promise<Array<Conflict>> {
  return call("conflict_list", { eventId });
}

export function releaseList(eventId: string): Promise<Array<ReleaseInfo>> {
  return call("release_list", { eventId });
}

export function releaseCreate(eventId: Id, name: string): Promise<ReleaseInfo> {
  return call("release_create", { eventId, name });
}

export function releaseDiff(eventId: string, from: string, to: string): Promise<Diff> {
  return call("release_diff", { eventId, from, to });
}

export function exportDocument(eventId: string, kind: ExportKind, lang: Lang): Promise<ExportOutcome> {
  return call("export_document", { eventId, kind, lang });
}

export function auditList(entity: AuditSubject, entityId: string): Promise<Array<AuditEntry>> {
  return call("audit_list", { entity, entityId });
}

export function backupCreate(): Promise<BackupSaved | null> {
  return call("backup_create", {});
}

export function backupRestore(): Promise<BackupRestored | null> {
  return call("backup_restore", {});
}

export function sessionCreate(eventId: Id, input: SessionInput): Promise<Session> {
  return call("session_create", { eventId, input });
}

export function sessionUpdate(id: Id, version: number | null, input: SessionInput): Promise<Session> {
  return call("session_update", { id, version, input });
}

export function sessionDelete(id: Id): Promise<null> {
  return call("session_delete", { id });
}

export function assignmentList(eventId: string): Promise<Array<Assignment>> {
  return call("assignment_list", { eventId });
}

export function sessionAssign(sessionId: Id, speakerId: Id, role: string): Promise<Assignment> {
  return call("session_assign", { sessionId, speakerId, role });
}

export function sessionUnassign(sessionId: Id, speakerId: Id, role: string): Promise<null> {
  return call("session_unassign", { sessionId, speakerId, role });
}

export function eventClone(id: Id, start: string): Promise<Event> {
  return call("event_clone", { id, start });
}

export function outcomeGet(eventId: string, version: number | null): Promise<OutcomeDocument> {
  return call("outcome_get", { eventId, version });
}

export function outcomeSectionAdd(eventId: Id, version: number | null, input: SectionInput): Promise<SectionView> {
  return call("outcome_section_add", { eventId, version, input });
}

export function outcomeSectionUpdate(eventId: Id, key: string, version: number | null, edit: SectionEdit): Promise<SectionView> {
  return call("outcome_section_update", { eventId, key, version, edit });
}

export function outcomeSectionMove(eventId: Id, key: string, version: number | null, position: number): Promise<SectionView> {
  return call("outcome_section_move", { eventId, key, version, position });
}

export function outcomeSectionDelete(eventId: Id, key: string, version: number | null): Promise<null> {
  return call("outcome_section_delete", { eventId, key, version });
}

export function outcomeAdopt(eventId: Id, version: number): Promise<Version> {
  return call("outcome_adopt", { eventId, version });
}

export function outcomeDiff(eventId: string, from: number, to: number): Promise<Array<SectionDiff>> {
  return call("outcome_diff", { eventId, from, to });
}

export function outcomeExport(eventId: string, lang: OutcomeLang, version: number | null): Promise<ExportOutcome> {
  return call("outcome_export", { eventId, lang, version });
}

export function certificatesExport(eventId: string, lang: CertificateLang, status: ParticipantStatus | null): Promise<ExportOutcome> {
  return call("certificates_export", { eventId, lang, status });
}

export function cueCardsExport(eventId: string, lang: Lang): Promise<ExportOutcome> {
  return call("cue_cards_export", { eventId, lang });
}

export function speakerCreate(eventId: Id, input: SpeakerInput): Promise<Speaker> {
  return call("speaker_create", { eventId, input });
}

export function speakerUpdate(id: Id, version: number | null, input: SpeakerInput): Promise<Speaker> {
  return call("speaker_update", { id, version, input });
}

export function speakerCandidates(eventId: string, query: string): Promise<Array<SpeakerCandidate>> {
  return call("speaker_candidates", { eventId, query });
}

export function speakerFromParticipant(eventId: Id, participantId: Id): Promise<Speaker> {
  return call("speaker_from_participant", { eventId, participantId });
}

export function participantQuery(eventId: string, query: ParticipantQuery): Promise<ParticipantPage> {
  return call("participant_query", { eventId, query });
}

export function participantGet(id: string): Promise<Participant> {
  return call("participant_get", { id });
}

export function participantAdd(eventId: Id, input: ParticipantInput): Promise<Added> {
  return call("participant_add", { eventId, input });
}

export function participantUpdate(id: Id, version: number | null, input: ParticipantInput): Promise<Added> {
  return call("participant_update", { id, version, input });
}

export function participantMerge(keep: Id, other: Id): Promise<Participant> {
  return call("participant_merge", { keep, other });
}

export function participantSetStatus(eventId: string, selection: Selection, status: ParticipantStatus): Promise<number> {
  return call("participant_set_status", { eventId, selection, status });
}

export function participantErasure(id: Id): Promise<Erasure> {
  return call("participant_erasure", { id });
}

export function participantErase(id: Id): Promise<Erasure> {
  return call("participant_erase", { id });
}

export function participantSetCategory(eventId: string, selection: Selection, category: string): Promise<number> {
  return call("participant_set_category", { eventId, selection, category });
}

export function participantSetDelegation(eventId: string, selection: Selection, delegation: string | null): Promise<number> {
  return call("participant_set_delegation", { eventId, selection, delegation });
}

export function participantCheckIn(eventId: Id, code: string): Promise<CheckedIn> {
  return call("participant_check_in", { eventId, code });
}

export function participantImportPreview(eventId: Id, file: Array<number>, map: Array<ColumnMapping>, values: Array<ValueChoice>): Promise<ImportPreview> {
  return call("participant_import_preview", { eventId, file, map, values });
}

export function participantImport(eventId: Id, file: Array<number>, fileName: string, map: Array<ColumnMapping>, values: Array<ValueChoice>): Promise<ImportReport> {
  return call("participant_import", { eventId, file, fileName, map, values });
}

export function categoryList(eventId: string): Promise<Array<CategoryInfo>> {
  return call("category_list", { eventId });
}

export function delegationList(eventId: string): Promise<Array<Delegation>> {
  return call("delegation_list", { eventId });
}

export function delegationAdd(eventId: Id, input: DelegationInput): Promise<Delegation> {
  return call("delegation_add", { eventId, input });
}

export function delegationUpdate(id: Id, version: number | null, input: DelegationInput): Promise<Delegation> {
  return call("delegation_update", { id, version, input });
}

export function delegationRemove(id: Id): Promise<Delegation> {
  return call("delegation_remove", { id });
}

export function badgesExport(eventId: string, status: ParticipantStatus | null, layout: BadgeLayout): Promise<ExportOutcome> {
  return call("badges_export", { eventId, status, layout });
}

export function categorySave(eventId: Id, key: string, input: CategoryInput): Promise<Array<CategoryInfo>> {
  return call("category_save", { eventId, key, input });
}

export function eventLogoGet(id: string): Promise<EventLogo | null> {
  return call("event_logo_get", { id });
}

export function eventLogoSet(id: Id, file: Array<number>): Promise<EventLogo> {
  return call("event_logo_set", { id, file });
}

export function eventLogoRemove(id: Id): Promise<boolean> {
  return call("event_logo_remove", { id });
}

export function programmePdfExport(eventId: string, lang: Lang, release: string, doorSheets: boolean): Promise<ExportOutcome> {
  return call("programme_pdf_export", { eventId, lang, release, doorSheets });
}

export function icalExport(eventId: string, release: string, speakerId: string | null): Promise<ExportOutcome> {
  return call("ical_export", { eventId, release, speakerId });
}

export function scheduleJsonExport(eventId: string, release: string): Promise<ExportOutcome> {
  return call("schedule_json_export", { eventId, release });
}

export function scheduleXmlExport(eventId: string, release: string): Promise<ExportOutcome> {
  return call("schedule_xml_export", { eventId, release });
}

export function roomCreate(eventId: Id, input: RoomInput): Promise<Room> {
  return call("room_create", { eventId, input });
}

export function roomUpdate(id: Id, version: number | null, input: RoomInput): Promise<Room> {
  return call("room_update", { id, version, input });
}

export function roomDelete(id: Id): Promise<Room> {
  return call("room_delete", { id });
}

export function sessionSignUps(sessionId: string): Promise<SignUps> {
  return call("session_sign_ups", { sessionId });
}

export function sessionSignUp(sessionId: Id, participantId: Id): Promise<SignUps> {
  return call("session_sign_up", { sessionId, participantId });
}

export function sessionSignUpRemove(sessionId: Id, participantId: Id): Promise<SignUps> {
  return call("session_sign_up_remove", { sessionId, participantId });
}

export function speakerAvailability(speakerId: string): Promise<Array<Availability>> {
  return call("speaker_availability", { speakerId });
}

export function speakerAvailabilityAdd(speakerId: Id, start: string, end: string): Promise<Availability> {
  return call("speaker_availability_add", { speakerId, start, end });
}

export function speakerAvailabilityRemove(speakerId: Id, start: string): Promise<null> {
  return call("speaker_availability_remove", { speakerId, start });
}

export function travelBufferGet(eventId: string): Promise<number> {
  return call("travel_buffer_get", { eventId });
}

export function travelBufferSet(eventId: Id, minutes: number): Promise<number> {
  return call("travel_buffer_set", { eventId, minutes });
}

export function teamStatus(): Promise<TeamStatus> {
  return call("team_status", {});
}

export function teamTest(login: TeamLogin): Promise<null> {
  return call("team_test", { login });
}

export function teamConnect(login: TeamLogin, remember: boolean): Promise<TeamStatus> {
  return call("team_connect", { login, remember });
}

export function teamResume(): Promise<TeamStatus> {
  return call("team_resume", {});
}

export function teamLeave(): Promise<TeamStatus> {
  return call("team_leave", {});
}

export function teamWatch(news: Channel<TeamNews>): Promise<null> {
  return call("team_watch", { news });
}

export function deskOpen(eventId: Id): Promise<DeskStatus> {
  return call("desk_open", { eventId });
}

export function deskCheckIn(code: string): Promise<DeskCheckIn> {
  return call("desk_check_in", { code });
}

export function deskStatus(): Promise<DeskStatus> {
  return call("desk_status", {});
}
