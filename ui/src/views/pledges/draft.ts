// The pledge form's editable state, its conversion to and from the API types, and where the
// form shows an error the core names. Amounts stay text as typed: reading them is the core's.
import type { ApiError, PledgeInput, PledgeKind, PledgeView, Schedule } from '../../api/types';
import { namesFromLines, namesToLines } from '../../components/names';

export type Mode = Schedule['mode'];
export const MODES: readonly Mode[] = ['perYear', 'total', 'lines'];

export type LineDraft = { year: string; amount: string };

export type Draft = {
  /** One donor per line (several make a joint pledge); line n of the two is the same donor. */
  donorsEn: string;
  donorsAr: string;
  recipientEn: string;
  recipientAr: string;
  purposeEn: string;
  purposeAr: string;
  kind: PledgeKind;
  inKind: string;
  /** In kind only: whether an estimated value (currency and schedule) is given. */
  valued: boolean;
  currency: string;
  mode: Mode;
  amount: string;
  fromYear: string;
  toYear: string;
  lines: LineDraft[];
  rate: string;
  rateDate: string;
  rateSource: string;
  sessionId: string;
  speakerId: string;
  delegationId: string;
  notes: string;
};

/** Offered first in the currency list; any other ISO 4217 code may be typed. */
export const COMMON_CURRENCIES = ['USD', 'EUR', 'QAR', 'SAR', 'AED', 'KWD', 'GBP', 'JPY', 'CHF'] as const;

/** The places in the form an error can point at. */
export const FORM_FIELDS = [
  'donors',
  'recipient',
  'purpose',
  'kind',
  'inKind',
  'currency',
  'schedule',
  'amount',
  'fromYear',
  'toYear',
  'lines',
  'rate',
  'rateDate',
  'rateSource',
  'session',
  'speaker',
  'delegation',
  'notes',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/** Where an error the core names belongs in the form, and which schedule line if any. */
export function placeError(error: ApiError, mode: Mode): { field: FormField; line: number | null } | null {
  const field = error.field;
  if (field === null || (error.code !== 'invalid_input' && error.code !== 'not_found')) return null;
  const line = /^lines\[(\d+)\]/.exec(field);
  if (line) return { field: 'lines', line: Number(line[1]) };
  if (field === 'lines' || (field === 'amount' && mode === 'lines')) return { field: 'lines', line: null };
  const aliases: Record<string, FormField> = {
    sessionId: 'session',
    speakerId: 'speaker',
    delegationId: 'delegation',
    in_kind: 'inKind',
  };
  const named = aliases[field] ?? field;
  return (FORM_FIELDS as readonly string[]).includes(named) ? { field: named as FormField, line: null } : null;
}

export function emptyDraft(): Draft {
  return {
    donorsEn: '',
    donorsAr: '',
    recipientEn: '',
    recipientAr: '',
    purposeEn: '',
    purposeAr: '',
    kind: 'financial',
    inKind: '',
    valued: false,
    currency: 'USD',
    mode: 'perYear',
    amount: '',
    fromYear: '',
    toYear: '',
    lines: [{ year: '', amount: '' }],
    rate: '',
    rateDate: '',
    rateSource: '',
    sessionId: '',
    speakerId: '',
    delegationId: '',
    notes: '',
  };
}

/** The form for a recorded pledge, with the schedule the way it was entered. */
export function draftFromPledge(pledge: PledgeView): Draft {
  const draft = emptyDraft();
  const schedule = pledge.schedule;
  const range = schedule.mode === 'lines' ? null : schedule;
  const lines = schedule.mode === 'lines' ? schedule.lines : [];
  return {
    ...draft,
    donorsEn: namesToLines(pledge.donors).en,
    donorsAr: namesToLines(pledge.donors).ar,
    recipientEn: pledge.recipient.en,
    recipientAr: pledge.recipient.ar,
    purposeEn: pledge.purpose.en,
    purposeAr: pledge.purpose.ar,
    kind: pledge.kind,
    inKind: pledge.inKind,
    valued: pledge.kind === 'in_kind' && pledge.currency !== null,
    currency: pledge.currency ?? '',
    mode: schedule.mode,
    amount: range ? range.amount : '',
    fromYear: range ? String(range.fromYear) : '',
    toYear: range ? String(range.toYear) : '',
    lines: lines.length ? lines.map((line) => ({ year: String(line.year), amount: line.amount })) : draft.lines,
    rate: pledge.rate?.rate ?? '',
    rateDate: pledge.rate?.date ?? '',
    rateSource: pledge.rate?.source ?? '',
    sessionId: pledge.sessionId ?? '',
    speakerId: pledge.speakerId ?? '',
    delegationId: pledge.delegationId ?? '',
    notes: pledge.notes,
  };
}

/** A year as typed, in ASCII or Arabic-Indic digits; null if it is not one. */
export function readYear(text: string): number | null {
  const ascii = [...text.trim()]
    .map((c) => {
      const code = c.codePointAt(0)!;
      if (code >= 0x660 && code <= 0x669) return String(code - 0x660);
      if (code >= 0x6f0 && code <= 0x6f9) return String(code - 0x6f0);
      return c;
    })
    .join('');
  return /^\d{1,6}$/.test(ascii) ? Number(ascii) : null;
}

export function isUsd(currency: string): boolean {
  return currency.trim().toUpperCase() === 'USD';
}

/** Whether the form asks for a currency and a schedule. */
export function hasValue(draft: Draft): boolean {
  return draft.kind === 'financial' || draft.valued;
}

/** The schedule as typed; a year that is not a number is NaN, which `inputFromDraft` refuses. */
export function scheduleFromDraft(draft: Draft): Schedule {
  if (draft.mode === 'lines') {
    return {
      mode: 'lines',
      lines: draft.lines
        .filter((line) => line.year.trim() !== '' || line.amount.trim() !== '')
        .map((line) => ({ year: readYear(line.year) ?? Number.NaN, amount: line.amount })),
    };
  }
  return {
    mode: draft.mode,
    amount: draft.amount,
    fromYear: readYear(draft.fromYear) ?? Number.NaN,
    toYear: readYear(draft.toYear) ?? Number.NaN,
  };
}

/**
 * What is sent to the core. Text is passed as typed: trimming and checks are the core's. Only a
 * year that is not a number is refused here, as it cannot be sent as one.
 */
export function inputFromDraft(draft: Draft): { ok: true; input: PledgeInput } | { ok: false; error: ApiError } {
  const valued = hasValue(draft);
  const schedule: Schedule = valued ? scheduleFromDraft(draft) : { mode: 'lines', lines: [] };
  const yearProblem = valued ? unreadableYear(draft) : null;
  if (yearProblem) return { ok: false, error: yearProblem };
  const rateGiven = [draft.rate, draft.rateDate, draft.rateSource].some((part) => part.trim() !== '');
  return {
    ok: true,
    input: {
      donors: namesFromLines({ en: draft.donorsEn, ar: draft.donorsAr }),
      recipient: { en: draft.recipientEn, ar: draft.recipientAr },
      purpose: { en: draft.purposeEn, ar: draft.purposeAr },
      kind: draft.kind,
      inKind: draft.kind === 'in_kind' ? draft.inKind : '',
      currency: valued ? draft.currency.trim().toUpperCase() : '',
      schedule,
      // US dollars need no rate; elsewhere the core checks what was typed.
      rate: valued && rateGiven && !isUsd(draft.currency) ? { rate: draft.rate, date: draft.rateDate, source: draft.rateSource } : null,
      sessionId: draft.sessionId || null,
      speakerId: draft.speakerId || null,
      delegationId: draft.delegationId || null,
      notes: draft.notes,
    },
  };
}

function unreadableYear(draft: Draft): ApiError | null {
  const problem = (field: string, text: string): ApiError => ({
    code: 'invalid_input',
    field,
    reason: text.trim() === '' ? 'required' : 'invalid_year_range',
    message: `${field}: ${JSON.stringify(text)} is not a year`,
  });
  if (draft.mode === 'lines') {
    const typed = draft.lines.filter((line) => line.year.trim() !== '' || line.amount.trim() !== '');
    for (const [index, line] of typed.entries()) {
      if (readYear(line.year) === null) return problem(`lines[${index}]`, line.year);
    }
    return null;
  }
  if (readYear(draft.fromYear) === null) return problem('fromYear', draft.fromYear);
  if (readYear(draft.toYear) === null) return problem('toYear', draft.toYear);
  return null;
}
