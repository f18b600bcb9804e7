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
    vi.mocked(client.speakerAvailability).mockResolvedValue([]);
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

  it('lists the times a speaker stated in the event’s timezone, adds one and removes one after asking', async () => {
    // The event is in Asia/Qatar (UTC+3).
    const morning = { speakerId: 'sp-2', start: '2026-03-12T06:00:00Z', end: '2026-03-12T09:00:00Z' };
    vi.mocked(client.speakerAvailability).mockResolvedValue([morning]);
    await renderView();
    await fireEvent.click(screen.getAllByTestId('speaker-row')[1]);
    const section = await screen.findByTestId('availability');
    await waitFor(() => expect(within(section).getAllByTestId('availability-window')).toHaveLength(1));
    expect(client.speakerAvailability).toHaveBeenCalledWith('sp-2');
    expect(within(section).getByTestId('availability-window')).toHaveTextContent('09:00–12:00');
    expect(within(section).getByTestId('availability-day')).toHaveValue('2026-03-12');

    vi.mocked(client.speakerAvailabilityAdd).mockRejectedValueOnce(
      apiError({ code: 'invalid_input', field: 'end', reason: 'end_before_start', message: 'the end is not after the start' }),
    );
    await fireEvent.change(within(section).getByTestId('availability-day'), { target: { value: '2026-03-13' } });
    await fireEvent.input(within(section).getByTestId('availability-start'), { target: { value: '14:00' } });
    await fireEvent.input(within(section).getByTestId('availability-end'), { target: { value: '13:00' } });
    await fireEvent.click(within(section).getByTestId('availability-add'));
    expect(client.speakerAvailabilityAdd).toHaveBeenCalledWith('sp-2', '2026-03-13 14:00', '2026-03-13 13:00');
    expect(await within(section).findByTestId('availability-error')).toBeInTheDocument();
    expect(within(section).getByTestId('availability-end')).toHaveAttribute('aria-invalid', 'true');

    const afternoon = { speakerId: 'sp-2', start: '2026-03-13T11:00:00Z', end: '2026-03-13T14:00:00Z' };
    vi.mocked(client.speakerAvailabilityAdd).mockResolvedValueOnce(afternoon);
    await fireEvent.input(within(section).getByTestId('availability-end'), { target: { value: '17:00' } });
    await fireEvent.click(within(section).getByTestId('availability-add'));
    await waitFor(() => expect(within(section).getAllByTestId('availability-window')).toHaveLength(2));
    expect(within(section).queryByTestId('availability-error')).toBeNull();
    expect(within(section).getAllByTestId('availability-window')[1]).toHaveTextContent('14:00–17:00');

    vi.mocked(client.speakerAvailabilityRemove).mockResolvedValue(null);
    await fireEvent.click(within(section).getAllByTestId('availability-remove')[0]);
    expect(client.speakerAvailabilityRemove).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('confirm-availability-remove'));
    expect(client.speakerAvailabilityRemove).toHaveBeenCalledWith('sp-2', morning.start);
    await waitFor(() => expect(within(section).getAllByTestId('availability-window')).toHaveLength(1));
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
    expect(client.speakerUpdate).toHaveBeenLastCalledWith('sp-2', 1, expect.objectContaining({ position: { en: 'Ambassador', ar: 'سفيرة' }, country: 'SE' }));
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
