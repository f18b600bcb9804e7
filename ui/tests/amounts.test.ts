import { describe, expect, it } from 'vitest';
import { parseTyped, ratio, subtract, sum, toUsdCents } from '../src/money';
import { scheduleLines } from '../src/views/pledges/schedule';

describe('typed amounts, read like the core reads them (money.rs)', () => {
  const check = (typed: string, decimals: number, expected: bigint | string) => {
    const read = parseTyped(typed, decimals);
    expect(read.ok ? read.minor : read.reason, `${typed} (${decimals} decimals)`).toEqual(expected);
  };

  it('reads what the core reads and refuses what it refuses', () => {
    check('15000000', 2, 1_500_000_000n);
    check('15,000,000.00', 2, 1_500_000_000n);
    check('1.5', 2, 150n);
    check('١٥٬٠٠٠٬٠٠٠', 2, 1_500_000_000n);
    check('١٫٥', 2, 150n);
    check('1500', 0, 1500n);
    check('1.5', 0, 'invalid_amount');
    check('1.234', 3, 1234n);
    check('1.2345', 3, 'invalid_amount');
    check('1,5', 2, 'ambiguous_amount');
    check('1,50,000', 2, 'ambiguous_amount');
    check('-5', 2, 'invalid_amount');
    check('+5', 2, 'invalid_amount');
    check('1e308', 2, 'invalid_amount');
    check('NaN', 2, 'invalid_amount');
    check('1.', 2, 'invalid_amount');
    check('.5', 2, 'invalid_amount');
    check('1.2.3', 2, 'invalid_amount');
    check('', 2, 'required');
    check('92233720368547758.07', 2, 2n ** 63n - 1n);
    check('92233720368547758.08', 2, 'amount_too_large');
  });
});

describe('exact decimal strings', () => {
  it('subtracts and sums without floats, at the larger scale', () => {
    expect(subtract('15000000.00', '5000000.00')).toBe('10000000.00');
    expect(subtract('0.1', '0.3')).toBe('-0.2');
    expect(subtract('9007199254740993.27', '0.01')).toBe('9007199254740993.26');
    expect(sum(['0.1', '0.2'])).toBe('0.3');
    expect(sum(['1', '0.125'])).toBe('1.125');
    expect(subtract('abc', '1')).toBeNull();
  });

  it('gives ratios for drawing only, clamped between 0 and 1', () => {
    expect(ratio('5000000.00', '15000000.00')).toBeCloseTo(1 / 3, 8);
    expect(ratio('1', '0')).toBe(0);
    expect(ratio('20', '10')).toBe(1);
  });

  it('converts to US cents at a recorded rate, rounding half away from zero like the core', () => {
    expect(toUsdCents(100_000_000n, 2, '1.0832')).toBe(108_320_000n);
    expect(toUsdCents(5_000_000n, 0, '0.0064')).toBe(3_200_000n);
    expect(toUsdCents(1234n, 3, '3.25')).toBe(401n);
    expect(toUsdCents(1n, 2, '0.5')).toBe(1n);
    expect(toUsdCents(1n, 2, '0')).toBeNull();
    expect(toUsdCents(1n, 2, '1,5')).toBeNull();
  });
});

describe('schedule preview', () => {
  const lines = (schedule: Parameters<typeof scheduleLines>[0], decimals = 2) => {
    const result = scheduleLines(schedule, decimals);
    return result.ok ? result.lines.map((l) => [l.year, l.minor]) : result.problem;
  };

  it('computes lines the way the core does', () => {
    expect(lines({ mode: 'perYear', amount: '15000000', fromYear: 2024, toYear: 2026 })).toEqual([
      [2024, 1_500_000_000n],
      [2025, 1_500_000_000n],
      [2026, 1_500_000_000n],
    ]);
    expect(lines({ mode: 'total', amount: '100', fromYear: 2024, toYear: 2026 })).toEqual([
      [2024, 3333n],
      [2025, 3333n],
      [2026, 3334n],
    ]);
    expect(lines({ mode: 'lines', lines: [{ year: 2026, amount: '2' }, { year: 2024, amount: '1' }] }, 0)).toEqual([
      [2024, 1n],
      [2026, 2n],
    ]);
  });

  it('names the field the core would name', () => {
    expect(lines({ mode: 'perYear', amount: '1', fromYear: 2026, toYear: 2024 })).toEqual({ field: 'toYear', reason: 'invalid_year_range' });
    expect(lines({ mode: 'perYear', amount: '1', fromYear: 2000, toYear: 2050 })).toEqual({ field: 'toYear', reason: 'invalid_year_range' });
    expect(lines({ mode: 'perYear', amount: '0', fromYear: 2024, toYear: 2024 })).toEqual({ field: 'amount', reason: 'invalid_amount' });
    expect(lines({ mode: 'lines', lines: [{ year: 2024, amount: '1' }, { year: 2024, amount: '2' }] })).toEqual({
      field: 'lines[1]',
      reason: 'duplicate',
    });
    expect(lines({ mode: 'perYear', amount: '92233720368547758.07', fromYear: 2024, toYear: 2025 })).toEqual({
      field: 'amount',
      reason: 'amount_too_large',
    });
  });
});
