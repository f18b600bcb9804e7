//! Muntada core: the domain of a bilingual forum, its SQLite store, the PDF engine and the
//! pieces the `muntada` CLI and the desktop shell share. Nothing here knows about Tauri.

pub mod pdf;
