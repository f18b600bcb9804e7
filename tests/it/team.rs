//! Team mode against a real PostgreSQL server: `team init`, `team snapshot`, logins in roles
//! that the server enforces, and the failures a desk meets (a wrong password, no server).
//!
//! These run in `make test`'s PostgreSQL pass (`MUNTADA_TEST_PG`, see tests/pg-cluster.sh);
//! without a server they say so and check nothing, and the SQLite pass runs them that way.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use muntada::store::{testing, transfer, TeamRole, TeamTarget};
use muntada::{Reason, Store};

/// A new, empty database on the test server, and the server's superuser address for it.
fn empty_database() -> Option<TeamTarget> {
    let Some(server) = testing::server() else {
        eprintln!("skipped: {} names no PostgreSQL server", testing::SERVER);
        return None;
    };
    let name = format!("team_{}", uuid::Uuid::new_v4().simple());
    let mut admin = server.connect(server.password_from_environment().as_deref()).unwrap();
    admin.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
    Some(TeamTarget { dbname: name, options: None, ..server })
}

fn url(t: &TeamTarget) -> String {
    format!("postgres://{}@{}:{}/{}", t.user, t.host, t.port, t.dbname)
}

/// Runs the CLI with `password` in PGPASSWORD (never on the command line).
fn muntada(password: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_muntada"))
        .args(args)
        .env("PGPASSWORD", password)
        .env_remove("MUNTADA_DB")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn superuser_password() -> String {
    std::env::var("PGPASSWORD").unwrap_or_default()
}

/// The demo forum in a laptop's file.
fn laptop_file(dir: &std::path::Path) -> std::path::PathBuf {
    let file = dir.join("laptop.db");
    let (code, _, err) = muntada("", &["--db", file.to_str().unwrap(), "demo"]);
    assert_eq!(code, 0, "{err}");
    file
}

/// Every row of every table, as text, in a stable order: what a copy must keep.
fn dump(file: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(file).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = Vec::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| Ok((0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join("|")))
            .unwrap()
            .map(|r| format!("{table}: {}", r.unwrap()))
            .collect();
        if table != "session_speakers" {
            rows.sort();
        }
        out.extend(rows);
    }
    out
}

#[test]
fn a_laptop_file_goes_to_the_team_and_comes_back_the_same() {
    let Some(target) = empty_database() else { return };
    let dir = tempfile::tempdir().unwrap();
    let laptop = laptop_file(dir.path());
    let pw = superuser_password();

    let (code, out, err) = muntada(&pw, &["team", "init", &url(&target), "--from", laptop.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 events") && out.contains("participants copied"), "{out}");

    // A second init would mix two teams' data: refused, naming the database.
    let (code, _, err) = muntada(&pw, &["team", "init", &url(&target)]);
    assert_ne!(code, 0);
    assert!(err.contains("already holds Muntada's data"), "{err}");

    let back = dir.path().join("snapshot.db");
    let (code, _, err) = muntada(&pw, &["team", "snapshot", &url(&target), "--out", back.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (before, after) = (dump(&laptop), dump(&back));
    assert!(before.len() > 200, "the demo has data: {}", before.len());
    assert_eq!(before, after, "every row of every table comes back as it went");
    // The snapshot is a Muntada file like any other.
    let store = Store::open(&back).unwrap();
    assert_eq!(muntada::event::list(&store).unwrap().len(), 1);

    // A snapshot never overwrites a file.
    let (code, _, err) = muntada(&pw, &["team", "snapshot", &url(&target), "--out", back.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("exists"), "{err}");
}

#[test]
fn each_role_writes_only_its_own_tables_and_the_trail_names_the_login() {
    let Some(target) = empty_database() else { return };
    let dir = tempfile::tempdir().unwrap();
    let laptop = laptop_file(dir.path());
    let pw = superuser_password();
    let (_, copied) = transfer::init(&target, Some(&pw), Some(&laptop)).unwrap();
    assert_eq!(copied.events, 1);

    let suffix = &uuid::Uuid::new_v4().simple().to_string()[..8];
    let desk = format!("desk-{suffix}");
    let coordinator = format!("coord-{suffix}");
    let admin = Store::connect(&target, Some(&pw)).unwrap();
    admin.add_team_user(&desk, TeamRole::Registration, "desk-password").unwrap();
    admin.add_team_user(&coordinator, TeamRole::Coordinator, "coordinator-password").unwrap();
    let users = admin.team_users().unwrap();
    assert!(users.iter().any(|u| u.name == desk && u.role == TeamRole::Registration), "{users:?}");
    assert!(admin.add_team_user(&desk, TeamRole::Admin, "another-password").is_err(), "a login is added once");
    assert!(admin.add_team_user("Robert'); DROP TABLE pledges;--", TeamRole::Admin, "whatever-1").is_err());

    let as_login = |name: &str| TeamTarget { user: name.to_owned(), ..target.clone() };
    let event = muntada::event::list(&admin).unwrap()[0].id.clone();
    let mut desk_store = Store::connect(&as_login(&desk), Some("desk-password")).unwrap();
    let people = muntada::participants::list(&desk_store, event.as_str()).unwrap();
    let person = people.iter().find(|p| p.status.as_str() == "confirmed").expect("a confirmed person").clone();
    let now = chrono::Utc::now();
    desk_store.write(|tx| muntada::participants::check_in(tx, &event, &person.badge_code, now)).unwrap();

    // The desk may not touch pledges: the server refuses, whatever the app would have shown.
    let pledge = muntada::pledges::list(&desk_store, event.as_str()).unwrap()[0].id.clone();
    let refused = desk_store.write(|tx| muntada::pledges::delete(tx, &pledge, now)).expect_err("refused");
    assert_eq!(refused.reason, Reason::NotPermitted, "{}", refused.message);
    let mut client = as_login(&desk).connect(Some("desk-password")).unwrap();
    let by_hand = client.batch_execute("UPDATE pledges SET notes = 'x'").expect_err("refused");
    assert!(format!("{by_hand:?}").contains("permission denied for table pledges"), "{by_hand:?}");

    // The coordinator's may, and the trail names each login, not what the computer says.
    let coord_store = Store::connect(&as_login(&coordinator), Some("coordinator-password")).unwrap();
    assert_eq!(coord_store.team_role().unwrap(), Some(TeamRole::Coordinator));
    assert_eq!(desk_store.team_role().unwrap(), Some(TeamRole::Registration));
    assert_eq!(admin.team_role().unwrap(), Some(TeamRole::Admin), "the superuser");
    assert!(coord_store.read(|tx| tx.pledges().get(&pledge)).is_ok());
    let trail = admin.audit().for_event(&event, 5).unwrap();
    assert_eq!(trail[0].actor.as_str(), desk, "the newest entry is the check-in: {trail:?}");

    admin.remove_team_user(&desk).unwrap();
    assert!(Store::connect(&as_login(&desk), Some("desk-password")).is_err(), "a removed login cannot connect");
}

#[test]
fn a_wrong_password_and_a_missing_server_fail_quickly_and_say_what_failed() {
    let Some(target) = empty_database() else { return };
    let started = Instant::now();
    let err = Store::connect(&target, Some("not-the-password")).err().expect("refused");
    assert!(err.message.contains("password was refused"), "{}", err.message);
    assert!(!err.message.contains("not-the-password"));

    // A loopback port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let nowhere = TeamTarget { port, ..target.clone() };
    let err = Store::connect(&nowhere, Some("x")).err().expect("refused");
    assert!(err.message.contains("cannot connect") && err.message.contains(&target.dbname), "{}", err.message);
    assert!(started.elapsed() < Duration::from_secs(10), "no hang: {:?}", started.elapsed());

    // The CLI never takes a password in the address.
    let with_password = format!("postgres://{}:secret@{}:{}/{}", target.user, target.host, target.port, target.dbname);
    let (code, out, err) = muntada("", &["--db", &with_password, "event", "list"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("must not hold the password") && !err.contains("secret"), "{err}");
}

#[test]
fn a_database_written_by_a_newer_muntada_is_refused_with_the_version() {
    let Some(target) = empty_database() else { return };
    let pw = superuser_password();
    drop(Store::connect(&target, Some(&pw)).unwrap());
    let mut client = target.connect(Some(&pw)).unwrap();
    client.batch_execute("UPDATE muntada_schema SET version = 99").unwrap();
    let err = Store::connect(&target, Some(&pw)).err().expect("refused");
    assert_eq!(err.reason, Reason::SchemaTooNew);
    assert!(err.message.contains("schema 99"), "{}", err.message);
}

/// An event with `n` people registered, through `store`: their badge codes.
fn confirmed_people(store: &mut Store, n: usize) -> (muntada::Id, Vec<String>) {
    let event = crate::forum(store);
    let csv: String = std::iter::once("name,email\n".to_owned())
        .chain((0..n).map(|i| format!("Person {i},p{i}@example.org\n")))
        .collect();
    let outcome =
        store.write(|tx| muntada::participants::import_csv(tx, &event, csv.as_bytes(), chrono::Utc::now())).unwrap();
    assert!(matches!(outcome, muntada::participants::ImportOutcome::Imported { .. }), "{outcome:?}");
    let codes = muntada::participants::list(store, event.as_str()).unwrap().into_iter().map(|p| p.badge_code).collect();
    (event, codes)
}

/// Entries of the trail that moved a person to checked in (from any other status).
fn check_ins_in_trail(target: &TeamTarget, event: &muntada::Id) -> i64 {
    let mut client = target.connect(Some(&superuser_password())).unwrap();
    let row = client
        .query_one(
            "SELECT count(*) FROM audit_log WHERE event_id = $1 AND entity = 'participant'
               AND after LIKE '%\"status\":\"checked_in\"%'
               AND coalesce(before, '') NOT LIKE '%\"status\":\"checked_in\"%'",
            &[&event.as_str()],
        )
        .unwrap();
    row.get(0)
}

#[test]
fn a_server_restart_mid_run_loses_and_doubles_no_check_in() {
    if testing::server().is_none() {
        eprintln!("skipped: {} names no PostgreSQL server", testing::SERVER);
        return;
    }
    // A cluster of the test's own: the shared one must not be restarted under the others.
    let cluster = testing::Cluster::start();
    let pw = superuser_password();
    let mut store = Store::connect(&cluster.target, Some(&pw)).unwrap();
    let (event, codes) = confirmed_people(&mut store, 40);
    let mut refused = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        if i == 15 {
            cluster.restart();
        }
        let now = chrono::Utc::now();
        if let Err(e) = store.write(|tx| muntada::participants::check_in(tx, &event, code, now)) {
            refused.push((code.clone(), e.message));
        }
    }
    // What failed while the server was away is scanned again, as a desk's staff would.
    for (code, why) in &refused {
        let now = chrono::Utc::now();
        let again = store.write(|tx| muntada::participants::check_in(tx, &event, code, now));
        assert!(again.is_ok() || again.as_ref().is_err_and(|e| e.message.contains("already checked in")), "{why}");
    }
    let people = muntada::participants::list(&store, event.as_str()).unwrap();
    assert!(people.iter().all(|p| p.status.as_str() == "checked_in"), "every check-in is stored");
    assert_eq!(check_ins_in_trail(&cluster.target, &event), 40, "each person checked in once in the trail");
    assert!(refused.len() <= 1, "at most the write under way when the server went: {refused:?}");
}

#[test]
fn a_desk_killed_mid_transaction_rolls_back_and_the_others_carry_on() {
    let Some(target) = empty_database() else { return };
    let pw = superuser_password();
    let mut store = Store::connect(&target, Some(&pw)).unwrap();
    let (event, codes) = confirmed_people(&mut store, 3);
    // A long import by another process, killed while its transaction is open.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("many.csv");
    let rows: String = std::iter::once("name,email\n".to_owned())
        .chain((0..60_000).map(|i| format!("Imported {i},i{i}@example.org\n")))
        .collect();
    std::fs::write(&file, rows).unwrap();
    let mut import = Command::new(env!("CARGO_BIN_EXE_muntada"))
        .args(["--db", &url(&target), "participant", "import", "--event", event.as_str(), file.to_str().unwrap()])
        .env("PGPASSWORD", &pw)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Until the import holds the write lock (its transaction is open and writing).
    let started = Instant::now();
    let mut client = target.connect(Some(&pw)).unwrap();
    loop {
        let waiting: i64 = client
            .query_one("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted", &[])
            .unwrap()
            .get(0);
        if waiting > 0 || started.elapsed() > Duration::from_secs(20) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    import.kill().unwrap(); // SIGKILL
    import.wait().unwrap();

    let now = chrono::Utc::now();
    let t = Instant::now();
    store.write(|tx| muntada::participants::check_in(tx, &event, &codes[0], now)).unwrap();
    assert!(t.elapsed() < Duration::from_secs(5), "the others carry on: {:?}", t.elapsed());
    let people = muntada::participants::list(&store, event.as_str()).unwrap();
    assert_eq!(people.len(), 3, "none of the killed import's rows was committed");
}

#[test]
fn a_change_at_one_desk_reaches_the_listening_ones_within_a_second() {
    let Some(target) = empty_database() else { return };
    let pw = superuser_password();
    let mut store = Store::connect(&target, Some(&pw)).unwrap();
    let (event, codes) = confirmed_people(&mut store, 2);
    let mut listener = muntada::store::Listener::start(&target, Some(&pw)).unwrap();
    assert!(listener.wait(Duration::from_millis(100)).unwrap().is_empty(), "nothing changed yet");
    let (code, _, err) =
        muntada(&pw, &["--db", &url(&target), "checkin", "--event", event.as_str(), "--code", &codes[1]]);
    assert_eq!(code, 0, "{err}");
    let started = Instant::now();
    let changed = listener.wait(Duration::from_secs(1)).unwrap();
    assert!(changed.iter().any(|t| t == "participants"), "{changed:?}");
    assert!(started.elapsed() < Duration::from_secs(1));
}
