//! Importing participants from the fixture files in `tests/fixtures/import/` and from a
//! workbook made here: what is read, what is kept, what is refused, and that a refused import
//! writes nothing.

use crate::forum;
use chrono::Utc;
use muntada::participants::{self, DuplicateReason, ImportOptions, ImportReport, Participant};
use muntada::{Bilingual, Id, Reason, Store};
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Imports `bytes` into a new event: the report and what the store then holds.
fn import_with(bytes: &[u8], options: &ImportOptions) -> (Store, Id, ImportReport, Vec<Participant>) {
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let report = store.write(|tx| participants::import(tx, &event, bytes, options, Utc::now())).unwrap();
    let people = participants::list(&store, event.as_str()).unwrap();
    if !report.written {
        assert!(people.is_empty(), "an import that was not written left {people:?}");
    }
    (store, event, report, people)
}

fn import(name: &str) -> (Store, Id, ImportReport, Vec<Participant>) {
    import_with(&fixture(name), &ImportOptions::default())
}

fn names(people: &[Participant]) -> Vec<(&str, &str)> {
    people.iter().map(|p| (p.name.en.as_str(), p.name.ar.as_str())).collect()
}

#[test]
fn byte_order_mark_and_country_names() {
    let (_, _, report, people) = import("bom.csv");
    assert!(report.written);
    assert_eq!(names(&people), [("Amina Yusuf", ""), ("José Álvarez", "")]);
    assert_eq!(people[0].country.as_deref(), Some("QA"));
    assert_eq!(people[1].country.as_deref(), Some("ES"));
    assert_eq!(report.columns[0].column, "Full name");
    assert_eq!(report.columns[0].field, "name");
}

#[test]
fn semicolons_crlf_doubled_quotes() {
    let (_, _, _, people) = import("semicolon.csv");
    assert_eq!(
        people.iter().map(|p| p.organisation.en.as_str()).collect::<Vec<_>>(),
        ["UNOCT, Vienna", "Ministère des Affaires étrangères"]
    );
    assert_eq!(people[1].country.as_deref(), Some("FR"));
    let (_, _, _, people) = import("crlf.csv");
    assert_eq!(
        people.iter().map(|p| p.email.as_deref().unwrap()).collect::<Vec<_>>(),
        ["amina@example.org", "bob@example.org"]
    );
    let (_, _, _, people) = import("doubled_quotes.csv");
    assert_eq!(names(&people), [("Amina \"Mina\" Yusuf", "")]);
    assert_eq!(people[0].organisation.en, "The \"Forum\" Office");
}

#[test]
fn unknown_columns_are_kept_as_answers_even_across_lines() {
    let (store, _, report, people) = import("quoted_newline.csv");
    assert_eq!(report.columns[2].field, "extra");
    let amina = people.iter().find(|p| p.name.en == "Amina Yusuf").unwrap();
    let answers = store.participants().answers(&amina.id).unwrap();
    assert_eq!(answers.len(), 1);
    assert_eq!((answers[0].question.as_str(), answers[0].answer.as_str()), ("Dietary needs", "Vegetarian;\nno nuts"));
    let bob = people.iter().find(|p| p.name.en == "Bob Smith").unwrap();
    assert!(store.participants().answers(&bob.id).unwrap().is_empty());
}

#[test]
fn windows_1252_is_refused_by_name() {
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let error = store
        .write(|tx| {
            participants::import(tx, &event, &fixture("windows1252.csv"), &ImportOptions::default(), Utc::now())
        })
        .unwrap_err();
    assert_eq!((error.field.as_deref(), error.reason), (Some("file"), Reason::InvalidValue));
    assert!(error.message.contains("not UTF-8") && error.message.contains("Windows-1252"), "{}", error.message);
    assert!(error.message.contains("line 2"), "{}", error.message);
    assert!(participants::list(&store, event.as_str()).unwrap().is_empty());
}

#[test]
fn a_short_row_is_named_and_nothing_is_written() {
    let (_, _, report, people) = import("wrong_fields_row17.csv");
    assert!(!report.written && people.is_empty());
    let got: Vec<(u64, &str, Reason)> = report.problems.iter().map(|p| (p.row, p.column.as_str(), p.reason)).collect();
    assert_eq!(got, [(17, "", Reason::InvalidValue)]);
    assert!(report.problems[0].message.contains("2 fields, the header has 3"));
}

#[test]
fn duplicate_emails_differing_in_case_and_normalisation() {
    let (store, event, report, people) = import("duplicate_emails.csv");
    // Reported, imported, never merged.
    assert!(report.written);
    assert_eq!(people.len(), 4);
    assert_eq!(report.new, 2);
    let got: Vec<(u64, DuplicateReason, Option<u64>)> =
        report.duplicates.iter().map(|d| (d.row, d.reason, d.same_as_row)).collect();
    assert_eq!(got, [(3, DuplicateReason::Email, Some(2)), (5, DuplicateReason::Email, Some(4))]);
    assert_eq!(participants::duplicates(&store, event.as_str()).unwrap().len(), 2);
    // Stored as typed.
    assert!(people.iter().any(|p| p.email.as_deref() == Some("jose\u{301}@EXAMPLE.es")));

    // Importing the same file again: every row duplicates a registered person.
    let mut store = store;
    let again = store
        .write(|tx| {
            participants::import(
                tx,
                &event,
                &fixture("duplicate_emails.csv"),
                &ImportOptions { dry_run: true, map: vec![] },
                Utc::now(),
            )
        })
        .unwrap();
    assert_eq!(again.new, 0);
    assert!(again.duplicates.iter().all(|d| d.existing.is_some()));
    assert!(!again.written);
    assert_eq!(participants::list(&store, event.as_str()).unwrap().len(), 4);
}

#[test]
fn arabic_headers_and_names_with_vowel_marks() {
    let (store, event, report, people) = import("arabic_harakat.csv");
    assert!(report.written, "{:?}", report.problems);
    assert_eq!(names(&people), [("Fatima Zahra", "فَاطِمَة الزَّهْرَاء"), ("Muhammad Ali", "مُحَمَّد عَلِيّ")]);
    assert_eq!(people[1].country.as_deref(), Some("QA"));
    assert_eq!(people[1].organisation, Bilingual::new("", "وزارة الخارجية"));
    let (found, _) = participants::search(&store, event.as_str(), "محمد علي", 10).unwrap();
    assert_eq!(found.len(), 1);
    let (found, _) = participants::search(&store, event.as_str(), "فاطمه", 10).unwrap();
    assert_eq!(found[0].name.en, "Fatima Zahra");
}

#[test]
fn a_right_to_left_override_is_stored_as_typed() {
    let (_, _, report, people) = import("rtl_override.csv");
    assert!(report.written);
    assert_eq!(people[0].name.en, "Amina\u{202E}Yusuf");
}

#[test]
fn dry_run_and_column_map() {
    let csv = b"Nom,Courriel,Pays\nAmina,amina@example.org,QA\n";
    let (_, _, report, _) = import_with(csv, &ImportOptions::default());
    assert_eq!(report.problems[0].reason, Reason::Required);
    let map =
        vec![("Nom".into(), "name".into()), ("courriel".into(), "email".into()), ("Pays".into(), "country".into())];
    let (_, _, report, people) = import_with(csv, &ImportOptions { dry_run: true, map: map.clone() });
    assert!(!report.written && report.problems.is_empty() && people.is_empty());
    assert_eq!((report.rows, report.new), (1, 1));
    let (_, _, report, people) = import_with(csv, &ImportOptions { dry_run: false, map });
    assert!(report.written);
    assert_eq!(people[0].email.as_deref(), Some("amina@example.org"));

    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    for (column, field) in [("Missing", "name"), ("Nom", "surname")] {
        let options = ImportOptions { dry_run: false, map: vec![(column.into(), field.into())] };
        let error = store.write(|tx| participants::import(tx, &event, csv, &options, Utc::now())).unwrap_err();
        assert_eq!(error.field.as_deref(), Some("map"), "{column}={field}");
    }
}

#[test]
fn xlsx_workbooks() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let rows: [[&str; 4]; 3] = [
        ["الاسم", "Email address", "Phone", "Badge name"],
        ["أمينة يوسف", "amina@example.org", "", "Mina"],
        ["Bob", "", "", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    sheet.write_number(1, 2, 97_455_512_345.0).unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let (store, _, report, people) = import_with(&bytes, &ImportOptions::default());
    assert!(report.written, "{:?}", report.problems);
    assert_eq!(names(&people), [("", "أمينة يوسف"), ("Bob", "")]);
    assert_eq!(people[0].phone.as_deref(), Some("97455512345"));
    let answers = store.participants().answers(&people[0].id).unwrap();
    assert_eq!((answers[0].question.as_str(), answers[0].answer.as_str()), ("Badge name", "Mina"));

    // A bad row in a workbook is named by its spreadsheet row and header.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_row(0, 0, ["Name", "E-mail"]).unwrap();
    sheet.write_row(1, 0, ["Amina", "amina@example.org"]).unwrap();
    sheet.write_row(2, 0, ["Bob", "not an address"]).unwrap();
    let (_, _, report, people) = import_with(&workbook.save_to_buffer().unwrap(), &ImportOptions::default());
    assert!(people.is_empty());
    let got: Vec<(u64, &str)> = report.problems.iter().map(|p| (p.row, p.column.as_str())).collect();
    assert_eq!(got, [(3, "E-mail")]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever mix of good and bad rows a file has, the import writes all of them or none.
    #[test]
    fn never_a_partial_file(rows in proptest::collection::vec((0u8..4, "[a-zA-Z ]{1,12}"), 1..40)) {
        let mut csv = String::from("name,email,country\n");
        for (i, (kind, name)) in rows.iter().enumerate() {
            let line = match kind {
                0 => format!("{name} {i},p{i}@example.org,QA\n"),
                1 => format!("{name} {i},,\n"),
                2 if i % 7 == 3 => format!("{name} {i},not-an-address,QA\n"),
                2 => format!("{name} {i},,Qatar\n"),
                _ if i % 5 == 1 => format!("{name} {i},,XX\n"),
                _ => format!("{name} {i},p{i}@example.org,قطر\n"),
            };
            csv.push_str(&line);
        }
        let (_, _, report, people) = import_with(csv.as_bytes(), &ImportOptions::default());
        if report.problems.is_empty() {
            prop_assert!(report.written);
            prop_assert_eq!(people.len(), rows.len());
        } else {
            prop_assert!(!report.written);
            prop_assert!(people.is_empty());
        }
    }
}

#[test]
fn export_then_import_gives_the_same_people() {
    let csv = "Name,الاسم بالعربية,E-mail,Organisation,Country,Category,Status,Consent,Dietary needs\n\
               null,,,O'Brien & Sons,IE,media,confirmed,yes,\n\
               \"=HYPERLINK(\"\"x\"\")\",,,＋Plus,,,,no,\"vegan\nno nuts\"\n\
               McDonald,ماكدونالد,m@example.org,van der Berg,Qatar,Donor,waitlisted,,\n\
               Amina\u{202E}Yusuf,أَمِينَة,a@example.org,-UN,,,,,halal\n";
    let (store, event, report, before) = import_with(csv.as_bytes(), &ImportOptions::default());
    assert!(report.written, "{:?}", report.problems);
    let bytes =
        participants::export::export_table(&store, event.as_str(), participants::export::TableFormat::Csv).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    // Inert in a spreadsheet: formula-like cells start with an apostrophe; names as typed.
    assert!(text.contains("'=HYPERLINK(\"\"x\"\")") && text.contains("'＋Plus") && text.contains("'-UN"), "{text}");
    assert!(text.contains("\r\nnull,") && text.contains("O'Brien & Sons") && text.contains("McDonald"), "{text}");

    let (store2, event2, report2, after) = import_with(&bytes, &ImportOptions::default());
    assert!(report2.written, "{:?}", report2.problems);
    let same = |p: &Participant| {
        // Neutralised cells come back with their apostrophe: the one change a round trip makes.
        let unquote = |s: &str| s.strip_prefix('\'').unwrap_or(s).to_owned();
        (
            unquote(&p.name.en),
            p.name.ar.clone(),
            p.email.clone(),
            unquote(&p.organisation.en),
            p.country.clone(),
            p.category.clone(),
            p.status.as_str(),
            p.consent,
        )
    };
    let mut a: Vec<_> = before.iter().map(same).collect();
    let mut b: Vec<_> = after.iter().map(same).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    let vegan = after.iter().find(|p| p.name.en.contains("HYPERLINK")).unwrap();
    let answers = store2.participants().answers(&vegan.id).unwrap();
    assert_eq!(answers.len(), 1);
    assert_eq!((answers[0].question.as_str(), answers[0].answer.as_str()), ("Dietary needs", "vegan\nno nuts"));
    let _ = event2;

    // XLSX: text cells, kept exactly.
    let xlsx =
        participants::export::export_table(&store, event.as_str(), participants::export::TableFormat::Xlsx).unwrap();
    let (_, _, report3, again) = import_with(&xlsx, &ImportOptions::default());
    assert!(report3.written, "{:?}", report3.problems);
    let mut c: Vec<_> = again.iter().map(|p| (p.name.en.clone(), p.organisation.en.clone())).collect();
    let mut d: Vec<_> = before.iter().map(|p| (p.name.en.clone(), p.organisation.en.clone())).collect();
    c.sort();
    d.sort();
    assert_eq!(c, d);
}

#[test]
fn a_persons_data_and_its_erasure() {
    let csv = "Name,Email,Dietary needs\nAmina Yusuf,amina@example.org,halal\n";
    let (mut store, _, _, people) = import_with(csv.as_bytes(), &ImportOptions::default());
    let id = people[0].id.clone();
    let data: serde_json::Value =
        serde_json::from_slice(&participants::export::person_data_json(&store, id.as_str()).unwrap()).unwrap();
    assert_eq!(data["participant"]["email"], "amina@example.org");
    assert_eq!(data["answers"][0]["answer"], "halal");
    assert_eq!(data["history"][0]["action"], "import");
    assert_eq!(data["history"][0]["after"]["name"]["en"], "Amina Yusuf");

    participants::erase(&mut store, &id, Utc::now()).unwrap();
    let text = String::from_utf8(participants::export::person_data_json(&store, id.as_str()).unwrap()).unwrap();
    for gone in ["Amina", "amina@example.org", "halal"] {
        assert!(!text.contains(gone), "{gone} is still held: {text}");
    }
}
