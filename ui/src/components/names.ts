// Lists of names in English and Arabic (an event's organisers, a pledge's donors) as a form
// edits them: two texts, one name a line, line n of one being line n of the other.
import type { Bilingual } from '../api/types';

/** The two texts for `names`; an empty line where a name is missing in that language. */
export function namesToLines(names: readonly Bilingual[]): Bilingual {
  // Trailing empty lines would only be noise in the list that has no more names.
  const lines = (side: 'en' | 'ar') =>
    names
      .map((name) => name[side])
      .join('\n')
      .replace(/\n+$/, '');
  return { en: lines('en'), ar: lines('ar') };
}

/** Pairs line n of the English text with line n of the Arabic one; lines empty in both are dropped. */
export function namesFromLines(lines: Bilingual): Bilingual[] {
  const split = (text: string) => (text.trim() === '' ? [] : text.split(/\r?\n/));
  const [en, ar] = [split(lines.en), split(lines.ar)];
  return Array.from({ length: Math.max(en.length, ar.length) }, (_, i) => ({ en: en[i] ?? '', ar: ar[i] ?? '' })).filter(
    (name) => name.en.trim() !== '' || name.ar.trim() !== '',
  );
}
