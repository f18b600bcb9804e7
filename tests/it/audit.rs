//! The audit trail: every change to a participant or a pledge names who made it and when, in
//! the same transaction; erasing a person empties what the trail knew about them.

use std::path::Path;
use std::process::Command;

use chrono::{TimeZone, Utc};
use muntada::audit::{self, AuditAction, AuditEntity, AuditSubject};
use muntada::event;
use muntada::participants::{self, ImportOutcome, ParticipantInput, ParticipantStatus};
use muntada::pledges::{self, PledgeInput, PledgeKind, PledgeStatus, Schedule, ScheduleRange, StageChange};
use muntada::{Bilingual, Reason, Store};

fn person(en: &str, ar: &str, email: &str) -> ParticipantInput {
    ParticipantInput {
        name: Bilingual::new(en, ar),
        email: email.into(),
        status: ParticipantStatus::Confirmed,
        ..Default::default()
    }
}

fn pledge() -> PledgeInput {
    PledgeInput {
        donors: vec![Bilingual::new("State of Qatar", "")],
        recipient: Bilingual::new("UNOCT", ""),
        purpose: Bilingual::default(),
        kind: PledgeKind::Financial,
        in_kind: String::new(),
        currency: "USD".into(),
        schedule: Schedule::PerYear(ScheduleRange { amount: "15000000".into(), from_year: 2024, to_year: 2026 }),
        rate: None,
        session_id: None,
        speaker_id: None,
        delegation_id: None,
        notes: String::new(),
    }
}

#[test]
fn changes_name_who_made_them_and_when() {
    let mut store = muntada::store::testing::store();
    let id = store.write(|tx| event::create(tx, &crate::forum_input(), Utc::now())).unwrap().id;
    muntada::store::testing::act_as(&mut store, "amina");
    let at = Utc.with_ymd_and_hms(2025, 5, 20, 8, 0, 0).unwrap();
    let amina = store.write(|tx| participants::add(tx, &id, &person("Amina Yusuf", "أمينة يوسف", ""), at)).unwrap();
    muntada::store::testing::act_as(&mut store, "omar");
    let later = Utc.with_ymd_and_hms(2025, 5, 20, 9, 0, 0).unwrap();
    let qatar = store.write(|tx| pledges::add(tx, &id, &pledge(), later)).unwrap();

    let trail = audit::list(&store, AuditSubject::Event, id.as_str()).unwrap();
    let seen: Vec<_> =
        trail.iter().map(|e| (e.actor.as_str(), e.entity, e.action, e.label.en.as_str(), e.at)).collect();
    assert_eq!(
        seen,
        [
            ("omar", AuditEntity::Pledge, AuditAction::Create, "State of Qatar", later),
            ("amina", AuditEntity::Participant, AuditAction::Create, "Amina Yusuf", at),
        ],
        "newest first"
    );
    assert_eq!(trail[1].label.ar, "أمينة يوسف");
    assert_eq!(trail[0].entity_id, qatar.id);
    let one = audit::list(&store, AuditSubject::Participant, &amina.id.as_str()[..13]).unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].entity_id, amina.id);
    assert_eq!(audit::list(&store, AuditSubject::Pledge, qatar.id.as_str()).unwrap().len(), 1);
    let missing = audit::list(&store, AuditSubject::Participant, "0190a7e2-6f00-7c3a-9a51-d0a1f0e5a001");
    assert_eq!(missing.unwrap_err().reason, Reason::NotFound);
}

#[test]
fn failed_changes_leave_no_entry_and_imports_are_marked() {
    let mut store = muntada::store::testing::store();
    let id = store.write(|tx| event::create(tx, &crate::forum_input(), Utc::now())).unwrap().id;
    assert!(store.write(|tx| participants::add(tx, &id, &person("", "", ""), Utc::now())).is_err());
    let refused =
        store.write(|tx| participants::import_csv(tx, &id, b"name,email\nA,a@example.org\nB,nope\n", Utc::now()));
    assert!(matches!(refused, Ok(ImportOutcome::Refused { .. })));
    assert!(audit::list(&store, AuditSubject::Event, id.as_str()).unwrap().is_empty());

    let imported = store.write(|tx| participants::import_csv(tx, &id, b"name\nA\nB\nC\n", Utc::now())).unwrap();
    assert_eq!(imported, ImportOutcome::Imported { count: 3 });
    // An import is one audited action: one entry for the file, not one per person…
    let trail = audit::list(&store, AuditSubject::Event, id.as_str()).unwrap();
    assert_eq!(
        trail.iter().map(|e| (e.entity, e.action)).collect::<Vec<_>>(),
        [(AuditEntity::Import, AuditAction::Import)]
    );
    let nobody = muntada::store::testing::nobody(&store);
    assert_eq!(trail[0].actor, nobody, "no actor set: the trail says so");
    // …and each person's history starts with it.
    for p in participants::list(&store, id.as_str()).unwrap() {
        let history = audit::list(&store, AuditSubject::Participant, p.id.as_str()).unwrap();
        assert_eq!(history.iter().map(|e| e.id).collect::<Vec<_>>(), [trail[0].id], "{}", p.name.en);
    }

    // Deleting the event removes its trail with everything else in it.
    store.write(|tx| event::delete(tx, &id, Utc::now())).unwrap();
    assert_eq!(store.audit().for_event(&id, 10).unwrap(), []);
}

#[test]
fn erasing_a_person_redacts_their_record_and_trail_down_to_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("muntada.db");
    let mut store = Store::open(&path).unwrap();
    muntada::store::testing::act_as(&mut store, "registrar");
    let id = store.write(|tx| event::create(tx, &crate::forum_input(), Utc::now())).unwrap().id;
    let secret = "Zenobia Quillfeather";
    let gone = store
        .write(|tx| participants::add(tx, &id, &person(secret, "زنوبيا", "zenobia@example.org"), Utc::now()))
        .unwrap();
    let kept = store.write(|tx| participants::add(tx, &id, &person("Amina Yusuf", "", ""), Utc::now())).unwrap();
    store.checkpoint();
    assert!(file_contains(&path, secret), "the name is in the file before the erasure");

    let at = Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap();
    let erased = participants::erase(&mut store, &gone.id, at).unwrap();
    assert_eq!(
        (erased.name.en.as_str(), erased.email.as_deref(), erased.badge_code.as_str()),
        ("", None, gone.badge_code.as_str())
    );
    let stored = store.participants().get(&gone.id).unwrap();
    assert_eq!(stored, erased);

    let trail = audit::list(&store, AuditSubject::Participant, gone.id.as_str()).unwrap();
    assert_eq!(trail.iter().map(|e| e.action).collect::<Vec<_>>(), [AuditAction::Erase, AuditAction::Create]);
    assert!(trail.iter().all(|e| e.redacted && e.label == Bilingual::default()));
    assert_eq!((trail[0].actor.as_str(), trail[0].at), ("registrar", at), "who erased and when is kept");
    let other = audit::list(&store, AuditSubject::Participant, kept.id.as_str()).unwrap();
    assert_eq!(other[0].label.en, "Amina Yusuf", "other people's entries are untouched");
    assert!(!other[0].redacted);

    drop(store);
    for file in [path.clone(), path.with_extension("db-wal")] {
        assert!(!file_contains(&file, secret), "{} still holds the erased name", file.display());
        assert!(!file_contains(&file, "zenobia@example.org"), "{} still holds the erased address", file.display());
    }
}

fn file_contains(path: &Path, needle: &str) -> bool {
    let bytes = std::fs::read(path).unwrap_or_default();
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn the_cli_names_the_person_logged_in() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("muntada.db");
    let run = |user: Option<&str>, args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_muntada"));
        command.env_remove("USER").env_remove("LOGNAME").env_remove("USERNAME");
        if let Some(user) = user {
            command.env("USER", user);
        }
        let out = command.arg("--db").arg(&db).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    };
    let id = run(
        Some("fatima"),
        &["event", "create", "--title", "F", "--start", "2025-01-01", "--end", "2025-01-01", "--timezone", "UTC"],
    );
    run(Some("fatima"), &["participant", "add", "--event", &id, "--name", "One"]);
    run(
        None,
        &[
            "pledge",
            "add",
            "--event",
            &id,
            "--donor",
            "Japan",
            "--amount",
            "5",
            "--currency",
            "JPY",
            "--from",
            "2025",
            "--to",
            "2025",
        ],
    );
    let store = Store::open(&db).unwrap();
    let actors: Vec<String> =
        audit::list(&store, AuditSubject::Event, &id).unwrap().into_iter().map(|e| e.actor).collect();
    assert_eq!(actors, ["unknown", "fatima"]);
}

#[test]
fn pledge_stages_edits_and_deletion_are_in_the_trail() {
    let mut store = muntada::store::testing::store();
    let id = store.write(|tx| event::create(tx, &crate::forum_input(), Utc::now())).unwrap().id;
    muntada::store::testing::act_as(&mut store, "coordinator");
    let t = |h| Utc.with_ymd_and_hms(2024, 6, 1, h, 0, 0).unwrap();
    let p = store.write(|tx| pledges::add(tx, &id, &pledge(), t(8))).unwrap();
    let change = StageChange {
        to: PledgeStatus::Paid,
        year: Some(2024),
        amount: Some("5000000".into()),
        date: None,
        reason: String::new(),
    };
    store.write(|tx| pledges::stage(tx, &p.id, &change, t(9))).unwrap();
    let refused = StageChange { amount: Some("99000000".into()), ..change };
    assert!(store.write(|tx| pledges::stage(tx, &p.id, &refused, t(10))).is_err());
    store.write(|tx| pledges::delete(tx, &p.id, t(11))).unwrap();
    let trail = audit::list(&store, AuditSubject::Event, id.as_str()).unwrap();
    let seen: Vec<_> = trail.iter().map(|e| (e.action, e.at, e.actor.as_str(), e.label.en.as_str())).collect();
    assert_eq!(
        seen,
        [
            (AuditAction::Delete, t(11), "coordinator", "State of Qatar"),
            (AuditAction::Update, t(9), "coordinator", "State of Qatar"),
            (AuditAction::Create, t(8), "coordinator", "State of Qatar"),
        ],
        "newest first; the refused payment left no entry"
    );
}
