// The mock's events: three canned forums (an open one with a programme and pledges, a draft, an
// archived one), kept as they are sent; the core's checks are not repeated here.
import type { Event, EventInput, EventLogo, EventOverview, ExportKind, ExportOutcome, Lang, PledgeSummary } from '../types';
import { missing, noFile, now, params, reply } from './canned';
import { DEMO_PLEDGES } from './pledges.data';

export const demo: Event = {
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
  arabicDigits: 'arabic_indic',
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
  // Tunisia writes numbers in Latin digits, in Arabic too.
  arabicDigits: 'latin',
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
  arabicDigits: 'arabic_indic',
  status: 'draft',
  createdAt: '2025-11-25T10:00:00Z',
  updatedAt: '2025-11-25T10:00:00Z',
  version: 1,
};

export const events = new Map<string, Event>(params.has('empty') ? [] : [demo, draftEvent, other].map((e) => [e.id, e]));

const NO_PLEDGES: PledgeSummary = { currencies: [], years: [], usd: { pledged: '0.00', committed: '0.00', paid: '0.00', withoutRate: 0 }, inKind: 0, cancelled: 0 };

function stored(id: string, input: EventInput, createdAt: string, version: number): Event {
  return { ...structuredClone(input), id, country: input.country || null, createdAt, updatedAt: now(), version };
}

export function eventList(): Promise<Array<Event>> {
  return reply([...events.values()]);
}

export function eventGet(id: string): Promise<Event> {
  const event = events.get(id);
  return event ? reply(event) : missing('id', id);
}

export function eventCreate(input: EventInput): Promise<Event> {
  const event = stored(`ev-${Date.now().toString(36)}`, input, now(), 1);
  events.set(event.id, event);
  return reply(event);
}

export function eventUpdate(id: string, _version: number | null, input: EventInput): Promise<Event> {
  const existing = events.get(id);
  if (!existing) return missing('id', id);
  const event = stored(id, input, existing.createdAt, existing.version + 1);
  events.set(id, event);
  return reply(event);
}

export function eventDelete(id: string): Promise<null> {
  if (!events.delete(id)) return missing('id', id);
  return reply(null);
}

export function eventOverview(id: string): Promise<EventOverview> {
  const event = events.get(id);
  if (!event) return missing('id', id);
  const isDemo = id === demo.id;
  return reply({
    event,
    counts: isDemo
      ? { rooms: 6, sessions: 4, speakers: 4, participants: 1250, pledges: DEMO_PLEDGES.pledges.length }
      : { rooms: 0, sessions: 0, speakers: 0, participants: 0, pledges: 0 },
    pledges: isDemo ? DEMO_PLEDGES.summary : NO_PLEDGES,
  });
}

export function eventClone(id: string, start: string): Promise<Event> {
  const old = events.get(id);
  if (!old) return missing('id', id);
  const event: Event = { ...old, id: `ev-${Date.now().toString(36)}`, startDate: start, endDate: start, status: 'draft', createdAt: now(), updatedAt: now() };
  events.set(event.id, event);
  return reply(event);
}

export function demoOpen(): Promise<Event> {
  if (!events.has(demo.id)) events.set(demo.id, { ...demo, createdAt: now(), updatedAt: now() });
  return reply(events.get(demo.id)!);
}

// ---- The event's logo: kept as given, shown as a PNG. ----
const logos = new Map<string, EventLogo>();

export function eventLogoGet(id: string): Promise<EventLogo | null> {
  return reply(logos.get(id) ?? null);
}

export function eventLogoSet(id: string, file: number[]): Promise<EventLogo> {
  const logo: EventLogo = { format: 'png', width: 0, height: 0, image: [...file], updatedAt: now() };
  logos.set(id, logo);
  return reply(logo);
}

export function eventLogoRemove(id: string): Promise<boolean> {
  return reply(logos.delete(id));
}

export function exportDocument(_eventId: string, _kind: ExportKind, _lang: Lang): Promise<ExportOutcome> {
  return noFile();
}
