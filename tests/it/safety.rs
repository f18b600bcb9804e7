//! What happens when the database cannot be written: another program holds it, the disk or
//! folder is read-only, the disk is full. Each must be a clear message, and nothing may be
//! half written.
//!
//! The read-only and disk-full cases mount a small tmpfs when the tests run as root (CI does),
//! because permission bits do not stop root. Not root, the read-only case uses permission bits
//! for the database; what needs a mount (the disk-full case, a backup into a read-only file
//! system) fails, saying why, unless `MUNTADA_TEST_WITHOUT_ROOT=1` asks to skip it: see
//! `can_mount`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use rusqlite::Connection;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn muntada(db: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_muntada")).arg("--db").arg(db).args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn event(db: &Path) -> String {
    let run = muntada(
        db,
        &["event", "create", "--title", "Forum", "--start", "2025-05-20", "--end", "2025-05-20", "--timezone", "UTC"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout.trim().to_owned()
}

fn participants(db: &Path) -> i64 {
    let conn = Connection::open(db).unwrap();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    conn.query_row("SELECT count(*) FROM participants", [], |r| r.get(0)).unwrap()
}

fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

/// The variable that skips, with a printed line, what needs root.
const WITHOUT_ROOT: &str = "MUNTADA_TEST_WITHOUT_ROOT";

/// Whether `what` can mount its tmpfs, i.e. the tests run as root. Not root, a returned `false`
/// would let the test pass without testing anything, so that is a failure, naming the reason,
/// unless the person said they know (`MUNTADA_TEST_WITHOUT_ROOT=1`): then the skip is printed.
/// As root (CI), a mount that fails fails the test (`Tmpfs::mount`), never a skip.
fn can_mount(what: &str) -> bool {
    if is_root() {
        return true;
    }
    if std::env::var_os(WITHOUT_ROOT).is_some_and(|v| v == "1") {
        eprintln!("SKIPPED {what}: it mounts a small tmpfs, which needs root ({WITHOUT_ROOT}=1)");
        return false;
    }
    panic!(
        "{what} mounts a small tmpfs, which needs root, and the tests do not run as root. \
         Run them as root (CI does), or set {WITHOUT_ROOT}=1 to skip this case knowingly."
    );
}

/// A tmpfs mounted for one test, unmounted when dropped (even when the test fails).
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Tmpfs {
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0755"), "muntada-test"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "mounting a tmpfs failed although the tests run as root (a container without \
             CAP_SYS_ADMIN?): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Tmpfs { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount_read_only(&self) {
        let status = Command::new("mount").args(["-o", "remount,ro"]).arg(self.path()).status().unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.dir.path()).status();
    }
}

#[test]
fn a_second_writer_waits_then_says_the_database_is_busy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("muntada.db");
    let event = event(&db);
    // Another program holds the write lock.
    let holder = Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();

    let started = Instant::now();
    let run = muntada(&db, &["--wait", "0.5", "participant", "add", "--event", &event, "--name", "Amina"]);
    let waited = started.elapsed();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("the database is busy") && run.stderr.contains("nothing was written"),
        "{}",
        run.stderr
    );
    assert!(waited >= Duration::from_millis(500), "it gave up after {waited:?} instead of waiting");

    // The same through the environment, as JSON for scripts.
    let out = Command::new(env!("CARGO_BIN_EXE_muntada"))
        .env("MUNTADA_WAIT", "0.2")
        .arg("--db")
        .arg(&db)
        .args(["--json", "participant", "add", "--event", &event, "--name", "Amina"])
        .output()
        .unwrap();
    let error: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!((error["code"].as_str(), error["reason"].as_str()), (Some("storage"), Some("busy")));

    // Once the other program is done, the same command works.
    holder.execute_batch("COMMIT").unwrap();
    let run = muntada(&db, &["participant", "add", "--event", &event, "--name", "Amina"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(participants(&db), 1);
}

#[test]
fn a_read_only_database_is_a_clear_error_and_stays_untouched() {
    let root = is_root();
    let tmpfs = root.then(|| Tmpfs::mount("8m"));
    let plain = tempfile::tempdir().unwrap();
    let dir: PathBuf = tmpfs.as_ref().map_or(plain.path(), Tmpfs::path).to_owned();
    let db = dir.join("muntada.db");
    let event = event(&db);
    assert_eq!(muntada(&db, &["participant", "add", "--event", &event, "--name", "Before"]).code, 0);
    let bytes = std::fs::read(&db).unwrap();
    match &tmpfs {
        Some(fs) => fs.remount_read_only(),
        None => {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        }
    }

    let run = muntada(&db, &["participant", "add", "--event", &event, "--name", "After"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("read-only"), "{}", run.stderr);
    let run = muntada(&db, &["--json", "event", "list"]);
    let error: serde_json::Value = serde_json::from_str(run.stderr.trim()).unwrap();
    assert_eq!(error["reason"], "read_only");
    let run = muntada(&dir.join("other.db"), &["event", "list"]);
    assert_eq!(run.code, 1, "a new database in a read-only folder: {}", run.stdout);
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "the file was modified");

    if tmpfs.is_none() {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // A backup into a read-only file system says so too (from a writable copy of the database).
    if can_mount("a_read_only_database_is_a_clear_error_and_stays_untouched (a backup onto a read-only disk)") {
        let fs = tmpfs.as_ref().expect("mounted as root");
        let writable = plain.path().join("copy.db");
        std::fs::copy(&db, &writable).unwrap();
        let run = muntada(&writable, &["backup", "--out", fs.path().join("backup.db").to_str().unwrap()]);
        assert_eq!(run.code, 1);
        assert!(run.stderr.contains("read-only") || run.stderr.contains("Read-only"), "{}", run.stderr);
    }
}

#[test]
fn a_full_disk_stops_an_import_with_nothing_half_written() {
    if !can_mount("a_full_disk_stops_an_import_with_nothing_half_written") {
        return;
    }
    let fs = Tmpfs::mount("16m");
    let db = fs.path().join("muntada.db");
    let event = event(&db);
    let outside = tempfile::tempdir().unwrap();
    let csv = outside.path().join("people.csv");
    let mut text = String::from("name,email\n");
    for i in 0..8000 {
        text.push_str(&format!("Person {i},person{i}@example.org\n"));
    }
    std::fs::write(&csv, text).unwrap();
    // Leave about 1 MB free: far less than 8,000 participants need.
    let filler = fs.path().join("filler");
    let free = free_bytes(fs.path());
    std::fs::write(&filler, vec![0u8; (free - 1024 * 1024) as usize]).unwrap();

    let run = muntada(&db, &["participant", "import", "--event", &event, csv.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{} {}", run.stdout, run.stderr);
    assert!(run.stderr.contains("disk is full") && run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(participants(&db), 0, "part of the import was written");

    // With space again, the same import goes through whole.
    std::fs::remove_file(&filler).unwrap();
    let run = muntada(&db, &["participant", "import", "--event", &event, csv.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(participants(&db), 8000);
}

/// Free bytes on the file system holding `dir`.
fn free_bytes(dir: &Path) -> u64 {
    let out = Command::new("df").args(["-B1", "--output=avail"]).arg(dir).output().unwrap();
    String::from_utf8(out.stdout).unwrap().lines().nth(1).unwrap().trim().parse().unwrap()
}
