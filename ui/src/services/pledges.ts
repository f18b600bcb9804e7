// Pledges: every call the views make about pledges goes through here. It calls the client,
// turns failures into translated text and shows the toasts, so views only render outcomes.
import * as client from '../api/client';
import type { PledgeInput, PledgeListing, PledgePreview, PledgeView, StageChange } from '../api/types';
import { t } from '../i18n/index.svelte';
import { attempt, isStale, type Outcome } from './errors';
import { showToast } from './toast.svelte';

// Loading failures are shown in place, with a retry button, so they do not toast.
export function listPledges(eventId: string): Promise<Outcome<PledgeListing>> {
  return attempt(() => client.pledgeList(eventId), { toast: false });
}

export function getPledge(id: string): Promise<Outcome<PledgeView>> {
  return attempt(() => client.pledgeGet(id), { toast: false });
}

/** The core's reading of the schedule as typed: lines, total, US dollars, refused fields. */
export function previewPledge(input: PledgeInput): Promise<Outcome<PledgePreview>> {
  return attempt(() => client.pledgePreview(input), { toast: false });
}

/**
 * Records (id null) or updates a pledge from the `version` its form was filled from. Invalid
 * input and a stale form are left for the form to show.
 */
export async function savePledge(
  eventId: string,
  id: string | null,
  version: number | null,
  input: PledgeInput,
): Promise<Outcome<PledgeView>> {
  const outcome = await attempt(
    () => (id === null ? client.pledgeAdd(eventId, input) : client.pledgeUpdate(id, version, input)),
    { toast: false },
  );
  if (outcome.ok) showToast('success', t(id === null ? 'pledges.toast.recorded' : 'pledges.toast.saved'));
  else if (!isFieldError(outcome.error) && !isStale(outcome.error)) showToast('error', outcome.text, outcome.error.message || null);
  return outcome;
}

/** Records a commitment, a payment or a cancellation. Invalid input is left for the dialog. */
export async function changeStage(id: string, change: StageChange): Promise<Outcome<PledgeView>> {
  const outcome = await attempt(() => client.pledgeStage(id, change), { toast: false });
  if (outcome.ok) showToast('success', t(change.to === 'announced' || change.to === 'partly_paid' ? 'pledges.toast.saved' : `pledges.toast.${change.to}`));
  return outcome;
}

export async function deletePledge(pledge: PledgeView): Promise<Outcome<null>> {
  const outcome = await attempt(() => client.pledgeDelete(pledge.id), { toast: true });
  if (outcome.ok) showToast('success', t('pledges.toast.deleted'));
  return outcome;
}

/** An error about one field that a form can show next to it (a session or speaker gone counts). */
function isFieldError(error: { code: string; field: string | null }): boolean {
  return error.field !== null && (error.code === 'invalid_input' || error.code === 'not_found');
}
