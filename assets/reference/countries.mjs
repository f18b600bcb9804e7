// Regenerates countries.tsv: ISO 3166-1 alpha-2 codes (Debian's iso-codes) with their
// English and Arabic short names from the CLDR data in Node's ICU.
// Run: node assets/reference/countries.mjs > assets/reference/countries.tsv
import { readFileSync } from "node:fs";
const iso = JSON.parse(readFileSync("/usr/share/iso-codes/json/iso_3166-1.json", "utf8"))["3166-1"];
const en = new Intl.DisplayNames(["en"], { type: "region" });
const ar = new Intl.DisplayNames(["ar"], { type: "region" });
// Names as the UN uses them where CLDR's short name differs.
const un = { PS: ["State of Palestine", "دولة فلسطين"] };
console.log("code\ten\tar");
for (const c of iso.map((r) => r.alpha_2).sort()) console.log(`${c}\t${un[c]?.[0] ?? en.of(c)}\t${un[c]?.[1] ?? ar.of(c)}`);
