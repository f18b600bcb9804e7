// A small W3C WebDriver client over fetch, for driving the real app window through
// tauri-driver. No dependencies, so nothing leaks into the app's build.

import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ELEMENT = "element-6066-11e4-a6c6-4ae2d6bed2f2";

export class Driver {
  constructor(base, session) {
    this.base = base;
    this.session = session;
  }

  /**
   * Starts tauri-driver and the app. Each run gets its own ports (tauri-driver's WebKitWebDriver
   * listens on `nativePort`) and its own XDG_DATA_HOME, so that the webview's storage (e.g. the
   * remembered language) starts empty and runs in parallel do not share it.
   */
  static async start({ application, port = 4444, nativePort = port + 1, env = {} }) {
    const profile = mkdtempSync(join(tmpdir(), "muntada-webview-"));
    const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
      env: { ...process.env, XDG_DATA_HOME: profile, ...env },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (driver.exitCode !== null) throw new Error(`tauri-driver exited with ${driver.exitCode}`);
      try {
        const status = await fetch(`${base}/status`);
        if (status.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        driver.kill("SIGTERM");
        throw new Error("tauri-driver did not start within 20 s");
      }
      await sleep(200);
    }
    let created;
    try {
      created = await request(base, "POST", "/session", {
        capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application } } },
      });
    } catch (error) {
      driver.kill("SIGTERM");
      throw error;
    }
    const d = new Driver(base, created.sessionId);
    d.process = driver;
    d.profile = profile;
    return d;
  }

  async stop() {
    const started = descendants(this.process.pid);
    try {
      await request(this.base, "DELETE", `/session/${this.session}`);
    } finally {
      // SIGTERM lets tauri-driver stop WebKitWebDriver too; SIGKILL would leave it running.
      this.process.kill("SIGTERM");
      await new Promise((resolve) => this.process.once("exit", resolve));
      // The app can outlive its session (seen when one is stopped and another started): it
      // would keep the test runner's output pipe open, and the run would never end.
      await reap(started);
      rmSync(this.profile, { recursive: true, force: true });
    }
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.session}${path}`, body);
  }

  async find(testId, { timeout = 10_000 } = {}) {
    return this.waitFor(async () => {
      const found = await this.cmd("POST", "/elements", { using: "css selector", value: `[data-testid="${testId}"]` });
      return found.length ? new Element(this, found[0]) : null;
    }, `element ${testId}`, timeout);
  }

  async findAll(testId) {
    const found = await this.cmd("POST", "/elements", { using: "css selector", value: `[data-testid="${testId}"]` });
    return found.map((f) => new Element(this, f));
  }

  script(source, ...args) {
    return this.cmd("POST", "/execute/sync", { script: source, args });
  }

  /** Runs `source` in the page; it answers by calling its last argument (WebDriver's async script). */
  asyncScript(source, ...args) {
    return this.cmd("POST", "/execute/async", { script: source, args });
  }

  /**
   * With WebKit's compositing off (the app's default, see src-tauri/src/lib.rs) a screenshot
   * waits for the page's next paint, which an idle page never makes, so the request hung: keep
   * an invisible repaint coming until the picture is taken.
   */
  async screenshot() {
    await this.script(
      "window.__muntadaRepaint = setInterval(() => { const s = document.body.style; s.opacity = s.opacity ? '' : '0.9999'; }, 50);",
    );
    try {
      return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
    } finally {
      await this.script("clearInterval(window.__muntadaRepaint); document.body.style.opacity = '';");
    }
  }

  /**
   * The action buttons (a form's, a panel's, a page head's, and `extra`) that a toast lies over,
   * named by test id or text: none, where toasts are placed well.
   */
  coveredByToasts(extra = []) {
    return this.script(
      `const toasts = [...document.querySelectorAll('[data-testid=toast]')].map((t) => t.getBoundingClientRect());
       const buttons = [...document.querySelectorAll(
         ':is(.actions, .form-actions, .buttons) :is(button, a.button), ' + arguments[0].map((id) => '[data-testid="' + id + '"]').concat('x-none').join(', '),
       )];
       const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
       return buttons
         .filter((b) => !b.closest('[data-testid=toast]') && b.getClientRects().length)
         .filter((b) => toasts.some((t) => meets(t, b.getBoundingClientRect())))
         .map((b) => b.dataset.testid || b.textContent.trim());`,
      extra,
    );
  }

  /** Clicks the element, after dismissing the toasts that could cover it. */
  async tap(testId, { center = false } = {}) {
    await this.script("document.querySelectorAll('[data-testid=toast] button').forEach((b) => b.click());");
    await this.waitFor(async () => (await this.findAll("toast")).length === 0, "toasts dismissed");
    const element = await this.find(testId);
    if (center) await this.script("arguments[0].scrollIntoView({ block: 'center' });", element.reference);
    await element.click();
  }

  /** Presses the mouse on `element`, moves it through `moves` (W3C pointerMove actions), releases it. */
  async drag(element, moves) {
    await this.cmd("POST", "/actions", {
      actions: [
        {
          type: "pointer",
          id: "mouse",
          parameters: { pointerType: "mouse" },
          actions: [
            { type: "pointerMove", origin: element, x: 0, y: 0 },
            { type: "pointerDown", button: 0 },
            ...moves.map((move) => ({ type: "pointerMove", ...move })),
            { type: "pointerUp", button: 0 },
          ],
        },
      ],
    });
    await this.cmd("DELETE", "/actions");
  }

  /**
   * Presses the keys of `text` on whatever has the focus, as a keyboard or a keyboard-wedge
   * scanner does (an element's `type` focuses the element first; this does not).
   */
  async keys(text) {
    const strokes = [...text].flatMap((key) => [
      { type: "keyDown", value: key },
      { type: "keyUp", value: key },
    ]);
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: strokes }] });
    await this.cmd("DELETE", "/actions");
  }

  /** The `data-testid` of the element that has the focus ("" when none has one). */
  focused() {
    return this.script("return document.activeElement?.dataset?.testid ?? '';");
  }

  /** Types `text` into the field and waits until the field holds it. */
  async fill(testId, text) {
    const field = await this.find(testId);
    await field.type(text);
    await this.waitFor(async () => (await this.script("return arguments[0].value;", field.reference)) === text, testId);
  }

  /** Saves a screenshot as `name`.png in `dir`, a moment after the DOM is ready so WebKit has painted it. */
  async shot(dir, name) {
    await sleep(300);
    writeFileSync(join(dir, `${name}.png`), await this.screenshot());
  }

  /** Starts recording what the strict CSP refuses (again after a reload); see `cspViolations`. */
  recordCsp() {
    return this.script(
      "window.__csp = [];" +
        "document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));",
    );
  }

  cspViolations() {
    return this.script("return window.__csp;");
  }

  /** Polls `check` until it returns something truthy. */
  async waitFor(check, what, timeout = 10_000) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        const value = await check();
        if (value) return value;
      } catch (error) {
        last = error;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ""}`);
      await sleep(100);
    }
  }
}

class Element {
  constructor(driver, reference) {
    this.driver = driver;
    this.reference = reference;
    this.id = elementId(reference);
  }
  click() {
    return this.driver.cmd("POST", `/element/${this.id}/click`, {});
  }
  async type(text) {
    await this.driver.cmd("POST", `/element/${this.id}/clear`, {});
    return this.driver.cmd("POST", `/element/${this.id}/value`, { text });
  }
  text() {
    return this.driver.cmd("GET", `/element/${this.id}/text`);
  }
  /** Sets a value the way a picker would (date inputs take no typing in WebKitGTK). */
  setValue(value) {
    return this.driver.script(
      "const el = arguments[0]; el.value = arguments[1];" +
        "el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));",
      this.reference,
      value,
    );
  }
}

/** The W3C key, or the legacy one some drivers still send. */
function elementId(reference) {
  return reference[ELEMENT] ?? reference.ELEMENT ?? Object.values(reference)[0];
}

async function request(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}

/** The processes below `pid` (Linux): WebKitWebDriver, the app, WebKit's processes. */
function descendants(pid) {
  const parent = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone already
    }
  }
  const found = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [child, of] of parent) {
      if (!found.has(child) && found.has(of)) {
        found.add(child);
        grew = true;
      }
    }
  }
  found.delete(pid);
  return [...found];
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits up to 5 s for `pids` to exit, then ends those left. */
async function reap(pids) {
  const deadline = Date.now() + 5_000;
  while (pids.some(alive) && Date.now() < deadline) await sleep(100);
  for (const pid of pids.filter(alive)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // exited meanwhile
    }
  }
}
