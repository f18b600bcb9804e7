// The installers as a person gets them, built by `make package` into target/package/: the .deb
// unpacked into a throwaway root (dpkg -x), its files checked, and the installed binary started
// under Xvfb to the welcome view; the AppImage unpacked, compared, and started the same way.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { arch, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Driver } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "..");
const packages = join(root, "target/package");
const shots = join(root, "target/e2e");
const MB = 1024 * 1024;
// Ports of their own, so that this file can run beside app.test.mjs.
const PORTS = { port: 4454, nativePort: 4455 };

const scratch = mkdtempSync(join(tmpdir(), "muntada-package-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** The one file in target/package/ whose name ends with `suffix`. */
function built(suffix) {
  const found = existsSync(packages) ? readdirSync(packages).filter((name) => name.endsWith(suffix)) : [];
  assert.equal(found.length, 1, `expected one *${suffix} in target/package/ (run 'make package'): ${found}`);
  return join(packages, found[0]);
}

/** `Key=value` lines of the [Desktop Entry] group. */
function desktopEntry(text) {
  const lines = text.split("\n");
  assert.equal(lines[0], "[Desktop Entry]");
  return Object.fromEntries(lines.slice(1).filter((l) => l.includes("=")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
}

function pngSize(path) {
  const bytes = readFileSync(path);
  assert.equal(bytes.subarray(1, 4).toString(), "PNG", `${path} is a PNG`);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** The licence files of the bundled fonts, as the repository has them (none before they land). */
function fontLicences() {
  const dir = join(root, "assets/fonts");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name.endsWith(".txt") || name === "README.md");
}

/** Checks what an installed tree (the .deb's root, or the AppImage's usr/) holds. */
function checkInstalledTree(usr) {
  const binary = join(usr, "bin/muntada-desktop");
  const stat = statSync(binary);
  assert.equal(stat.mode & 0o777, 0o755, "the binary is executable");
  assert.equal(readFileSync(binary).subarray(0, 4).toString("latin1"), "\x7fELF");
  // The binary's 15 MB budget is judged by `make bench-app` with the other budget figures; it is
  // not met today (README, Budget), and a budget is a benchmark result, not a property of the
  // package's contents.

  const entry = desktopEntry(readFileSync(join(usr, "share/applications/muntada.desktop"), "utf8"));
  assert.equal(entry.Name, "Muntada");
  assert.equal(entry["Name[ar]"], "منتدى");
  assert.match(entry.Comment, /English and Arabic/);
  assert.match(entry["Comment[ar]"], /بالعربية والإنجليزية/);
  assert.equal(entry.Categories, "Office;");
  assert.equal(entry.Exec.split(" ")[0], "muntada-desktop", "Exec names the installed binary");
  assert.equal(entry.Icon, "muntada");
  assert.equal(entry.MimeType, "application/x-muntada-backup;");

  for (const size of [32, 128, 256, 512]) {
    assert.deepEqual(pngSize(join(usr, `share/icons/hicolor/${size}x${size}/apps/muntada.png`)), [size, size]);
  }
  const mime = readFileSync(join(usr, "share/mime/packages/muntada.xml"), "utf8");
  assert.match(mime, /<mime-type type="application\/x-muntada-backup">/);
  assert.match(mime, /<glob pattern="\*\.muntada"\/>/);

  const doc = join(usr, "share/doc/muntada");
  const licences = fontLicences();
  for (const name of licences) {
    assert.deepEqual(readFileSync(join(doc, "fonts", name)), readFileSync(join(root, "assets/fonts", name)), `fonts/${name}`);
  }
  if (licences.length === 0) assert.equal(existsSync(join(doc, "fonts")), false, "no fonts, no font licences");
  return binary;
}

/** A fresh data file and WebKit profile, so the app starts as on a new computer. */
function freshHome(name) {
  const home = join(scratch, name);
  for (const dir of ["data", "config", "cache", "tmp"]) mkdirSync(join(home, dir), { recursive: true });
  return {
    home,
    env: {
      MUNTADA_DB: join(home, "muntada.db"),
      XDG_DATA_HOME: join(home, "data"),
      XDG_CONFIG_HOME: join(home, "config"),
      XDG_CACHE_HOME: join(home, "cache"),
      TMPDIR: join(home, "tmp"),
    },
  };
}

async function shot(app, name) {
  mkdirSync(shots, { recursive: true });
  writeFileSync(join(shots, `${name}.png`), await app.screenshot());
}

const htmlLang = (app) => app.script("return document.documentElement.lang + ' ' + document.documentElement.dir;");

describe("the .deb", () => {
  let deb;
  let installed;

  before(() => {
    deb = built(".deb");
    installed = join(scratch, "root");
    execFileSync("dpkg-deb", ["-x", deb, installed]);
  });

  test("is a Debian package named muntada that depends on WebKitGTK 4.1, within 20 MB", () => {
    const field = (name) => execFileSync("dpkg-deb", ["-f", deb, name], { encoding: "utf8" }).trim();
    assert.equal(field("Package"), "muntada");
    assert.equal(field("Section"), "office");
    assert.match(field("Depends"), /libwebkit2gtk-4\.1-0/);
    assert.match(field("Depends"), /libgtk-3-0/);
    assert.ok(statSync(deb).size <= 20 * MB, `installer ${(statSync(deb).size / MB).toFixed(1)} MB > 20 MB`);
  });

  test("installs the binary, the desktop entry, the icons, the file type and the licences", () => {
    checkInstalledTree(join(installed, "usr"));
    const copyright = readFileSync(join(installed, "usr/share/doc/muntada/copyright"), "utf8");
    assert.match(copyright, /AGPL-3\.0-or-later/);
    const readme = readFileSync(join(installed, "usr/share/doc/muntada/README.Debian"), "utf8");
    assert.match(readme, /sudo apt remove muntada/);
  });

  test("its desktop entry passes desktop-file-validate", () => {
    execFileSync("desktop-file-validate", [join(installed, "usr/share/applications/muntada.desktop")]);
  });

  test("the installed app opens on the welcome view and remembers the language chosen there", async () => {
    const application = join(installed, "usr/bin/muntada-desktop");
    const { env } = freshHome("deb");
    let app = await Driver.start({ application, ...PORTS, env });
    try {
      await app.find("welcome");
      await (await app.find("welcome-lang-ar")).click();
      await app.waitFor(async () => (await htmlLang(app)) === "ar rtl", "Arabic, right to left");
      await shot(app, "installed-welcome-ar");
    } finally {
      await app.stop();
    }

    app = await Driver.start({ application, ...PORTS, env });
    try {
      await app.find("welcome");
      assert.equal(await htmlLang(app), "ar rtl", "the choice outlives the process");
      const arabic = await app.find("welcome-lang-ar");
      assert.equal(await app.script("return arguments[0].getAttribute('aria-pressed');", arabic.reference), "true");

      await (await app.find("nav-about")).click();
      const dataFile = await app.find("data-file");
      await app.waitFor(async () => (await dataFile.text()) === env.MUNTADA_DB, "the data file of this run");
      assert.match(await (await app.find("licence-app")).text(), /AGPL-3\.0-or-later/);
      assert.match(await (await app.find("licence-fonts")).text(), /OFL-1\.1/);
      await shot(app, "installed-about-ar");
    } finally {
      await app.stop();
    }
  });
});

describe("the AppImage", { skip: arch() !== "x64" && "the AppImage runtime is for x86_64 only" }, () => {
  let image;
  let extracted;

  before(() => {
    image = built(".AppImage");
    const into = join(scratch, "appimage");
    mkdirSync(into);
    execFileSync(image, ["--appimage-extract"], { cwd: into, stdio: "ignore" });
    extracted = join(into, "squashfs-root");
  });

  test("is an executable type-2 AppImage within 20 MB", () => {
    const bytes = readFileSync(image);
    assert.equal(bytes.subarray(0, 4).toString("latin1"), "\x7fELF");
    assert.equal(bytes.subarray(8, 11).toString("latin1"), "AI\x02", "type-2 magic");
    assert.equal(statSync(image).mode & 0o111, 0o111);
    assert.ok(bytes.length <= 20 * MB, `AppImage ${(bytes.length / MB).toFixed(1)} MB > 20 MB`);
  });

  test("holds AppRun, the desktop entry and icon at its top, and the same tree as the .deb", () => {
    const binary = checkInstalledTree(join(extracted, "usr"));
    assert.deepEqual(readFileSync(binary), readFileSync(join(root, "target/release/muntada-desktop")));
    assert.equal(statSync(join(extracted, "AppRun")).mode & 0o111, 0o111);
    assert.equal(desktopEntry(readFileSync(join(extracted, "muntada.desktop"), "utf8")).Name, "Muntada");
    assert.deepEqual(pngSize(join(extracted, ".DirIcon")), [256, 256]);
  });

  test("starts to the welcome view (extracted and run: this machine has no libfuse2)", async () => {
    const { env } = freshHome("appimage");
    const app = await Driver.start({ application: image, ...PORTS, env: { ...env, APPIMAGE_EXTRACT_AND_RUN: "1" } });
    try {
      await app.find("welcome");
      await app.find("open-demo");
      await shot(app, "appimage-welcome");
    } finally {
      await app.stop();
    }
  });
});
