//! Any bytes given to the import as a file: the preview and the import must answer (a report or
//! an error), never panic, and write every row or none.
#![no_main]

use libfuzzer_sys::fuzz_target;
use muntada::event::{self, EventInput, EventStatus};
use muntada::participants::{self, ImportOptions};
use muntada::{Bilingual, Store};
use std::cell::RefCell;

thread_local! {
    /// One in-memory database for the run (migrations take longer than most inputs), with a
    /// fresh one once it holds many people.
    static STORE: RefCell<Option<(Store, String)>> = const { RefCell::new(None) };
}

fn fresh() -> (Store, String) {
    let mut store = Store::open_in_memory().expect("store");
    let input = EventInput {
        title: Bilingual::new("Fuzz", "فز"),
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
    };
    let event = store.write(|tx| event::create(tx, &input, chrono::Utc::now())).expect("event").id.to_string();
    (store, event)
}

fuzz_target!(|data: &[u8]| {
    let _ = participants::import::preview(data, 5);
    STORE.with(|cell| {
        let mut cell = cell.borrow_mut();
        let (store, event) = cell.get_or_insert_with(fresh);
        let id = store.events().resolve("event", event).expect("event id");
        let before = store.participants().count(&id).expect("count");
        let outcome = store.write(|tx| participants::import(tx, &id, data, &ImportOptions::default(), chrono::Utc::now()));
        let after = store.participants().count(&id).expect("count");
        match outcome {
            Ok(report) if report.written => assert_eq!(after, before + report.rows as i64, "{report:?}"),
            Ok(report) => {
                assert!(!report.problems.is_empty(), "nothing written, yet no problem: {report:?}");
                assert_eq!(after, before, "a refused file wrote rows");
            }
            Err(_) => assert_eq!(after, before, "a file that cannot be read wrote rows"),
        }
        if after > 5_000 {
            *cell = None;
        }
    });
});
