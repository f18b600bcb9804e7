import { render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import { setLang } from '../src/i18n/index.svelte';
import About from '../src/views/about/About.svelte';

vi.mock('../src/api/client');

describe('about panel', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(client.appInfo).mockResolvedValue({
      version: '0.1.0',
      dataFile: '/home/organiser/.local/share/muntada/muntada.db',
      licence: 'AGPL-3.0-or-later',
    });
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
    vi.mocked(client.appInfo).mockResolvedValue({ version: '2.0.0', dataFile: '/tmp/x.db', licence: 'MIT' });
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
