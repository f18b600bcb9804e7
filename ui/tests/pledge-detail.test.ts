import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import { toasts } from '../src/services/toast.svelte';
import PledgeDetail from '../src/views/pledges/PledgeDetail.svelte';
import { apiError, delegation, event, line, pledge, session, speaker } from './fixtures';

vi.mock('../src/api/client');

async function renderDetail() {
  render(PledgeDetail, { props: { eventId: 'ev-1', pledgeId: 'pl-1' } });
  return screen.findByTestId('pledge-detail');
}

const stageDialog = () => screen.getByTestId('stage-dialog') as HTMLDialogElement;

describe('pledge detail', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(client.pledgeGet).mockResolvedValue(pledge());
    vi.mocked(client.eventGet).mockResolvedValue(event());
    vi.mocked(client.auditList).mockResolvedValue([]);
    vi.mocked(client.sessionList).mockResolvedValue([session()]);
    vi.mocked(client.speakerList).mockResolvedValue([speaker()]);
    vi.mocked(client.delegationList).mockResolvedValue([delegation()]);
  });

  it('names the delegation that announced the pledge, in the interface language', async () => {
    vi.mocked(client.pledgeGet).mockResolvedValue(pledge({ delegationId: 'dl-qa' }));
    await renderDetail();
    expect(screen.getByTestId('pledge-delegation')).toHaveTextContent('Qatar');
  });

  it('shows no delegation when the pledge names none', async () => {
    await renderDetail();
    expect(screen.getByTestId('pledge-delegation')).toHaveTextContent('—');
  });

  it('shows what was recorded, each year with its stage, paid so far and dates', async () => {
    vi.mocked(client.pledgeGet).mockResolvedValue(
      pledge({
        lines: [
          line({ year: 2024, status: 'committed', paid: '5000000.00', committedOn: '2024-06-01', paidOn: '2024-06-30' }),
          line({ year: 2025, status: 'committed', committedOn: '2024-06-01' }),
          line({ year: 2026 }),
        ],
        paid: '5000000.00',
      }),
    );
    await renderDetail();

    expect(screen.getByTestId('pledge-donors-title')).toHaveTextContent('State of Qatar');
    expect(screen.getByTestId('pledge-total-amount')).toHaveTextContent('US$45,000,000.00');
    expect(screen.getByTestId('pledge-paid-amount')).toHaveTextContent('US$5,000,000.00');
    expect(screen.getByTestId('pledge-detail')).toHaveTextContent('Opening Session');
    expect(screen.getByTestId('pledge-detail')).toHaveTextContent('H.E. Sultan bin Saad Al-Muraikhi');

    const lines = screen.getAllByTestId('pledge-line');
    expect(lines.map((row) => row.dataset.year)).toEqual(['2024', '2025', '2026']);
    expect(within(lines[0]).getByTestId('pledge-line-paid')).toHaveTextContent('US$5,000,000.00');
    expect(lines[0]).toHaveTextContent('Committed 1 June 2024');
    expect(lines[0]).toHaveTextContent('Paid 30 June 2024');
    expect(within(lines[1]).getByTestId('stage-badge')).toHaveTextContent('Committed');
    expect(within(lines[2]).getByTestId('stage-badge')).toHaveTextContent('Announced');
    expect(within(lines[2]).getByTestId('pledge-line-paid')).toHaveTextContent('—');
  });

  it('records a payment: the year, the amount paid so far for it, and the date', async () => {
    const paid = pledge({
      lines: [line({ year: 2024, status: 'committed', paid: '5000000.00', committedOn: '2024-06-30', paidOn: '2024-06-30' }), line({ year: 2025 }), line({ year: 2026 })],
      paid: '5000000.00',
    });
    vi.mocked(client.pledgeStage).mockResolvedValue(paid);
    await renderDetail();

    await fireEvent.click(screen.getByTestId('stage-pay'));
    expect(stageDialog().open).toBe(true);
    expect(stageDialog()).toHaveTextContent('Record a payment');
    // The first year not yet paid is offered first.
    expect(screen.getByTestId('stage-year')).toHaveValue('2024');
    await fireEvent.input(screen.getByTestId('stage-amount'), { target: { value: '5,000,000' } });
    await fireEvent.input(screen.getByTestId('stage-date'), { target: { value: '2024-06-30' } });
    await fireEvent.click(screen.getByTestId('stage-submit'));

    expect(client.pledgeStage).toHaveBeenCalledWith('pl-1', {
      to: 'paid',
      year: 2024,
      amount: '5,000,000',
      date: '2024-06-30',
      reason: '',
    });
    await waitFor(() => expect(stageDialog().open).toBe(false));
    expect(within(screen.getAllByTestId('pledge-line')[0]).getByTestId('pledge-line-paid')).toHaveTextContent(
      'US$5,000,000.00',
    );
    expect(toasts.list.map((toast) => toast.text)).toContain('Payment recorded.');
  });

  it('records every year as paid in full: no year and no amount', async () => {
    vi.mocked(client.pledgeStage).mockResolvedValue(pledge({ status: 'paid' }));
    await renderDetail();
    await fireEvent.click(screen.getByTestId('stage-pay'));
    await fireEvent.change(screen.getByTestId('stage-year'), { target: { value: '' } });
    expect(screen.getByTestId('stage-amount')).toBeDisabled();
    await fireEvent.input(screen.getByTestId('stage-date'), { target: { value: '2025-01-10' } });
    await fireEvent.click(screen.getByTestId('stage-submit'));

    expect(client.pledgeStage).toHaveBeenCalledWith('pl-1', { to: 'paid', year: null, amount: null, date: '2025-01-10', reason: '' });
  });

  it('shows the core’s refusal of a payment next to the amount and keeps the dialog open', async () => {
    vi.mocked(client.pledgeStage).mockRejectedValue(
      apiError({ code: 'invalid_input', field: 'amount', reason: 'exceeds_pledge', message: 'more than the 15000000.00 pledged for 2024' }),
    );
    await renderDetail();
    await fireEvent.click(screen.getByTestId('stage-pay'));
    await fireEvent.input(screen.getByTestId('stage-amount'), { target: { value: '20,000,000' } });
    await fireEvent.click(screen.getByTestId('stage-submit'));

    expect(await screen.findByTestId('error-amount')).toHaveTextContent('This is more than was pledged for that year.');
    expect(screen.getByTestId('stage-amount')).toHaveAttribute('aria-invalid', 'true');
    expect(stageDialog().open).toBe(true);
  });

  it('records a commitment of every year, dated today unless changed', async () => {
    vi.mocked(client.pledgeStage).mockResolvedValue(pledge({ status: 'committed' }));
    await renderDetail();
    await fireEvent.click(screen.getByTestId('stage-commit'));
    expect(screen.getByTestId('stage-year')).toHaveValue('');
    expect(screen.queryByTestId('stage-amount')).toBeNull();
    await fireEvent.click(screen.getByTestId('stage-submit'));

    const change = vi.mocked(client.pledgeStage).mock.calls[0][1];
    expect(change).toMatchObject({ to: 'committed', year: null, amount: null, reason: '' });
    expect(change.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('cancels only with a reason, after saying what cancelling means', async () => {
    vi.mocked(client.pledgeStage)
      .mockRejectedValueOnce(apiError({ code: 'invalid_input', field: 'reason', reason: 'required' }))
      .mockResolvedValueOnce(pledge({ status: 'cancelled', cancelled: { on: '2024-09-01', reason: 'Withdrawn' } }));
    await renderDetail();
    await fireEvent.click(screen.getByTestId('stage-cancel'));
    expect(stageDialog()).toHaveTextContent('Cancel this pledge?');
    expect(stageDialog()).toHaveTextContent('no longer counts in the totals');

    await fireEvent.click(screen.getByTestId('stage-submit'));
    expect(await screen.findByTestId('error-reason')).toHaveTextContent('This is required.');

    await fireEvent.input(screen.getByTestId('stage-reason'), { target: { value: 'Withdrawn' } });
    await fireEvent.input(screen.getByTestId('stage-date'), { target: { value: '2024-09-01' } });
    await fireEvent.click(screen.getByTestId('stage-submit'));
    expect(client.pledgeStage).toHaveBeenLastCalledWith('pl-1', {
      to: 'cancelled',
      year: null,
      amount: null,
      date: '2024-09-01',
      reason: 'Withdrawn',
    });
    expect(await screen.findByTestId('pledge-cancelled')).toHaveTextContent('Withdrawn');
    // A cancelled pledge moves no further.
    expect(screen.queryByTestId('stage-pay')).toBeNull();
    expect(screen.queryByTestId('stage-commit')).toBeNull();
    expect(screen.queryByTestId('stage-cancel')).toBeNull();
  });

  it('asks for confirmation before deleting; keeping it deletes nothing', async () => {
    vi.mocked(client.pledgeDelete).mockResolvedValue(null);
    await renderDetail();
    await fireEvent.click(screen.getByTestId('pledge-delete'));

    const dialog = screen.getByRole('dialog', { name: 'Delete this pledge?', hidden: true }) as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(dialog).toHaveTextContent('State of Qatar');
    await fireEvent.click(screen.getByTestId('cancel-delete'));
    expect(dialog.open).toBe(false);
    expect(client.pledgeDelete).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByTestId('pledge-delete'));
    await fireEvent.click(screen.getByTestId('confirm-delete'));
    expect(client.pledgeDelete).toHaveBeenCalledWith('pl-1');
    await waitFor(() => expect(location.hash).toBe('#/events/ev-1/pledges'));
    expect(toasts.list.map((toast) => toast.text)).toContain('Pledge deleted.');
  });

  it('links to the edit form, the event and its pledges', async () => {
    await renderDetail();
    expect(screen.getByTestId('pledge-edit')).toHaveAttribute('href', '#/events/ev-1/pledges/pl-1/edit');
    expect(screen.getByTestId('crumb-event')).toHaveAttribute('href', '#/events/ev-1');
    expect(screen.getByTestId('crumb-pledges')).toHaveAttribute('href', '#/events/ev-1/pledges');
  });

  it('explains a pledge that no longer exists', async () => {
    vi.mocked(client.pledgeGet).mockRejectedValue(apiError({ code: 'not_found', field: 'id', reason: 'not_found' }));
    render(PledgeDetail, { props: { eventId: 'ev-1', pledgeId: 'gone' } });
    expect(await screen.findByText('This pledge does not exist, or it was deleted.')).toBeInTheDocument();
  });
});
