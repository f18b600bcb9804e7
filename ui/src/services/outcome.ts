// The outcome document: every call the editor makes goes through here. It calls the client,
// turns failures into translated text and shows the toasts, so views only render outcomes.
import * as client from '../api/client';
import type {
  CertificateLang,
  OutcomeDocument,
  OutcomeLang,
  ParticipantStatus,
  SectionDiff,
  SectionEdit,
  SectionInput,
  SectionView,
  Version,
} from '../api/types';
import { i18n, t } from '../i18n/index.svelte';
import { attempt, type Outcome } from './errors';
import { runExport } from './exports';
import { showToast } from './toast.svelte';

/** Loading failures are shown in place, with a retry button, so they do not toast. */
export function getOutcome(eventId: string, version: number | null): Promise<Outcome<OutcomeDocument>> {
  return attempt(() => client.outcomeGet(eventId, version), { toast: false });
}

/** Adds a section to draft `version` (null: a new draft from the newest version). */
export async function addSection(eventId: string, version: number | null, input: SectionInput): Promise<Outcome<SectionView>> {
  const outcome = await attempt(() => client.outcomeSectionAdd(eventId, version, input), { toast: true });
  if (outcome.ok) showToast('success', t('outcome.toast.added'));
  return outcome;
}

export async function saveSection(
  eventId: string,
  key: string,
  version: number | null,
  edit: SectionEdit,
): Promise<Outcome<SectionView>> {
  const outcome = await attempt(() => client.outcomeSectionUpdate(eventId, key, version, edit), { toast: true });
  if (outcome.ok) showToast('success', t('outcome.toast.saved'));
  return outcome;
}

export function moveSection(eventId: string, key: string, version: number | null, position: number): Promise<Outcome<SectionView>> {
  return attempt(() => client.outcomeSectionMove(eventId, key, version, position), { toast: true });
}

export async function deleteSection(eventId: string, key: string, version: number | null): Promise<Outcome<null>> {
  const outcome = await attempt(() => client.outcomeSectionDelete(eventId, key, version), { toast: true });
  if (outcome.ok) showToast('success', t('outcome.toast.deleted'));
  return outcome;
}

export async function adoptVersion(eventId: string, version: number): Promise<Outcome<Version>> {
  const outcome = await attempt(() => client.outcomeAdopt(eventId, version), { toast: true });
  if (outcome.ok) showToast('success', t('outcome.toast.adopted', { number: version }));
  return outcome;
}

export function compareVersions(eventId: string, from: number, to: number): Promise<Outcome<SectionDiff[]>> {
  return attempt(() => client.outcomeDiff(eventId, from, to), { toast: true });
}

export function exportOutcome(eventId: string, lang: OutcomeLang, version: number | null) {
  return runExport(() => client.outcomeExport(eventId, lang, version));
}

/** `status` null: everyone who did not decline. */
export function exportCertificates(eventId: string, lang: CertificateLang, status: ParticipantStatus | null) {
  return runExport(() => client.certificatesExport(eventId, lang, status));
}

export function exportCueCards(eventId: string) {
  return runExport(() => client.cueCardsExport(eventId, i18n.lang));
}
