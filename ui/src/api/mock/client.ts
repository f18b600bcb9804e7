// Development-only stand-in for ../client.ts, swapped in by `vite --mode mock` (see
// vite.config.ts) so the UI can be viewed in a plain browser. It mimics the core's answers,
// including a few validation errors. Never part of the production build.
// `?empty` in the page URL starts with no events; `?slow` delays every answer.
// Pledges follow the core's rules (src/pledges/) closely enough to try the views: amounts in
// BigInt minor units, totals never added across currencies.
import type {
  Bilingual,
  ApiError,
  DeskCheckIn,
  DeskStatus,
  TeamLogin,
  TeamStatus,
  Assignment,
  SessionInput,
  SpeakerCandidate,
  SpeakerInput,
  AppInfo,
  Conflict,
  Diff,
  ReleaseInfo,
  Room,
  RoomInput,
  Availability,
  SignUps,
  SessionMove,
  AuditEntry,
  AuditSubject,
  BackupRestored,
  BackupSaved,
  Event,
  ExportKind,
  ExportOutcome,
  EventInput,
  EventLogo,
  EventOverview,
  LineView,
  PledgeInput,
  PledgePreview,
  Reason,
  PledgeKind,
  PledgeListing,
  PledgeStatus,
  PledgeSummary,
  PledgeView,
  Lang,
  ReferenceData,
  Session,
  Speaker,
  StageChange,
  Schedule,
  LanguageState,
  OutcomeDocument,
  OutcomeLang,
  RichText,
  Section,
  SectionDiff,
  SectionEdit,
  SectionInput,
  SectionKind,
  SectionView,
  Span,
  TextChange,
  Version,
  Added,
  Erasure,
  CategoryInfo,
  CategoryInput,
  CertificateLang,
  CheckedIn,
  ColumnMapping,
  Delegation,
  DelegationInput,
  ImportPreview,
  ImportReport,
  Participant,
  ParticipantInput,
  ParticipantPage,
  ParticipantQuery,
  ParticipantStatus,
  Selection,
  BadgeLayout,
  RowProblem,
  UnmatchedValue,
  ValueChoice,
} from '../types';
import { ROLES } from '../types';
import { readDecimal, rescale, toDecimal } from '../../money';
import { toLocal } from '../../views/programme/timetable';

const params = new URLSearchParams(location.search);
const delayMs = params.has('slow') ? 1500 : 120;

const COUNTRIES = [
  'AE', 'AR', 'AT', 'AU', 'BD', 'BE', 'BH', 'BR', 'CA', 'CH', 'CN', 'DE', 'DK', 'DZ', 'EG', 'ES', 'ET', 'FI', 'FR',
  'GB', 'GH', 'GR', 'ID', 'IE', 'IN', 'IQ', 'IT', 'JO', 'JP', 'KE', 'KR', 'KW', 'LB', 'LY', 'MA', 'MR', 'MX', 'MY',
  'NG', 'NL', 'NO', 'OM', 'PK', 'PS', 'PT', 'QA', 'RW', 'SA', 'SD', 'SE', 'SN', 'SO', 'SY', 'TN', 'TR', 'UG', 'US',
  'YE', 'ZA',
];

function timezones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Asia/Qatar'];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

const now = () => new Date().toISOString();

const demo: Event = {
  id: 'demo-forum',
  title: { en: 'Doha Forum on Water Security', ar: 'منتدى الدوحة للأمن المائي' },
  description: {
    en: 'Three days of plenaries and working groups on water security in arid regions.\nHosted with the support of partner ministries and foundations.',
    ar: 'ثلاثة أيام من الجلسات العامة ومجموعات العمل حول الأمن المائي في المناطق القاحلة.\nبدعم من الوزارات والمؤسسات الشريكة.',
  },
  venue: { en: 'Qatar National Convention Centre', ar: 'مركز قطر الوطني للمؤتمرات' },
  city: { en: 'Doha', ar: 'الدوحة' },
  country: 'QA',
  timezone: 'Asia/Qatar',
  startDate: '2026-03-12',
  endDate: '2026-03-14',
  organisers: [
    { en: 'Ministry of Municipality', ar: 'وزارة البلدية' },
    { en: 'Arab Water Council', ar: '' },
    { en: '', ar: 'مؤسسة قطر' },
  ],
  signatories: [
    { name: { en: 'Dr. Layla Al-Mansouri', ar: 'د. ليلى المنصوري' }, title: { en: 'Forum Director', ar: 'مديرة المنتدى' } },
  ],
  status: 'open',
  createdAt: '2025-11-02T08:30:00Z',
  updatedAt: '2025-11-20T14:05:00Z',
  version: 3,
};

const other: Event = {
  id: 'tunis-2025',
  title: { en: '', ar: 'ملتقى تونس للشباب والتشغيل' },
  description: { en: '', ar: '' },
  venue: { en: '', ar: 'قصر المؤتمرات' },
  city: { en: 'Tunis', ar: 'تونس' },
  country: 'TN',
  timezone: 'Africa/Tunis',
  startDate: '2025-10-05',
  endDate: '2025-10-05',
  organisers: [],
  signatories: [],
  status: 'archived',
  createdAt: '2025-06-01T09:00:00Z',
  updatedAt: '2025-10-06T18:00:00Z',
  version: 1,
};

const draftEvent: Event = {
  id: 'geneva-2026',
  title: { en: 'Geneva Roundtable on Humanitarian Financing', ar: '' },
  description: { en: '', ar: '' },
  venue: { en: 'Palais des Nations', ar: '' },
  city: { en: 'Geneva', ar: 'جنيف' },
  country: 'CH',
  timezone: 'Europe/Zurich',
  startDate: '2026-06-29',
  endDate: '2026-07-01',
  organisers: [{ en: 'OCHA', ar: '' }],
  signatories: [],
  status: 'draft',
  createdAt: '2025-11-25T10:00:00Z',
  updatedAt: '2025-11-25T10:00:00Z',
  version: 1,
};

const events = new Map<string, Event>(params.has('empty') ? [] : [demo, draftEvent, other].map((e) => [e.id, e]));

function reply<T>(value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(structuredClone(value)), delayMs));
}

function fail(code: ApiError['code'], field: string | null, reason: ApiError['reason'], message: string): Promise<never> {
  const error: ApiError = { code, field, reason, message };
  return new Promise((_, reject) => setTimeout(() => reject(error), delayMs));
}

/**
 * As the core: an edit made on another version than the stored one is refused (`conflict` /
 * `changed`, field "version"); `null` asks for no check.
 */
function stale(what: string, stored: number, sent: number | null): Promise<never> | null {
  if (sent === null || sent === stored) return null;
  return fail('conflict', 'version', 'changed', `this ${what} was changed after you opened it (your version ${sent}, now ${stored}); look at it again and re-apply your change`);
}

function validate(input: EventInput): ApiError | null {
  const invalid = (field: string, reason: ApiError['reason'], message: string): ApiError => ({
    code: 'invalid_input',
    field,
    reason,
    message,
  });
  if (!input.title.en.trim() && !input.title.ar.trim()) return invalid('title', 'required', 'title: at least one language is required');
  if (input.title.en.length > 200 || input.title.ar.length > 200) return invalid('title', 'too_long', 'title: longer than 200 characters');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.startDate)) return invalid('startDate', input.startDate ? 'invalid_date' : 'required', 'startDate: expected YYYY-MM-DD');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.endDate)) return invalid('endDate', input.endDate ? 'invalid_date' : 'required', 'endDate: expected YYYY-MM-DD');
  if (input.endDate < input.startDate) return invalid('endDate', 'end_before_start', `endDate ${input.endDate} is before startDate ${input.startDate}`);
  if (!timezones().includes(input.timezone)) return invalid('timezone', 'unknown_timezone', `unknown timezone ${input.timezone}`);
  if (input.country && !COUNTRIES.includes(input.country)) return invalid('country', 'unknown_country', `unknown country ${input.country}`);
  return null;
}

function fromInput(id: string, input: EventInput, createdAt: string, version: number): Event {
  return { ...structuredClone(input), id, country: input.country || null, createdAt, updatedAt: now(), version };
}

export function eventList(): Promise<Array<Event>> {
  return reply([...events.values()]);
}

export function eventGet(id: string): Promise<Event> {
  const event = events.get(id);
  return event ? reply(event) : fail('not_found', 'id', 'not_found', `no event with id ${id}`);
}

export function eventCreate(input: EventInput): Promise<Event> {
  const error = validate(input);
  if (error) return fail(error.code, error.field, error.reason, error.message);
  const event = fromInput(`ev-${Date.now().toString(36)}`, input, now(), 1);
  events.set(event.id, event);
  return reply(event);
}

export function eventUpdate(id: string, version: number | null, input: EventInput): Promise<Event> {
  const existing = events.get(id);
  if (!existing) return fail('not_found', 'id', 'not_found', `no event with id ${id}`);
  const refused = stale('event', existing.version, version);
  if (refused) return refused;
  const error = validate(input);
  if (error) return fail(error.code, error.field, error.reason, error.message);
  const event = fromInput(id, input, existing.createdAt, existing.version + 1);
  events.set(id, event);
  return reply(event);
}

export function eventDelete(id: string): Promise<null> {
  if (!events.has(id)) return fail('not_found', 'id', 'not_found', `no event with id ${id}`);
  // As the core (src/event/mod.rs): pledges and an adopted outcome document are kept.
  const pledged = [...pledges.values()].some((p) => p.eventId === id);
  const adopted = (outcomes.get(id) ?? []).some((v) => v.adopted);
  if (pledged || adopted) return fail('conflict', 'id', 'in_use', 'the event has pledges or an adopted outcome document: archive it instead');
  events.delete(id);
  return reply(null);
}

export function eventOverview(id: string): Promise<EventOverview> {
  const event = events.get(id);
  if (!event) return fail('not_found', 'id', 'not_found', `no event with id ${id}`);
  const isDemo = id === demo.id;
  const own = [...pledges.values()].filter((p) => p.eventId === id);
  return reply({
    event,
    counts: isDemo
      ? { rooms: 6, sessions: sessions.length, speakers: speakers.length, participants: 1250, pledges: own.length }
      : { rooms: 0, sessions: 0, speakers: 0, participants: 0, pledges: own.length },
    pledges: summarise(own),
  });
}

// ---- Event logos: checked by their signature and size (the core also decodes them). ----
const logos = new Map<string, EventLogo>();

export function eventLogoGet(id: string): Promise<EventLogo | null> {
  if (!events.has(id)) return fail('not_found', 'id', 'not_found', `no event with id ${id}`);
  return reply(logos.get(id) ?? null);
}

export function eventLogoSet(id: string, file: number[]): Promise<EventLogo> {
  if (!events.has(id)) return fail('not_found', 'id', 'not_found', `no event with id ${id}`);
  if (file.length === 0) return fail('invalid_input', 'logo', 'required', 'the logo file is empty');
  if (file.length > 1024 * 1024) return fail('invalid_input', 'logo', 'too_long', 'at most 1024 KiB');
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => file[i] === b);
  const jpeg = file[0] === 0xff && file[1] === 0xd8 && file[2] === 0xff;
  if (!png && !jpeg) return fail('invalid_input', 'logo', 'invalid_value', 'the logo must be a PNG or JPEG image');
  // A PNG's size is in its header; a JPEG's is left at 0 here.
  const u32 = (at: number) => ((file[at] << 24) | (file[at + 1] << 16) | (file[at + 2] << 8) | file[at + 3]) >>> 0;
  const logo: EventLogo = {
    format: png ? 'png' : 'jpeg',
    width: png ? u32(16) : 0,
    height: png ? u32(20) : 0,
    image: [...file],
    updatedAt: now(),
  };
  logos.set(id, logo);
  return reply(logo);
}

export function eventLogoRemove(id: string): Promise<boolean> {
  if (!events.has(id)) return fail('not_found', 'id', 'not_found', `no event with id ${id}`);
  return reply(logos.delete(id));
}

// ---- Programme: only what the pledge form needs. ----

const sessions: Session[] = [
  session('s-opening', 'Opening Session', 'الجلسة الافتتاحية', 'opening', '2026-03-12T06:30:00Z', '2026-03-12T07:30:00Z'),
  session('s-scarcity', 'Water Scarcity in Arid Regions', 'ندرة المياه في المناطق القاحلة', 'plenary', '2026-03-12T08:00:00Z', '2026-03-12T09:30:00Z'),
  session('s-pledging', 'Pledging Conference', 'مؤتمر إعلان التعهدات', 'plenary', '2026-03-13T10:00:00Z', '2026-03-13T12:00:00Z'),
  session('s-closing', 'Closing Session', 'الجلسة الختامية', 'closing', '2026-03-14T12:00:00Z', '2026-03-14T13:00:00Z'),
];

const speakers: Speaker[] = [
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

export function sessionList(eventId: string): Promise<Array<Session>> {
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  return reply(sessions.filter((s) => s.eventId === eventId));
}

export function speakerList(eventId: string): Promise<Array<Speaker>> {
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  return reply(speakers.filter((s) => s.eventId === eventId));
}

// The timetable's commands answer simply: two rooms, no conflicts, releases kept in memory.
const releases: ReleaseInfo[] = [];

const rooms: Room[] = [
  { id: 'r-hall', eventId: demo.id, name: { en: 'Main Hall', ar: 'القاعة الرئيسية' }, capacity: 400, parallel: false, hours: null, version: 1 },
  { id: 'r-dana', eventId: demo.id, name: { en: 'Al Dana Room', ar: 'قاعة الدانة' }, capacity: 120, parallel: false, hours: null, version: 1 },
];
for (const s of sessions) s.roomId = s.id === 's-closing' ? null : 'r-hall';

export function roomList(eventId: string): Promise<Array<Room>> {
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  return reply(rooms.filter((r) => r.eventId === eventId));
}

/** A room as typed, checked as the core does; an error names the field. */
function roomFrom(id: string, eventId: string, input: RoomInput, version: number): Room | ReturnType<typeof fail> {
  if (!input.name.en.trim() && !input.name.ar.trim()) return fail('invalid_input', 'name', 'required', 'give a name');
  if (input.capacity === 0) return fail('invalid_input', 'capacity', 'invalid_value', 'a room seats at least one person');
  const opens = input.opens?.trim() || null;
  const closes = input.closes?.trim() || null;
  if (opens && !closes) return fail('invalid_input', 'closes', 'required', 'give the closing time too');
  if (closes && !opens) return fail('invalid_input', 'opens', 'required', 'give the opening time too');
  if (opens && closes && closes <= opens) return fail('invalid_input', 'closes', 'end_before_start', 'a room must close after it opens');
  const hours = opens && closes ? { opens: `${opens}:00`, closes: `${closes}:00` } : null;
  return { id, eventId, name: { en: input.name.en.trim(), ar: input.name.ar.trim() }, capacity: input.capacity, parallel: input.parallel, hours, version };
}

export function roomCreate(eventId: string, input: RoomInput): Promise<Room> {
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  const room = roomFrom(crypto.randomUUID(), eventId, input, 1);
  if (room instanceof Promise) return room;
  rooms.push(room);
  return reply(room);
}

export function roomUpdate(id: string, version: number | null, input: RoomInput): Promise<Room> {
  const index = rooms.findIndex((r) => r.id === id);
  if (index === -1) return fail('not_found', 'id', 'not_found', `no room with id ${id}`);
  const refused = stale('room', rooms[index].version, version);
  if (refused) return refused;
  const room = roomFrom(id, rooms[index].eventId, input, rooms[index].version + 1);
  if (room instanceof Promise) return room;
  rooms[index] = room;
  return reply(room);
}

export function roomDelete(id: string): Promise<Room> {
  const index = rooms.findIndex((r) => r.id === id);
  if (index === -1) return fail('not_found', 'id', 'not_found', `no room with id ${id}`);
  const inRoom = sessions.filter((s) => s.roomId === id).length;
  if (inRoom > 0) return fail('conflict', 'id', 'in_use', `${inRoom} session(s) in this room: move them to another room first`);
  const [room] = rooms.splice(index, 1);
  return reply(room);
}

export function sessionMove(id: string, to: SessionMove): Promise<Session> {
  const session = sessions.find((s) => s.id === id);
  if (!session) return fail('not_found', 'id', 'not_found', `no session with id ${id}`);
  const timeZone = events.get(session.eventId)?.timezone ?? 'UTC';
  const start = localToIso('start', to.start, timeZone);
  if (typeof start !== 'string') return fail(start.code, start.field, start.reason, start.message);
  const end = to.end ? localToIso('end', to.end, timeZone) : new Date(Date.parse(start) + Date.parse(session.end) - Date.parse(session.start)).toISOString();
  if (typeof end !== 'string') return fail(end.code, end.field, end.reason, end.message);
  if (end <= start) return fail('invalid_input', 'end', 'end_before_start', 'a session must end after it starts');
  Object.assign(session, { start, end, roomId: to.roomId?.trim() || session.roomId, version: session.version + 1 });
  return reply(session);
}

export function conflictList(eventId: string): Promise<Array<Conflict>> {
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  return reply([]);
}

export function releaseList(eventId: string): Promise<Array<ReleaseInfo>> {
  return reply(releases.filter((r) => r.eventId === eventId));
}

export function releaseCreate(eventId: string, name: string): Promise<ReleaseInfo> {
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  if (!name.trim()) return fail('invalid_input', 'name', 'required', 'give the release a name');
  const count = sessions.filter((s) => s.eventId === eventId).length;
  const release = {
    id: crypto.randomUUID(),
    eventId,
    name: name.trim(),
    createdAt: new Date().toISOString(),
    sessions: count,
  };
  releases.push(release);
  return reply(release);
}

export function releaseDiff(eventId: string, from: string, to: string): Promise<Diff> {
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  void from;
  void to;
  return reply({ added: [], cancelled: [], moved: [], people: [] });
}

// ---- Pledges ----

type Line = { year: number; minor: bigint; committedOn: string | null; paidMinor: bigint; paidOn: string | null };
type Pledge = {
  id: string;
  eventId: string;
  donors: Bilingual[];
  recipient: Bilingual;
  purpose: { en: string; ar: string };
  kind: PledgeKind;
  inKind: string;
  currency: string | null;
  decimals: number;
  lines: Line[];
  entry: Schedule['mode'];
  rate: { rate: string; date: string; source: string } | null;
  cancelled: { on: string; reason: string } | null;
  sessionId: string | null;
  speakerId: string | null;
  delegationId: string | null;
  notes: string;
  createdAt: string;
  version: number;
};

/** The codes the mock knows, with their ISO 4217 decimals; the core knows all of ISO 4217. */
const CURRENCIES = new Map(
  (
    'USD:2 EUR:2 QAR:2 SAR:2 AED:2 KWD:3 BHD:3 OMR:3 JOD:3 EGP:2 MAD:2 TND:3 DZD:2 LYD:3 IQD:3 LBP:2 SYP:2 ' +
    'YER:2 SDG:2 GBP:2 JPY:0 CHF:2 CAD:2 AUD:2 CNY:2 INR:2 TRY:2 NOK:2 SEK:2 DKK:2 KRW:0'
  )
    .split(' ')
    .map((entry) => {
      const [code, decimals] = entry.split(':');
      return [code, Number(decimals)] as const;
    }),
);

const pledges = new Map<string, Pledge>();

function invalid(field: string, reason: ApiError['reason'], message: string): ApiError {
  return { code: 'invalid_input', field, reason, message };
}

function lineStatus(line: Line): PledgeStatus {
  if (line.paidMinor >= line.minor && line.paidMinor > 0n) return 'paid';
  if (line.paidMinor > 0n) return 'partly_paid';
  return line.committedOn ? 'committed' : 'announced';
}

function status(p: Pledge): PledgeStatus {
  if (p.cancelled) return 'cancelled';
  const stages = p.lines.map(lineStatus);
  if (stages.length && stages.every((s) => s === 'paid')) return 'paid';
  if (p.lines.some((l) => l.paidMinor > 0n)) return 'partly_paid';
  if (stages.length && stages.every((s) => s !== 'announced')) return 'committed';
  return 'announced';
}

/** The schedule the way it was entered, as the core gives it back. */
function entered(p: Pledge): Schedule {
  const amount = (minor: bigint) => toDecimal(minor, p.decimals);
  const first = p.lines[0];
  const last = p.lines[p.lines.length - 1];
  if (p.entry === 'lines' || !first) {
    return { mode: 'lines', lines: p.lines.map((l) => ({ year: l.year, amount: amount(l.minor) })) };
  }
  // Each year of a range carries the amount typed (see `cannedLines`).
  return { mode: p.entry, amount: amount(first.minor), fromYear: first.year, toYear: last.year };
}

function view(p: Pledge): PledgeView {
  const amount = (minor: bigint) => toDecimal(minor, p.decimals);
  const total = p.lines.reduce((sum, l) => sum + l.minor, 0n);
  // No conversion in the mock: only US dollars have a US-dollar total.
  const cents = p.currency === 'USD' ? total : null;
  return {
    id: p.id,
    eventId: p.eventId,
    donors: p.donors.map((d) => ({ ...d })),
    recipient: { ...p.recipient },
    purpose: { ...p.purpose },
    kind: p.kind,
    inKind: p.inKind,
    currency: p.currency,
    lines: p.lines.map(
      (l): LineView => ({
        year: l.year,
        amount: amount(l.minor),
        paid: amount(l.paidMinor),
        status: lineStatus(l),
        committedOn: l.committedOn,
        paidOn: l.paidOn,
      }),
    ),
    schedule: entered(p),
    total: amount(total),
    paid: amount(p.lines.reduce((sum, l) => sum + l.paidMinor, 0n)),
    status: status(p),
    usdTotal: cents === null ? null : toDecimal(cents, 2),
    rate: p.rate ? { ...p.rate } : null,
    cancelled: p.cancelled ? { ...p.cancelled } : null,
    sessionId: p.sessionId,
    speakerId: p.speakerId,
    delegationId: p.delegationId,
    notes: p.notes,
    createdAt: p.createdAt,
    version: p.version,
  };
}

function summarise(list: Pledge[]): PledgeSummary {
  type Sums = { pledged: bigint; committed: bigint; paid: bigint };
  const zero = (): Sums => ({ pledged: 0n, committed: 0n, paid: 0n });
  const currencies = new Map<string, { decimals: number; sums: Sums; count: number }>();
  const years = new Map<string, { year: number; currency: string; decimals: number; sums: Sums }>();
  const usd = zero();
  const summary: PledgeSummary = {
    currencies: [],
    years: [],
    usd: { pledged: '0.00', committed: '0.00', paid: '0.00', withoutRate: 0 },
    inKind: 0,
    cancelled: 0,
  };
  for (const p of list) {
    if (p.cancelled) summary.cancelled += 1;
    if (p.kind === 'in_kind') summary.inKind += 1;
    if (p.kind !== 'financial' || p.cancelled || !p.currency) continue;
    if (p.currency !== 'USD') summary.usd.withoutRate += 1;
    const entry = currencies.get(p.currency) ?? { decimals: p.decimals, sums: zero(), count: 0 };
    currencies.set(p.currency, entry);
    entry.count += 1;
    for (const l of p.lines) {
      const committed = l.committedOn ? l.minor : 0n;
      const key = `${l.year}|${p.currency}`;
      const year = years.get(key) ?? { year: l.year, currency: p.currency, decimals: p.decimals, sums: zero() };
      years.set(key, year);
      for (const sums of [entry.sums, year.sums]) {
        sums.pledged += l.minor;
        sums.committed += committed;
        sums.paid += l.paidMinor;
      }
      if (p.currency === 'USD') {
        usd.pledged += l.minor;
        usd.committed += committed;
        usd.paid += l.paidMinor;
      }
    }
  }
  const text = (sums: Sums, decimals: number) => ({
    pledged: toDecimal(sums.pledged, decimals),
    committed: toDecimal(sums.committed, decimals),
    paid: toDecimal(sums.paid, decimals),
  });
  summary.currencies = [...currencies.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, e]) => ({ currency, ...text(e.sums, e.decimals), count: e.count }));
  summary.years = [...years.values()]
    .sort((a, b) => a.year - b.year || a.currency.localeCompare(b.currency))
    .map((y) => ({ year: y.year, currency: y.currency, ...text(y.sums, y.decimals) }));
  summary.usd = { ...text(usd, 2), withoutRate: summary.usd.withoutRate };
  return summary;
}

/** Checks a pledge as the core does, and returns the record to store or the error. */
function validatePledge(eventId: string, input: PledgeInput, base: Pledge | null): Pledge | ApiError {
  const donors = input.donors
    .map((d) => ({ en: d.en.trim(), ar: d.ar.trim() }))
    .filter((d, i, all) => (d.en || d.ar) && all.findIndex((o) => o.en === d.en && o.ar === d.ar) === i);
  if (donors.length === 0) return invalid('donors', 'required', 'name the state or organisation that pledges');
  const inKind = input.inKind.trim();
  if (input.kind === 'in_kind' && !inKind) return invalid('inKind', 'required', 'describe what is given in kind');
  const noValue = input.currency.trim() === '' && input.schedule.mode === 'lines' && input.schedule.lines.length === 0;
  let currency: string | null = null;
  let decimals = 0;
  let lines: Line[] = [];
  if (!(input.kind === 'in_kind' && noValue)) {
    currency = input.currency.trim().toUpperCase();
    if (!CURRENCIES.has(currency)) return invalid('currency', 'unknown_currency', `${JSON.stringify(input.currency)} is not an ISO 4217 currency`);
    decimals = CURRENCIES.get(currency)!;
    const schedule = cannedLines(input.schedule, decimals);
    if (!Array.isArray(schedule)) return schedule;
    lines = schedule.map((l) => ({ year: l.year, minor: l.minor, committedOn: null, paidMinor: 0n, paidOn: null }));
  }
  let rate: Pledge['rate'] = null;
  if (input.rate && input.rate.rate.trim()) {
    if (!/^\d{1,12}(\.\d{1,12})?$/.test(input.rate.rate.trim()) || /^[0.]+$/.test(input.rate.rate.trim())) {
      return invalid('rate', 'invalid_value', `${JSON.stringify(input.rate.rate)} is not a rate like 1.0832`);
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.rate.date.trim())) return invalid('rateDate', input.rate.date.trim() ? 'invalid_date' : 'required', 'rateDate: expected YYYY-MM-DD');
    rate = { rate: input.rate.rate.trim(), date: input.rate.date.trim(), source: input.rate.source.trim() };
  }
  const sessionId = input.sessionId?.trim() || null;
  if (sessionId && !sessions.some((s) => s.id === sessionId)) return { code: 'not_found', field: 'session', reason: 'not_found', message: `no session with id ${sessionId}` };
  if (sessionId && sessions.find((s) => s.id === sessionId)!.eventId !== eventId) return invalid('session', 'wrong_event', 'the session belongs to another event');
  const speakerId = input.speakerId?.trim() || null;
  if (speakerId && !speakers.some((s) => s.id === speakerId)) return { code: 'not_found', field: 'speaker', reason: 'not_found', message: `no speaker with id ${speakerId}` };
  if (speakerId && speakers.find((s) => s.id === speakerId)!.eventId !== eventId) return invalid('speaker', 'wrong_event', 'the speaker belongs to another event');
  return {
    id: base?.id ?? `pl-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
    eventId,
    donors,
    recipient: { en: input.recipient.en.trim(), ar: input.recipient.ar.trim() },
    purpose: { en: input.purpose.en.trim(), ar: input.purpose.ar.trim() },
    kind: input.kind,
    inKind: input.kind === 'in_kind' ? inKind : '',
    currency,
    decimals,
    lines,
    entry: input.schedule.mode,
    rate,
    cancelled: base?.cancelled ?? null,
    sessionId,
    speakerId,
    // The mock keeps no delegations: it stores the id as given.
    delegationId: input.delegationId?.trim() || null,
    notes: input.notes.trim(),
    createdAt: base?.createdAt ?? now(),
    version: base ? base.version + 1 : 1,
  };
}

/**
 * An amount as the mock reads it: a plain decimal with at most the currency's decimals. Reading
 * what people type (grouping, Arabic-Indic digits, limits) is the core's; the mock does not copy it.
 */
function plainMinor(text: string, decimals: number): bigint | null {
  const value = readDecimal(text);
  return value && value.units > 0n && value.scale <= decimals ? rescale(value, decimals) : null;
}

/**
 * Canned lines: each year of a range carries the amount typed (the core splits a total over its
 * years; the mock does not), and year-by-year lines stay as given.
 */
function cannedLines(schedule: Schedule, decimals: number): { year: number; minor: bigint }[] | ApiError {
  const typed =
    schedule.mode === 'lines'
      ? schedule.lines
      : Array.from({ length: Math.max(0, schedule.toYear - schedule.fromYear + 1) }, (_, i) => ({
          year: schedule.fromYear + i,
          amount: schedule.amount,
        }));
  const lines = typed.map((line) => ({ year: line.year, minor: plainMinor(line.amount, decimals) }));
  if (lines.length === 0) return invalid('amount', 'required', 'amount: the mock needs at least one year');
  const unread = lines.findIndex((line) => line.minor === null);
  if (unread >= 0) return invalid(schedule.mode === 'lines' ? `lines[${unread}]` : 'amount', 'invalid_amount', 'the mock reads plain decimals only');
  return lines.map((line) => ({ year: line.year, minor: line.minor! })).sort((a, b) => a.year - b.year);
}

/** The form's preview, canned from the lines as typed: no checks, no conversion. */
export function pledgePreview(input: PledgeInput): Promise<PledgePreview> {
  const currency = input.currency.trim().toUpperCase();
  const decimals = CURRENCIES.get(currency) ?? 2;
  const lines = cannedLines(input.schedule, decimals);
  if (!Array.isArray(lines)) {
    return reply({ lines: [], total: null, usd: null, problems: [{ field: lines.field ?? 'amount', reason: lines.reason as Reason }] });
  }
  const total = lines.reduce((sum, line) => sum + line.minor, 0n);
  return reply({
    lines: lines.map((line) => ({ year: line.year, amount: toDecimal(line.minor, decimals) })),
    total: { currency, amount: toDecimal(total, decimals) },
    usd: null,
    problems: [],
  });
}

function isError(value: Pledge | ApiError): value is ApiError {
  return 'code' in value;
}

function failWith(error: ApiError): Promise<never> {
  return fail(error.code, error.field, error.reason, error.message);
}

export function pledgeList(eventId: string): Promise<PledgeListing> {
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  const list = [...pledges.values()].filter((p) => p.eventId === eventId);
  return reply({ pledges: list.map(view), summary: summarise(list) });
}

export function pledgeGet(id: string): Promise<PledgeView> {
  const pledge = pledges.get(id);
  return pledge ? reply(view(pledge)) : fail('not_found', 'id', 'not_found', `no pledge with id ${id}`);
}

export function pledgeAdd(eventId: string, input: PledgeInput): Promise<PledgeView> {
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  const pledge = validatePledge(eventId, input, null);
  if (isError(pledge)) return failWith(pledge);
  pledges.set(pledge.id, pledge);
  return reply(view(pledge));
}

export function pledgeUpdate(id: string, version: number | null, input: PledgeInput): Promise<PledgeView> {
  const current = pledges.get(id);
  if (!current) return fail('not_found', 'id', 'not_found', `no pledge with id ${id}`);
  const refused = stale('pledge', current.version, version);
  if (refused) return refused;
  const pledge = validatePledge(current.eventId, input, current);
  if (isError(pledge)) return failWith(pledge);
  if (current.currency !== pledge.currency && current.lines.some((l) => l.paidMinor > 0n)) {
    return failWith(invalid('currency', 'invalid_value', 'payments are recorded in the current currency'));
  }
  for (const old of current.lines) {
    const line = pledge.lines.find((l) => l.year === old.year);
    if (line) {
      if (old.paidMinor > line.minor) return failWith(invalid('amount', 'exceeds_pledge', `${old.year} has been paid more`));
      Object.assign(line, { committedOn: old.committedOn, paidMinor: old.paidMinor, paidOn: old.paidOn });
    } else if (old.paidMinor > 0n || old.committedOn) {
      return failWith(invalid('schedule', 'invalid_value', `${old.year} is committed or paid and cannot be removed`));
    }
  }
  pledges.set(id, pledge);
  return reply(view(pledge));
}

export function pledgeStage(id: string, change: StageChange): Promise<PledgeView> {
  const stored = pledges.get(id);
  if (!stored) return fail('not_found', 'id', 'not_found', `no pledge with id ${id}`);
  const pledge = structuredClone(stored);
  const on = change.date?.trim() || now().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(on)) return failWith(invalid('date', 'invalid_date', 'date: expected YYYY-MM-DD'));
  if (pledge.cancelled) return fail('conflict', 'to', 'invalid_value', 'the pledge is cancelled');
  if (change.to === 'cancelled') {
    if (!change.reason.trim()) return failWith(invalid('reason', 'required', 'say why the pledge is cancelled'));
    pledge.cancelled = { on, reason: change.reason.trim() };
  } else {
    if (!pledge.lines.length) return failWith(invalid('to', 'invalid_value', 'an in-kind pledge without a value has no stages'));
    if (change.year !== null && !pledge.lines.some((l) => l.year === change.year)) {
      return failWith(invalid('year', 'invalid_year_range', `the pledge has no line for ${change.year}`));
    }
    let amount: bigint | null = null;
    if (change.amount?.trim()) {
      if (change.to !== 'paid') return failWith(invalid('amount', 'invalid_value', 'an amount goes with a payment'));
      if (change.year === null) return failWith(invalid('year', 'required', 'name the year the amount was paid for'));
      amount = plainMinor(change.amount, pledge.decimals);
      if (amount === null) return failWith(invalid('amount', 'invalid_amount', 'amount: the mock reads plain decimals only'));
    }
    for (const line of pledge.lines.filter((l) => change.year === null || l.year === change.year)) {
      if (change.to === 'committed') line.committedOn ??= on;
      else if (change.to === 'paid') {
        const paid = amount ?? line.minor;
        if (paid > line.minor) return failWith(invalid('amount', 'exceeds_pledge', `more than pledged for ${line.year}`));
        line.paidMinor = paid;
        line.paidOn = on;
      } else return failWith(invalid('to', 'invalid_value', 'a pledge moves to committed, paid or cancelled'));
    }
  }
  pledge.version += 1;
  pledges.set(id, pledge);
  return reply(view(pledge));
}

export function pledgeDelete(id: string): Promise<null> {
  if (!pledges.delete(id)) return fail('not_found', 'id', 'not_found', `no pledge with id ${id}`);
  return reply(null);
}

/** The demo forum's pledges: several currencies, every stage, a joint and an in-kind pledge. */
function seedPledges(): void {
  const add = (input: Partial<PledgeInput> & Pick<PledgeInput, 'donors' | 'currency' | 'schedule'>, stages: [StageChange, ...StageChange[]] | [] = []) => {
    const full: PledgeInput = {
      recipient: { en: 'Arab Water Council', ar: '' },
      purpose: { en: '', ar: '' },
      kind: 'financial',
      inKind: '',
      rate: null,
      sessionId: 's-pledging',
      speakerId: null,
      delegationId: null,
      notes: '',
      ...input,
    };
    const pledge = validatePledge(demo.id, full, null);
    if (isError(pledge)) throw new Error(`mock pledge: ${pledge.message}`);
    pledge.createdAt = '2026-03-13T10:30:00Z';
    pledges.set(pledge.id, pledge);
    for (const change of stages) {
      const line = pledge.lines.filter((l) => change.year === null || l.year === change.year);
      for (const l of line) {
        if (change.to === 'committed') l.committedOn ??= change.date;
        if (change.to === 'paid') {
          l.committedOn ??= change.date;
          l.paidMinor = change.amount ? plainMinor(change.amount, pledge.decimals)! : l.minor;
          l.paidOn = change.date;
        }
      }
      if (change.to === 'cancelled') pledge.cancelled = { on: change.date!, reason: change.reason };
    }
  };
  const stage = (to: StageChange['to'], year: number | null, date: string, amount: string | null = null, reason = ''): StageChange => ({ to, year, amount, date, reason });
  add(
    {
      donors: [{ en: 'State of Qatar', ar: '' }],
      currency: 'USD',
      schedule: { mode: 'perYear', amount: '15000000', fromYear: 2024, toYear: 2026 },
      purpose: { en: 'Desalination research and regional water-security programmes', ar: 'أبحاث تحلية المياه وبرامج الأمن المائي الإقليمية' },
      sessionId: 's-opening',
      speakerId: 'sp-muraikhi',
      notes: 'USD 15 million a year for 2024–2026, USD 45 million in total.',
    },
    [stage('paid', 2024, '2024-06-30'), stage('committed', 2025, '2025-01-15')],
  );
  add(
    {
      donors: [{ en: 'European Union', ar: '' }],
      recipient: { en: 'UNDP Water Governance Programme', ar: '' },
      currency: 'EUR',
      schedule: { mode: 'perYear', amount: '6250000', fromYear: 2025, toYear: 2026 },
      rate: { rate: '1.0832', date: '2026-03-01', source: 'UN operational rates of exchange' },
      speakerId: 'sp-lindqvist',
    },
    [stage('committed', null, '2026-03-20'), stage('paid', 2025, '2026-04-02', '3000000')],
  );
  add({
    donors: [{ en: 'Kuwait Fund for Arab Economic Development', ar: '' }],
    currency: 'KWD',
    schedule: { mode: 'perYear', amount: '250000.125', fromYear: 2026, toYear: 2028 },
    rate: { rate: '3.25', date: '2026-03-01', source: 'Central Bank of Kuwait' },
    speakerId: 'sp-hamadi',
  });
  add({
    donors: [{ en: 'Government of Japan', ar: '' }, { en: 'Japan International Cooperation Agency', ar: '' }],
    recipient: { en: 'UNICEF Water, Sanitation and Hygiene', ar: '' },
    currency: 'JPY',
    schedule: { mode: 'lines', lines: [{ year: 2025, amount: '200000000' }, { year: 2026, amount: '300000000' }] },
    speakerId: 'sp-watanabe',
    notes: 'The exchange rate will be recorded when the agreement is signed.',
  }, [stage('paid', 2025, '2025-12-10', '100000000')]);
  add({
    donors: [{ en: '', ar: 'مؤسسة قطر' }],
    kind: 'in_kind',
    inKind: 'Training venues in Education City and twelve water engineers seconded for 2026.',
    currency: '',
    schedule: { mode: 'lines', lines: [] },
    sessionId: 's-closing',
  });
  add(
    {
      donors: [{ en: 'Ministry of Municipality', ar: '' }],
      recipient: { en: 'Arab Water Council', ar: '' },
      currency: 'QAR',
      schedule: { mode: 'perYear', amount: '3640000', fromYear: 2026, toYear: 2026 },
      rate: { rate: '0.2747', date: '2026-03-01', source: 'Qatar Central Bank' },
    },
    [stage('cancelled', null, '2026-05-04', null, 'Replaced by the joint GCC programme announced in May.')],
  );
}

if (!params.has('empty')) seedPledges();

/** The mock writes no file: it answers as if the person cancelled the save dialog. */
export function exportDocument(eventId: string, kind: ExportKind, lang: Lang): Promise<ExportOutcome> {
  void kind;
  void lang;
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  return reply({ file: null, bytes: 0, missingGlyphs: 0 });
}

export function demoOpen(): Promise<Event> {
  if (!events.has(demo.id)) events.set(demo.id, { ...demo, createdAt: now(), updatedAt: now() });
  return reply(events.get(demo.id)!);
}

export function appInfo(): Promise<AppInfo> {
  return reply({
    version: '0.1.0-mock',
    dataFile: '/home/organiser/.local/share/muntada/muntada.db',
    backupsFolder: '/home/organiser/.local/share/muntada/backups',
    licence: 'AGPL-3.0-or-later',
  });
}

export function appReady(_view: string): Promise<null> {
  return reply(null);
}

export function auditList(entity: AuditSubject, entityId: string): Promise<Array<AuditEntry>> {
  if (entity !== 'event' || entityId !== demo.id) return reply([]);
  const entry = (id: number, at: string, actor: string, rest: Partial<AuditEntry>): AuditEntry => ({
    id,
    at,
    actor,
    entity: 'participant',
    entityId: `p-${id}`,
    eventId: demo.id,
    action: 'create',
    label: { en: '', ar: '' },
    redacted: false,
    statusTo: null,
    ...rest,
  });
  return reply([
    entry(4, '2025-11-20T14:05:00Z', 'fatima', { action: 'erase', redacted: true }),
    entry(3, '2025-11-20T11:30:00Z', 'omar', { entity: 'pledge', label: { en: 'State of Qatar', ar: '' } }),
    entry(2, '2025-11-19T09:12:00Z', 'fatima', { action: 'import', label: { en: 'Amina Yusuf', ar: 'أمينة يوسف' } }),
    entry(1, '2025-11-18T08:00:00Z', 'fatima', { label: { en: '', ar: 'خالد المري' } }),
  ]);
}

export function backupCreate(): Promise<BackupSaved | null> {
  return reply({ file: '/home/organiser/muntada-backup.db' });
}

export function backupRestore(): Promise<BackupRestored | null> {
  return reply({
    file: '/home/organiser/muntada-backup.db',
    previousData: '/home/organiser/.local/share/muntada/backups/muntada-20251120T140500.000Z-before-restore.db',
    events: 3,
    participants: 1250,
  });
}

export function referenceData(): Promise<ReferenceData> {
  const currencies = [...CURRENCIES].map(([code, decimals]) => ({ code, decimals })).sort((a, b) => a.code.localeCompare(b.code));
  // The mock names each zone by its last part; the app has CLDR's names from the core.
  const zones = timezones().map((id) => {
    const city = id.split('/').at(-1)!.replaceAll('_', ' ');
    return { id, country: null, city: { en: city, ar: city } };
  });
  return reply({ countries: COUNTRIES, timezones: timezones(), zones, currencies });
}

// ---- Programme: editing sessions and their people, next year's edition. ----

const assignments: Assignment[] = [
  { sessionId: 's-opening', speakerId: 'sp-muraikhi', role: 'chair' },
  { sessionId: 's-opening', speakerId: 'sp-lindqvist', role: 'speaker' },
];

/** "YYYY-MM-DD HH:MM" in the event's timezone as a UTC instant (one offset correction). */
function localToIso(field: string, text: string, timeZone: string): string | ApiError {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return { code: 'invalid_input', field, reason: 'invalid_time', message: `${text} is not YYYY-MM-DD HH:MM` };
  const [y, mo, d, h, mi] = match.slice(1).map(Number);
  const wanted = Date.UTC(y, mo - 1, d, h, mi);
  const shown = toLocal(new Date(wanted).toISOString(), timeZone);
  const [sy, sm, sd] = shown.date.split('-').map(Number);
  const offset = Date.UTC(sy, sm - 1, sd) + shown.minutes * 60_000 - wanted;
  return new Date(wanted - offset).toISOString();
}

function checkSession(eventId: string, input: SessionInput): ApiError | Session {
  const event = events.get(eventId);
  if (!event) return { code: 'not_found', field: 'event', reason: 'not_found', message: `no event with id ${eventId}` };
  if (!input.title.en.trim() && !input.title.ar.trim())
    return { code: 'invalid_input', field: 'title', reason: 'required', message: 'title: at least one language is required' };
  const start = localToIso('start', input.start, event.timezone);
  if (typeof start !== 'string') return start;
  const end = localToIso('end', input.end, event.timezone);
  if (typeof end !== 'string') return end;
  if (end <= start) return { code: 'invalid_input', field: 'end', reason: 'end_before_start', message: 'a session must end after it starts' };
  const roomId = input.roomId?.trim() || null;
  if (roomId && !rooms.some((r) => r.id === roomId && r.eventId === eventId))
    return { code: 'invalid_input', field: 'room', reason: 'wrong_event', message: 'the room belongs to another event' };
  return { id: '', eventId, roomId, title: input.title, description: input.description, kind: input.kind, start, end, version: 1 };
}

export function sessionCreate(eventId: string, input: SessionInput): Promise<Session> {
  const checked = checkSession(eventId, input);
  if ('code' in checked) return fail(checked.code, checked.field, checked.reason, checked.message);
  const session = { ...checked, id: `s-${Date.now().toString(36)}` };
  sessions.push(session);
  return reply(session);
}

export function sessionUpdate(id: string, version: number | null, input: SessionInput): Promise<Session> {
  const index = sessions.findIndex((s) => s.id === id);
  if (index === -1) return fail('not_found', 'id', 'not_found', `no session with id ${id}`);
  const refused = stale('session', sessions[index].version, version);
  if (refused) return refused;
  const checked = checkSession(sessions[index].eventId, input);
  if ('code' in checked) return fail(checked.code, checked.field, checked.reason, checked.message);
  sessions[index] = { ...checked, id, version: sessions[index].version + 1 };
  return reply(sessions[index]);
}

export function sessionDelete(id: string): Promise<null> {
  const index = sessions.findIndex((s) => s.id === id);
  if (index === -1) return fail('not_found', 'id', 'not_found', `no session with id ${id}`);
  // As the core (src/programme/mod.rs): an adopted outcome document keeps the sessions it cites.
  const cited = [...outcomes.values()].flat().some((v) => v.adopted && v.sections.some((s) => s.sessionIds.includes(id)));
  if (cited) return fail('conflict', 'id', 'in_use', 'the adopted outcome document cites this session: move or rename it instead');
  sessions.splice(index, 1);
  return reply(null);
}

export function assignmentList(eventId: string): Promise<Array<Assignment>> {
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  const own = new Set(sessions.filter((s) => s.eventId === eventId).map((s) => s.id));
  return reply(assignments.filter((a) => own.has(a.sessionId)));
}


export function sessionAssign(sessionId: string, speakerId: string, role: string): Promise<Assignment> {
  if (!(ROLES as readonly string[]).includes(role)) return fail('invalid_input', 'role', 'invalid_value', `${role} is not one of ${ROLES.join(', ')}`);
  if (!sessions.some((s) => s.id === sessionId)) return fail('not_found', 'session', 'not_found', `no session with id ${sessionId}`);
  if (!speakers.some((s) => s.id === speakerId)) return fail('not_found', 'speaker', 'not_found', `no speaker with id ${speakerId}`);
  const assignment = { sessionId, speakerId, role: role as Assignment['role'] };
  if (!assignments.some((a) => a.sessionId === sessionId && a.speakerId === speakerId && a.role === role)) assignments.push(assignment);
  return reply(assignment);
}

export function sessionUnassign(sessionId: string, speakerId: string, role: string): Promise<null> {
  const index = assignments.findIndex((a) => a.sessionId === sessionId && a.speakerId === speakerId && a.role === role);
  if (index === -1) return fail('invalid_input', 'role', 'not_found', 'this speaker does not have this role in the session');
  assignments.splice(index, 1);
  return reply(null);
}

export function eventClone(id: string, start: string): Promise<Event> {
  const old = events.get(id);
  if (!old) return fail('not_found', 'id', 'not_found', `no event with id ${id}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) return fail('invalid_input', 'start', 'invalid_date', 'start: expected YYYY-MM-DD');
  const days = (Date.parse(old.endDate) - Date.parse(old.startDate)) / 86_400_000;
  const endDate = new Date(Date.parse(start) + days * 86_400_000).toISOString().slice(0, 10);
  const event: Event = { ...old, id: `ev-${Date.now().toString(36)}`, startDate: start, endDate, status: 'draft', createdAt: now(), updatedAt: now() };
  events.set(event.id, event);
  return reply(event);
}

// ---- Outcome ----
// The outcome document follows the core's rules (src/outcome/): numbered versions, the newest
// edited while it is a draft; an adopted version is frozen, and an edit that names no version
// starts a new draft copied from the newest.

type OutcomeVersion = Version & { sections: Section[] };
const outcomes = new Map<string, OutcomeVersion[]>();

const spans = (text: string): RichText => (text ? [{ type: 'paragraph', spans: [{ text }] }] : []);

function plainText(text: RichText): string {
  const join = (line: Span[]) => line.map((span) => span.text).join('');
  return text
    .flatMap((block) =>
      block.type === 'paragraph'
        ? [join(block.spans)]
        : block.items.map((item, i) => `${block.type === 'bullets' ? '•' : `${i + 1}.`} ${join(item)}`),
    )
    .join('\n');
}

function hasText(s: Section, lang: Lang): boolean {
  const title = lang === 'en' ? s.title.en : s.title.ar;
  return title.trim() !== '' || plainText(lang === 'en' ? s.bodyEn : s.bodyAr).trim() !== '';
}

function sectionView(section: Section): SectionView {
  const state = (lang: Lang, other: Lang): LanguageState => {
    const updated = (l: Lang) => (l === 'en' ? section.updatedEn : section.updatedAr) ?? '';
    if (!hasText(section, lang) && hasText(section, other)) return 'missing';
    if (hasText(section, lang) && hasText(section, other) && updated(lang) < updated(other)) return 'older';
    return 'current';
  };
  return { section: structuredClone(section), stateEn: state('en', 'ar'), stateAr: state('ar', 'en') };
}

function richError(field: string, text: RichText): ApiError | null {
  for (const block of text) {
    const lines = block.type === 'paragraph' ? [block.spans] : block.items;
    if (block.type !== 'paragraph' && lines.length === 0) return invalid(field, 'invalid_value', 'a list has no items');
    for (const line of lines) {
      if (line.every((span) => !span.text.trim())) return invalid(field, 'invalid_value', 'an empty paragraph or list item');
      if (line.some((span) => /[\u0000-\u0009\u000b-\u001f\u007f]/.test(span.text))) {
        return invalid(field, 'control_characters', 'contains control characters');
      }
    }
  }
  return null;
}

function outcomeVersion(eventId: string, number: number): OutcomeVersion | ApiError {
  const found = (outcomes.get(eventId) ?? []).find((v) => v.number === number);
  return found ?? { code: 'not_found', field: 'version', reason: 'not_found', message: `no version ${number}` };
}

/** The version an edit goes to (see `draft` in src/outcome/mod.rs). */
function draftFor(eventId: string, target: number | null): OutcomeVersion | ApiError {
  const list = outcomes.get(eventId) ?? [];
  outcomes.set(eventId, list);
  if (target !== null) {
    const version = outcomeVersion(eventId, target);
    if ('code' in version) return version;
    if (version.adopted) return { code: 'conflict', field: 'version', reason: 'invalid_value', message: `version ${target} is adopted` };
    if (list.at(-1) !== version) return { code: 'conflict', field: 'version', reason: 'invalid_value', message: `version ${target} is not the newest` };
    return version;
  }
  const latest = list.at(-1);
  if (latest && !latest.adopted) return latest;
  const version: OutcomeVersion = {
    id: crypto.randomUUID(),
    eventId,
    number: (latest?.number ?? 0) + 1,
    createdAt: now(),
    adopted: null,
    sections: structuredClone(latest?.sections ?? []),
  };
  list.push(version);
  return version;
}

function outcomeDocument(eventId: string, number: number | null): OutcomeDocument | ApiError {
  const list = outcomes.get(eventId) ?? [];
  const shown = number === null ? list.at(-1) : outcomeVersion(eventId, number);
  if (shown && 'code' in shown) return shown;
  const strip = ({ sections: _, ...version }: OutcomeVersion): Version => version;
  return {
    versions: list.map(strip),
    version: shown ? strip(shown) : null,
    sections: shown ? shown.sections.map(sectionView) : [],
  };
}

function place(position: number | null, length: number): number | ApiError {
  if (position === null) return length - 1;
  if (position >= 1 && position <= length) return position - 1;
  return invalid('position', 'invalid_value', `${position} is not between 1 and ${length}`);
}

export function outcomeGet(eventId: string, version: number | null): Promise<OutcomeDocument> {
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  const doc = outcomeDocument(eventId, version);
  return 'code' in doc ? failWith(doc) : reply(doc);
}

export function outcomeSectionAdd(eventId: string, version: number | null, input: SectionInput): Promise<SectionView> {
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  if (!input.kind) return failWith(invalid('kind', 'required', 'say what kind of section'));
  const error = richError('bodyEn', input.bodyEn) ?? richError('bodyAr', input.bodyAr);
  if (error) return failWith(error);
  if (input.kind === 'opening_statement' && !input.speaker) {
    return failWith(invalid('speaker', 'required', 'an opening statement names its speaker'));
  }
  const at = now();
  const title = { en: input.title.en.trim(), ar: input.title.ar.trim() };
  const section: Section = {
    key: crypto.randomUUID(),
    kind: input.kind,
    title,
    bodyEn: structuredClone(input.bodyEn),
    bodyAr: structuredClone(input.bodyAr),
    updatedEn: title.en || plainText(input.bodyEn).trim() ? at : null,
    updatedAr: title.ar || plainText(input.bodyAr).trim() ? at : null,
    actor: { en: input.actor.en.trim(), ar: input.actor.ar.trim() },
    speakerId: input.speaker || null,
    sessionIds: [...new Set(input.sessions.filter((s) => s.trim()))],
  };
  const draft = draftFor(eventId, version);
  if ('code' in draft) return failWith(draft);
  const index = place(input.position, draft.sections.length + 1);
  if (typeof index !== 'number') return failWith(index);
  draft.sections.splice(index, 0, section);
  return reply(sectionView(section));
}

export function outcomeSectionUpdate(eventId: string, key: string, version: number | null, edit: SectionEdit): Promise<SectionView> {
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  const error = (edit.bodyEn && richError('bodyEn', edit.bodyEn)) || (edit.bodyAr && richError('bodyAr', edit.bodyAr));
  if (error) return failWith(error);
  const draft = draftFor(eventId, version);
  if ('code' in draft) return failWith(draft);
  const at = draft.sections.findIndex((s) => s.key === key);
  if (at < 0) return fail('not_found', 'section', 'not_found', `no section ${key}`);
  const s = structuredClone(draft.sections[at]);
  const stamp = now();
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (edit.titleEn !== null && edit.titleEn.trim() !== s.title.en) [s.title.en, s.updatedEn] = [edit.titleEn.trim(), stamp];
  if (edit.titleAr !== null && edit.titleAr.trim() !== s.title.ar) [s.title.ar, s.updatedAr] = [edit.titleAr.trim(), stamp];
  if (edit.bodyEn !== null && !same(edit.bodyEn, s.bodyEn)) [s.bodyEn, s.updatedEn] = [structuredClone(edit.bodyEn), stamp];
  if (edit.bodyAr !== null && !same(edit.bodyAr, s.bodyAr)) [s.bodyAr, s.updatedAr] = [structuredClone(edit.bodyAr), stamp];
  if (edit.actor) s.actor = { en: edit.actor.en.trim(), ar: edit.actor.ar.trim() };
  if (edit.speaker !== null) s.speakerId = edit.speaker || null;
  if (edit.sessions) s.sessionIds = [...new Set(edit.sessions.filter((x) => x.trim()))];
  if (s.kind === 'opening_statement' && !s.speakerId) return failWith(invalid('speaker', 'required', 'an opening statement names its speaker'));
  const rest = draft.sections.filter((x) => x.key !== key);
  const index = edit.position === null ? at : place(edit.position, rest.length + 1);
  if (typeof index !== 'number') return failWith(index);
  rest.splice(index, 0, s);
  draft.sections = rest;
  return reply(sectionView(s));
}

export function outcomeSectionMove(eventId: string, key: string, version: number | null, position: number): Promise<SectionView> {
  const edit: SectionEdit = { titleEn: null, titleAr: null, bodyEn: null, bodyAr: null, actor: null, speaker: null, sessions: null, position };
  return outcomeSectionUpdate(eventId, key, version, edit);
}

export function outcomeSectionDelete(eventId: string, key: string, version: number | null): Promise<null> {
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  const draft = draftFor(eventId, version);
  if ('code' in draft) return failWith(draft);
  if (!draft.sections.some((s) => s.key === key)) return fail('not_found', 'section', 'not_found', `no section ${key}`);
  draft.sections = draft.sections.filter((s) => s.key !== key);
  return reply(null);
}

export function outcomeAdopt(eventId: string, version: number): Promise<Version> {
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  const latest = (outcomes.get(eventId) ?? []).at(-1);
  if (!latest || latest.adopted) return fail('conflict', 'event', 'invalid_value', 'there is no draft to adopt');
  if (latest.number !== version) return fail('conflict', 'version', 'invalid_value', `version ${version} is not the current draft`);
  if (!latest.sections.length) return fail('conflict', 'event', 'required', 'the draft has no sections');
  latest.adopted = { at: now(), by: 'organiser' };
  const { sections: _, ...adopted } = latest;
  return reply(adopted);
}

export function outcomeDiff(eventId: string, from: number, to: number): Promise<Array<SectionDiff>> {
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  const a = outcomeVersion(eventId, from);
  if ('code' in a) return failWith({ ...a, field: 'from' });
  const b = outcomeVersion(eventId, to);
  if ('code' in b) return failWith({ ...b, field: 'to' });
  const out: SectionDiff[] = b.sections.map((n, i) => {
    const j = a.sections.findIndex((o) => o.key === n.key);
    const base = { key: n.key, kind: n.kind, title: n.title, fields: [] as string[], text: [] as TextChange[] };
    if (j < 0) return { ...base, change: 'added' };
    const o = a.sections[j];
    const pairs: [string, unknown, unknown][] = [
      ['titleEn', o.title.en, n.title.en],
      ['titleAr', o.title.ar, n.title.ar],
      ['bodyEn', o.bodyEn, n.bodyEn],
      ['bodyAr', o.bodyAr, n.bodyAr],
      ['actor', o.actor, n.actor],
      ['speaker', o.speakerId, n.speakerId],
      ['sessions', o.sessionIds, n.sessionIds],
      ['position', j, i],
    ];
    const fields = pairs.filter(([, x, y]) => JSON.stringify(x) !== JSON.stringify(y)).map(([f]) => f);
    const text = (['bodyEn', 'bodyAr'] as const)
      .filter((f) => fields.includes(f))
      .map((f) => ({ field: f, before: plainText(o[f]), after: plainText(n[f]) }));
    return { ...base, fields, text, change: fields.length ? 'changed' : 'unchanged' };
  });
  for (const o of a.sections.filter((o) => !b.sections.some((n) => n.key === o.key))) {
    out.push({ key: o.key, kind: o.kind, title: o.title, change: 'removed', fields: [], text: [] });
  }
  return reply(out);
}

/** Like `exportDocument`: the mock writes no file and answers as if the dialog was cancelled. */
export function outcomeExport(eventId: string, lang: OutcomeLang, version: number | null): Promise<ExportOutcome> {
  void lang;
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  if (version !== null && 'code' in outcomeVersion(eventId, version)) return fail('not_found', 'version', 'not_found', `no version ${version}`);
  return reply({ file: null, bytes: 0, missingGlyphs: 0 });
}

export function badgesExport(eventId: string, _status: ParticipantStatus | null, _layout: BadgeLayout): Promise<ExportOutcome> {
  return exportDocument(eventId, 'participant_list', 'en');
}

export function certificatesExport(
  eventId: string,
  lang: CertificateLang,
  _status: ParticipantStatus | null,
): Promise<ExportOutcome> {
  return exportDocument(eventId, 'participant_list', lang === 'ar' ? 'ar' : 'en');
}

export function cueCardsExport(eventId: string, lang: Lang): Promise<ExportOutcome> {
  return exportDocument(eventId, 'participant_list', lang);
}

/** Speakers' stated times and each event's travel buffer, kept in memory. */
const availabilities: Availability[] = [];
const travelBuffers = new Map<string, number>();

export function speakerAvailability(speakerId: string): Promise<Array<Availability>> {
  if (!speakers.some((s) => s.id === speakerId)) return fail('not_found', 'speaker', 'not_found', `no speaker ${speakerId}`);
  return reply(availabilities.filter((a) => a.speakerId === speakerId).sort((a, b) => a.start.localeCompare(b.start)));
}

export function speakerAvailabilityAdd(speakerId: string, start: string, end: string): Promise<Availability> {
  const speaker = speakers.find((s) => s.id === speakerId);
  if (!speaker) return fail('not_found', 'speaker', 'not_found', `no speaker ${speakerId}`);
  const timeZone = events.get(speaker.eventId)?.timezone ?? 'UTC';
  const from = localToIso('start', start, timeZone);
  if (typeof from !== 'string') return fail(from.code, from.field, from.reason, from.message);
  const to = localToIso('end', end, timeZone);
  if (typeof to !== 'string') return fail(to.code, to.field, to.reason, to.message);
  if (to <= from) return fail('invalid_input', 'end', 'end_before_start', 'the end is not after the start');
  const a: Availability = { speakerId, start: from, end: to };
  availabilities.push(a);
  return reply(a);
}

export function speakerAvailabilityRemove(speakerId: string, start: string): Promise<null> {
  const index = availabilities.findIndex((a) => a.speakerId === speakerId && a.start === start);
  if (index === -1) return fail('invalid_input', 'start', 'not_found', 'the speaker stated no time from then');
  availabilities.splice(index, 1);
  return reply(null);
}

export function travelBufferGet(eventId: string): Promise<number> {
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  return reply(travelBuffers.get(eventId) ?? 0);
}

export function travelBufferSet(eventId: string, minutes: number): Promise<number> {
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) return fail('invalid_input', 'minutes', 'invalid_value', 'at most 1440 minutes');
  travelBuffers.set(eventId, minutes);
  return reply(minutes);
}

/** Sign-ups kept in memory: session id → participant ids. */
const signUps = new Map<string, Set<string>>();

function signUpsOf(sessionId: string): Promise<SignUps> {
  const session = sessions.find((s) => s.id === sessionId);
  if (!session) return fail('not_found', 'id', 'not_found', `no session with id ${sessionId}`);
  const list = [...(signUps.get(sessionId) ?? [])].map((id) => people.get(id)).filter((p): p is Participant => p !== undefined);
  list.sort((a, b) => a.name.en.localeCompare(b.name.en));
  const capacity = rooms.find((r) => r.id === session.roomId)?.capacity ?? null;
  const confirmed = list.filter((p) => p.status === 'confirmed' || p.status === 'checked_in').length;
  return reply({ sessionId, capacity, confirmed, participants: list });
}

export function sessionSignUps(sessionId: string): Promise<SignUps> {
  return signUpsOf(sessionId);
}

export function sessionSignUp(sessionId: string, participantId: string): Promise<SignUps> {
  const session = sessions.find((s) => s.id === sessionId);
  if (!session) return fail('not_found', 'id', 'not_found', `no session with id ${sessionId}`);
  if (people.get(participantId)?.eventId !== session.eventId) return fail('not_found', 'participant', 'not_found', `no participant ${participantId} in this event`);
  signUps.set(sessionId, (signUps.get(sessionId) ?? new Set()).add(participantId));
  return signUpsOf(sessionId);
}

export function sessionSignUpRemove(sessionId: string, participantId: string): Promise<SignUps> {
  if (!signUps.get(sessionId)?.delete(participantId)) return fail('invalid_input', 'participant', 'not_found', 'this participant is not signed up for the session');
  return signUpsOf(sessionId);
}

/** The programme's exports: like `exportDocument`, no file; a release or speaker must exist. */
function programmeExport(eventId: string, release: string, speakerId: string | null = null): Promise<ExportOutcome> {
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  if (release !== 'draft' && !releases.some((r) => r.eventId === eventId && r.name === release)) {
    return fail('not_found', 'release', 'not_found', `no release ${release}`);
  }
  if (speakerId !== null && !speakers.some((s) => s.id === speakerId)) {
    return fail('not_found', 'speaker', 'not_found', `no speaker ${speakerId}`);
  }
  return reply({ file: null, bytes: 0, missingGlyphs: 0 });
}

export function programmePdfExport(eventId: string, lang: Lang, release: string, doorSheets: boolean): Promise<ExportOutcome> {
  void lang;
  void doorSheets;
  return programmeExport(eventId, release);
}

export function icalExport(eventId: string, release: string, speakerId: string | null): Promise<ExportOutcome> {
  return programmeExport(eventId, release, speakerId);
}

export function scheduleJsonExport(eventId: string, release: string): Promise<ExportOutcome> {
  return programmeExport(eventId, release);
}

export function scheduleXmlExport(eventId: string, release: string): Promise<ExportOutcome> {
  return programmeExport(eventId, release);
}

/** The demo's first draft: a summary, a recommendation with no Arabic yet, and the generated sections. */
function seedOutcome(): void {
  const at = '2026-03-14T15:00:00Z';
  const section = (kind: SectionKind, en: string, ar: string, rest: Partial<Section> = {}): Section => ({
    key: crypto.randomUUID(),
    kind,
    title: { en: '', ar: '' },
    bodyEn: spans(en),
    bodyAr: spans(ar),
    updatedEn: en ? at : null,
    updatedAr: ar ? at : null,
    actor: { en: '', ar: '' },
    speakerId: null,
    sessionIds: [],
    ...rest,
  });
  outcomes.set(demo.id, [
    {
      id: crypto.randomUUID(),
      eventId: demo.id,
      number: 1,
      createdAt: at,
      adopted: null,
      sections: [
        section('summary', 'The forum met in Doha to strengthen water security.', 'اجتمع المنتدى في الدوحة لتعزيز الأمن المائي.'),
        section('recommendation', 'Share hydrological data across borders.', '', {
          actor: { en: 'Member States', ar: 'الدول الأعضاء' },
          sessionIds: ['s-scarcity'],
        }),
        section('pledges', 'The following pledges were announced.', 'أُعلنت التعهدات التالية.'),
        section('participation', '', ''),
      ],
    },
  ]);
}

if (!params.has('empty')) seedOutcome();

export function speakerCreate(eventId: string, input: SpeakerInput): Promise<Speaker> {
  if (!input.name.en.trim() && !input.name.ar.trim()) return fail('invalid_input', 'name', 'required', 'name: at least one language');
  const created: Speaker = { ...structuredClone(input), id: `sp-${Date.now().toString(36)}`, eventId, country: input.country || null, email: input.email || null, version: 1 };
  speakers.push(created);
  return reply(created);
}

export function speakerUpdate(id: string, version: number | null, input: SpeakerInput): Promise<Speaker> {
  const index = speakers.findIndex((s) => s.id === id);
  if (index === -1) return fail('not_found', 'id', 'not_found', `no speaker with id ${id}`);
  const refused = stale('speaker', speakers[index].version, version);
  if (refused) return refused;
  if (!input.name.en.trim() && !input.name.ar.trim()) return fail('invalid_input', 'name', 'required', 'name: at least one language');
  if (input.country && !COUNTRIES.includes(input.country)) return fail('invalid_input', 'country', 'unknown_country', `unknown country ${input.country}`);
  speakers[index] = { ...speakers[index], ...structuredClone(input), country: input.country || null, email: input.email || null, version: speakers[index].version + 1 };
  return reply(speakers[index]);
}

// The mock has no participants: nobody is left to make a speaker.
export function speakerCandidates(eventId: string, query: string): Promise<Array<SpeakerCandidate>> {
  void query;
  if (!events.has(eventId)) return fail('not_found', 'event', 'not_found', `no event with id ${eventId}`);
  return reply([]);
}

export function speakerFromParticipant(eventId: string, participantId: string): Promise<Speaker> {
  void eventId;
  return fail('not_found', 'participant', 'not_found', `no participant with id ${participantId}`);
}

// ---- Participants: a generated roster (5,000 people for the demo forum) to try the table. ----
const mockCategories: CategoryInfo[] = [
  { key: 'member_state', name: { en: 'Member State', ar: 'دولة عضو' }, colour: '#1d4ed8' },
  { key: 'international_organisation', name: { en: 'International organisation', ar: 'منظمة دولية' }, colour: '#0f766e' },
  { key: 'civil_society', name: { en: 'Civil society', ar: 'المجتمع المدني' }, colour: '#ca8a04' },
  { key: 'media', name: { en: 'Media', ar: 'وسائل الإعلام' }, colour: '#ea580c' },
  { key: 'other', name: { en: 'Other', ar: 'أخرى' }, colour: '#6b7280' },
];
const mockDelegations: Delegation[] = [
  { id: 'del-qa', eventId: 'demo-forum', name: { en: 'Qatar', ar: 'قطر' }, country: 'QA', head: 'p-0', members: 0, createdAt: '2025-11-02T08:30:00Z', version: 1 },
  { id: 'del-jo', eventId: 'demo-forum', name: { en: 'Jordan', ar: 'الأردن' }, country: 'JO', head: null, members: 0, createdAt: '2025-11-02T08:30:00Z', version: 1 },
];
const GIVEN = [['Ahmed', 'أحمد'], ['Amina', 'أمينة'], ['Fatima', 'فاطمة'], ['Omar', 'عمر'], ['Layla', 'ليلى'], ['José', '']];
const FAMILY = [['Saleh', 'صالح'], ['Yusuf', 'يوسف'], ['Haddad', 'حداد'], ['Nour', 'نور'], ['Álvarez', '']];
const STATUSES: ParticipantStatus[] = ['interest_registered', 'confirmed', 'waitlisted', 'declined', 'checked_in'];
const people = new Map<string, Participant>();
for (let i = 0; i < 5000; i++) {
  const [g, ga] = GIVEN[i % GIVEN.length];
  const [f, fa] = FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length];
  const id = `p-${i}`;
  people.set(id, {
    id, eventId: 'demo-forum', honorific: i % 7 === 0 ? 'H.E.' : '',
    name: { en: `${g} ${f} ${i}`, ar: ga && fa ? `${ga} ${fa}` : '' },
    email: `person${i}@example.org`, phone: null,
    organisation: { en: i % 2 ? 'Ministry of Foreign Affairs' : 'UNOCT', ar: '' },
    country: i % 3 ? 'QA' : 'JO', category: mockCategories[i % mockCategories.length].key,
    status: STATUSES[i % STATUSES.length], badgeCode: `B${String(i).padStart(9, '0')}`, consent: true,
    registeredAt: '2025-11-02T08:30:00Z', delegation: i % 10 === 0 ? (i % 3 ? 'del-qa' : 'del-jo') : null, version: 1,
  });
}

function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .toLowerCase();
}

function searchKey(p: Participant): string[] {
  return foldText([p.name.en, p.name.ar, p.organisation.en, p.organisation.ar, p.email ?? '', p.badgeCode].join(' ')).split(/[^\p{L}\p{N}]+/u);
}

/** The event's participants a table query matches, in its order (as the core's filter and sort). */
function matching(eventId: string, query: ParticipantQuery): Participant[] {
  const terms = foldText(query.text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const rows = [...people.values()].filter(
    (p) =>
      p.eventId === eventId &&
      (query.status === null || p.status === query.status) &&
      (query.category === null || p.category === query.category) &&
      (query.country === null || p.country === query.country) &&
      (query.delegation === null || p.delegation === query.delegation) &&
      (terms.length === 0 || terms.every((t) => searchKey(p).some((w) => w.startsWith(t)))),
  );
  const key = (p: Participant): string =>
    query.sort === 'organisation' ? p.organisation.en : query.sort === 'country' ? (p.country ?? '') : query.sort === 'category' ? p.category : query.sort === 'status' ? p.status : query.sort === 'registered' ? p.registeredAt : foldText(p.name.en || p.name.ar);
  return rows.sort((a, b) => key(a).localeCompare(key(b)) * (query.descending ? -1 : 1));
}

export function participantQuery(eventId: string, query: ParticipantQuery): Promise<ParticipantPage> {
  if (query.limit < 1 || query.limit > 1000) return fail('invalid_input', 'limit', 'invalid_value', 'must be between 1 and 1000');
  const rows = matching(eventId, query);
  return reply({ total: rows.length, offset: query.offset, rows: rows.slice(query.offset, query.offset + query.limit) });
}

export function participantGet(id: string): Promise<Participant> {
  const p = people.get(id);
  return p ? reply(p) : fail('not_found', 'id', 'not_found', `no participant ${id}`);
}

export function participantAdd(eventId: string, input: ParticipantInput): Promise<Added> {
  if (!input.name.en.trim() && !input.name.ar.trim()) return fail('invalid_input', 'name', 'required', 'give a name');
  const id = `p-${people.size}-${Date.now()}`;
  const participant: Participant = {
    id, eventId, honorific: input.honorific.trim(), name: { en: input.name.en.trim(), ar: input.name.ar.trim() },
    email: input.email.trim() || null, phone: input.phone.trim() || null, organisation: input.organisation,
    country: input.country || null, category: input.category || 'other', status: input.status,
    badgeCode: `N${String(people.size).padStart(9, '0')}`, consent: input.consent, registeredAt: now(),
    delegation: input.delegation || null, version: 1,
  };
  const email = participant.email?.toLowerCase();
  const possibleDuplicates = [...people.values()].filter((p) => p.eventId === eventId && email && p.email?.toLowerCase() === email).map((p) => p.id);
  people.set(id, participant);
  return reply({ participant, possibleDuplicates });
}

export function participantUpdate(id: string, version: number | null, input: ParticipantInput): Promise<Added> {
  const p = people.get(id);
  if (!p) return fail('not_found', 'id', 'not_found', `no participant ${id}`);
  const refused = stale('participant', p.version, version);
  if (refused) return refused;
  if (!input.name.en.trim() && !input.name.ar.trim()) return fail('invalid_input', 'name', 'required', 'give a name');
  const participant: Participant = {
    ...p, honorific: input.honorific.trim(), name: { en: input.name.en.trim(), ar: input.name.ar.trim() },
    email: input.email.trim() || null, phone: input.phone.trim() || null, organisation: input.organisation,
    country: input.country || null, category: input.category || 'other', status: input.status, consent: input.consent,
    delegation: input.delegation || null, version: p.version + 1,
  };
  const email = participant.email?.toLowerCase();
  const possibleDuplicates = [...people.values()].filter((q) => q.id !== id && q.eventId === p.eventId && email && q.email?.toLowerCase() === email).map((q) => q.id);
  people.set(id, participant);
  return reply({ participant, possibleDuplicates });
}

export function participantMerge(keep: string, other: string): Promise<Participant> {
  const a = people.get(keep);
  if (!a || !people.has(other)) return fail('not_found', 'other', 'not_found', 'no such participant');
  people.delete(other);
  return reply(a);
}

/** Each person's history in the mock: created, then one entry a change. */
function erasureOfPerson(p: Participant): Erasure {
  return { participant: p, historyEntries: p.version };
}

export function participantErasure(id: string): Promise<Erasure> {
  const p = people.get(id);
  return p ? reply(erasureOfPerson(p)) : fail('not_found', 'id', 'not_found', 'no such participant');
}

export function participantErase(id: string): Promise<Erasure> {
  const p = people.get(id);
  if (!p) return fail('not_found', 'id', 'not_found', 'no such participant');
  const erased: Participant = {
    ...p,
    honorific: '',
    name: { en: '', ar: '' },
    email: null,
    phone: null,
    organisation: { en: '', ar: '' },
    country: null,
    consent: false,
    version: p.version + 1,
  };
  people.set(id, erased);
  return reply(erasureOfPerson(erased));
}

function bulkChange(eventId: string, selection: Selection, change: (p: Participant) => Participant): Promise<number> {
  let ids: string[];
  if (selection.kind === 'ids') ids = selection.ids;
  else {
    ids = matching(eventId, selection.query).map((p) => p.id);
    if (ids.length === 0) return fail('invalid_input', 'ids', 'required', 'no participant matches');
    if (selection.expected !== null && selection.expected !== ids.length)
      return fail('conflict', 'ids', 'changed', `${ids.length} participants match now, not ${selection.expected}`);
  }
  if (ids.length === 0) return fail('invalid_input', 'ids', 'required', 'select at least one participant');
  if (ids.some((id) => !people.has(id))) return fail('invalid_input', 'ids', 'not_found', 'no such participant');
  for (const id of ids) {
    const p = people.get(id)!;
    people.set(id, { ...change(p), version: p.version + 1 });
  }
  return reply(ids.length);
}

export function participantSetStatus(eventId: string, selection: Selection, status: ParticipantStatus): Promise<number> {
  return bulkChange(eventId, selection, (p) => ({ ...p, status }));
}

export function participantSetCategory(eventId: string, selection: Selection, category: string): Promise<number> {
  if (!mockCategories.some((c) => c.key === category)) return fail('invalid_input', 'category', 'invalid_value', 'no such category');
  return bulkChange(eventId, selection, (p) => ({ ...p, category }));
}

export function participantSetDelegation(eventId: string, selection: Selection, delegation: string | null): Promise<number> {
  if (delegation !== null && !mockDelegations.some((d) => d.id === delegation)) return fail('not_found', 'delegation', 'not_found', 'no such delegation');
  return bulkChange(eventId, selection, (p) => ({ ...p, delegation }));
}

export function participantCheckIn(eventId: string, code: string): Promise<CheckedIn> {
  const wanted = code.replace(/\s|-/g, '').toUpperCase();
  const p = [...people.values()].find((q) => q.eventId === eventId && q.badgeCode === wanted);
  if (!p) return fail('not_found', 'code', 'not_found', 'no participant with this badge code');
  if (p.status === 'checked_in') return fail('conflict', 'code', 'duplicate', 'already checked in');
  if (p.status === 'declined') return fail('conflict', 'code', 'invalid_value', 'declined');
  const after = { ...p, status: 'checked_in' as const, version: p.version + 1 };
  people.set(p.id, after);
  return reply({ participant: after, was: p.status, warning: p.status === 'confirmed' ? null : 'not_confirmed' });
}

function readCsv(file: number[]): string[][] {
  const text = new TextDecoder().decode(new Uint8Array(file)).replace(/^\uFEFF/, '');
  return text.split(/\r?\n/).filter((l) => l.trim()).map((l) => l.split(l.includes(';') ? ';' : ','));
}

function mockImport(eventId: string, file: number[], map: ColumnMapping[], values: ValueChoice[], write: boolean): ImportReport {
  const [header = [], ...rows] = readCsv(file);
  const guess = (h: string) => map.find((m) => m.column === h)?.field ?? (/mail/i.test(h) ? 'email' : /name|اسم/i.test(h) ? 'name' : /org/i.test(h) ? 'organisation' : 'extra');
  const columns = header.map((column) => ({ column, field: guess(column) }));
  const problems: RowProblem[] = [];
  rows.forEach((cells, i) => {
    if (cells.length !== header.length) problems.push({ row: i + 2, column: '', reason: 'invalid_value', message: `this row has ${cells.length} fields, the header has ${header.length}` });
  });
  if (write && problems.length === 0) {
    for (const cells of rows) {
      const input: ParticipantInput = { honorific: '', name: { en: '', ar: '' }, email: '', phone: '', organisation: { en: '', ar: '' }, country: '', category: '', status: 'interest_registered', consent: false, delegation: '' };
      columns.forEach((c, i) => {
        if (c.field === 'name') input.name.en = cells[i];
        if (c.field === 'email') input.email = cells[i];
        if (c.field === 'organisation') input.organisation.en = cells[i];
      });
      void participantAdd(eventId, input);
    }
  }
  // Values of a category column that name no category, each once, unless a choice maps them.
  const unmatched: UnmatchedValue[] = [];
  const newCategories: string[] = [];
  const categoryColumn = columns.findIndex((c) => c.field === 'category');
  if (categoryColumn >= 0) {
    const known = (v: string) => mockCategories.some((c) => [c.key, c.name.en.toLowerCase(), c.name.ar].includes(v.trim().toLowerCase()));
    rows.forEach((cells, i) => {
      const value = cells[categoryColumn]?.trim() ?? '';
      const choice = values.find((v) => v.column === 'category' && v.value === value);
      if (choice?.target === '+new' && !newCategories.includes(value.toLowerCase())) newCategories.push(value.toLowerCase());
      if (!value || known(value) || choice) return;
      const seen = unmatched.find((u) => u.value === value);
      if (seen) seen.rows += 1;
      else unmatched.push({ column: header[categoryColumn], field: 'category', value, rows: 1, firstRow: i + 2 });
      problems.push({ row: i + 2, column: header[categoryColumn], reason: 'invalid_value', message: `"${value}" is not one of the event's categories` });
    });
  }
  return { columns, rows: rows.length, new: rows.length, duplicates: [], problems, unmatched, warnings: [], newCategories, written: write && problems.length === 0 };
}

export function participantImportPreview(eventId: string, file: number[], map: ColumnMapping[], values: ValueChoice[]): Promise<ImportPreview> {
  const [header = [], ...rows] = readCsv(file);
  const fields = ['honorific', 'name', 'name_ar', 'email', 'phone', 'organisation', 'organisation_ar', 'country', 'category', 'status', 'consent', 'extra', 'ignore'];
  return reply({ table: { header, rows: rows.slice(0, 5), totalRows: rows.length }, report: mockImport(eventId, file, map, values, false), fields });
}

export function participantImport(eventId: string, file: number[], _fileName: string, map: ColumnMapping[], values: ValueChoice[]): Promise<ImportReport> {
  return reply(mockImport(eventId, file, map, values, true));
}

export function categoryList(_eventId: string): Promise<CategoryInfo[]> {
  return reply(mockCategories);
}

export function delegationList(eventId: string): Promise<Delegation[]> {
  return reply(mockDelegations.filter((d) => d.eventId === eventId));
}

export function delegationAdd(eventId: string, input: DelegationInput): Promise<Delegation> {
  if (!input.name.en.trim() && !input.name.ar.trim()) return fail('invalid_input', 'name', 'required', 'give a name');
  const d: Delegation = { id: `del-${mockDelegations.length}`, eventId, name: input.name, country: input.country || null, head: input.head || null, members: 0, createdAt: now(), version: 1 };
  mockDelegations.push(d);
  return reply(d);
}

export function delegationUpdate(id: string, version: number | null, input: DelegationInput): Promise<Delegation> {
  const d = mockDelegations.find((x) => x.id === id);
  if (!d) return fail('not_found', 'id', 'not_found', `no delegation ${id}`);
  const refused = stale('delegation', d.version, version);
  if (refused) return refused;
  if (!input.name.en.trim() && !input.name.ar.trim()) return fail('invalid_input', 'name', 'required', 'give a name');
  Object.assign(d, { name: input.name, country: input.country || null, head: input.head || null, version: d.version + 1 });
  return reply({ ...d });
}

export function delegationRemove(id: string): Promise<Delegation> {
  const i = mockDelegations.findIndex((x) => x.id === id);
  if (i < 0) return fail('not_found', 'id', 'not_found', `no delegation ${id}`);
  const [d] = mockDelegations.splice(i, 1);
  for (const p of people.values()) if (p.delegation === id) people.set(p.id, { ...p, delegation: null });
  return reply({ ...d });
}

export function categorySave(_eventId: string, key: string, input: CategoryInput): Promise<CategoryInfo[]> {
  if (!input.name.en.trim() && !input.name.ar.trim()) return fail('invalid_input', 'name', 'required', 'give a name');
  if (!/^#[0-9a-fA-F]{6}$/.test(input.colour.trim())) return fail('invalid_input', 'colour', 'invalid_value', 'not a colour');
  const found = mockCategories.find((c) => c.key === key);
  if (found) Object.assign(found, { name: input.name, colour: input.colour.toLowerCase() });
  else mockCategories.push({ key: input.name.en.toLowerCase().replace(/\W+/g, '_') || `category_${mockCategories.length + 1}`, name: input.name, colour: input.colour.toLowerCase() });
  return reply([...mockCategories]);
}

// Compile-time check that this module offers exactly what the real client offers.
import type * as real from '../client';

// Team mode: the mock is always on this computer; "wrong" as a password is refused.
let mockTeam: TeamStatus = { team: null, role: null, saved: null, sessionOnly: false, lost: false, startFailure: null };

function teamStatus(): Promise<TeamStatus> {
  return reply(mockTeam);
}

function teamTest(login: TeamLogin): Promise<null> {
  if (login.password === 'wrong') return fail('storage', null, 'password_refused', 'the password was refused');
  // A server whose certificate comes from the team's own CA: refused until that CA is given.
  if (login.host === 'own-ca.example.org' && login.caFile === '')
    return fail('storage', null, 'certificate_untrusted', `the certificate of ${login.host} is not trusted`);
  return reply(null);
}

function teamConnect(login: TeamLogin, remember: boolean): Promise<TeamStatus> {
  const place = {
    host: login.host,
    port: login.port,
    database: login.database,
    user: login.user,
    caFile: login.caFile === '' ? null : login.caFile,
  };
  mockTeam = { ...mockTeam, team: place, role: 'registration', saved: place, sessionOnly: !remember };
  return reply(mockTeam);
}

function teamResume(): Promise<TeamStatus> {
  mockTeam = { ...mockTeam, team: mockTeam.saved, role: 'registration' };
  return reply(mockTeam);
}

function teamLeave(): Promise<TeamStatus> {
  mockTeam = { ...mockTeam, team: null, role: null };
  return reply(mockTeam);
}

// On this computer there is no desk to open: the desk checks in with participantCheckIn.
const noDesk: DeskStatus = { info: null, waiting: 0, sent: 0, conflicts: [] };

function deskOpen(_eventId: string): Promise<DeskStatus> {
  return reply(noDesk);
}

function deskCheckIn(_code: string): Promise<DeskCheckIn> {
  return fail('invalid_input', 'desk', 'required', 'open the check-in desk first');
}

function deskStatus(): Promise<DeskStatus> {
  return reply(noDesk);
}

function teamWatch(_news: unknown): Promise<null> {
  return reply(null);
}

({
  eventList,
  eventGet,
  eventCreate,
  eventUpdate,
  eventDelete,
  eventOverview,
  demoOpen,
  appInfo,
  appReady,
  referenceData,
  pledgeList,
  pledgeGet,
  pledgeAdd,
  pledgeUpdate,
  pledgeStage,
  pledgeDelete,
  pledgePreview,
  sessionList,
  speakerList,
  roomList,
  sessionMove,
  conflictList,
  releaseList,
  releaseCreate,
  releaseDiff,
  exportDocument,
  auditList,
  backupCreate,
  backupRestore,
  sessionCreate,
  sessionUpdate,
  sessionDelete,
  assignmentList,
  sessionAssign,
  sessionUnassign,
  eventClone,
  outcomeGet,
  outcomeSectionAdd,
  outcomeSectionUpdate,
  outcomeSectionMove,
  outcomeSectionDelete,
  outcomeAdopt,
  outcomeDiff,
  outcomeExport,
  certificatesExport,
  cueCardsExport,
  speakerCreate,
  speakerUpdate,
  speakerCandidates,
  speakerFromParticipant,
  participantQuery,
  participantGet,
  participantAdd,
  participantUpdate,
  participantMerge,
  participantErasure,
  participantErase,
  participantSetStatus,
  participantSetCategory,
  participantSetDelegation,
  participantCheckIn,
  participantImportPreview,
  participantImport,
  categoryList,
  delegationList,
  delegationAdd,
  delegationUpdate,
  delegationRemove,
  badgesExport,
  categorySave,
  eventLogoGet,
  eventLogoSet,
  eventLogoRemove,
  programmePdfExport,
  icalExport,
  scheduleJsonExport,
  scheduleXmlExport,
  roomCreate,
  roomUpdate,
  roomDelete,
  sessionSignUps,
  sessionSignUp,
  sessionSignUpRemove,
  speakerAvailability,
  speakerAvailabilityAdd,
  speakerAvailabilityRemove,
  travelBufferGet,
  travelBufferSet,
  teamStatus,
  teamTest,
  teamConnect,
  teamResume,
  teamLeave,
  teamWatch,
  deskOpen,
  deskCheckIn,
  deskStatus,
}) satisfies typeof real;
