import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import type { Reason } from '../src/api/types';
import { setLang } from '../src/i18n/index.svelte';
import { forgetReferenceData } from '../src/services/app';
import EventForm from '../src/views/event-form/EventForm.svelte';
import { apiError, event, reference } from './fixtures';

vi.mock('../src/api/client');

const blank = { name: { en: '', ar: '' }, title: { en: '', ar: '' } };

async function fill(testId: string, value: string) {
  await fireEvent.input(await screen.findByTestId(testId), { target: { value } });
}

describe('event form', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    forgetReferenceData();
    vi.mocked(client.referenceData).mockResolvedValue(reference());
  });

  it('shows the translated reason next to the end date, and marks the field invalid', async () => {
    vi.mocked(client.eventCreate).mockRejectedValue(
      apiError({ code: 'invalid_input', field: 'endDate', reason: 'end_before_start', message: 'endDate before startDate' }),
    );
    render(EventForm);
    await fill('field-title-en', 'Doha Forum');
    await fill('field-start', '2026-03-14');
    await fill('field-end', '2026-03-12');
    await fireEvent.click(screen.getByTestId('save-event'));

    const error = await screen.findByTestId('error-endDate');
    expect(error).toHaveTextContent('The end date cannot be before the start date.');
    const end = screen.getByTestId('field-end');
    expect(end).toHaveAttribute('aria-invalid', 'true');
    expect(end.getAttribute('aria-describedby')).toContain(error.id);
    expect(screen.getByTestId('field-start')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByTestId('form-error')).toHaveTextContent('The event was not saved.');
    // The collapsed details name the field and the reason in words, not the developer's English.
    const details = screen.getByTestId('form-error').querySelector('details:not([open]) [data-testid=error-details]');
    expect(details).toHaveTextContent('End date · The end date cannot be before the start date.');
    expect(details).not.toHaveTextContent('endDate');
    expect(screen.getByTestId('form-error')).not.toHaveTextContent('invalid_input');
    expect(client.eventCreate).toHaveBeenCalledWith(
      expect.objectContaining({ title: { en: 'Doha Forum', ar: '' }, startDate: '2026-03-14', endDate: '2026-03-12' }),
    );
    expect(location.hash).toBe('');
  });

  it('shows the same error in Arabic when the interface is Arabic', async () => {
    setLang('ar');
    vi.mocked(client.eventCreate).mockRejectedValue(
      apiError({ code: 'invalid_input', field: 'endDate', reason: 'end_before_start' }),
    );
    render(EventForm);
    await fireEvent.click(await screen.findByTestId('save-event'));
    expect(await screen.findByTestId('error-endDate')).toHaveTextContent('لا يمكن أن يسبق تاريخ الانتهاء تاريخ البدء.');
    expect(screen.getByTestId('error-details').textContent).toMatch(/^تاريخ الانتهاء · لا يمكن/);
  });

  it('names the time zones by city and country in both languages, keeping the IANA id as the value', async () => {
    render(EventForm);
    const zone = (await screen.findByTestId('field-timezone')) as HTMLSelectElement;
    const tunis = [...zone.options].find((o) => o.value === 'Africa/Tunis')!;
    expect(tunis.textContent).toBe('Tunis — Tunisia');
    setLang('ar');
    await waitFor(() => expect(tunis.textContent).toBe('تونس'));
    expect([...zone.options].find((o) => o.value === 'Europe/London')!.textContent).toBe('لندن — المملكة المتحدة');
    expect([...zone.options].some((o) => o.textContent?.includes('/'))).toBe(false);
    setLang('en');
  });

  it('suggests the zone of a country with one, until the zone is chosen by hand', async () => {
    vi.mocked(client.eventCreate).mockResolvedValue(event());
    render(EventForm);
    const zone = (await screen.findByTestId('field-timezone')) as HTMLSelectElement;
    await fireEvent.change(screen.getByTestId('field-country'), { target: { value: 'TN' } });
    expect(zone.value).toBe('Africa/Tunis');
    // A country of several zones leaves the choice as it was.
    await fireEvent.change(screen.getByTestId('field-country'), { target: { value: 'US' } });
    expect(zone.value).toBe('Africa/Tunis');
    await fireEvent.change(zone, { target: { value: 'Europe/London' } });
    await fireEvent.change(screen.getByTestId('field-country'), { target: { value: 'QA' } });
    expect(zone.value).toBe('Europe/London');
  });

  it('shows every field the core refused at once, each beside its field, and an empty date as required', async () => {
    vi.mocked(client.eventCreate).mockRejectedValue(
      apiError({
        code: 'invalid_input',
        field: 'title',
        reason: 'required',
        problems: [
          { field: 'title', reason: 'required' },
          { field: 'startDate', reason: 'required' },
          { field: 'endDate', reason: 'invalid_date' },
        ],
      }),
    );
    render(EventForm);
    await fireEvent.click(await screen.findByTestId('save-event'));
    expect(await screen.findByTestId('error-title')).toHaveTextContent('This is required.');
    expect(screen.getByTestId('error-startDate')).toHaveTextContent('This is required.');
    expect(screen.getByTestId('error-endDate')).toHaveTextContent('Enter a valid date.');
    expect(screen.getByTestId('field-start')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('field-end')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByTestId('error-venue')).toBeNull();
    // The keyboard goes to the first.
    expect(document.activeElement).toBe(screen.getByTestId('field-title-en'));
    expect(screen.getByTestId('error-details')).toHaveTextContent('Start date · This is required.');
  });

  it('gives a generic message for a reason it does not know', async () => {
    // A core newer than this window may send a word the window's types do not list.
    const unknown = 'brand_new_reason' as Reason;
    vi.mocked(client.eventCreate).mockRejectedValue(
      apiError({ code: 'invalid_input', field: 'venue', reason: unknown, message: 'dev text' }),
    );
    render(EventForm);
    await fireEvent.click(await screen.findByTestId('save-event'));
    expect(await screen.findByTestId('error-venue')).toHaveTextContent('Some of the information is not valid.');
  });

  it('shows a form-level error for an error that names no field', async () => {
    vi.mocked(client.eventCreate).mockRejectedValue(apiError({ code: 'storage', reason: 'storage' }));
    render(EventForm);
    await fireEvent.click(await screen.findByTestId('save-event'));
    expect(await screen.findByTestId('form-error')).toHaveTextContent('The data file could not be read or written.');
    expect(document.querySelector('[aria-invalid="true"]')).toBeNull();
  });

  it('creates the event from the fields and goes to its overview', async () => {
    vi.mocked(client.eventCreate).mockResolvedValue(event({ id: 'new-1' }));
    render(EventForm);
    await fill('field-title-en', 'Doha Forum');
    await fill('field-title-ar', 'منتدى الدوحة');
    await fill('field-venue-en', 'QNCC');
    await fill('field-venue-ar', 'مركز قطر الوطني للمؤتمرات');
    await fill('field-city-en', 'Doha');
    await fireEvent.change(screen.getByTestId('field-country'), { target: { value: 'QA' } });
    await fireEvent.change(screen.getByTestId('field-timezone'), { target: { value: 'Asia/Qatar' } });
    await fill('field-start', '2026-03-12');
    await fill('field-end', '2026-03-14');
    // Line n of one list is line n of the other; a line empty in both is dropped.
    await fill('field-organisers-en', 'Arab Water Council\nUNOCT\n\n');
    await fill('field-organisers-ar', 'المجلس العربي للمياه\n\n\n  مؤسسة قطر  \n');
    await fireEvent.change(screen.getByTestId('field-status'), { target: { value: 'open' } });
    await fireEvent.click(screen.getByTestId('save-event'));

    await waitFor(() => expect(location.hash).toBe('#/events/new-1'));
    expect(client.eventCreate).toHaveBeenCalledWith({
      title: { en: 'Doha Forum', ar: 'منتدى الدوحة' },
      description: { en: '', ar: '' },
      venue: { en: 'QNCC', ar: 'مركز قطر الوطني للمؤتمرات' },
      city: { en: 'Doha', ar: '' },
      country: 'QA',
      timezone: 'Asia/Qatar',
      startDate: '2026-03-12',
      endDate: '2026-03-14',
      organisers: [
        { en: 'Arab Water Council', ar: 'المجلس العربي للمياه' },
        { en: 'UNOCT', ar: '' },
        { en: '', ar: '  مؤسسة قطر  ' },
      ],
      signatories: [blank, blank],
      // A new event writes its Arabic in Arabic-Indic digits unless the form says otherwise.
      arabicDigits: 'arabic_indic',
      status: 'open',
    });
  });

  it('offers countries by localized name with an empty choice, and defaults the timezone', async () => {
    render(EventForm);
    const country = (await screen.findByTestId('field-country')) as HTMLSelectElement;
    const options = [...country.options].map((o) => [o.value, o.textContent]);
    expect(options[0][0]).toBe('');
    expect(options).toContainEqual(['QA', 'Qatar']);
    expect(options).toContainEqual(['GB', 'United Kingdom']);
    expect(country.value).toBe('');
    // jsdom runs in UTC, which is in the list.
    expect((screen.getByTestId('field-timezone') as HTMLSelectElement).value).toBe('UTC');
    expect(screen.getByTestId('field-title-ar')).toHaveAttribute('dir', 'rtl');
    expect(screen.getByTestId('field-title-ar')).toHaveAttribute('lang', 'ar');
    expect(screen.getByTestId('field-description-ar')).toHaveAttribute('dir', 'rtl');
    for (const field of ['venue', 'city', 'organisers']) {
      expect(screen.getByTestId(`field-${field}-ar`)).toHaveAttribute('dir', 'rtl');
      expect(screen.getByTestId(`field-${field}-ar`)).toHaveAttribute('lang', 'ar');
      expect(screen.getByTestId(`field-${field}-en`)).toHaveAttribute('dir', 'ltr');
    }
  });

  it('edits an existing event and sends the update for its id', async () => {
    vi.mocked(client.eventGet).mockResolvedValue(event({ id: 'ev-9', version: 4 }));
    vi.mocked(client.eventUpdate).mockResolvedValue(event({ id: 'ev-9', version: 5 }));
    render(EventForm, { props: { id: 'ev-9' } });
    expect(await screen.findByTestId('field-title-en')).toHaveValue('Doha Forum on Water Security');
    // The organiser with no English name leaves no trailing line in the English list.
    expect(screen.getByTestId('field-organisers-en')).toHaveValue('Arab Water Council');
    expect(screen.getByTestId('field-organisers-ar')).toHaveValue('المجلس العربي للمياه\nمؤسسة قطر');
    expect(screen.getByTestId('field-city-ar')).toHaveValue('الدوحة');
    expect(screen.getByTestId('cancel-event')).toHaveAttribute('href', '#/events/ev-9');
    await fill('field-city-en', 'Lusail');
    await fireEvent.click(screen.getByTestId('save-event'));

    await waitFor(() => expect(location.hash).toBe('#/events/ev-9'));
    // Sent with the version the form was filled from, so that a stale form is refused.
    expect(client.eventUpdate).toHaveBeenCalledWith(
      'ev-9',
      4,
      expect.objectContaining({
        city: { en: 'Lusail', ar: 'الدوحة' },
        country: 'QA',
        // Saved as they were: each name keeps its pair.
        organisers: [
          { en: 'Arab Water Council', ar: 'المجلس العربي للمياه' },
          { en: '', ar: 'مؤسسة قطر' },
        ],
      }),
    );
  });
});
