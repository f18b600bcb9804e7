//! Delegations, honorifics, bulk category changes and the paged, filtered participant query
//! the app's table reads. Real SQLite in memory.

use crate::forum;
use chrono::Utc;
use muntada::audit::{self, AuditSubject};
use muntada::participants::delegation::{self, DelegationInput};
use muntada::participants::query::{self, IndexCache, ParticipantQuery, Selection, SortKey};
use muntada::participants::{self, ParticipantInput, ParticipantStatus};
use muntada::pledges;
use muntada::{Bilingual, ErrorKind, Id, Reason, Store};

fn person(en: &str, ar: &str, country: &str, category: &str, status: ParticipantStatus) -> ParticipantInput {
    ParticipantInput {
        name: Bilingual::new(en, ar),
        country: country.into(),
        category: category.into(),
        status,
        organisation: Bilingual::new(format!("Org of {en}"), ""),
        email: format!("{}@example.org", en.to_lowercase().replace(' ', ".")),
        ..Default::default()
    }
}

fn add(store: &mut Store, event: &Id, p: ParticipantInput) -> Id {
    store.write(|tx| participants::add(tx, event, &p, Utc::now())).unwrap().id
}

fn delegation(name: &str, country: &str, head: &str) -> DelegationInput {
    DelegationInput { name: Bilingual::new(name, ""), country: country.into(), head: head.into() }
}

/// The field and reason of a refused call.
fn refused<T: std::fmt::Debug>(result: muntada::Result<T>) -> (Option<String>, Reason) {
    let e = result.unwrap_err();
    (e.field, e.reason)
}

#[test]
fn a_head_joins_the_delegation_and_belongs_to_one_only() {
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let amina = add(&mut store, &event, person("Amina Yusuf", "", "QA", "member_state", ParticipantStatus::Confirmed));
    let omar = add(&mut store, &event, person("Omar Haddad", "", "JO", "member_state", ParticipantStatus::Confirmed));
    let qatar =
        store.write(|tx| delegation::add(tx, &event, &delegation("Qatar", "qa", amina.as_str()), Utc::now())).unwrap();
    assert_eq!(qatar.head.as_ref(), Some(&amina));
    assert_eq!(qatar.country.as_deref(), Some("QA"));
    assert_eq!(qatar.members, 1);
    assert_eq!(store.participants().get(&amina).unwrap().delegation.as_ref(), Some(&qatar.id));

    // Amina heads Qatar's: she cannot head another delegation.
    let e = store.write(|tx| delegation::add(tx, &event, &delegation("Jordan", "JO", amina.as_str()), Utc::now()));
    assert_eq!(e.as_ref().unwrap_err().kind, ErrorKind::Conflict);
    assert_eq!(refused(e), (Some("head".into()), Reason::Duplicate));
    assert_eq!(delegation::list(&store, event.as_str()).unwrap().len(), 1, "nothing written");

    // Omar moves into Qatar's delegation; moving Amina out ends her being its head.
    let jordan = store.write(|tx| delegation::add(tx, &event, &delegation("Jordan", "JO", ""), Utc::now())).unwrap();
    store.write(|tx| delegation::assign(tx, &event, std::slice::from_ref(&omar), Some(&qatar.id), Utc::now())).unwrap();
    store
        .write(|tx| delegation::assign(tx, &event, std::slice::from_ref(&amina), Some(&jordan.id), Utc::now()))
        .unwrap();
    let qatar_now = store.delegations().get(&qatar.id).unwrap();
    assert_eq!((qatar_now.head, qatar_now.members), (None, 1));
    store.write(|tx| delegation::assign(tx, &event, std::slice::from_ref(&amina), None, Utc::now())).unwrap();
    assert_eq!(store.participants().get(&amina).unwrap().delegation, None);
}

#[test]
fn delegations_are_checked_and_stay_in_their_event() {
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let other = forum(&mut store);
    let stranger = add(&mut store, &other, person("Lea Roth", "", "", "", ParticipantStatus::Confirmed));
    let cases: &[(DelegationInput, (Option<String>, Reason))] = &[
        (delegation("", "QA", ""), (Some("name".into()), Reason::Required)),
        (delegation("Atlantis", "XX", ""), (Some("country".into()), Reason::UnknownCountry)),
        (delegation("Qatar", "QA", stranger.as_str()), (Some("head".into()), Reason::WrongEvent)),
        (delegation("Qatar", "QA", "0000000000"), (Some("head".into()), Reason::NotFound)),
    ];
    for (input, expected) in cases {
        let got = refused(store.write(|tx| delegation::add(tx, &event, input, Utc::now())));
        assert_eq!(&got, expected, "{input:?}");
    }
    assert!(delegation::list(&store, event.as_str()).unwrap().is_empty());

    // Another area (pledges) resolves a delegation within its event.
    let mine = store.write(|tx| delegation::add(tx, &event, &delegation("Qatar", "", ""), Utc::now())).unwrap();
    assert_eq!(store.delegations().resolve_in(&event, "delegation", &mine.id.as_str()[..8]).unwrap(), mine.id);
    let e = store.delegations().resolve_in(&other, "delegation", mine.id.as_str()).unwrap_err();
    assert_eq!(e.reason, Reason::WrongEvent);

    // A participant's delegation must be of their event.
    let theirs = store.write(|tx| delegation::add(tx, &other, &delegation("Oman", "", ""), Utc::now())).unwrap();
    let input = ParticipantInput {
        delegation: theirs.id.to_string(),
        ..person("Ali", "", "", "", ParticipantStatus::Confirmed)
    };
    assert_eq!(
        refused(store.write(|tx| participants::add(tx, &event, &input, Utc::now()))),
        (Some("delegation".into()), Reason::WrongEvent)
    );
    let input = ParticipantInput { delegation: mine.id.to_string(), ..input };
    let ali = store.write(|tx| participants::add(tx, &event, &input, Utc::now())).unwrap();
    assert_eq!(ali.delegation, Some(mine.id));
}

#[test]
fn honorific_is_kept_and_checked() {
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let input =
        ParticipantInput { honorific: " H.E. ".into(), ..person("Amina", "", "", "", ParticipantStatus::Confirmed) };
    let p = store.write(|tx| participants::add(tx, &event, &input, Utc::now())).unwrap();
    assert_eq!(store.participants().get(&p.id).unwrap().honorific, "H.E.");
    let input = ParticipantInput { honorific: "Dr\nX".into(), ..input };
    assert_eq!(
        refused(store.write(|tx| participants::add(tx, &event, &input, Utc::now()))),
        (Some("honorific".into()), Reason::ControlCharacters)
    );
}

#[test]
fn bulk_category_is_all_or_nothing() {
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let a = add(&mut store, &event, person("Amina", "", "", "", ParticipantStatus::Confirmed));
    let b = add(&mut store, &event, person("Omar", "", "", "", ParticipantStatus::Confirmed));
    let e =
        store.write(|tx| participants::set_category(tx, &event, &[a.clone(), muntada::Id::new()], "media", Utc::now()));
    assert_eq!(refused(e), (Some("ids".into()), Reason::NotFound));
    assert_eq!(store.participants().get(&a).unwrap().category, "other");
    let e = store.write(|tx| participants::set_category(tx, &event, std::slice::from_ref(&a), "vip", Utc::now()));
    assert_eq!(refused(e), (Some("category".into()), Reason::InvalidValue));
    assert_eq!(
        refused(store.write(|tx| participants::set_category(tx, &event, &[], "media", Utc::now()))),
        (Some("ids".into()), Reason::Required)
    );
    store.write(|tx| participants::set_category(tx, &event, &[a.clone(), b.clone()], "Media", Utc::now())).unwrap();
    assert_eq!(store.participants().get(&b).unwrap().category, "media");
}

/// Five people of two delegations, for the query cases.
struct Table {
    store: Store,
    event: Id,
    qatar: Id,
}

fn table() -> Table {
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    use ParticipantStatus::*;
    let people = [
        ("Ahmed Saleh", "أحمد صالح", "QA", "member_state", Confirmed),
        ("Bashir Nour", "بشير نور", "QA", "member_state", InterestRegistered),
        ("Carla Diaz", "", "ES", "media", Declined),
        ("Dina Fathi", "دينا فتحي", "EG", "civil_society", Waitlisted),
        ("Éric Blanc", "", "FR", "media", Confirmed),
    ];
    let mut ids = Vec::new();
    for (en, ar, country, category, status) in people {
        ids.push(add(&mut store, &event, person(en, ar, country, category, status)));
    }
    let qatar = store
        .write(|tx| delegation::add(tx, &event, &delegation("Qatar", "QA", ids[0].as_str()), Utc::now()))
        .unwrap()
        .id;
    store.write(|tx| delegation::assign(tx, &event, &[ids[1].clone()], Some(&qatar), Utc::now())).unwrap();
    Table { store, event, qatar }
}

/// Runs `q` and compares the English names of the page and the total.
fn check(t: &Table, cache: &mut IndexCache, q: ParticipantQuery, expected: &[&str], total: u32) {
    let page = query::query(&t.store, t.event.as_str(), &q, cache).unwrap();
    let names: Vec<&str> = page.rows.iter().map(|p| p.name.en.as_str()).collect();
    assert_eq!((names.as_slice(), page.total), (expected, total), "{q:?}");
}

fn q() -> ParticipantQuery {
    ParticipantQuery { limit: 100, ..Default::default() }
}

#[test]
fn query_filters_sorts_and_pages() {
    let t = table();
    let c = &mut IndexCache::default();
    let all = ["Ahmed Saleh", "Bashir Nour", "Carla Diaz", "Dina Fathi", "Éric Blanc"];
    check(&t, c, q(), &all, 5);
    // Search: Arabic letter variants, accents, e-mail, several words.
    check(&t, c, ParticipantQuery { text: "احمد".into(), ..q() }, &["Ahmed Saleh"], 1);
    check(&t, c, ParticipantQuery { text: "eric".into(), ..q() }, &["Éric Blanc"], 1);
    check(&t, c, ParticipantQuery { text: "dina.fathi@".into(), ..q() }, &["Dina Fathi"], 1);
    check(&t, c, ParticipantQuery { text: "org of".into(), ..q() }, &all, 5);
    check(&t, c, ParticipantQuery { text: "zzz".into(), ..q() }, &[], 0);
    // Filters, alone and with search.
    check(
        &t,
        c,
        ParticipantQuery { status: Some(ParticipantStatus::Confirmed), ..q() },
        &["Ahmed Saleh", "Éric Blanc"],
        2,
    );
    check(&t, c, ParticipantQuery { category: Some("media".into()), ..q() }, &["Carla Diaz", "Éric Blanc"], 2);
    check(&t, c, ParticipantQuery { country: Some("QA".into()), ..q() }, &["Ahmed Saleh", "Bashir Nour"], 2);
    check(&t, c, ParticipantQuery { delegation: Some(t.qatar.to_string()), ..q() }, &["Ahmed Saleh", "Bashir Nour"], 2);
    check(
        &t,
        c,
        ParticipantQuery { delegation: Some(t.qatar.to_string()), text: "bash".into(), ..q() },
        &["Bashir Nour"],
        1,
    );
    check(&t, c, ParticipantQuery { category: Some("media".into()), text: "ahmed".into(), ..q() }, &[], 0);
    // Sorts, both ways.
    check(
        &t,
        c,
        ParticipantQuery { descending: true, ..q() },
        &["Éric Blanc", "Dina Fathi", "Carla Diaz", "Bashir Nour", "Ahmed Saleh"],
        5,
    );
    check(
        &t,
        c,
        ParticipantQuery { sort: SortKey::Country, ..q() },
        &["Dina Fathi", "Carla Diaz", "Éric Blanc", "Ahmed Saleh", "Bashir Nour"],
        5,
    );
    check(
        &t,
        c,
        ParticipantQuery { sort: SortKey::Category, ..q() },
        &["Ahmed Saleh", "Bashir Nour", "Dina Fathi", "Carla Diaz", "Éric Blanc"],
        5,
    );
    check(
        &t,
        c,
        ParticipantQuery { sort: SortKey::Status, ..q() },
        &["Ahmed Saleh", "Éric Blanc", "Carla Diaz", "Bashir Nour", "Dina Fathi"],
        5,
    );
    // Pages keep the total.
    check(&t, c, ParticipantQuery { offset: 1, limit: 2, ..q() }, &["Bashir Nour", "Carla Diaz"], 5);
    check(&t, c, ParticipantQuery { offset: 5, ..q() }, &[], 5);
}

#[test]
fn query_sees_changes_and_checks_its_input() {
    let mut t = table();
    let c = &mut IndexCache::default();
    check(&t, c, ParticipantQuery { text: "fatima".into(), ..q() }, &[], 0);
    // The cached index notices the new person and the changed name.
    let id = add(&mut t.store, &t.event.clone(), person("Fatima Zahra", "فاطمة", "", "", ParticipantStatus::Confirmed));
    check(&t, c, ParticipantQuery { text: "فاطمه".into(), ..q() }, &["Fatima Zahra"], 1);
    t.store
        .write(|tx| {
            participants::set_status(tx, &t.event, std::slice::from_ref(&id), ParticipantStatus::Declined, Utc::now())
        })
        .unwrap();
    check(
        &t,
        c,
        ParticipantQuery { text: "fatima".into(), status: Some(ParticipantStatus::Declined), ..q() },
        &["Fatima Zahra"],
        1,
    );

    // An import writes one audit entry for all its rows, not one per person: the cached index
    // still notices the people it brought.
    check(&t, c, ParticipantQuery { text: "yasmin".into(), ..q() }, &[], 0);
    let file = "Full name,Email\nYasmin Haddad,yasmin@example.org\nYasmin Idris,idris@example.org\n";
    t.store
        .write(|tx| {
            participants::import(tx, &t.event, file.as_bytes(), &participants::ImportOptions::default(), Utc::now())
        })
        .unwrap();
    check(&t, c, ParticipantQuery { text: "yasmin".into(), ..q() }, &["Yasmin Haddad", "Yasmin Idris"], 2);
    // A search matching most people is sent to the store as those it leaves out: the filters
    // and the total still apply to those it matches.
    let org = |status| ParticipantQuery { text: "of".into(), status, ..q() };
    let six = ["Ahmed Saleh", "Bashir Nour", "Carla Diaz", "Dina Fathi", "Éric Blanc", "Fatima Zahra"];
    check(&t, c, org(None), &six, 6);
    check(&t, c, org(Some(ParticipantStatus::Declined)), &["Carla Diaz", "Fatima Zahra"], 2);

    let err = |q: ParticipantQuery| refused(query::query(&t.store, t.event.as_str(), &q, &mut IndexCache::default()));
    assert_eq!(err(ParticipantQuery { limit: 0, ..q() }), (Some("limit".into()), Reason::InvalidValue));
    assert_eq!(err(ParticipantQuery { limit: 5000, ..q() }), (Some("limit".into()), Reason::InvalidValue));
    assert_eq!(
        err(ParticipantQuery { delegation: Some("ffffffff".into()), ..q() }),
        (Some("delegation".into()), Reason::NotFound)
    );
}

#[test]
fn categories_are_renamed_recoloured_and_added() {
    use muntada::participants::category::{self, CategoryInput};
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let input =
        |en: &str, ar: &str, colour: &str| CategoryInput { name: Bilingual::new(en, ar), colour: colour.into() };
    let colour_of = |store: &Store, key: &str| {
        participants::categories_with_colours(store, event.as_str())
            .unwrap()
            .into_iter()
            .find(|(c, _)| c.key == key)
            .map(|(c, colour)| (c.name.en, colour))
    };
    // Renamed: the key stays, so participants keep their category.
    store.write(|tx| category::save(tx, &event, "media", &input("Press", "الصحافة", "#FF0000"))).unwrap();
    assert_eq!(colour_of(&store, "media"), Some(("Press".into(), "#ff0000".into())));
    // Added after the others.
    let key =
        store.write(|tx| category::save(tx, &event, "", &input("Guest of honour", "ضيف شرف", "#123456"))).unwrap();
    assert_eq!(key, "guest_of_honour");
    let cats = participants::categories(&store, event.as_str()).unwrap();
    assert_eq!(cats.last().map(|c| c.key.as_str()), Some("guest_of_honour"));
    let p = store
        .write(|tx| {
            participants::add(
                tx,
                &event,
                &ParticipantInput {
                    category: "Guest of honour".into(),
                    ..person("Ali", "", "", "", ParticipantStatus::Confirmed)
                },
                Utc::now(),
            )
        })
        .unwrap();
    assert_eq!(p.category, "guest_of_honour");
    // Refused, naming the field, writing nothing.
    let cases = [
        ("", input("", "", "#123456"), (Some("name".into()), Reason::Required)),
        ("", input("Guest of honour", "", "#123456"), (Some("name".into()), Reason::Duplicate)),
        ("", input("VIP", "", "red"), (Some("colour".into()), Reason::InvalidValue)),
        ("nope", input("VIP", "", "#123456"), (Some("key".into()), Reason::NotFound)),
    ];
    for (key, input, expected) in cases {
        assert_eq!(refused(store.write(|tx| category::save(tx, &event, key, &input))), expected, "{input:?}");
    }
    assert_eq!(participants::categories(&store, event.as_str()).unwrap().len(), cats.len());
}

#[test]
fn honorifics_import_and_export() {
    use muntada::participants::export::{export_table, TableFormat};
    use muntada::participants::{import, ImportOptions};
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let csv = "Honorific,Name,E-mail\nH.E.,Amina Yusuf,amina@example.org\n,Omar Haddad,omar@example.org\n";
    let report = store.write(|tx| import(tx, &event, csv.as_bytes(), &ImportOptions::default(), Utc::now())).unwrap();
    assert!(report.written, "{:?}", report.problems);
    assert_eq!(report.columns[0].field, "honorific");
    let people = participants::list(&store, event.as_str()).unwrap();
    let honorifics: Vec<(&str, &str)> = people.iter().map(|p| (p.name.en.as_str(), p.honorific.as_str())).collect();
    assert_eq!(honorifics, [("Amina Yusuf", "H.E."), ("Omar Haddad", "")]);
    // A control character in an honorific is that cell's problem, and nothing is written.
    let bad = "Honorific,Name\n\"Dr\u{7}\",Li Wei\n";
    let other = forum(&mut store);
    let report = store.write(|tx| import(tx, &other, bad.as_bytes(), &ImportOptions::default(), Utc::now())).unwrap();
    assert_eq!(report.problems.iter().map(|p| (p.row, p.column.as_str())).collect::<Vec<_>>(), [(2, "Honorific")]);
    assert!(participants::list(&store, other.as_str()).unwrap().is_empty());

    // Exported, and back into a new event as the same honorifics.
    let exported = export_table(&store, event.as_str(), TableFormat::Csv).unwrap();
    let text = String::from_utf8(exported.clone()).unwrap();
    assert!(text.contains(",consent,honorific,badge_code,"), "{text}");
    assert!(text.contains(",yes,H.E.,") || text.contains(",no,H.E.,"), "{text}");
    let copy = forum(&mut store);
    let report = store.write(|tx| import(tx, &copy, &exported, &ImportOptions::default(), Utc::now())).unwrap();
    assert!(report.written, "{:?}", report.problems);
    let again: Vec<String> =
        participants::list(&store, copy.as_str()).unwrap().into_iter().map(|p| p.honorific).collect();
    assert_eq!(again, ["H.E.", ""]);
}

#[test]
fn deleting_a_delegation_keeps_its_members_and_their_history() {
    let mut t = table();
    let members = |t: &Table| {
        let q = ParticipantQuery { delegation: None, ..q() };
        let page = query::query(&t.store, t.event.as_str(), &q, &mut IndexCache::default()).unwrap();
        page.rows.iter().filter(|p| p.delegation.is_some()).count()
    };
    assert_eq!(members(&t), 2);
    let ahmed = store_id(&t, "Ahmed Saleh");
    let history = |t: &Table| audit::list(&t.store, AuditSubject::Participant, ahmed.as_str()).unwrap().len();
    let before = history(&t);

    // Unknown and ambiguous ids are refused by name; nothing changes.
    assert_eq!(
        refused(t.store.write(|tx| delegation::remove(tx, &muntada::Id::new(), Utc::now()))),
        (Some("id".into()), Reason::NotFound)
    );
    assert_eq!(members(&t), 2);

    let removed = t.store.write(|tx| delegation::remove(tx, &t.qatar, Utc::now())).unwrap();
    assert_eq!((removed.id.clone(), removed.members), (t.qatar.clone(), 2));
    assert!(delegation::list(&t.store, t.event.as_str()).unwrap().is_empty());
    assert_eq!(members(&t), 0, "both members are in no delegation");
    assert_eq!(participants::list(&t.store, t.event.as_str()).unwrap().len(), 5, "nobody was deleted");
    assert_eq!(history(&t), before + 1, "leaving the delegation is in the member's history");
    assert_eq!(
        refused(t.store.write(|tx| delegation::remove(tx, &t.qatar, Utc::now()))),
        (Some("id".into()), Reason::NotFound)
    );
}

#[test]
fn a_delegation_named_on_a_pledge_is_not_deleted() {
    let mut t = table();
    let input = pledges::PledgeInput {
        donors: vec![Bilingual::new("State of Qatar", "")],
        recipient: Bilingual::new("UNOCT", ""),
        purpose: Bilingual::default(),
        kind: pledges::PledgeKind::Financial,
        in_kind: String::new(),
        currency: "USD".into(),
        schedule: pledges::Schedule::PerYear(pledges::ScheduleRange {
            amount: "15000000".into(),
            from_year: 2024,
            to_year: 2026,
        }),
        rate: None,
        session_id: None,
        speaker_id: None,
        delegation_id: Some(t.qatar.to_string()),
        notes: String::new(),
    };
    let pledge = t.store.write(|tx| pledges::add(tx, &t.event, &input, Utc::now())).unwrap();
    let e = t.store.write(|tx| delegation::remove(tx, &t.qatar, Utc::now())).unwrap_err();
    assert_eq!((e.kind, e.field.as_deref(), e.reason), (ErrorKind::Conflict, Some("id"), Reason::InUse));
    assert!(e.message.contains("1 pledge was announced"), "{}", e.message);
    assert_eq!(delegation::list(&t.store, t.event.as_str()).unwrap().len(), 1, "still there");
    let bashir = t.store.participants().get(&store_id(&t, "Bashir Nour")).unwrap();
    assert_eq!(bashir.delegation.as_ref(), Some(&t.qatar), "members untouched");
    assert_eq!(t.store.pledges().get(&pledge.id).unwrap().delegation_id.as_ref(), Some(&t.qatar));
}

fn store_id(t: &Table, name: &str) -> Id {
    participants::list(&t.store, t.event.as_str()).unwrap().into_iter().find(|p| p.name.en == name).unwrap().id
}

/// Status by name, for the bulk cases.
fn statuses(t: &Table) -> Vec<(String, ParticipantStatus)> {
    let mut all: Vec<_> =
        participants::list(&t.store, t.event.as_str()).unwrap().into_iter().map(|p| (p.name.en, p.status)).collect();
    all.sort();
    all
}

#[test]
fn a_bulk_action_on_all_that_match_a_query() {
    use ParticipantStatus::*;
    let mut t = table();
    let c = &mut IndexCache::default();
    let matching = |q: ParticipantQuery, expected: Option<u32>| Selection::Matching { query: q, expected };
    let ids = |t: &Table, s: &Selection, c: &mut IndexCache| t.store.read(|tx| s.ids(tx, t.event.as_str(), c));

    // The query's filters and search, whatever its page; the sort and limit do not matter.
    let media = matching(ParticipantQuery { category: Some("media".into()), limit: 1, ..q() }, Some(2));
    let chosen = ids(&t, &media, c).unwrap();
    t.store.write(|tx| participants::set_status(tx, &t.event, &chosen, Waitlisted, Utc::now())).unwrap();
    assert_eq!(
        statuses(&t),
        [
            ("Ahmed Saleh".into(), Confirmed),
            ("Bashir Nour".into(), InterestRegistered),
            ("Carla Diaz".into(), Waitlisted),
            ("Dina Fathi".into(), Waitlisted),
            ("Éric Blanc".into(), Waitlisted),
        ]
    );
    let arabic = matching(ParticipantQuery { text: "بشير".into(), ..q() }, None);
    assert_eq!(ids(&t, &arabic, c).unwrap(), [store_id(&t, "Bashir Nour")]);

    // The count the person confirmed no longer matches: refused, nothing changes.
    let before = statuses(&t);
    let stale = matching(ParticipantQuery { status: Some(Waitlisted), ..q() }, Some(2));
    let e = ids(&t, &stale, c).unwrap_err();
    assert_eq!((e.kind, e.field.as_deref(), e.reason), (ErrorKind::Conflict, Some("ids"), Reason::Changed));
    assert!(e.message.contains("3 participants match now, not 2"), "{}", e.message);
    // Nothing matches; a filter naming another event's delegation.
    let none = matching(ParticipantQuery { text: "zzz".into(), ..q() }, None);
    assert_eq!(refused(ids(&t, &none, c)), (Some("ids".into()), Reason::Required));
    let unknown = matching(ParticipantQuery { delegation: Some("ffffffff".into()), ..q() }, None);
    assert_eq!(refused(ids(&t, &unknown, c)), (Some("delegation".into()), Reason::NotFound));
    assert_eq!(statuses(&t), before);

    // Ids as typed are resolved at the edge: one that names nobody is refused there; an id of
    // nobody given to the action itself is refused by it.
    let picked = Selection::Ids { ids: vec!["ffffffff".into()] };
    assert_eq!(refused(ids(&t, &picked, c)), (Some("ids".into()), Reason::NotFound));
    assert_eq!(
        refused(t.store.write(|tx| participants::set_status(tx, &t.event, &[Id::new()], Declined, Utc::now()))).1,
        Reason::NotFound
    );
    assert_eq!(statuses(&t), before);

    // A person named twice (by id and by a prefix of it) is changed once, with one entry.
    let dina = store_id(&t, "Dina Fathi");
    let history = |t: &Table| audit::list(&t.store, AuditSubject::Participant, dina.as_str()).unwrap().len();
    let entries = history(&t);
    let twice = [dina.to_string(), dina.as_str()[..32].to_owned()];
    let changed = t
        .store
        .write(|tx| {
            participants::set_status(
                tx,
                &t.event,
                &Selection::Ids { ids: twice.to_vec() }.ids(tx, t.event.as_str(), &mut IndexCache::default())?,
                Declined,
                Utc::now(),
            )
        })
        .unwrap();
    assert_eq!(changed.len(), 1);
    assert_eq!(history(&t), entries + 1);
}

#[test]
fn reading_many_by_id_names_one_that_is_gone() {
    let t = table();
    let mut ids: Vec<Id> = participants::list(&t.store, t.event.as_str()).unwrap().into_iter().map(|p| p.id).collect();
    ids.sort();
    let people = t.store.participants().get_sorted(&ids).unwrap();
    assert_eq!(people.iter().map(|p| &p.id).collect::<Vec<_>>(), ids.iter().collect::<Vec<_>>());
    // Missing first or last: the missing one is named.
    let before_all = Id::from_db("00000000-0000-7000-8000-000000000000".into());
    for gone in [before_all, Id::new()] {
        let mut asked = ids.clone();
        asked.push(gone.clone());
        asked.sort();
        let e = t.store.participants().get_sorted(&asked).unwrap_err();
        assert_eq!((e.kind, e.field.as_deref()), (ErrorKind::NotFound, Some("ids")), "{asked:?}");
        assert!(e.message.contains(gone.as_str()), "{}", e.message);
    }
}

/// A page by name is the same whether the store counts and skips to it or the search index,
/// once built, serves it: the same people in the same order (ties of the same name by id), the
/// same total, both ways, at every offset.
#[test]
fn pages_by_name_from_the_index_are_those_of_the_store() {
    let mut t = table();
    let event = t.event.clone();
    for ar in ["بشير نور", "", "نور"] {
        add(&mut t.store, &event, person("Bashir Nour", ar, "QA", "member_state", ParticipantStatus::Confirmed));
    }
    // By the folded name Éamon comes before Ebba, by the bytes of the name after.
    for en in ["Ebba Lind", "Éamon Byrne"] {
        add(&mut t.store, &event, person(en, "", "QA", "member_state", ParticipantStatus::Confirmed));
    }
    let ids = |page: query::ParticipantPage| (page.total, page.rows.into_iter().map(|p| p.id).collect::<Vec<_>>());
    let warm = &mut IndexCache::default();
    query::query(&t.store, t.event.as_str(), &ParticipantQuery { text: "nour".into(), ..q() }, warm).unwrap();
    for descending in [false, true] {
        for offset in 0..12 {
            for limit in [1, 3, 100] {
                let q = ParticipantQuery { descending, offset, limit, ..q() };
                let cold = query::query(&t.store, t.event.as_str(), &q, &mut IndexCache::default()).unwrap();
                let served = query::query(&t.store, t.event.as_str(), &q, warm).unwrap();
                assert_eq!(ids(served), ids(cold), "{q:?}");
            }
        }
    }
    // A change since the index was built: the page is the store's again, with the newcomer.
    add(&mut t.store, &event, person("Aaron Abel", "", "QA", "member_state", ParticipantStatus::Confirmed));
    let first = query::query(&t.store, t.event.as_str(), &ParticipantQuery { limit: 1, ..q() }, warm).unwrap();
    assert_eq!((first.total, first.rows[0].name.en.as_str()), (11, "Aaron Abel"));
}

/// The store's own page for `q` (no search text): what a page served from a kept order must be.
fn store_page(t: &Table, q: &ParticipantQuery) -> (u32, Vec<Id>) {
    let delegation = q.delegation.as_ref().map(|_| t.qatar.clone());
    let (total, rows) = t
        .store
        .read(|tx| {
            let filter = muntada::store::ParticipantFilter {
                search: None,
                status: q.status,
                category: q.category.as_deref(),
                country: q.country.as_deref(),
                delegation: delegation.as_ref(),
            };
            tx.participants().page(&t.event, &filter, q.sort, q.descending, q.offset, q.limit)
        })
        .unwrap();
    (total, rows.into_iter().map(|p| p.id).collect())
}

#[test]
fn filtered_and_resorted_pages_are_those_of_the_store_and_follow_changes() {
    let mut t = table();
    let event = t.event.clone();
    for (en, country, status) in [
        ("Zaid Amin", "QA", ParticipantStatus::Confirmed),
        ("Yara Amin", "QA", ParticipantStatus::Confirmed),
        ("Omar Farouk", "EG", ParticipantStatus::Confirmed),
        ("Éamon Byrne", "QA", ParticipantStatus::Waitlisted),
    ] {
        add(&mut t.store, &event, person(en, "", country, "member_state", status));
    }
    let ids = |page: query::ParticipantPage| (page.total, page.rows.into_iter().map(|p| p.id).collect::<Vec<_>>());
    let asked = |descending| {
        [
            ParticipantQuery { status: Some(ParticipantStatus::Confirmed), descending, ..q() },
            ParticipantQuery { country: Some("QA".into()), sort: SortKey::Organisation, descending, ..q() },
            ParticipantQuery { sort: SortKey::Registered, descending, ..q() },
            ParticipantQuery { sort: SortKey::Status, descending, ..q() },
            ParticipantQuery { delegation: Some(t.qatar.to_string()), sort: SortKey::Country, descending, ..q() },
        ]
    };
    let warm = &mut IndexCache::default();
    let mut served = 0;
    for descending in [false, true] {
        for asked in asked(descending) {
            for offset in 0..10 {
                for limit in [1, 3, 100] {
                    let one = ParticipantQuery { offset, limit, ..asked.clone() };
                    let page = query::query(&t.store, t.event.as_str(), &one, warm).unwrap();
                    assert_eq!(ids(page), store_page(&t, &one), "{one:?}");
                    served += 1;
                }
            }
        }
    }
    assert_eq!(served, 2 * 5 * 10 * 3);
    // Search text with a filter and another order.
    let searched =
        ParticipantQuery { text: "amin".into(), country: Some("QA".into()), sort: SortKey::Registered, ..q() };
    let names = |page: query::ParticipantPage| page.rows.into_iter().map(|p| p.name.en).collect::<Vec<_>>();
    assert_eq!(
        names(query::query(&t.store, t.event.as_str(), &searched, warm).unwrap()),
        // The Amins in Qatar (a word of the name, not one letter, which a badge code may begin
        // with), in the order they registered.
        ["Zaid Amin", "Yara Amin"]
    );
    // A change since the order was kept: the next page is of the data as it is now.
    let confirmed = ParticipantQuery { status: Some(ParticipantStatus::Confirmed), limit: 2, ..q() };
    let before = query::query(&t.store, t.event.as_str(), &confirmed, warm).unwrap();
    assert_eq!((before.total, names(before)), (5, vec!["Ahmed Saleh".to_owned(), "Éric Blanc".to_owned()]));
    add(&mut t.store, &event, person("Aaron Abel", "", "QA", "member_state", ParticipantStatus::Confirmed));
    let after = query::query(&t.store, t.event.as_str(), &confirmed, warm).unwrap();
    assert_eq!((after.total, names(after)), (6, vec!["Aaron Abel".to_owned(), "Ahmed Saleh".to_owned()]));
    assert_eq!(
        ids(query::query(&t.store, t.event.as_str(), &ParticipantQuery { offset: 4, ..confirmed.clone() }, warm)
            .unwrap()),
        store_page(&t, &ParticipantQuery { offset: 4, ..confirmed })
    );
}
