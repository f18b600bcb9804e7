//! Exports from the command line: build through the core, write the file whole or not at all.

use std::path::Path;

use muntada::documents::{Export, ExportKind, ListFilter};
use muntada::{Error, ErrorKind};

use super::Out;

/// Builds one export, writes it to `path`, and says so.
pub fn run(
    store: &muntada::Store,
    kind: ExportKind,
    event: &str,
    lang: &str,
    filter: &ListFilter,
    path: &Path,
    out: &Out,
) -> Result<(), Error> {
    let lang = muntada::Lang::parse(lang.trim())
        .ok_or_else(|| Error::invalid("lang", muntada::Reason::InvalidValue, format!("{lang:?} is not en or ar")))?;
    save(muntada::documents::export(store, kind, event, lang, filter)?, path, out)
}

/// Writes an export to `path` (whole or not at all; a PDF page by page as it is laid out),
/// warning of characters drawn as boxes.
pub fn save(export: impl Into<Export>, path: &Path, out: &Out) -> Result<(), Error> {
    let saved = export.into().save(path).map_err(|e| match e.kind() {
        ErrorKind::Storage => e.with_field("out"),
        _ => e,
    })?;
    if saved.missing_glyphs > 0 {
        eprintln!(
            "warning: {} character(s) have no glyph in the bundled fonts and are drawn as boxes",
            saved.missing_glyphs
        );
    }
    if saved.squeezed_tables > 0 {
        eprintln!(
            "warning: {} table(s) are too wide for the page even in 7 pt type: a column wraps inside its words",
            saved.squeezed_tables
        );
    }
    out.exported(path, saved.bytes as usize)
}
