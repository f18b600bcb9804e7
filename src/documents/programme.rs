//! The programme, day by day (time, room, session and kind, the people with their roles and
//! honorifics), and the sheets for the door of each room. Both read a `Snapshot`: the draft
//! or a release.

use std::collections::BTreeMap;

use crate::time::Tz;
use chrono::NaiveDate;

use super::{document, label};
use crate::bilingual::Lang;
use crate::event::Event;
use crate::pdf::{Block, Column, Document, Paragraph, Row, Table};
use crate::programme::release::{Snapshot, DRAFT};
use crate::programme::Session;
use crate::time::{format_date, format_date_range};

/// The whole programme, one heading and one table per day.
pub fn programme(event: &Event, snapshot: &Snapshot, version: &str, lang: Lang) -> Document {
    let l = |en, ar| label(lang, en, ar);
    let tz = event.tz();
    let mut doc = document(event, lang, format!("{} — {}", event.title.get(lang), l("Programme", "البرنامج")));
    doc.blocks.push(Block::Heading { level: 1, text: l("Programme", "البرنامج") });
    doc.blocks.push(Block::Paragraph(Paragraph::text(subtitle(event, version, lang))));
    if snapshot.sessions.is_empty() {
        doc.blocks.push(Block::Paragraph(Paragraph::text(l("No sessions yet.", "لا توجد جلسات بعد."))));
    }
    for (day, sessions) in by_day(&snapshot.sessions, tz) {
        doc.blocks.push(Block::Heading { level: 2, text: format_date(day, lang) });
        doc.blocks.push(day_table(snapshot, &sessions, tz, lang, Columns::WithRoom));
    }
    doc
}

/// One page (or more) per room for its door: the room's sessions day by day.
pub fn door_sheets(event: &Event, snapshot: &Snapshot, version: &str, lang: Lang) -> Document {
    let l = |en, ar| label(lang, en, ar);
    let tz = event.tz();
    let mut doc = document(event, lang, format!("{} — {}", event.title.get(lang), l("Door sheets", "لوحات القاعات")));
    let mut first = true;
    for room in &snapshot.rooms {
        let sessions: Vec<Session> =
            snapshot.sessions.iter().filter(|s| s.room_id.as_ref() == Some(&room.id)).cloned().collect();
        if !first {
            doc.blocks.push(Block::PageBreak);
        }
        first = false;
        doc.blocks.push(Block::Heading { level: 1, text: room.name.get(lang).to_owned() });
        doc.blocks.push(Block::Paragraph(Paragraph::text(subtitle(event, version, lang))));
        if sessions.is_empty() {
            doc.blocks.push(Block::Paragraph(Paragraph::text(l("No sessions here.", "لا توجد جلسات في هذه القاعة."))));
        }
        for (day, sessions) in by_day(&sessions, tz) {
            doc.blocks.push(Block::Heading { level: 2, text: format_date(day, lang) });
            doc.blocks.push(day_table(snapshot, &sessions, tz, lang, Columns::WithoutRoom));
        }
    }
    if first {
        doc.blocks.push(Block::Paragraph(Paragraph::text(l("No rooms yet.", "لا توجد قاعات بعد."))));
    }
    doc
}

/// Whether a day's table names the room (the programme) or not (a room's door sheet).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Columns {
    WithRoom,
    WithoutRoom,
}

/// One day's sessions: time, (room,) title and kind, people with their roles.
fn day_table(snapshot: &Snapshot, sessions: &[&Session], tz: Tz, lang: Lang, columns: Columns) -> Block {
    let l = |en, ar| label(lang, en, ar);
    let with_room = columns == Columns::WithRoom;
    let rows = sessions
        .iter()
        .map(|s| {
            let mut cells = vec![times(s, tz)];
            if with_room {
                cells.push(room(snapshot, s, lang));
            }
            cells.push(format!("{}\n{}", s.title.marked(lang), s.kind.label(lang)));
            cells.push(people(snapshot, s, lang));
            Row::Cells(cells)
        })
        .collect();
    let mut header = vec![Column::new(l("Time", "الوقت"), 1.3)];
    if with_room {
        header.push(Column::new(l("Room", "القاعة"), 1.6));
    }
    header.push(Column::new(l("Session", "الجلسة"), 3.3));
    header.push(Column::new(l("People", "المشاركون في الجلسة"), 3.4));
    Block::Table(Table { columns: header, rows, repeat_header: true })
}

fn subtitle(event: &Event, version: &str, lang: Lang) -> String {
    let l = |en, ar| label(lang, en, ar);
    let dates = format_date_range(event.start_date, event.end_date, lang);
    let version = if version.trim().eq_ignore_ascii_case(DRAFT) {
        l("Draft", "مسودة")
    } else {
        format!("{} {}", l("Release", "الإصدار"), version.trim())
    };
    let times = format!("{} {}", l("Times in", "التوقيت بحسب"), crate::reference::zone_name(&event.timezone, lang));
    [dates, times, version].join(l(" · ", " · ").as_str())
}

/// Sessions grouped by their local start date, in time order.
fn by_day(sessions: &[Session], tz: Tz) -> BTreeMap<NaiveDate, Vec<&Session>> {
    let mut days: BTreeMap<NaiveDate, Vec<&Session>> = BTreeMap::new();
    for s in sessions {
        days.entry(s.start.with_timezone(&tz).date_naive()).or_default().push(s);
    }
    for list in days.values_mut() {
        list.sort_by_key(|s| (s.start, s.end));
    }
    days
}

fn times(s: &Session, tz: Tz) -> String {
    format!("{}–{}", s.start.with_timezone(&tz).format("%H:%M"), s.end.with_timezone(&tz).format("%H:%M"))
}

fn room(snapshot: &Snapshot, s: &Session, lang: Lang) -> String {
    s.room_id.as_ref().and_then(|r| snapshot.room(r)).map(|r| r.name.get(lang).to_owned()).unwrap_or_default()
}

/// "Chair: H.E. Amina Yusuf", one person a line, in the order they were given their roles.
fn people(snapshot: &Snapshot, s: &Session, lang: Lang) -> String {
    let mut lines = Vec::new();
    for a in snapshot.assignments.iter().filter(|a| a.session_id == s.id) {
        if let Some(p) = snapshot.speakers.iter().find(|p| p.id == a.speaker_id) {
            let (honorific, name) = (p.honorific.get(lang), p.name.get(lang));
            let who = if honorific.is_empty() { name.to_owned() } else { format!("{honorific} {name}") };
            lines.push(format!("{}: {who}", a.role.label(lang)));
        }
    }
    lines.join("\n")
}
