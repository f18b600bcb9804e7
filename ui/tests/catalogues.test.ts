import { describe, expect, it } from 'vitest';
import { ar } from '../src/i18n/ar';
import { en } from '../src/i18n/en';
import { errorText, fieldLabel } from '../src/services/errors';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('catalogues', () => {
  it('have identical key sets', () => {
    expect(Object.keys(ar).sort()).toEqual(Object.keys(en).sort());
  });

  it.each([
    ['en', en],
    ['ar', ar],
  ] as const)('%s has no empty values', (_, catalogue) => {
    const empty = Object.entries(catalogue).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(ar[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('translate every error reason and code the core can send', () => {
    const reasons = ['required', 'too_long', 'invalid_date', 'unknown_timezone', 'unknown_country', 'end_before_start', 'not_found', 'invalid_value', 'control_characters', 'storage', 'internal',
      'exceeds_pledge', 'invalid_year_range', 'unknown_currency', 'invalid_amount', 'ambiguous_amount', 'amount_too_large', 'duplicate', 'wrong_event', 'changed', 'ambiguous_id', 'busy', 'read_only', 'disk_full', 'not_a_database', 'damaged', 'foreign_schema', 'schema_too_new'];
    const codes = ['not_found', 'invalid_input', 'conflict', 'storage', 'internal'];
    const fields = ['title', 'description', 'venue', 'city', 'country', 'timezone', 'startDate', 'endDate', 'organisers', 'status', 'id',
      'donors', 'recipient', 'purpose', 'inKind', 'currency', 'amount', 'fromYear', 'toYear', 'lines', 'rate', 'rateDate', 'rateSource', 'session', 'speaker', 'notes', 'year', 'to', 'reason', 'schedule'];
    const keys = [...reasons.map((r) => `reason.${r}`), ...codes.map((c) => `error.${c}`), ...fields.map((f) => `field.${f}`)];
    for (const key of keys) expect(Object.keys(en), key).toContain(key);
  });

  it('label any line of a schedule ("lines[3]") as the schedule lines', () => {
    expect(fieldLabel('lines[3]')).toBe('Yearly amounts');
    expect(errorText({ code: 'invalid_input', field: 'lines[0]', reason: 'duplicate', message: '' })).toBe(
      'Yearly amounts: This year appears twice.',
    );
  });
});
