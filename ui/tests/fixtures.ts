// Test data as functions: each test gets fresh objects and overrides only what it cares about.
import type { ApiError, AppInfo, AuditEntry, Event, EventOverview, ReferenceData } from '../src/api/types';

export function event(overrides: Partial<Event> = {}): Event {
  return {
    id: 'ev-1',
    title: { en: 'Doha Forum on Water Security', ar: 'منتدى الدوحة للأمن المائي' },
    description: { en: 'Plenaries and working groups.', ar: 'جلسات عامة ومجموعات عمل.' },
    venue: 'Qatar National Convention Centre',
    city: 'Doha',
    country: 'QA',
    timezone: 'Asia/Qatar',
    startDate: '2026-03-12',
    endDate: '2026-03-14',
    organisers: ['Arab Water Council', 'مؤسسة قطر'],
    status: 'open',
    createdAt: '2025-11-02T08:30:00Z',
    updatedAt: '2025-11-20T14:05:00Z',
    ...overrides,
  };
}

export function overview(overrides: Partial<EventOverview> = {}): EventOverview {
  return {
    event: event(),
    counts: { rooms: 6, sessions: 42, speakers: 87, participants: 1250, pledges: 14 },
    pledgeTotals: [
      { currency: 'USD', amount: '45000000.00' },
      { currency: 'EUR', amount: '12500000.50' },
    ],
    ...overrides,
  };
}

export function reference(): ReferenceData {
  return { countries: ['QA', 'TN', 'GB'], timezones: ['UTC', 'Asia/Qatar', 'Africa/Tunis', 'Europe/London'] };
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
    ...overrides,
  };
}

export function appInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    version: '0.1.0',
    dataFile: '/home/organiser/.local/share/muntada/muntada.db',
    backupsFolder: '/home/organiser/.local/share/muntada/backups',
    ...overrides,
  };
}
