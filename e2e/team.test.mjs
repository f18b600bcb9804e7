// End-to-end: team mode in the real window (issue 16). A throwaway PostgreSQL cluster
// (tests/pg-cluster.sh) holds a team database made from the demo forum with `muntada team
// init --from`; a Secret Service (gnome-keyring, unlocked, in this run's private D-Bus session)
// keeps the password. The window connects through About → Your data → Connect to a team
// database…, its header then says "Team: …"; a check-in made through the CLI changes the desk's
// count without a reload, and a pledge committed through the CLI the pledge totals; a dropped
// connection shows "Reconnecting…" and keeps what was typed;
// with the server stopped the check-in desk goes on from its copy, says so, and sends what it
// queued when the server is back (issue 17);
// a registration login sees no pledge editing; one click goes back to "This computer".
// Screenshots of the dialog and the header, in English and Arabic, go to target/e2e/.
//
// Ports: this file takes 4530 (tauri-driver) and 4531 (WebKitWebDriver).

import { after, afterEach, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Driver } from "./webdriver.mjs";

const PORT = 4530;
const NATIVE_PORT = 4531;
const SUPERUSER_PASSWORD = "muntada-test";
const DESK_PASSWORD = "desk-one-pw";

const root = resolve(import.meta.dirname, "..");
const application =
  process.env.MUNTADA_APP ?? resolve(root, process.env.CARGO_TARGET_DIR ?? "target", "debug/muntada-desktop");
const cli = join(dirname(application), "muntada");
const shots = join(root, "target/e2e");
const dataDir = mkdtempSync(join(tmpdir(), "muntada-e2e-team-"));
const db = join(dataDir, "muntada.db");
const keyringHome = mkdtempSync(join(tmpdir(), "muntada-e2e-keyring-"));

let app;
let cluster;
let keyring;
let team;
let eventId;

/** The CLI on the team database as the superuser (the password from PGPASSWORD, never an argument). */
function muntada(args, { input, password = SUPERUSER_PASSWORD } = {}) {
  return execFileSync(cli, args, { encoding: "utf8", input, env: { ...process.env, PGPASSWORD: password } });
}

before(async () => {
  mkdirSync(shots, { recursive: true });
  const [dir, url] = execFileSync(join(root, "tests/pg-cluster.sh"), ["start"], { encoding: "utf8" }).trim().split("\n");
  const port = Number(new URL(url).port);
  cluster = { dir, port };
  execFileSync("psql", [url, "-qc", "CREATE DATABASE forum"], { env: { ...process.env, PGPASSWORD: SUPERUSER_PASSWORD } });
  team = `postgres://muntada@127.0.0.1:${port}/forum`;
  const demo = join(dataDir, "demo.db");
  eventId = muntada(["--db", demo, "demo"]).trim().split(/\s+/).pop();
  muntada(["team", "init", team, "--from", demo]);

  // The desktop's keyring: gnome-keyring's Secret Service on this run's session bus, with a login
  // keyring of its own, created unlocked as at a desktop login (the default collection, where the
  // app keeps the password). Its own password must not be empty: with none, gnome-keyring
  // creates no login keyring.
  keyring = spawn("gnome-keyring-daemon", ["--foreground", "--unlock", "--components=secrets"], {
    env: { ...process.env, XDG_DATA_HOME: keyringHome, XDG_RUNTIME_DIR: keyringHome },
    stdio: ["pipe", "ignore", "inherit"],
  });
  keyring.stdin.end("muntada-e2e-keyring");
  await sleep(1000);
  assert.equal(keyring.exitCode, null, "gnome-keyring-daemon is running");

  app = await Driver.start({ application, port: PORT, nativePort: NATIVE_PORT, env: { MUNTADA_DB: db } });
  await app.find("welcome");
  await english();
});

after(async () => {
  await app?.stop();
  if (keyring && keyring.exitCode === null) {
    keyring.kill("SIGTERM");
    await new Promise((done) => keyring.once("exit", done));
  }
  if (cluster) execFileSync(join(root, "tests/pg-cluster.sh"), ["stop", cluster.dir]);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(keyringHome, { recursive: true, force: true });
});

afterEach(async (t) => {
  if (app && t.passed === false) await app.shot(shots, `failed-team-${t.name.replace(/\W+/g, "-")}`).catch(() => {});
});

const lang = () => app.script("return document.documentElement.lang;");

async function english() {
  if ((await lang()) !== "en") await app.tap("lang-toggle");
  await app.waitFor(async () => (await lang()) === "en", "English");
}

async function arabic() {
  if ((await lang()) !== "ar") await app.tap("lang-toggle");
  await app.waitFor(async () => (await lang()) === "ar", "Arabic");
}

const headerText = async () => (await (await app.find("data-location")).text()).trim();

async function waitForHeader(expected) {
  await app.waitFor(async () => (await headerText()) === expected, `the header to say ${expected}`);
}

/** About → Your data → Connect to a team database…, filled for `user`. */
async function openDialog(user, password) {
  await app.tap("nav-about");
  await app.tap("team-connect");
  await app.find("team-dialog");
  await app.fill("team-host", "127.0.0.1");
  await app.fill("team-port", String(cluster.port));
  await app.fill("team-database", "forum");
  await app.fill("team-user", user);
  await app.fill("team-password", password);
}

/** The count the check-in desk shows, as numbers. */
const deskCount = () =>
  app.script(
    "const el = document.querySelector('[data-testid=desk-count]');" +
      "return el ? [Number(el.dataset.checked), Number(el.dataset.total)] : null;",
  );

test("the header says where the data is: this computer", async () => {
  assert.equal(await headerText(), "This computer");
  await arabic();
  await waitForHeader("هذا الحاسوب");
  await english();
});

test("a CA certificate file sends the connection through TLS; each failure is named and shown on the field", async () => {
  await openDialog("muntada", SUPERUSER_PASSWORD);
  await app.fill("team-ca-file", join(dataDir, "no-such-ca.pem"));
  await app.tap("team-test");
  let error = await app.find("team-error");
  assert.equal(await app.script("return arguments[0].dataset.reason;", error.reference), "invalid_value");
  assert.equal(await app.script("return document.querySelector('[data-testid=team-ca-file]').getAttribute('aria-invalid');"), "true");
  assert.match(await error.text(), /CA certificate file/);

  // A real CA file: the app then asks this server (which has no TLS) for TLS, and says so.
  const ca = join(dataDir, "ca.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
    "-subj", "/CN=Muntada e2e CA", "-days", "1", "-keyout", join(dataDir, "ca.key"), "-out", ca], { stdio: "ignore" });
  await app.fill("team-ca-file", ca);
  await app.tap("team-test");
  await app.waitFor(
    async () => (await app.script("return document.querySelector('[data-testid=team-error]')?.dataset.reason ?? null;")) === "tls_unavailable",
    "the server's lack of TLS to be named",
  );
  error = await app.find("team-error");
  assert.match(await error.text(), /does not offer an encrypted connection/);
  await app.shot(shots, "team-dialog-no-tls");
  await app.tap("team-cancel");
});

test("a wrong password is named; the right one is tested, saved in the keyring, and the header says Team", async () => {
  await openDialog("muntada", "not-the-password");
  assert.equal(await app.script("return document.querySelector('[data-testid=team-save]').disabled;"), true);
  await app.tap("team-test");
  const error = await app.find("team-error");
  assert.equal(await app.script("return arguments[0].dataset.reason;", error.reference), "password_refused");
  assert.match(await error.text(), /refused the user name or the password/);
  await app.shot(shots, "team-dialog-wrong-password");

  await app.fill("team-password", SUPERUSER_PASSWORD);
  await app.tap("team-test");
  await app.find("team-ok");
  await app.shot(shots, "team-dialog-en");
  await app.tap("team-save");
  await app.waitFor(async () => (await app.findAll("team-dialog")).length === 0 || (await app.findAll("team-no-keyring")).length, "saved");
  const refused = await app.script("return document.querySelector('[data-testid=team-no-keyring]')?.textContent ?? null;");
  assert.equal(refused, null, "the keyring kept the password");
  await waitForHeader("Team: forum on 127.0.0.1");
  await app.waitFor(async () => (await app.findAll("team-dialog")).length === 0, "the dialog closed");
  assert.equal((await app.findAll("team-session-note")).length, 0, "the password went to the keyring");
  assert.match(await (await app.find("about-location")).text(), /Team: forum on 127\.0\.0\.1/);
  // The settings beside the data file name the database, never the password.
  const settings = readdirSync(dataDir).filter((f) => f.startsWith("desktop-settings"));
  assert.deepEqual(settings, ["desktop-settings.json"]);
  const saved = readFileSync(join(dataDir, "desktop-settings.json"), "utf8");
  assert.match(saved, /postgres:\/\/muntada@127\.0\.0\.1:\d+\/forum/);
  assert.ok(!saved.includes(SUPERUSER_PASSWORD), "no password in the settings file");
  await app.script("window.scrollTo(0, 0);");
  await app.shot(shots, "team-header-en");

  await arabic();
  await waitForHeader("الفريق: forum على 127.0.0.1");
  await app.script("window.scrollTo(0, 0);");
  await app.shot(shots, "team-header-ar");
  await app.tap("team-connect");
  await app.find("team-dialog");
  await app.fill("team-password", SUPERUSER_PASSWORD);
  await app.shot(shots, "team-dialog-ar");
  await app.tap("team-cancel");
  await english();
});

test("a check-in made through the CLI changes the desk's count without a reload", async () => {
  await app.script(`location.hash = '#/events/${eventId}/checkin';`);
  await app.find("checkin-desk");
  const [checked, total] = await app.waitFor(deskCount, "the desk's count");
  assert.ok(total > 0, `the demo has participants (${total})`);
  await app.script("window.__sameWindow = true;");
  // Someone not checked in yet, checked in at "another desk": the CLI on the team database.
  const people = JSON.parse(muntada(["--db", team, "--json", "participant", "list", "--event", eventId]));
  const person = people.find((p) => p.status === "confirmed");
  assert.ok(person, "a confirmed demo participant");
  muntada(["--db", team, "checkin", "--event", eventId, "--code", person.badgeCode]);
  await app.waitFor(async () => (await deskCount())?.[0] === checked + 1, "the count to go up", 5_000);
  assert.equal(await app.script("return window.__sameWindow === true;"), true, "no reload");
  await app.shot(shots, "team-desk-count");
});

test("the pledge totals follow a stage change made through the CLI, without a reload", async () => {
  await app.script(`location.hash = '#/events/${eventId}/pledges';`);
  await app.find("pledges-view");
  const committed = () => app.script("return document.querySelector('[data-testid=usd-committed]')?.textContent.trim();");
  const before = await app.waitFor(committed, "the committed total");
  await app.script("window.__samePledges = true;");
  const listing = JSON.parse(muntada(["--db", team, "--json", "pledge", "list", "--event", eventId]));
  const pledges = listing.pledges ?? listing;
  const announced = pledges.find((p) => p.status === "announced");
  assert.ok(announced, "an announced demo pledge");
  muntada(["--db", team, "pledge", "stage", announced.id, "--to", "committed"]);
  await app.waitFor(async () => (await committed()) !== before, "the committed total to change", 5_000);
  assert.equal(await app.script("return window.__samePledges === true;"), true, "no reload");
});

test("a dropped connection shows Reconnecting…, keeps what was typed, and clears", async () => {
  await app.script(`location.hash = '#/events/${eventId}/checkin';`);
  await app.find("checkin-desk");
  await app.fill("desk-search", "typed during the outage");
  const bin = execFileSync("bash", ["-c", "ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1"], { encoding: "utf8" }).trim();
  const as = process.getuid() === 0 ? ["runuser", "-u", "postgres", "--"] : [];
  const pgctl = (...args) => execFileSync(as[0] ?? `${bin}/pg_ctl`, as.length ? [...as.slice(1), `${bin}/pg_ctl`, ...args] : args);
  pgctl("-D", `${cluster.dir}/data`, "-m", "fast", "-w", "stop");
  try {
    await app.find("reconnecting", { timeout: 10_000 });
    assert.match(await (await app.find("reconnecting")).text(), /Reconnecting/);
    await app.shot(shots, "team-reconnecting-en");
    await arabic();
    await app.waitFor(async () => /إعادة الاتصال/.test(await (await app.find("reconnecting")).text()), "Arabic");
    await app.shot(shots, "team-reconnecting-ar");
    await english();
  } finally {
    pgctl(
      "-D", `${cluster.dir}/data`, "-l", `${cluster.dir}/server.log`, "-w", "-t", "30",
      "-o", `-p ${cluster.port} -k ${cluster.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      "start",
    );
  }
  await app.waitFor(async () => (await app.findAll("reconnecting")).length === 0, "Reconnecting… to clear", 15_000);
  assert.equal(await app.script("return document.querySelector('[data-testid=desk-search]').value;"), "typed during the outage");
});

test("with the server stopped the desk checks people in from its copy, and sends them when it is back", async () => {
  await app.script(`location.hash = '#/events/${eventId}/checkin';`);
  await app.find("checkin-desk");
  await app.find("desk-copy");
  const people = JSON.parse(muntada(["--db", team, "--json", "participant", "list", "--event", eventId]));
  const person = people.find((p) => p.status === "confirmed");
  assert.ok(person, "a confirmed demo participant");
  const cluster_ = (action) => execFileSync(join(root, "tests/pg-cluster.sh"), [action, cluster.dir]);
  cluster_("pause");
  let resumed = false;
  try {
    await app.waitFor(async () => (await app.findAll("reconnecting")).length > 0, "the window to see the server gone", 10_000);
    await (await app.find("desk-scan")).click();
    await app.keys(person.badgeCode + "\uE007");
    const ok = await app.find("desk-ok");
    assert.equal(await app.script("return arguments[0].dataset.via;", ok.reference), "desk", "checked in from the desk's copy");
    const banner = await app.find("desk-offline");
    assert.match(await banner.text(), /^Offline since .+ — 1 check-in waiting to be sent$/);
    assert.equal(await app.script("return arguments[0].dataset.waiting;", banner.reference), "1");
    await app.shot(shots, "team-desk-offline-en");
    await arabic();
    await app.waitFor(async () => /غير متصل منذ/.test(await (await app.find("desk-offline")).text()), "the Arabic banner");
    await app.shot(shots, "team-desk-offline-ar");
    await english();
    cluster_("resume");
    resumed = true;
    // The desk's thread sends the queue once the server answers: the count goes to 0.
    const waiting = () => app.script("return document.querySelector('[data-testid=desk-copy]')?.dataset.waiting;");
    await app.waitFor(async () => (await waiting()) === "0", "the queue to be sent", 20_000);
    assert.equal((await app.findAll("desk-offline")).length, 0, "no offline banner once sent");
  } finally {
    if (!resumed) cluster_("resume");
  }
  // At another desk (the CLI), the person is checked in, by this desk's scan.
  let refusal = "";
  try {
    muntada(["--db", team, "checkin", "--event", eventId, "--code", person.badgeCode]);
  } catch (e) {
    refusal = String(e.stderr);
  }
  assert.match(refusal, /already checked in, since .* at /, "checked in on the server, naming this desk");
});

test("a registration login sees no pledge editing", async () => {
  muntada(["--db", team, "team", "user", "add", "desk1", "--role", "registration", "--password-stdin"], {
    input: `${DESK_PASSWORD}\n`,
  });
  await openDialog("desk1", DESK_PASSWORD);
  await app.tap("team-test");
  await app.find("team-ok");
  await app.tap("team-save");
  await app.waitFor(async () => (await app.findAll("team-dialog")).length === 0, "the dialog closed");
  await app.waitFor(async () => /desk1/.test(await (await app.find("your-data")).text()), "signed in as desk1");
  assert.match(await (await app.find("your-data")).text(), /Registration/);

  await app.script(`location.hash = '#/events/${eventId}/pledges';`);
  await app.find("pledges-view");
  assert.equal((await app.findAll("new-pledge")).length, 0, "no New pledge");
  assert.match(await (await app.find("view-only")).text(), /can look at this page but not change it/);
  const pledge = await app.script("return document.querySelector('[data-testid=pledges-view] tbody a')?.getAttribute('href');");
  assert.ok(pledge, "the demo has pledges to look at");
  await app.script(`location.hash = arguments[0];`, pledge);
  await app.find("pledge-status");
  for (const testId of ["pledge-edit", "stage-commit", "stage-pay", "stage-cancel", "pledge-delete"]) {
    assert.equal((await app.findAll(testId)).length, 0, `no ${testId}`);
  }
  await app.shot(shots, "team-registration-pledge");

  // Nor any programme editing: a session opens to read, nothing drags, the speakers are read-only.
  await app.script(`location.hash = '#/events/${eventId}/programme';`);
  await app.find("programme-view");
  assert.equal((await app.findAll("new-session")).length, 0, "no New session");
  assert.equal((await app.findAll("travel-buffer")).length, 0, "no travel buffer setting");
  await (await app.find("grid-session-button")).click();
  await app.find("session-panel");
  for (const testId of ["save-session", "move-session", "delete-session", "add-person", "remove-person"]) {
    assert.equal((await app.findAll(testId)).length, 0, `no ${testId}`);
  }
  assert.equal(await app.script("return document.querySelector('[data-testid=session-title-en]').matches(':disabled');"), true);
  await app.shot(shots, "team-registration-session");
  await app.script(`location.hash = '#/events/${eventId}/speakers';`);
  await app.find("speakers-view");
  assert.equal((await app.findAll("add-speaker")).length, 0, "no adding speakers");
  await (await app.find("speaker-row")).click();
  await app.find("export-speaker-ical");
  assert.equal((await app.findAll("edit-speaker")).length, 0, "no editing speakers");
  assert.equal((await app.findAll("availability-add")).length, 0, "no availability changes");

  // …while registering people is there.
  await app.script(`location.hash = '#/events/${eventId}/participants';`);
  await app.find("new-participant");
});

test("one click goes back to this computer", async () => {
  await app.tap("nav-about");
  await app.tap("team-leave");
  await waitForHeader("This computer");
  await app.find("team-resume");
  await app.find("backup-now");
  await app.shot(shots, "team-back-on-this-computer");
});
