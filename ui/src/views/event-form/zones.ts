// The event form's time-zone choice: the zones the core offers, named by city and country in
// the interface's language (components/zones.ts; the IANA id stays the value), and the zone a
// country suggests.
import type { TimeZoneChoice } from '../../api/types';
import { zoneLabel } from '../../components/zones';
import { collator } from '../../i18n/format';
import { i18n } from '../../i18n/index.svelte';

export type ZoneOption = { id: string; label: string };

/** The choices sorted by what they say, UTC first; `current` is kept when the table lacks it. */
export function zoneOptions(zones: readonly TimeZoneChoice[], current: string): ZoneOption[] {
  const order = collator(i18n.locale);
  const ids = zones.map((z) => z.id);
  if (current && !ids.includes(current)) ids.push(current);
  return ids
    .map((id) => ({ id, label: zoneLabel(zones, id) }))
    .sort((a, b) => (a.id === 'UTC' ? -1 : b.id === 'UTC' ? 1 : order.compare(a.label, b.label)));
}

/** The zone of a country that has one only (Qatar, Tunisia); null for none or several. */
export function zoneOfCountry(zones: readonly TimeZoneChoice[], country: string): string | null {
  const its = zones.filter((z) => z.country === country);
  return its.length === 1 ? its[0].id : null;
}
