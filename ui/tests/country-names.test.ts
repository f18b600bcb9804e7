// Countries are named as the core names them (and so as badges and documents print them), not
// by the browser's locale data, which calls Palestine "Palestinian Territories".
import { render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import type { ParticipantQuery } from '../src/api/types';
import { setLang } from '../src/i18n/index.svelte';
import { forgetReferenceData, getReferenceData } from '../src/services/app';
import ParticipantsView from '../src/views/participants/ParticipantsView.svelte';
import RegisterForm from '../src/views/participants/RegisterForm.svelte';
import { countries, event, participant } from './fixtures';

vi.mock('../src/api/client');

const CORE = { en: 'State of Palestine', ar: 'دولة فلسطين' };

const palestinian = participant({ name: { en: 'Rania Haddad', ar: 'رانيا حداد' }, country: 'PS' });

beforeEach(() => {
  vi.resetAllMocks();
  forgetReferenceData();
  vi.mocked(client.referenceData).mockResolvedValue({
    countries: countries('QA', 'PS'),
    timezones: ['UTC'],
    zones: [],
    currencies: [],
  });
  vi.mocked(client.eventGet).mockResolvedValue(event());
  vi.mocked(client.categoryList).mockResolvedValue([
    { key: 'other', name: { en: 'Other', ar: 'أخرى' }, colour: '#6b7280' },
  ]);
  vi.mocked(client.delegationList).mockResolvedValue([]);
  vi.mocked(client.participantQuery).mockImplementation(async (_id: string, q: ParticipantQuery) => ({
    total: 1,
    offset: q.offset,
    rows: q.offset === 0 ? [palestinian] : [],
  }));
});

describe("the core's country names", () => {
  it('differ from the browser\'s for Palestine, so the tests below can tell them apart', () => {
    for (const lang of ['en', 'ar'] as const) {
      expect(new Intl.DisplayNames(lang, { type: 'region' }).of('PS')).not.toBe(CORE[lang]);
    }
  });

  it('name the countries the registration form offers, in both languages', async () => {
    render(RegisterForm, { props: { eventId: 'ev-1' } });
    const select = await screen.findByTestId('field-country');
    const palestine = () => within(select).getByRole('option', { name: CORE.en });
    expect(palestine()).toHaveValue('PS');
    setLang('ar');
    await waitFor(() => expect(within(select).getByRole('option', { name: CORE.ar })).toHaveValue('PS'));
  });

  it("name a participant's country in the table, in both languages", async () => {
    // The app asks for the reference data as it starts; the table itself does not.
    await getReferenceData();
    render(ParticipantsView, { props: { id: 'ev-1' } });
    const row = await screen.findByTestId('participant-row');
    expect(within(row).getByText(CORE.en)).toBeInTheDocument();
    setLang('ar');
    await waitFor(() => expect(within(row).getByText(CORE.ar)).toBeInTheDocument());
  });
});
