// Exports: the backend builds the document and asks where to save it in a native dialog; this
// reports the outcome. A cancelled dialog is not an error and shows nothing.
import * as client from '../api/client';
import type { ExportKind, ExportOutcome } from '../api/types';
import { i18n, plural, t } from '../i18n/index.svelte';
import { attempt, type Outcome } from './errors';
import { showToast } from './toast.svelte';

export function exportDocument(eventId: string, kind: ExportKind): Promise<Outcome<ExportOutcome>> {
  return runExport(() => client.exportDocument(eventId, kind, i18n.lang));
}

/** Runs any export command and reports where the file went (nothing when cancelled). */
export async function runExport(call: () => Promise<ExportOutcome>): Promise<Outcome<ExportOutcome>> {
  const outcome = await attempt(call, { toast: true });
  if (outcome.ok && outcome.value.file !== null) {
    showToast('success', t('export.saved', { file: outcome.value.file }));
    if (outcome.value.missingGlyphs > 0) {
      showToast('info', plural('export.missingGlyphs', outcome.value.missingGlyphs));
    }
  }
  return outcome;
}
