//! The programme in the frab/pretalx schedule JSON format that conference tooling reads (the
//! c3voc schedule schema): conference → days → rooms → events, times in the event's timezone.
//! Each session keeps its id as `guid`, and a number derived from it as `id`, so that a later
//! export of the same session carries the same identifiers.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::{json, Value};

use super::release::Snapshot;
use super::Session;
use crate::bilingual::Lang;
use crate::event::Event;

/// The room name under which sessions without a room are listed.
pub const NO_ROOM: &str = "(no room)";

/// The schedule of `snapshot` as a JSON value; `version` names what it is (a release or draft).
pub fn schedule(event: &Event, snapshot: &Snapshot, version: &str) -> Value {
    let tz = event.tz();
    let days_count = (event.end_date - event.start_date).num_days() + 1;
    let mut by_day: BTreeMap<NaiveDate, BTreeMap<String, Vec<Value>>> = BTreeMap::new();
    let mut day = event.start_date;
    while day <= event.end_date {
        by_day.entry(day).or_default();
        day = match day.succ_opt() {
            Some(next) => next,
            None => break,
        };
    }
    for s in &snapshot.sessions {
        let room = room_name(snapshot, s);
        let date = s.start.with_timezone(&tz).date_naive();
        by_day.entry(date).or_default().entry(room).or_default().push(session(snapshot, s, event));
    }
    let days: Vec<Value> = by_day
        .into_iter()
        .enumerate()
        .map(|(i, (date, rooms))| {
            let start = local_midnight(tz, date);
            let end = local_midnight(tz, date.succ_opt().unwrap_or(date));
            json!({
                "index": i + 1,
                "date": date.to_string(),
                "day_start": start,
                "day_end": end,
                "rooms": rooms,
            })
        })
        .collect();
    let rooms: Vec<Value> = snapshot
        .rooms
        .iter()
        .map(|r| json!({ "name": r.name.get(Lang::En), "guid": r.id.as_str(), "capacity": r.capacity }))
        .collect();
    json!({
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": { "name": "muntada", "version": env!("CARGO_PKG_VERSION") },
        "schedule": {
            "version": version,
            "conference": {
                "acronym": acronym(event),
                "title": event.title.get(Lang::En),
                "start": event.start_date.to_string(),
                "end": event.end_date.to_string(),
                "daysCount": days_count,
                "timeslot_duration": "00:05",
                "time_zone_name": event.timezone,
                "rooms": rooms,
                "tracks": [],
                "days": days,
            }
        }
    })
}

/// A stable integer id for a session: the last 48 bits of its UUID (random in a v7 id).
pub fn numeric_id(s: &Session) -> u64 {
    let hex: String = s.id.as_str().chars().filter(|c| c.is_ascii_hexdigit()).collect();
    u64::from_str_radix(&hex[hex.len().saturating_sub(12)..], 16).unwrap_or(0)
}

fn session(snapshot: &Snapshot, s: &Session, event: &Event) -> Value {
    let tz = event.tz();
    let start = s.start.with_timezone(&tz);
    let minutes = (s.end - s.start).num_minutes();
    let persons: Vec<Value> = snapshot
        .assignments
        .iter()
        .filter(|a| a.session_id == s.id)
        .filter_map(|a| {
            let p = snapshot.speakers.iter().find(|p| p.id == a.speaker_id)?;
            let honorific = p.honorific.get(Lang::En);
            let name = p.name.get(Lang::En);
            Some(json!({
                "guid": p.id.as_str(),
                "name": name,
                "public_name": if honorific.is_empty() { name.to_owned() } else { format!("{honorific} {name}") },
                "biography": p.bio.get(Lang::En),
                "role": a.role.as_str(),
            }))
        })
        .collect();
    json!({
        "guid": s.id.as_str(),
        "id": numeric_id(s),
        "date": start.to_rfc3339(),
        "start": start.format("%H:%M").to_string(),
        "duration": format!("{:02}:{:02}", minutes / 60, minutes % 60),
        "room": room_name(snapshot, s),
        "slug": format!("{}-{}", acronym(event), numeric_id(s)),
        "url": session_urn(s),
        "title": s.title.get(Lang::En),
        "subtitle": s.title.other(Lang::En).unwrap_or(""),
        "track": Value::Null,
        "type": s.kind.as_str(),
        "language": if s.title.en.is_empty() { "ar" } else { "en" },
        "abstract": "",
        "description": s.description.get(Lang::En),
        "logo": "",
        "persons": persons,
        "links": [],
        "attachments": [],
        "recording_license": "",
        // Recording a minister's or an ambassador's words needs their consent, which the
        // programme does not record: tooling that reads this must not assume it.
        "do_not_record": true,
    })
}

fn room_name(snapshot: &Snapshot, s: &Session) -> String {
    s.room_id
        .as_ref()
        .and_then(|r| snapshot.room(r))
        .map(|r| r.name.get(Lang::En).to_owned())
        .unwrap_or_else(|| NO_ROOM.to_owned())
}

/// Longest acronym we derive, cut at a word: long enough to tell events apart, short enough for
/// the file names and URLs conference apps build from it.
const ACRONYM_MAX: usize = 32;

/// The conference's acronym, as the c3voc schema wants it (`^[a-z0-9_-][a-z0-9_]{3,}…`): the
/// English title's words in lower-case ASCII (accents dropped: "Économie" → "economie") joined by
/// underscores, e.g. "doha_forum". A title too short for the schema's four characters, or in
/// Arabic only, gets the event's year: "un_2025", "event_2025".
pub fn acronym(event: &Event) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = event.title.get(Lang::En).nfd().filter(char::is_ascii).collect();
    let mut acronym = String::new();
    for word in folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        let word = word.to_ascii_lowercase();
        let sep = usize::from(!acronym.is_empty());
        if acronym.len() + sep + word.len() > ACRONYM_MAX {
            if acronym.is_empty() {
                acronym = word[..ACRONYM_MAX].to_owned();
            }
            break;
        }
        if sep == 1 {
            acronym.push('_');
        }
        acronym.push_str(&word);
    }
    if acronym.is_empty() {
        acronym.push_str("event");
    } else if acronym.len() >= 4 {
        return acronym;
    }
    format!("{acronym}_{}", event.start_date.format("%Y"))
}

/// A session's `url`: the schema wants a URI and the programme has no web page per session, so a
/// URN naming the session, which stays the same from one export to the next.
pub fn session_urn(s: &Session) -> String {
    format!("urn:uuid:{}", s.id.as_str())
}

fn local_midnight(tz: crate::time::Tz, date: NaiveDate) -> String {
    super::conflicts::day_start(tz, date).with_timezone(&tz).to_rfc3339()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bilingual::Bilingual;
    use crate::event::EventStatus;
    use crate::id::Id;

    fn check(title_en: &str, expected: &str) {
        let day = NaiveDate::from_ymd_opt(2025, 5, 20).unwrap();
        let now = chrono::Utc::now();
        let event = Event {
            version: 1,
            id: Id::new(),
            title: Bilingual::new(title_en, "منتدى الدوحة"),
            description: Bilingual::default(),
            venue: Bilingual::default(),
            city: Bilingual::default(),
            country: None,
            timezone: "Asia/Qatar".into(),
            start_date: day,
            end_date: day,
            organisers: Vec::new(),
            signatories: Vec::new(),
            arabic_digits: Default::default(),
            status: EventStatus::Draft,
            created_at: now,
            updated_at: now,
        };
        let acronym = acronym(&event);
        assert_eq!(acronym, expected, "{title_en:?}");
        // What the schema's pattern asks, spelled out: [a-z0-9_-] then at least 3 of [a-z0-9_].
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_';
        assert!(acronym.len() >= 4 && acronym.chars().all(allowed), "{acronym:?}");
    }

    #[test]
    fn acronyms_the_schema_accepts() {
        check("Doha Forum", "doha_forum");
        check("Annual Forum 2025", "annual_forum_2025");
        check("  H.E. — Youth & Peace!  ", "h_e_youth_peace");
        check("Forum de l'Économie", "forum_de_l_economie");
        check("First Annual Forum of Beneficiaries of Cooperation Programmes", "first_annual_forum_of");
        check("Supercalifragilisticexpialidocious-and-more-words", "supercalifragilisticexpialidocio");
        check("UN", "un_2025");
        check("", "event_2025");
        check("منتدى", "event_2025");
    }
}
