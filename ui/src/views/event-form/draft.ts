// The event form's editable state and its conversion to and from the API types.
import type { ArabicDigits, Event, EventInput, EventStatus, Signatory } from '../../api/types';
import { namesFromLines, namesToLines } from '../../components/names';

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
  /** Always two blocks; one left blank is no signatory (the core leaves it out). */
  signatories: Signatory[];
  status: EventStatus;
  /** How the event's Arabic screens and documents write numbers. */
  arabicDigits: ArabicDigits;
};

/** Signature blocks a certificate has room for (the core's MAX_SIGNATORIES). */
export const SIGNATURE_BLOCKS = 2;

/** `given` padded with blank blocks to [`SIGNATURE_BLOCKS`]. */
export function signatureBlocks(given: readonly Signatory[]): Signatory[] {
  const blank = (): Signatory => ({ name: { en: '', ar: '' }, title: { en: '', ar: '' } });
  const blocks = given.map((s) => ({ name: { ...s.name }, title: { ...s.title } }));
  while (blocks.length < SIGNATURE_BLOCKS) blocks.push(blank());
  return blocks;
}

/** The signature blocks in one line, for the conflict panel: "name, title; name". */
export function signatoriesText(blocks: readonly Signatory[]): string {
  const side = (text: { en: string; ar: string }) => text.en || text.ar;
  return blocks
    .map((s) => [side(s.name), side(s.title)].filter(Boolean).join(', '))
    .filter(Boolean)
    .join('; ');
}

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
  'arabicDigits',
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
    signatories: signatureBlocks([]),
    status: 'draft',
    arabicDigits: 'arabic_indic',
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
    organisersEn: namesToLines(event.organisers).en,
    organisersAr: namesToLines(event.organisers).ar,
    signatories: signatureBlocks(event.signatories),
    status: event.status,
    arabicDigits: event.arabicDigits,
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
    organisers: namesFromLines({ en: draft.organisersEn, ar: draft.organisersAr }),
    signatories: draft.signatories,
    status: draft.status,
    arabicDigits: draft.arabicDigits,
  };
}
