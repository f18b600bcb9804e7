// Development-only stand-in for ../client.ts, swapped in by `vite --mode mock` (see
// vite.config.ts) so the UI can be viewed in a plain browser. Each area's module holds canned
// answers and keeps what is sent; none repeats a rule of the core, which is tested in the core
// and end to end. `?empty` in the page URL starts with no events; `?slow` delays every answer.
// Never part of the production build.
import * as app from './app';
import * as events from './events';
import * as outcome from './outcome';
import * as participants from './participants';
import * as pledges from './pledges';
import * as programme from './programme';

export * from './app';
export * from './events';
export * from './outcome';
export * from './participants';
export * from './pledges';
export * from './programme';

// Compile-time check that the mock offers exactly the functions the real client offers (the
// areas share their canned records with each other too: those are not functions).
import type * as real from '../client';

type Offered = typeof app & typeof events & typeof outcome & typeof participants & typeof pledges & typeof programme;
type Functions<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: T[K] };
({ ...app, ...events, ...outcome, ...participants, ...pledges, ...programme }) satisfies typeof real;
const exactly: [Exclude<keyof Functions<Offered>, keyof typeof real>] extends [never] ? true : never = true;
void exactly;
