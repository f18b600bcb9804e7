// End-to-end: participants in the real app window (WebKitGTK through tauri-driver, under Xvfb),
// on its own fresh database. Opens the demo forum's participants, searches in Arabic with a
// letter variant, registers a person with the form, confirms them by bulk action, checks them in
// at the desk with their badge code, imports a small CSV through the preview, and erases the
// person registered, after a dialog that says what is kept. Screenshots
// go to target/e2e/, in English and Arabic.
//
// Ports: this file takes 4490 (tauri-driver) and 4491 (WebKitWebDriver); the other e2e files
// use their own.

import { after, afterEach, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Driver } from "./webdriver.mjs";

const PORT = 4490;
const NATIVE_PORT = 4491;
const ENTER = "\uE007";

const root = resolve(import.meta.dirname, "..");
const application = process.env.MUNTADA_APP ?? resolve(root, process.env.CARGO_TARGET_DIR ?? "target", "debug/muntada-desktop");
const shots = join(root, "target/e2e");
const dataDir = mkdtempSync(join(tmpdir(), "muntada-e2e-participants-"));
/** Where the app writes exports instead of asking (MUNTADA_EXPORT_DIR). */
const exports = join(dataDir, "exports");
let app;
/** The badge code of the person registered through the form. */
let badge = "";

before(async () => {
  mkdirSync(shots, { recursive: true });
  mkdirSync(exports, { recursive: true });
  app = await Driver.start({
    application,
    port: PORT,
    nativePort: NATIVE_PORT,
    env: { MUNTADA_DB: join(dataDir, "muntada.db"), MUNTADA_EXPORT_DIR: exports },
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
  if (app && t.passed === false) await shot(`failed-participants-${t.name.replace(/\W+/g, "-")}`).catch(() => {});
});

const shot = (name) => app.shot(shots, name);

const click = (testId) => app.tap(testId);

const fill = (testId, text) => app.fill(testId, text);

/** The text of every row the table draws. */
function rowTexts() {
  return app.script("return [...document.querySelectorAll('[data-testid=participant-row]')].map((r) => r.textContent);");
}

/** Types a search and waits until the table shows its results. */
async function search(text) {
  if (text) await fill("participant-search", text);
  else await (await app.find("participant-search")).setValue("");
  await app.waitFor(async () => {
    const settled = await app.script("return document.querySelector('[data-testid=participants-view]').dataset.query;");
    const rows = await rowTexts();
    return settled === text && !rows.some((r) => r.includes("Loading"));
  }, `results for ${text}`);
}

test("the demo forum's participants open from its overview", async () => {
  await click("open-demo");
  await app.find("event-overview");
  await click("open-participants");
  await app.find("participants-view");
  await app.waitFor(async () => /\d/.test(await (await app.find("participant-count")).text()), "a count");
  const rows = await rowTexts();
  assert.ok(rows.length >= 10, `rows drawn: ${rows.length}`);
  await shot("participants");
});

test("search in Arabic finds أحمد when typed احمد", async () => {
  await search("احمد");
  const rows = await rowTexts();
  assert.ok(rows.length >= 1);
  assert.ok(rows.every((r) => r.includes("أحمد") || r.includes("Ahmed")), rows.join(" | "));
  assert.ok(rows.some((r) => r.includes("أحمد")), "the hamza form is found");
  await shot("participants-search-arabic");
  await search("");
});

test("register a participant with the form", async () => {
  await click("new-participant");
  await app.find("register-form");
  await fill("field-honorific", "Dr");
  await fill("field-name-en", "Layla Haddad");
  await fill("field-name-ar", "ليلى حداد");
  await fill("field-email", "layla.haddad@example.org");
  await fill("field-organisation-en", "Arab Water Council");
  await (await app.find("field-category")).setValue("civil_society");
  await shot("participant-register");
  await click("register-save");
  await app.find("participants-view");
  await search("layla haddad");
  const rows = await rowTexts();
  assert.equal(rows.length, 1, rows.join(" | "));
  assert.match(rows[0], /Interest registered/);
  badge = await app.script("return document.querySelector('[data-testid=participant-row] code').textContent;");
  assert.match(badge, /^[0-9A-Z]{10}$/);
});

test("confirm them by bulk action, after a confirmation", async () => {
  await click("select-row");
  await click("bulk-confirmed");
  await app.waitFor(async () => app.script("return document.querySelector('dialog.confirm').open;"), "confirmation");
  await shot("participants-bulk-confirm");
  await click("bulk-go");
  await app.waitFor(async () => (await rowTexts())[0]?.includes("Confirmed"), "confirmed in the table");
});

test("check them in at the desk with their badge code, once", async () => {
  await click("open-checkin");
  await app.find("checkin-desk");
  await app.find("desk-scan");
  // A keyboard-wedge scanner types into whatever has the focus: the first code must land in
  // the scan box without anyone clicking it.
  await app.waitFor(async () => (await app.focused()) === "desk-scan", "the scan box focused on opening", 3_000);
  await app.keys(badge.toLowerCase() + ENTER);
  await app.find("desk-ok");
  assert.match(await (await app.find("desk-result")).text(), /Layla Haddad/);
  assert.equal(await app.focused(), "desk-scan", "the scan box focused after the result");
  await shot("checkin-desk");
  await app.keys(badge + ENTER);
  const refused = await app.find("desk-refused");
  assert.equal(await app.script("return arguments[0].dataset.reason;", refused.reference), "already");
  assert.match(await (await app.find("desk-refused-since")).text(), /since \d{4}-\d\d-\d\d \d\d:\d\d/, "since when");
  assert.equal(await app.focused(), "desk-scan", "the scan box focused after a refusal");

  // Another result in between, so that the next one is seen to come.
  await app.keys("ZZZZZZZZZZ" + ENTER);
  await app.waitFor(async () => (await app.script("return document.querySelector('[data-testid=desk-refused]')?.dataset.reason;")) === "unknown", "an unknown code");

  // Found by search, the card warns; Enter must show the refusal, not a green check-in.
  await (await app.find("desk-search")).click();
  await app.keys("Layla Haddad");
  await app.waitFor(async () => (await app.findAll("desk-caution")).length === 1, "the warning on the card");
  await app.keys(ENTER);
  const reason = () => app.script("return document.querySelector('[data-testid=desk-refused]')?.dataset.reason ?? 'none';");
  await app.waitFor(async () => (await reason()) !== "unknown" || (await app.findAll("desk-ok")).length > 0, "a result for Enter");
  assert.equal(await reason(), "already");
  assert.equal((await app.findAll("desk-ok")).length, 0, "no green check-in");
  assert.equal(await app.focused(), "desk-scan", "the scan box focused after a result from the search");

  await click("lang-toggle");
  await app.waitFor(async () => (await app.script("return document.documentElement.dir;")) === "rtl", "right to left");
  await app.waitFor(async () => (await (await app.find("checkin-desk")).text()).includes("مكتب تسجيل الحضور"), "Arabic desk");
  await shot("arabic-checkin-desk");
  await click("lang-toggle");
  await app.waitFor(async () => (await app.script("return document.documentElement.lang;")) === "en", "English");
});

test("print the badges of those checked in, with Layla's name and code", async () => {
  await app.script("history.back();");
  await app.find("participants-view");
  await click("badges-open");
  await (await app.find("badges-status")).setValue("checked_in");
  await click("export-badges");
  const file = join(exports, "badges.pdf");
  await app.waitFor(async () => existsSync(file) && statSync(file).size > 0, "badges.pdf written");
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  assert.match(text, /Layla Haddad/);
  assert.match(text, new RegExp(badge));
  await app.script("document.querySelector('[data-testid=badges-panel]').open = false;");
});

test("import a small CSV through the preview", async () => {
  await click("open-import");
  await app.find("import-view");
  const csv = readFileSync(join(root, "tests/fixtures/import/semicolon.csv"), "utf8");
  await app.script(
    "const input = document.querySelector('[data-testid=import-file]');" +
      "const dt = new DataTransfer(); dt.items.add(new File([arguments[0]], 'semicolon.csv', { type: 'text/csv' }));" +
      "input.files = dt.files; input.dispatchEvent(new Event('change', { bubbles: true }));",
    csv,
  );
  await app.find("import-preview");
  await app.waitFor(async () => (await app.findAll("import-row")).length === 2, "two rows previewed");
  const fields = await app.script("return [...document.querySelectorAll('[data-testid=import-map]')].map((s) => s.value);");
  assert.deepEqual(fields, ["name", "organisation", "country"]);
  assert.equal(await (await app.find("import-rows")).text(), "2");
  await shot("participants-import");
  await click("import-run");
  await app.find("participants-view");
  await search("jean dupont");
  const rows = await rowTexts();
  assert.equal(rows.length, 1);
  assert.match(rows[0], /France/);
});

/** Chooses `name` from tests/fixtures/import/ in the import view's file input. */
async function chooseFixture(name) {
  const csv = readFileSync(join(root, "tests/fixtures/import", name), "utf8");
  await app.script(
    "const input = document.querySelector('[data-testid=import-file]');" +
      "const dt = new DataTransfer(); dt.items.add(new File([arguments[0]], arguments[1], { type: 'text/csv' }));" +
      "input.files = dt.files; input.dispatchEvent(new Event('change', { bubbles: true }));",
    csv,
    name,
  );
  await app.find("import-preview");
}

test("map two unknown categories in the preview, then import the form's next export with no questions", async () => {
  await click("open-import");
  await app.find("import-view");
  await chooseFixture("unknown_values.csv");
  await app.waitFor(async () => (await app.findAll("import-value")).length === 2, "two unknown values listed");
  const listed = await app.script(
    "return [...document.querySelectorAll('[data-testid=import-value]')].map((r) => [r.dataset.value, r.children[2].textContent]);",
  );
  assert.deepEqual(listed, [["UN Specialized Agency", "2"], ["Observer", "1"]]);
  assert.equal(await app.script("return document.querySelector('[data-testid=import-run]').disabled;"), true);
  const choose = (index, value) =>
    app.script(
      "const s = document.querySelectorAll('[data-testid=import-value-choice]')[arguments[0]];" +
        "s.value = arguments[1]; s.dispatchEvent(new Event('change', { bubbles: true }));",
      index,
      value,
    );
  // One to an existing category, a new category from the other.
  await choose(0, "un");
  await app.waitFor(async () => (await app.findAll("import-problem")).length === 1, "only Observer's row refused");
  await choose(1, "+new");
  await app.find("import-new-categories");
  await app.waitFor(
    async () => (await app.script("return document.querySelector('[data-testid=import-run]').disabled;")) === false,
    "nothing left to choose",
  );
  await shot("participants-import-values");
  await click("import-run");
  await app.find("participants-view");
  await search("li wei");
  assert.ok((await rowTexts()).some((r) => /Li Wei/.test(r) && /observer/i.test(r)), "Li Wei is an Observer");

  // The next export of the same form: its values are remembered, nothing is asked.
  await click("open-import");
  await app.find("import-view");
  await chooseFixture("unknown_values_second_export.csv");
  await app.waitFor(async () => (await app.findAll("import-row")).length === 2, "two rows previewed");
  assert.equal((await app.findAll("import-value")).length, 0);
  assert.equal(await (await app.find("import-rows")).text(), "2");
  await click("import-run");
  await app.find("participants-view");
  await search("maria silva");
  assert.ok((await rowTexts()).some((r) => /Maria Silva/.test(r) && /observer/i.test(r)), "Maria Silva is an Observer");
});

test("recolour a category and add a delegation", async () => {
  await click("open-setup");
  await app.find("setup-view");
  const before = (await app.findAll("delegation-row")).length;
  await fill("delegation-en", "Sultanate of Oman");
  await fill("delegation-ar", "سلطنة عُمان");
  await (await app.find("delegation-country")).setValue("OM");
  await click("delegation-save");
  await app.waitFor(async () => (await app.findAll("delegation-row")).length === before + 1, "the new delegation");
  await app.script("document.querySelector('[data-key=media] [data-testid=category-edit]').click();");
  await (await app.find("category-colour")).setValue("#ff0000");
  await click("category-save");
  await app.waitFor(
    async () => (await app.script("return document.querySelector('[data-key=media] code')?.textContent;")) === "#ff0000",
    "the new colour",
  );
  await shot("participants-setup");
  await app.script("history.back();");
  await app.find("participants-view");
});

test("correct a person's e-mail from their record and make them head of a delegation", async () => {
  await search("layla haddad");
  await click("participant-link");
  await app.find("register-form");
  await app.waitFor(
    async () => (await app.script("return document.querySelector('[data-testid=field-email]')?.value;")) === "layla.haddad@example.org",
    "the recorded e-mail in the form",
  );
  assert.match(await (await app.find("participant-badge")).text(), new RegExp(badge));
  await fill("field-email", "layla@awc.example.org");
  const oman = await app.script(
    "return [...document.querySelectorAll('[data-testid=field-delegation] option')].find((o) => o.textContent.includes('Oman')).value;",
  );
  await (await app.find("field-delegation")).setValue(oman);
  await app.find("history");
  await shot("participant-record");
  await click("register-save");
  await app.find("participants-view");
  await search("layla@awc.example.org");
  const rows = await rowTexts();
  assert.equal(rows.length, 1, rows.join(" | "));
  assert.match(rows[0], /Layla Haddad/);
  assert.match(rows[0], /Sultanate of Oman/, "the delegation beside the organisation");

  await click("open-setup");
  await app.find("setup-view");
  await app.script(`document.querySelector("[data-delegation-id='${oman}'] [data-testid=delegation-edit]").click();`);
  const head = await app.find("delegation-edit-head");
  await app.waitFor(async () => (await app.script("return arguments[0].options.length;", head.reference)) === 2, "Layla as the one member");
  await head.setValue(await app.script("return arguments[0].options[1].value;", head.reference));
  await click("delegation-edit-save");
  await app.waitFor(
    async () =>
      (await app.script(`return document.querySelector("[data-delegation-id='${oman}'] [data-testid=delegation-head]")?.textContent ?? '';`)).includes(
        "Layla Haddad",
      ),
    "Layla named head of the delegation",
  );
  await app.script("history.back();");
  await app.find("participants-view");
});

/** The number in "N participants" above the table. */
async function counted() {
  const text = await (await app.find("participant-count")).text();
  return Number(text.replace(/[^0-9]/g, ""));
}

test("waitlist everyone a filter matches, rows drawn or not, after a confirmation", async () => {
  await search("");
  await (await app.find("filter-status")).setValue("confirmed");
  await app.waitFor(async () => (await counted()) > 0 && !(await rowTexts()).some((r) => !r.includes("Confirmed")), "confirmed only");
  const confirmed = await counted();
  await click("select-shown");
  const drawn = (await app.findAll("select-row")).length;
  assert.ok(confirmed > drawn, `more confirmed people (${confirmed}) than rows drawn (${drawn})`);
  assert.match(await (await app.find("bulk-count")).text(), new RegExp(`^${drawn} selected`));
  await click("select-all-matching");
  await app.waitFor(
    async () => (await (await app.find("bulk-count")).text()).includes(`All ${confirmed} that match are selected`),
    "all that match selected",
  );
  await click("bulk-waitlisted");
  await app.waitFor(async () => app.script("return document.querySelector('dialog.confirm').open;"), "confirmation");
  assert.match(await (await app.find("bulk-go")).text(), /change them/);
  await shot("participants-bulk-all-matching");
  await click("bulk-go");
  await app.find("participants-empty");
  await (await app.find("filter-status")).setValue("waitlisted");
  await app.waitFor(async () => (await counted()) >= confirmed, "the waiting list holds them");
  await (await app.find("filter-status")).setValue("");
  await app.waitFor(async () => (await app.findAll("bulk-bar")).length === 0, "no selection left");
});

test("delete a delegation: its members stay, in none", async () => {
  await click("open-setup");
  await app.find("setup-view");
  const before = (await app.findAll("delegation-row")).length;
  const oman = await app.script(
    "return [...document.querySelectorAll('[data-testid=delegation-row]')].find((r) => r.textContent.includes('Sultanate of Oman')).dataset.delegationId;",
  );
  await app.script(`document.querySelector("[data-delegation-id='${oman}'] [data-testid=delegation-remove]").click();`);
  await app.waitFor(async () => app.script("return document.querySelector('dialog.confirm')?.open;"), "confirmation");
  await click("delegation-remove-go");
  await app.waitFor(async () => (await app.findAll("delegation-row")).length === before - 1, "the delegation gone");
  await app.script("history.back();");
  await app.find("participants-view");
  await search("layla@awc.example.org");
  const rows = await rowTexts();
  assert.equal(rows.length, 1, rows.join(" | "));
  assert.doesNotMatch(rows[0], /Oman/, "Layla is in no delegation now");
});

test("erase Layla from her page: the dialog says what is kept, the table still counts her", async () => {
  await search("");
  const total = await counted();
  await search("layla@awc.example.org");
  await click("participant-link");
  await app.find("register-form");
  await app.waitFor(
    async () => (await app.script("return document.querySelector('[data-testid=field-name-en]')?.value;")) === "Layla Haddad",
    "her record in the form",
  );
  const entriesBefore = (await app.findAll("history-entry")).length;
  await click("erase-open");
  await app.waitFor(async () => app.script("return document.querySelector('dialog.confirm')?.open;"), "the erase dialog");
  const said = await app.script("return document.querySelector('dialog.confirm[open]').textContent;");
  assert.match(said, /Erase the personal data of Dr Layla Haddad ليلى حداد\?/);
  assert.match(said, new RegExp(`badge code ${badge}`), "the badge is kept");
  assert.match(said, new RegExp(`${entriesBefore} history entries with who and when`), said);
  await shot("participant-erase-dialog");
  await click("erase-confirm");
  await app.waitFor(
    async () => (await app.script("return document.querySelector('[data-testid=field-name-en]')?.value;")) === "",
    "the name emptied in the form",
  );
  assert.equal(await app.script("return document.querySelector('[data-testid=field-email]').value;"), "");
  assert.equal(await app.script("return document.querySelector('[data-testid=field-name-ar]').value;"), "");
  assert.match(await (await app.find("participant-badge")).text(), new RegExp(badge), "the badge code stays");
  await app.waitFor(
    async () => (await (await app.find("history")).text()).includes("Erased the personal data of a participant"),
    "the erasure in her history",
  );
  const history = await (await app.find("history")).text();
  assert.doesNotMatch(history, /Layla|ليلى/, "the history keeps no content about her");
  await shot("participant-erased");

  await app.script("history.back();");
  await app.find("participants-view");
  await search("");
  assert.equal(await counted(), total, "the record is kept, so the count is the same");
  await search("layla");
  assert.ok(!(await rowTexts()).some((r) => r.includes("Layla Haddad")), "her name is nowhere in the table");
  await search(badge);
  const rows = await rowTexts();
  assert.equal(rows.length, 1, rows.join(" | "));
  assert.doesNotMatch(rows[0], /Layla|ليلى|awc\.example/, rows[0]);
  assert.match(rows[0], /Checked in/, "her status is kept");
});

test("the table at 1200 and 800 px, in Arabic: both names readable, sideways scrolling shown, no header cut mid-word", async () => {
  await search("");
  const size = await app.cmd("GET", "/window/rect");
  await click("lang-toggle");
  await app.waitFor(async () => (await app.script("return document.documentElement.dir;")) === "rtl", "right to left");
  try {
    for (const width of [1200, 800]) {
      await app.cmd("POST", "/window/rect", { width, height: 800 });
      await app.waitFor(async () => (await app.script("return window.innerWidth;")) <= width, `a window ${width} px wide`);
      await app.waitFor(async () => (await rowTexts()).length >= 5, "rows");
      const table = await app.script(`
        const body = document.querySelector('[data-testid=participant-rows]');
        const cut = (el) => el.scrollWidth > el.clientWidth + 1;
        const heads = [...document.querySelectorAll('[role=columnheader]')].filter((h) => h.textContent.trim());
        const names = [...document.querySelectorAll('[data-testid=participant-name]')];
        const twoLines = names.filter((n) => n.querySelector('.other'));
        return {
          scrolls: body.scrollWidth > body.clientWidth + 1,
          headsCut: heads.filter((h) => cut(h) || [...h.querySelectorAll('button')].some(cut)).map((h) => h.textContent.trim()),
          headWordsSplit: heads.filter((h) => {
            const label = h.querySelector('button') ?? h;
            const lines = Math.round(label.getBoundingClientRect().height / parseFloat(getComputedStyle(label).lineHeight));
            return lines > label.textContent.replace(/[▲▼]/g, '').trim().split(/\s+/).length;
          }).map((h) => h.textContent.trim()),
          twoLines: twoLines.length,
          otherBelow: twoLines.every((n) => {
            const [first, other] = [n.querySelector('.line'), n.querySelector('.other')];
            return other.getBoundingClientRect().top >= first.getBoundingClientRect().bottom - 1;
          }),
          namesCut: twoLines.filter((n) => [...n.querySelectorAll('.line')].some(cut)).length,
        };`);
      await shot(`participants-ar-${width}`);
      assert.deepEqual(table.headsCut, [], `${width} px: no header cut`);
      assert.deepEqual(table.headWordsSplit, [], `${width} px: no header broken inside a word`);
      assert.ok(table.twoLines > 0 && table.otherBelow, `${width} px: the other script on its own line under the name`);
      assert.equal(table.namesCut, 0, `${width} px: both names whole`);
      if (width === 800) {
        assert.ok(table.scrolls, "at 800 px the table scrolls sideways");
        // Scrolling sideways brings the badge code into view, and the header follows the rows.
        const seen = await app.script(`
          const body = document.querySelector('[data-testid=participant-rows]');
          body.scrollLeft = -body.scrollWidth; body.dispatchEvent(new Event('scroll'));
          const code = body.querySelector('.registered').getBoundingClientRect();
          const head = [...document.querySelectorAll('[role=columnheader]')].at(-1).getBoundingClientRect();
          const box = body.getBoundingClientRect();
          return { inside: code.left >= box.left - 1 && code.right <= box.right + 1, aligned: Math.abs(head.left - code.left) < 20 };`);
        assert.deepEqual(seen, { inside: true, aligned: true }, "the badge code column scrolled into view, under its header");
      }
    }
  } finally {
    await app.cmd("POST", "/window/rect", { width: size.width, height: size.height });
    await click("lang-toggle");
    await app.waitFor(async () => (await app.script("return document.documentElement.lang;")) === "en", "back to English");
  }
});

test("the participants table in Arabic, mirrored", async () => {
  await search("");
  await click("lang-toggle");
  await app.waitFor(async () => (await app.script("return document.documentElement.dir;")) === "rtl", "right to left");
  await app.waitFor(
    async () => (await app.script("return document.querySelector('[data-testid=participants-view] h1')?.textContent ?? '';")) === "المشاركون",
    "Arabic text",
  );
  await app.waitFor(async () => (await rowTexts()).length >= 10, "rows");
  const box = await app.script(
    "const r = document.querySelector('[data-testid=participant-name]').getBoundingClientRect();" +
      "return { left: r.left, right: r.right, width: document.documentElement.clientWidth };",
  );
  assert.ok(box.width - box.right < box.left, `the name column should be on the right: ${JSON.stringify(box)}`);
  const firstNames = await app.script(
    "return [...document.querySelectorAll('[data-testid=participant-name]')].filter((c) => c.querySelectorAll('bdi[lang]').length === 2)" +
      ".map((c) => c.querySelector('bdi[lang]').lang);",
  );
  assert.ok(firstNames.length > 0, "rows with names in both scripts");
  assert.deepEqual([...new Set(firstNames)], ["ar"], "the Arabic name first in the Arabic interface");
  await shot("arabic-participants");
  await click("lang-toggle");
  assert.deepEqual(await app.cspViolations(), [], "no CSP violations");
});
