import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import History from '../src/components/History.svelte';
import { setLang } from '../src/i18n/index.svelte';
import { apiError, auditEntry } from './fixtures';

vi.mock('../src/api/client');

describe('history', () => {
  beforeEach(() => {
    vi.resetAllMocks();
  });

  it('lists what changed, who changed it and when, newest first as given', async () => {
    vi.mocked(client.auditList).mockResolvedValue([
      auditEntry({ id: 3, entity: 'pledge', actor: 'omar', label: { en: 'State of Qatar', ar: '' } }),
      auditEntry({ id: 2, action: 'import', label: { en: '', ar: 'خالد المري' } }),
      auditEntry({ id: 1, actor: '<script>alert(1)</script>' }),
    ]);
    render(History, { props: { subject: 'event', id: 'ev-1' } });

    const entries = await screen.findAllByTestId('history-entry');
    expect(entries.map((e) => e.querySelector('.what')?.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Recorded pledge State of Qatar',
      'Imported participant خالد المري',
      'Registered participant Amina Yusuf',
    ]);
    // An Arabic-only name keeps its own direction inside the English sentence.
    expect(entries[1].querySelector('bdi')).toHaveAttribute('dir', 'rtl');
    expect(entries[0]).toHaveTextContent('by omar');
    expect(entries[0].querySelector('time')).toHaveAttribute('datetime', '2025-11-20T14:05:00Z');
    // Whatever an actor's name holds is shown as text.
    expect(screen.getAllByTestId('history-actor')[2].textContent).toBe('<script>alert(1)</script>');
    expect(document.querySelector('script')).toBeNull();
    expect(client.auditList).toHaveBeenCalledTimes(1);
  });

  it('names a change by the status it moved the record to, in both languages', async () => {
    vi.mocked(client.auditList).mockResolvedValue([
      auditEntry({ id: 3, action: 'update', statusTo: 'checked_in' }),
      auditEntry({ id: 2, action: 'update', statusTo: null }),
      auditEntry({ id: 1, entity: 'pledge', action: 'update', statusTo: 'committed', label: { en: 'State of Qatar', ar: '' } }),
    ]);
    const { unmount } = render(History, { props: { subject: 'event', id: 'ev-1' } });
    const what = async () =>
      (await screen.findAllByTestId('history-entry')).map((e) => e.querySelector('.what')?.textContent?.replace(/\s+/g, ' ').trim());
    expect(await what()).toEqual([
      'Checked in Amina Yusuf',
      'Changed the registration of Amina Yusuf',
      'Committed pledge State of Qatar',
    ]);
    unmount();
    setLang('ar');
    render(History, { props: { subject: 'event', id: 'ev-1' } });
    expect((await what())[0]).toBe('تسجيل حضور أمينة يوسف');
    setLang('en');
  });

  it('translates an unknown actor', async () => {
    setLang('ar');
    vi.mocked(client.auditList).mockResolvedValue([auditEntry({ actor: 'unknown' })]);
    render(History, { props: { subject: 'event', id: 'ev-1' } });
    expect(await screen.findByTestId('history-actor')).toHaveTextContent('مستخدم غير معروف');
    expect(client.auditList).toHaveBeenCalledWith('event', 'ev-1');
  });

  it('says when a person was erased, without their name', async () => {
    vi.mocked(client.auditList).mockResolvedValue([
      auditEntry({ id: 2, action: 'erase', redacted: true, label: { en: '', ar: '' } }),
      auditEntry({ id: 1, redacted: true, label: { en: '', ar: '' } }),
    ]);
    render(History, { props: { subject: 'participant', id: 'p-1' } });
    const entries = await screen.findAllByTestId('history-entry');
    expect(entries[0]).toHaveTextContent('Erased the personal data of a participant');
    expect(entries[0]).not.toHaveTextContent('(personal data erased)');
    expect(entries[1]).toHaveTextContent('Registered participant (personal data erased)');
  });

  it('shows at most the limit, in Arabic too', async () => {
    setLang('ar');
    vi.mocked(client.auditList).mockResolvedValue(
      Array.from({ length: 15 }, (_, i) => auditEntry({ id: 15 - i })),
    );
    render(History, { props: { subject: 'event', id: 'ev-1', limit: 5 } });
    const entries = await screen.findAllByTestId('history-entry');
    expect(entries).toHaveLength(5);
    expect(screen.getByText('السجل')).toBeInTheDocument();
    expect(entries[0]).toHaveTextContent('تسجيل مشارك أمينة يوسف');
  });

  it('has an empty state and a retry after a failure', async () => {
    vi.mocked(client.auditList).mockRejectedValueOnce(apiError({ code: 'storage', reason: 'busy' }));
    vi.mocked(client.auditList).mockResolvedValueOnce([]);
    render(History, { props: { subject: 'event', id: 'ev-1' } });
    expect(await screen.findByText(/another Muntada window or command is writing/)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('history-empty')).toHaveTextContent('No changes recorded yet.');
  });
});
