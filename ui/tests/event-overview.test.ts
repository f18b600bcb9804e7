import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import { setLang } from '../src/i18n/index.svelte';
import { forgetReferenceData } from '../src/services/app';
import { toasts } from '../src/services/toast.svelte';
import EventOverview from '../src/views/event-overview/EventOverview.svelte';
import { apiError, auditEntry, event, overview, reference, summary } from './fixtures';

vi.mock('../src/api/client');

describe('event overview', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(client.eventOverview).mockResolvedValue(overview());
    vi.mocked(client.auditList).mockResolvedValue([]);
    forgetReferenceData();
    vi.mocked(client.referenceData).mockResolvedValue(reference());
  });

  it("names the event's time zone by its city in the interface's language, not by its IANA id", async () => {
    vi.mocked(client.eventOverview).mockResolvedValue(overview({ event: event({ timezone: 'Africa/Tunis' }) }));
    render(EventOverview, { props: { id: 'ev-1' } });
    const zone = await screen.findByTestId('event-timezone');
    await waitFor(() => expect(zone).toHaveTextContent('Tunis — Tunisia'));
    setLang('ar');
    await waitFor(() => expect(zone).toHaveTextContent('تونس'));
    expect(zone.textContent).not.toMatch(/Africa|\//);
    setLang('en');
  });

  it("shows the event's history", async () => {
    vi.mocked(client.auditList).mockResolvedValue([auditEntry({ actor: 'omar' })]);
    render(EventOverview, { props: { id: 'ev-1' } });
    const entry = await screen.findByTestId('history-entry');
    expect(entry).toHaveTextContent('Registered participant Amina Yusuf');
    expect(screen.getByTestId('history-actor')).toHaveTextContent('omar');
    expect(client.auditList).toHaveBeenCalledWith('event', 'ev-1');
  });

  it('renders the title, both languages, counts and pledge totals', async () => {
    render(EventOverview, { props: { id: 'ev-1' } });

    expect(await screen.findByTestId('event-title')).toHaveTextContent('Doha Forum on Water Security');
    expect(screen.getByTestId('event-title-other')).toHaveTextContent('منتدى الدوحة للأمن المائي');
    expect(screen.getByTestId('event-title-other').querySelector('[dir]')).toHaveAttribute('dir', 'rtl');
    expect(screen.getByTestId('event-dates')).toHaveTextContent(/12\s?–\s?14 March 2026/);
    expect(screen.getByTestId('event-place')).toHaveTextContent('Qatar National Convention Centre, Doha, Qatar');
    expect(screen.getByTestId('count-rooms')).toHaveTextContent(/^6$/);
    expect(screen.getByTestId('count-sessions')).toHaveTextContent(/^42$/);
    expect(screen.getByTestId('count-speakers')).toHaveTextContent(/^87$/);
    expect(screen.getByTestId('count-participants')).toHaveTextContent(/^1,250$/);
    expect(screen.getByTestId('count-pledges')).toHaveTextContent(/^14$/);
    const totals = screen.getAllByTestId('pledge-total').map((el) => el.textContent);
    expect(totals).toEqual(['US$45,000,000.00', '€12,500,000.50']);
    expect(client.eventOverview).toHaveBeenCalledWith('ev-1');
  });

  it("shows venue, city and organisers in the interface's language, isolating the other script", async () => {
    setLang('ar');
    try {
      render(EventOverview, { props: { id: 'ev-1' } });
      const place = await screen.findByTestId('event-place');
      // The venue has no Arabic name: the English one stands in, isolated from the Arabic around it.
      expect(place).toHaveTextContent('Qatar National Convention Centre، الدوحة، قطر');
      const parts = [...place.querySelectorAll('bdi')].map((el) => [el.textContent, el.getAttribute('lang')]);
      expect(parts).toEqual([
        ['Qatar National Convention Centre', 'en'],
        ['الدوحة', 'ar'],
        ['قطر', 'ar'],
      ]);
      const organisers = [...screen.getByTestId('event-organisers').querySelectorAll('li bdi')];
      expect(organisers.map((el) => [el.textContent, el.getAttribute('lang')])).toEqual([
        ['المجلس العربي للمياه', 'ar'],
        ['مؤسسة قطر', 'ar'],
      ]);
    } finally {
      setLang('en');
    }
  });

  it('shows organisers in English, an Arabic-only one isolated', async () => {
    render(EventOverview, { props: { id: 'ev-1' } });
    const organisers = await screen.findByTestId('event-organisers');
    const names = [...organisers.querySelectorAll('li bdi')].map((el) => [el.textContent, el.getAttribute('lang')]);
    expect(names).toEqual([
      ['Arab Water Council', 'en'],
      ['مؤسسة قطر', 'ar'],
    ]);
  });

  it('shows pledged, committed and paid per currency, the USD line, and links to the pledges', async () => {
    render(EventOverview, { props: { id: 'ev-1' } });

    await screen.findByTestId('event-title');
    expect(screen.getAllByTestId('pledge-committed').map((el) => el.textContent)).toEqual(['US$30,000,000.00', '€0.00']);
    expect(screen.getAllByTestId('pledge-paid').map((el) => el.textContent)).toEqual(['US$5,000,000.00', '€0.00']);
    // Several currencies: their sum appears only in US dollars at the recorded rates.
    expect(screen.getByTestId('pledge-usd-pledged')).toHaveTextContent('US$58,540,000.54');
    expect(screen.getByTestId('pledge-usd')).toHaveTextContent('left out for want of a recorded rate: 1');
    expect(screen.getByTestId('open-pledges')).toHaveAttribute('href', '#/events/ev-1/pledges');
  });

  it('leaves out the USD line when there is a single currency', async () => {
    const usdOnly = summary();
    usdOnly.currencies = usdOnly.currencies.filter((c) => c.currency === 'USD');
    vi.mocked(client.eventOverview).mockResolvedValue(overview({ pledges: usdOnly }));
    render(EventOverview, { props: { id: 'ev-1' } });

    expect(await screen.findByTestId('pledge-total')).toHaveTextContent('US$45,000,000.00');
    expect(screen.queryByTestId('pledge-usd')).toBeNull();
  });

  it('shows the Arabic title first, and Arabic formatting, in Arabic', async () => {
    setLang('ar');
    render(EventOverview, { props: { id: 'ev-1' } });

    expect(await screen.findByTestId('event-title')).toHaveTextContent('منتدى الدوحة للأمن المائي');
    expect(screen.getByTestId('event-title').textContent).toBe('منتدى الدوحة للأمن المائي');
    expect(screen.getByTestId('event-title').querySelector('[lang]')).toHaveAttribute('lang', 'ar');
    expect(screen.getByTestId('event-title-other')).toHaveTextContent('Doha Forum on Water Security');
    // Arabic-Indic digits, with the Arabic group and decimal separators.
    expect(screen.getAllByTestId('pledge-total')[0]).toHaveTextContent('٤٥٬٠٠٠٬٠٠٠٫٠٠ US$');
    expect(screen.getByTestId('count-participants')).toHaveTextContent('١٬٢٥٠');
  });

  it('says so when nothing has been pledged', async () => {
    const empty = summary({ currencies: [], years: [], inKind: 0, cancelled: 0 });
    vi.mocked(client.eventOverview).mockResolvedValue(overview({ pledges: empty }));
    render(EventOverview, { props: { id: 'ev-1' } });
    expect(await screen.findByTestId('no-pledges')).toHaveTextContent('No pledges recorded yet.');
    expect(screen.queryByTestId('pledge-total')).toBeNull();
    expect(screen.getByTestId('open-pledges')).toHaveTextContent('Record a pledge');
  });

  /** An event nothing must keep: no pledges (and, as far as the overview knows, no adopted outcome). */
  const deletable = () => overview({ counts: { rooms: 6, sessions: 42, speakers: 87, participants: 1250, pledges: 0 } });

  it('asks for confirmation before deleting, and cancelling deletes nothing', async () => {
    vi.mocked(client.eventOverview).mockResolvedValue(deletable());
    render(EventOverview, { props: { id: 'ev-1' } });
    await fireEvent.click(await screen.findByTestId('delete-event'));

    const dialog = screen.getByTestId('confirm-delete').closest('dialog') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(dialog).toHaveTextContent('Doha Forum on Water Security');
    expect(dialog).toHaveTextContent('kept in the backups folder first');
    expect(client.eventDelete).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByTestId('cancel-delete'));
    expect(dialog.open).toBe(false);
    expect(client.eventDelete).not.toHaveBeenCalled();
  });

  it('deletes after confirmation, then goes to the list with a toast', async () => {
    vi.mocked(client.eventOverview).mockResolvedValue(deletable());
    vi.mocked(client.eventDelete).mockResolvedValue(null);
    render(EventOverview, { props: { id: 'ev-1' } });
    await fireEvent.click(await screen.findByTestId('delete-event'));
    await fireEvent.click(screen.getByTestId('confirm-delete'));

    expect(client.eventDelete).toHaveBeenCalledWith('ev-1');
    await waitFor(() => expect(location.hash).toBe('#/events'));
    expect(toasts.list.map((toast) => toast.text)).toContain('“Doha Forum on Water Security” was deleted.');
  });

  it('stays on the page with an error toast when the delete fails', async () => {
    vi.mocked(client.eventOverview).mockResolvedValue(deletable());
    vi.mocked(client.eventDelete).mockRejectedValue(apiError({ code: 'storage', reason: 'storage' }));
    render(EventOverview, { props: { id: 'ev-1' } });
    await fireEvent.click(await screen.findByTestId('delete-event'));
    await fireEvent.click(screen.getByTestId('confirm-delete'));

    await waitFor(() => expect(toasts.list.map((toast) => toast.kind)).toEqual(['error']));
    expect(location.hash).toBe('');
    expect(screen.getByTestId('event-overview')).toBeInTheDocument();
  });

  it('does not offer to delete an event with pledges: it offers to archive it', async () => {
    render(EventOverview, { props: { id: 'ev-1' } });
    await fireEvent.click(await screen.findByTestId('delete-event'));

    expect((screen.getByTestId('confirm-delete').closest('dialog') as HTMLDialogElement).open).toBe(false);
    const dialog = screen.getByTestId('confirm-archive').closest('dialog') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(dialog).toHaveTextContent('This event cannot be deleted');
    expect(dialog).toHaveTextContent('“Doha Forum on Water Security” has pledges or an adopted outcome document');
    await fireEvent.click(screen.getByTestId('cancel-archive'));
    expect(dialog.open).toBe(false);
    expect(client.eventDelete).not.toHaveBeenCalled();
    expect(client.eventUpdate).not.toHaveBeenCalled();
  });

  it('archives the event as shown, from its version, and shows it archived', async () => {
    const archived = event({ status: 'archived', version: 8 });
    vi.mocked(client.eventOverview).mockResolvedValueOnce(overview({ event: event({ version: 7 }) }));
    vi.mocked(client.eventOverview).mockResolvedValue(overview({ event: archived }));
    vi.mocked(client.eventUpdate).mockResolvedValue(archived);
    render(EventOverview, { props: { id: 'ev-1' } });
    await fireEvent.click(await screen.findByTestId('delete-event'));
    await fireEvent.click(screen.getByTestId('confirm-archive'));

    await waitFor(() => expect(client.eventUpdate).toHaveBeenCalledTimes(1));
    const [id, version, input] = vi.mocked(client.eventUpdate).mock.calls[0];
    expect([id, version, input.status, input.country]).toEqual(['ev-1', 7, 'archived', 'QA']);
    expect(input.title).toEqual(event().title);
    expect(client.eventDelete).not.toHaveBeenCalled();
    await waitFor(() => expect(toasts.list.map((toast) => toast.text)).toContain('“Doha Forum on Water Security” is archived.'));
    await waitFor(() => expect(client.eventOverview).toHaveBeenCalledTimes(2));
  });

  it("turns the core's refusal (an adopted outcome document) into the offer to archive, without an error toast", async () => {
    vi.mocked(client.eventOverview).mockResolvedValue(deletable());
    vi.mocked(client.eventDelete).mockRejectedValue(
      apiError({ code: 'conflict', field: 'id', reason: 'in_use', message: 'the event has an adopted outcome document' }),
    );
    render(EventOverview, { props: { id: 'ev-1' } });
    await fireEvent.click(await screen.findByTestId('delete-event'));
    await fireEvent.click(screen.getByTestId('confirm-delete'));

    const archive = await screen.findByTestId('confirm-archive');
    await waitFor(() => expect((archive.closest('dialog') as HTMLDialogElement).open).toBe(true));
    expect((screen.getByTestId('confirm-delete').closest('dialog') as HTMLDialogElement).open).toBe(false);
    expect(toasts.list.filter((toast) => toast.kind === 'error')).toEqual([]);
    expect(location.hash).toBe('');
  });

  it('only explains, in Arabic too, for an archived event with pledges', async () => {
    setLang('ar');
    vi.mocked(client.eventOverview).mockResolvedValue(overview({ event: event({ status: 'archived' }) }));
    render(EventOverview, { props: { id: 'ev-1' } });
    await fireEvent.click(await screen.findByTestId('delete-event'));

    const close = screen.getByTestId('cancel-archive');
    const dialog = close.closest('dialog') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(dialog).toHaveTextContent('لا يمكن حذف هذه الفعالية');
    expect(dialog).toHaveTextContent('الفعالية مؤرشفة بالفعل');
    expect(close).toHaveTextContent('إغلاق');
    expect(screen.queryByTestId('confirm-archive')).toBeNull();
  });

  it('explains a missing event instead of failing', async () => {
    vi.mocked(client.eventOverview).mockRejectedValue(apiError({ code: 'not_found', field: 'id', reason: 'not_found' }));
    render(EventOverview, { props: { id: 'gone' } });
    expect(await screen.findByText('This event does not exist, or it was deleted.')).toBeInTheDocument();
  });

  it('falls back to the other language for a title that has only Arabic', async () => {
    vi.mocked(client.eventOverview).mockResolvedValue(
      overview({ event: event({ title: { en: '', ar: 'ملتقى تونس' } }) }),
    );
    render(EventOverview, { props: { id: 'ev-1' } });
    expect(await screen.findByTestId('event-title')).toHaveTextContent('ملتقى تونس');
    expect(screen.queryByTestId('event-title-other')).toBeNull();
  });
});
