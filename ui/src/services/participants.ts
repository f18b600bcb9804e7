// Participants: every call the participant views make goes through here (client call,
// translated error, toast), so views only render outcomes.
import * as client from '../api/client';
import type {
  Added,
  DeskCheckIn,
  DeskStatus,
  BadgeLayout,
  CategoryInfo,
  CategoryInput,
  CheckedIn,
  ColumnMapping,
  Delegation,
  DelegationInput,
  Erasure,
  ImportPreview,
  ImportReport,
  Participant,
  ParticipantInput,
  ParticipantPage,
  ParticipantQuery,
  ParticipantStatus,
  Selection,
  ValueChoice,
} from '../api/types';
import { formatNumber, t } from '../i18n/index.svelte';
import { attempt, type Outcome } from './errors';
import { runExport } from './exports';
import { showToast } from './toast.svelte';

export function queryParticipants(eventId: string, query: ParticipantQuery): Promise<Outcome<ParticipantPage>> {
  return attempt(() => client.participantQuery(eventId, query), { toast: false });
}

export function listCategories(eventId: string): Promise<Outcome<CategoryInfo[]>> {
  return attempt(() => client.categoryList(eventId), { toast: false });
}

export function listDelegations(eventId: string): Promise<Outcome<Delegation[]>> {
  return attempt(() => client.delegationList(eventId), { toast: false });
}

export function getParticipant(id: string): Promise<Outcome<Participant>> {
  return attempt(() => client.participantGet(id), { toast: false });
}

/** Registers a person; field errors are left for the form to show. */
export async function registerParticipant(eventId: string, input: ParticipantInput): Promise<Outcome<Added>> {
  const outcome = await attempt(() => client.participantAdd(eventId, input), { toast: false });
  if (outcome.ok) showToast('success', t('participants.toast.registered'));
  else if (outcome.error.field === null) showToast('error', outcome.text, outcome.error.message || null);
  return outcome;
}

/**
 * Saves corrected details made on `version` of the record; field errors and a stale form (the
 * `field` is then "version") are left for the form to show.
 */
export async function updateParticipant(id: string, version: number, input: ParticipantInput): Promise<Outcome<Added>> {
  const outcome = await attempt(() => client.participantUpdate(id, version, input), { toast: false });
  if (outcome.ok) showToast('success', t('participants.toast.updated'));
  else if (outcome.error.field === null) showToast('error', outcome.text, outcome.error.message || null);
  return outcome;
}

/** The form's fields holding what is recorded about `p` (as the core's `From<&Participant>`). */
export function inputOf(p: Participant): ParticipantInput {
  return {
    honorific: p.honorific,
    name: { ...p.name },
    email: p.email ?? '',
    phone: p.phone ?? '',
    organisation: { ...p.organisation },
    country: p.country ?? '',
    category: p.category,
    status: p.status,
    consent: p.consent,
    delegation: p.delegation ?? '',
  };
}

export async function mergeParticipants(keep: string, other: string): Promise<Outcome<Participant>> {
  const outcome = await attempt(() => client.participantMerge(keep, other), { toast: true });
  if (outcome.ok) showToast('success', t('participants.toast.merged'));
  return outcome;
}

/** What erasing a person would keep, for the confirmation to say. */
export function erasureOf(id: string): Promise<Outcome<Erasure>> {
  return attempt(() => client.participantErasure(id), { toast: true });
}

/** Erases a person's personal data; the toast says so, the page shows the record as kept. */
export async function eraseParticipant(id: string): Promise<Outcome<Erasure>> {
  const outcome = await attempt(() => client.participantErase(id), { toast: true });
  if (outcome.ok) showToast('success', t('participants.toast.erased'));
  return outcome;
}

/** A bulk action on a selection: the core answers how many it applied to, the toast says so. */
async function bulk(call: () => Promise<number>): Promise<Outcome<number>> {
  const outcome = await attempt(call, { toast: true });
  if (outcome.ok) showToast('success', t('participants.toast.changed', { count: formatNumber(outcome.value) }));
  return outcome;
}

/** Sets the status of the participants selected (rows picked, or all that match the query). */
export function setStatus(eventId: string, selection: Selection, status: ParticipantStatus): Promise<Outcome<number>> {
  return bulk(() => client.participantSetStatus(eventId, selection, status));
}

export function setCategory(eventId: string, selection: Selection, category: string): Promise<Outcome<number>> {
  return bulk(() => client.participantSetCategory(eventId, selection, category));
}

/** Puts the participants selected into a delegation (`null`: out of any). */
export function setDelegation(eventId: string, selection: Selection, delegation: string | null): Promise<Outcome<number>> {
  return bulk(() => client.participantSetDelegation(eventId, selection, delegation));
}

/** Checks a person in; refusals (declined, already checked in) are for the desk to show. */
export function checkIn(eventId: string, code: string): Promise<Outcome<CheckedIn>> {
  return attempt(() => client.participantCheckIn(eventId, code), { toast: false });
}

/** Opens the check-in desk on a team database (its copy made or refreshed); `info` is null on this computer. */
export function openDesk(eventId: string): Promise<Outcome<DeskStatus>> {
  return attempt(() => client.deskOpen(eventId), { toast: false });
}

/** Checks a person in at the open desk: at the server, or from the desk's copy while it cannot be reached. */
export function deskCheckIn(code: string): Promise<Outcome<DeskCheckIn>> {
  return attempt(() => client.deskCheckIn(code), { toast: false });
}

export function deskStatus(): Promise<Outcome<DeskStatus>> {
  return attempt(() => client.deskStatus(), { toast: false });
}

/** A dry run of the import: `values` says what values that match nothing stand for. */
export function previewImport(eventId: string, file: number[], map: ColumnMapping[], values: ValueChoice[]): Promise<Outcome<ImportPreview>> {
  return attempt(() => client.participantImportPreview(eventId, file, map, values), { toast: false });
}

/** Imports the file; `fileName` goes into the import's history entry. */
export async function importFile(eventId: string, file: number[], fileName: string, map: ColumnMapping[], values: ValueChoice[]): Promise<Outcome<ImportReport>> {
  const outcome = await attempt(() => client.participantImport(eventId, file, fileName, map, values), { toast: true });
  if (outcome.ok && outcome.value.written)
    showToast('success', t('participants.toast.imported', { count: outcome.value.rows }));
  return outcome;
}

/** Renames or recolours a category (or adds one when `key` is empty); field errors are for the form. */
export async function saveCategory(eventId: string, key: string, input: CategoryInput): Promise<Outcome<CategoryInfo[]>> {
  const outcome = await attempt(() => client.categorySave(eventId, key, input), { toast: false });
  if (outcome.ok) showToast('success', t('setup.toast.category'));
  return outcome;
}

export async function addDelegation(eventId: string, input: DelegationInput): Promise<Outcome<Delegation>> {
  const outcome = await attempt(() => client.delegationAdd(eventId, input), { toast: false });
  if (outcome.ok) showToast('success', t('setup.toast.delegation'));
  return outcome;
}

/** Renames a delegation, changes its country or its head (made on `version`); field errors are for the form. */
export async function updateDelegation(id: string, version: number, input: DelegationInput): Promise<Outcome<Delegation>> {
  const outcome = await attempt(() => client.delegationUpdate(id, version, input), { toast: false });
  if (outcome.ok) showToast('success', t('setup.toast.delegationSaved'));
  return outcome;
}

/** The badges (of the people with `status`, or everyone) as a PDF, saved where the person chooses. */
export function exportBadges(eventId: string, status: ParticipantStatus | null, layout: BadgeLayout) {
  return runExport(() => client.badgesExport(eventId, status, layout));
}

/** Deletes a delegation (its members stay, in no delegation). */
export async function removeDelegation(id: string): Promise<Outcome<Delegation>> {
  const outcome = await attempt(() => client.delegationRemove(id), { toast: true });
  if (outcome.ok) showToast('success', t('setup.toast.delegationRemoved'));
  return outcome;
}
