import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import { forgetReferenceData } from '../src/services/app';
import type { Participant, ParticipantQuery } from '../src/api/types';
import CheckInDesk from '../src/views/participants/CheckInDesk.svelte';
import ImportView from '../src/views/participants/ImportView.svelte';
import ParticipantsView from '../src/views/participants/ParticipantsView.svelte';
import RegisterForm from '../src/views/participants/RegisterForm.svelte';
import SetupView from '../src/views/participants/SetupView.svelte';
import { nextPages, pagesOf, pagesToForget, visibleRange } from '../src/views/participants/window';
import { setLang } from '../src/i18n/index.svelte';
import { countries, event, participant } from './fixtures';

vi.mock('../src/api/client');

function person(i: number, overrides: Partial<Participant> = {}): Participant {
  return participant({
    id: `p-${i}`,
    name: { en: `Person ${i}`, ar: '' },
    email: `p${i}@example.org`,
    category: 'media',
    status: 'interest_registered',
    badgeCode: `CODE${i}`,
    ...overrides,
  });
}

const categories = [
  { key: 'media', name: { en: 'Media', ar: 'وسائل الإعلام' }, colour: '#ea580c' },
  { key: 'other', name: { en: 'Other', ar: 'أخرى' }, colour: '#6b7280' },
];
const delegations = [
  { id: 'del-qa', eventId: 'ev-1', name: { en: 'Qatar', ar: 'قطر' }, country: 'QA', head: null, members: 2, createdAt: '', version: 1 },
];

/** A roster of `total` people served a page at a time, as the core would. */
function roster(total: number) {
  vi.mocked(client.participantQuery).mockImplementation(async (_id: string, q: ParticipantQuery) => {
    const rows = [];
    for (let i = q.offset; i < Math.min(total, q.offset + q.limit); i++) rows.push(person(i));
    return { total, offset: q.offset, rows };
  });
}

describe('the visible window', () => {
  it.each([
    // scrollTop, viewport, total → start, end (row height 40, overscan 8)
    [0, 400, 100_000, 0, 18],
    [4000, 400, 100_000, 92, 118],
    [0, 400, 5, 0, 5],
    [0, 400, 0, 0, 0],
    [3_999_600, 400, 100_000, 99_982, 100_000],
  ])('scrolled to %i in %i px of %i rows draws [%i, %i)', (top, viewport, total, start, end) => {
    expect(visibleRange(top, viewport, 40, total)).toEqual({ start, end });
  });

  it.each([
    // waiting, in view, free → ask, keep
    [[3, 4, 5], [4, 5], 2, [4, 5], []],
    [[3, 4, 5], [4, 5], 1, [4], [5]],
    [[3, 4, 5], [4, 5], 0, [], [4, 5]],
    [[1, 2, 3], [90, 91], 2, [], []],
    [[7], [7], -1, [], [7]],
    [[], [0], 2, [], []],
  ])('waiting %j, in view %j, %i free: asks %j, keeps %j', (waiting, inView, free, ask, keep) => {
    expect(nextPages(waiting, inView, free)).toEqual({ ask, keep });
  });

  it.each([
    // Few enough: nothing is forgotten.
    [[0, 1, 2], [1], 3, []],
    // The farthest from the view first, on either side; never one in view.
    [[0, 1, 5, 9, 10], [5], 3, [0, 10]],
    [[3, 4], [3, 4], 1, []],
    [[0, 50, 51, 99], [50, 51], 2, [0, 99]],
    // Nothing in view yet (not counted): nothing is forgotten.
    [[0, 1, 2], [], 1, []],
  ])('holding %j with %j in view, at most %i: forgets %j', (held, inView, max, forget) => {
    expect(pagesToForget(held, inView, max)).toEqual(forget);
  });

  it('asks for the pages the drawn rows fall in', () => {
    expect(pagesOf({ start: 92, end: 118 }, 100)).toEqual([0, 1]);
    expect(pagesOf({ start: 0, end: 18 }, 100)).toEqual([0]);
    expect(pagesOf({ start: 0, end: 0 }, 100)).toEqual([]);
  });
});

describe('participants table', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(client.eventGet).mockResolvedValue(event());
    vi.mocked(client.categoryList).mockResolvedValue(categories);
    vi.mocked(client.delegationList).mockResolvedValue(delegations);
  });

  it('draws only a window of 100,000 people and asks for one page', async () => {
    roster(100_000);
    render(ParticipantsView, { props: { id: 'ev-1' } });
    await screen.findByText('Person 0');
    expect(screen.getByTestId('participant-count')).toHaveTextContent('Participants: 100,000');
    const drawn = screen.getAllByTestId('participant-row').length;
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(60);
    const offsets = vi.mocked(client.participantQuery).mock.calls.map(([, q]) => q.offset);
    expect(offsets).toEqual([0]);
    expect(vi.mocked(client.participantQuery).mock.calls[0][1].limit).toBeLessThanOrEqual(1000);
  });

  it('asks for at most two pages at once, and not for pages scrolled past before their turn', async () => {
    const answers: Array<() => void> = [];
    vi.mocked(client.participantQuery).mockImplementation(
      (_id: string, q: ParticipantQuery) =>
        new Promise((done) => {
          const rows: Participant[] = [];
          for (let i = q.offset; i < Math.min(100_000, q.offset + q.limit); i++) rows.push(person(i));
          answers.push(() => done({ total: 100_000, offset: q.offset, rows }));
        }),
    );
    render(ParticipantsView, { props: { id: 'ev-1' } });
    await waitFor(() => expect(answers).toHaveLength(1));
    answers.shift()!();
    await screen.findByText('Person 0');
    const rows = screen.getByTestId('participant-rows');
    const offsets = () => vi.mocked(client.participantQuery).mock.calls.map(([, q]) => q.offset);
    // A fling: five jumps far down while nothing is answered.
    for (const top of [400_000, 800_000, 1_200_000, 1_600_000, 2_000_000]) {
      rows.scrollTop = top;
      await fireEvent.scroll(rows);
    }
    expect(rows).toHaveAttribute('aria-busy', 'true');
    // The two pages of the first place passed are asked for (rows of 44 px, pages of 100
    // rows); the pages passed meanwhile never are.
    expect(offsets()).toEqual([0, 9_000, 9_100]);
    answers.splice(0).forEach((answer) => answer());
    // Then the page now in view, and it is drawn.
    await waitFor(() => expect(offsets()).toEqual([0, 9_000, 9_100, 45_400]));
    answers.splice(0).forEach((answer) => answer());
    await screen.findByText('Person 45450');
    await waitFor(() => expect(rows).toHaveAttribute('aria-busy', 'false'));
  });

  it('searches as you type and filters through the core', async () => {
    roster(3);
    render(ParticipantsView, { props: { id: 'ev-1' } });
    await screen.findByText('Person 0');
    await fireEvent.input(screen.getByTestId('participant-search'), { target: { value: 'احمد' } });
    await waitFor(() => expect(vi.mocked(client.participantQuery).mock.lastCall?.[1].text).toBe('احمد'));
    await fireEvent.change(screen.getByTestId('filter-delegation'), { target: { value: 'del-qa' } });
    await waitFor(() => expect(vi.mocked(client.participantQuery).mock.lastCall?.[1].delegation).toBe('del-qa'));
    await fireEvent.click(screen.getByTestId('sort-country'));
    await waitFor(() => expect(vi.mocked(client.participantQuery).mock.lastCall?.[1].sort).toBe('country'));
  });

  it('confirms the selection only after asking', async () => {
    roster(3);
    vi.mocked(client.participantSetStatus).mockResolvedValue(2);
    render(ParticipantsView, { props: { id: 'ev-1' } });
    await screen.findByText('Person 0');
    const boxes = screen.getAllByTestId('select-row');
    await fireEvent.click(boxes[0]);
    await fireEvent.click(boxes[2]);
    // Not every row shown is selected: nothing to offer beyond them.
    expect(screen.queryByTestId('select-all-matching')).toBeNull();
    await fireEvent.click(screen.getByTestId('bulk-confirmed'));
    expect(screen.getByText('Confirm the selected participants (2)?')).toBeInTheDocument();
    expect(screen.queryByText(/including those not shown/)).toBeNull();
    expect(client.participantSetStatus).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('bulk-go'));
    await waitFor(() =>
      expect(client.participantSetStatus).toHaveBeenCalledWith('ev-1', { kind: 'ids', ids: ['p-0', 'p-2'] }, 'confirmed'),
    );
  });

  it('selects every participant that matches, loaded or not, with the count the person saw', async () => {
    roster(3000);
    vi.mocked(client.participantSetCategory).mockResolvedValue(3000);
    render(ParticipantsView, { props: { id: 'ev-1' } });
    await screen.findByText('Person 0');
    await fireEvent.change(screen.getByTestId('filter-status'), { target: { value: 'interest_registered' } });
    await waitFor(() => expect(vi.mocked(client.participantQuery).mock.lastCall?.[1].status).toBe('interest_registered'));
    await screen.findByText('Person 0');
    await fireEvent.click(screen.getByTestId('select-shown'));
    const shown = screen.getAllByTestId('select-row').length;
    expect(screen.getByTestId('bulk-count')).toHaveTextContent(`${shown} selected`);
    await fireEvent.click(screen.getByTestId('select-all-matching'));
    expect(screen.getByTestId('bulk-count')).toHaveTextContent('All 3,000 that match are selected');
    for (const box of screen.getAllByTestId('select-row')) expect(box).toBeChecked();
    await fireEvent.change(screen.getByTestId('bulk-category'), { target: { value: 'other' } });
    await fireEvent.click(screen.getByTestId('bulk-category-apply'));
    expect(screen.getByText('Put the selected participants (3,000) in the category Other?')).toBeInTheDocument();
    expect(screen.getByText(/This applies to all 3,000 participants that match the search and filters, including those not shown\./)).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('bulk-go'));
    await waitFor(() => expect(client.participantSetCategory).toHaveBeenCalled());
    const [eventId, selection, category] = vi.mocked(client.participantSetCategory).mock.lastCall!;
    expect([eventId, category]).toEqual(['ev-1', 'other']);
    expect(selection).toMatchObject({ kind: 'matching', expected: 3000, query: { status: 'interest_registered', text: '' } });
    // Done: the selection is gone.
    await waitFor(() => expect(screen.queryByTestId('bulk-bar')).toBeNull());
  });

  it('puts the selection in a delegation, or out of any, after asking', async () => {
    roster(3);
    vi.mocked(client.participantSetDelegation).mockResolvedValue(1);
    render(ParticipantsView, { props: { id: 'ev-1' } });
    await screen.findByText('Person 0');
    await fireEvent.click(screen.getAllByTestId('select-row')[1]);
    const apply = screen.getByTestId('bulk-delegation-apply');
    expect(apply).toBeDisabled();
    await fireEvent.change(screen.getByTestId('bulk-delegation'), { target: { value: 'del-qa' } });
    await fireEvent.click(apply);
    expect(screen.getByText('Put the selected participants (1) in the delegation Qatar?')).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('bulk-go'));
    await waitFor(() =>
      expect(client.participantSetDelegation).toHaveBeenCalledWith('ev-1', { kind: 'ids', ids: ['p-1'] }, 'del-qa'),
    );
    await waitFor(() => expect(screen.queryByTestId('bulk-bar')).toBeNull());
    await fireEvent.click(screen.getAllByTestId('select-row')[2]);
    await fireEvent.change(screen.getByTestId('bulk-delegation'), { target: { value: '-' } });
    await fireEvent.click(screen.getByTestId('bulk-delegation-apply'));
    expect(screen.getByText('Take the selected participants (1) out of their delegations?')).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('bulk-go'));
    await waitFor(() =>
      expect(client.participantSetDelegation).toHaveBeenLastCalledWith('ev-1', { kind: 'ids', ids: ['p-2'] }, null),
    );
  });

  it('exports the badges of the confirmed on A4 sheets unless told otherwise', async () => {
    roster(3);
    vi.mocked(client.badgesExport).mockResolvedValue({ file: '/tmp/badges.pdf', bytes: 10, missingGlyphs: 0 });
    render(ParticipantsView, { props: { id: 'ev-1' } });
    await screen.findByText('Person 0');
    await fireEvent.click(screen.getByTestId('export-badges'));
    await waitFor(() => expect(client.badgesExport).toHaveBeenCalledWith('ev-1', 'confirmed', 'a4'));
    await fireEvent.change(screen.getByTestId('badges-status'), { target: { value: '' } });
    await fireEvent.change(screen.getByTestId('badges-layout'), { target: { value: 'single' } });
    await fireEvent.click(screen.getByTestId('export-badges'));
    await waitFor(() => expect(client.badgesExport).toHaveBeenLastCalledWith('ev-1', null, 'single'));
  });

  it('forgets "all that match" when the query changes', async () => {
    roster(500);
    render(ParticipantsView, { props: { id: 'ev-1' } });
    await screen.findByText('Person 0');
    await fireEvent.click(screen.getByTestId('select-shown'));
    await fireEvent.click(screen.getByTestId('select-all-matching'));
    expect(screen.getByTestId('bulk-count')).toHaveTextContent('All 500 that match are selected');
    await fireEvent.change(screen.getByTestId('filter-category'), { target: { value: 'media' } });
    await waitFor(() => expect(screen.getByTestId('bulk-count')).not.toHaveTextContent('that match'));
  });

  it('puts the name in the interface language first and the other script after it', async () => {
    vi.mocked(client.participantQuery).mockResolvedValue({
      total: 2,
      offset: 0,
      rows: [
        person(0, { name: { en: 'Amina Yusuf', ar: 'أمينة يوسف' } }),
        person(1, { name: { en: 'Jean Dupont', ar: '' } }),
      ],
    });
    const names = async () =>
      (await screen.findAllByTestId('participant-name')).map((cell) =>
        [...cell.querySelectorAll('bdi')].map((b) => [b.lang, b.textContent]),
      );
    const { unmount } = render(ParticipantsView, { props: { id: 'ev-1' } });
    expect(await names()).toEqual([
      [
        ['en', 'Amina Yusuf'],
        ['ar', 'أمينة يوسف'],
      ],
      [['en', 'Jean Dupont']],
    ]);
    unmount();
    setLang('ar');
    render(ParticipantsView, { props: { id: 'ev-1' } });
    expect(await names()).toEqual([
      [
        ['ar', 'أمينة يوسف'],
        ['en', 'Amina Yusuf'],
      ],
      [['en', 'Jean Dupont']],
    ]);
  });

  it("keeps the honorific with the name of its script, the interface's name a link to the person", async () => {
    vi.mocked(client.participantQuery).mockResolvedValue({
      total: 2,
      offset: 0,
      rows: [
        person(0, { honorific: 'Dr', name: { en: 'Amina Yusuf', ar: 'أمينة يوسف' } }),
        person(1, { honorific: 'د.', name: { en: 'Jean Dupont', ar: '' } }),
      ],
    });
    const lines = async () =>
      (await screen.findAllByTestId('participant-name')).map((cell) => [...cell.querySelectorAll('bdi')].map((b) => b.textContent));
    setLang('ar');
    const { unmount } = render(ParticipantsView, { props: { id: 'ev-1' } });
    // The English "Dr" goes with the English name, under the Arabic one; an Arabic honorific
    // whose script has no name leads the other name rather than being dropped.
    expect(await lines()).toEqual([['أمينة يوسف', 'Dr Amina Yusuf'], ['د. Jean Dupont']]);
    const link = (await screen.findAllByTestId('participant-link'))[0];
    expect(link).toHaveTextContent('أمينة يوسف');
    expect(link).not.toHaveTextContent('Amina');
    expect(link).toHaveAttribute('href', '#/events/ev-1/participants/p-0');
    unmount();
    setLang('en');
    render(ParticipantsView, { props: { id: 'ev-1' } });
    expect(await lines()).toEqual([['Dr Amina Yusuf', 'أمينة يوسف'], ['د. Jean Dupont']]);
  });

  it('names an erased person by what happened, with a link to the record', async () => {
    vi.mocked(client.participantQuery).mockResolvedValue({
      total: 1,
      offset: 0,
      rows: [person(0, { name: { en: '', ar: '' }, email: null, organisation: { en: '', ar: '' } })],
    });
    render(ParticipantsView, { props: { id: 'ev-1' } });
    const link = await screen.findByTestId('participant-link');
    expect(link).toHaveTextContent('(personal data erased)');
    expect(link).toHaveAttribute('href', '#/events/ev-1/participants/p-0');
  });

  it('shows each status in words as well as colour', async () => {
    vi.mocked(client.participantQuery).mockResolvedValue({
      total: 2,
      offset: 0,
      rows: [person(0, { status: 'declined' }), person(1, { status: 'checked_in' })],
    });
    render(ParticipantsView, { props: { id: 'ev-1' } });
    const badges = await screen.findAllByTestId('participant-status');
    expect(badges.map((b) => b.textContent)).toEqual(['Declined', 'Checked in']);
  });
});

describe('registration form', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(client.categoryList).mockResolvedValue(categories);
    vi.mocked(client.delegationList).mockResolvedValue(delegations);
    vi.mocked(client.referenceData).mockResolvedValue({ countries: countries('QA', 'JO'), timezones: ['UTC'], zones: [], currencies: [] });
  });

  it('offers likely duplicates for merging and never merges by itself', async () => {
    const added = person(9, { name: { en: 'Amina Yusuf', ar: '' }, email: 'amina@un.org' });
    const existing = person(1, { name: { en: 'A. Yusuf', ar: '' }, email: 'Amina@UN.org' });
    vi.mocked(client.participantAdd).mockResolvedValue({ participant: added, possibleDuplicates: ['p-1'] });
    vi.mocked(client.participantGet).mockResolvedValue(existing);
    vi.mocked(client.participantMerge).mockResolvedValue(existing);
    render(RegisterForm, { props: { eventId: 'ev-1' } });
    // Staff register someone: the form says so, not the public form's "Register your interest".
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Register a participant');
    await fireEvent.input(await screen.findByTestId('field-name-en'), { target: { value: 'Amina Yusuf' } });
    await fireEvent.input(screen.getByTestId('field-email'), { target: { value: 'amina@un.org' } });
    await fireEvent.input(screen.getByTestId('field-honorific'), { target: { value: 'Dr' } });
    await fireEvent.change(screen.getByTestId('field-delegation'), { target: { value: 'del-qa' } });
    await fireEvent.click(screen.getByTestId('register-save'));
    await screen.findByTestId('duplicates');
    const sent = vi.mocked(client.participantAdd).mock.calls[0][1];
    expect(sent).toMatchObject({ honorific: 'Dr', name: { en: 'Amina Yusuf' }, delegation: 'del-qa', category: 'other' });
    expect(screen.getByText('A. Yusuf')).toBeInTheDocument();
    expect(client.participantMerge).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('merge-into'));
    await waitFor(() => expect(client.participantMerge).toHaveBeenCalledWith('p-1', 'p-9'));
  });

  it("opens a person's record, sends the corrected fields and shows their history", async () => {
    const held = person(4, { name: { en: 'Amina Yusf', ar: '' }, email: null, delegation: 'del-qa', status: 'checked_in', version: 7 });
    vi.mocked(client.participantGet).mockResolvedValue(held);
    vi.mocked(client.auditList).mockResolvedValue([]);
    vi.mocked(client.participantUpdate).mockResolvedValue({ participant: { ...held, name: { en: 'Amina Yusuf', ar: '' } }, possibleDuplicates: [] });
    render(RegisterForm, { props: { eventId: 'ev-1', participantId: 'p-4' } });
    const name = (await screen.findByTestId('field-name-en')) as HTMLInputElement;
    expect(name.value).toBe('Amina Yusf');
    expect((screen.getByTestId('field-delegation') as HTMLSelectElement).value).toBe('del-qa');
    // Checked in stays a choice for someone who is.
    expect((screen.getByTestId('field-status') as HTMLSelectElement).value).toBe('checked_in');
    expect(screen.getByTestId('participant-badge')).toHaveTextContent('CODE4');
    await fireEvent.input(name, { target: { value: 'Amina Yusuf' } });
    await fireEvent.click(screen.getByTestId('register-save'));
    await waitFor(() => expect(client.participantUpdate).toHaveBeenCalled());
    const [id, version, sent] = vi.mocked(client.participantUpdate).mock.calls[0];
    expect(id).toBe('p-4');
    expect(version).toBe(7);
    expect(sent).toEqual({
      honorific: '',
      name: { en: 'Amina Yusuf', ar: '' },
      email: '',
      phone: '',
      organisation: { en: 'UNOCT', ar: '' },
      country: 'QA',
      category: 'media',
      status: 'checked_in',
      consent: true,
      delegation: 'del-qa',
    });
    expect(client.participantAdd).not.toHaveBeenCalled();
    expect(await screen.findByTestId('history')).toBeInTheDocument();
    expect(client.auditList).toHaveBeenCalledWith('participant', 'p-4');
  });

  it('erases a person after saying what is kept, and shows the record as kept', async () => {
    const held = person(4, { honorific: 'H.E.', name: { en: 'Amina Yusuf', ar: 'أمينة يوسف' }, version: 3 });
    const erased = { ...held, honorific: '', name: { en: '', ar: '' }, email: null, organisation: { en: '', ar: '' }, country: null, version: 4 };
    vi.mocked(client.participantGet).mockResolvedValue(held);
    vi.mocked(client.auditList).mockResolvedValue([]);
    vi.mocked(client.participantErasure).mockResolvedValue({ participant: held, historyEntries: 3 });
    vi.mocked(client.participantErase).mockResolvedValue({ participant: erased, historyEntries: 4 });
    render(RegisterForm, { props: { eventId: 'ev-1', participantId: 'p-4' } });
    await fireEvent.click(await screen.findByTestId('erase-open'));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Erase the personal data of H.E. Amina Yusuf أمينة يوسف?');
    expect(dialog).toHaveTextContent('badge code CODE4');
    expect(dialog).toHaveTextContent('3 history entries with who and when');
    // Cancelling erases nothing.
    await fireEvent.click(within(dialog).getByTestId('erase-cancel'));
    expect(client.participantErase).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('erase-open'));
    await fireEvent.click(within(await screen.findByRole('dialog')).getByTestId('erase-confirm'));
    await waitFor(() => expect(client.participantErase).toHaveBeenCalledWith('p-4'));
    await waitFor(() => expect((screen.getByTestId('field-name-en') as HTMLInputElement).value).toBe(''));
    expect(screen.getByTestId('participant-badge')).toHaveTextContent('CODE4');
    expect(client.auditList).toHaveBeenCalledTimes(2);
  });

  it('says in Arabic what erasing keeps', async () => {
    setLang('ar');
    const held = person(4, { name: { en: 'Amina Yusuf', ar: 'أمينة يوسف' } });
    vi.mocked(client.participantGet).mockResolvedValue(held);
    vi.mocked(client.auditList).mockResolvedValue([]);
    vi.mocked(client.participantErasure).mockResolvedValue({ participant: held, historyEntries: 2 });
    render(RegisterForm, { props: { eventId: 'ev-1', participantId: 'p-4' } });
    const open = await screen.findByTestId('erase-open');
    expect(open).toHaveTextContent('محو بيانات هذا الشخص…');
    await fireEvent.click(open);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('برمز الشارة CODE4');
    expect(within(dialog).getByTestId('erase-confirm')).toHaveTextContent('محو');
    setLang('en');
  });

  it('keeps a refused correction in the form with the error by its field', async () => {
    vi.mocked(client.participantGet).mockResolvedValue(person(4));
    vi.mocked(client.auditList).mockResolvedValue([]);
    vi.mocked(client.participantUpdate).mockRejectedValue({ code: 'invalid_input', field: 'email', reason: 'invalid_value', message: '' });
    render(RegisterForm, { props: { eventId: 'ev-1', participantId: 'p-4' } });
    const email = (await screen.findByTestId('field-email')) as HTMLInputElement;
    await fireEvent.input(email, { target: { value: 'amina@' } });
    await fireEvent.click(screen.getByTestId('register-save'));
    expect(await screen.findByTestId('error-email')).toHaveTextContent('E-mail');
    expect(email.value).toBe('amina@');
  });

  it('shows a field error next to the field', async () => {
    vi.mocked(client.participantAdd).mockRejectedValue({ code: 'invalid_input', field: 'name', reason: 'required', message: '' });
    render(RegisterForm, { props: { eventId: 'ev-1' } });
    await fireEvent.click(await screen.findByTestId('register-save'));
    expect(await screen.findByTestId('error-name')).toHaveTextContent('Name: This is required.');
  });

  it('shows every field the core refused at once, each beside its field', async () => {
    vi.mocked(client.participantAdd).mockRejectedValue({
      code: 'invalid_input',
      field: 'name',
      reason: 'required',
      message: '',
      problems: [
        { field: 'name', reason: 'required' },
        { field: 'email', reason: 'invalid_value' },
        { field: 'country', reason: 'unknown_country' },
      ],
    });
    render(RegisterForm, { props: { eventId: 'ev-1' } });
    await fireEvent.click(await screen.findByTestId('register-save'));
    expect(await screen.findByTestId('error-name')).toHaveTextContent('Name: This is required.');
    expect(screen.getByTestId('error-email')).toHaveTextContent('E-mail');
    expect(screen.getByTestId('error-country')).toBeInTheDocument();
    expect(screen.getByTestId('field-email')).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('check-in desk', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(client.categoryList).mockResolvedValue(categories);
    vi.mocked(client.delegationList).mockResolvedValue(delegations);
    vi.mocked(client.participantQuery).mockResolvedValue({ total: 0, offset: 0, rows: [] });
  });

  it('checks in a scanned code and warns when the person was not confirmed', async () => {
    const p = person(3, { delegation: 'del-qa', status: 'checked_in' });
    vi.mocked(client.participantCheckIn).mockResolvedValue({ participant: p, was: 'waitlisted', warning: 'not_confirmed' });
    render(CheckInDesk, { props: { eventId: 'ev-1' } });
    const scan = await screen.findByTestId('desk-scan');
    await fireEvent.input(scan, { target: { value: 'code3' } });
    await fireEvent.submit(scan.closest('form')!);
    await screen.findByTestId('desk-ok');
    expect(client.participantCheckIn).toHaveBeenCalledWith('ev-1', 'code3');
    expect(screen.getByTestId('desk-delegation')).toHaveTextContent('Qatar');
    expect(screen.getByTestId('desk-warning')).toHaveTextContent('was: Waitlisted');
  });

  it('says why a badge is refused, and since when a person is checked in', async () => {
    const since = 'Person 1 is already checked in, since 2026-03-12 09:41 (Asia/Qatar)';
    vi.mocked(client.participantCheckIn).mockRejectedValue({ code: 'conflict', field: 'code', reason: 'duplicate', message: since });
    render(CheckInDesk, { props: { eventId: 'ev-1' } });
    const scan = await screen.findByTestId('desk-scan');
    await fireEvent.input(scan, { target: { value: 'CODE1' } });
    await fireEvent.submit(scan.closest('form')!);
    expect(await screen.findByTestId('desk-refused')).toHaveAttribute('data-reason', 'already');
    expect(screen.getByTestId('desk-refused-since')).toHaveTextContent(since);
  });

  it('has the scan box focused when it opens and after each result, for a scanner', async () => {
    vi.mocked(client.participantCheckIn).mockRejectedValue({ code: 'not_found', field: 'code', reason: 'not_found', message: '' });
    render(CheckInDesk, { props: { eventId: 'ev-1' } });
    const scan = await screen.findByTestId('desk-scan');
    await waitFor(() => expect(document.activeElement).toBe(scan));
    const search = screen.getByTestId('desk-search');
    search.focus();
    await fireEvent.input(scan, { target: { value: 'CODE9' } });
    await fireEvent.submit(scan.closest('form')!);
    await screen.findByTestId('desk-refused');
    expect(document.activeElement).toBe(scan);
  });

  it('finds a person and checks them in with Enter', async () => {
    const p = person(5, { status: 'declined' });
    vi.mocked(client.participantQuery).mockResolvedValue({ total: 1, offset: 0, rows: [p] });
    vi.mocked(client.participantCheckIn).mockRejectedValue({ code: 'conflict', field: 'code', reason: 'invalid_value', message: '' });
    render(CheckInDesk, { props: { eventId: 'ev-1' } });
    const search = await screen.findByTestId('desk-search');
    await fireEvent.input(search, { target: { value: 'person 5' } });
    expect(await screen.findByTestId('desk-caution')).toHaveTextContent('Declined');
    await fireEvent.keyDown(search, { key: 'Enter' });
    await waitFor(() => expect(client.participantCheckIn).toHaveBeenCalledWith('ev-1', 'CODE5'));
    expect(await screen.findByTestId('desk-refused')).toHaveAttribute('data-reason', 'declined');
    expect(document.activeElement).toBe(screen.getByTestId('desk-scan'));
  });
});

describe('import', () => {
  beforeEach(() => vi.resetAllMocks());

  async function choose(csv: string) {
    render(ImportView, { props: { eventId: 'ev-1' } });
    const input = screen.getByTestId('import-file') as HTMLInputElement;
    const file = new File([csv], 'people.csv', { type: 'text/csv' });
    Object.defineProperty(input, 'files', { value: [file] });
    await fireEvent.change(input);
  }

  it('shows the preview, mapping and problems, and imports nothing while there are problems', async () => {
    vi.mocked(client.participantImportPreview).mockResolvedValue({
      table: { header: ['Name', 'Nom'], rows: [['Amina', 'x']], totalRows: 3 },
      report: {
        columns: [{ column: 'Name', field: 'name' }, { column: 'Nom', field: 'extra' }],
        rows: 3,
        new: 2,
        duplicates: [],
        problems: [{ row: 3, column: 'Country', reason: 'unknown_country', message: '"Atlantis"' }],
        unmatched: [],
        warnings: [],
        newCategories: [],
        written: false,
      },
      fields: ['name', 'email', 'extra', 'ignore'],
    });
    await choose('Name,Nom\nAmina,x\n');
    expect(await screen.findAllByTestId('import-row')).toHaveLength(1);
    const sent = vi.mocked(client.participantImportPreview).mock.calls[0];
    expect(new TextDecoder().decode(new Uint8Array(sent[1]))).toBe('Name,Nom\nAmina,x\n');
    expect(screen.getAllByTestId('import-problem')[0]).toHaveTextContent('3');
    expect(screen.getByTestId('import-run')).toBeDisabled();
    // Remapping a column asks the core again with the whole mapping.
    await fireEvent.change(screen.getAllByTestId('import-map')[1], { target: { value: 'ignore' } });
    await waitFor(() =>
      expect(vi.mocked(client.participantImportPreview).mock.lastCall?.[2]).toEqual([
        { column: 'Name', field: 'name' },
        { column: 'Nom', field: 'ignore' },
      ]),
    );
    expect(client.participantImport).not.toHaveBeenCalled();
  });

  it('lists each unknown value once and sends what the person chose it stands for', async () => {
    const header = ['Name', 'Category'];
    const report = (values: { value: string }[]) => {
      const unmatched = [
        { column: 'Category', field: 'category' as const, value: 'UN Specialized Agency', rows: 2, firstRow: 3 },
        { column: 'Category', field: 'category' as const, value: 'Observer', rows: 1, firstRow: 4 },
      ].filter((u) => !values.some((v) => v.value === u.value));
      return {
        columns: [{ column: 'Name', field: 'name' }, { column: 'Category', field: 'category' }],
        rows: 4,
        new: 4,
        duplicates: [],
        problems: unmatched.map((u) => ({ row: u.firstRow, column: 'Category', reason: 'invalid_value', message: u.value })),
        unmatched,
        warnings: [{ row: 2, column: 'Name', message: 'a line break became a space' }],
        newCategories: values.some((v) => v.value === 'Observer') ? ['observer'] : [],
        written: false,
      };
    };
    vi.mocked(client.participantImportPreview).mockImplementation(async (_e, _f, _m, values) => ({
      table: { header, rows: [['Amina', 'UN Specialized Agency']], totalRows: 4 },
      report: report(values),
      fields: ['name', 'category', 'extra', 'ignore'],
    }));
    vi.mocked(client.categoryList).mockResolvedValue(categories);
    vi.mocked(client.referenceData).mockResolvedValue({ countries: countries('QA'), timezones: ['UTC'], zones: [], currencies: [] });
    vi.mocked(client.participantImport).mockResolvedValue({ ...report([]), written: true });
    await choose('Name,Category\nAmina,UN Specialized Agency\n');

    const rows = await screen.findAllByTestId('import-value');
    expect(rows.map((r) => r.getAttribute('data-value'))).toEqual(['UN Specialized Agency', 'Observer']);
    expect(rows[0]).toHaveTextContent('2');
    expect(screen.getByTestId('import-warning')).toHaveTextContent('a line break became a space');
    expect(screen.getByTestId('import-run')).toBeDisabled();

    const [first, second] = screen.getAllByTestId('import-value-choice') as HTMLSelectElement[];
    await waitFor(() => expect(within(first).getAllByRole('option').length).toBeGreaterThan(2));
    await fireEvent.change(first, { target: { value: categories[0].key } });
    await fireEvent.change(second, { target: { value: '+new' } });
    await waitFor(() =>
      expect(vi.mocked(client.participantImportPreview).mock.lastCall?.[3]).toEqual([
        { column: 'category', value: 'UN Specialized Agency', target: categories[0].key },
        { column: 'category', value: 'Observer', target: '+new' },
      ]),
    );
    // Chosen values stay listed, with their choice; the new category is named.
    expect(screen.getAllByTestId('import-value')).toHaveLength(2);
    expect(await screen.findByTestId('import-new-categories')).toHaveTextContent('observer');
    await waitFor(() => expect(screen.getByTestId('import-run')).toBeEnabled());
    await fireEvent.click(screen.getByTestId('import-run'));
    await waitFor(() => expect(client.participantImport).toHaveBeenCalled());
    expect(vi.mocked(client.participantImport).mock.lastCall?.[3]).toHaveLength(2);
  });
});

describe('categories and delegations', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    // The reference data is cached: without this, the countries are those of an earlier test.
    forgetReferenceData();
    vi.mocked(client.categoryList).mockResolvedValue(categories);
    vi.mocked(client.delegationList).mockResolvedValue([]);
    vi.mocked(client.referenceData).mockResolvedValue({ countries: countries('QA', 'OM'), timezones: ['UTC'], zones: [], currencies: [] });
  });

  it('renames and recolours a category by its key, and shows a refused colour by its field', async () => {
    vi.mocked(client.categorySave)
      .mockRejectedValueOnce({ code: 'invalid_input', field: 'name', reason: 'required', message: '' })
      .mockResolvedValueOnce([{ ...categories[0], name: { en: 'Press', ar: 'الصحافة' } }, categories[1]]);
    render(SetupView, { props: { eventId: 'ev-1' } });
    await fireEvent.click((await screen.findAllByTestId('category-edit'))[0]);
    await fireEvent.input(screen.getByTestId('category-en'), { target: { value: '' } });
    await fireEvent.click(screen.getByTestId('category-save'));
    expect(await screen.findByTestId('setup-error-category')).toHaveTextContent('Name: This is required.');
    await fireEvent.input(screen.getByTestId('category-en'), { target: { value: 'Press' } });
    await fireEvent.click(screen.getByTestId('category-save'));
    await waitFor(() =>
      expect(client.categorySave).toHaveBeenLastCalledWith('ev-1', 'media', { name: { en: 'Press', ar: 'وسائل الإعلام' }, colour: '#ea580c' }),
    );
    expect(await screen.findByText('Press')).toBeInTheDocument();
  });

  it("says a new category's name is taken in its own words", async () => {
    vi.mocked(client.categorySave).mockRejectedValue({ code: 'conflict', field: 'name', reason: 'duplicate', message: '' });
    render(SetupView, { props: { eventId: 'ev-1' } });
    await fireEvent.click(await screen.findByTestId('category-add'));
    await fireEvent.input(screen.getByTestId('category-en'), { target: { value: 'Media' } });
    await fireEvent.click(screen.getByTestId('category-save'));
    expect(await screen.findByTestId('setup-error-category')).toHaveTextContent('The event already has a category with this name.');
    expect(client.categorySave).toHaveBeenCalledWith('ev-1', '', { name: { en: 'Media', ar: '' }, colour: '#6b7280' });
  });

  /** Qatar's members, Amina (its head in some tests) and Omar. */
  function qatarMembers() {
    const amina = person(1, { name: { en: 'Amina Yusuf', ar: '' } });
    vi.mocked(client.participantGet).mockResolvedValue(amina);
    vi.mocked(client.participantQuery).mockResolvedValue({ total: 2, offset: 0, rows: [amina, person(2, { name: { en: 'Omar Haddad', ar: '' } })] });
  }

  it("changes a delegation's name and head, chosen among its members", async () => {
    const qatar = { ...delegations[0], head: 'p-1' };
    vi.mocked(client.delegationList).mockResolvedValue([qatar]);
    qatarMembers();
    vi.mocked(client.delegationUpdate)
      .mockRejectedValueOnce({ code: 'invalid_input', field: 'name', reason: 'required', message: '' })
      .mockResolvedValueOnce({ ...qatar, name: { en: 'State of Qatar', ar: 'قطر' }, head: 'p-2' });
    render(SetupView, { props: { eventId: 'ev-1' } });
    expect(await screen.findByTestId('delegation-head')).toHaveTextContent('Head of delegation: Amina Yusuf');
    await fireEvent.click(screen.getByTestId('delegation-edit'));
    const head = (await screen.findByTestId('delegation-edit-head')) as HTMLSelectElement;
    expect(vi.mocked(client.participantQuery).mock.calls[0][1]).toMatchObject({ delegation: 'del-qa' });
    expect([...head.options].map((o) => o.textContent)).toEqual(['No head', 'Amina Yusuf', 'Omar Haddad']);
    expect(head.value).toBe('p-1');
    await fireEvent.input(screen.getByTestId('delegation-edit-en'), { target: { value: '' } });
    await fireEvent.click(screen.getByTestId('delegation-edit-save'));
    expect(await screen.findByTestId('setup-error-delegation-edit')).toHaveTextContent('Name: This is required.');
    await fireEvent.input(screen.getByTestId('delegation-edit-en'), { target: { value: 'State of Qatar' } });
    await fireEvent.change(head, { target: { value: 'p-2' } });
    await fireEvent.click(screen.getByTestId('delegation-edit-save'));
    await waitFor(() =>
      expect(client.delegationUpdate).toHaveBeenLastCalledWith('del-qa', 1, { name: { en: 'State of Qatar', ar: 'قطر' }, country: 'QA', head: 'p-2' }),
    );
    await waitFor(() => expect(screen.queryByTestId('delegation-form')).toBeNull());
    expect(screen.getByText('State of Qatar')).toBeInTheDocument();
  });

  it('shows what another desk changed in a delegation, and re-applies or discards the edit made here', async () => {
    const qatar = { ...delegations[0], head: 'p-1', version: 4 };
    /** What desk 2 stored meanwhile: Omar as head. */
    const now = { ...qatar, head: 'p-2', version: 5 };
    vi.mocked(client.delegationList).mockResolvedValueOnce([qatar]).mockResolvedValue([now]);
    qatarMembers();
    vi.mocked(client.delegationUpdate)
      .mockRejectedValueOnce({ code: 'conflict', field: 'version', reason: 'changed', message: '' })
      .mockResolvedValue({ ...now, name: { en: 'State of Qatar', ar: 'قطر' }, version: 6 });
    render(SetupView, { props: { eventId: 'ev-1' } });
    await fireEvent.click(await screen.findByTestId('delegation-edit'));
    await fireEvent.input(await screen.findByTestId('delegation-edit-en'), { target: { value: 'State of Qatar' } });
    await fireEvent.click(screen.getByTestId('delegation-edit-save'));

    const panel = await screen.findByTestId('conflict-panel');
    expect(client.delegationUpdate).toHaveBeenCalledWith('del-qa', 4, expect.objectContaining({ head: 'p-1' }));
    expect(within(panel).getByRole('heading')).toHaveFocus();
    const rows = within(panel).getAllByTestId('conflict-change');
    expect(rows.map((r) => r.dataset.field)).toEqual(['head']);
    expect(rows[0]).toHaveTextContent('Head of delegation');
    expect(rows[0]).toHaveTextContent('Omar Haddad');
    expect(screen.queryByTestId('setup-error-delegation-edit')).toBeNull();
    expect(screen.getByTestId('delegation-edit-save')).toBeDisabled();

    await fireEvent.click(within(panel).getByTestId('conflict-reapply'));
    expect(screen.getByTestId('delegation-edit-en')).toHaveValue('State of Qatar');
    expect(screen.getByTestId('delegation-edit-head')).toHaveValue('p-2');
    expect(screen.getByTestId('delegation-edit-save')).toHaveFocus();
    await fireEvent.click(screen.getByTestId('delegation-edit-save'));
    await waitFor(() =>
      expect(client.delegationUpdate).toHaveBeenLastCalledWith('del-qa', 5, { name: { en: 'State of Qatar', ar: 'قطر' }, country: 'QA', head: 'p-2' }),
    );
  });

  it('discards a delegation edit for the delegation as another desk left it', async () => {
    const qatar = { ...delegations[0], version: 4 };
    vi.mocked(client.delegationList).mockResolvedValueOnce([qatar]).mockResolvedValue([{ ...qatar, country: 'OM', version: 5 }]);
    vi.mocked(client.participantQuery).mockResolvedValue({ total: 0, offset: 0, rows: [] });
    vi.mocked(client.delegationUpdate).mockRejectedValueOnce({ code: 'conflict', field: 'version', reason: 'changed', message: '' });
    render(SetupView, { props: { eventId: 'ev-1' } });
    await fireEvent.click(await screen.findByTestId('delegation-edit'));
    await fireEvent.input(await screen.findByTestId('delegation-edit-en'), { target: { value: 'State of Qatar' } });
    await fireEvent.click(screen.getByTestId('delegation-edit-save'));
    const rows = within(await screen.findByTestId('conflict-panel')).getAllByTestId('conflict-change');
    expect(rows[0]).toHaveTextContent('Oman');
    await fireEvent.click(screen.getByTestId('conflict-discard'));
    expect(screen.getByTestId('delegation-edit-en')).toHaveValue('Qatar');
    expect(screen.getByTestId('delegation-edit-country')).toHaveValue('OM');
    expect(screen.getByTestId('delegation-edit-en')).toHaveFocus();
  });

  it('deletes a delegation only after asking, and keeps it when the core refuses', async () => {
    const oman = { ...delegations[0], id: 'del-om', name: { en: 'Oman', ar: 'عُمان' }, country: 'OM', members: 3 };
    vi.mocked(client.delegationList).mockResolvedValue([delegations[0], oman]);
    vi.mocked(client.delegationRemove)
      .mockRejectedValueOnce({ code: 'conflict', field: 'id', reason: 'in_use', message: '1 pledge was announced by this delegation' })
      .mockResolvedValueOnce(oman);
    render(SetupView, { props: { eventId: 'ev-1' } });
    const remove = async () => {
      const rows = await screen.findAllByTestId('delegation-row');
      await fireEvent.click(rows[1].querySelector('[data-testid="delegation-remove"]')!);
    };
    await remove();
    expect(screen.getByText('Delete the delegation Oman?')).toBeInTheDocument();
    expect(screen.getByText(/Its 3 members stay registered/)).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('delegation-remove-cancel'));
    expect(client.delegationRemove).not.toHaveBeenCalled();
    await remove();
    await fireEvent.click(screen.getByTestId('delegation-remove-go'));
    await waitFor(() => expect(client.delegationRemove).toHaveBeenCalledWith('del-om'));
    expect(screen.getAllByTestId('delegation-row')).toHaveLength(2);
    await remove();
    await fireEvent.click(screen.getByTestId('delegation-remove-go'));
    await waitFor(() => expect(screen.getAllByTestId('delegation-row')).toHaveLength(1));
    expect(screen.getByTestId('delegation-row')).toHaveTextContent('Qatar');
  });

  it('adds a delegation with its country', async () => {
    vi.mocked(client.delegationAdd).mockResolvedValue({ ...delegations[0], id: 'del-om', name: { en: 'Oman', ar: 'عُمان' }, country: 'OM', members: 0 });
    render(SetupView, { props: { eventId: 'ev-1' } });
    await screen.findByTestId('no-delegations');
    await fireEvent.input(screen.getByTestId('delegation-en'), { target: { value: 'Oman' } });
    // The reference lists are fetched once per run (services/app.ts): QA is in every test's.
    await fireEvent.change(screen.getByTestId('delegation-country'), { target: { value: 'QA' } });
    await fireEvent.click(screen.getByTestId('delegation-save'));
    await waitFor(() => expect(client.delegationAdd).toHaveBeenCalledWith('ev-1', { name: { en: 'Oman', ar: '' }, country: 'QA', head: '' }));
    expect(await screen.findAllByTestId('delegation-row')).toHaveLength(1);
  });
});
