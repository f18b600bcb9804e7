//! The store on a real SQLite file: settings on every connection, migrations, atomic writes.

use chrono::{TimeZone, Utc};
use muntada::event::{self, EventInput, EventStatus};
use muntada::pledges::PledgeInput;
use muntada::{demo, participants, Bilingual, Error, ErrorKind, Reason, Store};

fn input() -> EventInput {
    EventInput {
        title: Bilingual::new("Vienna Forum", ""),
        description: Bilingual::default(),
        venue: Bilingual::new("Vienna International Centre", ""),
        city: Bilingual::new("Vienna", ""),
        country: "AT".into(),
        timezone: "Europe/Vienna".into(),
        start_date: "2025-10-25".into(),
        end_date: "2025-10-26".into(),
        organisers: vec![Bilingual::new("UNODC", "")],
        signatories: Vec::new(),
        arabic_digits: Default::default(),
        status: EventStatus::Open,
    }
}

#[test]
fn every_connection_is_durable_and_checks_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/muntada.db");
    for _ in 0..2 {
        // Opened twice: once creating the file, once reopening it.
        let store = Store::open(&path).unwrap();
        assert_eq!(store.pragma("journal_mode").unwrap(), "wal");
        assert_eq!(store.pragma("foreign_keys").unwrap(), "1");
        assert_eq!(store.pragma("synchronous").unwrap(), "2", "FULL");
        assert_eq!(store.pragma("trusted_schema").unwrap(), "0");
        assert_eq!(store.pragma("secure_delete").unwrap(), "1", "erased data is overwritten, not just unlinked");
        assert_eq!(store.pragma("temp_store").unwrap(), "2", "savepoint journals of an import stay in memory");
        assert_eq!(store.pragma("user_version").unwrap(), muntada::store::schema_version().to_string());
        assert!(store.pragma("busy_timeout").unwrap().parse::<u32>().unwrap() >= 1000);
    }
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    drop(Store::open(&path).unwrap());
    bump_user_version(&path, 999);
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert_eq!(err.reason, Reason::SchemaTooNew, "{err}");
    assert!(err.message.contains("999"), "names the version it found: {}", err.message);
    assert_eq!(std::fs::read(&path).unwrap(), before, "the newer database is left untouched");
}

/// Sets the schema version by a raw write of the header's user_version field (offset 60,
/// big-endian), which is what the pragma sets, without opening a writable connection; then
/// reads it back through SQLite, so the test above fails here if the bump did not take.
fn bump_user_version(path: &std::path::Path, version: u32) {
    use std::io::{Seek, SeekFrom, Write};
    // Closing the last connection checkpoints the WAL into the main file and removes it, so
    // the header written here is the one SQLite reads.
    drop(Store::open(path).unwrap());
    assert!(!std::path::Path::new(&format!("{}-wal", path.display())).exists(), "a WAL is left over");
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.seek(SeekFrom::Start(60)).unwrap();
    file.write_all(&version.to_be_bytes()).unwrap();
    drop(file);
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let read: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(read, version, "SQLite reads the version written into the header");
}

#[test]
fn created_events_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("muntada.db");
    let id = {
        let mut store = Store::open(&path).unwrap();
        store.write(|tx| event::create(tx, &input(), Utc::now())).unwrap().id
    };
    let store = Store::open(&path).unwrap();
    let event = event::get(&store, id.as_str()).unwrap();
    assert_eq!(event.title.en, "Vienna Forum");
    assert_eq!(event.organisers, [Bilingual::new("UNODC", "")]);
    assert_eq!(muntada::participants::categories(&store, id.as_str()).unwrap().len(), 8);
}

#[test]
fn a_failed_transaction_writes_nothing() {
    let mut store = muntada::store::testing::store();
    let result: Result<(), Error> = store.write(|tx| {
        event::create(tx, &input(), Utc::now())?;
        event::create(tx, &input(), Utc::now())?;
        Err(Error::internal("stop half-way"))
    });
    assert!(result.is_err());
    assert!(event::list(&store).unwrap().is_empty());
    // A failing step inside a savepoint rolls back only itself when the caller recovers from it.
    store
        .write(|tx| {
            event::create(tx, &input(), Utc::now())?;
            let bad = EventInput { timezone: "Nowhere".into(), ..input() };
            let refused = tx.savepoint(|tx| {
                event::create(tx, &input(), Utc::now())?;
                event::create(tx, &bad, Utc::now())
            });
            assert_eq!(refused.unwrap_err().field.as_deref(), Some("timezone"));
            Ok(())
        })
        .unwrap();
    assert_eq!(event::list(&store).unwrap().len(), 1);
}

#[test]
fn deleting_an_event_removes_everything_it_owns() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("muntada.db")).unwrap();
    muntada::store::testing::act_as(&mut store, "desk-2");
    let demo = demo::load(&mut store, Utc::now()).unwrap();
    // A copy of the demo's programme and registrations without its pledges: an event that
    // may be deleted.
    let copy = store.write(|tx| event::create(tx, &input(), Utc::now())).unwrap();
    let people = participants::list(&store, demo.id.as_str()).unwrap();
    for p in people.iter().take(5) {
        let input =
            participants::ParticipantInput { delegation: String::new(), ..participants::ParticipantInput::from(p) };
        store.write(|tx| participants::add(tx, &copy.id, &input, Utc::now())).unwrap();
    }
    assert_eq!(store.events().counts(&copy.id).unwrap().participants, 5);
    let now = Utc.with_ymd_and_hms(2025, 10, 27, 18, 0, 0).unwrap();
    let deleted = store.write(|tx| event::delete(tx, &copy.id, now)).unwrap();
    assert_eq!(store.events().counts(&copy.id).unwrap(), Default::default());
    assert_eq!(
        event::list(&store).unwrap().into_iter().map(|e| e.id).collect::<Vec<_>>(),
        std::slice::from_ref(&demo.id)
    );

    // The backup taken first holds the event as it was.
    let backup = deleted.backup.expect("a database file is backed up before an event is deleted");
    assert_eq!(
        backup,
        muntada::backup::dir(store.path().unwrap()).join("muntada-20251027T180000.000Z-before-delete.db")
    );
    let kept = Store::open(&backup).unwrap();
    assert_eq!(kept.events().counts(&copy.id).unwrap().participants, 5);
    // The deletion is logged where it outlives the event's own trail.
    let log = store.events().deletions().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].event_id.clone(), log[0].title.en.as_str()), (copy.id.clone(), "Vienna Forum"));
    assert_eq!((log[0].actor.as_str(), log[0].at), ("desk-2", now));
    assert_eq!(log[0].backup.as_deref(), Some(backup.display().to_string().as_str()));
}

#[test]
fn an_event_with_pledges_or_an_adopted_outcome_is_archived_not_deleted() {
    let mut store = muntada::store::testing::store();
    let demo = demo::load(&mut store, Utc::now()).unwrap();
    let pledges = store.events().counts(&demo.id).unwrap().pledges;
    assert!(pledges > 0);
    let err = store.write(|tx| event::delete(tx, &demo.id, Utc::now())).unwrap_err();
    assert_eq!((err.kind, err.reason, err.field.as_deref()), (ErrorKind::Conflict, Reason::InUse, Some("id")));
    assert!(err.message.contains("archive"), "{}", err.message);
    assert_eq!(store.events().counts(&demo.id).unwrap().pledges, pledges, "nothing was deleted");
    assert!(store.events().deletions().unwrap().is_empty());

    // Without pledges, an adopted outcome document still keeps the event.
    let ids: Vec<String> =
        muntada::pledges::list(&store, demo.id.as_str()).unwrap().iter().map(|p| p.id.to_string()).collect();
    for id in &ids {
        store.write(|tx| muntada::pledges::delete(tx, &muntada::Id::parse("id", id).unwrap(), Utc::now())).unwrap();
    }
    if muntada::outcome::versions(&store, demo.id.as_str()).unwrap().iter().all(|v| v.adopted.is_none()) {
        store.write(|tx| muntada::outcome::adopt(tx, &demo.id, None, Utc::now())).unwrap();
    }
    let err = store.write(|tx| event::delete(tx, &demo.id, Utc::now())).unwrap_err();
    assert_eq!(err.reason, Reason::InUse);
    assert!(err.message.contains("adopted outcome"), "{}", err.message);
    assert!(event::get(&store, demo.id.as_str()).is_ok());
}

#[test]
fn the_demo_forum_is_complete() {
    let mut store = muntada::store::testing::store();
    let demo = demo::load(&mut store, Utc::now()).unwrap();
    let overview = event::overview(&store, demo.id.as_str()).unwrap();
    assert_eq!(overview.event.timezone, "Asia/Qatar");
    assert_eq!(overview.event.organisers.len(), 2);
    let usd = &overview.pledges.currencies;
    assert_eq!((usd.len(), usd[0].currency.as_str(), usd[0].pledged.as_str()), (1, "USD", "45000000.00"));
    let pledges = muntada::pledges::list(&store, demo.id.as_str()).unwrap();
    assert_eq!(pledges[0].lines.iter().map(|y| y.year).collect::<Vec<_>>(), [2024, 2025, 2026]);
    assert!(pledges[0].session_id.is_some() && pledges[0].speaker_id.is_some());
    let people = muntada::participants::list(&store, demo.id.as_str()).unwrap();
    let categories: std::collections::BTreeSet<_> = people.iter().map(|p| p.category.as_str()).collect();
    assert_eq!(categories.len(), 8, "every category is represented: {categories:?}");
    assert!(people.iter().any(|p| !p.name.ar.is_empty()) && people.iter().any(|p| p.name.ar.is_empty()));
    let speakers = store.speakers().list(&demo.id).unwrap();
    let minister = speakers.iter().find(|s| s.name.en.contains("Al-Muraikhi")).expect("the minister speaks");
    assert!(minister.participant_id.is_some(), "a speaker who attends is one person");
    assert!(store.sessions().assignments(&demo.id).unwrap().len() >= speakers.len());
}

#[test]
fn a_first_schema_database_is_upgraded_with_its_pledges() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../../src/store/migrations/0001_initial.sql")).unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO events VALUES ('0190a7e2-0000-7000-8000-000000000001', 'F', '', '', '', '', '', NULL,
                 'UTC', '2024-01-01', '2024-01-02', 'open', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
             INSERT INTO pledges VALUES ('0190a7e2-0000-7000-8000-000000000002', '0190a7e2-0000-7000-8000-000000000001',
                 'Norway', 'UNOCT', 'NOK', 'paid', NULL, NULL, '', '2024-03-04T10:00:00Z');
             INSERT INTO pledge_years VALUES ('0190a7e2-0000-7000-8000-000000000002', 2024, 1000);
             INSERT INTO pledge_years VALUES ('0190a7e2-0000-7000-8000-000000000002', 2025, 2000);",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let pledges = muntada::pledges::list(&store, "0190a7e2-0000-7000-8000-000000000001").unwrap();
    assert_eq!(pledges.len(), 1);
    let p = &pledges[0];
    assert_eq!(p.donors, [Bilingual::new("Norway", "")]);
    assert_eq!(p.status(), muntada::pledges::PledgeStatus::Paid);
    assert_eq!(
        p.lines.iter().map(|l| (l.year, l.minor, l.paid_minor)).collect::<Vec<_>>(),
        [(2024, 1000, 1000), (2025, 2000, 2000)]
    );
    assert_eq!(p.lines[0].paid_on.map(|d| d.to_string()).as_deref(), Some("2024-03-04"));
}

#[test]
fn deleting_a_session_keeps_its_pledges_history_and_what_was_adopted() {
    use muntada::audit::{self, AuditAction, AuditSubject};
    use muntada::outcome::{self, RichText, SectionInput, SectionKind};
    use muntada::{pledges, programme};

    let mut store = muntada::store::testing::store();
    let demo = demo::load(&mut store, Utc::now()).unwrap();
    let eid = demo.id.as_str();
    let sessions = programme::sessions(&store, eid).unwrap();
    let (cited, pledged) = (&sessions[0], &sessions[1]);
    let pledge = pledges::list(&store, eid).unwrap().remove(0);
    let linked = PledgeInput { session_id: Some(pledged.id.to_string()), ..PledgeInput::from(&pledge) };
    store.write(|tx| pledges::update(tx, &pledge.id, None, &linked, Utc::now())).unwrap();

    // A session cited by an adopted version of the outcome document stays.
    let section = SectionInput {
        kind: Some(SectionKind::Summary),
        body_en: RichText::from_markup("body", "The opening plenary set the agenda.").unwrap(),
        sessions: vec![cited.id.to_string()],
        ..SectionInput::default()
    };
    store
        .write(|tx| outcome::add_section(tx, &muntada::Id::parse("id", eid).unwrap(), None, &section, Utc::now()))
        .unwrap();
    let adopted =
        store.write(|tx| outcome::adopt(tx, &muntada::Id::parse("id", eid).unwrap(), None, Utc::now())).unwrap();
    let err = store.write(|tx| programme::delete_session(tx, &cited.id, Utc::now())).unwrap_err();
    assert_eq!((err.kind, err.reason), (ErrorKind::Conflict, Reason::InUse), "{err:?}");
    assert!(err.message.contains(&format!("version {}", adopted.number)), "{}", err.message);
    assert!(programme::sessions(&store, eid).unwrap().iter().any(|s| s.id == cited.id));
    let kept = outcome::get(&store, eid, Some(adopted.number)).unwrap().unwrap();
    assert!(kept.sections.iter().any(|s| s.session_ids.contains(&cited.id)), "the adopted version still cites it");

    // A session a pledge was announced in goes; the pledge stays, and its history says so.
    muntada::store::testing::act_as(&mut store, "programme-team");
    store.write(|tx| programme::delete_session(tx, &pledged.id, Utc::now())).unwrap();
    let after = pledges::get(&store, pledge.id.as_str()).unwrap();
    assert_eq!(after.session_id, None);
    let history = audit::list(&store, AuditSubject::Pledge, pledge.id.as_str()).unwrap();
    let newest = &history[0];
    assert_eq!((newest.action, newest.actor.as_str()), (AuditAction::Update, "programme-team"));
}

#[test]
fn names_stored_in_one_language_go_to_the_side_of_their_script() {
    // Two events and two pledges as schema 16 held them: venue, city, organisers, donors and
    // recipient one string each (migrations 17 and 18 give them two languages).
    let dir = tempfile::tempdir().unwrap();
    let store = muntada::store::testing::store_from_version(
        dir.path(),
        16,
        "INSERT INTO events (id, title_en, title_ar, description_en, description_ar, venue, city, country, timezone,
             start_date, end_date, status, created_at, updated_at)
         VALUES ('0190e0a0-0000-7000-8000-000000000001', 'Forum', '', '', '', 'قصر المؤتمرات, Tunis', 'تونس', 'TN',
                 'Africa/Tunis', '2025-05-20', '2025-05-21', 'open', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),
                ('0190e0a0-0000-7000-8000-000000000002', 'Summit', '', '', '', 'Sheraton Grand Doha', 'Doha', 'QA',
                 'Asia/Qatar', '2025-06-20', '2025-06-21', 'open', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
         INSERT INTO event_organisers (event_id, position, name)
         VALUES ('0190e0a0-0000-7000-8000-000000000001', 0, 'State of Qatar'),
                ('0190e0a0-0000-7000-8000-000000000001', 1, 'مكتب الأمم المتحدة لمكافحة الإرهاب'),
                ('0190e0a0-0000-7000-8000-000000000001', 2, 'UNOCT ١٢');
         INSERT INTO pledges (id, event_id, recipient, currency, notes, created_at, entry_mode)
         VALUES ('0190e0a0-0000-7000-8000-000000000003', '0190e0a0-0000-7000-8000-000000000001',
                 'مكتب الأمم المتحدة لمكافحة الإرهاب', 'USD', '', '2025-01-01T00:00:00Z', 'lines'),
                ('0190e0a0-0000-7000-8000-000000000004', '0190e0a0-0000-7000-8000-000000000001', 'UNOCT', 'USD', '',
                 '2025-01-02T00:00:00Z', 'lines');
         INSERT INTO pledge_years (pledge_id, year, amount_minor) VALUES ('0190e0a0-0000-7000-8000-000000000003', 2025, 100),
             ('0190e0a0-0000-7000-8000-000000000004', 2025, 100);
         INSERT INTO pledge_donors (pledge_id, position, name)
         VALUES ('0190e0a0-0000-7000-8000-000000000003', 0, 'دولة قطر'),
                ('0190e0a0-0000-7000-8000-000000000003', 1, 'Japan'),
                ('0190e0a0-0000-7000-8000-000000000004', 0, 'Norway');",
    );
    let tunis = event::get(&store, "0190e0a0-0000-7000-8000-000000000001").unwrap();
    assert_eq!(tunis.venue, Bilingual::new("", "قصر المؤتمرات, Tunis"));
    assert_eq!(tunis.city, Bilingual::new("", "تونس"));
    assert_eq!(
        tunis.organisers,
        [
            Bilingual::new("State of Qatar", ""),
            Bilingual::new("", "مكتب الأمم المتحدة لمكافحة الإرهاب"),
            Bilingual::new("UNOCT ١٢", ""),
        ]
    );
    let pledges = muntada::pledges::list(&store, "0190e0a0-0000-7000-8000-000000000001").unwrap();
    let names: Vec<_> = pledges.iter().map(|p| (p.donors.clone(), p.recipient.clone())).collect();
    assert_eq!(
        names,
        [
            (
                vec![Bilingual::new("", "دولة قطر"), Bilingual::new("Japan", "")],
                Bilingual::new("", "مكتب الأمم المتحدة لمكافحة الإرهاب")
            ),
            (vec![Bilingual::new("Norway", "")], Bilingual::new("UNOCT", "")),
        ]
    );
    let doha = event::get(&store, "0190e0a0-0000-7000-8000-000000000002").unwrap();
    assert_eq!((doha.venue, doha.city), (Bilingual::new("Sheraton Grand Doha", ""), Bilingual::new("Doha", "")));
    assert!(doha.organisers.is_empty());
}

/// Signatories are kept in order with both languages, replaced by an update or by
/// `set_signatories` (which leaves the rest of the event alone), and copied to next year's
/// edition; on the engine the run names (SQLite, or PostgreSQL with `MUNTADA_TEST_PG`).
#[test]
fn signatories_are_kept_in_order_on_either_engine() {
    use muntada::event::Signatory;
    let mut store = muntada::store::testing::store();
    let two = vec![
        Signatory::new(Bilingual::new("Jane Doe", "جين دو"), Bilingual::new("Director", "المديرة")),
        Signatory::new(Bilingual::new("", "عمر حداد"), Bilingual::default()),
    ];
    let created =
        store.write(|tx| event::create(tx, &EventInput { signatories: two.clone(), ..input() }, Utc::now())).unwrap();
    assert_eq!(event::get(&store, created.id.as_str()).unwrap().signatories, two);
    let swapped: Vec<Signatory> = two.iter().rev().cloned().collect();
    let updated = store
        .write(|tx| {
            let input = EventInput { signatories: swapped.clone(), ..input() };
            event::update(tx, &created.id, Some(created.version), &input, Utc::now())
        })
        .unwrap();
    assert_eq!(event::get(&store, created.id.as_str()).unwrap().signatories, swapped);
    let one = &two[..1];
    let set = store.write(|tx| event::set_signatories(tx, &created.id, one, Utc::now())).unwrap();
    assert_eq!((set.version, set.organisers.clone()), (updated.version + 1, updated.organisers.clone()));
    assert_eq!(event::list(&store).unwrap()[0].signatories, one);
    let next =
        store.write(|tx| muntada::programme::edition::clone_event(tx, &created.id, "2026-10-24", Utc::now())).unwrap();
    assert_eq!(event::get(&store, next.id.as_str()).unwrap().signatories, one, "next year's edition keeps them");
    let refused = store.write(|tx| event::set_signatories(tx, &created.id, &vec![one[0].clone(); 3], Utc::now()));
    assert_eq!(refused.unwrap_err().field.as_deref(), Some("signatories"));
    store.write(|tx| event::set_signatories(tx, &created.id, &[], Utc::now())).unwrap();
    assert!(event::get(&store, created.id.as_str()).unwrap().signatories.is_empty());
}

/// The rule for digits in Arabic is an event setting: an event from before it (migration 21)
/// gets Arabic-Indic digits, the rule it had; a new event keeps what it was given; an update
/// changes it with the rest of the form, refused when the event changed since the form was
/// filled; next year's edition keeps it. On the engine the run names.
#[test]
fn the_digits_setting_is_kept_and_defaults_for_older_events_on_either_engine() {
    use muntada::event::ArabicDigits;
    let dir = tempfile::tempdir().unwrap();
    let old = muntada::store::testing::store_from_version(
        dir.path(),
        20,
        "INSERT INTO events (id, title_en, title_ar, description_en, description_ar, venue_en, venue_ar, city_en,
             city_ar, country, timezone, start_date, end_date, status, created_at, updated_at)
         VALUES ('0190e0a0-0000-7000-8000-000000000001', 'Forum', 'منتدى', '', '', '', '', 'Tunis', 'تونس', 'TN',
                 'Africa/Tunis', '2025-05-20', '2025-05-21', 'open', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');",
    );
    let before = event::get(&old, "0190e0a0-0000-7000-8000-000000000001").unwrap();
    assert_eq!(before.arabic_digits, ArabicDigits::ArabicIndic);

    let mut store = muntada::store::testing::store();
    let created = store
        .write(|tx| event::create(tx, &EventInput { arabic_digits: ArabicDigits::Latin, ..input() }, Utc::now()))
        .unwrap();
    assert_eq!(event::get(&store, created.id.as_str()).unwrap().arabic_digits, ArabicDigits::Latin);
    let updated = store
        .write(|tx| {
            let input = EventInput { arabic_digits: ArabicDigits::ArabicIndic, ..created.input() };
            event::update(tx, &created.id, Some(created.version), &input, Utc::now())
        })
        .unwrap();
    assert_eq!(updated.version, created.version + 1);
    assert_eq!(event::list(&store).unwrap()[0].arabic_digits, ArabicDigits::ArabicIndic);
    // A form filled from the first version does not undo the change.
    let stale = store.write(|tx| {
        let input = EventInput { arabic_digits: ArabicDigits::Latin, ..created.input() };
        event::update(tx, &created.id, Some(created.version), &input, Utc::now())
    });
    assert_eq!(stale.unwrap_err().reason, muntada::Reason::Changed);
    assert_eq!(event::get(&store, created.id.as_str()).unwrap().arabic_digits, ArabicDigits::ArabicIndic);
    let latin = store
        .write(|tx| {
            let input = EventInput { arabic_digits: ArabicDigits::Latin, ..updated.input() };
            event::update(tx, &created.id, Some(updated.version), &input, Utc::now())
        })
        .unwrap();
    let next =
        store.write(|tx| muntada::programme::edition::clone_event(tx, &latin.id, "2026-10-24", Utc::now())).unwrap();
    assert_eq!(event::get(&store, next.id.as_str()).unwrap().arabic_digits, ArabicDigits::Latin);
}
