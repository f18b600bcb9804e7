//! Schedule releases: the programme is a draft until the organiser freezes it as a named
//! release; what changed between two releases (or a release and the draft) is a `Diff`.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Assignment, Role, Room, Session, Speaker};
use crate::bilingual::Bilingual;
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::input;
use crate::store::{Store, StoredRelease, Tx};

/// The name that means "the programme as it stands now", never a release's name.
pub const DRAFT: &str = "draft";

/// The programme frozen: what a release keeps and what exports and diffs read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    pub rooms: Vec<Room>,
    /// In time order.
    pub sessions: Vec<Session>,
    pub speakers: Vec<Speaker>,
    pub assignments: Vec<Assignment>,
}

impl Snapshot {
    pub fn room(&self, id: &Id) -> Option<&Room> {
        self.rooms.iter().find(|r| &r.id == id)
    }
}

/// A release as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReleaseInfo {
    pub id: Id,
    pub event_id: Id,
    pub name: String,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    pub sessions: u32,
}

/// What changed from one version of the programme to another.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Diff {
    pub added: Vec<SessionSlot>,
    /// Sessions no longer in the programme.
    pub cancelled: Vec<SessionSlot>,
    /// Sessions at another time or in another room.
    pub moved: Vec<Moved>,
    /// Sessions whose people or roles changed.
    pub people: Vec<PeopleChanged>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.cancelled.is_empty() && self.moved.is_empty() && self.people.is_empty()
    }
}

/// A session where and when it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionSlot {
    pub session_id: Id,
    pub title: Bilingual,
    #[ts(type = "string")]
    pub start: DateTime<Utc>,
    #[ts(type = "string")]
    pub end: DateTime<Utc>,
    pub room: Option<Bilingual>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Moved {
    pub from: SessionSlot,
    pub to: SessionSlot,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeopleChanged {
    pub session_id: Id,
    pub title: Bilingual,
    pub added: Vec<PersonRole>,
    pub removed: Vec<PersonRole>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonRole {
    pub speaker_id: Id,
    pub name: Bilingual,
    pub role: Role,
}

/// The event's programme as it stands now.
pub fn draft(tx: &Tx<'_>, event_id: &Id) -> Result<Snapshot> {
    Ok(Snapshot {
        rooms: tx.rooms().list(event_id)?,
        sessions: tx.sessions().list(event_id)?,
        speakers: tx.speakers().list(event_id)?,
        assignments: tx.sessions().assignments(event_id)?,
    })
}

/// Freezes the programme as it stands as a release called `name` (unique in the event).
pub fn create(tx: &Tx<'_>, event_id: &Id, name: &str, now: DateTime<Utc>) -> Result<ReleaseInfo> {
    let event_id = tx.events().resolve("event", event_id.as_str())?;
    let name = input::line("name", name, input::MAX_NAME)?;
    if name.is_empty() {
        return Err(Error::invalid("name", Reason::Required, "give the release a name, e.g. v1"));
    }
    if name.eq_ignore_ascii_case(DRAFT) {
        return Err(Error::invalid("name", Reason::InvalidValue, "\"draft\" names the current programme"));
    }
    if tx.releases().by_name(&event_id, &name)?.is_some() {
        return Err(Error::conflict(Some("name"), Reason::Duplicate, format!("a release {name:?} exists already")));
    }
    let snapshot = draft(tx, &event_id)?;
    let stored = StoredRelease {
        id: Id::new(),
        event_id,
        name,
        created_at: now,
        snapshot: serde_json::to_string(&snapshot).map_err(|e| Error::internal(e.to_string()))?,
    };
    tx.releases().insert(&stored)?;
    Ok(info(&stored, &snapshot))
}

/// The event's releases, oldest first.
pub fn list(store: &Store, event_id: &str) -> Result<Vec<ReleaseInfo>> {
    let event_id = store.events().resolve("event", event_id)?;
    store.releases().list(&event_id)?.iter().map(|r| Ok(info(r, &parse(r)?))).collect()
}

/// The programme of the release called `name`, or the draft for `draft`.
pub fn snapshot(store: &Store, event_id: &Id, field: &str, name: &str) -> Result<Snapshot> {
    let name = name.trim();
    if name.eq_ignore_ascii_case(DRAFT) {
        return store.read(|tx| draft(tx, event_id));
    }
    match store.releases().by_name(event_id, name)? {
        Some(release) => parse(&release),
        None => Err(Error::not_found(field, "release", name)),
    }
}

/// What changed from release `from` to release `to` (either may be `draft`).
pub fn diff_named(store: &Store, event_id: &str, from: &str, to: &str) -> Result<Diff> {
    let event_id = store.events().resolve("event", event_id)?;
    Ok(diff(&snapshot(store, &event_id, "from", from)?, &snapshot(store, &event_id, "to", to)?))
}

/// What changed from `from` to `to`, each list in the order of the sessions' times.
pub fn diff(from: &Snapshot, to: &Snapshot) -> Diff {
    let before: HashMap<&Id, &Session> = from.sessions.iter().map(|s| (&s.id, s)).collect();
    let after: HashMap<&Id, &Session> = to.sessions.iter().map(|s| (&s.id, s)).collect();
    let mut d = Diff {
        added: to.sessions.iter().filter(|s| !before.contains_key(&s.id)).map(|s| slot(to, s)).collect(),
        cancelled: from.sessions.iter().filter(|s| !after.contains_key(&s.id)).map(|s| slot(from, s)).collect(),
        ..Diff::default()
    };
    let people = |snap: &Snapshot| -> HashMap<Id, BTreeSet<(Id, Role)>> {
        let mut map: HashMap<Id, BTreeSet<(Id, Role)>> = HashMap::new();
        for a in &snap.assignments {
            map.entry(a.session_id.clone()).or_default().insert((a.speaker_id.clone(), a.role));
        }
        map
    };
    let (people_before, people_after) = (people(from), people(to));
    let empty = BTreeSet::new();
    for new in &to.sessions {
        let Some(old) = before.get(&new.id) else { continue };
        if (old.start, old.end, &old.room_id) != (new.start, new.end, &new.room_id) {
            d.moved.push(Moved { from: slot(from, old), to: slot(to, new) });
        }
        let (was, is) = (people_before.get(&new.id).unwrap_or(&empty), people_after.get(&new.id).unwrap_or(&empty));
        if was != is {
            let person = |snap: &Snapshot, (id, role): &(Id, Role)| PersonRole {
                speaker_id: id.clone(),
                name: snap.speakers.iter().find(|s| &s.id == id).map(|s| s.name.clone()).unwrap_or_default(),
                role: *role,
            };
            d.people.push(PeopleChanged {
                session_id: new.id.clone(),
                title: new.title.clone(),
                added: is.difference(was).map(|p| person(to, p)).collect(),
                removed: was.difference(is).map(|p| person(from, p)).collect(),
            });
        }
    }
    d
}

fn slot(snap: &Snapshot, s: &Session) -> SessionSlot {
    SessionSlot {
        session_id: s.id.clone(),
        title: s.title.clone(),
        start: s.start,
        end: s.end,
        room: s.room_id.as_ref().and_then(|r| snap.room(r)).map(|r| r.name.clone()),
    }
}

fn parse(r: &StoredRelease) -> Result<Snapshot> {
    serde_json::from_str(&r.snapshot).map_err(|e| Error::storage(format!("the release {:?} is damaged: {e}", r.name)))
}

fn info(r: &StoredRelease, snapshot: &Snapshot) -> ReleaseInfo {
    ReleaseInfo {
        id: r.id.clone(),
        event_id: r.event_id.clone(),
        name: r.name.clone(),
        created_at: r.created_at,
        sessions: snapshot.sessions.len() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programme::SessionKind;
    use chrono::TimeZone;

    fn session(title: &str, hour: u32, room: Option<&Room>) -> Session {
        Session {
            version: 1,
            id: Id::new(),
            event_id: Id::new(),
            room_id: room.map(|r| r.id.clone()),
            title: Bilingual::new(title, ""),
            description: Bilingual::default(),
            kind: SessionKind::Panel,
            start: Utc.with_ymd_and_hms(2025, 5, 20, hour, 0, 0).unwrap(),
            end: Utc.with_ymd_and_hms(2025, 5, 20, hour + 1, 0, 0).unwrap(),
        }
    }

    fn room(name: &str) -> Room {
        Room {
            version: 1,
            id: Id::new(),
            event_id: Id::new(),
            name: Bilingual::new(name, ""),
            capacity: None,
            parallel: false,
            hours: None,
        }
    }

    fn speaker(name: &str) -> Speaker {
        Speaker {
            version: 1,
            id: Id::new(),
            event_id: Id::new(),
            participant_id: None,
            honorific: Bilingual::default(),
            name: Bilingual::new(name, ""),
            position: Bilingual::default(),
            organisation: Bilingual::default(),
            country: None,
            email: None,
            bio: Bilingual::default(),
        }
    }

    /// A diff written one change a line: "added X", "cancelled X", "moved X 9:00 hall -> 10:00
    /// annex", "people X +amina:chair -omar:speaker".
    fn render(d: &Diff) -> Vec<String> {
        let at = |s: &SessionSlot| {
            format!("{}:00 {}", s.start.format("%-H"), s.room.as_ref().map(|r| r.en.as_str()).unwrap_or("-"))
        };
        let mut lines = Vec::new();
        lines.extend(d.added.iter().map(|s| format!("added {}", s.title.en)));
        lines.extend(d.cancelled.iter().map(|s| format!("cancelled {}", s.title.en)));
        lines.extend(d.moved.iter().map(|m| format!("moved {} {} -> {}", m.to.title.en, at(&m.from), at(&m.to))));
        for p in &d.people {
            let mut line = format!("people {}", p.title.en);
            for a in &p.added {
                line += &format!(" +{}:{}", a.name.en, a.role.as_str());
            }
            for r in &p.removed {
                line += &format!(" -{}:{}", r.name.en, r.role.as_str());
            }
            lines.push(line);
        }
        lines
    }

    fn check(edit: impl FnOnce(&mut Snapshot), expected: &[&str]) {
        let (hall, annex) = (room("hall"), room("annex"));
        let (amina, omar) = (speaker("amina"), speaker("omar"));
        let opening = session("Opening", 9, Some(&hall));
        let panel = session("Panel", 10, Some(&annex));
        let assign =
            |s: &Session, p: &Speaker, role| Assignment { session_id: s.id.clone(), speaker_id: p.id.clone(), role };
        let before = Snapshot {
            rooms: vec![hall, annex],
            assignments: vec![assign(&opening, &amina, Role::Chair), assign(&panel, &omar, Role::Speaker)],
            sessions: vec![opening, panel],
            speakers: vec![amina, omar],
        };
        let mut after = before.clone();
        edit(&mut after);
        assert_eq!(render(&diff(&before, &after)), expected);
        assert_eq!(diff(&before, &after).is_empty(), expected.is_empty());
    }

    #[test]
    fn diffs() {
        check(|_| {}, &[]);
        check(|s| s.sessions[0].start += chrono::Duration::hours(1), &["moved Opening 9:00 hall -> 10:00 hall"]);
        check(|s| s.sessions[1].room_id = Some(s.rooms[0].id.clone()), &["moved Panel 10:00 annex -> 10:00 hall"]);
        // A longer session has moved too (its end).
        check(|s| s.sessions[1].end += chrono::Duration::hours(1), &["moved Panel 10:00 annex -> 10:00 annex"]);
        check(
            |s| {
                s.sessions.remove(0);
                s.sessions.push(session("Closing", 16, None));
            },
            &["added Closing", "cancelled Opening"],
        );
        check(
            |s| {
                s.assignments[0].role = Role::Moderator;
                let omar = s.speakers[1].id.clone();
                s.assignments.push(Assignment {
                    session_id: s.sessions[0].id.clone(),
                    speaker_id: omar,
                    role: Role::Rapporteur,
                });
                s.assignments.remove(1);
            },
            &["people Opening +amina:moderator +omar:rapporteur -amina:chair", "people Panel -omar:speaker"],
        );
        // Renaming a speaker or a room changes no session's slot or people.
        check(|s| s.speakers[0].name.en = "Amina Y.".into(), &[]);
    }
}
