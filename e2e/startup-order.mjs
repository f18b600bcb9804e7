// `make startup-order`: writes src-tauri/startup-order.txt, the functions of the desktop binary
// that run from its start until an event is open (the demo forum's overview, then its
// participants), one symbol name per line. The release link (src-tauri/build.rs) hands the file
// to the linker, which places those functions together at the start of the code. The kernel
// maps a program's code 64 KB around each page it runs, so ~2.5 MB of start-up code spread over
// 9 MB kept ~6.8 MB of it in memory; packed, it keeps about what it runs (README, "Budget").
//
// How: the release binary itself (symbol names carry hashes of the build's settings, so another
// build's would not match) is linked with a map of every function's address (MUNTADA_LINK_MAP,
// src-tauri/build.rs) and runs under valgrind's callgrind, driven through WebDriver under Xvfb.
// Callgrind lists the address of every instruction that ran, in every thread; the map names the
// function each lies in. WebKit's processes are not traced (their code is not ours to place).
// Names change when the code or the compiler does: names the linker does not find are skipped,
// so an old file places less, never wrongly. Run it again after upgrades.

import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, readdirSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Driver } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "..");
const binary = realpathSync(join(root, "target/release/muntada-desktop"));
const linkMap = join(root, "target/release/muntada-desktop.map");
const output = join(root, "src-tauri/startup-order.txt");
const scratch = mkdtempSync(join(tmpdir(), "muntada-order-"));

// tauri-driver starts the "application" it is given: a script that starts the binary under
// callgrind, counting by instruction address.
const wrapper = join(scratch, "under-callgrind.sh");
writeFileSync(
  wrapper,
  `#!/bin/sh\nexec valgrind --tool=callgrind --callgrind-out-file=${scratch}/callgrind.%p.out ` +
    `--dump-line=no --dump-instr=yes --compress-strings=no --compress-pos=no ` +
    `--trace-children=no ${binary} "$@"\n`,
);
chmodSync(wrapper, 0o755);

const env = { MUNTADA_DB: join(scratch, "muntada.db"), XDG_DATA_HOME: join(scratch, "data"), XDG_CONFIG_HOME: join(scratch, "config") };
const app = await Driver.start({ application: wrapper, port: 4474, nativePort: 4475, env });
try {
  // Under valgrind everything is ~30 times slower.
  await (await app.find("open-demo", { timeout: 300_000 })).click();
  await app.find("pledge-total", { timeout: 300_000 });
  const event = await app.script("return location.hash.split('/')[2];");
  await app.script(`location.hash = '#/events/${event}/participants';`);
  await app.find("participant-row", { timeout: 300_000 });
  await sleep(3000);
  // Written now, while the app runs: stopping it does not give callgrind time to write.
  execFileSync("callgrind_control", ["--dump"], { stdio: "inherit" });
  await sleep(3000);
} finally {
  await app.stop();
}

/**
 * The link map's functions, each in a section of its own named after it (`.text.NAME`, or
 * `.text.unlikely.NAME` for code the compiler expects to be cold): [address, size, NAME].
 */
const PREFIXES = new Set(["unlikely", "hot", "startup", "exit"]);

function functions() {
  const found = [];
  for (const line of readFileSync(linkMap, "utf8").split("\n")) {
    const f = /^\s*([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+\s+\S+:\(\.text\.(?:unlikely\.|hot\.|startup\.|exit\.)?(.+)\)\s*$/.exec(line);
    // `.text.startup` and the like hold code of no one function (C's constructors): no name.
    if (f && !PREFIXES.has(f[3])) found.push([parseInt(f[1], 16), parseInt(f[2], 16), f[3]]);
  }
  return found.sort((a, b) => a[0] - b[0]);
}

const sections = functions();
function symbolAt(address) {
  let lo = 0;
  let hi = sections.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sections[mid][0] <= address) lo = mid;
    else hi = mid - 1;
  }
  const [start, size, name] = sections[lo];
  return start <= address && address < start + size ? name : null;
}

// Callgrind gives the addresses of a program's instructions as the link placed them (not where
// this run loaded it), as the map does.
const names = new Set();
let outside = 0;
let inside = 0;
for (const file of readdirSync(scratch).filter((name) => /^callgrind\.\d+\.out\.\d+$/.test(name))) {
  let ours = false;
  for (const line of readFileSync(join(scratch, file), "utf8").split("\n")) {
    if (line.startsWith("ob=")) ours = line.slice(3).trim() === binary;
    else if (ours && line.startsWith("0x")) {
      const name = symbolAt(parseInt(line.split(" ")[0], 16));
      if (name) {
        names.add(name);
        inside++;
      } else outside++;
    }
  }
}
if (outside > inside / 50) throw new Error(`${outside} of ${inside + outside} instructions are in no function of the map: is it this build's?`);
if (names.size < 1000) throw new Error(`only ${names.size} functions of ${binary} ran: was it traced?`);
writeFileSync(output, [...names].sort().join("\n") + "\n");
console.log(`${names.size} functions written to ${output}`);
