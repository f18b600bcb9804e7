//! Importing participants from a spreadsheet: CSV (UTF-8 with or without a byte-order mark;
//! `,` `;` or tab, detected; CRLF; quoted fields with newlines and doubled quotes), XLSX or the
//! older binary XLS.
//!
//! Columns are matched to fields by their header, in English or Arabic, in any case
//! ("Full name", "E-mail", "الاسم", "الجهة"…), or as the caller maps them; other columns are kept
//! with each person as extra answers. Every row is checked with the same rules as a participant
//! added by hand; if any row has a problem, every problem is reported with its row and column
//! and nothing is written. Otherwise all rows are written in one transaction: a crash or a full
//! disk half-way leaves none of them. Likely duplicates (of each other or of people already
//! registered) are reported, and imported: only a person can tell two namesakes apart, and
//! `merge` joins two records on request.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::category;
use super::normalise::{fold, Keys};
use super::values::{self, ValueField, Values};
use super::{Answer, Category, DuplicateReason, Participant, ParticipantInput, ParticipantStatus};
use crate::bilingual::Bilingual;
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::input;
use crate::store::ImportEntry;
use crate::store::Tx;

/// The fields a column can fill.
pub const FIELDS: [&str; 11] = [
    "honorific",
    "name",
    "name_ar",
    "email",
    "phone",
    "organisation",
    "organisation_ar",
    "country",
    "category",
    "status",
    "consent",
];

/// What `--map COLUMN=extra` (or `ignore`) means: keep the column as an extra answer, or drop it.
pub const EXTRA: &str = "extra";
pub const IGNORE: &str = "ignore";

/// Header names understood for each field, compared after folding (case, accents, Arabic
/// letter variants, punctuation), so "E-mail" and "email_address" both match "email address".
const SYNONYMS: &[(&str, &[&str])] = &[
    ("honorific", &["honorific", "salutation", "اللقب"]),
    (
        "name",
        &[
            "name",
            "full name",
            "fullname",
            "name en",
            "english name",
            "name in english",
            "participant",
            "الاسم",
            "الاسم الكامل",
            "الاسم بالانجليزية",
        ],
    ),
    ("name_ar", &["name ar", "arabic name", "name in arabic", "name arabic", "الاسم بالعربية", "الاسم العربي"]),
    ("email", &["email", "e-mail", "email address", "e-mail address", "mail", "البريد الإلكتروني", "البريد", "الايميل"]),
    (
        "phone",
        &[
            "phone",
            "telephone",
            "tel",
            "mobile",
            "phone number",
            "mobile number",
            "الهاتف",
            "رقم الهاتف",
            "الجوال",
            "الموبايل",
        ],
    ),
    (
        "organisation",
        &[
            "organisation",
            "organization",
            "org",
            "organisation en",
            "organization en",
            "institution",
            "affiliation",
            "company",
            "entity",
            "الجهة",
            "المنظمة",
            "المؤسسة",
        ],
    ),
    (
        "organisation_ar",
        &["organisation ar", "organization ar", "organisation arabic", "organization arabic", "الجهة بالعربية"],
    ),
    ("country", &["country", "country code", "الدولة", "البلد"]),
    ("category", &["category", "accreditation", "الفئة"]),
    ("status", &["status", "الحالة"]),
    (
        "consent",
        &["consent", "consent to data use", "data consent", "i consent", "الموافقة", "الموافقة على استخدام البيانات"],
    ),
];

/// How an import runs. `map` overrides the detected field of a column: `(header, field)`,
/// where field is one of `FIELDS`, `extra` or `ignore`.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Check everything and report, write nothing.
    pub dry_run: bool,
    pub map: Vec<(String, String)>,
    /// What values that match nothing known stand for. Once the rows are written they are
    /// remembered for the event, and apply to its later imports without being given again.
    pub values: Vec<ValueChoice>,
    /// The file's name as the person chose it (no folder), for the import's audit entry and
    /// the history of each person it registers; empty when not known.
    pub file_name: String,
}

/// A value of the file chosen to stand for a stored one, as in
/// `--map-value "Category:International Organization=international_organisation"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ValueChoice {
    /// A field (`category`, `status`, `country`, `honorific`, `consent`) or the file's header of
    /// a column that is one.
    pub column: String,
    /// The value as the file writes it (compared as headers are: any case, spelling of
    /// punctuation…).
    pub value: String,
    /// What it is stored as: a category's key or name, a status, a country's code or name, yes
    /// or no, an honorific; or `NEW_CATEGORY` to add a category named after the value.
    pub target: String,
}

impl ValueChoice {
    /// `COLUMN:VALUE=TARGET`, as `--map-value` and the lines of a `--map-file` write it.
    pub fn parse(text: &str) -> Result<ValueChoice> {
        let parsed = text.split_once(':').and_then(|(column, rest)| {
            let (value, target) = rest.rsplit_once('=')?;
            Some(ValueChoice { column: column.trim().into(), value: value.trim().into(), target: target.trim().into() })
        });
        parsed.filter(|c| !c.column.is_empty() && !c.value.is_empty() && !c.target.is_empty()).ok_or_else(|| {
            Error::invalid(
                "map-value",
                Reason::InvalidValue,
                format!("{text:?} is not COLUMN:VALUE=TARGET (e.g. \"Category:Intl. Organization=international_organisation\")"),
            )
        })
    }
}

impl std::fmt::Display for ValueChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}={}", self.column, self.value, self.target)
    }
}

/// The target of a `ValueChoice` that adds a category named after the value.
pub const NEW_CATEGORY: &str = "+new";

/// A value of a column that matches nothing known, listed once with the rows that have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UnmatchedValue {
    /// The file's header of the column.
    pub column: String,
    pub field: ValueField,
    /// As the file first writes it.
    pub value: String,
    /// How many rows have it.
    #[ts(type = "number")]
    pub rows: usize,
    #[ts(type = "number")]
    pub first_row: u64,
}

/// A change made to a cell where nothing is lost (a line break in a name became a space); the
/// cell as the file has it is kept with the person's extra answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RowWarning {
    #[ts(type = "number")]
    pub row: u64,
    pub column: String,
    pub message: String,
}

/// A row that cannot be imported, and why. `row` is the row as a spreadsheet numbers it (the
/// header is row 1; a quoted field with line breaks is still one row); `column` is the file's
/// header of the cell, or empty for the whole row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RowProblem {
    #[ts(type = "number")]
    pub row: u64,
    pub column: String,
    #[ts(type = "string")]
    pub reason: Reason,
    pub message: String,
}

/// What a column of the file became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColumnMapping {
    pub column: String,
    /// One of `FIELDS`, `extra` (kept as an answer) or `ignore`.
    pub field: String,
}

/// A row that looks like a person already registered, or like an earlier row of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportDuplicate {
    #[ts(type = "number")]
    pub row: u64,
    pub reason: DuplicateReason,
    /// The registered participant it looks like.
    pub existing: Option<Id>,
    /// The earlier row of the file it looks like.
    #[ts(type = "number | null")]
    pub same_as_row: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub columns: Vec<ColumnMapping>,
    /// Rows of people read (blank rows are skipped).
    #[ts(type = "number")]
    pub rows: usize,
    /// Rows that duplicate nobody.
    #[ts(type = "number")]
    pub new: usize,
    pub duplicates: Vec<ImportDuplicate>,
    /// Empty unless nothing could be imported.
    pub problems: Vec<RowProblem>,
    /// Each value that matched nothing, once (its rows are among `problems`).
    pub unmatched: Vec<UnmatchedValue>,
    /// Cells tidied where nothing is lost.
    pub warnings: Vec<RowWarning>,
    /// The keys of the categories the import adds (or would add), from `NEW_CATEGORY` choices.
    pub new_categories: Vec<String>,
    /// Whether the rows were written: no problem, and not a dry run.
    pub written: bool,
}

/// The older, CSV-only outcome (kept for callers that only need a count).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// Every row was written.
    Imported { count: usize },
    /// Nothing was written because of these problems.
    Refused { problems: Vec<RowProblem> },
}

/// Imports the participants in a CSV file's bytes, with the columns detected.
pub fn import_csv(tx: &Tx<'_>, event_id: &Id, csv: &[u8], now: DateTime<Utc>) -> Result<ImportOutcome> {
    let report = import(tx, event_id, csv, &ImportOptions::default(), now)?;
    Ok(if report.written {
        ImportOutcome::Imported { count: report.rows }
    } else {
        ImportOutcome::Refused { problems: report.problems }
    })
}

/// Imports the participants in `file` (the bytes of a CSV, XLSX or XLS file, told apart by
/// their content) into the event: every row, or none. A file that cannot be read at all (not
/// UTF-8, a damaged workbook) is an error about `file`.
pub fn import(
    tx: &Tx<'_>,
    event_id: &Id,
    file: &[u8],
    options: &ImportOptions,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    let event_id = tx.events().resolve("event", event_id.as_str())?;
    let mut categories = tx.categories().list(&event_id)?;
    let table = read_table(file)?;
    let mut problems = Vec::new();
    let columns = map_columns(&table.header, &options.map, &mut problems)?;
    let choices = Choices::new(tx, &event_id, &table.header, &columns, &options.values, &mut categories)?;
    let values = Values::new(&categories);
    let mut report = ImportReport {
        columns: table
            .header
            .iter()
            .zip(&columns)
            .map(|(column, field)| ColumnMapping { column: column.clone(), field: (*field).to_owned() })
            .collect(),
        rows: 0,
        new: 0,
        duplicates: Vec::new(),
        problems: Vec::new(),
        unmatched: Vec::new(),
        warnings: Vec::new(),
        new_categories: choices.new.iter().map(|c| c.key.clone()).collect(),
        written: false,
    };
    if !problems.is_empty() {
        report.problems = problems;
        return Ok(report);
    }

    let category_keys = categories.iter().map(|c| c.key.as_str()).collect::<Vec<_>>().join(", ");
    let reader = RowReader {
        header: &table.header,
        columns: &columns,
        values: &values,
        choices: &choices,
        category_keys: &category_keys,
    };
    // Rows are read and checked in as many parts as there are cores (each row stands alone),
    // then the parts are put together in the file's order.
    let read = |rows: &[(u64, Vec<String>)]| {
        let mut part = Part::default();
        for (row, cells) in rows {
            let row = *row;
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            part.rows += 1;
            if cells.len() != columns.len() && cells[columns.len().min(cells.len())..].iter().any(|c| !c.is_empty())
                || cells.len() < columns.len()
            {
                part.problems.push(problem(
                    row,
                    "",
                    Reason::InvalidValue,
                    format!("this row has {} fields, the header has {}", cells.len(), columns.len()),
                ));
                continue;
            }
            let (person, answers) = match reader.read(cells, row, &mut part.unmatched, &mut part.warnings) {
                Ok(read) => read,
                Err(p) => {
                    part.problems.push(p);
                    continue;
                }
            };
            match person.validate(&categories) {
                Ok(valid) => {
                    part.people.push((valid.register(event_id.clone(), now), answers));
                    part.rows_of_people.push(row);
                }
                Err(e) => {
                    let field = column_of(e.field.as_deref().unwrap_or_default(), &person);
                    let column = columns.iter().position(|c| *c == field).map_or("", |i| table.header[i].as_str());
                    part.problems.push(problem(row, column, e.reason, e.message));
                }
            }
        }
        part
    };
    let mut unmatched = Unmatched::default();
    let mut people: Vec<(Participant, Vec<Answer>)> = Vec::with_capacity(table.rows.len());
    let mut rows_of_people = Vec::with_capacity(table.rows.len());
    for part in in_parts(&table.rows, read) {
        report.rows += part.rows;
        problems.extend(part.problems);
        report.warnings.extend(part.warnings);
        unmatched.merge(part.unmatched);
        people.extend(part.people);
        rows_of_people.extend(part.rows_of_people);
    }
    if report.rows == 0 && problems.is_empty() {
        problems.push(problem(2, "", Reason::Required, "the file has no participants under its header row".into()));
    }
    report.unmatched = unmatched.list;
    if !problems.is_empty() {
        report.problems = problems;
        return Ok(report);
    }

    let keys: Vec<Keys> = in_parts(&people, |part| part.iter().map(|(p, _)| Keys::of(p)).collect::<Vec<_>>())
        .into_iter()
        .flatten()
        .collect();
    report.duplicates = find_duplicates(tx, &event_id, &keys, &rows_of_people)?;
    let flagged: std::collections::HashSet<u64> = report.duplicates.iter().map(|d| d.row).collect();
    report.new = report.rows - flagged.len();
    if options.dry_run {
        return Ok(report);
    }
    // Every row in the caller's transaction, with the duplicates found above in it too.
    for new in &choices.new {
        tx.categories().add(new, super::default_colour(&new.key))?;
    }
    let import_id = Id::new();
    let summary = summary(file, options, &report)?;
    let entry = ImportEntry { id: &import_id, event_id: &event_id, at: now, summary: &summary };
    tx.participants().insert_imported(&entry, &people, &keys)?;
    for (field, value_key, target) in &choices.given {
        tx.import_choices().remember(&event_id, field.as_str(), value_key, target)?;
    }
    report.written = true;
    Ok(report)
}

/// What the import's one audit entry records: the file (its name and SHA-256), the mapping
/// of its columns, the values chosen for unknown ones, the categories it created and how many
/// people it registered. Who and when are the entry's own.
fn summary(file: &[u8], options: &ImportOptions, report: &ImportReport) -> Result<String> {
    use sha2::Digest;
    let name: String = options.file_name.chars().filter(|c| !c.is_control()).take(255).collect();
    let name = name.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    let sha256: String = sha2::Sha256::digest(file).iter().map(|b| format!("{b:02x}")).collect();
    let value = serde_json::json!({
        "file": if name.is_empty() { "(unnamed file)" } else { name },
        "sha256": sha256,
        "count": report.rows,
        "columns": report.columns,
        "values": options.values,
        "newCategories": report.new_categories,
    });
    serde_json::to_string(&value).map_err(|e| Error::internal(format!("the import's summary: {e}")))
}

/// The first rows of a file as read, for a person to see before importing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TablePreview {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Rows in the file below the header, blank ones included.
    #[ts(type = "number")]
    pub total_rows: usize,
}

/// The header and the first `rows` rows of a CSV or XLSX file (read as `import` reads it).
pub fn preview(file: &[u8], rows: usize) -> Result<TablePreview> {
    let table = read_table(file)?;
    Ok(TablePreview {
        total_rows: table.rows.len(),
        rows: table.rows.into_iter().take(rows).map(|(_, cells)| cells).collect(),
        header: table.header,
    })
}

/// The header and the rows of the file's first sheet, as text, with their spreadsheet row.
struct Table {
    header: Vec<String>,
    rows: Vec<(u64, Vec<String>)>,
}

fn read_table(file: &[u8]) -> Result<Table> {
    let unreadable = |message: String| Error::invalid("file", Reason::InvalidValue, message);
    let kind = if file.starts_with(b"PK\x03\x04") {
        Some(Workbook::Xlsx)
    } else if file.starts_with(b"\xD0\xCF\x11\xE0") {
        Some(Workbook::Xls)
    } else {
        None
    };
    if let Some(kind) = kind {
        // No catch_unwind here: release builds abort on a panic (Cargo.toml). A damaged .xls
        // container is refused by `rewrite_compound_file` before calamine reads it, and the
        // import tests cut and change a workbook at every byte to show no reader panics.
        return read_workbook(file, kind);
    }
    if file.starts_with(b"\xFF\xFE") || file.starts_with(b"\xFE\xFF") {
        return Err(unreadable(
            "the file is UTF-16 text (Excel's \"Unicode text\"): save it as \"CSV UTF-8\" and import that".into(),
        ));
    }
    let file = file.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(file); // the mark Excel writes
    let text = std::str::from_utf8(file).map_err(|e| {
        let at = e.valid_up_to();
        let line = 1 + file[..at].iter().filter(|b| **b == b'\n').count();
        unreadable(format!(
            "the file is not UTF-8 text (byte 0x{:02X} on line {line}): it looks like Windows-1252 or another \
             older encoding; in Excel choose Save As → \"CSV UTF-8\", or in LibreOffice tick \"Edit filter \
             settings\" and choose Unicode (UTF-8), then import again",
            file[at]
        ))
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(detect_delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(r)) => r.iter().map(str::to_owned).collect(),
        Some(Err(e)) => return Err(unreadable(format!("the header row cannot be read: {e}"))),
        None => Vec::new(),
    };
    let mut rows = Vec::new();
    for (index, record) in records.enumerate() {
        let record = record.map_err(|e| unreadable(format!("row {} cannot be read: {e}", index + 2)))?;
        rows.push((index as u64 + 2, record.iter().map(str::to_owned).collect()));
    }
    Ok(Table { header, rows })
}

/// The delimiter of the header line: whichever of `,` `;` and tab it has most of (outside
/// quotes); a comma when it has none.
fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// The two kinds of workbook read: Excel 2007's zipped XML, and the binary one before it.
enum Workbook {
    Xlsx,
    Xls,
}

/// The .xls file's workbook stream, read with the `cfb` crate (which checks the container's
/// sector chains and length and returns an error on a damaged one) and written into a fresh
/// compound file of its own. calamine's own container reader indexes past the end of a cut or
/// damaged file and panics, which a release build cannot catch; given a container written
/// here, it only has the workbook's records left to read.
fn rewrite_compound_file(file: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Write};
    let mut source = cfb::CompoundFile::open(std::io::Cursor::new(file))?;
    // "Workbook" from Excel 97 on (BIFF8), "Book" before it (BIFF5).
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|name| source.is_stream(name))
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidData, "it holds no workbook stream"))?;
    let mut stream = Vec::new();
    source.open_stream(name)?.read_to_end(&mut stream)?;
    sheets_within(&stream)?;
    let mut fresh = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new()))?;
    fresh.create_stream(name)?.write_all(&stream)?;
    fresh.flush()?;
    Ok(fresh.into_inner().into_inner())
}

/// Checks that every sheet the workbook's global records list (BOUNDSHEET, 0x0085) starts
/// inside the stream: calamine slices the stream at that offset without checking it.
fn sheets_within(stream: &[u8]) -> std::io::Result<()> {
    let mut at = 0;
    while let Some(header) = stream.get(at..at + 4) {
        let kind = u16::from_le_bytes([header[0], header[1]]);
        let len = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let Some(data) = stream.get(at + 4..at + 4 + len) else { break };
        if kind == 0x0085 {
            let start = data.get(..4).map_or(u32::MAX, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
            if usize::try_from(start).map_or(true, |start| start > stream.len()) {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("a sheet starts at byte {start}, past the end of the workbook ({} bytes)", stream.len()),
                ));
            }
        }
        if kind == 0x000A {
            break; // the end of the global records
        }
        at += 4 + len;
    }
    Ok(())
}

fn read_workbook(file: &[u8], kind: Workbook) -> Result<Table> {
    use calamine::{Data, Reader, Sheets, Xls, Xlsx};
    let unreadable = |e: &dyn std::fmt::Display| {
        Error::invalid("file", Reason::InvalidValue, format!("the workbook cannot be read: {e}"))
    };
    let rewritten;
    let mut workbook = match kind {
        Workbook::Xlsx => Sheets::Xlsx(Xlsx::new(std::io::Cursor::new(file)).map_err(|e| unreadable(&e))?),
        Workbook::Xls => {
            rewritten = rewrite_compound_file(file).map_err(|e| unreadable(&e))?;
            Sheets::Xls(Xls::new(std::io::Cursor::new(&rewritten[..])).map_err(|e| unreadable(&e))?)
        }
    };
    let range = match workbook.worksheet_range_at(0) {
        Some(range) => range.map_err(|e| unreadable(&e))?,
        None => return Err(Error::invalid("file", Reason::Required, "the workbook has no sheet")),
    };
    let first_row = range.start().map_or(0, |(row, _)| row as u64);
    let first_col = range.start().map_or(0, |(_, col)| col as usize);
    let text = |cell: &Data| match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        // Phone numbers and years are numbers to a spreadsheet: no ".0".
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    };
    let mut rows = range.rows().enumerate().map(|(i, cells)| {
        let mut row: Vec<String> = std::iter::repeat_n(String::new(), first_col).collect();
        row.extend(cells.iter().map(text));
        (first_row + i as u64 + 1, row)
    });
    let header = rows.next().map(|(_, h)| h).unwrap_or_default();
    let mut rows: Vec<(u64, Vec<String>)> = rows.collect();
    // A sheet's used range is as wide as its widest row: trailing empty cells are no fields.
    for (_, cells) in &mut rows {
        cells.truncate(header.len().max(cells.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1)));
    }
    Ok(Table { header, rows })
}

/// The field of each column: as mapped by the caller, else as its header says, else `extra`.
fn map_columns(
    header: &[String],
    map: &[(String, String)],
    problems: &mut Vec<RowProblem>,
) -> Result<Vec<&'static str>> {
    let mut columns: Vec<&'static str> = header.iter().map(|h| field_of_header(h).unwrap_or(EXTRA)).collect();
    for (column, field) in map {
        let wanted = fold(column);
        let index = header.iter().position(|h| h.trim() == column.trim() || fold(h) == wanted).ok_or_else(|| {
            Error::invalid(
                "map",
                Reason::InvalidValue,
                format!("the file has no column {column:?}; its columns are {}", header.join(", ")),
            )
        })?;
        let field_folded = field.trim().to_lowercase();
        columns[index] =
            FIELDS.iter().chain(&[EXTRA, IGNORE]).copied().find(|f| *f == field_folded).ok_or_else(|| {
                Error::invalid(
                    "map",
                    Reason::InvalidValue,
                    format!("{field:?} is not a field; give one of {}, {EXTRA} or {IGNORE}", FIELDS.join(", ")),
                )
            })?;
    }
    for (index, field) in columns.iter().enumerate() {
        if FIELDS.contains(field) && columns[..index].contains(field) {
            problems.push(problem(
                1,
                &header[index],
                Reason::Duplicate,
                format!("two columns are the field {field:?}; map one of them with --map COLUMN=FIELD"),
            ));
        }
    }
    if !columns.contains(&"name") && !columns.contains(&"name_ar") {
        problems.push(problem(
            1,
            "name",
            Reason::Required,
            "the file needs a name column (e.g. \"Name\", \"Full name\" or \"الاسم\")".into(),
        ));
    }
    Ok(columns)
}

fn field_of_header(header: &str) -> Option<&'static str> {
    let folded = fold(header);
    if folded.is_empty() {
        return None;
    }
    // Columns of our own export that a new event gives anew.
    if ["badge code", "registered at"].contains(&folded.as_str()) {
        return Some(IGNORE);
    }
    SYNONYMS.iter().find(|(_, names)| names.iter().any(|n| fold(n) == folded)).map(|(field, _)| *field)
}

/// The choices that apply to an import's values: remembered for the event, then given with
/// this import, which override them.
struct Choices {
    chosen: HashMap<(ValueField, String), String>,
    /// The choices given with this import, resolved: remembered once its rows are written.
    given: Vec<(ValueField, String, String)>,
    /// The categories to add.
    new: Vec<Category>,
}

impl Choices {
    /// Reads the choices; adds the categories they create to `categories` (not yet stored).
    fn new(
        tx: &Tx<'_>,
        event_id: &Id,
        header: &[String],
        columns: &[&'static str],
        given: &[ValueChoice],
        categories: &mut Vec<Category>,
    ) -> Result<Choices> {
        let mut choices = Choices { chosen: HashMap::new(), given: Vec::new(), new: Vec::new() };
        for (field, value_key, target) in tx.import_choices().list(event_id)? {
            if let Some(field) = ValueField::of_field(&field) {
                choices.chosen.insert((field, value_key), target);
            }
        }
        for choice in given {
            let field = value_field_of(&choice.column, header, columns)?;
            let value = choice.value.trim();
            if values::key(value).is_empty() {
                return Err(Error::invalid("map-value", Reason::Required, format!("{choice:?} gives no value")));
            }
            let known = Values::new(categories);
            let target = if field == ValueField::Category && choice.target.trim() == NEW_CATEGORY {
                match known.find(field, value) {
                    Some(key) => key.to_owned(),
                    None => {
                        let name = input::line("map-value", value, input::MAX_NAME)?;
                        let name = if is_arabic(&name) { Bilingual::new("", name) } else { Bilingual::new(name, "") };
                        let category = category::new_category(event_id, name, categories)
                            .map_err(|e| Error { field: Some("map-value".into()), ..e })?;
                        let key = category.key.clone();
                        categories.push(category.clone());
                        choices.new.push(category);
                        key
                    }
                }
            } else if field == ValueField::Honorific {
                let target = input::line("map-value", &choice.target, 40)?;
                known.find(field, &target).map_or(target, str::to_owned)
            } else {
                known.find(field, &choice.target).map(str::to_owned).ok_or_else(|| {
                    let what = match field {
                        ValueField::Category => {
                            let keys: Vec<&str> = categories.iter().map(|c| c.key.as_str()).collect();
                            format!("a category of the event ({}) or {NEW_CATEGORY}", keys.join(", "))
                        }
                        ValueField::Status => "a status (confirmed, waitlisted…)".to_owned(),
                        ValueField::Country => "a country's ISO code or name".to_owned(),
                        _ => "yes or no".to_owned(),
                    };
                    Error::invalid(
                        "map-value",
                        Reason::InvalidValue,
                        format!("{:?} for {value:?} is not {what}", choice.target),
                    )
                })?
            };
            choices.chosen.insert((field, values::key(value)), target.clone());
            choices.given.retain(|(f, v, _)| (*f, v.as_str()) != (field, values::key(value).as_str()));
            choices.given.push((field, values::key(value), target));
        }
        Ok(choices)
    }
}

/// The field a `ValueChoice` names: a field, or a column of the file that is one.
fn value_field_of(column: &str, header: &[String], columns: &[&'static str]) -> Result<ValueField> {
    let named = ValueField::of_field(column.trim().to_lowercase().as_str())
        .or_else(|| {
            let wanted = fold(column);
            let index = header.iter().position(|h| h.trim() == column.trim() || fold(h) == wanted)?;
            ValueField::of_field(columns[index])
        })
        .or_else(|| field_of_header(column).and_then(ValueField::of_field));
    named.ok_or_else(|| {
        Error::invalid(
            "map-value",
            Reason::InvalidValue,
            format!("{column:?} is neither category, status, country, honorific or consent nor a column that is one"),
        )
    })
}

/// What one part of a file's rows gave: its people (with their rows), the problems and
/// warnings found, the values that matched nothing, and how many rows were not blank.
#[derive(Default)]
struct Part {
    people: Vec<(Participant, Vec<Answer>)>,
    rows_of_people: Vec<u64>,
    problems: Vec<RowProblem>,
    warnings: Vec<RowWarning>,
    unmatched: Unmatched,
    rows: usize,
}

/// `f` over `items` cut into one part per core (a single part for a small file, where a
/// thread costs more than it saves), the results in the items' order.
fn in_parts<T: Sync, R: Send>(items: &[T], f: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get).min(8);
    in_parts_of(items, cores, PART_MIN, f)
}

/// The fewest items worth a thread of their own.
const PART_MIN: usize = 5_000;

/// `in_parts` with `parts` threads at most, each given `min` items at least.
fn in_parts_of<T: Sync, R: Send>(items: &[T], parts: usize, min: usize, f: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let size = items.len().div_ceil(parts.max(1)).max(min.max(1));
    if size >= items.len() {
        return vec![f(items)];
    }
    std::thread::scope(|scope| {
        let f = &f;
        let parts: Vec<_> = items.chunks(size).map(|part| scope.spawn(move || f(part))).collect();
        parts.into_iter().map(|part| part.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

/// The values that matched nothing, each once.
#[derive(Default)]
struct Unmatched {
    list: Vec<UnmatchedValue>,
    index: HashMap<(ValueField, String), usize>,
}

impl Unmatched {
    fn add(&mut self, column: &str, field: ValueField, value: &str, row: u64) {
        let at = *self.index.entry((field, values::key(value))).or_insert_with(|| {
            self.list.push(UnmatchedValue {
                column: column.to_owned(),
                field,
                value: value.trim().to_owned(),
                rows: 0,
                first_row: row,
            });
            self.list.len() - 1
        });
        self.list[at].rows += 1;
    }

    /// Adds the values of a later part of the file: a value already here counts its rows there
    /// too and keeps its first row; a new one comes after those here.
    fn merge(&mut self, later: Unmatched) {
        let mut keys: Vec<_> = later.index.into_iter().collect();
        keys.sort_by_key(|(_, at)| *at);
        let mut list: Vec<Option<UnmatchedValue>> = later.list.into_iter().map(Some).collect();
        for (key, at) in keys {
            let Some(value) = list[at].take() else { continue };
            match self.index.get(&key) {
                Some(&here) => self.list[here].rows += value.rows,
                None => {
                    self.index.insert(key, self.list.len());
                    self.list.push(value);
                }
            }
        }
    }
}

/// What the rows of one file are read with.
struct RowReader<'a> {
    header: &'a [String],
    columns: &'a [&'static str],
    values: &'a Values,
    choices: &'a Choices,
    /// The event's category keys, for the message about a category that matches none.
    category_keys: &'a str,
}

impl RowReader<'_> {
    /// The stored form of a value: `Some("")` for an empty cell, `None` when nothing matches.
    fn value(&self, field: ValueField, value: &str) -> Option<String> {
        if value.trim().is_empty() {
            return Some(String::new());
        }
        let key = (field, values::key(value));
        if let Some(chosen) = self.choices.chosen.get(&key) {
            return Some(chosen.clone());
        }
        self.values.find_key(field, key.1).map(str::to_owned)
    }

    fn read(
        &self,
        cells: &[String],
        row: u64,
        unmatched: &mut Unmatched,
        warnings: &mut Vec<RowWarning>,
    ) -> Result<(ParticipantInput, Vec<Answer>), RowProblem> {
        let mut person = ParticipantInput::default();
        let mut answers = Vec::new();
        let mut originals = Vec::new();
        let mut first_problem = None;
        for ((column, field), value) in self.header.iter().zip(self.columns).zip(cells) {
            let mut value = value.clone();
            if ONE_LINE.contains(field) {
                if let Some((tidied, changes)) = tidy(&value) {
                    warnings.push(RowWarning { row, column: column.clone(), message: changes.join("; ") });
                    originals.push(Answer { question: format!("{} (as in the file)", column.trim()), answer: value });
                    value = tidied;
                }
            }
            if ValueField::of_field(field).is_some() && value.chars().any(char::is_control) {
                // Matching folds them away: refused here as in any other field.
                let message = "must be one line without control characters".to_owned();
                first_problem.get_or_insert_with(|| problem(row, column, Reason::ControlCharacters, message));
                continue;
            }
            let field_value = ValueField::of_field(field).map(|f| (f, self.value(f, &value)));
            if let Some((f, None)) = field_value {
                if f != ValueField::Honorific {
                    unmatched.add(column, f, &value, row);
                    let (reason, message) = match f {
                        ValueField::Country => (
                            Reason::UnknownCountry,
                            format!("{value:?} is neither a country's name (English or Arabic) nor its ISO code (e.g. QA)"),
                        ),
                        ValueField::Category => (
                            Reason::InvalidValue,
                            format!("{value:?} is none of the event's categories ({})", self.category_keys),
                        ),
                        ValueField::Status => (
                            Reason::InvalidValue,
                            format!("{value:?} is not a status (interest_registered, confirmed, waitlisted, declined, checked_in)"),
                        ),
                        _ => (Reason::InvalidValue, format!("{value:?} is not yes or no")),
                    };
                    first_problem.get_or_insert_with(|| {
                        problem(row, column, reason, format!("{message}: choose what it stands for"))
                    });
                    continue;
                }
            }
            let stored = || field_value.clone().and_then(|(_, v)| v).unwrap_or_default();
            match *field {
                "honorific" => person.honorific = field_value.and_then(|(_, v)| v).unwrap_or(value),
                "name" => person.name.en = value,
                "name_ar" => person.name.ar = value,
                "email" => person.email = value,
                "phone" => person.phone = value,
                "organisation" => person.organisation.en = value,
                "organisation_ar" => person.organisation.ar = value,
                "country" => person.country = stored(),
                "category" => person.category = stored(),
                "status" if !value.trim().is_empty() => {
                    person.status = ParticipantStatus::parse("status", &stored())
                        .map_err(|e| problem(row, column, e.reason, e.message))?;
                }
                "consent" => person.consent = stored() == "yes",
                EXTRA if !value.trim().is_empty() => {
                    let question = if column.trim().is_empty() {
                        format!("column {}", answers.len() + 1)
                    } else {
                        column.trim().to_owned()
                    };
                    let answer = input::text(column, &value, input::MAX_TEXT)
                        .map_err(|e| problem(row, column, e.reason, e.message))?;
                    answers.push(Answer { question, answer });
                }
                _ => {}
            }
        }
        if let Some(problem) = first_problem {
            return Err(problem);
        }
        answers.extend(originals);
        // A single name column ("الاسم", "Name") holding Arabic text is the Arabic side of the name.
        for (en, ar) in
            [(&mut person.name.en, &mut person.name.ar), (&mut person.organisation.en, &mut person.organisation.ar)]
        {
            if ar.trim().is_empty() && is_arabic(en) {
                std::mem::swap(en, ar);
            }
        }
        Ok((person, answers))
    }
}

/// The one-line fields whose line breaks, tabs and runs of spaces become single spaces.
const ONE_LINE: [&str; 5] = ["honorific", "name", "name_ar", "organisation", "organisation_ar"];

/// A one-line cell with line breaks and tabs made spaces, spaces at its ends removed and runs
/// of them made one, and what was changed; `None` when it needs no change. Other control
/// characters are left for validation to refuse.
fn tidy(value: &str) -> Option<(String, Vec<&'static str>)> {
    let mut changes = Vec::new();
    if value.contains(['\n', '\r']) {
        changes.push("a line break became a space");
    }
    if value.contains('\t') {
        changes.push("a tab became a space");
    }
    let spaced = value.replace("\r\n", " ").replace(['\n', '\r', '\t'], " ");
    if spaced.trim().len() != spaced.len() {
        changes.push("spaces at the ends were removed");
    }
    let mut tidied = String::with_capacity(spaced.len());
    for word in spaced.split(' ').filter(|w| !w.is_empty()) {
        if !tidied.is_empty() {
            tidied.push(' ');
        }
        tidied.push_str(word);
    }
    if spaced.trim().contains("  ") {
        changes.push("several spaces in a row became one");
    }
    (tidied != value).then_some((tidied, changes))
}

/// Text written in Arabic script, with no Latin letter.
fn is_arabic(text: &str) -> bool {
    let arabic = |c: char| matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}');
    text.chars().any(arabic) && !text.chars().any(|c| c.is_alphabetic() && !arabic(c))
}

/// Rows that look like a registered participant, or like an earlier row.
fn find_duplicates(tx: &Tx<'_>, event_id: &Id, keys: &[Keys], rows: &[u64]) -> Result<Vec<ImportDuplicate>> {
    let mut by_email: HashMap<String, (Option<Id>, Option<u64>)> = HashMap::new();
    let mut by_name: HashMap<(String, String), (Option<Id>, Option<u64>)> = HashMap::new();
    for (id, keys) in tx.participants().duplicate_keys(event_id)? {
        if let Some(email) = keys.email {
            by_email.entry(email).or_insert((Some(id.clone()), None));
        }
        if !keys.name.is_empty() {
            by_name.entry((keys.name, keys.org)).or_insert((Some(id), None));
        }
    }
    let mut found = Vec::new();
    for (keys, &row) in keys.iter().zip(rows) {
        let mut hit: Option<(DuplicateReason, Option<Id>, Option<u64>)> = None;
        if let Some(email) = &keys.email {
            if let Some((existing, same_as_row)) = by_email.get(email) {
                hit = Some((DuplicateReason::Email, existing.clone(), *same_as_row));
            }
            by_email.entry(email.clone()).or_insert((None, Some(row)));
        }
        if !keys.name.is_empty() {
            let key = (keys.name.clone(), keys.org.clone());
            if hit.is_none() {
                if let Some((existing, same_as_row)) = by_name.get(&key) {
                    hit = Some((DuplicateReason::NameAndOrganisation, existing.clone(), *same_as_row));
                }
            }
            by_name.entry(key).or_insert((None, Some(row)));
        }
        if let Some((reason, existing, same_as_row)) = hit {
            found.push(ImportDuplicate { row, reason, existing, same_as_row });
        }
    }
    Ok(found)
}

/// The validation field an error is about, as the import's field: the two sides of the name
/// are two columns.
fn column_of(field: &str, person: &ParticipantInput) -> &'static str {
    let bad = |text: &str| input::line("name", text, input::MAX_NAME).is_err();
    match field {
        "name" if !bad(&person.name.en) && bad(&person.name.ar) => "name_ar",
        "organisation" if !bad(&person.organisation.en) && bad(&person.organisation.ar) => "organisation_ar",
        other => FIELDS.iter().copied().find(|f| *f == other).unwrap_or(""),
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
    use crate::store::Store;

    fn event(store: &mut Store) -> Id {
        let input = EventInput {
            title: Bilingual::new("Forum", ""),
            description: Bilingual::default(),
            venue: Bilingual::default(),
            city: Bilingual::default(),
            country: String::new(),
            timezone: "UTC".into(),
            start_date: "2025-05-20".into(),
            end_date: "2025-05-20".into(),
            organisers: vec![],
            signatories: Vec::new(),
            arabic_digits: Default::default(),
            status: EventStatus::Open,
        };
        store.write(|tx| event::create(tx, &input, Utc::now())).unwrap().id
    }

    /// Imports `csv` into a fresh event and compares the outcome: the names imported, or the
    /// (row, column, reason) of every problem, in which case nothing may have been written.
    fn check(csv: &str, expected: std::result::Result<&[&str], &[(u64, &str, Reason)]>) {
        let mut store = crate::store::testing::store();
        let id = event(&mut store);
        let outcome = store.write(|tx| import_csv(tx, &id, csv.as_bytes(), Utc::now())).unwrap();
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
        check("Full Name;E-mail;Country\r\nAmina;a@example.org;Qatar\r\nBob;;قطر\r\n", Ok(&["Amina", "Bob"]));
        check("الاسم\tالبريد الإلكتروني\tالدولة\nأمينة\ta@example.org\tQA\n", Ok(&[""]));
        check("name,,\nAmina,,\n\n,,\nBob,,\n", Ok(&["Amina", "Bob"]));
    }

    /// An import writes with SQLite's larger page cache, and the everyday one is back once its
    /// transaction ends, committed or not: the app does not keep 32 MiB of pages all day.
    #[test]
    fn an_import_raises_the_page_cache_for_its_own_transaction_only() {
        use crate::store::db::{BULK_CACHE_KIB, CACHE_KIB};
        let mut store = Store::open_in_memory().unwrap();
        let event = event(&mut store);
        let cache = |store: &Store| store.read(|tx| Ok(tx.page_cache_kib())).unwrap();
        assert_eq!(cache(&store), Some(CACHE_KIB));
        let during = store
            .write(|tx| {
                import_csv(tx, &event, b"name\nAmina\n", Utc::now())?;
                Ok(tx.page_cache_kib())
            })
            .unwrap();
        assert_eq!(during, Some(BULK_CACHE_KIB));
        assert_eq!(cache(&store), Some(CACHE_KIB));
        let refused = store.write(|tx| {
            import_csv(tx, &event, b"name\nBob\n", Utc::now())?;
            Err::<(), _>(Error::internal("the caller gives up after the import"))
        });
        assert!(refused.is_err());
        assert_eq!(cache(&store), Some(CACHE_KIB));
    }

    /// A file large enough to be read in parts reports as one read in a single pass: its
    /// problems and warnings in row order, each unknown value once with all its rows and its
    /// first row, and nothing written.
    #[test]
    fn a_file_read_in_parts_reports_as_one() {
        let mut csv = String::from("name,organisation,category\n");
        for i in 0..(3 * PART_MIN) {
            let row = i + 2;
            let line = match row {
                5 | 13_000 => format!("Person {i},Org,Regional Body\n"),
                7_000 => format!("Person {i},\"Two\nlines\",\n"),
                8_000 | 2_500 => format!("Person {i},Org,,extra\n"),
                14_000 => format!("Person {i},Org,Local Body\n"),
                _ => format!("Person {i},Org,\n"),
            };
            csv.push_str(&line);
        }
        let mut store = crate::store::testing::store();
        let id = event(&mut store);
        let report = store.write(|tx| import(tx, &id, csv.as_bytes(), &ImportOptions::default(), Utc::now())).unwrap();
        assert!(!report.written);
        assert_eq!(report.rows, 3 * PART_MIN);
        let problems: Vec<u64> = report.problems.iter().map(|p| p.row).collect();
        assert_eq!(problems, [5, 2_500, 8_000, 13_000, 14_000]);
        let unmatched: Vec<(&str, usize, u64)> =
            report.unmatched.iter().map(|u| (u.value.as_str(), u.rows, u.first_row)).collect();
        assert_eq!(unmatched, [("Regional Body", 2, 5), ("Local Body", 1, 14_000)]);
        let warnings: Vec<u64> = report.warnings.iter().map(|w| w.row).collect();
        assert_eq!(warnings, [7_000]);
        assert!(store.participants().list(&id).unwrap().is_empty());
    }

    /// However the items are cut, the parts come back in their order, and the unknown values of
    /// later parts merge into the first's.
    #[test]
    fn parts_come_back_in_order_and_unknown_values_merge() {
        let items: Vec<u32> = (0..103).collect();
        for parts in [1, 2, 3, 7] {
            let joined: Vec<u32> = in_parts_of(&items, parts, 10, |part| part.to_vec()).concat();
            assert_eq!(joined, items, "{parts} parts");
        }
        let mut first = Unmatched::default();
        first.add("Category", ValueField::Category, "Regional Body", 5);
        let mut later = Unmatched::default();
        later.add("Category", ValueField::Category, "Local Body", 14_000);
        later.add("Category", ValueField::Category, " regional body", 13_000);
        first.merge(later);
        let merged: Vec<(&str, usize, u64)> =
            first.list.iter().map(|u| (u.value.as_str(), u.rows, u.first_row)).collect();
        assert_eq!(merged, [("Regional Body", 2, 5), ("Local Body", 1, 14_000)]);
    }

    #[test]
    fn every_bad_row_is_reported_and_nothing_written() {
        check(
            "name,email,country,status,category\n\
             Good,a@example.org,QA,,\n\
             ,b@example.org,QA,,\n\
             Bad mail,not-an-address,QA,,\n\
             Bad country,,Atlantis,,\n\
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
        check("Name,Arabic name\nAmina,\"a\u{7}b\"\n", Err(&[(2, "Arabic name", Reason::ControlCharacters)]));
        check("name,email\nAmina\n", Err(&[(2, "", Reason::InvalidValue)]));
        check("name,email\nAmina,a@example.org,extra\n", Err(&[(2, "", Reason::InvalidValue)]));
    }

    #[test]
    fn bad_headers() {
        check("nom,email\nAmina,a@example.org\n", Err(&[(1, "name", Reason::Required)]));
        check("email\na@example.org\n", Err(&[(1, "name", Reason::Required)]));
        check("name,Full name\nA,B\n", Err(&[(1, "Full name", Reason::Duplicate)]));
        check("name\n", Err(&[(2, "", Reason::Required)]));
        check("", Err(&[(1, "name", Reason::Required)]));
    }

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter("a,b,c\n1;2"), b',');
        assert_eq!(detect_delimiter("a;b;\"c,d,e\"\n"), b';');
        assert_eq!(detect_delimiter("a\tb\n"), b'\t');
        assert_eq!(detect_delimiter("name\n"), b',');
    }

    #[test]
    fn headers_in_english_and_arabic() {
        for (header, field) in [
            ("Full name", Some("name")),
            (" NAME ", Some("name")),
            ("E-mail", Some("email")),
            ("Email address", Some("email")),
            ("البريد الالكتروني", Some("email")),
            ("Organization", Some("organisation")),
            ("الجهة", Some("organisation")),
            ("الدولة", Some("country")),
            ("الفئة", Some("category")),
            ("Phone", Some("phone")),
            ("Dietary needs", None),
            ("", None),
        ] {
            assert_eq!(field_of_header(header), field, "{header:?}");
        }
    }

    #[test]
    fn values_as_forms_write_them() {
        check(
            "Name,Category,Status,Country,Consent,Honorific\n\
             A,International Organization,Accepted,UK,✓,his excellency\n\
             B,Intl. Organisation,confirmed,الإمارات,نعم,\n\
             C,NGO,Wait list,United Kingdom of Great Britain and Northern Ireland,No,Dr.\n\
             D,منظمة دولية,,USA,,\n",
            Ok(&["A", "B", "C", "D"]),
        );
    }

    #[test]
    fn tidy_cells() {
        for (input, expected) in [
            ("UN\nVienna", Some(("UN Vienna", vec!["a line break became a space"]))),
            ("UN\r\nVienna", Some(("UN Vienna", vec!["a line break became a space"]))),
            ("A\tB", Some(("A B", vec!["a tab became a space"]))),
            (" Amina ", Some(("Amina", vec!["spaces at the ends were removed"]))),
            ("Amina  Yusuf", Some(("Amina Yusuf", vec!["several spaces in a row became one"]))),
            ("Amina Yusuf", None),
            ("a\u{7}b", None),
        ] {
            let got = tidy(input);
            assert_eq!(got.as_ref().map(|(t, c)| (t.as_str(), c.clone())), expected, "{input:?}");
        }
    }

    #[test]
    fn value_choices_are_parsed() {
        let c = ValueChoice::parse("Category: International Organization = international_organisation").unwrap();
        assert_eq!(
            (c.column.as_str(), c.value.as_str(), c.target.as_str()),
            ("Category", "International Organization", "international_organisation")
        );
        assert_eq!(c.to_string(), "Category:International Organization=international_organisation");
        assert_eq!(ValueChoice::parse("Country:Côte d'Ivoire=CI").unwrap().value, "Côte d'Ivoire");
        for bad in ["Category", "Category:VIP", "Category:=x", ":VIP=x", "Category:VIP="] {
            assert_eq!(ValueChoice::parse(bad).unwrap_err().field.as_deref(), Some("map-value"), "{bad:?}");
        }
    }

    #[test]
    fn unreadable_files_say_why() {
        let mut store = crate::store::testing::store();
        let id = event(&mut store);
        for (bytes, says) in [
            (&b"name,organisation\nJos\xe9,UN\n"[..], "Windows-1252"),
            (&b"\xFF\xFEn\0a\0"[..], "UTF-16"),
            (&b"\xD0\xCF\x11\xE0rest"[..], "workbook"),
            (&b"PK\x03\x04broken"[..], "workbook"),
        ] {
            let e = store.write(|tx| import(tx, &id, bytes, &ImportOptions::default(), Utc::now())).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("file"));
            assert!(e.message.contains(says), "{}", e.message);
        }
    }
}
