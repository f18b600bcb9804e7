// The mock's participants: a generated roster (5,000 people for the demo forum) to try the table,
// its paging and its bulk actions. No search, duplicate finding, check-in rules or import
// reading here: those are the core's (src/participants/), tested there and end to end.
import type {
  Added,
  BadgeLayout,
  CategoryInfo,
  CategoryInput,
  CertificateLang,
  CheckedIn,
  ColumnMapping,
  Delegation,
  DelegationInput,
  Erasure,
  ExportOutcome,
  ImportPreview,
  ImportReport,
  Lang,
  Participant,
  ParticipantInput,
  ParticipantPage,
  ParticipantQuery,
  ParticipantStatus,
  Selection,
  ValueChoice,
} from '../types';
import { missing, noFile, now, reply } from './canned';

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
export const people = new Map<string, Participant>();
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

function kept(id: string, eventId: string, input: ParticipantInput, version: number): Participant {
  const { honorific, name, organisation, status, consent } = input;
  return {
    id,
    eventId,
    honorific,
    name,
    email: input.email || null,
    phone: input.phone || null,
    organisation,
    country: input.country || null,
    category: input.category || 'other',
    status,
    badgeCode: people.get(id)?.badgeCode ?? `N${String(people.size).padStart(9, '0')}`,
    consent,
    registeredAt: people.get(id)?.registeredAt ?? now(),
    delegation: input.delegation || null,
    version,
  };
}

/** The table's page: the event's people in the roster's order, whatever the query asks. */
export function participantQuery(eventId: string, query: ParticipantQuery): Promise<ParticipantPage> {
  const rows = [...people.values()].filter((p) => p.eventId === eventId);
  return reply({ total: rows.length, offset: query.offset, rows: rows.slice(query.offset, query.offset + query.limit) });
}

export function participantGet(id: string): Promise<Participant> {
  const p = people.get(id);
  return p ? reply(p) : missing('id', id);
}

export function participantAdd(eventId: string, input: ParticipantInput): Promise<Added> {
  const participant = kept(`p-${people.size}-${Date.now()}`, eventId, input, 1);
  people.set(participant.id, participant);
  return reply({ participant, possibleDuplicates: [] });
}

export function participantUpdate(id: string, _version: number | null, input: ParticipantInput): Promise<Added> {
  const p = people.get(id);
  if (!p) return missing('id', id);
  const participant = kept(id, p.eventId, input, p.version + 1);
  people.set(id, participant);
  return reply({ participant, possibleDuplicates: [] });
}

export function participantMerge(keep: string, other: string): Promise<Participant> {
  const kept = people.get(keep);
  if (!kept) return missing('id', keep);
  people.delete(other);
  return reply(kept);
}

function erasureOfPerson(p: Participant): Erasure {
  return { participant: p, historyEntries: p.version };
}

export function participantErasure(id: string): Promise<Erasure> {
  const p = people.get(id);
  return p ? reply(erasureOfPerson(p)) : missing('id', id);
}

export function participantErase(id: string): Promise<Erasure> {
  const p = people.get(id);
  if (!p) return missing('id', id);
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

/** A bulk action: the ids chosen, or everyone in the event for "all that match". */
function bulkChange(eventId: string, selection: Selection, change: (p: Participant) => Participant): Promise<number> {
  const ids = selection.kind === 'ids' ? selection.ids : [...people.values()].filter((p) => p.eventId === eventId).map((p) => p.id);
  for (const id of ids) {
    const p = people.get(id);
    if (p) people.set(id, { ...change(p), version: p.version + 1 });
  }
  return reply(ids.length);
}

export function participantSetStatus(eventId: string, selection: Selection, status: ParticipantStatus): Promise<number> {
  return bulkChange(eventId, selection, (p) => ({ ...p, status }));
}

export function participantSetCategory(eventId: string, selection: Selection, category: string): Promise<number> {
  return bulkChange(eventId, selection, (p) => ({ ...p, category }));
}

export function participantSetDelegation(eventId: string, selection: Selection, delegation: string | null): Promise<number> {
  return bulkChange(eventId, selection, (p) => ({ ...p, delegation }));
}

export function participantCheckIn(eventId: string, code: string): Promise<CheckedIn> {
  const p = [...people.values()].find((q) => q.eventId === eventId && q.badgeCode === code.trim().toUpperCase());
  if (!p) return missing('code', code);
  const after = { ...p, status: 'checked_in' as const, version: p.version + 1 };
  people.set(p.id, after);
  return reply({ participant: after, was: p.status, warning: null });
}

/** The file's first lines as the preview's table; the report a canned one that finds nothing wrong. */
function lines(file: number[]): string[][] {
  const text = new TextDecoder().decode(new Uint8Array(file));
  return text.split(/\r?\n/).filter((l) => l.trim()).map((l) => l.split(','));
}

function report(file: number[], written: boolean): ImportReport {
  const [header = [], ...rows] = lines(file);
  const columns = header.map((column) => ({ column, field: 'extra' }));
  return { columns, rows: rows.length, new: rows.length, duplicates: [], problems: [], unmatched: [], warnings: [], newCategories: [], written };
}

export function participantImportPreview(_eventId: string, file: number[], _map: ColumnMapping[], _values: ValueChoice[]): Promise<ImportPreview> {
  const [header = [], ...rows] = lines(file);
  const fields = ['honorific', 'name', 'name_ar', 'email', 'phone', 'organisation', 'organisation_ar', 'country', 'category', 'status', 'consent', 'extra', 'ignore'];
  return reply({ table: { header, rows: rows.slice(0, 5), totalRows: rows.length }, report: report(file, false), fields });
}

export function participantImport(_eventId: string, file: number[], _fileName: string, _map: ColumnMapping[], _values: ValueChoice[]): Promise<ImportReport> {
  return reply(report(file, true));
}

export function categoryList(_eventId: string): Promise<CategoryInfo[]> {
  return reply(mockCategories);
}

export function delegationList(eventId: string): Promise<Delegation[]> {
  return reply(mockDelegations.filter((d) => d.eventId === eventId));
}

export function delegationAdd(eventId: string, input: DelegationInput): Promise<Delegation> {
  const d: Delegation = { id: `del-${mockDelegations.length}`, eventId, name: input.name, country: input.country || null, head: input.head || null, members: 0, createdAt: now(), version: 1 };
  mockDelegations.push(d);
  return reply(d);
}

export function delegationUpdate(id: string, _version: number | null, input: DelegationInput): Promise<Delegation> {
  const d = mockDelegations.find((x) => x.id === id);
  if (!d) return missing('id', id);
  Object.assign(d, { name: input.name, country: input.country || null, head: input.head || null, version: d.version + 1 });
  return reply({ ...d });
}

export function delegationRemove(id: string): Promise<Delegation> {
  const i = mockDelegations.findIndex((x) => x.id === id);
  if (i < 0) return missing('id', id);
  const [d] = mockDelegations.splice(i, 1);
  for (const p of people.values()) if (p.delegation === id) people.set(p.id, { ...p, delegation: null });
  return reply({ ...d });
}

export function categorySave(_eventId: string, key: string, input: CategoryInput): Promise<CategoryInfo[]> {
  const found = mockCategories.find((c) => c.key === key);
  if (found) Object.assign(found, { name: input.name, colour: input.colour.toLowerCase() });
  else mockCategories.push({ key: input.name.en.toLowerCase().replace(/\W+/g, '_') || `category_${mockCategories.length + 1}`, name: input.name, colour: input.colour.toLowerCase() });
  return reply([...mockCategories]);
}

export function badgesExport(_eventId: string, _status: ParticipantStatus | null, _layout: BadgeLayout): Promise<ExportOutcome> {
  return noFile();
}

export function certificatesExport(_eventId: string, _lang: CertificateLang, _status: ParticipantStatus | null): Promise<ExportOutcome> {
  return noFile();
}

export function cueCardsExport(_eventId: string, _lang: Lang): Promise<ExportOutcome> {
  return noFile();
}
