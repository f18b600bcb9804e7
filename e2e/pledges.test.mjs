// End-to-end: the pledges ledger in the real app window (WebKitGTK through tauri-driver, under
// Xvfb), on its own fresh database. Records the Doha pledge (USD 15 million a year for
// 2024–2026) in the form, then a payment, and reads both on the event's overview.
// Screenshots go to target/e2e/.
//
// Ports: tauri-driver listens on --port and starts WebKitWebDriver on --native-port, which
// defaults to 4445. app.test.mjs uses 4444 (and so 4445), and `node --test e2e/` runs files at
// the same time, so this file takes 4446 and 4447.

import { after, afterEach, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Driver } from "./webdriver.mjs";

const PORT = 4446;
const NATIVE_PORT = 4447;

const root = resolve(import.meta.dirname, "..");
const application = process.env.MUNTADA_APP ?? resolve(root, process.env.CARGO_TARGET_DIR ?? "target", "debug/muntada-desktop");
const shots = join(root, "target/e2e");
const dataDir = mkdtempSync(join(tmpdir(), "muntada-e2e-pledges-"));
let app;

before(async () => {
  mkdirSync(shots, { recursive: true });
  app = await Driver.start({ application, port: PORT, nativePort: NATIVE_PORT, env: { MUNTADA_DB: join(dataDir, "muntada.db") } });
  await app.find("welcome");
  // The language is remembered by the webview across runs: start in English whatever was left.
  if ((await app.script("return document.documentElement.lang;")) !== "en") await click("lang-toggle");
  await app.waitFor(async () => (await app.script("return document.documentElement.lang;")) === "en", "English");
  // Any style or script the strict CSP refuses is recorded, and checked at the end.
  await app.recordCsp();
});

after(async () => {
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

afterEach(async (t) => {
  if (app && t.passed === false) await shot(`failed-pledges-${t.name.replace(/\W+/g, "-")}`).catch(() => {});
});


const shot = (name) => app.shot(shots, name);

/** Digits of a localized number, whatever the script: "US$ ٤٥٬٠٠٠٬٠٠٠٫٠٠" → "4500000000". */
function digits(text) {
  return [...text]
    .map((c) => {
      const code = c.codePointAt(0);
      if (code >= 0x660 && code <= 0x669) return String(code - 0x660);
      if (code >= 0x6f0 && code <= 0x6f9) return String(code - 0x6f0);
      return /[0-9]/.test(c) ? c : "";
    })
    .join("");
}

/** Clicks an element, first dismissing the toasts that may lie over it (as a person would). */
const click = (testId) => app.tap(testId);

/** Types into a field and waits until the page holds exactly that value. */
const fill = (testId, text) => app.fill(testId, text);

/** Waits until the first element with this test id shows these digits. */
async function waitForDigits(testId, expected) {
  let last = "";
  await app.waitFor(async () => {
    last = await (await app.find(testId)).text();
    return digits(last) === expected;
  }, `${testId} to show ${expected} (last: ${last})`);
}

test("an event to pledge to, created through the UI", async () => {
  await click("create-event");
  await fill("field-title-en", "Doha Forum on Counter-Terrorism Assistance");
  await fill("field-title-ar", "منتدى الدوحة للمساعدة في مكافحة الإرهاب");
  await fill("field-city-en", "Doha");
  await (await app.find("field-start")).setValue("2024-05-21");
  await (await app.find("field-end")).setValue("2024-05-22");
  await click("save-event");
  await app.find("event-overview");
  await app.find("no-pledges");
});

test("record the Doha pledge in the form and see 45,000,000 on the overview", async () => {
  await click("open-pledges");
  await app.find("pledges-view");
  await app.find("pledges-empty");
  await click("new-pledge");

  await fill("pledge-donors-en", "State of Qatar");
  await fill("pledge-donors-ar", "دولة قطر");
  await fill("pledge-recipient-en", "UNOCT");
  await fill("pledge-currency", "USD");
  await fill("pledge-amount", "15000000");
  await fill("pledge-from", "2024");
  await fill("pledge-to", "2026");
  // The form's own preview: three years, 45 million.
  await waitForDigits("pledge-preview-total", "4500000000");
  assert.equal((await app.findAll("pledge-preview-line")).length, 3);
  await shot("pledge-form");
  await click("save-pledge");

  // The core's lines, on the pledge's page.
  await app.find("pledge-detail");
  await app.waitFor(async () => (await app.findAll("pledge-line")).length === 3, "three yearly lines");
  await waitForDigits("pledge-total-amount", "4500000000");

  await click("crumb-event");
  await app.find("event-overview");
  await waitForDigits("pledge-total", "4500000000");
  assert.equal((await app.findAll("pledge-total")).length, 1, "one currency, one total");
  await waitForDigits("pledge-paid", "000");
});

test("record a payment of 5,000,000 for 2024 and see it paid on the overview", async () => {
  await click("open-pledges");
  await app.find("pledges-view");
  await app.waitFor(async () => (await app.findAll("pledge-row")).length === 1, "the pledge in the ledger");
  await click("pledge-link");
  await app.find("pledge-detail");

  await click("stage-pay");
  await app.waitFor(async () => app.script("return document.querySelector('[data-testid=stage-dialog]').open;"), "payment dialog");
  await (await app.find("stage-year")).setValue("2024");
  await fill("stage-amount", "5000000");
  await (await app.find("stage-date")).setValue("2024-06-30");
  await shot("pledge-payment");
  await click("stage-submit");
  await app.waitFor(async () => !(await app.script("return document.querySelector('[data-testid=stage-dialog]').open;")), "dialog closed");
  await waitForDigits("pledge-line-paid", "500000000");

  await click("crumb-event");
  await app.find("event-overview");
  await waitForDigits("pledge-paid", "500000000");
  await waitForDigits("pledge-committed", "1500000000");
  await waitForDigits("pledge-total", "4500000000");
});

test("the pledges view in English and in Arabic, its chart mirrored", async () => {
  await click("open-pledges");
  await app.find("pledges-view");
  await app.find("pledge-chart");
  await waitForDigits("usd-paid", "500000000");
  const xOf = (year) =>
    app.script(
      "return Number(document.querySelector(`[data-testid=pledge-chart] g[data-year='${arguments[0]}'] rect`).getAttribute('x'));",
      year,
    );
  assert.ok((await xOf(2024)) < (await xOf(2026)), "in English the years run left to right");
  await shot("pledges");

  await click("lang-toggle");
  await app.waitFor(async () => (await app.script("return document.documentElement.dir;")) === "rtl", "right to left");
  await app.waitFor(async () => (await (await app.find("pledges-view")).text()).includes("التعهدات"), "Arabic text");
  // The donor by its Arabic name, the recipient (given in English only) by its English one.
  const row = await (await app.find("pledge-row")).text();
  assert.ok(row.includes("دولة قطر") && !row.includes("State of Qatar") && row.includes("UNOCT"), row);
  assert.ok((await xOf(2024)) > (await xOf(2026)), "in Arabic the years run right to left");
  await waitForDigits("usd-paid", "500000000");
  await shot("arabic-pledges");

  await click("lang-toggle");
  await app.waitFor(async () => (await app.script("return document.documentElement.lang;")) === "en", "back to English");
  assert.deepEqual(await app.cspViolations(), [], "no CSP violations");
});

test("the demo forum's pledge names the delegation that announced it", async () => {
  await app.script("location.hash = '#/events';");
  await click("open-demo");
  await app.find("event-overview");
  await click("open-pledges");
  await app.waitFor(async () => (await app.findAll("pledge-row")).length === 1, "the demo's pledge");
  await click("pledge-link");
  await app.find("pledge-detail");
  await app.waitFor(async () => (await (await app.find("pledge-delegation")).text()) === "Qatar", "the Qatar delegation");
  await click("pledge-edit");
  await app.find("pledge-form");
  await app.waitFor(
    async () => (await app.script("return document.querySelector('[data-testid=pledge-delegation]').selectedOptions[0]?.textContent;")) === "Qatar",
    "the delegation chosen in the form",
  );
  assert.equal(
    await app.script("return document.querySelector('[data-testid=pledge-mode-perYear]').checked;"),
    true,
    "announced per year, it reopens per year",
  );
});
