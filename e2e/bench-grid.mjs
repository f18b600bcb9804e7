// `make bench-grid`: is the timetable grid responsive while a session is dragged, with 300
// sessions on one day? The issue asks for "no visible lag dragging"; this puts numbers on it.
//
// A fresh database gets, through the `muntada` CLI, an event with 10 rooms and 300 sessions on
// one day (30 per room, 20 minutes every 24 minutes from 08:00). The app (the debug build;
// BENCH_PROFILE=release for the release build, BENCH_APP for another binary) opens its
// programme, and each run
// drags one session with W3C pointer actions (60 moves of about 16 ms: three rooms across
// (BENCH_GRID_ACROSS; 0 for its own room only) and an hour and a half down, then let go), while
// the page records:
//   frames     the time between animation frames (requestAnimationFrame deltas) from just before
//              the press to the moment the move is saved: median, p95, and how many frames
//              took over 50 ms (a stutter one sees), in all and only those before the release;
//   shown      from the pointerup (a capturing listener) to the DOM showing the session in its
//              new room and time, no longer as the drag's preview (a MutationObserver);
//   saved      from the pointerup to the same with the move saved by the core and the grid
//              drawn from the saved session (no data-pending mark; the same as shown for a grid
//              that has no such mark);
//   snap-back  whether the session was seen back in its old place between the pointerup and
//              then (a flicker while the core saves the move).
// Runs alternate direction (there and back). Prints each run and the median of the runs;
// BENCH_GRID_RUNS sets their number (default 7, after one warm-up run not counted).
// Not a pass/fail test: it is not named *.test.mjs, so `make test` does not run it.
//
// Ports: 4482 (tauri-driver) and 4483 (WebKitWebDriver).

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Driver } from "./webdriver.mjs";
import { median, percentile } from "./stats.mjs";

const root = resolve(import.meta.dirname, "..");
const profile = process.env.BENCH_PROFILE ?? "debug";
const application = process.env.BENCH_APP ?? join(root, `target/${profile}/muntada-desktop`);
const cli = join(root, `target/${existsSync(join(root, `target/${profile}/muntada`)) ? profile : "debug"}/muntada`);
const RUNS = Number(process.env.BENCH_GRID_RUNS ?? 7);
/** Rooms across in each drag; 0 drags down its own room only. */
const ACROSS = Number(process.env.BENCH_GRID_ACROSS ?? 3);
const ROOMS = 10;
const PER_ROOM = 30;
const DAY = "2025-06-10";

const scratch = mkdtempSync(join(tmpdir(), "muntada-bench-grid-"));
const db = join(scratch, "muntada.db");

const muntada = (...args) => execFileSync(cli, ["--db", db, ...args], { encoding: "utf8" }).trim();
const clock = (minutes) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** The event, its rooms and 300 sessions on one day; returns the event's id. */
function seed() {
  const event = muntada("event", "create", "--title", "Grid bench", "--start", DAY, "--end", DAY, "--timezone", "Asia/Qatar");
  const kinds = ["panel", "workshop", "plenary", "side_event", "break"];
  for (let r = 0; r < ROOMS; r++) {
    const room = muntada("room", "add", "--event", event, "--name", `Room ${String(r + 1).padStart(2, "0")}`, "--capacity", "100");
    for (let k = 0; k < PER_ROOM; k++) {
      const start = 8 * 60 + k * 24;
      muntada(
        "session", "add", "--event", event, "--room", room, "--kind", kinds[(r + k) % kinds.length],
        "--title", `Session ${r + 1}.${k + 1}`, "--start", `${DAY} ${clock(start)}`, "--end", `${DAY} ${clock(start + 20)}`,
      );
    }
  }
  return event;
}

/**
 * In the page: records animation-frame deltas from now on, the pointerup, when the session `id`
 * is shown for good where the drag's preview was at the pointerup, and whether it was seen back
 * at `from`/`fromStart` meanwhile.
 */
const INSTRUMENT = `
  const [id, from, fromStart] = arguments;
  const b = (window.__bench = { deltas: [], times: [], last: null, running: true, up: null, settled: null, saved: null, snapBack: false, target: null });
  const block = () => document.querySelector('[data-session-id="' + id + '"]');
  const where = (el) => el && { room: el.closest('[data-room-column]').dataset.roomColumn, start: el.dataset.start, preview: el.classList.contains('dragging'), pending: el.dataset.pending === 'true' };
  const loop = (t) => {
    if (b.last !== null) {
      b.deltas.push(t - b.last);
      b.times.push(t);
    }
    b.last = t;
    if (b.running) requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  const check = () => {
    if (b.up === null || b.saved !== null) return;
    const at = where(block());
    if (!at) return;
    if (at.room === from && at.start === fromStart && !at.preview) b.snapBack = true;
    else if (!at.preview && at.room === b.target.room && at.start === b.target.start) {
      if (b.settled === null) b.settled = performance.now() - b.up;
      if (!at.pending) {
        b.saved = performance.now() - b.up;
        observer.disconnect();
      }
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.querySelector('[data-testid=timetable-grid]'), { subtree: true, childList: true, attributes: true });
  window.addEventListener('pointerup', () => {
    b.up = performance.now();
    b.target = where(block());
    check();
  }, { capture: true, once: true });
`;

async function run(app, sessionId, direction) {
  const before = await app.script(
    "const el = document.querySelector(`[data-session-id='${arguments[0]}']`);" +
      "document.querySelector('[data-testid=timetable-grid]').scrollLeft = 0;" +
      "el.scrollIntoView({ block: 'center', inline: 'nearest' });" +
      "const cols = [...document.querySelectorAll('[data-room-column]')].map((c) => c.getBoundingClientRect().left);" +
      "return { room: el.closest('[data-room-column]').dataset.roomColumn, start: el.dataset.start, column: cols[1] - cols[0], button: el.querySelector('button') };",
    sessionId,
  );
  await app.script(INSTRUMENT, sessionId, before.room, before.start);
  // Three rooms across and 90 minutes down (1.6 px a minute at the 15-minute step), in 60 moves.
  const dx = direction * ACROSS * before.column;
  const dy = direction * 90 * 1.6;
  const MOVES = 60;
  const moves = [];
  for (let i = 1; i <= MOVES; i++) {
    const x = Math.round((dx * i) / MOVES) - Math.round((dx * (i - 1)) / MOVES);
    const y = Math.round((dy * i) / MOVES) - Math.round((dy * (i - 1)) / MOVES);
    moves.push({ origin: "pointer", x, y, duration: 16 });
  }
  await app.drag(before.button, moves);
  const result = await app
    .waitFor(
      () => app.script("const b = window.__bench; if (b.saved === null) return null; b.running = false; return b;"),
      "the moved session on the grid",
      30_000,
    )
    .catch(async (error) => {
      const state = await app.script("const { deltas, times, ...b } = window.__bench; return b;");
      await app.shot(join(root, "target"), "bench-grid-failed");
      throw new Error(`${error.message} (${JSON.stringify(state)}; screenshot target/bench-grid-failed.png)`);
    });
  if ((result.target.room === before.room) !== (ACROSS === 0)) throw new Error("the drag did not reach the room aimed at");
  // Let the conflicts' refresh land before the next run.
  await sleep(500);
  const deltas = result.deltas;
  // Frames that ended before the release are the drag's; the rest, saving the move.
  const during = deltas.filter((_, i) => result.times[i] <= result.up);
  return {
    over50During: during.filter((d) => d > 50).length,
    p95During: percentile(during, 95),
    frames: deltas.length,
    medianMs: median(deltas),
    p95Ms: percentile(deltas, 95),
    over50: deltas.filter((d) => d > 50).length,
    worstMs: Math.max(...deltas),
    settleMs: result.settled,
    savedMs: result.saved,
    snapBack: result.snapBack,
    to: `${before.start} → ${result.target.start}`,
  };
}

let app;
try {
  const began = performance.now();
  const event = seed();
  console.log(`seeded ${ROOMS} rooms and ${ROOMS * PER_ROOM} sessions on ${DAY} in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  app = await Driver.start({ application, port: 4482, nativePort: 4483, env: { MUNTADA_DB: db } });
  await app.find("events-list", { timeout: 20_000 });
  await app.script("location.hash = arguments[0];", `#/events/${event}/programme`);
  await app.waitFor(async () => (await app.findAll("grid-session")).length === ROOMS * PER_ROOM, "300 sessions on the grid", 30_000);
  // The session at 10:00 in the first room: three rooms across and 90 minutes down stays on the grid.
  const sessionId = await app.script(
    "return [...document.querySelectorAll('[data-testid=grid-session]')].find((e) => e.textContent.includes('Session 1.6')).dataset.sessionId;",
  );
  await sleep(1000);
  // Idle frames, for the display's own cadence.
  await app.script("window.__idle = []; let last = null; const f = (t) => { if (last !== null) window.__idle.push(t - last); last = t; if (window.__idle.length < 60) requestAnimationFrame(f); }; requestAnimationFrame(f);");
  const idle = await app.waitFor(() => app.script("return window.__idle.length >= 60 ? window.__idle : null;"), "idle frames");

  await run(app, sessionId, 1); // warm-up: the first drag also compiles the handlers
  let direction = -1;
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(await run(app, sessionId, direction));
    direction = -direction;
  }
  const f = (v) => v.toFixed(1);
  console.log(`Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Xvfb ${process.env.DISPLAY ?? "?"}, no GPU; app: ${application}`);
  console.log(`idle frame time: median ${f(median(idle))} ms`);
  for (const [i, r] of runs.entries()) {
    console.log(
      `run ${i + 1}: ${r.frames} frames, median ${f(r.medianMs)} ms, p95 ${f(r.p95Ms)} ms, worst ${f(r.worstMs)} ms, ` +
        `${r.over50} over 50 ms (${r.over50During} before the release, p95 then ${f(r.p95During)} ms); shown ${f(r.settleMs)} ms after pointerup, saved ${f(r.savedMs)} ms` +
        `${r.snapBack ? ", snapped back meanwhile" : ""} (${r.to})`,
    );
  }
  console.log(
    `median of ${runs.length} runs: frame median ${f(median(runs.map((r) => r.medianMs)))} ms, ` +
      `p95 ${f(median(runs.map((r) => r.p95Ms)))} ms, frames over 50 ms ${median(runs.map((r) => r.over50))} ` +
      `(before the release ${median(runs.map((r) => r.over50During))}, p95 then ${f(median(runs.map((r) => r.p95During)))} ms), ` +
      `pointerup to the session shown ${f(median(runs.map((r) => r.settleMs)))} ms, ` +
      `to saved ${f(median(runs.map((r) => r.savedMs)))} ms; ` +
      `snapped back in ${runs.filter((r) => r.snapBack).length} of ${runs.length} runs`,
  );
} finally {
  await app?.stop();
  rmSync(scratch, { recursive: true, force: true });
}
