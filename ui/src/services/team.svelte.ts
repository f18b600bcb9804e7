// Team mode: where the data is (this computer or a team database), what the signed-in role may
// change, and the team database's news (another desk's changes, the connection lost or back).
// The header and the views read `team`; views that show shared data refresh through
// `onDataChanged` without reloading, so nothing typed in a form is lost.
import { Channel } from '@tauri-apps/api/core';
import * as client from '../api/client';
import type { TeamLogin, TeamNews, TeamRole, TeamStatus } from '../api/types';
import { attempt, type Outcome } from './errors';

export const team = $state<{ status: TeamStatus | null; lost: boolean }>({ status: null, lost: false });

/** What a part of the app writes; each team role writes some of them (the server enforces it). */
export type Area = 'events' | 'participants' | 'programme' | 'pledges' | 'outcome' | 'audit';

const WRITES: Record<TeamRole, readonly Area[]> = {
  registration: ['participants'],
  programme: ['programme'],
  coordinator: ['pledges', 'outcome'],
  // Rewriting the audit trail (erasing a person empties what it recorded of them): the server
  // lets only an admin update it; every other role can only add to it.
  admin: ['events', 'participants', 'programme', 'pledges', 'outcome', 'audit'],
};

/**
 * Whether the signed-in role may change `area`: on this computer, everything; on a team
 * database, what the login's role writes (a login in none of Muntada's roles writes nothing).
 */
export function can(area: Area, status: TeamStatus | null = team.status): boolean {
  if (!status?.team) return true;
  return status.role !== null && WRITES[status.role].includes(area);
}

type Subscriber = { tables: readonly string[]; run: () => void };
const subscribers = new Set<Subscriber>();

/**
 * Calls `run` when another desk changed one of `tables` (or when what changed is unknown, after
 * a reconnection). Returns the function that stops it: an `$effect` can return it directly.
 */
export function onDataChanged(tables: readonly string[], run: () => void): () => void {
  const subscriber = { tables, run };
  subscribers.add(subscriber);
  return () => subscribers.delete(subscriber);
}

/** Tells the views what changed. */
export function announce(tables: readonly string[]): void {
  const all = tables.includes('*');
  for (const s of [...subscribers]) if (all || s.tables.some((t) => tables.includes(t))) s.run();
}

export function receive(news: TeamNews): void {
  if (news.kind === 'changed') announce(news.tables);
  else team.lost = news.lost;
}

function apply(outcome: Outcome<TeamStatus>): Outcome<TeamStatus> {
  // A mocked client (the unit tests) answers nothing: the app then behaves as on this computer.
  if (outcome.ok && outcome.value) {
    team.status = outcome.value;
    team.lost = outcome.value.lost;
  }
  return outcome;
}

export async function loadTeamStatus(): Promise<Outcome<TeamStatus>> {
  return apply(await attempt(() => client.teamStatus(), { toast: false }));
}

let watching = false;

/** Once per page: the status, then the channel the shell sends the news through. */
export async function startTeam(): Promise<void> {
  await loadTeamStatus();
  if (watching) return;
  watching = true;
  try {
    const channel = new Channel<TeamNews>();
    channel.onmessage = receive;
    await attempt(() => client.teamWatch(channel), { toast: false });
  } catch {
    // No Tauri (a plain browser on the mock client): nothing to listen to.
  }
}

/** After switching where the data is, every open view reads it again. */
function switched(outcome: Outcome<TeamStatus>): Outcome<TeamStatus> {
  if (outcome.ok && outcome.value) announce(['*']);
  return apply(outcome);
}

export function testTeam(login: TeamLogin): Promise<Outcome<null>> {
  return attempt(() => client.teamTest(login), { toast: false });
}

export async function connectTeam(login: TeamLogin, remember: boolean): Promise<Outcome<TeamStatus>> {
  return switched(await attempt(() => client.teamConnect(login, remember), { toast: false }));
}

export async function resumeTeam(): Promise<Outcome<TeamStatus>> {
  return switched(await attempt(() => client.teamResume(), { toast: false }));
}

export async function leaveTeam(): Promise<Outcome<TeamStatus>> {
  return switched(await attempt(() => client.teamLeave(), { toast: true }));
}

/** For tests: as if the app had just started on this computer. */
export function forgetTeam(): void {
  team.status = null;
  team.lost = false;
  subscribers.clear();
  watching = false;
}
