import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import { toasts } from '../src/services/toast.svelte';
import EventsView from '../src/views/events/EventsView.svelte';
import { event } from './fixtures';

vi.mock('../src/api/client');

describe('home page', () => {
  beforeEach(() => {
    vi.resetAllMocks();
  });

  it('shows the welcome page with create and demo when there are no events', async () => {
    vi.mocked(client.eventList).mockResolvedValue([]);
    render(EventsView, { props: { home: true } });

    expect(await screen.findByTestId('welcome')).toBeInTheDocument();
    expect(screen.getByTestId('create-event')).toHaveAttribute('href', '#/events/new');
    expect(screen.getByTestId('open-demo')).toHaveTextContent('Open the demo forum');
    expect(screen.queryByTestId('events-list')).toBeNull();
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
      event({ id: 'ev-2', title: { en: '', ar: 'ملتقى تونس' }, city: 'Tunis', country: 'TN', status: 'archived' }),
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
