// Test data as functions: each test gets fresh objects and overrides only what it cares about.
import type {
  ApiError,
  AppInfo,
  AuditEntry,
  Bilingual,
  CountryName,
  Delegation,
  Event,
  EventOverview,
  Participant,
  LineView,
  PledgeListing,
  PledgeSummary,
  PledgeView,
  ReferenceData,
  Session,
  Speaker,
} from '../src/api/types';

export function event(overrides: Partial<Event> = {}): Event {
  return {
    id: 'ev-1',
    title: { en: 'Doha Forum on Water Security', ar: 'منتدى الدوحة للأمن المائي' },
    description: { en: 'Plenaries and working groups.', ar: 'جلسات عامة ومجموعات عمل.' },
    venue: { en: 'Qatar National Convention Centre', ar: '' },
    city: { en: 'Doha', ar: 'الدوحة' },
    country: 'QA',
    timezone: 'Asia/Qatar',
    startDate: '2026-03-12',
    endDate: '2026-03-14',
    organisers: [
      { en: 'Arab Water Council', ar: 'المجلس العربي للمياه' },
      { en: '', ar: 'مؤسسة قطر' },
    ],
    signatories: [],
    arabicDigits: 'arabic_indic',
    status: 'open',
    createdAt: '2025-11-02T08:30:00Z',
    updatedAt: '2025-11-20T14:05:00Z',
    version: 1,
    ...overrides,
  };
}

export function overview(overrides: Partial<EventOverview> = {}): EventOverview {
  return {
    event: event(),
    counts: { rooms: 6, sessions: 42, speakers: 87, participants: 1250, pledges: 14 },
    pledges: summary(),
    ...overrides,
  };
}

/**
 * Two currencies: USD 45,000,000.00 pledged (2024 paid 5,000,000, 2025 committed) and
 * EUR 12,500,000.50 pledged at 1.0832, nothing committed; a JPY pledge has no rate.
 */
export function summary(overrides: Partial<PledgeSummary> = {}): PledgeSummary {
  return {
    currencies: [
      { currency: 'USD', pledged: '45000000.00', committed: '30000000.00', paid: '5000000.00', count: 1 },
      { currency: 'EUR', pledged: '12500000.50', committed: '0.00', paid: '0.00', count: 1 },
    ],
    years: [
      { year: 2024, currency: 'USD', pledged: '15000000.00', committed: '15000000.00', paid: '5000000.00' },
      { year: 2025, currency: 'EUR', pledged: '6250000.25', committed: '0.00', paid: '0.00' },
      { year: 2025, currency: 'USD', pledged: '15000000.00', committed: '15000000.00', paid: '0.00' },
      { year: 2026, currency: 'EUR', pledged: '6250000.25', committed: '0.00', paid: '0.00' },
      { year: 2026, currency: 'USD', pledged: '15000000.00', committed: '0.00', paid: '0.00' },
    ],
    usd: { pledged: '58540000.54', committed: '30000000.00', paid: '5000000.00', withoutRate: 1 },
    inKind: 1,
    cancelled: 0,
    ...overrides,
  };
}

export function line(overrides: Partial<LineView> = {}): LineView {
  return {
    year: 2024,
    amount: '15000000.00',
    paid: '0.00',
    status: 'announced',
    committedOn: null,
    paidOn: null,
    ...overrides,
  };
}

/** The Doha pledge: USD 15 million a year for 2024–2026. */
export function pledge(overrides: Partial<PledgeView> = {}): PledgeView {
  // Lines given without a schedule read as entered year by year.
  const schedule: PledgeView['schedule'] = overrides.lines
    ? { mode: 'lines', lines: overrides.lines.map((l) => ({ year: l.year, amount: l.amount })) }
    : { mode: 'perYear', amount: '15000000.00', fromYear: 2024, toYear: 2026 };
  return {
    id: 'pl-1',
    eventId: 'ev-1',
    donors: [{ en: 'State of Qatar', ar: '' }],
    recipient: { en: 'UNOCT', ar: '' },
    purpose: { en: 'Technical assistance', ar: 'المساعدة التقنية' },
    kind: 'financial',
    inKind: '',
    currency: 'USD',
    lines: [line({ year: 2024 }), line({ year: 2025 }), line({ year: 2026 })],
    schedule,
    total: '45000000.00',
    paid: '0.00',
    status: 'announced',
    usdTotal: '45000000.00',
    rate: null,
    cancelled: null,
    sessionId: 'se-1',
    speakerId: 'sp-1',
    delegationId: null,
    notes: 'Announced at the opening session.',
    createdAt: '2024-05-21T07:00:00Z',
    version: 1,
    ...overrides,
  };
}

export function listing(): PledgeListing {
  return {
    pledges: [
      pledge({
        lines: [
          line({ year: 2024, status: 'committed', paid: '5000000.00', committedOn: '2024-06-01', paidOn: '2024-06-30' }),
          line({ year: 2025, status: 'committed', committedOn: '2024-06-01' }),
          line({ year: 2026 }),
        ],
        paid: '5000000.00',
      }),
      pledge({
        id: 'pl-2',
        donors: [{ en: 'European Union', ar: '' }, { en: 'Government of Germany', ar: '' }],
        recipient: { en: 'UNDP', ar: '' },
        currency: 'EUR',
        lines: [line({ year: 2025, amount: '6250000.25' }), line({ year: 2026, amount: '6250000.25' })],
        total: '12500000.50',
        usdTotal: '13540000.54',
        rate: { rate: '1.0832', date: '2024-05-21', source: 'UN operational rates' },
        sessionId: null,
        speakerId: null,
      }),
      pledge({
        id: 'pl-3',
        donors: [{ en: '', ar: 'مؤسسة قطر' }],
        recipient: { en: 'UNOCT', ar: '' },
        kind: 'in_kind',
        inKind: 'Training venues',
        currency: null,
        lines: [],
        total: '0',
        paid: '0',
        usdTotal: null,
        sessionId: null,
        speakerId: null,
      }),
      pledge({
        id: 'pl-4',
        donors: [{ en: 'Japan', ar: '' }],
        currency: 'JPY',
        lines: [line({ year: 2027, amount: '500000000' })],
        total: '500000000',
        paid: '0',
        usdTotal: null,
        status: 'cancelled',
        cancelled: { on: '2024-09-01', reason: 'Withdrawn' },
      }),
    ],
    summary: summary(),
  };
}

export function session(overrides: Partial<Session> = {}): Session {
  return {
    id: 'se-1',
    eventId: 'ev-1',
    roomId: null,
    title: { en: 'Opening Session', ar: 'الجلسة الافتتاحية' },
    description: { en: '', ar: '' },
    kind: 'opening',
    start: '2024-05-21T06:30:00Z',
    end: '2024-05-21T07:30:00Z',
    version: 1,
    ...overrides,
  };
}

export function speaker(overrides: Partial<Speaker> = {}): Speaker {
  const none = { en: '', ar: '' };
  return {
    id: 'sp-1',
    eventId: 'ev-1',
    participantId: null,
    honorific: { en: 'H.E.', ar: 'سعادة' },
    name: { en: 'Sultan bin Saad Al-Muraikhi', ar: 'سلطان بن سعد المريخي' },
    position: none,
    organisation: none,
    country: 'QA',
    email: null,
    bio: none,
    version: 1,
    ...overrides,
  };
}

/** The core's names of the countries the tests use (assets/reference/countries.tsv). */
const COUNTRY_NAMES: Record<string, Bilingual> = {
  GB: { en: 'United Kingdom', ar: 'المملكة المتحدة' },
  JO: { en: 'Jordan', ar: 'الأردن' },
  OM: { en: 'Oman', ar: 'عُمان' },
  PS: { en: 'State of Palestine', ar: 'دولة فلسطين' },
  QA: { en: 'Qatar', ar: 'قطر' },
  TN: { en: 'Tunisia', ar: 'تونس' },
  US: { en: 'United States', ar: 'الولايات المتحدة' },
};

/** Countries as the core's reference data lists them: each code with the core's names. */
export function countries(...codes: string[]): CountryName[] {
  return codes.map((code) => {
    const name = COUNTRY_NAMES[code];
    if (!name) throw new Error(`no test name for the country ${code}`);
    return { code, name };
  });
}

export function reference(): ReferenceData {
  return {
    countries: countries('QA', 'TN', 'GB', 'US'),
    timezones: ['UTC', 'Asia/Qatar', 'Africa/Tunis', 'Europe/London', 'America/New_York', 'America/Chicago'],
    zones: [
      { id: 'Africa/Tunis', country: 'TN', city: { en: 'Tunis', ar: 'تونس' } },
      { id: 'America/Chicago', country: 'US', city: { en: 'Chicago', ar: 'شيكاغو' } },
      { id: 'America/New_York', country: 'US', city: { en: 'New York', ar: 'نيويورك' } },
      { id: 'Asia/Qatar', country: 'QA', city: { en: 'Qatar', ar: 'قطر' } },
      { id: 'Europe/London', country: 'GB', city: { en: 'London', ar: 'لندن' } },
      { id: 'UTC', country: null, city: { en: 'UTC', ar: 'UTC' } },
    ],
    currencies: [
      { code: 'EUR', decimals: 2 },
      { code: 'IQD', decimals: 3 },
      { code: 'JPY', decimals: 0 },
      { code: 'KWD', decimals: 3 },
      { code: 'USD', decimals: 2 },
    ],
  };
}

export function apiError(overrides: Partial<ApiError> = {}): ApiError {
  return { code: 'internal', field: null, reason: 'internal', message: 'developer text', ...overrides };
}

export function auditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 1,
    at: '2025-11-20T14:05:00Z',
    actor: 'fatima',
    entity: 'participant',
    entityId: 'p-1',
    eventId: 'ev-1',
    action: 'create',
    label: { en: 'Amina Yusuf', ar: 'أمينة يوسف' },
    redacted: false,
    statusTo: null,
    ...overrides,
  };
}

export function appInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    version: '0.1.0',
    dataFile: '/home/organiser/.local/share/muntada/muntada.db',
    backupsFolder: '/home/organiser/.local/share/muntada/backups',
    licence: 'AGPL-3.0-or-later',
    ...overrides,
  };
}

/** The delegation of the State of Qatar at the Doha forum. */
export function delegation(overrides: Partial<Delegation> = {}): Delegation {
  return {
    id: 'dl-qa',
    eventId: 'ev-1',
    name: { en: 'Qatar', ar: 'قطر' },
    country: 'QA',
    head: null,
    members: 6,
    createdAt: '2024-05-01T08:00:00Z',
    version: 1,
    ...overrides,
  };
}

export function participant(overrides: Partial<Participant> = {}): Participant {
  return {
    id: 'p-1',
    eventId: 'ev-1',
    honorific: '',
    name: { en: 'Amina Yusuf', ar: 'أمينة يوسف' },
    email: 'amina@un.org',
    phone: null,
    organisation: { en: 'UNOCT', ar: '' },
    country: 'QA',
    category: 'other',
    status: 'confirmed',
    badgeCode: 'CODE1',
    consent: true,
    registeredAt: '2025-11-02T08:30:00Z',
    delegation: null,
    version: 1,
    ...overrides,
  };
}
