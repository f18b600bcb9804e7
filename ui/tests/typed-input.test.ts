import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import type { Room } from '../src/api/types';
import { dateForTyping, typedDate, typedTime } from '../src/i18n/format';
import { setLang } from '../src/i18n/index.svelte';
import { forgetReferenceData } from '../src/services/app';
import EventForm from '../src/views/event-form/EventForm.svelte';
import RoomsDialog from '../src/views/programme/RoomsDialog.svelte';
import { event, reference } from './fixtures';

vi.mock('../src/api/client');

describe('dates and times as typed', () => {
  it.each([
    ['4/12/2026', '2026-12-04'],
    ['04.12.2026', '2026-12-04'],
    ['٤/١٢/٢٠٢٦', '2026-12-04'],
    ['2026-12-04', '2026-12-04'],
    ['', ''],
    // Not a date: passed on for the core to refuse.
    ['12/2026', '12/2026'],
  ])('reads the date %j as %j', (typed, iso) => expect(typedDate(typed)).toBe(iso));

  it.each([
    ['11:30', '11:30'],
    ['9:05', '09:05'],
    ['0930', '09:30'],
    ['٩:٣٠', '09:30'],
    ['', ''],
    ['half past', 'half past'],
  ])('reads the time %j as %j', (typed, value) => expect(typedTime(typed)).toBe(value));

  it('writes a date day first', () => expect(dateForTyping('2026-12-04')).toBe('04/12/2026'));
});

describe('date and time fields in the forms', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    forgetReferenceData();
    vi.mocked(client.referenceData).mockResolvedValue(reference());
  });

  it('shows 4 December 2026 as 04/12/2026, left to right, in the Arabic event form, and sends it as ISO', async () => {
    setLang('ar');
    vi.mocked(client.eventGet).mockResolvedValue(event({ startDate: '2026-12-04', endDate: '2026-12-06' }));
    vi.mocked(client.eventUpdate).mockResolvedValue(event());
    render(EventForm, { props: { id: 'ev-1' } });
    const start = await screen.findByTestId('field-start');
    await waitFor(() => expect(start).toHaveValue('04/12/2026'));
    expect(start).toHaveAttribute('dir', 'ltr');
    expect(start).toHaveAttribute('type', 'text');
    await fireEvent.input(screen.getByTestId('field-end'), { target: { value: '٧/١٢/٢٠٢٦' } });
    await fireEvent.click(screen.getByTestId('save-event'));
    await waitFor(() => expect(client.eventUpdate).toHaveBeenCalled());
    expect(vi.mocked(client.eventUpdate).mock.calls[0].at(-1)).toEqual(expect.objectContaining({ startDate: '2026-12-04', endDate: '2026-12-07' }));
    setLang('en');
  });

  it('shows a room’s hours as 24-hour HH:MM, left to right in Arabic, and sends what was typed as HH:MM', async () => {
    setLang('ar');
    const hall: Room = { id: 'r-hall', eventId: 'ev-1', name: { en: 'Main Hall', ar: 'القاعة الرئيسية' }, capacity: 400, parallel: false, hours: { opens: '11:30:00', closes: '18:00:00' }, version: 1 };
    vi.mocked(client.roomUpdate).mockResolvedValue(hall);
    render(RoomsDialog, { props: { eventId: 'ev-1', rooms: [hall], sessions: [], onsaved: () => {}, ondeleted: () => {}, onclose: () => {} } });
    const dialog = screen.getByTestId('rooms-dialog');
    await fireEvent.click(within(dialog).getAllByTestId('room-edit')[0]);
    const opens = within(dialog).getByTestId('room-opens');
    expect(opens).toHaveValue('11:30');
    expect(opens).toHaveAttribute('dir', 'ltr');
    await fireEvent.input(opens, { target: { value: '٨:٠٠' } });
    await fireEvent.click(within(dialog).getByTestId('room-save'));
    await waitFor(() => expect(client.roomUpdate).toHaveBeenCalled());
    expect(vi.mocked(client.roomUpdate).mock.calls[0].at(-1)).toEqual(expect.objectContaining({ opens: '08:00', closes: '18:00' }));
    setLang('en');
  });
});
