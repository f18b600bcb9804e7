// The mock's answers about the app itself: its version and data file, the reference lists, the
// audit trail's canned entries, backups, and team mode (always on this computer here; "wrong" as
// a password is refused, so that the dialog's error can be seen).
import type {
  AppInfo,
  AuditEntry,
  AuditSubject,
  BackupRestored,
  BackupSaved,
  CountryName,
  DeskCheckIn,
  DeskStatus,
  ReferenceData,
  TeamLogin,
  TeamStatus,
} from '../types';
import { fail, reply } from './canned';
import { demo } from './events';

// The core's names (assets/reference/countries.tsv) of the countries the mock offers.
const COUNTRIES: CountryName[] = [
  { code: 'AE', name: { en: 'United Arab Emirates', ar: 'الإمارات العربية المتحدة' } },
  { code: 'AR', name: { en: 'Argentina', ar: 'الأرجنتين' } },
  { code: 'AT', name: { en: 'Austria', ar: 'النمسا' } },
  { code: 'AU', name: { en: 'Australia', ar: 'أستراليا' } },
  { code: 'BD', name: { en: 'Bangladesh', ar: 'بنغلاديش' } },
  { code: 'BE', name: { en: 'Belgium', ar: 'بلجيكا' } },
  { code: 'BH', name: { en: 'Bahrain', ar: 'البحرين' } },
  { code: 'BR', name: { en: 'Brazil', ar: 'البرازيل' } },
  { code: 'CA', name: { en: 'Canada', ar: 'كندا' } },
  { code: 'CH', name: { en: 'Switzerland', ar: 'سويسرا' } },
  { code: 'CN', name: { en: 'China', ar: 'الصين' } },
  { code: 'DE', name: { en: 'Germany', ar: 'ألمانيا' } },
  { code: 'DK', name: { en: 'Denmark', ar: 'الدانمرك' } },
  { code: 'DZ', name: { en: 'Algeria', ar: 'الجزائر' } },
  { code: 'EG', name: { en: 'Egypt', ar: 'مصر' } },
  { code: 'ES', name: { en: 'Spain', ar: 'إسبانيا' } },
  { code: 'ET', name: { en: 'Ethiopia', ar: 'إثيوبيا' } },
  { code: 'FI', name: { en: 'Finland', ar: 'فنلندا' } },
  { code: 'FR', name: { en: 'France', ar: 'فرنسا' } },
  { code: 'GB', name: { en: 'United Kingdom', ar: 'المملكة المتحدة' } },
  { code: 'GH', name: { en: 'Ghana', ar: 'غانا' } },
  { code: 'GR', name: { en: 'Greece', ar: 'اليونان' } },
  { code: 'ID', name: { en: 'Indonesia', ar: 'إندونيسيا' } },
  { code: 'IE', name: { en: 'Ireland', ar: 'أيرلندا' } },
  { code: 'IN', name: { en: 'India', ar: 'الهند' } },
  { code: 'IQ', name: { en: 'Iraq', ar: 'العراق' } },
  { code: 'IT', name: { en: 'Italy', ar: 'إيطاليا' } },
  { code: 'JO', name: { en: 'Jordan', ar: 'الأردن' } },
  { code: 'JP', name: { en: 'Japan', ar: 'اليابان' } },
  { code: 'KE', name: { en: 'Kenya', ar: 'كينيا' } },
  { code: 'KR', name: { en: 'South Korea', ar: 'كوريا الجنوبية' } },
  { code: 'KW', name: { en: 'Kuwait', ar: 'الكويت' } },
  { code: 'LB', name: { en: 'Lebanon', ar: 'لبنان' } },
  { code: 'LY', name: { en: 'Libya', ar: 'ليبيا' } },
  { code: 'MA', name: { en: 'Morocco', ar: 'المغرب' } },
  { code: 'MR', name: { en: 'Mauritania', ar: 'موريتانيا' } },
  { code: 'MX', name: { en: 'Mexico', ar: 'المكسيك' } },
  { code: 'MY', name: { en: 'Malaysia', ar: 'ماليزيا' } },
  { code: 'NG', name: { en: 'Nigeria', ar: 'نيجيريا' } },
  { code: 'NL', name: { en: 'Netherlands', ar: 'هولندا' } },
  { code: 'NO', name: { en: 'Norway', ar: 'النرويج' } },
  { code: 'OM', name: { en: 'Oman', ar: 'عُمان' } },
  { code: 'PK', name: { en: 'Pakistan', ar: 'باكستان' } },
  { code: 'PS', name: { en: 'State of Palestine', ar: 'دولة فلسطين' } },
  { code: 'PT', name: { en: 'Portugal', ar: 'البرتغال' } },
  { code: 'QA', name: { en: 'Qatar', ar: 'قطر' } },
  { code: 'RW', name: { en: 'Rwanda', ar: 'رواندا' } },
  { code: 'SA', name: { en: 'Saudi Arabia', ar: 'المملكة العربية السعودية' } },
  { code: 'SD', name: { en: 'Sudan', ar: 'السودان' } },
  { code: 'SE', name: { en: 'Sweden', ar: 'السويد' } },
  { code: 'SN', name: { en: 'Senegal', ar: 'السنغال' } },
  { code: 'SO', name: { en: 'Somalia', ar: 'الصومال' } },
  { code: 'SY', name: { en: 'Syria', ar: 'سوريا' } },
  { code: 'TN', name: { en: 'Tunisia', ar: 'تونس' } },
  { code: 'TR', name: { en: 'Türkiye', ar: 'تركيا' } },
  { code: 'UG', name: { en: 'Uganda', ar: 'أوغندا' } },
  { code: 'US', name: { en: 'United States', ar: 'الولايات المتحدة' } },
  { code: 'YE', name: { en: 'Yemen', ar: 'اليمن' } },
  { code: 'ZA', name: { en: 'South Africa', ar: 'جنوب أفريقيا' } },
];

function timezones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Asia/Qatar'];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

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

// Team mode: the mock is always on this computer; "wrong" as a password is refused.
let mockTeam: TeamStatus = { team: null, role: null, saved: null, sessionOnly: false, lost: false, startFailure: null };

export function teamStatus(): Promise<TeamStatus> {
  return reply(mockTeam);
}

export function teamTest(login: TeamLogin): Promise<null> {
  if (login.password === 'wrong') return fail('storage', null, 'password_refused', 'the password was refused');
  // A server whose certificate comes from the team's own CA: refused until that CA is given.
  if (login.host === 'own-ca.example.org' && login.caFile === '')
    return fail('storage', null, 'certificate_untrusted', `the certificate of ${login.host} is not trusted`);
  return reply(null);
}

export function teamConnect(login: TeamLogin, remember: boolean): Promise<TeamStatus> {
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

export function teamResume(): Promise<TeamStatus> {
  mockTeam = { ...mockTeam, team: mockTeam.saved, role: 'registration' };
  return reply(mockTeam);
}

export function teamLeave(): Promise<TeamStatus> {
  mockTeam = { ...mockTeam, team: null, role: null };
  return reply(mockTeam);
}

// On this computer there is no desk to open: the desk checks in with participantCheckIn.
const noDesk: DeskStatus = { info: null, waiting: 0, sent: 0, conflicts: [] };

export function deskOpen(_eventId: string): Promise<DeskStatus> {
  return reply(noDesk);
}

export function deskCheckIn(_code: string): Promise<DeskCheckIn> {
  return fail('invalid_input', 'desk', 'required', 'open the check-in desk first');
}

export function deskStatus(): Promise<DeskStatus> {
  return reply(noDesk);
}

export function teamWatch(_news: unknown): Promise<null> {
  return reply(null);
}
