import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import {
  formatClock,
  formatDate,
  formatInstantIn,
  formatNumber,
  i18n,
  plural,
  setLang,
  t,
  useArabicDigits,
} from '../src/i18n/index.svelte';
import { forgetReferenceData } from '../src/services/app';
import { followEvent } from '../src/services/events';
import EventForm from '../src/views/event-form/EventForm.svelte';
import { event, reference } from './fixtures';

vi.mock('../src/api/client');

// One rule for digits: the window writes every number in its language's digits, and in Arabic
// in the open event's (its setting): Arabic-Indic by default, as its dates and amounts were.
const LATIN = /[0-9]/;
const ARABIC_INDIC = /[\u0660-\u0669]/;

describe('digits', () => {
  afterEach(() => useArabicDigits(null));

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

  it('are Latin in the Arabic window of an event that chose Latin digits, and only there', () => {
    setLang('ar');
    useArabicDigits('latin');
    expect(i18n.locale).toBe('ar-u-nu-latn');
    expect(t('outcome.versionNumber', { number: 2 })).toBe('النسخة 2');
    expect(plural('programme.rooms.seats', 500)).toBe('500 مقعد');
    expect(formatNumber(1200)).not.toMatch(ARABIC_INDIC);
    expect(formatClock(9 * 60 + 30)).toBe('09:30');
    const date = formatDate('2026-12-04');
    expect(date).toContain('2026');
    expect(date).toContain('ديسمبر');
    expect(formatInstantIn('2026-12-04T06:30:00Z', 'Asia/Qatar')).not.toMatch(ARABIC_INDIC);
    // English is the same whatever the event chose.
    setLang('en');
    expect(i18n.locale).toBe('en-GB');
    setLang('ar');
    // Outside an event: the default again.
    useArabicDigits(null);
    expect(i18n.locale).toBe('ar-u-nu-arab');
    expect(formatDate('2026-12-04')).toMatch(ARABIC_INDIC);
    expect(formatDate('2026-12-04')).not.toMatch(LATIN);
    setLang('en');
  });
});

describe('the open event sets the digits', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    forgetReferenceData();
    vi.mocked(client.referenceData).mockResolvedValue(reference());
  });
  afterEach(() => {
    useArabicDigits(null);
    setLang('en');
  });

  it('follows the page’s event, and leaves it for the default outside events', async () => {
    setLang('ar');
    vi.mocked(client.eventGet).mockResolvedValue(event({ arabicDigits: 'latin' }));
    await followEvent('ev-1');
    expect(client.eventGet).toHaveBeenCalledWith('ev-1');
    expect(formatClock(9 * 60 + 30)).toBe('09:30');
    await followEvent(null);
    expect(formatClock(9 * 60 + 30)).toBe('٠٩:٣٠');
  });

  it('lets only the latest page decide when an event arrives late', async () => {
    setLang('ar');
    let arrive: (value: ReturnType<typeof event>) => void = () => {};
    vi.mocked(client.eventGet).mockReturnValue(new Promise((resolve) => (arrive = resolve)));
    const late = followEvent('ev-1');
    await followEvent(null);
    arrive(event({ arabicDigits: 'latin' }));
    await late;
    expect(i18n.arabicDigits).toBe('arabic_indic');
  });

  it('is chosen in the event form in either language, sent to the core, and shown once saved', async () => {
    vi.mocked(client.eventGet).mockResolvedValue(event());
    await followEvent('ev-1');
    vi.mocked(client.eventUpdate).mockResolvedValue(event({ arabicDigits: 'latin', version: 2 }));
    render(EventForm, { props: { id: 'ev-1' } });
    const choice = await screen.findByTestId('field-arabic-digits');
    expect(choice).toHaveValue('arabic_indic');
    expect(document.querySelector('label[for="f-arabic-digits"]')).toHaveTextContent('Digits in Arabic');
    expect([...choice.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['Arabic-Indic: ١٢٣', 'Latin: 123']);
    await fireEvent.change(choice, { target: { value: 'latin' } });
    await fireEvent.click(screen.getByTestId('save-event'));
    await waitFor(() => expect(client.eventUpdate).toHaveBeenCalled());
    expect(vi.mocked(client.eventUpdate).mock.calls[0].at(-1)).toEqual(expect.objectContaining({ arabicDigits: 'latin' }));
    setLang('ar');
    expect(formatNumber(1200)).not.toMatch(ARABIC_INDIC);
    expect(t('form.arabicDigits')).toBe('الأرقام في العربية');
    expect(t('digits.latin')).toContain('123');
  });
});
