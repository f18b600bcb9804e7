// Turns an ApiError into words for people. The UI branches on `code`, `field` and
// `reason`; `message` is developer English and is only shown under "Technical details".
import { isApiError } from '../api/invoke';
import { ERROR_CODES, type ApiError } from '../api/types';
import { isMessageKey, t } from '../i18n/index.svelte';
import { showToast } from './toast.svelte';

/** Whatever was thrown, as an ApiError (a generated client should only throw those). */
export function toApiError(value: unknown): ApiError {
  if (isApiError(value)) return value;
  return { code: 'internal', field: null, reason: 'internal', message: String(value) };
}

/**
 * Whether a save was refused because the record changed after the form was filled from it: the
 * form then shows what changed and offers to re-apply the person's edit (components/stale.ts).
 */
export function isStale(error: ApiError): boolean {
  return error.code === 'conflict' && error.reason === 'changed' && error.field === 'version';
}

/**
 * Whether a delete was refused because what it would remove must be kept (pledges, an adopted
 * outcome document): the view says what to do instead (archive the event, move the session).
 */
export function isInUse(error: ApiError): boolean {
  return error.code === 'conflict' && error.reason === 'in_use';
}

/** The translated reason, or a generic message for the error's code. */
export function reasonText(error: ApiError): string {
  const key = `reason.${error.reason}`;
  if (isMessageKey(key)) return t(key);
  return codeText(error.code);
}

/**
 * The fields a refusal names, each with its translated reason, in the form's order: the core's
 * whole list when it checked a form field by field, else the error's one field.
 */
export function fieldProblems(error: ApiError): Map<string, string> {
  const listed = error.problems?.length ? error.problems : error.field ? [{ field: error.field, reason: error.reason }] : [];
  return new Map(listed.map((p) => [p.field, reasonText({ ...error, reason: p.reason })]));
}

export function codeText(code: string): string {
  const key = `error.${code}`;
  if ((ERROR_CODES as readonly string[]).includes(code) && isMessageKey(key)) return t(key);
  return t('error.unknown');
}

export function fieldLabel(field: string): string | null {
  // "lines[2]" names one line of a pledge's schedule: the label is that of the lines.
  const key = `field.${field.replace(/\[\d+\]$/, '')}`;
  return isMessageKey(key) ? t(key) : null;
}

/** One sentence for a toast or an error panel, naming the field when there is one. */
export function errorText(error: ApiError): string {
  const reason = reasonText(error);
  const label = error.field ? fieldLabel(error.field) : null;
  return label && error.code === 'invalid_input' ? `${label}: ${reason}` : reason;
}

/**
 * What a form's "Technical details" say, in the interface's language: the field's label and the
 * reason (not the developer's English). A failure the app did not foresee (storage, internal)
 * adds the developer's words, the only thing a support desk can act on.
 */
export function technicalDetails(error: ApiError): string {
  const fields = [...fieldProblems(error)].map(([field, reason]) => `${fieldLabel(field) ?? field} · ${reason}`);
  const translated = fields.length ? fields.join(t('common.semicolon')) : reasonText(error);
  const foreseen = error.code === 'invalid_input' || error.code === 'not_found' || error.code === 'conflict';
  return foreseen || !error.message ? translated : `${translated} — ${error.message}`;
}

/** What a service call gives a view: the value, or the error with its text ready to show. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError; text: string };

/** A page or panel before what it reads is there: waiting, or failed with the text to show. */
export type NotReady = { kind: 'loading' } | { kind: 'failed'; error: ApiError; text: string };

/** A page or panel reading its data: not ready yet, or ready with `R`. */
export type Reading<R> = NotReady | ({ kind: 'ready' } & R);

/**
 * The record `id` out of a listing, for the records the core reads only as a list (rooms,
 * sessions, speakers, delegations): `not_found` when it is no longer listed (deleted meanwhile).
 */
export async function oneOf<T extends { id: string }>(listing: Promise<Outcome<T[]>>, id: string): Promise<Outcome<T>> {
  const listed = await listing;
  if (!listed.ok) return listed;
  const found = listed.value.find((record) => record.id === id);
  if (found) return { ok: true, value: found };
  const error: ApiError = { code: 'not_found', field: null, reason: 'not_found', message: `${id} is no longer listed` };
  return { ok: false, error, text: errorText(error) };
}

/** Runs a client call; on failure translates the error and, if asked, shows it as a toast. */
export async function attempt<T>(call: () => Promise<T>, options: { toast: boolean }): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (thrown) {
    const error = toApiError(thrown);
    const text = errorText(error);
    if (options.toast) showToast('error', text, error.message || null);
    return { ok: false, error, text };
  }
}
