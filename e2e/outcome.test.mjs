// End-to-end: the outcome document editor in the real app window (WebKitGTK through
// tauri-driver, under Xvfb), on its own fresh database. Opens the demo forum's outcome, writes a
// recommendation in English and Arabic, adopts the version, sees it read-only, and exports the
// PDF (to MUNTADA_EXPORT_DIR: the save dialog cannot be driven), read back with pdftotext.
// Screenshots go to target/e2e/.
//
// Also sets the event's logo on its overview (preview, a refused file, removal after a
// confirmation) and finds it on the exported PDF's title page with pdfimages.
//
// Ports: 4500 for tauri-driver and 4501 for WebKitWebDriver (the other files use 4444–4447).

import { after, afterEach, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Driver } from "./webdriver.mjs";

const PORT = 4500;
const NATIVE_PORT = 4501;

const root = resolve(import.meta.dirname, "..");
const application = process.env.MUNTADA_APP ?? resolve(root, process.env.CARGO_TARGET_DIR ?? "target", "debug/muntada-desktop");
const shots = join(root, "target/e2e");
const dataDir = mkdtempSync(join(tmpdir(), "muntada-e2e-outcome-"));
const exportDir = join(dataDir, "exports");
let app;

const ENGLISH = "Establish a regional water data exchange by 2027.";
const ARABIC = "إنشاء منصة إقليمية لتبادل بيانات المياه بحلول عام 2027.";

before(async () => {
  mkdirSync(shots, { recursive: true });
  mkdirSync(exportDir, { recursive: true });
  app = await Driver.start({
    application,
    port: PORT,
    nativePort: NATIVE_PORT,
    env: { MUNTADA_DB: join(dataDir, "muntada.db"), MUNTADA_EXPORT_DIR: exportDir },
  });
  await app.find("welcome");
  if ((await app.script("return document.documentElement.lang;")) !== "en") await click("lang-toggle");
  await app.waitFor(async () => (await app.script("return document.documentElement.lang;")) === "en", "English");
  await app.recordCsp();
});


after(async () => {
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

afterEach(async (t) => {
  if (app && t.passed === false) await shot(`failed-outcome-${t.name.replace(/\W+/g, "-")}`).catch(() => {});
});

const shot = (name) => app.shot(shots, name);

/** Clicks an element, first dismissing the toasts that may lie over it. */
// Sections sit low in a long page: bring the target to the middle before clicking.
const click = (testId) => app.tap(testId, { center: true });

/** The last element with this test id inside the last section card. */
function inLastSection(testId) {
  return app.script(
    `const all = document.querySelectorAll('[data-testid=outcome-section]');
     return all[all.length - 1].querySelector('[data-testid="${testId}"]');`,
  );
}

/** Types into the last section's rich text area through the keyboard, as a person would. */
async function typeInto(testId, text) {
  const area = await inLastSection(testId);
  assert.ok(area, `${testId} in the new section`);
  await app.script("arguments[0].scrollIntoView({ block: 'center' }); arguments[0].focus();", area);
  const id = Object.values(area)[0];
  await app.cmd("POST", `/element/${id}/click`, {});
  await app.cmd("POST", `/element/${id}/value`, { text });
  await app.waitFor(async () => (await app.script("return arguments[0].textContent;", area)) === text, `${testId} typed`);
}

test("the demo forum's outcome document opens from its overview", async () => {
  await click("open-demo");
  await app.find("event-overview");
  await click("open-outcome");
  await app.find("outcome-view");
  await app.waitFor(async () => (await app.findAll("outcome-section")).length >= 8, "the demo's sections");
  // Generated sections are read-only, with a note.
  const generated = await app.script(
    "return [...document.querySelectorAll('[data-testid=outcome-section][data-kind=pledges]')].map((s) => !!s.querySelector('[data-testid=generated-note]') && !s.querySelector('[contenteditable]'));",
  );
  assert.ok(generated.length >= 1 && generated.every(Boolean), "pledges section read-only with a note");
  // Arabic on the right of English.
  const sides = await app.script(
    "const s = document.querySelector('[data-testid=outcome-section]');" +
      "return [s.querySelector('[data-testid=column-en]').getBoundingClientRect().left, s.querySelector('[data-testid=column-ar]').getBoundingClientRect().left, s.querySelector('[data-testid=column-ar]').dir];",
  );
  assert.ok(sides[0] < sides[1], "English left of Arabic");
  assert.equal(sides[2], "rtl");
});

test("write a recommendation in both languages and save it", async () => {
  const before = (await app.findAll("outcome-section")).length;
  await (await app.find("new-section-kind")).setValue("recommendation");
  await click("add-section");
  await app.waitFor(async () => (await app.findAll("outcome-section")).length === before + 1, "the new section");
  const kind = await app.script(
    "const all = document.querySelectorAll('[data-testid=outcome-section]'); return all[all.length - 1].dataset.kind;",
  );
  assert.equal(kind, "recommendation");

  await typeInto("section-body-en", ENGLISH);
  // English written, Arabic not yet: saving now would mark Arabic missing; write it too.
  await typeInto("section-body-ar", ARABIC);
  const actor = await inLastSection("section-actor-en");
  await app.cmd("POST", `/element/${Object.values(actor)[0]}/value`, { text: "Member States" });
  await shot("outcome-editor");
  await app.script(
    "const all = document.querySelectorAll('[data-testid=outcome-section]'); all[all.length - 1].querySelector('[data-testid=save-section]').click();",
  );
  await app.waitFor(
    async () =>
      (await app.script(
        "const all = document.querySelectorAll('[data-testid=outcome-section]'); return !all[all.length - 1].querySelector('[data-testid=unsaved]');",
      )),
    "saved",
  );
  // Read back from the core after a reload of the page.
  await app.script("location.reload();");
  await app.find("outcome-view");
  await app.recordCsp();
  await app.waitFor(
    async () => (await app.script("return document.body.textContent.includes(arguments[0]) || [...document.querySelectorAll('[contenteditable]')].some((e) => e.textContent === arguments[0]);", ARABIC)),
    "the Arabic text after a reload",
  );
  const stored = await app.script(
    "const all = document.querySelectorAll('[data-testid=outcome-section]'); const s = all[all.length - 1];" +
      "return [s.querySelector('[data-testid=section-body-en]').textContent, s.querySelector('[data-testid=section-body-ar]').textContent, !!s.querySelector('[data-testid=mark-ar]')];",
  );
  assert.deepEqual(stored, [ENGLISH, ARABIC, false]);
});

test("export the draft: every page carries the DRAFT watermark", async () => {
  // In English: not outcome-v1-en-ar.pdf, which the adopted version's export writes below.
  const file = await exportOutcome("en", "outcome-v1-en.pdf");
  // The check that the adopted version has none finds it here, where it is drawn.
  assert.equal(watermarks(file), pageCount(file), "one watermark a page of a draft");
  rmSync(file);
});

test("adopt the version and see it read-only", async () => {
  await click("adopt-version");
  await app.waitFor(async () => app.script("return !!document.querySelector('dialog[open]');"), "the confirmation");
  await click("confirm-adopt");
  await app.find("adopted-note");
  assert.equal(await app.script("return document.querySelectorAll('[contenteditable]').length;"), 0, "nothing editable");
  assert.equal((await app.findAll("save-section")).length, 0);
  assert.equal((await app.findAll("add-section")).length, 0);
  const note = await (await app.find("adopted-note")).text();
  assert.match(note, /Version 1 was adopted on .+ by .+\./);
  await app.waitFor(async () => (await app.script("return document.body.innerText.includes(arguments[0]);", ARABIC)), "the text shown read-only");
  await shot("outcome-adopted");
});

/** Chooses a file in the logo's file input, as the file dialog would. */
function chooseLogo(bytes, name, type) {
  return app.script(
    "const input = document.querySelector('[data-testid=logo-file]');" +
      "const dt = new DataTransfer(); dt.items.add(new File([new Uint8Array(arguments[0])], arguments[1], { type: arguments[2] }));" +
      "input.files = dt.files; input.dispatchEvent(new Event('change', { bubbles: true }));",
    [...bytes],
    name,
    type,
  );
}

/** Whether the preview shows a decoded image of this width (a blob URL the CSP must allow). */
function previewWidth() {
  return app.script(
    "const img = document.querySelector('[data-testid=logo-preview]'); return img && img.complete ? img.naturalWidth : 0;",
  );
}

test("set the event's logo on its overview: preview, a refused file, removal after confirming", async () => {
  await app.script("history.back();");
  await app.find("event-overview");
  await app.find("no-logo");
  const png = readFileSync(join(root, "assets/icons/128x128.png"));
  await chooseLogo(png, "logo.png", "image/png");
  await app.find("logo-preview");
  await app.waitFor(async () => (await previewWidth()) === 128, "the preview decoded");
  assert.match(await (await app.find("logo-size")).text(), /PNG, 128 × 128 pixels/);

  // Not an image: said in place, the logo stays.
  await chooseLogo(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"), "logo.svg", "image/png");
  assert.match(await (await app.find("logo-error")).text(), /not a PNG or JPEG image/);
  assert.equal(await previewWidth(), 128);
  await app.script("document.querySelectorAll('[data-testid=toast] button').forEach((b) => b.click());");
  await app.script("document.querySelector('[data-testid=event-logo]').scrollIntoView({ block: 'center' });");
  await shot("event-logo");

  // Removing asks first; keeping it keeps it.
  await click("remove-logo");
  await app.waitFor(async () => app.script("return !!document.querySelector('dialog[open]');"), "the confirmation");
  await click("cancel-remove-logo");
  assert.equal(await previewWidth(), 128);
  await click("remove-logo");
  await click("confirm-remove-logo");
  await app.find("no-logo");

  // Set again, for the export below.
  await chooseLogo(png, "logo.png", "image/png");
  await app.waitFor(async () => (await previewWidth()) === 128, "the logo again");
  await click("open-outcome");
  await app.find("outcome-view");
  await app.find("adopted-note");
});

test("export the adopted outcome as PDF in both languages, with the recommendation", async () => {
  const file = await exportOutcome("both", "outcome-v1-en-ar.pdf");
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  assert.ok(text.includes("regional water data exchange"), "the English recommendation");
  // Arabic comes out of pdftotext in logical order, but spaces may move: compare the words.
  for (const word of ["إقليمية", "لتبادل", "بيانات", "المياه"]) assert.ok(text.includes(word), `Arabic word ${word}`);
  assert.equal(watermarks(file), 0, "an adopted version has no draft watermark");
  // The logo, on the title page.
  const images = execFileSync("pdfimages", ["-list", file], { encoding: "utf8" })
    .split("\n")
    .slice(2)
    .map((row) => row.trim().split(/\s+/))
    .filter((cols) => cols[2] === "image")
    .map((cols) => cols.slice(0, 5).join(" "));
  assert.deepEqual(images, ["1 0 image 128 128"]);
});

/** Exports the outcome document in `lang` and waits for it: its path in the export folder. */
async function exportOutcome(lang, name) {
  await (await app.find("export-outcome-lang")).setValue(lang);
  await click("export-outcome");
  const file = join(exportDir, name);
  await app.waitFor(async () => existsSync(file), name, 60_000);
  await app.waitFor(async () => (await app.script("return document.querySelector('[data-testid=export-outcome]').disabled;")) === false, "export done");
  return file;
}

/** The number of pages of a PDF. */
function pageCount(file) {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))[1]);
}

/**
 * How many times a PDF draws the DRAFT watermark. It is drawn diagonally: `pdftotext -layout`
 * scatters its letters over the page, so the text never holds "DRAFT" even on a draft (the old
 * check could not fail). In content-stream order (`-raw`) the letters follow each other, one a
 * line; without whitespace and direction marks they read "DRAFT" (as in tests/it/outcome.rs).
 */
function watermarks(file) {
  const raw = execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" });
  return raw.replace(/[\s\u200E\u200F\u061C\u202A-\u202E]/g, "").split("DRAFT").length - 1;
}

/** The text of each page of a PDF. */
function pages(file) {
  const count = pageCount(file);
  return Array.from({ length: count }, (_, i) =>
    execFileSync("pdftotext", ["-f", String(i + 1), "-l", String(i + 1), file, "-"], { encoding: "utf8" }),
  );
}

test("export certificates of those checked in, in each person's language, then in both", async () => {
  await (await app.find("export-certificates-lang")).setValue("person");
  await (await app.find("export-certificates-status")).setValue("checked_in");
  await click("export-certificates");
  const file = join(exportDir, "certificates-by-person.pdf");
  await app.waitFor(async () => existsSync(file), "the certificates", 60_000);
  await app.waitFor(async () => (await app.script("return document.querySelector('[data-testid=export-certificates]').disabled;")) === false, "export done");
  const each = pages(file);
  assert.equal(each.length, 12, "the demo's 12 people checked in, one page each");
  const languages = each.map((page) => [page.includes("Certificate of attendance"), page.includes("شهادة حضور")]);
  assert.ok(languages.every(([en, ar]) => en !== ar), "each page in one language");
  assert.ok(languages.some(([, ar]) => ar) && languages.some(([en]) => en), "some in Arabic, some in English");

  await (await app.find("export-certificates-lang")).setValue("both");
  await click("export-certificates");
  const both = join(exportDir, "certificates-en-ar.pdf");
  await app.waitFor(async () => existsSync(both), "the bilingual certificates", 60_000);
  await app.waitFor(async () => (await app.script("return document.querySelector('[data-testid=export-certificates]').disabled;")) === false, "export done");
  const twice = pages(both);
  assert.equal(twice.length, 12);
  assert.ok(twice.every((page) => page.includes("Certificate of attendance") && page.includes("شهادة حضور")), "both on every page");
  await app.script("document.querySelectorAll('[data-testid=toast] button').forEach((b) => b.click());");
  await app.script("document.querySelector('[data-testid=outcome-exports]').scrollIntoView({ block: 'center' });");
  await shot("outcome-exports");
});

test("the editor in Arabic: Arabic stays on the right, the interface mirrors", async () => {
  await click("start-draft");
  await app.waitFor(async () => (await app.script("return document.querySelectorAll('[contenteditable]').length;")) > 0, "editable again");
  await shot("outcome-new-draft");
  await click("lang-toggle");
  await app.waitFor(async () => (await app.script("return document.documentElement.dir;")) === "rtl", "right to left");
  await app.waitFor(async () => (await (await app.find("outcome-view")).text()).includes("الوثيقة الختامية"), "Arabic interface");
  const sides = await app.script(
    "const s = document.querySelector('[data-testid=outcome-section]');" +
      "return [s.querySelector('[data-testid=column-en]').getBoundingClientRect().left, s.querySelector('[data-testid=column-ar]').getBoundingClientRect().left];",
  );
  assert.ok(sides[0] < sides[1], "Arabic still on the right");
  await shot("arabic-outcome");
  await click("lang-toggle");
  await app.waitFor(async () => (await app.script("return document.documentElement.lang;")) === "en", "back to English");
  assert.deepEqual(await app.cspViolations(), [], "no CSP violations");
});
