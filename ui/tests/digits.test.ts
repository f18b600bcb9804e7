import { describe, expect, it } from 'vitest';
import { formatClock, plural, setLang, t } from '../src/i18n/index.svelte';

// One rule for digits: the window writes every number in its language's digits, Arabic-Indic
// in Arabic (as its dates and amounts already were), whatever the catalogue string puts it in.
const LATIN = /[0-9]/;

describe('digits', () => {
  it('are Arabic-Indic in every number of the Arabic window', () => {
    setLang('ar');
    expect(t('outcome.versionNumber', { number: 2 })).toBe('النسخة ٢');
    expect(plural('programme.rooms.seats', 500)).toBe('٥٠٠ مقعد');
    expect(plural('programme.signups.count', 70, { confirmed: 5, total: 8 })).not.toMatch(LATIN);
    expect(t('participants.toast.imported', { count: 1200 })).toContain('١٬٢٠٠');
    expect(formatClock(9 * 60 + 30)).toBe('٠٩:٣٠');
    expect(formatClock(24 * 60)).toBe('٢٤:٠٠');
  });

  it('are Latin in English, with the same shapes', () => {
    setLang('en');
    expect(t('outcome.versionNumber', { number: 2 })).toBe('Version 2');
    expect(t('participants.toast.imported', { count: 1200 })).toContain('1,200');
    expect(formatClock(9 * 60 + 30)).toBe('09:30');
    expect(formatClock(0)).toBe('00:00');
  });

  it('leave text that is already formatted as it is', () => {
    setLang('ar');
    // A code, a file name or a time typed elsewhere goes in as text and is not rewritten.
    expect(t('register.badge', { code: 'AB12CD', date: '٤ ديسمبر' })).toContain('AB12CD');
  });
});
