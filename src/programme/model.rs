//! The programme's model: rooms, sessions, speakers and their roles, as typed and as kept, with
//! the checks that need no other record. Plain data and rules, no I/O: the store reads and
//! writes these types, the operations decide with them.

use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bilingual::Bilingual;
use crate::error::{Error, Problems, Reason, Result};
use crate::id::Id;
use crate::input;
use crate::word::word_enum;

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

impl Role {
    /// The role as the programme prints it.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        let (en, ar) = match self {
            Role::Chair => ("Chair", "رئيس الجلسة"),
            Role::Moderator => ("Moderator", "مدير الحوار"),
            Role::Speaker => ("Speaker", "متحدث"),
            Role::Panellist => ("Panellist", "عضو الفريق"),
            Role::Rapporteur => ("Rapporteur", "المقرر"),
        };
        match lang {
            crate::Lang::En => en,
            crate::Lang::Ar => ar,
        }
    }
}

impl SessionKind {
    /// The kind as the programme prints it.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        let (en, ar) = match self {
            SessionKind::Opening => ("Opening", "الافتتاح"),
            SessionKind::Plenary => ("Plenary", "جلسة عامة"),
            SessionKind::Panel => ("Panel", "حلقة نقاش"),
            SessionKind::Workshop => ("Workshop", "ورشة عمل"),
            SessionKind::SideEvent => ("Side event", "فعالية جانبية"),
            SessionKind::Break => ("Break", "استراحة"),
            SessionKind::Closing => ("Closing", "الختام"),
        };
        match lang {
            crate::Lang::En => en,
            crate::Lang::Ar => ar,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Room {
    pub id: Id,
    pub event_id: Id,
    pub name: Bilingual,
    pub capacity: Option<u32>,
    /// Sessions may overlap here (a poster area, an exhibition space).
    #[serde(default)]
    pub parallel: bool,
    /// Daily opening hours in the event's local time; none = open all day.
    #[serde(default)]
    pub hours: Option<OpeningHours>,
    /// Raised by every change to the record: a form sends back the one it was filled from.
    #[serde(default = "crate::id::first_version")]
    pub version: u32,
}

/// A room's daily opening hours, local wall-clock times of the event; `opens < closes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpeningHours {
    #[ts(type = "string")]
    pub opens: NaiveTime,
    #[ts(type = "string")]
    pub closes: NaiveTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomInput {
    pub name: Bilingual,
    pub capacity: Option<u32>,
    #[serde(default)]
    pub parallel: bool,
    /// `HH:MM`, local time of the event; give both or neither.
    #[serde(default)]
    pub opens: Option<String>,
    #[serde(default)]
    pub closes: Option<String>,
}

impl OpeningHours {
    /// Both times or neither, each `HH:MM`, closing after opening.
    pub fn parse(opens: Option<&str>, closes: Option<&str>) -> Result<Option<OpeningHours>> {
        let time = |field: &str, value: &str| {
            NaiveTime::parse_from_str(&crate::input::latin_digits(value.trim()), "%H:%M")
                .map_err(|_| Error::invalid(field, Reason::InvalidTime, format!("{value:?} is not a time HH:MM")))
        };
        fn blank(v: Option<&str>) -> Option<&str> {
            v.map(str::trim).filter(|v| !v.is_empty())
        }
        match (blank(opens), blank(closes)) {
            (None, None) => Ok(None),
            (Some(_), None) => Err(Error::invalid("closes", Reason::Required, "give the closing time too")),
            (None, Some(_)) => Err(Error::invalid("opens", Reason::Required, "give the opening time too")),
            (Some(o), Some(c)) => {
                let (opens, closes) = (time("opens", o)?, time("closes", c)?);
                if closes <= opens {
                    return Err(Error::invalid("closes", Reason::EndBeforeStart, "a room must close after it opens"));
                }
                Ok(Some(OpeningHours { opens, closes }))
            }
        }
    }
}

/// A time a speaker said they can be there: UTC instants, half-open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Availability {
    pub speaker_id: Id,
    #[ts(type = "string")]
    pub start: DateTime<Utc>,
    #[ts(type = "string")]
    pub end: DateTime<Utc>,
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
    /// Raised by every change to the record: a form sends back the one it was filled from.
    #[serde(default = "crate::id::first_version")]
    pub version: u32,
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
    /// Raised by every change to the record: a form sends back the one it was filled from.
    #[serde(default = "crate::id::first_version")]
    pub version: u32,
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

impl RoomInput {
    /// The room as typed, checked: a name in either language, at least one seat if any are
    /// given, both opening times or neither.
    pub(crate) fn checked(&self, id: Id, event_id: Id) -> Result<Room> {
        // Every field is checked, so that the dialog can show all its problems at once.
        let mut problems = Problems::default();
        let name = problems.check(self.name.clean_required("name", input::MAX_NAME));
        if self.capacity == Some(0) {
            problems.note(Error::invalid("capacity", Reason::InvalidValue, "a room seats at least one person"));
        }
        let hours = problems.check(OpeningHours::parse(self.opens.as_deref(), self.closes.as_deref()));
        problems.finish()?;
        let (Some(name), Some(hours)) = (name, hours) else {
            return Err(Error::internal("a room field passed its check without a value"));
        };
        Ok(Room { id, event_id, name, capacity: self.capacity, parallel: self.parallel, hours, version: 1 })
    }
}

/// How many confirmed participants signed up for one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signups {
    pub session_id: Id,
    pub confirmed: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_hours_read_arabic_indic_digits() {
        let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let hours = OpeningHours::parse(Some("٠٨:٣٠"), Some("۱۸:۰۰")).unwrap().unwrap();
        assert_eq!((hours.opens, hours.closes), (hm(8, 30), hm(18, 0)));
        assert_eq!(OpeningHours::parse(Some("٠٨:٣٠"), Some("٠٧:٠٠")).unwrap_err().reason, Reason::EndBeforeStart);
    }
}
