// Development-only stand-in for ../client.ts, swapped in by `vite --mode mock` (see
// vite.config.ts) so the UI can be viewed in a plain browser. It mimics the core's answers,
// including a few validation errors. Never part of the production build.
// `?empty` in the page URL starts with no events; `?slow` delays every answer.
import type { ApiError, AppInfo, Event, EventInput, EventOverview, ReferenceData } from '../types';

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
  venue: 'Qatar National Convention Centre',
  city: 'Doha',
  country: 'QA',
  timezone: 'Asia/Qatar',
  startDate: '2026-03-12',
  endDate: '2026-03-14',
  organisers: ['Ministry of Municipality', 'Arab Water Council', 'مؤسسة قطر'],
  status: 'open',
  createdAt: '2025-11-02T08:30:00Z',
  updatedAt: '2025-11-20T14:05:00Z',
};

const other: Event = {
  id: 'tunis-2025',
  title: { en: '', ar: 'ملتقى تونس للشباب والتشغيل' },
  description: { en: '', ar: '' },
  venue: '',
  city: 'Tunis',
  country: 'TN',
  timezone: 'Africa/Tunis',
  startDate: '2025-10-05',
  endDate: '2025-10-05',
  organisers: [],
  status: 'archived',
  createdAt: '2025-06-01T09:00:00Z',
  updatedAt: '2025-10-06T18:00:00Z',
};

const draftEvent: Event = {
  id: 'geneva-2026',
  title: { en: 'Geneva Roundtable on Humanitarian Financing', ar: '' },
  description: { en: '', ar: '' },
  venue: 'Palais des Nations',
  city: 'Geneva',
  country: 'CH',
  timezone: 'Europe/Zurich',
  startDate: '2026-06-29',
  endDate: '2026-07-01',
  organisers: ['OCHA'],
  status: 'draft',
  createdAt: '2025-11-25T10:00:00Z',
  updatedAt: '2025-11-25T10:00:00Z',
};

const events = new Map<string, Event>(params.has('empty') ? [] : [demo, draftEvent, other].map((e) => [e.id, e]));

function reply<T>(value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(structuredClone(value)), delayMs));
}

function fail(code: ApiError['code'], field: string | null, reason: string, message: string): Promise<never> {
  const error: ApiError = { code, field, reason, message };
  return new Promise((_, reject) => setTimeout(() => reject(error), delayMs));
}

function validate(input: EventInput): ApiError | null {
  const invalid = (field: string, reason: string, message: string): ApiError => ({
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

function fromInput(id: string, input: EventInput, createdAt: string): Event {
  return { ...structuredClone(input), id, country: input.country || null, createdAt, updatedAt: now() };
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
  const event = fromInput(`ev-${Date.now().toString(36)}`, input, now());
  events.set(event.id, event);
  return reply(event);
}

export function eventUpdate(id: string, input: EventInput): Promise<Event> {
  const existing = events.get(id);
  if (!existing) return fail('not_found', 'id', 'not_found', `no event with id ${id}`);
  const error = validate(input);
  if (error) return fail(error.code, error.field, error.reason, error.message);
  const event = fromInput(id, input, existing.createdAt);
  events.set(id, event);
  return reply(event);
}

export function eventDelete(id: string): Promise<null> {
  if (!events.delete(id)) return fail('not_found', 'id', 'not_found', `no event with id ${id}`);
  return reply(null);
}

export function eventOverview(id: string): Promise<EventOverview> {
  const event = events.get(id);
  if (!event) return fail('not_found', 'id', 'not_found', `no event with id ${id}`);
  const isDemo = id === demo.id;
  return reply({
    event,
    counts: isDemo
      ? { rooms: 6, sessions: 42, speakers: 87, participants: 1250, pledges: 14 }
      : { rooms: 0, sessions: 0, speakers: 0, participants: 0, pledges: 0 },
    pledgeTotals: isDemo
      ? [
          { currency: 'USD', amount: '45000000.00' },
          { currency: 'EUR', amount: '12500000.50' },
          { currency: 'QAR', amount: '9007199254740993.25' },
          { currency: 'KWD', amount: '750000.125' },
        ]
      : [],
  });
}

export function demoOpen(): Promise<Event> {
  if (!events.has(demo.id)) events.set(demo.id, { ...demo, createdAt: now(), updatedAt: now() });
  return reply(events.get(demo.id)!);
}

export function appInfo(): Promise<AppInfo> {
  return reply({
    version: '0.1.0-mock',
    dataFile: '/home/organiser/.local/share/muntada/muntada.db',
    licence: 'AGPL-3.0-or-later',
  });
}

export function appReady(_view: string): Promise<null> {
  return reply(null);
}

export function referenceData(): Promise<ReferenceData> {
  return reply({ countries: COUNTRIES, timezones: timezones() });
}

// Compile-time check that this module offers exactly what the real client offers.
import type * as real from '../client';
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
}) satisfies typeof real;
