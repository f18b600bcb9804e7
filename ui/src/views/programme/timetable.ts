// The timetable's arithmetic: where a session falls in the event's timezone (local day and
// minutes since midnight), the days to show, the hours the grid covers, snapping to the step,
// and the local "YYYY-MM-DD HH:MM" text the core's session_move and session_update read.
import type { Event, Session } from '../../api/types';
import { dateTimeFormat } from '../../i18n/format';

export const STEPS = [5, 10, 15, 30, 60] as const;
export type Step = (typeof STEPS)[number];

/** A local wall-clock time of the event: its date and minutes since that date's midnight. */
export type Local = { date: string; minutes: number };

function formatter(timeZone: string): Intl.DateTimeFormat {
  return dateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

/** The instant as a local time of `timeZone`. */
export function toLocal(instant: string, timeZone: string): Local {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** "HH:MM" for minutes since midnight (24:00 for the end of the day). */
export function clock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Minutes since midnight of "HH:MM", or null when it is not such a time. */
export function parseClock(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [h, m] = [Number(match[1]), Number(match[2])];
  return h < 24 && m < 60 ? h * 60 + m : null;
}

/** The date `days` after `date` (both YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The local text the core reads; minutes past midnight roll over to the next day. */
export function localText(date: string, minutes: number): string {
  const days = Math.floor(minutes / 1440);
  return `${addDays(date, days)} ${clock(minutes - days * 1440)}`;
}

/** A day and a typed time as the core reads them ("2026-03-12 09:30"); a blank time stays blank, for the core to say it is required. */
export function atTime(date: string, time: string): string {
  return time.trim() ? `${date} ${time}` : '';
}

/** The event's days, and any other day a session in a room falls on (so none is out of sight). */
export function eventDays(event: Event, sessions: Session[]): string[] {
  const days = new Set<string>();
  for (let day = event.startDate; day <= event.endDate; day = addDays(day, 1)) days.add(day);
  for (const s of sessions) if (s.roomId) days.add(toLocal(s.start, event.timezone).date);
  return [...days].sort();
}

/** A session placed on its local day: start and end in minutes (end clipped to midnight). */
export type Placed = { session: Session; date: string; start: number; end: number };

export function place(session: Session, timeZone: string): Placed {
  const start = toLocal(session.start, timeZone);
  const end = toLocal(session.end, timeZone);
  const endMinutes = end.date === start.date ? end.minutes : 24 * 60;
  return { session, date: start.date, start: start.minutes, end: Math.max(endMinutes, start.minutes + 5) };
}

/** The hours the grid shows for a day: 08:00–18:00 at least, widened to every session. */
export function dayRange(placed: Placed[]): { from: number; to: number } {
  let from = 8 * 60;
  let to = 18 * 60;
  for (const p of placed) {
    from = Math.min(from, Math.floor(p.start / 60) * 60);
    to = Math.max(to, Math.ceil(p.end / 60) * 60);
  }
  return { from: Math.max(0, from), to: Math.min(24 * 60, to) };
}

/**
 * Where a new session goes: the earliest hour from `from` (09:00) that one of the rooms has free
 * on the day (the first room listed on a tie), on the step; null when every room is full.
 */
export function firstFreeSlot(
  placed: readonly Placed[],
  roomIds: readonly string[],
  from = 9 * 60,
  length = 60,
  step = 15,
): { roomId: string; start: number; end: number } | null {
  for (let start = from; start + length <= 24 * 60; start += step) {
    const end = start + length;
    const roomId = roomIds.find((room) =>
      placed.every((p) => p.session.roomId !== room || p.end <= start || p.start >= end),
    );
    if (roomId) return { roomId, start, end };
  }
  return null;
}

/** Rounds minutes to the nearest multiple of the step. */
export function snap(minutes: number, step: number): number {
  return Math.round(minutes / step) * step;
}

/** Pixels per minute: small steps zoom in so that each row stays tall enough to aim at. */
export function scale(step: number): number {
  return Math.max(1.6, 20 / step);
}

/**
 * Side-by-side lanes for sessions that overlap in one room (a double booking, or a parallel
 * room): each session's lane and how many lanes its group of overlapping sessions needs.
 */
export function lanes(placed: Placed[]): Map<string, { lane: number; of: number }> {
  const sorted = [...placed].sort((a, b) => a.start - b.start || a.end - b.end);
  const result = new Map<string, { lane: number; of: number }>();
  let group: { id: string; lane: number }[] = [];
  let ends: number[] = [];
  let groupEnd = -1;
  const close = () => {
    for (const g of group) result.set(g.id, { lane: g.lane, of: ends.length });
    group = [];
    ends = [];
  };
  for (const p of sorted) {
    if (p.start >= groupEnd) close();
    let free = ends.findIndex((end) => end <= p.start);
    if (free === -1) free = ends.push(0) - 1;
    ends[free] = p.end;
    group.push({ id: p.session.id, lane: free });
    groupEnd = Math.max(groupEnd, p.end);
  }
  close();
  return result;
}

/** The room column of the grid under a point of the window, if any. */
export function columnAt(x: number, y: number): HTMLElement | null {
  const hits = typeof document.elementsFromPoint === 'function' ? document.elementsFromPoint(x, y) : [];
  for (const el of hits) {
    const column = (el as HTMLElement).closest?.('[data-room-column]') as HTMLElement | null;
    if (column) return column;
  }
  return null;
}

/** Minutes since midnight at height `y` of a column that starts at `from`, drawn at `ppm`. */
export function minutesAt(column: HTMLElement, y: number, from: number, ppm: number): number {
  return from + (y - column.getBoundingClientRect().top) / ppm;
}
