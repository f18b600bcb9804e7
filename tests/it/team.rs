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
    assert!(out.contains("1 event and ") && out.contains("participants copied"), "{out}");

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

/// A throwaway cluster of the test's own, connected, with an event of `n` people (none when
/// no PostgreSQL server is named for the tests).
fn own_cluster_with_people(n: usize) -> Option<(testing::Cluster, Store, muntada::Id, Vec<String>)> {
    if testing::server().is_none() {
        eprintln!("skipped: {} names no PostgreSQL server", testing::SERVER);
        return None;
    }
    let cluster = testing::Cluster::start();
    let mut store = Store::connect(&cluster.target, Some(&superuser_password())).unwrap();
    let (event, codes) = confirmed_people(&mut store, n);
    Some((cluster, store, event, codes))
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
    // A cluster of the test's own: the shared one must not be restarted under the others.
    let Some((cluster, mut store, event, codes)) = own_cluster_with_people(40) else { return };
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
    assert!(refused.is_empty(), "a write whose connection the restart cut is run again: {refused:?}");
}

#[test]
fn a_write_whose_connection_drops_midway_is_run_again_once_and_applied_once() {
    // A cluster of the test's own: cutting every other connection must not reach other tests.
    let Some((cluster, mut store, event, codes)) = own_cluster_with_people(2) else { return };
    let pw = superuser_password();
    let mut killer = cluster.target.connect(Some(&pw)).unwrap();
    let cut_others = |client: &mut postgres::Client| {
        client
            .query(
                // With a timeout, the call returns once the backend has ended.
                "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity
                 WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'",
                &[],
            )
            .unwrap()
            .len()
    };
    let mut runs = 0;
    let now = chrono::Utc::now();
    let checked = store.write(|tx| {
        runs += 1;
        // The first run loses its connection inside the transaction, before it writes.
        if runs == 1 {
            assert_eq!(cut_others(&mut killer), 1, "the store's connection is cut");
        }
        muntada::participants::check_in(tx, &event, &codes[0], now)
    });
    assert!(checked.is_ok(), "{checked:?}");
    assert_eq!(runs, 2, "run once more on a new connection, and only once");
    assert_eq!(check_ins_in_trail(&cluster.target, &event), 1);

    // Cut on every run: the second loss is reported, nothing is written, nothing loops.
    let mut runs = 0;
    let refused = store.write(|tx| {
        runs += 1;
        cut_others(&mut killer);
        muntada::participants::check_in(tx, &event, &codes[1], now)
    });
    assert!(refused.is_err(), "{refused:?}");
    assert_eq!(runs, 2);
    assert_eq!(check_ins_in_trail(&cluster.target, &event), 1, "the refused check-in left nothing");
    // And the store's next transaction carries on with a new connection.
    let people = store.read(|tx| tx.participants().list(&event)).unwrap();
    assert_eq!(people.iter().filter(|p| p.status.as_str() == "checked_in").count(), 1);
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

/// Makes a test CA and, signed by it, a certificate for 127.0.0.1 and localhost (`server`) and
/// one for db.example.org only (`other`), in `dir`, readable by the server.
const MAKE_CERTIFICATES: &str = r#"
set -eu
cd "$1"
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null; }
key ca
openssl req -x509 -new -key ca.key -days 2 -subj "/CN=Muntada test CA" -out ca.pem \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
for pair in "server:IP:127.0.0.1,DNS:localhost" "other:DNS:db.example.org"; do
  name=${pair%%:*}
  key "$name"
  openssl req -new -key "$name.key" -subj "/CN=$name" -out "$name.csr"
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "${pair#*:}" > "$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -out "$name.pem" \
    -extfile "$name.ext" 2>/dev/null
done
chmod 600 ./*.key
# As root the server runs as postgres, and refuses a key file it does not own.
if [ "$(id -u)" = 0 ]; then chown postgres ./*.key ./*.pem; fi
"#;

/// A cluster of the test's own serving TLS with `certificate` ("server" or "other"), and the
/// test CA's file; `None` without a test server (the SQLite pass).
fn tls_cluster(certificate: &str) -> Option<(testing::Cluster, std::path::PathBuf)> {
    if testing::server().is_none() {
        eprintln!("skipped: {} names no PostgreSQL server", testing::SERVER);
        return None;
    }
    let cluster = testing::Cluster::start();
    let dir = cluster.dir().join("tls");
    std::fs::create_dir(&dir).unwrap();
    let out = Command::new("bash").args(["-c", MAKE_CERTIFICATES, "make-certificates"]).arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut admin = cluster.target.connect(Some(&superuser_password())).unwrap();
    let file = |ext: &str| dir.join(format!("{certificate}.{ext}")).display().to_string();
    // ALTER SYSTEM runs outside a transaction: one statement each.
    for sql in [
        format!("ALTER SYSTEM SET ssl_cert_file = '{}'", file("pem")),
        format!("ALTER SYSTEM SET ssl_key_file = '{}'", file("key")),
        "ALTER SYSTEM SET ssl = on".to_owned(),
        "SELECT pg_reload_conf()".to_owned(),
    ] {
        admin.batch_execute(&sql).unwrap();
    }
    // The reload is asynchronous: wait until the server says TLS is on.
    let started = Instant::now();
    while admin.query_one("SELECT current_setting('ssl')", &[]).unwrap().get::<_, String>(0) != "on" {
        assert!(started.elapsed() < Duration::from_secs(10), "the server did not turn TLS on");
        std::thread::sleep(Duration::from_millis(50));
    }
    Some((cluster, dir.join("ca.pem")))
}

/// The cluster's address with TLS parameters.
fn with_params(target: &TeamTarget, host: &str, params: &str) -> TeamTarget {
    let url = format!("postgres://{}@{host}:{}/{}?{params}", target.user, target.port, target.dbname);
    TeamTarget::parse(&url).unwrap()
}

#[test]
fn verify_full_with_the_teams_ca_connects_over_tls_and_without_it_names_the_host() {
    let Some((cluster, ca)) = tls_cluster("server") else { return };
    let pw = superuser_password();
    let ca_param = format!("sslrootcert={}", ca.display());

    // With the CA: the connection is encrypted, and the store works over it.
    let trusted = with_params(&cluster.target, "127.0.0.1", &ca_param);
    assert_eq!(trusted.tls, muntada::store::TlsMode::VerifyFull);
    let mut store = Store::connect(&trusted, Some(&pw)).unwrap_or_else(|e| panic!("{}", e.message));
    let (event, codes) = confirmed_people(&mut store, 2);
    assert_eq!(muntada::participants::list(&store, event.as_str()).unwrap().len(), codes.len());
    let mut client = trusted.connect(Some(&pw)).unwrap();
    let ssl: bool = client.query_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[]).unwrap().get(0);
    assert!(ssl, "the connection is encrypted");
    // By name too: the certificate names localhost.
    let by_name = with_params(&cluster.target, "localhost", &ca_param);
    by_name.connect(Some(&pw)).unwrap_or_else(|e| panic!("{}", e.message));

    // The CLI carries the same address.
    let (code, out, err) = muntada(&pw, &["--db", &trusted.url(), "event", "list"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(event.as_str()), "{out}");

    // Without the CA: refused before any password is sent, naming the host and the remedy.
    let untrusted = with_params(&cluster.target, "127.0.0.1", "sslmode=verify-full");
    let e = Store::connect(&untrusted, Some(&pw)).err().expect("an unknown CA is refused");
    assert_eq!(e.reason, Reason::CertificateUntrusted, "{}", e.message);
    assert!(e.message.contains("127.0.0.1") && e.message.contains("sslrootcert"), "{}", e.message);
    assert!(!e.message.contains(&pw), "{}", e.message);
    let (code, _, err) = muntada(&pw, &["--db", &untrusted.url(), "event", "list"]);
    assert_ne!(code, 0);
    assert!(err.contains("not trusted") && err.contains("sslrootcert"), "{err}");

    // A CA file that is not one names the parameter.
    let not_pem = cluster.dir().join("tls/server.ext");
    let wrong = with_params(&cluster.target, "127.0.0.1", &format!("sslrootcert={}", not_pem.display()));
    let e = wrong.connect(Some(&pw)).err().expect("no certificate in the file");
    assert_eq!(e.field.as_deref(), Some("sslrootcert"), "{}", e.message);
}

#[test]
fn a_certificate_for_another_name_is_refused_even_from_a_trusted_ca() {
    let Some((cluster, ca)) = tls_cluster("other") else { return };
    let target = with_params(&cluster.target, "127.0.0.1", &format!("sslrootcert={}", ca.display()));
    let e = target.connect(Some(&superuser_password())).err().expect("the name does not match");
    assert_eq!(e.reason, Reason::CertificateWrongHost, "{}", e.message);
    assert!(e.message.contains("not for 127.0.0.1"), "{}", e.message);
}

#[test]
fn connection_failures_each_have_their_reason() {
    let Some(target) = empty_database() else { return };
    let pw = superuser_password();
    let check = |target: &TeamTarget, password: &str, reason: Reason| {
        let e = target.connect(Some(password)).err().unwrap_or_else(|| panic!("{target} connected"));
        assert_eq!(e.reason, reason, "{}", e.message);
        assert!(!e.message.contains(password), "{}", e.message);
    };
    check(&target, "not-the-password", Reason::PasswordRefused);
    check(&TeamTarget { user: "nobody_here".into(), ..target.clone() }, &pw, Reason::PasswordRefused);
    check(&TeamTarget { dbname: "no_such_database".into(), ..target.clone() }, &pw, Reason::NoDatabase);
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    check(&TeamTarget { port, ..target.clone() }, &pw, Reason::Unreachable);
    // The shared test server has no TLS: asking for it is refused with that reason.
    let tls = TeamTarget { tls: muntada::store::TlsMode::VerifyFull, ..target.clone() };
    check(&tls, &pw, Reason::TlsUnavailable);
    assert!(muntada::Error::storage_because(Reason::Unreachable, "x").server_unreachable());
}
