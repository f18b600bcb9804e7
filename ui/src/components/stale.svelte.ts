// A form whose record was changed elsewhere while it was open (issue 15): the core refuses the
// save (`conflict` / `changed`, see services/errors.ts `isStale`). These functions compare the
// form as it was filled (`opened`), as the person left it (`mine`) and as filled from the record
// now (`current`), field by field, so that every form can show what changed and re-apply the
// person's own edits on the current record. `EditedRecord` keeps that state for a form;
// ConflictPanel.svelte shows it.
//
// A form's state is a plain object; one level of nested plain objects (a Bilingual name) is
// compared field by field ("name.en"), anything else (arrays, scalars) as a whole.
import { tick } from 'svelte';
import type { AuditEntry } from '../api/types';
import type { Outcome } from '../services/errors';

/** A field's path in the form state: "phone", "name.ar". */
export type FieldPath = string;

/** One field the other writer changed: its value now, and the person's own if they edited it too. */
export type Change = { field: FieldPath; now: unknown; mine: unknown; editedToo: boolean };

/**
 * The record a form edits: the form as it was filled, the version it was filled from (sent with
 * Save), and, once a save was refused as stale, the record as it is now until the person chooses.
 * Forms pass their state as a plain snapshot (`$state.snapshot`).
 */
export class EditedRecord<D extends object> {
  /** The form as filled from the record: what the person's edits are measured against. */
  opened: D | null = $state(null);
  /** The version of the record the form was filled from. */
  version: number | null = $state(null);
  /** After a refused save: the form filled from the record now, its version, its newest audit entry. */
  stale: { current: D; version: number; last: AuditEntry | null } | null = $state(null);
  /** The person's edits were re-applied on the current record and are not saved yet. */
  reapplied = $state(false);

  /** Fills the form from a record at `version`; returns the form's state, a copy to edit. */
  fill(form: D, version: number): D {
    this.opened = copy(form);
    this.version = version;
    this.stale = null;
    this.reapplied = false;
    return copy(form);
  }

  /** The form no longer edits a stored record (it adds a new one, or was closed). */
  forget() {
    this.opened = null;
    this.version = null;
    this.stale = null;
    this.reapplied = false;
  }

  /** A save was refused: the record is now `current` at `version`. */
  refused(current: D, version: number, last: AuditEntry | null = null) {
    this.stale = { current: copy(current), version, last };
  }

  /**
   * A save was refused: reads the record as it is now (`now`, filled into the form by `toForm`)
   * and who changed it last (`last`; null for records the audit trail does not follow, such as
   * rooms and sessions), and keeps both for the panel. A failed read is the caller's to show.
   */
  async reload<R extends { version: number }>(
    now: Promise<Outcome<R>>,
    last: Promise<AuditEntry | null> | null,
    toForm: (record: R) => D,
  ): Promise<Outcome<R>> {
    const [read, entry] = await Promise.all([now, last]);
    if (read.ok) this.refused(toForm(read.value), read.value.version, entry);
    return read;
  }

  /** What the other writer changed, against the person's form `mine`. */
  changes(mine: D): Change[] {
    return this.stale && this.opened ? changesOf(this.opened, this.stale.current, mine) : [];
  }

  /** The form re-based on the current record with the person's edits on top; Save sends the new version. */
  reapply(mine: D): D {
    if (!this.stale || !this.opened) return mine;
    const { current, version } = this.stale;
    const next = reapply(this.opened, mine, current);
    this.fill(current, version);
    this.reapplied = true;
    return next;
  }

  /** The form filled from the current record, the person's edits dropped. */
  discard(): D | null {
    return this.stale ? this.fill(this.stale.current, this.stale.version) : null;
  }

  /**
   * The conflict panel's two choices (onreapply, ondiscard) for a form whose draft `get` reads
   * and `set` replaces; each then moves the keyboard to the selector given (focusAfterChoice).
   */
  choices(get: () => D, set: (draft: D) => void, focus: { reapply: string; discard: string }) {
    return {
      onreapply: async () => {
        set(this.reapply(get()));
        await focusAfterChoice(focus.reapply);
      },
      ondiscard: async () => {
        const current = this.discard();
        if (current) set(current);
        await focusAfterChoice(focus.discard);
      },
    };
  }
}

/**
 * After the person chose in the panel, moves the keyboard to `selector` once the form shows the
 * choice: every form sends it to Save after re-apply (the edits wait to be saved again) and to
 * its first field after discard.
 */
export async function focusAfterChoice(selector: string) {
  await tick();
  document.querySelector<HTMLElement>(selector)?.focus();
}

/** The fields other writers changed between `opened` and `current`, in the form's order. */
export function changesOf<D extends object>(opened: D, current: D, mine: D): Change[] {
  const was = fieldsOf(opened);
  const now = fieldsOf(current);
  const edited = fieldsOf(mine);
  const paths = [...new Set([...Object.keys(now), ...Object.keys(was)])];
  return paths
    .filter((path) => !same(was[path], now[path]))
    .map((path) => ({
      field: path,
      now: now[path],
      mine: edited[path],
      editedToo: !same(was[path], edited[path]) && !same(edited[path], now[path]),
    }));
}

/** The fields the person edited: where `mine` differs from what the form was filled with. */
export function editedFields<D extends object>(opened: D, mine: D): FieldPath[] {
  const was = fieldsOf(opened);
  const edited = fieldsOf(mine);
  return Object.keys(edited).filter((path) => !same(was[path], edited[path]));
}

/**
 * The form re-based on the record as it is now, with the person's own edits put back on top:
 * a field they did not touch takes its current value; one they did keeps theirs.
 */
export function reapply<D extends object>(opened: D, mine: D, current: D): D {
  const result = copy(current);
  const edited = fieldsOf(mine);
  for (const path of editedFields(opened, mine)) setField(result, path, copy(edited[path]));
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The form state as flat fields: nested plain objects one level deep become "outer.inner". */
function fieldsOf(state: object): Record<FieldPath, unknown> {
  const fields: Record<FieldPath, unknown> = {};
  for (const [key, value] of Object.entries(state)) {
    if (isPlainObject(value)) for (const [inner, v] of Object.entries(value)) fields[`${key}.${inner}`] = v;
    else fields[key] = value;
  }
  return fields;
}

function setField(state: object, path: FieldPath, value: unknown) {
  const [outer, inner] = path.split('.', 2);
  const target = state as Record<string, unknown>;
  if (inner === undefined) target[outer] = value;
  else {
    if (!isPlainObject(target[outer])) target[outer] = {};
    (target[outer] as Record<string, unknown>)[inner] = value;
  }
}

/** Form states are plain data (text, numbers, booleans, arrays of them), so JSON copies them whole. */
function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
