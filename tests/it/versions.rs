//! Edits that know what they changed: a save made from a form opened before another desk's
//! change is refused (`conflict` / `changed`, field `version`), names who changed the record and
//! when where the audit trail keeps its history, and writes nothing.

use chrono::{TimeZone, Utc};
use muntada::participants::delegation::{self, DelegationInput};
use muntada::participants::{self, ParticipantInput, ParticipantStatus};
use muntada::pledges::{self, PledgeInput};
use muntada::programme::{self, RoomInput, SessionInput, SpeakerInput};
use muntada::{demo, event, Bilingual, Error, ErrorKind, Reason};

/// The refusal a stale save must get: nothing else will do.
fn assert_changed(result: Result<impl std::fmt::Debug, Error>, what: &str) -> Error {
    let err = result.expect_err("a save from an older version must be refused");
    assert_eq!(
        (err.kind, err.reason, err.field.as_deref()),
        (ErrorKind::Conflict, Reason::Changed, Some("version")),
        "{what}: {err:?}"
    );
    assert!(err.message.contains(what), "{what}: {}", err.message);
    err
}

fn person(name: &str) -> ParticipantInput {
    ParticipantInput {
        name: Bilingual::new(name, ""),
        phone: "+974 4400 0000".into(),
        status: ParticipantStatus::Confirmed,
        ..ParticipantInput::default()
    }
}

#[test]
fn a_participant_form_opened_before_another_desks_change_is_refused_and_names_who() {
    let mut store = muntada::store::testing::store();
    let event = super::forum(&mut store);
    let added = store.write(|tx| participants::add(tx, &event, &person("Layla Haddad"), Utc::now())).unwrap();
    assert_eq!(added.version, 1);
    let id = added.id.as_str();

    // Desk 3 corrects the e-mail while desk 1 has the form open on version 1.
    muntada::store::testing::act_as(&mut store, "desk-3");
    let at = Utc.with_ymd_and_hms(2025, 5, 20, 9, 12, 0).unwrap();
    let email = ParticipantInput { email: "layla@example.org".into(), ..person("Layla Haddad") };
    let theirs = store
        .write(|tx| participants::edit(tx, &muntada::Id::parse("id", id).unwrap(), Some(1), &email, at))
        .unwrap()
        .participant;
    assert_eq!(theirs.version, 2);

    muntada::store::testing::act_as(&mut store, "desk-1");
    let phone = ParticipantInput { phone: "+974 5555 0101".into(), ..person("Layla Haddad") };
    let err = assert_changed(
        store.write(|tx| participants::edit(tx, &muntada::Id::parse("id", id).unwrap(), Some(1), &phone, Utc::now())),
        "participant",
    );
    assert!(err.message.contains("desk-3") && err.message.contains("2025-05-20 09:12"), "{}", err.message);
    assert_eq!(
        participants::list(&store, event.as_str()).unwrap(),
        std::slice::from_ref(&theirs),
        "nothing was written"
    );

    // Re-applied on the current version, the edit stands and keeps the other desk's change.
    let again = ParticipantInput { email: theirs.email.clone().unwrap(), ..phone };
    let saved = store
        .write(|tx| participants::edit(tx, &muntada::Id::parse("id", id).unwrap(), Some(2), &again, Utc::now()))
        .unwrap()
        .participant;
    assert_eq!(
        (saved.version, saved.phone.as_deref(), saved.email.as_deref()),
        (3, Some("+974 5555 0101"), Some("layla@example.org"))
    );

    // A check-in is a conditional write, not a form: it needs no version and raises it.
    let checked = store.write(|tx| participants::check_in(tx, &event, &saved.badge_code, Utc::now())).unwrap();
    assert_eq!(checked.participant.version, 4);
    assert_changed(
        store.write(|tx| participants::edit(tx, &muntada::Id::parse("id", id).unwrap(), Some(3), &again, Utc::now())),
        "participant",
    );
}

#[test]
fn the_store_writes_only_over_the_version_it_read() {
    // The conditional statement itself: a record read, then changed by someone else, is not
    // written over even when the caller skips the check.
    let mut store = muntada::store::testing::store();
    let event = super::forum(&mut store);
    let added = store.write(|tx| participants::add(tx, &event, &person("Omar Saleh"), Utc::now())).unwrap();
    let stale = added.clone();
    store.write(|tx| participants::edit(tx, &added.id, None, &person("Omar Saleh Al-Amin"), Utc::now())).unwrap();
    let overwrite = participants::Participant { phone: Some("+1".into()), ..stale.clone() };
    assert_changed(store.write(|tx| tx.participants().update(&stale, &overwrite, Utc::now())), "participant");
    let now = &participants::list(&store, event.as_str()).unwrap()[0];
    assert_eq!((now.name.en.as_str(), now.version), ("Omar Saleh Al-Amin", 2));
    // A record that is gone is not found, not changed.
    let gone = participants::Participant { id: muntada::Id::new(), ..stale };
    let err = store.write(|tx| tx.participants().update(&gone, &gone, Utc::now())).unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
}

#[test]
fn every_edit_form_refuses_a_stale_version() {
    let mut store = muntada::store::testing::store();
    let demo = demo::load(&mut store, Utc::now()).unwrap();
    let eid = demo.id.as_str();
    let now = Utc::now();

    // Pledges: the stage recorded at another desk raises the version the form was opened on.
    let pledge = pledges::list(&store, eid).unwrap().remove(0);
    let form = PledgeInput { notes: "Announced at the opening".into(), ..PledgeInput::from(&pledge) };
    let change = pledges::StageChange {
        to: pledges::PledgeStatus::Committed,
        year: None,
        amount: None,
        date: Some("2024-05-21".into()),
        reason: String::new(),
    };
    muntada::store::testing::act_as(&mut store, "coordinator");
    store.write(|tx| pledges::stage(tx, &pledge.id, &change, now)).unwrap();
    let err =
        assert_changed(store.write(|tx| pledges::update(tx, &pledge.id, Some(pledge.version), &form, now)), "pledge");
    assert!(err.message.contains("coordinator"), "{}", err.message);
    let current = pledges::get(&store, pledge.id.as_str()).unwrap();
    assert_eq!(current.status(), pledges::PledgeStatus::Committed, "the stage stands");
    assert_ne!(current.notes, form.notes, "the stale form wrote nothing");
    let saved = store.write(|tx| pledges::update(tx, &pledge.id, Some(current.version), &form, now)).unwrap();
    assert_eq!((saved.notes.as_str(), saved.status()), ("Announced at the opening", pledges::PledgeStatus::Committed));

    // The event.
    let input = event::EventInput { venue: muntada::Bilingual::new("Sheraton Grand", ""), ..super::forum_input() };
    let first = event::get(&store, eid).unwrap().version;
    store.write(|tx| event::update(tx, &demo.id, Some(first), &input, now)).unwrap();
    let err = assert_changed(store.write(|tx| event::update(tx, &demo.id, Some(first), &input, now)), "event");
    assert!(err.message.contains("by coordinator at "), "{}", err.message);

    // A room, a session, a speaker.
    let room = programme::rooms(&store, eid).unwrap().remove(0);
    let seats =
        RoomInput { name: room.name.clone(), capacity: Some(99), parallel: room.parallel, opens: None, closes: None };
    store.write(|tx| programme::update_room(tx, &room.id, Some(room.version), &seats, Utc::now())).unwrap();
    let err = assert_changed(
        store.write(|tx| programme::update_room(tx, &room.id, Some(room.version), &seats, Utc::now())),
        "room",
    );
    assert!(err.message.contains("by coordinator at "), "{}", err.message);

    let session = programme::sessions(&store, eid).unwrap().remove(0);
    let tz = demo.tz();
    let local = |t: chrono::DateTime<Utc>| muntada::time::format_local(t, tz);
    let retitled = SessionInput {
        room_id: session.room_id.as_ref().map(|r| r.to_string()),
        title: Bilingual::new("Opening of the forum", "افتتاح المنتدى"),
        description: session.description.clone(),
        kind: session.kind,
        start: local(session.start),
        end: local(session.end),
    };
    // Moving it on the grid is a change too: the form opened before it is stale.
    let to = programme::SessionMove {
        start: local(session.start + chrono::Duration::minutes(30)),
        end: None,
        room_id: None,
    };
    store.write(|tx| programme::move_session(tx, &session.id, &to, Utc::now())).unwrap();
    let err = assert_changed(
        store.write(|tx| programme::update_session(tx, &session.id, Some(session.version), &retitled, Utc::now())),
        "session",
    );
    assert!(err.message.contains("by coordinator at "), "{}", err.message);

    let speaker = programme::speakers(&store, eid).unwrap().remove(0);
    let profile =
        SpeakerInput { name: speaker.name.clone(), bio: Bilingual::new("Director", ""), ..SpeakerInput::default() };
    store.write(|tx| programme::update_speaker(tx, &speaker.id, Some(speaker.version), &profile, Utc::now())).unwrap();
    let err = assert_changed(
        store.write(|tx| programme::update_speaker(tx, &speaker.id, Some(speaker.version), &profile, Utc::now())),
        "speaker",
    );
    assert!(err.message.contains("by coordinator at "), "{}", err.message);

    // A delegation.
    let d = delegation::list(&store, eid).unwrap().remove(0);
    let renamed = DelegationInput {
        name: Bilingual::new(format!("{} (delegation)", d.name.en), d.name.ar.clone()),
        country: d.country.clone().unwrap_or_default(),
        head: d.head.as_ref().map(|h| h.to_string()).unwrap_or_default(),
    };
    store.write(|tx| delegation::update(tx, &d.id, Some(d.version), &renamed, now)).unwrap();
    let err =
        assert_changed(store.write(|tx| delegation::update(tx, &d.id, Some(d.version), &renamed, now)), "delegation");
    assert!(err.message.contains("by coordinator at "), "{}", err.message);
}
