//! Atomic writes, tested the way SQLite is: the real `muntada` binary imports a large CSV and
//! is killed with SIGKILL at random moments, 200 times. After each kill the database must pass
//! `integrity_check` and `foreign_key_check`, and hold either none of the import or all of it.
//!
//! Half of the moments are drawn within the import's duration, measured first on this machine;
//! the other half follow the start of the commit's writing to the log, the moment that matters
//! most and a short one, since an import's pages stay in SQLite's cache until it commits. The
//! seed is printed; `MUNTADA_KILL_SEED=n` replays a run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;

const KILLS: usize = 200;
/// Rows in the file. A debug build imports 3,000 rows (and their audit entries) in about a third
/// of a second on a 2-core machine, which keeps 200 kills well within a minute (20,000 rows take
/// seven times as long, 200 kills then about four minutes). The commit writes a few megabytes
/// to the log, so a good share of the kills land while it is being written (counted below as
/// "in the middle of writing": log frames on disk, yet no commit).
const ROWS: usize = 3_000;

/// Kills run in two lanes at once, each on its own copy of the database: on two cores that
/// halves the wall time, and the imports are measured two at a time too.
const LANES: usize = 2;

struct Fixture {
    dir: tempfile::TempDir,
    base: PathBuf,
    csv: PathBuf,
    event: String,
}

/// One lane's database, reset to the base before each run.
struct Lane<'f> {
    fixture: &'f Fixture,
    work: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("base.db");
        let out = muntada(&base, &["event", "create", "--title", "Kill test", "--start", "2025-05-20"])
            .args(["--end", "2025-05-21", "--timezone", "Asia/Qatar"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let event = String::from_utf8(out.stdout).unwrap().trim().to_owned();
        // A few participants before the import, so "before" is not simply zero.
        let out =
            muntada(&base, &["participant", "add", "--event", &event, "--name", "Already here"]).output().unwrap();
        assert!(out.status.success());
        let csv = dir.path().join("participants.csv");
        std::fs::write(&csv, participants_csv(ROWS)).unwrap();
        Fixture { dir, base, csv, event }
    }

    fn lane(&self, index: usize) -> Lane<'_> {
        Lane { fixture: self, work: self.dir.path().join(format!("work-{index}.db")) }
    }
}

impl Lane<'_> {
    /// The work database back to the base state, with no log left from the previous run.
    fn reset(&self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.work.display()));
        }
        std::fs::copy(&self.fixture.base, &self.work).unwrap();
    }

    fn import(&self) -> Command {
        let mut command = muntada(&self.work, &["participant", "import", "--event", &self.fixture.event]);
        command.arg(&self.fixture.csv).stdout(Stdio::null()).stderr(Stdio::null());
        command
    }

    fn wal_len(&self) -> u64 {
        std::fs::metadata(format!("{}-wal", self.work.display())).map_or(0, |m| m.len())
    }
}

fn muntada(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_muntada"));
    command.arg("--db").arg(db).args(args);
    command
}

fn participants_csv(rows: usize) -> String {
    let mut csv = String::from("name,name_ar,email,organisation,country,category,status\n");
    for i in 0..rows {
        csv.push_str(&format!(
            "Participant {i},مشارك {i},person{i}@example.org,\"Ministry {}, Department {i}\",QA,member_state,confirmed\n",
            i % 40
        ));
    }
    csv
}

/// What a check of the killed database found.
fn check(db: &Path) -> i64 {
    let conn = Connection::open(db).unwrap();
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(integrity, ["ok"], "integrity_check after a kill");
    let broken: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(broken, 0, "foreign_key_check after a kill");
    let people: i64 = conn.query_row("SELECT count(*) FROM participants", [], |r| r.get(0)).unwrap();
    // The people added by hand have their own entry each; those imported point to the import's
    // one entry, written in the same transaction as they were.
    let untraced: i64 = conn
        .query_row(
            "SELECT count(*) FROM participants p WHERE NOT EXISTS
                 (SELECT 1 FROM audit_log a WHERE (a.entity = 'import' AND a.entity_id = p.import_id)
                     OR (a.entity = 'participant' AND a.entity_id = p.id))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(untraced, 0, "every participant has its audit entry, or its import's, in the same transaction");
    let imported: i64 =
        conn.query_row("SELECT count(*) FROM participants WHERE import_id IS NOT NULL", [], |r| r.get(0)).unwrap();
    let imports: i64 =
        conn.query_row("SELECT count(*) FROM audit_log WHERE entity = 'import'", [], |r| r.get(0)).unwrap();
    assert_eq!(imports, i64::from(imported > 0), "one entry for the import, or none");
    people
}

/// A small xorshift generator: reproducible from its printed seed, no dependency.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A duration in `[0, max)`.
    fn below(&mut self, max: Duration) -> Duration {
        max.mul_f64((self.next() % 1_000_000) as f64 / 1_000_000.0)
    }
}

/// What the kills of one lane found.
#[derive(Default)]
struct Tally {
    nothing: usize,
    interrupted: usize,
    everything: usize,
}

#[test]
fn an_import_killed_at_any_moment_leaves_all_or_nothing() {
    let started = Instant::now();
    let fixture = Fixture::new();
    let lanes: Vec<Lane<'_>> = (0..LANES).map(|i| fixture.lane(i)).collect();
    lanes[0].reset();
    let before = check(&lanes[0].work);
    let after = before + ROWS as i64;

    // The import's duration on this machine, with the lanes importing at the same time.
    let duration = std::thread::scope(|scope| {
        let timers: Vec<_> = lanes
            .iter()
            .map(|lane| {
                scope.spawn(move || {
                    lane.reset();
                    let timer = Instant::now();
                    assert!(lane.import().status().unwrap().success(), "the import itself must work");
                    let took = timer.elapsed();
                    assert_eq!(check(&lane.work), after);
                    took
                })
            })
            .collect();
        timers.into_iter().map(|t| t.join().unwrap()).max().unwrap()
    });

    let seed = std::env::var("MUNTADA_KILL_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    }) | 1;
    // Slightly past the measured end, so that some kills land after the commit too.
    let window = duration.mul_f64(1.1);
    let tallies: Vec<Tally> = std::thread::scope(|scope| {
        let runs: Vec<_> = lanes
            .iter()
            .enumerate()
            .map(|(index, lane)| {
                scope.spawn(move || {
                    let mut random = Random(seed.wrapping_add(index as u64 * 0x9e37_79b9) | 1);
                    let mut tally = Tally::default();
                    for run in 0..KILLS / LANES {
                        lane.reset();
                        let mut child = lane.import().spawn().unwrap();
                        let delay = if run % 2 == 0 {
                            let delay = random.below(window);
                            std::thread::sleep(delay);
                            delay
                        } else {
                            // As soon as log frames reach the disk, and up to 2 ms later.
                            let timer = Instant::now();
                            while lane.wal_len() <= 32 && child.try_wait().unwrap().is_none() {
                                std::thread::sleep(Duration::from_micros(50));
                            }
                            std::thread::sleep(random.below(Duration::from_millis(2)));
                            timer.elapsed()
                        };
                        let _ = child.kill(); // SIGKILL; an error means it had already finished
                        child.wait().unwrap();
                        let log_written = lane.wal_len() > 32;
                        let count = check(&lane.work);
                        assert!(
                            count == before || count == after,
                            "lane {index} run {run} (seed {seed}, kill after {delay:?}): {count} participants, \
                             expected {before} or {after}"
                        );
                        match (count == after, log_written) {
                            (true, _) => tally.everything += 1,
                            (false, true) => tally.interrupted += 1,
                            (false, false) => tally.nothing += 1,
                        }
                    }
                    tally
                })
            })
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    });
    let sum = |f: fn(&Tally) -> usize| tallies.iter().map(f).sum::<usize>();
    let (nothing, interrupted, everything) = (sum(|t| t.nothing), sum(|t| t.interrupted), sum(|t| t.everything));
    assert_eq!(nothing + interrupted + everything, KILLS);
    eprintln!(
        "kill test: seed {seed}, import of {ROWS} rows takes {duration:?} ({LANES} at once); {KILLS} kills: \
         {nothing} before any write, {interrupted} in the middle of writing, {everything} after the commit; \
         {:?} in all",
        started.elapsed()
    );
    // A test that never killed a write in progress would prove nothing.
    assert!(interrupted >= 10, "only {interrupted} kills landed while the import was writing");
}
