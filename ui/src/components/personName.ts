// A person's honorific and names as one line shows them, in either page direction. A
// participant has one honorific, typed in one script: it stays with the name of its script, in
// that name's direction ("Dr Layla Haddad", "د. ليلى حداد"), never left at the far end of the
// line as a separate word ("Layla Haddad Dr" in the Arabic window).
import type { Bilingual } from '../api/types';

/** Whether the first letter of `text` that has a direction is right-to-left (Arabic, Hebrew…). */
export function startsRightToLeft(text: string): boolean {
  const strong = /[\p{L}]/u.exec(text);
  return strong !== null && /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u.test(strong[0]);
}

/**
 * The name in each script with the honorific joined to the one of its own script. When that
 * name is missing, the honorific goes with the other one rather than being dropped.
 */
export function honouredNames(honorific: string, name: Bilingual): Bilingual {
  const title = honorific.trim();
  const join = (h: string, n: string) => [h, n.trim()].filter((part) => part !== '').join(' ');
  if (title === '') return { en: name.en.trim(), ar: name.ar.trim() };
  const arabic = startsRightToLeft(title);
  if (arabic && name.ar.trim() !== '') return { en: name.en.trim(), ar: join(title, name.ar) };
  if (!arabic && name.en.trim() !== '') return { en: join(title, name.en), ar: name.ar.trim() };
  // Only the name of the other script: the honorific leads it, isolated as its own word.
  return arabic ? { en: join(title, name.en), ar: '' } : { en: '', ar: join(title, name.ar) };
}
