//! Backups and restores on real files: a backup taken while another connection writes is a
//! consistent database; a restore refuses anything damaged or foreign and leaves the data as
//! it was; a good restore replaces the data, keeps the old data, and other connections see it.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{TimeZone, Utc};
use muntada::audit::{self, AuditSubject};
use muntada::backup::{self, Existing, Kind};
use muntada::event::{self, EventInput, EventStatus};
use muntada::participants::{self, ImportOutcome};
use muntada::{Bilingual, ErrorKind, Reason, Store};
use rusqlite::Connection;

fn forum(title: &str) -> EventInput {
    EventInput {
        title: Bilingual::new(title, ""),
        description: Bilingual::default(),
        venue: Bilingual::default(),
        city: Bilingual::new("Doha", ""),
        country: "QA".into(),
        timezone: "Asia/Qatar".into(),
        start_date: "2025-05-20".into(),
        end_date: "2025-05-21".into(),
        organisers: vec![],
        signatories: Vec::new(),
        arabic_digits: Default::default(),
        status: EventStatus::Open,
    }
}

fn csv(first: usize, rows: usize) -> String {
    let mut csv = String::from("name,email\n");
    for i in first..first + rows {
        csv.push_str(&format!("Person {i},p{i}@example.org\n"));
    }
    csv
}

/// A database with one event and `people` participants; returns the store and the event id.
fn database(path: &Path, people: usize) -> (Store, String) {
    let mut store = Store::open(path).unwrap();
    let id = store.write(|tx| event::create(tx, &forum("Doha Forum"), Utc::now())).unwrap().id.to_string();
    if people > 0 {
        let outcome = store
            .write(|tx| {
                participants::import_csv(
                    tx,
                    &muntada::Id::parse("id", &id).unwrap(),
                    csv(0, people).as_bytes(),
                    Utc::now(),
                )
            })
            .unwrap();
        assert_eq!(outcome, ImportOutcome::Imported { count: people });
    }
    (store, id)
}

fn pragma_rows(conn: &Connection, pragma: &str) -> Vec<String> {
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}")).unwrap();
    let rows = stmt.query_map([], |r| r.get::<_, rusqlite::types::Value>(0)).unwrap();
    rows.map(|v| format!("{:?}", v.unwrap())).collect()
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

#[test]
fn a_backup_taken_while_writing_is_consistent() {
    const BATCH: usize = 50;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("muntada.db");
    let (store, id) = database(&path, 0);
    let writer = {
        let (path, id) = (path.clone(), id.clone());
        std::thread::spawn(move || {
            let mut store = Store::open(&path).unwrap();
            for round in 0..60 {
                let outcome = store.write(|tx| {
                    participants::import_csv(
                        tx,
                        &muntada::Id::parse("id", &id).unwrap(),
                        csv(round * BATCH, BATCH).as_bytes(),
                        Utc::now(),
                    )
                });
                assert!(matches!(outcome, Ok(ImportOutcome::Imported { .. })), "{outcome:?}");
            }
        })
    };
    let mut seen = Vec::new();
    while !writer.is_finished() || seen.is_empty() {
        let copy = dir.path().join(format!("backup-{}.db", seen.len()));
        backup::create(&store, &copy, Existing::Refuse).unwrap();
        let conn = Connection::open(&copy).unwrap();
        assert_eq!(pragma_rows(&conn, "integrity_check"), ["Text(\"ok\")"]);
        assert!(pragma_rows(&conn, "foreign_key_check").is_empty());
        assert_eq!(pragma_rows(&conn, "journal_mode"), ["Text(\"delete\")"], "a backup is one self-contained file");
        let people = count(&conn, "participants");
        assert_eq!(people % BATCH as i64, 0, "a backup caught an import half-way: {people} participants");
        let imports = conn
            .query_row("SELECT count(*) FROM audit_log WHERE entity = 'import'", [], |r| r.get::<_, i64>(0))
            .unwrap();
        assert_eq!(imports * BATCH as i64, people, "participants and their imports' audit entries are copied together");
        seen.push(people);
    }
    writer.join().unwrap();
    assert!(seen.len() >= 2, "backups taken: {seen:?}");
    // A backup is a file Muntada accepts to restore.
    let facts = muntada::store::check_backup(&dir.path().join("backup-0.db")).unwrap();
    assert_eq!(facts.schema_version, muntada::store::schema_version());
}

/// Ways to spoil a good backup, and the reason the restore must give.
fn spoil(case: &str, file: &Path) {
    let patch = |offset: u64, bytes: &[u8]| {
        use std::io::{Seek, SeekFrom, Write};
        let mut f = std::fs::OpenOptions::new().write(true).open(file).unwrap();
        f.seek(SeekFrom::Start(offset)).unwrap();
        f.write_all(bytes).unwrap();
    };
    let sql = |sql: &str| Connection::open(file).unwrap().execute_batch(sql).unwrap();
    match case {
        "flipped magic" => {
            let mut header = std::fs::read(file).unwrap()[..16].to_vec();
            header.iter_mut().for_each(|b| *b = !*b);
            patch(0, &header);
        }
        "flipped page size" => patch(16, &[0xff, 0xfe]),
        "damaged page" => {
            // Garbage over the middle of the participants table's root page (a b-tree page in
            // use, not the first page of the file).
            let root: u32 = Connection::open(file)
                .unwrap()
                .query_row("SELECT rootpage FROM sqlite_master WHERE name = 'participants'", [], |r| r.get(0))
                .unwrap();
            patch(4096 * (u64::from(root) - 1) + 8, &[0xa5; 600]);
        }
        // Two indexes of the participants swapped on disk: the schema reads exactly as ours and
        // every page is sound, but each index now lists another's keys. `quick_check` does not
        // compare indexes with their table; `integrity_check` does.
        "index out of step" => sql(
            "CREATE TEMP TABLE roots AS SELECT name, rootpage FROM sqlite_master
                 WHERE name IN ('participants_category', 'participants_sort_name');
             PRAGMA writable_schema = ON;
             UPDATE sqlite_master SET rootpage = (SELECT r.rootpage FROM temp.roots AS r WHERE r.name <> sqlite_master.name)
                 WHERE name IN ('participants_category', 'participants_sort_name');",
        ),
        // A participant whose category does not exist, written with the foreign keys off.
        "dangling reference" => {
            sql("PRAGMA foreign_keys = OFF; UPDATE participants SET category_id = 'gone' WHERE rowid IN (1, 2, 3, 4)")
        }
        "unknown table" => sql("CREATE TABLE payloads (x TEXT)"),
        "trigger" => sql(
            "CREATE TRIGGER steal AFTER INSERT ON participants BEGIN UPDATE participants SET email = 'x@evil.example'; END",
        ),
        "view" => sql("CREATE VIEW everyone AS SELECT * FROM participants"),
        "changed table" => sql("DROP INDEX participants_category; CREATE INDEX participants_category ON participants (name_en)"),
        "missing table" => sql("DROP TABLE pledge_years"),
        "newer schema" => sql("PRAGMA user_version = 99"),
        "other page size" => sql("PRAGMA page_size = 8192; VACUUM"),
        "foreign database" => {
            std::fs::remove_file(file).unwrap();
            sql("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hello')");
        }
        "empty file" => std::fs::write(file, b"").unwrap(),
        "text file" => std::fs::write(file, "name,email\nAmina,a@example.org\n".repeat(200)).unwrap(),
        "no file" => std::fs::remove_file(file).unwrap(),
        other => panic!("unknown case {other}"),
    }
}

#[test]
fn a_damaged_or_foreign_file_is_refused_and_nothing_changes() {
    let cases = [
        ("flipped magic", Reason::NotADatabase),
        ("flipped page size", Reason::NotADatabase),
        ("damaged page", Reason::Damaged),
        ("index out of step", Reason::Damaged),
        ("dangling reference", Reason::Damaged),
        ("unknown table", Reason::ForeignSchema),
        ("trigger", Reason::ForeignSchema),
        ("view", Reason::ForeignSchema),
        ("changed table", Reason::ForeignSchema),
        ("missing table", Reason::ForeignSchema),
        ("newer schema", Reason::SchemaTooNew),
        ("other page size", Reason::ForeignSchema),
        ("foreign database", Reason::ForeignSchema),
        ("empty file", Reason::NotADatabase),
        ("text file", Reason::NotADatabase),
        ("no file", Reason::NotFound),
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("muntada.db");
    let (mut store, id) = database(&path, 300);
    let before = event::overview(&store, &id).unwrap();
    for (case, reason) in cases {
        let file = dir.path().join(format!("{}.db", case.replace(' ', "-")));
        backup::create(&store, &file, Existing::Refuse).unwrap();
        spoil(case, &file);
        let err = backup::restore(&mut store, &file, Utc::now()).expect_err(case);
        assert_eq!(err.reason, reason, "{case}: {err}");
        assert!(err.message.contains("cannot be restored"), "{case}: {}", err.message);
        // What the checks found is in the message, not only that something is wrong.
        let said = match case {
            "index out of step" => "integrity check: ",
            "dangling reference" => "foreign key check: row 1 of participants points to a missing record of categories",
            _ => "",
        };
        assert!(err.message.contains(said), "{case}: {}", err.message);
        assert_eq!(event::overview(&store, &id).unwrap(), before, "{case} changed the data");
        assert!(!backup::dir(&path).exists(), "{case}: a refused file must not even start a restore");
        let kind = if reason == Reason::NotFound { ErrorKind::InvalidInput } else { ErrorKind::Storage };
        assert_eq!(err.kind, kind, "{case}");
    }
}

#[test]
fn a_restore_replaces_the_data_and_keeps_the_old_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("muntada.db");
    let (mut store, id) = database(&path, 120);
    let saved = dir.path().join("saved.db");
    backup::create(&store, &saved, Existing::Refuse).unwrap();
    let at_backup = event::overview(&store, &id).unwrap();

    // Later: the event is deleted and another one created.
    store.write(|tx| event::delete(tx, &muntada::Id::parse("id", &id).unwrap(), Utc::now())).unwrap();
    let later = store.write(|tx| event::create(tx, &forum("Later Forum"), Utc::now())).unwrap();
    // Another connection (the CLI, say) has the database open during the restore.
    let other = Store::open(&path).unwrap();

    let now = Utc.with_ymd_and_hms(2025, 5, 20, 9, 30, 0).unwrap();
    let restored = backup::restore(&mut store, &saved, now).unwrap();
    assert_eq!((restored.facts.events, restored.facts.participants), (1, 120));
    assert_eq!(event::overview(&store, &id).unwrap(), at_backup);
    assert!(event::get(&store, later.id.as_str()).is_err());
    let trail = audit::list(&store, AuditSubject::Event, &id).unwrap();
    assert_eq!(trail.len(), 1, "the trail comes back too: the import of the 120 people");
    assert_eq!(trail[0].entity, muntada::audit::AuditEntity::Import);
    assert_eq!(event::overview(&other, &id).unwrap(), at_backup, "other connections see the restored data");
    assert_eq!(store.pragma("journal_mode").unwrap(), "wal");
    assert_eq!(store.pragma("quick_check").unwrap(), "ok");

    // The replaced data is kept, named by the time of the restore.
    assert_eq!(restored.safety_copy, backup::dir(&path).join("muntada-20250520T093000.000Z-before-restore.db"));
    let kept = Store::open(&restored.safety_copy).unwrap();
    assert_eq!(event::list(&kept).unwrap().into_iter().map(|e| e.id).collect::<Vec<_>>(), [later.id]);

    // Writing goes on normally afterwards.
    store
        .write(|tx| {
            participants::import_csv(tx, &muntada::Id::parse("id", &id).unwrap(), csv(1000, 5).as_bytes(), Utc::now())
        })
        .unwrap();
    assert_eq!(event::overview(&other, &id).unwrap().counts.participants, 125);
}

#[test]
fn a_backup_from_an_older_schema_is_restored_and_brought_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("schema-1.db");
    {
        let conn = Connection::open(&old).unwrap();
        conn.execute_batch(include_str!("../../src/store/migrations/0001_initial.sql")).unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO events VALUES ('0190a7e2-6f00-7c3a-9a51-d0a1f0e5a001', 'Old Forum', '', '', '', '', '', NULL,
                 'UTC', '2024-01-01', '2024-01-02', 'closed', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');",
        )
        .unwrap();
    }
    let (mut store, _) = database(&dir.path().join("muntada.db"), 0);
    backup::restore(&mut store, &old, Utc::now()).unwrap();
    assert_eq!(store.pragma("user_version").unwrap(), muntada::store::schema_version().to_string());
    assert_eq!(event::list(&store).unwrap()[0].title.en, "Old Forum");
    assert!(audit::list(&store, AuditSubject::Event, "0190a7e2-6f00-7c3a-9a51-d0a1f0e5a001").unwrap().is_empty());
}

#[test]
fn automatic_backups_rotate_and_skip_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("muntada.db");
    let empty = Store::open(&path).unwrap();
    assert_eq!(backup::at_start(&empty, Utc::now()).unwrap(), None);
    drop(empty);
    let (store, _) = database(&path, 3);
    let mut made = Vec::new();
    for minute in 0..12 {
        let now = Utc.with_ymd_and_hms(2025, 5, 20, 8, minute, 0).unwrap();
        made.push(backup::at_start(&store, now).unwrap().unwrap());
    }
    let mut kept: Vec<PathBuf> = std::fs::read_dir(backup::dir(&path)).unwrap().map(|e| e.unwrap().path()).collect();
    kept.sort();
    assert_eq!(kept, made[2..], "the ten newest are kept");
    assert_eq!(
        kept[0].file_name().unwrap(),
        backup::file_name(Kind::Start, Utc.with_ymd_and_hms(2025, 5, 20, 8, 2, 0).unwrap()).as_str()
    );
    muntada::store::check_backup(&kept[9]).unwrap();
}

fn cli(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_muntada")).arg("--db").arg(db).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("muntada.db");
    let (store, id) = database(&db, 10);
    drop(store);
    let copy = dir.path().join("copy.db");
    let (code, stdout, stderr) = cli(&db, &["backup", "--out", copy.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("copy.db"), "{stdout}");

    // The database itself (or its log) is never a backup's destination.
    for target in [db.clone(), PathBuf::from(format!("{}-wal", db.display())), dir.path().join("./muntada.db")] {
        let (code, _, stderr) = cli(&db, &["backup", "--out", target.to_str().unwrap()]);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("--out") && stderr.contains("cannot overwrite"), "{stderr}");
    }
    let (code, _, _) = cli(&db, &["event", "show", &id]);
    assert_eq!(code, 0, "the database survived");

    let (_, _, _) = cli(
        &db,
        &["event", "create", "--title", "Second", "--start", "2025-01-01", "--end", "2025-01-01", "--timezone", "UTC"],
    );
    let (code, stdout, stderr) = cli(&db, &["--json", "restore", copy.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let restored: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(restored["restored"], serde_json::json!({ "events": 1, "participants": 10 }));
    assert!(Path::new(restored["previousDataKeptIn"].as_str().unwrap()).is_file());
    let (_, listing, _) = cli(&db, &["--json", "event", "list"]);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&listing).unwrap().as_array().unwrap().len(), 1);

    // A backup named relative to the current folder, as people type it.
    let out = Command::new(env!("CARGO_BIN_EXE_muntada"))
        .current_dir(dir.path())
        .args(["--db", "muntada.db", "restore", "copy.db"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"SQLite format 2\0 this is not it").unwrap();
    let (code, _, stderr) = cli(&db, &["--json", "restore", junk.to_str().unwrap()]);
    assert_eq!(code, 1);
    let error: serde_json::Value = serde_json::from_str(stderr.trim()).unwrap();
    assert_eq!((error["code"].as_str(), error["reason"].as_str()), (Some("storage"), Some("not_a_database")));
}

#[test]
fn a_backup_does_not_replace_an_existing_file_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("muntada.db");
    drop(database(&db, 3));
    let kept = dir.path().join("minutes.db");
    std::fs::write(&kept, b"the only copy of something").unwrap();
    let listing = || std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect::<Vec<_>>();
    let before = listing();

    let (code, stdout, stderr) = cli(&db, &["backup", "--out", kept.to_str().unwrap()]);
    assert_eq!(code, 2, "refused as invalid input: {stdout} {stderr}");
    assert!(stderr.contains("--out") && stderr.contains("minutes.db") && stderr.contains("already exists"), "{stderr}");
    assert!(stderr.contains("--force"), "says how to replace it: {stderr}");
    assert_eq!(std::fs::read(&kept).unwrap(), b"the only copy of something", "the file is untouched");
    assert_eq!(listing(), before, "nothing else was written either");

    let (code, _, stderr) = cli(&db, &["--json", "backup", "--out", kept.to_str().unwrap()]);
    assert_eq!(code, 2);
    let error: serde_json::Value = serde_json::from_str(stderr.trim()).unwrap();
    assert_eq!((error["code"].as_str(), error["field"].as_str()), (Some("invalid_input"), Some("--out")), "{error}");

    let (code, stdout, stderr) = cli(&db, &["backup", "--force", "--out", kept.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("minutes.db"), "{stdout}");
    assert_eq!(muntada::store::check_backup(&kept).unwrap().participants, 3, "--force replaced it with the backup");
}

#[test]
fn a_plain_copy_of_a_database_file_is_restored_and_the_database_itself_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = database(&dir.path().join("office.db"), 7);
    drop(store);
    // A copy made with the file manager while no app was running: its header says WAL.
    let copy = dir.path().join("copied 100% #1?.db");
    std::fs::copy(dir.path().join("office.db"), &copy).unwrap();
    let path = dir.path().join("muntada.db");
    let (mut store, _) = database(&path, 0);
    backup::restore(&mut store, &copy, Utc::now()).unwrap();
    assert_eq!(event::overview(&store, &id).unwrap().counts.participants, 7);
    for side in ["-wal", "-shm"] {
        assert!(!Path::new(&format!("{}{side}", copy.display())).exists(), "checking the copy wrote {side} beside it");
    }

    let err = backup::restore(&mut store, &path, Utc::now()).unwrap_err();
    assert_eq!((err.kind, err.reason), (ErrorKind::InvalidInput, Reason::InvalidValue), "{err}");
    assert_eq!(event::overview(&store, &id).unwrap().counts.participants, 7);
}

#[test]
fn a_database_that_cannot_be_opened_is_replaced_by_a_backup_and_kept_aside() {
    for (case, reason) in [("flipped magic", Reason::NotADatabase), ("newer schema", Reason::SchemaTooNew)] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("muntada.db");
        let (store, id) = database(&path, 4);
        let saved = dir.path().join("saved.db");
        backup::create(&store, &saved, Existing::Refuse).unwrap();
        drop(store);
        spoil(case, &path);
        let broken = std::fs::read(&path).unwrap();
        let err = Store::open(&path).err().expect(case);
        assert_eq!(err.reason, reason, "{case}");
        assert!(backup::restore_can_cure(&err));

        // A refused backup leaves the unreadable file where it was.
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, b"nothing").unwrap();
        assert!(backup::restore_file(&path, &junk, Utc::now()).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), broken, "{case}");

        let (store, restored) = backup::restore_file(&path, &saved, Utc::now()).unwrap();
        assert_eq!(event::overview(&store, &id).unwrap().counts.participants, 4, "{case}");
        assert_eq!(std::fs::read(&restored.safety_copy).unwrap(), broken, "the unreadable file is kept as it was");
        assert!(restored.safety_copy.to_string_lossy().ends_with("-unreadable.db"));

        // The CLI does the same when it cannot open the database.
        drop(store);
        spoil(case, &path);
        let (code, stdout, stderr) = cli(&path, &["restore", saved.to_str().unwrap()]);
        assert_eq!(code, 0, "{case}: {stderr}");
        assert!(stdout.contains("restored 1 event and 4 participants"), "{stdout}");
        assert_eq!(cli(&path, &["event", "show", &id]).0, 0);
    }
}
