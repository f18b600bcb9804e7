import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import { setLang } from '../src/i18n/index.svelte';
import { toasts } from '../src/services/toast.svelte';
import About from '../src/views/about/About.svelte';
import { apiError, appInfo } from './fixtures';

vi.mock('../src/api/client');

describe('your data', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(client.appInfo).mockResolvedValue(appInfo());
  });

  it('shows where the data and the automatic backups are', async () => {
    render(About);
    expect(await screen.findByTestId('data-file')).toHaveTextContent('/home/organiser/.local/share/muntada/muntada.db');
    expect(screen.getByTestId('backups-folder')).toHaveTextContent('/home/organiser/.local/share/muntada/backups');
  });

  it('backs up through the native dialog and confirms where', async () => {
    vi.mocked(client.backupCreate).mockResolvedValue({ file: '/media/usb/forum.db' });
    render(About);
    await fireEvent.click(await screen.findByTestId('backup-now'));
    expect(client.backupCreate).toHaveBeenCalledWith();
    await waitFor(() => expect(toasts.list.map((t) => t.text)).toEqual(['Backup saved in /media/usb/forum.db.']));
  });

  it('says nothing when the dialog is cancelled', async () => {
    vi.mocked(client.backupCreate).mockResolvedValue(null);
    render(About);
    await fireEvent.click(await screen.findByTestId('backup-now'));
    await waitFor(() => expect(client.backupCreate).toHaveBeenCalled());
    await waitFor(() => expect(screen.getByTestId('backup-now')).not.toBeDisabled());
    expect(toasts.list).toEqual([]);
  });

  it('asks before restoring, and cancelling restores nothing', async () => {
    render(About);
    await fireEvent.click(await screen.findByTestId('restore-backup'));
    const dialog = screen.getByRole('dialog', { hidden: true }) as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(dialog).toHaveTextContent('The current data is first kept in the backups folder');
    await fireEvent.click(screen.getByTestId('cancel-restore'));
    expect(client.backupRestore).not.toHaveBeenCalled();
  });

  it('restores after confirmation and says where the replaced data is', async () => {
    vi.mocked(client.backupRestore).mockResolvedValue({
      file: '/media/usb/forum.db',
      previousData: '/data/backups/muntada-20251120T140500.000Z-before-restore.db',
      events: 2,
      participants: 1250,
    });
    render(About);
    await fireEvent.click(await screen.findByTestId('restore-backup'));
    await fireEvent.click(screen.getByTestId('confirm-restore'));
    expect(client.backupRestore).toHaveBeenCalledWith();
    await waitFor(() =>
      expect(toasts.list.map((t) => t.text)).toEqual([
        'The backup is restored: 2 events, 1,250 participants. The data it replaced is kept in /data/backups/muntada-20251120T140500.000Z-before-restore.db.',
      ]),
    );
  });

  it('explains a refused backup in words', async () => {
    vi.mocked(client.backupRestore).mockRejectedValue(
      apiError({ code: 'storage', reason: 'foreign_schema', message: 'has an unknown table "payloads"' }),
    );
    render(About);
    await fireEvent.click(await screen.findByTestId('restore-backup'));
    await fireEvent.click(screen.getByTestId('confirm-restore'));
    await waitFor(() => expect(toasts.list.map((t) => t.kind)).toEqual(['error']));
    expect(toasts.list[0].text).toBe('This file is a database, but not one written by Muntada.');
    expect(toasts.list[0].details).toBe('has an unknown table "payloads"');
  });
});

describe('about panel', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(client.appInfo).mockResolvedValue(appInfo({ version: '0.1.0' }));
  });

  it('shows the version, the data file and the licences of the app and the fonts', async () => {
    render(About);

    expect(await screen.findByTestId('app-version')).toHaveTextContent('0.1.0');
    expect(screen.getByTestId('data-file')).toHaveTextContent('/home/organiser/.local/share/muntada/muntada.db');
    const app = screen.getByTestId('licence-app');
    expect(app).toHaveTextContent('GNU Affero General Public License, version 3 or later');
    expect(app).toHaveTextContent('AGPL-3.0-or-later');
    const fonts = screen.getByTestId('licence-fonts');
    expect(fonts).toHaveTextContent('Noto Sans and Noto Naskh Arabic');
    expect(fonts).toHaveTextContent('SIL Open Font License 1.1');
    expect(fonts).toHaveTextContent('OFL-1.1');
  });

  it('shows the licence the shell reports, not a fixed one', async () => {
    vi.mocked(client.appInfo).mockResolvedValue(appInfo({ version: '2.0.0', licence: 'MIT' }));
    render(About);
    expect(await screen.findByTestId('licence-app')).toHaveTextContent('MIT');
  });

  it('says the same in Arabic, with the identifiers left to right', async () => {
    setLang('ar');
    render(About);

    const app = await screen.findByTestId('licence-app');
    expect(app).toHaveTextContent('رخصة غنو أفيرو العمومية');
    expect(app.querySelector('code')).toHaveAttribute('dir', 'ltr');
    expect(screen.getByTestId('licence-fonts')).toHaveTextContent('SIL Open Font License 1.1');
  });
});
