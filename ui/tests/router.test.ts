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
  });
});
