//! Muntada core: the domain of a bilingual forum, its SQLite store, the PDF engine and the
//! pieces the `muntada` CLI and the desktop shell share. Nothing here knows about Tauri.
//!
//! Layers, each using only those before it (checked by `tests/it/layers.rs` in `make test`):
//! 1. the base: `id`, `money`, `time`, `input`, `error`, `word`, `bilingual`, `country`,
//!    `reference`, `spreadsheet`; the PDF engine (`pdf`) sits beside it and knows no forum
//!    (it uses `money` for grouping digits only);
//! 2. each area's **model** (`event::model`, `participants::model`, `pledges::model`,
//!    `programme::model`, `outcome::model`, `audit::model`): plain types, their checks and
//!    pure rules, no I/O;
//! 3. the **store** (`store`): all SQL and no rules; reads through `Store`'s accessors, writes
//!    through the `Tx` of `Store::write`, one IMMEDIATE transaction per action;
//! 4. each area's **operations** (the area's top module, which re-exports its model): they
//!    take the `Tx`, so what an action reads to decide and what it writes are one unit, and
//!    typed ids (`&Id`): what a person types (8+ characters of an id) is resolved at the edge;
//! 5. **documents** (`documents`): PDFs, spreadsheets and feeds built from what operations read;
//! 6. the **CLI** (`cli`, in the `muntada` binary) and the desktop shell (another crate).
//!
//! API boundary: the area modules and their plain-data types. Callers pass the clock (`now`)
//! in; ids come from `Id::new`.

pub mod audit;
pub mod backup;
pub mod bilingual;
pub mod country;
pub mod demo;
pub mod desk;
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
