import { describe, expect, it } from 'vitest';
import { ERROR_CODES, PLEDGE_KINDS, REASONS, ROLES, SECTION_KINDS, SESSION_KINDS, SHELL_REASONS } from '../src/api/types';
import { ar, arPlurals } from '../src/i18n/ar';
import { en, enPlurals } from '../src/i18n/en';
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

  // Each language needs the forms its plural rules name, no fewer (a count would fall back to
  // `other`) and no more (a form never chosen is a translation nobody reads).
  it.each([
    ['en', 'en-GB', enPlurals],
    ['ar', 'ar', arPlurals],
  ] as const)('%s has every plural form of its language for every counted message', (_, locale, catalogue) => {
    const forms = [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories].sort();
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(enPlurals).sort());
    for (const [key, texts] of Object.entries(catalogue)) expect(Object.keys(texts).sort(), key).toEqual(forms);
  });

  it('use the same placeholders in every plural form, but for the count a form may spell out', () => {
    for (const key of Object.keys(enPlurals) as (keyof typeof enPlurals)[]) {
      const wanted = placeholders(enPlurals[key].other);
      expect(wanted, key).toContain('count');
      for (const text of [...Object.values(enPlurals[key]), ...Object.values(arPlurals[key])]) {
        expect(placeholders(text).filter((p) => p !== 'count'), `${key}: ${text}`).toEqual(wanted.filter((p) => p !== 'count'));
      }
    }
  });

  // The lists come from the Rust enums (make bindings): a reason added there without a
  // translation fails here.
  it.each([...REASONS, ...SHELL_REASONS])('translate the reason %s', (reason) => {
    expect(Object.keys(en)).toContain(`reason.${reason}`);
  });

  it.each(ERROR_CODES)('translate the error code %s', (code) => {
    expect(Object.keys(en)).toContain(`error.${code}`);
  });

  it('label every field the core names', () => {
    const fields = ['title', 'description', 'venue', 'city', 'country', 'timezone', 'startDate', 'endDate', 'organisers', 'status', 'id',
      'donors', 'recipient', 'purpose', 'inKind', 'currency', 'amount', 'fromYear', 'toYear', 'lines', 'rate', 'rateDate', 'rateSource', 'session', 'speaker', 'notes', 'year', 'to', 'reason', 'schedule'];
    for (const field of fields) expect(Object.keys(en), field).toContain(`field.${field}`);
  });

  it.each([
    ['session kind', SESSION_KINDS, 'programme.kind'],
    ['role', ROLES, 'programme.role'],
    ['pledge kind', PLEDGE_KINDS, 'pledgeForm.kind'],
    ['section kind', SECTION_KINDS, 'outcome.kind'],
  ] as const)('name every %s of the core', (_, values, prefix) => {
    for (const value of values) expect(Object.keys(en), value).toContain(`${prefix}.${value}`);
  });

  it('label any line of a schedule ("lines[3]") as the schedule lines', () => {
    expect(fieldLabel('lines[3]')).toBe('Yearly amounts');
    expect(errorText({ code: 'invalid_input', field: 'lines[0]', reason: 'duplicate', message: '' })).toBe(
      'Yearly amounts: This year appears twice.',
    );
  });
});
