// The event form's editable state and its conversion to and from the API types.
import type { Event, EventInput, EventStatus } from '../../api/types';

export type Draft = {
  titleEn: string;
  titleAr: string;
  descriptionEn: string;
  descriptionAr: string;
  venue: string;
  city: string;
  country: string;
  timezone: string;
  startDate: string;
  endDate: string;
  organisers: string;
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
    venue: '',
    city: '',
    country: '',
    timezone: defaultTimezone(timezones),
    startDate: '',
    endDate: '',
    organisers: '',
    status: 'draft',
  };
}

export function draftFromEvent(event: Event): Draft {
  return {
    titleEn: event.title.en,
    titleAr: event.title.ar,
    descriptionEn: event.description.en,
    descriptionAr: event.description.ar,
    venue: event.venue,
    city: event.city,
    country: event.country ?? '',
    timezone: event.timezone,
    startDate: event.startDate,
    endDate: event.endDate,
    organisers: event.organisers.join('\n'),
    status: event.status,
  };
}

/** What is sent to the core. Text is passed as typed: trimming and checks are the core's. */
export function inputFromDraft(draft: Draft): EventInput {
  return {
    title: { en: draft.titleEn, ar: draft.titleAr },
    description: { en: draft.descriptionEn, ar: draft.descriptionAr },
    venue: draft.venue,
    city: draft.city,
    country: draft.country,
    timezone: draft.timezone,
    startDate: draft.startDate,
    endDate: draft.endDate,
    organisers: draft.organisers
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    status: draft.status,
  };
}
