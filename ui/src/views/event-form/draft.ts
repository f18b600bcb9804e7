// The event form's editable state and its conversion to and from the API types.
import type { Bilingual, Event, EventInput, EventStatus } from '../../api/types';

export type Draft = {
  titleEn: string;
  titleAr: string;
  descriptionEn: string;
  descriptionAr: string;
  venueEn: string;
  venueAr: string;
  cityEn: string;
  cityAr: string;
  country: string;
  timezone: string;
  startDate: string;
  endDate: string;
  /** One organiser a line; line n of the two is the same organiser (empty when not given in that language). */
  organisersEn: string;
  organisersAr: string;
  status: EventStatus;
};

export const STATUSES: readonly EventStatus[] = ['draft', 'open', 'closed', 'archived'];

/** The fields the core may name in an error that this form can point at. */
export const FORM_FIELDS = [
  'title',
  'description',
  'venue',
  'city',
  'country',
  'timezone',
  'startDate',
  'endDate',
  'organisers',
  'status',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export function isFormField(field: string | null): field is FormField {
  return field !== null && (FORM_FIELDS as readonly string[]).includes(field);
}

/** The computer's timezone if the core knows it, else UTC. */
export function defaultTimezone(timezones: readonly string[]): string {
  let system = '';
  try {
    system = Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  } catch {
    system = '';
  }
  return system && timezones.includes(system) ? system : 'UTC';
}

export function emptyDraft(timezones: readonly string[]): Draft {
  return {
    titleEn: '',
    titleAr: '',
    descriptionEn: '',
    descriptionAr: '',
    venueEn: '',
    venueAr: '',
    cityEn: '',
    cityAr: '',
    country: '',
    timezone: defaultTimezone(timezones),
    startDate: '',
    endDate: '',
    organisersEn: '',
    organisersAr: '',
    status: 'draft',
  };
}

export function draftFromEvent(event: Event): Draft {
  return {
    titleEn: event.title.en,
    titleAr: event.title.ar,
    descriptionEn: event.description.en,
    descriptionAr: event.description.ar,
    venueEn: event.venue.en,
    venueAr: event.venue.ar,
    cityEn: event.city.en,
    cityAr: event.city.ar,
    country: event.country ?? '',
    timezone: event.timezone,
    startDate: event.startDate,
    endDate: event.endDate,
    ...organiserLines(event.organisers),
    status: event.status,
  };
}

/** What is sent to the core. Text is passed as typed: trimming and checks are the core's. */
export function inputFromDraft(draft: Draft): EventInput {
  return {
    title: { en: draft.titleEn, ar: draft.titleAr },
    description: { en: draft.descriptionEn, ar: draft.descriptionAr },
    venue: { en: draft.venueEn, ar: draft.venueAr },
    city: { en: draft.cityEn, ar: draft.cityAr },
    country: draft.country,
    timezone: draft.timezone,
    startDate: draft.startDate,
    endDate: draft.endDate,
    organisers: organisersFromLines(draft.organisersEn, draft.organisersAr),
    status: draft.status,
  };
}

/** The organisers as the form's two lists, one name a line, an empty line where a name is missing in that language. */
function organiserLines(organisers: readonly Bilingual[]): Pick<Draft, 'organisersEn' | 'organisersAr'> {
  // Trailing empty lines would only be noise in the list that has no more names.
  const lines = (side: 'en' | 'ar') => organisers.map((o) => o[side]).join('\n').replace(/\n+$/, '');
  return { organisersEn: lines('en'), organisersAr: lines('ar') };
}

/** Pairs line n of the English list with line n of the Arabic one; lines empty in both are dropped. */
function organisersFromLines(en: string, ar: string): Bilingual[] {
  const lines = (text: string) => (text.trim() === '' ? [] : text.split(/\r?\n/));
  const [enLines, arLines] = [lines(en), lines(ar)];
  return Array.from({ length: Math.max(enLines.length, arLines.length) }, (_, i) => ({
    en: enLines[i] ?? '',
    ar: arLines[i] ?? '',
  })).filter((o) => o.en.trim() !== '' || o.ar.trim() !== '');
}
