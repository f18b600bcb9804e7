// `make bench-app`: the release build against its budget, under Xvfb.
//   start   process start to the first view on screen: the bench spawns the binary and waits for
//           the line the app prints when the UI reports its first view (the `app_ready`
//           command, called after the view's first frame). Each run has a fresh data file and
//           WebKit profile; the system's file cache is warm (it is not dropped).
//   memory  judged against the platform's floor, measured the same way in the same run: the
//           floor is `src-tauri/examples/floor.rs`, a Tauri window of one line of HTML built from
//           this package (the same Tauri version and features, the same release profile) with
//           nothing of Muntada. Each of three states is measured in its own start, through
//           WebDriver, after the page has settled: the floor's window; Muntada after opening the
//           demo forum; Muntada with the participants table of a 100,000-person event open and
//           flung through. The measure is the process and all its descendants (WebKit's web and
//           network processes), each resident page counted once (physical frames from
//           /proc/PID/pagemap, which needs root): the PSS sum the app would have if it ran
//           alone. PSS, RSS and USS sums are printed beside it; they depend on what else maps
//           the same libraries. Each page is also attributed to the first process that maps it
//           (the shell, then WebKit's web process, then the others) and split into files'
//           pages (libraries, fonts, the binary) and memory (heaps, caches): where the
//           difference from the floor goes.
//   sizes   the release binary, the .deb, the AppImage.
// Prints a table, writes target/package/bench-app.json, exits 1 when a median is over budget.

import { spawn } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, readlinkSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Driver } from "./webdriver.mjs";
import { prepareEvent } from "./people.mjs";
import { median } from "./stats.mjs";

const root = resolve(import.meta.dirname, "..");
const binary = realpathSync(join(root, "target/release/muntada-desktop"));
const floorBinary = realpathSync(join(root, "target/release/examples/floor"));
const cli = join(root, "target/release/muntada");
const packages = join(root, "target/package");
const START_RUNS = Number(process.env.BENCH_START_RUNS ?? 7);
const MEMORY_RUNS = Number(process.env.BENCH_MEMORY_RUNS ?? 5);
const MB = 1024 * 1024;
// Memory: what Muntada may add to the floor (issue 20), after the demo and with the big table.
const BUDGET = { startMs: 1000, demoOverFloorMB: 30, tableOverFloorMB: 80, binaryMB: 15, installerMB: 20 };

const scratch = mkdtempSync(join(tmpdir(), "muntada-bench-"));

function freshEnv(name) {
  const home = join(scratch, name);
  for (const dir of ["data", "config", "cache"]) mkdirSync(join(home, dir), { recursive: true });
  return {
    MUNTADA_DB: join(home, "muntada.db"),
    XDG_DATA_HOME: join(home, "data"),
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_CACHE_HOME: join(home, "cache"),
  };
}

/** One start: spawn, wait for the ready line, stop. Returns [measured here, reported by the app]. */
async function startOnce(run) {
  const env = { ...process.env, ...freshEnv(`start-${run}`) };
  const began = performance.now();
  const child = spawn(binary, [], { env, stdio: ["ignore", "ignore", "pipe"] });
  const exited = new Promise((done) => child.once("exit", done));
  try {
    return await new Promise((done, fail) => {
      let seen = "";
      const timer = setTimeout(() => fail(new Error(`no ready line within 30 s; stderr: ${seen}`)), 30_000);
      child.stderr.on("data", (chunk) => {
        seen += chunk;
        const ready = /ready in (\d+) ms/.exec(seen);
        if (ready) {
          clearTimeout(timer);
          done([performance.now() - began, Number(ready[1])]);
        }
      });
      child.once("exit", (code) => fail(new Error(`the app exited (${code}) before it was ready: ${seen}`)));
    });
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/** The process running `executable` and all its descendants. */
function processTree(executable) {
  const pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name)).map(Number);
  const exe = (pid) => {
    try {
      return readlinkSync(`/proc/${pid}/exe`);
    } catch {
      return null;
    }
  };
  const apps = pids.filter((pid) => exe(pid) === executable);
  if (apps.length !== 1) throw new Error(`expected one running ${executable}, found ${apps.length}`);
  const tree = new Set(apps);
  for (let grew = true; grew; ) {
    grew = false;
    for (const pid of pids) {
      if (!tree.has(pid) && tree.has(parentOf(pid))) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

const PAGE = 4096;

/**
 * The physical frames of the resident pages of `pid` (from pagemap: root only), into `frames`:
 * frame → { file: whether it holds a file's page (libraries, fonts, the binary) or memory,
 * owner: the first process seen mapping it }.
 */
function residentFrames(pid, owner, frames) {
  const ranges = [];
  let range = null;
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const vma = /^([0-9a-f]+)-([0-9a-f]+) /.exec(line);
    if (vma) range = [parseInt(vma[1], 16), parseInt(vma[2], 16)];
    else if (range && line.startsWith("Rss:") && Number(line.split(/\s+/)[1]) > 0) ranges.push(range);
  }
  const fd = openSync(`/proc/${pid}/pagemap`, "r");
  try {
    const chunk = Buffer.alloc(8 * 4096);
    for (const [start, end] of ranges) {
      for (let page = start / PAGE; page < end / PAGE; page += 4096) {
        const count = Math.min(4096, end / PAGE - page);
        const read = readSync(fd, chunk, 0, count * 8, page * 8);
        for (let i = 0; i < read / 8; i++) {
          const entry = chunk.readBigUInt64LE(i * 8);
          const frame = entry & ((1n << 55n) - 1n);
          if (entry >> 63n && !frames.has(frame)) frames.set(frame, { file: Boolean((entry >> 61n) & 1n), owner });
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

function kilobytes(file, key) {
  const line = readFileSync(file, "utf8").split("\n").find((l) => l.startsWith(`${key}:`));
  return line ? Number(line.split(/\s+/)[1]) : 0;
}

/** The process tree of `executable`, now: each resident page once, and the sums of PSS, RSS, USS. */
function measureTree(executable) {
  const processes = processTree(executable).map((pid) => ({
    pid,
    name: readFileSync(`/proc/${pid}/comm`, "utf8").trim(),
    pssMB: kilobytes(`/proc/${pid}/smaps_rollup`, "Pss") / 1024,
    rssMB: kilobytes(`/proc/${pid}/status`, "VmRSS") / 1024,
    ussMB: (kilobytes(`/proc/${pid}/smaps_rollup`, "Private_Clean") + kilobytes(`/proc/${pid}/smaps_rollup`, "Private_Dirty")) / 1024,
  }));
  // The shell first (the root of the tree), then WebKit's web process, then the rest.
  const role = (p, i) => (i === 0 ? "shell" : p.name.startsWith("WebKitWebProces") ? "web" : "other");
  const order = processes.map((p, i) => ({ p, r: role(p, i) })).sort((a, b) => ["shell", "web", "other"].indexOf(a.r) - ["shell", "web", "other"].indexOf(b.r));
  const frames = new Map();
  for (const { p, r } of order) residentFrames(p.pid, r, frames);
  if (frames.has(0n) || frames.size === 0) throw new Error("no physical frames in pagemap: run the bench as root");
  const parts = {};
  for (const r of ["shell", "web", "other"]) for (const k of ["file", "memory"]) parts[`${r} ${k}`] = 0;
  for (const { file, owner } of frames.values()) parts[`${owner} ${file ? "file" : "memory"}`] += PAGE / MB;
  return {
    processes,
    aloneMB: (frames.size * PAGE) / MB,
    aloneFileMB: [...frames.values()].filter((f) => f.file).length * (PAGE / MB),
    parts,
    pssMB: processes.reduce((sum, p) => sum + p.pssMB, 0),
    rssMB: processes.reduce((sum, p) => sum + p.rssMB, 0),
    ussMB: processes.reduce((sum, p) => sum + p.ussMB, 0),
  };
}

/** The floor: the one-line Tauri window, once its line is on screen and the page has settled. */
async function floorOnce(run) {
  const app = await Driver.start({ application: floorBinary, port: 4464, nativePort: 4465, env: freshEnv(`floor-${run}`) });
  try {
    await app.find("floor", { timeout: 20_000 });
    await sleep(2000);
    return measureTree(floorBinary);
  } finally {
    await app.stop();
  }
}

/** Muntada after opening the demo forum from the welcome view. */
async function demoOnce(run) {
  const app = await Driver.start({ application: binary, port: 4464, nativePort: 4465, env: freshEnv(`memory-${run}`) });
  try {
    await (await app.find("open-demo", { timeout: 20_000 })).click();
    await app.find("pledge-total", { timeout: 20_000 });
    await sleep(2000); // let the page settle: images decoded, caches filled
    return measureTree(binary);
  } finally {
    await app.stop();
  }
}

/**
 * Muntada with the participants table of the 100,000-person event open, flung through for two
 * seconds (40 rows a frame, through the whole table), then jumped to its end, as a person
 * scrolling it would leave it.
 */
async function tableOnce(run, db, event) {
  const env = { ...freshEnv(`table-${run}`), MUNTADA_DB: db };
  const app = await Driver.start({ application: binary, port: 4464, nativePort: 4465, env });
  try {
    await app.waitFor(() => app.script("return !!document.querySelector('main [data-testid]');"), "the first view", 30_000);
    await app.script(`location.hash = '#/events/${event}/participants';`);
    const rowsShown = () =>
      app.script(
        "const body = document.querySelector('[data-testid=participant-rows]');" +
          "return !!body && body.getAttribute('aria-busy') === 'false' && body.querySelectorAll('.placeholder').length === 0 && body.querySelectorAll('[data-testid=participant-row]').length > 0;",
      );
    await app.waitFor(rowsShown, "the table's first rows", 60_000);
    await app.cmd("POST", "/timeouts", { script: 30_000 });
    await app.asyncScript(
      "const done = arguments[arguments.length - 1];" +
        "const body = document.querySelector('[data-testid=participant-rows]'); const end = performance.now() + 2000;" +
        "function step(now) { body.scrollTop = (body.scrollTop + 1600) % (body.scrollHeight - body.clientHeight);" +
        "  if (now < end) requestAnimationFrame(step); else { body.scrollTop = body.scrollHeight; done(); } }" +
        "requestAnimationFrame(step);",
    );
    await app.waitFor(rowsShown, "the rows at the end of the table", 60_000);
    await sleep(2000);
    return measureTree(binary);
  } finally {
    await app.stop();
  }
}

function sizeOf(suffix) {
  const name = readdirSync(packages).find((n) => n.endsWith(suffix));
  return name ? { name, MB: statSync(join(packages, name)).size / MB } : null;
}

const fmt = (value, digits = 1) => value.toFixed(digits);

try {
  // One start not counted: the first after a build also reads the binary from disk.
  await startOnce("warm-up");
  const starts = [];
  for (let run = 0; run < START_RUNS; run++) starts.push(await startOnce(run));
  const db = join(scratch, "people.db");
  const event = prepareEvent(cli, db, scratch);
  // Interleaved, so that a change in the machine's load during the run touches all three alike.
  const floor = [];
  const demo = [];
  const table = [];
  for (let run = 0; run < MEMORY_RUNS; run++) {
    floor.push(await floorOnce(run));
    demo.push(await demoOnce(run));
    table.push(await tableOnce(run, db, event));
  }
  const summary = (runs) => ({
    runs: runs.length,
    medianAloneMB: median(runs.map((m) => m.aloneMB)),
    medianAloneFileMB: median(runs.map((m) => m.aloneFileMB)),
    medianParts: Object.fromEntries(Object.keys(runs[0].parts).map((k) => [k, median(runs.map((m) => m.parts[k]))])),
    medianPssMB: median(runs.map((m) => m.pssMB)),
    medianRssMB: median(runs.map((m) => m.rssMB)),
    medianUssMB: median(runs.map((m) => m.ussMB)),
    lastRun: runs.at(-1).processes,
  });

  const results = {
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? "unknown",
      display: `Xvfb ${process.env.DISPLAY ?? "?"}, no GPU (software rendering)`,
      node: process.version,
    },
    start: {
      runs: starts.length,
      medianMs: median(starts.map(([measured]) => measured)),
      appReportedMedianMs: median(starts.map(([, reported]) => reported)),
      measuredMs: starts.map(([measured]) => Math.round(measured)),
    },
    memory: { floor: summary(floor), demo: summary(demo), table: summary(table) },
    sizes: {
      binaryMB: statSync(binary).size / MB,
      deb: sizeOf(".deb"),
      appImage: sizeOf(".AppImage"),
    },
  };
  writeFileSync(join(packages, "bench-app.json"), JSON.stringify(results, null, 2) + "\n");
  const { floor: f, demo: d, table: t } = results.memory;
  const demoOver = d.medianAloneMB - f.medianAloneMB;
  const tableOver = t.medianAloneMB - f.medianAloneMB;

  const installerMB = Math.max(results.sizes.deb?.MB ?? 0, results.sizes.appImage?.MB ?? 0);
  const rows = [
    ["start to first view (median of " + starts.length + ")", `${fmt(results.start.medianMs, 0)} ms`, `≤ ${BUDGET.startMs} ms`, results.start.medianMs <= BUDGET.startMs],
    [`the floor: a bare Tauri window, each page once (median of ${f.runs})`, `${fmt(f.medianAloneMB)} MB`, "", null],
    ["Muntada after the demo, each page once", `${fmt(d.medianAloneMB)} MB`, "", null],
    ["  over the floor", `+${fmt(demoOver)} MB`, `≤ +${BUDGET.demoOverFloorMB} MB`, demoOver <= BUDGET.demoOverFloorMB],
    ["Muntada, 100,000-person table scrolled, each page once", `${fmt(t.medianAloneMB)} MB`, "", null],
    ["  over the floor", `+${fmt(tableOver)} MB`, `≤ +${BUDGET.tableOverFloorMB} MB`, tableOver <= BUDGET.tableOverFloorMB],
    ["release binary", `${fmt(results.sizes.binaryMB)} MB`, `≤ ${BUDGET.binaryMB} MB`, results.sizes.binaryMB <= BUDGET.binaryMB],
    [".deb", results.sizes.deb ? `${fmt(results.sizes.deb.MB)} MB` : "missing", `≤ ${BUDGET.installerMB} MB`, !!results.sizes.deb && results.sizes.deb.MB <= BUDGET.installerMB],
    ["AppImage", results.sizes.appImage ? `${fmt(results.sizes.appImage.MB)} MB` : "not built", `≤ ${BUDGET.installerMB} MB`, results.sizes.appImage ? results.sizes.appImage.MB <= BUDGET.installerMB : null],
  ];
  console.log(`Machine: ${results.machine.cores} cores (${results.machine.cpu}), ${results.machine.display}`);
  console.log(`Start, each run (ms): ${results.start.measuredMs.join(", ")}; the app's own count from main(): median ${fmt(results.start.appReportedMedianMs, 0)} ms`);
  console.log("Memory, medians (MB): each page once / of which files' pages / PSS sum / RSS sum / USS sum");
  for (const [name, m] of [["floor", f], ["demo", d], ["table", t]]) {
    console.log(`  ${name.padEnd(6)} ${fmt(m.medianAloneMB)} / ${fmt(m.medianAloneFileMB)} / ${fmt(m.medianPssMB)} / ${fmt(m.medianRssMB)} / ${fmt(m.medianUssMB)}`);
  }
  console.log("Where the pages are, medians (MB; each page counted in the first process mapping it), floor → demo → table:");
  for (const part of Object.keys(f.medianParts)) {
    const [a, b, c] = [f, d, t].map((m) => m.medianParts[part]);
    console.log(`  ${part.padEnd(13)} ${fmt(a).padStart(6)} → ${fmt(b).padStart(6)} (${b >= a ? "+" : ""}${fmt(b - a)}) → ${fmt(c).padStart(6)} (${c >= a ? "+" : ""}${fmt(c - a)})`);
  }
  for (const [what, value, budget, ok] of rows) {
    console.log(`${ok === null ? "    " : ok ? "ok  " : "OVER"} ${what.padEnd(52)} ${value.padStart(10)}  ${budget}`);
  }
  console.log(`written to ${join(packages, "bench-app.json")}`);
  if (rows.some(([, , , ok]) => ok === false)) process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
