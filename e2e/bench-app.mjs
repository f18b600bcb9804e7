// `make bench-app`: the release build against the budget of issue 9, under Xvfb.
//   start   process start to the first view on screen: the bench spawns the binary and waits for
//           the line the app prints when the UI reports its first view (the `app_ready`
//           command, called after the view's first frame). Each run has a fresh data file and
//           WebKit profile; the system's file cache is warm (it is not dropped).
//   memory  after opening the demo forum through WebDriver, the app's process and all its
//           descendants (WebKit's web and network processes), from /proc: the sum of PSS (each
//           shared page divided among the processes that map it: the budget's measure), of RSS
//           (shared pages counted in every process) and of USS (pages no other process maps:
//           what quitting the app gives back). PSS and RSS include the system's WebKitGTK, GTK
//           and Mesa libraries, so PSS and USS also depend on what else runs that maps them
//           (another WebKit app, another test run on a shared machine). So the budget is judged
//           on the app's resident pages each counted once (physical frames from
//           /proc/PID/pagemap, which needs root): the PSS sum the app would have if it ran alone.
//   sizes   the release binary, the .deb, the AppImage.
// Prints a table, writes target/package/bench-app.json, exits 1 when a median is over budget.

import { spawn } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, readlinkSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Driver } from "./webdriver.mjs";
import { median } from "./stats.mjs";

const root = resolve(import.meta.dirname, "..");
const binary = realpathSync(join(root, "target/release/muntada-desktop"));
const packages = join(root, "target/package");
const START_RUNS = Number(process.env.BENCH_START_RUNS ?? 7);
const MEMORY_RUNS = Number(process.env.BENCH_MEMORY_RUNS ?? 5);
const MB = 1024 * 1024;
const BUDGET = { startMs: 1000, memoryMB: 150, binaryMB: 15, installerMB: 20 };

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

/** The app's process (found by its executable) and all its descendants. */
function appProcesses() {
  const pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name)).map(Number);
  const exe = (pid) => {
    try {
      return readlinkSync(`/proc/${pid}/exe`);
    } catch {
      return null;
    }
  };
  const apps = pids.filter((pid) => exe(pid) === binary);
  if (apps.length !== 1) throw new Error(`expected one running ${binary}, found ${apps.length}`);
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
 * frame → whether it holds a file's page (libraries, fonts, the binary) or shared memory.
 */
function residentFrames(pid, frames) {
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
          if (entry >> 63n) frames.set(entry & ((1n << 55n) - 1n), Boolean((entry >> 61n) & 1n));
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

async function memoryOnce(run) {
  const app = await Driver.start({ application: binary, port: 4464, nativePort: 4465, env: freshEnv(`memory-${run}`) });
  try {
    await (await app.find("open-demo", { timeout: 20_000 })).click();
    await app.find("pledge-total", { timeout: 20_000 });
    await sleep(2000); // let the page settle: images decoded, caches filled
    const processes = appProcesses().map((pid) => ({
      pid,
      name: readFileSync(`/proc/${pid}/comm`, "utf8").trim(),
      pssMB: kilobytes(`/proc/${pid}/smaps_rollup`, "Pss") / 1024,
      rssMB: kilobytes(`/proc/${pid}/status`, "VmRSS") / 1024,
      ussMB:
        (kilobytes(`/proc/${pid}/smaps_rollup`, "Private_Clean") + kilobytes(`/proc/${pid}/smaps_rollup`, "Private_Dirty")) / 1024,
    }));
    const frames = new Map();
    for (const { pid } of processes) residentFrames(pid, frames);
    if (frames.has(0n) || frames.size === 0) throw new Error("no physical frames in pagemap: run the bench as root");
    const filePages = [...frames.values()].filter(Boolean).length;
    return {
      processes,
      aloneMB: (frames.size * PAGE) / MB,
      aloneFileMB: (filePages * PAGE) / MB,
      pssMB: processes.reduce((sum, p) => sum + p.pssMB, 0),
      rssMB: processes.reduce((sum, p) => sum + p.rssMB, 0),
      ussMB: processes.reduce((sum, p) => sum + p.ussMB, 0),
    };
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
  const memory = [];
  for (let run = 0; run < MEMORY_RUNS; run++) memory.push(await memoryOnce(run));

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
    memory: {
      runs: memory.length,
      medianAloneMB: median(memory.map((m) => m.aloneMB)),
      medianAloneFileMB: median(memory.map((m) => m.aloneFileMB)),
      medianPssMB: median(memory.map((m) => m.pssMB)),
      medianRssMB: median(memory.map((m) => m.rssMB)),
      medianUssMB: median(memory.map((m) => m.ussMB)),
      lastRun: memory.at(-1).processes,
    },
    sizes: {
      binaryMB: statSync(binary).size / MB,
      deb: sizeOf(".deb"),
      appImage: sizeOf(".AppImage"),
    },
  };
  writeFileSync(join(packages, "bench-app.json"), JSON.stringify(results, null, 2) + "\n");

  const installerMB = Math.max(results.sizes.deb?.MB ?? 0, results.sizes.appImage?.MB ?? 0);
  const rows = [
    ["start to first view (median of " + starts.length + ")", `${fmt(results.start.medianMs, 0)} ms`, `≤ ${BUDGET.startMs} ms`, results.start.medianMs <= BUDGET.startMs],
    ["memory after the demo, each page once (median of " + memory.length + ")", `${fmt(results.memory.medianAloneMB)} MB`, `≤ ${BUDGET.memoryMB} MB`, results.memory.medianAloneMB <= BUDGET.memoryMB],
    ["  of which files' pages: libraries, fonts, the binary", `${fmt(results.memory.medianAloneFileMB)} MB`, "(shared with other programs)", null],
    ["memory after the demo, PSS sum (median of " + memory.length + ")", `${fmt(results.memory.medianPssMB)} MB`, "(shared pages divided)", null],
    ["memory after the demo, RSS sum (median of " + memory.length + ")", `${fmt(results.memory.medianRssMB)} MB`, "(shared pages in each process)", null],
    ["memory after the demo, USS sum (median of " + memory.length + ")", `${fmt(results.memory.medianUssMB)} MB`, "(private to the app)", null],
    ["release binary", `${fmt(results.sizes.binaryMB)} MB`, `≤ ${BUDGET.binaryMB} MB`, results.sizes.binaryMB <= BUDGET.binaryMB],
    [".deb", results.sizes.deb ? `${fmt(results.sizes.deb.MB)} MB` : "missing", `≤ ${BUDGET.installerMB} MB`, !!results.sizes.deb && results.sizes.deb.MB <= BUDGET.installerMB],
    ["AppImage", results.sizes.appImage ? `${fmt(results.sizes.appImage.MB)} MB` : "not built", `≤ ${BUDGET.installerMB} MB`, results.sizes.appImage ? results.sizes.appImage.MB <= BUDGET.installerMB : null],
  ];
  console.log(`Machine: ${results.machine.cores} cores (${results.machine.cpu}), ${results.machine.display}`);
  console.log(`Start, each run (ms): ${results.start.measuredMs.join(", ")}; the app's own count from main(): median ${fmt(results.start.appReportedMedianMs, 0)} ms`);
  console.log(
    "Memory, last run: " +
      results.memory.lastRun.map((p) => `${p.name} ${fmt(p.pssMB)} PSS / ${fmt(p.rssMB)} RSS / ${fmt(p.ussMB)} USS`).join("; ") +
      " (MB)",
  );
  for (const [what, value, budget, ok] of rows) {
    console.log(`${ok === null ? "    " : ok ? "ok  " : "OVER"} ${what.padEnd(52)} ${value.padStart(10)}  ${budget}`);
  }
  console.log(`written to ${join(packages, "bench-app.json")}`);
  if (rows.some(([, , , ok]) => ok === false)) process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
