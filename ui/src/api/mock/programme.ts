// The mock's programme: the demo forum's four sessions, four speakers and two rooms, kept in
// memory as they are sent. No conflicts are found and no times are checked: that is the core's.
import type {
  Assignment,
  Availability,
  Conflict,
  Diff,
  ExportOutcome,
  Lang,
  ReleaseInfo,
  Room,
  RoomInput,
  Session,
  SessionInput,
  SessionMove,
  SignUps,
  Speaker,
  SpeakerCandidate,
  SpeakerInput,
} from '../types';
import { toLocal } from '../../views/programme/timetable';
import { missing, noFile, now, reply } from './canned';
import { demo, events } from './events';
import { people } from './participants';

export const sessions: Session[] = [
  session('s-opening', 'Opening Session', 'الجلسة الافتتاحية', 'opening', '2026-03-12T06:30:00Z', '2026-03-12T07:30:00Z'),
  session('s-scarcity', 'Water Scarcity in Arid Regions', 'ندرة المياه في المناطق القاحلة', 'plenary', '2026-03-12T08:00:00Z', '2026-03-12T09:30:00Z'),
  session('s-pledging', 'Pledging Conference', 'مؤتمر إعلان التعهدات', 'plenary', '2026-03-13T10:00:00Z', '2026-03-13T12:00:00Z'),
  session('s-closing', 'Closing Session', 'الجلسة الختامية', 'closing', '2026-03-14T12:00:00Z', '2026-03-14T13:00:00Z'),
];

export const speakers: Speaker[] = [
  speaker('sp-muraikhi', ['H.E.', 'سعادة'], ['Sultan bin Saad Al-Muraikhi', 'سلطان بن سعد المريخي'], 'QA'),
  speaker('sp-lindqvist', ['Ms.', 'السيدة'], ['Helena Lindqvist', 'هيلينا ليندكفيست'], 'SE'),
  speaker('sp-hamadi', ['Dr.', 'الدكتور'], ['Youssef Al-Hamadi', 'يوسف الحمادي'], 'KW'),
  speaker('sp-watanabe', ['Mr.', 'السيد'], ['Kenji Watanabe', ''], 'JP'),
];

function session(id: string, en: string, ar: string, kind: Session['kind'], start: string, end: string): Session {
  return { id, eventId: demo.id, roomId: null, title: { en, ar }, description: { en: '', ar: '' }, kind, start, end, version: 1 };
}

function speaker(id: string, honorific: [string, string], name: [string, string], country: string): Speaker {
  const none = { en: '', ar: '' };
  return {
    id,
    eventId: demo.id,
    participantId: null,
    honorific: { en: honorific[0], ar: honorific[1] },
    name: { en: name[0], ar: name[1] },
    position: none,
    organisation: none,
    country,
    email: null,
    bio: none,
    version: 1,
  };
}

export const rooms: Room[] = [
  { id: 'r-hall', eventId: demo.id, name: { en: 'Main Hall', ar: 'القاعة الرئيسية' }, capacity: 400, parallel: false, hours: null, version: 1 },
  { id: 'r-dana', eventId: demo.id, name: { en: 'Al Dana Room', ar: 'قاعة الدانة' }, capacity: 120, parallel: false, hours: null, version: 1 },
];
for (const s of sessions) s.roomId = s.id === 's-closing' ? null : 'r-hall';

const assignments: Assignment[] = [
  { sessionId: 's-opening', speakerId: 'sp-muraikhi', role: 'chair' },
  { sessionId: 's-opening', speakerId: 'sp-lindqvist', role: 'speaker' },
];

const releases: ReleaseInfo[] = [];
const availabilities: Availability[] = [];
const travelBuffers = new Map<string, number>();
/** Session id → the participants signed up for it. */
const signUps = new Map<string, Set<string>>();

/** "YYYY-MM-DD HH:MM" in the event's time zone as a UTC instant, for the timetable to draw. */
function instant(text: string, eventId: string): string {
  const [y, mo, d, h, mi] = (text.match(/\d+/g) ?? []).map(Number);
  const wanted = Date.UTC(y, mo - 1, d, h, mi);
  const shown = toLocal(new Date(wanted).toISOString(), events.get(eventId)?.timezone ?? 'UTC');
  const [sy, sm, sd] = shown.date.split('-').map(Number);
  return new Date(2 * wanted - (Date.UTC(sy, sm - 1, sd) + shown.minutes * 60_000)).toISOString();
}

export function sessionList(eventId: string): Promise<Array<Session>> {
  return reply(sessions.filter((s) => s.eventId === eventId));
}

export function speakerList(eventId: string): Promise<Array<Speaker>> {
  return reply(speakers.filter((s) => s.eventId === eventId));
}

export function roomList(eventId: string): Promise<Array<Room>> {
  return reply(rooms.filter((r) => r.eventId === eventId));
}

function roomFrom(id: string, eventId: string, input: RoomInput, version: number): Room {
  const hours = input.opens && input.closes ? { opens: `${input.opens}:00`, closes: `${input.closes}:00` } : null;
  return { id, eventId, name: input.name, capacity: input.capacity, parallel: input.parallel, hours, version };
}

export function roomCreate(eventId: string, input: RoomInput): Promise<Room> {
  const room = roomFrom(crypto.randomUUID(), eventId, input, 1);
  rooms.push(room);
  return reply(room);
}

export function roomUpdate(id: string, _version: number | null, input: RoomInput): Promise<Room> {
  const index = rooms.findIndex((r) => r.id === id);
  if (index === -1) return missing('id', id);
  rooms[index] = roomFrom(id, rooms[index].eventId, input, rooms[index].version + 1);
  return reply(rooms[index]);
}

export function roomDelete(id: string): Promise<Room> {
  const index = rooms.findIndex((r) => r.id === id);
  if (index === -1) return missing('id', id);
  return reply(rooms.splice(index, 1)[0]);
}

export function sessionCreate(eventId: string, input: SessionInput): Promise<Session> {
  const session: Session = {
    id: `s-${Date.now().toString(36)}`,
    eventId,
    roomId: input.roomId || null,
    title: input.title,
    description: input.description,
    kind: input.kind,
    start: instant(input.start, eventId),
    end: instant(input.end, eventId),
    version: 1,
  };
  sessions.push(session);
  return reply(session);
}

export function sessionUpdate(id: string, _version: number | null, input: SessionInput): Promise<Session> {
  const session = sessions.find((s) => s.id === id);
  if (!session) return missing('id', id);
  const { eventId } = session;
  Object.assign(session, { ...input, roomId: input.roomId || null, start: instant(input.start, eventId), end: instant(input.end, eventId), version: session.version + 1 });
  return reply(session);
}

export function sessionMove(id: string, to: SessionMove): Promise<Session> {
  const session = sessions.find((s) => s.id === id);
  if (!session) return missing('id', id);
  const start = instant(to.start, session.eventId);
  const end = to.end ? instant(to.end, session.eventId) : new Date(Date.parse(start) + Date.parse(session.end) - Date.parse(session.start)).toISOString();
  Object.assign(session, { start, end, roomId: to.roomId || session.roomId, version: session.version + 1 });
  return reply(session);
}

export function sessionDelete(id: string): Promise<null> {
  const index = sessions.findIndex((s) => s.id === id);
  if (index === -1) return missing('id', id);
  sessions.splice(index, 1);
  return reply(null);
}

export function conflictList(_eventId: string): Promise<Array<Conflict>> {
  return reply([]);
}

export function releaseList(eventId: string): Promise<Array<ReleaseInfo>> {
  return reply(releases.filter((r) => r.eventId === eventId));
}

export function releaseCreate(eventId: string, name: string): Promise<ReleaseInfo> {
  const release = { id: crypto.randomUUID(), eventId, name, createdAt: now(), sessions: sessions.length };
  releases.push(release);
  return reply(release);
}

export function releaseDiff(_eventId: string, _from: string, _to: string): Promise<Diff> {
  return reply({ added: [], cancelled: [], moved: [], people: [] });
}

export function assignmentList(_eventId: string): Promise<Array<Assignment>> {
  return reply(assignments);
}

export function sessionAssign(sessionId: string, speakerId: string, role: string): Promise<Assignment> {
  const assignment = { sessionId, speakerId, role: role as Assignment['role'] };
  assignments.push(assignment);
  return reply(assignment);
}

export function sessionUnassign(sessionId: string, speakerId: string, role: string): Promise<null> {
  const index = assignments.findIndex((a) => a.sessionId === sessionId && a.speakerId === speakerId && a.role === role);
  if (index >= 0) assignments.splice(index, 1);
  return reply(null);
}

export function speakerCreate(eventId: string, input: SpeakerInput): Promise<Speaker> {
  const created: Speaker = { ...structuredClone(input), id: `sp-${Date.now().toString(36)}`, eventId, country: input.country || null, email: input.email || null, version: 1 };
  speakers.push(created);
  return reply(created);
}

export function speakerUpdate(id: string, _version: number | null, input: SpeakerInput): Promise<Speaker> {
  const index = speakers.findIndex((s) => s.id === id);
  if (index === -1) return missing('id', id);
  speakers[index] = { ...speakers[index], ...structuredClone(input), country: input.country || null, email: input.email || null, version: speakers[index].version + 1 };
  return reply(speakers[index]);
}

// Nobody in the mock is offered as a speaker.
export function speakerCandidates(_eventId: string, _query: string): Promise<Array<SpeakerCandidate>> {
  return reply([]);
}

export function speakerFromParticipant(_eventId: string, participantId: string): Promise<Speaker> {
  return missing('participant', participantId);
}

export function speakerAvailability(speakerId: string): Promise<Array<Availability>> {
  return reply(availabilities.filter((a) => a.speakerId === speakerId));
}

export function speakerAvailabilityAdd(speakerId: string, start: string, end: string): Promise<Availability> {
  const eventId = speakers.find((s) => s.id === speakerId)?.eventId ?? demo.id;
  const stated: Availability = { speakerId, start: instant(start, eventId), end: instant(end, eventId) };
  availabilities.push(stated);
  return reply(stated);
}

export function speakerAvailabilityRemove(speakerId: string, start: string): Promise<null> {
  const index = availabilities.findIndex((a) => a.speakerId === speakerId && a.start === start);
  if (index >= 0) availabilities.splice(index, 1);
  return reply(null);
}

export function travelBufferGet(eventId: string): Promise<number> {
  return reply(travelBuffers.get(eventId) ?? 0);
}

export function travelBufferSet(eventId: string, minutes: number): Promise<number> {
  travelBuffers.set(eventId, minutes);
  return reply(minutes);
}

function signUpsOf(sessionId: string): Promise<SignUps> {
  const session = sessions.find((s) => s.id === sessionId);
  if (!session) return missing('id', sessionId);
  const participants = [...(signUps.get(sessionId) ?? [])].flatMap((id) => people.get(id) ?? []);
  const capacity = rooms.find((r) => r.id === session.roomId)?.capacity ?? null;
  return reply({ sessionId, capacity, confirmed: participants.length, participants });
}

export function sessionSignUps(sessionId: string): Promise<SignUps> {
  return signUpsOf(sessionId);
}

export function sessionSignUp(sessionId: string, participantId: string): Promise<SignUps> {
  signUps.set(sessionId, (signUps.get(sessionId) ?? new Set()).add(participantId));
  return signUpsOf(sessionId);
}

export function sessionSignUpRemove(sessionId: string, participantId: string): Promise<SignUps> {
  signUps.get(sessionId)?.delete(participantId);
  return signUpsOf(sessionId);
}

export function programmePdfExport(_eventId: string, _lang: Lang, _release: string, _doorSheets: boolean): Promise<ExportOutcome> {
  return noFile();
}

export function icalExport(_eventId: string, _release: string, _speakerId: string | null): Promise<ExportOutcome> {
  return noFile();
}

export function scheduleJsonExport(_eventId: string, _release: string): Promise<ExportOutcome> {
  return noFile();
}

export function scheduleXmlExport(_eventId: string, _release: string): Promise<ExportOutcome> {
  return noFile();
}

