//! The full conflict check of a 2,000-session, 500-speaker, 40-room event (target ≤ 5 ms),
//! repeated; prints the median and the spread. Not a pass/fail test. Run with
//! `cargo bench --bench programme_conflicts`. A quarter of the sessions take sign-ups from
//! 3,000 participants (most confirmed), so the capacity rule has work to do too.

use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc};
use muntada::programme::conflicts::{check, Programme, Rules, Signups};
use muntada::programme::{Assignment, Availability, OpeningHours, Role, Room, Session, SessionKind, Speaker};
use muntada::{Bilingual, Id};

const SESSIONS: usize = 2_000;
const SPEAKERS: usize = 500;
const ROOMS: usize = 40;
const PARTICIPANTS: usize = 3_000;
/// How many sessions each participant signs up for.
const SIGNUPS_EACH: usize = 4;
const RUNS: usize = 101;

fn main() {
    let data = Data::new();
    let programme = Programme {
        rooms: &data.rooms,
        sessions: &data.sessions,
        speakers: &data.speakers,
        assignments: &data.assignments,
        availability: &data.availability,
        signups: &data.signups,
    };
    let rules = Rules {
        tz: "Europe/Vienna".parse().unwrap(),
        first_day: NaiveDate::from_ymd_opt(2025, 3, 29).unwrap(),
        last_day: NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
        travel_buffer: chrono::Duration::minutes(10),
    };
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut found = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let conflicts = check(&programme, &rules);
        times.push(start.elapsed());
        found = conflicts.len();
    }
    times.sort();

    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let over = check(&programme, &rules)
        .iter()
        .filter(|c| c.kind == muntada::programme::conflicts::ConflictKind::RoomOverCapacity)
        .count();
    println!(
        "programme_conflicts: {SESSIONS} sessions, {SPEAKERS} speakers, {ROOMS} rooms, {} assignments, \
         {} sign-ups ({} sessions, {over} over capacity), {} conflicts",
        data.assignments.len(),
        data.signed_up.len(),
        data.signups.len(),
        found
    );
    println!(
        "  check: median {:.2} ms, min {:.2} ms, p90 {:.2} ms over {RUNS} runs (target ≤ 5 ms)",
        ms(times[RUNS / 2]),
        ms(times[0]),
        ms(times[RUNS * 9 / 10])
    );

    // The same programme read from SQLite first, as `muntada conflicts` and the app do.
    let (store, event_id) = data.stored(&rules);
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        let conflicts = muntada::programme::conflicts::check_event(&store, &event_id).expect("check");
        times.push(start.elapsed());
        assert_eq!(conflicts.len(), found);
    }
    times.sort();
    println!(
        "  load from SQLite (in memory) + check: median {:.2} ms, min {:.2} ms over {RUNS} runs",
        ms(times[RUNS / 2]),
        ms(times[0])
    );
}

struct Data {
    rooms: Vec<Room>,
    sessions: Vec<Session>,
    speakers: Vec<Speaker>,
    assignments: Vec<Assignment>,
    availability: Vec<Availability>,
    /// Each participant's status, by index.
    statuses: Vec<muntada::participants::ParticipantStatus>,
    /// Who signed up where: (session index, participant index).
    signed_up: Vec<(usize, usize)>,
    /// The confirmed count of each session with sign-ups, as the store would give it.
    signups: Vec<Signups>,
}

impl Data {
    /// Writes the programme into a new in-memory database, under an event with the rules'
    /// dates, timezone and travel buffer.
    fn stored(&self, rules: &Rules) -> (muntada::Store, String) {
        let mut store = muntada::Store::open_in_memory().expect("store");
        let input = muntada::event::EventInput {
            title: Bilingual::new("Bench forum", ""),
            description: Bilingual::default(),
            venue: Bilingual::default(),
            city: Bilingual::default(),
            country: String::new(),
            timezone: rules.tz.name().to_owned(),
            start_date: rules.first_day.to_string(),
            end_date: rules.last_day.to_string(),
            organisers: Vec::new(),
            signatories: Vec::new(),
            arabic_digits: Default::default(),
            status: muntada::event::EventStatus::Draft,
        };
        let event = store.write(|tx| muntada::event::create(tx, &input, Utc::now())).expect("event");
        let id = event.id.clone();
        let with = |id: &Id| id.clone();
        // Through the core, so each participant gets a category and a badge code as in the app.
        let people: Vec<Id> = self
            .statuses
            .iter()
            .enumerate()
            .map(|(i, &status)| {
                let person = muntada::participants::ParticipantInput {
                    name: Bilingual::new(format!("Participant {i}"), ""),
                    status,
                    ..Default::default()
                };
                store.write(|tx| muntada::participants::add(tx, &id, &person, Utc::now())).expect("participant").id
            })
            .collect();
        store
            .write(|tx| {
                for r in &self.rooms {
                    tx.rooms().insert(&Room { event_id: with(&id), ..r.clone() })?;
                }
                for s in &self.sessions {
                    tx.sessions().insert(&Session { event_id: with(&id), ..s.clone() })?;
                }
                for p in &self.speakers {
                    tx.speakers().insert(&Speaker { event_id: with(&id), ..p.clone() })?;
                }
                for a in &self.assignments {
                    tx.sessions().assign(a)?;
                }
                for a in &self.availability {
                    tx.speakers().add_availability(a)?;
                }
                for &(session, person) in &self.signed_up {
                    tx.sessions().sign_up(&self.sessions[session].id, &people[person])?;
                }
                tx.programme_settings().set_travel_buffer(&id, rules.travel_buffer.num_minutes() as u32)
            })
            .expect("write");
        (store, event.id.to_string())
    }

    /// A fixed programme: each room has a day of 40-minute sessions with 5-minute gaps from
    /// 08:00 local, over three days; one to three people per session; a fifth of the people
    /// state their availability. A small linear congruential sequence keeps it varied.
    fn new() -> Data {
        let event_id = Id::new();
        let mut seed: u64 = 42;
        let mut next = move |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        let hours = OpeningHours::parse(Some("08:00"), Some("20:00")).unwrap();
        let rooms: Vec<Room> = (0..ROOMS)
            .map(|i| Room {
                version: 1,
                id: Id::new(),
                event_id: event_id.clone(),
                name: Bilingual::new(format!("Room {i}"), ""),
                // From a 20-seat workshop room to a 100-seat hall; a few rooms state no number.
                capacity: if i % 13 == 12 { None } else { Some(20 + (i as u32 % 5) * 20) },
                parallel: i % 10 == 9,
                hours,
            })
            .collect();
        let speakers: Vec<Speaker> = (0..SPEAKERS)
            .map(|i| Speaker {
                version: 1,
                id: Id::new(),
                event_id: event_id.clone(),
                participant_id: None,
                honorific: Bilingual::default(),
                name: Bilingual::new(format!("Person {i}"), ""),
                position: Bilingual::default(),
                organisation: Bilingual::default(),
                country: None,
                email: None,
                bio: Bilingual::default(),
            })
            .collect();
        let per_room_day = SESSIONS / ROOMS / 3 + 1;
        let mut sessions = Vec::with_capacity(SESSIONS);
        let mut assignments = Vec::new();
        'outer: for day in 0..3u32 {
            for (r, room) in rooms.iter().enumerate() {
                for k in 0..per_room_day {
                    if sessions.len() == SESSIONS {
                        break 'outer;
                    }
                    // 08:00 Vienna is 07:00 UTC on the 29th, 06:00 UTC after the change.
                    let base = Utc.with_ymd_and_hms(2025, 3, 29 + day, if day == 0 { 7 } else { 6 }, 0, 0).unwrap();
                    // One room in eight runs a little late, overlapping its next session.
                    let length = if r % 8 == 0 && k % 5 == 0 { 50 } else { 40 };
                    let start = base + chrono::Duration::minutes((k * 45) as i64);
                    let session = Session {
                        version: 1,
                        id: Id::new(),
                        event_id: event_id.clone(),
                        room_id: Some(room.id.clone()),
                        title: Bilingual::new(format!("Session {}", sessions.len()), ""),
                        description: Bilingual::default(),
                        kind: SessionKind::Panel,
                        start,
                        end: start + chrono::Duration::minutes(length),
                    };
                    for _ in 0..1 + next(3) {
                        assignments.push(Assignment {
                            session_id: session.id.clone(),
                            speaker_id: speakers[next(SPEAKERS)].id.clone(),
                            role: Role::ALL[next(Role::ALL.len())],
                        });
                    }
                    sessions.push(session);
                }
            }
        }
        sessions.sort_by_key(|s| s.start);
        let availability = speakers
            .iter()
            .step_by(5)
            .map(|s| Availability {
                speaker_id: s.id.clone(),
                start: Utc.with_ymd_and_hms(2025, 3, 29, 6, 0, 0).unwrap(),
                end: Utc.with_ymd_and_hms(2025, 3, 30, 18, 0, 0).unwrap(),
            })
            .collect();
        // Sign-ups: every fourth session takes them; each participant picks a few of those,
        // a popular tenth of them more often, so some rooms overflow.
        // One in ten participants is not confirmed and does not count.
        use muntada::participants::ParticipantStatus;
        let statuses: Vec<ParticipantStatus> = (0..PARTICIPANTS)
            .map(|i| match i % 10 {
                0 => ParticipantStatus::InterestRegistered,
                1 => ParticipantStatus::CheckedIn,
                _ => ParticipantStatus::Confirmed,
            })
            .collect();
        let open: Vec<usize> = (0..sessions.len()).filter(|i| i % 4 == 0).collect();
        let mut signed_up = Vec::with_capacity(PARTICIPANTS * SIGNUPS_EACH);
        for person in 0..PARTICIPANTS {
            let mut picked: Vec<usize> = Vec::with_capacity(SIGNUPS_EACH);
            while picked.len() < SIGNUPS_EACH {
                // A third of the picks go to the most popular tenth of the open sessions.
                let session = if next(3) == 0 { open[next(open.len() / 10)] } else { open[next(open.len())] };
                if !picked.contains(&session) {
                    picked.push(session);
                }
            }
            signed_up.extend(picked.into_iter().map(|s| (s, person)));
        }
        let mut confirmed = std::collections::BTreeMap::<usize, u32>::new();
        for &(session, person) in &signed_up {
            let counted = matches!(statuses[person], ParticipantStatus::Confirmed | ParticipantStatus::CheckedIn);
            *confirmed.entry(session).or_default() += u32::from(counted);
        }
        let signups = confirmed
            .into_iter()
            .filter(|&(_, n)| n > 0)
            .map(|(s, confirmed)| Signups { session_id: sessions[s].id.clone(), confirmed })
            .collect();
        Data { rooms, sessions, speakers, assignments, availability, statuses, signed_up, signups }
    }
}
