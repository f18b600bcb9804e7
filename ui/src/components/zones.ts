// Time zones named as people say them, in the interface's language: "Tunis — Tunisia", "تونس".
// The IANA id ("Africa/Tunis") is what an event stores and never what a page shows.
import type { TimeZoneChoice } from '../api/types';
import { countryName, pick } from '../i18n/index.svelte';
import { getReferenceData } from '../services/app';

/** "Tunis — Tunisia", "Qatar" (not twice), "تونس"; an id the table lacks as the id itself. */
export function zoneLabel(zones: readonly TimeZoneChoice[], id: string): string {
  const zone = zones.find((z) => z.id === id);
  if (!zone) return id.replaceAll('_', ' ');
  const city = pick(zone.city);
  const country = zone.country ? countryName(zone.country) : city;
  return country === city ? city : `${city} — ${country}`;
}

/**
 * The zones of the reference data, for a page that names its event's zone. A page does not fail
 * for want of them: without them it shows the id (as `zoneLabel` does for an unknown one).
 */
export async function referenceZones(): Promise<TimeZoneChoice[]> {
  const outcome = await getReferenceData();
  return outcome.ok ? outcome.value.zones : [];
}
