// `make bench-table`: the participants table of an event with 100,000 people, in the real window
// (the release build unless MUNTADA_APP names another) under Xvfb, through tauri-driver. Times
// are taken in the page (performance.now, requestAnimationFrame), not across WebDriver:
//   open     from going to the table to the frame that shows its first rows;
//   scroll   a fling through the table: the scroll position moves 400 rows per animation frame
//            for 3 seconds while requestAnimationFrame records each frame's interval (frames
//            over 50 ms are the ones a person sees as a stutter); then how long the rows in view
//            still show their loading placeholder once the fling stops;
//   jump     scrolled straight to 10 places (the middle, the end…): until their rows are drawn;
//   search   typing "amina y" one key at a time: from each key to the frame showing its result
//            (including the 120 ms the view waits for the next key before asking the core).
// The database is made once with the CLI (an event and the same generated 100,000-row CSV as
// `cargo bench --bench participants`); each run starts the app afresh on it. Not part of
// `make test`: it prints medians over the runs (BENCH_RUNS, default 5).

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Driver } from "./webdriver.mjs";
import { median, percentile } from "./stats.mjs";
import { prepareEvent } from "./people.mjs";

const root = resolve(import.meta.dirname, "..");
const application = process.env.MUNTADA_APP ?? join(root, "target/release/muntada-desktop");
const cli = process.env.MUNTADA_CLI ?? join(root, "target/release/muntada");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PORT = 4520;

const scratch = mkdtempSync(join(tmpdir(), "muntada-bench-table-"));
const db = join(scratch, "muntada.db");

/**
 * In the page: runs `act` (a function body), then waits, frame by frame, until the table shows
 * the answer: no page asked of the core still unanswered (the rows' aria-busy), no row in view
 * showing its loading placeholder, and, for a search, the rows being those of the text typed
 * (the view's data-query); answers the milliseconds from `act` to that frame.
 */
function measure(app, act, { typed = null, args = [] } = {}) {
  return app.asyncScript(
    "const done = arguments[arguments.length - 1]; const typed = arguments[0];" +
      "const began = performance.now(); let frames = 0;" +
      `(function () { ${act} }).apply(null, [...arguments].slice(1, -1));` +
      "function check(now) { frames++;" +
      "  const view = document.querySelector('[data-testid=participants-view]');" +
      "  const body = document.querySelector('[data-testid=participant-rows]');" +
      "  const shown = view && body && body.getAttribute('aria-busy') === 'false' && body.querySelectorAll('.placeholder').length === 0" +
      "    && body.querySelectorAll('[data-testid=participant-row]').length > 0 && (typed === null || view.dataset.query === typed);" +
      "  if (frames >= 2 && shown) done(now - began);" +
      "  else if (now - began > 170000) done(-1); else requestAnimationFrame(check); }" +
      "requestAnimationFrame(check);",
    typed,
    ...args,
  );
}

async function run(event, index) {
  const home = join(scratch, `run-${index}`);
  for (const dir of ["data", "config", "cache"]) mkdirSync(join(home, dir), { recursive: true });
  const app = await Driver.start({
    application,
    port: PORT,
    env: { MUNTADA_DB: db, XDG_DATA_HOME: join(home, "data"), XDG_CONFIG_HOME: join(home, "config"), XDG_CACHE_HOME: join(home, "cache") },
  });
  try {
    // The first view (the events list: the database has an event) is on screen.
    await app.waitFor(() => app.script("return !!window.__TAURI_INTERNALS__ && !!document.querySelector('main [data-testid]');"), "the first view", 30_000);
    // Measures wait in the page; the first one builds the core's search index (seconds, in a
    // debug build).
    await app.cmd("POST", "/timeouts", { script: 180_000 });
    const open = await measure(app, `location.hash = '#/events/${event}/participants';`, { typed: "" });

    // The fling: 400 rows (16,000 px at 40 px a row) per frame for 3 s, frame intervals recorded.
    const frames = await app.asyncScript(
      "const done = arguments[arguments.length - 1];" +
        "const body = document.querySelector('[data-testid=participant-rows]');" +
        "const gaps = []; let last = performance.now(); const end = last + 3000;" +
        "function step(now) { gaps.push(now - last); last = now;" +
        "  body.scrollTop = (body.scrollTop + 16000) % (body.scrollHeight - body.clientHeight);" +
        "  if (now < end) requestAnimationFrame(step); else done(gaps); }" +
        "requestAnimationFrame(step);",
    );
    // Until the rows in view are drawn once the fling stops (a last small move asks for them).
    const settle = await measure(app, "const b = document.querySelector('[data-testid=participant-rows]'); b.scrollTop += 40;");

    const jumps = [];
    for (const at of [0.5, 1, 0.25, 0.75, 0.1, 0.9, 0.33, 0.66, 0.05, 0.95]) {
      jumps.push(
        await measure(
          app,
          "const b = document.querySelector('[data-testid=participant-rows]'); b.scrollTop = arguments[0] * (b.scrollHeight - b.clientHeight);",
          { args: [at] },
        ),
      );
    }

    // Typing, one key at a time, as the input event of each key (the 120 ms pause the view
    // waits for before asking the core is included).
    const keys = [];
    let typed = "";
    for (const key of "amina y") {
      typed += key;
      keys.push(
        await measure(
          app,
          "const input = document.querySelector('[data-testid=participant-search]'); input.value = arguments[0];" +
            "input.dispatchEvent(new Event('input', { bubbles: true }));",
          { typed, args: [typed] },
        ),
      );
    }
    const all = [open, settle, ...jumps, ...keys];
    if (all.some((t) => t < 0)) throw new Error(`a measure timed out: ${JSON.stringify(all)}`);
    return { open, frames: frames.slice(1), settle, jumps, keys };
  } finally {
    await app.stop();
  }
}

try {
  const event = prepareEvent(cli, db, scratch);
  const results = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await run(event, i);
    results.push(r);
    console.log(
      `run ${i + 1}: open ${r.open.toFixed(0)} ms; fling ${r.frames.length} frames, median ${median(r.frames).toFixed(1)} ms, ` +
        `p95 ${percentile(r.frames, 95).toFixed(1)} ms, ${r.frames.filter((f) => f > 50).length} over 50 ms; ` +
        `settle ${r.settle.toFixed(0)} ms; jump median ${median(r.jumps).toFixed(0)} ms; key median ${median(r.keys).toFixed(0)} ms, max ${Math.max(...r.keys).toFixed(0)} ms`,
    );
  }
  const m = (f) => median(results.map(f)).toFixed(1);
  console.log("\nmedians over runs:");
  console.log(`  open the table (first rows drawn)        ${m((r) => r.open)} ms`);
  console.log(`  fling: frame interval, median            ${m((r) => median(r.frames))} ms`);
  console.log(`  fling: frame interval, p95               ${m((r) => percentile(r.frames, 95))} ms`);
  console.log(`  fling: frames over 50 ms (of ~${m((r) => r.frames.length)})   ${m((r) => r.frames.filter((f) => f > 50).length)}`);
  console.log(`  rows drawn after the fling stops         ${m((r) => r.settle)} ms`);
  console.log(`  jump to a place: rows drawn, median      ${m((r) => median(r.jumps))} ms`);
  console.log(`  search, key to result, median / max      ${m((r) => median(r.keys))} / ${m((r) => Math.max(...r.keys))} ms`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
