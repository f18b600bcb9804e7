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
    ['#/about', { name: 'about' }],
    ['#/nowhere', { name: 'not-found' }],
    ['#/events/a/b/c', { name: 'not-found' }],
  ])('%s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it('round-trips ids that need escaping', () => {
    expect(parseHash(`#${paths.event('a b/ج')}`)).toEqual({ name: 'event', id: 'a b/ج' });
  });
});
