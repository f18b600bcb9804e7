//! The documents Muntada exports, each built as a `pdf::Document` from the domain and
//! rendered by the PDF engine: the participant list, the event summary, the pledges table.
//! Building is pure; the caller renders and writes the file.

mod badges;
pub mod certificates;
mod event_summary;
pub mod outcome;
mod participant_list;
mod pledges;
mod programme;

pub use badges::{badges, export_badges, BadgeData, BadgeLayout};
pub use event_summary::event_summary;
pub use participant_list::{participant_list, ListFilter};
pub use pledges::{pledges, STAGE_COLOURS};
pub use programme::{door_sheets, programme};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bilingual::{Bilingual, Lang};
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
}

/// Builds and renders one export of an event: the one path the CLI and the app share.
pub fn export(store: &Store, kind: ExportKind, event_id: &str, lang: Lang, filter: &ListFilter) -> Result<Exported> {
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
            let people = participants::list(store, event.id.as_str())?;
            ("participants", participant_list(&event, &people, &categories, filter, lang))
        }
        ExportKind::EventSummary => ("event-summary", event_summary(&event::overview(store, event.id.as_str())?, lang)),
        ExportKind::PledgesPdf => ("pledges", pledges(&event, &pledge_ledger::list(store, event.id.as_str())?, lang)),
        ExportKind::PledgesCsv => {
            let bytes = pledge_ledger::export::csv(&pledge_ledger::list(store, event.id.as_str())?, lang)?;
            return Ok(Exported { file_name: format!("pledges-{suffix}.csv"), bytes, missing_glyphs: 0 });
        }
    };
    let rendered = render(&doc)?;
    Ok(Exported {
        file_name: format!("{name}-{suffix}.pdf"),
        bytes: rendered.bytes,
        missing_glyphs: rendered.warnings.missing_glyphs,
    })
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
) -> Result<Exported> {
    let event = event::get(store, event_id).map_err(|e| e.with_field("event"))?;
    let snapshot = crate::programme::release::snapshot(store, &event.id, "release", release)?;
    let (name, doc) = match which {
        ProgrammeDocument::Timetable => ("programme", programme(&event, &snapshot, release, lang)),
        ProgrammeDocument::DoorSheets => ("door-sheets", door_sheets(&event, &snapshot, release, lang)),
    };
    let rendered = render(&doc)?;
    let suffix = match lang {
        Lang::En => "en",
        Lang::Ar => "ar",
    };
    Ok(Exported {
        file_name: format!("{name}-{suffix}.pdf"),
        bytes: rendered.bytes,
        missing_glyphs: rendered.warnings.missing_glyphs,
    })
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

/// A document for `event` with its title in the running header.
fn document(event: &Event, lang: Lang, title: String) -> pdf::Document {
    let mut doc = pdf::Document::new(lang.into(), title);
    doc.meta.author = event.organisers.join(", ");
    doc.meta.language = Some(match lang {
        Lang::En => "en".to_owned(),
        Lang::Ar => "ar".to_owned(),
    });
    doc.header = Some(event.title.get(lang).to_owned());
    doc
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`, so that a
/// failure (disk full, interrupted) never leaves a half-written document.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let fail = |e: std::io::Error| Error::storage(format!("cannot write {}: {e}", path.display()));
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| fail(std::io::ErrorKind::InvalidInput.into()))?;
    let temporary = dir.join(format!(".{}.partial", name.to_string_lossy()));
    let written = std::fs::File::create(&temporary).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&temporary, path)) {
        let _ = std::fs::remove_file(&temporary);
        return Err(fail(e));
    }
    Ok(())
}

/// Renders a document; the warnings (characters no font covers) go with the bytes.
pub fn render(doc: &pdf::Document) -> Result<pdf::Rendered> {
    pdf::render(doc).map_err(|e| Error::internal(format!("cannot render the PDF: {e}")))
}
