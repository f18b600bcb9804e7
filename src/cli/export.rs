//! Exports from the command line: build through the core, write the file whole or not at all.

use std::path::Path;

use muntada::documents::{ExportKind, ListFilter};
use muntada::Error;

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
    let exported = muntada::documents::export(store, kind, event, lang, filter)?;
    save(&exported, path, out)
}

/// Writes an export to `path` (whole or not at all), warning of characters drawn as boxes.
pub fn save(exported: &muntada::documents::Exported, path: &Path, out: &Out) -> Result<(), Error> {
    if exported.missing_glyphs > 0 {
        eprintln!(
            "warning: {} character(s) have no glyph in the bundled fonts and are drawn as boxes",
            exported.missing_glyphs
        );
    }
    if exported.squeezed_tables > 0 {
        eprintln!(
            "warning: {} table(s) are too wide for the page even in 7 pt type: a column wraps inside its words",
            exported.squeezed_tables
        );
    }
    muntada::documents::write_file(path, &exported.bytes).map_err(|e| e.with_field("out"))?;
    out.exported(path, exported.bytes.len())
}
