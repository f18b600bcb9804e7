// What a form tells its fields, so that each field marks itself and says what is wrong beside it
// after a refused save (the Field, BilingualField, NamesList and FieldError components), and how
// the form names its fields' ids, test ids and messages. The form sets it once; the fields find
// it through Svelte's context.
import { getContext, setContext } from 'svelte';

export type Problems = {
  /**
   * How a bilingual field `title` is named in this form: ids `<id>-title-en`, test ids
   * `<testid>-title-en`, labels `<messages>.titleEn` and its hint `<messages>.titleHint`.
   */
  names: { id: string; testid: string; messages: string };
  /** The reason in words that the core gave for a field, or null when the field passed. */
  text(field: string): string | null;
  /** Whether a field (and, for a table of lines, that row) is to be marked invalid. */
  invalid(field: string, row?: number): boolean;
};

const KEY = Symbol('form problems');

export function setProblems(problems: Problems): void {
  setContext(KEY, problems);
}

export function problemsOf(): Problems {
  return getContext<Problems>(KEY);
}

/** `aria-invalid` for a field's control: present only when marked. */
export function ariaInvalid(problems: Problems, field: string, row?: number): true | undefined {
  return problems.invalid(field, row) ? true : undefined;
}

/** `aria-describedby` for a field's control: its error, then its hint, when shown. */
export function describedBy(problems: Problems, field: string, hint?: string): string | undefined {
  const ids = [problems.text(field) !== null ? `err-${field}` : '', hint ?? ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}
