// A form whose record someone else changed while it was open (issue 15). The rule (refuse a
// save made on an old version) is the core's; here the client is mocked to refuse once, and the
// tests check what the person sees and what the second save sends.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import type { Participant, Room } from '../src/api/types';
import { EditedRecord } from '../src/components/stale.svelte';
import { ar } from '../src/i18n/ar';
import { setLang } from '../src/i18n/index.svelte';
import { forgetReferenceData } from '../src/services/app';
import RegisterForm from '../src/views/participants/RegisterForm.svelte';
import PledgeForm from '../src/views/pledges/PledgeForm.svelte';
import RoomsDialog from '../src/views/programme/RoomsDialog.svelte';
import SessionPanel from '../src/views/programme/SessionPanel.svelte';
import SpeakersView from '../src/views/programme/SpeakersView.svelte';
import { apiError, auditEntry, countries, delegation, event, listing, participant, pledge, reference, session, speaker } from './fixtures';

vi.mock('../src/api/client');

const changed = (now: number) =>
  apiError({
    code: 'conflict',
    field: 'version',
    reason: 'changed',
    message: `this participant was changed by desk-2 at 2025-11-21 09:00:00 UTC after you opened it (your version 3, now ${now})`,
  });

type Form = { phone: string; name: { en: string; ar: string }; lines: { year: string }[] };

describe('the edited record', () => {
  const opened: Form = { phone: '', name: { en: 'Amina', ar: '' }, lines: [{ year: '2024' }] };

  it.each([
    // what the other writer stored, what the person typed → fields changed (edited too?), re-applied form
    [
      'different fields: both kept',
      { ...opened, name: { en: 'Amina', ar: 'أمينة' } },
      { ...opened, phone: '+974' },
      [['name.ar', false]],
      { phone: '+974', name: { en: 'Amina', ar: 'أمينة' }, lines: [{ year: '2024' }] },
    ],
    [
      'the same field: the person’s value is put back',
      { ...opened, phone: '+961' },
      { ...opened, phone: '+974' },
      [['phone', true]],
      { phone: '+974', name: { en: 'Amina', ar: '' }, lines: [{ year: '2024' }] },
    ],
    [
      'the same value typed by both: not a clash',
      { ...opened, phone: '+974' },
      { ...opened, phone: '+974' },
      [['phone', false]],
      { phone: '+974', name: { en: 'Amina', ar: '' }, lines: [{ year: '2024' }] },
    ],
    [
      'lists compare whole',
      { ...opened, lines: [{ year: '2025' }] },
      { ...opened, name: { en: 'Amina Y', ar: '' } },
      [['lines', false]],
      { phone: '', name: { en: 'Amina Y', ar: '' }, lines: [{ year: '2025' }] },
    ],
  ] as const)('%s', (_, current, mine, fields, reapplied) => {
    const record = new EditedRecord<Form>();
    record.fill(opened, 3);
    record.refused(current as Form, 4);
    expect(record.changes(mine as Form).map((c) => [c.field, c.editedToo])).toEqual(fields);
    expect(record.reapply(mine as Form)).toEqual(reapplied);
    expect(record.version).toBe(4);
    expect(record.stale).toBeNull();
    expect(record.reapplied).toBe(true);
  });

  it('discards the person’s edits for the current record', () => {
    const record = new EditedRecord<Form>();
    record.fill(opened, 3);
    record.refused({ ...opened, phone: '+961' }, 5);
    expect(record.discard()).toEqual({ ...opened, phone: '+961' });
    expect(record.version).toBe(5);
    expect(record.reapplied).toBe(false);
  });
});

describe('the participant form after someone else changed the person', () => {
  const categories = [
    { key: 'media', name: { en: 'Media', ar: 'وسائل الإعلام' }, colour: '#ea580c' },
    { key: 'other', name: { en: 'Other', ar: 'أخرى' }, colour: '#6b7280' },
  ];
  const opened: Participant = participant({
    id: 'p-4',
    name: { en: 'Amina Yusuf', ar: '' },
    category: 'media',
    badgeCode: 'CODE4',
    version: 3,
  });
  /** What desk 2 stored meanwhile: a new e-mail address and another category. */
  const now: Participant = { ...opened, email: 'amina.yusuf@un.org', category: 'other', version: 4 };

  beforeEach(() => {
    vi.resetAllMocks();
    forgetReferenceData();
    vi.mocked(client.categoryList).mockResolvedValue(categories);
    vi.mocked(client.delegationList).mockResolvedValue([]);
    vi.mocked(client.referenceData).mockResolvedValue({ countries: countries('QA', 'JO'), timezones: ['UTC'], zones: [], currencies: [] });
    vi.mocked(client.participantGet).mockResolvedValueOnce(opened).mockResolvedValue(now);
    vi.mocked(client.auditList).mockResolvedValue([
      auditEntry({ actor: 'desk-2', action: 'update', at: '2025-11-21T09:00:00Z', entityId: 'p-4' }),
    ]);
    vi.mocked(client.participantUpdate)
      .mockRejectedValueOnce(changed(4))
      .mockResolvedValue({ participant: { ...now, phone: '+974 5555 1234', version: 5 }, possibleDuplicates: [] });
  });

  /** Opens the form, corrects the phone and saves: the core refuses once. */
  async function editPhoneAndSave() {
    render(RegisterForm, { props: { eventId: 'ev-1', participantId: 'p-4' } });
    await fireEvent.input(await screen.findByTestId('field-phone'), { target: { value: '+974 5555 1234' } });
    await fireEvent.click(screen.getByTestId('register-save'));
    return screen.findByTestId('conflict-panel');
  }

  it('shows what changed, who changed it, and keeps the person’s edit', async () => {
    const panel = await editPhoneAndSave();
    expect(client.participantUpdate).toHaveBeenCalledWith('p-4', 3, expect.objectContaining({ phone: '+974 5555 1234' }));
    expect(within(panel).getByRole('heading')).toHaveTextContent('Someone else changed this record while you were editing');
    expect(within(panel).getByRole('heading')).toHaveFocus();
    expect(within(panel).getByTestId('conflict-by')).toHaveTextContent('desk-2');
    const rows = within(panel).getAllByTestId('conflict-change');
    expect(rows.map((r) => r.dataset.field)).toEqual(['email', 'category']);
    expect(rows[0]).toHaveTextContent('E-mail');
    expect(rows[0]).toHaveTextContent('amina.yusuf@un.org');
    expect(rows[1]).toHaveTextContent('Accreditation category');
    expect(rows[1]).toHaveTextContent('Other');
    // Nothing is lost while the person decides: their phone is still in the form, Save waits.
    expect(screen.getByTestId('field-phone')).toHaveValue('+974 5555 1234');
    expect(screen.getByTestId('register-save')).toBeDisabled();
  });

  it('re-applies the person’s edit on the current record and saves it with the new version', async () => {
    await editPhoneAndSave();
    await fireEvent.click(screen.getByTestId('conflict-reapply'));
    expect(screen.queryByTestId('conflict-panel')).toBeNull();
    expect(screen.getByTestId('conflict-reapplied')).toBeInTheDocument();
    expect(screen.getByTestId('field-phone')).toHaveValue('+974 5555 1234');
    expect(screen.getByTestId('field-email')).toHaveValue('amina.yusuf@un.org');
    expect(screen.getByTestId('register-save')).toHaveFocus();
    await fireEvent.click(screen.getByTestId('register-save'));
    await waitFor(() => expect(client.participantUpdate).toHaveBeenCalledTimes(2));
    const [id, version, input] = vi.mocked(client.participantUpdate).mock.calls[1];
    expect([id, version]).toEqual(['p-4', 4]);
    expect(input).toMatchObject({ phone: '+974 5555 1234', email: 'amina.yusuf@un.org', category: 'other' });
  });

  it('discards the person’s edit for the record as it is now', async () => {
    await editPhoneAndSave();
    await fireEvent.click(screen.getByTestId('conflict-discard'));
    expect(screen.queryByTestId('conflict-panel')).toBeNull();
    expect(screen.getByTestId('field-phone')).toHaveValue('');
    expect(screen.getByTestId('field-email')).toHaveValue('amina.yusuf@un.org');
    expect(screen.getByTestId('field-name-en')).toHaveFocus();
    await fireEvent.input(screen.getByTestId('field-honorific'), { target: { value: 'Dr' } });
    await fireEvent.click(screen.getByTestId('register-save'));
    await waitFor(() => expect(client.participantUpdate).toHaveBeenCalledTimes(2));
    expect(vi.mocked(client.participantUpdate).mock.calls[1][1]).toBe(4);
  });

  it('names a field both changed, with both values', async () => {
    vi.mocked(client.participantGet).mockReset().mockResolvedValueOnce(opened).mockResolvedValue({ ...now, phone: '+961 1 234' });
    const panel = await editPhoneAndSave();
    const phone = within(panel).getAllByTestId('conflict-change').find((r) => r.dataset.field === 'phone')!;
    expect(within(phone).getByTestId('conflict-now')).toHaveTextContent('+961 1 234');
    expect(within(phone).getByTestId('conflict-mine')).toHaveTextContent('+974 5555 1234');
  });

  it('says it in Arabic, right to left', async () => {
    setLang('ar');
    const panel = await editPhoneAndSave();
    expect(document.documentElement.dir).toBe('rtl');
    expect(within(panel).getByRole('heading')).toHaveTextContent('غيّر شخص آخر هذا السجل أثناء تحريرك له');
    const rows = within(panel).getAllByTestId('conflict-change');
    expect(rows[0]).toHaveTextContent('البريد الإلكتروني');
    expect(rows[1]).toHaveTextContent('أخرى');
    expect(within(panel).getByTestId('conflict-reapply')).toHaveTextContent('أعد تطبيق تعديلاتي');
    expect(within(panel).getByTestId('conflict-discard')).toHaveTextContent('تجاهل تعديلاتي');
  });
});

describe('the pledge form after someone else changed the pledge', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    forgetReferenceData();
    vi.mocked(client.referenceData).mockResolvedValue(reference());
    vi.mocked(client.eventGet).mockResolvedValue(event());
    vi.mocked(client.sessionList).mockResolvedValue([session()]);
    vi.mocked(client.speakerList).mockResolvedValue([speaker()]);
    vi.mocked(client.delegationList).mockResolvedValue([delegation()]);
    vi.mocked(client.auditList).mockResolvedValue([]);
    vi.mocked(client.pledgeGet)
      .mockResolvedValueOnce(pledge({ version: 2 }))
      .mockResolvedValue(pledge({ recipient: { en: 'UNICEF', ar: '' }, version: 3 }));
    vi.mocked(client.pledgeUpdate).mockRejectedValueOnce(changed(3)).mockResolvedValue(pledge({ version: 4 }));
  });

  it('shows the changed recipient and re-applies the notes typed here with the new version', async () => {
    render(PledgeForm, { props: { eventId: 'ev-1', pledgeId: 'pl-1' } });
    await fireEvent.input(await screen.findByTestId('pledge-notes'), { target: { value: 'Confirmed by letter.' } });
    await fireEvent.click(screen.getByTestId('save-pledge'));
    const panel = await screen.findByTestId('conflict-panel');
    expect(vi.mocked(client.pledgeUpdate).mock.calls[0][1]).toBe(2);
    const rows = within(panel).getAllByTestId('conflict-change');
    expect(rows.map((r) => r.dataset.field)).toEqual(['recipientEn']);
    expect(rows[0]).toHaveTextContent('Recipient in English');
    expect(rows[0]).toHaveTextContent('UNICEF');
    expect(screen.queryByTestId('conflict-by')).toBeNull();

    await fireEvent.click(within(panel).getByTestId('conflict-reapply'));
    expect(screen.getByTestId('pledge-recipient-en')).toHaveValue('UNICEF');
    expect(screen.getByTestId('pledge-notes')).toHaveValue('Confirmed by letter.');
    await fireEvent.click(screen.getByTestId('save-pledge'));
    await waitFor(() => expect(client.pledgeUpdate).toHaveBeenCalledTimes(2));
    const [id, version, input] = vi.mocked(client.pledgeUpdate).mock.calls[1];
    expect([id, version]).toEqual(['pl-1', 3]);
    expect(input).toMatchObject({ recipient: { en: 'UNICEF', ar: '' }, notes: 'Confirmed by letter.' });
  });
});

describe('the rooms dialog after someone else changed the room', () => {
  const hall: Room = { id: 'r-hall', eventId: 'ev-1', name: { en: 'Main Hall', ar: 'القاعة الرئيسية' }, capacity: 400, parallel: false, hours: null, version: 2 };
  /** What desk 2 stored meanwhile: a new English name and opening hours. */
  const now: Room = { ...hall, name: { ...hall.name, en: 'Main Hall A' }, hours: { opens: '08:00:00', closes: '18:00:00' }, version: 3 };
  const onsaved = vi.fn();

  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(client.roomList).mockResolvedValue([now]);
    vi.mocked(client.roomUpdate).mockRejectedValueOnce(changed(3)).mockResolvedValue({ ...now, capacity: 350, version: 4 });
  });

  /** Opens the hall, lowers its seats to 350 and saves: the core refuses once. */
  async function editSeatsAndSave() {
    render(RoomsDialog, { props: { eventId: 'ev-1', rooms: [hall], sessions: [], onsaved, ondeleted: () => {}, onclose: () => {} } });
    await fireEvent.click(screen.getByTestId('room-edit'));
    await fireEvent.input(screen.getByTestId('room-capacity'), { target: { value: '350' } });
    await fireEvent.click(screen.getByTestId('room-save'));
    return screen.findByTestId('conflict-panel');
  }

  it('shows the fields the other desk changed, and waits for the person to choose', async () => {
    const panel = await editSeatsAndSave();
    expect(client.roomUpdate).toHaveBeenCalledWith('r-hall', 2, expect.objectContaining({ capacity: 350 }));
    expect(within(panel).getByRole('heading')).toHaveFocus();
    const rows = within(panel).getAllByTestId('conflict-change');
    expect(rows.map((r) => r.dataset.field)).toEqual(['nameEn', 'opens', 'closes']);
    expect(rows[0]).toHaveTextContent('Name (English)');
    expect(rows[0]).toHaveTextContent('Main Hall A');
    expect(rows[1]).toHaveTextContent('Opens');
    expect(rows[1]).toHaveTextContent('08:00');
    expect(screen.queryByTestId('room-error')).toBeNull();
    // The list behind the form shows the room as it is now.
    expect(onsaved).toHaveBeenCalledWith(now);
    expect(screen.getByTestId('room-capacity')).toHaveValue(350);
    expect(screen.getByTestId('room-save')).toBeDisabled();
  });

  it('re-applies the new seats on the current room and saves them with the new version', async () => {
    await editSeatsAndSave();
    await fireEvent.click(screen.getByTestId('conflict-reapply'));
    expect(screen.queryByTestId('conflict-panel')).toBeNull();
    expect(screen.getByTestId('conflict-reapplied')).toBeInTheDocument();
    expect(screen.getByTestId('room-name-en')).toHaveValue('Main Hall A');
    expect(screen.getByTestId('room-capacity')).toHaveValue(350);
    expect(screen.getByTestId('room-save')).toHaveFocus();
    await fireEvent.click(screen.getByTestId('room-save'));
    await waitFor(() => expect(client.roomUpdate).toHaveBeenCalledTimes(2));
    const [id, version, input] = vi.mocked(client.roomUpdate).mock.calls[1];
    expect([id, version]).toEqual(['r-hall', 3]);
    expect(input).toEqual({ name: { en: 'Main Hall A', ar: 'القاعة الرئيسية' }, capacity: 350, parallel: false, opens: '08:00', closes: '18:00' });
  });

  it('discards the new seats for the room as it is now', async () => {
    await editSeatsAndSave();
    await fireEvent.click(screen.getByTestId('conflict-discard'));
    expect(screen.queryByTestId('conflict-panel')).toBeNull();
    expect(screen.getByTestId('room-capacity')).toHaveValue(400);
    expect(screen.getByTestId('room-opens')).toHaveValue('08:00');
    expect(screen.getByTestId('room-name-en')).toHaveFocus();
    await fireEvent.click(screen.getByTestId('room-save'));
    await waitFor(() => expect(client.roomUpdate).toHaveBeenCalledTimes(2));
    expect(vi.mocked(client.roomUpdate).mock.calls[1]).toEqual(['r-hall', 3, expect.objectContaining({ capacity: 400 })]);
  });

  it('says it in Arabic', async () => {
    setLang('ar');
    const panel = await editSeatsAndSave();
    expect(within(panel).getByRole('heading')).toHaveTextContent('غيّر شخص آخر هذا السجل أثناء تحريرك له');
    expect(within(panel).getAllByTestId('conflict-change')[0]).toHaveTextContent(ar['programme.rooms.nameEn']);
  });
});

describe('the session panel after someone else changed the session', () => {
  const hall: Room = { id: 'r-hall', eventId: 'ev-1', name: { en: 'Main Hall', ar: 'القاعة الرئيسية' }, capacity: 400, parallel: false, hours: null, version: 1 };
  // 09:30–10:30 in Doha, no room yet.
  const opened = session({ version: 2 });
  /** What desk 2 stored meanwhile: the session placed in the Main Hall, half an hour later. */
  const now = session({ roomId: 'r-hall', start: '2024-05-21T07:00:00Z', end: '2024-05-21T08:00:00Z', version: 3 });
  const onsaved = vi.fn();

  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(client.pledgeList).mockResolvedValue(listing());
    vi.mocked(client.sessionSignUps).mockResolvedValue({ sessionId: 'se-1', capacity: null, confirmed: 0, participants: [] });
    vi.mocked(client.sessionList).mockResolvedValue([session({ id: 'se-9' }), now]);
    vi.mocked(client.sessionUpdate).mockRejectedValueOnce(changed(3)).mockResolvedValue({ ...now, version: 4 });
  });

  function openPanel() {
    const days = ['2024-05-21', '2024-05-22'];
    const handlers = { onsaved, ondeleted() {}, onpeople() {}, onclose() {}, onmove() {} };
    const props = { event: event(), rooms: [hall], speakers: [], assignments: [], days, session: opened, defaultDate: days[0] };
    return render(SessionPanel, { props: { ...props, ...handlers } });
  }

  /** Opens the session, writes its description and saves: the core refuses once. */
  async function describeAndSave() {
    openPanel();
    await fireEvent.input(screen.getByTestId('session-description-en'), { target: { value: 'Welcome words.' } });
    await fireEvent.click(screen.getByTestId('save-session'));
    return screen.findByTestId('conflict-panel');
  }

  it('shows the new room and times, and waits for the person to choose', async () => {
    const panel = await describeAndSave();
    expect(vi.mocked(client.sessionUpdate).mock.calls[0][1]).toBe(2);
    expect(within(panel).getByRole('heading')).toHaveFocus();
    const rows = within(panel).getAllByTestId('conflict-change');
    expect(rows.map((r) => r.dataset.field)).toEqual(['roomId', 'start', 'end']);
    expect(rows[0]).toHaveTextContent('Room');
    expect(rows[0]).toHaveTextContent('Main Hall');
    expect(rows[1]).toHaveTextContent('Starts');
    expect(rows[1]).toHaveTextContent('10:00');
    expect(onsaved).toHaveBeenCalledWith(now);
    expect(screen.getByTestId('session-description-en')).toHaveValue('Welcome words.');
    expect(screen.getByTestId('save-session')).toBeDisabled();
  });

  it('re-applies the description on the moved session and saves it with the new version', async () => {
    await describeAndSave();
    await fireEvent.click(screen.getByTestId('conflict-reapply'));
    expect(screen.queryByTestId('conflict-panel')).toBeNull();
    expect(screen.getByTestId('conflict-reapplied')).toBeInTheDocument();
    expect(screen.getByTestId('session-room')).toHaveValue('r-hall');
    expect(screen.getByTestId('save-session')).toHaveFocus();
    await fireEvent.click(screen.getByTestId('save-session'));
    await waitFor(() => expect(client.sessionUpdate).toHaveBeenCalledTimes(2));
    const [id, version, input] = vi.mocked(client.sessionUpdate).mock.calls[1];
    expect([id, version]).toEqual(['se-1', 3]);
    expect(input).toMatchObject({
      roomId: 'r-hall',
      start: '2024-05-21 10:00',
      end: '2024-05-21 11:00',
      description: { en: 'Welcome words.', ar: '' },
    });
  });

  it('discards the description for the session as it is now', async () => {
    await describeAndSave();
    await fireEvent.click(screen.getByTestId('conflict-discard'));
    expect(screen.queryByTestId('conflict-panel')).toBeNull();
    expect(screen.getByTestId('session-description-en')).toHaveValue('');
    expect(screen.getByTestId('session-start')).toHaveValue('10:00');
    expect(screen.getByTestId('session-title-en')).toHaveFocus();
    await fireEvent.click(screen.getByTestId('save-session'));
    await waitFor(() => expect(client.sessionUpdate).toHaveBeenCalledTimes(2));
    expect(vi.mocked(client.sessionUpdate).mock.calls[1]).toEqual(['se-1', 3, expect.objectContaining({ roomId: 'r-hall' })]);
  });

  it('says where the session went in Arabic', async () => {
    setLang('ar');
    const panel = await describeAndSave();
    const rows = within(panel).getAllByTestId('conflict-change');
    expect(rows[0]).toHaveTextContent(ar['programme.field.room']);
    expect(rows[0]).toHaveTextContent('القاعة الرئيسية');
  });

  it('follows a move made in this window while the panel is untouched, so its save is not refused', async () => {
    vi.mocked(client.sessionUpdate).mockReset().mockResolvedValue({ ...now, version: 4 });
    const { rerender } = openPanel();
    await rerender({ session: now });
    expect(screen.getByTestId('session-start')).toHaveValue('10:00');
    await fireEvent.input(screen.getByTestId('session-description-en'), { target: { value: 'Welcome words.' } });
    await fireEvent.click(screen.getByTestId('save-session'));
    await waitFor(() => expect(client.sessionUpdate).toHaveBeenCalledWith('se-1', 3, expect.objectContaining({ roomId: 'r-hall' })));
    expect(screen.queryByTestId('conflict-panel')).toBeNull();
  });

  it('says so when the session was deleted meanwhile', async () => {
    vi.mocked(client.sessionList).mockResolvedValue([]);
    openPanel();
    await fireEvent.click(screen.getByTestId('save-session'));
    expect(await screen.findByTestId('error-session')).toHaveTextContent('This item no longer exists.');
    expect(screen.queryByTestId('conflict-panel')).toBeNull();
  });
});

describe('the speaker form after someone else changed the profile', () => {
  const opened = speaker({ version: 5 });
  /** What desk 2 stored meanwhile: the organisation in Arabic. */
  const now = speaker({ organisation: { en: '', ar: 'وزارة الخارجية' }, version: 6 });

  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(client.eventGet).mockResolvedValue(event());
    vi.mocked(client.sessionList).mockResolvedValue([]);
    vi.mocked(client.assignmentList).mockResolvedValue([]);
    vi.mocked(client.speakerAvailability).mockResolvedValue([]);
    vi.mocked(client.speakerList).mockResolvedValueOnce([opened]).mockResolvedValue([now]);
    vi.mocked(client.speakerUpdate).mockRejectedValueOnce(changed(6)).mockResolvedValue({ ...now, version: 7 });
  });

  /** Opens the profile, types a position and saves: the core refuses once. */
  async function editPositionAndSave() {
    render(SpeakersView, { props: { id: 'ev-1' } });
    await fireEvent.click(await screen.findByTestId('speaker-row'));
    await fireEvent.click(screen.getByTestId('edit-speaker'));
    await fireEvent.input(screen.getByTestId('speaker-position-en'), { target: { value: 'Minister of State' } });
    await fireEvent.click(screen.getByTestId('save-speaker'));
    return screen.findByTestId('conflict-panel');
  }

  it('shows the changed organisation and re-applies the position typed here with the new version', async () => {
    const panel = await editPositionAndSave();
    expect(vi.mocked(client.speakerUpdate).mock.calls[0][1]).toBe(5);
    expect(within(panel).getByRole('heading')).toHaveFocus();
    const rows = within(panel).getAllByTestId('conflict-change');
    expect(rows.map((r) => r.dataset.field)).toEqual(['organisation.ar']);
    expect(rows[0]).toHaveTextContent('Organisation · Arabic');
    expect(rows[0]).toHaveTextContent('وزارة الخارجية');
    expect(screen.getByTestId('save-speaker')).toBeDisabled();

    await fireEvent.click(within(panel).getByTestId('conflict-reapply'));
    expect(screen.getByTestId('speaker-organisation-ar')).toHaveValue('وزارة الخارجية');
    expect(screen.getByTestId('speaker-position-en')).toHaveValue('Minister of State');
    expect(screen.getByTestId('save-speaker')).toHaveFocus();
    await fireEvent.click(screen.getByTestId('save-speaker'));
    await waitFor(() => expect(client.speakerUpdate).toHaveBeenCalledTimes(2));
    const [id, version, input] = vi.mocked(client.speakerUpdate).mock.calls[1];
    expect([id, version]).toEqual(['sp-1', 6]);
    expect(input).toMatchObject({ participantId: null, organisation: { en: '', ar: 'وزارة الخارجية' }, position: { en: 'Minister of State', ar: '' } });
  });

  it('discards the position for the profile as it is now', async () => {
    await editPositionAndSave();
    await fireEvent.click(screen.getByTestId('conflict-discard'));
    expect(screen.getByTestId('speaker-position-en')).toHaveValue('');
    expect(screen.getByTestId('speaker-organisation-ar')).toHaveValue('وزارة الخارجية');
    expect(screen.getByTestId('speaker-honorific-en')).toHaveFocus();
  });
});
