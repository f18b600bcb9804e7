// The programme as other views need it: the sessions and speakers a pledge can be tied to.
import * as client from '../api/client';
import type { Session, Speaker } from '../api/types';
import { attempt, type Outcome } from './errors';

export function listSessions(eventId: string): Promise<Outcome<Session[]>> {
  return attempt(() => client.sessionList(eventId), { toast: false });
}

export function listSpeakers(eventId: string): Promise<Outcome<Speaker[]>> {
  return attempt(() => client.speakerList(eventId), { toast: false });
}
