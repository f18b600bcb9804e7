// The Save of a form. `SaveFlow` is whether a save is under way and the failure the form shows;
// `save` is the flow every form follows: call the service; on success go on; else show the
// failure and move the keyboard where the form says (its first field refused, its error, or
// nowhere for a form that shows each refusal beside its field). `RecordForm` is the same for a
// form that edits one stored record (an event, a pledge, a participant, a session, a room, a
// speaker): it also keeps the record it was filled from (stale.svelte.ts) and, when the record
// changed meanwhile, reads it as it is now for the conflict panel.
import { tick } from 'svelte';
import type { ApiError } from '../api/types';
import type { Outcome } from '../services/errors';
import { isStale, reasonText } from '../services/errors';
import { EditedRecord } from './stale.svelte';

/** A refusal as the form shows it: the error, and its text in words. */
export type Failure = { error: ApiError; text: string };

/** A value the form cannot send (not a whole number, say), refused at `field` as the core would. */
export function invalidValue(field: string): Failure {
  const error: ApiError = { code: 'invalid_input', field, reason: 'invalid_value', message: '' };
  return { error, text: reasonText(error) };
}

export type SaveSteps<R> = {
  /** Calls the service; or, where the form could not prepare its input, the failure to show. */
  send: (() => Promise<Outcome<R>>) | Failure;
  /** The save was accepted. */
  saved: (value: R) => void;
  /** For a stored record: reads it as it is now, once a save was refused as stale. */
  reload?: (() => Promise<Outcome<unknown>>) | null;
  /** Where the keyboard goes once a failure is shown; without it, it stays where it was. */
  focus?: () => HTMLElement | null | undefined;
};

export class SaveFlow {
  saving = $state(false);
  failure = $state<Failure | null>(null);

  /** The refused save's error, for the fields it marks. */
  get error(): ApiError | null {
    return this.failure?.error ?? null;
  }

  async save<R>(steps: SaveSteps<R>) {
    if (this.saving) return;
    this.failure = null;
    if (typeof steps.send !== 'function') {
      this.failure = steps.send;
    } else {
      this.saving = true;
      const outcome = await steps.send();
      this.saving = false;
      if (!outcome.ok && steps.reload && isStale(outcome.error)) {
        const now = await steps.reload();
        if (!now.ok) this.failure = { error: now.error, text: now.text };
        return;
      }
      this.answered();
      if (outcome.ok) {
        steps.saved(outcome.value);
        return;
      }
      this.failure = { error: outcome.error, text: outcome.text };
    }
    await tick();
    steps.focus?.()?.focus();
  }

  /** The service answered, accepting or refusing (other than as stale). */
  protected answered() {}
}

export class RecordForm<D extends object> extends SaveFlow {
  /** The form as filled from the record, its version, and a refused save's current record. */
  readonly record = new EditedRecord<D>();

  /** Saved or refused, the form no longer holds re-applied edits waiting for Save. */
  protected override answered() {
    this.record.reapplied = false;
  }
}
