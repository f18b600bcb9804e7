//! Importing participants from the fixture files in `tests/fixtures/import/` and from a
//! workbook made here: what is read, what is kept, what is refused, and that a refused import
//! writes nothing.

use crate::forum;
use chrono::Utc;
use muntada::participants::import::ValueChoice;
use muntada::participants::values::ValueField;
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
                &ImportOptions { dry_run: true, map: vec![], ..Default::default() },
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
    let (_, _, report, people) =
        import_with(csv, &ImportOptions { dry_run: true, map: map.clone(), ..Default::default() });
    assert!(!report.written && report.problems.is_empty() && people.is_empty());
    assert_eq!((report.rows, report.new), (1, 1));
    let (_, _, report, people) = import_with(csv, &ImportOptions { dry_run: false, map, ..Default::default() });
    assert!(report.written);
    assert_eq!(people[0].email.as_deref(), Some("amina@example.org"));

    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    for (column, field) in [("Missing", "name"), ("Nom", "surname")] {
        let options = ImportOptions { dry_run: false, map: vec![(column.into(), field.into())], ..Default::default() };
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
    let options = ImportOptions { file_name: "C:\\Forms\\forum-registrations.csv".into(), ..Default::default() };
    let (mut store, _, _, people) = import_with(csv.as_bytes(), &options);
    let id = people[0].id.clone();
    let data: serde_json::Value =
        serde_json::from_slice(&participants::export::person_data_json(&store, id.as_str()).unwrap()).unwrap();
    assert_eq!(data["participant"]["email"], "amina@example.org");
    assert_eq!(data["answers"][0]["answer"], "halal");
    // The person's history starts with the import's one entry: the file (its name without the
    // folder, and its SHA-256, as `sha256sum` gives it), the mapping and the count.
    assert_eq!(data["history"][0]["action"], "import");
    let import = &data["history"][0]["after"];
    assert_eq!(import["file"], "forum-registrations.csv");
    assert_eq!(import["sha256"], sha256sum(csv.as_bytes()));
    assert_eq!(import["count"], 1);
    assert_eq!(import["columns"][2]["column"], "Dietary needs");
    assert_eq!(import["columns"][2]["field"], "extra");

    participants::erase(&mut store, &id, Utc::now()).unwrap();
    let text = String::from_utf8(participants::export::person_data_json(&store, id.as_str()).unwrap()).unwrap();
    for gone in ["Amina", "amina@example.org", "halal"] {
        assert!(!text.contains(gone), "{gone} is still held: {text}");
    }
}

/// The categories of each person, by name.
fn categories(people: &[Participant]) -> Vec<(&str, &str)> {
    people.iter().map(|p| (participants::display_name(p), p.category.as_str())).collect()
}

#[test]
fn a_form_export_with_labels_in_both_spellings_and_languages() {
    let (store, _, report, people) = import("form_export.csv");
    assert!(report.written, "{:#?}", report.problems);
    assert_eq!(
        categories(&people),
        [
            ("سارة", "international_organisation"),
            ("Amina Yusuf", "international_organisation"),
            ("Jean Dupont", "international_organisation"),
            ("Li Wei", "civil_society"),
            ("Omar Haddad", "member_state"),
        ]
    );
    let country = |name: &str| people.iter().find(|p| participants::display_name(p) == name).unwrap();
    assert_eq!(
        ["Amina Yusuf", "Omar Haddad", "Li Wei", "سارة", "Jean Dupont"].map(|n| country(n).country.clone().unwrap()),
        ["KE", "QA", "GB", "AE", "GB"]
    );
    assert_eq!(
        ["Amina Yusuf", "Omar Haddad", "Li Wei", "سارة", "Jean Dupont"].map(|n| country(n).consent),
        [true, true, true, false, false]
    );

    // The line break in an organisation and the double space in a name: tidied, each said with
    // its row, and the cells as written kept with the person.
    let warnings: Vec<(u64, &str, &str)> =
        report.warnings.iter().map(|w| (w.row, w.column.as_str(), w.message.as_str())).collect();
    assert_eq!(
        warnings,
        [(3, "Organization", "a line break became a space"), (4, "Full name", "several spaces in a row became one"),]
    );
    let omar = country("Omar Haddad");
    assert_eq!(omar.organisation.en, "Ministry of Foreign Affairs Qatar");
    let answers = store.participants().answers(&omar.id).unwrap();
    let kept = answers.iter().find(|a| a.question == "Organization (as in the file)").unwrap();
    assert_eq!(kept.answer, "Ministry of Foreign Affairs\r\nQatar");
    let li = store.participants().answers(&country("Li Wei").id).unwrap();
    assert!(li.iter().any(|a| a.question == "Full name (as in the file)" && a.answer == "Li  Wei"), "{li:?}");
}

#[test]
fn other_control_characters_in_a_name_are_still_refused() {
    let (_, _, report, _) = import_with(b"Name,Organisation\n\"Amina\nYusuf\",\"UN\x07\"\n", &ImportOptions::default());
    assert!(!report.written);
    let problems: Vec<(u64, &str, Reason)> =
        report.problems.iter().map(|p| (p.row, p.column.as_str(), p.reason)).collect();
    assert_eq!(problems, [(2, "Organisation", Reason::ControlCharacters)]);
}

fn choice(text: &str) -> ValueChoice {
    ValueChoice::parse(text).unwrap()
}

/// Imports into `event` of `store`: the report.
fn import_into(store: &mut Store, event: &Id, name: &str, options: &ImportOptions) -> ImportReport {
    let bytes = fixture(name);
    let run = |tx: &muntada::store::Tx<'_>| participants::import(tx, event, &bytes, options, Utc::now());
    if options.dry_run {
        store.read(run).unwrap()
    } else {
        store.write(run).unwrap()
    }
}

#[test]
fn unknown_values_are_listed_once_mapped_in_one_step_and_remembered() {
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let categories_before = participants::categories(&store, event.as_str()).unwrap().len();

    // Each unknown value once, with its rows; its rows refused; nothing written.
    let report = import_into(&mut store, &event, "unknown_values.csv", &ImportOptions::default());
    assert!(!report.written);
    let unmatched: Vec<(&str, ValueField, &str, usize, u64)> =
        report.unmatched.iter().map(|u| (u.column.as_str(), u.field, u.value.as_str(), u.rows, u.first_row)).collect();
    assert_eq!(
        unmatched,
        [
            ("Category", ValueField::Category, "UN Specialized Agency", 2, 3),
            ("Category", ValueField::Category, "Observer", 1, 4),
        ]
    );
    assert_eq!(report.problems.iter().map(|p| p.row).collect::<Vec<_>>(), [3, 4, 5]);

    // A choice naming nothing is an error about it, and writes nothing.
    let wrong = ImportOptions { values: vec![choice("Category:Observer=vip")], ..Default::default() };
    let e = store
        .write(|tx| participants::import(tx, &event, &fixture("unknown_values.csv"), &wrong, Utc::now()))
        .unwrap_err();
    assert_eq!((e.field.as_deref(), e.reason), (Some("map-value"), Reason::InvalidValue));
    assert!(e.message.contains("+new"), "{}", e.message);

    // One value to an existing category (by its name, any case), a new category from the other.
    let values = vec![choice("category:UN specialized agency=United Nations"), choice("Category:Observer=+new")];
    let dry = ImportOptions { dry_run: true, values: values.clone(), ..Default::default() };
    let report = import_into(&mut store, &event, "unknown_values.csv", &dry);
    assert!(report.problems.is_empty() && report.unmatched.is_empty() && !report.written, "{report:#?}");
    assert_eq!(report.new_categories, ["observer"]);
    assert_eq!(participants::categories(&store, event.as_str()).unwrap().len(), categories_before);

    let report = import_into(&mut store, &event, "unknown_values.csv", &ImportOptions { values, ..Default::default() });
    assert!(report.written, "{:#?}", report.problems);
    let added = participants::categories(&store, event.as_str()).unwrap();
    assert_eq!(added.len(), categories_before + 1);
    assert_eq!(added.last().map(|c| (c.key.as_str(), c.name.en.as_str())), Some(("observer", "Observer")));
    let people = participants::list(&store, event.as_str()).unwrap();
    assert_eq!(
        categories(&people),
        [
            ("Amina Yusuf", "international_organisation"),
            ("Li Wei", "observer"),
            ("Omar Haddad", "un"),
            ("Sara Ali", "un")
        ]
    );

    // The second export of the same form: no questions.
    let report = import_into(&mut store, &event, "unknown_values_second_export.csv", &ImportOptions::default());
    assert!(report.written && report.unmatched.is_empty() && report.new_categories.is_empty(), "{report:#?}");
    let people = participants::list(&store, event.as_str()).unwrap();
    let second: Vec<(&str, &str)> =
        categories(&people).into_iter().filter(|(n, _)| ["Jean Dupont", "Maria Silva"].contains(n)).collect();
    assert_eq!(second, [("Jean Dupont", "un"), ("Maria Silva", "observer")]);

    // Remembered for that event only.
    let other = forum(&mut store);
    let report = import_into(&mut store, &other, "unknown_values_second_export.csv", &ImportOptions::default());
    assert_eq!(report.unmatched.len(), 2);
}

#[test]
fn a_dry_run_remembers_nothing() {
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let values = vec![choice("Category:UN Specialized Agency=un"), choice("Category:Observer=other")];
    let dry = ImportOptions { dry_run: true, values, ..Default::default() };
    assert!(import_into(&mut store, &event, "unknown_values.csv", &dry).problems.is_empty());
    let report = import_into(&mut store, &event, "unknown_values_second_export.csv", &ImportOptions::default());
    assert_eq!(report.unmatched.len(), 2);
    assert!(!report.written);
}

/// A cell of a workbook made for a test.
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
}

/// An old Excel (BIFF8) workbook of one sheet holding `rows`, as Excel 97-2003 writes one: a
/// compound file whose "Workbook" stream has the globals (BOF, BOUNDSHEET, EOF) then the sheet
/// (BOF, a LABEL or NUMBER record per cell, EOF). No crate writes .xls, so it is made here.
fn xls(rows: &[Vec<Cell<'_>>]) -> Vec<u8> {
    fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
        out.extend(typ.to_le_bytes());
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
    }
    let bof =
        |dt: u16| [0x0600u16.to_le_bytes(), dt.to_le_bytes(), [0; 2], [0; 2], [0; 2], [0; 2], [0; 2], [0; 2]].concat();
    let mut sheet = Vec::new();
    record(&mut sheet, 0x0809, &bof(0x0010));
    for (r, cells) in rows.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            let mut data = [(r as u16).to_le_bytes(), (c as u16).to_le_bytes(), [0; 2]].concat();
            match cell {
                Cell::Text(text) => {
                    let units: Vec<u16> = text.encode_utf16().collect();
                    data.extend((units.len() as u16).to_le_bytes());
                    data.push(1); // UTF-16
                    data.extend(units.iter().flat_map(|u| u.to_le_bytes()));
                    record(&mut sheet, 0x0204, &data);
                }
                Cell::Number(n) => {
                    data.extend(n.to_le_bytes());
                    record(&mut sheet, 0x0203, &data);
                }
            }
        }
    }
    record(&mut sheet, 0x000A, &[]);

    let name: Vec<u8> = [b"Form responses".len() as u8, 0].into_iter().chain(*b"Form responses").collect();
    let globals_len = 4 + 16 + 4 + (6 + name.len()) + 4;
    let mut stream = Vec::new();
    record(&mut stream, 0x0809, &bof(0x0005));
    let boundsheet = [(globals_len as u32).to_le_bytes().to_vec(), vec![0, 0], name].concat();
    record(&mut stream, 0x0085, &boundsheet);
    record(&mut stream, 0x000A, &[]);
    assert_eq!(stream.len(), globals_len);
    stream.extend(sheet);

    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    std::io::Write::write_all(&mut file.create_stream("/Workbook").unwrap(), &stream).unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}

#[test]
fn old_excel_workbooks() {
    use Cell::{Number, Text};
    let workbook = xls(&[
        vec![Text("Full name"), Text("Organization"), Text("Category"), Text("Phone"), Text("الدولة")],
        vec![
            Text("Amina Yusuf"),
            Text("UN Women"),
            Text("International Organization"),
            Number(97455512345.0),
            Text("قطر"),
        ],
        vec![Text("عمر"), Text("وزارة\nالخارجية"), Text("دولة عضو"), Text("+974 5551"), Text("UK")],
    ]);
    assert!(workbook.starts_with(b"\xD0\xCF\x11\xE0"));
    let (_, _, report, people) = import_with(&workbook, &ImportOptions::default());
    assert!(report.written, "{:#?}", report.problems);
    assert_eq!(names(&people), [("", "عمر"), ("Amina Yusuf", "")]);
    assert_eq!(people[1].phone.as_deref(), Some("97455512345"));
    assert_eq!(people[1].category, "international_organisation");
    assert_eq!(people[0].organisation.ar, "وزارة الخارجية");
    assert_eq!(people[0].country.as_deref(), Some("GB"));
    assert_eq!(report.warnings.iter().map(|w| (w.row, w.column.as_str())).collect::<Vec<_>>(), [(3, "Organization")]);

    // A damaged one is an error about the file.
    let mut store = muntada::store::testing::store();
    let event = forum(&mut store);
    let e = store
        .write(|tx| participants::import(tx, &event, &workbook[..600], &ImportOptions::default(), Utc::now()))
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("file"));
    assert!(e.message.contains("workbook"), "{}", e.message);
    // Cut anywhere or with a byte changed, it is a report or an error, never a panic (the
    // reader catches none: a panic fails this test, as it would abort the release app). Every
    // 7th byte, and each byte of the offsets at which the sheets start (BOUNDSHEET records:
    // 0x0085, then a length, then the offset), which calamine trusts.
    let sheet_offsets = workbook
        .windows(4)
        .enumerate()
        .filter(|(_, w)| w[..2] == [0x85, 0x00] && u16::from_le_bytes([w[2], w[3]]) >= 8)
        .flat_map(|(at, _)| at + 4..at + 8);
    let positions: Vec<usize> = (0..workbook.len()).step_by(7).chain(sheet_offsets).collect();
    assert!(positions.len() > workbook.len() / 7 + 3, "the workbook lists its sheet");
    for (cut, flip) in positions.into_iter().flat_map(|at| [(at, 0x5A_u8), (at, 0xFF)]) {
        let mut damaged = workbook.clone();
        damaged[cut] ^= flip;
        for bytes in [&workbook[..cut], &damaged[..]] {
            let _ = store.read(|tx| {
                participants::import(
                    tx,
                    &event,
                    bytes,
                    &ImportOptions { dry_run: true, ..Default::default() },
                    Utc::now(),
                )
            });
        }
    }
}

/// The SHA-256 of `bytes` as the coreutils' `sha256sum` prints it (a tool of its own, not the
/// crate the import uses).
fn sha256sum(bytes: &[u8]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8(out.stdout).unwrap().split_whitespace().next().unwrap().to_owned()
}
