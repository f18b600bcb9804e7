// End-to-end: the programme of the demo forum in the real app window (WebKitGTK through
// tauri-driver, under Xvfb), on its own fresh database: drag a session with the mouse onto a
// busy room and see the conflict in the panel and on the grid, drag a session's bottom edge to
// change its length, move a session with the keyboard onto a busy room, drag one, edit a title
// in the side panel, release the programme and see what changed. Screenshots in English and
// Arabic go to target/e2e/.
//
// The tests share one app and database and run in order; a test that changes the programme
// only for its own sake (the mouse drag onto a busy room, the resize) puts it back as it was,
// so that the later tests find the demo's times and rooms.
//
// Ports: this file takes 4480 (tauri-driver) and 4481 (WebKitWebDriver).

import { after, afterEach, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Driver } from "./webdriver.mjs";

const PORT = 4480;
const NATIVE_PORT = 4481;

const root = resolve(import.meta.dirname, "..");
const application = process.env.MUNTADA_APP ?? resolve(root, process.env.CARGO_TARGET_DIR ?? "target", "debug/muntada-desktop");
const shots = join(root, "target/e2e");
const dataDir = mkdtempSync(join(tmpdir(), "muntada-e2e-programme-"));
// MUNTADA_EXPORT_DIR stands in for the native save dialog, which WebDriver cannot drive.
const exportDir = join(dataDir, "exports");
let app;

const WORKSHOP = "Workshop: Countering the Financing of Terrorism";
const SIDE_EVENT = "Side Event: Civil Society and Community Resilience";

before(async () => {
  mkdirSync(shots, { recursive: true });
  mkdirSync(exportDir, { recursive: true });
  const env = { MUNTADA_DB: join(dataDir, "muntada.db"), MUNTADA_EXPORT_DIR: exportDir };
  app = await Driver.start({ application, port: PORT, nativePort: NATIVE_PORT, env });
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
  if (app && t.passed === false) await shot(`failed-programme-${t.name.replace(/\W+/g, "-")}`).catch(() => {});
});

const shot = (name) => app.shot(shots, name);

const click = (testId) => app.tap(testId);

const fill = (testId, text) => app.fill(testId, text);

/** What the grid says of the session whose title contains `title` (null when not on the grid). */
function gridSession(title) {
  return app.script(
    "const s = [...document.querySelectorAll('[data-testid=grid-session]')].find((e) => e.textContent.includes(arguments[0]));" +
      "return s ? { id: s.dataset.sessionId, start: s.dataset.start, end: s.dataset.end, conflict: s.dataset.conflict," +
      " room: s.closest('[data-room-column]').dataset.roomColumn } : null;",
    title,
  );
}

function roomIds() {
  return app.script("return [...document.querySelectorAll('[data-room-column]')].map((c) => c.dataset.roomColumn);");
}

/** Focuses the session's block and presses a key (a WebDriver key code) through the Actions API. */
async function press(title, key) {
  const focused = await app.script(
    "const s = [...document.querySelectorAll('[data-testid=grid-session]')].find((e) => e.textContent.includes(arguments[0]));" +
      "const b = s.querySelector('button'); b.focus(); return document.activeElement === b;",
    title,
  );
  assert.ok(focused, `${title} has the focus`);
  await app.cmd("POST", "/actions", {
    actions: [{ type: "key", id: "keyboard", actions: [{ type: "keyDown", value: key }, { type: "keyUp", value: key }] }],
  });
  await app.cmd("DELETE", "/actions");
}

/** Presses the mouse on `element`, moves it through `moves` (W3C pointer moves, 100 ms each unless said), releases it. */
const drag = (element, moves) => app.drag(element, moves.map((move) => ({ duration: 100, ...move })));

const ARROW_DOWN = "\uE015";
const ARROW_RIGHT = "\uE014";

test("open the demo forum's programme from the event page", async () => {
  await click("open-demo");
  await app.find("event-overview");
  await click("open-programme");
  await app.find("programme-view");
  await app.waitFor(async () => (await app.findAll("grid-session")).length > 5, "the first day's sessions");
  assert.equal((await app.findAll("room-head")).length, 3, "one column per room");
  assert.equal((await app.findAll("day-tab")).length, 2, "one tab per day");
  assert.deepEqual(await gridSession(WORKSHOP).then((s) => [s.start, s.end]), ["13:45", "15:15"], "local times of Doha");
});

const PANEL_2 = "Panel 2: Protecting Vulnerable Targets and Major Events";
const STATEMENTS = "Statements by Member States and Partners";

/**
 * A part (the draggable button, or the bottom edge) of the session titled `title` on the grid,
 * scrolled to the middle of the window: a pointer cannot be moved to an element out of sight.
 */
function gridPart(title, part) {
  return app.script(
    "const p = [...document.querySelectorAll('[data-testid=grid-session]')].find((e) => e.textContent.includes(arguments[0]))" +
      ".querySelector(arguments[1]); p.scrollIntoView({ block: 'center', inline: 'center' }); return p;",
    title,
    part,
  );
}

/** The texts of the room double bookings the Conflicts panel lists that name `title`. */
function roomClashesOf(title) {
  return app.script(
    "return [...document.querySelectorAll('[data-testid=conflict][data-kind=room_double_booked]')]" +
      ".map((c) => c.textContent).filter((text) => text.includes(arguments[0]));",
    title,
  );
}

/** Horizontal distance in pixels from one room's column to another's. */
function columnDistance(fromRoom, toRoom) {
  return app.script(
    "const x = (id) => document.querySelector(`[data-room-column='${id}']`).getBoundingClientRect().left;" +
      "return Math.round(x(arguments[1]) - x(arguments[0]));",
    fromRoom,
    toRoom,
  );
}

test("drag a session with the mouse onto a busy room and see the conflict in the panel and on the grid", async () => {
  const panel = await gridSession(PANEL_2);
  const side = await gridSession(SIDE_EVENT);
  assert.deepEqual([panel.start, panel.end, side.start, side.end], ["15:30", "17:00", "15:30", "16:45"], "the demo's times");
  assert.notEqual(panel.room, side.room, "in two rooms");
  assert.equal(side.conflict, "false", "the side event has no conflict yet");
  assert.deepEqual(await roomClashesOf(PANEL_2), [], "no room clash yet");
  const dx = await columnDistance(panel.room, side.room);

  // Sideways only, in two moves: the same time, the side event's room.
  const button = await gridPart(PANEL_2, "button");
  await drag(button, [
    { origin: "pointer", x: Math.round(dx / 2), y: 0 },
    { origin: "pointer", x: dx - Math.round(dx / 2), y: 0 },
  ]);
  await app.waitFor(async () => (await gridSession(PANEL_2))?.room === side.room, "the panel in the side event's room");
  const moved = await gridSession(PANEL_2);
  assert.deepEqual([moved.start, moved.end], ["15:30", "17:00"], "a sideways drag keeps the time");
  await app.waitFor(async () => (await roomClashesOf(PANEL_2)).length === 1, "the room clash in the Conflicts panel");
  const [clash] = await roomClashesOf(PANEL_2);
  assert.match(clash, /Two sessions in one room at the same time/);
  assert.ok(clash.includes(SIDE_EVENT), "the clash names the other session too");
  await app.waitFor(async () => (await gridSession(PANEL_2)).conflict === "true", "the grid marks the panel");
  assert.equal((await gridSession(SIDE_EVENT)).conflict, "true", "and the side event");
  await shot("programme-drag-clash");

  // Back where it was: the clash goes, and the later tests find the demo's rooms.
  await drag(await gridPart(PANEL_2, "button"), [{ origin: "pointer", x: -dx, y: 0 }]);
  await app.waitFor(async () => (await gridSession(PANEL_2))?.room === panel.room, "the panel back in its room");
  await app.waitFor(async () => (await roomClashesOf(PANEL_2)).length === 0, "the clash gone from the panel");
  await app.waitFor(async () => (await gridSession(SIDE_EVENT)).conflict === "false", "and from the grid");
  const back = await gridSession(PANEL_2);
  assert.deepEqual([back.start, back.end], ["15:30", "17:00"]);
});

test("drag a session's bottom edge to shorten it, then to lengthen it again", async () => {
  const before = await gridSession(STATEMENTS);
  assert.deepEqual([before.start, before.end], ["11:00", "12:30"], "the demo's times");
  // At the 15-minute step a minute is 1.6 px: half an hour is 48 px.
  await drag(await gridPart(STATEMENTS, "[data-testid=grid-session-resize]"), [
    { origin: "pointer", x: 0, y: -24 },
    { origin: "pointer", x: 0, y: -24 },
  ]);
  await app.waitFor(async () => (await gridSession(STATEMENTS))?.end === "12:00", "the statements end at 12:00");
  const shorter = await gridSession(STATEMENTS);
  assert.deepEqual([shorter.start, shorter.room], ["11:00", before.room], "the start and room stay");

  await drag(await gridPart(STATEMENTS, "[data-testid=grid-session-resize]"), [{ origin: "pointer", x: 0, y: 48 }]);
  await app.waitFor(async () => (await gridSession(STATEMENTS))?.end === "12:30", "the statements end at 12:30 again");
  assert.equal((await gridSession(STATEMENTS)).start, "11:00");
});

test("move a session with the keyboard onto a busy room and see the conflict in the panel", async () => {
  const before = await gridSession(WORKSHOP);
  const rooms = await roomIds();
  const next = rooms[rooms.indexOf(before.room) + 1];
  assert.ok(next, "a room to the right of the workshop's");
  const conflictsBefore = (await app.findAll("conflict")).length;
  await press(WORKSHOP, ARROW_RIGHT);
  await app.waitFor(async () => (await gridSession(WORKSHOP))?.room === next, "the workshop in the next room");
  await app.waitFor(async () => (await app.findAll("conflict")).length > conflictsBefore, "a new conflict");
  const clash = await app.script(
    "return [...document.querySelectorAll('[data-testid=conflict][data-kind=room_double_booked]')]" +
      ".map((c) => c.textContent).find((text) => text.includes(arguments[0]));",
    WORKSHOP,
  );
  assert.ok(clash, "the panel names the workshop in a room double booking");
  assert.match(clash, /Two sessions in one room at the same time/);
  assert.equal((await gridSession(WORKSHOP)).conflict, "true", "the grid marks it");
  await shot("programme");
});

test("allow parallel sessions in that room in the Rooms dialog, and the clash is gone", async () => {
  const clashes = () =>
    app.script(
      "return [...document.querySelectorAll('[data-testid=conflict][data-kind=room_double_booked]')]" +
        ".filter((c) => c.textContent.includes(arguments[0])).length;",
      WORKSHOP,
    );
  assert.ok((await clashes()) > 0, "the workshop clashes");
  const room = (await gridSession(WORKSHOP)).room;
  await click("open-rooms");
  await app.find("rooms-dialog");
  await app.script("document.querySelector(`[data-room-id='${arguments[0]}'] [data-testid=room-edit]`).click();", room);
  await app.waitFor(async () => (await app.script("return document.querySelector('[data-testid=room-name-en]').value;")) !== "", "the room in the form");
  await click("room-parallel");
  await shot("programme-rooms");
  await click("room-save");
  await app.waitFor(async () => (await clashes()) === 0, "no room clash for the workshop");
  const row = await app.script("return document.querySelector(`[data-testid=room-row][data-room-id='${arguments[0]}']`).textContent;", room);
  assert.match(row, /Parallel/);
  await click("rooms-close");
  await app.waitFor(async () => (await app.findAll("rooms-dialog")).length === 0, "the dialog closed");
});

test("add two rooms one after the other, delete one, and a room in use is refused with its sessions", async () => {
  const names = () => app.script("return [...document.querySelectorAll('[data-testid=room-row] .name')].map((n) => n.textContent);");
  const heading = () => app.script("return document.querySelector('[data-testid=room-form] h3').textContent;");
  const nameField = () => app.script("return document.querySelector('[data-testid=room-name-en]').value;");
  const busyRoom = (await gridSession(WORKSHOP)).room;
  await click("open-rooms");
  await app.find("rooms-dialog");
  const before = await names();
  assert.equal(await heading(), "New room");

  await fill("room-name-en", "Main Hall");
  await click("room-save");
  await app.waitFor(async () => (await names()).includes("Main Hall"), "Main Hall listed");
  // After a save the form is for a new room again: editing is chosen from the list.
  assert.equal(await heading(), "New room", "a new room after the save");
  assert.equal(await nameField(), "", "an empty form");
  await fill("room-name-en", "Petra Room");
  await fill("room-capacity", "60");
  await click("room-save");
  await app.waitFor(async () => (await names()).includes("Petra Room"), "Petra Room listed");
  assert.deepEqual((await names()).filter((n) => !before.includes(n)).sort(), ["Main Hall", "Petra Room"], "both rooms kept");
  assert.equal(await heading(), "New room");

  // Delete Petra Room, after a confirmation.
  const roomNamed = (name) =>
    app.script(
      "return [...document.querySelectorAll('[data-testid=room-row]')].find((r) => r.querySelector('.name').textContent === arguments[0]).dataset.roomId;",
      name,
    );
  const askToDelete = (id) => app.script("document.querySelector(`[data-room-id='${arguments[0]}'] [data-testid=room-delete]`).click();", id);
  await askToDelete(await roomNamed("Petra Room"));
  await app.waitFor(async () => app.script("return [...document.querySelectorAll('dialog.confirm')].some((d) => d.open);"), "the confirmation");
  await shot("programme-room-delete");
  await click("room-delete-go");
  await app.waitFor(async () => !(await names()).includes("Petra Room"), "Petra Room gone");
  assert.ok((await names()).includes("Main Hall"), "Main Hall stays");

  // The workshop's room has sessions: refused, saying how many.
  await askToDelete(busyRoom);
  await click("room-delete-go");
  const error = await (await app.find("room-delete-error")).text();
  assert.match(error, /\b[1-9]\d* sessions?\b/, error);
  assert.ok(await app.script("return !!document.querySelector(`[data-room-id='${arguments[0]}']`);", busyRoom), "the room stays");

  // Main Hall goes too, so that the later tests find the demo's rooms.
  await askToDelete(await roomNamed("Main Hall"));
  await click("room-delete-go");
  await app.waitFor(async () => !(await names()).includes("Main Hall"), "Main Hall gone");
  assert.deepEqual(await names(), before);
  await click("rooms-close");
  await app.waitFor(async () => (await app.findAll("rooms-dialog")).length === 0, "the dialog closed");
});

test("drag a session half an hour earlier", async () => {
  const before = await gridSession(SIDE_EVENT);
  assert.equal(before.start, "15:30");
  // In sight whatever the tests before scrolled to.
  const button = await gridPart(SIDE_EVENT, "button");
  // At the 15-minute step a minute is 1.6 px: half an hour is 48 px up.
  await drag(button, [
    { origin: "pointer", x: 0, y: -24 },
    { origin: "pointer", x: 0, y: -24 },
  ]);
  await app.waitFor(async () => (await gridSession(SIDE_EVENT))?.start === "15:00", "the side event at 15:00");
  assert.equal((await gridSession(SIDE_EVENT)).end, "16:15", "its length is kept");
});

test("edit a session's title in the side panel", async () => {
  await press(SIDE_EVENT, "\uE007"); // Enter
  await app.find("session-panel");
  await fill("session-title-en", "Civil Society and Resilience");
  await shot("programme-panel");
  // Scrolled down to Save, as a person reaching it would: the panel's buttons at the window's
  // bottom edge, where the toast saying the session is saved appears; it leaves them in sight.
  await app.script("document.querySelector('[data-testid=save-session]').scrollIntoView({ block: 'end' });");
  await app.tap("save-session");
  await app.waitFor(async () => (await gridSession("Civil Society and Resilience")) !== null, "the new title on the grid");
  await app.find("toast");
  assert.deepEqual(await app.coveredByToasts(["save-session"]), [], "no button under the toast");
  await click("close-panel");
});

test("create a session without a room, then drag it from the side list onto a room", async () => {
  await click("new-session");
  await app.find("session-panel");
  await fill("session-title-en", "Press briefing");
  // A new session starts in a room's first free hour; this one is to have none.
  await (await app.find("session-room")).setValue("");
  await click("save-session");
  await app.waitFor(async () => (await app.findAll("unscheduled-item")).length === 1, "the new session in the side list");
  await click("close-panel");
  const [item] = await app.findAll("unscheduled-item");
  const column = await app.script("return document.querySelectorAll('[data-room-column]')[2];");
  const target = await app.script("return arguments[0].dataset.roomColumn;", column);
  await drag(item.reference, [{ origin: column, x: 0, y: 0, duration: 200 }]);
  await app.waitFor(async () => (await gridSession("Press briefing"))?.room === target, "the session in the third room");
  assert.equal((await app.findAll("unscheduled-item")).length, 0, "the side list is empty again");
});

test("release the programme, move a session, see the change; release again and see the diff", async () => {
  await fill("release-name", "v1");
  await click("create-release");
  await app.waitFor(async () => (await app.findAll("release")).length === 1, "release v1 listed");
  await app.find("draft-changes-none");

  const before = await gridSession("Civil Society and Resilience");
  await press("Civil Society and Resilience", ARROW_DOWN);
  await app.waitFor(async () => (await gridSession("Civil Society and Resilience"))?.start !== before.start, "moved a step");
  await app.waitFor(async () => (await app.findAll("change-moved")).length === 1, "the draft lists the move");
  assert.match(await (await app.find("change-moved")).text(), /Civil Society and Resilience/);

  await fill("release-name", "v2");
  await click("create-release");
  await app.waitFor(async () => (await app.findAll("release")).length === 2, "release v2 listed");
  const changes = await app.find("release-changes");
  assert.match(await changes.text(), /moved/i);
  assert.match(await changes.text(), /Civil Society and Resilience/);
});

test("export the programme PDF of release v2, the iCal file and the schedule XML", async () => {
  const version = await app.find("export-version");
  await app.script(
    "arguments[0].value = 'v2'; arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
    version.reference,
  );
  await click("export-pdf");
  const pdf = join(exportDir, "programme-en.pdf");
  await app.waitFor(async () => existsSync(pdf), "the programme PDF", 60_000);
  await app.waitFor(async () => (await (await app.find("export-pdf")).text()).includes("Programme"), "the export done");
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  assert.match(text, /Release v2/, "the release, not the draft");
  assert.match(text.replace(/\s+/g, " "), /Civil Society and Resilience/, "a session's title");

  await click("export-ical");
  const ics = join(exportDir, "programme.ics");
  await app.waitFor(async () => existsSync(ics), "the iCal file", 30_000);
  const calendar = readFileSync(ics, "utf8");
  assert.match(calendar, /^BEGIN:VCALENDAR\r\n/);
  const events = calendar.split("\r\n").filter((line) => line === "BEGIN:VEVENT").length;
  assert.ok(events > 5, `one VEVENT per session (${events})`);
  assert.match(calendar, /SUMMARY:Civil Society and Resilience/);

  // The schedule XML as conference apps read it: c3voc's XSD accepts it (xmllint, libxml2).
  await app.waitFor(async () => (await app.script("return document.querySelector('[data-testid=export-xml]').disabled;")) === false, "exports free again");
  await click("export-xml");
  const xml = join(exportDir, "schedule.xml");
  await app.waitFor(async () => existsSync(xml), "the schedule XML", 30_000);
  const xsd = join(root, "tests/fixtures/voc-schedule/schedule.xml.xsd");
  const said = execFileSync("xmllint", ["--noout", "--schema", xsd, xml], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  assert.equal(said, "", "xmllint exits 0 and prints the verdict on stderr");
  const schedule = readFileSync(xml, "utf8");
  assert.match(schedule, /<version>v2<\/version>/, "the release, not the draft");
  assert.match(schedule, /<title>Civil Society and Resilience<\/title>/);
});

test("make a registered participant a speaker without retyping, then find them in the list", async () => {
  await click("open-speakers");
  await app.find("speakers-view");
  const before = (await app.findAll("speaker-row")).length;
  await click("add-speaker");
  await fill("candidate-query", "Ahmed Fathy");
  await click("candidate-search");
  await app.waitFor(async () => (await app.findAll("candidate")).length === 1, "one candidate");
  await click("candidate-add");
  await app.waitFor(async () => (await app.findAll("speaker-row")).length === before + 1, "one more speaker");
  assert.match(await (await app.find("profile-name")).text(), /Ahmed Fathy El-Sayed/);
  assert.match(await (await app.find("profile-organisation")).text(), /Ministry of Foreign Affairs, Arab Republic of Egypt/);
  await fill("speaker-search", "Egypt");
  await app.waitFor(async () => (await app.findAll("speaker-row")).length === 1, "the search finds them");
  await click("crumb-programme");
  await app.find("programme-view");
  await app.waitFor(async () => (await app.findAll("grid-session")).length > 5, "back on the timetable");
});

test("sign a participant up for the workshop in its side panel, then remove them after confirming", async () => {
  await app.waitFor(async () => (await gridSession(WORKSHOP)) !== null, "the workshop on the grid");
  await press(WORKSHOP, "\uE007"); // Enter
  await app.find("signups");
  await app.find("signups-empty");
  await fill("signup-query", "Ahmed Fathy");
  await click("signup-search");
  await app.waitFor(async () => (await app.findAll("signup-candidate")).length === 1, "one participant found");
  await click("signup-add");
  await app.waitFor(async () => (await app.findAll("signup")).length === 1, "signed up");
  assert.match(await (await app.find("signup")).text(), /Ahmed Fathy/);
  assert.match(await (await app.find("signups-count")).text(), /\(1 signed up\)/);
  await shot("programme-signups");
  await click("signup-remove");
  await click("confirm-signup-remove");
  await app.waitFor(async () => (await app.findAll("signup")).length === 0, "the sign-up removed");
  await app.find("signups-empty");
  await click("close-panel");
});

/** How many conflicts of `kind` the panel lists. */
function conflictsOf(kind) {
  return app.script("return document.querySelectorAll(`[data-testid=conflict][data-kind=${arguments[0]}]`).length;", kind);
}

test("a travel buffer between rooms, and a speaker's stated time, each bring their conflicts", async () => {
  assert.equal(await conflictsOf("too_little_travel_time"), 0);
  const minutes = await app.find("travel-buffer-minutes");
  await app.cmd("POST", `/element/${minutes.id}/clear`, {});
  await fill("travel-buffer-minutes", "1440");
  await click("travel-buffer-save");
  await app.waitFor(async () => (await conflictsOf("too_little_travel_time")) > 0, "travel-time conflicts");

  assert.equal(await conflictsOf("outside_availability"), 0);
  await click("open-speakers");
  await app.find("speakers-view");
  await app.waitFor(async () => (await app.findAll("speaker-row")).length > 0, "the speakers");
  await app.script("document.querySelector('[data-testid=speaker-row]').click();");
  await app.waitFor(async () => (await app.findAll("profile-session")).length > 0, "a speaker with sessions");
  await app.find("availability-none");
  await click("availability-add");
  await app.waitFor(async () => (await app.findAll("availability-window")).length === 1, "the stated time listed");
  assert.match(await (await app.find("availability-window")).text(), /09:00–17:00/);
  await shot("speaker-availability");
  await click("crumb-programme");
  await app.find("programme-view");
  await app.waitFor(async () => (await conflictsOf("outside_availability")) > 0, "sessions outside the stated time");
});

test("the timetable in English and in Arabic, its columns mirrored", async () => {
  const xOfColumns = () =>
    app.script("return [...document.querySelectorAll('[data-room-column]')].map((c) => c.getBoundingClientRect().left);");
  const ltr = await xOfColumns();
  assert.ok(ltr[0] < ltr[1], "in English the rooms run left to right");
  await app.script("document.querySelector('[data-testid=timetable-grid]').scrollIntoView();");
  await shot("programme-en");

  await click("lang-toggle");
  await app.waitFor(async () => (await app.script("return document.documentElement.dir;")) === "rtl", "right to left");
  await app.waitFor(async () => (await (await app.find("programme-view")).text()).includes("البرنامج"), "Arabic text");
  const rtl = await xOfColumns();
  assert.ok(rtl[0] > rtl[1], "in Arabic the rooms run right to left");

  // Seats in Arabic take the form of their number: 70 "مقعدًا" (11–99), 3 "مقاعد" (3–10). A room
  // of 3 seats is added beside the demo's room of 70 for the screenshots, and removed after.
  const plain = (text) => text.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u200e\u200f\u061c]/g, "");
  const heads = async () =>
    (await app.script("return [...document.querySelectorAll('[data-testid=room-head] .capacity')].map((c) => c.textContent);")).map(plain);
  await click("open-rooms");
  await app.find("rooms-dialog");
  await fill("room-name-en", "Petra Room");
  await fill("room-name-ar", "قاعة البتراء");
  await fill("room-capacity", "3");
  await click("room-save");
  // Each room's name and its facts (seats first), as listed.
  const rows = async () =>
    (
      await app.script(
        "return [...document.querySelectorAll('[data-testid=room-row]')].map((r) => [r.querySelector('.name').textContent, r.querySelector('.facts').textContent.split('·')[0].trim()]);",
      )
    ).map(([name, seats]) => [name, plain(seats)]);
  const PETRA = "قاعة البتراء";
  await app.waitFor(async () => (await rows()).some(([name]) => name === PETRA), "the room of 3 seats listed");
  assert.deepEqual((await rows()).find(([name]) => name === PETRA), [PETRA, "3 مقاعد"], "3 seats in the rooms list");
  assert.ok((await rows()).some(([, seats]) => seats === "70 مقعدًا"), `70 seats in the rooms list: ${await rows()}`);
  await shot("programme-rooms-ar");
  await click("rooms-close");
  await app.waitFor(async () => (await app.findAll("rooms-dialog")).length === 0, "the dialog closed");
  await app.waitFor(async () => (await heads()).includes("3 مقاعد"), "3 seats over the grid");
  assert.ok((await heads()).includes("70 مقعدًا"), `70 seats over the grid: ${await heads()}`);
  await app.script("document.querySelector('[data-testid=timetable-grid]').scrollIntoView();");
  await shot("programme-ar");

  await click("open-rooms");
  await app.find("rooms-dialog");
  const petra = await app.script(
    "return [...document.querySelectorAll('[data-testid=room-row]')].find((r) => r.querySelector('.name').textContent === arguments[0]).dataset.roomId;",
    PETRA,
  );
  await app.script("document.querySelector(`[data-room-id='${arguments[0]}'] [data-testid=room-delete]`).click();", petra);
  await click("room-delete-go");
  await app.waitFor(async () => !(await rows()).some(([name]) => name === PETRA), "the room of 3 seats gone");
  await click("rooms-close");
  await app.waitFor(async () => (await app.findAll("rooms-dialog")).length === 0, "the dialog closed");

  await click("lang-toggle");
  await app.waitFor(async () => (await app.script("return document.documentElement.lang;")) === "en", "back to English");
  assert.deepEqual(await app.cspViolations(), [], "no CSP violations");
});

test("a session the adopted outcome document cites is not deleted, and the panel's toast says why", async () => {
  // The CLI, as a second desk, cites the press briefing in a section and adopts the document.
  const { id: session } = await gridSession("Press briefing");
  const event = await app.script("return location.hash.split('/')[2];");
  const cli = (...args) => execFileSync(join(dirname(application), "muntada"), ["--db", join(dataDir, "muntada.db"), ...args]);
  cli("outcome", "section", "add", "--event", event, "--kind", "free", "--title", "From the press briefing", "--session", session);
  cli("outcome", "adopt", "--event", event);

  await press("Press briefing", "\uE007"); // Enter
  await app.find("session-panel");
  await click("delete-session");
  await click("confirm-delete-session");
  await app.waitFor(async () => {
    const texts = await Promise.all((await app.findAll("toast")).map((toast) => toast.text()));
    return texts.some((text) => text.includes("The adopted outcome document cites this session"));
  }, "the toast saying why");
  await shot("programme-session-cited");
  assert.notEqual(await gridSession("Press briefing"), null, "the session is still on the grid");
  await click("close-panel");
});

const ENTER = "\uE007";
const ESCAPE = "\uE00C";
const TAB = "\uE004";

test("New session puts the keyboard on its Title, Save keeps it in the panel, Escape closes it and returns to the button", async () => {
  await app.script("document.querySelector('[data-testid=new-session]').focus();");
  await app.keys(ENTER);
  await app.find("session-panel");
  await app.waitFor(async () => (await app.focused()) === "session-title-en", "the focus on the English title");
  await app.keys("Keyboard check");
  await app.keys(TAB);
  assert.equal(await app.focused(), "session-title-ar", "Tab goes on to the Arabic title, not through the page");
  await app.keys(ENTER); // submits the form
  await app.find("delete-session");
  const focus = await app.script(
    "const a = document.activeElement; return { panel: !!a.closest('[data-testid=session-panel]'), id: a.dataset.testid ?? '' };",
  );
  assert.ok(focus.panel, `after Save the focus stays in the panel, not on the page: ${JSON.stringify(focus)}`);
  await app.keys(ESCAPE);
  await app.waitFor(async () => (await app.findAll("session-panel")).length === 0, "Escape closes the panel");
  assert.equal(await app.focused(), "new-session", "the focus is back on New session");
});

test("a dialog takes the keyboard, keeps Tab inside and gives it back on Escape", async () => {
  await press(WORKSHOP, "m");
  await app.find("move-dialog");
  await app.waitFor(async () => (await app.focused()) === "move-day", "the focus on the first field");
  for (let i = 0; i < 8; i += 1) await app.keys(TAB);
  assert.ok(
    await app.script("return !!document.activeElement.closest('[data-testid=move-dialog]');"),
    "eight Tabs later the focus is still in the dialog",
  );
  await app.keys(ESCAPE);
  await app.waitFor(async () => (await app.findAll("move-dialog")).length === 0, "Escape closes the dialog");
  const back = await app.script(
    "return document.activeElement.closest('[data-testid=grid-session]')?.textContent.includes(arguments[0]) ?? false;",
    WORKSHOP,
  );
  assert.ok(back, "the focus is back on the session that opened it");
});

test("in Arabic, times and dates are left-to-right islands: 11:30 is not 30:11, 4 December 2026 is 04/12/2026", async () => {
  const { id } = await gridSession(WORKSHOP);
  await click("lang-toggle");
  await app.waitFor(async () => (await app.script("return document.documentElement.dir;")) === "rtl", "right to left");
  await app.script("document.querySelector(`[data-session-id=\"${arguments[0]}\"] button`).focus();", id);
  await app.keys(ENTER);
  await app.find("session-panel");
  await fill("session-start", "11:30");
  const start = await app.script(
    "const el = document.querySelector('[data-testid=session-start]');" +
      "return { value: el.value, direction: getComputedStyle(el).direction, page: getComputedStyle(el.closest('form')).direction };",
  );
  assert.deepEqual(start, { value: "11:30", direction: "ltr", page: "rtl" }, "the time field is an LTR island in an RTL form");
  await shot("programme-panel-ar");
  await app.keys(ESCAPE);
  await app.waitFor(async () => (await app.findAll("session-panel")).length === 0, "the panel closed without saving");

  await click("crumb-event");
  await app.find("next-edition");
  await click("next-edition");
  await app.find("edition-dialog");
  await fill("edition-start", "4/12/2026");
  await app.keys(TAB); // leaving the field writes it in the app's order
  const date = await app.script(
    "const el = document.querySelector('[data-testid=edition-start]'); return { value: el.value, direction: getComputedStyle(el).direction };",
  );
  assert.deepEqual(date, { value: "04/12/2026", direction: "ltr" });
  await shot("edition-dialog-ar");
  await app.keys(ESCAPE);
  await app.waitFor(async () => (await app.findAll("edition-dialog")).length === 0, "the dialog closed");
  await click("lang-toggle");
  await app.waitFor(async () => (await app.script("return document.documentElement.lang;")) === "en", "back to English");
});
