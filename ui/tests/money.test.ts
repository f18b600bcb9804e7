import { describe, expect, it } from 'vitest';
import { dateTimeFormat, formatCompact, formatDecimal, formatMoney, formatYears, numberFormat } from '../src/i18n/format';

describe('formatMoney', () => {
  it('formats dollars with grouping in en-GB', () => {
    const text = formatMoney('en-GB', { currency: 'USD', amount: '45000000.00' });
    expect(text).toContain('45,000,000.00');
    expect(text).toBe('US$45,000,000.00');
  });

  it('keeps every digit of an amount above 2^53', () => {
    // 2^53 + 1 = 9007199254740993 is not representable as a double.
    const text = formatMoney('en-GB', { currency: 'USD', amount: '9007199254740993.27' });
    expect(text).toContain('9,007,199,254,740,993.27');
    const huge = formatMoney('en-GB', { currency: 'EUR', amount: '123456789012345678901234567890.99' });
    expect(huge).toContain('123,456,789,012,345,678,901,234,567,890.99');
  });

  it('formats a currency without minor units (JPY)', () => {
    const text = formatMoney('en-GB', { currency: 'JPY', amount: '1500000' });
    expect(text).toContain('1,500,000');
    expect(text).not.toMatch(/1,500,000[.,]\d/);
  });

  it('formats a currency with three decimals (KWD) without rounding', () => {
    expect(formatMoney('en-GB', { currency: 'KWD', amount: '750000.125' })).toContain('750,000.125');
    expect(formatMoney('en-GB', { currency: 'KWD', amount: '0.999' })).toContain('0.999');
  });

  it('pads to the currency’s usual decimals but never cuts digits', () => {
    expect(formatMoney('en-GB', { currency: 'USD', amount: '12' })).toContain('12.00');
    expect(formatMoney('en-GB', { currency: 'USD', amount: '0.125' })).toContain('0.125');
  });

  it('keeps the sign of negative amounts, including below one', () => {
    expect(formatMoney('en-GB', { currency: 'USD', amount: '-1234.50' })).toBe('-US$1,234.50');
    expect(formatMoney('en-GB', { currency: 'USD', amount: '-0.50' })).toBe('-US$0.50');
  });

  it('formats with the Arabic locale’s order and symbols, matching Intl for safe values', () => {
    const text = formatMoney('ar', { currency: 'USD', amount: '45000000.00' });
    const reference = new Intl.NumberFormat('ar', { style: 'currency', currency: 'USD' }).format(45000000);
    expect(text).toBe(reference);
  });

  it('keeps every digit above 2^53 in Arabic too, with the locale’s grouping and decimal sign', () => {
    const text = formatMoney('ar', { currency: 'QAR', amount: '9007199254740993.25' });
    const parts = new Intl.NumberFormat('ar', { style: 'currency', currency: 'QAR' }).formatToParts(9007199254740993n);
    const integer = parts.filter((p) => p.type === 'integer' || p.type === 'group').map((p) => p.value).join('');
    const decimal = parts.find((p) => p.type === 'decimal')?.value;
    const fraction = new Intl.NumberFormat('ar', { useGrouping: false }).format(25);
    expect(text).toContain(`${integer}${decimal}${fraction}`);
  });

  it('falls back to amount and code for something it cannot read', () => {
    expect(formatMoney('en-GB', { currency: 'USD', amount: 'abc' })).toBe('abc USD');
    expect(formatMoney('en-GB', { currency: '??', amount: '1.00' })).toBe('1.00 ??');
  });
});

describe('formatDecimal, formatYears, formatCompact', () => {
  it('formats an exact decimal without a currency, every digit kept', () => {
    expect(formatDecimal('en-GB', '9007199254740993.27')).toBe('9,007,199,254,740,993.27');
    expect(formatDecimal('en-GB', '1500')).toBe('1,500');
    expect(formatDecimal('en-GB', 'abc')).toBe('abc');
  });

  it('writes consecutive years as a range and the others one by one', () => {
    expect(formatYears('en-GB', [2026, 2024, 2025])).toBe('2024–2026');
    expect(formatYears('en-GB', [2024, 2026])).toBe('2024, 2026');
    expect(formatYears('en-GB', [2024, 2025, 2027])).toBe('2024–2025, 2027');
    expect(formatYears('en-GB', [2024])).toBe('2024');
  });

  it('shortens chart labels from the integer part only', () => {
    expect(formatCompact('en-GB', '45000000.00')).toBe('45m');
    const compact = new Intl.NumberFormat('en-GB', { notation: 'compact', maximumFractionDigits: 1 });
    expect(formatCompact('en-GB', '123456789012345678901234.99')).toBe(compact.format(123456789012345678901234n));
  });
});

describe('Intl objects', () => {
  it('are made once per locale and options, and each formats with its own', () => {
    const plain = numberFormat('ar-u-nu-arab', { useGrouping: false });
    expect(numberFormat('ar-u-nu-arab', { useGrouping: false })).toBe(plain);
    expect(numberFormat('en', { useGrouping: false })).not.toBe(plain);
    expect(numberFormat('ar-u-nu-arab')).not.toBe(plain);
    expect(plain.format(2024)).toBe('٢٠٢٤');
    expect(numberFormat('ar-u-nu-arab').format(2024)).toBe('٢٬٠٢٤');
    const doha = dateTimeFormat('en', { timeZone: 'Asia/Qatar', hour: '2-digit', hourCycle: 'h23' });
    expect(dateTimeFormat('en', { timeZone: 'Asia/Qatar', hour: '2-digit', hourCycle: 'h23' })).toBe(doha);
    expect(dateTimeFormat('en', { timeZone: 'UTC', hour: '2-digit', hourCycle: 'h23' }).format(Date.UTC(2026, 0, 1, 6))).toBe('06');
    expect(doha.format(Date.UTC(2026, 0, 1, 6))).toBe('09');
  });

  it('are not kept when the options are refused', () => {
    expect(() => numberFormat('en', { style: 'currency', currency: 'NOT A CODE' })).toThrow();
    expect(() => numberFormat('en', { style: 'currency', currency: 'NOT A CODE' })).toThrow();
  });
});
