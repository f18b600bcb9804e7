import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import type { PledgeInput, PledgePreview, Reason } from '../src/api/types';
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

/** A preview as the core answers it: these lines and total in `currency`. */
function preview(lines: [number, string][], total: string, currency = 'USD'): PledgePreview {
  return {
    lines: lines.map(([year, amount]) => ({ year, amount })),
    total: { currency, amount: total },
    usd: null,
    problems: [],
  };
}

function problem(field: string, reason: Reason): PledgePreview {
  return { lines: [], total: null, usd: null, problems: [{ field, reason }] };
}

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

  it('asks the core for the preview once typing pauses, and shows what it computed', async () => {
    vi.mocked(client.pledgePreview).mockResolvedValue(
      preview([[2024, '15000000.00'], [2025, '15000000.00'], [2026, '15000000.00']], '45000000.00'),
    );
    await renderForm();
    await typeDoha();

    expect(await screen.findByTestId('pledge-preview-total')).toHaveTextContent('US$45,000,000.00');
    expect(previewLines()).toEqual(['2024US$15,000,000.00', '2025US$15,000,000.00', '2026US$15,000,000.00']);
    // One question for the five fields typed in a row, with the schedule as typed.
    expect(client.pledgePreview).toHaveBeenCalledTimes(1);
    expect(vi.mocked(client.pledgePreview).mock.calls[0][0]).toMatchObject({
      currency: 'USD',
      schedule: { mode: 'perYear', amount: '15,000,000', fromYear: 2024, toYear: 2026 },
    });
    expect(client.pledgeAdd).not.toHaveBeenCalled();
  });

  it('shows the amounts in the currency the core names, with its decimals', async () => {
    vi.mocked(client.pledgePreview).mockResolvedValue(preview([[2024, '0.333'], [2025, '0.333'], [2026, '0.334']], '1.000', 'IQD'));
    await renderForm();
    await fill('pledge-currency', 'IQD');
    await fill('pledge-amount', '1');
    await fill('pledge-from', '2024');
    await fill('pledge-to', '2026');
    await screen.findByTestId('pledge-preview-total');
    expect(previewLines()).toEqual(['2024IQD 0.333', '2025IQD 0.333', '2026IQD 0.334']);
  });

  it('explains in the preview what the core cannot read yet, and still lets the core decide', async () => {
    vi.mocked(client.pledgePreview).mockResolvedValue(problem('amount', 'ambiguous_amount'));
    await renderForm();
    await typeDoha();
    await fill('pledge-amount', '1,5');
    expect(await screen.findByText(/Commas only separate thousands/)).toHaveAttribute('data-testid', 'pledge-preview-waiting');
    expect(screen.queryByTestId('pledge-preview-total')).toBeNull();

    vi.mocked(client.pledgePreview).mockResolvedValue(problem('currency', 'unknown_currency'));
    await fill('pledge-currency', 'XYZ');
    expect(await screen.findByText(/Type a currency code/)).toHaveAttribute('data-testid', 'pledge-preview-waiting');
    await fireEvent.click(screen.getByTestId('save-pledge'));
    expect(sent().currency).toBe('XYZ');
  });

  it('does not ask about a year that is not a number: the preview says what is missing', async () => {
    await renderForm();
    await fill('pledge-amount', '1');
    await fill('pledge-from', '2024');
    await fill('pledge-to', 'twenty');
    expect(await screen.findByTestId('pledge-preview-waiting')).toHaveTextContent(en['pledgeForm.preview.invalid_year_range']);
    expect(client.pledgePreview).not.toHaveBeenCalled();
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

  it('shows every field the core refused at once, each beside its field', async () => {
    vi.mocked(client.pledgeAdd).mockRejectedValue(
      apiError({
        code: 'invalid_input',
        field: 'recipient',
        reason: 'too_long',
        problems: [
          { field: 'recipient', reason: 'too_long' },
          { field: 'toYear', reason: 'invalid_year_range' },
        ],
      }),
    );
    await renderForm();
    await typeDoha();
    await fireEvent.click(screen.getByTestId('save-pledge'));
    expect(await screen.findByTestId('error-recipient')).toHaveTextContent(en['reason.too_long']);
    expect(screen.getByTestId('error-toYear')).toHaveTextContent('Check the years: the last cannot be before the first');
    expect(screen.getByTestId('pledge-recipient-en')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('pledge-to')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('pledge-from')).not.toHaveAttribute('aria-invalid');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('pledge-recipient-en')));
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
    vi.mocked(client.pledgePreview).mockResolvedValue({
      ...preview([[2024, '15000000.00'], [2025, '15000000.00'], [2026, '15000000.00']], '45000000.00', 'EUR'),
      usd: { currency: 'USD', amount: '48744000.00' },
    });
    await renderForm();
    await typeDoha();
    await fill('pledge-currency', 'eur');
    await fill('pledge-rate', '1.0832');
    await fireEvent.input(screen.getByTestId('pledge-rate-date'), { target: { value: '2024-05-21' } });
    await fill('pledge-rate-source', 'UN operational rates');
    expect(await screen.findByTestId('pledge-preview-usd')).toHaveTextContent('US$48,744,000.00');
    await waitFor(() => expect(vi.mocked(client.pledgePreview).mock.lastCall?.[0].rate?.rate).toBe('1.0832'));
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
    vi.mocked(client.pledgePreview).mockResolvedValue(
      preview([[2024, '15000000.00'], [2025, '15000000.00'], [2026, '15000000.00']], '45000000.00'),
    );
    vi.mocked(client.pledgeAdd).mockRejectedValue(
      apiError({ code: 'invalid_input', field: 'lines[1]', reason: 'duplicate', message: '2024 appears twice' }),
    );
    await renderForm();
    await typeDoha();
    await screen.findByTestId('pledge-preview-total');
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
    vi.mocked(client.pledgePreview).mockResolvedValue(
      preview([[2024, '15000000.00'], [2025, '15000000.00'], [2026, '15000000.00']], '45000000.00'),
    );
    vi.mocked(client.pledgeGet).mockResolvedValue(
      pledge({ schedule: { mode: 'total', amount: '45000000.00', fromYear: 2024, toYear: 2026 } }),
    );
    await renderForm({ eventId: 'ev-1', pledgeId: 'pl-1' });
    expect(screen.getByTestId('pledge-mode-total')).toBeChecked();
    expect(screen.getByTestId('pledge-amount')).toHaveValue('45000000.00');
    expect(await screen.findByTestId('pledge-preview-total')).toHaveTextContent('US$45,000,000.00');
    expect(vi.mocked(client.pledgePreview).mock.calls[0][0].schedule).toEqual({
      mode: 'total',
      amount: '45000000.00',
      fromYear: 2024,
      toYear: 2026,
    });
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
