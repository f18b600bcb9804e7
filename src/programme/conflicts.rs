//! Conflicts in a programme: two sessions in one room at once, one person in two sessions at
//! once (whatever their roles), too little time for a person to change rooms, a session
//! outside the event's dates, outside its room's opening hours, or outside a speaker's stated
//! availability. A conflict is a warning for the organiser, never a block.
//!
//! The check is pure and runs in O(n log n + conflicts): each group (a room's sessions, a
//! person's sessions) is sorted by start once and swept, keeping only the sessions still running.
//! Intervals are half-open, so a session ending at 10:00 and one starting at 10:00 do not clash.
//!
//! A session that takes sign-ups is also checked against its room's capacity: more confirmed
//! participants signed up than the room seats is a conflict.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::time::Tz;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use super::model::Signups;
use super::{Assignment, Availability, Room, Session, Speaker};
use crate::bilingual::Bilingual;
use crate::error::Result;
use crate::event::Event;
use crate::id::Id;
use crate::store::Store;

/// What is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// Two sessions overlap in a room that is not marked parallel.
    RoomDoubleBooked,
    /// One person is in two sessions that overlap.
    PersonDoubleBooked,
    /// One person has less than the event's travel buffer between sessions in two rooms.
    TooLittleTravelTime,
    /// The session is not within the event's days (in the event's timezone).
    OutsideEventDates,
    /// The session is not within its room's opening hours.
    OutsideRoomHours,
    /// The session is not within a speaker's stated availability.
    OutsideAvailability,
    /// More confirmed participants signed up for the session than its room seats.
    RoomOverCapacity,
}

impl ConflictKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::RoomDoubleBooked => "room_double_booked",
            ConflictKind::PersonDoubleBooked => "person_double_booked",
            ConflictKind::TooLittleTravelTime => "too_little_travel_time",
            ConflictKind::OutsideEventDates => "outside_event_dates",
            ConflictKind::OutsideRoomHours => "outside_room_hours",
            ConflictKind::OutsideAvailability => "outside_availability",
            ConflictKind::RoomOverCapacity => "room_over_capacity",
        }
    }
}

/// One conflict: what, who or which room, and the session(s) concerned, earliest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub kind: ConflictKind,
    /// The session concerned; for a clash, the one that starts first.
    pub session_id: Id,
    /// The other session of a clash (room, person, travel).
    pub other_session_id: Option<Id>,
    pub room_id: Option<Id>,
    pub speaker_id: Option<Id>,
    /// The room's or the person's name; empty for a session outside the event's dates.
    pub who: Bilingual,
    /// One English sentence for the CLI and logs; the UI words its own from the fields.
    pub message: String,
}

/// The rules that do not come from the sessions themselves.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rules {
    pub tz: Tz,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Least time one person needs between sessions in two different rooms (zero: no check).
    pub travel_buffer: Duration,
}

impl Rules {
    pub fn for_event(event: &Event, travel_buffer_minutes: u32) -> Rules {
        Rules {
            tz: event.tz(),
            first_day: event.start_date,
            last_day: event.end_date,
            travel_buffer: Duration::minutes(i64::from(travel_buffer_minutes)),
        }
    }
}

/// What the check reads: the programme as it stands (or as a release froze it).
#[derive(Debug, Clone, Copy)]
pub struct Programme<'a> {
    pub rooms: &'a [Room],
    pub sessions: &'a [Session],
    pub speakers: &'a [Speaker],
    pub assignments: &'a [Assignment],
    pub availability: &'a [Availability],
    /// Confirmed sign-ups of the sessions that take them.
    pub signups: &'a [Signups],
}

/// Loads an event's programme and checks it.
pub fn check_event(store: &Store, event_id: &str) -> Result<Vec<Conflict>> {
    let event = crate::event::get(store, event_id).map_err(|e| e.with_field("event"))?;
    let rooms = store.rooms().list(&event.id)?;
    let sessions = store.sessions().list(&event.id)?;
    let speakers = store.speakers().list(&event.id)?;
    let assignments = store.sessions().assignments(&event.id)?;
    let availability = store.speakers().availability(&event.id)?;
    let signups = store.sessions().confirmed_signups(&event.id)?;
    let rules = Rules::for_event(&event, store.programme_settings().travel_buffer(&event.id)?);
    let programme = Programme {
        rooms: &rooms,
        sessions: &sessions,
        speakers: &speakers,
        assignments: &assignments,
        availability: &availability,
        signups: &signups,
    };
    Ok(check(&programme, &rules))
}

/// Every conflict in the programme, ordered by the start of the (first) session, then kind.
pub fn check(p: &Programme<'_>, rules: &Rules) -> Vec<Conflict> {
    let session_index = index(p.sessions.iter().map(|s| &s.id));
    let room_index = index(p.rooms.iter().map(|r| &r.id));
    let speaker_index = index(p.speakers.iter().map(|s| &s.id));
    let mut found = Vec::new();

    outside_event(p, rules, &mut found);
    rooms(p, rules, &room_index, &mut found);
    over_capacity(p, &session_index, &room_index, &mut found);

    // One entry per person and session: two roles in one session are not a clash.
    let mut people: Vec<(usize, usize)> = p
        .assignments
        .iter()
        .filter_map(|a| Some((*speaker_index.get(a.speaker_id.as_str())?, *session_index.get(a.session_id.as_str())?)))
        .collect();
    people.sort_unstable_by_key(|&(person, s)| (person, p.sessions[s].start, s));
    people.dedup();
    persons(p, rules, &people, &mut found);
    availability(p, &speaker_index, &people, &mut found);

    // Indexes until here: sorting and naming happen once, on the conflicts found.
    found.sort_unstable_by_key(|f| (p.sessions[f.session].start, f.kind, f.session, f.other, f.room, f.person));
    found.iter().map(|f| f.describe(p, rules)).collect()
}

/// A conflict as the sweep finds it: indexes into the programme's slices.
#[derive(Clone, Copy)]
struct Found {
    kind: ConflictKind,
    session: usize,
    other: Option<usize>,
    room: Option<usize>,
    person: Option<usize>,
}

impl Found {
    fn describe(&self, p: &Programme<'_>, rules: &Rules) -> Conflict {
        let s = &p.sessions[self.session];
        let other = self.other.map(|o| &p.sessions[o]);
        let room = self.room.map(|r| &p.rooms[r]);
        let person = self.person.map(|i| &p.speakers[i]);
        let who = room.map(|r| &r.name).or(person.map(|p| &p.name));
        let who_name = who.map(name).unwrap_or_default();
        let second = || other.map(quoted).unwrap_or_default();
        let message = match self.kind {
            ConflictKind::RoomDoubleBooked => {
                format!("{} and {} are both in {who_name} at once", quoted(s), second())
            }
            ConflictKind::PersonDoubleBooked => format!("{who_name} is in {} and {} at once", quoted(s), second()),
            ConflictKind::TooLittleTravelTime => format!(
                "{who_name} has {} min between {} and {} in another room (needs {})",
                other.map(|o| (o.start - s.end).num_minutes()).unwrap_or_default(),
                quoted(s),
                second(),
                rules.travel_buffer.num_minutes()
            ),
            ConflictKind::OutsideEventDates => {
                format!("{} is outside the event's dates ({} to {})", quoted(s), rules.first_day, rules.last_day)
            }
            ConflictKind::OutsideRoomHours => match room.and_then(|r| r.hours) {
                Some(h) => format!(
                    "{} is outside the opening hours of {who_name} ({}–{})",
                    quoted(s),
                    h.opens.format("%H:%M"),
                    h.closes.format("%H:%M")
                ),
                None => format!("{} is outside the opening hours of {who_name}", quoted(s)),
            },
            ConflictKind::OutsideAvailability => {
                format!("{} is outside the times {who_name} said they can be there", quoted(s))
            }
            ConflictKind::RoomOverCapacity => format!(
                "{} confirmed participants signed up for {}, more than the {} seats of {who_name}",
                p.signups.iter().find(|g| g.session_id == s.id).map(|g| g.confirmed).unwrap_or_default(),
                quoted(s),
                room.and_then(|r| r.capacity).unwrap_or_default()
            ),
        };
        Conflict {
            kind: self.kind,
            session_id: s.id.clone(),
            other_session_id: other.map(|o| o.id.clone()),
            // A session outside the event's dates still names its room, for the grid to find it.
            room_id: room.map(|r| r.id.clone()).or_else(|| match self.kind {
                ConflictKind::OutsideEventDates => s.room_id.clone(),
                _ => None,
            }),
            speaker_id: person.map(|p| p.id.clone()),
            who: who.cloned().unwrap_or_default(),
            message,
        }
    }
}

/// Position of each id in its slice. Ids are hashed with FNV-1a, cheaper than the default
/// SipHash for short keys: they are our own UUIDs, not input chosen to collide.
type Index<'a> = HashMap<&'a str, usize, BuildHasherDefault<Fnv>>;

fn index<'a>(ids: impl Iterator<Item = &'a Id>) -> Index<'a> {
    ids.enumerate().map(|(i, id)| (id.as_str(), i)).collect()
}

#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// Sweeps `items` (session indexes sorted by start) and calls `clash` for every pair where the
/// later one starts less than `reach` after the earlier one ends (reach zero: they overlap).
fn sweep(sessions: &[Session], items: &[usize], reach: Duration, mut clash: impl FnMut(usize, usize)) {
    let mut running: Vec<usize> = Vec::new();
    for &later in items {
        let start = sessions[later].start;
        running.retain(|&earlier| sessions[earlier].end + reach > start);
        for &earlier in &running {
            clash(earlier, later);
        }
        running.push(later);
    }
}

fn outside_event(p: &Programme<'_>, rules: &Rules, found: &mut Vec<Found>) {
    let opens = day_start(rules.tz, rules.first_day);
    let closes = day_start(rules.tz, rules.last_day.succ_opt().unwrap_or(rules.last_day));
    for (i, _) in p.sessions.iter().enumerate().filter(|(_, s)| s.start < opens || s.end > closes) {
        found.push(Found { kind: ConflictKind::OutsideEventDates, session: i, other: None, room: None, person: None });
    }
}

fn rooms(p: &Programme<'_>, rules: &Rules, room_index: &Index<'_>, found: &mut Vec<Found>) {
    let mut by_room: Vec<(usize, usize)> = p
        .sessions
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((*room_index.get(s.room_id.as_ref()?.as_str())?, i)))
        .collect();
    by_room.sort_unstable_by_key(|&(room, s)| (room, p.sessions[s].start, s));
    let mut items: Vec<usize> = Vec::new();
    for group in by_room.chunk_by(|a, b| a.0 == b.0) {
        let room = group[0].0;
        items.clear();
        items.extend(group.iter().map(|&(_, s)| s));
        if let Some(hours) = p.rooms[room].hours {
            for &i in &items {
                let s = &p.sessions[i];
                let (start, end) = (local(s.start, rules.tz), local(s.end, rules.tz));
                let inside = start.time() >= hours.opens && end.date() == start.date() && end.time() <= hours.closes;
                if !inside {
                    let kind = ConflictKind::OutsideRoomHours;
                    found.push(Found { kind, session: i, other: None, room: Some(room), person: None });
                }
            }
        }
        if p.rooms[room].parallel {
            continue;
        }
        sweep(p.sessions, &items, Duration::zero(), |a, b| {
            let kind = ConflictKind::RoomDoubleBooked;
            found.push(Found { kind, session: a, other: Some(b), room: Some(room), person: None });
        });
    }
}

fn over_capacity(p: &Programme<'_>, session_index: &Index<'_>, room_index: &Index<'_>, found: &mut Vec<Found>) {
    for g in p.signups {
        let Some(&i) = session_index.get(g.session_id.as_str()) else { continue };
        let Some(&room) = p.sessions[i].room_id.as_ref().and_then(|r| room_index.get(r.as_str())) else { continue };
        if p.rooms[room].capacity.is_some_and(|seats| g.confirmed > seats) {
            let kind = ConflictKind::RoomOverCapacity;
            found.push(Found { kind, session: i, other: None, room: Some(room), person: None });
        }
    }
}

fn persons(p: &Programme<'_>, rules: &Rules, people: &[(usize, usize)], found: &mut Vec<Found>) {
    let reach = rules.travel_buffer.max(Duration::zero());
    let mut items: Vec<usize> = Vec::new();
    for group in people.chunk_by(|a, b| a.0 == b.0) {
        let person = group[0].0;
        items.clear();
        items.extend(group.iter().map(|&(_, s)| s));
        sweep(p.sessions, &items, reach, |a, b| {
            let (first, second) = (&p.sessions[a], &p.sessions[b]);
            let kind = if second.start < first.end {
                ConflictKind::PersonDoubleBooked
            } else {
                match (&first.room_id, &second.room_id) {
                    (Some(x), Some(y)) if x != y => ConflictKind::TooLittleTravelTime,
                    _ => return,
                }
            };
            found.push(Found { kind, session: a, other: Some(b), room: None, person: Some(person) });
        });
    }
}

/// A half-open span of time, start and end.
type Window = (DateTime<Utc>, DateTime<Utc>);

fn availability(p: &Programme<'_>, speaker_index: &Index<'_>, people: &[(usize, usize)], found: &mut Vec<Found>) {
    // Each person's windows, sorted and merged so that back-to-back windows count as one.
    let mut windows: Vec<Vec<Window>> = vec![Vec::new(); p.speakers.len()];
    for a in p.availability {
        if let Some(&person) = speaker_index.get(a.speaker_id.as_str()) {
            windows[person].push((a.start, a.end));
        }
    }
    for list in windows.iter_mut().filter(|l| !l.is_empty()) {
        list.sort_unstable();
        let mut merged: Vec<Window> = Vec::with_capacity(list.len());
        for &(start, end) in list.iter() {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        *list = merged;
    }
    for &(person, i) in people {
        let list = &windows[person];
        if list.is_empty() {
            continue;
        }
        let s = &p.sessions[i];
        let before = list.partition_point(|w| w.0 <= s.start);
        if before == 0 || list[before - 1].1 < s.end {
            let kind = ConflictKind::OutsideAvailability;
            found.push(Found { kind, session: i, other: None, room: None, person: Some(person) });
        }
    }
}

/// The first instant of `date` in `tz`. Where the clocks skip midnight, the day starts when
/// they land.
pub(crate) fn day_start(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    (0..=24)
        .find_map(|hour| tz.from_local_datetime(&(midnight + Duration::hours(hour))).earliest())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
}

fn local(t: DateTime<Utc>, tz: Tz) -> NaiveDateTime {
    t.with_timezone(&tz).naive_local()
}

fn name(b: &Bilingual) -> &str {
    b.get(crate::Lang::En)
}

fn quoted(s: &Session) -> String {
    format!("\u{201c}{}\u{201d}", name(&s.title))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programme::{OpeningHours, Role, SessionKind};
    use chrono::NaiveTime;

    /// A small programme written as text: rooms and people are named, sessions are titled.
    #[derive(Default)]
    struct Case {
        tz: &'static str,
        /// The event's first and last day; default 2025-03-29 to 2025-03-31.
        days: Option<(&'static str, &'static str)>,
        buffer_minutes: i64,
        /// "hall", "posters parallel", "annex 09:00-17:00"
        rooms: &'static [&'static str],
        /// (title, room or "", start, end, "person:role person:role")
        sessions: &'static [(&'static str, &'static str, &'static str, &'static str, &'static str)],
        /// (person, start, end)
        availability: &'static [(&'static str, &'static str, &'static str)],
        /// (session title, confirmed sign-ups)
        signups: &'static [(&'static str, u32)],
    }

    /// Runs the check and compares its findings, each written "kind who: A B".
    fn check(case: Case, expected: &[&str]) {
        let tz: Tz = if case.tz.is_empty() { "Europe/Vienna" } else { case.tz }.parse().unwrap();
        let event_id = Id::new();
        let at = |s: &str| crate::time::parse_local("t", s, tz).unwrap();
        let rooms: Vec<Room> = case
            .rooms
            .iter()
            .map(|spec| {
                let mut words = spec.split_whitespace();
                let name = words.next().unwrap();
                let mut room = Room {
                    version: 1,
                    id: Id::new(),
                    event_id: event_id.clone(),
                    name: Bilingual::new(name, ""),
                    capacity: None,
                    parallel: false,
                    hours: None,
                };
                for word in words {
                    match word.split_once('-') {
                        _ if word == "parallel" => room.parallel = true,
                        _ if word.starts_with("seats=") => room.capacity = word[6..].parse().ok(),
                        Some((o, c)) => room.hours = OpeningHours::parse(Some(o), Some(c)).unwrap(),
                        None => panic!("bad room spec {spec}"),
                    }
                }
                room
            })
            .collect();
        let mut speakers: Vec<Speaker> = Vec::new();
        let mut person = |name: &str| -> Id {
            if let Some(s) = speakers.iter().find(|s| s.name.en == name) {
                return s.id.clone();
            }
            let s = Speaker {
                version: 1,
                id: Id::new(),
                event_id: event_id.clone(),
                participant_id: None,
                honorific: Bilingual::default(),
                name: Bilingual::new(name, ""),
                position: Bilingual::default(),
                organisation: Bilingual::default(),
                country: None,
                email: None,
                bio: Bilingual::default(),
            };
            speakers.push(s.clone());
            s.id
        };
        let mut sessions = Vec::new();
        let mut assignments = Vec::new();
        for &(title, room, start, end, people) in case.sessions {
            let s = Session {
                version: 1,
                id: Id::new(),
                event_id: event_id.clone(),
                room_id: rooms.iter().find(|r| r.name.en == room).map(|r| r.id.clone()),
                title: Bilingual::new(title, ""),
                description: Bilingual::default(),
                kind: SessionKind::Panel,
                start: at(start),
                end: at(end),
            };
            for p in people.split_whitespace() {
                let (who, role) = p.split_once(':').unwrap();
                let role = Role::parse("role", role).unwrap();
                assignments.push(Assignment { session_id: s.id.clone(), speaker_id: person(who), role });
            }
            sessions.push(s);
        }
        let availability: Vec<Availability> = case
            .availability
            .iter()
            .map(|&(who, start, end)| Availability { speaker_id: person(who), start: at(start), end: at(end) })
            .collect();
        let (first, last) = case.days.unwrap_or(("2025-03-29", "2025-03-31"));
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let rules = Rules {
            tz,
            first_day: day(first),
            last_day: day(last),
            travel_buffer: Duration::minutes(case.buffer_minutes),
        };
        let signups: Vec<Signups> = case
            .signups
            .iter()
            .map(|&(title, confirmed)| Signups {
                session_id: sessions.iter().find(|s| s.title.en == title).unwrap().id.clone(),
                confirmed,
            })
            .collect();
        let programme = Programme {
            rooms: &rooms,
            sessions: &sessions,
            speakers: &speakers,
            assignments: &assignments,
            availability: &availability,
            signups: &signups,
        };
        let title = |id: &Id| sessions.iter().find(|s| &s.id == id).unwrap().title.en.clone();
        let got: Vec<String> = check_programme(&programme, &rules)
            .iter()
            .map(|c| {
                let mut line = c.kind.as_str().to_owned();
                if !c.who.en.is_empty() {
                    line += &format!(" {}", c.who.en);
                }
                line += &format!(": {}", title(&c.session_id));
                if let Some(other) = &c.other_session_id {
                    line += &format!(" {}", title(other));
                }
                assert!(!c.message.is_empty());
                line
            })
            .collect();
        assert_eq!(got, expected);
    }

    use super::check as check_programme;

    #[test]
    fn rooms_and_touching_intervals() {
        // Touching: one ends at 10:00 when the next starts; half-open intervals do not clash.
        check(
            Case {
                rooms: &["hall"],
                sessions: &[
                    ("A", "hall", "2025-03-29 09:00", "2025-03-29 10:00", ""),
                    ("B", "hall", "2025-03-29 10:00", "2025-03-29 11:00", ""),
                ],
                ..Case::default()
            },
            &[],
        );
        check(
            Case {
                rooms: &["hall", "annex"],
                sessions: &[
                    ("A", "hall", "2025-03-29 09:00", "2025-03-29 10:01", ""),
                    ("B", "hall", "2025-03-29 10:00", "2025-03-29 11:00", ""),
                    ("C", "annex", "2025-03-29 09:00", "2025-03-29 11:00", ""),
                    ("D", "", "2025-03-29 09:00", "2025-03-29 11:00", ""),
                ],
                ..Case::default()
            },
            &["room_double_booked hall: A B"],
        );
        // One long session under three short ones: every overlapping pair, none of the others.
        check(
            Case {
                rooms: &["hall"],
                sessions: &[
                    ("Long", "hall", "2025-03-29 09:00", "2025-03-29 12:00", ""),
                    ("S1", "hall", "2025-03-29 09:00", "2025-03-29 10:00", ""),
                    ("S2", "hall", "2025-03-29 10:00", "2025-03-29 11:00", ""),
                    ("S3", "hall", "2025-03-29 12:00", "2025-03-29 13:00", ""),
                ],
                ..Case::default()
            },
            &["room_double_booked hall: Long S1", "room_double_booked hall: Long S2"],
        );
    }

    #[test]
    fn confirmed_signups_beyond_the_rooms_seats() {
        let sessions: &[(&str, &str, &str, &str, &str)] = &[
            ("Full", "lab", "2025-03-29 09:00", "2025-03-29 10:00", ""),
            ("Over", "lab", "2025-03-29 10:00", "2025-03-29 11:00", ""),
            ("Anywhere", "", "2025-03-29 10:00", "2025-03-29 11:00", ""),
            ("Unlimited", "hall", "2025-03-29 10:00", "2025-03-29 11:00", ""),
        ];
        // Exactly as many as the seats is fine; one more is not.
        check(
            Case {
                rooms: &["lab seats=20", "hall"],
                sessions,
                signups: &[("Full", 20), ("Over", 21)],
                ..Case::default()
            },
            &["room_over_capacity lab: Over"],
        );
        // No room, or a room without a stated capacity: nothing to compare with.
        check(
            Case {
                rooms: &["lab seats=20", "hall"],
                sessions,
                signups: &[("Anywhere", 500), ("Unlimited", 500)],
                ..Case::default()
            },
            &[],
        );
        // A room of no seats at all takes no one.
        check(
            Case { rooms: &["lab seats=0", "hall"], sessions, signups: &[("Full", 1)], ..Case::default() },
            &["room_over_capacity lab: Full"],
        );
    }

    #[test]
    fn parallel_rooms_allow_overlap() {
        check(
            Case {
                rooms: &["posters parallel"],
                sessions: &[
                    ("A", "posters", "2025-03-29 09:00", "2025-03-29 12:00", ""),
                    ("B", "posters", "2025-03-29 10:00", "2025-03-29 11:00", ""),
                ],
                ..Case::default()
            },
            &[],
        );
        // A person is still one person in a parallel room.
        check(
            Case {
                rooms: &["posters parallel"],
                sessions: &[
                    ("A", "posters", "2025-03-29 09:00", "2025-03-29 12:00", "amina:speaker"),
                    ("B", "posters", "2025-03-29 10:00", "2025-03-29 11:00", "amina:chair"),
                ],
                ..Case::default()
            },
            &["person_double_booked amina: A B"],
        );
    }

    #[test]
    fn a_chair_in_two_rooms() {
        check(
            Case {
                rooms: &["hall", "annex"],
                sessions: &[
                    ("Opening", "hall", "2025-03-29 09:00", "2025-03-29 10:30", "amina:chair omar:speaker"),
                    ("Panel", "annex", "2025-03-29 10:00", "2025-03-29 11:00", "amina:rapporteur"),
                    // Two roles in one session are not a clash with herself.
                    ("Lunch", "hall", "2025-03-29 12:00", "2025-03-29 13:00", "amina:chair amina:speaker"),
                ],
                ..Case::default()
            },
            &["person_double_booked amina: Opening Panel"],
        );
    }

    #[test]
    fn dst_transition_in_vienna() {
        // Vienna springs forward on 2025-03-30 at 02:00: 01:30–03:30 local lasts one hour, so a
        // session 03:00–04:00 overlaps it, and one from 03:30 touches it.
        check(
            Case {
                rooms: &["hall"],
                sessions: &[
                    ("Night", "hall", "2025-03-30 01:30", "2025-03-30 03:30", ""),
                    ("Early", "hall", "2025-03-30 03:00", "2025-03-30 04:00", ""),
                    ("Dawn", "hall", "2025-03-30 03:30", "2025-03-30 04:30", "omar:speaker"),
                ],
                ..Case::default()
            },
            &["room_double_booked hall: Night Early", "room_double_booked hall: Early Dawn"],
        );
        // The event ends on the 30th: the last day ends at local midnight, 22:00 UTC (CEST).
        check(
            Case {
                days: Some(("2025-03-30", "2025-03-30")),
                sessions: &[
                    ("Late", "", "2025-03-30 23:00", "2025-03-31 00:00", ""),
                    ("Later", "", "2025-03-30 23:30", "2025-03-31 00:30", ""),
                    ("Eve", "", "2025-03-29 23:30", "2025-03-30 00:30", ""),
                ],
                ..Case::default()
            },
            &["outside_event_dates: Eve", "outside_event_dates: Later"],
        );
    }

    #[test]
    fn opening_hours_are_local_times() {
        check(
            Case {
                rooms: &["annex 09:00-18:00"],
                sessions: &[
                    ("Fits", "annex", "2025-03-30 09:00", "2025-03-30 18:00", ""),
                    ("Early", "annex", "2025-03-31 08:30", "2025-03-31 09:30", ""),
                    ("Late", "annex", "2025-03-31 17:00", "2025-03-31 18:30", ""),
                    ("Overnight", "annex", "2025-03-29 10:00", "2025-03-30 10:00", ""),
                ],
                ..Case::default()
            },
            &[
                "room_double_booked annex: Overnight Fits",
                "outside_room_hours annex: Overnight",
                "outside_room_hours annex: Early",
                "outside_room_hours annex: Late",
            ],
        );
    }

    #[test]
    fn availability_windows() {
        check(
            Case {
                sessions: &[
                    ("Inside", "", "2025-03-29 09:00", "2025-03-29 10:00", "amina:speaker"),
                    ("Across", "", "2025-03-29 11:30", "2025-03-29 12:30", "amina:speaker"),
                    ("After", "", "2025-03-29 15:00", "2025-03-29 16:00", "amina:chair omar:chair"),
                ],
                // Back-to-back windows count as one; Omar stated none, so he is always available.
                availability: &[
                    ("amina", "2025-03-29 09:00", "2025-03-29 12:00"),
                    ("amina", "2025-03-29 12:00", "2025-03-29 13:00"),
                ],
                ..Case::default()
            },
            &["outside_availability amina: After"],
        );
    }

    #[test]
    fn travel_buffer_between_rooms() {
        let sessions: &[(&str, &str, &str, &str, &str)] = &[
            ("A", "hall", "2025-03-29 09:00", "2025-03-29 10:00", "amina:speaker omar:speaker"),
            ("B", "annex", "2025-03-29 10:10", "2025-03-29 11:00", "amina:moderator"),
            ("C", "hall", "2025-03-29 10:05", "2025-03-29 10:50", "omar:panellist"),
            ("D", "annex", "2025-03-29 11:15", "2025-03-29 12:00", "amina:speaker"),
        ];
        // Amina has 10 min to go from hall to annex; Omar stays in the hall; 15 min is enough.
        check(
            Case { rooms: &["hall", "annex"], buffer_minutes: 15, sessions, ..Case::default() },
            &["too_little_travel_time amina: A B"],
        );
        check(Case { rooms: &["hall", "annex"], sessions, ..Case::default() }, &[]);
    }

    #[test]
    fn day_starts_where_midnight_is_skipped() {
        // Santiago skipped 2024-09-08 00:00 (clocks went to 01:00).
        let tz: Tz = "America/Santiago".parse().unwrap();
        let day = NaiveDate::from_ymd_opt(2024, 9, 8).unwrap();
        let start = day_start(tz, day).with_timezone(&tz);
        assert_eq!(start.time(), NaiveTime::from_hms_opt(1, 0, 0).unwrap());
    }
}
