//! Stores for tests, on the engine the test run names. Unless `MUNTADA_TEST_PG` holds the
//! address of a throwaway PostgreSQL server (see `scripts/pg-test-cluster`), a test gets a
//! private SQLite database in memory; with it, a schema of its own on that server, so that
//! tests running at once never see each other's data. One test suite, both engines.

use super::{Store, TeamTarget};

/// The variable naming the test server (`postgres://user@127.0.0.1:port/dbname`); its
/// password, if it needs one, comes from `PGPASSWORD` as for any team database.
pub const SERVER: &str = "MUNTADA_TEST_PG";

/// The team database the tests run against, when the run names one.
pub fn server() -> Option<TeamTarget> {
    let url = std::env::var(SERVER).ok().filter(|u| !u.is_empty())?;
    Some(TeamTarget::parse(&url).unwrap_or_else(|e| panic!("{SERVER}: {}", e.message)))
}

/// A new, empty store with the schema applied, on the engine of this test run.
pub fn store() -> Store {
    match server() {
        None => Store::open_in_memory().expect("a database in memory"),
        Some(server) => {
            let target = fresh_schema(&server);
            let password = target.password_from_environment();
            Store::connect(&target, password.as_deref()).unwrap_or_else(|e| panic!("{}", e.message))
        }
    }
}

/// A store opened over a database that the migrations up to `version` made and that `rows`
/// (SQL both engines take) then filled, as an older Muntada left it: opening it runs the
/// migrations after `version`, which is what a test of them looks at. On SQLite the database
/// is a file in `dir`; on the test server, a schema of its own.
pub fn store_from_version(dir: &std::path::Path, version: u32, rows: &str) -> Store {
    match server() {
        None => {
            let path = dir.join(format!("schema-{version}.db"));
            let conn = rusqlite::Connection::open(&path).expect("a database file");
            for sql in &super::MIGRATIONS[..version as usize] {
                conn.execute_batch(sql).expect("an old migration");
            }
            conn.execute_batch(&format!("PRAGMA user_version = {version}")).expect("the old version");
            conn.execute_batch(rows).expect("the old rows");
            drop(conn);
            Store::open(&path).unwrap_or_else(|e| panic!("{}", e.message))
        }
        Some(server) => {
            let target = fresh_schema(&server);
            let password = target.password_from_environment();
            let mut client = target.connect(password.as_deref()).unwrap_or_else(|e| panic!("{}", e.message));
            for (_, sql) in super::postgres::MIGRATIONS.iter().filter(|(v, _)| *v <= version) {
                client.batch_execute(sql).expect("an old migration");
            }
            client
                .batch_execute(&format!(
                    "CREATE TABLE muntada_schema (version BIGINT NOT NULL);
                     INSERT INTO muntada_schema (version) VALUES ({version});"
                ))
                .expect("the old version");
            client.batch_execute(rows).expect("the old rows");
            drop(client);
            Store::connect(&target, password.as_deref()).unwrap_or_else(|e| panic!("{}", e.message))
        }
    }
}

/// A schema of its own on `server`, as a target whose connections use it.
pub fn fresh_schema(server: &TeamTarget) -> TeamTarget {
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    let password = server.password_from_environment();
    let mut admin = server.connect(password.as_deref()).unwrap_or_else(|e| panic!("{}", e.message));
    admin.batch_execute(&format!("CREATE SCHEMA {name}")).expect("a schema for the test");
    TeamTarget { options: Some(format!("-c search_path={name}")), ..server.clone() }
}

/// Makes `name` the one who acts through `store` from now on, as the edge would: on SQLite the
/// name the CLI or app gives; on a team database a login of that name (an admin, created on
/// the test server if missing), since there the trail names the login and nothing else.
pub fn act_as(store: &mut Store, name: &str) {
    let Some(target) = store.team().cloned() else {
        store.set_actor(crate::audit::model::Actor::new(name));
        return;
    };
    const PASSWORD: &str = "muntada-test-login";
    if let Err(e) = store.add_team_user(name, super::TeamRole::Admin, PASSWORD) {
        // Another test made it first: logins are the server's, shared by every database on it.
        assert!(e.reason == crate::error::Reason::Duplicate || e.message.contains("already exists"), "{}", e.message);
    }
    let login = TeamTarget { user: name.to_owned(), ..target };
    *store = Store::connect(&login, Some(PASSWORD)).unwrap_or_else(|e| panic!("{}", e.message));
}

/// What the trail names when the edge named no one: "unknown" on SQLite, the login on a team
/// database.
pub fn nobody(store: &Store) -> String {
    store.team().map_or_else(|| "unknown".to_owned(), |t| t.user.clone())
}

/// A throwaway PostgreSQL cluster of one's own (`tests/pg-cluster.sh`): for the faults the
/// shared test server must not suffer (a restart) and for the benchmark. Stopped and removed
/// when dropped.
pub struct Cluster {
    dir: String,
    pub target: TeamTarget,
}

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pg-cluster.sh");

impl Cluster {
    pub fn start() -> Cluster {
        let out = std::process::Command::new(SCRIPT).arg("start").output().expect("tests/pg-cluster.sh");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).expect("the script writes UTF-8");
        let mut lines = text.lines();
        let dir = lines.next().expect("the cluster's folder").to_owned();
        let target = TeamTarget::parse(lines.next().expect("the cluster's address")).expect("an address");
        Cluster { dir, target }
    }

    /// The cluster's folder: the server's own files may go there (it can read them).
    pub fn dir(&self) -> &std::path::Path {
        std::path::Path::new(&self.dir)
    }

    /// Restarts the server: every client's connection drops.
    pub fn restart(&self) {
        self.run("restart");
    }

    /// Stops the server (a venue's network gone): connections fail until `resume`.
    pub fn pause(&self) {
        self.run("pause");
    }

    /// Starts the stopped server again, on the same port.
    pub fn resume(&self) {
        self.run("resume");
    }

    fn run(&self, action: &str) {
        let out = std::process::Command::new(SCRIPT).args([action, &self.dir]).output().expect("pg-cluster.sh");
        assert!(out.status.success(), "{action}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.run("stop");
    }
}
