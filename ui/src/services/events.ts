// Events: every call the views make about events goes through here. It calls the client,
// turns failures into translated text and shows the toasts, so views only render outcomes.
import * as client from '../api/client';
import type { Event, EventInput, EventLogo, EventOverview } from '../api/types';
import { pick, t, useArabicDigits } from '../i18n/index.svelte';
import { attempt, isInUse, isStale, type Outcome } from './errors';
import { showToast } from './toast.svelte';

// Loading failures are shown in place, with a retry button, so they do not toast.
export function listEvents(): Promise<Outcome<Event[]>> {
  return attempt(() => client.eventList(), { toast: false });
}

export function getEvent(id: string): Promise<Outcome<Event>> {
  return attempt(() => client.eventGet(id), { toast: false });
}

export function getOverview(id: string): Promise<Outcome<EventOverview>> {
  return attempt(() => client.eventOverview(id), { toast: false });
}

/** The event the page shown is about, if any: the window writes numbers as it says. */
let followed: string | null = null;

/**
 * Follows the event of the page now shown (`null`: a page of no event): the Arabic window writes
 * its numbers, dates and times in that event's digits, and in the default ones outside an event.
 * An event that cannot be read leaves the default.
 */
export async function followEvent(id: string | null): Promise<void> {
  followed = id;
  if (id === null) {
    useArabicDigits(null);
    return;
  }
  const outcome = await attempt(() => client.eventGet(id), { toast: false });
  // Another page may have been opened meanwhile: only the latest one decides.
  if (followed === id) useArabicDigits(outcome.ok ? outcome.value.arabicDigits : null);
}

/**
 * Creates (id null) or updates an event from the `version` its form was filled from. Invalid
 * input and a stale form are left for the form to show.
 */
export async function saveEvent(id: string | null, version: number | null, input: EventInput): Promise<Outcome<Event>> {
  const outcome = await attempt(
    () => (id === null ? client.eventCreate(input) : client.eventUpdate(id, version, input)),
    { toast: false },
  );
  if (outcome.ok) {
    // A change of the setting shows at once, without leaving the page.
    if (outcome.value.id === followed) useArabicDigits(outcome.value.arabicDigits);
    showToast('success', t(id === null ? 'toast.created' : 'toast.saved'));
  } else if (outcome.error.code !== 'invalid_input' && !isStale(outcome.error)) showToast('error', outcome.text, outcome.error.message || null);
  return outcome;
}

/**
 * Deletes an event. The core refuses an event with pledges or an adopted outcome document
 * (`conflict` / `in_use`): that refusal is left for the view, which offers to archive instead.
 */
export async function deleteEvent(event: Event): Promise<Outcome<null>> {
  const outcome = await attempt(() => client.eventDelete(event.id), { toast: false });
  if (outcome.ok) showToast('success', t('toast.deleted', { title: pick(event.title) || t('events.untitled') }));
  else if (!isInUse(outcome.error)) showToast('error', outcome.text, outcome.error.message || null);
  return outcome;
}

/**
 * Archives the event as it was shown (`event.version`, `input` its details with the archived
 * status): what it holds stays, unchanged. A refusal, stale or other, is toasted.
 */
export async function archiveEvent(event: Event, input: EventInput): Promise<Outcome<Event>> {
  const outcome = await attempt(() => client.eventUpdate(event.id, event.version, input), { toast: true });
  if (outcome.ok) showToast('success', t('toast.archived', { title: pick(event.title) || t('events.untitled') }));
  return outcome;
}

export async function openDemo(): Promise<Outcome<Event>> {
  const outcome = await attempt(() => client.demoOpen(), { toast: true });
  if (outcome.ok) showToast('info', t('toast.demo'));
  return outcome;
}

export function getLogo(id: string): Promise<Outcome<EventLogo | null>> {
  return attempt(() => client.eventLogoGet(id), { toast: false });
}

/** Sets the logo from a file's bytes. A refused image is left for the view to explain. */
export async function setLogo(id: string, bytes: number[]): Promise<Outcome<EventLogo>> {
  const outcome = await attempt(() => client.eventLogoSet(id, bytes), { toast: false });
  if (outcome.ok) showToast('success', t('logo.toast.set'));
  else if (outcome.error.code !== 'invalid_input') showToast('error', outcome.text, outcome.error.message || null);
  return outcome;
}

export async function removeLogo(id: string): Promise<Outcome<boolean>> {
  const outcome = await attempt(() => client.eventLogoRemove(id), { toast: true });
  if (outcome.ok) showToast('success', t('logo.toast.removed'));
  return outcome;
}
