import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import { setLang } from '../src/i18n/index.svelte';
import { forgetReferenceData } from '../src/services/app';
import EventForm from '../src/views/event-form/EventForm.svelte';
import { apiError, event, reference } from './fixtures';

vi.mock('../src/api/client');

async function fill(testId: string, value: string) {
  await fireEvent.input(await screen.findByTestId(testId), { target: { value } });
}

const jane = { name: { en: 'Jane Doe', ar: 'جين دو' }, title: { en: 'Director', ar: 'المديرة' } };
const blank = { name: { en: '', ar: '' }, title: { en: '', ar: '' } };

describe('event form: signatures on the certificates', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLang('en');
    forgetReferenceData();
    vi.mocked(client.referenceData).mockResolvedValue(reference());
  });

  it('offers two blocks of name and title in both languages and sends what was typed', async () => {
    vi.mocked(client.eventGet).mockResolvedValue(event({ id: 'ev-9', version: 4, signatories: [jane] }));
    vi.mocked(client.eventUpdate).mockResolvedValue(event({ id: 'ev-9', version: 5 }));
    render(EventForm, { props: { id: 'ev-9' } });
    expect(await screen.findByTestId('field-signatory-0-name-en')).toHaveValue('Jane Doe');
    expect(screen.getByTestId('field-signatory-0-title-ar')).toHaveValue('المديرة');
    expect(screen.getByTestId('field-signatory-0-name-ar')).toHaveAttribute('dir', 'rtl');
    expect(screen.getByTestId('field-signatory-1-name-en')).toHaveAttribute('dir', 'ltr');
    expect(screen.getByTestId('field-signatory-1-name-en')).toHaveValue('');
    expect(screen.queryByTestId('field-signatory-2-name-en')).toBeNull();
    await fill('field-signatory-1-name-en', 'Omar Haddad');
    await fill('field-signatory-1-title-ar', 'الأمين العام');
    await fireEvent.click(screen.getByTestId('save-event'));
    await waitFor(() => expect(client.eventUpdate).toHaveBeenCalled());
    expect(vi.mocked(client.eventUpdate).mock.calls[0][2].signatories).toEqual([
      jane,
      { name: { en: 'Omar Haddad', ar: '' }, title: { en: '', ar: 'الأمين العام' } },
    ]);
  });

  it('a new event sends two blank blocks, which the core leaves out', async () => {
    vi.mocked(client.eventCreate).mockResolvedValue(event({ id: 'new-1' }));
    render(EventForm);
    await fill('field-title-en', 'Doha Forum');
    await fireEvent.click(screen.getByTestId('save-event'));
    await waitFor(() => expect(client.eventCreate).toHaveBeenCalled());
    expect(vi.mocked(client.eventCreate).mock.calls[0][0].signatories).toEqual([blank, blank]);
  });

  it('shows the core’s reason beside the block it names, in the interface’s language', async () => {
    const refused = apiError({
      code: 'invalid_input',
      field: 'signatories[1].name',
      reason: 'required',
      problems: [{ field: 'signatories[1].name', reason: 'required' }],
    });
    vi.mocked(client.eventCreate).mockRejectedValue(refused);
    render(EventForm);
    await fill('field-signatory-1-title-en', 'Director');
    await fireEvent.click(screen.getByTestId('save-event'));
    const error = await screen.findByTestId('error-signatories[1].name');
    expect(error).toHaveTextContent('This is required.');
    const name = screen.getByTestId('field-signatory-1-name-en');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name.getAttribute('aria-describedby')).toBe(error.id);
    expect(screen.getByTestId('field-signatory-0-name-en')).not.toHaveAttribute('aria-invalid');
    setLang('ar');
    await waitFor(() => expect(screen.getByTestId('signatories')).toHaveTextContent('التوقيعات على الشهادات'));
    expect(screen.getByTestId('signatories')).toHaveTextContent('التوقيع ٢');
    expect(screen.getByTestId('error-signatories[1].name')).toHaveTextContent('هذا الحقل مطلوب.');
    setLang('en');
  });
});
