// The Save of a form that edits one record (an event, a pledge, a participant, a session, a room,
// a speaker): the record it was filled from (stale.svelte.ts), whether a save is under way, and
// the failure the form shows. `save` is the flow they all follow: call the service; on success
// go on; when the record changed meanwhile, read it as it is now for the conflict panel; else
// show the failure and move the keyboard where the form says (its first field refused, its
// error, or nowhere for a panel that shows each refusal beside its field).
import { tick } from 'svelte';
import type { ApiError } from '../api/types';
import type { Outcome } from '../services/errors';
import { isStale } from '../services/errors';
import { EditedRecord } from './stale.svelte';

/** A refusal as the form shows it: the error, and its text in words. */
export type Failure = { error: ApiError; text: string };

export type SaveSteps<R> = {
  /** Calls the service; or, where the form could not prepare its input, the failure to show. */
  send: (() => Promise<Outcome<R>>) | Failure;
  /** The save was accepted. */
  saved: (value: R) => void;
  /** For a stored record: reads it as it is now, once a save was refused as stale. */
  reload: (() => Promise<Outcome<unknown>>) | null;
  /** Where the keyboard goes once a failure is shown. */
  focus: () => HTMLElement | null | undefined;
};

export class RecordForm<D extends object> {
  /** The form as filled from the record, its version, and a refused save's current record. */
  readonly record = new EditedRecord<D>();
  saving = $state(false);
  failure = $state<Failure | null>(null);

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
      // Saved or refused, the form no longer holds re-applied edits waiting for Save.
      this.record.reapplied = false;
      if (outcome.ok) {
        steps.saved(outcome.value);
        return;
      }
      this.failure = { error: outcome.error, text: outcome.text };
    }
    await tick();
    steps.focus()?.focus();
  }
}
