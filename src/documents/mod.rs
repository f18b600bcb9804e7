//! The documents Muntada exports, each built as a `pdf::Document` from the domain and
//! rendered by the PDF engine: the participant list, the event summary, the pledges table.
//! Building is pure and gives an [`Export`]; saving it renders a PDF straight into its file.

mod badges;
pub mod certificates;
mod event_summary;
pub mod outcome;
mod participant_list;
mod pledges;
mod programme;

pub use badges::{badges, export_badges, BadgeData, BadgeLayout};
pub use event_summary::event_summary;
pub use participant_list::{participant_list, ListFilter, ListRows};
pub use pledges::{pledges, STAGE_COLOURS};
pub use programme::{door_sheets, programme};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bilingual::{ArabicDigits, Bilingual, Lang};
use crate::error::{Error, Reason, Result};
use crate::event::{self, Event};
use crate::pdf;
use crate::store::Store;
use crate::{participants, pledges as pledge_ledger};

/// What can be exported from an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    ParticipantList,
    EventSummary,
    PledgesPdf,
    PledgesCsv,
}

/// An exported file, ready to be written.
#[derive(Debug, Clone)]
pub struct Exported {
    /// A file name to suggest, e.g. "participants-ar.pdf".
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// Characters no shipped font covers, drawn as boxes (PDF only).
    pub missing_glyphs: usize,
    /// Tables too wide for the page even in their smallest type, whose widest column of
    /// words wraps inside its words (PDF only).
    pub squeezed_tables: usize,
}

/// An export made but not yet written: a PDF as its document, laid out and written only when
/// saved (page by page, straight to the file: a list of 100,000 people is never whole in
/// memory), or the finished bytes of any other format.
#[derive(Debug, Clone)]
pub struct Export {
    /// A file name to suggest, e.g. "participants-ar.pdf".
    pub file_name: String,
    content: Content,
}

#[derive(Debug, Clone)]
enum Content {
    Pdf(Box<pdf::Document>),
    Bytes(Vec<u8>),
}

/// What saving an [`Export`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    pub bytes: u64,
    /// As [`Exported::missing_glyphs`].
    pub missing_glyphs: usize,
    /// As [`Exported::squeezed_tables`].
    pub squeezed_tables: usize,
}

impl Export {
    fn pdf(file_name: String, doc: pdf::Document) -> Export {
        Export { file_name, content: Content::Pdf(Box::new(doc)) }
    }

    /// Renders the whole file in memory.
    pub fn render(self) -> Result<Exported> {
        match self.content {
            Content::Pdf(doc) => {
                let rendered = render(&doc)?;
                Ok(Exported {
                    file_name: self.file_name,
                    bytes: rendered.bytes,
                    missing_glyphs: rendered.warnings.missing_glyphs,
                    squeezed_tables: rendered.warnings.squeezed_tables,
                })
            }
            Content::Bytes(bytes) => {
                Ok(Exported { file_name: self.file_name, bytes, missing_glyphs: 0, squeezed_tables: 0 })
            }
        }
    }

    /// Writes the file to `path`, whole or not at all (see [`write_file`]); a PDF goes to the
    /// file as its pages are laid out.
    pub fn save(self, path: &std::path::Path) -> Result<Saved> {
        match self.content {
            Content::Pdf(doc) => {
                let written = write_with(path, |out| {
                    pdf::render_into(&doc, out).map_err(|e| match e {
                        pdf::PdfError::Write(m) => Error::storage(format!("cannot write {}: {m}", path.display())),
                        e => Error::internal(format!("cannot render the PDF: {e}")),
                    })
                })?;
                let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
                Ok(Saved {
                    bytes,
                    missing_glyphs: written.warnings.missing_glyphs,
                    squeezed_tables: written.warnings.squeezed_tables,
                })
            }
            Content::Bytes(bytes) => {
                write_file(path, &bytes)?;
                Ok(Saved { bytes: bytes.len() as u64, missing_glyphs: 0, squeezed_tables: 0 })
            }
        }
    }
}

impl From<Exported> for Export {
    fn from(e: Exported) -> Export {
        Export { file_name: e.file_name, content: Content::Bytes(e.bytes) }
    }
}

/// Builds one export of an event, rendered when it is saved: the one path the CLI and the
/// app share.
pub fn export(store: &Store, kind: ExportKind, event_id: &str, lang: Lang, filter: &ListFilter) -> Result<Export> {
    let event = event::get(store, event_id).map_err(|e| e.with_field("event"))?;
    let suffix = match lang {
        Lang::En => "en",
        Lang::Ar => "ar",
    };
    let (name, doc) = match kind {
        ExportKind::ParticipantList => {
            let categories = participants::categories(store, event.id.as_str())?;
            if let Some(c) = filter.category.as_deref().filter(|c| !categories.iter().any(|k| k.key == *c)) {
                return Err(Error::invalid("category", Reason::InvalidValue, format!("no category {c:?}")));
            }
            // One person at a time from the store: only the rows the list shows are kept.
            let mut list = ListRows::new(&categories, filter, lang);
            store.participants().each(&event.id, |p| {
                list.add(&p);
                Ok(())
            })?;
            ("participants", list.document(&event))
        }
        ExportKind::EventSummary => ("event-summary", event_summary(&event::overview(store, event.id.as_str())?, lang)),
        ExportKind::PledgesPdf => ("pledges", pledges(&event, &pledge_ledger::list(store, event.id.as_str())?, lang)),
        ExportKind::PledgesCsv => {
            let bytes = pledge_ledger::export::csv(&pledge_ledger::list(store, event.id.as_str())?, lang)?;
            return Ok(Export { file_name: format!("pledges-{suffix}.csv"), content: Content::Bytes(bytes) });
        }
    };
    Ok(Export::pdf(format!("{name}-{suffix}.pdf"), doc))
}

/// Which programme document to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeDocument {
    /// Day by day, every room.
    Timetable,
    /// One sheet per room, for its door.
    DoorSheets,
}

/// The programme PDF of the draft or of the release called `release`.
pub fn export_programme(
    store: &Store,
    event_id: &str,
    release: &str,
    which: ProgrammeDocument,
    lang: Lang,
) -> Result<Export> {
    let event = event::get(store, event_id).map_err(|e| e.with_field("event"))?;
    let snapshot = crate::programme::release::snapshot(store, &event.id, "release", release)?;
    let (name, doc) = match which {
        ProgrammeDocument::Timetable => ("programme", programme(&event, &snapshot, release, lang)),
        ProgrammeDocument::DoorSheets => ("door-sheets", door_sheets(&event, &snapshot, release, lang)),
    };
    let suffix = match lang {
        Lang::En => "en",
        Lang::Ar => "ar",
    };
    Ok(Export::pdf(format!("{name}-{suffix}.pdf"), doc))
}

/// The programme (draft or `release`) as an iCalendar file: every session, or those `speaker`
/// has a role in (the file then carries their name, so two speakers' files do not collide).
pub fn export_ical(
    store: &Store,
    event_id: &str,
    release: &str,
    speaker: Option<&str>,
    stamp: chrono::DateTime<chrono::Utc>,
) -> Result<Exported> {
    let text = crate::programme::export_ical(store, event_id, release, speaker, stamp)?;
    let file_name = match speaker {
        None => "programme.ics".to_owned(),
        Some(id) => {
            let speaker = store.speakers().get(&store.speakers().resolve("speaker", id)?)?;
            format!("programme-{}.ics", file_stem(&speaker.name.en, "speaker"))
        }
    };
    Ok(Exported { file_name, bytes: text.into_bytes(), missing_glyphs: 0, squeezed_tables: 0 })
}

/// The programme (draft or `release`) in the frab/pretalx schedule JSON format.
pub fn export_schedule_json(store: &Store, event_id: &str, release: &str) -> Result<Exported> {
    let text = crate::programme::export_schedule_json(store, event_id, release)?;
    Ok(Exported {
        file_name: "schedule.json".to_owned(),
        bytes: text.into_bytes(),
        missing_glyphs: 0,
        squeezed_tables: 0,
    })
}

/// The programme (draft or `release`) as frab schedule XML.
pub fn export_schedule_xml(store: &Store, event_id: &str, release: &str) -> Result<Exported> {
    let text = crate::programme::export_schedule_xml(store, event_id, release)?;
    Ok(Exported {
        file_name: "schedule.xml".to_owned(),
        bytes: text.into_bytes(),
        missing_glyphs: 0,
        squeezed_tables: 0,
    })
}

/// A file-name part from a (Latin) name: lower-case letters and digits joined by hyphens;
/// `fallback` when nothing is left (a name in Arabic script only).
fn file_stem(name: &str, fallback: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        fallback.to_owned()
    } else {
        words.join("-")
    }
}

impl From<Lang> for pdf::Language {
    fn from(lang: Lang) -> pdf::Language {
        match lang {
            Lang::En => pdf::Language::En,
            Lang::Ar => pdf::Language::Ar,
        }
    }
}

/// Picks the English or Arabic wording of a fixed label.
fn label(lang: Lang, en: &str, ar: &str) -> String {
    Bilingual::new(en, ar).get(lang).to_owned()
}

/// Where `event` is held, for a document in `lang`: its venue (with `venue`), city and
/// country, each name in `lang` or marked as in the other language.
fn place(event: &Event, lang: Lang, venue: bool) -> String {
    let venue = if venue { event.venue.marked(lang) } else { String::new() };
    let country = event.country.as_deref().map(|c| crate::country::name(c, lang)).unwrap_or_default();
    [venue, event.city.marked(lang), country]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(label(lang, ", ", "، ").as_str())
}

/// The organisers' names for a document in `lang`, each in `lang` or marked, joined by `separator`.
fn organisers(event: &Event, lang: Lang, separator: &str) -> String {
    event.organisers.iter().map(|o| o.marked(lang)).collect::<Vec<_>>().join(separator)
}

/// A document for `event` with its title in the running header, its Arabic written in the
/// event's digits.
fn document(event: &Event, lang: Lang, title: String) -> pdf::Document {
    let mut doc = pdf::Document::new(lang.into(), title);
    doc.meta.author = organisers(event, lang, ", ");
    doc.meta.language = Some(match lang {
        Lang::En => "en".to_owned(),
        Lang::Ar => "ar".to_owned(),
    });
    doc.header = Some(event.title.marked(lang));
    doc.arabic_digits = digits(event);
    doc
}

/// The event's rule for digits in Arabic, as the PDF engine takes it.
fn digits(event: &Event) -> pdf::Digits {
    match event.arabic_digits {
        ArabicDigits::ArabicIndic => pdf::Digits::ArabicIndic,
        ArabicDigits::Latin => pdf::Digits::Latin,
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`, so that a
/// failure (disk full, interrupted) never leaves a half-written document.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    write_with(path, |out| {
        out.write_all(bytes).map_err(|e| Error::storage(format!("cannot write {}: {e}", path.display())))
    })
}

/// Hands `write` a buffered temporary file beside `path`, then renames it over `path` once it
/// is written and synced; on any failure the temporary file is removed and `path` untouched.
fn write_with<T>(
    path: &std::path::Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<T>,
) -> Result<T> {
    let fail = |e: std::io::Error| Error::storage(format!("cannot write {}: {e}", path.display()));
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| fail(std::io::ErrorKind::InvalidInput.into()))?;
    let temporary = dir.join(format!(".{}.partial", name.to_string_lossy()));
    let written = std::fs::File::create(&temporary).map_err(fail).and_then(|file| {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        let value = write(&mut out)?;
        let file = out.into_inner().map_err(|e| fail(e.into_error()))?;
        file.sync_all().map_err(fail)?;
        std::fs::rename(&temporary, path).map_err(fail)?;
        Ok(value)
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

/// Renders a document; the warnings (characters no font covers) go with the bytes.
pub fn render(doc: &pdf::Document) -> Result<pdf::Rendered> {
    pdf::render(doc).map_err(|e| Error::internal(format!("cannot render the PDF: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_save_leaves_neither_the_file_nor_a_part_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("list.pdf");
        let err = write_with(&path, |out| {
            use std::io::Write;
            out.write_all(&[b'%'; 100_000]).unwrap();
            Err::<(), _>(Error::internal("the render failed half way"))
        })
        .unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Internal);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no file, no .partial");

        let doc = pdf::Document::new(pdf::Language::En, "A list");
        let saved = Export::pdf("list.pdf".into(), doc).save(&path).unwrap();
        assert_eq!(saved.bytes, std::fs::metadata(&path).unwrap().len());
        assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF-1.7"));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "the temporary file was renamed");
        let nowhere = dir.path().join("missing").join("list.pdf");
        let doc = pdf::Document::new(pdf::Language::En, "A list");
        assert_eq!(Export::pdf("list.pdf".into(), doc).save(&nowhere).unwrap_err().kind(), crate::ErrorKind::Storage);
    }

    #[test]
    fn file_stems() {
        for (name, expected) in [
            ("Dr Omar Haddad", "dr-omar-haddad"),
            ("H.E.  Amina Al-Yusuf", "h-e-amina-al-yusuf"),
            ("أمينة يوسف", "speaker"),
            ("", "speaker"),
        ] {
            assert_eq!(file_stem(name, "speaker"), expected, "{name:?}");
        }
    }

    #[test]
    fn ical_and_schedule_files_of_the_demo() {
        let mut store = crate::store::testing::store();
        let now = chrono::DateTime::parse_from_rfc3339("2025-01-10T09:00:00Z").unwrap().to_utc();
        let event = crate::demo::load(&mut store, now).unwrap();
        let id = event.id.as_str();
        let all = export_ical(&store, id, "draft", None, now).unwrap();
        assert_eq!(all.file_name, "programme.ics");
        let text = String::from_utf8(all.bytes).unwrap();
        let sessions = crate::programme::sessions(&store, id).unwrap();
        assert_eq!(text.matches("BEGIN:VEVENT").count(), sessions.len());

        let speaker = crate::programme::speakers(&store, id).unwrap().remove(0);
        let own = export_ical(&store, id, "draft", Some(speaker.id.as_str()), now).unwrap();
        assert_eq!(own.file_name, format!("programme-{}.ics", file_stem(&speaker.name.en, "speaker")));
        let err = export_ical(&store, id, "draft", Some("ffffffff"), now).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("speaker"));

        let schedule = export_schedule_json(&store, id, "draft").unwrap();
        assert_eq!(schedule.file_name, "schedule.json");
        let json: serde_json::Value = serde_json::from_slice(&schedule.bytes).unwrap();
        assert_eq!(json["schedule"]["version"], "draft");
        let err = export_schedule_json(&store, id, "v9").unwrap_err();
        assert_eq!(err.field.as_deref(), Some("release"));

        let xml = export_schedule_xml(&store, id, "draft").unwrap();
        assert_eq!(xml.file_name, "schedule.xml");
        let text = String::from_utf8(xml.bytes).unwrap();
        assert_eq!(text.matches("<event id=").count(), sessions.len());
        assert!(text.contains("الجلسة الافتتاحية"), "the Arabic title is kept as text");
        let err = export_schedule_xml(&store, id, "v9").unwrap_err();
        assert_eq!(err.field.as_deref(), Some("release"));
    }
}
