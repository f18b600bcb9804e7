// Exact amounts in the UI: decimal strings <-> BigInt minor units, never a float. The core is the
// authority on every amount: reading what people type, schedules and conversions are its
// (`pledge_preview`). This module only lets views compare, subtract and sum the decimal strings
// it sends (chart segments, the ledger's remaining amounts).

import type { CurrencyInfo } from './api/types';

/** An exact decimal: `units` of 10^-scale ("45000000.00" is 4500000000n at scale 2). */
export type Decimal = { units: bigint; scale: number };

/** Reads a decimal string as the core sends it ("45000000.00", "0", "-1.5"); null otherwise. */
export function readDecimal(text: string): Decimal | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const [, sign, integer, fraction = ''] = match;
  const units = BigInt(integer + fraction);
  return { units: sign ? -units : units, scale: fraction.length };
}

/** `units` at `scale` decimals as a plain decimal string: (4500000000n, 2) → "45000000.00". */
export function toDecimal(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const integer = scale > 0 ? digits.slice(0, -scale) : digits;
  const fraction = scale > 0 ? `.${digits.slice(-scale)}` : '';
  return `${negative ? '-' : ''}${integer}${fraction}`;
}

/** The same amount at a larger scale (never a smaller one: nothing is cut). */
export function rescale(value: Decimal, scale: number): bigint {
  return value.units * 10n ** BigInt(Math.max(0, scale - value.scale));
}

/** a − b, exactly, at the larger of the two scales; null if either is not a decimal. */
export function subtract(a: string, b: string): string | null {
  const x = readDecimal(a);
  const y = readDecimal(b);
  if (!x || !y) return null;
  const scale = Math.max(x.scale, y.scale);
  return toDecimal(rescale(x, scale) - rescale(y, scale), scale);
}

/** The sum of amounts of one currency, exactly; null if any is not a decimal. */
export function sum(amounts: readonly string[], scale = 0): string | null {
  const values = amounts.map(readDecimal);
  if (values.some((value) => value === null)) return null;
  const decimals = Math.max(scale, ...values.map((value) => value!.scale));
  return toDecimal(
    values.reduce((total, value) => total + rescale(value!, decimals), 0n),
    decimals,
  );
}

/** Compares two decimal strings: negative, zero or positive like a sort function. */
export function compare(a: string, b: string): number {
  const difference = subtract(a, b);
  if (difference === null) return 0;
  return difference.startsWith('-') ? -1 : /[1-9]/.test(difference) ? 1 : 0;
}

/**
 * `part / whole` as a number between 0 and 1, for drawing only (bar heights): the division is
 * done on BigInts, and only the ratio, in billionths, becomes a number.
 */
export function ratio(part: string, whole: string): number {
  const x = readDecimal(part);
  const y = readDecimal(whole);
  if (!x || !y) return 0;
  const scale = Math.max(x.scale, y.scale);
  const denominator = rescale(y, scale);
  if (denominator <= 0n) return 0;
  const steps = (rescale(x, scale) * 1_000_000_000n) / denominator;
  return Math.min(1, Math.max(0, Number(steps) / 1_000_000_000));
}

/** Decimals per ISO 4217 code, as the core sends them in its reference data. */
export type CurrencyTable = ReadonlyMap<string, number>;

export function currencyTable(currencies: readonly CurrencyInfo[]): CurrencyTable {
  return new Map(currencies.map((currency) => [currency.code, currency.decimals]));
}

/** The decimals of an ISO 4217 code (JPY 0, USD 2, KWD 3), or null if the core does not know it. */
export function currencyDecimals(code: string, table: CurrencyTable): number | null {
  return table.get(code.trim().toUpperCase()) ?? null;
}
