// Locale-aware formatting that does not depend on the current-language store, so it can be
// tested with an explicit locale. index.svelte.ts binds these to the current language.

/**
 * One Intl object per locale and options, made on first use and kept. Making one costs ICU a
 * search of the locale's data and a formatter of its own: 20,000 amounts in Arabic took 584 ms
 * with a formatter made for each and 30 ms with one kept (Node 20, this machine), and the table
 * and the pledge lists format an amount, a date or a number per row.
 */
const made = new Map<string, object>();

function cached<T extends object>(kind: string, locale: string, options: object, make: () => T): T {
  const key = `${kind} ${locale} ${JSON.stringify(options)}`;
  let value = made.get(key) as T | undefined;
  if (!value) {
    value = make();
    // A bound far above what the views use (languages × currencies × time zones).
    if (made.size >= 500) made.clear();
    made.set(key, value);
  }
  return value;
}

export const numberFormat = (locale: string, options: Intl.NumberFormatOptions = {}) =>
  cached('number', locale, options, () => new Intl.NumberFormat(locale, options));
export const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions = {}) =>
  cached('date', locale, options, () => new Intl.DateTimeFormat(locale, options));
export const pluralRules = (locale: string) => cached('plural', locale, {}, () => new Intl.PluralRules(locale));
export const collator = (locale: string) => cached('collator', locale, {}, () => new Intl.Collator(locale));
const displayNames = (locale: string, options: Intl.DisplayNamesOptions) =>
  cached('names', locale, options, () => new Intl.DisplayNames(locale, options));

/** An exact amount as the core sends it: ISO 4217 code and a decimal string ("45000000.00"). */
export type Money = { currency: string; amount: string };

/** Formats a plain calendar date "YYYY-MM-DD" without any timezone shift. */
export function formatCalendarDate(locale: string, iso: string): string {
  const date = calendarDate(iso);
  if (!date) return iso;
  return dateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** Formats a range of calendar dates, e.g. "12–14 March 2026". */
export function formatCalendarRange(locale: string, start: string, end: string): string {
  const from = calendarDate(start);
  const to = calendarDate(end);
  if (!from || !to) return [start, end].filter(Boolean).join(' – ');
  const format = dateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  if (to < from) return `${format.format(from)} – ${format.format(to)}`;
  return format.formatRange(from, to);
}

/** Formats an instant (RFC 3339 timestamp) in the computer's own timezone. */
export function formatInstant(locale: string, instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Formats an instant in a given timezone (an event's), e.g. a session's start. */
export function formatInstantIn(locale: string, instant: string, timeZone: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  try {
    return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
  } catch {
    return formatInstant(locale, instant);
  }
}

export function formatNumber(locale: string, value: number): string {
  return numberFormat(locale).format(value);
}

/** Minutes since midnight as "HH:MM" in the locale's digits: 09:30, ٠٩:٣٠ (24:00 for the day's end). */
export function formatClock(locale: string, minutes: number): string {
  const two = numberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  return `${two.format(Math.floor(minutes / 60))}:${two.format(minutes % 60)}`;
}

/** A year in the locale's digits, without grouping: 2024, ٢٠٢٤. */
export function formatYear(locale: string, year: number): string {
  return numberFormat(locale, { useGrouping: false }).format(year);
}

/**
 * Years as ranges of consecutive years: [2024, 2025, 2026] → "2024–2026", [2024, 2026] →
 * "2024, 2026". The en dash sits between digits of one script, so it reads correctly either way.
 */
export function formatYears(locale: string, years: readonly number[], comma = ', '): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const year of sorted) {
    const last = runs[runs.length - 1];
    if (last && year === last[1] + 1) last[1] = year;
    else runs.push([year, year]);
  }
  return runs
    .map(([from, to]) =>
      from === to ? formatYear(locale, from) : `${formatYear(locale, from)}–${formatYear(locale, to)}`,
    )
    .join(comma);
}

/**
 * A large amount in a few characters for a chart label ("45M", "٤٥ مليون"). Only the integer
 * part is used, as a BigInt, so nothing goes through a float.
 */
export function formatCompact(locale: string, amount: string): string {
  const match = /^(-?)(\d+)/.exec(amount.trim());
  if (!match) return amount;
  const integer = BigInt(match[2]) * (match[1] ? -1n : 1n);
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(integer);
}

/**
 * An exact decimal amount without a currency ("45000000.00" → "45,000,000.00"), grouped and in
 * the locale's digits, nothing rounded. For amounts whose currency is not known yet.
 */
export function formatDecimal(locale: string, amount: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) return amount;
  const [, sign, integerDigits, fraction = ''] = match;
  const exact = numberFormat(locale, {
    minimumFractionDigits: fraction.length,
    maximumFractionDigits: fraction.length,
  });
  return exactParts(exact, sign, integerDigits, fraction, locale)
    .map((part) => part.value)
    .join('');
}

/**
 * Formats an exact decimal amount ("45000000.00") with the currency's symbol and the locale's
 * grouping and digits. The integer part goes through BigInt and the fraction is copied digit by
 * digit, so nothing is rounded, however large the amount. Fraction digits are padded with zeros
 * to the currency's usual number, never cut.
 */
export function formatMoney(locale: string, money: Money): string {
  return formatMoneyParts(locale, money)
    .map((part) => part.value)
    .join('');
}

export type MoneyPart = { type: 'currency' | 'number' | 'literal'; value: string };

/**
 * The same text as `formatMoney`, split so a view can isolate the currency symbol: in
 * right-to-left text a symbol such as "US$" otherwise shows as "$US".
 */
export function formatMoneyParts(locale: string, money: Money): MoneyPart[] {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(money.amount.trim());
  let currencyFormat: Intl.NumberFormat;
  try {
    currencyFormat = numberFormat(locale, { style: 'currency', currency: money.currency });
  } catch {
    return fallbackParts(money);
  }
  if (!match) return fallbackParts(money);
  const [, sign, integerDigits, fractionDigits = ''] = match;
  const usual = currencyFormat.resolvedOptions().maximumFractionDigits ?? 2;
  const fraction = fractionDigits.padEnd(usual, '0');

  const exact = numberFormat(locale, {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: fraction.length,
    maximumFractionDigits: fraction.length,
  });
  return exactParts(exact, sign, integerDigits, fraction, locale);
}

/** The parts of `sign integer.fraction` as `format` would print them, every digit kept. */
function exactParts(
  format: Intl.NumberFormat,
  sign: string,
  integerDigits: string,
  fraction: string,
  locale: string,
): MoneyPart[] {
  const integer = BigInt(integerDigits);
  const negative = sign === '-' && (integer !== 0n || /[1-9]/.test(fraction));
  // The template gives the order of sign, symbol, number and spacing for this locale.
  const template = format.formatToParts(negative ? -1n : 1n);
  const groupedInteger = format
    .formatToParts(integer)
    .filter((part) => part.type === 'integer' || part.type === 'group')
    .map((part) => part.value)
    .join('');
  const digits = localDigits(locale);
  const parts: MoneyPart[] = [];
  for (const part of template) {
    const type = part.type === 'currency' ? 'currency' : NUMBER_PARTS.has(part.type) ? 'number' : 'literal';
    let value = part.value;
    if (part.type === 'integer') value = groupedInteger;
    if (part.type === 'fraction') value = [...fraction].map((d) => digits[Number(d)]).join('');
    const last = parts[parts.length - 1];
    if (last && last.type === type) last.value += value;
    else parts.push({ type, value });
  }
  return parts;
}

const NUMBER_PARTS = new Set(['minusSign', 'integer', 'group', 'decimal', 'fraction']);

function fallbackParts(money: Money): MoneyPart[] {
  return [
    { type: 'number', value: money.amount },
    { type: 'literal', value: ' ' },
    { type: 'currency', value: money.currency },
  ];
}

/** The name of a country or region in the given locale, or the code itself. */
export function regionName(locale: string, code: string): string {
  try {
    return displayNames(locale, { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function currencyName(locale: string, code: string): string {
  try {
    return displayNames(locale, { type: 'currency', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function calendarDate(iso: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? null : date;
}

const digitCache = new Map<string, string[]>();

function localDigits(locale: string): string[] {
  let digits = digitCache.get(locale);
  if (!digits) {
    const format = numberFormat(locale, { useGrouping: false });
    digits = Array.from({ length: 10 }, (_, d) => format.format(d));
    digitCache.set(locale, digits);
  }
  return digits;
}

/** Arabic-Indic and Persian digits as ASCII ones, for what a person types with an Arabic keyboard. */
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

/**
 * A date as a person types it, day first ("4/12/2026", "04.12.2026", "٤/١٢/٢٠٢٦") or ISO, as the
 * "YYYY-MM-DD" the core reads. What is not in that shape is passed on as typed, so that the
 * core refuses it (`invalid_date`) and the form says so; blank stays blank (`required`).
 */
export function typedDate(text: string): string {
  const typed = asciiDigits(text.trim());
  const dayFirst = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})$/.exec(typed);
  if (dayFirst) return `${dayFirst[3]}-${dayFirst[2].padStart(2, '0')}-${dayFirst[1].padStart(2, '0')}`;
  return typed;
}

/** A "YYYY-MM-DD" date in the app's day-month-year order for typing ("04/12/2026"); other text as it is. */
export function dateForTyping(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/** A time of day as typed ("9:30", "0930", "9.30", "٩:٣٠") as the 24-hour "HH:MM" the core reads; other text as typed. */
export function typedTime(text: string): string {
  const typed = asciiDigits(text.trim());
  const match = /^(\d{1,2})[:.\u066b]?(\d{2})$/.exec(typed);
  return match ? `${match[1].padStart(2, '0')}:${match[2]}` : typed;
}
