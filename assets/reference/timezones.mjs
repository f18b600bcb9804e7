// Regenerates timezones.tsv: the time zones the event form offers, one a country and city
// (the IANA zone.tab, with UTC), with the city's English and Arabic names from CLDR's
// exemplar cities (the cldr-dates-full package; English lists only names that differ from
// the zone's own, so the zone's last part stands in).
// Run: node assets/reference/timezones.mjs <cldr-dates-full>/main > assets/reference/timezones.tsv
import { readFileSync } from "node:fs";
import { join } from "node:path";

const cldr = process.argv[2];
const cities = (lang) => JSON.parse(readFileSync(join(cldr, lang, "timeZoneNames.json"), "utf8")).main[lang].dates.timeZoneNames.zone;
const en = cities("en");
const ar = cities("ar");
// CLDR keys a few zones by their older names.
const cldrName = { "Africa/Asmara": "Africa/Asmera", "Asia/Kathmandu": "Asia/Katmandu", "Asia/Kolkata": "Asia/Calcutta",
  "Asia/Ho_Chi_Minh": "Asia/Saigon", "Asia/Yangon": "Asia/Rangoon", "Atlantic/Faroe": "Atlantic/Faeroe",
  "America/Nuuk": "America/Godthab", "Pacific/Chuuk": "Pacific/Truk", "Pacific/Pohnpei": "Pacific/Ponape",
  "Pacific/Kanton": "Pacific/Enderbury", "Europe/Kyiv": "Europe/Kiev", "America/Atikokan": "America/Coral_Harbour" };
// and the three-part ones (America/Argentina/Buenos_Aires) by their area and city.
const city = (names, zone) => {
  const parts = zone.split("/");
  return cityOf(names, cldrName[zone] ?? zone) ?? cityOf(names, `${parts[0]}/${parts.at(-1)}`);
};
function cityOf(names, zone) {
  let node = names;
  for (const part of zone.split("/")) node = node?.[part];
  return node?.exemplarCity;
}
const rows = readFileSync("/usr/share/zoneinfo/zone.tab", "utf8")
  .split("\n")
  .filter((line) => line && !line.startsWith("#"))
  .map((line) => line.split("\t"))
  .map(([country, , zone]) => {
    const fallback = zone.split("/").at(-1).replaceAll("_", " ");
    const arabic = city(ar, zone);
    if (!arabic) throw new Error(`no Arabic name for ${zone}`);
    return [zone, country, city(en, zone) ?? fallback, arabic];
  })
  .concat([["UTC", "", "UTC", "UTC"]])
  .sort((a, b) => (a[0] < b[0] ? -1 : 1));
console.log("zone\tcountry\ten\tar");
for (const row of rows) console.log(row.join("\t"));
