//! The programme: rooms, sessions and the speakers who chair, moderate and speak in them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bilingual::Bilingual;
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::store::Store;
use crate::{country, event, input, time};

macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            /// Accepts the word as written here, in any case, with `-` or `_` or a space.
            pub fn parse(field: &str, value: &str) -> Result<$name> {
                let wanted = value.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                Self::ALL.iter().copied().find(|v| v.as_str() == wanted).ok_or_else(|| {
                    let words: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    Error::invalid(field, Reason::InvalidValue, format!("{value:?} is not one of {}", words.join(", ")))
                })
            }
        }
    };
}
pub(crate) use word_enum;

word_enum!(
    /// What a session is; the timetable colours sessions by kind.
    SessionKind {
        Opening = "opening",
        Plenary = "plenary",
        Panel = "panel",
        Workshop = "workshop",
        SideEvent = "side_event",
        Break = "break",
        Closing = "closing",
    }
);

word_enum!(
    /// The part a person plays in a session.
    Role {
        Chair = "chair",
        Moderator = "moderator",
        Speaker = "speaker",
        Panellist = "panellist",
        Rapporteur = "rapporteur",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Room {
    pub id: Id,
    pub event_id: Id,
    pub name: Bilingual,
    pub capacity: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomInput {
    pub name: Bilingual,
    pub capacity: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub id: Id,
    pub event_id: Id,
    pub room_id: Option<Id>,
    pub title: Bilingual,
    pub description: Bilingual,
    pub kind: SessionKind,
    /// UTC instant; shown in the event's timezone. The interval is half-open: [start, end).
    #[ts(type = "string")]
    pub start: DateTime<Utc>,
    #[ts(type = "string")]
    pub end: DateTime<Utc>,
}

/// A session as typed: times are local wall-clock times of the event, `YYYY-MM-DD HH:MM`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionInput {
    pub room_id: Option<String>,
    pub title: Bilingual,
    pub description: Bilingual,
    pub kind: SessionKind,
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Speaker {
    pub id: Id,
    pub event_id: Id,
    /// The participant record of a speaker who also attends: one person, not two.
    pub participant_id: Option<Id>,
    pub honorific: Bilingual,
    pub name: Bilingual,
    pub position: Bilingual,
    pub organisation: Bilingual,
    pub country: Option<String>,
    pub email: Option<String>,
    pub bio: Bilingual,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpeakerInput {
    pub participant_id: Option<String>,
    pub honorific: Bilingual,
    pub name: Bilingual,
    pub position: Bilingual,
    pub organisation: Bilingual,
    pub country: String,
    pub email: String,
    pub bio: Bilingual,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Assignment {
    pub session_id: Id,
    pub speaker_id: Id,
    pub role: Role,
}

pub fn add_room(store: &mut Store, event_id: &str, room: &RoomInput) -> Result<Room> {
    let event_id = store.events().resolve("event", event_id)?;
    let room = Room {
        id: Id::new(),
        event_id,
        name: room.name.clean_required("name", input::MAX_NAME)?,
        capacity: room.capacity,
    };
    store.write(|tx| tx.rooms().insert(&room))?;
    Ok(room)
}

pub fn add_session(store: &mut Store, event_id: &str, session: &SessionInput) -> Result<Session> {
    let event = event::get(store, event_id).map_err(|e| e.with_field("event"))?;
    let tz = event.tz();
    let start = time::parse_local("start", &session.start, tz)?;
    let end = time::parse_local("end", &session.end, tz)?;
    if end <= start {
        return Err(Error::invalid("end", Reason::EndBeforeStart, "a session must end after it starts"));
    }
    let room_id = given(&session.room_id).map(|room| store.rooms().resolve_in(&event.id, "room", room)).transpose()?;
    let session = Session {
        id: Id::new(),
        event_id: event.id,
        room_id,
        title: session.title.clean_required("title", input::MAX_NAME)?,
        description: session.description.clean_text("description", input::MAX_TEXT)?,
        kind: session.kind,
        start,
        end,
    };
    store.write(|tx| tx.sessions().insert(&session))?;
    Ok(session)
}

pub fn add_speaker(store: &mut Store, event_id: &str, speaker: &SpeakerInput) -> Result<Speaker> {
    let event_id = store.events().resolve("event", event_id)?;
    let participant_id = given(&speaker.participant_id)
        .map(|p| store.participants().resolve_in(&event_id, "participant", p))
        .transpose()?;
    if let Some(participant) = &participant_id {
        if store.speakers().by_participant(participant)?.is_some() {
            return Err(Error::conflict(
                Some("participant"),
                Reason::Duplicate,
                "this participant is already a speaker",
            ));
        }
    }
    let speaker = Speaker {
        id: Id::new(),
        event_id,
        participant_id,
        honorific: speaker.honorific.clean_line("honorific", input::MAX_NAME)?,
        name: speaker.name.clean_required("name", input::MAX_NAME)?,
        position: speaker.position.clean_line("position", input::MAX_NAME)?,
        organisation: speaker.organisation.clean_line("organisation", input::MAX_NAME)?,
        country: country::parse_optional("country", &speaker.country)?,
        email: input::email("email", &speaker.email)?,
        bio: speaker.bio.clean_text("bio", input::MAX_TEXT)?,
    };
    store.write(|tx| tx.speakers().insert(&speaker))?;
    Ok(speaker)
}

/// Gives a speaker a role in a session of the same event. Assigning the same role twice is a no-op.
pub fn assign(store: &mut Store, session_id: &str, speaker_id: &str, role: Role) -> Result<Assignment> {
    let session = store.sessions().get(&store.sessions().resolve("session", session_id)?)?;
    let speaker_id = store.speakers().resolve_in(&session.event_id, "speaker", speaker_id)?;
    let assignment = Assignment { session_id: session.id, speaker_id, role };
    store.write(|tx| tx.sessions().assign(&assignment))?;
    Ok(assignment)
}

/// The event's sessions in time order.
pub fn sessions(store: &Store, event_id: &str) -> Result<Vec<Session>> {
    let event_id = store.events().resolve("event", event_id)?;
    store.sessions().list(&event_id)
}

pub fn speakers(store: &Store, event_id: &str) -> Result<Vec<Speaker>> {
    let event_id = store.events().resolve("event", event_id)?;
    store.speakers().list(&event_id)
}

/// An optional id as typed: blank means none.
pub(crate) fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(SessionKind::parse("kind", "Side-Event").unwrap(), SessionKind::SideEvent);
        assert_eq!(Role::parse("role", "panellist").unwrap(), Role::Panellist);
        let err = Role::parse("role", "keynote").unwrap_err();
        assert_eq!((err.field.as_deref(), err.reason), (Some("role"), Reason::InvalidValue));
        assert!(err.message.contains("chair, moderator"));
    }
}
