// End-to-end: the real app window (WebKitGTK) driven through tauri-driver under Xvfb, on a
// fresh database file. Screenshots go to target/e2e/ for people to look at.

import { after, afterEach, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Driver } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "..");
const application = process.env.MUNTADA_APP ?? resolve(root, process.env.CARGO_TARGET_DIR ?? "target", "debug/muntada-desktop");
const shots = join(root, "target/e2e");
const dataDir = mkdtempSync(join(tmpdir(), "muntada-e2e-"));
const exportDir = join(dataDir, "exports");
let app;

before(async () => {
  mkdirSync(shots, { recursive: true });
  mkdirSync(exportDir, { recursive: true });
  // MUNTADA_EXPORT_DIR stands in for the native save dialog, which WebDriver cannot drive.
  app = await Driver.start({
    application,
    env: { MUNTADA_DB: join(dataDir, "muntada.db"), MUNTADA_EXPORT_DIR: exportDir },
  });
});

after(async () => {
  await app?.stop();
  // WebKitWebDriver normally ends the app with the session, but not always at once (and now and
  // then not at all, under D-Bus); an app that outlives it would hold the test runner's output
  // pipes open and keep `make test` waiting forever.
  for (let waited = 0; waited < 3000 && appsOn(dataDir).length; waited += 100) await sleep(100);
  for (const pid of appsOn(dataDir)) {
    console.error(`e2e: the app (pid ${pid}) outlived its WebDriver session; ending it`);
    process.kill(pid, "SIGKILL");
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** Processes whose MUNTADA_DB lies in `dir` (Linux's /proc). */
function appsOn(dir) {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").some((v) => v.startsWith(`MUNTADA_DB=${dir}/`));
      } catch {
        return false; // gone, or not ours to read
      }
    })
    .map(Number);
}

// A failing test leaves a picture of the window behind.
afterEach(async (t) => {
  if (app && t.passed === false) await shot(`failed-${t.name.replace(/\W+/g, "-")}`).catch(() => {});
});

async function shot(name) {
  writeFileSync(join(shots, `${name}.png`), await app.screenshot());
}

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

/**
 * Asserts that the page is at its top with the header in view, once WebKit has done what it
 * defers after a focus (it scrolls a focused element into view after the next layout, so a
 * `scrollTo(0, 0)` made right after `focus()` does not hold).
 */
async function assertAtTop(what) {
  const at = await app.asyncScript(
    "const done = arguments[arguments.length - 1];" +
      "requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => {" +
      "  const bar = document.querySelector('header.bar').getBoundingClientRect();" +
      "  done({ scrollY: window.scrollY, headerTop: bar.top });" +
      "}, 400)));",
  );
  assert.deepEqual(at, { scrollY: 0, headerTop: 0 }, `${what} should open at its top, header in view`);
}

test("a fresh database opens on the welcome view", async () => {
  await app.find("welcome");
  await app.find("open-demo");
  await assertAtTop("the welcome view");
  await shot("welcome");
});

test("an invalid event is refused with the reason next to the field", async () => {
  await (await app.find("create-event")).click();
  await (await app.find("field-title-en")).type("Broken dates");
  await (await app.find("field-start")).setValue("2025-05-21");
  await (await app.find("field-end")).setValue("2025-05-20");
  await (await app.find("save-event")).click();
  const error = await app.find("error-endDate");
  assert.match(await error.text(), /\S/);
  await shot("form-error");
  await (await app.find("cancel-event")).click();
  await app.find("events-list");
});

/** Types into a field and waits until the page holds exactly that value. */
async function fill(testId, text) {
  const field = await app.find(testId);
  await field.type(text);
  await app.waitFor(async () => (await app.script("return arguments[0].value;", field.reference)) === text, testId);
}

test("create an event, then read it in Arabic, right to left", async () => {
  await (await app.find("new-event")).click();
  await fill("field-title-en", "Vienna Forum on Victims");
  await fill("field-title-ar", "منتدى فيينا للضحايا");
  await fill("field-city-en", "Vienna");
  await fill("field-city-ar", "فيينا");
  await (await app.find("field-start")).setValue("2025-10-25");
  await (await app.find("field-end")).setValue("2025-10-26");
  await (await app.find("save-event")).click();
  const title = await app.find("event-title");
  await app.waitFor(async () => (await title.text()).includes("Vienna Forum on Victims"), "English title");

  await (await app.find("lang-toggle")).click();
  await app.waitFor(async () => (await title.text()).includes("منتدى فيينا للضحايا"), "Arabic title");
  // The city in the interface's language too.
  const place = await (await app.find("event-place")).text();
  assert.ok(place.includes("فيينا") && !place.includes("Vienna"), place);
  const page = await app.script(
    "return { lang: document.documentElement.lang, dir: document.documentElement.dir," +
      " body: getComputedStyle(document.body).direction };",
  );
  assert.deepEqual(page, { lang: "ar", dir: "rtl", body: "rtl" });
  // Mirrored layout: the title's box starts from the right edge of the page.
  const box = await app.script(
    "const r = document.querySelector('[data-testid=event-title]').getBoundingClientRect();" +
      "return { left: r.left, right: r.right, width: document.documentElement.clientWidth };",
  );
  assert.ok(box.width - box.right < box.left, `title should hug the right edge: ${JSON.stringify(box)}`);
  await shot("arabic-overview");
});

test("the demo forum opens on its overview with the pledge total", async () => {
  await (await app.find("nav-events")).click();
  await app.find("events-list");
  await app.waitFor(async () => (await app.findAll("event-row")).length === 1, "the created event in the list");
  await (await app.find("open-demo")).click();
  const total = await app.find("pledge-total");
  assert.equal(digits(await total.text()), "4500000000");
  const title = await (await app.find("event-title")).text();
  assert.match(title, /المنتدى/);
  const participants = digits(await (await app.find("count-participants")).text());
  assert.ok(Number(participants) >= 50, `participants: ${participants}`);
  // Loading the demo registered its participants and its pledge: the history says so, and who.
  await app.waitFor(async () => (await app.findAll("history-entry")).length >= 5, "history entries");
  const actor = await (await app.find("history-actor")).text();
  assert.ok(actor.trim().length > 0, "the history names who made the change");
  await app.script("document.querySelector('[data-testid=history]').scrollIntoView();");
  await shot("arabic-history");
  await app.script("window.scrollTo(0, 0);");
  await shot("arabic-demo-overview");
  await (await app.find("lang-toggle")).click();
  await app.waitFor(async () => (await (await app.find("pledge-total")).text()).includes("45,000,000.00"), "English total");
  await shot("demo-overview");
});

test("the demo's participant list exports as an Arabic PDF", async () => {
  // The window is in English after the previous test; switch to Arabic for an Arabic document.
  await (await app.find("lang-toggle")).click();
  await app.waitFor(async () => (await app.script("return document.documentElement.lang;")) === "ar", "Arabic");
  await (await app.find("export-participant_list")).click();
  const file = join(exportDir, "participants-ar.pdf");
  await app.waitFor(() => existsSync(file), "the exported PDF", 20_000);
  assert.equal(readFileSync(file).subarray(0, 5).toString(), "%PDF-");
  await app.waitFor(async () => {
    const texts = await Promise.all((await app.findAll("toast")).map((toast) => toast.text()));
    return texts.some((text) => text.includes("participants-ar.pdf"));
  }, "a toast naming the saved file");
  // Right to left, the toast keeps clear of the export buttons and the page's other actions.
  assert.deepEqual(await app.coveredByToasts(["export-participant_list", "export-event_summary"]), [], "no button under the toast");
});

test("every page opens at its top, the header in view, right to left too", async () => {
  // The window is in Arabic, on the demo's overview, after the previous test.
  for (const [link, page] of [
    ["open-programme", "programme-view"],
    ["crumb-event", "event-overview"],
    ["open-pledges", "pledges-view"],
    ["crumb-event", "event-overview"],
    ["open-participants", "participants-view"],
  ]) {
    await app.tap(link);
    await app.find(page);
    await assertAtTop(page);
  }
});

test("About shows where the data and its backups are, with backup and restore", async () => {
  await (await app.find("nav-about")).click();
  const folder = await (await app.find("backups-folder")).text();
  assert.equal(folder, join(dataDir, "backups"));
  await app.find("backup-now");
  await app.find("restore-backup");
  await shot("your-data");
});

test("a second launch on the same database hands over; on another database the app starts and backs it up", async (t) => {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    t.skip("no D-Bus session (run through `make test`, which starts one): the plugin cannot find the first window");
    return;
  }
  /** Launches the app on `db`; resolves to its exit code, or "still running" after `wait` ms. */
  async function launch(db, wait) {
    const child = spawn(application, [], { env: { ...process.env, MUNTADA_DB: db }, stdio: "ignore" });
    const code = await Promise.race([
      new Promise((resolve) => child.once("exit", (status) => resolve(status))),
      new Promise((resolve) => setTimeout(() => resolve("still running"), wait)),
    ]);
    if (code === "still running") child.kill("SIGKILL");
    return code;
  }
  const startBackups = () => {
    try {
      return readdirSync(join(dataDir, "backups")).filter((name) => name.endsWith("-start.db"));
    } catch {
      return [];
    }
  };
  assert.equal(await launch(join(dataDir, "muntada.db"), 15_000), 0, "a second instance on the same database exits at once");
  assert.deepEqual(startBackups(), [], "the second instance made no start backup (and the first started empty)");
  // Control: on another database, which holds an event, the app does start (so the exit above
  // is the plugin's doing) and backs that database up as it starts.
  const other = join(dataDir, "other.db");
  const cli = spawnSync(join(dirname(application), "muntada"), ["--db", other, "event", "create", "--title", "Other",
    "--start", "2025-01-01", "--end", "2025-01-01", "--timezone", "UTC"]);
  assert.equal(cli.status, 0, String(cli.stderr));
  assert.equal(await launch(other, 4_000), "still running", "an app on another database starts");
  assert.equal(startBackups().length, 1, "the app backed its database up when it started");
  // The first window is still there and answers.
  await (await app.find("nav-events")).click();
  await app.find("events-list");
});

/** Opens, from the events list, the event whose row's text matches `pattern`. */
async function openEvent(pattern) {
  await (await app.find("nav-events")).click();
  await app.find("events-list");
  let row;
  await app.waitFor(async () => {
    for (const candidate of await app.findAll("event-row")) {
      if (pattern.test(await candidate.text())) row = candidate;
    }
    return row !== undefined;
  }, `an event row matching ${pattern}`);
  await row.click();
  await app.find("event-overview");
}

/** Whether the dialog holding the element `testId` is open. */
async function dialogOpen(testId) {
  return app.script(`return document.querySelector('[data-testid=${testId}]')?.closest('dialog')?.open === true;`);
}

test("an event set to Latin digits writes its numbers in Latin digits in the Arabic window, and back", async () => {
  await openEvent(/المنتدى|Forum/);
  if ((await app.script("return document.documentElement.lang;")) !== "ar") await (await app.find("lang-toggle")).click();
  await app.waitFor(async () => (await app.script("return document.documentElement.lang;")) === "ar", "Arabic");
  const total = async () => (await app.find("pledge-total")).text();
  const arabicIndic = /[\u0660-\u0669]/;
  await app.waitFor(async () => arabicIndic.test(await total()), "Arabic-Indic digits by default");
  for (const [rule, written] of [
    ["latin", (text) => /[0-9]/.test(text) && !arabicIndic.test(text)],
    ["arabic_indic", (text) => arabicIndic.test(text) && !/[0-9]/.test(text)],
  ]) {
    await app.tap("edit-event");
    const select = await app.find("field-arabic-digits");
    await select.setValue(rule);
    await app.waitFor(async () => (await app.script("return arguments[0].value;", select.reference)) === rule, rule);
    await (await app.find("save-event")).click();
    await app.find("event-overview");
    await app.waitFor(async () => written(await total()), `the total written with ${rule} digits`);
    // The same amount either way.
    assert.equal(digits(await total()), "4500000000");
    if (rule === "latin") await shot("arabic-latin-digits");
  }
});

test("the demo forum has pledges: the window says it cannot be deleted and archives it instead", async () => {
  // The window is in Arabic after the PDF test.
  await openEvent(/المنتدى/);
  await (await app.find("delete-event")).click();
  await app.waitFor(() => dialogOpen("confirm-archive"), "the offer to archive");
  const body = await app.script("return document.querySelector('[data-testid=confirm-archive]').closest('dialog').textContent;");
  assert.match(body, /لا يمكن حذف هذه الفعالية/);
  assert.match(body, /أرشِف الفعالية/);
  assert.equal(await dialogOpen("confirm-delete"), false, "no offer to delete");
  await shot("arabic-event-kept");
  await (await app.find("cancel-archive")).click();
  await app.waitFor(async () => !(await dialogOpen("cancel-archive")), "the dialog closed");

  await (await app.find("lang-toggle")).click();
  await app.waitFor(async () => (await app.script("return document.documentElement.lang;")) === "en", "English");
  await (await app.find("delete-event")).click();
  await app.waitFor(() => dialogOpen("confirm-archive"), "the offer to archive");
  const english = await app.script("return document.querySelector('[data-testid=confirm-archive]').closest('dialog').textContent;");
  assert.match(english, /This event cannot be deleted/);
  assert.match(english, /has pledges or an adopted outcome document/);
  await shot("event-kept");
  await (await app.find("confirm-archive")).click();
  const badge = await app.find("status-badge");
  await app.waitFor(async () => (await badge.text()) === "Archived", "the Archived badge");
  // Still there, with its pledge.
  assert.equal(digits(await (await app.find("pledge-total")).text()), "4500000000");
});

test("an event without pledges is deleted after a confirmation, with a backup taken first", async () => {
  const deleteBackups = () => {
    try {
      return readdirSync(join(dataDir, "backups")).filter((name) => name.endsWith("-before-delete.db"));
    } catch {
      return [];
    }
  };
  assert.deepEqual(deleteBackups(), []);
  await openEvent(/Vienna Forum on Victims/);
  await (await app.find("delete-event")).click();
  await app.waitFor(() => dialogOpen("confirm-delete"), "the confirmation");
  await (await app.find("confirm-delete")).click();
  await app.find("events-list");
  await app.waitFor(async () => {
    const rows = await Promise.all((await app.findAll("event-row")).map((row) => row.text()));
    return rows.length === 1 && !rows.some((text) => text.includes("Vienna"));
  }, "the list without the deleted event");
  assert.equal(deleteBackups().length, 1, "the copy of the data taken before the delete");
});
