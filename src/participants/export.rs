//! An event's participants as a spreadsheet (CSV or XLSX), and everything held about one
//! person as JSON (their right of access).
//!
//! The columns are the import's field names, so that a file exported here imports again as
//! the same people. In CSV every cell a spreadsheet could run as a formula is neutralised
//! (`spreadsheet::neutralise`); in XLSX every cell is written as a text cell, which no
//! spreadsheet evaluates, so it is kept exactly as typed.

use serde::Serialize;

use super::{Answer, Participant};
use crate::audit::{AuditAction, AuditEntity};
use crate::country;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::{spreadsheet, Lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Csv,
    Xlsx,
}

/// The participants of an event as a file's bytes.
pub fn export_table(store: &Store, event_id: &str, format: TableFormat) -> Result<Vec<u8>> {
    let event_id = store.events().resolve("event", event_id)?;
    let people = store.participants().list(&event_id)?;
    let mut questions: Vec<String> = Vec::new();
    let mut answers = Vec::with_capacity(people.len());
    for p in &people {
        let mine = store.participants().answers(&p.id)?;
        for a in &mine {
            if !questions.contains(&a.question) {
                questions.push(a.question.clone());
            }
        }
        answers.push(mine);
    }
    let mut header: Vec<String> = COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    header.extend(questions.iter().cloned());
    let rows: Vec<Vec<String>> = people.iter().zip(&answers).map(|(p, a)| row(p, a, &questions)).collect();
    match format {
        TableFormat::Csv => {
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            spreadsheet::csv(&header, &rows)
        }
        TableFormat::Xlsx => xlsx(&header, &rows),
    }
}

const COLUMNS: [&str; 13] = [
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
    "honorific",
    "badge_code",
    "registered_at",
];

fn row(p: &Participant, answers: &[Answer], questions: &[String]) -> Vec<String> {
    let mut row = vec![
        p.name.en.clone(),
        p.name.ar.clone(),
        p.email.clone().unwrap_or_default(),
        p.phone.clone().unwrap_or_default(),
        p.organisation.en.clone(),
        p.organisation.ar.clone(),
        p.country.clone().unwrap_or_default(),
        p.category.clone(),
        p.status.as_str().to_owned(),
        if p.consent { "yes" } else { "no" }.to_owned(),
        p.honorific.clone(),
        p.badge_code.clone(),
        crate::time::to_db(p.registered_at),
    ];
    row.extend(
        questions
            .iter()
            .map(|q| answers.iter().find(|a| &a.question == q).map(|a| a.answer.clone()).unwrap_or_default()),
    );
    row
}

fn xlsx(header: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>> {
    let fail = |e: rust_xlsxwriter::XlsxError| Error::internal(format!("cannot write the workbook: {e}"));
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Participants").map_err(fail)?;
    for (col, title) in header.iter().enumerate() {
        sheet.write_string(0, col as u16, title).map_err(fail)?;
    }
    for (r, cells) in rows.iter().enumerate() {
        for (col, cell) in cells.iter().enumerate() {
            if !cell.is_empty() {
                // A text cell: "=1+1" stays the characters =1+1, never a formula.
                sheet.write_string(r as u32 + 1, col as u16, cell).map_err(fail)?;
            }
        }
    }
    workbook.save_to_buffer().map_err(fail)
}

/// Everything held about one person: the record, the extra answers of their import, and the
/// history of changes to it with what each recorded.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonData {
    pub participant: Participant,
    pub country_name: Option<String>,
    pub answers: Vec<Answer>,
    pub history: Vec<HistoryEntry>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    pub at: String,
    pub actor: String,
    pub action: AuditAction,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

pub fn person_data(store: &Store, id: &str) -> Result<PersonData> {
    let id = store.participants().resolve("id", id)?;
    let participant = store.participants().get(&id)?;
    let history = store
        .audit()
        .contents_for(AuditEntity::Participant, &id)?
        .into_iter()
        .map(|(entry, before, after)| {
            let json = |text: Option<String>| text.and_then(|t| serde_json::from_str(&t).ok());
            HistoryEntry {
                at: crate::time::to_db(entry.at),
                actor: entry.actor,
                action: entry.action,
                before: json(before),
                after: json(after),
            }
        })
        .collect();
    Ok(PersonData {
        country_name: participant.country.as_deref().map(|c| country::name(c, Lang::En)),
        answers: store.participants().answers(&id)?,
        participant,
        history,
    })
}

/// The JSON file of `person_data`.
pub fn person_data_json(store: &Store, id: &str) -> Result<Vec<u8>> {
    let data = person_data(store, id)?;
    serde_json::to_vec_pretty(&data).map_err(|e| Error::internal(format!("cannot write JSON: {e}")))
}
