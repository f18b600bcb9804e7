// The mock's pledges: the demo forum's canned ledger and totals (pledges.data.ts), served as they
// are. What is typed is kept on the record as sent; nothing here converts, totals or schedules:
// those are the core's (src/pledges/), tested there.
import type { PledgeInput, PledgeListing, PledgePreview, PledgeView, StageChange } from '../types';
import { missing, now, reply } from './canned';
import { demo } from './events';
import { DEMO_PLEDGES, PREVIEW } from './pledges.data';

const pledges = new Map<string, PledgeView>(DEMO_PLEDGES.pledges.map((p) => [p.id, p]));

export function pledgeList(eventId: string): Promise<PledgeListing> {
  const own = [...pledges.values()].filter((p) => p.eventId === eventId);
  return reply({ pledges: own, summary: DEMO_PLEDGES.summary });
}

export function pledgeGet(id: string): Promise<PledgeView> {
  const pledge = pledges.get(id);
  return pledge ? reply(pledge) : missing('id', id);
}

/** What is typed, over the demo's first pledge for all the figures the core would compute. */
function kept(id: string, eventId: string, input: PledgeInput, version: number): PledgeView {
  const { donors, recipient, purpose, kind, inKind, schedule, sessionId, speakerId, delegationId, notes } = input;
  const pledge = { ...DEMO_PLEDGES.pledges[0], id, eventId, donors, recipient, purpose, kind, inKind, schedule, notes, version };
  return { ...pledge, sessionId, speakerId, delegationId, createdAt: now() };
}

export function pledgeAdd(eventId: string, input: PledgeInput): Promise<PledgeView> {
  const pledge = kept(`pl-${Date.now().toString(36)}`, eventId || demo.id, input, 1);
  pledges.set(pledge.id, pledge);
  return reply(pledge);
}

export function pledgeUpdate(id: string, _version: number | null, input: PledgeInput): Promise<PledgeView> {
  const old = pledges.get(id);
  if (!old) return missing('id', id);
  const pledge = kept(id, old.eventId, input, old.version + 1);
  pledges.set(id, pledge);
  return reply(pledge);
}

export function pledgeStage(id: string, change: StageChange): Promise<PledgeView> {
  const old = pledges.get(id);
  if (!old) return missing('id', id);
  const pledge: PledgeView = { ...old, status: change.to, version: old.version + 1 };
  pledges.set(id, pledge);
  return reply(pledge);
}

export function pledgeDelete(id: string): Promise<null> {
  if (!pledges.delete(id)) return missing('id', id);
  return reply(null);
}

export function pledgePreview(_input: PledgeInput): Promise<PledgePreview> {
  return reply(PREVIEW);
}
