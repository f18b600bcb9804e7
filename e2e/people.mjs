// The 100,000-person event shared by the benches of the real window (`bench-table.mjs`,
// `bench-app.mjs`): the same generated people as `cargo bench --bench participants` (names in
// both scripts, e-mail, organisation, country), imported by the CLI into a fresh database.

import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export const PEOPLE = 100_000;

/** The registration file: one header line and `count` people. */
export function peopleCsv(count = PEOPLE) {
  const given = [["Amina", "أمينة"], ["Mohammed", "محمد"], ["Fatima", "فاطمة"], ["Ahmed", "أحمد"], ["José", "خوسيه"], ["Zoë", "زوي"], ["Hiroshi", "هيروشي"], ["Aisha", "عائشة"]];
  const family = [["Yusuf", "يوسف"], ["Al-Thani", "آل ثاني"], ["Haddad", "حداد"], ["Álvarez", "ألفاريز"], ["van der Berg", "فان دير بيرغ"], ["O'Brien", "أوبراين"], ["Mansour", "منصور"]];
  const orgs = ["UNOCT", "Ministry of Foreign Affairs", "وزارة الخارجية", "UNDP", "OSCE"];
  const countries = ["QA", "Egypt", "AT", "قطر", "NG", "JP", "FR"];
  const lines = ["Full name,الاسم بالعربية,Email address,Organisation,Country"];
  for (let i = 0; i < count; i++) {
    const [g, ga] = given[i % given.length];
    const [f, fa] = family[Math.floor(i / given.length) % family.length];
    lines.push(`"${g} ${f} ${i}",${ga} ${fa},person${i}@example.org,"${orgs[i % orgs.length]}",${countries[i % countries.length]}`);
  }
  return lines.join("\n") + "\n";
}

/** Creates the event in `db` (a new file) with the CLI and imports the people; answers its id. */
export function prepareEvent(cli, db, scratch, count = PEOPLE) {
  const event = execFileSync(cli, ["--db", db, "event", "create", "--title", "Bench forum", "--start", "2026-05-20", "--end", "2026-05-21", "--timezone", "Asia/Qatar"], { encoding: "utf8" }).trim();
  const file = join(scratch, "people.csv");
  writeFileSync(file, peopleCsv(count));
  const began = performance.now();
  execFileSync(cli, ["--db", db, "participant", "import", "--event", event, file], { stdio: "ignore" });
  console.log(`database: ${count} people imported by the CLI in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  return event;
}
