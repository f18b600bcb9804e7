//! The programme: rooms, sessions and the speakers who chair, moderate and speak in them; the
//! conflicts between them (`conflicts`), frozen releases and what changed (`release`).

pub mod conflicts;
pub mod edition;
pub mod ical;
pub mod model;
pub mod release;
pub mod schedule_json;
pub mod schedule_xml;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bilingual::Bilingual;
use crate::error::{Error, Problems, Reason, Result};
use crate::id::Id;
use crate::input::given;
use crate::store::{Store, Tx};
use crate::{country, event, input, time};

pub use model::*;

pub fn add_room(tx: &Tx<'_>, event_id: &Id, room: &RoomInput) -> Result<Room> {
    let event_id = tx.events().resolve("event", event_id.as_str())?;
    let room = room.checked(Id::new(), event_id)?;
    tx.rooms().insert(&room)?;
    Ok(room)
}

/// Changes a room's names, seats, whether sessions may overlap in it and its opening hours.
/// The conflicts follow on the next check; nothing is written if any field is wrong, or if the
/// room changed since `version` (the one the form was filled from).
pub fn update_room(
    tx: &Tx<'_>,
    room_id: &Id,
    version: Option<u32>,
    room: &RoomInput,
    now: DateTime<Utc>,
) -> Result<Room> {
    let current = tx.rooms().get(&tx.rooms().resolve("id", room_id.as_str())?)?;
    tx.rooms().expect_version(&current, version)?;
    let room = room.checked(current.id.clone(), current.event_id.clone())?;
    tx.rooms().update(&current, &room, now)
}

/// Deletes a room. Refused while sessions are in it, saying how many: moving them is a choice
/// for a person (another room, or none), not something a deletion should do quietly.
pub fn delete_room(tx: &Tx<'_>, room_id: &Id) -> Result<Room> {
    let room = tx.rooms().get(&tx.rooms().resolve("id", room_id.as_str())?)?;
    let sessions = tx.rooms().sessions(&room.id)?;
    if sessions > 0 {
        return Err(Error::conflict(
            Some("id"),
            Reason::InUse,
            format!(
                "{sessions} session{} in this room: move {} to another room first",
                if sessions == 1 { " is" } else { "s are" },
                if sessions == 1 { "it" } else { "them" },
            ),
        ));
    }
    tx.rooms().delete(&room.id)?;
    Ok(room)
}

pub fn add_session(tx: &Tx<'_>, event_id: &Id, session: &SessionInput) -> Result<Session> {
    let event = tx.events().get(&tx.events().resolve("event", event_id.as_str())?)?;
    let session = checked_session(tx, &event, Id::new(), session)?;
    tx.sessions().insert(&session)?;
    Ok(session)
}

/// Replaces what a session says (titles, description, kind, room and times); checked as a new
/// one is, and nothing is written if any part is wrong or the session changed since `version`
/// (the one the form was filled from). Its people stay.
pub fn update_session(
    tx: &Tx<'_>,
    session_id: &Id,
    version: Option<u32>,
    session: &SessionInput,
    now: DateTime<Utc>,
) -> Result<Session> {
    let current = tx.sessions().get(&tx.sessions().resolve("id", session_id.as_str())?)?;
    tx.sessions().expect_version(&current, version)?;
    let event = tx.events().get(&current.event_id)?;
    let session = checked_session(tx, &event, current.id.clone(), session)?;
    tx.sessions().update(&current, &session, now)
}

/// Removes a session with its people; pledges announced in it keep their record, without the
/// session, and that change is in each pledge's history. Refused while an adopted version of
/// the outcome document cites the session: what was adopted is not rewritten.
pub fn delete_session(tx: &Tx<'_>, session_id: &Id, now: DateTime<Utc>) -> Result<()> {
    let session = tx.sessions().get(&tx.sessions().resolve("id", session_id.as_str())?)?;
    let adopted = tx.outcome().adopted_citing(&session.id)?;
    if !adopted.is_empty() {
        let versions = adopted.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
        return Err(Error::conflict(
            Some("id"),
            Reason::InUse,
            format!(
                "the adopted outcome document cites this session (version{} {versions}): it cannot be deleted; \
                 move or rename it instead",
                if adopted.len() == 1 { "" } else { "s" },
            ),
        ));
    }
    for pledge in tx.pledges().list(&session.event_id)? {
        if pledge.session_id.as_ref() == Some(&session.id) {
            let after = crate::pledges::Pledge { session_id: None, ..pledge.clone() };
            tx.pledges().replace(&pledge, &after, now)?;
        }
    }
    tx.sessions().delete(&session.id)
}

/// A session as typed, checked against its event: local times that exist, an end after the
/// start, a room of the same event.
fn checked_session(tx: &Tx<'_>, event: &event::Event, id: Id, session: &SessionInput) -> Result<Session> {
    let tz = event.tz();
    // Every field is checked, so that the panel can show all its problems at once.
    let mut problems = Problems::default();
    let title = problems.check(session.title.clean_required("title", input::MAX_NAME));
    let description = problems.check(session.description.clean_text("description", input::MAX_TEXT));
    let start = problems.check(time::parse_local("start", &session.start, tz));
    let end = problems.check(time::parse_local("end", &session.end, tz));
    if let (Some(start), Some(end)) = (start, end) {
        if end <= start {
            problems.note(Error::invalid("end", Reason::EndBeforeStart, "a session must end after it starts"));
        }
    }
    let room_id = problems.check(
        given(session.room_id.as_deref()).map(|room| tx.rooms().resolve_in(&event.id, "room", room)).transpose(),
    );
    problems.finish()?;
    let (Some(title), Some(description), Some(start), Some(end), Some(room_id)) =
        (title, description, start, end, room_id)
    else {
        return Err(Error::internal("a session field passed its check without a value"));
    };
    Ok(Session {
        id,
        event_id: event.id.clone(),
        room_id,
        title,
        description,
        kind: session.kind,
        start,
        end,
        version: 1,
    })
}

pub fn add_speaker(tx: &Tx<'_>, event_id: &Id, speaker: &SpeakerInput) -> Result<Speaker> {
    let event_id = tx.events().resolve("event", event_id.as_str())?;
    let speaker = checked_speaker(tx, &event_id, Id::new(), speaker)?;
    tx.speakers().insert(&speaker)?;
    Ok(speaker)
}

/// Rewrites a speaker's profile; checked as a new one is, nothing written if any part is wrong
/// or the speaker changed since `version` (the one the form was filled from).
pub fn update_speaker(
    tx: &Tx<'_>,
    speaker_id: &Id,
    version: Option<u32>,
    speaker: &SpeakerInput,
    now: DateTime<Utc>,
) -> Result<Speaker> {
    let current = tx.speakers().get(&tx.speakers().resolve("id", speaker_id.as_str())?)?;
    tx.speakers().expect_version(&current, version)?;
    let speaker = checked_speaker(tx, &current.event_id, current.id.clone(), speaker)?;
    tx.speakers().update(&current, &speaker, now)
}

/// A speaker as typed, checked: a name, a known country, an e-mail address, and a participant
/// of the same event who is not already another speaker.
fn checked_speaker(tx: &Tx<'_>, event_id: &Id, id: Id, speaker: &SpeakerInput) -> Result<Speaker> {
    let participant_id = given(speaker.participant_id.as_deref())
        .map(|p| tx.participants().resolve_in(event_id, "participant", p))
        .transpose()?;
    if let Some(participant) = &participant_id {
        if tx.speakers().by_participant(participant)?.is_some_and(|other| other.id != id) {
            return Err(Error::conflict(
                Some("participant"),
                Reason::Duplicate,
                "this participant is already a speaker",
            ));
        }
    }
    Ok(Speaker {
        id,
        event_id: event_id.clone(),
        participant_id,
        honorific: speaker.honorific.clean_line("honorific", input::MAX_NAME)?,
        name: speaker.name.clean_required("name", input::MAX_NAME)?,
        position: speaker.position.clean_line("position", input::MAX_NAME)?,
        organisation: speaker.organisation.clean_line("organisation", input::MAX_NAME)?,
        country: country::parse_optional("country", &speaker.country)?,
        email: input::email("email", &speaker.email)?,
        bio: speaker.bio.clean_text("bio", input::MAX_TEXT)?,
        version: 1,
    })
}

/// A participant who could speak: enough to recognise them in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpeakerCandidate {
    pub participant_id: Id,
    pub name: Bilingual,
    pub organisation: Bilingual,
    pub country: Option<String>,
}

/// Most candidates a search gives.
const CANDIDATES: usize = 20;

/// The event's participants matching `query` (names in both scripts, e-mail, organisation) who
/// are not speakers yet.
pub fn speaker_candidates(store: &Store, event_id: &str, query: &str) -> Result<Vec<SpeakerCandidate>> {
    let event_id = store.events().resolve("event", event_id)?;
    let speaking: std::collections::HashSet<Id> =
        store.speakers().list(&event_id)?.into_iter().filter_map(|s| s.participant_id).collect();
    let (people, _) = crate::participants::search(store, event_id.as_str(), query, CANDIDATES + speaking.len())?;
    Ok(people
        .into_iter()
        .filter(|p| !speaking.contains(&p.id))
        .take(CANDIDATES)
        .map(|p| SpeakerCandidate {
            participant_id: p.id,
            name: p.name,
            organisation: p.organisation,
            country: p.country,
        })
        .collect())
}

/// Makes a participant a speaker without retyping: name, organisation, country and e-mail come
/// from their registration; the rest of the profile is filled in later.
pub fn speaker_from_participant(tx: &Tx<'_>, event_id: &Id, participant_id: &Id) -> Result<Speaker> {
    let event_id = tx.events().resolve("event", event_id.as_str())?;
    let participant =
        tx.participants().get(&tx.participants().resolve_in(&event_id, "participant", participant_id.as_str())?)?;
    let input = SpeakerInput {
        participant_id: Some(participant.id.to_string()),
        name: participant.name,
        organisation: participant.organisation,
        country: participant.country.unwrap_or_default(),
        email: participant.email.unwrap_or_default(),
        ..SpeakerInput::default()
    };
    add_speaker(tx, &event_id, &input)
}

/// Gives a speaker a role in a session of the same event. Assigning the same role twice is a no-op.
pub fn assign(tx: &Tx<'_>, session_id: &Id, speaker_id: &Id, role: Role) -> Result<Assignment> {
    let session = tx.sessions().get(&tx.sessions().resolve("session", session_id.as_str())?)?;
    let speaker_id = tx.speakers().resolve_in(&session.event_id, "speaker", speaker_id.as_str())?;
    let assignment = Assignment { session_id: session.id, speaker_id, role };
    tx.sessions().assign(&assignment)?;
    Ok(assignment)
}

/// Takes a role away from a speaker in a session; taking one they do not have is an error
/// naming the role.
pub fn unassign(tx: &Tx<'_>, session_id: &Id, speaker_id: &Id, role: Role) -> Result<()> {
    let session = tx.sessions().get(&tx.sessions().resolve("session", session_id.as_str())?)?;
    let speaker_id = tx.speakers().resolve_in(&session.event_id, "speaker", speaker_id.as_str())?;
    let assignment = Assignment { session_id: session.id, speaker_id, role };
    if tx.sessions().unassign(&assignment)? {
        Ok(())
    } else {
        Err(Error::invalid("role", Reason::NotFound, "this speaker does not have this role in the session"))
    }
}

/// Signs a participant up for a session of their event. The conflict check then compares the
/// session's confirmed sign-ups with its room's seats.
pub fn sign_up(tx: &Tx<'_>, session_id: &Id, participant_id: &Id) -> Result<()> {
    let session = tx.sessions().get(&tx.sessions().resolve("id", session_id.as_str())?)?;
    let participant = tx.participants().resolve_in(&session.event_id, "participant", participant_id.as_str())?;
    tx.sessions().sign_up(&session.id, &participant)
}

/// Takes a participant off a session's sign-ups. Nothing is written if they were not on them.
pub fn remove_sign_up(tx: &Tx<'_>, session_id: &Id, participant_id: &Id) -> Result<()> {
    let session = tx.sessions().get(&tx.sessions().resolve("id", session_id.as_str())?)?;
    let participant = tx.participants().resolve_in(&session.event_id, "participant", participant_id.as_str())?;
    if tx.sessions().remove_sign_up(&session.id, &participant)? {
        Ok(())
    } else {
        Err(Error::invalid("participant", Reason::NotFound, "this participant is not signed up for the session"))
    }
}

/// Who signed up for a session, and how many of them count against its room's seats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignUps {
    pub session_id: Id,
    /// The seats of the session's room; none when it has no room or the room no number.
    pub capacity: Option<u32>,
    /// Those confirmed or checked in: the ones the conflict check counts.
    pub confirmed: u32,
    /// Everyone signed up, by name.
    pub participants: Vec<crate::participants::Participant>,
}

/// The sign-ups of a session, against its room's seats.
pub fn sign_ups(store: &Store, session_id: &str) -> Result<SignUps> {
    use crate::participants::ParticipantStatus;
    let session = store.sessions().get(&store.sessions().resolve("id", session_id)?)?;
    let capacity = match &session.room_id {
        Some(room) => store.rooms().get(room)?.capacity,
        None => None,
    };
    let mut participants = store
        .sessions()
        .signed_up(&session.id)?
        .iter()
        .map(|id| store.participants().get(id))
        .collect::<Result<Vec<_>>>()?;
    participants.sort_by(|a, b| (&a.name.en, &a.name.ar).cmp(&(&b.name.en, &b.name.ar)));
    let confirmed = participants
        .iter()
        .filter(|p| matches!(p.status, ParticipantStatus::Confirmed | ParticipantStatus::CheckedIn))
        .count() as u32;
    Ok(SignUps { session_id: session.id, capacity, confirmed, participants })
}

/// Who plays which part in each of the event's sessions, in the order of the sessions.
pub fn assignments(store: &Store, event_id: &str) -> Result<Vec<Assignment>> {
    let event_id = store.events().resolve("event", event_id)?;
    store.sessions().assignments(&event_id)
}

/// Where a session goes, as typed: local times of the event; no end keeps its length, no room
/// keeps its room.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionMove {
    pub start: String,
    pub end: Option<String>,
    pub room_id: Option<String>,
}

/// Moves a session to another time and/or room of its event. Nothing is written if any part is
/// wrong (a local time the clocks skip, an end before the start, a room of another event).
pub fn move_session(tx: &Tx<'_>, session_id: &Id, to: &SessionMove, now: DateTime<Utc>) -> Result<Session> {
    let current = tx.sessions().get(&tx.sessions().resolve("id", session_id.as_str())?)?;
    let event = tx.events().get(&current.event_id)?;
    let tz = event.tz();
    let start = time::parse_local("start", &to.start, tz)?;
    let end = match given(to.end.as_deref()) {
        Some(end) => time::parse_local("end", end, tz)?,
        None => start + (current.end - current.start),
    };
    if end <= start {
        return Err(Error::invalid("end", Reason::EndBeforeStart, "a session must end after it starts"));
    }
    let room_id = match given(to.room_id.as_deref()) {
        Some(room) => Some(tx.rooms().resolve_in(&event.id, "room", room)?),
        None => current.room_id.clone(),
    };
    let moved = Session { start, end, room_id, ..current.clone() };
    tx.sessions().reschedule(&current, &moved, now)
}

/// Records a time a speaker can be there (local times of the event). Once a speaker has any,
/// sessions outside them are conflicts.
pub fn add_availability(tx: &Tx<'_>, speaker_id: &Id, start: &str, end: &str) -> Result<Availability> {
    let speaker = tx.speakers().get(&tx.speakers().resolve("speaker", speaker_id.as_str())?)?;
    let tz = tx.events().get(&speaker.event_id)?.tz();
    let (start, end) = (time::parse_local("start", start, tz)?, time::parse_local("end", end, tz)?);
    if end <= start {
        return Err(Error::invalid("end", Reason::EndBeforeStart, "the end is not after the start"));
    }
    let availability = Availability { speaker_id: speaker.id, start, end };
    tx.speakers().add_availability(&availability)?;
    Ok(availability)
}

/// A speaker's stated times, in time order.
pub fn availability(store: &Store, speaker_id: &str) -> Result<Vec<Availability>> {
    let speaker = store.speakers().resolve("speaker", speaker_id)?;
    store.speakers().availability_of(&speaker)
}

/// Takes back the time a speaker stated from `start` (an RFC 3339 instant, as listed).
pub fn remove_availability(tx: &Tx<'_>, speaker_id: &Id, start: &str) -> Result<()> {
    let speaker = tx.speakers().resolve("speaker", speaker_id.as_str())?;
    let start = DateTime::parse_from_rfc3339(start.trim())
        .map_err(|_| Error::invalid("start", Reason::InvalidTime, format!("{start:?} is not an instant")))?
        .to_utc();
    if tx.speakers().remove_availability(&speaker, start)? {
        Ok(())
    } else {
        Err(Error::invalid("start", Reason::NotFound, "the speaker stated no time from then"))
    }
}

/// The least time, in minutes, one person needs between sessions in two rooms (0: none).
pub fn travel_buffer(store: &Store, event_id: &str) -> Result<u32> {
    let event_id = store.events().resolve("event", event_id)?;
    store.programme_settings().travel_buffer(&event_id)
}

/// Most minutes the travel buffer may be: one day.
const MAX_TRAVEL_BUFFER: u32 = 24 * 60;

/// Sets the least time, in minutes, one person needs between sessions in two rooms (0: none).
pub fn set_travel_buffer(tx: &Tx<'_>, event_id: &Id, minutes: u32) -> Result<()> {
    let event_id = tx.events().resolve("event", event_id.as_str())?;
    if minutes > MAX_TRAVEL_BUFFER {
        return Err(Error::invalid("minutes", Reason::InvalidValue, format!("at most {MAX_TRAVEL_BUFFER} minutes")));
    }
    tx.programme_settings().set_travel_buffer(&event_id, minutes)
}

/// The event's programme as iCalendar text: the draft, or the release called `release`; all
/// sessions, or those `speaker` has a role in.
pub fn export_ical(
    store: &Store,
    event_id: &str,
    release: &str,
    speaker: Option<&str>,
    stamp: DateTime<Utc>,
) -> Result<String> {
    let event = event::get(store, event_id).map_err(|e| e.with_field("event"))?;
    let snapshot = release::snapshot(store, &event.id, "release", release)?;
    let speaker = speaker.map(|s| store.speakers().resolve_in(&event.id, "speaker", s)).transpose()?;
    Ok(ical::calendar(&event, &snapshot, speaker.as_ref(), stamp))
}

/// The event's programme (draft or release) as frab/pretalx schedule JSON text.
pub fn export_schedule_json(store: &Store, event_id: &str, release: &str) -> Result<String> {
    let event = event::get(store, event_id).map_err(|e| e.with_field("event"))?;
    let snapshot = release::snapshot(store, &event.id, "release", release)?;
    serde_json::to_string_pretty(&schedule_json::schedule(&event, &snapshot, release.trim()))
        .map_err(|e| Error::internal(e.to_string()))
}

/// The event's programme (draft or release) as frab schedule XML text: the same schedule as the
/// JSON, in the XML that conference apps and pretalx's importer read.
pub fn export_schedule_xml(store: &Store, event_id: &str, release: &str) -> Result<String> {
    let event = event::get(store, event_id).map_err(|e| e.with_field("event"))?;
    let snapshot = release::snapshot(store, &event.id, "release", release)?;
    schedule_xml::render(&schedule_json::schedule(&event, &snapshot, release.trim()))
        .map_err(|e| Error::internal(format!("cannot write the schedule XML: {e}")))
}

/// The event's sessions in time order.
pub fn sessions(store: &Store, event_id: &str) -> Result<Vec<Session>> {
    let event_id = store.events().resolve("event", event_id)?;
    store.sessions().list(&event_id)
}

/// The event's rooms by name.
pub fn rooms(store: &Store, event_id: &str) -> Result<Vec<Room>> {
    let event_id = store.events().resolve("event", event_id)?;
    store.rooms().list(&event_id)
}

pub fn speakers(store: &Store, event_id: &str) -> Result<Vec<Speaker>> {
    let event_id = store.events().resolve("event", event_id)?;
    store.speakers().list(&event_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn room_input(name: &str, capacity: Option<u32>, opens: &str, closes: &str) -> RoomInput {
        RoomInput {
            name: Bilingual::new(name, ""),
            capacity,
            parallel: false,
            opens: Some(opens.into()),
            closes: Some(closes.into()),
        }
    }

    #[test]
    fn updating_a_room() {
        let mut store = crate::store::testing::store();
        let now = chrono::DateTime::parse_from_rfc3339("2025-01-10T09:00:00Z").unwrap().to_utc();
        let event = crate::demo::load(&mut store, now).unwrap();
        let room = rooms(&store, event.id.as_str()).unwrap().remove(0);
        let mut input = room_input("Poster area", Some(40), "08:00", "18:00");
        input.parallel = true;
        let updated = store.write(|tx| update_room(tx, &room.id, None, &input, Utc::now())).unwrap();
        assert_eq!(store.rooms().get(&room.id).unwrap(), updated);
        assert_eq!((updated.name.en.as_str(), updated.capacity, updated.parallel), ("Poster area", Some(40), true));
        assert_eq!(updated.hours.unwrap().opens.to_string(), "08:00:00");
        assert_eq!(updated.event_id, room.event_id);

        // Each bad field is named and nothing is written.
        for (bad, field) in [
            (room_input("", Some(40), "08:00", "18:00"), "name"),
            (room_input("Hall", Some(0), "08:00", "18:00"), "capacity"),
            (room_input("Hall", None, "18:00", "08:00"), "closes"),
            (room_input("Hall", None, "8 o'clock", "18:00"), "opens"),
            (room_input("Hall", None, "", "18:00"), "opens"),
        ] {
            let err = store.write(|tx| update_room(tx, &room.id, None, &bad, Utc::now())).unwrap_err();
            assert_eq!(err.field.as_deref(), Some(field), "{bad:?}");
            assert_eq!(store.rooms().get(&room.id).unwrap(), updated);
        }
        let err = store.write(|tx| update_room(tx, &crate::id::Id::new(), None, &input, Utc::now())).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("id"));
        // Clearing the hours and the seats.
        let open = RoomInput { opens: None, closes: None, capacity: None, ..input };
        let cleared = store.write(|tx| update_room(tx, &room.id, None, &open, Utc::now())).unwrap();
        assert_eq!((cleared.hours, cleared.capacity), (None, None));
    }

    /// The panel and the dialog show every field's problem at once: the checks go on past the first.
    #[test]
    fn every_problem_of_a_session_or_a_room_is_named() {
        let mut store = crate::store::testing::store();
        let now = chrono::DateTime::parse_from_rfc3339("2025-01-10T09:00:00Z").unwrap().to_utc();
        let event = crate::demo::load(&mut store, now).unwrap();
        let named = |e: Error| e.problems.into_iter().map(|p| (p.field, p.reason.as_str())).collect::<Vec<_>>();
        let session = SessionInput {
            room_id: None,
            title: Bilingual::default(),
            description: Bilingual::default(),
            kind: SessionKind::Panel,
            start: String::new(),
            end: "2024-05-21 25:00".into(),
        };
        let err = store.write(|tx| add_session(tx, &event.id, &session)).unwrap_err();
        assert_eq!(
            named(err),
            [("title".to_owned(), "required"), ("start".to_owned(), "required"), ("end".to_owned(), "invalid_time")]
        );
        let mut room = room_input("", Some(0), "8 o'clock", "18:00");
        room.name = Bilingual::default();
        let err = store.write(|tx| add_room(tx, &event.id, &room)).unwrap_err();
        assert_eq!(
            named(err),
            [
                ("name".to_owned(), "required"),
                ("capacity".to_owned(), "invalid_value"),
                ("opens".to_owned(), "invalid_time")
            ]
        );
    }

    #[test]
    fn availability_and_travel_buffer() {
        let mut store = crate::store::testing::store();
        let now = chrono::DateTime::parse_from_rfc3339("2025-01-10T09:00:00Z").unwrap().to_utc();
        let event = crate::demo::load(&mut store, now).unwrap();
        let speaker = speakers(&store, event.id.as_str()).unwrap().remove(0);
        let sp = speaker.id.as_str();
        let before = availability(&store, sp).unwrap();
        let a = store
            .write(|tx| {
                add_availability(tx, &crate::id::Id::parse("id", sp).unwrap(), "2024-05-21 09:00", "2024-05-21 12:00")
            })
            .unwrap();
        assert!(availability(&store, sp).unwrap().contains(&a));
        let start = a.start.to_rfc3339();
        for (bad, field) in [("yesterday", "start"), ("2024-05-21T05:00:00Z", "start")] {
            let err =
                store.write(|tx| remove_availability(tx, &crate::id::Id::parse("id", sp).unwrap(), bad)).unwrap_err();
            assert_eq!(err.field.as_deref(), Some(field), "{bad}");
        }
        assert_eq!(
            store.write(|tx| remove_availability(tx, &crate::id::Id::new(), &start)).unwrap_err().field.as_deref(),
            Some("speaker")
        );
        store.write(|tx| remove_availability(tx, &crate::id::Id::parse("id", sp).unwrap(), &start)).unwrap();
        assert_eq!(availability(&store, sp).unwrap(), before);

        assert_eq!(travel_buffer(&store, event.id.as_str()).unwrap(), 0);
        store.write(|tx| set_travel_buffer(tx, &event.id, 15)).unwrap();
        assert_eq!(travel_buffer(&store, event.id.as_str()).unwrap(), 15);
        assert!(store.write(|tx| set_travel_buffer(tx, &event.id, 24 * 60 + 1)).is_err());
        assert_eq!(travel_buffer(&store, event.id.as_str()).unwrap(), 15);
    }

    #[test]
    fn words() {
        assert_eq!(SessionKind::parse("kind", "Side-Event").unwrap(), SessionKind::SideEvent);
        assert_eq!(Role::parse("role", "panellist").unwrap(), Role::Panellist);
        let err = Role::parse("role", "keynote").unwrap_err();
        assert_eq!((err.field.as_deref(), err.reason), (Some("role"), Reason::InvalidValue));
        assert!(err.message.contains("chair, moderator"));
    }
}
