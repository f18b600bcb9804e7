import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import type { ExportOutcome } from '../src/api/types';
import ExportButton from '../src/components/ExportButton.svelte';
import { setLang } from '../src/i18n/index.svelte';
import { clearToasts, toasts } from '../src/services/toast.svelte';

vi.mock('../src/api/client');

describe('export button', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    clearToasts();
    setLang('en');
  });

  it('is busy while exporting, in the current language, then says where the file went', async () => {
    let finish: (outcome: ExportOutcome) => void = () => {};
    vi.mocked(client.exportDocument).mockReturnValue(new Promise((resolve) => (finish = resolve)));
    setLang('ar');
    render(ExportButton, { props: { eventId: 'e1', kind: 'participant_list', label: 'export.participants' } });
    const button = screen.getByTestId('export-participant_list');
    await fireEvent.click(button);
    expect(client.exportDocument).toHaveBeenCalledWith('e1', 'participant_list', 'ar');
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute('aria-busy', 'true');
    expect(button).toHaveTextContent('جارٍ التصدير');
    finish({ file: '/home/x/participants-ar.pdf', bytes: 1000, missingGlyphs: 0 });
    await waitFor(() => expect(button).not.toBeDisabled());
    expect(toasts.list.map((toast) => toast.text)).toEqual(['تم الحفظ في /home/x/participants-ar.pdf']);
  });

  it('a cancelled save dialog shows nothing; missing glyphs are reported', async () => {
    vi.mocked(client.exportDocument).mockResolvedValue({ file: null, bytes: 1000, missingGlyphs: 0 });
    render(ExportButton, { props: { eventId: 'e1', kind: 'pledges_pdf', label: 'export.pledgesPdf' } });
    await fireEvent.click(screen.getByTestId('export-pledges_pdf'));
    await waitFor(() => expect(screen.getByTestId('export-pledges_pdf')).not.toBeDisabled());
    expect(toasts.list).toEqual([]);
    vi.mocked(client.exportDocument).mockResolvedValue({ file: '/tmp/p.pdf', bytes: 10, missingGlyphs: 3 });
    await fireEvent.click(screen.getByTestId('export-pledges_pdf'));
    await waitFor(() => expect(toasts.list.length).toBe(2));
    expect(toasts.list[1].text).toContain('3 characters');
  });
});
