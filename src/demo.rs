//! The demo forum (`assets/demo/forum.json`): a two-day forum in Doha with its programme,
//! speakers, ~60 participants and Qatar's pledge, for trying the app and for tests.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::bilingual::Bilingual;
use crate::error::{Error, Result};
use crate::event::{self, Event, EventInput};
use crate::id::Id;
use crate::participants::{self, ParticipantInput, ParticipantStatus};
use crate::pledges::{self, PledgeInput, PledgeKind, PledgeStatus, Schedule, ScheduleRange, StageChange};
use crate::programme::{self, Role, RoomInput, SessionInput, SessionKind, SpeakerInput};
use crate::store::{Store, Tx};

const FORUM: &str = include_str!("../assets/demo/forum.json");

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Forum {
    event: DemoEvent,
    rooms: Vec<DemoRoom>,
    sessions: Vec<DemoSession>,
    speakers: Vec<DemoSpeaker>,
    assignments: Vec<DemoAssignment>,
    participants: Vec<DemoParticipant>,
    pledges: Vec<DemoPledge>,
}

#[derive(Deserialize)]
struct DemoEvent {
    id: String,
    #[serde(flatten)]
    input: EventInput,
}

#[derive(Deserialize)]
struct DemoRoom {
    key: String,
    #[serde(flatten)]
    input: RoomInput,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DemoSession {
    key: String,
    room: Option<String>,
    title: Bilingual,
    description: Bilingual,
    kind: SessionKind,
    start: String,
    end: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DemoSpeaker {
    key: String,
    honorific: Bilingual,
    name: Bilingual,
    position: Bilingual,
    organisation: Bilingual,
    country: String,
    email: String,
    bio: Bilingual,
}

#[derive(Deserialize)]
struct DemoAssignment {
    session: String,
    speaker: String,
    role: Role,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DemoParticipant {
    name: Bilingual,
    email: String,
    phone: String,
    organisation: Bilingual,
    country: String,
    category: String,
    status: ParticipantStatus,
    speaker: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DemoPledge {
    donor: Bilingual,
    recipient: Bilingual,
    currency: String,
    amount_per_year: String,
    from_year: i32,
    to_year: i32,
    status: PledgeStatus,
    session: Option<String>,
    speaker: Option<String>,
    /// The country of the delegation that announced it.
    delegation: Option<String>,
    notes: String,
}

/// The demo event's id: loading the demo again opens the copy already there.
pub fn event_id() -> Id {
    Id::parse("demo", &forum().map(|f| f.event.id).unwrap_or_default()).unwrap_or_default()
}

fn forum() -> Result<Forum> {
    serde_json::from_str(FORUM).map_err(|e| Error::internal(format!("the demo forum data is damaged: {e}")))
}

/// Loads the demo forum in one transaction, or returns it when it is already there.
pub fn load(store: &mut Store, now: DateTime<Utc>) -> Result<Event> {
    let forum = forum()?;
    let id = Id::parse("demo", &forum.event.id)?;
    if store.events().exists(&id)? {
        return store.events().get(&id);
    }
    store.write(|tx| write(tx, &forum, id.clone(), now))
}

fn write(tx: &Tx<'_>, forum: &Forum, id: Id, now: DateTime<Utc>) -> Result<Event> {
    let event = event::create_with_id(tx, id, &forum.event.input, now)?;
    let eid = &event.id;
    let key = |map: &HashMap<&str, Id>, k: &str| -> Result<String> {
        map.get(k).map(|id| id.to_string()).ok_or_else(|| Error::internal(format!("demo data names unknown key {k:?}")))
    };
    let mut rooms = HashMap::new();
    for room in &forum.rooms {
        rooms.insert(room.key.as_str(), programme::add_room(tx, eid, &room.input)?.id);
    }
    let mut sessions = HashMap::new();
    for s in &forum.sessions {
        let input = SessionInput {
            room_id: s.room.as_deref().map(|r| key(&rooms, r)).transpose()?,
            title: s.title.clone(),
            description: s.description.clone(),
            kind: s.kind,
            start: s.start.clone(),
            end: s.end.clone(),
        };
        sessions.insert(s.key.as_str(), programme::add_session(tx, eid, &input)?.id);
    }
    let mut attendees = HashMap::new();
    for p in &forum.participants {
        let input = ParticipantInput {
            name: p.name.clone(),
            email: p.email.clone(),
            phone: p.phone.clone(),
            organisation: p.organisation.clone(),
            country: p.country.clone(),
            category: p.category.clone(),
            status: p.status,
            consent: true,
            ..ParticipantInput::default()
        };
        let participant = participants::add(tx, eid, &input, now)?;
        if let Some(speaker) = &p.speaker {
            attendees.insert(speaker.as_str(), participant.id);
        }
    }
    participants::delegation::demo(tx, eid, now)?;
    let mut speakers = HashMap::new();
    for s in &forum.speakers {
        let input = SpeakerInput {
            participant_id: attendees.get(s.key.as_str()).map(Id::to_string),
            honorific: s.honorific.clone(),
            name: s.name.clone(),
            position: s.position.clone(),
            organisation: s.organisation.clone(),
            country: s.country.clone(),
            email: s.email.clone(),
            bio: s.bio.clone(),
        };
        speakers.insert(s.key.as_str(), programme::add_speaker(tx, eid, &input)?.id);
    }
    for a in &forum.assignments {
        let (session, speaker) = (&sessions[a.session.as_str()], &speakers[a.speaker.as_str()]);
        programme::assign(tx, session, speaker, a.role)?;
    }
    for p in &forum.pledges {
        let input = PledgeInput {
            donors: vec![p.donor.clone()],
            recipient: p.recipient.clone(),
            purpose: Bilingual::default(),
            kind: PledgeKind::Financial,
            in_kind: String::new(),
            currency: p.currency.clone(),
            schedule: Schedule::PerYear(ScheduleRange {
                amount: p.amount_per_year.clone(),
                from_year: p.from_year,
                to_year: p.to_year,
            }),
            rate: None,
            session_id: p.session.as_deref().map(|k| key(&sessions, k)).transpose()?,
            speaker_id: p.speaker.as_deref().map(|k| key(&speakers, k)).transpose()?,
            delegation_id: match &p.delegation {
                Some(country) => Some(delegation_of(tx, eid, country)?),
                None => None,
            },
            notes: p.notes.clone(),
        };
        let pledge = pledges::add(tx, eid, &input, now)?;
        if p.status != PledgeStatus::Announced {
            let change = StageChange { to: p.status, year: None, amount: None, date: None, reason: String::new() };
            pledges::stage(tx, &pledge.id, &change, now)?;
        }
    }
    crate::outcome::demo::load(tx, &event.id, now)?;
    Ok(event)
}

/// The id of the demo's delegation for `country` (one per member state).
fn delegation_of(tx: &Tx<'_>, event_id: &Id, country: &str) -> Result<String> {
    tx.delegations()
        .list(event_id)?
        .into_iter()
        .find(|d| d.country.as_deref() == Some(country))
        .map(|d| d.id.to_string())
        .ok_or_else(|| Error::internal(format!("the demo forum has no delegation for {country}")))
}
