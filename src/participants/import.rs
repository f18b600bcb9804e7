//! Importing participants from a CSV file (UTF-8, comma-separated, a header row). Every row is
//! checked with the same rules as a participant added by hand; if any row has a problem, every
//! problem is reported with its row and column and nothing is written. Otherwise all rows are
//! written in one transaction: a crash or a full disk half-way leaves none of them.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{ParticipantInput, ParticipantStatus};
use crate::audit::AuditAction;
use crate::error::{Reason, Result};
use crate::input;
use crate::store::Store;

/// The columns a file may have, in any order; only `name` is required.
pub const COLUMNS: [&str; 7] = ["name", "name_ar", "email", "organisation", "country", "category", "status"];

/// A row that cannot be imported, and why. `row` is the line of the file (the header is row 1),
/// as a spreadsheet numbers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowProblem {
    pub row: u64,
    pub column: String,
    pub reason: Reason,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// Every row was written.
    Imported { count: usize },
    /// Nothing was written because of these problems.
    Refused { problems: Vec<RowProblem> },
}

/// Imports the participants in `csv` (the file's bytes) into the event.
pub fn import_csv(store: &mut Store, event_id: &str, csv: &[u8], now: DateTime<Utc>) -> Result<ImportOutcome> {
    let event_id = store.events().resolve("event", event_id)?;
    let categories = store.categories().list(&event_id)?;
    let csv = csv.strip_prefix("\u{feff}".as_bytes()).unwrap_or(csv); // the mark Excel writes
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(csv);
    let mut problems = Vec::new();
    let columns = match reader.byte_headers() {
        Ok(headers) => header_columns(headers, &mut problems),
        Err(e) => {
            problems.push(problem(1, "", Reason::InvalidValue, format!("the header row cannot be read: {e}")));
            Vec::new()
        }
    };
    if !problems.is_empty() {
        return Ok(ImportOutcome::Refused { problems });
    }

    let mut people = Vec::new();
    for record in reader.byte_records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let row = e.position().map_or(0, |p| p.line());
                problems.push(problem(row, "", Reason::InvalidValue, format!("the row cannot be read: {e}")));
                continue;
            }
        };
        let row = record.position().map_or(0, |p| p.line());
        match read_row(&columns, &record, row).and_then(|person| {
            person.validate(&categories).map_err(|e| {
                let column = column_of(&e.field.clone().unwrap_or_default(), &person);
                problem(row, column, e.reason, e.message)
            })
        }) {
            Ok(valid) => people.push(valid.register(event_id.clone(), now)),
            Err(p) => problems.push(p),
        }
    }
    if people.is_empty() && problems.is_empty() {
        problems.push(problem(2, "", Reason::Required, "the file has no participants under its header row".into()));
    }
    if !problems.is_empty() {
        return Ok(ImportOutcome::Refused { problems });
    }
    // One IMMEDIATE transaction for every row; inside a `Store::batch` it becomes a savepoint.
    store.write(|tx| {
        let participants = tx.participants();
        people.iter().try_for_each(|p| participants.insert(p, AuditAction::Import))
    })?;
    Ok(ImportOutcome::Imported { count: people.len() })
}

/// Which of `COLUMNS` each column of the file is.
fn header_columns(headers: &csv::ByteRecord, problems: &mut Vec<RowProblem>) -> Vec<&'static str> {
    let mut columns = Vec::new();
    for (index, raw) in headers.iter().enumerate() {
        let name = String::from_utf8_lossy(raw).trim().to_lowercase();
        match COLUMNS.iter().find(|c| **c == name) {
            Some(c) if columns.contains(c) => {
                problems.push(problem(1, c, Reason::Duplicate, format!("the column {c:?} appears twice")))
            }
            Some(c) => columns.push(*c),
            None => {
                let shown = if name.is_empty() { format!("column {}", index + 1) } else { name.clone() };
                problems.push(problem(
                    1,
                    &shown,
                    Reason::InvalidValue,
                    format!("unknown column {shown:?}; the columns are {}", COLUMNS.join(", ")),
                ));
            }
        }
    }
    if problems.is_empty() && !columns.contains(&"name") {
        problems.push(problem(1, "name", Reason::Required, "the file needs a \"name\" column".into()));
    }
    columns
}

fn read_row(columns: &[&'static str], record: &csv::ByteRecord, row: u64) -> Result<ParticipantInput, RowProblem> {
    let mut person = ParticipantInput::default();
    for (column, raw) in columns.iter().zip(record.iter()) {
        let value = std::str::from_utf8(raw).map_err(|_| {
            problem(row, column, Reason::InvalidValue, "this is not UTF-8 text: save the file as \"CSV UTF-8\"".into())
        })?;
        let value = value.to_owned();
        match *column {
            "name" => person.name.en = value,
            "name_ar" => person.name.ar = value,
            "email" => person.email = value,
            "organisation" => person.organisation.en = value,
            "country" => person.country = value,
            "category" => person.category = value,
            "status" if !value.trim().is_empty() => {
                person.status = ParticipantStatus::parse("status", &value)
                    .map_err(|e| problem(row, column, e.reason, e.message))?;
            }
            _ => {}
        }
    }
    Ok(person)
}

/// The file's column for a validation error's field: the two sides of the name are two columns.
fn column_of(field: &str, person: &ParticipantInput) -> &'static str {
    match field {
        "name" => {
            let bad = |text: &str| input::line("name", text, input::MAX_NAME).is_err();
            if !bad(&person.name.en) && bad(&person.name.ar) {
                "name_ar"
            } else {
                "name"
            }
        }
        "email" => "email",
        "organisation" => "organisation",
        "country" => "country",
        "category" => "category",
        "status" => "status",
        _ => "",
    }
}

fn problem(row: u64, column: &str, reason: Reason, message: String) -> RowProblem {
    RowProblem { row, column: column.to_owned(), reason, message }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bilingual::Bilingual;
    use crate::event::{self, EventInput, EventStatus};
    use crate::id::Id;

    fn event(store: &mut Store) -> Id {
        let input = EventInput {
            title: Bilingual::new("Forum", ""),
            description: Bilingual::default(),
            venue: String::new(),
            city: String::new(),
            country: String::new(),
            timezone: "UTC".into(),
            start_date: "2025-05-20".into(),
            end_date: "2025-05-20".into(),
            organisers: vec![],
            status: EventStatus::Open,
        };
        event::create(store, &input, Utc::now()).unwrap().id
    }

    /// Imports `csv` into a fresh event and compares the outcome: the names imported, or the
    /// (row, column, reason) of every problem, in which case nothing may have been written.
    fn check(csv: &str, expected: std::result::Result<&[&str], &[(u64, &str, Reason)]>) {
        let mut store = Store::open_in_memory().unwrap();
        let id = event(&mut store);
        let outcome = import_csv(&mut store, id.as_str(), csv.as_bytes(), Utc::now()).unwrap();
        let stored: Vec<String> = store.participants().list(&id).unwrap().into_iter().map(|p| p.name.en).collect();
        match (outcome, expected) {
            (ImportOutcome::Imported { count }, Ok(names)) => {
                assert_eq!(count, names.len());
                assert_eq!(stored, names);
            }
            (ImportOutcome::Refused { problems }, Err(expected)) => {
                let got: Vec<(u64, &str, Reason)> =
                    problems.iter().map(|p| (p.row, p.column.as_str(), p.reason)).collect();
                assert_eq!(got, expected, "{problems:#?}");
                assert!(stored.is_empty(), "a refused import wrote {stored:?}");
            }
            (got, expected) => panic!("got {got:?}, expected {expected:?}"),
        }
    }

    #[test]
    fn good_files() {
        check("name,name_ar\nAmina Yusuf,أمينة يوسف\nBob,\n", Ok(&["Amina Yusuf", "Bob"]));
        check(
            "\u{feff}Email,Name,Status,Category,Country\na@example.org,Amina,confirmed,Member State,ng\n",
            Ok(&["Amina"]),
        );
        check("name,organisation\n\"Doe, Jane\",\"UN, Vienna\"\n", Ok(&["Doe, Jane"]));
        check("name_ar,name\nأمينة,\n", Ok(&[""]));
    }

    #[test]
    fn every_bad_row_is_reported_and_nothing_written() {
        check(
            "name,email,country,status,category\n\
             Good,a@example.org,QA,,\n\
             ,b@example.org,QA,,\n\
             Bad mail,not-an-address,QA,,\n\
             Bad country,,XX,,\n\
             Bad status,,,finished,\n\
             Bad category,,,,vip\n",
            Err(&[
                (3, "name", Reason::Required),
                (4, "email", Reason::InvalidValue),
                (5, "country", Reason::UnknownCountry),
                (6, "status", Reason::InvalidValue),
                (7, "category", Reason::InvalidValue),
            ]),
        );
        check("name,name_ar\nAmina,\"a\u{7}b\"\n", Err(&[(2, "name_ar", Reason::ControlCharacters)]));
        check("name,email\nAmina\n", Err(&[(2, "", Reason::InvalidValue)]));
    }

    #[test]
    fn bad_headers() {
        check("nom,email\nAmina,a@example.org\n", Err(&[(1, "nom", Reason::InvalidValue)]));
        check("email\na@example.org\n", Err(&[(1, "name", Reason::Required)]));
        check("name,name\nA,B\n", Err(&[(1, "name", Reason::Duplicate)]));
        check("name\n", Err(&[(2, "", Reason::Required)]));
        check("", Err(&[(1, "name", Reason::Required)]));
    }

    #[test]
    fn text_that_is_not_utf8_names_its_cell() {
        let mut store = Store::open_in_memory().unwrap();
        let id = event(&mut store);
        let latin1 = b"name,organisation\nJos\xe9,UN\nAmina,Caf\xe9\n";
        let ImportOutcome::Refused { problems } = import_csv(&mut store, id.as_str(), latin1, Utc::now()).unwrap()
        else {
            panic!("a Latin-1 file was imported");
        };
        let cells: Vec<(u64, &str)> = problems.iter().map(|p| (p.row, p.column.as_str())).collect();
        assert_eq!(cells, [(2, "name"), (3, "organisation")]);
    }
}
