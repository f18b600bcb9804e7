// A pledge's schedule as yearly lines, computed the way the core does (src/pledges/mod.rs,
// `Schedule::lines`) so that the form can preview them while typing. Display only: the core
// computes the lines that are recorded and returns them.
import type { Schedule } from '../../api/types';
import { MAX_MINOR, parseTyped } from '../../money';

export const FIRST_YEAR = 1945;
export const LAST_YEAR = 2200;
export const MAX_YEARS = 50;

export type Line = { year: number; minor: bigint };
/** Why a schedule cannot be previewed, with the field the core would name. */
export type ScheduleProblem = { field: string; reason: string };
export type ScheduleResult = { ok: true; lines: Line[]; total: bigint } | { ok: false; problem: ScheduleProblem };

export function scheduleLines(schedule: Schedule, decimals: number): ScheduleResult {
  const fail = (field: string, reason: string): ScheduleResult => ({ ok: false, problem: { field, reason } });
  let lines: Line[];
  if (schedule.mode === 'lines') {
    if (schedule.lines.length > MAX_YEARS) return fail('lines', 'invalid_year_range');
    lines = [];
    for (const [index, line] of schedule.lines.entries()) {
      const field = `lines[${index}]`;
      if (!plausibleYear(line.year)) return fail(field, 'invalid_year_range');
      if (lines.some((other) => other.year === line.year)) return fail(field, 'duplicate');
      const amount = parseTyped(line.amount, decimals);
      if (!amount.ok) return fail(field, amount.reason);
      lines.push({ year: line.year, minor: amount.minor });
    }
    lines.sort((a, b) => a.year - b.year);
  } else {
    const amount = parseTyped(schedule.amount, decimals);
    if (!amount.ok) return fail('amount', amount.reason);
    if (!plausibleYear(schedule.fromYear)) return fail('fromYear', 'invalid_year_range');
    if (!plausibleYear(schedule.toYear)) return fail('toYear', 'invalid_year_range');
    if (schedule.toYear < schedule.fromYear) return fail('toYear', 'invalid_year_range');
    if (schedule.toYear - schedule.fromYear >= MAX_YEARS) return fail('toYear', 'invalid_year_range');
    const count = BigInt(schedule.toYear - schedule.fromYear + 1);
    lines = [];
    for (let year = schedule.fromYear; year <= schedule.toYear; year++) {
      let minor = amount.minor;
      // "Total over years" is split evenly in minor units; the last year takes the remainder.
      if (schedule.mode === 'total') {
        minor =
          year === schedule.toYear ? amount.minor - (amount.minor / count) * (count - 1n) : amount.minor / count;
      }
      lines.push({ year, minor });
    }
  }
  if (lines.every((line) => line.minor === 0n)) return fail('amount', 'invalid_amount');
  const total = lines.reduce((sum, line) => sum + line.minor, 0n);
  if (total > MAX_MINOR) return fail('amount', 'amount_too_large');
  return { ok: true, lines, total };
}

function plausibleYear(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR;
}
