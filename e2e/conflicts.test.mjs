// End-to-end: a form whose record someone else changed while it was open (issue 15), in the real
// app window. Two windows cannot share one database, so the second writer is the `muntada` CLI
// on the app's file: the window opens a participant and corrects the phone; meanwhile the CLI
// changes the same person's e-mail; Save in the window is refused, the conflict panel names the
// e-mail (in English, then in Arabic, right to left), and after "Re-apply my changes" a second
// Save stores both changes. Screenshots go to target/e2e/.
//
// Ports: this file takes 4510 (tauri-driver) and 4511 (WebKitWebDriver); the other e2e files
// use their own.

import { after, afterEach, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Driver } from "./webdriver.mjs";

const PORT = 4510;
const NATIVE_PORT = 4511;

const root = resolve(import.meta.dirname, "..");
const application = process.env.MUNTADA_APP ?? resolve(root, process.env.CARGO_TARGET_DIR ?? "target", "debug/muntada-desktop");
/** The CLI built beside the app (`cargo build` builds both). */
const cli = join(dirname(application), "muntada");
const shots = join(root, "target/e2e");
const dataDir = mkdtempSync(join(tmpdir(), "muntada-e2e-conflicts-"));
const db = join(dataDir, "muntada.db");
let app;

/** The CLI on the app's own database file, answering JSON. */
const muntada = (...args) => JSON.parse(execFileSync(cli, ["--db", db, "--json", ...args], { encoding: "utf8" }));

before(async () => {
  mkdirSync(shots, { recursive: true });
  app = await Driver.start({ application, port: PORT, nativePort: NATIVE_PORT, env: { MUNTADA_DB: db } });
  await app.find("welcome");
  if ((await app.script("return document.documentElement.lang;")) !== "en") await app.tap("lang-toggle");
  await app.waitFor(async () => (await app.script("return document.documentElement.lang;")) === "en", "English");
});

after(async () => {
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

afterEach(async (t) => {
  if (app && t.passed === false) await app.shot(shots, `failed-conflicts-${t.name.replace(/\W+/g, "-")}`).catch(() => {});
});

const lang = () => app.script("return [document.documentElement.lang, document.documentElement.dir];");

/** The fields the conflict panel lists, with their text. */
const panelRows = () =>
  app.script(
    "return [...document.querySelectorAll('[data-testid=conflict-change]')].map((r) => [r.dataset.field, r.textContent]);",
  );

test("an edit made while the CLI changed the same person is shown, re-applied and saved with both changes", async () => {
  await app.tap("open-demo");
  await app.find("event-overview");
  const eventId = await app.script("return location.hash.split('/')[2];");
  const person = muntada("participant", "list", "--event", eventId).find((p) => p.email && !p.phone);
  assert.ok(person, "a demo participant with an e-mail and no phone");

  // The window opens the person's record and the person corrects the phone…
  await app.script(`location.hash = '#/events/${eventId}/participants/${person.id}';`);
  await app.find("register-form");
  await app.waitFor(
    async () => (await app.script("return document.querySelector('[data-testid=field-email]')?.value;")) === person.email,
    "the form filled from the record",
  );
  await app.fill("field-phone", "+974 4000 1234");

  // …while another desk (the CLI, on the same file) changes the same person's e-mail.
  const edited = muntada("participant", "edit", person.id, "--email", "desk2@example.org");
  assert.equal(edited.email ?? edited.participant?.email, "desk2@example.org");

  await app.tap("register-save");
  await app.find("conflict-panel");
  const rows = await panelRows();
  assert.deepEqual(
    rows.map(([field]) => field),
    ["email"],
    JSON.stringify(rows),
  );
  assert.match(rows[0][1], /E-mail/);
  assert.match(rows[0][1], /desk2@example\.org/);
  assert.match(await (await app.find("conflict-panel")).text(), /Someone else changed this record while you were editing/);
  // Nothing is lost while the person decides: the phone typed is still in the form.
  assert.equal(await app.script("return document.querySelector('[data-testid=field-phone]').value;"), "+974 4000 1234");
  await app.shot(shots, "conflict-panel");

  // The same panel in Arabic, right to left.
  await app.tap("lang-toggle");
  await app.waitFor(async () => (await lang()).join() === "ar,rtl", "Arabic");
  const panel = await (await app.find("conflict-panel")).text();
  assert.match(panel, /غيّر شخص آخر هذا السجل أثناء تحريرك له/);
  assert.match(panel, /البريد الإلكتروني/);
  assert.match(await (await app.find("conflict-reapply")).text(), /أعد تطبيق تعديلاتي/);
  await app.shot(shots, "conflict-panel-ar");
  await app.tap("lang-toggle");
  await app.waitFor(async () => (await lang()).join() === "en,ltr", "English again");

  await app.tap("conflict-reapply");
  await app.find("conflict-reapplied");
  assert.equal(await app.script("return document.querySelector('[data-testid=field-email]').value;"), "desk2@example.org");
  assert.equal(await app.script("return document.querySelector('[data-testid=field-phone]').value;"), "+974 4000 1234");
  await app.tap("register-save");
  await app.find("participants-view");

  const stored = muntada("participant", "list", "--event", eventId).find((p) => p.id === person.id);
  assert.equal(stored.email, "desk2@example.org", "the CLI's change is kept");
  assert.equal(stored.phone, "+974 4000 1234", "the window's change is stored");
  assert.equal(stored.version, person.version + 2, "two writes: the CLI's and the window's");
});
