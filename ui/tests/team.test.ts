import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import type { TeamRole, TeamStatus } from '../src/api/types';
import Header from '../src/components/Header.svelte';
import { setLang } from '../src/i18n/index.svelte';
import { can, forgetTeam, loadTeamStatus, onDataChanged, receive, team } from '../src/services/team.svelte';
import TeamDialog from '../src/views/about/TeamDialog.svelte';
import CheckInDesk from '../src/views/participants/CheckInDesk.svelte';
import PledgesView from '../src/views/pledges/PledgesView.svelte';
import RegisterForm from '../src/views/participants/RegisterForm.svelte';
import { apiError, countries, event, listing } from './fixtures';

vi.mock('../src/api/client');

const place = { host: 'db.example.org', port: 5432, database: 'forum-2025', user: 'desk1', caFile: null };
/** What the dialog sends for `place`, before the password: no CA file given. */
const login = { host: 'db.example.org', port: 5432, database: 'forum-2025', user: 'desk1', caFile: '' };

function status(overrides: Partial<TeamStatus> = {}): TeamStatus {
  return { team: place, role: 'admin', saved: place, sessionOnly: false, lost: false, startFailure: null, ...overrides };
}

beforeEach(() => {
  vi.resetAllMocks();
  forgetTeam();
});

describe('what a role may change', () => {
  const cases: [TeamRole | null, string[]][] = [
    [null, ['events', 'participants', 'programme', 'pledges', 'outcome', 'audit']],
    ['admin', ['events', 'participants', 'programme', 'pledges', 'outcome', 'audit']],
    ['registration', ['participants']],
    ['programme', ['programme']],
    ['coordinator', ['pledges', 'outcome']],
  ];
  for (const [role, allowed] of cases) {
    it(`${role ?? 'this computer'}: ${allowed.join(', ')}`, () => {
      const s = role === null ? status({ team: null, role: null }) : status({ role });
      for (const area of ['events', 'participants', 'programme', 'pledges', 'outcome', 'audit'] as const) {
        expect(can(area, s), area).toBe(allowed.includes(area));
      }
    });
  }

  it('allows everything before the status is known (this computer)', () => {
    expect(can('pledges')).toBe(true);
  });

  it('allows nothing to a team login in none of the roles', () => {
    expect(can('participants', status({ role: null }))).toBe(false);
  });
});

describe('news from the team database', () => {
  it('refreshes the views that show a changed table, and only those', () => {
    const desk = vi.fn();
    const pledges = vi.fn();
    onDataChanged(['participants'], desk);
    const stop = onDataChanged(['pledges', 'pledge_years'], pledges);
    receive({ kind: 'changed', tables: ['participants'] });
    expect([desk.mock.calls.length, pledges.mock.calls.length]).toEqual([1, 0]);
    receive({ kind: 'changed', tables: ['*'] });
    expect([desk.mock.calls.length, pledges.mock.calls.length]).toEqual([2, 1]);
    stop();
    receive({ kind: 'changed', tables: ['pledges'] });
    expect(pledges).toHaveBeenCalledTimes(1);
  });

  it('shows Reconnecting… while the connection is lost', async () => {
    receive({ kind: 'connection', lost: true });
    expect(team.lost).toBe(true);
    receive({ kind: 'connection', lost: false });
    expect(team.lost).toBe(false);
  });
});

describe('the header', () => {
  it('says "This computer", in both languages', async () => {
    vi.mocked(client.teamStatus).mockResolvedValue(status({ team: null, role: null }));
    await loadTeamStatus();
    render(Header);
    expect(screen.getByTestId('data-location')).toHaveTextContent('This computer');
    setLang('ar');
    await waitFor(() => expect(screen.getByTestId('data-location')).toHaveTextContent('هذا الحاسوب'));
  });

  it('names the team database, in both languages', async () => {
    vi.mocked(client.teamStatus).mockResolvedValue(status());
    await loadTeamStatus();
    render(Header);
    expect(screen.getByTestId('data-location')).toHaveTextContent('Team: forum-2025 on db.example.org');
    setLang('ar');
    await waitFor(() =>
      expect(screen.getByTestId('data-location')).toHaveTextContent('الفريق: forum-2025 على db.example.org'),
    );
  });
});

describe('connect to a team database', () => {
  async function fillIn() {
    render(TeamDialog, { saved: place, onclose: vi.fn() });
    expect(screen.getByTestId('team-host')).toHaveValue('db.example.org');
    expect(screen.getByTestId('team-port')).toHaveValue(5432);
    await fireEvent.input(screen.getByTestId('team-password'), { target: { value: 's3cret' } });
  }

  it('tests before saving and names what failed', async () => {
    vi.mocked(client.teamTest).mockRejectedValue(apiError({ code: 'storage', reason: 'password_refused' }));
    await fillIn();
    expect(screen.getByTestId('team-save')).toBeDisabled();
    await fireEvent.click(screen.getByTestId('team-test'));
    expect(await screen.findByTestId('team-error')).toHaveTextContent('The server refused the user name or the password.');
    expect(client.teamTest).toHaveBeenCalledWith({ ...login, password: 's3cret' });
    expect(screen.getByTestId('team-save')).toBeDisabled();
  });

  it('saves once the test passed, and asks again after a field changed', async () => {
    vi.mocked(client.teamTest).mockResolvedValue(null);
    vi.mocked(client.teamConnect).mockResolvedValue(status());
    await fillIn();
    await fireEvent.click(screen.getByTestId('team-test'));
    await screen.findByTestId('team-ok');
    expect(screen.getByTestId('team-save')).not.toBeDisabled();
    await fireEvent.input(screen.getByTestId('team-user'), { target: { value: 'desk2' } });
    expect(screen.getByTestId('team-save')).toBeDisabled();
    await fireEvent.click(screen.getByTestId('team-test'));
    await screen.findByTestId('team-ok');
    await fireEvent.click(screen.getByTestId('team-save'));
    await waitFor(() => expect(client.teamConnect).toHaveBeenCalledWith({ ...login, user: 'desk2', password: 's3cret' }, true));
    await waitFor(() => expect(team.status?.team?.database).toBe('forum-2025'));
  });

  it('points at the CA file when the certificate is not trusted, and sends the file given', async () => {
    vi.mocked(client.teamTest)
      .mockRejectedValueOnce(apiError({ code: 'storage', reason: 'certificate_untrusted' }))
      .mockResolvedValueOnce(null);
    await fillIn();
    await fireEvent.click(screen.getByTestId('team-test'));
    expect(await screen.findByTestId('team-error')).toHaveTextContent('CA certificate file');
    expect(screen.getByTestId('team-ca-file')).toHaveAttribute('aria-invalid', 'true');
    await fireEvent.input(screen.getByTestId('team-ca-file'), { target: { value: ' /etc/ssl/team-ca.pem ' } });
    await fireEvent.click(screen.getByTestId('team-test'));
    await screen.findByTestId('team-ok');
    expect(client.teamTest).toHaveBeenLastCalledWith({ ...login, password: 's3cret', caFile: '/etc/ssl/team-ca.pem' });
    expect(screen.getByTestId('team-ca-file')).not.toHaveAttribute('aria-invalid');
  });

  it('shows the remembered CA file and names each certificate failure in Arabic too', async () => {
    render(TeamDialog, { saved: { ...place, caFile: '/etc/ssl/team-ca.pem' }, onclose: vi.fn() });
    expect(screen.getByTestId('team-ca-file')).toHaveValue('/etc/ssl/team-ca.pem');
    setLang('ar');
    vi.mocked(client.teamTest).mockRejectedValue(apiError({ code: 'storage', reason: 'certificate_wrong_host' }));
    await fireEvent.click(screen.getByTestId('team-test'));
    expect(await screen.findByTestId('team-error')).toHaveTextContent('شهادة الخادم صادرة لاسم غير اسم المضيف');
    expect(screen.getByText('ملف شهادة جهة التصديق (اختياري)')).toBeInTheDocument();
  });

  it('offers this session only when the keyring cannot keep the password', async () => {
    vi.mocked(client.teamTest).mockResolvedValue(null);
    vi.mocked(client.teamConnect)
      .mockRejectedValueOnce(apiError({ code: 'storage', reason: 'keyring_unavailable' }))
      .mockResolvedValueOnce(status({ sessionOnly: true }));
    await fillIn();
    await fireEvent.click(screen.getByTestId('team-test'));
    await screen.findByTestId('team-ok');
    await fireEvent.click(screen.getByTestId('team-save'));
    expect(await screen.findByTestId('team-no-keyring')).toHaveTextContent('keyring cannot keep the password');
    await fireEvent.click(screen.getByTestId('team-session-only'));
    await waitFor(() => expect(client.teamConnect).toHaveBeenLastCalledWith({ ...login, password: 's3cret' }, false));
  });
});

describe('the pledges view follows the team', () => {
  beforeEach(() => {
    vi.mocked(client.eventGet).mockResolvedValue(event());
    vi.mocked(client.pledgeList).mockResolvedValue(listing());
  });

  it('reads the totals again when another desk changed pledges, keeping the filters', async () => {
    render(PledgesView, { props: { id: 'ev-1' } });
    await screen.findByTestId('pledges-view');
    await fireEvent.input(screen.getByTestId('pledge-filter-donor'), { target: { value: 'Qatar' } });
    receive({ kind: 'changed', tables: ['participants'] });
    expect(client.pledgeList).toHaveBeenCalledTimes(1);
    receive({ kind: 'changed', tables: ['pledges'] });
    await waitFor(() => expect(client.pledgeList).toHaveBeenCalledTimes(2));
    expect(screen.getByTestId('pledges-view')).toBeInTheDocument();
    expect(screen.getByTestId('pledge-filter-donor')).toHaveValue('Qatar');
  });

  it('offers Erase this person… to an admin only: the audit trail it rewrites is theirs alone', async () => {
    vi.mocked(client.categoryList).mockResolvedValue([]);
    vi.mocked(client.delegationList).mockResolvedValue([]);
    vi.mocked(client.referenceData).mockResolvedValue({ countries: countries(), timezones: ['UTC'], zones: [], currencies: [] });
    vi.mocked(client.auditList).mockResolvedValue([]);
    vi.mocked(client.participantGet).mockResolvedValue({
      id: 'p-4', eventId: 'ev-1', honorific: '', name: { en: 'Amina', ar: '' }, email: null, phone: null,
      organisation: { en: '', ar: '' }, country: null, category: 'media', status: 'confirmed', badgeCode: 'CODE4',
      consent: true, registeredAt: '2025-11-02T08:30:00Z', delegation: null, version: 1,
    });
    for (const [role, offered] of [['registration', false], ['admin', true]] as const) {
      vi.mocked(client.teamStatus).mockResolvedValue(status({ role }));
      await loadTeamStatus();
      const view = render(RegisterForm, { props: { eventId: 'ev-1', participantId: 'p-4' } });
      await screen.findByTestId('field-name-en');
      expect(screen.queryByTestId('erase-open') !== null, role).toBe(offered);
      view.unmount();
    }
  });

  it('offers no New pledge to a registration login', async () => {
    vi.mocked(client.teamStatus).mockResolvedValue(status({ role: 'registration' }));
    await loadTeamStatus();
    render(PledgesView, { props: { id: 'ev-1' } });
    await screen.findByTestId('pledges-view');
    expect(screen.queryByTestId('new-pledge')).toBeNull();
  });
});

describe('the check-in desk follows the other desks', () => {
  it('counts again when someone was checked in elsewhere, keeping what is typed', async () => {
    let checked = 3;
    vi.mocked(client.categoryList).mockResolvedValue([]);
    vi.mocked(client.delegationList).mockResolvedValue([]);
    vi.mocked(client.participantQuery).mockImplementation(async (_event, query) => ({
      total: query.status === 'checked_in' ? checked : 10,
      offset: 0,
      rows: [],
    }));
    render(CheckInDesk, { props: { eventId: 'ev-1' } });
    expect(await screen.findByTestId('desk-count')).toHaveTextContent('3 of 10 checked in');
    await fireEvent.input(screen.getByTestId('desk-scan'), { target: { value: 'AB12' } });
    checked = 4;
    receive({ kind: 'changed', tables: ['participants'] });
    await waitFor(() => expect(screen.getByTestId('desk-count')).toHaveTextContent('4 of 10 checked in'));
    expect(screen.getByTestId('desk-scan')).toHaveValue('AB12');
  });
});
