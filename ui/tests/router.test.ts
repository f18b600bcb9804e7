import { describe, expect, it } from 'vitest';
import { parseHash, paths } from '../src/router.svelte';

describe('parseHash', () => {
  it.each([
    ['', { name: 'home' }],
    ['#/', { name: 'home' }],
    ['#/events', { name: 'events' }],
    ['#/events/new', { name: 'event-new' }],
    ['#/events/ev-1', { name: 'event', id: 'ev-1' }],
    ['#/events/ev-1/edit', { name: 'event-edit', id: 'ev-1' }],
    ['#/events/ev-1/pledges', { name: 'pledges', id: 'ev-1' }],
    ['#/events/ev-1/pledges/new', { name: 'pledge-new', id: 'ev-1' }],
    ['#/events/ev-1/pledges/pl-9', { name: 'pledge', id: 'ev-1', pledgeId: 'pl-9' }],
    ['#/events/ev-1/pledges/pl-9/edit', { name: 'pledge-edit', id: 'ev-1', pledgeId: 'pl-9' }],
    ['#/events/ev-1/pledges/pl-9/other', { name: 'not-found' }],
    ['#/events/ev-1/other', { name: 'not-found' }],
    ['#/events/ev-1/participants', { name: 'participants', id: 'ev-1' }],
    ['#/events/ev-1/participants/new', { name: 'participant-new', id: 'ev-1' }],
    ['#/events/ev-1/participants/import', { name: 'participants-import', id: 'ev-1' }],
    ['#/events/ev-1/participants/setup', { name: 'participants-setup', id: 'ev-1' }],
    ['#/events/ev-1/participants/p-7', { name: 'participant', id: 'ev-1', participantId: 'p-7' }],
    ['#/events/ev-1/participants/p-7/x', { name: 'not-found' }],
    ['#/about', { name: 'about' }],
    ['#/nowhere', { name: 'not-found' }],
    ['#/events/a/b/c', { name: 'not-found' }],
    ['#/events/a/pledges/b/c/d', { name: 'not-found' }],
  ])('%s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it('round-trips ids that need escaping', () => {
    expect(parseHash(`#${paths.event('a b/ج')}`)).toEqual({ name: 'event', id: 'a b/ج' });
    expect(parseHash(`#${paths.editPledge('a b', 'p/1')}`)).toEqual({ name: 'pledge-edit', id: 'a b', pledgeId: 'p/1' });
    expect(parseHash(`#${paths.participant('a b', 'p/1')}`)).toEqual({ name: 'participant', id: 'a b', participantId: 'p/1' });
  });
});
