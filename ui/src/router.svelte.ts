// A tiny hash router: the route is derived from `location.hash`, which stays the single
// source of truth so that the Back button and reloads behave as expected.

export type Route =
  | { name: 'home' }
  | { name: 'events' }
  | { name: 'event-new' }
  | { name: 'event'; id: string }
  | { name: 'event-edit'; id: string }
  | { name: 'pledges'; id: string }
  | { name: 'pledge-new'; id: string }
  | { name: 'pledge'; id: string; pledgeId: string }
  | { name: 'pledge-edit'; id: string; pledgeId: string }
  | { name: 'outcome'; id: string }
  | { name: 'about' }
  | { name: 'not-found' }
  | { name: 'programme'; id: string }
  | { name: 'speakers'; id: string }
  | { name: 'participants'; id: string }
  | { name: 'participant-new'; id: string }
  | { name: 'participant'; id: string; participantId: string }
  | { name: 'participants-import'; id: string }
  | { name: 'checkin'; id: string }
  | { name: 'participants-setup'; id: string };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeSegment);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'about' && parts.length === 1) return { name: 'about' };
  if (parts[0] !== 'events') return { name: 'not-found' };
  if (parts.length === 1) return { name: 'events' };
  if (parts.length === 2 && parts[1] === 'new') return { name: 'event-new' };
  if (parts.length === 2) return { name: 'event', id: parts[1] };
  if (parts.length === 3 && parts[2] === 'edit') return { name: 'event-edit', id: parts[1] };
  if (parts.length === 3 && parts[2] === 'programme') return { name: 'programme', id: parts[1] };
  if (parts.length === 3 && parts[2] === 'outcome') return { name: 'outcome', id: parts[1] };
  if (parts.length === 3 && parts[2] === 'speakers') return { name: 'speakers', id: parts[1] };
  if (parts.length === 3 && parts[2] === 'participants') return { name: 'participants', id: parts[1] };
  if (parts.length === 4 && parts[2] === 'participants' && parts[3] === 'new') return { name: 'participant-new', id: parts[1] };
  if (parts.length === 4 && parts[2] === 'participants' && parts[3] === 'import')
    return { name: 'participants-import', id: parts[1] };
  if (parts.length === 3 && parts[2] === 'checkin') return { name: 'checkin', id: parts[1] };
  if (parts.length === 4 && parts[2] === 'participants' && parts[3] === 'setup')
    return { name: 'participants-setup', id: parts[1] };
  if (parts.length === 4 && parts[2] === 'participants') return { name: 'participant', id: parts[1], participantId: parts[3] };
  if (parts[2] !== 'pledges') return { name: 'not-found' };
  if (parts.length === 3) return { name: 'pledges', id: parts[1] };
  if (parts.length === 4 && parts[3] === 'new') return { name: 'pledge-new', id: parts[1] };
  if (parts.length === 4) return { name: 'pledge', id: parts[1], pledgeId: parts[3] };
  if (parts.length === 5 && parts[4] === 'edit') return { name: 'pledge-edit', id: parts[1], pledgeId: parts[3] };
  return { name: 'not-found' };
}

/** Paths of the app's pages, to use in `href` (with `#`) or `navigate`. */
export const paths = {
  home: () => '/',
  events: () => '/events',
  newEvent: () => '/events/new',
  event: (id: string) => `/events/${encodeURIComponent(id)}`,
  editEvent: (id: string) => `/events/${encodeURIComponent(id)}/edit`,
  pledges: (id: string) => `/events/${encodeURIComponent(id)}/pledges`,
  newPledge: (id: string) => `/events/${encodeURIComponent(id)}/pledges/new`,
  pledge: (id: string, pledgeId: string) => `/events/${encodeURIComponent(id)}/pledges/${encodeURIComponent(pledgeId)}`,
  editPledge: (id: string, pledgeId: string) =>
    `/events/${encodeURIComponent(id)}/pledges/${encodeURIComponent(pledgeId)}/edit`,
  about: () => '/about',
  programme: (id: string) => `/events/${encodeURIComponent(id)}/programme`,
  outcome: (id: string) => `/events/${encodeURIComponent(id)}/outcome`,
  speakers: (id: string) => `/events/${encodeURIComponent(id)}/speakers`,
  participants: (id: string) => `/events/${encodeURIComponent(id)}/participants`,
  newParticipant: (id: string) => `/events/${encodeURIComponent(id)}/participants/new`,
  participant: (id: string, participantId: string) =>
    `/events/${encodeURIComponent(id)}/participants/${encodeURIComponent(participantId)}`,
  importParticipants: (id: string) => `/events/${encodeURIComponent(id)}/participants/import`,
  checkin: (id: string) => `/events/${encodeURIComponent(id)}/checkin`,
  participantsSetup: (id: string) => `/events/${encodeURIComponent(id)}/participants/setup`,
};

export function href(path: string): string {
  return `#${path}`;
}

let hash = $state(typeof location !== 'undefined' ? location.hash : '');

export const router = {
  get route(): Route {
    return parseHash(hash);
  },
  get hash(): string {
    return hash;
  },
};

export function navigate(path: string): void {
  location.hash = path;
  // jsdom and some webviews fire `hashchange` late; keep the state in step right away.
  hash = location.hash;
}

/** Starts following `hashchange`; returns the function that stops it. */
export function startRouter(): () => void {
  const update = () => {
    hash = location.hash;
  };
  update();
  window.addEventListener('hashchange', update);
  return () => window.removeEventListener('hashchange', update);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
