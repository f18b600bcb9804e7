// The audit trail: who changed what and when. Loading failures are shown in place.
import * as client from '../api/client';
import type { AuditEntry, AuditSubject } from '../api/types';
import { t } from '../i18n/index.svelte';
import { attempt, type Outcome } from './errors';

export function getHistory(subject: AuditSubject, id: string): Promise<Outcome<AuditEntry[]>> {
  return attempt(() => client.auditList(subject, id), { toast: false });
}

/** The newest entry about a record (who changed it last, and when), or null when there is none. */
export async function lastChange(subject: AuditSubject, id: string): Promise<AuditEntry | null> {
  const outcome = await getHistory(subject, id);
  return outcome.ok ? (outcome.value[0] ?? null) : null;
}

/**
 * Who the trail names, for people: the core records "unknown" when the computer gave no user
 * name, which is said in the window's language.
 */
export function actorName(actor: string): string {
  return actor === 'unknown' ? t('history.unknownActor') : actor;
}
