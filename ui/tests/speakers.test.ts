import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import SpeakersView from '../src/views/programme/SpeakersView.svelte';
import { apiError, event, session, speaker } from './fixtures';

vi.mock('../src/api/client');

const lindqvist = speaker({
  id: 'sp-2',
  honorific: { en: 'Ms.', ar: 'السيدة' },
  name: { en: 'Helena Lindqvist', ar: 'هيلينا ليندكفيست' },
  organisation: { en: 'Government of Sweden', ar: 'حكومة السويد' },
  country: 'SE',
});

async function renderView() {
  render(SpeakersView, { props: { id: 'ev-1' } });
  return screen.findByTestId('speakers-view');
}

describe('speakers', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(client.eventGet).mockResolvedValue(event());
    vi.mocked(client.speakerList).mockResolvedValue([speaker(), lindqvist]);
    vi.mocked(client.sessionList).mockResolvedValue([
      session({ id: 'se-1', start: '2026-03-12T06:30:00Z', end: '2026-03-12T07:30:00Z' }),
      session({ id: 'se-2', title: { en: 'Closing Session', ar: 'الجلسة الختامية' }, start: '2026-03-14T12:00:00Z', end: '2026-03-14T13:00:00Z' }),
    ]);
    vi.mocked(client.assignmentList).mockResolvedValue([
      { sessionId: 'se-2', speakerId: 'sp-2', role: 'rapporteur' },
      { sessionId: 'se-1', speakerId: 'sp-2', role: 'speaker' },
      { sessionId: 'se-1', speakerId: 'sp-1', role: 'chair' },
    ]);
  });

  it('searches the list by name or organisation, in either script', async () => {
    await renderView();
    expect(screen.getAllByTestId('speaker-row')).toHaveLength(2);
    await fireEvent.input(screen.getByTestId('speaker-search'), { target: { value: 'sweden' } });
    expect(screen.getAllByTestId('speaker-row').map((r) => r.textContent)).toEqual([expect.stringContaining('Helena Lindqvist')]);
    await fireEvent.input(screen.getByTestId('speaker-search'), { target: { value: 'المريخي' } });
    expect(screen.getAllByTestId('speaker-row').map((r) => r.textContent)).toEqual([expect.stringContaining('Al-Muraikhi')]);
    await fireEvent.input(screen.getByTestId('speaker-search'), { target: { value: 'nobody' } });
    expect(screen.getByTestId('no-speakers')).toHaveTextContent('No speaker matches this search.');
  });

  it('shows a profile with honorific, both names, organisation, country and the sessions with roles in time order', async () => {
    await renderView();
    await fireEvent.click(screen.getAllByTestId('speaker-row')[1]);
    const profile = screen.getByTestId('speaker-profile');
    expect(within(profile).getByTestId('profile-name')).toHaveTextContent('Ms. Helena Lindqvist');
    expect(profile).toHaveTextContent('هيلينا ليندكفيست');
    expect(within(profile).getByTestId('profile-organisation')).toHaveTextContent('Government of Sweden');
    expect(profile).toHaveTextContent('Sweden');
    const sessions = within(profile).getAllByTestId('profile-session');
    expect(sessions.map((s) => s.textContent)).toEqual([
      expect.stringMatching(/Speaker.*Opening Session.*09:30–10:30/),
      expect.stringMatching(/Rapporteur.*Closing Session.*15:00–16:00/),
    ]);
  });

  it('exports the speaker’s own calendar from the profile', async () => {
    vi.mocked(client.icalExport).mockResolvedValue({ file: '/tmp/programme-helena-lindqvist.ics', bytes: 10, missingGlyphs: 0 });
    await renderView();
    await fireEvent.click(screen.getAllByTestId('speaker-row')[1]);
    await fireEvent.click(screen.getByTestId('export-speaker-ical'));
    expect(client.icalExport).toHaveBeenCalledWith('ev-1', 'draft', 'sp-2');
    await waitFor(() => expect(screen.getByTestId('export-speaker-ical')).not.toBeDisabled());
  });

  it('edits a profile; the core’s refusal stays next to the field', async () => {
    vi.mocked(client.speakerUpdate).mockRejectedValueOnce(apiError({ code: 'invalid_input', field: 'country', reason: 'unknown_country', message: '' }));
    vi.mocked(client.speakerUpdate).mockResolvedValueOnce({ ...lindqvist, position: { en: 'Ambassador', ar: 'سفيرة' } });
    await renderView();
    await fireEvent.click(screen.getAllByTestId('speaker-row')[1]);
    await fireEvent.click(screen.getByTestId('edit-speaker'));
    await fireEvent.input(screen.getByTestId('speaker-position-en'), { target: { value: 'Ambassador' } });
    await fireEvent.input(screen.getByTestId('speaker-position-ar'), { target: { value: 'سفيرة' } });
    await fireEvent.input(screen.getByTestId('speaker-country'), { target: { value: 'ZZ' } });
    await fireEvent.click(screen.getByTestId('save-speaker'));
    expect(await screen.findByTestId('error-country')).toHaveTextContent('Choose a country from the list.');
    await fireEvent.input(screen.getByTestId('speaker-country'), { target: { value: 'SE' } });
    await fireEvent.click(screen.getByTestId('save-speaker'));
    expect(client.speakerUpdate).toHaveBeenLastCalledWith('sp-2', expect.objectContaining({ position: { en: 'Ambassador', ar: 'سفيرة' }, country: 'SE' }));
    await waitFor(() => expect(screen.getByTestId('speaker-profile')).toHaveTextContent('Ambassador'));
  });

  it('adds a speaker from a participant without retyping', async () => {
    vi.mocked(client.speakerCandidates).mockResolvedValue([
      { participantId: 'p-1', name: { en: 'Amina Yusuf', ar: 'أمينة يوسف' }, organisation: { en: 'African Union', ar: '' }, country: 'NG' },
    ]);
    vi.mocked(client.speakerFromParticipant).mockResolvedValue(
      speaker({ id: 'sp-3', participantId: 'p-1', honorific: { en: '', ar: '' }, name: { en: 'Amina Yusuf', ar: 'أمينة يوسف' }, country: 'NG' }),
    );
    await renderView();
    await fireEvent.click(screen.getByTestId('add-speaker'));
    await fireEvent.input(screen.getByTestId('candidate-query'), { target: { value: 'amina' } });
    await fireEvent.click(screen.getByTestId('candidate-search'));
    expect(client.speakerCandidates).toHaveBeenCalledWith('ev-1', 'amina');
    await fireEvent.click(await screen.findByTestId('candidate-add'));
    expect(client.speakerFromParticipant).toHaveBeenCalledWith('ev-1', 'p-1');
    await waitFor(() => expect(screen.getByTestId('profile-name')).toHaveTextContent('Amina Yusuf'));
    expect(screen.getAllByTestId('speaker-row')).toHaveLength(3);
  });
});
