// The application itself: version, data file, and the reference lists the forms offer.
import * as client from '../api/client';
import type { AppInfo, ReferenceData } from '../api/types';
import { attempt, type Outcome } from './errors';

let reference: Promise<ReferenceData> | null = null;

export function getAppInfo(): Promise<Outcome<AppInfo>> {
  return attempt(() => client.appInfo(), { toast: false });
}

/** The countries and timezones the core accepts; fetched once, as they do not change. */
export async function getReferenceData(): Promise<Outcome<ReferenceData>> {
  const pending = (reference ??= client.referenceData());
  const outcome = await attempt(() => pending, { toast: false });
  if (!outcome.ok) reference = null;
  return outcome;
}

/** For tests: forget the cached reference data. */
export function forgetReferenceData(): void {
  reference = null;
}
