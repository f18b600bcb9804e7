// The application itself: version, data file, the reference lists the forms offer, and the
// report that the first view is on screen.
import * as client from '../api/client';
import type { AppInfo, ReferenceData } from '../api/types';
import { useCountryNames } from '../i18n/index.svelte';
import { attempt, type Outcome } from './errors';

let reference: Promise<ReferenceData> | null = null;

export function getAppInfo(): Promise<Outcome<AppInfo>> {
  return attempt(() => client.appInfo(), { toast: false });
}

/**
 * The countries and timezones the core accepts; fetched once, as they do not change. Countries
 * are named by the core's names from then on, as badges and documents name them.
 */
export async function getReferenceData(): Promise<Outcome<ReferenceData>> {
  const pending = (reference ??= client.referenceData());
  const outcome = await attempt(() => pending, { toast: false });
  // A test's mocked client may answer nothing at all.
  if (outcome.ok) useCountryNames(outcome.value?.countries ?? []);
  else reference = null;
  return outcome;
}

let readyReported = false;
let readyFrame: number | null = null;

/**
 * Tells the shell, once per start, that the first view is on screen (it logs the start-up time,
 * which `make bench-app` reads). Waits for the next frame, so the view has been laid out and
 * painted, not only put in the DOM.
 */
export function reportReady(view: string): void {
  if (readyReported) return;
  readyReported = true;
  readyFrame = requestAnimationFrame(() => {
    readyFrame = null;
    // A failure only costs the log line: no toast, nothing for the person using the app to do.
    void attempt(() => client.appReady(view), { toast: false });
  });
}

/** For tests: as if the app had just started. */
export function forgetReady(): void {
  if (readyFrame !== null) cancelAnimationFrame(readyFrame);
  readyFrame = null;
  readyReported = false;
}

/** For tests: forget the cached reference data. */
export function forgetReferenceData(): void {
  reference = null;
  useCountryNames([]);
}
