// The current language (a rune), the translation function, and formatting bound to the
// current language. Reading `t()` or any formatter inside a component makes it re-render
// when the language changes.
import { LANGS, type ArabicDigits, type Bilingual, type CountryName, type Lang } from '../api/types';
import { ar, arPlurals } from './ar';
import { en, enPlurals, type MessageKey, type PluralKey } from './en';
import * as format from './format';
import type { Money } from './format';

export type { Lang, MessageKey, Money, PluralKey };

const STORAGE_KEY = 'muntada.lang';
const catalogues: Record<Lang, Record<MessageKey, string>> = { en, ar };
// The Arabic digits are named, not left to the ICU data of the platform (whose default for "ar"
// changed between versions): every number, date and time of the Arabic window is written in the
// open event's digits (its setting), Arabic-Indic outside an event.
const arabicLocales: Record<ArabicDigits, string> = { arabic_indic: 'ar-u-nu-arab', latin: 'ar-u-nu-latn' };
export const DEFAULT_ARABIC_DIGITS: ArabicDigits = 'arabic_indic';

let current = $state<Lang>(initialLang());
let digits = $state<ArabicDigits>(DEFAULT_ARABIC_DIGITS);
const locales = {
  get en() {
    return 'en-GB';
  },
  get ar() {
    return arabicLocales[digits];
  },
} satisfies Record<Lang, string>;
/** The core's names of the countries, by ISO code; see `useCountryNames`. */
let countryNames = $state<Record<string, Bilingual>>({});

export const i18n = {
  get lang(): Lang {
    return current;
  },
  get locale(): string {
    return locales[current];
  },
  /** How the Arabic window writes numbers now: the open event's setting, else the default. */
  get arabicDigits(): ArabicDigits {
    return digits;
  },
};

/** Writes the Arabic window's numbers as the open event says (`null`: no event is open, the default). */
export function useArabicDigits(rule: ArabicDigits | null): void {
  digits = rule ?? DEFAULT_ARABIC_DIGITS;
}

/** Reads the remembered choice, else the system's language, and applies it to <html>. */
export function loadLang(): void {
  current = initialLang();
  applyToDocument(current);
}

export function setLang(lang: Lang): void {
  current = lang;
  applyToDocument(lang);
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Storage may be unavailable; the choice then lasts for this session only.
  }
}

/** Names countries as the core does from now on (its reference data's list). */
export function useCountryNames(countries: readonly CountryName[]): void {
  countryNames = Object.fromEntries(countries.map((c) => [c.code, c.name]));
}

export function toggleLang(): void {
  setLang(current === 'en' ? 'ar' : 'en');
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/**
 * Translates `key`, replacing `{name}` placeholders with `params`. A number is written in the
 * language's digits, as every number of the window is (Arabic-Indic in Arabic: "النسخة ٢",
 * "١٥ دقيقة"); a year or a code goes in as text, already formatted.
 */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogues[current][key] ?? en[key] ?? key;
  return params ? fill(text, params) : text;
}

/** Each language's strings per plural form, keyed by the forms `Intl.PluralRules` names. */
const plurals: Record<Lang, Record<PluralKey, Partial<Record<Intl.LDMLPluralRule, string>>>> = {
  en: enPlurals,
  ar: arPlurals,
};

/**
 * The form of `key` that the current language uses for `count` ("1 seat", "3 seats"; in Arabic
 * "٣ مقاعد", "١١ مقعدًا"), with `{count}` as the formatted number and other `params` filled in.
 */
export function plural(key: PluralKey, count: number, params?: Record<string, string | number>): string {
  const forms = plurals[current][key];
  const form = format.pluralRules(locales[current]).select(count);
  const text = forms[form] ?? forms.other ?? key;
  return fill(text, { ...params, count: formatNumber(count) });
}

function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    const value = params[name];
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

/** The text in the current language, else in the other one. */
export function pick(text: Bilingual): string {
  const other: Lang = current === 'en' ? 'ar' : 'en';
  return text[current].trim() ? text[current] : text[other];
}

/** The text in the other language, if it is there and the current one is too. */
export function counterpart(text: Bilingual): { lang: Lang; text: string } | null {
  const other: Lang = current === 'en' ? 'ar' : 'en';
  if (!text[current].trim() || !text[other].trim()) return null;
  return { lang: other, text: text[other] };
}

/** The language in which `pick(text)` is written, for `lang` and `dir` attributes. */
export function pickLang(text: Bilingual): Lang {
  return text[current].trim() ? current : current === 'en' ? 'ar' : 'en';
}

export function dirOf(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

export const formatDate = (iso: string) => format.formatCalendarDate(locales[current], iso);
export const formatDateRange = (start: string, end: string) =>
  format.formatCalendarRange(locales[current], start, end);
export const formatInstant = (instant: string) => format.formatInstant(locales[current], instant);
export const formatInstantIn = (instant: string, timeZone: string) =>
  format.formatInstantIn(locales[current], instant, timeZone);
export const formatNumber = (value: number) => format.formatNumber(locales[current], value);
export const formatYear = (year: number) => format.formatYear(locales[current], year);
/** A time of day shown in the window, "HH:MM" in the language's digits (٠٩:٣٠ in Arabic). */
export const formatClock = (minutes: number) => format.formatClock(locales[current], minutes);
export const formatYears = (years: readonly number[]) =>
  format.formatYears(locales[current], years, catalogues[current]['common.comma']);
export const formatCompact = (amount: string) => format.formatCompact(locales[current], amount);
export const formatDecimal = (amount: string) => format.formatDecimal(locales[current], amount);
export const formatMoney = (money: Money) => format.formatMoney(locales[current], money);
export const formatMoneyParts = (money: Money) => format.formatMoneyParts(locales[current], money);
/**
 * The amount as plain text for places that cannot hold markup (an <option>, an SVG <title>, a
 * sentence): the whole and the currency symbol wrapped in Unicode isolates, as <bdi> would do.
 */
export const formatMoneyText = (money: Money) =>
  isolate(
    format
      .formatMoneyParts(locales[current], money)
      .map((part) => (part.type === 'currency' ? isolate(part.value) : part.value))
      .join(''),
  );

// FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, built from code points so that no invisible
// control character sits in the source.
const FSI = String.fromCodePoint(0x2068);
const PDI = String.fromCodePoint(0x2069);
const isolate = (text: string) => `${FSI}${text}${PDI}`;
/**
 * The country's name in the current language: the core's (the name badges and documents print)
 * once the reference data has been loaded, until then the browser's.
 */
export const countryName = (code: string) => {
  const name = countryNames[code];
  return name ? pick(name) : format.regionName(locales[current], code);
};
/** Countries to choose from, named in the interface's language and sorted by those names. */
export function countryChoices(codes: readonly string[]): { code: string; name: string }[] {
  const collator = format.collator(locales[current]);
  return codes.map((code) => ({ code, name: countryName(code) })).sort((a, b) => collator.compare(a.name, b.name));
}
export const currencyName = (code: string) => format.currencyName(locales[current], code);

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    const known = LANGS.find((lang) => lang === saved);
    if (known) return known;
  } catch {
    // Fall through to the system language.
  }
  const system = typeof navigator !== 'undefined' ? navigator.language : 'en';
  return system.toLowerCase().startsWith('ar') ? 'ar' : 'en';
}

function applyToDocument(lang: Lang): void {
  const root = document.documentElement;
  root.lang = lang;
  root.dir = dirOf(lang);
  document.title = `${catalogues[lang]['app.name']} · ${catalogues[lang === 'en' ? 'ar' : 'en']['app.name']}`;
}
