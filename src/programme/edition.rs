//! Next year's edition: a new event from an existing one, with its logo, rooms, participant
//! categories and programme, the sessions moved to the new dates at the same local times.
//! People, registrations, speakers and pledges are not copied.

use std::collections::HashMap;

use crate::time::Tz;
use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, TimeZone, Utc};

use super::{Room, Session};
use crate::error::Result;
use crate::event::{Event, EventStatus};
use crate::id::Id;
use crate::participants::{default_colour, Category};
use crate::store::Tx;
use crate::time;

/// Copies the event `event_id` to a new draft event starting on `start` (`YYYY-MM-DD`), lasting
/// as many days; everything is written in one transaction.
pub fn clone_event(tx: &Tx<'_>, event_id: &Id, start: &str, now: DateTime<Utc>) -> Result<Event> {
    let old = tx.events().get(&tx.events().resolve("id", event_id.as_str())?)?;
    let start_date = time::parse_date("start", start)?;
    let shift = start_date - old.start_date;
    let end_date = start_date + (old.end_date - old.start_date);
    let new = Event {
        id: Id::new(),
        start_date,
        end_date,
        status: EventStatus::Draft,
        created_at: now,
        updated_at: now,
        version: 1,
        ..old.clone()
    };
    let tz = new.tz();
    let categories = tx.categories().list(&old.id)?;
    let colours = tx.categories().colours(&old.id)?;
    let rooms = tx.rooms().list(&old.id)?;
    let sessions = tx.sessions().list(&old.id)?;
    let buffer = tx.programme_settings().travel_buffer(&old.id)?;
    let logo = tx.events().logo(&old.id)?;
    {
        tx.events().insert(&new)?;
        if let Some(logo) = &logo {
            tx.events().set_logo(&new.id, logo)?;
        }
        for c in &categories {
            // The copy keeps each category's badge colour.
            let colour =
                colours.iter().find(|(key, _)| *key == c.key).map_or(default_colour(&c.key), |(_, colour)| colour);
            tx.categories().add(&Category { id: Id::new(), event_id: new.id.clone(), ..c.clone() }, colour)?;
        }
        let mut room_ids: HashMap<&Id, Id> = HashMap::new();
        for r in &rooms {
            let room = Room { id: Id::new(), event_id: new.id.clone(), version: 1, ..r.clone() };
            tx.rooms().insert(&room)?;
            room_ids.insert(&r.id, room.id);
        }
        for s in &sessions {
            let start = shifted(s.start, shift, tz);
            // The length is kept as written on the clock, unless that would not be after the start.
            let end = shifted(s.end, shift, tz).max(start + (s.end - s.start).min(Duration::minutes(1)));
            tx.sessions().insert(&Session {
                id: Id::new(),
                event_id: new.id.clone(),
                room_id: s.room_id.as_ref().and_then(|r| room_ids.get(r).cloned()),
                start,
                end,
                version: 1,
                ..s.clone()
            })?;
        }
        if buffer > 0 {
            tx.programme_settings().set_travel_buffer(&new.id, buffer)?;
        }
    }
    Ok(new)
}

/// The same local wall-clock time `days` later. A time the clocks skip on the new date moves
/// forward by the gap; a time they repeat takes its first occurrence.
fn shifted(t: DateTime<Utc>, days: Duration, tz: Tz) -> DateTime<Utc> {
    let local: NaiveDateTime = t.with_timezone(&tz).naive_local() + days;
    let mut probe = local;
    for _ in 0..4 {
        match tz.from_local_datetime(&probe) {
            LocalResult::Single(t) => return t.with_timezone(&Utc),
            LocalResult::Ambiguous(first, _) => return first.with_timezone(&Utc),
            LocalResult::None => probe += Duration::minutes(30),
        }
    }
    Utc.from_utc_datetime(&local)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(at: &str, days: i64, tz: &str, expected: &str) {
        let tz: Tz = tz.parse().unwrap();
        let t = time::parse_local("t", at, tz).unwrap();
        assert_eq!(time::format_local(shifted(t, Duration::days(days), tz), tz), expected, "{at} + {days} days");
    }

    #[test]
    fn local_times_are_kept() {
        // Winter time to summer time in Vienna: same clock time, one hour less in UTC.
        check("2025-03-20 09:30", 14, "Europe/Vienna", "2025-04-03 09:30");
        check("2024-05-20 09:30", 364, "Asia/Qatar", "2025-05-19 09:30");
        // 02:30 does not exist on 2026-03-29 in Vienna: the session starts when the clocks land.
        check("2026-03-22 02:30", 7, "Europe/Vienna", "2026-03-29 03:00");
    }
}
