//! Muntada core: the domain of a bilingual forum, its SQLite store, the PDF engine and the
//! pieces the `muntada` CLI and the desktop shell share. Nothing here knows about Tauri.
//!
//! API boundary: the area modules (`event`, `programme`, `participants`, `pledges`, `demo`) and
//! their plain-data types. Callers pass the clock (`now`) in; ids come from `Id::new`.

pub mod audit;
pub mod backup;
pub mod bilingual;
pub mod country;
pub mod demo;
pub mod documents;
pub mod error;
pub mod event;
pub mod id;
pub mod input;
pub mod money;
pub mod outcome;
pub mod participants;
pub mod pdf;
pub mod pledges;
pub mod programme;
pub mod reference;
pub mod spreadsheet;
pub mod store;
pub mod time;
pub mod word;

pub use bilingual::{Bilingual, Lang};
pub use error::{Error, ErrorKind, Reason, Result};
pub use id::Id;
pub use store::Store;
