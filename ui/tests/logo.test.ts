import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import type { EventLogo } from '../src/api/types';
import { setLang } from '../src/i18n/index.svelte';
import { toasts } from '../src/services/toast.svelte';
import LogoPanel from '../src/views/event-overview/LogoPanel.svelte';
import { apiError } from './fixtures';

vi.mock('../src/api/client');

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3];

function logo(over: Partial<EventLogo> = {}): EventLogo {
  return { format: 'png', width: 300, height: 120, image: PNG, updatedAt: '2026-05-01T10:00:00Z', ...over };
}

async function choose(bytes: number[] | Uint8Array, name = 'logo.png') {
  const input = (await screen.findByTestId('logo-file')) as HTMLInputElement;
  const file = new File([new Uint8Array(bytes)], name, { type: 'image/png' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await fireEvent.change(input);
}

describe('event logo', () => {
  let blobs: Blob[];
  beforeEach(() => {
    vi.resetAllMocks();
    blobs = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return `blob:logo-${blobs.length}`;
    });
    URL.revokeObjectURL = vi.fn();
  });

  it('says there is none, and takes a chosen file as bytes, then shows it from a blob URL', async () => {
    vi.mocked(client.eventLogoGet).mockResolvedValue(null);
    vi.mocked(client.eventLogoSet).mockResolvedValue(logo());
    render(LogoPanel, { props: { eventId: 'ev-1' } });
    expect(await screen.findByTestId('no-logo')).toHaveTextContent('No logo yet.');
    expect(screen.getByRole('button', { name: 'Choose an image' })).toBeInTheDocument();
    expect(screen.getByTestId('logo-file')).toHaveAttribute('accept', 'image/png,image/jpeg');
    expect(screen.queryByTestId('remove-logo')).toBeNull();

    await choose(PNG);
    const preview = await screen.findByTestId('logo-preview');
    expect(client.eventLogoSet).toHaveBeenCalledWith('ev-1', PNG);
    expect(preview).toHaveAttribute('src', 'blob:logo-1');
    expect(preview).toHaveAttribute('alt', 'The event’s logo');
    expect(blobs[0].type).toBe('image/png');
    expect(screen.getByTestId('logo-size')).toHaveTextContent('PNG, 300 × 120 pixels');
    expect(screen.getByRole('button', { name: 'Replace with another image' })).toBeInTheDocument();
    expect(toasts.list.map((t) => t.text)).toContain('Logo saved.');
  });

  it('explains a refused file in place and keeps the current logo', async () => {
    vi.mocked(client.eventLogoGet).mockResolvedValue(logo({ format: 'jpeg', image: [0xff, 0xd8, 0xff] }));
    vi.mocked(client.eventLogoSet).mockRejectedValue(
      apiError({ code: 'invalid_input', field: 'logo', reason: 'invalid_value' }),
    );
    render(LogoPanel, { props: { eventId: 'ev-1' } });
    expect(await screen.findByTestId('logo-preview')).toHaveAttribute('src', 'blob:logo-1');
    expect(blobs[0].type).toBe('image/jpeg');

    await choose([1, 2, 3], 'logo.svg');
    expect(await screen.findByTestId('logo-error')).toHaveTextContent('not a PNG or JPEG image');
    expect(screen.getByTestId('logo-file')).toHaveAttribute('aria-describedby', 'logo-error');
    expect(screen.getByTestId('logo-preview')).toHaveAttribute('src', 'blob:logo-1');
    expect(toasts.list).toEqual([]);
  });

  it('refuses a file over 1 MB without sending it', async () => {
    vi.mocked(client.eventLogoGet).mockResolvedValue(null);
    render(LogoPanel, { props: { eventId: 'ev-1' } });
    await choose(new Uint8Array(1024 * 1024 + 1));
    expect(await screen.findByTestId('logo-error')).toHaveTextContent('larger than 1 MB');
    expect(client.eventLogoSet).not.toHaveBeenCalled();
  });

  it('asks before removing; keeping it removes nothing', async () => {
    vi.mocked(client.eventLogoGet).mockResolvedValue(logo());
    vi.mocked(client.eventLogoRemove).mockResolvedValue(true);
    render(LogoPanel, { props: { eventId: 'ev-1' } });
    await fireEvent.click(await screen.findByTestId('remove-logo'));
    const dialog = screen.getByRole('dialog', { hidden: true }) as HTMLDialogElement;
    expect(dialog).toHaveTextContent('Remove the logo?');
    await fireEvent.click(screen.getByTestId('cancel-remove-logo'));
    expect(client.eventLogoRemove).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog', { hidden: true })).toBeNull();

    await fireEvent.click(screen.getByTestId('remove-logo'));
    await fireEvent.click(screen.getByTestId('confirm-remove-logo'));
    expect(client.eventLogoRemove).toHaveBeenCalledWith('ev-1');
    expect(await screen.findByTestId('no-logo')).toBeInTheDocument();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:logo-1');
    await waitFor(() => expect(toasts.list.map((t) => t.text)).toContain('Logo removed.'));
  });

  it('is in Arabic in Arabic', async () => {
    setLang('ar');
    vi.mocked(client.eventLogoGet).mockResolvedValue(logo());
    render(LogoPanel, { props: { eventId: 'ev-1' } });
    expect(await screen.findByTestId('logo-size')).toHaveTextContent('بكسل');
    expect(screen.getByRole('heading', { name: 'الشعار' })).toBeInTheDocument();
  });
});

describe('choosing the logo file', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    URL.createObjectURL = vi.fn(() => 'blob:logo');
    URL.revokeObjectURL = vi.fn();
  });

  it('offers the app’s own button and says in Arabic that no file is chosen, then names the chosen file', async () => {
    setLang('ar');
    vi.mocked(client.eventLogoGet).mockResolvedValue(null);
    vi.mocked(client.eventLogoSet).mockResolvedValue(logo());
    render(LogoPanel, { props: { eventId: 'ev-1' } });
    const button = await screen.findByTestId('logo-file-button');
    expect(button).toHaveTextContent('اختيار صورة');
    expect(screen.getByTestId('logo-file-chosen')).toHaveTextContent('لم يُختر ملف');
    // The webview's own control (with its English words) is out of sight and out of the Tab order.
    const input = screen.getByTestId('logo-file');
    expect(input).toHaveClass('visually-hidden');
    expect(input).toHaveAttribute('tabindex', '-1');
    const opened = vi.spyOn(input, 'click').mockImplementation(() => {});
    await fireEvent.click(button);
    expect(opened).toHaveBeenCalled();
    await choose(PNG, 'شعار المنتدى.png');
    expect(screen.getByTestId('logo-file-chosen')).toHaveTextContent('شعار المنتدى.png');
    setLang('en');
  });
});
