import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import type { PledgeInput } from '../src/api/types';
import { en } from '../src/i18n/en';
import { setLang } from '../src/i18n/index.svelte';
import { forgetReferenceData } from '../src/services/app';
import PledgeForm from '../src/views/pledges/PledgeForm.svelte';
import { apiError, delegation, event, line, pledge, reference, session, speaker } from './fixtures';

vi.mock('../src/api/client');

async function fill(testId: string, value: string) {
  await fireEvent.input(await screen.findByTestId(testId), { target: { value } });
}

async function renderForm(props: { eventId: string; pledgeId?: string } = { eventId: 'ev-1' }) {
  render(PledgeForm, { props });
  return screen.findByTestId('pledge-form');
}

/** The Doha pledge as typed: USD 15,000,000 a year for 2024–2026. */
async function typeDoha() {
  await fill('pledge-donors-en', 'State of Qatar');
  await fill('pledge-recipient-en', 'UNOCT');
  await fill('pledge-amount', '15,000,000');
  await fill('pledge-from', '2024');
  await fill('pledge-to', '2026');
}

// Intl puts a no-break space between a currency code and the number.
const previewLines = () =>
  screen.getAllByTestId('pledge-preview-line').map((row) => row.textContent?.replace(/\u00a0/g, ' '));

/** The input the last save sent. */
function sent(): PledgeInput {
  return vi.mocked(client.pledgeAdd).mock.calls.at(-1)![1];
}

describe('pledge form', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    forgetReferenceData();
    vi.mocked(client.referenceData).mockResolvedValue(reference());
    vi.mocked(client.eventGet).mockResolvedValue(event());
    vi.mocked(client.sessionList).mockResolvedValue([session()]);
    vi.mocked(client.speakerList).mockResolvedValue([speaker()]);
    vi.mocked(client.delegationList).mockResolvedValue([delegation({ id: 'dl-tn', name: { en: 'Tunisia', ar: 'تونس' } }), delegation()]);
    vi.mocked(client.pledgeAdd).mockResolvedValue(pledge({ id: 'pl-new' }));
  });

  it('previews 15,000,000 a year for 2024–2026 as three years and 45,000,000.00 in total', async () => {
    await renderForm();
    await typeDoha();

    expect(screen.getByTestId('pledge-preview-total')).toHaveTextContent('US$45,000,000.00');
    expect(previewLines()).toEqual(['2024US$15,000,000.00', '2025US$15,000,000.00', '2026US$15,000,000.00']);
    // Nothing is sent while typing: the preview is the UI's own arithmetic.
    expect(client.pledgeAdd).not.toHaveBeenCalled();
  });

  it('splits a total evenly in minor units, the last year taking the remainder', async () => {
    await renderForm();
    await fireEvent.click(screen.getByTestId('pledge-mode-total'));
    await fill('pledge-amount', '100');
    await fill('pledge-from', '2024');
    await fill('pledge-to', '2026');
    expect(previewLines()).toEqual(['2024US$33.33', '2025US$33.33', '2026US$33.34']);
    expect(screen.getByTestId('pledge-preview-total')).toHaveTextContent('US$100.00');

    // Yen have no minor unit; dinars have three decimals.
    await fill('pledge-currency', 'JPY');
    expect(previewLines()).toEqual(['2024JP¥33', '2025JP¥33', '2026JP¥34']);
    await fill('pledge-currency', 'KWD');
    await fill('pledge-amount', '1');
    expect(previewLines()).toEqual(['2024KWD 0.333', '2025KWD 0.333', '2026KWD 0.334']);
    // The decimals are the core's (ISO 4217: 3 for the Iraqi dinar), not the browser's (0).
    await fill('pledge-currency', 'IQD');
    expect(previewLines()).toEqual(['2024IQD 0.333', '2025IQD 0.333', '2026IQD 0.334']);
  });

  it('shows no currency amounts for a code the core does not know, and still lets the core decide', async () => {
    await renderForm();
    await typeDoha();
    await fill('pledge-currency', 'XYZ');
    expect(screen.getByTestId('pledge-preview-total').textContent?.trim()).toBe('45,000,000.00');
    expect(document.getElementById('hint-currency')).toHaveTextContent(en['pledgeForm.currencyHint']);
    await fireEvent.click(screen.getByTestId('save-pledge'));
    expect(sent().currency).toBe('XYZ');
  });

  it('keeps every digit of amounts beyond floating point', async () => {
    await renderForm();
    await fill('pledge-amount', '30,000,000,000,000.01');
    await fill('pledge-from', '2024');
    await fill('pledge-to', '2026');
    expect(screen.getByTestId('pledge-preview-total')).toHaveTextContent('US$90,000,000,000,000.03');
  });

  it('explains in the preview what it cannot read yet', async () => {
    await renderForm();
    await fill('pledge-amount', '1,5');
    await fill('pledge-from', '2024');
    await fill('pledge-to', '2026');
    expect(screen.getByTestId('pledge-preview-waiting')).toHaveTextContent('Commas only separate thousands');
    expect(screen.queryByTestId('pledge-preview-total')).toBeNull();
  });

  it('shows the core’s year-range error next to the last year', async () => {
    vi.mocked(client.pledgeAdd).mockRejectedValue(
      apiError({ code: 'invalid_input', field: 'toYear', reason: 'invalid_year_range', message: 'the last year is before the first year' }),
    );
    await renderForm();
    await typeDoha();
    await fill('pledge-to', '2023');
    await fireEvent.click(screen.getByTestId('save-pledge'));

    const error = await screen.findByTestId('error-toYear');
    expect(error).toHaveTextContent('Check the years: the last cannot be before the first');
    const to = screen.getByTestId('pledge-to');
    expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(to.getAttribute('aria-describedby')).toContain(error.id);
    expect(screen.getByTestId('pledge-from')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByTestId('form-error')).toHaveTextContent('The pledge was not saved.');
    expect(error).not.toHaveTextContent('the last year is before');
    await waitFor(() => expect(document.activeElement).toBe(to));
    expect(location.hash).toBe('');
  });

  it('sends the pledge as typed and opens it', async () => {
    await renderForm();
    // Line n of one list is line n of the other; a line empty in both is dropped.
    await fill('pledge-donors-en', 'State of Qatar\n\n  Qatar Fund for Development \n');
    await fill('pledge-donors-ar', 'دولة قطر\n\n\n\nمؤسسة قطر');
    await fill('pledge-recipient-en', 'UNOCT');
    await fill('pledge-recipient-ar', 'مكتب الأمم المتحدة لمكافحة الإرهاب');
    await fill('pledge-purpose-en', 'Technical assistance');
    await fill('pledge-purpose-ar', 'المساعدة التقنية');
    await fill('pledge-amount', '15,000,000');
    await fill('pledge-from', '2024');
    await fill('pledge-to', '2026');
    await fireEvent.change(screen.getByTestId('pledge-session'), { target: { value: 'se-1' } });
    await fireEvent.change(screen.getByTestId('pledge-speaker'), { target: { value: 'sp-1' } });
    await fill('pledge-notes', 'At the opening.');
    // US dollars need no exchange rate.
    expect(screen.queryByTestId('pledge-rate')).toBeNull();
    await fireEvent.click(screen.getByTestId('save-pledge'));

    await waitFor(() => expect(location.hash).toBe('#/events/ev-1/pledges/pl-new'));
    expect(client.pledgeAdd).toHaveBeenCalledWith('ev-1', {
      donors: [
        { en: 'State of Qatar', ar: 'دولة قطر' },
        { en: '  Qatar Fund for Development ', ar: '' },
        { en: '', ar: 'مؤسسة قطر' },
      ],
      recipient: { en: 'UNOCT', ar: 'مكتب الأمم المتحدة لمكافحة الإرهاب' },
      purpose: { en: 'Technical assistance', ar: 'المساعدة التقنية' },
      kind: 'financial',
      inKind: '',
      currency: 'USD',
      schedule: { mode: 'perYear', amount: '15,000,000', fromYear: 2024, toYear: 2026 },
      rate: null,
      sessionId: 'se-1',
      speakerId: 'sp-1',
      delegationId: null,
      notes: 'At the opening.',
    });
  });

  it('asks for the USD rate of another currency, previews the conversion and sends the rate', async () => {
    await renderForm();
    await typeDoha();
    await fill('pledge-currency', 'eur');
    await fill('pledge-rate', '1.0832');
    await fireEvent.input(screen.getByTestId('pledge-rate-date'), { target: { value: '2024-05-21' } });
    await fill('pledge-rate-source', 'UN operational rates');
    // 45,000,000.00 EUR at 1.0832 = 48,744,000.00 USD.
    expect(screen.getByTestId('pledge-preview-usd')).toHaveTextContent('US$48,744,000.00');
    await fireEvent.click(screen.getByTestId('save-pledge'));

    await waitFor(() => expect(client.pledgeAdd).toHaveBeenCalled());
    expect(sent().currency).toBe('EUR');
    expect(sent().rate).toEqual({ rate: '1.0832', date: '2024-05-21', source: 'UN operational rates' });
  });

  it('records an in-kind pledge without a value: no currency, no lines', async () => {
    await renderForm();
    await fill('pledge-donors-ar', 'مؤسسة قطر');
    expect(screen.getByTestId('pledge-donors-ar')).toHaveAttribute('dir', 'rtl');
    expect(screen.getByTestId('pledge-recipient-ar')).toHaveAttribute('dir', 'rtl');
    await fireEvent.click(screen.getByTestId('pledge-kind-in_kind'));
    await fill('pledge-in-kind', 'Training venues');
    expect(screen.queryByTestId('pledge-currency')).toBeNull();
    await fireEvent.click(screen.getByTestId('save-pledge'));

    await waitFor(() => expect(client.pledgeAdd).toHaveBeenCalled());
    expect(sent()).toMatchObject({
      donors: [{ en: '', ar: 'مؤسسة قطر' }],
      kind: 'in_kind',
      inKind: 'Training venues',
      currency: '',
      schedule: { mode: 'lines', lines: [] },
      rate: null,
    });
  });

  it('year by year: carries the previewed lines over and marks the line the core refuses', async () => {
    vi.mocked(client.pledgeAdd).mockRejectedValue(
      apiError({ code: 'invalid_input', field: 'lines[1]', reason: 'duplicate', message: '2024 appears twice' }),
    );
    await renderForm();
    await typeDoha();
    await fireEvent.click(screen.getByTestId('pledge-mode-lines'));
    const years = () => screen.getAllByTestId('pledge-line-year') as HTMLInputElement[];
    const amounts = () => screen.getAllByTestId('pledge-line-amount') as HTMLInputElement[];
    expect(years().map((input) => input.value)).toEqual(['2024', '2025', '2026']);
    expect(amounts().map((input) => input.value)).toEqual(['15000000.00', '15000000.00', '15000000.00']);

    // A blank row in between is not sent, so the core's "lines[1]" is the third row here.
    await fireEvent.click(screen.getByTestId('add-line'));
    await fireEvent.click(screen.getAllByTestId('remove-line')[0]);
    await fireEvent.input(years()[0], { target: { value: '' } });
    await fireEvent.input(amounts()[0], { target: { value: '' } });
    await fireEvent.input(years()[2], { target: { value: '2025' } });
    await fireEvent.click(screen.getByTestId('save-pledge'));

    expect(await screen.findByTestId('error-lines')).toHaveTextContent('Line 3: This year appears twice.');
    expect(years()[2]).toHaveAttribute('aria-invalid', 'true');
    expect(years()[1]).not.toHaveAttribute('aria-invalid');
    expect(sent().schedule).toEqual({
      mode: 'lines',
      lines: [
        { year: 2026, amount: '15000000.00' },
        { year: 2025, amount: '' },
      ],
    });
  });

  it('refuses a year that is not a number without calling the core', async () => {
    await renderForm();
    await typeDoha();
    await fill('pledge-from', 'twenty');
    await fireEvent.click(screen.getByTestId('save-pledge'));
    expect(await screen.findByTestId('error-fromYear')).toHaveTextContent('Check the years');
    expect(client.pledgeAdd).not.toHaveBeenCalled();
  });

  it('edits a pledge the way it was entered: per year', async () => {
    vi.mocked(client.pledgeGet).mockResolvedValue(pledge());
    vi.mocked(client.pledgeUpdate).mockResolvedValue(pledge());
    await renderForm({ eventId: 'ev-1', pledgeId: 'pl-1' });

    expect(screen.getByTestId('pledge-mode-perYear')).toBeChecked();
    expect(screen.getByTestId('pledge-amount')).toHaveValue('15000000.00');
    expect(screen.getByTestId('pledge-from')).toHaveValue('2024');
    expect(screen.getByTestId('pledge-to')).toHaveValue('2026');
    expect(screen.getByTestId('pledge-session')).toHaveValue('se-1');
    expect(screen.getByTestId('cancel-pledge')).toHaveAttribute('href', '#/events/ev-1/pledges/pl-1');
    await fill('pledge-to', '2027');
    await fireEvent.click(screen.getByTestId('save-pledge'));

    await waitFor(() => expect(location.hash).toBe('#/events/ev-1/pledges/pl-1'));
    expect(client.pledgeUpdate).toHaveBeenCalledWith(
      'pl-1',
      1,
      expect.objectContaining({ schedule: { mode: 'perYear', amount: '15000000.00', fromYear: 2024, toYear: 2027 } }),
    );
    expect(client.pledgeAdd).not.toHaveBeenCalled();
  });

  it('reopens a pledge entered as a total over the years as that total', async () => {
    vi.mocked(client.pledgeGet).mockResolvedValue(
      pledge({ schedule: { mode: 'total', amount: '45000000.00', fromYear: 2024, toYear: 2026 } }),
    );
    await renderForm({ eventId: 'ev-1', pledgeId: 'pl-1' });
    expect(screen.getByTestId('pledge-mode-total')).toBeChecked();
    expect(screen.getByTestId('pledge-amount')).toHaveValue('45000000.00');
    expect(screen.getByTestId('pledge-preview-total')).toHaveTextContent('US$45,000,000.00');
  });

  it('edits uneven years year by year', async () => {
    vi.mocked(client.pledgeGet).mockResolvedValue(
      pledge({ lines: [line({ year: 2024, amount: '10.00' }), line({ year: 2026, amount: '10.00' })] }),
    );
    await renderForm({ eventId: 'ev-1', pledgeId: 'pl-1' });
    expect(screen.getByTestId('pledge-mode-lines')).toBeChecked();
    expect((screen.getAllByTestId('pledge-line-year') as HTMLInputElement[]).map((i) => i.value)).toEqual(['2024', '2026']);
  });

  it('names speakers with their honorific in the interface’s language, and works without the programme', async () => {
    setLang('ar');
    vi.mocked(client.sessionList).mockRejectedValue(apiError({ code: 'storage', reason: 'storage' }));
    await renderForm();
    const options = within(screen.getByTestId('pledge-speaker')).getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(['(بلا)', 'سعادة سلطان بن سعد المريخي']);
    expect(screen.getByTestId('pledge-session')).toBeDisabled();
    expect(screen.getByTestId('save-pledge')).toBeEnabled();
  });

  it('records the delegation that announced the pledge, chosen by name', async () => {
    await renderForm();
    const options = within(screen.getByTestId('pledge-delegation')).getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(['(none)', 'Qatar', 'Tunisia']);
    await typeDoha();
    await fireEvent.change(screen.getByTestId('pledge-delegation'), { target: { value: 'dl-qa' } });
    await fireEvent.click(screen.getByTestId('save-pledge'));
    await waitFor(() => expect(client.pledgeAdd).toHaveBeenCalled());
    expect(sent().delegationId).toBe('dl-qa');
  });

  it('shows the core’s refusal of the delegation next to it', async () => {
    vi.mocked(client.pledgeAdd).mockRejectedValue(
      apiError({ code: 'invalid_input', field: 'delegation', reason: 'wrong_event', message: 'the delegation belongs to another event' }),
    );
    await renderForm();
    await typeDoha();
    await fireEvent.change(screen.getByTestId('pledge-delegation'), { target: { value: 'dl-tn' } });
    await fireEvent.click(screen.getByTestId('save-pledge'));
    expect(await screen.findByTestId('error-delegation')).toBeInTheDocument();
    expect(screen.getByTestId('pledge-delegation')).toHaveAttribute('aria-invalid', 'true');
  });
});
