//! The audit trail: who changed what and when, for participants and pledges, and the adoption
//! of each version of the outcome document.
//!
//! Entries are written by the store's accessors in the same transaction as the change, so no
//! writer can forget them. The actor is set once at the edge (`Store::set_actor`): the CLI and
//! the app use the name of the person logged in to the computer.

pub mod model;

use crate::error::Result;
use crate::store::Store;

pub use model::*;

/// The newest entries about `id`: one participant's or pledge's, or every entry of an event.
pub fn list(store: &Store, subject: AuditSubject, id: &str) -> Result<Vec<AuditEntry>> {
    let audit = store.audit();
    match subject {
        AuditSubject::Event => audit.for_event(&store.events().resolve("id", id)?, MAX_ENTRIES),
        AuditSubject::Participant => {
            audit.for_record(AuditEntity::Participant, &store.participants().resolve("id", id)?, MAX_ENTRIES)
        }
        AuditSubject::Pledge => audit.for_record(AuditEntity::Pledge, &store.pledges().resolve("id", id)?, MAX_ENTRIES),
    }
}
