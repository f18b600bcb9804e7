//! The core's integration tests: one binary, one module per area.

use chrono::Utc;
use muntada::event::{self, EventInput, EventStatus};
use muntada::{Bilingual, Id, Store};

mod audit;
mod backup;
mod certificates;
mod chart;
mod cli;
mod delegations;
mod desk;
mod documents;
mod feeds;
mod import;
mod kill;
mod layers;
mod outcome;
mod participants;
mod pdf;
mod programme;
mod race;
mod safety;
mod store;
mod team;
mod versions;

/// A two-day open event in Doha, with nothing else set: the fixture several areas start from.
pub(crate) fn forum_input() -> EventInput {
    EventInput {
        title: Bilingual::new("Doha Forum", ""),
        description: Bilingual::default(),
        venue: Bilingual::default(),
        city: Bilingual::default(),
        country: String::new(),
        timezone: "Asia/Qatar".into(),
        start_date: "2025-05-20".into(),
        end_date: "2025-05-21".into(),
        organisers: vec![],
        signatories: Vec::new(),
        arabic_digits: Default::default(),
        status: EventStatus::Open,
    }
}

/// Creates `forum_input()` in `store`: its id.
pub(crate) fn forum(store: &mut Store) -> Id {
    store.write(|tx| event::create(tx, &forum_input(), Utc::now())).unwrap().id
}
