//! Check-in desks that keep working when the team database cannot be reached, against a real
//! PostgreSQL server stopped and started under them, through the `muntada desk` CLI as staff
//! with a laptop would use it. In `make test`'s PostgreSQL pass (each test starts a cluster of
//! its own, since they stop it); without `MUNTADA_TEST_PG` they say so and check nothing.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use muntada::store::{testing, TeamRole, TeamTarget};
use muntada::Store;

const DESK_PASSWORD: &str = "desk-login-pw";

fn url(t: &TeamTarget) -> String {
    format!("postgres://{}@{}:{}/{}", t.user, t.host, t.port, t.dbname)
}

/// A desk: its file, its name and its login's address.
struct Desk {
    file: PathBuf,
    name: &'static str,
    url: String,
}

impl Desk {
    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_muntada"));
        c.args(["--db", &self.url, "desk"])
            .args(args)
            .args(["--desk-file", self.file.to_str().unwrap()])
            .env("PGPASSWORD", DESK_PASSWORD)
            .env_remove("MUNTADA_DB")
            .env_remove("MUNTADA_DESK_FILE");
        c
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.command(args).stdin(Stdio::null()).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn status(&self) -> serde_json::Value {
        let out = self.command(&["status"]).arg("--json").stdin(Stdio::null()).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// A scanning session: codes written one a line, answers read one a line.
    fn scanner(&self) -> Scanner {
        let mut child = self
            .command(&["checkin", "--stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let answers = BufReader::new(child.stdout.take().unwrap());
        Scanner { child, answers }
    }
}

struct Scanner {
    child: Child,
    answers: BufReader<std::process::ChildStdout>,
}

impl Scanner {
    fn scan(&mut self, code: &str) -> String {
        writeln!(self.child.stdin.as_mut().unwrap(), "{code}").unwrap();
        let mut line = String::new();
        self.answers.read_line(&mut line).unwrap();
        line
    }

    fn finish(mut self) {
        drop(self.child.stdin.take());
        assert!(self.child.wait().unwrap().success());
    }
}

/// A cluster of the test's own (it is stopped and started), an event of `n` confirmed people,
/// and two prepared desks with registration logins of their own.
fn two_desks(dir: &Path, n: usize) -> Option<(testing::Cluster, muntada::Id, Vec<String>, Desk, Desk)> {
    if testing::server().is_none() {
        eprintln!("skipped: {} names no PostgreSQL server", testing::SERVER);
        return None;
    }
    let cluster = testing::Cluster::start();
    let pw = std::env::var("PGPASSWORD").unwrap_or_default();
    let mut store = Store::connect(&cluster.target, Some(&pw)).unwrap();
    let event = crate::forum(&mut store);
    let csv: String = std::iter::once("name,name_ar,email,status\n".to_owned())
        .chain((0..n).map(|i| format!("Person {i},شخص {i},p{i}@example.org,confirmed\n")))
        .collect();
    let outcome =
        store.write(|tx| muntada::participants::import_csv(tx, &event, csv.as_bytes(), chrono::Utc::now())).unwrap();
    assert!(matches!(outcome, muntada::participants::ImportOutcome::Imported { .. }), "{outcome:?}");
    let mut codes: Vec<(String, String)> = muntada::participants::list(&store, event.as_str())
        .unwrap()
        .into_iter()
        .map(|p| (p.name.en, p.badge_code))
        .collect();
    codes.sort_by_key(|(name, _)| name.split(' ').nth(1).and_then(|n| n.parse::<usize>().ok()));
    let codes = codes.into_iter().map(|(_, c)| c).collect();
    let desk = |login: &str, name: &'static str| {
        store.add_team_user(login, TeamRole::Registration, DESK_PASSWORD).unwrap();
        let target = TeamTarget { user: login.to_owned(), ..cluster.target.clone() };
        Desk { file: dir.join(format!("{login}.db")), name, url: url(&target) }
    };
    let (a, b) = (desk("desk_a", "Desk 1"), desk("desk_b", "Desk 3"));
    for d in [&a, &b] {
        let (code, out, err) = d.run(&["prepare", "--event", event.as_str(), "--desk", d.name]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains(&format!("{n} people")), "{out}");
    }
    Some((cluster, event, codes, a, b))
}

fn superuser(cluster: &testing::Cluster) -> postgres::Client {
    cluster.target.connect(std::env::var("PGPASSWORD").ok().as_deref()).unwrap()
}

/// Entries of the trail that moved a person to checked in, by person.
fn check_ins_in_trail(cluster: &testing::Cluster, event: &muntada::Id) -> Vec<(String, i64)> {
    superuser(cluster)
        .query(
            "SELECT entity_id, count(*) FROM audit_log WHERE event_id = $1 AND entity = 'participant'
               AND after LIKE '%\"status\":\"checked_in\"%'
               AND coalesce(before, '') NOT LIKE '%\"status\":\"checked_in\"%' GROUP BY entity_id",
            &[&event.as_str()],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect()
}

/// The scenario of the issue: two desks offline, 50 check-ins each, 10 of the same people, one
/// desk killed mid-queue, then both synced; `drop_during_replay` cuts the connection again and
/// again while the first desk sends its queue.
fn offline_morning(drop_during_replay: bool) {
    let dir = tempfile::tempdir().unwrap();
    let Some((cluster, event, codes, a, b)) = two_desks(dir.path(), 100) else { return };
    cluster.pause();

    // Desk 3 sees five of the shared people first; Desk 1 then scans its fifty (the other five
    // shared ones before Desk 3 does), and is killed half way through and started again.
    let mut b_scanner = b.scanner();
    for code in &codes[40..45] {
        assert!(b_scanner.scan(code).contains("offline"), "queued at the desk");
    }
    let mut a_scanner = a.scanner();
    for code in &codes[0..25] {
        let answer = a_scanner.scan(code);
        assert!(answer.starts_with("checked in") && answer.contains("offline"), "{answer}");
    }
    // Killed with the 26th scan under way: whether it reached the queue or not, scanning it again
    // at the restarted desk checks the person in once.
    writeln!(a_scanner.child.stdin.as_mut().unwrap(), "{}", codes[25]).unwrap();
    a_scanner.child.kill().unwrap();
    a_scanner.child.wait().unwrap();
    let mut a_scanner = a.scanner();
    for code in &codes[25..50] {
        let answer = a_scanner.scan(code);
        assert!(answer.starts_with("checked in") || answer.contains("waiting to be sent"), "{answer}");
    }
    a_scanner.finish();
    for code in &codes[45..90] {
        std::thread::sleep(Duration::from_millis(2));
        assert!(b_scanner.scan(code).contains("offline"));
    }
    // A second scan of someone already queued at the same desk is refused there.
    assert!(b_scanner.scan(&codes[60]).contains("already checked in"));
    b_scanner.finish();
    assert_eq!(a.status()["waiting"], 50);
    assert_eq!(b.status()["waiting"], 50);
    let (_, text, _) = a.run(&["status"]);
    assert!(text.contains("Offline since") && text.contains("50 check-ins waiting to be sent"), "{text}");

    cluster.resume();
    if drop_during_replay {
        // Every 20 ms, every connection but this one is cut, while Desk 1 sends its queue.
        let killer_target = cluster.target.clone();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopping = stop.clone();
        let killer = std::thread::spawn(move || {
            let mut client = killer_target.connect(std::env::var("PGPASSWORD").ok().as_deref()).unwrap();
            let mut cuts = 0;
            let started = Instant::now();
            while !stopping.load(std::sync::atomic::Ordering::SeqCst) && started.elapsed() < Duration::from_secs(60) {
                let rows = client
                    .query(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                         WHERE pid <> pg_backend_pid() AND backend_type = 'client backend' AND usename = 'desk_a'",
                        &[],
                    )
                    .unwrap();
                cuts += rows.len();
                std::thread::sleep(Duration::from_millis(20));
            }
            cuts
        });
        let mut runs = 0;
        loop {
            runs += 1;
            let (code, _, _) = a.run(&["sync"]);
            if code == 0 || runs == 5 {
                break;
            }
        }
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let cuts = killer.join().unwrap();
        assert!(cuts > 0, "the connection was cut during the replay");
    }
    for d in [&a, &b] {
        // Each desk syncs until its queue is empty (a run cut short is simply run again).
        let mut left = 10;
        loop {
            let (code, out, err) = d.run(&["sync"]);
            if code == 0 {
                assert!(out.contains("0 waiting"), "{out}");
                break;
            }
            left -= 1;
            assert!(left > 0, "{err}");
        }
    }
    // Desk 1 learns at its next sync that five of its scans were displaced by earlier ones.
    let (code, _, err) = a.run(&["sync"]);
    assert_eq!(code, 0, "{err}");

    let pw = std::env::var("PGPASSWORD").unwrap_or_default();
    let store = Store::connect(&cluster.target, Some(&pw)).unwrap();
    let people = muntada::participants::list(&store, event.as_str()).unwrap();
    let checked: Vec<_> = people.iter().filter(|p| p.status.as_str() == "checked_in").collect();
    assert_eq!(checked.len(), 90, "ninety people checked in");
    let trail = check_ins_in_trail(&cluster, &event);
    assert_eq!(trail.len(), 90, "every one of them in the trail");
    assert!(trail.iter().all(|(_, n)| *n == 1), "no one checked in twice in the trail: {trail:?}");

    let (sa, sb) = (a.status(), b.status());
    assert_eq!(sa["waiting"], 0);
    assert_eq!(sb["waiting"], 0);
    let conflicts: Vec<&serde_json::Value> =
        sa["conflicts"].as_array().unwrap().iter().chain(sb["conflicts"].as_array().unwrap()).collect();
    assert_eq!(conflicts.len(), 10, "{conflicts:#?}");
    let shared: Vec<&String> = codes[40..50].iter().collect();
    for c in &conflicts {
        assert!(shared.contains(&&c["code"].as_str().unwrap().to_owned()), "{c}");
        let result = &c["result"];
        assert_eq!(result["outcome"], "also_scanned", "{c}");
        // Both desks' times: this desk's scan, and the other desk's, which stands (earlier).
        let other = &result["other"];
        assert_ne!(other["desk"], c["desk"], "{c}");
        let (mine, theirs) = (c["scannedAt"].as_str().unwrap(), other["at"].as_str().unwrap());
        let (mine, theirs) = (
            chrono::DateTime::parse_from_rfc3339(mine).unwrap(),
            chrono::DateTime::parse_from_rfc3339(theirs).unwrap(),
        );
        assert!(theirs < mine, "the first scan by time stands: {c}");
    }
    assert_eq!(sa["conflicts"].as_array().unwrap().len(), 5, "Desk 3 was first for five: {sa}");
    assert_eq!(sb["conflicts"].as_array().unwrap().len(), 5, "Desk 1 was first for five: {sb}");
    let (_, text, _) = b.run(&["status"]);
    assert!(text.contains("also scanned at Desk 1 at"), "{text}");

    // The server names the desk that stands when someone is scanned again.
    let again = b.run(&["checkin", "--code", &codes[47]]);
    assert_ne!(again.0, 0);
    assert!(again.2.contains("already checked in") && again.2.contains("at Desk 1"), "{}", again.2);
}

#[test]
fn two_offline_desks_one_killed_mid_queue_check_in_ninety_once_each() {
    offline_morning(false);
}

#[test]
fn a_replay_whose_connection_keeps_dropping_ends_the_same() {
    offline_morning(true);
}

#[test]
fn people_declined_or_erased_while_a_desk_was_offline_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let Some((cluster, event, codes, a, _b)) = two_desks(dir.path(), 4) else { return };
    let pw = std::env::var("PGPASSWORD").unwrap_or_default();
    let mut store = Store::connect(&cluster.target, Some(&pw)).unwrap();
    let people = muntada::participants::list(&store, event.as_str()).unwrap();
    let by_code = |code: &str| people.iter().find(|p| p.badge_code == code).unwrap().id.clone();
    let now = chrono::Utc::now();
    // The desk's network is gone (--offline); meanwhile the office declines one and erases one.
    for code in &codes[0..3] {
        let (status, out, err) = a.run(&["checkin", "--offline", "--code", code]);
        assert_eq!(status, 0, "{err}");
        assert!(out.contains("offline"), "{out}");
    }
    store
        .write(|tx| {
            muntada::participants::set_status(
                tx,
                &event,
                &[by_code(&codes[0])],
                muntada::participants::ParticipantStatus::Declined,
                now,
            )
        })
        .unwrap();
    muntada::participants::erase(&mut store, &by_code(&codes[1]), now).unwrap();

    let (status, out, err) = a.run(&["sync"]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("sent 3 check-ins") && out.contains("2 to follow up"), "{out}");
    assert!(out.contains("refused — Person 0 declined"), "{out}");
    assert!(out.contains("was erased"), "{out}");
    let status = a.status();
    let reasons: Vec<&str> =
        status["conflicts"].as_array().unwrap().iter().map(|c| c["result"]["refusal"].as_str().unwrap()).collect();
    assert_eq!(reasons, ["declined", "erased"]);
    let after = muntada::participants::list(&store, event.as_str()).unwrap();
    let status_of = |code: &str| after.iter().find(|p| p.badge_code == code).unwrap().status.as_str();
    assert_eq!(status_of(&codes[0]), "declined");
    assert_eq!(status_of(&codes[1]), "confirmed", "an erased person is not checked in");
    assert_eq!(status_of(&codes[2]), "checked_in");
    // Sending again changes nothing: each scan is applied once.
    let (status, out, _) = a.run(&["sync"]);
    assert_eq!(status, 0);
    assert!(out.contains("sent 0 check-ins"), "{out}");
    assert_eq!(check_ins_in_trail(&cluster, &event).len(), 1);
}

#[test]
fn a_desk_not_prepared_or_for_another_event_says_so_and_queues_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let Some((_cluster, _event, codes, a, _b)) = two_desks(dir.path(), 2) else { return };
    let fresh = Desk { file: dir.path().join("fresh.db"), name: "Desk 9", url: a.url.clone() };
    let (status, _, err) = fresh.run(&["checkin", "--offline", "--code", &codes[0]]);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("not prepared"), "{err}");
    let (status, _, err) = a.run(&["checkin", "--offline", "--event", "00000000-0000", "--code", &codes[0]]);
    assert_ne!(status, 0);
    assert!(err.contains("prepared for Doha Forum"), "{err}");
    let (status, _, err) = a.run(&["checkin", "--offline", "--code", "ZZZZ9999"]);
    assert_eq!(status, 4, "{err}");
    assert_eq!(a.status()["waiting"], 0, "nothing queued");
    let (status, _, err) = a.run(&["prepare", "--event", "not-an-id", "--desk", "x"]);
    assert_ne!(status, 0, "{err}");
    let (status, _, err) = a.run(&["prepare", "--event", _event.as_str(), "--desk", "a\nb"]);
    assert_eq!(status, 2, "{err}");
}
