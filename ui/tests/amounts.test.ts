import { describe, expect, it } from 'vitest';
// Reading typed amounts, schedules and conversions are the core's (src/pledges/model/preview.rs).
import { ratio, subtract, sum } from '../src/money';

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
});
