// The programme: the sessions and speakers a pledge can be tied to, and every call the
// programme view makes (it calls the client, translates failures and shows the toasts).
import * as client from '../api/client';
import type {
  Assignment,
  Availability,
  Conflict,
  Diff,
  Event,
  ExportOutcome,
  Lang,
  PledgeView,
  ReleaseInfo,
  Role,
  Room,
  RoomInput,
  Session,
  SessionInput,
  SessionMove,
  SignUps,
  Speaker,
  SpeakerCandidate,
  SpeakerInput,
} from '../api/types';
import { t } from '../i18n/index.svelte';
import { attempt, isInUse, type Outcome } from './errors';
import { runExport } from './exports';
import { showToast } from './toast.svelte';

export function listSessions(eventId: string): Promise<Outcome<Session[]>> {
  return attempt(() => client.sessionList(eventId), { toast: false });
}

export function listSpeakers(eventId: string): Promise<Outcome<Speaker[]>> {
  return attempt(() => client.speakerList(eventId), { toast: false });
}

// ---- The programme view: the timetable, its sessions and people, conflicts, releases. ----

export function listRooms(eventId: string): Promise<Outcome<Room[]>> {
  return attempt(() => client.roomList(eventId), { toast: false });
}

export function listAssignments(eventId: string): Promise<Outcome<Assignment[]>> {
  return attempt(() => client.assignmentList(eventId), { toast: false });
}

export function listConflicts(eventId: string): Promise<Outcome<Conflict[]>> {
  return attempt(() => client.conflictList(eventId), { toast: false });
}

export function listReleases(eventId: string): Promise<Outcome<ReleaseInfo[]>> {
  return attempt(() => client.releaseList(eventId), { toast: false });
}

export function releaseDiff(eventId: string, from: string, to: string): Promise<Outcome<Diff>> {
  return attempt(() => client.releaseDiff(eventId, from, to), { toast: false });
}

/** Moves a session (drag, keys or the Move form); a refusal is toasted with its reason. */
export function moveSession(id: string, to: SessionMove): Promise<Outcome<Session>> {
  return attempt(() => client.sessionMove(id, to), { toast: true });
}

/**
 * Creates (id null) or updates a session from the `version` the panel was filled from. Invalid
 * input and a stale panel are left for the panel to show.
 */
export async function saveSession(
  eventId: string,
  id: string | null,
  version: number | null,
  input: SessionInput,
): Promise<Outcome<Session>> {
  const outcome = await attempt(
    () => (id === null ? client.sessionCreate(eventId, input) : client.sessionUpdate(id, version, input)),
    { toast: false },
  );
  if (outcome.ok) showToast('success', t(id === null ? 'programme.toast.created' : 'programme.toast.saved'));
  return outcome;
}

/** Deletes a session; one an adopted outcome document cites is refused, and the toast says why. */
export async function deleteSession(id: string): Promise<Outcome<null>> {
  const outcome = await attempt(() => client.sessionDelete(id), { toast: false });
  if (outcome.ok) showToast('success', t('programme.toast.deleted'));
  else {
    const text = isInUse(outcome.error) ? t('programme.toast.cited') : outcome.text;
    showToast('error', text, outcome.error.message || null);
  }
  return outcome;
}

export function assignRole(sessionId: string, speakerId: string, role: Role): Promise<Outcome<Assignment>> {
  return attempt(() => client.sessionAssign(sessionId, speakerId, role), { toast: true });
}

export function unassignRole(sessionId: string, speakerId: string, role: Role): Promise<Outcome<null>> {
  return attempt(() => client.sessionUnassign(sessionId, speakerId, role), { toast: true });
}

/** Freezes the programme as a named release. Invalid names are left for the form to show. */
export async function createRelease(eventId: string, name: string): Promise<Outcome<ReleaseInfo>> {
  const outcome = await attempt(() => client.releaseCreate(eventId, name), { toast: false });
  if (outcome.ok) showToast('success', t('programme.toast.released', { name: outcome.value.name }));
  return outcome;
}

/** The pledges announced in a session (read from the event's ledger). */
export async function pledgesOfSession(eventId: string, sessionId: string): Promise<Outcome<PledgeView[]>> {
  const outcome = await attempt(() => client.pledgeList(eventId), { toast: false });
  return outcome.ok ? { ok: true, value: outcome.value.pledges.filter((p) => p.sessionId === sessionId) } : outcome;
}

/** Next year's edition: a new event from this one, starting on `start`. */
export async function cloneEvent(id: string, start: string): Promise<Outcome<Event>> {
  const outcome = await attempt(() => client.eventClone(id, start), { toast: false });
  if (outcome.ok) showToast('success', t('edition.toast.created'));
  return outcome;
}

/** Creates (id null) or updates a speaker's profile, made on `version`. Invalid input is left for the form. */
export async function saveSpeaker(
  eventId: string,
  id: string | null,
  version: number | null,
  input: SpeakerInput,
): Promise<Outcome<Speaker>> {
  const outcome = await attempt(
    () => (id === null ? client.speakerCreate(eventId, input) : client.speakerUpdate(id, version, input)),
    { toast: false },
  );
  if (outcome.ok) showToast('success', t('speakers.toast.saved'));
  return outcome;
}

export function speakerCandidates(eventId: string, query: string): Promise<Outcome<SpeakerCandidate[]>> {
  return attempt(() => client.speakerCandidates(eventId, query), { toast: false });
}

/** Makes a participant a speaker, their details copied from the registration. */
export async function speakerFromParticipant(eventId: string, participantId: string): Promise<Outcome<Speaker>> {
  const outcome = await attempt(() => client.speakerFromParticipant(eventId, participantId), { toast: true });
  if (outcome.ok) showToast('success', t('speakers.toast.added'));
  return outcome;
}

// ---- The programme's exports: PDF (or door sheets), iCal, schedule JSON; draft or release. ----

export function exportProgrammePdf(
  eventId: string,
  lang: Lang,
  release: string,
  doorSheets: boolean,
): Promise<Outcome<ExportOutcome>> {
  return runExport(() => client.programmePdfExport(eventId, lang, release, doorSheets));
}

/** The whole programme's iCal file, or one speaker's own (`speakerId`). */
export function exportIcal(eventId: string, release: string, speakerId: string | null = null): Promise<Outcome<ExportOutcome>> {
  return runExport(() => client.icalExport(eventId, release, speakerId));
}

export function exportScheduleJson(eventId: string, release: string): Promise<Outcome<ExportOutcome>> {
  return runExport(() => client.scheduleJsonExport(eventId, release));
}

/** The same schedule as frab XML, for conference apps (Giggity, ConfClerk) and pretalx. */
export function exportScheduleXml(eventId: string, release: string): Promise<Outcome<ExportOutcome>> {
  return runExport(() => client.scheduleXmlExport(eventId, release));
}

// ---- Rooms: names, seats, whether sessions may overlap, opening hours. ----

/** Adds a room (`id` null) or changes one, made on `version`; a refusal is shown in the form, not toasted. */
export async function saveRoom(eventId: string, id: string | null, version: number | null, input: RoomInput): Promise<Outcome<Room>> {
  const outcome = await attempt(
    () => (id === null ? client.roomCreate(eventId, input) : client.roomUpdate(id, version, input)),
    { toast: false },
  );
  if (outcome.ok) showToast('success', t('programme.rooms.saved'));
  return outcome;
}

/** Deletes a room. A refusal (sessions still in it) is left for the dialog to show. */
export async function deleteRoom(id: string): Promise<Outcome<Room>> {
  const outcome = await attempt(() => client.roomDelete(id), { toast: false });
  if (outcome.ok) showToast('success', t('programme.rooms.deleted'));
  return outcome;
}

// ---- Sign-ups: who signed up for a session, against its room's seats. ----

export function listSignUps(sessionId: string): Promise<Outcome<SignUps>> {
  return attempt(() => client.sessionSignUps(sessionId), { toast: false });
}

export function signUp(sessionId: string, participantId: string): Promise<Outcome<SignUps>> {
  return attempt(() => client.sessionSignUp(sessionId, participantId), { toast: true });
}

export function removeSignUp(sessionId: string, participantId: string): Promise<Outcome<SignUps>> {
  return attempt(() => client.sessionSignUpRemove(sessionId, participantId), { toast: true });
}

// ---- A speaker's stated times, and the event's travel buffer between rooms. ----

export function listAvailability(speakerId: string): Promise<Outcome<Availability[]>> {
  return attempt(() => client.speakerAvailability(speakerId), { toast: false });
}

/** Local times of the event, `YYYY-MM-DD HH:MM`; a refusal is shown next to its field. */
export function addAvailability(speakerId: string, start: string, end: string): Promise<Outcome<Availability>> {
  return attempt(() => client.speakerAvailabilityAdd(speakerId, start, end), { toast: false });
}

export function removeAvailability(speakerId: string, start: string): Promise<Outcome<null>> {
  return attempt(() => client.speakerAvailabilityRemove(speakerId, start), { toast: true });
}

export function getTravelBuffer(eventId: string): Promise<Outcome<number>> {
  return attempt(() => client.travelBufferGet(eventId), { toast: false });
}

export async function setTravelBuffer(eventId: string, minutes: number): Promise<Outcome<number>> {
  const outcome = await attempt(() => client.travelBufferSet(eventId, minutes), { toast: false });
  if (outcome.ok) showToast('success', t('programme.buffer.saved'));
  return outcome;
}
