import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import type { Conflict, Participant, Room } from '../src/api/types';
import { setLang } from '../src/i18n/index.svelte';
import { parseHash } from '../src/router.svelte';
import { forgetReferenceData } from '../src/services/app';
import { forgetTeam, receive } from '../src/services/team.svelte';
import { toasts } from '../src/services/toast.svelte';
import ProgrammeView from '../src/views/programme/ProgrammeView.svelte';
import { apiError, event, listing, pledge, reference, session, speaker } from './fixtures';

vi.mock('../src/api/client');

// The event is in Asia/Qatar (UTC+3): 06:30Z is 09:30 on the timetable.
const hall: Room = { id: 'r-hall', eventId: 'ev-1', name: { en: 'Main Hall', ar: 'القاعة الرئيسية' }, capacity: 400, parallel: false, hours: null, version: 1 };
const dana: Room = { id: 'r-dana', eventId: 'ev-1', name: { en: 'Al Dana Room', ar: 'قاعة الدانة' }, capacity: 120, parallel: false, hours: null, version: 1 };
const opening = session({ id: 'se-1', roomId: 'r-hall', start: '2026-03-12T06:30:00Z', end: '2026-03-12T07:30:00Z' });
const workshop = session({
  id: 'se-2',
  roomId: 'r-dana',
  title: { en: 'Workshop on finance', ar: 'ورشة عمل حول التمويل' },
  kind: 'workshop',
  start: '2026-03-12T06:30:00Z',
  end: '2026-03-12T08:00:00Z',
});
const closing = session({
  id: 'se-3',
  roomId: 'r-hall',
  title: { en: 'Closing Session', ar: 'الجلسة الختامية' },
  kind: 'closing',
  start: '2026-03-13T12:00:00Z',
  end: '2026-03-13T13:00:00Z',
});
const roomless = session({ id: 'se-4', roomId: null, title: { en: 'Press briefing', ar: 'إحاطة صحفية' }, kind: 'side_event' });
const clash: Conflict = {
  kind: 'room_double_booked',
  sessionId: 'se-1',
  otherSessionId: 'se-2',
  roomId: 'r-hall',
  speakerId: null,
  who: { en: 'Main Hall', ar: 'القاعة الرئيسية' },
  message: 'both in Main Hall',
};

async function renderView() {
  render(ProgrammeView, { props: { id: 'ev-1' } });
  await screen.findByTestId('programme-view');
  await waitFor(() => expect(client.conflictList).toHaveBeenCalled());
}

const gridSession = (id: string) => document.querySelector(`[data-session-id="${id}"]`) as HTMLElement;
const gridButton = (id: string) => within(gridSession(id)).getByTestId('grid-session-button');

describe('programme view', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(client.eventGet).mockResolvedValue(event());
    vi.mocked(client.roomList).mockResolvedValue([hall, dana]);
    vi.mocked(client.sessionList).mockResolvedValue([opening, workshop, closing, roomless]);
    vi.mocked(client.speakerList).mockResolvedValue([speaker(), speaker({ id: 'sp-2', honorific: { en: '', ar: '' }, name: { en: 'Helena Lindqvist', ar: '' } })]);
    vi.mocked(client.assignmentList).mockResolvedValue([{ sessionId: 'se-1', speakerId: 'sp-1', role: 'chair' }]);
    vi.mocked(client.conflictList).mockResolvedValue([]);
    vi.mocked(client.releaseList).mockResolvedValue([]);
    vi.mocked(client.pledgeList).mockResolvedValue(listing());
    forgetReferenceData();
    vi.mocked(client.referenceData).mockResolvedValue(reference());
  });

  it("names the event's time zone in the header by its city, in both languages, never as an IANA id", async () => {
    vi.mocked(client.eventGet).mockResolvedValue(event({ timezone: 'Europe/London' }));
    await renderView();
    const zone = screen.getByTestId('programme-timezone');
    expect(zone).toHaveTextContent('Times in London — United Kingdom');
    setLang('ar');
    await waitFor(() => expect(zone).toHaveTextContent('لندن — المملكة المتحدة'));
    expect(zone.textContent).not.toMatch(/Europe|\//);
    setLang('en');
  });

  it('moves a session on the grid when another desk moved it, without reloading the view', async () => {
    forgetTeam();
    await renderView();
    expect(gridSession('se-1')).toHaveAttribute('data-start', '09:30');
    const moved = { ...opening, start: '2026-03-12T08:00:00Z', end: '2026-03-12T09:00:00Z', version: 2 };
    vi.mocked(client.sessionList).mockResolvedValue([moved, workshop, closing, roomless]);
    receive({ kind: 'changed', tables: ['pledges'] });
    expect(client.sessionList).toHaveBeenCalledTimes(1);
    receive({ kind: 'changed', tables: ['sessions'] });
    await waitFor(() => expect(gridSession('se-1')).toHaveAttribute('data-start', '11:00'));
    expect(screen.getByTestId('programme-view')).toBeInTheDocument();
    expect(screen.queryByTestId('loading')).toBeNull();
  });

  it('draws one tab per day, one column per room, the day’s sessions by kind and the unscheduled list', async () => {
    await renderView();
    expect(screen.getAllByTestId('day-tab').map((tab) => tab.dataset.date)).toEqual(['2026-03-12', '2026-03-13', '2026-03-14']);
    expect(screen.getAllByTestId('room-head').map((head) => head.textContent)).toEqual([
      expect.stringContaining('Main Hall'),
      expect.stringContaining('Al Dana Room'),
    ]);
    // The first day: the opening in the hall at 09:30 local time, the workshop in the other room.
    expect(screen.getAllByTestId('grid-session')).toHaveLength(2);
    expect(gridSession('se-1').closest('[data-room-column]')).toHaveAttribute('data-room-column', 'r-hall');
    expect(gridSession('se-2').closest('[data-room-column]')).toHaveAttribute('data-room-column', 'r-dana');
    expect(gridSession('se-1')).toHaveAttribute('data-start', '09:30');
    expect(gridSession('se-2')).toHaveAttribute('data-kind', 'workshop');
    expect(screen.getByTestId('legend')).toHaveTextContent('Workshop');
    expect(within(screen.getByTestId('unscheduled')).getByText('Press briefing')).toBeInTheDocument();

    await fireEvent.click(screen.getAllByTestId('day-tab')[1]);
    expect(screen.getAllByTestId('grid-session').map((s) => s.dataset.sessionId)).toEqual(['se-3']);
    expect(gridSession('se-3')).toHaveAttribute('data-start', '15:00');
  });

  it('moves a focused session one step later with the arrow key, then shows the conflict it makes', async () => {
    vi.mocked(client.sessionMove).mockResolvedValue({ ...opening, start: '2026-03-12T06:45:00Z', end: '2026-03-12T07:45:00Z' });
    await renderView();
    expect(screen.getByTestId('no-conflicts')).toBeInTheDocument();
    vi.mocked(client.conflictList).mockResolvedValue([clash]);

    gridButton('se-1').focus();
    await fireEvent.keyDown(gridButton('se-1'), { key: 'ArrowDown' });

    expect(client.sessionMove).toHaveBeenCalledWith('se-1', { start: '2026-03-12 09:45', end: '2026-03-12 10:45', roomId: 'r-hall' });
    await waitFor(() => expect(screen.getAllByTestId('conflict')).toHaveLength(1));
    expect(gridSession('se-1')).toHaveAttribute('data-start', '09:45');
    expect(gridSession('se-1')).toHaveAttribute('data-conflict', 'true');
    expect(gridSession('se-2')).toHaveAttribute('data-conflict', 'true');
    const conflict = screen.getByTestId('conflict');
    expect(conflict).toHaveTextContent('Two sessions in one room at the same time');
    expect(conflict).toHaveTextContent('Main Hall');
    expect(within(conflict).getByTestId('conflict-session')).toHaveTextContent('Opening Session');
    expect(within(conflict).getByTestId('conflict-other')).toHaveTextContent('Workshop on finance');

    // The link opens the other session in the side panel.
    await fireEvent.click(within(conflict).getByTestId('conflict-other'));
    expect(screen.getByTestId('session-title-en')).toHaveValue('Workshop on finance');
  });

  it('changes the length with Shift+arrow and the room with the side arrows, mirrored in Arabic', async () => {
    vi.mocked(client.sessionMove).mockResolvedValue(opening);
    await renderView();
    await fireEvent.keyDown(gridButton('se-1'), { key: 'ArrowUp', shiftKey: true });
    expect(client.sessionMove).toHaveBeenLastCalledWith('se-1', { start: '2026-03-12 09:30', end: '2026-03-12 10:15', roomId: 'r-hall' });
    await fireEvent.keyDown(gridButton('se-1'), { key: 'ArrowRight' });
    expect(client.sessionMove).toHaveBeenLastCalledWith('se-1', { start: '2026-03-12 09:30', end: '2026-03-12 10:30', roomId: 'r-dana' });

    setLang('ar');
    await waitFor(() => expect(document.documentElement.dir).toBe('rtl'));
    vi.mocked(client.sessionMove).mockClear();
    await fireEvent.keyDown(gridButton('se-1'), { key: 'ArrowRight' });
    expect(client.sessionMove).not.toHaveBeenCalled(); // in Arabic, right is towards the first room
    await fireEvent.keyDown(gridButton('se-1'), { key: 'ArrowLeft' });
    expect(client.sessionMove).toHaveBeenLastCalledWith('se-1', expect.objectContaining({ roomId: 'r-dana' }));
  });

  it('moves a session through the Move form, and shows the core’s refusal in it', async () => {
    vi.mocked(client.sessionMove).mockRejectedValueOnce(
      apiError({ code: 'invalid_input', field: 'end', reason: 'end_before_start', message: 'a session must end after it starts' }),
    );
    vi.mocked(client.sessionMove).mockResolvedValueOnce({ ...opening, roomId: 'r-dana', start: '2026-03-13T08:00:00Z', end: '2026-03-13T09:00:00Z' });
    await renderView();
    await fireEvent.keyDown(gridButton('se-1'), { key: 'm' });
    const dialog = await screen.findByTestId('move-dialog');
    await fireEvent.change(within(dialog).getByTestId('move-day'), { target: { value: '2026-03-13' } });
    await fireEvent.change(within(dialog).getByTestId('move-room'), { target: { value: 'r-dana' } });
    await fireEvent.input(within(dialog).getByTestId('move-start'), { target: { value: '11:00' } });
    await fireEvent.input(within(dialog).getByTestId('move-end'), { target: { value: '10:00' } });
    await fireEvent.click(within(dialog).getByTestId('move-submit'));
    expect(client.sessionMove).toHaveBeenCalledWith('se-1', { start: '2026-03-13 11:00', end: '2026-03-13 10:00', roomId: 'r-dana' });
    expect(await within(dialog).findByTestId('move-error')).toHaveTextContent('End: The end date cannot be before the start date.');

    await fireEvent.input(within(dialog).getByTestId('move-end'), { target: { value: '12:00' } });
    await fireEvent.click(within(dialog).getByTestId('move-submit'));
    await waitFor(() => expect(screen.queryByTestId('move-dialog')).toBeNull());
    // The grid follows the session to its new day and room.
    expect(screen.getByRole('tab', { selected: true })).toHaveAttribute('data-date', '2026-03-13');
    expect(gridSession('se-1').closest('[data-room-column]')).toHaveAttribute('data-room-column', 'r-dana');
  });

  it('edits a session in the side panel: titles, kind, room, time; errors stay next to the field', async () => {
    vi.mocked(client.sessionUpdate).mockRejectedValueOnce(apiError({ code: 'invalid_input', field: 'title', reason: 'required', message: 'title' }));
    vi.mocked(client.sessionUpdate).mockResolvedValueOnce({ ...opening, title: { en: 'Opening of the Forum', ar: 'افتتاح المنتدى' } });
    await renderView();
    await fireEvent.keyDown(gridButton('se-1'), { key: 'Enter' });
    await fireEvent.click(gridButton('se-1'));
    const panel = await screen.findByTestId('session-panel');
    expect(within(panel).getByTestId('session-title-en')).toHaveValue('Opening Session');
    expect(within(panel).getByTestId('session-start')).toHaveValue('09:30');

    await fireEvent.input(within(panel).getByTestId('session-title-en'), { target: { value: '' } });
    await fireEvent.input(within(panel).getByTestId('session-title-ar'), { target: { value: '' } });
    await fireEvent.click(within(panel).getByTestId('save-session'));
    expect(await within(panel).findByTestId('error-title')).toHaveTextContent('This is required.');

    await fireEvent.input(within(panel).getByTestId('session-title-en'), { target: { value: 'Opening of the Forum' } });
    await fireEvent.input(within(panel).getByTestId('session-title-ar'), { target: { value: 'افتتاح المنتدى' } });
    await fireEvent.change(within(panel).getByTestId('session-kind'), { target: { value: 'plenary' } });
    await fireEvent.click(within(panel).getByTestId('save-session'));
    expect(client.sessionUpdate).toHaveBeenLastCalledWith('se-1', 1, {
      roomId: 'r-hall',
      title: { en: 'Opening of the Forum', ar: 'افتتاح المنتدى' },
      description: { en: '', ar: '' },
      kind: 'plenary',
      start: '2026-03-12 09:30',
      end: '2026-03-12 10:30',
    });
    await waitFor(() => expect(gridButton('se-1')).toHaveTextContent('Opening of the Forum'));
    expect(screen.queryByTestId('error-title')).toBeNull();
  });

  it('lists the people with their roles, adds and removes one, and links the pledges announced there', async () => {
    vi.mocked(client.sessionAssign).mockResolvedValue({ sessionId: 'se-1', speakerId: 'sp-2', role: 'rapporteur' });
    vi.mocked(client.pledgeList).mockResolvedValue({ ...listing(), pledges: [pledge({ id: 'pl-1', sessionId: 'se-1' }), pledge({ id: 'pl-9', sessionId: 'se-3' })] });
    await renderView();
    await fireEvent.click(gridButton('se-1'));
    const panel = await screen.findByTestId('session-panel');
    expect(within(panel).getByTestId('session-person')).toHaveTextContent('Chair');
    expect(within(panel).getByTestId('session-person')).toHaveTextContent('H.E. Sultan bin Saad Al-Muraikhi');

    vi.mocked(client.assignmentList).mockResolvedValue([
      { sessionId: 'se-1', speakerId: 'sp-1', role: 'chair' },
      { sessionId: 'se-1', speakerId: 'sp-2', role: 'rapporteur' },
    ]);
    await fireEvent.change(within(panel).getByTestId('add-person-speaker'), { target: { value: 'sp-2' } });
    await fireEvent.change(within(panel).getByTestId('add-person-role'), { target: { value: 'rapporteur' } });
    await fireEvent.click(within(panel).getByTestId('add-person'));
    expect(client.sessionAssign).toHaveBeenCalledWith('se-1', 'sp-2', 'rapporteur');
    await waitFor(() => expect(within(screen.getByTestId('session-panel')).getAllByTestId('session-person')).toHaveLength(2));

    vi.mocked(client.sessionUnassign).mockResolvedValue(null);
    await fireEvent.click(within(screen.getByTestId('session-panel')).getAllByTestId('remove-person')[0]);
    expect(client.sessionUnassign).toHaveBeenCalledWith('se-1', 'sp-1', 'chair');

    const links = within(screen.getByTestId('session-panel')).getAllByTestId('session-pledge');
    expect(links).toHaveLength(1);
    expect(links[0]).toHaveAttribute('href', '#/events/ev-1/pledges/pl-1');
    expect(links[0]).toHaveTextContent('State of Qatar');
  });

  it('releases the programme as a named version and lists what changed since the previous one', async () => {
    vi.mocked(client.releaseList).mockResolvedValue([{ id: 'rel-1', eventId: 'ev-1', name: 'v1', createdAt: '2026-02-01T10:00:00Z', sessions: 4 }]);
    const moved = {
      added: [],
      cancelled: [],
      people: [],
      moved: [
        {
          from: { sessionId: 'se-1', title: opening.title, start: '2026-03-12T06:30:00Z', end: '2026-03-12T07:30:00Z', room: hall.name },
          to: { sessionId: 'se-1', title: opening.title, start: '2026-03-12T07:00:00Z', end: '2026-03-12T08:00:00Z', room: dana.name },
        },
      ],
    };
    vi.mocked(client.releaseDiff).mockResolvedValue(moved);
    vi.mocked(client.releaseCreate).mockResolvedValue({ id: 'rel-2', eventId: 'ev-1', name: 'v2', createdAt: '2026-02-02T10:00:00Z', sessions: 4 });
    await renderView();
    const panel = screen.getByTestId('releases');
    // The draft's changes since v1.
    const draft = await within(panel).findByTestId('draft-changes');
    expect(client.releaseDiff).toHaveBeenCalledWith('ev-1', 'v1', 'draft');
    expect(within(draft).getByTestId('change-moved')).toHaveTextContent('Opening Session');
    expect(within(draft).getByTestId('change-moved')).toHaveTextContent('09:30–10:30, Main Hall');
    expect(within(draft).getByTestId('change-moved')).toHaveTextContent('10:00–11:00, Al Dana Room');

    await fireEvent.click(within(panel).getByTestId('create-release'));
    vi.mocked(client.releaseCreate).mockRejectedValueOnce(apiError({ code: 'invalid_input', field: 'name', reason: 'required', message: '' }));
    await fireEvent.input(within(panel).getByTestId('release-name'), { target: { value: 'v2' } });
    await fireEvent.click(within(panel).getByTestId('create-release'));
    expect(client.releaseCreate).toHaveBeenCalledWith('ev-1', 'v2');
    await waitFor(() => expect(within(panel).getAllByTestId('release').map((r) => r.dataset.name)).toEqual(['v2', 'v1']));
    expect(client.releaseDiff).toHaveBeenCalledWith('ev-1', 'v1', 'v2');
    expect(await within(panel).findByTestId('release-changes')).toHaveTextContent('Moved');
  });

  it('exports the programme PDF, door sheets, iCal and schedule JSON of the draft or a release, in the chosen language', async () => {
    vi.mocked(client.releaseList).mockResolvedValue([{ id: 'rel-1', eventId: 'ev-1', name: 'v1', createdAt: '2026-02-01T10:00:00Z', sessions: 4 }]);
    vi.mocked(client.releaseDiff).mockResolvedValue({ added: [], cancelled: [], moved: [], people: [] });
    const saved = { file: '/tmp/programme-ar.pdf', bytes: 100, missingGlyphs: 0 };
    vi.mocked(client.programmePdfExport).mockResolvedValue(saved);
    vi.mocked(client.icalExport).mockResolvedValue({ ...saved, file: null });
    vi.mocked(client.scheduleJsonExport).mockResolvedValue({ ...saved, file: null });
    vi.mocked(client.scheduleXmlExport).mockResolvedValue({ ...saved, file: null });
    await renderView();
    const panel = screen.getByTestId('programme-exports');
    await waitFor(() => expect(within(panel).getAllByRole('option').map((o) => o.textContent)).toContain('v1'));
    await fireEvent.click(within(panel).getByTestId('export-pdf'));
    expect(client.programmePdfExport).toHaveBeenCalledWith('ev-1', 'en', 'draft', false);
    await fireEvent.change(within(panel).getByTestId('export-version'), { target: { value: 'v1' } });
    await fireEvent.change(within(panel).getByTestId('export-lang'), { target: { value: 'ar' } });
    await waitFor(() => expect(within(panel).getByTestId('export-doors')).not.toBeDisabled());
    await fireEvent.click(within(panel).getByTestId('export-doors'));
    expect(client.programmePdfExport).toHaveBeenLastCalledWith('ev-1', 'ar', 'v1', true);
    await waitFor(() => expect(toasts.list.map((toast) => toast.text)).toContain('Saved /tmp/programme-ar.pdf'));
    await waitFor(() => expect(within(panel).getByTestId('export-ical')).not.toBeDisabled());
    await fireEvent.click(within(panel).getByTestId('export-ical'));
    expect(client.icalExport).toHaveBeenCalledWith('ev-1', 'v1', null);
    await waitFor(() => expect(within(panel).getByTestId('export-json')).not.toBeDisabled());
    await fireEvent.click(within(panel).getByTestId('export-json'));
    expect(client.scheduleJsonExport).toHaveBeenCalledWith('ev-1', 'v1');
    await waitFor(() => expect(within(panel).getByTestId('export-xml')).not.toBeDisabled());
    await fireEvent.click(within(panel).getByTestId('export-xml'));
    expect(client.scheduleXmlExport).toHaveBeenCalledWith('ev-1', 'v1');
  });

  it('says why the other exports are disabled while one document is made', async () => {
    let finish: (value: { file: string; bytes: number; missingGlyphs: number }) => void = () => {};
    vi.mocked(client.programmePdfExport).mockReturnValue(new Promise((resolve) => (finish = resolve)));
    await renderView();
    const panel = screen.getByTestId('programme-exports');
    expect(within(panel).queryByTestId('export-wait')).toBeNull();
    await fireEvent.click(within(panel).getByTestId('export-pdf'));
    const wait = await within(panel).findByTestId('export-wait');
    expect(wait).toHaveTextContent('One document is being made; the other exports wait until it is done.');
    expect(within(panel).getByTestId('export-doors')).toBeDisabled();
    expect(within(panel).getByTestId('export-doors')).toHaveAttribute('aria-describedby', wait.id);
    finish({ file: '/tmp/p.pdf', bytes: 1, missingGlyphs: 0 });
    await waitFor(() => expect(within(panel).queryByTestId('export-wait')).toBeNull());
    expect(within(panel).getByTestId('export-doors')).not.toBeDisabled();
  });

  it('offers a release for export as soon as it is made', async () => {
    vi.mocked(client.releaseCreate).mockResolvedValue({ id: 'rel-1', eventId: 'ev-1', name: 'v1', createdAt: '2026-02-01T10:00:00Z', sessions: 4 });
    vi.mocked(client.releaseDiff).mockResolvedValue({ added: [], cancelled: [], moved: [], people: [] });
    await renderView();
    const exports = screen.getByTestId('programme-exports');
    expect(within(exports).getAllByRole('option').map((o) => o.textContent)).not.toContain('v1');
    vi.mocked(client.releaseList).mockResolvedValue([{ id: 'rel-1', eventId: 'ev-1', name: 'v1', createdAt: '2026-02-01T10:00:00Z', sessions: 4 }]);
    await fireEvent.input(screen.getByTestId('release-name'), { target: { value: 'v1' } });
    await fireEvent.click(screen.getByTestId('create-release'));
    await waitFor(() => expect(within(exports).getAllByRole('option').map((o) => o.textContent)).toContain('v1'));
  });

  it('edits a room in the Rooms dialog — seats, parallel sessions, opening hours — then checks the conflicts again', async () => {
    await renderView();
    await fireEvent.click(screen.getByTestId('open-rooms'));
    const dialog = screen.getByTestId('rooms-dialog');
    const rows = within(dialog).getAllByTestId('room-row');
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('Main Hall'), expect.stringContaining('Al Dana Room')]);
    expect(rows[0]).toHaveTextContent('400 seats');
    expect(rows[0]).toHaveTextContent('Open all day');
    await fireEvent.click(within(rows[1]).getByTestId('room-edit'));
    expect(within(dialog).getByTestId('room-name-en')).toHaveValue('Al Dana Room');
    expect(within(dialog).getByTestId('room-capacity')).toHaveValue(120);

    // The core refuses closing before opening: the error names the field, the room is unchanged.
    vi.mocked(client.roomUpdate).mockRejectedValueOnce(
      apiError({ code: 'invalid_input', field: 'closes', reason: 'end_before_start', message: 'a room must close after it opens' }),
    );
    await fireEvent.input(within(dialog).getByTestId('room-opens'), { target: { value: '18:00' } });
    await fireEvent.input(within(dialog).getByTestId('room-closes'), { target: { value: '08:00' } });
    await fireEvent.click(within(dialog).getByTestId('room-save'));
    expect(await within(dialog).findByTestId('error-closes')).toHaveTextContent('The end date cannot be before the start date.');
    expect(within(dialog).getByTestId('room-closes')).toHaveAttribute('aria-invalid', 'true');

    const updated: Room = { ...dana, name: { en: 'Poster area', ar: dana.name.ar }, capacity: 60, parallel: true, hours: { opens: '08:00:00', closes: '18:00:00' } };
    vi.mocked(client.roomUpdate).mockResolvedValueOnce(updated);
    const checks = vi.mocked(client.conflictList).mock.calls.length;
    await fireEvent.input(within(dialog).getByTestId('room-name-en'), { target: { value: 'Poster area' } });
    await fireEvent.input(within(dialog).getByTestId('room-capacity'), { target: { value: '60' } });
    await fireEvent.input(within(dialog).getByTestId('room-opens'), { target: { value: '08:00' } });
    await fireEvent.input(within(dialog).getByTestId('room-closes'), { target: { value: '18:00' } });
    await fireEvent.click(within(dialog).getByTestId('room-parallel'));
    await fireEvent.click(within(dialog).getByTestId('room-save'));
    expect(client.roomUpdate).toHaveBeenLastCalledWith('r-dana', 1, {
      name: { en: 'Poster area', ar: 'قاعة الدانة' },
      capacity: 60,
      parallel: true,
      opens: '08:00',
      closes: '18:00',
    });
    await waitFor(() => expect(vi.mocked(client.conflictList).mock.calls.length).toBe(checks + 1));
    expect(within(dialog).queryByTestId('error-closes')).toBeNull();
    const after = within(dialog).getAllByTestId('room-row');
    expect(after.map((r) => r.textContent)).toEqual([expect.stringContaining('Main Hall'), expect.stringContaining('Poster area')]);
    expect(after[1]).toHaveTextContent('60 seats');
    expect(after[1]).toHaveTextContent('08:00–18:00');
    expect(after[1]).toHaveTextContent('Parallel');
    expect(screen.getAllByTestId('room-head')[1]).toHaveTextContent('Poster area');

    // After the save the form is for a new room (typing the next one must not overwrite this
    // one): a new room, with no seats given.
    expect(within(dialog).queryByTestId('room-new')).toBeNull();
    expect(within(dialog).getByTestId('room-name-en')).toHaveValue('');
    expect(within(dialog).getByTestId('room-capacity')).toHaveValue(null);
    vi.mocked(client.roomCreate).mockResolvedValueOnce({ id: 'r-new', eventId: 'ev-1', name: { en: 'Annex', ar: '' }, capacity: null, parallel: false, hours: null, version: 1 });
    await fireEvent.input(within(dialog).getByTestId('room-name-en'), { target: { value: 'Annex' } });
    await fireEvent.click(within(dialog).getByTestId('room-save'));
    expect(client.roomCreate).toHaveBeenCalledWith('ev-1', { name: { en: 'Annex', ar: '' }, capacity: null, parallel: false, opens: null, closes: null });
    await waitFor(() => expect(within(dialog).getAllByTestId('room-row')).toHaveLength(3));
    expect(client.roomUpdate).toHaveBeenCalledTimes(2);
    await fireEvent.click(within(dialog).getByTestId('rooms-close'));
    expect(screen.queryByTestId('rooms-dialog')).toBeNull();
  });

  it('deletes a room after asking; a room with sessions is refused, saying how many', async () => {
    await renderView();
    await fireEvent.click(screen.getByTestId('open-rooms'));
    const dialog = screen.getByTestId('rooms-dialog');
    const row = (id: string) => dialog.querySelector<HTMLElement>(`[data-room-id="${id}"]`)!;

    // The hall has the opening and the closing: the core refuses, the dialog says how many.
    vi.mocked(client.roomDelete).mockRejectedValueOnce(
      apiError({ code: 'conflict', field: 'id', reason: 'in_use', message: '2 sessions are in this room: move them to another room first' }),
    );
    await fireEvent.click(within(row('r-hall')).getByTestId('room-delete'));
    await fireEvent.click(screen.getByTestId('room-delete-go'));
    expect(client.roomDelete).toHaveBeenCalledWith('r-hall');
    expect(await within(dialog).findByTestId('room-delete-error')).toHaveTextContent('2 sessions are in this room');
    expect(within(dialog).getAllByTestId('room-row')).toHaveLength(2);

    vi.mocked(client.roomDelete).mockResolvedValueOnce(dana);
    await fireEvent.click(within(row('r-dana')).getByTestId('room-delete'));
    await fireEvent.click(screen.getByTestId('room-delete-go'));
    await waitFor(() => expect(within(dialog).getAllByTestId('room-row')).toHaveLength(1));
    expect(within(dialog).queryByTestId('room-delete-error')).toBeNull();
    expect(screen.getAllByTestId('room-head')).toHaveLength(1);
  });

  it('lists a session’s sign-ups against the room’s seats, signs one up from a search and removes one after asking', async () => {
    const person = (id: string, name: string, status: Participant['status']): Participant => ({
      id,
      eventId: 'ev-1',
      honorific: '',
      name: { en: name, ar: '' },
      email: null,
      phone: null,
      organisation: { en: 'UNOCT', ar: '' },
      country: 'QA',
      category: 'media',
      status,
      badgeCode: id,
      consent: true,
      registeredAt: '2025-11-02T08:30:00Z',
      delegation: null,
      version: 1,
    });
    const rania = person('p-1', 'Rania Saleh', 'confirmed');
    const tomas = person('p-2', 'Tomás Ortega', 'waitlisted');
    vi.mocked(client.sessionSignUps).mockResolvedValue({ sessionId: 'se-2', capacity: 1, confirmed: 1, participants: [rania] });
    await renderView();
    await fireEvent.click(gridButton('se-2'));
    const section = await within(await screen.findByTestId('session-panel')).findByTestId('signups');
    expect(client.sessionSignUps).toHaveBeenCalledWith('se-2');
    expect(within(section).getByTestId('signups-count')).toHaveTextContent('1 confirmed of 1 seat (1 signed up)');
    expect(within(section).getByTestId('signup')).toHaveTextContent('Rania Saleh');
    expect(within(section).getByTestId('signup')).toHaveTextContent('Confirmed');

    vi.mocked(client.participantQuery).mockResolvedValue({ total: 2, offset: 0, rows: [rania, tomas] });
    await fireEvent.input(within(section).getByTestId('signup-query'), { target: { value: 'o' } });
    await fireEvent.click(within(section).getByTestId('signup-search'));
    const candidates = await within(section).findAllByTestId('signup-candidate');
    expect(vi.mocked(client.participantQuery).mock.calls[0][1]).toMatchObject({ text: 'o', limit: 10 });
    expect(candidates[0]).toHaveTextContent('Signed up');
    vi.mocked(client.sessionSignUp).mockResolvedValue({ sessionId: 'se-2', capacity: 1, confirmed: 1, participants: [rania, tomas] });
    const checks = vi.mocked(client.conflictList).mock.calls.length;
    await fireEvent.click(within(candidates[1]).getByTestId('signup-add'));
    expect(client.sessionSignUp).toHaveBeenCalledWith('se-2', 'p-2');
    await waitFor(() => expect(within(section).getAllByTestId('signup')).toHaveLength(2));
    expect(within(section).getByTestId('signups-count')).toHaveTextContent('1 confirmed of 1 seat (2 signed up)');
    await waitFor(() => expect(vi.mocked(client.conflictList).mock.calls.length).toBeGreaterThan(checks));

    // Removing asks first; keeping it changes nothing.
    await fireEvent.click(within(within(section).getAllByTestId('signup')[0]).getByTestId('signup-remove'));
    expect(screen.getByText('Rania Saleh will no longer be signed up for this session.')).toBeInTheDocument();
    vi.mocked(client.sessionSignUpRemove).mockResolvedValue({ sessionId: 'se-2', capacity: 1, confirmed: 0, participants: [tomas] });
    await fireEvent.click(screen.getByTestId('confirm-signup-remove'));
    expect(client.sessionSignUpRemove).toHaveBeenCalledWith('se-2', 'p-1');
    await waitFor(() => expect(within(section).getAllByTestId('signup')).toHaveLength(1));
    expect(within(section).getByTestId('signup')).toHaveTextContent('Tomás Ortega');
  });

  it('sets the travel buffer between rooms and checks the conflicts again', async () => {
    vi.mocked(client.travelBufferGet).mockResolvedValue(10);
    await renderView();
    const input = screen.getByTestId('travel-buffer-minutes');
    await waitFor(() => expect(input).toHaveValue(10));
    const checks = vi.mocked(client.conflictList).mock.calls.length;
    vi.mocked(client.travelBufferSet).mockRejectedValueOnce(apiError({ code: 'invalid_input', field: 'minutes', reason: 'invalid_value', message: 'at most 1440 minutes' }));
    await fireEvent.input(input, { target: { value: '2000' } });
    await fireEvent.click(screen.getByTestId('travel-buffer-save'));
    expect(await screen.findByTestId('travel-buffer-error')).toBeInTheDocument();
    expect(vi.mocked(client.conflictList).mock.calls.length).toBe(checks);
    vi.mocked(client.travelBufferSet).mockResolvedValueOnce(15);
    await fireEvent.input(input, { target: { value: '15' } });
    await fireEvent.click(screen.getByTestId('travel-buffer-save'));
    expect(client.travelBufferSet).toHaveBeenLastCalledWith('ev-1', 15);
    await waitFor(() => expect(vi.mocked(client.conflictList).mock.calls.length).toBe(checks + 1));
    expect(screen.queryByTestId('travel-buffer-error')).toBeNull();
  });

  it('asks before deleting a session, then takes it off the grid', async () => {
    vi.mocked(client.sessionDelete).mockResolvedValue(null);
    await renderView();
    await fireEvent.click(gridButton('se-2'));
    await fireEvent.click(screen.getByTestId('delete-session'));
    expect(client.sessionDelete).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('confirm-delete-session'));
    expect(client.sessionDelete).toHaveBeenCalledWith('se-2');
    await waitFor(() => expect(gridSession('se-2')).toBeNull());
  });

  it('says why a session the adopted outcome document cites is not deleted, and keeps it', async () => {
    vi.mocked(client.sessionDelete).mockRejectedValue(
      apiError({ code: 'conflict', field: 'id', reason: 'in_use', message: 'the adopted outcome document cites this session' }),
    );
    await renderView();
    await fireEvent.click(gridButton('se-2'));
    await fireEvent.click(screen.getByTestId('delete-session'));
    await fireEvent.click(screen.getByTestId('confirm-delete-session'));
    await waitFor(() =>
      expect(toasts.list.map((toast) => toast.text)).toContain(
        'The adopted outcome document cites this session, and what was adopted is not rewritten: the session cannot be deleted. Move or rename it instead.',
      ),
    );
    expect(gridSession('se-2')).not.toBeNull();
  });

  it('moves by the chosen step', async () => {
    vi.mocked(client.sessionMove).mockResolvedValue(opening);
    await renderView();
    await fireEvent.change(screen.getByTestId('step'), { target: { value: '60' } });
    await fireEvent.keyDown(gridButton('se-1'), { key: 'ArrowUp' });
    // 09:30 is not on the hour: the first step up lands on 09:00, the hour.
    expect(client.sessionMove).toHaveBeenLastCalledWith('se-1', { start: '2026-03-12 09:00', end: '2026-03-12 10:00', roomId: 'r-hall' });
    await fireEvent.change(screen.getByTestId('step'), { target: { value: '5' } });
    await fireEvent.keyDown(gridButton('se-1'), { key: 'ArrowDown' });
    expect(client.sessionMove).toHaveBeenLastCalledWith('se-1', { start: '2026-03-12 09:35', end: '2026-03-12 10:35', roomId: 'r-hall' });
  });

  it('creates a session from the panel and draws it on its day', async () => {
    const created = session({ id: 'se-9', roomId: 'r-dana', title: { en: 'Youth dialogue', ar: 'حوار الشباب' }, kind: 'side_event', start: '2026-03-13T10:00:00Z', end: '2026-03-13T11:00:00Z' });
    vi.mocked(client.sessionCreate).mockResolvedValue(created);
    await renderView();
    await fireEvent.click(screen.getByTestId('new-session'));
    const panel = screen.getByTestId('session-panel');
    expect(within(panel).queryByTestId('delete-session')).toBeNull();
    await fireEvent.input(within(panel).getByTestId('session-title-en'), { target: { value: 'Youth dialogue' } });
    await fireEvent.input(within(panel).getByTestId('session-title-ar'), { target: { value: 'حوار الشباب' } });
    await fireEvent.change(within(panel).getByTestId('session-kind'), { target: { value: 'side_event' } });
    await fireEvent.change(within(panel).getByTestId('session-room'), { target: { value: 'r-dana' } });
    await fireEvent.change(within(panel).getByTestId('session-day'), { target: { value: '2026-03-13' } });
    await fireEvent.input(within(panel).getByTestId('session-start'), { target: { value: '13:00' } });
    await fireEvent.input(within(panel).getByTestId('session-end'), { target: { value: '14:00' } });
    await fireEvent.click(within(panel).getByTestId('save-session'));
    expect(client.sessionCreate).toHaveBeenCalledWith('ev-1', {
      roomId: 'r-dana',
      title: { en: 'Youth dialogue', ar: 'حوار الشباب' },
      description: { en: '', ar: '' },
      kind: 'side_event',
      start: '2026-03-13 13:00',
      end: '2026-03-13 14:00',
    });
    await waitFor(() => expect(gridSession('se-9')).not.toBeNull());
    expect(screen.getByRole('tab', { selected: true })).toHaveAttribute('data-date', '2026-03-13');
    expect(gridSession('se-9')).toHaveAttribute('data-start', '13:00');
  });

  it('puts the keyboard in the new-session panel, keeps it there on Save, and Escape gives it back to "New session"', async () => {
    const created = session({ id: 'se-9', roomId: 'r-dana', title: { en: 'Youth dialogue', ar: 'حوار الشباب' }, start: '2026-03-12T10:00:00Z', end: '2026-03-12T11:00:00Z' });
    vi.mocked(client.sessionCreate).mockResolvedValue(created);
    await renderView();
    const opener = screen.getByTestId('new-session');
    opener.focus();
    await fireEvent.click(opener);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('session-title-en')));
    await fireEvent.input(screen.getByTestId('session-title-en'), { target: { value: 'Youth dialogue' } });
    screen.getByTestId('save-session').focus();
    await fireEvent.click(screen.getByTestId('save-session'));
    await waitFor(() => expect(screen.getByTestId('delete-session')).toBeInTheDocument());
    // The same panel, now of the stored session: the keyboard did not fall to the page.
    expect(document.activeElement).toBe(screen.getByTestId('save-session'));
    await fireEvent.keyDown(screen.getByTestId('save-session'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('session-panel')).toBeNull());
    expect(document.activeElement).toBe(screen.getByTestId('new-session'));
  });

  it('opens a session from the grid with the keyboard in its panel; Escape closes it and returns to the block', async () => {
    await renderView();
    gridButton('se-1').focus();
    await fireEvent.click(gridButton('se-1'), { detail: 0 });
    await waitFor(() => expect(document.activeElement).toBe(within(screen.getByTestId('session-panel')).getByTestId('session-title-en')));
    await fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('session-panel')).toBeNull());
    expect(document.activeElement).toBe(gridButton('se-1'));
  });

  it('keeps Tab inside the Move dialog, closes it on Escape and returns to the session', async () => {
    await renderView();
    gridButton('se-1').focus();
    await fireEvent.keyDown(gridButton('se-1'), { key: 'm' });
    const dialog = await screen.findByTestId('move-dialog');
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByTestId('move-day')));
    within(dialog).getByTestId('move-submit').focus();
    await fireEvent.keyDown(document.activeElement!, { key: 'Tab' });
    expect(document.activeElement).toBe(within(dialog).getByTestId('move-day'));
    await fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(within(dialog).getByTestId('move-submit'));
    await fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('move-dialog')).toBeNull());
    expect(document.activeElement).toBe(gridButton('se-1'));
  });

  it('shows every field the core refused in the session panel at once, a blank time as required', async () => {
    vi.mocked(client.sessionCreate).mockRejectedValue(
      apiError({
        code: 'invalid_input',
        field: 'title',
        reason: 'required',
        problems: [
          { field: 'title', reason: 'required' },
          { field: 'start', reason: 'required' },
          { field: 'end', reason: 'invalid_time' },
        ],
      }),
    );
    await renderView();
    await fireEvent.click(screen.getByTestId('new-session'));
    const panel = screen.getByTestId('session-panel');
    await fireEvent.input(within(panel).getByTestId('session-start'), { target: { value: '' } });
    await fireEvent.input(within(panel).getByTestId('session-end'), { target: { value: '25:00' } });
    await fireEvent.click(within(panel).getByTestId('save-session'));
    // A blank time goes to the core as blank, for it to say it is required.
    expect(vi.mocked(client.sessionCreate).mock.calls[0][1]).toEqual(expect.objectContaining({ start: '', end: '2026-03-12 25:00' }));
    expect(await within(panel).findByTestId('error-title')).toHaveTextContent('This is required.');
    expect(within(panel).getByTestId('error-start')).toHaveTextContent('This is required.');
    expect(within(panel).getByTestId('error-end')).toHaveTextContent('Enter a time as HH:MM.');
    expect(within(panel).getByTestId('session-start')).toHaveAttribute('aria-invalid', 'true');
    expect(within(panel).getByTestId('session-end')).toHaveAttribute('aria-invalid', 'true');
  });

  it('starts a new session in the first free hour of a room on the day shown', async () => {
    // 12 March: the Main Hall is taken 09:30–10:30 and the Al Dana Room 09:30–11:00.
    await renderView();
    await fireEvent.click(screen.getByTestId('new-session'));
    const panel = screen.getByTestId('session-panel');
    expect(within(panel).getByTestId('session-room')).toHaveValue('r-hall');
    expect(within(panel).getByTestId('session-start')).toHaveValue('10:30');
    expect(within(panel).getByTestId('session-end')).toHaveValue('11:30');
  });

  it('places a session without a room by dragging it from the list onto a room and time', async () => {
    vi.mocked(client.sessionMove).mockResolvedValue({ ...roomless, roomId: 'r-dana', start: '2026-03-12T06:45:00Z', end: '2026-03-12T07:45:00Z' });
    await renderView();
    const column = document.querySelector('[data-room-column="r-dana"]') as HTMLElement;
    // jsdom lays nothing out: the column's top is 0, so 160 px down is 100 minutes after 08:00.
    document.elementsFromPoint = () => [column];
    try {
      await fireEvent.pointerDown(screen.getByTestId('unscheduled-item'), { button: 0 });
      await fireEvent.pointerUp(window, { clientX: 10, clientY: 160 });
    } finally {
      // @ts-expect-error jsdom has no elementsFromPoint of its own
      delete document.elementsFromPoint;
    }
    // 09:40 snapped to the 15-minute step; the session keeps its hour.
    expect(client.sessionMove).toHaveBeenCalledWith('se-4', { start: '2026-03-12 09:45', end: '2026-03-12 10:45', roomId: 'r-dana' });
    await waitFor(() => expect(gridSession('se-4')).not.toBeNull());
    expect(screen.queryByTestId('unscheduled-item')).toBeNull();
  });

  it('is reached at #/events/<id>/programme', () => {
    expect(parseHash('#/events/ev-1/programme')).toEqual({ name: 'programme', id: 'ev-1' });
  });
});

describe('next year’s edition', () => {
  beforeEach(() => {
    vi.resetAllMocks();
  });

  it('offers the same weekday a year on, clones the event and opens the new one', async () => {
    const { default: EditionButton } = await import('../src/views/programme/EditionButton.svelte');
    vi.mocked(client.eventClone).mockRejectedValueOnce(apiError({ code: 'invalid_input', field: 'start', reason: 'invalid_date', message: '' }));
    vi.mocked(client.eventClone).mockResolvedValueOnce(event({ id: 'ev-2', startDate: '2027-03-11', endDate: '2027-03-13', status: 'draft' }));
    render(EditionButton, { props: { event: event() } });
    await fireEvent.click(screen.getByTestId('next-edition'));
    expect(screen.getByTestId('edition-start')).toHaveValue('11/03/2027');
    await fireEvent.click(screen.getByTestId('edition-create'));
    expect(await screen.findByTestId('edition-error')).toHaveTextContent('Enter a valid date.');
    await fireEvent.click(screen.getByTestId('edition-create'));
    expect(client.eventClone).toHaveBeenLastCalledWith('ev-1', '2027-03-11');
    await waitFor(() => expect(location.hash).toBe('#/events/ev-2'));
  });
});

describe('timetable arithmetic', () => {
  const at = (id: string, start: number, end: number) => ({ session: session({ id }), date: '2026-03-12', start, end });

  it('splits only the sessions that overlap into lanes', async () => {
    const { lanes } = await import('../src/views/programme/timetable');
    const result = lanes([at('a', 540, 600), at('b', 570, 630), at('c', 600, 660), at('d', 700, 760)]);
    expect(Object.fromEntries(result)).toEqual({
      a: { lane: 0, of: 2 },
      b: { lane: 1, of: 2 },
      c: { lane: 0, of: 2 },
      d: { lane: 0, of: 1 },
    });
  });

  it('reads instants in the event’s timezone, across a change of the clocks', async () => {
    const { toLocal, localText } = await import('../src/views/programme/timetable');
    expect(toLocal('2026-03-12T06:30:00Z', 'Asia/Qatar')).toEqual({ date: '2026-03-12', minutes: 570 });
    // Vienna: 08:00 UTC is 09:00 in winter and 10:00 after the clocks go forward on 29 March.
    expect(toLocal('2026-03-28T08:00:00Z', 'Europe/Vienna').minutes).toBe(540);
    expect(toLocal('2026-03-30T08:00:00Z', 'Europe/Vienna').minutes).toBe(600);
    expect(localText('2026-03-12', 24 * 60 + 30)).toBe('2026-03-13 00:30');
  });
});
