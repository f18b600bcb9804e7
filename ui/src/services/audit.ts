// The audit trail: who changed what and when. Loading failures are shown in place.
import * as client from '../api/client';
import type { AuditEntry, AuditSubject } from '../api/types';
import { attempt, type Outcome } from './errors';

export function getHistory(subject: AuditSubject, id: string): Promise<Outcome<AuditEntry[]>> {
  return attempt(() => client.auditList(subject, id), { toast: false });
}
