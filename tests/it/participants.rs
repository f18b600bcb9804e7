//! Participants in the store: matching keys, duplicates and merging, status changes and
//! check-in, erasure of what an import kept. Real SQLite (in memory or in a file).

use crate::forum;
use chrono::{TimeZone, Utc};
use muntada::audit::{self, AuditAction, AuditSubject};
use muntada::participants::{self, CheckInWarning, DuplicateReason, ParticipantInput, ParticipantStatus};
use muntada::{Bilingual, ErrorKind, Id, Reason, Store};

fn person(en: &str, ar: &str, email: &str, org: &str) -> ParticipantInput {
    ParticipantInput {
        name: Bilingual::new(en, ar),
        email: email.into(),
        organisation: Bilingual::new(org, ""),
        ..Default::default()
    }
}

fn add(store: &mut Store, event: &Id, p: ParticipantInput) -> participants::Added {
    store.write(|tx| participants::add_checked(tx, event, &p, Utc::now())).unwrap()
}

#[test]
fn duplicates_by_email_or_by_name_and_organisation() {
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let amina = add(&mut store, &event, person("Amina Yusuf", "", "Amina.Yusuf@UN.org", "UNOCT"));
    assert!(amina.possible_duplicates.is_empty());
    // The same address in another case: reported on entry, registered all the same.
    let again = add(&mut store, &event, person("A. Yusuf", "", "amina.yusuf@un.org", ""));
    assert_eq!(again.possible_duplicates, std::slice::from_ref(&amina.participant.id));
    // Accents, case and spacing folded; same organisation.
    let jose = add(&mut store, &event, person("José Álvarez", "", "", "Ministry of Foreign Affairs"));
    let jose2 = add(&mut store, &event, person("jose  alvarez", "", "j@mfa.es", "ministry of foreign affairs"));
    assert_eq!(jose2.possible_duplicates, std::slice::from_ref(&jose.participant.id));
    // Same name, another organisation: a namesake, not a duplicate.
    let other = add(&mut store, &event, person("José Álvarez", "", "", "UNDP"));
    assert!(other.possible_duplicates.is_empty());
    // Arabic letter variants and harakat.
    let fatima = add(&mut store, &event, person("", "فاطمة الزهراء", "", "وزارة الخارجية"));
    let fatima2 = add(&mut store, &event, person("", "فَاطِمه الزَّهراء", "", "وزاره الخارجيه"));
    assert_eq!(fatima2.possible_duplicates, std::slice::from_ref(&fatima.participant.id));

    let pairs = participants::duplicates(&store, event.as_str()).unwrap();
    let mut got: Vec<(Id, Id, DuplicateReason)> = pairs.into_iter().map(|p| (p.first, p.second, p.reason)).collect();
    got.sort();
    let sorted = |a: &Id, b: &Id| if a < b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) };
    let mut expected = vec![
        (sorted(&amina.participant.id, &again.participant.id), DuplicateReason::Email),
        (sorted(&jose.participant.id, &jose2.participant.id), DuplicateReason::NameAndOrganisation),
        (sorted(&fatima.participant.id, &fatima2.participant.id), DuplicateReason::NameAndOrganisation),
    ]
    .into_iter()
    .map(|((a, b), r)| (a, b, r))
    .collect::<Vec<_>>();
    expected.sort();
    assert_eq!(got, expected);
}

#[test]
fn merge_fills_gaps_and_keeps_history() {
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let keep = add(&mut store, &event, person("Amina Yusuf", "", "amina@un.org", "UNOCT")).participant;
    let mut other_input = person("Amina Yusuf", "أمينة يوسف", "AMINA@un.org", "");
    other_input.status = ParticipantStatus::Confirmed;
    other_input.country = "NG".into();
    let other = add(&mut store, &event, other_input).participant;

    let merged = store.write(|tx| participants::merge(tx, &keep.id, &other.id, Utc::now())).unwrap();
    assert_eq!(merged.id, keep.id);
    assert_eq!(merged.name, Bilingual::new("Amina Yusuf", "أمينة يوسف"));
    assert_eq!(merged.email.as_deref(), Some("amina@un.org"));
    assert_eq!(merged.country.as_deref(), Some("NG"));
    assert_eq!(merged.status, ParticipantStatus::Confirmed);
    assert_eq!(merged.badge_code, keep.badge_code);
    let people = participants::list(&store, event.as_str()).unwrap();
    assert_eq!(people, std::slice::from_ref(&merged));
    assert!(participants::duplicates(&store, event.as_str()).unwrap().is_empty());

    // The merged-away record is in the trail as it was, and says where it went.
    let trail = audit::list(&store, AuditSubject::Event, event.as_str()).unwrap();
    let gone = trail.iter().find(|e| e.entity_id == other.id && e.action == AuditAction::Delete).unwrap();
    assert_eq!(gone.label.en, "Amina Yusuf");
    assert!(trail.iter().any(|e| e.entity_id == keep.id && e.action == AuditAction::Update));

    let refused = store.write(|tx| participants::merge(tx, &keep.id, &keep.id, Utc::now())).unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("other"));
    let elsewhere = forum(&mut store);
    let stranger = add(&mut store, &elsewhere, person("Amina Yusuf", "", "", "")).participant;
    let refused = store.write(|tx| participants::merge(tx, &keep.id, &stranger.id, Utc::now())).unwrap_err();
    assert_eq!(refused.reason, Reason::WrongEvent);
    assert_eq!(participants::list(&store, elsewhere.as_str()).unwrap().len(), 1);
}

#[test]
fn merge_moves_the_sign_ups_and_the_headship_of_the_record_merged_away() {
    use muntada::participants::delegation::{self, DelegationInput};
    use muntada::programme::{self, SessionInput, SessionKind};

    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let keep = add(&mut store, &event, person("Omar Saleh", "", "omar@example.org", "")).participant;
    let other = add(&mut store, &event, person("Omar Saleh", "عمر صالح", "", "")).participant;
    let session = |title: &str, hour: u32| SessionInput {
        room_id: None,
        title: Bilingual::new(title, ""),
        description: Bilingual::default(),
        kind: SessionKind::Workshop,
        start: format!("2025-05-20 {hour:02}:00"),
        end: format!("2025-05-20 {hour:02}:45"),
    };
    let (a, b) = store
        .write(|tx| {
            Ok((
                programme::add_session(tx, &event, &session("A", 9))?,
                programme::add_session(tx, &event, &session("B", 11))?,
            ))
        })
        .unwrap();
    store
        .write(|tx| {
            programme::sign_up(tx, &a.id, &keep.id)?;
            programme::sign_up(tx, &a.id, &other.id)?;
            programme::sign_up(tx, &b.id, &other.id)
        })
        .unwrap();
    // The record merged away heads Jordan's delegation.
    let head =
        DelegationInput {
            name: Bilingual::new("Jordan", "الأردن"), country: "JO".into(), head: other.id.to_string()
        };
    let jordan = store.write(|tx| delegation::add(tx, &event, &head, Utc::now())).unwrap();

    let merged = store.write(|tx| participants::merge(tx, &keep.id, &other.id, Utc::now())).unwrap();
    // Both sessions have the kept record, once each; the merged record's delegation is kept's.
    for s in [&a, &b] {
        let ups = programme::sign_ups(&store, s.id.as_str()).unwrap();
        assert_eq!(ups.participants.iter().map(|p| &p.id).collect::<Vec<_>>(), [&keep.id], "{}", s.title.en);
    }
    assert_eq!(merged.delegation.as_ref(), Some(&jordan.id));
    let jordan = delegation::list(&store, event.as_str()).unwrap().into_iter().find(|d| d.id == jordan.id).unwrap();
    assert_eq!(jordan.head.as_ref(), Some(&keep.id), "the headship moved with the merge");
    // And the trail says so.
    let trail = audit::list(&store, AuditSubject::Event, event.as_str()).unwrap();
    let gone = trail.iter().find(|e| e.entity_id == other.id && e.action == AuditAction::Delete).unwrap();
    let recorded = store.audit().contents_for(muntada::audit::AuditEntity::Participant, &gone.entity_id).unwrap();
    let after = recorded.iter().rev().find_map(|(_, _, after)| after.clone()).unwrap();
    let after: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(after["signUpsMoved"].as_array().map(Vec::len), Some(2), "{after}");
    assert_eq!(after["headOf"], serde_json::json!([jordan.id.as_str()]), "{after}");
}

#[test]
fn check_in_by_badge_code() {
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let mut with = |status: ParticipantStatus, name: &str| {
        let mut p = person(name, "", "", "");
        p.status = status;
        add(&mut store, &event, p).participant
    };
    let confirmed = with(ParticipantStatus::Confirmed, "Confirmed");
    let interest = with(ParticipantStatus::InterestRegistered, "Interest");
    let declined = with(ParticipantStatus::Declined, "Declined");
    let at = Utc.with_ymd_and_hms(2025, 5, 20, 7, 30, 0).unwrap();

    // As a scanner or a person types it: lower case, spaces, O for 0.
    let typed = format!(" {} ", confirmed.badge_code.to_lowercase().replace('0', "o"));
    let done = store.write(|tx| participants::check_in(tx, &event, &typed, at)).unwrap();
    assert_eq!(
        (done.participant.id.clone(), done.was, done.warning),
        (confirmed.id.clone(), ParticipantStatus::Confirmed, None)
    );
    assert_eq!(done.participant.status, ParticipantStatus::CheckedIn);

    // Refused a second time, saying since when (in the event's time, Doha: UTC+3); a later
    // change of their details does not move that time.
    let later = at + chrono::Duration::hours(2);
    store
        .write(|tx| {
            let input = ParticipantInput {
                email: "confirmed@example.org".into(),
                status: ParticipantStatus::CheckedIn,
                ..person("Confirmed", "", "", "")
            };
            participants::edit(tx, &confirmed.id, None, &input, later)
        })
        .unwrap();
    let again = store.write(|tx| participants::check_in(tx, &event, &confirmed.badge_code, later)).unwrap_err();
    assert_eq!((again.kind, again.reason), (ErrorKind::Conflict, Reason::Duplicate));
    let by = muntada::store::testing::nobody(&store);
    assert_eq!(again.message, format!("Confirmed is already checked in, since 2025-05-20 10:30 (Asia/Qatar), by {by}"));

    let warned = store.write(|tx| participants::check_in(tx, &event, &interest.badge_code, at)).unwrap();
    assert_eq!(warned.warning, Some(CheckInWarning::NotConfirmed));

    let refused = store.write(|tx| participants::check_in(tx, &event, &declined.badge_code, at)).unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Conflict);
    assert_eq!(refused.field.as_deref(), Some("code"));

    let unknown = store.write(|tx| participants::check_in(tx, &event, "ZZZZZZZZZZ", at)).unwrap_err();
    assert_eq!(unknown.kind, ErrorKind::NotFound);

    let statuses: Vec<(String, ParticipantStatus)> =
        participants::list(&store, event.as_str()).unwrap().into_iter().map(|p| (p.name.en, p.status)).collect();
    assert_eq!(
        statuses,
        [
            ("Confirmed".to_owned(), ParticipantStatus::CheckedIn),
            ("Declined".to_owned(), ParticipantStatus::Declined),
            ("Interest".to_owned(), ParticipantStatus::CheckedIn),
        ]
    );
    let history = audit::list(&store, AuditSubject::Participant, confirmed.id.as_str()).unwrap();
    assert_eq!(
        history.iter().map(|e| (e.action, e.at)).skip(1).collect::<Vec<_>>()[0],
        (AuditAction::Update, at),
        "the check-in, before the edit"
    );
}

#[test]
fn edit_corrects_details_keeps_identity_and_history() {
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let amina = add(&mut store, &event, person("Amina Yusuf", "", "amina@un.org", "UNOCT")).participant;
    let amina = store.participants().get(&amina.id).unwrap(); // as stored: times to the second
    let omar = add(&mut store, &event, person("Omar Haddad", "", "omar@mfa.qa", "MFA")).participant;

    // A typo in the e-mail corrected to someone else's address: saved, and the match named.
    let input = ParticipantInput {
        email: "OMAR@mfa.qa".into(),
        honorific: "Dr".into(),
        name: Bilingual::new("Amina Yusuf", "أمينة يوسف"),
        ..ParticipantInput::from(&amina)
    };
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let edited = store.write(|tx| participants::edit(tx, &amina.id, None, &input, at)).unwrap();
    assert_eq!(edited.possible_duplicates, std::slice::from_ref(&omar.id));
    let got = store.participants().get(&amina.id).unwrap();
    assert_eq!(got, edited.participant);
    assert_eq!(
        (got.email.as_deref(), got.honorific.as_str(), got.name.ar.as_str()),
        (Some("OMAR@mfa.qa"), "Dr", "أمينة يوسف")
    );
    assert_eq!((&got.badge_code, got.registered_at), (&amina.badge_code, amina.registered_at), "identity kept");
    // Searchable by the new Arabic name at once.
    let (found, _) = participants::search(&store, event.as_str(), "امينه", 10).unwrap();
    assert_eq!(found.iter().map(|p| &p.id).collect::<Vec<_>>(), [&amina.id]);
    let history = audit::list(&store, AuditSubject::Participant, amina.id.as_str()).unwrap();
    assert_eq!(history.iter().map(|e| (e.action, e.at)).collect::<Vec<_>>()[0], (AuditAction::Update, at));

    // Saving the same details writes nothing.
    let unchanged = store.write(|tx| participants::edit(tx, &amina.id, None, &input, Utc::now())).unwrap();
    assert_eq!(unchanged.participant, got);
    assert_eq!(audit::list(&store, AuditSubject::Participant, amina.id.as_str()).unwrap().len(), history.len());

    // Bad input names the field and changes nothing.
    let elsewhere = forum(&mut store);
    let foreign = store
        .write(|tx| {
            participants::delegation::add(
                tx,
                &elsewhere,
                &participants::delegation::DelegationInput {
                    name: Bilingual::new("Austria", ""),
                    ..Default::default()
                },
                Utc::now(),
            )
        })
        .unwrap();
    let base = ParticipantInput::from(&got);
    for (bad, field, reason) in [
        (ParticipantInput { email: "amina@".into(), ..base.clone() }, "email", Reason::InvalidValue),
        (ParticipantInput { name: Bilingual::new(" ", ""), ..base.clone() }, "name", Reason::Required),
        (ParticipantInput { category: "astronaut".into(), ..base.clone() }, "category", Reason::InvalidValue),
        (ParticipantInput { country: "Atlantis".into(), ..base.clone() }, "country", Reason::UnknownCountry),
        (ParticipantInput { delegation: foreign.id.to_string(), ..base.clone() }, "delegation", Reason::WrongEvent),
    ] {
        let e = store.write(|tx| participants::edit(tx, &amina.id, None, &bad, Utc::now())).unwrap_err();
        assert_eq!((e.field.as_deref(), e.reason), (Some(field), reason), "{bad:?}");
        assert_eq!(store.participants().get(&amina.id).unwrap(), got, "nothing written for {field}");
    }
    let e = store.write(|tx| participants::edit(tx, &muntada::Id::new(), None, &base, Utc::now())).unwrap_err();
    assert_eq!((e.field.as_deref(), e.kind()), (Some("id"), ErrorKind::NotFound));
}

#[test]
fn bulk_status_is_all_or_nothing() {
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let a = add(&mut store, &event, person("A", "", "", "")).participant;
    let b = add(&mut store, &event, person("B", "", "", "")).participant;
    let ids = [a.id.to_string(), b.id.to_string()];
    let changed = store
        .write(|tx| {
            participants::set_status(
                tx,
                &event,
                &ids.iter().map(|s| muntada::Id::parse("ids", s).unwrap()).collect::<Vec<_>>(),
                ParticipantStatus::Confirmed,
                Utc::now(),
            )
        })
        .unwrap();
    assert!(changed.iter().all(|p| p.status == ParticipantStatus::Confirmed));

    let elsewhere = forum(&mut store);
    let c = add(&mut store, &elsewhere, person("C", "", "", "")).participant;
    let ids = [a.id.to_string(), c.id.to_string()];
    let refused = store
        .write(|tx| {
            participants::set_status(
                tx,
                &event,
                &ids.iter().map(|s| muntada::Id::parse("ids", s).unwrap()).collect::<Vec<_>>(),
                ParticipantStatus::Declined,
                Utc::now(),
            )
        })
        .unwrap_err();
    assert_eq!(refused.reason, Reason::WrongEvent);
    assert!(participants::list(&store, event.as_str())
        .unwrap()
        .iter()
        .all(|p| p.status == ParticipantStatus::Confirmed));
}

#[test]
fn search_through_the_store_and_erasure_forgets_the_keys() {
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let amina = add(&mut store, &event, person("Amina Yusuf", "أمينة يوسف", "amina@un.org", "UNOCT")).participant;
    add(&mut store, &event, person("Bob", "", "", ""));
    let names = |store: &Store, q: &str| {
        let (people, total) = participants::search(store, event.as_str(), q, 10).unwrap();
        assert_eq!(people.len(), total);
        people.into_iter().map(|p| p.name.en).collect::<Vec<_>>()
    };
    assert_eq!(names(&store, "امينه"), ["Amina Yusuf"]);
    assert_eq!(names(&store, "unoct"), ["Amina Yusuf"]);
    // What erasing keeps, said before and after: the record, and the history's entries.
    let before = participants::erasure(&store, amina.id.as_str()).unwrap();
    assert_eq!((before.participant.name.en.as_str(), before.history_entries), ("Amina Yusuf", 1));
    participants::erase(&mut store, &amina.id, Utc::now()).unwrap();
    let after = participants::erasure(&store, amina.id.as_str()).unwrap();
    assert_eq!((after.participant.name.en.as_str(), after.history_entries), ("", 2));
    assert_eq!(
        (&after.participant.badge_code, &after.participant.category, after.participant.status),
        (&amina.badge_code, &amina.category, amina.status)
    );
    assert_eq!(participants::erasure(&store, "ffffffff").unwrap_err().field.as_deref(), Some("id"));
    assert!(names(&store, "amina").is_empty());
    assert!(names(&store, "امينه").is_empty());
    assert!(participants::duplicates(&store, event.as_str()).unwrap().is_empty());
    // An erased record keeps its badge code for the counts, but no one checks in with it.
    let refused = store.write(|tx| participants::check_in(tx, &event, &amina.badge_code, Utc::now())).unwrap_err();
    assert_eq!(
        (refused.kind, refused.reason, refused.field.as_deref()),
        (ErrorKind::Conflict, Reason::InvalidValue, Some("code"))
    );
    assert!(refused.message.contains("erased"), "{}", refused.message);
    assert_eq!(participants::erasure(&store, amina.id.as_str()).unwrap().participant.status, amina.status);
}

#[test]
fn keys_are_computed_for_rows_written_before_they_existed() {
    // A database as the first three migrations left it, with one participant in it.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(include_str!("../../src/store/migrations/0001_initial.sql")).unwrap();
    conn.execute_batch(include_str!("../../src/store/migrations/0002_pledge_ledger.sql")).unwrap();
    conn.execute_batch(include_str!("../../src/store/migrations/0003_audit.sql")).unwrap();
    conn.execute_batch(
        "PRAGMA user_version = 3;
         INSERT INTO events VALUES ('0190e0a0-0000-7000-8000-000000000001', 'Forum', '', '', '', '', '', NULL,
             'UTC', '2025-05-20', '2025-05-20', 'open', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
         INSERT INTO categories VALUES ('0190e0a0-0000-7000-8000-000000000002', '0190e0a0-0000-7000-8000-000000000001',
             'media', 'Media', 'وسائل الإعلام', 0);
         INSERT INTO participants VALUES ('0190e0a0-0000-7000-8000-000000000003', '0190e0a0-0000-7000-8000-000000000001',
             'Zoë Ålund', 'زوي', 'Zoe@Example.org', NULL, 'UNDP', '', NULL, '0190e0a0-0000-7000-8000-000000000002',
             'confirmed', 'ABCDEFGHJK', 0, '2025-01-01T00:00:00Z');",
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    let event = "0190e0a0-0000-7000-8000-000000000001";
    for query in ["zoe", "alund", "زوي", "zoe@example.org", "abcdefghjk", "undp"] {
        let (people, _) = participants::search(&store, event, query, 10).unwrap();
        assert_eq!(people.len(), 1, "{query}");
    }
    let colours = store.categories().colours(&Id::from_db("0190e0a0-0000-7000-8000-000000000001".into())).unwrap();
    assert_eq!(colours, [("media".to_owned(), "#ea580c".to_owned())]);
}

#[test]
fn badges_show_both_scripts_shrink_long_names_and_carry_the_code() {
    use muntada::documents::{export_badges, BadgeLayout};
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let mut people = Vec::new();
    for (en, ar, category) in [
        ("Amina Yusuf", "أمينة يوسف", "media"),
        (
            "Mohammed bin Abdulrahman bin Jassim bin Jaber Al Thani",
            "محمد بن عبدالرحمن بن جاسم بن جبر آل ثاني",
            "member_state",
        ),
        ("José Álvarez", "", ""),
        ("Declined Person", "", ""),
        ("Li Wei", "لي وي", "donor"),
    ] {
        let mut p = person(en, ar, "", "Ministry of Foreign Affairs");
        p.category = category.into();
        p.country = "QA".into();
        p.status = if en.starts_with("Declined") { ParticipantStatus::Declined } else { ParticipantStatus::Confirmed };
        people.push(add(&mut store, &event, p).participant);
    }
    let sheets = export_badges(&store, event.as_str(), Some(ParticipantStatus::Confirmed), BadgeLayout::A4)
        .unwrap()
        .render()
        .unwrap();
    assert_eq!(sheets.missing_glyphs, 0);
    let single = export_badges(&store, event.as_str(), None, BadgeLayout::Single).unwrap().render().unwrap();

    let dir = tempfile::tempdir().unwrap();
    let text = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = std::process::Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().unwrap();
        let info = std::process::Command::new("pdfinfo").arg(&path).output().unwrap();
        // Without the direction marks poppler puts around mixed-direction runs.
        let text: String = String::from_utf8(out.stdout)
            .unwrap()
            .chars()
            .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
            .collect();
        (text, String::from_utf8(info.stdout).unwrap())
    };
    let (sheet_text, sheet_info) = text("sheets.pdf", &sheets.bytes);
    assert!(sheet_info.contains("Pages:           1"), "{sheet_info}");
    assert!(sheet_info.contains("595.276 x 841.89"), "{sheet_info}");
    for p in people.iter().filter(|p| p.status == ParticipantStatus::Confirmed) {
        assert!(sheet_text.contains(&p.badge_code), "{} missing:\n{sheet_text}", p.badge_code);
    }
    assert!(!sheet_text.contains("Declined Person"));
    assert!(sheet_text.contains("Amina Yusuf") && sheet_text.contains("Media / وسائل الإعلام"), "{sheet_text}");
    // The long name is on one line, shrunk: nothing of it is cut.
    assert!(sheet_text.contains("Mohammed bin Abdulrahman bin Jassim bin Jaber Al Thani"), "{sheet_text}");
    assert!(sheet_text.contains("Qatar / قطر"), "{sheet_text}");

    let (_, single_info) = text("single.pdf", &single.bytes);
    assert!(single_info.contains("Pages:           5"), "{single_info}");
    assert!(single_info.contains("297.638 x 419.528"), "{single_info}");
}

/// The QR code on each badge, read back from the page as a scanner at the desk would see it
/// (poppler renders it, rqrr finds and decodes it), holds that person's badge code.
#[test]
fn badge_qr_codes_read_back_as_the_badge_codes() {
    use muntada::documents::{export_badges, BadgeLayout};
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let mut codes = Vec::new();
    for (en, ar) in [("Amina Yusuf", "أمينة يوسف"), ("Omar Haddad", ""), ("Li Wei", "لي وي")] {
        let mut p = person(en, ar, "", "UNOCT");
        p.status = ParticipantStatus::Confirmed;
        codes.push(add(&mut store, &event, p).participant.badge_code);
    }
    let badges = export_badges(&store, event.as_str(), None, BadgeLayout::Single).unwrap().render().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("badges.pdf");
    std::fs::write(&pdf, &badges.bytes).unwrap();
    let mut read = Vec::new();
    for page in 1..=codes.len() {
        let out = dir.path().join(format!("page-{page}"));
        let status = std::process::Command::new("pdftoppm")
            .args(["-r", "150", "-gray", "-singlefile", "-f", &page.to_string(), "-l", &page.to_string()])
            .arg(&pdf)
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success(), "pdftoppm page {page}");
        let bytes = std::fs::read(out.with_extension("pgm")).unwrap();
        let (width, height, pixels) = crate::pdf::read_pnm(&bytes, "P5", 1);
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| pixels[y * width + x]);
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code on page {page}");
        read.push(grids[0].decode().unwrap().1);
    }
    read.sort();
    codes.sort();
    assert_eq!(read, codes);
}
