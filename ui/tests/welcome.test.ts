import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import { i18n } from '../src/i18n/index.svelte';
import { forgetReady } from '../src/services/app';
import { toasts } from '../src/services/toast.svelte';
import EventsView from '../src/views/events/EventsView.svelte';
import { event } from './fixtures';

vi.mock('../src/api/client');

describe('home page', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(client.appReady).mockResolvedValue(null);
    forgetReady();
  });

  it('shows the welcome page with create and demo when there are no events', async () => {
    vi.mocked(client.eventList).mockResolvedValue([]);
    render(EventsView, { props: { home: true } });

    expect(await screen.findByTestId('welcome')).toBeInTheDocument();
    expect(screen.getByTestId('create-event')).toHaveAttribute('href', '#/events/new');
    expect(screen.getByTestId('open-demo')).toHaveTextContent('Open the demo forum');
    expect(screen.queryByTestId('events-list')).toBeNull();
  });

  it('offers both languages, each named in itself, and remembers the one chosen', async () => {
    vi.mocked(client.eventList).mockResolvedValue([]);
    render(EventsView, { props: { home: true } });

    const english = await screen.findByTestId('welcome-lang-en');
    const arabic = screen.getByTestId('welcome-lang-ar');
    expect(english).toHaveTextContent('English');
    expect(arabic).toHaveTextContent('العربية');
    expect(arabic).toHaveAttribute('lang', 'ar');
    expect(english).toHaveAttribute('aria-pressed', 'true');
    expect(arabic).toHaveAttribute('aria-pressed', 'false');

    await fireEvent.click(arabic);
    expect(i18n.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(localStorage.getItem('muntada.lang')).toBe('ar');
    expect(arabic).toHaveAttribute('aria-pressed', 'true');
    expect(english).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('مرحبًا بك في منتدى');
    expect(screen.getByRole('group', { name: 'لغة الواجهة' })).toBeInTheDocument();

    await fireEvent.click(english);
    expect(localStorage.getItem('muntada.lang')).toBe('en');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Welcome to Muntada');
  });

  it('reports the first view to the shell once, after it is on screen', async () => {
    vi.mocked(client.eventList).mockResolvedValue([]);
    const first = render(EventsView, { props: { home: true } });
    await screen.findByTestId('welcome');
    await waitFor(() => expect(client.appReady).toHaveBeenCalledWith('welcome'));
    first.unmount();

    vi.mocked(client.eventList).mockResolvedValue([event()]);
    render(EventsView, { props: { home: true } });
    await screen.findByTestId('events-list');
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(vi.mocked(client.appReady).mock.calls).toEqual([['welcome']]);
  });

  it('reports a list or a load error as the first view too', async () => {
    vi.mocked(client.eventList).mockRejectedValue({ code: 'storage', field: null, reason: 'storage', message: 'locked' });
    render(EventsView, { props: { home: true } });
    await screen.findByTestId('load-error');
    await waitFor(() => expect(client.appReady).toHaveBeenCalledWith('load-error'));
  });

  it('opening the demo calls demoOpen and goes to its overview', async () => {
    vi.mocked(client.eventList).mockResolvedValue([]);
    vi.mocked(client.demoOpen).mockResolvedValue(event({ id: 'demo-forum' }));
    render(EventsView, { props: { home: true } });

    await fireEvent.click(await screen.findByTestId('open-demo'));
    expect(client.demoOpen).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(location.hash).toBe('#/events/demo-forum'));
  });

  it('stays put and reports when the demo cannot be opened', async () => {
    vi.mocked(client.eventList).mockResolvedValue([]);
    vi.mocked(client.demoOpen).mockRejectedValue({ code: 'storage', field: null, reason: 'storage', message: 'disk full' });
    render(EventsView, { props: { home: true } });

    await fireEvent.click(await screen.findByTestId('open-demo'));
    await waitFor(() => expect(screen.getByTestId('open-demo')).not.toBeDisabled());
    expect(location.hash).toBe('');
    expect(toasts.list.map((toast) => [toast.kind, toast.text, toast.details])).toEqual([
      ['error', 'The data file could not be read or written.', 'disk full'],
    ]);
  });

  it('shows the list instead when events exist, titles falling back to the other language', async () => {
    vi.mocked(client.eventList).mockResolvedValue([
      event(),
      event({ id: 'ev-2', title: { en: '', ar: 'ملتقى تونس' }, city: { en: 'Tunis', ar: 'تونس' }, country: 'TN', status: 'archived' }),
    ]);
    render(EventsView, { props: { home: true } });

    expect(await screen.findByTestId('events-list')).toBeInTheDocument();
    expect(screen.queryByTestId('welcome')).toBeNull();
    const rows = screen.getAllByTestId('event-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveAttribute('href', '#/events/ev-1');
    expect(rows[0]).toHaveTextContent('Doha Forum on Water Security');
    expect(rows[0]).toHaveTextContent(/12\s?–\s?14 March 2026/);
    expect(rows[0]).toHaveTextContent('Doha');
    expect(rows[0]).toHaveTextContent('Open');
    expect(rows[1]).toHaveTextContent('ملتقى تونس');
    expect(rows[1]).toHaveTextContent('Archived');
    expect(screen.getByTestId('new-event')).toHaveAttribute('href', '#/events/new');
  });

  it('shows a retry when the list cannot be loaded', async () => {
    vi.mocked(client.eventList).mockRejectedValueOnce({ code: 'storage', field: null, reason: 'storage', message: 'locked' });
    vi.mocked(client.eventList).mockResolvedValueOnce([]);
    render(EventsView);

    expect(await screen.findByTestId('load-error')).toHaveTextContent('The data file could not be read or written.');
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('events-list')).toBeInTheDocument();
  });
});
