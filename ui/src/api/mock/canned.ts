// What every part of the mock client shares: how it answers (after a short delay, a copy), how
// it refuses, and the page's switches. `?empty` in the page URL starts with no events; `?slow`
// delays every answer.
import type { ApiError, ExportOutcome } from '../types';

export const params = new URLSearchParams(location.search);
const delayMs = params.has('slow') ? 1500 : 120;

export const now = () => new Date().toISOString();

export function reply<T>(value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(structuredClone(value)), delayMs));
}

export function fail(code: ApiError['code'], field: string | null, reason: ApiError['reason'], message: string): Promise<never> {
  const error: ApiError = { code, field, reason, message };
  return new Promise((_, reject) => setTimeout(() => reject(error), delayMs));
}

/** The answer to a record that is not there. */
export function missing(field: string, id: string): Promise<never> {
  return fail('not_found', field, 'not_found', `no ${field} with id ${id}`);
}

/** The mock writes no file: every export answers as if the person cancelled the save dialog. */
export function noFile(): Promise<ExportOutcome> {
  return reply({ file: null, bytes: 0, missingGlyphs: 0 });
}
