use chrono::{Duration, TimeZone};

use super::*;
use crate::bilingual::{Bilingual, Lang};
use crate::error::ErrorKind;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 5, 22, 16, 0, 0).unwrap()
}

/// The demo forum (speakers, sessions) with its outcome draft emptied.
fn demo() -> (Store, String) {
    let mut store = crate::store::testing::store();
    let event = crate::demo::load(&mut store, now()).unwrap();
    let event = event.id.as_str().to_owned();
    for s in get(&store, &event, None).unwrap().unwrap().sections {
        store
            .write(|tx| remove_section(tx, &crate::id::Id::parse("id", &event).unwrap(), s.key.as_str(), None, now()))
            .unwrap();
    }
    (store, event)
}

fn sections(store: &Store, event: &str) -> Vec<Section> {
    get(store, event, None).unwrap().map(|o| o.sections).unwrap_or_default()
}

fn text(markup: &str) -> RichText {
    RichText::from_markup("body", markup).unwrap()
}

fn recommendation(en: &str, ar: &str) -> SectionInput {
    SectionInput {
        kind: Some(SectionKind::Recommendation),
        body_en: text(en),
        body_ar: text(ar),
        actor: Bilingual::new("Member States", "الدول الأعضاء"),
        ..SectionInput::default()
    }
}

#[test]
fn sections_are_added_in_order_and_read_back() {
    let (mut store, event) = demo();
    assert_eq!(sections(&store, &event), vec![], "an empty draft");
    let session = crate::programme::sessions(&store, &event).unwrap()[0].id.clone();
    let first = store
        .write(|tx| {
            add_section(
                tx,
                &crate::id::Id::parse("id", &event).unwrap(),
                None,
                &recommendation("Share data.", "تبادل البيانات."),
                now(),
            )
        })
        .unwrap();
    let summary = SectionInput {
        kind: Some(SectionKind::Summary),
        title: Bilingual::new("Background", "خلفية"),
        body_en: text("The forum **met**."),
        sessions: vec![session.as_str().to_owned(), session.as_str().to_owned()],
        position: Some(1),
        ..SectionInput::default()
    };
    let second =
        store.write(|tx| add_section(tx, &crate::id::Id::parse("id", &event).unwrap(), None, &summary, now())).unwrap();
    let doc = get(&store, &event, None).unwrap().unwrap();
    assert_eq!(doc.version.number, 1);
    assert_eq!(doc.version.adopted, None);
    assert_eq!(doc.sections.iter().map(|s| &s.key).collect::<Vec<_>>(), vec![&second.key, &first.key]);
    assert_eq!(doc.sections[0], second, "read back as written");
    assert_eq!(doc.sections[0].session_ids, vec![session], "a session linked once");
    assert_eq!(doc.sections[1].actor.ar, "الدول الأعضاء");
}

#[test]
fn bad_input_names_the_field_and_writes_nothing() {
    let (mut store, event) = demo();
    let other = store
        .write(|tx| {
            crate::event::create(
                tx,
                &crate::event::EventInput {
                    title: Bilingual::new("Other", ""),
                    description: Bilingual::default(),
                    venue: Bilingual::default(),
                    city: Bilingual::default(),
                    country: String::new(),
                    timezone: "UTC".into(),
                    start_date: "2024-01-01".into(),
                    end_date: "2024-01-01".into(),
                    organisers: vec![],
                    signatories: Vec::new(),
                    arabic_digits: Default::default(),
                    status: crate::event::EventStatus::Open,
                },
                now(),
            )
        })
        .unwrap();
    let other_session = store
        .write(|tx| {
            crate::programme::add_session(
                tx,
                &other.id,
                &crate::programme::SessionInput {
                    room_id: None,
                    title: Bilingual::new("S", ""),
                    description: Bilingual::default(),
                    kind: crate::programme::SessionKind::Panel,
                    start: "2024-01-01 09:00".into(),
                    end: "2024-01-01 10:00".into(),
                },
            )
        })
        .unwrap();
    let cases: Vec<(SectionInput, &str, Reason)> = vec![
        (SectionInput { kind: None, ..recommendation("a", "b") }, "kind", Reason::Required),
        (
            SectionInput { kind: Some(SectionKind::OpeningStatement), ..SectionInput::default() },
            "speaker",
            Reason::Required,
        ),
        (
            SectionInput { title: Bilingual::new("a\tb", ""), ..recommendation("a", "b") },
            "title",
            Reason::ControlCharacters,
        ),
        (
            SectionInput { sessions: vec![other_session.id.as_str().into()], ..recommendation("a", "b") },
            "session",
            Reason::WrongEvent,
        ),
        (
            SectionInput { speaker: Some("00000000-0000".into()), ..recommendation("a", "b") },
            "speaker",
            Reason::NotFound,
        ),
        (SectionInput { position: Some(3), ..recommendation("a", "b") }, "position", Reason::InvalidValue),
        (
            SectionInput { body_ar: RichText(vec![RichBlock::Bullets { items: vec![] }]), ..recommendation("a", "b") },
            "bodyAr",
            Reason::InvalidValue,
        ),
    ];
    for (input, field, reason) in cases {
        let e = store
            .write(|tx| add_section(tx, &crate::id::Id::parse("id", &event).unwrap(), None, &input, now()))
            .unwrap_err();
        assert_eq!((e.field.as_deref(), e.reason), (Some(field), reason), "{e:?}");
    }
    assert_eq!(sections(&store, &event), vec![], "nothing written");
    assert_eq!(versions(&store, &event).unwrap().len(), 1, "no version started");
}

#[test]
fn language_marks_missing_and_older() {
    let (mut store, event) = demo();
    let s = store
        .write(|tx| {
            add_section(
                tx,
                &crate::id::Id::parse("id", &event).unwrap(),
                None,
                &recommendation("Share data.", ""),
                now(),
            )
        })
        .unwrap();
    assert_eq!(
        (s.language_state(Lang::En), s.language_state(Lang::Ar)),
        (LanguageState::Current, LanguageState::Missing)
    );
    let later = now() + Duration::minutes(5);
    let edit = SectionEdit { body_ar: Some(text("تبادل البيانات.")), ..SectionEdit::default() };
    let s = store
        .write(|tx| edit_section(tx, &crate::id::Id::parse("id", &event).unwrap(), s.key.as_str(), None, &edit, later))
        .unwrap();
    assert_eq!(
        (s.language_state(Lang::En), s.language_state(Lang::Ar)),
        (LanguageState::Older, LanguageState::Current)
    );
    assert_eq!((s.updated_en, s.updated_ar), (Some(now()), Some(later)));
    // Writing the same text again is no change and leaves the stamp.
    let same = SectionEdit { body_ar: Some(text("تبادل البيانات.")), ..SectionEdit::default() };
    let s = store
        .write(|tx| {
            edit_section(
                tx,
                &crate::id::Id::parse("id", &event).unwrap(),
                s.key.as_str(),
                None,
                &same,
                later + Duration::hours(1),
            )
        })
        .unwrap();
    assert_eq!(s.updated_ar, Some(later));
}

#[test]
fn adopted_versions_are_frozen_and_edits_start_a_new_draft() {
    let (mut store, event) = demo();
    let e = store.write(|tx| adopt(tx, &crate::id::Id::parse("id", &event).unwrap(), None, now())).unwrap_err();
    assert_eq!((e.kind, e.reason), (ErrorKind::Conflict, Reason::Required), "an empty draft is not adopted");
    let s = store
        .write(|tx| {
            add_section(
                tx,
                &crate::id::Id::parse("id", &event).unwrap(),
                None,
                &recommendation("Share data.", "تبادل البيانات."),
                now(),
            )
        })
        .unwrap();
    crate::store::testing::act_as(&mut store, "coordinator");
    // Naming another version than the draft (as read by someone else): refused, nothing adopted.
    let e = store.write(|tx| adopt(tx, &crate::id::Id::parse("id", &event).unwrap(), Some(2), now())).unwrap_err();
    assert_eq!((e.kind, e.field.as_deref()), (ErrorKind::Conflict, Some("version")));
    assert!(versions(&store, &event).unwrap()[0].adopted.is_none());
    let v1 = store.write(|tx| adopt(tx, &crate::id::Id::parse("id", &event).unwrap(), Some(1), now())).unwrap();
    assert_eq!((v1.number, v1.adopted.as_ref().map(|a| a.by.as_str())), (1, Some("coordinator")));
    assert_eq!(
        store.write(|tx| adopt(tx, &crate::id::Id::parse("id", &event).unwrap(), None, now())).unwrap_err().kind,
        ErrorKind::Conflict,
        "adopted twice"
    );

    // Naming the adopted version: refused, with the date, and nothing changes.
    let edit = SectionEdit { body_en: Some(text("Share more data.")), ..SectionEdit::default() };
    let e = store
        .write(|tx| {
            edit_section(tx, &crate::id::Id::parse("id", &event).unwrap(), s.key.as_str(), Some(1), &edit, now())
        })
        .unwrap_err();
    assert_eq!((e.kind, e.field.as_deref()), (ErrorKind::Conflict, Some("version")));
    assert!(e.message.contains("adopted on 2024-05-22"), "{}", e.message);
    let e = store
        .write(|tx| {
            add_section(tx, &crate::id::Id::parse("id", &event).unwrap(), Some(1), &recommendation("x", "y"), now())
        })
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert_eq!(versions(&store, &event).unwrap().len(), 1);
    // The store itself refuses to rewrite an adopted version.
    let version_id = versions(&store, &event).unwrap()[0].id.clone();
    let e = store.write(|tx| tx.outcome().replace_sections(&version_id, &[])).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Conflict);

    // Without a version: a new draft, copied from version 1, gets the edit.
    let edited = store
        .write(|tx| {
            edit_section(tx, &crate::id::Id::parse("id", &event).unwrap(), &s.key.as_str()[..8], None, &edit, now())
        })
        .unwrap();
    let all = versions(&store, &event).unwrap();
    assert_eq!(all.iter().map(|v| (v.number, v.adopted.is_some())).collect::<Vec<_>>(), vec![(1, true), (2, false)]);
    let v1 = get(&store, &event, Some(1)).unwrap().unwrap();
    assert_eq!(v1.sections[0].body_en.plain(), "Share data.", "version 1 unchanged");
    assert_eq!(get(&store, &event, None).unwrap().unwrap().sections, vec![edited]);
}

#[test]
fn versions_compare_per_section() {
    let (mut store, event) = demo();
    let kept = store
        .write(|tx| {
            add_section(
                tx,
                &crate::id::Id::parse("id", &event).unwrap(),
                None,
                &recommendation("Keep.", "إبقاء."),
                now(),
            )
        })
        .unwrap();
    let changed = store
        .write(|tx| {
            add_section(tx, &crate::id::Id::parse("id", &event).unwrap(), None, &recommendation("Old.", "قديم."), now())
        })
        .unwrap();
    let removed = store
        .write(|tx| {
            add_section(
                tx,
                &crate::id::Id::parse("id", &event).unwrap(),
                None,
                &recommendation("Gone.", "محذوف."),
                now(),
            )
        })
        .unwrap();
    store.write(|tx| adopt(tx, &crate::id::Id::parse("id", &event).unwrap(), None, now())).unwrap();
    let edit = SectionEdit { body_en: Some(text("New.")), ..SectionEdit::default() };
    store
        .write(|tx| {
            edit_section(tx, &crate::id::Id::parse("id", &event).unwrap(), changed.key.as_str(), None, &edit, now())
        })
        .unwrap();
    store
        .write(|tx| remove_section(tx, &crate::id::Id::parse("id", &event).unwrap(), removed.key.as_str(), None, now()))
        .unwrap();
    let added = store
        .write(|tx| {
            add_section(
                tx,
                &crate::id::Id::parse("id", &event).unwrap(),
                None,
                &recommendation("Fresh.", "جديد."),
                now(),
            )
        })
        .unwrap();
    let d = diff(&store, &event, 1, 2).unwrap();
    let summary: Vec<(Id, Change, Vec<String>)> =
        d.iter().map(|s| (s.key.clone(), s.change, s.fields.clone())).collect();
    assert_eq!(
        summary,
        vec![
            (kept.key.clone(), Change::Unchanged, vec![]),
            (changed.key.clone(), Change::Changed, vec!["bodyEn".to_owned()]),
            (added.key.clone(), Change::Added, vec![]),
            (removed.key.clone(), Change::Removed, vec![]),
        ]
    );
    assert_eq!(d[1].text, vec![TextChange { field: "bodyEn".into(), before: "Old.".into(), after: "New.".into() }]);
    // Moving a section is a change of position; the reverse comparison swaps added and removed.
    let back = diff(&store, &event, 2, 1).unwrap();
    assert_eq!(back.iter().find(|s| s.key == removed.key).unwrap().change, Change::Added);
    assert_eq!(back.iter().find(|s| s.key == added.key).unwrap().change, Change::Removed);
    store
        .write(|tx| {
            edit_section(
                tx,
                &crate::id::Id::parse("id", &event).unwrap(),
                kept.key.as_str(),
                None,
                &SectionEdit { position: Some(3), ..Default::default() },
                now(),
            )
        })
        .unwrap();
    let moved = compare(
        &get(&store, &event, Some(1)).unwrap().unwrap().sections,
        &get(&store, &event, None).unwrap().unwrap().sections,
    );
    assert!(moved.iter().any(|s| s.key == kept.key && s.fields.contains(&"position".to_owned())));
    let e = diff(&store, &event, 1, 9).unwrap_err();
    assert_eq!((e.kind, e.field.as_deref()), (ErrorKind::NotFound, Some("to")));
}

#[test]
fn adoption_is_in_the_audit_trail_and_failed_adoptions_are_not() {
    use crate::audit::{self, AuditAction, AuditEntity, AuditSubject};
    let (mut store, event) = demo();
    let adoptions = |store: &Store| -> Vec<(String, String, Bilingual)> {
        audit::list(store, AuditSubject::Event, &event)
            .unwrap()
            .into_iter()
            .filter(|e| e.entity == AuditEntity::Outcome)
            .map(|e| (e.action.as_str().to_owned(), e.actor, e.label))
            .collect()
    };
    crate::store::testing::act_as(&mut store, "amina");
    // Refused adoptions (nothing to adopt, the wrong version) leave no entry.
    assert!(store.write(|tx| adopt(tx, &crate::id::Id::parse("id", &event).unwrap(), None, now())).is_err());
    store
        .write(|tx| {
            add_section(
                tx,
                &crate::id::Id::parse("id", &event).unwrap(),
                None,
                &recommendation("Share data.", "تبادل البيانات."),
                now(),
            )
        })
        .unwrap();
    assert!(store.write(|tx| adopt(tx, &crate::id::Id::parse("id", &event).unwrap(), Some(3), now())).is_err());
    assert_eq!(adoptions(&store), vec![]);
    let v1 = store.write(|tx| adopt(tx, &crate::id::Id::parse("id", &event).unwrap(), Some(1), now())).unwrap();
    assert_eq!(
        adoptions(&store),
        vec![("adopt".to_owned(), "amina".to_owned(), Bilingual::new("Version 1", "النسخة 1"))]
    );
    let entry = audit::list(&store, AuditSubject::Event, &event).unwrap().remove(0);
    assert_eq!((entry.entity_id, entry.action, entry.at), (v1.id, AuditAction::Adopt, now()));
}

/// What happens to the demo forum, in order, in a [`check_generated`] case.
#[derive(Clone, Copy)]
enum Step {
    /// A USD pledge of this many million over 2025, staged to committed.
    Pledge(u32),
    /// A confirmed participant from this country (with an organisation of their own).
    Register(&'static str),
    /// An edit (a new section) to the current draft, started if needed.
    Edit,
    Adopt,
}

/// Runs `steps` on the demo forum, then checks what every version's generated sections show:
/// `(version, USD pledged in millions, USD committed in millions, extra participants, extra
/// states)` counted from the demo's own figures.
fn check_generated(steps: &[Step], expected: &[(u32, u32, u32, u32, u32)]) {
    use crate::participants::{self, ParticipantInput, ParticipantStatus};
    use crate::pledges::{self, PledgeInput, PledgeKind, PledgeStatus, Schedule, ScheduleRange, StageChange};
    let mut store = crate::store::testing::store();
    let event = crate::demo::load(&mut store, now()).unwrap().id.as_str().to_owned();
    let demo = get(&store, &event, None).unwrap().unwrap().version;
    let base = generated(&store, &demo).unwrap().participation;
    for (i, step) in steps.iter().enumerate() {
        let at = now() + Duration::minutes(i as i64 + 1);
        match *step {
            Step::Pledge(millions) => {
                let input = PledgeInput {
                    donors: vec![Bilingual::new(format!("Donor {i}"), "")],
                    recipient: Bilingual::default(),
                    purpose: Bilingual::default(),
                    kind: PledgeKind::Financial,
                    in_kind: String::new(),
                    currency: "USD".into(),
                    schedule: Schedule::Total(ScheduleRange {
                        amount: format!("{millions}000000"),
                        from_year: 2025,
                        to_year: 2025,
                    }),
                    rate: None,
                    session_id: None,
                    speaker_id: None,
                    delegation_id: None,
                    notes: String::new(),
                };
                let pledge = store
                    .write(|tx| pledges::add(tx, &crate::id::Id::parse("id", &event).unwrap(), &input, at))
                    .unwrap();
                let change = StageChange {
                    to: PledgeStatus::Committed,
                    year: None,
                    amount: None,
                    date: Some("2025-01-01".into()),
                    reason: String::new(),
                };
                store.write(|tx| pledges::stage(tx, &pledge.id, &change, at)).unwrap();
            }
            Step::Register(country) => {
                let person = ParticipantInput {
                    name: Bilingual::new(format!("Delegate {i}"), ""),
                    organisation: Bilingual::new(format!("Organisation {i}"), ""),
                    country: country.into(),
                    status: ParticipantStatus::Confirmed,
                    ..ParticipantInput::default()
                };
                store
                    .write(|tx| participants::add(tx, &crate::id::Id::parse("id", &event).unwrap(), &person, at))
                    .unwrap();
            }
            Step::Edit => {
                let free = SectionInput { kind: Some(SectionKind::Free), body_en: text("More."), ..Default::default() };
                store
                    .write(|tx| add_section(tx, &crate::id::Id::parse("id", &event).unwrap(), None, &free, at))
                    .unwrap();
            }
            Step::Adopt => {
                store.write(|tx| adopt(tx, &crate::id::Id::parse("id", &event).unwrap(), None, at)).unwrap();
            }
        }
    }
    let usd_millions = |amount: &str| -> u32 {
        let units: u64 = amount.split('.').next().unwrap().replace(',', "").parse().unwrap();
        (units / 1_000_000) as u32
    };
    let found: Vec<(u32, u32, u32, u32, u32)> = versions(&store, &event)
        .unwrap()
        .iter()
        .map(|v| {
            let g = generated(&store, v).unwrap();
            let usd = g.pledges.usd.expect("the demo has a USD pledge");
            let p = &g.participation;
            assert_eq!(p.organisations - base.organisations, p.participants - base.participants, "one each");
            let by_category: u32 = p.by_category.iter().map(|c| c.count).sum();
            assert_eq!(by_category, p.participants, "every participant in a category");
            (
                v.number,
                usd_millions(&usd.pledged),
                usd_millions(&usd.committed),
                p.participants - base.participants,
                p.states - base.states,
            )
        })
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn adopted_versions_keep_their_generated_figures() {
    use Step::*;
    // A draft shows the figures as they stand.
    check_generated(&[], &[(1, 45, 0, 0, 0)]);
    check_generated(&[Pledge(5), Register("TV")], &[(1, 50, 5, 1, 1)]);
    // Adopted: later pledges and registrations leave it as it was.
    check_generated(&[Adopt, Pledge(5), Register("TV")], &[(1, 45, 0, 0, 0)]);
    check_generated(&[Pledge(5), Adopt, Register("TV"), Edit], &[(1, 50, 5, 0, 0), (2, 50, 5, 1, 1)]);
    // Each adoption keeps its own moment.
    check_generated(
        &[Adopt, Pledge(5), Edit, Adopt, Register("TV"), Pledge(1), Edit],
        &[(1, 45, 0, 0, 0), (2, 50, 5, 0, 0), (3, 51, 6, 1, 1)],
    );
    // Someone from a country already there adds a participant, not a state.
    check_generated(&[Register("TV"), Adopt, Register("TV"), Edit], &[(1, 45, 0, 1, 1), (2, 45, 0, 2, 1)]);
}

#[test]
fn generated_figures_survive_the_store() {
    let (mut store, event) = demo();
    store
        .write(|tx| {
            add_section(
                tx,
                &crate::id::Id::parse("id", &event).unwrap(),
                None,
                &recommendation("Share data.", "تبادل البيانات."),
                now(),
            )
        })
        .unwrap();
    let draft = get(&store, &event, None).unwrap().unwrap().version;
    let live = generated(&store, &draft).unwrap();
    assert_eq!(store.outcome().generated(&draft.id).unwrap(), None, "a draft keeps nothing");
    let adopted = store.write(|tx| adopt(tx, &crate::id::Id::parse("id", &event).unwrap(), None, now())).unwrap();
    assert_eq!(store.outcome().generated(&adopted.id).unwrap(), Some(live), "kept as they were, read back whole");
}
